package index

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The window search evaluates the compiled query itself, term at a time,
// instead of running bleve's searchers. bleve walks the matching passages
// document at a time through a tree of searchers — four term searchers per
// word, a phrase for the words together, each disjunction comparing every
// child's current passage at every step — and that walk was half of the
// CPU a Dutch query cost. Here each distinct (field, term) of the query is
// read once into a list of passages in index order; the tree is then
// evaluated on those lists: unions, intersections and phrases as merges of
// sorted arrays.
//
// The scores are bleve's, bit for bit: the same TF-IDF term score
// (√freq × norm × idf × boost × idf × queryNorm, multiplied in bleve's
// order), the same query norm (the sum of the squared weights in the order
// bleve's searchers add them: each disjunction and conjunction sorts its
// children by their posting counts, as sort.Sort orders them), the same
// coordination factor per disjunction (matched children / children, an
// empty child counted) and the same sums, child by child in that order. The
// window is the best by score, ties by index order, as bleve's collector
// breaks them. TestSearchDirectLetter and TestSearchDirectBWB compare every
// score with bleve's own search. Queries of other shapes (a disjunction of
// more than ten children, which bleve scores through a heap in another
// order; match-all; a filter) are left to bleve.

// enodeKind is what a node of the evaluated query does.
type enodeKind int

const (
	eNone   enodeKind = iota // matches nothing (bleve's MatchNoneSearcher)
	eTerm                    // one term of a field
	ePhrase                  // terms at consecutive positions
	eDisj                    // any of the children, with a coordination factor
	eConj                    // all of the children
	eBool                    // must, should and must-not parts
)

// enode is a node of the evaluated query, built as bleve builds its
// searcher for the same query.
type enode struct {
	kind enodeKind
	// kids of a disjunction, conjunction or phrase, in the order bleve's
	// searcher keeps them (sorted by count).
	kids []*enode
	min  int // a disjunction's minimum of matching children
	// must, should and mustNot of a boolean; nil when absent.
	must, should, mustNot *enode
	key                   int     // a term's key in the evaluator's keys
	boost, idf, qweight   float64 // a term's
	phrase                []int   // a phrase's keys by position, -1 for a gap
	count                 uint64  // bleve's Count(): postings, summed over children
	weight                float64 // bleve's Weight(): squared weights, summed
}

// keyPostings are the live postings of one (field, term) in the snapshot,
// in index order.
type keyPostings struct {
	pls   []segment.PostingsList // per segment, to read locations again
	docs  []uint64
	tfn   []float64 // √freq × norm of each posting
	count uint64    // the reader's Count, which bleve's idf uses
}

// evaluator evaluates one compiled query on a snapshot.
type evaluator struct {
	ctx   context.Context
	snap  *scorch.IndexSnapshot
	total uint64 // the snapshot's passage count (bleve's docTotal)
	ls    *leafSet
	posts []*keyPostings // by key of ls
	pr    *postingsReader
	mem   *arena
	// phrases holds the passages each phrase matched, by phraseSig.
	phrases map[string][]uint64
}

// hitList is a node's matching passages in index order and their scores.
// A term's list keeps no scores: score computes them from its postings'
// √freq × norm (tfn), idf and query weight, as bleve's term scorer does,
// so that a term's list costs no memory of its own.
type hitList struct {
	docs    []uint64
	scores  []float64 // nil for a term's list
	tfn     []float64
	idf, qw float64
}

// score returns the score of passage i of the list.
func (hl *hitList) score(i int) float64 {
	if hl.scores != nil {
		return hl.scores[i]
	}
	s := hl.tfn[i] * hl.idf
	if hl.qw != 1.0 {
		s *= hl.qw
	}
	return s
}

// evaluate returns every passage q matches in snap, with bleve's score,
// in index order; ok is false when q has a shape evaluate leaves to bleve.
// The evaluator is returned too: what it read tells which of the query's
// terms and phrases each passage has (keysOf).
// offsets are where each of snap's segments starts in its numbering; the
// lists evaluate returns live in mem until it is released.
func evaluate(ctx context.Context, snap *scorch.IndexSnapshot, offsets []uint64, mem *arena, q query.Query) (hitList, *evaluator, bool, error) {
	total, err := snap.DocCount()
	if err != nil {
		return hitList{}, nil, false, fmt.Errorf("index: search: %w", err)
	}
	pr, err := newPostingsReader(snap, offsets)
	if err != nil {
		return hitList{}, nil, false, err
	}
	ev := &evaluator{ctx: ctx, snap: snap, total: total, ls: &leafSet{index: map[fieldTerm]int{}}, pr: pr, mem: mem}
	top, ok, err := ev.build(q, false)
	if err != nil || !ok {
		return hitList{}, nil, ok, err
	}
	// The query norm of the searcher bleve runs, which every term under it
	// is told; a term searcher on its own keeps a query weight of 1.
	if top.kind != eTerm && top.kind != eNone {
		norm := 1.0 / math.Sqrt(top.weight)
		top.setNorm(norm)
	}
	hl, err := ev.eval(top)
	return hl, ev, true, err
}

// phraseSig names a phrase by its field and words (keys of ls, -1 a gap).
func (ev *evaluator) phraseSig(terms []int, ls *leafSet) string {
	var b strings.Builder
	for _, k := range terms {
		if k >= 0 {
			b.WriteString(ls.keys[k].field)
			break
		}
	}
	for _, k := range terms {
		b.WriteByte(0)
		if k >= 0 {
			b.WriteString(ls.keys[k].term)
		}
	}
	return b.String()
}

// coverageCount returns a function that gives coverageOf(ps) of a
// passage as coverage's keys would, without a map per passage: the keys
// each leaf stands for are marked by index in one slice (coverageTable).
func (ev *evaluator) coverageCount(ls *leafSet, keys []string, ps []clauseProbe) func(doc uint64) int {
	t := newCoverageTable(keys, ps)
	type leafDocs struct {
		docs []uint64 // the passages the leaf matches
		keys []int    // canon indexes of its keys
	}
	leaves := make([]leafDocs, 0, len(ls.leaves))
	for _, l := range ls.leaves {
		var ld leafDocs
		if !l.phrase {
			if k, ok := ev.ls.index[ls.keys[l.terms[0]]]; ok {
				ld.docs = ev.posts[k].docs
			}
			ld.keys = []int{t.canon[l.terms[0]]}
		} else {
			ld.docs = ev.phrases[ev.phraseSig(l.terms, ls)]
			for _, k := range l.terms {
				if k >= 0 {
					ld.keys = append(ld.keys, t.canon[k])
				}
			}
		}
		leaves = append(leaves, ld)
	}
	matched := make([]bool, len(keys))
	return func(doc uint64) int {
		clear(matched)
		for _, ld := range leaves {
			if _, found := slices.BinarySearch(ld.docs, doc); !found {
				continue
			}
			for _, k := range ld.keys {
				matched[k] = true
			}
		}
		return t.count(matched)
	}
}

// setNorm sets the query weight of every term under n (not under a
// must-not part, which scores nothing), as SetQueryNorm does.
func (n *enode) setNorm(norm float64) {
	switch n.kind {
	case eTerm:
		n.qweight = n.boost * n.idf * norm
	case eBool:
		for _, k := range []*enode{n.must, n.should} {
			if k != nil {
				k.setNorm(norm)
			}
		}
	default:
		for _, k := range n.kids {
			k.setNorm(norm)
		}
	}
}

// byCount sorts nodes as bleve's OrderedSearcherList does: sort.Sort by
// count, so that equal counts end in the same order.
type byCount []*enode

func (b byCount) Len() int           { return len(b) }
func (b byCount) Less(i, j int) bool { return b[i].count < b[j].count }
func (b byCount) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

// build turns q into a node; ok is false for a query evaluate does not
// take on. advanced tells that bleve would move q's searcher by Advance as
// well as Next (under a conjunction, or as the optional part beside a
// required one).
func (ev *evaluator) build(q query.Query, advanced bool) (*enode, bool, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		if q.FieldVal == "" {
			return nil, false, nil
		}
		n, err := ev.term(q.FieldVal, q.Term, q.BoostVal.Value())
		return n, err == nil, err
	case *query.PhraseQuery:
		if q.FieldVal == "" || q.Fuzziness != 0 {
			return nil, false, nil
		}
		n := &enode{kind: ePhrase}
		for _, t := range q.Terms {
			if t == "" {
				n.phrase = append(n.phrase, -1)
				continue
			}
			k, err := ev.term(q.FieldVal, t, q.BoostVal.Value())
			if err != nil {
				return nil, false, err
			}
			n.phrase = append(n.phrase, k.key)
			n.kids = append(n.kids, k)
		}
		if len(n.kids) == 0 {
			return nil, false, nil
		}
		n.group()
		return n, true, nil
	case *query.DisjunctionQuery:
		heaped := len(q.Disjuncts) > searcher.DisjunctionHeapTakeover
		if heaped && advanced {
			// bleve's heap of children then depends on where Advance
			// moved them; union replays Next alone.
			return nil, false, nil
		}
		n := &enode{kind: eDisj, min: int(q.Min)}
		var ok bool
		var err error
		if n.kids, ok, err = ev.buildAll(q.Disjuncts, advanced); err != nil || !ok {
			return nil, ok, err
		}
		if len(n.kids) == 0 {
			return &enode{kind: eNone}, true, nil
		}
		if heaped {
			// bleve's heap searcher keeps its children in the query's order.
			n.sum()
			return n, true, nil
		}
		n.group()
		return n, true, nil
	case *query.ConjunctionQuery:
		n := &enode{kind: eConj}
		var ok bool
		var err error
		if n.kids, ok, err = ev.buildAll(q.Conjuncts, true); err != nil || !ok {
			return nil, ok, err
		}
		if len(n.kids) == 0 {
			return &enode{kind: eNone}, true, nil
		}
		n.group()
		return n, true, nil
	case *query.BooleanQuery:
		if q.Filter != nil {
			return nil, false, nil
		}
		part := func(c query.Query, advanced bool) (*enode, bool, error) {
			if c == nil {
				return nil, true, nil
			}
			k, ok, err := ev.build(c, advanced)
			if k != nil && k.kind == eNone {
				k = nil // bleve drops a part that matches nothing
			}
			return k, ok, err
		}
		n := &enode{kind: eBool}
		var ok bool
		var err error
		// The must-not part's scores count for nothing, so the order its
		// children are summed in does not matter either.
		if n.mustNot, ok, err = part(q.MustNot, false); err != nil || !ok {
			return nil, ok, err
		}
		if n.must, ok, err = part(q.Must, advanced); err != nil || !ok {
			return nil, ok, err
		}
		// Beside a required part, the optional part is moved by Advance.
		if n.should, ok, err = part(q.Should, advanced || n.must != nil); err != nil || !ok {
			return nil, ok, err
		}
		switch {
		case n.must == nil && n.should == nil && n.mustNot == nil:
			return &enode{kind: eNone}, true, nil
		case n.must == nil && n.should == nil:
			return nil, false, nil // bleve matches all, then excludes
		case n.mustNot == nil && n.should == nil:
			return n.must, true, nil
		case n.mustNot == nil && n.must == nil:
			return n.should, true, nil
		}
		if n.should != nil && n.should.kind != eDisj {
			return nil, false, nil
		}
		n.weight = 0.0
		for _, k := range []*enode{n.must, n.should} {
			if k != nil {
				n.weight += k.weight
				n.count += k.count
			}
		}
		return n, true, nil
	case *query.MatchNoneQuery:
		return &enode{kind: eNone}, true, nil
	}
	return nil, false, nil
}

// buildAll builds the nodes of qs, in order.
func (ev *evaluator) buildAll(qs []query.Query, advanced bool) ([]*enode, bool, error) {
	out := make([]*enode, 0, len(qs))
	for _, c := range qs {
		k, ok, err := ev.build(c, advanced)
		if err != nil || !ok {
			return nil, ok, err
		}
		out = append(out, k)
	}
	return out, true, nil
}

// group sorts n's children as bleve's searcher does and sums their counts
// and weights in that order.
func (n *enode) group() {
	sort.Sort(byCount(n.kids))
	n.sum()
}

// sum sums n's children's counts and weights in their order.
func (n *enode) sum() {
	n.weight = 0.0
	for _, k := range n.kids {
		n.count += k.count
		n.weight += k.weight
	}
}

// term returns the node of one term, reading its postings the first time
// the query uses them.
func (ev *evaluator) term(field, term string, boost float64) (*enode, error) {
	k := ev.ls.key(field, term)
	if k == len(ev.posts) {
		p, err := ev.read(field, term)
		if err != nil {
			return nil, err
		}
		ev.posts = append(ev.posts, p)
	}
	p := ev.posts[k]
	// bleve's TF-IDF idf and term weight.
	idf := 1.0 + math.Log(float64(ev.total)/float64(p.count+1))
	w := boost * idf
	return &enode{kind: eTerm, key: k, boost: boost, idf: idf, qweight: 1.0, count: p.count, weight: w * w}, nil
}

// read reads the live postings of a term.
func (ev *evaluator) read(field, term string) (*keyPostings, error) {
	if err := ev.ctx.Err(); err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	tp, err := ev.pr.open(field, []byte(term))
	if err != nil {
		return nil, err
	}
	p := &keyPostings{pls: tp.pls, count: tp.count}
	p.docs = ev.mem.uints(int(p.count))
	p.tfn = ev.mem.floats(int(p.count))
	err = tp.each(func(id, freq uint64, norm float64) {
		p.docs = append(p.docs, id)
		p.tfn = append(p.tfn, sqrtFreq(freq)*norm)
	})
	return p, err
}

// eval returns the passages n matches with their scores.
func (ev *evaluator) eval(n *enode) (hitList, error) {
	switch n.kind {
	case eNone:
		return hitList{}, nil
	case eTerm:
		p := ev.posts[n.key]
		return hitList{docs: p.docs, tfn: p.tfn, idf: n.idf, qw: n.qweight}, nil
	case eDisj:
		kids, err := ev.evalKids(n.kids)
		if err != nil {
			return hitList{}, err
		}
		if len(kids) > searcher.DisjunctionHeapTakeover {
			return heapUnion(ev.mem, kids, n.min), nil
		}
		return union(ev.mem, kids, n.min), nil
	case eConj:
		kids, err := ev.evalKids(n.kids)
		if err != nil {
			return hitList{}, err
		}
		return intersect(ev.mem, kids), nil
	case ePhrase:
		kids, err := ev.evalKids(n.kids)
		if err != nil {
			return hitList{}, err
		}
		hl, err := ev.phrase(n, intersect(ev.mem, kids))
		if err != nil {
			return hitList{}, err
		}
		if ev.phrases == nil {
			ev.phrases = map[string][]uint64{}
		}
		ev.phrases[ev.phraseSig(n.phrase, ev.ls)] = hl.docs
		return hl, nil
	case eBool:
		return ev.boolean(n)
	}
	return hitList{}, fmt.Errorf("index: search: unknown node %d", n.kind)
}

func (ev *evaluator) evalKids(kids []*enode) ([]hitList, error) {
	out := make([]hitList, len(kids))
	for i, k := range kids {
		hl, err := ev.eval(k)
		if err != nil {
			return nil, err
		}
		out[i] = hl
	}
	return out, nil
}

// union merges the children's lists: a passage matched by at least min
// of them scores the sum of their scores, in order, times the share of
// children that match it.
func union(mem *arena, kids []hitList, min int) hitList {
	var out hitList
	out.docs, out.scores = mem.open(longest(kids))
	cs := cursors(kids)
	total := float64(len(kids))
	for len(cs) > 0 {
		next := lowest(cs)
		var sum float64
		matched, done := 0, false
		for i := range cs {
			c := &cs[i]
			if c.docs[c.at] == next {
				sum += c.hl.score(c.at)
				matched++
				c.at++
				done = done || c.at == len(c.docs)
			}
		}
		if matched >= min {
			out.docs = append(out.docs, next)
			out.scores = append(out.scores, sum*(float64(matched)/total))
		}
		if done {
			cs = dropDone(cs)
		}
	}
	mem.keep(out.docs, out.scores)
	return out
}

// cursor walks a child's list in a merge.
type cursor struct {
	docs []uint64
	at   int
	hl   *hitList
}

// cursors returns a cursor on each child with passages, in the children's
// order: the order a union sums their scores in.
func cursors(kids []hitList) []cursor {
	cs := make([]cursor, 0, len(kids))
	for i := range kids {
		if len(kids[i].docs) > 0 {
			cs = append(cs, cursor{docs: kids[i].docs, hl: &kids[i]})
		}
	}
	return cs
}

// lowest returns the smallest passage the cursors are at; every cursor
// has passages left.
func lowest(cs []cursor) uint64 {
	next := cs[0].docs[cs[0].at]
	for i := 1; i < len(cs); i++ {
		if d := cs[i].docs[cs[i].at]; d < next {
			next = d
		}
	}
	return next
}

// dropDone removes the cursors at the end of their lists, keeping the
// others' order.
func dropDone(cs []cursor) []cursor {
	live := cs[:0]
	for _, c := range cs {
		if c.at < len(c.docs) {
			live = append(live, c)
		}
	}
	return live
}

// longest returns the length of the longest child list: a union holds at
// least that many passages, and mostly not many more (the four fields of
// one word mostly hold the same passages).
func longest(kids []hitList) int {
	most := 0
	for i := range kids {
		most = max(most, len(kids[i].docs))
	}
	return most
}

// heapUnion is union as bleve's heap disjunction searcher sums it: the
// children matching a passage in the order its heap of children's current
// passages gives them up. The heap is replayed with container/heap and the
// searcher's ordering (by passage; a passage's children in whatever order
// the heap holds them), so the sums are added in the same order.
func heapUnion(mem *arena, kids []hitList, min int) hitList {
	var out hitList
	out.docs, out.scores = mem.open(longest(kids))
	h := &childHeap{kids: kids}
	block := make([]childCurr, len(kids))
	for i, k := range kids {
		if len(k.docs) > 0 {
			block[i] = childCurr{kid: i}
			heap.Push(h, &block[i])
		}
	}
	total := float64(len(kids))
	var matching []*childCurr
	pop := func() {
		matching = matching[:0]
		if h.Len() == 0 {
			return
		}
		next := heap.Pop(h).(*childCurr)
		matching = append(matching, next)
		d := h.doc(next)
		for h.Len() > 0 && h.doc(h.curr[0]) == d {
			matching = append(matching, heap.Pop(h).(*childCurr))
		}
	}
	pop()
	for len(matching) > 0 {
		if len(matching) >= min {
			var sum float64
			for _, c := range matching {
				sum += kids[c.kid].score(c.at)
			}
			out.docs = append(out.docs, h.doc(matching[0]))
			out.scores = append(out.scores, sum*(float64(len(matching))/total))
		}
		for _, c := range matching {
			c.at++
			if c.at < len(kids[c.kid].docs) {
				heap.Push(h, c)
			}
		}
		pop()
	}
	mem.keep(out.docs, out.scores)
	return out
}

// childCurr is a child of a heap disjunction and its current passage.
type childCurr struct{ kid, at int }

// childHeap orders children by their current passage, as bleve's
// DisjunctionHeapSearcher orders its searchers.
type childHeap struct {
	kids []hitList
	curr []*childCurr
}

func (h *childHeap) doc(c *childCurr) uint64 { return h.kids[c.kid].docs[c.at] }
func (h *childHeap) Len() int                { return len(h.curr) }
func (h *childHeap) Less(i, j int) bool      { return h.doc(h.curr[i]) < h.doc(h.curr[j]) }
func (h *childHeap) Swap(i, j int)           { h.curr[i], h.curr[j] = h.curr[j], h.curr[i] }
func (h *childHeap) Push(x any)              { h.curr = append(h.curr, x.(*childCurr)) }
func (h *childHeap) Pop() any {
	x := h.curr[len(h.curr)-1]
	h.curr = h.curr[:len(h.curr)-1]
	return x
}

// intersect keeps the passages every child matches, scored by the sum of
// the children's scores, in order.
func intersect(mem *arena, kids []hitList) hitList {
	first := &kids[0]
	out := hitList{docs: mem.uints(len(first.docs)), scores: mem.floats(len(first.docs))}
	at := make([]int, len(kids))
next:
	for i, d := range first.docs {
		for j := 1; j < len(kids); j++ {
			k := &kids[j]
			a := at[j]
			if a < len(k.docs) && k.docs[a] < d {
				// Gallop, then search the bracket.
				step := 1
				for a+step < len(k.docs) && k.docs[a+step] < d {
					a += step
					step *= 2
				}
				hi := min(a+step, len(k.docs))
				a += sort.Search(hi-a, func(x int) bool { return k.docs[a+x] >= d })
			}
			at[j] = a
			if a == len(k.docs) {
				return out
			}
			if k.docs[a] != d {
				continue next
			}
		}
		var sum float64
		sum += first.score(i)
		for j := 1; j < len(kids); j++ {
			sum += kids[j].score(at[j])
		}
		out.docs = append(out.docs, d)
		out.scores = append(out.scores, sum)
	}
	return out
}

// phrase keeps the passages of cands (which have every word of n) where
// the words stand at consecutive positions.
func (ev *evaluator) phrase(n *enode, cands hitList) (hitList, error) {
	if len(cands.docs) == 0 {
		return cands, nil
	}
	pos := map[int][][]uint64{} // key → positions per candidate
	for _, k := range n.phrase {
		if k < 0 || pos[k] != nil {
			continue
		}
		ps, err := ev.positions(k, cands.docs)
		if err != nil {
			return hitList{}, err
		}
		pos[k] = ps
	}
	terms := n.phrase
	for len(terms) > 0 && terms[0] < 0 {
		terms = terms[1:]
	}
	// Filtered in place: cands is the phrase's own intersection.
	out := hitList{docs: cands.docs[:0], scores: cands.scores[:0]}
	for i, d := range cands.docs {
		if phraseAt(terms, pos, i) {
			out.docs = append(out.docs, d)
			out.scores = append(out.scores, cands.scores[i])
		}
	}
	return out, nil
}

// phraseAt tells whether the words of terms (keys, -1 a gap; the first a
// word) stand at consecutive positions in candidate i, as direct.go's
// phraseLocs matches them.
func phraseAt(terms []int, pos map[int][][]uint64, i int) bool {
	for _, first := range pos[terms[0]][i] {
		ok := true
		for off, k := range terms[1:] {
			if k < 0 {
				continue
			}
			found := false
			for _, p := range pos[k][i] {
				if p == first+uint64(off)+1 {
					found = true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// positions reads the positions of key k in each of docs (in index order).
func (ev *evaluator) positions(k int, docs []uint64) ([][]uint64, error) {
	out := make([][]uint64, len(docs))
	var slab []uint64
	err := ev.postings(k, docs, nil, func(i int, p segment.Posting) {
		start := len(slab)
		for _, l := range p.Locations() {
			slab = append(slab, l.Pos())
		}
		out[i] = slab[start:len(slab):len(slab)]
	})
	return out, err
}

// postings calls found with the posting, locations included, of key k in
// each of docs that has it. order lists the indexes of docs in index
// order; nil when docs are in index order.
func (ev *evaluator) postings(k int, docs []uint64, order []int, found func(i int, p segment.Posting)) error {
	return postingsIn(ev.posts[k].pls, ev.pr.offsets, docs, order, found)
}

// postingsIn calls found with the posting, locations included, in each of
// docs (snapshot numbers) that pls (one postings list per segment, nil
// where the segment lacks the term; offsets the segments' first numbers)
// has. order lists the indexes of docs in index order; nil when docs are
// in index order.
func postingsIn(pls []segment.PostingsList, offsets []uint64, docs []uint64, order []int, found func(i int, p segment.Posting)) error {
	seg := -1
	var it segment.PostingsIterator
	var cur segment.Posting // the iterator's current posting: Advance moves past it
	done := false           // the segment has no more postings
	for x := range docs {
		i := x
		if order != nil {
			i = order[x]
		}
		d := docs[i]
		for seg+1 < len(offsets) && offsets[seg+1] <= d {
			seg++
			it, cur, done = nil, nil, false
		}
		if seg < 0 || pls[seg] == nil || done {
			continue
		}
		if it == nil {
			it = pls[seg].Iterator(false, false, true, nil)
		}
		local := d - offsets[seg]
		if cur == nil || cur.Number() < local {
			p, err := it.Advance(local)
			if err != nil {
				return fmt.Errorf("index: search: %w", err)
			}
			if p == nil {
				done = true
				continue
			}
			cur = p
		}
		if cur.Number() == local {
			found(i, cur)
		}
	}
	return nil
}

// leafMatches reads the occurrences of every key of ls in the passages
// with internal numbers nums, as readLeaves does, from the postings the
// evaluation read; false when it did not read them all.
func (ev *evaluator) leafMatches(ls *leafSet, nums []uint64) (*leafMatches, bool, error) {
	order := make([]int, len(nums))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return nums[order[a]] < nums[order[b]] })
	m := &leafMatches{ls: ls, locs: make([][][]termLoc, len(ls.keys))}
	var slab []termLoc
	for k, ft := range ls.keys {
		ek, ok := ev.ls.index[ft]
		if !ok {
			return nil, false, nil
		}
		per := make([][]termLoc, len(nums))
		m.locs[k] = per
		if err := ev.postings(ek, nums, order, keepLocations(&slab, per)); err != nil {
			return nil, false, err
		}
	}
	return m, true, nil
}

// boolean evaluates must, should and must-not parts as bleve's boolean
// searcher does: the passages of must (or, without it, of should) that
// must-not does not match, scored by must's score plus should's where
// should matches.
func (ev *evaluator) boolean(n *enode) (hitList, error) {
	var must, should, not hitList
	var err error
	if n.must != nil {
		if must, err = ev.eval(n.must); err != nil {
			return hitList{}, err
		}
	}
	if n.should != nil {
		if should, err = ev.eval(n.should); err != nil {
			return hitList{}, err
		}
	}
	if n.mustNot != nil {
		if not, err = ev.eval(n.mustNot); err != nil {
			return hitList{}, err
		}
	}
	base := must
	if n.must == nil {
		base = should
	}
	optional := n.should == nil || n.should.min == 0
	out := hitList{docs: ev.mem.uints(len(base.docs)), scores: ev.mem.floats(len(base.docs))}
	si, ni := 0, 0
	for i, d := range base.docs {
		for ni < len(not.docs) && not.docs[ni] < d {
			ni++
		}
		if ni < len(not.docs) && not.docs[ni] == d {
			continue
		}
		var sum float64
		sum += base.score(i)
		if n.must != nil {
			for si < len(should.docs) && should.docs[si] < d {
				si++
			}
			switch {
			case si < len(should.docs) && should.docs[si] == d:
				sum += should.score(si)
			case !optional:
				continue
			}
		}
		out.docs = append(out.docs, d)
		out.scores = append(out.scores, sum)
	}
	return out, nil
}

// arena hands out the lists of one evaluation from a few large blocks,
// which are kept for the next evaluation (arenas): a Dutch query's lists
// are megabytes, and allocating them per query kept the collector busy.
type arena struct {
	u []uint64
	f []float64
}

var arenas = sync.Pool{New: func() any { return &arena{} }}

// minBlock is the smallest block an arena allocates.
const minBlock = 1 << 14

// uints returns an empty slice with room for n.
func (a *arena) uints(n int) []uint64 {
	if cap(a.u)-len(a.u) < n {
		a.u = make([]uint64, 0, max(n, 2*cap(a.u), minBlock))
	}
	l := len(a.u)
	a.u = a.u[:l+n]
	return a.u[l : l : l+n]
}

// floats returns an empty slice with room for n.
func (a *arena) floats(n int) []float64 {
	if cap(a.f)-len(a.f) < n {
		a.f = make([]float64, 0, max(n, 2*cap(a.f), minBlock))
	}
	l := len(a.f)
	a.f = a.f[:l+n]
	return a.f[l : l : l+n]
}

// open returns the arena's free room as empty lists, with room for n at
// least, for a list whose length is not known until it is made: a union
// appends to them and hands them to keep. A list that outgrows the room
// moves to memory of its own (append's), and the arena keeps nothing of it.
// Nothing else may be taken from the arena between open and keep.
func (a *arena) open(n int) ([]uint64, []float64) {
	if cap(a.u)-len(a.u) < n {
		a.u = make([]uint64, 0, max(n, 2*cap(a.u), minBlock))
	}
	if cap(a.f)-len(a.f) < n {
		a.f = make([]float64, 0, max(n, 2*cap(a.f), minBlock))
	}
	return a.u[len(a.u):len(a.u):cap(a.u)], a.f[len(a.f):len(a.f):cap(a.f)]
}

// keep marks as taken the part of the room open gave that u and f fill,
// unless they left it.
func (a *arena) keep(u []uint64, f []float64) {
	if room := a.u[len(a.u):cap(a.u)]; len(u) > 0 && len(room) > 0 && &u[0] == &room[0] {
		a.u = a.u[:len(a.u)+len(u)]
	}
	if room := a.f[len(a.f):cap(a.f)]; len(f) > 0 && len(room) > 0 && &f[0] == &room[0] {
		a.f = a.f[:len(a.f)+len(f)]
	}
}

// release returns a to arenas; nothing it handed out may be used after.
func (a *arena) release() {
	a.u, a.f = a.u[:0], a.f[:0]
	arenas.Put(a)
}

// best returns the positions in hl of its k best passages, best first:
// by score, ties in index order.
//
// The list is in index order, so a passage never goes before one of equal
// score met earlier: comparing scores alone keeps bleve's tie order.
func (hl hitList) best(k int) []int {
	top := make([]int, 0, min(k, len(hl.docs)))
	scores := make([]float64, 0, cap(top))
	for i := range hl.docs {
		s := hl.score(i)
		if len(top) == k && (k == 0 || s <= scores[k-1]) {
			continue
		}
		// the first place whose score is lower than s
		lo, hi := 0, len(scores)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if scores[m] >= s {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if len(top) < k {
			top, scores = append(top, 0), append(scores, 0)
		}
		copy(top[lo+1:], top[lo:])
		copy(scores[lo+1:], scores[lo:])
		top[lo], scores[lo] = i, s
	}
	return top
}
