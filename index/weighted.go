package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A weighted query is how a query in another language searches the Dutch
// passages: each of its concepts (an English word or term) stands for
// several Dutch alternatives, each with the probability that it is the
// translation meant. It is scored as a probabilistic structured query
// (Darwish and Oard, 2003): in a passage, a concept's term frequency is the
// probability-weighted sum of its alternatives' frequencies, and so is its
// document frequency; the concepts' BM25 scores are then summed. A
// passage is never rewarded for matching many translations of one word
// more than for matching the word once in each of its senses, and a rare
// concept weighs more than a common one, so a passage that covers most of
// the query outranks one that repeats a single common word.

// Concept is one part of a weighted query: any of its alternatives
// satisfies it.
type Concept struct {
	// Weight multiplies the concept's score; 0 means 1.
	Weight float64
	// Occur says whether the concept is optional (Should), required (Must)
	// or excluded (MustNot).
	Occur Occur
	Alts  []Alt
	// CoveredBy, when above 0, is 1 + the index of a concept whose match
	// covers this one too: a passage with it counts this concept as
	// covered (Scoring.Coverage) without scoring it (the words of a
	// multi-word term, searched apart, are covered by the term).
	CoveredBy int
}

// Alt is one way a concept can occur in a Dutch passage.
type Alt struct {
	// Text is a Dutch word or phrase as written (analysed like a query
	// word), or, with Key set, one term of the stemmed field as Keys
	// returns it.
	Text string
	Key  bool
	// Exact matches the folded, unstemmed word or phrase only (a name,
	// a number, a word of another language).
	Exact bool
	// P is the probability that this alternative is what the concept
	// means; 0 means 1.
	P float64
}

// WeightedRequest is a weighted search: the concepts, the page and the
// filters, as in Request.
type WeightedRequest struct {
	Concepts      []Concept
	Limit, Offset int
	Doc, Section  string
	// Docs, when not nil, keeps the passages of these documents only
	// (an empty list keeps none): a filter on document metadata.
	Docs []string
	// AllDocFacets keeps every value of the doc facet (Request).
	AllDocFacets bool
	// FacetWindow is how many of the best passages the facets count; 0
	// is facetFromWindow. The facets do not depend on the page asked for,
	// so they stay the same from page to page.
	FacetWindow int
	// Scoring tunes the ranking; the zero value is DefaultScoring.
	Scoring Scoring
}

// Scoring holds the parameters of a weighted query's ranking: BM25's K1
// and B, the weight of a match in the section heading relative to one in
// the passage, and the power of the share of the query's concepts (by
// IDF) a passage covers, which multiplies its score.
type Scoring struct {
	K1, B, Heading, Coverage float64
	// Prune skips the optional concepts whose IDF (from the document
	// frequencies of their alternatives, known before any posting is
	// read) is below this share of the query's highest: words that occur
	// almost everywhere add little to any score and cost a visit to most
	// passages. 0 reads every concept.
	Prune float64
}

// DefaultScoring returns the ranking SearchWeighted uses for a zero
// Scoring: BM25's usual parameters, the others chosen on the dev treaties
// (see docs/CLIR.md).
func DefaultScoring() Scoring { return Scoring{K1: 1.2, B: 0.75, Heading: 0.3, Coverage: 1} }

// facetFromWindow is how many of the best passages facets count.
const facetFromWindow = 100

// Keys returns the terms the stemmed field holds for Dutch text (lang
// "nl": folded, stop words removed, compounds followed by their parts,
// stemmed) or the English stems of English text (lang "en": folded, stop
// words removed, Porter). Training a translation lexicon over these keys
// makes its Dutch side match the index term for term.
func (ix *Index) Keys(lang, text string) []string {
	var ts analysis.TokenStream
	switch lang {
	case "nl":
		ts = ix.nl.Analyze([]byte(text))
	case "en":
		ts = ix.en.Analyze([]byte(text))
	default:
		ts = ix.exact.Analyze([]byte(text))
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out
}

// DutchKeys returns the keys Keys("nl", text) returns and, for each, whether
// it is a compound's modifier filed beside the compound rather than a word
// of the text: kern and wapen follow kernwapen at its position, and kern,
// which the compound's key holds but does not end with, is its modifier
// (so are the parts of a modifier, anti and terrorisme of
// antiterrorismeoperatie); wapen, the head, is what the compound is and
// counts as a word. A translation lexicon trained over these keys can tell
// the senses a word has only as a modifier (nuclear → kern of kernwapens:
// kern alone is core).
func (ix *Index) DutchKeys(text string) (keys []string, modifier []bool) {
	ts := ix.nl.Analyze([]byte(text))
	keys = make([]string, len(ts))
	modifier = make([]bool, len(ts))
	word := "" // the key of the token the current position began with
	pos := -1
	for i, t := range ts {
		keys[i] = string(t.Term)
		if t.Position != pos {
			pos, word = t.Position, keys[i]
			continue
		}
		k := keys[i]
		modifier[i] = len(k) < len(word) && strings.Contains(word, k) && !strings.HasSuffix(word, k)
	}
	return keys, modifier
}

// DocFreqs returns in how many passages each key of the stemmed field
// occurs, and the number of passages.
func (ix *Index) DocFreqs(ctx context.Context, keys []string) (map[string]int, int, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, 0, fmt.Errorf("index: %w", err)
	}
	out := make(map[string]int, len(keys))
	// Remembered per snapshot: English search asks for the same keys (a
	// word's cognates) on every query with that word, cached or not.
	ans := ix.answers(r)
	for _, k := range keys {
		if _, ok := out[k]; ok {
			continue
		}
		if n, ok := ans.docFreq.get(k); ok {
			out[k] = n
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(k), fieldText, false, false, false)
		if err != nil {
			return nil, 0, fmt.Errorf("index: %w", err)
		}
		out[k] = int(tfr.Count())
		tfr.Close()
		ans.docFreq.put(k, out[k])
	}
	return out, int(n), nil
}

func (ix *Index) reader() (bindex.IndexReader, error) {
	adv, err := ix.b.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return r, nil
}

// SearchWeighted runs a weighted query. Hits are ranked by score; Total is
// the number of matching passages; facets are counted over the best
// FacetWindow passages, whatever page is asked for (a weighted query has
// no exact match set worth counting, and counting every candidate would
// cost a visit each).
func (ix *Index) SearchWeighted(ctx context.Context, r WeightedRequest) (*Result, error) {
	return ix.cached(weightedKey(r), func() (*Result, error) { return ix.searchWeighted(ctx, r, true) })
}

// searchWeighted runs r; direct false loads the page by searching for its
// passages instead of reading them from the snapshot (direct.go), to
// compare the two.
func (ix *Index) searchWeighted(ctx context.Context, r WeightedRequest, direct bool) (*Result, error) {
	if len(r.Concepts) == 0 {
		return nil, fmt.Errorf("index: search: %w", &QueryError{Msg: "empty query"})
	}
	if ix.closed.Load() {
		return nil, fmt.Errorf("index: search: %w", bleve.ErrorIndexClosed)
	}
	rd, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	total, err := rd.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	n := float64(max(total, 1))
	snap, ok := rd.(*scorch.IndexSnapshot)
	if !ok || snap == nil {
		return nil, fmt.Errorf("index: search: reader is a %T, not a scorch snapshot", rd)
	}
	st, err := ix.facets.tables(snap)
	if err != nil {
		return nil, err
	}
	pr, err := newPostingsReader(snap, st.offsets)
	if err != nil {
		return nil, err
	}

	// The filters: passages of one document or section.
	var allow map[uint64]bool
	for _, f := range []struct{ field, value string }{{fieldDoc, r.Doc}, {fieldSection, r.Section}} {
		if f.value == "" {
			continue
		}
		set, err := ix.keywordSet(ctx, rd, f.field, f.value)
		if err != nil {
			return nil, err
		}
		if allow == nil {
			allow = set
			continue
		}
		for k := range allow {
			if !set[k] {
				delete(allow, k)
			}
		}
	}

	if r.Docs != nil {
		in := map[uint64]bool{}
		for _, d := range r.Docs {
			set, err := ix.keywordSet(ctx, rd, fieldDoc, d)
			if err != nil {
				return nil, err
			}
			for k := range set {
				if allow == nil || allow[k] {
					in[k] = true
				}
			}
		}
		allow = in
	}

	sc := r.Scoring
	if sc == (Scoring{}) {
		sc = DefaultScoring()
	}
	nc := len(r.Concepts)
	reads, err := ix.prepareAlts(ctx, pr, r.Concepts)
	defer func() {
		for _, ar := range reads {
			ar.close()
		}
	}()
	if err != nil {
		return nil, err
	}
	acc := ix.newAccumulator(rd, nc, len(reads), allow)
	defer acc.release()
	// Room for as many candidates as the alternatives' postings can give
	// (at most every passage), so the slots do not grow while read.
	est := 0
	for _, ar := range reads {
		if ar.leader == nil && ar.occur != MustNot {
			est += ar.df
		}
	}
	acc.reserve(min(est, int(total)))
	df := make([]float64, nc)
	skip := make([]bool, nc)
	var pruned []int
	if sc.Prune > 0 {
		pre := make([]float64, nc)
		for _, ar := range reads {
			if ar.tp != nil || ar.leader != nil {
				d := ar.df
				if ar.leader != nil {
					d = ar.leader.df
				}
				pre[ar.concept] += ar.p * float64(d)
			}
		}
		// The bar is set by the rarest concept that occurs at all: one
		// with no postings (an English word none of whose senses the
		// documents have) would have the highest IDF of all and prune
		// every other word of the query, leaving nothing to find
		// (Dutch troops found nothing where Dutch found 9 passages).
		var top float64
		idfs := make([]float64, nc)
		for ci := range pre {
			d := min(max(pre[ci], 0.5), n)
			idfs[ci] = math.Log(1 + (n-d+0.5)/(d+0.5))
			if pre[ci] > 0 {
				top = max(top, idfs[ci])
			}
		}
		for ci, c := range r.Concepts {
			skip[ci] = c.Occur == Should && idfs[ci] < sc.Prune*top
			if skip[ci] {
				pruned = append(pruned, ci)
			}
		}
	}
	for _, ar := range reads {
		ar.skip = skip[ar.concept]
	}
	// The alternatives to read: each shared term once (by its leader),
	// none of a pruned concept unless another concept shares the term.
	var jobs []*altRead
	for _, ar := range reads {
		if ar.leader != nil || (ar.skip && !slices.ContainsFunc(ar.same, func(m *altRead) bool { return !m.skip })) {
			continue
		}
		jobs = append(jobs, ar)
	}
	if err := readJobs(ctx, rd, pr, acc, jobs, sc.Heading); err != nil {
		return nil, err
	}
	// present is the probability mass of a concept's alternatives that
	// occur in the documents at all, mass that of all of them. The
	// document frequency is scaled to the whole mass from the present
	// alternatives: the likely senses the documents do
	// not have (screening → screening, handbagage) do not make the
	// concept rarer than the senses they have (hand), which would raise
	// its IDF, and with it a passage holding only a weak sense, above
	// passages that hold the other words of the query.
	present, mass := make([]float64, nc), make([]float64, nc)
	for _, ar := range reads {
		d := 0
		switch {
		case ar.skip && (ar.tp != nil || ar.leader != nil):
			// Not read: its document frequency is known all the same.
			d = ar.df
			if ar.leader != nil {
				d = ar.leader.df
			}
		case ar.skip:
		case ar.leader != nil:
			d = ar.leader.n
		default:
			d = ar.n
		}
		df[ar.concept] += ar.p * float64(d)
		mass[ar.concept] += ar.p
		if d > 0 {
			present[ar.concept] += ar.p
		}
	}
	for ci := range df {
		// Only where the alternatives are senses with probabilities
		// (at most 1 in all): a glossary concept's alternatives are its
		// terms and their forms, each at 1, of which a text uses some.
		if present[ci] > 0 && present[ci] < mass[ci] && mass[ci] <= 1 {
			df[ci] *= mass[ci] / present[ci]
		}
	}
	avgLen, exactScale := acc.lengthStats()
	idf := make([]float64, nc)
	weight := make([]float64, nc)
	var weightSum float64
	for ci, c := range r.Concepts {
		weight[ci] = c.Weight
		if weight[ci] == 0 {
			weight[ci] = 1
		}
		if c.Occur == MustNot {
			continue
		}
		d := min(max(df[ci], 0.5), n)
		idf[ci] = math.Log(1 + (n-d+0.5)/(d+0.5))
		weightSum += weight[ci] * idf[ci]
	}
	score := func(k int) (float64, bool) {
		var s, covered float64
		norm := 1.0
		l := acc.lengths[k]
		if l == 0 {
			l = acc.xlengths[k] * exactScale
		}
		if l > 0 {
			norm = 1 - sc.B + sc.B*l/avgLen
		}
		for ci, c := range r.Concepts {
			tf := acc.tfs[k*nc+ci]
			if tf <= 0 {
				if c.Occur == Must {
					return 0, false
				}
				if b := c.CoveredBy - 1; b >= 0 && b < nc && c.Occur != MustNot && acc.tfs[k*nc+b] > 0 {
					covered += weight[ci] * idf[ci]
				}
				continue
			}
			if c.Occur == MustNot {
				continue
			}
			s += weight[ci] * idf[ci] * tf * (sc.K1 + 1) / (tf + sc.K1*norm)
			covered += weight[ci] * idf[ci]
		}
		if s <= 0 {
			return 0, false
		}
		if weightSum > 0 {
			s *= math.Pow(covered/weightSum, sc.Coverage)
		}
		return s, true
	}
	fw := r.FacetWindow
	if fw <= 0 {
		fw = facetFromWindow
	}
	want := max(fw, max(r.Offset, 0)+min(max(r.Limit, DefaultLimit), MaxLimit))
	hits, matched := acc.best(score, want)
	if len(hits) > want {
		hits = hits[:want]
	}
	limit := r.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	offset := max(r.Offset, 0)
	out := &Result{Total: uint64(matched), Hits: []Hit{}, Facets: map[string][]Facet{}, Pruned: pruned}

	window := hits[:min(len(hits), max(fw, offset+limit))]
	nums := make([]uint64, len(window))
	for i, h := range window {
		nums[i] = acc.cand[h.slot]
	}
	if err := ix.windowFacets(rd, nums[:min(len(nums), fw)], out, r.AllDocFacets); err != nil {
		return nil, err
	}
	if offset >= len(window) {
		return out, nil
	}
	pageNums := nums[offset:min(offset+limit, len(window))]
	// concepts lists the concepts a candidate has, in its text or its
	// heading (Hit.Concepts).
	concepts := func(slot int) []int {
		var cs []int
		for ci, c := range r.Concepts {
			if c.Occur != MustNot && acc.tfs[slot*nc+ci] > 0 {
				cs = append(cs, ci)
			}
		}
		return cs
	}
	// Highlighting searches only the alternatives the page's passages hold.
	var held []Alt
	for i, ar := range reads {
		if ar.occur == MustNot {
			continue
		}
		for _, h := range window[offset:min(offset+limit, len(window))] {
			if acc.seen[h.slot*acc.nw+i/64]&(1<<(i%64)) != 0 {
				held = append(held, ar.alt)
				break
			}
		}
	}
	hq := ix.highlightQuery(held)
	if snap, ok := rd.(*scorch.IndexSnapshot); ok && direct {
		if ls, ok := leavesOf(hq); ok || hq == nil {
			if ls == nil {
				ls = &leafSet{}
			}
			// The page's locations come from the lists the reading
			// opened, where it opened them.
			opened := map[fieldTerm]*termPostings{}
			for _, ar := range reads {
				if ar.tp != nil {
					opened[fieldTerm{ar.field, string(ar.ts[0].Term)}] = ar.tp
				}
			}
			hs, err := ix.loadDirect(ctx, snap, ls, pageNums, opened)
			if err != nil {
				return nil, err
			}
			for i, h := range hs {
				h.Score = window[offset+i].score
				h.Concepts = concepts(window[offset+i].slot)
				out.Hits = append(out.Hits, h)
			}
			return out, nil
		}
	}
	page := make([]string, len(pageNums))
	scores := make(map[string]float64, len(pageNums))
	slots := make(map[string]int, len(pageNums))
	var idb [8]byte
	for i, n := range pageNums {
		binary.BigEndian.PutUint64(idb[:], n)
		ext, err := rd.ExternalID(idb[:])
		if err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		page[i] = ext
		scores[ext] = window[offset+i].score
		slots[ext] = window[offset+i].slot
	}
	loaded, err := ix.load(ctx, page, hq)
	if err != nil {
		return nil, err
	}
	for _, id := range page {
		if h, ok := loaded[id]; ok {
			h.Score = scores[id]
			h.Concepts = concepts(slots[id])
			out.Hits = append(out.Hits, h)
		}
	}
	return out, nil
}

// keywordSet returns the passages whose keyword field has value.
func (ix *Index) keywordSet(ctx context.Context, rd bindex.IndexReader, field, value string) (map[uint64]bool, error) {
	tfr, err := rd.TermFieldReader(ctx, []byte(value), field, false, false, false)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	defer tfr.Close()
	set := map[uint64]bool{}
	var d bindex.TermFieldDoc
	for {
		got, err := tfr.Next(&d)
		if err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		if got == nil {
			return set, nil
		}
		set[binary.BigEndian.Uint64(got.ID)] = true
	}
}

// readPostings calls f for each passage that holds term in field.
func readPostings(ctx context.Context, rd bindex.IndexReader, term, field string, f func(id uint64, d *bindex.TermFieldDoc), vectors bool) error {
	tfr, err := rd.TermFieldReader(ctx, []byte(term), field, true, true, vectors)
	if err != nil {
		return fmt.Errorf("index: search: %w", err)
	}
	defer tfr.Close()
	var d bindex.TermFieldDoc
	for {
		got, err := tfr.Next(&d)
		if err != nil {
			return fmt.Errorf("index: search: %w", err)
		}
		if got == nil {
			return nil
		}
		f(binary.BigEndian.Uint64(got.ID), got)
	}
}

// highlightQuery is a bleve query that matches every one of alts, for
// the locations fragments mark.
func (ix *Index) highlightQuery(alts []Alt) query.Query {
	var qs []query.Query
	{
		for _, a := range alts {
			switch {
			case a.Key:
				qs = append(qs, termQ(a.Text, fieldText, 1))
			case a.Exact:
				if ts := ix.exact.Analyze([]byte(a.Text)); len(ts) > 0 {
					qs = append(qs, phraseQ(ts, fieldExact, 1))
				}
			default:
				// The passage's own fields only: heading and implied
				// compounds have no offsets in its text.
				if ts := ix.query.Analyze([]byte(a.Text)); len(ts) > 0 {
					qs = append(qs, phraseQ(ts, fieldText, 1))
				}
				if ts := ix.exact.Analyze([]byte(a.Text)); len(ts) > 0 {
					qs = append(qs, phraseQ(ts, fieldExact, 1))
				}
			}
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// load returns the passages ids with their stored fields and the
// fragments q marks in them.
func (ix *Index) load(ctx context.Context, ids []string, q query.Query) (map[string]Hit, error) {
	b := bleve.NewBooleanQuery()
	b.AddMust(bleve.NewDocIDQuery(ids))
	if q != nil {
		b.AddShould(q)
	}
	req := bleve.NewSearchRequestOptions(b, len(ids), 0, false)
	req.Fields = []string{fieldText, fieldDoc, fieldTitle, fieldSection, fieldParagraph, fieldStart, fieldEnd}
	req.IncludeLocations = true
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	out := make(map[string]Hit, len(res.Hits))
	for _, h := range res.Hits {
		out[h.ID] = hitOf(h)
	}
	return out, nil
}

// accumulator collects the candidates of a weighted query: a slot each, in
// flat arrays of lengths and per-concept term frequencies.
type accumulator struct {
	nc    int
	allow map[uint64]bool  // nil: every passage
	slot  map[uint64]int32 // when dense is nil
	dense []int32          // internal number → slot+1, when the index is small enough
	pool  *sync.Pool
	nw    int // words of alternative bits per candidate
	accArrays
	arrays   *sync.Pool // where accArrays go back to
	excluded map[uint64]bool
}

// accArrays are an accumulator's per-candidate arrays, kept (emptied)
// between searches: a query with many candidates allocated them anew
// each time, 40 % of what an English search allocated (docs/PERFORMANCE.md,
// "Session 12").
type accArrays struct {
	cand     []uint64
	seen     []uint64  // per candidate: which alternatives matched it
	lengths  []float64 // stemmed-field tokens, 0 when unknown
	xlengths []float64 // exact-field tokens (stop words included), 0 when unknown
	tfs      []float64
	slots    []int // best's list of every slot
}

// maxKeptArray is the largest array (in elements) kept for the next search;
// a bigger one, from a query that matched most of a large index, is left
// to the collector.
const maxKeptArray = 1 << 20

// maxDense is the largest index (in internal numbers) whose candidates are
// looked up in a slice rather than a map: 4 bytes a passage, reused
// between searches.
const maxDense = 1 << 23

func (ix *Index) newAccumulator(rd bindex.IndexReader, nc, nalts int, allow map[uint64]bool) *accumulator {
	a := &accumulator{nc: nc, nw: (nalts + 63) / 64, allow: allow, excluded: map[uint64]bool{}, arrays: &ix.accs}
	if kept, ok := ix.accs.Get().(*accArrays); ok {
		a.accArrays = *kept
	}
	if snap, ok := rd.(*scorch.IndexSnapshot); ok {
		var space int64
		for _, seg := range snap.Segments() {
			space += seg.FullSize()
		}
		if space <= maxDense {
			buf, _ := ix.slots.Get().(*[]int32)
			if buf == nil || int64(cap(*buf)) < space {
				b := make([]int32, space)
				buf = &b
			}
			a.dense, a.pool = (*buf)[:space], &ix.slots
			return a
		}
	}
	a.slot = make(map[uint64]int32, 1024)
	return a
}

// release returns the dense slice, cleared, and the per-candidate arrays,
// emptied, for the next search.
func (a *accumulator) release() {
	if a.dense != nil {
		for _, id := range a.cand {
			a.dense[id] = 0
		}
		d := a.dense
		a.pool.Put(&d)
		a.dense = nil
	}
	if a.arrays == nil || max(cap(a.cand), cap(a.seen), cap(a.lengths), cap(a.xlengths), cap(a.tfs), cap(a.slots)) > maxKeptArray {
		return
	}
	kept := accArrays{a.cand[:0], a.seen[:0], a.lengths[:0], a.xlengths[:0], a.tfs[:0], a.slots[:0]}
	a.accArrays = accArrays{}
	a.arrays.Put(&kept)
	a.arrays = nil
}

// reserve makes room for n candidates.
func (a *accumulator) reserve(n int) {
	if n <= 0 {
		return
	}
	a.cand = slices.Grow(a.cand, n)
	a.lengths = slices.Grow(a.lengths, n)
	a.xlengths = slices.Grow(a.xlengths, n)
	a.seen = slices.Grow(a.seen, n*a.nw)
	a.tfs = slices.Grow(a.tfs, n*a.nc)
}

// add records tf occurrences (already weighted) of concept ci in passage
// id, of the given length (0: unknown).
func (a *accumulator) add(id uint64, ci, ai int, tf, length float64, exact bool) {
	if a.allow != nil && !a.allow[id] {
		return
	}
	k := a.slotOf(id)
	switch {
	case length <= 0:
	case exact:
		a.xlengths[k] = length
	default:
		a.lengths[k] = length
	}
	a.tfs[int(k)*a.nc+ci] += tf
	a.seen[int(k)*a.nw+ai/64] |= 1 << (ai % 64)
}

// slotOf returns passage id's slot, giving it one if it has none.
func (a *accumulator) slotOf(id uint64) int32 {
	if a.dense != nil && id < uint64(len(a.dense)) {
		if k := a.dense[id]; k > 0 {
			return k - 1
		}
	} else if k, ok := a.slot[id]; ok {
		return k
	}
	k := int32(len(a.cand))
	if a.dense != nil && id < uint64(len(a.dense)) {
		a.dense[id] = k + 1
	} else {
		if a.slot == nil {
			a.slot = map[uint64]int32{}
		}
		a.slot[id] = k
	}
	a.cand = append(a.cand, id)
	a.lengths = append(a.lengths, 0)
	a.xlengths = append(a.xlengths, 0)
	a.seen = extend(a.seen, a.nw)
	a.tfs = extend(a.tfs, a.nc)
	return k
}

// extend returns s with n more zero elements, growing it by doubling.
func extend[T uint64 | float64](s []T, n int) []T {
	l := len(s)
	s = slices.Grow(s, n)[:l+n]
	clear(s[l:])
	return s
}

// readJobs reads the alternatives' postings into acc. (Reading them in
// two goroutines into two accumulators, merged after, was tried: the
// query took as long, as the index's reads contend.)
func readJobs(ctx context.Context, rd bindex.IndexReader, pr *postingsReader, acc *accumulator, jobs []*altRead, headingWeight float64) error {
	for _, ar := range jobs {
		n, err := ar.readAll(ctx, rd, pr, acc, headingWeight)
		if err != nil {
			return err
		}
		ar.n = n
	}
	return nil
}

// lengthStats returns the mean length of the candidates in stemmed-field
// tokens (BM25's average length: the index keeps no total of tokens, and
// the candidates of a query are a large sample of its passages) and how
// many stemmed-field tokens an exact-field token is worth (the exact field
// keeps stop words, the stemmed one adds compound parts), measured on the
// candidates whose length is known in both.
func (a *accumulator) lengthStats() (avg, exactScale float64) {
	var sumT, sumX, bothT, bothX float64
	var nT int
	for k, l := range a.lengths {
		if l > 0 {
			sumT += l
			nT++
			if x := a.xlengths[k]; x > 0 {
				bothT += l
				bothX += x
			}
		}
	}
	exactScale = 0.7 // what the treaty and letter passages show when no candidate tells
	if bothX > 0 && bothT > 0 {
		exactScale = bothT / bothX
	}
	if nT > 0 {
		return sumT / float64(nT), exactScale
	}
	var nX int
	for _, x := range a.xlengths {
		if x > 0 {
			sumX += x
			nX++
		}
	}
	if nX > 0 {
		return sumX / float64(nX) * exactScale, exactScale
	}
	return 1, exactScale
}

// scoredSlot is a candidate's slot and score.
type scoredSlot struct {
	slot  int
	score float64
}

// best scores every candidate and returns the k best, best first, and
// the number of candidates that score.
func (a *accumulator) best(score func(int) (float64, bool), k int) ([]scoredSlot, int) {
	a.slots = slices.Grow(a.slots[:0], len(a.cand))[:len(a.cand)]
	for i := range a.slots {
		a.slots[i] = i
	}
	return a.bestOf(score, a.slots, k)
}

// bestOf scores the candidates in slots and returns the k best, best first
// (ties go to the lower internal number, the order of indexing, so a
// ranking is stable), and the number of candidates that score. It keeps
// a heap of k, not a sorted copy of every candidate.
func (a *accumulator) bestOf(score func(int) (float64, bool), slots []int, k int) ([]scoredSlot, int) {
	better := func(x, y scoredSlot) bool {
		if x.score != y.score {
			return x.score > y.score
		}
		return a.cand[x.slot] < a.cand[y.slot]
	}
	h := make([]scoredSlot, 0, k) // a min-heap: the worst kept on top
	down := func(i int) {
		for {
			l, w := 2*i+1, i
			if l < len(h) && better(h[w], h[l]) {
				w = l
			}
			if r := l + 1; r < len(h) && better(h[w], h[r]) {
				w = r
			}
			if w == i {
				return
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	n := 0
	for _, slot := range slots {
		if a.excluded[a.cand[slot]] {
			continue
		}
		s, ok := score(slot)
		if !ok {
			continue
		}
		n++
		c := scoredSlot{slot, s}
		switch {
		case len(h) < k:
			h = append(h, c)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !better(h[p], h[i]) {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
		case k > 0 && better(c, h[0]):
			h[0] = c
			down(0)
		}
	}
	slices.SortFunc(h, func(x, y scoredSlot) int {
		if better(x, y) {
			return -1
		}
		if better(y, x) {
			return 1
		}
		return 0
	})
	return h, n
}

// altRead is one alternative of a concept, analysed, with its reader when
// it is a single term.
type altRead struct {
	index   int // among all the query's alternatives
	alt     Alt
	concept int
	occur   Occur
	p       float64
	field   string
	ts      analysis.TokenStream
	tp      *termPostings // single term: opened, not yet read
	df      int
	n       int // passages it occurs in, once read
	// A single term that several concepts (or alternatives) share is
	// read once, by its first alternative, for all of them: same lists
	// the followers; leader points back.
	same   []*altRead
	leader *altRead
	skip   bool // its concept is pruned: read only for its followers
}

func (ar *altRead) close() {
	ar.tp = nil
}

// prepareAlts analyses every alternative and opens the reader of each
// single-term one (which gives its document frequency).
func (ix *Index) prepareAlts(ctx context.Context, pr *postingsReader, cs []Concept) ([]*altRead, error) {
	var out []*altRead
	leaders := map[string]*altRead{}
	for ci, c := range cs {
		for _, a := range c.Alts {
			ar := &altRead{concept: ci, alt: a, occur: c.Occur, p: a.P, field: fieldText}
			if ar.p == 0 {
				ar.p = 1
			}
			switch {
			case a.Key:
				if a.Text == "" {
					continue
				}
				ar.ts = analysis.TokenStream{{Term: []byte(a.Text), Position: 1}}
			case a.Exact:
				ar.ts, ar.field = ix.exact.Analyze([]byte(a.Text)), fieldExact
			default:
				ar.ts = ix.query.Analyze([]byte(a.Text))
			}
			if len(ar.ts) == 0 {
				continue
			}
			ar.index = len(out)
			out = append(out, ar)
			if len(ar.ts) == 1 {
				k := ar.field + "\x00" + string(ar.ts[0].Term)
				if l := leaders[k]; l != nil {
					ar.leader = l
					l.same = append(l.same, ar)
					continue
				}
				leaders[k] = ar
				tp, err := pr.open(ar.field, ar.ts[0].Term)
				if err != nil {
					return out, err
				}
				ar.tp, ar.df = tp, int(tp.count)
			}
		}
	}
	return out, nil
}

// lengthOf converts a posting's norm into the passage's length in
// stemmed-field tokens.
func lengthOf(norm float64) float64 {
	if norm <= 0 {
		return 0
	}
	return 1 / (norm * norm)
}

// readAll reads every passage the alternative occurs in (and, for the
// stemmed field, in whose section heading it occurs) into acc, or marks
// them excluded; it returns the number of passages it occurs in.
func (ar *altRead) readAll(ctx context.Context, rd bindex.IndexReader, pr *postingsReader, acc *accumulator, headingWeight float64) (int, error) {
	exact := ar.field == fieldExact
	add := func(id uint64, tf, length float64) {
		switch {
		case ar.skip:
		case ar.occur == MustNot:
			acc.excluded[id] = true
		default:
			acc.add(id, ar.concept, ar.index, ar.p*tf, length, exact)
		}
		for _, m := range ar.same {
			if m.skip {
				continue
			}
			if m.occur == MustNot {
				acc.excluded[id] = true
			} else {
				acc.add(id, m.concept, m.index, m.p*tf, length, exact)
			}
		}
	}
	// A heading's word counts for the passages under it, but a word to
	// leave out leaves out only the passages that say it.
	headingAdd := func(id uint64, tf, length float64) {
		if !ar.skip && ar.occur != MustNot {
			acc.add(id, ar.concept, ar.index, ar.p*tf, length, exact)
		}
		for _, m := range ar.same {
			if !m.skip && m.occur != MustNot {
				acc.add(id, m.concept, m.index, m.p*tf, length, exact)
			}
		}
	}
	if len(ar.ts) > 1 {
		n, err := phrasePostings(ctx, rd, ar.ts, ar.field, 1, true, add)
		if err != nil || ar.field != fieldText || headingWeight == 0 {
			return n, err
		}
		_, err = phrasePostings(ctx, rd, ar.ts, fieldHeading, headingWeight, false, headingAdd)
		return n, err
	}
	n := 0
	err := ar.tp.each(func(id, freq uint64, norm float64) {
		n++
		add(id, float64(freq), lengthOf(norm))
	})
	if err != nil {
		return n, err
	}
	if ctx.Err() != nil {
		return n, fmt.Errorf("index: search: %w", ctx.Err())
	}
	if ar.field != fieldText || headingWeight == 0 {
		return n, nil
	}
	hp, err := pr.open(fieldHeading, ar.ts[0].Term)
	if err != nil {
		return n, err
	}
	err = hp.eachFreq(func(id, freq uint64) {
		headingAdd(id, headingWeight*float64(freq), 0)
	})
	return n, err
}

// phrasePostings calls add for each passage where the tokens stand in
// field at the positions the query analysis gives them (stop words the
// analysis removed leave their gap), with weight times the number of
// occurrences and the passage's length in field (when withLength), and returns
// the number of such passages.
func phrasePostings(ctx context.Context, rd bindex.IndexReader, ts analysis.TokenStream, field string, weight float64, withLength bool, add func(id uint64, tf, length float64)) (int, error) {
	var first map[uint64][]uint64
	norms := map[uint64]float64{}
	rest := make([]map[uint64]map[uint64]bool, len(ts)-1)
	for i, t := range ts {
		pos := map[uint64][]uint64{}
		err := readPostings(ctx, rd, string(t.Term), field, func(id uint64, d *bindex.TermFieldDoc) {
			if i > 0 && first[id] == nil {
				return
			}
			if i == 0 {
				norms[id] = d.Norm
			}
			for _, v := range d.Vectors {
				pos[id] = append(pos[id], v.Pos)
			}
		}, true)
		if err != nil {
			return 0, err
		}
		if i == 0 {
			first = pos
			continue
		}
		m := make(map[uint64]map[uint64]bool, len(pos))
		for id, ps := range pos {
			set := make(map[uint64]bool, len(ps))
			for _, p := range ps {
				set[p] = true
			}
			m[id] = set
		}
		rest[i-1] = m
	}
	n := 0
	for id, starts := range first {
		found := 0
		for _, p0 := range starts {
			all := true
			for i, t := range ts[1:] {
				want := p0 + uint64(t.Position-ts[0].Position)
				if !rest[i][id][want] {
					all = false
					break
				}
			}
			if all {
				found++
			}
		}
		if found > 0 {
			n++
			length := 0.0
			if withLength {
				length = lengthOf(norms[id])
			}
			add(id, weight*float64(found), length)
		}
	}
	return n, nil
}
