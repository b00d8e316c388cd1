package app

import (
	"context"
	"slices"
	"testing"

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
