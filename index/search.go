package index

import (
	"context"
	"fmt"
	"html"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Request is a search: the parsed query, the page (Limit 0 means
// DefaultLimit; at most MaxLimit) and optional filters on document and
// section (exact values).
type Request struct {
	Query         *Query
	Limit, Offset int
	Doc, Section  string
	// Docs, when not nil, keeps the passages of these documents only
	// (an empty list keeps none): a filter on document metadata.
	Docs []string
	// AllDocFacets keeps every value of the doc facet, not only the
	// facetSize most frequent (the order is the same).
	AllDocFacets bool
}

// Page limits.
const (
	DefaultLimit = 10
	MaxLimit     = 1000
)

// Result is one page of hits, best first, with the total number of matching
// passages and facet counts over all of them.
type Result struct {
	Total  uint64
	Took   time.Duration
	Hits   []Hit
	Facets map[string][]Facet // keys "doc" and "section"
	// Pruned lists, for a weighted search, the request's concepts that
	// were not read (Scoring.Prune): they occur in so many passages that
	// they could not narrow the search, so the ranking ignores them.
	Pruned []int
}

// Facet is a value of a facet field and the number of matching passages
// that have it.
type Facet struct {
	Value string
	Count int
}

// Hit is a matching passage. Fragments are short extracts around the
// matched words, HTML-escaped, with the matches wrapped in <mark>…</mark>.
type Hit struct {
	Passage
	Score     float64
	Fragments []string
	// Terms are the index terms the query matched in the passage, each
	// with its first occurrence, so a caller can say which word matched
	// without analysing the passage again.
	Terms []MatchedTerm
	// Concepts are, for a weighted search (SearchWeighted), the indices
	// of the request's concepts the passage has, in its text or its
	// section heading (the heading matches are not among Terms), so that
	// a caller can say which parts of the query it lacks.
	Concepts []int
}

// MatchedTerm is an index term found in a passage: Field is "stem" (a key
// of the stemmed field: of a word, or of a part of a compound, whose
// offsets are the compound's), "exact" (a folded word) or "heading" (a key
// of the section heading's words); Start and End are the first
// occurrence's byte offsets in the passage text (0, 0 for the heading).
type MatchedTerm struct {
	Field, Term string
	Start, End  int
}

// Boosts that order the ways a word can match: the same word beats the same
// stem. A phrase gets the same preference through its two fields.
const (
	exactBoost = 2.0
	stemBoost  = 1.0
	// headingBoost weighs a match in the passage's section heading only:
	// a passage under "Ontwikkelingssamenwerking" is about development
	// cooperation even where its own words do not say so, but a passage
	// that says it ranks higher.
	headingBoost = 0.3
)

// facetSize is the number of values returned per facet.
const facetSize = 50

// FacetSize is the number of values a facet keeps by default (see
// Request.AllDocFacets).
const FacetSize = facetSize

// Search runs r. An empty query (nothing searchable after analysis, such as
// only stop words in the stemmed field) matches on the exact field.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	return ix.cached(requestKey(r), func() (*Result, error) { return ix.search(ctx, r, true) })
}

// search runs r; direct false has bleve load every window hit's
// locations and stored fields, which direct.go must give the same
// results as (tests compare the two).
func (ix *Index) search(ctx context.Context, r Request, direct bool) (*Result, error) {
	if r.Query == nil || len(r.Query.Clauses) == 0 {
		return nil, fmt.Errorf("index: search: %w", &QueryError{Msg: "empty query"})
	}
	// Fuzziness is bounded by word length before anything is built, so the
	// compiled query and the coverage probes agree on it.
	bq := bounded(r.Query)
	e := &expander{ix: ix}
	defer e.close()
	q, err := ix.compile(bq, e)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	var filters []query.Query
	if r.Doc != "" {
		filters = append(filters, termQ(r.Doc, fieldDoc, 1))
	}
	if r.Section != "" {
		filters = append(filters, termQ(r.Section, fieldSection, 1))
	}
	if r.Docs != nil {
		docs := make([]query.Query, len(r.Docs))
		for i, d := range r.Docs {
			docs[i] = termQ(d, fieldDoc, 1)
		}
		if len(docs) == 0 {
			docs = append(docs, bleve.NewMatchNoneQuery())
		}
		filters = append(filters, bleve.NewDisjunctionQuery(docs...))
	}
	if len(filters) > 0 {
		q = bleve.NewConjunctionQuery(append([]query.Query{q}, filters...)...)
	}
	limit := r.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	offset := max(r.Offset, 0)
	fields := []string{fieldText, fieldDoc, fieldTitle, fieldSection, fieldParagraph, fieldStart, fieldEnd}
	ps := ix.probes(bq)
	window := offset + limit
	if ps != nil {
		window = blockWindow(window)
	}
	ls, ok := leavesOf(q)
	direct = direct && ok && window <= MaxLimit
	// Another page of a window evaluated before on this snapshot: only
	// the page is read (resultcache.go).
	var wkey string
	if direct && ix.cache != nil {
		// Every page of a block shares one window, with or without
		// probes: the best window passages begin with the best
		// offset+limit, in the same order.
		window = blockWindow(window)
		wkey = windowKey(r, window)
		out, ok, err := ix.pageFromWindow(ctx, wkey, ls, offset, limit)
		if err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		if ok {
			return out, nil
		}
	}
	var req *bleve.SearchRequest
	switch {
	case direct:
		// The window of best hits without stored fields or locations; what
		// the window and the page need is read from the search's snapshot
		// (direct.go).
		req = bleve.NewSearchRequestOptions(q, window, 0, false)
	case window <= MaxLimit:
		// A query direct.go cannot read leaf by leaf: the window with
		// every hit's locations and stored fields.
		req = bleve.NewSearchRequestOptions(q, window, 0, false)
		req.Fields = fields
		req.IncludeLocations = true
	default:
		// Pages beyond MaxLimit hits keep bleve's order.
		req = bleve.NewSearchRequestOptions(q, limit, offset, false)
		req.Fields = fields
		req.IncludeLocations = true
	}
	// The facets are counted as the passages are collected (facets.go),
	// not by bleve from each passage's doc values.
	col := ix.collecting(ctx)
	defer col.release()
	var res *bleve.SearchResult
	var ev *evaluator
	if direct {
		// The window evaluated term at a time (evaluate.go), unless the
		// query has a shape only bleve's searchers take.
		var err error
		if res, ev, err = ix.windowEvaluated(ctx, col, q, window); err != nil {
			return nil, err
		}
	}
	if res == nil {
		var err error
		if res, err = ix.b.SearchInContext(col.ctx, req); err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
	}
	var ranked []windowHit
	switch {
	case direct:
		var err error
		if ranked, err = ix.pageDirect(ctx, col, res, ls, ev, ps, offset, limit); err != nil {
			return nil, err
		}
	case window <= MaxLimit:
		if ps != nil {
			rerank(res.Hits, ps)
		}
		res.Hits = res.Hits[min(offset, len(res.Hits)):min(offset+limit, len(res.Hits))]
	}
	out := &Result{Total: res.Total, Took: res.Took, Hits: make([]Hit, 0, len(res.Hits)), Facets: map[string][]Facet{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, hitOf(h))
	}
	if fs := col.facets(r.AllDocFacets); fs != nil {
		out.Facets = fs
	}
	if wkey != "" && col.snap != nil && col.snap == ix.root() {
		ix.cache.putWindow(col.snap, wkey, ranked, out)
	}
	return out, nil
}

// pageDirect ranks the window res holds by coverage (when ps can tell hits
// apart) and replaces its hits with the requested page, with stored fields
// and locations read from the snapshot the search ran on (col's). ev, when
// the window was evaluated, tells the window's coverage without reading
// term vectors.
//
// It returns the window as ranked: each hit's passage number and score.
func (ix *Index) pageDirect(ctx context.Context, col *collection, res *bleve.SearchResult, ls *leafSet, ev *evaluator, ps []clauseProbe, offset, limit int) ([]windowHit, error) {
	if len(res.Hits) == 0 {
		return []windowHit{}, nil
	}
	if col.snap == nil {
		return nil, fmt.Errorf("index: search: the search's snapshot was not kept")
	}
	nums := make([]uint64, len(res.Hits))
	for i, h := range res.Hits {
		nums[i] = h.IndexInternalID.Value()
	}
	var m *leafMatches
	at := make(map[*search.DocumentMatch]int, len(res.Hits)) // the hit's place in nums
	for i, h := range res.Hits {
		at[h] = i
	}
	if ps != nil {
		keys := make([]string, len(ls.keys))
		for k, ft := range ls.keys {
			keys[k] = key(ft.field, ft.term)
		}
		if ev == nil {
			var err error
			if m, err = readLeaves(ctx, col.snap, ls, nums); err != nil {
				return nil, err
			}
		}
		var countOf func(uint64) int
		if ev != nil {
			countOf = ev.coverageCount(ls, keys, ps)
		}
		cov := make(map[*search.DocumentMatch]int, len(res.Hits))
		for i, h := range res.Hits {
			if ev != nil {
				cov[h] = countOf(nums[i])
			} else {
				cov[h] = coverageOf(m.keysOf(i, keys), ps)
			}
		}
		rerankBlocks(res.Hits, cov)
	}
	ranked := make([]windowHit, len(res.Hits))
	for i, h := range res.Hits {
		ranked[i] = windowHit{num: h.IndexInternalID.Value(), score: h.Score}
	}
	if offset >= len(res.Hits) {
		res.Hits = nil
		return ranked, nil
	}
	res.Hits = res.Hits[offset:min(offset+limit, len(res.Hits))]
	if m == nil {
		// Only the page's locations are needed: read those alone.
		pageNums := make([]uint64, len(res.Hits))
		for i, h := range res.Hits {
			pageNums[i] = nums[at[h]]
			at[h] = i
		}
		var err error
		ok := false
		if ev != nil {
			if m, ok, err = ev.leafMatches(ls, pageNums); err != nil {
				return nil, err
			}
		}
		if !ok {
			if m, err = readLeaves(ctx, col.snap, ls, pageNums); err != nil {
				return nil, err
			}
		}
	}
	if err := loadPage(col.snap, col.st.offsets, m, res.Hits, func(i int) int { return at[res.Hits[i]] }); err != nil {
		return nil, err
	}
	return ranked, nil
}

// loadPage gives each of a page's hits its terms' locations (m's, at
// place(i) for hits[i]) and its stored fields, read from snap, and its ID
// when it has none.
func loadPage(snap *scorch.IndexSnapshot, offsets []uint64, m *leafMatches, hits []*search.DocumentMatch, place func(int) int) error {
	for i, h := range hits {
		h.Locations = m.locationsOf(place(i))
		f, err := storedFields(snap, offsets, h.IndexInternalID.Value())
		if err != nil {
			return err
		}
		h.Fields = f
		if h.ID == "" {
			h.ID, _ = f[idField].(string)
		}
	}
	return nil
}

// evaluated counts the windows evaluate found (done) and those it left to
// bleve (left), so tests can tell which path ran.
var evaluated struct{ done, left atomic.Int64 }

// windowEvaluated returns the best window passages of q by evaluate, on a
// snapshot col then holds, with the facets of every matching passage
// counted into col; nil when evaluate leaves q to bleve.
func (ix *Index) windowEvaluated(ctx context.Context, col *collection, q query.Query, window int) (*bleve.SearchResult, *evaluator, error) {
	start := time.Now()
	if ix.closed.Load() {
		return nil, nil, fmt.Errorf("index: search: %w", bleve.ErrorIndexClosed)
	}
	adv, err := ix.b.Advanced()
	if err != nil {
		return nil, nil, fmt.Errorf("index: search: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, nil, fmt.Errorf("index: search: %w", err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		_ = r.Close()
		return nil, nil, nil
	}
	if snap == nil {
		// A closed index has no snapshot: the error bleve's search gives.
		return nil, nil, fmt.Errorf("index: search: %w", bleve.ErrorIndexClosed)
	}
	sf, err := ix.facets.forSnapshot(snap)
	if err != nil {
		_ = snap.Close()
		return nil, nil, err
	}
	mem := arenas.Get().(*arena)
	hl, ev, ok, err := evaluate(ctx, snap, sf.st.offsets, mem, q)
	if err != nil || !ok {
		if err == nil {
			evaluated.left.Add(1)
		}
		mem.release()
		sf.done()
		_ = snap.Close()
		return nil, nil, err
	}
	evaluated.done.Add(1)
	col.mem = mem
	col.snap, col.st, col.sf = snap, sf.st, sf // released by col.release
	for _, d := range hl.docs {
		sf.add(d)
	}
	top := hl.best(window)
	res := &bleve.SearchResult{Total: uint64(len(hl.docs)), Hits: make(search.DocumentMatchCollection, len(top))}
	for i, x := range top {
		res.Hits[i] = &search.DocumentMatch{IndexInternalID: bindex.NewIndexInternalID(nil, hl.docs[x]), Score: hl.score(x)}
		res.MaxScore = max(res.MaxScore, hl.score(x))
	}
	res.Took = time.Since(start)
	return res, ev, nil
}

func hitOf(h *search.DocumentMatch) Hit {
	str := func(k string) string { s, _ := h.Fields[k].(string); return s }
	num := func(k string) int { f, _ := h.Fields[k].(float64); return int(f) }
	p := Passage{
		ID: h.ID, Doc: str(fieldDoc), Title: str(fieldTitle), Section: str(fieldSection),
		Paragraph: num(fieldParagraph), Start: num(fieldStart), End: num(fieldEnd), Text: str(fieldText),
	}
	var spans []span
	var terms []MatchedTerm
	for _, f := range []struct{ field, name string }{{fieldText, "stem"}, {fieldExact, "exact"}, {fieldHeading, "heading"}} {
		for term, locs := range h.Locations[f.field] {
			first := MatchedTerm{Field: f.name, Term: term}
			for i, l := range locs {
				if f.field == fieldHeading {
					break
				}
				if i == 0 || int(l.Start) < first.Start {
					first.Start, first.End = int(l.Start), int(l.End)
				}
				spans = append(spans, span{int(l.Start), int(l.End)})
			}
			terms = append(terms, first)
		}
	}
	sort.Slice(terms, func(i, j int) bool {
		if terms[i].Start != terms[j].Start {
			return terms[i].Start < terms[j].Start
		}
		return terms[i].Field+terms[i].Term < terms[j].Field+terms[j].Term
	})
	return Hit{Passage: p, Score: h.Score, Fragments: fragments(p.Text, spans), Terms: terms}
}

func termQ(term, field string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// compile turns the AST into a bleve query. Should clauses form a
// disjunction, which bleve scores with a coordination factor (matched
// clauses / all clauses): passages with more of the words rank first.
// Prefix and fuzzy terms are expanded by e, within its limits.
func (ix *Index) compile(q *Query, e *expander) (query.Query, error) {
	// Stop words add nothing but noise to a query with other words; a query
	// of only stop words still searches them on the exact field.
	allStop := true
	for _, c := range q.Clauses {
		for _, t := range c.Alts {
			if t.Phrase || t.Prefix || t.Fuzzy > 0 || len(ix.analyze(ix.query, t.Text)) > 0 {
				allStop = false
			}
		}
	}
	var must, should, mustNot, allMinor []query.Query
	for _, c := range q.Clauses {
		var alts, minor []query.Query
		for _, t := range c.Alts {
			// A word to leave out leaves out the passages that say it,
			// not every passage under a heading that does (-financiering
			// left none of a debate whose agenda item has the word).
			tq, err := ix.compileTerm(t, c.Occur == Should && !allStop, c.Occur != MustNot, e)
			if err != nil {
				return nil, err
			}
			switch {
			case tq == nil:
			case t.Minor:
				minor = append(minor, tq)
			default:
				alts = append(alts, tq)
			}
		}
		allMinor = append(allMinor, minor...)
		var cq query.Query
		switch len(alts) {
		case 0:
			if c.Occur != Must {
				continue
			}
			cq = bleve.NewMatchNoneQuery() // a required word that cannot match
		case 1:
			cq = alts[0]
		default:
			cq = bleve.NewDisjunctionQuery(alts...)
		}
		switch c.Occur {
		case Must:
			must = append(must, cq)
		case MustNot:
			mustNot = append(mustNot, cq)
		default:
			should = append(should, cq)
		}
	}
	// The minor forms of all clauses are one clause of their own: a
	// passage without them loses the same to the coordination factor
	// whatever it matches, so that they reorder nothing else.
	switch len(allMinor) {
	case 0:
	case 1:
		should = append(should, allMinor[0])
	default:
		should = append(should, bleve.NewDisjunctionQuery(allMinor...))
	}
	if pq := ix.proximity(q); pq != nil && len(should) > 1 {
		should = append(should, pq)
	}
	if len(must) == 0 && len(should) == 0 {
		if len(mustNot) == 0 {
			return bleve.NewMatchNoneQuery(), nil
		}
		must = []query.Query{bleve.NewMatchAllQuery()}
	}
	b := bleve.NewBooleanQuery()
	if len(must) > 0 {
		b.AddMust(must...)
	}
	if len(should) > 0 {
		b.AddShould(should...)
		if len(must) == 0 {
			b.SetMinShould(1)
		}
	}
	if len(mustNot) > 0 {
		b.AddMustNot(mustNot...)
	}
	return b, nil
}

// proximity returns a phrase of the query's plain words (the Should
// clauses of one word each, in order), or nil when there are fewer than
// two. Added as one more Should clause, it ranks passages where the words
// stand together, as typed, above passages that merely contain them; it
// cannot add hits, because it only matches where the words do.
func (ix *Index) proximity(q *Query) query.Query {
	var words []string
	for _, c := range q.Clauses {
		// The word's minor forms (Term.Minor) do not make it a choice.
		alts := slices.DeleteFunc(slices.Clone(c.Alts), func(t Term) bool { return t.Minor })
		if c.Occur != Should || len(alts) != 1 {
			continue
		}
		t := alts[0]
		if t.Phrase || t.Prefix || t.Fuzzy > 0 || t.Boost != 0 {
			continue
		}
		words = append(words, t.Text)
	}
	if len(words) < 2 {
		return nil
	}
	// A phrase never expands: no expander needed, no error possible.
	pq, _ := ix.compileTerm(Term{Text: strings.Join(words, " "), Phrase: true}, false, true, nil)
	return pq
}

// analyze runs a query string through an analyzer.
func (ix *Index) analyze(a analysis.Analyzer, s string) analysis.TokenStream {
	return a.Analyze([]byte(s))
}

// compileTerm builds the query of one term, or nil when nothing of it is
// searchable. dropStop drops a plain word that is only a stop word;
// headings searches the heading field too. Prefix
// and fuzzy terms are expanded by e (which a phrase or plain word never
// needs); their errors are e's limits.
func (ix *Index) compileTerm(t Term, dropStop, headings bool, e *expander) (query.Query, error) {
	boost := t.Boost
	if boost == 0 {
		boost = 1
	}
	switch {
	case t.Prefix:
		// The prefix of what the user typed, on the unstemmed field: a stem
		// is not a prefix of the word the user has in mind.
		p := Fold(t.Text)
		if p == "" {
			return nil, nil
		}
		pq, err := e.prefix(p, boost)
		if err != nil || !headings {
			return pq, err
		}
		// A heading (a passage's own, or one carried to it) holds stems:
		// the typed prefix finds those it begins (coördinat* the heading
		// Coördinatie, whose passages had only it).
		hq, err := e.headingPart(func() (query.Query, error) { return e.prefixOn(p, fieldHeading, boost*headingBoost) })
		if err != nil || hq == nil {
			return pq, err
		}
		return bleve.NewDisjunctionQuery(pq, hq), nil
	case t.Fuzzy > 0:
		exact := ix.analyze(ix.exact, t.Text)
		stem := ix.analyze(ix.query, t.Text)
		if len(exact) != 1 {
			break // several words (COVID-19): fall through to a phrase
		}
		fq, err := e.fuzzy(string(exact[0].Term), fieldExact, t.Fuzzy, boost*exactBoost)
		if err != nil || len(stem) != 1 {
			return fq, err
		}
		sq, err := e.fuzzy(string(stem[0].Term), fieldText, t.Fuzzy, boost*stemBoost)
		if err != nil {
			return nil, err
		}
		if !headings {
			return bleve.NewDisjunctionQuery(fq, sq), nil
		}
		hq, err := e.headingPart(func() (query.Query, error) {
			return e.fuzzy(string(stem[0].Term), fieldHeading, t.Fuzzy, boost*headingBoost)
		})
		if err != nil || hq == nil {
			return bleve.NewDisjunctionQuery(fq, sq), err
		}
		return bleve.NewDisjunctionQuery(fq, sq, hq), nil
	}
	exact := ix.analyze(ix.exact, t.Text)
	stem := ix.analyze(ix.query, t.Text)
	if len(exact) == 0 {
		return nil, nil
	}
	if t.Exact {
		return phraseQ(exact, fieldExact, boost*exactBoost), nil
	}
	if len(exact) == 1 && !t.Phrase {
		if len(stem) == 0 && dropStop {
			return nil, nil
		}
		eq := termQ(string(exact[0].Term), fieldExact, boost*exactBoost)
		if len(stem) == 0 {
			return eq, nil
		}
		qs := []query.Query{eq, termQ(string(stem[0].Term), fieldText, boost*stemBoost)}
		if headings {
			qs = append(qs, termQ(string(stem[0].Term), fieldHeading, boost*headingBoost))
		}
		return bleve.NewDisjunctionQuery(qs...), nil
	}
	// A phrase, or a word the tokenizer splits (Secretaris-Generaal,
	// COVID-19): the words in order, on both fields. The stemmed fields
	// leave stop words out: one inside the phrase is a gap there that
	// lines up with the index ("staatsgreep in Mali" finds staatsgrepen in
	// Mali), but one at either end would be lost ("in Mali" would be any
	// Mali), so such a phrase is matched as written only.
	eq := phraseQ(exact, fieldExact, boost*exactBoost)
	// A hyphenated word (lid-staat, vakantie-uitkering) is also the one
	// word Dutch writes without the hyphen (lidstaat): the index holds the
	// hyphenated words of the text joined too (hyphenJoins), so the joined
	// word's key finds both spellings.
	var joined query.Query
	if !t.Phrase {
		if js := hyphenJoins(t.Text); len(js) == 1 && js[0].Start == 0 && js[0].End == len(t.Text) {
			if jk := ix.analyze(ix.query, js[0].Word); len(jk) == 1 {
				joined = termQ(string(jk[0].Term), fieldText, boost*stemBoost)
			}
		}
	}
	if len(stem) == 0 || stem[0].Position != exact[0].Position || stem[len(stem)-1].Position != exact[len(exact)-1].Position {
		if joined != nil {
			return bleve.NewDisjunctionQuery(eq, joined), nil
		}
		return eq, nil
	}
	qs := []query.Query{eq, phraseQ(stem, fieldText, boost*stemBoost)}
	if headings {
		qs = append(qs, phraseQ(stem, fieldHeading, boost*headingBoost))
	}
	if joined != nil {
		qs = append(qs, joined)
	}
	return bleve.NewDisjunctionQuery(qs...), nil
}

// phraseQ builds a phrase query from analyzed tokens, keeping the gaps of
// removed stop words ("" matches any word) so positions line up with the
// index.
func phraseQ(ts analysis.TokenStream, field string, boost float64) query.Query {
	if len(ts) == 1 {
		return termQ(string(ts[0].Term), field, boost)
	}
	first := ts[0].Position
	terms := make([]string, ts[len(ts)-1].Position-first+1)
	for _, t := range ts {
		terms[t.Position-first] = string(t.Term)
	}
	q := bleve.NewPhraseQuery(terms, field)
	q.SetBoost(boost)
	return q
}

// span is a matched byte range of a passage's text.
type span struct{ start, end int }

// Fragment shaping: at most maxFragments extracts of about fragmentLen
// bytes; a passage of at most shortPassage bytes is returned whole.
const (
	fragmentLen  = 240
	maxFragments = 3
	shortPassage = fragmentLen * 3 / 2
)

// fragments returns extracts of text around spans, HTML-escaped, with the
// spans marked. Overlapping spans (a word matched on both fields) merge, and
// so do spans only whitespace apart, so a phrase is one highlight. The
// extracts never overlap or repeat text: windows that touch are joined into
// one, and a passage of at most shortPassage bytes is returned whole.
func fragments(text string, spans []span) []string {
	if len(spans) == 0 {
		return nil
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	merged := spans[:1]
	for _, s := range spans[1:] {
		last := &merged[len(merged)-1]
		if s.start <= last.end || strings.TrimSpace(text[last.end:s.start]) == "" {
			last.end = max(last.end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	if len(text) <= shortPassage {
		return []string{mark(text, 0, len(text), merged)}
	}
	// Windows around the spans, each starting where the one before ended
	// at the earliest; a window that would start there joins the one before.
	var wins []span
	for i := 0; i < len(merged); {
		start := wordStart(text, max(0, merged[i].start-fragmentLen/3))
		end := wordEnd(text, max(merged[i].end, min(len(text), start+fragmentLen)))
		if n := len(wins); n > 0 && start <= wins[n-1].end {
			wins[n-1].end = max(wins[n-1].end, end)
		} else {
			if len(wins) == maxFragments {
				break
			}
			wins = append(wins, span{start, end})
		}
		last := wins[len(wins)-1].end
		for i < len(merged) && merged[i].start < last {
			i++
		}
	}
	out := make([]string, 0, len(wins))
	for _, w := range wins {
		var b strings.Builder
		if w.start > 0 {
			b.WriteString("…")
		}
		b.WriteString(mark(text, w.start, w.end, merged))
		if w.end < len(text) {
			b.WriteString("…")
		}
		out = append(out, b.String())
	}
	return out
}

// mark escapes text[from:to] and wraps the spans inside it in <mark>; a
// span cut by the window's edge is marked up to the edge.
func mark(text string, from, to int, spans []span) string {
	var b strings.Builder
	pos := from
	for _, s := range spans {
		if s.end <= pos || s.start >= to {
			continue
		}
		start, end := max(s.start, pos), min(s.end, to)
		b.WriteString(html.EscapeString(text[pos:start]))
		b.WriteString("<mark>" + html.EscapeString(text[start:end]) + "</mark>")
		pos = end
	}
	b.WriteString(html.EscapeString(text[pos:to]))
	return b.String()
}

// wordStart moves i back to the start of the word it falls in.
func wordStart(text string, i int) int {
	for i > 0 && !isBreak(text[i-1]) {
		i--
	}
	return i
}

// wordEnd moves i forward to the end of the word it falls in.
func wordEnd(text string, i int) int {
	for i < len(text) && !isBreak(text[i]) {
		i++
	}
	return i
}

func isBreak(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }
