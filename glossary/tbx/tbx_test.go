package tbx

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/glossarytest"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// shared returns ../shared relative to the module root, or skips.
func shared(t testing.TB) string {
	t.Helper()
	return sharedtest.Dir(t)
}

func TestWriteGolden(t *testing.T) {
	for name, cs := range map[string][]glossary.Concept{"rich.tbx": sample(), "empty.tbx": nil} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, cs); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), buf.String()); diff != "" {
				t.Errorf("Write differs from %s (-want +got), run go test -update:\n%s", golden, diff)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	got, _, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(glossarytest.Canonical(sample()), got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Read(Write(sample)) (-want +got):\n%s", diff)
	}
}

func TestWriteRefuses(t *testing.T) {
	tests := []struct {
		name string
		cs   []glossary.Concept
		want error
	}{
		// Concept validation refuses a control character before the
		// writer's own XML check (ErrText) sees it.
		{"control character", []glossary.Concept{{ID: "a", Terms: []glossary.Term{{Lang: "nl", Text: "a\x01b"}}}}, glossary.ErrInvalid},
		{"invalid concept", []glossary.Concept{{ID: "a"}}, glossary.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(&bytes.Buffer{}, tt.cs)
			if !errors.Is(err, tt.want) {
				t.Errorf("Write: %v, want %v", err, tt.want)
			}
		})
	}
	err := Write(&bytes.Buffer{}, []glossary.Concept{
		{ID: "a", Terms: []glossary.Term{{Lang: "nl", Text: "a"}}},
		{ID: "a", Terms: []glossary.Term{{Lang: "nl", Text: "b"}}},
	})
	if err == nil || !strings.Contains(err.Error(), "same id") {
		t.Errorf("Write with a repeated id: %v, want an error naming it", err)
	}
}
