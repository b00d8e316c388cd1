package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDefaultTMPath(t *testing.T) {
	// A working directory with shared/data/… beside it, two levels up.
	root := t.TempDir()
	pairs := filepath.Join(root, treatyPairs)
	if err := os.MkdirAll(filepath.Dir(pairs), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pairs, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	wd := filepath.Join(root, "tolk", "cmd")
	if err := os.MkdirAll(wd, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(wd)
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "TOLK_TM_SEED" {
				return v
			}
			return ""
		}
	}
	tests := []struct {
		name, flag, env, want string
	}{
		{"flag", "/x/pairs.jsonl.gz", "/y", "/x/pairs.jsonl.gz"},
		{"environment", "", "/y/pairs.jsonl.gz", "/y/pairs.jsonl.gz"},
		{"flag none", "none", "/y", ""},
		{"environment none", "", "none", ""},
		{"found beside a parent", "", "", filepath.Join(wd, "..", "..", treatyPairs)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := defaultTMPath(tt.flag, env(tt.env)); got != tt.want {
				t.Errorf("defaultTMPath(%q, env %q) = %q, want %q", tt.flag, tt.env, got, tt.want)
			}
		})
	}
	t.Run("nowhere", func(t *testing.T) {
		// Deeper than the parents looked at, so that nothing outside the
		// temporary directory is found.
		deep := filepath.Join(t.TempDir(), "a", "b", "c", "d", "e")
		if err := os.MkdirAll(deep, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Chdir(deep)
		if got := defaultTMPath("", env("")); got != "" {
			t.Errorf("no treaty pairs anywhere: got %q", got)
		}
	})
}
