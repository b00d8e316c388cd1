package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAllDocFacets: Request.AllDocFacets keeps every document of the
// result in the doc facet with its count of passages, in the default's
// order, whose first facetSize values it equals; the default keeps
// facetSize.
func TestAllDocFacets(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(t.TempDir()+"/ix", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	const docs = facetSize + 12
	want := map[string]int{}
	var ps []Passage
	for d := range docs {
		id := fmt.Sprintf("doc%03d", d)
		want[id] = 1 + d%7
		for p := range want[id] {
			ps = append(ps, Passage{Doc: id, Title: "T", Paragraph: p, Text: fmt.Sprintf("subsidie aanvragen %d", p)})
		}
		ps = append(ps, Passage{Doc: id, Title: "T", Paragraph: 100, Text: "iets anders"})
	}
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	pq, err := ParseQuery("subsidie")
	if err != nil {
		t.Fatal(err)
	}
	def, err := ix.Search(ctx, Request{Query: pq})
	if err != nil {
		t.Fatal(err)
	}
	all, err := ix.Search(ctx, Request{Query: pq, AllDocFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(def.Facets[fieldDoc]); n != facetSize {
		t.Errorf("default: %d doc values, want %d", n, facetSize)
	}
	got := map[string]int{}
	for _, f := range all.Facets[fieldDoc] {
		got[f.Value] = f.Count
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("all doc values (-want +got):\n%s", d)
	}
	if d := cmp.Diff(def.Facets[fieldDoc], all.Facets[fieldDoc][:min(facetSize, len(all.Facets[fieldDoc]))]); d != "" {
		t.Errorf("the first values differ from the default's (-default +all):\n%s", d)
	}
	if d := cmp.Diff(def.Facets[fieldSection], all.Facets[fieldSection]); d != "" {
		t.Errorf("section facet changed (-default +all):\n%s", d)
	}
}
