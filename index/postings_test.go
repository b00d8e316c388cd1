package index

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"
)

// TestPostingsReaderAsTermFieldReader checks that the postings read
// straight from the segments are bleve's term field reader's: the same
// passages in the same order with the same frequency and norm, the same
// count, deleted passages left out, over several segments.
func TestPostingsReaderAsTermFieldReader(t *testing.T) {
	ps := letterPassages(t)
	ix, err := NewMemory(Options{Decompounder: directSplitter()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	ctx := context.Background()
	for i := 0; i < len(ps); i += 7 { // several segments
		if err := ix.Add(ctx, ps[i:min(i+7, len(ps))]); err != nil {
			t.Fatal(err)
		}
	}
	// Passages deleted from segments that stay.
	if err := ix.Delete(ctx, []string{passageID(ps[3]), passageID(ps[10]), passageID(ps[11])}); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Count(); err != nil || n != uint64(len(ps)-3) {
		t.Fatalf("after deleting 3 of %d passages: %d, %v", len(ps), n, err)
	}
	adv, err := ix.b.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	snap := r.(*scorch.IndexSnapshot)
	if len(snap.Segments()) < 2 {
		t.Fatalf("%d segments, want several", len(snap.Segments()))
	}
	st, err := ix.facets.tables(snap)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := newPostingsReader(snap, st.offsets)
	if err != nil {
		t.Fatal(err)
	}
	type posting struct {
		ID, Freq uint64
		Norm     float64
	}
	terms := 0
	for _, field := range []string{fieldText, fieldExact, fieldHeading} {
		words := map[string]bool{"afwezig": true} // and one the letter lacks
		for _, p := range ps {
			for _, tok := range ix.exactDoc.Analyze([]byte(p.Text + " " + p.Section)) {
				words[string(tok.Term)] = true
			}
			for _, tok := range ix.nl.Analyze([]byte(p.Text + " " + p.Section)) {
				words[string(tok.Term)] = true
			}
		}
		for w := range words {
			tfr, err := snap.TermFieldReader(ctx, []byte(w), field, true, true, false)
			if err != nil {
				t.Fatal(err)
			}
			var want []posting
			var d bindex.TermFieldDoc
			for {
				got, err := tfr.Next(&d)
				if err != nil {
					t.Fatal(err)
				}
				if got == nil {
					break
				}
				want = append(want, posting{got.ID.Value(), got.Freq, got.Norm})
			}
			wantCount := tfr.Count()
			tfr.Close()
			tp, err := pr.open(field, []byte(w))
			if err != nil {
				t.Fatal(err)
			}
			var got []posting
			if err := tp.each(func(id, freq uint64, norm float64) { got = append(got, posting{id, freq, norm}) }); err != nil {
				t.Fatal(err)
			}
			if tp.count != wantCount {
				t.Errorf("%s:%s: count %d, want %d", field, w, tp.count, wantCount)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s:%s (-term field reader +postings reader):\n%s", field, w, diff)
			}
			terms += len(want)
		}
	}
	if terms < 1000 {
		t.Errorf("only %d postings compared", terms)
	}
}
