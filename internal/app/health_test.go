package app

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestStats: the counts agree with what was stored, and the sizes with the
// files on disk.
func TestStats(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openDir(t, dir)
	if _, err := a.AddDocument(ctx, "brief.txt", []byte("Geachte voorzitter,\n\nDe begroting is vastgesteld.\n\nHet verdrag is getekend.\n"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateConcept(glossary.Concept{Terms: []glossary.Term{{Lang: "nl", Text: "begroting"}, {Lang: "en", Text: "budget"}}}, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte("de begroting\tthe budget\nhet verdrag\tthe treaty\n"), Name: "t.tsv", Who: "test"}); err != nil {
		t.Fatal(err)
	}
	got, err := a.Stats()
	if err != nil {
		t.Fatal(err)
	}
	passages, err := a.Index().Count()
	if err != nil {
		t.Fatal(err)
	}
	var indexBytes int64
	filepath.WalkDir(filepath.Join(dir, "index"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			fi, _ := d.Info()
			indexBytes += fi.Size()
		}
		return nil
	})
	db, err := os.Stat(filepath.Join(dir, "tolk.db"))
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Documents: 1, Passages: passages, Concepts: 1, Segments: 2, IndexBytes: indexBytes, StoreBytes: db.Size()}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
	if got.Passages < 2 || got.IndexBytes == 0 || got.StoreBytes == 0 {
		t.Errorf("Stats %+v: want at least 2 passages and non-zero sizes", got)
	}
}

// TestReady: an open App is ready; with its index or its store closed it
// is not, and the error names the part.
func TestReady(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		part string // what to close; "" for none, ready
	}{
		{"open", ""},
		{"index closed", "index"},
		{"store closed", "store"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Open(ctx, Config{DataDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			// The lexicon Open reads in the background uses the index:
			// it is in before a part is closed under it.
			a.Lexicon()
			// Closing a part twice panics in bleve: the cleanup closes
			// the parts the case left open.
			t.Cleanup(func() {
				a.tmem.idx.Close()
				if tc.part != "index" {
					a.idx.Close()
				}
				if tc.part != "store" {
					a.store.Close()
				}
			})
			switch tc.part {
			case "index":
				err = a.idx.Close()
			case "store":
				err = a.store.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
			err = a.Ready(ctx)
			var ue *UnavailableError
			switch {
			case tc.part == "" && err != nil:
				t.Errorf("Ready: %v, want nil", err)
			case tc.part != "" && !errors.As(err, &ue):
				t.Errorf("Ready: %v, want an *UnavailableError", err)
			case tc.part != "" && ue.Part != tc.part:
				t.Errorf("Ready: part %q (%v), want %q", ue.Part, err, tc.part)
			}
		})
	}
}
