package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/querymix"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

var updateGolden = flag.Bool("update-bwb-golden", false, "TestBWBGolden: record the top-10s again")

// goldenDocs is how many BWB circulars (the first, in file order) the
// golden's index holds: enough for the mix's frequency bands to mean
// something, few enough to load in seconds.
const goldenDocs = 100

// goldenHit is one hit of a recorded top-10: its passage and score.
type goldenHit struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

// goldenQuery is the recorded answer to one query of the mix.
type goldenQuery struct {
	Q     string      `json:"q"`
	Total uint64      `json:"total"`
	Top   []goldenHit `json:"top"`
}

// openBWB loads the first n BWB circulars into an in-memory App and
// returns it with the documents. Scores do not depend on how the index
// is split into segments; the order of equal scores may.
func openBWB(tb testing.TB, n int) (*App, []querymix.Doc) {
	tb.Helper()
	docs, err := querymix.ReadJSONL(sharedtest.Open(tb, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	docs = docs[:min(n, len(docs))]
	curated, err := glossary.Curated()
	if err != nil {
		tb.Fatal(err)
	}
	sp, err := NewSplitter(curated, corpus.Default())
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	a, err := Open(ctx, Config{Memory: true, Corpus: corpus.Default(), Glossary: curated, Splitter: sp})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Close() })
	start := time.Now()
	for _, d := range docs {
		if _, err := a.AddDocument(ctx, d.ID+".md", []byte(d.Text), ingest.Options{}); err != nil {
			tb.Logf("%s: %v", d.ID, err)
		}
	}
	tb.Logf("%d BWB documents loaded in %v", len(docs), time.Since(start).Round(time.Millisecond))
	return a, docs
}

// TestBWBGolden keeps search results identical while search is made
// cheaper: the top-10 (passages, order, scores) and the total of each of
// the 200 queries of the Dutch mix (querymix.Dutch, DefaultSeed) on the
// first goldenDocs BWB circulars, sent as the API sends them (language
// detected). Passages of equal score may come in either order and the
// group of equal scores that the tenth place cuts may hold other
// passages; everything else must match. -update-bwb-golden records the
// answers again (only after a change justified by the dev-set figures).
func TestBWBGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short: loads 100 BWB documents")
	}
	a, docs := openBWB(t, goldenDocs)
	qs := querymix.Dutch(docs, 200, querymix.DefaultSeed)
	var got []goldenQuery
	for _, q := range qs {
		res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: q, Limit: 10})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		g := goldenQuery{Q: q, Total: res.Total}
		for _, h := range res.Hits {
			g.Top = append(g.Top, goldenHit{h.ID, h.Score})
		}
		got = append(got, g)
	}
	path := filepath.Join("testdata", "bwb_golden.json")
	if *updateGolden {
		b, err := json.MarshalIndent(got, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []goldenQuery
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(got) {
		t.Fatalf("%d queries, golden has %d (the mix or the corpus changed)", len(got), len(want))
	}
	for i := range want {
		t.Run(fmt.Sprintf("%03d", i), func(t *testing.T) {
			if want[i].Q != got[i].Q {
				t.Fatalf("query %q, golden has %q (the mix changed)", got[i].Q, want[i].Q)
			}
			if err := sameTop(want[i], got[i]); err != nil {
				t.Errorf("%q: %v\n(-want +got):\n%s", got[i].Q, err, cmp.Diff(want[i], got[i]))
			}
		})
	}
}

// sameTop compares two answers, allowing equal scores in any order.
func sameTop(want, got goldenQuery) error {
	if want.Total != got.Total {
		return fmt.Errorf("total %d, want %d", got.Total, want.Total)
	}
	if len(want.Top) != len(got.Top) {
		return fmt.Errorf("%d hits, want %d", len(got.Top), len(want.Top))
	}
	same := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a)) }
	for i := range want.Top {
		if !same(want.Top[i].Score, got.Top[i].Score) {
			return fmt.Errorf("hit %d: score %g, want %g", i+1, got.Top[i].Score, want.Top[i].Score)
		}
	}
	// Group by equal score: each group must hold the same passages,
	// except the last, which the page may cut.
	for i := 0; i < len(want.Top); {
		j := i
		for j < len(want.Top) && same(want.Top[j].Score, want.Top[i].Score) {
			j++
		}
		if j < len(want.Top) {
			ids := map[string]int{}
			for k := i; k < j; k++ {
				ids[unversioned(want.Top[k].ID)]++
				ids[unversioned(got.Top[k].ID)]--
			}
			for id, n := range ids {
				if n != 0 {
					return fmt.Errorf("hits %d-%d differ (%s)", i+1, j, id)
				}
			}
		}
		i = j
	}
	return nil
}

// unversioned is a passage's ID without its document's version
// ("doc#n"): the version names the document's stored form (a hash of
// it), which changes with the store's encoding, not what is ranked.
func unversioned(id string) string {
	if v := versionOf(id); v != "" {
		return strings.Replace(id, "@"+v+"#", "#", 1)
	}
	return id
}
