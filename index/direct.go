package index

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Search finds the window of best hits without locations or stored fields
// (reading every matching passage's term vectors cost more than the search
// itself), then reads what the window needs straight from the snapshot the
// search ran on: which of the query's terms and phrases each window hit
// matches (to rank the window by coverage), and for the page's hits their
// stored fields and the locations of what they matched. Before, two more
// searches did that — the query restricted to the window's passages, for
// locations, and an id query for stored fields — and each built every
// searcher of the query again.
//
// The locations bleve reports for a hit are those of the query's term and
// phrase queries that match it (a phrase only where its words stand in
// order), on fields with term vectors. A query of term and phrase queries
// under disjunctions, conjunctions and the Must and Should parts of a
// boolean gives the same locations when each of those leaves is tested on
// its own: a hit matches every conjunct, and a disjunction reports every
// child that matches. leavesOf refuses any other query (a prefix query
// bleve expands itself, a fuzzy phrase), and Search then falls back to
// searching with locations.

// vectorFields are the fields indexed with term vectors: only their
// matches carry locations.
var vectorFields = map[string]bool{fieldText: true, fieldExact: true, fieldHeading: true}

// fieldTerm is an index term of a field.
type fieldTerm struct{ field, term string }

// leaf is a term query (one term) or a phrase query of the compiled query.
type leaf struct {
	terms  []int // into leafSet.keys; -1 for a phrase's gap (a removed stop word)
	phrase bool
}

// leafSet is the compiled query's leaves and their distinct terms.
type leafSet struct {
	keys   []fieldTerm
	index  map[fieldTerm]int
	leaves []leaf
}

// leavesOf returns the leaves of q whose matches carry locations, or
// false when q holds a query this package cannot evaluate leaf by leaf.
func leavesOf(q query.Query) (*leafSet, bool) {
	ls := &leafSet{index: map[fieldTerm]int{}}
	if !ls.walk(q) {
		return nil, false
	}
	return ls, true
}

func (ls *leafSet) key(field, term string) int {
	k := fieldTerm{field, term}
	i, ok := ls.index[k]
	if !ok {
		i = len(ls.keys)
		ls.keys = append(ls.keys, k)
		ls.index[k] = i
	}
	return i
}

func (ls *leafSet) walk(q query.Query) bool {
	switch q := q.(type) {
	case *query.BooleanQuery:
		// MustNot matches nothing of a hit.
		for _, c := range []query.Query{q.Must, q.Should} {
			if c != nil && !ls.walk(c) {
				return false
			}
		}
		return true
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			if !ls.walk(c) {
				return false
			}
		}
		return true
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			if !ls.walk(c) {
				return false
			}
		}
		return true
	case *query.TermQuery:
		if q.FieldVal == "" {
			return false
		}
		if vectorFields[q.FieldVal] {
			ls.leaves = append(ls.leaves, leaf{terms: []int{ls.key(q.FieldVal, q.Term)}})
		}
		return true
	case *query.PhraseQuery:
		if q.FieldVal == "" || q.Fuzziness != 0 {
			return false
		}
		if !vectorFields[q.FieldVal] {
			return true
		}
		l := leaf{phrase: true}
		words := 0
		for _, t := range q.Terms {
			if t == "" {
				l.terms = append(l.terms, -1)
				continue
			}
			l.terms = append(l.terms, ls.key(q.FieldVal, t))
			words++
		}
		if words == 0 {
			return false
		}
		ls.leaves = append(ls.leaves, l)
		return true
	case *query.MatchNoneQuery, *query.MatchAllQuery, *query.DocIDQuery:
		return true
	}
	return false
}

// termLoc is one occurrence of a term in a passage.
type termLoc struct{ pos, start, end uint64 }

// leafMatches is what the leaves found in a few passages: per key and
// passage (by position in the list evaluated), the term's occurrences, or
// nil where the passage does not have the term.
type leafMatches struct {
	ls   *leafSet
	locs [][][]termLoc // [key][passage]
}

// keepLocations returns a function that records a posting's locations as
// passage i's in per, appending them to *slab (one allocation for all).
func keepLocations(slab *[]termLoc, per [][]termLoc) func(i int, p segment.Posting) {
	return func(i int, p segment.Posting) {
		start := len(*slab)
		for _, l := range p.Locations() {
			*slab = append(*slab, termLoc{l.Pos(), l.Start(), l.End()})
		}
		per[i] = (*slab)[start:len(*slab):len(*slab)]
		if len(*slab) == start {
			per[i] = []termLoc{} // present, even without vectors
		}
	}
}

// readLeaves reads the occurrences of every key of ls in the passages
// with internal numbers nums, from snap.
func readLeaves(ctx context.Context, snap *scorch.IndexSnapshot, ls *leafSet, nums []uint64) (*leafMatches, error) {
	return readLeavesOpened(ctx, snap, ls, nums, nil)
}

// readLeavesOpened is readLeaves with postings the search has opened
// already (the English search's alternatives): a key found in opened is
// read from its lists, without looking the term up in every segment's
// dictionary again.
func readLeavesOpened(ctx context.Context, snap *scorch.IndexSnapshot, ls *leafSet, nums []uint64, opened map[fieldTerm]*termPostings) (*leafMatches, error) {
	m := &leafMatches{ls: ls, locs: make([][][]termLoc, len(ls.keys))}
	order := make([]int, len(nums))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return nums[order[a]] < nums[order[b]] })
	var tfd bindex.TermFieldDoc
	var slab []termLoc
	for k, ft := range ls.keys {
		per := make([][]termLoc, len(nums))
		m.locs[k] = per
		if tp := opened[ft]; tp != nil {
			if err := postingsIn(tp.pls, tp.pr.offsets, nums, order, keepLocations(&slab, per)); err != nil {
				return nil, err
			}
			continue
		}
		tfr, err := snap.TermFieldReader(ctx, []byte(ft.term), ft.field, true, false, true)
		if err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		cur, have := uint64(0), false // the reader's current passage
		for _, i := range order {
			n := nums[i]
			if !have || cur < n {
				d, err := tfr.Advance(bindex.NewIndexInternalID(nil, n), &tfd)
				if err != nil {
					tfr.Close()
					return nil, fmt.Errorf("index: search: %w", err)
				}
				if d == nil {
					break // no more passages with the term
				}
				cur, have = d.ID.Value(), true
			}
			if cur != n {
				continue
			}
			start := len(slab)
			for _, v := range tfd.Vectors {
				slab = append(slab, termLoc{v.Pos, v.Start, v.End})
			}
			per[i] = slab[start:len(slab):len(slab)]
			if len(tfd.Vectors) == 0 {
				per[i] = []termLoc{} // present, even without vectors
			}
		}
		if err := tfr.Close(); err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
	}
	return m, nil
}

// matched calls found for each key a leaf matched in passage i (keys of
// matching phrases once per phrase, with the phrase's occurrences only;
// a term's key with all its occurrences).
func (m *leafMatches) matched(i int, found func(key int, locs []termLoc)) {
	for _, l := range m.ls.leaves {
		if !l.phrase {
			if locs := m.locs[l.terms[0]][i]; locs != nil {
				found(l.terms[0], locs)
			}
			continue
		}
		for _, k := range l.terms {
			if k >= 0 && m.locs[k][i] == nil {
				goto next // a word of the phrase is missing
			}
		}
		for k, locs := range m.phraseLocs(l, i) {
			found(k, locs)
		}
	next:
	}
}

// phraseLocs returns the occurrences of each of the phrase's words that
// take part in a match of the phrase in passage i, by key; none when the
// phrase does not match. A match is the words at consecutive positions,
// a gap standing for any one word (a gap before the first word counts for
// nothing), as bleve's phrase searcher matches without slop.
func (m *leafMatches) phraseLocs(l leaf, i int) map[int][]termLoc {
	terms := l.terms
	for len(terms) > 0 && terms[0] < 0 {
		terms = terms[1:]
	}
	var out map[int][]termLoc
	for _, first := range m.locs[terms[0]][i] {
		ok := true
		for off, k := range terms[1:] {
			if k < 0 {
				continue
			}
			if !hasPos(m.locs[k][i], first.pos+uint64(off)+1) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if out == nil {
			out = map[int][]termLoc{}
		}
		for off, k := range terms {
			if k < 0 {
				continue
			}
			for _, loc := range m.locs[k][i] {
				if loc.pos == first.pos+uint64(off) && !slices.Contains(out[k], loc) {
					out[k] = append(out[k], loc)
				}
			}
		}
	}
	return out
}

func hasPos(locs []termLoc, pos uint64) bool {
	for _, l := range locs {
		if l.pos == pos {
			return true
		}
	}
	return false
}

// keysOf returns the field + "\x00" + term keys (coverage.go) of what the
// leaves matched in passage i.
func (m *leafMatches) keysOf(i int, keys []string) map[string]bool {
	out := map[string]bool{}
	m.matched(i, func(k int, _ []termLoc) { out[keys[k]] = true })
	return out
}

// locationsOf returns the locations of what the leaves matched in
// passage i, as bleve reports them in a hit.
func (m *leafMatches) locationsOf(i int) search.FieldTermLocationMap {
	var out search.FieldTermLocationMap
	m.matched(i, func(k int, locs []termLoc) {
		ft := m.ls.keys[k]
		if out == nil {
			out = search.FieldTermLocationMap{}
		}
		tlm := out[ft.field]
		if tlm == nil {
			tlm = search.TermLocationMap{}
			out[ft.field] = tlm
		}
		have := tlm[ft.term]
		slab := make([]search.Location, 0, len(locs))
	next:
		for _, l := range locs {
			for _, h := range have {
				if h.Pos == l.pos && h.Start == l.start && h.End == l.end {
					continue next // a term and a phrase report the same occurrence
				}
			}
			slab = append(slab, search.Location{Pos: l.pos, Start: l.start, End: l.end})
			have = append(have, &slab[len(slab)-1])
		}
		tlm[ft.term] = have
	})
	return out
}

// storedFields reads the stored fields of the passage with internal
// number num from snap, as bleve loads them into a hit (numbers as
// float64).
func storedFields(snap *scorch.IndexSnapshot, offsets []uint64, num uint64) (map[string]any, error) {
	i := sort.Search(len(offsets), func(x int) bool { return offsets[x] > num }) - 1
	segs := snap.Segments()
	if i < 0 || i >= len(segs) {
		return nil, fmt.Errorf("index: search: passage %d is in no segment", num)
	}
	out := map[string]any{}
	err := segs[i].Segment().VisitStoredFields(num-offsets[i], func(field string, typ byte, value []byte, _ []uint64) bool {
		switch typ {
		case 't':
			out[field] = string(value)
		case 'n':
			if n, err := numeric.PrefixCoded(value).Int64(); err == nil {
				out[field] = numeric.Int64ToFloat64(n)
			}
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	return out, nil
}

// loadDirect returns the passages with internal numbers nums, read from
// snap with their stored fields and the locations of what the leaves ls
// match in them: what a search for the passages with the leaves' query
// as an optional clause returns.
func (ix *Index) loadDirect(ctx context.Context, snap *scorch.IndexSnapshot, ls *leafSet, nums []uint64, opened map[fieldTerm]*termPostings) ([]Hit, error) {
	st, err := ix.facets.tables(snap)
	if err != nil {
		return nil, err
	}
	m, err := readLeavesOpened(ctx, snap, ls, nums, opened)
	if err != nil {
		return nil, err
	}
	out := make([]Hit, len(nums))
	for i, n := range nums {
		f, err := storedFields(snap, st.offsets, n)
		if err != nil {
			return nil, err
		}
		id, _ := f[idField].(string)
		out[i] = hitOf(&search.DocumentMatch{ID: id, Fields: f, Locations: m.locationsOf(i)})
	}
	return out, nil
}

// idField is the stored field that holds a passage's id.
const idField = "_id"
