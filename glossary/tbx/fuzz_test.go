package tbx

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tolk-nl/tolk/glossary/internal/glossarytest"
)

// FuzzRead checks that Read never panics, returns only valid concepts,
// and that what it returns survives Write and Read unchanged. Seeds: the
// files in testdata and the corpus in testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.tbx")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		cs, _, err := Read(bytes.NewReader(in))
		if err != nil {
			if cs != nil {
				t.Fatalf("Read returned concepts with error %v", err)
			}
			return
		}
		for i := range cs {
			if err := cs[i].Validate(); err != nil {
				t.Fatalf("Read returned an invalid concept: %v", err)
			}
		}
		var buf bytes.Buffer
		if err := Write(&buf, cs); err != nil {
			if errors.Is(err, ErrText) {
				return // character references to control characters
			}
			t.Fatalf("Write(Read(in)): %v", err)
		}
		again, _, err := Read(&buf)
		if err != nil {
			t.Fatalf("Read(Write(Read(in))): %v\n%s", err, buf.String())
		}
		for i := range cs {
			if cs[i].ID == "" && i < len(again) {
				again[i].ID = "" // Write had to invent one
			}
		}
		if diff := cmp.Diff(glossarytest.Canonical(cs), again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Read(Write(Read(in))) (-first +second):\n%s", diff)
		}
	})
}
