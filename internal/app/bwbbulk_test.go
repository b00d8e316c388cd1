package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/querymix"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// TestBWBGoldenBulk: the first goldenDocs BWB circulars loaded by the
// bulk path (AddDocuments: index.Prepare's one-pass analysis, batches,
// documents over a batch in chunks) answer the Dutch mix as the golden
// TestBWBGolden recorded with AddDocument does.
func TestBWBGoldenBulk(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short: loads 100 BWB documents")
	}
	docs, err := querymix.ReadJSONL(sharedtest.Open(t, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	docs = docs[:min(goldenDocs, len(docs))]
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	sp, err := NewSplitter(curated, corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a, err := Open(ctx, Config{Memory: true, Corpus: corpus.Default(), Glossary: curated, Splitter: sp})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	files := make([]BulkFile, len(docs))
	for i, d := range docs {
		text := []byte(d.Text)
		files[i] = BulkFile{Name: d.ID + ".md", Read: func() ([]byte, error) { return text, nil }}
	}
	// A small batch, so that the largest circulars go through the chunks.
	rep, err := a.AddDocuments(ctx, files, BulkOptions{BatchPassages: 300})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failed {
		t.Logf("%s: %v", f.Name, f.Err) // as openBWB, which logs the ones AddDocument refuses
	}
	b, err := os.ReadFile(filepath.Join("testdata", "bwb_golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want []goldenQuery
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	qs := querymix.Dutch(docs, 200, querymix.DefaultSeed)
	if len(qs) != len(want) {
		t.Fatalf("%d queries, golden has %d (the mix or the corpus changed)", len(qs), len(want))
	}
	for i, q := range qs {
		t.Run(fmt.Sprintf("%03d", i), func(t *testing.T) {
			if want[i].Q != q {
				t.Fatalf("query %q, golden has %q (the mix changed)", q, want[i].Q)
			}
			res, err := a.BilingualSearch(ctx, SearchRequest{Q: q, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			got := goldenQuery{Q: q, Total: res.Total}
			for _, h := range res.Hits {
				got.Top = append(got.Top, goldenHit{h.ID, h.Score})
			}
			if err := sameTop(want[i], got); err != nil {
				t.Errorf("%q: %v\n(-want +got):\n%s", q, err, cmp.Diff(want[i], got))
			}
		})
	}
}
