package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// openShipped opens the service as it ships, in memory: the default
// corpus, the curated glossary and the splitter built from both. It is
// closed when the test ends.
func openShipped(tb testing.TB) *App {
	tb.Helper()
	return openShippedIn(tb, Config{Memory: true})
}

// openShippedOnDisk is openShipped with a data directory, as a server
// keeps its data: the in-memory index never merges its segments, so each
// document added one by one would stay a segment every search visits.
func openShippedOnDisk(tb testing.TB) *App {
	tb.Helper()
	return openShippedIn(tb, Config{DataDir: tb.TempDir()})
}

// openShippedIn opens cfg with the shipped corpus, glossary and splitter.
func openShippedIn(tb testing.TB, cfg Config) *App {
	tb.Helper()
	curated, err := glossary.Curated()
	if err != nil {
		tb.Fatal(err)
	}
	sp, err := NewSplitter(curated, corpus.Default())
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Corpus, cfg.Glossary, cfg.Splitter = corpus.Default(), curated, sp
	a, err := Open(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Close() })
	return a
}

// englishTestApp is the service as it ships (the Mali letter, the curated
// glossary, the shipped lexicon) plus a few treaty-like Dutch documents.
func englishTestApp(t *testing.T) *App {
	t.Helper()
	a := openShipped(t)
	if a.Lexicon() == nil {
		t.Fatal("no lexicon loaded")
	}
	docs := map[string]string{
		"dividenden.md":  "####Dividenden\n\nDividenden betaald door een lichaam dat inwoner is van een Verdragsluitende Staat aan een inwoner van de andere Verdragsluitende Staat mogen in die andere Staat worden belast.",
		"beeindiging.md": "####Beëindiging\n\nDit Verdrag blijft van kracht totdat het door een van de Verdragsluitende Staten wordt beëindigd.",
		"kazachstan.md":  "####Toepassingsgebied\n\nDeze Overeenkomst is van toepassing op het grondgebied van Kazachstan en van het Koninkrijk der Nederlanden.",
		"aspirine.md":    "Het verdrag regelt ook de invoer van aspirine en andere geneesmiddelen.",
		"raad.md":        "####Ondertekening\n\nDit Verdrag staat open voor ondertekening door de Lid-Staten van de Raad van Europa.",
	}
	addTexts(t, a, docs)
	return a
}

// addTexts adds each named text to a as an uploaded document.
func addTexts(t *testing.T, a *App, docs map[string]string) {
	t.Helper()
	for name, text := range docs {
		if _, err := a.AddDocument(context.Background(), name, []byte(text), ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestEnglishSearchThroughLexicon checks the ways an English query reaches
// Dutch text (issue 9): lexicon senses with their probability, names as
// written, cognates through the Dutch analysis, stop words dropped, no
// "correction" of correctly spelled English, false equivalents in the
// glossary not followed, and pasted text never refused.
func TestEnglishSearchThroughLexicon(t *testing.T) {
	a := englishTestApp(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name, q  string
		wantDoc  string // the first hit's document
		wantVia  string // how some word of the query matched in it
		wantWord string // ... which word
	}{
		{"lexicon", "Dividends paid by a company which is a resident of a Contracting State", "dividenden", "lexicon", "Dividends"},
		{"heading", "Termination", "beeindiging", "", ""},
		{"name as written", "the territory of Kazakhstan", "kazachstan", "", ""},
		{"cognate", "aspirin", "aspirine", "cognate", "aspirin"},
		{"pasted list markers", "1. a) Dividends paid (i) by a company;", "dividenden", "lexicon", "Dividends"},
		{"false equivalent", "open for signature by the member States of the Council of Europe", "raad", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := a.BilingualSearch(ctx, SearchRequest{Q: tc.q, Lang: "en"})
			if err != nil {
				t.Fatalf("%q: %v", tc.q, err)
			}
			if len(res.Hits) == 0 {
				t.Fatalf("%q: no hits; senses %+v", tc.q, res.Senses)
			}
			if got := res.Hits[0].Doc; got != tc.wantDoc {
				t.Fatalf("%q: first hit in %s, want %s; senses %+v", tc.q, got, tc.wantDoc, res.Senses)
			}
			if res.DidYouMean != "" {
				t.Errorf("%q: did_you_mean %q for correctly spelled English", tc.q, res.DidYouMean)
			}
			if tc.wantVia == "" {
				return
			}
			for _, m := range res.Hits[0].Matched {
				if m.Query == tc.wantWord && m.Via == tc.wantVia {
					if m.Via == "lexicon" && (m.P <= 0 || m.P > 1) {
						t.Errorf("%q: lexicon match without a probability: %+v", tc.q, m)
					}
					return
				}
			}
			t.Errorf("%q: %s not matched via %s: %+v", tc.q, tc.wantWord, tc.wantVia, res.Hits[0].Matched)
		})
	}
}

// TestEnglishSenses checks what the answer says each word was searched
// as.
func TestEnglishSenses(t *testing.T) {
	a := englishTestApp(t)
	res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: "the Council of Europe treaty present", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Expansion{}
	for _, e := range res.Senses {
		by[strings.ToLower(e.Query)] = e
	}
	if e := by["the"]; len(e.Senses) != 0 || e.Note == "" {
		t.Errorf("the: %+v, want no senses and a note", e)
	}
	if e, ok := by["treaty"]; !ok || len(e.Senses) == 0 || e.Senses[0].Text != "verdrag" || e.Senses[0].Via != "lexicon" {
		t.Errorf("treaty: %+v, want verdrag first, via the lexicon", e)
	}
	// Council of Europe is a deprecated English term of the European
	// Council's entry (a false equivalent): its words go through the
	// lexicon, never to Europese Raad.
	for _, e := range res.Senses {
		for _, s := range e.Senses {
			if s.Concept == "europese-raad" {
				t.Errorf("%q searched as the European Council: %+v", e.Query, s)
			}
		}
	}
	if res.DidYouMean != "" {
		t.Errorf("did_you_mean %q", res.DidYouMean)
	}
	// Dropping a sense removes it.
	res, err = a.BilingualSearch(context.Background(), SearchRequest{Q: "treaty", Lang: "en", Drop: []string{"verdrag"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Senses {
		for _, s := range e.Senses {
			if s.Text == "verdrag" {
				t.Errorf("verdrag still searched after drop: %+v", e)
			}
		}
	}
}

// TestEnglishTypoCorrected: a word unknown in both languages is corrected
// against the glossary; a known one is left alone.
func TestEnglishTypoCorrected(t *testing.T) {
	a := englishTestApp(t)
	res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: "sanctoins", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if res.DidYouMean == "" || res.Total == 0 {
		t.Errorf("sanctoins: did_you_mean %q, %d hits", res.DidYouMean, res.Total)
	}
	for _, q := range []string{"present", "application", "signature", "resident"} {
		res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: q, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if res.DidYouMean != "" {
			t.Errorf("%s: did_you_mean %q for a correctly spelled word", q, res.DidYouMean)
		}
	}
}

// TestEnglishPrunedSaid: a word whose senses occur in nearly every
// passage is not searched (index.Scoring.Prune), and the answer says so
// for that word, and only for it. It vanished silently: "minister of
// health" on a debate, where every speaker is a minister, showed minister's
// senses as if searched, and hits without it.
func TestEnglishPrunedSaid(t *testing.T) {
	a := openShipped(t)
	var doc strings.Builder
	doc.WriteString("Debat\n\n")
	for i := range 40 {
		fmt.Fprintf(&doc, "Minister De Vries antwoordt op vraag %d over de begroting.\n\n", i+1)
	}
	doc.WriteString("De minister spreekt over de volksgezondheid en de gezondheid van ouderen.\n")
	if _, err := a.AddDocument(context.Background(), "debat.txt", []byte(doc.String()), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: "minister of health", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Text, "gezondheid") {
		t.Fatalf("first hit %+v, want the passage on health", res.Hits)
	}
	pruned := map[string]bool{}
	for _, e := range res.Senses {
		if e.Pruned != (e.Note == notePruned) {
			t.Errorf("%q: pruned %v with note %q", e.Query, e.Pruned, e.Note)
		}
		pruned[strings.ToLower(e.Query)] = e.Pruned
	}
	if !pruned["minister"] || pruned["health"] {
		t.Errorf("pruned %v, want minister only; senses %+v", pruned, res.Senses)
	}
}
