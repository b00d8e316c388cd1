package app

import (
	"context"
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
