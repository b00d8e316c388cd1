package index

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestAddPreparedSameAsAdd: passages analysed by Prepare on several
// goroutines and indexed by AddPrepared in one batch search exactly like
// the same passages indexed by Add: same hits, scores, fragments and
// matched terms, and the same stored fields. With and without a
// Decompounder (which adds the implied field).
func TestAddPreparedSameAsAdd(t *testing.T) {
	ctx := context.Background()
	ps := letterPassages(t)
	queries := []string{"staatsgrepen", "Mali", "\"staatsgreep in Mali\"", "training missie", "voorzitter OR kamer", "veiligheidssituatie"}
	for _, tt := range []struct {
		name string
		opt  Options
	}{
		{"whole words", Options{}},
		{"decompounded", Options{Decompounder: testSplitter{"trainingsmissie": {"training", "missie"}, "veiligheidssituatie": {"veiligheid", "situatie"}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			one, err := NewMemory(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer one.Close()
			if err := one.Add(ctx, ps); err != nil {
				t.Fatal(err)
			}
			bulk, err := NewMemory(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer bulk.Close()
			// Prepared in three parts at once, added in one batch.
			parts := [][]Passage{ps[:len(ps)/3], ps[len(ps)/3 : 2*len(ps)/3], ps[2*len(ps)/3:]}
			sets := make([]*Prepared, len(parts))
			done := make(chan int)
			for i, p := range parts {
				go func() { sets[i] = bulk.Prepare(p); done <- i }()
			}
			for range parts {
				<-done
			}
			if err := bulk.AddPrepared(ctx, sets...); err != nil {
				t.Fatal(err)
			}
			for _, q := range queries {
				want, got := tiesByID(t, searchQ(t, one, q, 20)), tiesByID(t, searchQ(t, bulk, q, 20))
				if want.Total == 0 {
					t.Errorf("%q finds nothing: a query that cannot tell the two apart", q)
				}
				if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Result{}, "Took")); diff != "" {
					t.Errorf("search %q (-Add +AddPrepared):\n%s", q, diff)
				}
			}
			ids := make([]string, len(ps))
			for i, p := range ps {
				ids[i] = passageID(p)
			}
			want, err := one.Stored(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			got, err := bulk.Stored(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) != len(ps) {
				t.Errorf("Add stored %d of %d passages", len(want), len(ps))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("stored passages (-Add +AddPrepared):\n%s", diff)
			}
		})
	}
}
