package app

import (
	"context"
	"testing"
)

// TestEnglishLongestUnitWins: a one-word glossary term inside a longer
// unit that the glossary or the lexicon knows gives way to it, in what is
// searched and in what the answer explains. civil alone is the glossary's
// civiel (not military); civil servants is the glossary's ambtenaar, and
// civil aviation a pair the lexicon translates as one Dutch word
// (burgerluchtvaart). Before, civil was searched and explained as civiel in
// both: a passage on civiele missies was "civil → civiel via glossary".
func TestEnglishLongestUnitWins(t *testing.T) {
	a := openShipped(t)
	ctx := context.Background()
	addTexts(t, a, map[string]string{
		"ambtenaren.md": "De ambtenaren van het ministerie voeren het beleid uit.",
		"luchtvaart.md": "De burgerluchtvaart groeit sneller dan verwacht.",
		"civiel.md":     "Het kabinet steunt de civiele missies in de regio.",
	})
	for _, tc := range []struct {
		name, q string
		unit    string // the Expansion that must stand for the unit
		concept string // its glossary concept ("" for the lexicon's pair)
		top     string // the document that must come first
		term    string // what the top hit is explained as, via the unit
	}{
		{name: "glossary term of two words", q: "civil servants", unit: "civil servants", concept: "ambtenaar", top: "ambtenaren", term: "ambtenaren"},
		{name: "pair the lexicon knows", q: "civil aviation", unit: "civil", top: "luchtvaart", term: "burgerluchtvaart"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := a.BilingualSearch(ctx, SearchRequest{Q: tc.q, Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range res.Senses {
				for _, s := range e.Senses {
					if s.Concept == "civiel" {
						t.Errorf("%q is searched as the glossary's civiel (%+v), not as part of %q", e.Query, s, tc.q)
					}
				}
				if e.Query == tc.unit && (tc.concept == "" || len(e.Senses) > 0 && e.Senses[0].Concept == tc.concept) {
					found = true
				}
			}
			if !found {
				t.Errorf("no part of the answer's senses is %q (concept %q): %+v", tc.unit, tc.concept, res.Senses)
			}
			if len(res.Hits) == 0 || res.Hits[0].Doc != tc.top {
				t.Fatalf("first hit is not %s: %+v", tc.top, res.Hits)
			}
			explained := false
			for _, h := range res.Hits {
				for _, m := range h.Matched {
					if m.Concept == "civiel" {
						t.Errorf("%s is explained as the glossary's civiel: %+v", h.Doc, m)
					}
					if h.Doc == tc.top && m.Query == tc.unit && m.Term == tc.term && m.Concept == tc.concept {
						explained = true
					}
				}
			}
			if !explained {
				t.Errorf("%s is not explained as %q → %s: %+v", tc.top, tc.unit, tc.term, res.Hits[0].Matched)
			}
		})
	}
}
