package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestFacetsAsBleve: the facet counts of Search (from the index's own
// per-segment tables) equal bleve's terms facets for the same query, on
// an on-disk index of several segments with deleted and replaced passages,
// with and without filters.
func TestFacetsAsBleve(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(t.TempDir()+"/ix", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	sections := []string{"Inleiding", "Subsidie", "Toezicht", ""}
	words := []string{"subsidie aanvragen bij de minister", "toezicht op de naleving", "de staatsgreep in Mali", "beleidsregels voor subsidie"}
	// 12 documents in separate batches (separate segments), 40 passages each
	for d := range 12 {
		var ps []Passage
		for p := range 40 {
			ps = append(ps, Passage{Doc: fmt.Sprintf("doc%02d", d), Title: "T", Section: sections[(d+p)%len(sections)], Paragraph: p,
				Text: fmt.Sprintf("%s %d", words[(d*p+p)%len(words)], p)})
		}
		if err := ix.Add(ctx, ps); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.DeleteDoc(ctx, "doc03"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(ctx, []Passage{{Doc: "doc05", Section: "Nieuw", Paragraph: 0, Text: "subsidie opnieuw"}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ q, doc, section string }{
		{"subsidie", "", ""}, {"de", "", ""}, {"toezicht OR staatsgreep", "", ""}, {"subsidie", "doc05", ""},
		{"de", "", "Subsidie"}, {"nergens", "", ""}, {`"de minister"`, "", ""},
	} {
		t.Run(tc.q+"/"+tc.doc+tc.section, func(t *testing.T) {
			pq, err := ParseQuery(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ix.Search(ctx, Request{Query: pq, Doc: tc.doc, Section: tc.section})
			if err != nil {
				t.Fatal(err)
			}
			// bleve's facets for the same query
			e := &expander{ix: ix}
			defer e.close()
			q, err := ix.compile(bounded(pq), e)
			if err != nil {
				t.Fatal(err)
			}
			if tc.doc != "" {
				q = bleve.NewConjunctionQuery(q, termQ(tc.doc, fieldDoc, 1))
			}
			if tc.section != "" {
				q = bleve.NewConjunctionQuery(q, termQ(tc.section, fieldSection, 1))
			}
			req := bleve.NewSearchRequestOptions(q, 1, 0, false)
			req.AddFacet(fieldDoc, bleve.NewFacetRequest(fieldDoc, facetSize))
			req.AddFacet(fieldSection, bleve.NewFacetRequest(fieldSection, facetSize))
			res, err := ix.b.SearchInContext(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]Facet{}
			for name, fr := range res.Facets {
				fs := []Facet{}
				if fr.Terms != nil {
					for _, tf := range fr.Terms.Terms() {
						fs = append(fs, Facet{Value: tf.Term, Count: tf.Count})
					}
				}
				want[name] = fs
			}
			if res.Total != got.Total {
				t.Errorf("total %d, bleve %d", got.Total, res.Total)
			}
			if d := cmp.Diff(want, got.Facets); d != "" {
				t.Errorf("facets differ from bleve's (-bleve +ours):\n%s", d)
			}
			if tc.q == "subsidie" && tc.doc == "" && len(got.Facets[fieldDoc]) < 5 {
				t.Errorf("facets %v: expected several documents", got.Facets)
			}
		})
	}
}

// TestLargest compares largest with a full sort, for lengths and n around
// the edges and keys drawn from small and large ranges (many near-equal).
func TestLargest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 2, 3, 5, 17, 50, 51, 200, 3000} {
		for _, n := range []int{0, 1, 2, 10, 50, 3001} {
			for _, spread := range []uint64{4, 1 << 40} {
				seen := map[uint64]bool{}
				var keys []uint64
				for len(keys) < size {
					k := rng.Uint64N(spread)<<20 | rng.Uint64N(1<<20)
					if !seen[k] {
						seen[k] = true
						keys = append(keys, k)
					}
				}
				want := slices.Clone(keys)
				slices.Sort(want)
				slices.Reverse(want)
				want = want[:min(n, len(want))]
				got := largest(slices.Clone(keys), n)
				if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
					t.Errorf("size %d, n %d, spread %d (-sorted +largest):\n%s", size, n, spread, d)
				}
			}
		}
	}
}
