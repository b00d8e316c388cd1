package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Fields of the segment index.
const (
	segFieldNL         = "nl"
	segFieldEN         = "en"
	segFieldCollection = "collection"
)

// Segment is a bilingual unit to index for search on both sides: Key is
// its unique key (the caller's; returned in hits), NL is analysed as the
// passages are, EN with the English analyzer (stemming, stop words).
type Segment struct {
	Key        string
	NL, EN     string
	Collection string
}

// SegmentIndex searches translation-memory segments in Dutch and in
// English. It lives in memory (scorch without a path): the caller's store
// holds the segments, and the index is built from it at start. It is safe
// for concurrent use.
type SegmentIndex struct {
	b       bleve.Index
	nl      analysis.Analyzer // with the Decompounder, for indexing
	nlQuery analysis.Analyzer // without it, for query words
	en      analysis.Analyzer
}

// NewSegmentIndex returns an empty segment index. opt.Decompounder, when
// set, splits Dutch compounds as Index does.
func NewSegmentIndex(opt Options) (*SegmentIndex, error) {
	text := func(name, analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Name, f.Analyzer, f.Store = name, analyzer, false
		f.IncludeInAll, f.DocValues, f.IncludeTermVectors = false, false, false
		return f
	}
	kw := mapping.NewKeywordFieldMapping()
	kw.Name, kw.Store, kw.IncludeInAll, kw.DocValues = segFieldCollection, false, false, false
	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(segFieldNL, text(segFieldNL, AnalyzerDutch))
	dm.AddFieldMappingsAt(segFieldEN, text(segFieldEN, AnalyzerEnglish))
	dm.AddFieldMappingsAt(segFieldCollection, kw)
	m := mapping.NewIndexMapping()
	m.DefaultMapping = dm
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	b, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("index: segments: %w", err)
	}
	table := overrides()
	return &SegmentIndex{
		b: b, nl: newDutchAnalyzer(opt.Decompounder, table), nlQuery: newDutchAnalyzer(nil, table), en: newEnglishAnalyzer(),
	}, nil
}

// Close releases the index.
func (x *SegmentIndex) Close() error {
	if err := x.b.Close(); err != nil {
		return fmt.Errorf("index: segments: close: %w", err)
	}
	return nil
}

// Put indexes segments, replacing those with the same Key.
func (x *SegmentIndex) Put(ctx context.Context, segs []Segment) error {
	batch := x.b.NewBatch()
	const opts = bindex.IndexField
	for i, s := range segs {
		d := document.NewDocument(s.Key)
		d.AddField(newTextField(segFieldNL, []byte(s.NL), 0, opts, x.nl))
		d.AddField(document.NewTextFieldCustom(segFieldEN, nil, []byte(s.EN), opts, x.en))
		d.AddField(document.NewTextFieldCustom(segFieldCollection, nil, []byte(s.Collection), opts, nil))
		if err := batch.IndexAdvanced(d); err != nil {
			return fmt.Errorf("index: segment %q: %w", s.Key, err)
		}
		if err := x.flush(ctx, batch, i == len(segs)-1); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes the segments with the keys.
func (x *SegmentIndex) Delete(ctx context.Context, keys []string) error {
	batch := x.b.NewBatch()
	for i, k := range keys {
		batch.Delete(k)
		if err := x.flush(ctx, batch, i == len(keys)-1); err != nil {
			return err
		}
	}
	return nil
}

// flush applies batch when it is full or last, and empties it.
func (x *SegmentIndex) flush(ctx context.Context, batch *bleve.Batch, last bool) error {
	if batch.Size() < batchSize && !last {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("index: segments: %w", err)
	}
	if err := x.b.Batch(batch); err != nil {
		return fmt.Errorf("index: segments: %w", err)
	}
	batch.Reset()
	return nil
}

// SegmentQuery is a search of the segments: Q's words, in Lang ("nl",
// "en", or "" for both sides), optionally in one collection.
type SegmentQuery struct {
	Q          string
	Lang       string
	Collection string
	Limit      int // 0 means DefaultLimit; at most MaxLimit
	Offset     int
}

// SegmentHit is a matching segment's key and score.
type SegmentHit struct {
	Key   string
	Score float64
}

// SegmentResult is one page of hits, best first, and the number of all
// matching segments.
type SegmentResult struct {
	Total int
	Hits  []SegmentHit
}

// Search finds the segments that share words with q.Q on the side asked
// for, after that side's analysis: any word matches, and segments with
// more of them rank first (bleve's coordination factor). A query with no
// searchable word (only stop words) matches nothing. Lang other than nl,
// en or "" is a *QueryError.
func (x *SegmentIndex) Search(ctx context.Context, q SegmentQuery) (SegmentResult, error) {
	type side struct {
		field string
		an    analysis.Analyzer
	}
	nl, en := side{segFieldNL, x.nlQuery}, side{segFieldEN, x.en}
	var sides []side
	switch q.Lang {
	case "", "auto":
		sides = []side{nl, en}
	case "nl":
		sides = []side{nl}
	case "en":
		sides = []side{en}
	default:
		return SegmentResult{}, fmt.Errorf("index: segments: %w", &QueryError{Msg: fmt.Sprintf("unknown language %q (nl, en or empty for both)", q.Lang)})
	}
	var clauses []query.Query
	for _, side := range sides {
		seen := map[string]bool{}
		for _, tok := range side.an.Analyze([]byte(q.Q)) {
			term := string(tok.Term)
			if seen[term] {
				continue
			}
			seen[term] = true
			clauses = append(clauses, termQ(term, side.field, 1))
		}
	}
	if len(clauses) == 0 {
		return SegmentResult{Hits: []SegmentHit{}}, nil
	}
	var bq query.Query = bleve.NewDisjunctionQuery(clauses...)
	if q.Collection != "" {
		bq = bleve.NewConjunctionQuery(bq, termQ(q.Collection, segFieldCollection, 0))
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	req := bleve.NewSearchRequestOptions(bq, limit, max(q.Offset, 0), false)
	res, err := x.b.SearchInContext(ctx, req)
	if err != nil {
		return SegmentResult{}, fmt.Errorf("index: segments: %w", err)
	}
	out := SegmentResult{Total: int(res.Total), Hits: make([]SegmentHit, len(res.Hits))}
	for i, h := range res.Hits {
		out.Hits[i] = SegmentHit{Key: h.ID, Score: h.Score}
	}
	return out, nil
}
