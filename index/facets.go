package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Facet counts (documents and sections of the matching passages) come from
// tables of the index's own: for each segment, the document and section of
// every passage as a small number. bleve's facets decode both fields' doc
// values (snappy-compressed chunks) for every matching passage on every
// search, which was about half of a search's CPU on the BWB circulars.
// Segments never change once written, so a segment's table is built once,
// from the fields' term dictionaries and postings, and dropped when the
// segment is merged away.

// facetFields are the fields counted, in Result.Facets order.
var facetFields = [...]string{fieldDoc, fieldSection}

// segFacets is one segment's table: for each facet field, the field's
// terms and, per passage (local number), 1 + the index of its term, or 0.
type segFacets struct {
	terms [len(facetFields)][]string
	ord   [len(facetFields)][]uint32
}

// facetTables holds the tables of the segments in use, by segment, and
// of the last few snapshots searched.
type facetTables struct {
	mu    sync.Mutex
	segs  map[segment.Segment]*segFacets
	snaps []*snapTables // most recent last
}

// snapTables joins the tables of one snapshot's segments: where each
// segment's passages start in the snapshot's numbering, the snapshot's
// distinct values of each field, and per segment the value of each of
// its term indexes.
type snapTables struct {
	snap    *scorch.IndexSnapshot
	offsets []uint64
	segs    []*segFacets
	values  [len(facetFields)][]string
	global  [len(facetFields)][][]uint32
	// flat is, per passage of the snapshot (global number num, at
	// num*len(facetFields)+f), 1 + the index of its value of field f in
	// values, or 0: what add reads, the fields of a passage side by side.
	flat []uint32
	// rank is each value's place in the sorted order of values, so that
	// ordering counts breaks ties without comparing strings.
	rank [len(facetFields)][]uint32
	// byRank is rank's inverse: the value at each place of the order.
	byRank  [len(facetFields)][]uint32
	pool    sync.Pool   // *snapFacets, counts zeroed
	answers snapAnswers // word answers on this snapshot (snapcache.go)
}

// keptSnapshots is how many snapshots' joined tables are kept: searches
// run on the newest, a few may still hold an older one.
const keptSnapshots = 4

// snapFacets counts one search's facets over a snapshot.
type snapFacets struct {
	st      *snapTables
	counts  [len(facetFields)][]int32  // per value
	touched [len(facetFields)][]uint32 // the values counted
	keys    []uint64                   // result's scratch
}

// forSnapshot returns a counter for snap (release it with done), building
// the tables of segments and the snapshot not seen yet.
func (ft *facetTables) forSnapshot(snap *scorch.IndexSnapshot) (*snapFacets, error) {
	st, err := ft.tables(snap)
	if err != nil {
		return nil, err
	}
	if sf, ok := st.pool.Get().(*snapFacets); ok {
		return sf, nil
	}
	sf := &snapFacets{st: st}
	for f := range facetFields {
		sf.counts[f] = make([]int32, len(st.values[f]))
	}
	return sf, nil
}

// done clears sf's counts and returns it to its pool.
func (sf *snapFacets) done() {
	for f := range facetFields {
		for _, g := range sf.touched[f] {
			sf.counts[f][g] = 0
		}
		sf.touched[f] = sf.touched[f][:0]
	}
	sf.st.pool.Put(sf)
}

func (ft *facetTables) tables(snap *scorch.IndexSnapshot) (*snapTables, error) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	for _, st := range ft.snaps {
		if st.snap == snap {
			return st, nil
		}
	}
	if ft.segs == nil {
		ft.segs = map[segment.Segment]*segFacets{}
	}
	segs := snap.Segments()
	st := &snapTables{snap: snap, offsets: make([]uint64, len(segs)), segs: make([]*segFacets, len(segs))}
	live := make(map[segment.Segment]bool, len(segs))
	var running uint64
	for i, ss := range segs {
		seg := ss.Segment()
		live[seg] = true
		st.offsets[i] = running
		running += seg.Count()
		t := ft.segs[seg]
		if t == nil {
			var err error
			if t, err = buildSegFacets(seg); err != nil {
				return nil, err
			}
			ft.segs[seg] = t
		}
		st.segs[i] = t
	}
	// A table of a segment merged away is dropped; a snapshot still in
	// use keeps its own reference.
	for seg := range ft.segs {
		if !live[seg] {
			delete(ft.segs, seg)
		}
	}
	for f := range facetFields {
		ids := map[string]uint32{}
		st.global[f] = make([][]uint32, len(segs))
		for i, t := range st.segs {
			g := make([]uint32, len(t.terms[f]))
			for o, v := range t.terms[f] {
				id, ok := ids[v]
				if !ok {
					id = uint32(len(st.values[f]))
					ids[v] = id
					st.values[f] = append(st.values[f], v)
				}
				g[o] = id
			}
			st.global[f][i] = g
		}
	}
	const nf = uint64(len(facetFields))
	st.flat = make([]uint32, running*nf)
	for f := range facetFields {
		for i, t := range st.segs {
			g, base := st.global[f][i], st.offsets[i]
			for local, o := range t.ord[f] {
				if o != 0 {
					st.flat[(base+uint64(local))*nf+uint64(f)] = g[o-1] + 1
				}
			}
		}
		order := make([]uint32, len(st.values[f]))
		for i := range order {
			order[i] = uint32(i)
		}
		vs := st.values[f]
		sort.Slice(order, func(a, b int) bool { return vs[order[a]] < vs[order[b]] })
		st.byRank[f] = order
		st.rank[f] = make([]uint32, len(order))
		for r, g := range order {
			st.rank[f][g] = uint32(r)
		}
	}
	if len(ft.snaps) == keptSnapshots {
		ft.snaps = slices.Delete(ft.snaps, 0, 1)
	}
	ft.snaps = append(ft.snaps, st)
	return st, nil
}

// buildSegFacets reads a segment's table from the facet fields' term
// dictionaries: each term's postings are the passages that have it.
func buildSegFacets(seg segment.Segment) (*segFacets, error) {
	t := &segFacets{}
	n := seg.Count()
	for f, field := range facetFields {
		t.ord[f] = make([]uint32, n)
		dict, err := seg.Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("index: facets: %w", err)
		}
		it := dict.AutomatonIterator(nil, nil, nil)
		var pl segment.PostingsList
		var pi segment.PostingsIterator
		for de, err := it.Next(); de != nil || err != nil; de, err = it.Next() {
			if err != nil {
				return nil, fmt.Errorf("index: facets: %w", err)
			}
			t.terms[f] = append(t.terms[f], de.Term)
			ord := uint32(len(t.terms[f]))
			if pl, err = dict.PostingsList([]byte(de.Term), nil, pl); err != nil {
				return nil, fmt.Errorf("index: facets: %w", err)
			}
			pi = pl.Iterator(false, false, false, pi)
			for p, err := pi.Next(); p != nil || err != nil; p, err = pi.Next() {
				if err != nil {
					return nil, fmt.Errorf("index: facets: %w", err)
				}
				if num := p.Number(); num < n {
					t.ord[f][num] = ord
				}
			}
		}
	}
	return t, nil
}

// add counts the passage with global number num.
func (sf *snapFacets) add(num uint64) {
	const nf = uint64(len(facetFields))
	i := num * nf
	if i+nf > uint64(len(sf.st.flat)) {
		return
	}
	vs := sf.st.flat[i : i+nf : i+nf]
	for f := range facetFields {
		g := vs[f]
		if g == 0 {
			continue
		}
		g--
		c := sf.counts[f]
		if c[g] == 0 {
			sf.touched[f] = append(sf.touched[f], g)
		}
		c[g]++
	}
}

// result returns the counts, the most frequent values first (ties by
// value), at most facetSize per field: the order and cut of bleve's terms
// facets, with values compared by rank.
// allDocs keeps every value of the doc facet.
func (sf *snapFacets) result(allDocs bool) map[string][]Facet {
	out := make(map[string][]Facet, len(facetFields))
	for f, field := range facetFields {
		counts, rank := sf.counts[f], sf.st.rank[f]
		n := facetSize
		if allDocs && field == fieldDoc {
			n = max(n, len(sf.touched[f]))
		}
		// Each value as one number that orders as the facet does: more
		// passages first, then the lower rank. The values are told
		// apart by rank, so no two numbers are equal.
		keys := sf.keys[:0]
		for _, g := range sf.touched[f] {
			keys = append(keys, uint64(counts[g])<<32|uint64(^rank[g]))
		}
		sf.keys = keys
		keys = largest(keys, n)
		fs := make([]Facet, len(keys))
		for i, k := range keys {
			g := sf.st.byRank[f][^uint32(k)]
			fs[i] = Facet{Value: sf.st.values[f][g], Count: int(k >> 32)}
		}
		out[field] = fs
	}
	return out
}

// collection is what a search run with its context collects besides the
// hits: the facets of every matching passage and the snapshot the search
// ran on, held until release so the hits' internal numbers can be read
// on it.
type collection struct {
	ctx  context.Context
	sf   *snapFacets
	snap *scorch.IndexSnapshot
	st   *snapTables // snap's tables: where its segments start
	mem  *arena      // the lists of an evaluated search (evaluate.go)
}

// collecting returns a collection whose ctx sets a search up to count the
// facets of every matching passage and to hold its snapshot. Call release
// once the search is done and its hits are read.
func (ix *Index) collecting(ctx context.Context) *collection {
	c := &collection{}
	maker := search.MakeDocumentMatchHandler(func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		snap, ok := sctx.IndexReader.(*scorch.IndexSnapshot)
		if !ok {
			return nil, false, fmt.Errorf("index: facets: reader is a %T, not a scorch snapshot", sctx.IndexReader)
		}
		sf, err := ix.facets.forSnapshot(snap)
		if err != nil {
			return nil, false, err
		}
		if c.snap == nil {
			snap.AddRef()
			c.snap, c.st = snap, sf.st
		}
		c.sf = sf
		return func(d *search.DocumentMatch) error {
			if d != nil {
				sf.add(d.IndexInternalID.Value())
			}
			return next(d)
		}, loadID, nil
	})
	c.ctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, maker)
	return c
}

// facets returns the facet counts (nil if the search did not start).
// Call it once. allDocs keeps every value of the doc facet.
func (c *collection) facets(allDocs bool) map[string][]Facet {
	if c.sf == nil {
		return nil
	}
	defer c.sf.done()
	res := c.sf.result(allDocs)
	c.sf = nil
	return res
}

// release lets the snapshot go (and the facet counter, if facets was not
// called).
func (c *collection) release() {
	if c.mem != nil {
		c.mem.release()
		c.mem = nil
	}
	if c.sf != nil {
		c.sf.done()
		c.sf = nil
	}
	if c.snap != nil {
		_ = c.snap.DecRef() // an error closing a segment is no search's
		c.snap = nil
	}
}

// windowFacets counts the documents and sections of the passages with
// internal numbers nums into res.
func (ix *Index) windowFacets(rd bindex.IndexReader, nums []uint64, res *Result, allDocs bool) error {
	snap, ok := rd.(*scorch.IndexSnapshot)
	if !ok {
		return fmt.Errorf("index: facets: reader is a %T, not a scorch snapshot", rd)
	}
	sf, err := ix.facets.forSnapshot(snap)
	if err != nil {
		return err
	}
	defer sf.done()
	for _, n := range nums {
		sf.add(n)
	}
	res.Facets = sf.result(allDocs)
	return nil
}

// largest returns the n largest of keys, largest first, reordering keys:
// a selection that puts them first (quickselect), then a sort of those n.
// A page's facets over thousands of sections cost as much as its
// evaluation when each value was put in place in an ordered list.
func largest(keys []uint64, n int) []uint64 {
	if n < len(keys) {
		selectLargest(keys, n)
		keys = keys[:n]
	}
	slices.SortFunc(keys, func(a, b uint64) int { return cmp.Compare(b, a) })
	return keys
}

// selectLargest reorders a so that its first k elements are its k
// largest, in no particular order (Hoare's selection, median-of-three
// pivot).
func selectLargest(a []uint64, k int) {
	lo, hi := 0, len(a)-1
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		x, y, z := a[lo], a[mid], a[hi]
		pivot := max(min(x, y), min(max(x, y), z))
		i, j := lo, hi
		for i <= j {
			for a[i] > pivot {
				i++
			}
			for a[j] < pivot {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i, j = i+1, j-1
			}
		}
		// a[lo..j] >= pivot >= a[i..hi]; between them, the pivot
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}
