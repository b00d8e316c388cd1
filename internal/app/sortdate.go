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
// For an English query the doc facet counts the best passages only, and
// so does the date order.
func (a *App) searchByDate(ctx context.Context, r SearchRequest) (*SearchResult, error) {
	first := r
	first.Sort, first.Limit, first.Offset = "", 1, 0
	res, err := a.BilingualSearch(ctx, first)
	if err != nil || res.Total == 0 {
		return res, err
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
