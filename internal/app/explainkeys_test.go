package app

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/querymix"
)

// TestExplainKeysAsScan checks that explaining a hit with the keys the
// index found in it (which skips keying and splitting the passage's words
// for a query word whose key the passage lacks) says the same as comparing
// every word, on every hit of the BWB mix's first pages, and that the keys
// do skip words.
func TestExplainKeysAsScan(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short: loads 100 BWB documents")
	}
	a, docs := openBWB(t, goldenDocs)
	ctx := context.Background()
	hits, skipped := 0, 0
	for _, q := range querymix.Dutch(docs, 200, querymix.DefaultSeed) {
		res, exps, err := a.bilingualSearch(ctx, SearchRequest{Q: q, Limit: 10})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		for _, h := range res.Hits {
			hits++
			want := a.explainHit(h.Hit, exps, a.split, nil)
			if diff := cmp.Diff(want, h.Matched); diff != "" {
				t.Errorf("%q, %s (-every word +keys):\n%s", q, h.ID, diff)
			}
			keys := termsAt(h.Terms).stem
			for _, e := range exps {
				for _, w := range e.plain {
					if _, ok := keys[index.Key("nl", w)]; !ok {
						skipped++
					}
				}
			}
		}
	}
	t.Logf("%d hits, %d (hit, word) pairs skipped by the keys", hits, skipped)
	if hits < 1000 || skipped == 0 {
		t.Errorf("%d hits, %d skipped: the comparison says nothing", hits, skipped)
	}
}

// TestImpliedCompoundExplained: a hit found through a compound that a
// suspended compound implies names the construction in its matched, with
// the index's keys and without them (the API's matched was empty).
func TestImpliedCompoundExplained(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{"opschorting.txt": "De EU schort de advies- en trainingsactiviteiten van de missie op."})
	res, exps, err := a.bilingualSearch(context.Background(), SearchRequest{Q: "adviesactiviteiten", Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("adviesactiviteiten: no hit")
	}
	h := res.Hits[0]
	want := []Matched{{Query: "adviesactiviteiten", Term: "advies- en trainingsactiviteiten", Via: "compound"}}
	if diff := cmp.Diff(want, h.Matched); diff != "" {
		t.Errorf("matched (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, a.explainHit(h.Hit, exps, a.split, nil)); diff != "" {
		t.Errorf("matched without the index's keys (-want +got):\n%s", diff)
	}
}

// TestConceptWordExplained: a hit found through the typed word of a
// glossary query says so in its matched where a longer term of another
// concept covers the word (veroordeeld: the concept veroordelen; "is
// veroordeeld tot" is the concept veroordelen tot), as it does elsewhere.
func TestConceptWordExplained(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{"vonnis.txt": "Hij is veroordeeld tot:\n\nHet Hof heeft de verdachte veroordeeld."})
	res := searchNL(t, a, "veroordeeld")
	found := false
	for _, h := range res.Hits {
		if h.Text != "Hij is veroordeeld tot:" {
			continue
		}
		found = true
		want := []Matched{{Query: "veroordeeld", Term: "veroordeeld", Concept: "veroordelen", Via: "exact"}}
		if diff := cmp.Diff(want, h.Matched); diff != "" {
			t.Errorf("matched (-want +got):\n%s", diff)
		}
	}
	if !found {
		t.Errorf("veroordeeld: no hit of vonnis.txt's first passage among %v", hitDocs(res))
	}
}

// TestCompoundQueryNotWidened: a glossary term that is only a part of a
// typed word does not widen the query to the term's passages: jeugdzorg is
// not searched as jeugd OR jeugdzorg, lid-staat not as lid (both were:
// every passage on youth matched jeugdzorg, every "eerste lid" lid-staat).
func TestCompoundQueryNotWidened(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{
		"zorg.txt":  "De jeugdzorg van de gemeente wordt herzien.",
		"jeugd.txt": "De jeugd van tegenwoordig leest minder.",
		"staat.txt": "Elke lid-staat beslist zelf over de heffing.",
		"lid.txt":   "Het eerste lid van artikel 3 vervalt.",
	})
	// (The letter has lidstaten, which lid-staat finds too.)
	for q, want := range map[string]string{"jeugdzorg": "zorg", "lid-staat": "staat"} {
		res := searchNL(t, a, q)
		if got := hitDocs(res); len(got) == 0 || got[0] != want || slices.Contains(got, "jeugd") || slices.Contains(got, "lid") {
			t.Errorf("%s: %v (expanded %q), want %s first and neither jeugd nor lid", q, got, res.Expanded, want)
		}
	}
}

// TestHyphenatedWordExplained: hits of a word typed with a hyphen say
// what they matched, whether the passage writes it so, with another
// ending, or as one word (matched was empty for every such hit).
func TestHyphenatedWordExplained(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{
		"een.txt":  "Elke lid-staat betaalt.",
		"twee.txt": "Alle lid-staten betalen.",
		"drie.txt": "De lidstaten betalen niet.",
	})
	res := searchNL(t, a, "lid-staat")
	want := map[string]Matched{
		"een":  {Query: "lid-staat", Term: "lid-staat", Via: "exact"},
		"twee": {Query: "lid-staat", Term: "lid-staten", Via: "compound"},
		"drie": {Query: "lid-staat", Term: "lidstaten", Via: "stem"},
	}
	seen := 0
	for _, h := range res.Hits {
		w, ok := want[h.Doc]
		if !ok {
			continue
		}
		seen++
		if diff := cmp.Diff([]Matched{w}, h.Matched); diff != "" {
			t.Errorf("%s: matched (-want +got):\n%s", h.Doc, diff)
		}
	}
	if seen != len(want) {
		t.Errorf("lid-staat: hits %v, want each of %d documents", hitDocs(res), len(want))
	}
}

// TestHeadingMatchNamesQuery: a passage found through its heading names
// the query's word, also for a word the glossary covers (it gave the
// index key: staatsgrep).
func TestHeadingMatchNamesQuery(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{"land.md": "# Verslag\n\n## Staatsgreep in het land\n\nDe militairen namen de macht over.\n"})
	res := searchNL(t, a, "staatsgreep")
	found := false
	for _, h := range res.Hits {
		if h.Doc != "land" {
			continue
		}
		found = true
		want := []Matched{{Query: "staatsgreep", Term: "Staatsgreep in het land", Via: "heading"}}
		if diff := cmp.Diff(want, h.Matched); diff != "" {
			t.Errorf("matched (-want +got):\n%s", diff)
		}
	}
	if !found {
		t.Errorf("staatsgreep: no hit of land.md among %v", hitDocs(res))
	}
}

// TestQuotedPhraseNotFound: a phrase no passage has as written answers as
// the same words without quotes would, saying so (Unquoted, not as a
// spelling correction); it answered nothing ("buitengewone verloven" on
// the circulars).
func TestQuotedPhraseNotFound(t *testing.T) {
	a := openShipped(t)
	res := searchNL(t, a, `"staatsgrepen militairen"`)
	if res.Total == 0 || res.Unquoted != "staatsgrepen militairen" || res.DidYouMean != "" || res.Query != `"staatsgrepen militairen"` {
		t.Errorf("total %d, unquoted %q, did you mean %q, query %q; want the unquoted words' hits, said so", res.Total, res.Unquoted, res.DidYouMean, res.Query)
	}
	// A phrase that is there is answered as it is.
	if res := searchNL(t, a, `"politieke gevangenen"`); res.Total == 0 || res.DidYouMean != "" {
		t.Errorf(`"politieke gevangenen": total %d, did you mean %q`, res.Total, res.DidYouMean)
	}
}
