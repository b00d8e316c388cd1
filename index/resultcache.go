package index

import (
	"container/list"
	"context"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A result cache keeps the answers of recent searches for as long as the
// index does not change: the same request on the same snapshot gives the
// same answer (the snapshot's segments, their deletions and the request
// decide every score, tie and facet), so a repeated query — the same
// search from another user, the UI's reload, a page seen before — costs a
// lookup and a copy instead of a search. The page is part of the key; the
// next page of a result list is read from the window the first page
// evaluated, kept under the request without its page (windowKey,
// pageFromWindow): only the page's passages are read.
//
// A snapshot is named by its pointer. The cache holds the pointer of the
// snapshot its entries were computed on (without a reference: it never
// reads through it), so that address cannot be reused by a later snapshot
// while the entries live. Scorch replaces its root snapshot with a new one
// on every change (a batch, a deletion, a merge, a persisted segment), and
// a search always reads the newest root: the first search on a new root
// empties the cache. An answer is stored only when the root was the same
// before and after it was computed, so it is the answer of that root.
type resultCache struct {
	mu      sync.Mutex
	max     int64 // bytes, as estimated by resultSize
	used    int64
	snap    *scorch.IndexSnapshot
	lru     *list.List // of *cacheEntry, most recent first
	entries map[string]*list.Element

	hits, misses, windowHits uint64
}

// A cacheEntry holds an answer (res) or, under a window key, an
// evaluated window (win), or the compounds of a set of modifiers and heads
// (comp, Compounds).
type cacheEntry struct {
	key  string
	res  *Result
	win  *windowEntry
	comp []CompoundKey
	size int64
}

// A windowEntry is the evaluated window of a search as ranked, with the
// total and the facets: any page within it is read from the snapshot
// without evaluating the query again.
type windowEntry struct {
	hits   []windowHit
	total  uint64
	facets map[string][]Facet
}

// windowHit is a ranked passage of a window: its number in the snapshot
// and its score.
type windowHit struct {
	num   uint64
	score float64
}

// newResultCache returns a cache of at most max bytes; nil (no cache) for
// max ≤ 0.
func newResultCache(max int64) *resultCache {
	if max <= 0 {
		return nil
	}
	return &resultCache{max: max, lru: list.New(), entries: map[string]*list.Element{}}
}

// CacheStats are the result cache's counters since the index was opened.
type CacheStats struct {
	// Hits and Misses count answers; WindowHits the misses whose page
	// was read from a cached window.
	Hits, Misses, WindowHits uint64
	Entries                  int
	Bytes, Max               int64
}

// CacheStats returns the result cache's counters (zero without a cache
// or an index).
func (ix *Index) CacheStats() CacheStats {
	if ix == nil || ix.cache == nil {
		return CacheStats{}
	}
	c := ix.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Hits: c.hits, Misses: c.misses, WindowHits: c.windowHits, Entries: len(c.entries), Bytes: c.used, Max: c.max}
}

// root returns the index's current root snapshot, nil if there is none
// (an index that is not scorch, or closed).
func (ix *Index) root() *scorch.IndexSnapshot {
	rd, err := ix.reader()
	if err != nil {
		return nil
	}
	snap, _ := rd.(*scorch.IndexSnapshot)
	rd.Close()
	return snap
}

// cached answers key from the cache when the root snapshot has it, and
// otherwise computes it and keeps the answer. Callers get a copy they may
// change.
func (ix *Index) cached(key string, compute func() (*Result, error)) (*Result, error) {
	c := ix.cache
	if c == nil {
		return compute()
	}
	start := time.Now()
	before := ix.root()
	if before != nil {
		if res := c.get(before, key); res != nil {
			res.Took = time.Since(start)
			return res, nil
		}
	}
	res, err := compute()
	if err != nil || before == nil {
		return res, err
	}
	if ix.root() == before {
		c.put(before, key, copyResult(res))
	}
	return res, nil
}

func (c *resultCache) get(snap *scorch.IndexSnapshot, key string) *Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	if snap != c.snap {
		c.reset(snap)
	}
	e, ok := c.entries[key]
	if !ok {
		c.misses++
		return nil
	}
	c.hits++
	c.lru.MoveToFront(e)
	return copyResult(e.Value.(*cacheEntry).res)
}

func (c *resultCache) put(snap *scorch.IndexSnapshot, key string, res *Result) {
	c.store(snap, &cacheEntry{key: key, res: res, size: resultSize(key, res)})
}

// putWindow keeps the window of a search that ran on snap, with its
// answer's total and facets (copied).
func (c *resultCache) putWindow(snap *scorch.IndexSnapshot, key string, hits []windowHit, out *Result) {
	w := &windowEntry{hits: hits, total: out.Total, facets: copyFacets(out.Facets)}
	size := resultSize(key, &Result{Facets: w.facets}) + int64(len(hits))*16 // a windowHit: number and score
	c.store(snap, &cacheEntry{key: key, win: w, size: size})
}

// window returns the window kept under key for snap, nil if there is none.
func (c *resultCache) window(snap *scorch.IndexSnapshot, key string) *windowEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if snap != c.snap {
		return nil
	}
	e, ok := c.entries[key]
	if !ok {
		return nil
	}
	c.windowHits++
	c.lru.MoveToFront(e)
	return e.Value.(*cacheEntry).win
}

// putCompounds keeps the compounds Compounds found on snap under key.
func (c *resultCache) putCompounds(snap *scorch.IndexSnapshot, key string, cks []CompoundKey) {
	size := int64(256 + 2*len(key))
	for _, ck := range cks {
		size += 48 + int64(len(ck.Key)) // the modifier and head are the caller's strings
	}
	c.store(snap, &cacheEntry{key: key, comp: cks, size: size})
}

// compounds returns the compounds kept under key for snap; ok is false
// when there are none.
func (c *resultCache) compounds(snap *scorch.IndexSnapshot, key string) (cks []CompoundKey, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if snap != c.snap {
		return nil, false
	}
	e, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(e)
	return e.Value.(*cacheEntry).comp, true
}

// store keeps entry e for snap, evicting the least recently used.
func (c *resultCache) store(snap *scorch.IndexSnapshot, e *cacheEntry) {
	key, size := e.key, e.size
	if size > c.max/4 {
		// One answer never takes most of the cache.
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if snap != c.snap {
		c.reset(snap)
	}
	if _, ok := c.entries[key]; ok {
		return
	}
	for c.used+size > c.max {
		last := c.lru.Back()
		old := last.Value.(*cacheEntry)
		c.lru.Remove(last)
		delete(c.entries, old.key)
		c.used -= old.size
	}
	c.entries[key] = c.lru.PushFront(e)
	c.used += size
}

// reset empties the cache for a new root snapshot. Call with c.mu held.
func (c *resultCache) reset(snap *scorch.IndexSnapshot) {
	c.snap = snap
	c.lru.Init()
	clear(c.entries)
	c.used = 0
}

// copyResult copies res deeply enough that neither the caller nor the
// cache sees the other's changes: the slices and the facet map are new,
// the strings (immutable) are shared.
func copyResult(res *Result) *Result {
	out := &Result{Total: res.Total, Took: res.Took, Hits: make([]Hit, len(res.Hits)), Facets: copyFacets(res.Facets), Pruned: cloneSlice(res.Pruned)}
	for i, h := range res.Hits {
		h.Fragments = cloneSlice(h.Fragments)
		h.Terms = cloneSlice(h.Terms)
		h.Concepts = cloneSlice(h.Concepts)
		out.Hits[i] = h
	}
	return out
}

// copyFacets copies a facet map and its slices (never nil).
func copyFacets(fs map[string][]Facet) map[string][]Facet {
	out := make(map[string][]Facet, len(fs))
	for k, f := range fs {
		out[k] = cloneSlice(f)
	}
	return out
}

// cloneSlice copies s, keeping nil nil.
func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

// resultSize estimates the bytes an entry holds: the key, the answer's
// slices and the strings its hits hold (facet values are shared with the
// facet tables, so only their slice counts), and the bookkeeping.
func resultSize(key string, res *Result) int64 {
	const (
		entryOverhead = 256 // the list element, map slot, entry and Result
		hitSize       = 200 // a Hit without its strings' bytes
		facetSize     = 24  // a Facet: string header and count
		termSize      = 48  // a MatchedTerm without its strings' bytes
	)
	n := int64(entryOverhead+2*len(key)) + 8*int64(len(res.Pruned))
	for _, h := range res.Hits {
		n += hitSize + int64(len(h.ID)+len(h.Doc)+len(h.Title)+len(h.Section)+len(h.Text))
		for _, f := range h.Fragments {
			n += 16 + int64(len(f))
		}
		for _, t := range h.Terms {
			n += termSize + int64(len(t.Field)+len(t.Term))
		}
		n += 8 * int64(len(h.Concepts))
	}
	for k, fs := range res.Facets {
		n += 64 + int64(len(k)) + int64(len(fs))*facetSize
	}
	return n
}

// keyWriter encodes a request unambiguously: strings with their lengths,
// numbers each followed by a comma, floats by their bits.
type keyWriter struct{ b []byte }

func (w *keyWriter) str(s string) {
	w.b = strconv.AppendInt(w.b, int64(len(s)), 10)
	w.b = append(w.b, ':')
	w.b = append(w.b, s...)
}

func (w *keyWriter) num(n int) {
	w.b = strconv.AppendInt(w.b, int64(n), 10)
	w.b = append(w.b, ',')
}

func (w *keyWriter) flt(f float64) {
	w.b = strconv.AppendUint(w.b, math.Float64bits(f), 16)
	w.b = append(w.b, ',')
}

func (w *keyWriter) flag(v bool) {
	if v {
		w.b = append(w.b, 't')
	} else {
		w.b = append(w.b, 'f')
	}
}

// newKey starts the key of a request of kind k (q, w) with the page and
// filters both kinds share.
func newKey(k byte, limit, offset int, doc, section string, docs []string, allDocFacets bool) *keyWriter {
	w := &keyWriter{b: append(make([]byte, 0, 128), k)}
	w.filters(limit, offset, doc, section, docs, allDocFacets)
	return w
}

// filters writes the page and the filters both kinds of request share.
func (w *keyWriter) filters(limit, offset int, doc, section string, docs []string, allDocFacets bool) {
	w.num(limit)
	w.num(offset)
	w.str(doc)
	w.str(section)
	w.flag(docs != nil)
	w.num(len(docs))
	for _, d := range docs {
		w.str(d)
	}
	w.flag(allDocFacets)
}

// requestKey is the cache key of a search: every field of r that can
// change its answer.
func requestKey(r Request) string {
	w := newKey('q', r.Limit, r.Offset, r.Doc, r.Section, r.Docs, r.AllDocFacets)
	if r.Query == nil {
		w.b = append(w.b, '-')
		return string(w.b)
	}
	w.num(len(r.Query.Clauses))
	for _, c := range r.Query.Clauses {
		w.num(int(c.Occur))
		w.num(len(c.Alts))
		for _, t := range c.Alts {
			w.str(t.Text)
			w.flag(t.Phrase)
			w.flag(t.Prefix)
			w.num(t.Fuzzy)
			w.flt(t.Boost)
			w.flag(t.Exact)
			w.flag(t.Minor)
		}
	}
	return string(w.b)
}

// windowKey is the cache key of the evaluated window of r's search: r
// without its page, and the window's size.
func windowKey(r Request, window int) string {
	r.Limit, r.Offset = window, 0
	return "W" + requestKey(r)
}

// pageFromWindow answers a page from the window kept under key for the
// index's current snapshot: the page's passages' stored fields and the
// query's terms in them (ls) are read as pageDirect reads them, the
// ranking, total and facets are the window's. ok is false when no window
// is kept.
func (ix *Index) pageFromWindow(ctx context.Context, key string, ls *leafSet, offset, limit int) (out *Result, ok bool, err error) {
	rd, err := ix.reader()
	if err != nil {
		return nil, false, nil // the search says what is wrong
	}
	defer rd.Close()
	snap, isScorch := rd.(*scorch.IndexSnapshot)
	if !isScorch {
		return nil, false, nil
	}
	w := ix.cache.window(snap, key)
	if w == nil {
		return nil, false, nil
	}
	out = &Result{Total: w.total, Hits: []Hit{}, Facets: copyFacets(w.facets)}
	if offset >= len(w.hits) {
		return out, true, nil
	}
	page := w.hits[offset:min(offset+limit, len(w.hits))]
	st, err := ix.facets.tables(snap)
	if err != nil {
		return nil, false, err
	}
	nums := make([]uint64, len(page))
	hits := make([]*search.DocumentMatch, len(page))
	for i, h := range page {
		nums[i] = h.num
		hits[i] = &search.DocumentMatch{IndexInternalID: bindex.NewIndexInternalID(nil, h.num), Score: h.score}
	}
	m, err := readLeaves(ctx, snap, ls, nums)
	if err != nil {
		return nil, false, err
	}
	if err := loadPage(snap, st.offsets, m, hits, func(i int) int { return i }); err != nil {
		return nil, false, err
	}
	for _, h := range hits {
		out.Hits = append(out.Hits, hitOf(h))
	}
	return out, true, nil
}

// weightedKey is the cache key of a weighted search: every field of r
// that can change its answer.
func weightedKey(r WeightedRequest) string {
	w := newKey('w', r.Limit, r.Offset, r.Doc, r.Section, r.Docs, r.AllDocFacets)
	w.num(r.FacetWindow)
	for _, f := range []float64{r.Scoring.K1, r.Scoring.B, r.Scoring.Heading, r.Scoring.Coverage, r.Scoring.Prune} {
		w.flt(f)
	}
	w.num(len(r.Concepts))
	for _, c := range r.Concepts {
		w.flt(c.Weight)
		w.num(int(c.Occur))
		w.num(len(c.Alts))
		for _, a := range c.Alts {
			w.str(a.Text)
			w.flag(a.Key)
			w.flag(a.Exact)
			w.flt(a.P)
		}
	}
	return string(w.b)
}
