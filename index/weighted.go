package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
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
	// Scoring tunes the ranking; the zero value is DefaultScoring.
	Scoring Scoring
}

// Scoring holds the parameters of a weighted query's ranking: BM25's K1
// and B, the weight of a match in the section heading relative to one in
// the passage, and the power of the share of the query's concepts (by
// IDF) a passage covers, which multiplies its score.
type Scoring struct {
	K1, B, Heading, Coverage float64
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
	for _, k := range keys {
		if _, ok := out[k]; ok {
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(k), fieldText, false, false, false)
		if err != nil {
			return nil, 0, fmt.Errorf("index: %w", err)
		}
		out[k] = int(tfr.Count())
		tfr.Close()
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
// facetFromWindow passages (a weighted query has no exact match set worth
// counting, and counting every candidate would cost a visit each).
func (ix *Index) SearchWeighted(ctx context.Context, r WeightedRequest) (*Result, error) {
	if len(r.Concepts) == 0 {
		return nil, fmt.Errorf("index: search: %w", &QueryError{Msg: "empty query"})
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
	avgLen := 1.0
	if br, ok := rd.(bindex.BM25Reader); ok {
		if card, err := br.FieldCardinality(fieldText); err == nil && card > 0 {
			avgLen = float64(card) / n
		}
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

	sc := r.Scoring
	if sc == (Scoring{}) {
		sc = DefaultScoring()
	}
	nc := len(r.Concepts)
	// Candidates by internal number: a slot each in flat arrays of
	// lengths and per-concept term frequencies (one map lookup per
	// posting, no allocation per passage).
	slot := make(map[uint64]int32, 1024)
	var cand []uint64
	var lengths, tfs []float64
	excluded := map[uint64]bool{}
	idf := make([]float64, nc)
	weight := make([]float64, nc)
	var weightSum float64
	for ci, c := range r.Concepts {
		weight[ci] = c.Weight
		if weight[ci] == 0 {
			weight[ci] = 1
		}
		var df float64
		for _, a := range c.Alts {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("index: search: %w", err)
			}
			p := a.P
			if p == 0 {
				p = 1
			}
			add := func(id uint64, tf, length float64) {
				if c.Occur == MustNot {
					excluded[id] = true
					return
				}
				if allow != nil && !allow[id] {
					return
				}
				k, ok := slot[id]
				if !ok {
					k = int32(len(cand))
					slot[id] = k
					cand = append(cand, id)
					lengths = append(lengths, length)
					for range nc {
						tfs = append(tfs, 0)
					}
				}
				if length > 0 && lengths[k] == 0 {
					lengths[k] = length
				}
				tfs[int(k)*nc+ci] += p * tf
			}
			n, err := ix.altPostings(ctx, rd, a, sc.Heading, add)
			if err != nil {
				return nil, err
			}
			df += p * float64(n)
		}
		if c.Occur == MustNot {
			continue
		}
		df = min(max(df, 0.5), n)
		idf[ci] = math.Log(1 + (n-df+0.5)/(df+0.5))
		weightSum += weight[ci] * idf[ci]
	}

	type scored struct {
		id    uint64
		score float64
	}
	hits := make([]scored, 0, len(cand))
	for k, id := range cand {
		if excluded[id] {
			continue
		}
		ok := true
		var s, covered float64
		norm := 1 - sc.B + sc.B*lengths[k]/avgLen
		if lengths[k] == 0 {
			norm = 1
		}
		for ci, c := range r.Concepts {
			tf := tfs[k*nc+ci]
			if tf <= 0 {
				if c.Occur == Must {
					ok = false
					break
				}
				continue
			}
			if c.Occur == MustNot {
				continue
			}
			s += weight[ci] * idf[ci] * tf * (sc.K1 + 1) / (tf + sc.K1*norm)
			covered += weight[ci] * idf[ci]
		}
		if !ok || s <= 0 {
			continue
		}
		if weightSum > 0 {
			s *= math.Pow(covered/weightSum, sc.Coverage)
		}
		hits = append(hits, scored{id, s})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].id < hits[j].id
	})
	limit := r.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	offset := max(r.Offset, 0)
	out := &Result{Total: uint64(len(hits)), Hits: []Hit{}, Facets: map[string][]Facet{}}

	window := hits[:min(len(hits), max(facetFromWindow, offset+limit))]
	ids := make([]string, len(window))
	scores := make(map[string]float64, len(window))
	var idb [8]byte
	for i, h := range window {
		binary.BigEndian.PutUint64(idb[:], h.id)
		ext, err := rd.ExternalID(idb[:])
		if err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		ids[i] = ext
		scores[ext] = h.score
	}
	if err := ix.facetsOf(ctx, ids, out); err != nil {
		return nil, err
	}
	if offset >= len(ids) {
		return out, nil
	}
	page := ids[offset:min(offset+limit, len(ids))]
	loaded, err := ix.load(ctx, page, ix.highlightQuery(r.Concepts))
	if err != nil {
		return nil, err
	}
	for _, id := range page {
		if h, ok := loaded[id]; ok {
			h.Score = scores[id]
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

// altPostings calls add for each passage where alternative a occurs (its
// frequency in the passage, or a weighted one in the section heading, and
// the passage's length when known) and returns in how many passages it
// occurs. An alternative is one term, or a phrase whose words stand at the
// positions the query analysis gives them.
func (ix *Index) altPostings(ctx context.Context, rd bindex.IndexReader, a Alt, headingWeight float64, add func(id uint64, tf, length float64)) (int, error) {
	var ts analysis.TokenStream
	field := fieldText
	switch {
	case a.Key:
		if a.Text == "" {
			return 0, nil
		}
		ts = analysis.TokenStream{{Term: []byte(a.Text), Position: 1}}
	case a.Exact:
		ts, field = ix.exact.Analyze([]byte(a.Text)), fieldExact
	default:
		ts = ix.query.Analyze([]byte(a.Text))
	}
	if len(ts) == 0 {
		return 0, nil
	}
	if len(ts) == 1 {
		n := 0
		err := readPostings(ctx, rd, string(ts[0].Term), field, func(id uint64, d *bindex.TermFieldDoc) {
			n++
			length := 0.0
			if field == fieldText && d.Norm > 0 {
				length = 1 / (d.Norm * d.Norm)
			}
			add(id, float64(d.Freq), length)
		}, false)
		if err != nil || field != fieldText || headingWeight == 0 {
			return n, err
		}
		err = readPostings(ctx, rd, string(ts[0].Term), fieldHeading, func(id uint64, d *bindex.TermFieldDoc) {
			add(id, headingWeight*float64(d.Freq), 0)
		}, false)
		return n, err
	}
	n, err := ix.phrasePostings(ctx, rd, ts, field, 1, add)
	if err != nil || field != fieldText || headingWeight == 0 {
		return n, err
	}
	_, err = ix.phrasePostings(ctx, rd, ts, fieldHeading, headingWeight, add)
	return n, err
}

// phrasePostings calls add for each passage where the tokens stand in
// field at the positions the query analysis gives them (stop words the
// analysis removed leave their gap), with weight times the number of
// occurrences, and returns the number of such passages.
func (ix *Index) phrasePostings(ctx context.Context, rd bindex.IndexReader, ts analysis.TokenStream, field string, weight float64, add func(id uint64, tf, length float64)) (int, error) {
	var first map[uint64][]uint64
	rest := make([]map[uint64]map[uint64]bool, len(ts)-1)
	for i, t := range ts {
		pos := map[uint64][]uint64{}
		err := readPostings(ctx, rd, string(t.Term), field, func(id uint64, d *bindex.TermFieldDoc) {
			if i > 0 && first[id] == nil {
				return
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
			add(id, weight*float64(found), 0)
		}
	}
	return n, nil
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

// highlightQuery is a bleve query that matches every alternative of the
// optional and required concepts, for the locations fragments mark.
func (ix *Index) highlightQuery(cs []Concept) query.Query {
	var qs []query.Query
	for _, c := range cs {
		if c.Occur == MustNot {
			continue
		}
		for _, a := range c.Alts {
			switch {
			case a.Key:
				qs = append(qs, termQ(a.Text, fieldText, 1))
			case a.Exact:
				if ts := ix.exact.Analyze([]byte(a.Text)); len(ts) > 0 {
					qs = append(qs, phraseQ(ts, fieldExact, 1))
				}
			default:
				if q := ix.compileTerm(Term{Text: a.Text, Phrase: strings.ContainsAny(a.Text, " ")}, false); q != nil {
					qs = append(qs, q)
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

// facetsOf counts the documents and sections of passages ids into res.
func (ix *Index) facetsOf(ctx context.Context, ids []string, res *Result) error {
	res.Facets[fieldDoc], res.Facets[fieldSection] = []Facet{}, []Facet{}
	if len(ids) == 0 {
		return nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), 0, 0, false)
	req.AddFacet(fieldDoc, bleve.NewFacetRequest(fieldDoc, facetSize))
	req.AddFacet(fieldSection, bleve.NewFacetRequest(fieldSection, facetSize))
	got, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("index: search: %w", err)
	}
	for name, fr := range got.Facets {
		if fr.Terms == nil {
			continue
		}
		for _, t := range fr.Terms.Terms() {
			res.Facets[name] = append(res.Facets[name], Facet{Value: t.Term, Count: t.Count})
		}
	}
	return nil
}
