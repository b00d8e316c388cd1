package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestAddPreparedInSameAsAdd: the letter's passages added as several
// batches built at once search exactly like the same passages added by
// Add: scores do not depend on the segments.
func TestAddPreparedInSameAsAdd(t *testing.T) {
	ctx := context.Background()
	ps := letterPassages(t)
	opt := Options{Decompounder: testSplitter{"trainingsmissie": {"training", "missie"}}}
	one, err := NewMemory(opt)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	if err := one.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{2, 3} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ix, err := NewMemory(opt)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			var sets []*Prepared
			for i := 0; i < len(ps); i += 4 {
				sets = append(sets, ix.Prepare(ps[i:min(i+4, len(ps))]))
			}
			if err := ix.AddPreparedIn(ctx, n, sets...); err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{"staatsgrepen", "Mali", "\"staatsgreep in Mali\"", "training missie", "voorzitter OR kamer"} {
				want, got := tiesByID(t, searchQ(t, one, q, 20)), tiesByID(t, searchQ(t, ix, q, 20))
				if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Result{}, "Took")); diff != "" {
					t.Errorf("search %q (-Add +AddPreparedIn):\n%s", q, diff)
				}
			}
		})
	}
}

func TestSplitSets(t *testing.T) {
	set := func(ids ...string) *Prepared {
		ix, err := NewMemory(Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		var ps []Passage
		for _, id := range ids {
			ps = append(ps, Passage{ID: id, Text: id})
		}
		return ix.Prepare(ps)
	}
	a, b, c, d := set("a1", "a2", "a3"), set("b1"), set("c1", "c2"), set("d1", "d2")
	dup := set("a2")
	for _, tt := range []struct {
		name string
		sets []*Prepared
		n    int
		want [][]*Prepared
	}{
		{"one writer", []*Prepared{a, b, c, d}, 1, [][]*Prepared{{a, b, c, d}}},
		{"two", []*Prepared{a, b, c, d}, 2, [][]*Prepared{{a, b}, {c, d}}},
		{"three", []*Prepared{a, b, c, d}, 3, [][]*Prepared{{a}, {b, c}, {d}}},
		{"more writers than sets", []*Prepared{a, b}, 4, [][]*Prepared{{a}, {b}}},
		{"a shared ID keeps one batch", []*Prepared{a, b, dup}, 2, [][]*Prepared{{a, b, dup}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			total := 0
			for _, s := range tt.sets {
				total += s.Len()
			}
			got := splitSets(tt.sets, tt.n, total)
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(x, y *Prepared) bool { return x == y })); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
