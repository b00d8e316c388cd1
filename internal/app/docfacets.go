package app

import (
	"cmp"
	"slices"

	"github.com/tolk-nl/tolk/index"
)

// DocFacets counts a search's passages by the metadata of their
// documents (DocInfo.Meta): per document type, year and dossier. A
// document without the value is not counted under that facet.
type DocFacets struct {
	Type, Year, Dossier []index.Facet
	// Partial is true when the counts cover part of the result's
	// passages: the doc facet held only the most frequent documents, or
	// (English queries) counted the best passages only.
	Partial bool
}

// DocFacets aggregates the doc facet of a search (passages per document)
// with total passages in the result by each document's metadata; the
// values are ordered by count, most first, ties by value.
func (a *App) DocFacets(docs []index.Facet, total uint64) DocFacets {
	typ, year, dossier := map[string]int{}, map[string]int{}, map[string]int{}
	var sum uint64
	a.mu.RLock()
	for _, f := range docs {
		sum += uint64(f.Count)
		d := a.infos[f.Value]
		if d == nil || d.Meta == nil {
			continue
		}
		m := d.Meta
		if m.Type != "" {
			typ[m.Type] += f.Count
		}
		if len(m.Date) >= 4 {
			year[m.Date[:4]] += f.Count
		}
		if m.Dossier != "" {
			dossier[m.Dossier] += f.Count
		}
	}
	a.mu.RUnlock()
	return DocFacets{Type: countsOrdered(typ), Year: countsOrdered(year), Dossier: countsOrdered(dossier), Partial: sum < total}
}

// docFacets sets out.DocFacets from the doc facet with every document
// (index.Request.AllDocFacets) and then cuts that facet to the index's
// default index.FacetSize values, so that Facets are what they were.
func (a *App) docFacets(out *SearchResult) {
	docs := out.Facets["doc"]
	out.allDocs = docs
	out.DocFacets = a.DocFacets(docs, out.Total)
	if len(docs) > index.FacetSize {
		out.Facets["doc"] = docs[:index.FacetSize]
	}
}

// countsOrdered returns the counts as facets, most first, ties by value.
func countsOrdered(m map[string]int) []index.Facet {
	fs := make([]index.Facet, 0, len(m))
	for v, n := range m {
		fs = append(fs, index.Facet{Value: v, Count: n})
	}
	slices.SortFunc(fs, func(x, y index.Facet) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Value, y.Value))
	})
	return fs
}
