package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/corpus"
)

// TestSplitterSnapshot: the first Open of a directory writes the
// splitter's snapshot, the next start reads it and splits as the built
// splitter does; a damaged snapshot or another glossary is built again
// (and written by the next Open); LoadSplitter itself writes nothing.
func TestSplitterSnapshot(t *testing.T) {
	ctx := context.Background()
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, splitterFile)
	load := func(cs []glossary.Concept, wantRead bool) Config {
		t.Helper()
		sp, read, err := LoadSplitter(dir, cs, corpus.Default())
		if err != nil {
			t.Fatal(err)
		}
		if read != wantRead {
			t.Fatalf("read from the snapshot: %v, want %v", read, wantRead)
		}
		return Config{DataDir: dir, Corpus: corpus.Default(), Glossary: cs, Splitter: sp, SplitterSnapshot: !read}
	}
	open := func(cfg Config) {
		t.Helper()
		a, err := Open(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		a.Close()
	}

	built := load(curated, false)
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("LoadSplitter touched the directory: %v", err)
	}
	open(built)
	read := load(curated, true)
	for _, w := range []string{"veiligheidsdreigingen", "vredesmissie", "terrorismebestrijding", "staatsgreep", "Mali"} {
		if d := cmp.Diff(built.Splitter.Split(w), read.Splitter.Split(w)); d != "" {
			t.Errorf("Split(%q) (-built +read):\n%s", w, d)
		}
	}

	// Another glossary: the snapshot is stale, built again, rewritten.
	other := curated[:len(curated)-1]
	open(load(other, false))
	load(other, true)

	// Damaged: built again; the next Open writes it whole.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	open(load(other, false))
	load(other, true)
}
