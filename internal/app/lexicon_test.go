package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

// serviceApp opens an in-memory App built as cmd/tolk builds the
// service's: the curated glossary and the compound splitter over the
// default corpus.
func serviceApp(t *testing.T) *App {
	t.Helper()
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	sp, err := NewSplitter(curated, corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	a, err := Open(context.Background(), Config{Memory: true, Corpus: corpus.Default(), Glossary: curated, Splitter: sp})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// TestShippedLexiconAnalysis fails when the analysis changed and the
// shipped lexicon was not generated again: its keys would no longer be
// the index's.
func TestShippedLexiconAnalysis(t *testing.T) {
	l, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	a := serviceApp(t)
	if got, want := l.Analysis, a.Index().Analysis(); got != want {
		t.Errorf("the shipped lexicon was built for the analysis %q, the service's index has %q: "+
			"run `go generate ./tm/lexicon` (needs ../shared) and commit tm/lexicon/default.lex.gz", got, want)
	}
	if a.Lexicon() != l {
		t.Errorf("the App does not use the shipped lexicon")
	}
}

// TestShippedLexiconTranslations checks government words by hand: the
// Dutch key the service's index gives the expected translation is among
// the three best translations of the English key the service looks up.
func TestShippedLexiconTranslations(t *testing.T) {
	l, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix := serviceApp(t).Index()
	tests := []struct{ en, nl string }{
		{en: "treaty", nl: "verdrag"},
		{en: "government", nl: "regering"},
		{en: "territory", nl: "grondgebied"},
		{en: "tax", nl: "belasting"},
		{en: "signature", nl: "ondertekening"},
		{en: "Netherlands", nl: "Nederland"},
		{en: "Kingdom", nl: "Koninkrijk"},
		{en: "ratification", nl: "bekrachtiging"},
		{en: "dividends", nl: "dividenden"},
		{en: "resident", nl: "inwoner"},
	}
	for _, tt := range tests {
		t.Run(tt.en, func(t *testing.T) {
			en, nl := ix.Keys("en", tt.en), ix.Keys("nl", tt.nl)
			if len(en) != 1 || len(nl) == 0 {
				t.Fatalf("keys %q → %v, %q → %v: want one English key and a Dutch one", tt.en, en, tt.nl, nl)
			}
			// A Dutch compound is followed by its parts: the first key
			// is the whole word's.
			got := l.Lookup("en", en[0])
			var top []string
			for _, tr := range got[:min(3, len(got))] {
				top = append(top, tr.Word)
			}
			if !slices.Contains(top, nl[0]) {
				t.Errorf("%s (%s) → %v, want %s among them", tt.en, en[0], got[:min(5, len(got))], nl[0])
			}
			// And back: the English key is among the Dutch key's
			// translations.
			back := l.Lookup("nl", nl[0])
			var words []string
			for _, tr := range back {
				words = append(words, tr.Word)
			}
			if !slices.Contains(words, en[0]) {
				t.Errorf("%s (%s) → %v, want %s among them", tt.nl, nl[0], back, en[0])
			}
		})
	}
}

// TestRetrainLexicon: a lexicon trained from the TM and kept in the data
// directory, which an upgrade made one of another analysis, is trained
// again from the TM in the background at the next start when the Config
// asks (as tolk serve does), kept, and used; without it the shipped one is
// used and nothing is trained.
func TestRetrainLexicon(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cfg := Config{DataDir: dir}
	a, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	tsv := "de begroting\tthe budget\nhet verdrag\tthe treaty\nde begroting van het verdrag\tthe budget of the treaty\n"
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte(tsv), Name: "t.tsv", Who: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := a.TrainTMLexicon(ctx, io.Discard); err != nil {
		t.Fatal(err)
	}
	a.Close()
	// What an older analysis would have written.
	path := filepath.Join(dir, lexiconFile)
	old := lexicon.Train([]lexicon.Pair{{NL: []string{"begrot"}, EN: []string{"budget"}}}, "tolk-analysis/0", lexicon.Options{})
	if err := writeLexicon(path, old); err != nil {
		t.Fatal(err)
	}

	a, err = Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if l := a.Lexicon(); l.Analysis == old.Analysis || l.Segments == 3 {
		t.Errorf("without RetrainLexicon: lexicon of %q, %d segments; want the shipped one", l.Analysis, l.Segments)
	}
	a.Close()
	if l := readLexiconFile(t, path); l.Analysis != old.Analysis {
		t.Fatalf("without RetrainLexicon the file was rewritten (%q)", l.Analysis)
	}

	cfg.RetrainLexicon = true
	a, err = Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for a.Lexicon().Segments != 3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	l := a.Lexicon()
	a.Close()
	if l.Segments != 3 || l.Analysis != a.idx.Analysis() {
		t.Fatalf("with RetrainLexicon: lexicon of %q, %d segments; want the TM's 3 for %q", l.Analysis, l.Segments, a.idx.Analysis())
	}
	if f := readLexiconFile(t, path); f.Analysis != l.Analysis || f.Segments != 3 {
		t.Errorf("the file holds %q, %d segments; want the retrained lexicon", f.Analysis, f.Segments)
	}
}

func readLexiconFile(t *testing.T, path string) *lexicon.Lexicon {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := lexicon.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
