package index

import (
	"container/list"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// A result cache keeps the answers of recent searches for as long as the
// index does not change: the same request on the same snapshot gives the
// same answer (the snapshot's segments, their deletions and the request
// decide every score, tie and facet), so a repeated query — the same
// search from another user, the UI's reload, a page seen before — costs a
// lookup and a copy instead of a search. The page is part of the key: the
// next page of a result list is a new entry.
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

	hits, misses uint64
}

type cacheEntry struct {
	key  string
	res  *Result
	size int64
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
	Hits, Misses uint64
	Entries      int
	Bytes, Max   int64
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
	return CacheStats{Hits: c.hits, Misses: c.misses, Entries: len(c.entries), Bytes: c.used, Max: c.max}
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
	size := resultSize(key, res)
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
	c.entries[key] = c.lru.PushFront(&cacheEntry{key: key, res: res, size: size})
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
	out := &Result{Total: res.Total, Took: res.Took, Hits: make([]Hit, len(res.Hits)), Facets: make(map[string][]Facet, len(res.Facets))}
	for i, h := range res.Hits {
		h.Fragments = cloneSlice(h.Fragments)
		h.Terms = cloneSlice(h.Terms)
		out.Hits[i] = h
	}
	for k, fs := range res.Facets {
		out.Facets[k] = cloneSlice(fs)
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
	n := int64(entryOverhead + 2*len(key))
	for _, h := range res.Hits {
		n += hitSize + int64(len(h.ID)+len(h.Doc)+len(h.Title)+len(h.Section)+len(h.Text))
		for _, f := range h.Fragments {
			n += 16 + int64(len(f))
		}
		for _, t := range h.Terms {
			n += termSize + int64(len(t.Field)+len(t.Term))
		}
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
	w := keyWriter{b: make([]byte, 0, 128)}
	w.b = append(w.b, 'q')
	w.filters(r.Limit, r.Offset, r.Doc, r.Section, r.Docs, r.AllDocFacets)
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
		}
	}
	return string(w.b)
}

// weightedKey is the cache key of a weighted search: every field of r
// that can change its answer.
func weightedKey(r WeightedRequest) string {
	w := keyWriter{b: make([]byte, 0, 128)}
	w.b = append(w.b, 'w')
	w.filters(r.Limit, r.Offset, r.Doc, r.Section, r.Docs, r.AllDocFacets)
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
