package app

import (
	"cmp"
	"context"
	"slices"

	"github.com/tolk-nl/tolk/index"
)

// searchByDate runs r with its hits ordered by their documents' dates,
// newest first (undated documents last), and by relevance within a
// document. The first search gives the total, the facets and every
// document's count of passages (the doc facet with all values); the page
// is then read document by document, one search per document it spans.
// An English query's facets count its best passages only: the first
// search asks for them over up to dateSortWindow of its best passages, so
// that the date order reaches every passage the total counts; beyond that
// window the total is what the date order reaches.
func (a *App) searchByDate(ctx context.Context, r SearchRequest) (*SearchResult, error) {
	first := r
	first.Sort, first.Limit, first.Offset = "", 1, 0
	first.facetWindow = dateSortWindow // a Dutch query's facets count every passage anyway
	res, err := a.BilingualSearch(ctx, first)
	if err != nil || res.Total == 0 {
		return res, err
	}
	if res.Lang == "en" {
		res.Total = min(res.Total, facetSum(res.allDocs))
	}
	date := func(id string) string {
		a.mu.RLock()
		defer a.mu.RUnlock()
		if d := a.infos[id]; d != nil && d.Meta != nil {
			return d.Meta.Date
		}
		return ""
	}
	docs := slices.Clone(res.allDocs)
	dates := make(map[string]string, len(docs))
	for _, f := range docs {
		dates[f.Value] = date(f.Value)
	}
	// Newest first; ties (and undated documents, last) keep the facet's
	// order: most passages first.
	slices.SortStableFunc(docs, func(x, y index.Facet) int { return cmp.Compare(dates[y.Value], dates[x.Value]) })
	limit := r.Limit
	if limit <= 0 {
		limit = index.DefaultLimit
	}
	limit = min(limit, index.MaxLimit)
	skip := max(r.Offset, 0)
	each := r
	each.Sort, each.Q, each.Lang = "", res.Query, res.Lang
	if res.Unquoted != "" {
		each.Q = res.Unquoted
	}
	if res.DidYouMean != "" {
		each.Q = res.DidYouMean
	}
	res.Hits = nil
	for _, f := range docs {
		if len(res.Hits) >= limit {
			break
		}
		if skip >= f.Count {
			skip -= f.Count
			continue
		}
		each.Doc, each.Offset, each.Limit = f.Value, skip, min(limit-len(res.Hits), f.Count-skip)
		skip = 0
		dr, err := a.BilingualSearch(ctx, each)
		if err != nil {
			return nil, err
		}
		res.Hits = append(res.Hits, dr.Hits...)
	}
	return res, nil
}

// dateSortWindow bounds the passages of an English query that a date
// order reaches (searchByDate).
const dateSortWindow = 10000

// facetSum is the number of passages a doc facet counts.
func facetSum(fs []index.Facet) uint64 {
	var n uint64
	for _, f := range fs {
		n += uint64(f.Count)
	}
	return n
}
