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

// TestNamesInTheLetterWhole checks, through a Dutch search of the shipped
// letter, that the names it shares with the word list stay whole although
// the corpus and the glossary name them (decompound, TestExtraName): rijk,
// frank and veld find no Frankrijk and no Bijleveld, the names themselves
// are found, and the compounds the letter builds on a term still split
// (ontwikkelingssamenwerking for samenwerking).
func TestNamesInTheLetterWhole(t *testing.T) {
	a := openShipped(t)
	for _, q := range []string{"rijk", "frank", "veld", "bijl"} {
		if res := searchNL(t, a, q); res.Total != 0 {
			t.Errorf("%q: %d hits (%v), want none: the letter has the word only inside a name", q, res.Total, hitDocs(res))
		}
	}
	for _, q := range []string{"Frankrijk", "Bijleveld", "samenwerking"} {
		if res := searchNL(t, a, q); res.Total == 0 {
			t.Errorf("%q: no hits, want the letter's passages", q)
		}
	}
}
