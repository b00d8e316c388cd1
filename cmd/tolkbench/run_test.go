package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMDPercent checks the even spread of -percent across several files.
func TestMDPercent(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, ids ...string) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		zw := gzip.NewWriter(f)
		for _, id := range ids {
			fmt.Fprintf(zw, "{\"id\":%q,\"text\":\"tekst van %s\"}\n", id, id)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p
	}
	a := write("a.jsonl.gz", "A0", "A1", "A2", "A3", "A4")
	b := write("b.jsonl.gz", "B0", "B1", "B2")
	for _, tc := range []struct {
		name    string
		percent string
		want    []string
	}{
		{"all", "100", []string{"A0", "A1", "A2", "A3", "A4", "B0", "B1", "B2"}},
		{"half", "50", []string{"A1", "A3", "B0", "B2"}},
		{"quarter", "25", []string{"A3", "B2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "md")
			if err := mdCmd([]string{"-out", out, "-percent", tc.percent, a, b}, io.Discard); err != nil {
				t.Fatal(err)
			}
			ents, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range ents {
				got = append(got, strings.TrimSuffix(e.Name(), ".md"))
				text, _ := os.ReadFile(filepath.Join(out, e.Name()))
				id := got[len(got)-1]
				if want := "---\nidentifier: " + id + "\n---\ntekst van " + id; string(text) != want {
					t.Errorf("%s holds %q, want %q", e.Name(), text, want)
				}
			}
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
