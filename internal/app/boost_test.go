package app

import (
	"context"
	"slices"
	"testing"
)

// TestBoostKeepsExpansion: a boost says a word counts more, not that its
// glossary synonyms stop counting. staatsgreep^2 found the 9 passages
// that say staatsgreep, not the 14 that say it or coup; an English
// boost (sanctions^5) was dropped, scoring as if it were not there.
func TestBoostKeepsExpansion(t *testing.T) {
	a := openShipped(t)
	ctx := context.Background()
	search := func(q, lang string) *SearchResult {
		t.Helper()
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: q, Lang: lang, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	plain, boosted := search("staatsgreep", "nl"), search("staatsgreep^2", "nl")
	if boosted.Total != plain.Total || !slices.Contains(boosted.Expanded, "coup") {
		t.Errorf("staatsgreep^2: %d passages, searched for %v; staatsgreep: %d", boosted.Total, boosted.Expanded, plain.Total)
	}
	// With a boost on one word, the passages that have it gain on those
	// that have only the other word.
	ratio := func(res *SearchResult) float64 {
		t.Helper()
		var with, without float64
		for _, h := range res.Hits {
			if h.Paragraph == 8 { // the sanctions of ECOWAS
				with = h.Score
			}
			if h.Paragraph == 1 { // Mali, no sanctions
				without = h.Score
			}
		}
		if with == 0 || without == 0 {
			t.Fatalf("%s: ¶8 or ¶1 not found", res.Query)
		}
		return with / without
	}
	for _, tc := range []struct{ plain, boosted, lang string }{
		{"sanctions mali", "sanctions^5 mali", "en"},
		{"sancties mali", "sancties^5 mali", "nl"},
	} {
		if p, b := ratio(search(tc.plain, tc.lang)), ratio(search(tc.boosted, tc.lang)); b <= 1.5*p {
			t.Errorf("%s: ¶8/¶1 score ratio %.2f, %s: %.2f; the boost should raise it", tc.boosted, b, tc.plain, p)
		}
	}
}
