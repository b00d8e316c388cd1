package app

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/querymix"
)

// bulkGoldenDocs is how many BWB circulars TestBWBGoldenBulk loads twice:
// half the golden's, among them some over a batch of 300 passages.
const bulkGoldenDocs = goldenDocs / 2

// TestBWBGoldenBulk: the first bulkGoldenDocs BWB circulars loaded by the
// bulk path (AddDocuments: index.Prepare's one-pass analysis, batches
// built as two segments at once, documents over a batch in chunks)
// answer the Dutch mix as the same circulars loaded one by one by
// AddDocument (openBWB, what TestBWBGolden records): the same top-10s
// and totals, equal scores in any order.
func TestBWBGoldenBulk(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short: loads 50 BWB documents twice")
	}
	one, docs := openBWB(t, bulkGoldenDocs)
	ctx := context.Background()
	a := openShipped(t)
	files := make([]BulkFile, len(docs))
	for i, d := range docs {
		text := []byte(d.Text)
		files[i] = BulkFile{Name: d.ID + ".md", Read: func() ([]byte, error) { return text, nil }}
	}
	// A small batch, so that the largest circulars go through the chunks,
	// each built as two segments at once.
	rep, err := a.AddDocuments(ctx, files, BulkOptions{BatchPassages: 300, Segments: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failed {
		t.Logf("%s: %v", f.Name, f.Err) // as openBWB, which logs the ones AddDocument refuses
	}
	big := 0
	for _, d := range a.Documents() {
		if d.Paragraphs > 300 {
			big++
		}
	}
	if big == 0 {
		t.Error("no circular of more than a batch: the chunked path is not tested")
	}
	answer := func(a *App, q string) goldenQuery {
		t.Helper()
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		g := goldenQuery{Q: q, Total: res.Total}
		for _, h := range res.Hits {
			g.Top = append(g.Top, goldenHit{h.ID, h.Score})
		}
		return g
	}
	for i, q := range querymix.Dutch(docs, 200, querymix.DefaultSeed) {
		t.Run(fmt.Sprintf("%03d", i), func(t *testing.T) {
			want, got := answer(one, q), answer(a, q)
			if want.Total == 0 {
				return
			}
			if err := sameTop(want, got); err != nil {
				t.Errorf("%q: %v\n(-AddDocument +AddDocuments):\n%s", q, err, cmp.Diff(want, got))
			}
		})
	}
}
