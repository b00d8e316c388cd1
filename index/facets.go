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

// facetTables holds the tables of the segments in use, by segment.
type facetTables struct {
	mu   sync.Mutex
	segs map[segment.Segment]*segFacets
}

// snapFacets counts facets over one index snapshot: its segments' tables
// and where each segment's passages start in the snapshot's numbering.
type snapFacets struct {
	tables  []*segFacets
	offsets []uint64
	counts  [len(facetFields)][][]int // per segment, per term
}

// forSnapshot returns the counter of snap, building the tables of segments
// not seen yet and forgetting those no longer in snap.
func (ft *facetTables) forSnapshot(snap *scorch.IndexSnapshot) (*snapFacets, error) {
	segs := snap.Segments()
	sf := &snapFacets{tables: make([]*segFacets, len(segs)), offsets: make([]uint64, len(segs))}
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if ft.segs == nil {
		ft.segs = map[segment.Segment]*segFacets{}
	}
	live := make(map[segment.Segment]bool, len(segs))
	var running uint64
	for i, ss := range segs {
		seg := ss.Segment()
		live[seg] = true
		sf.offsets[i] = running
		running += seg.Count()
		t := ft.segs[seg]
		if t == nil {
			var err error
			if t, err = buildSegFacets(seg); err != nil {
				return nil, err
			}
			ft.segs[seg] = t
		}
		sf.tables[i] = t
	}
	// A table of a segment merged away is dropped; a search still holding
	// an older snapshot keeps its own reference.
	for seg := range ft.segs {
		if !live[seg] {
			delete(ft.segs, seg)
		}
	}
	for f := range facetFields {
		sf.counts[f] = make([][]int, len(segs))
	}
	return sf, nil
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
	i := sort.Search(len(sf.offsets), func(x int) bool { return sf.offsets[x] > num }) - 1
	if i < 0 {
		return
	}
	t, local := sf.tables[i], num-sf.offsets[i]
	for f := range facetFields {
		if local >= uint64(len(t.ord[f])) {
			continue
		}
		o := t.ord[f][local]
		if o == 0 {
			continue
		}
		c := sf.counts[f][i]
		if c == nil {
			c = make([]int, len(t.terms[f]))
			sf.counts[f][i] = c
		}
		c[o-1]++
	}
}

// result returns the counts, the most frequent values first (ties by
// value), at most facetSize per field: the order and cut of bleve's terms
// facets.
func (sf *snapFacets) result() map[string][]Facet {
	out := make(map[string][]Facet, len(facetFields))
	for f, field := range facetFields {
		m := map[string]int{}
		for i, c := range sf.counts[f] {
			for o, n := range c {
				if n > 0 {
					m[sf.tables[i].terms[f][o]] += n
				}
			}
		}
		fs := make([]Facet, 0, len(m))
		for v, n := range m {
			fs = append(fs, Facet{Value: v, Count: n})
		}
		slices.SortFunc(fs, func(a, b Facet) int {
			if a.Count != b.Count {
				return cmp.Compare(b.Count, a.Count)
			}
			return cmp.Compare(a.Value, b.Value)
		})
		out[field] = fs[:min(len(fs), facetSize)]
	}
	return out
}

// countingFacets returns ctx set up so that the search run with it counts
// the facets of every matching passage into the *snapFacets that get
// returns once the search is done (nil if the search did not start).
func (ix *Index) countingFacets(ctx context.Context) (context.Context, func() *snapFacets) {
	var sf *snapFacets
	maker := search.MakeDocumentMatchHandler(func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		snap, ok := sctx.IndexReader.(*scorch.IndexSnapshot)
		if !ok {
			return nil, false, fmt.Errorf("index: facets: reader is a %T, not a scorch snapshot", sctx.IndexReader)
		}
		if sf, err = ix.facets.forSnapshot(snap); err != nil {
			return nil, false, err
		}
		return func(d *search.DocumentMatch) error {
			if d != nil {
				sf.add(d.IndexInternalID.Value())
			}
			return next(d)
		}, loadID, nil
	})
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, maker), func() *snapFacets { return sf }
}

// windowFacets counts the documents and sections of the passages with
// internal numbers nums into res.
func (ix *Index) windowFacets(rd bindex.IndexReader, nums []uint64, res *Result) error {
	snap, ok := rd.(*scorch.IndexSnapshot)
	if !ok {
		return fmt.Errorf("index: facets: reader is a %T, not a scorch snapshot", rd)
	}
	sf, err := ix.facets.forSnapshot(snap)
	if err != nil {
		return err
	}
	for _, n := range nums {
		sf.add(n)
	}
	res.Facets = sf.result()
	return nil
}
