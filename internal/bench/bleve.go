package bench

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/gin-gonic/gin"
)

// bleveMapping is stock bleve as issue 11 measured it: the stock "nl"
// analyzer, the text stored with term vectors (for highlighting), the
// document id a stored keyword; no _all field and no doc values (which
// nearly double the cost of indexing and serve no search here).
func bleveMapping() *mapping.IndexMappingImpl {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = nl.AnalyzerName
	text.Store = true
	text.IncludeTermVectors = true
	text.IncludeInAll = false
	text.DocValues = false
	doc := bleve.NewTextFieldMapping()
	doc.Analyzer = keyword.Name
	doc.Store = true
	doc.IncludeInAll = false
	doc.DocValues = false
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("text", text)
	dm.AddFieldMappingsAt("doc", doc)
	m := bleve.NewIndexMapping()
	m.DefaultMapping = dm
	m.DefaultAnalyzer = nl.AnalyzerName
	return m
}

// BleveBatch is how many passages go into one bleve batch.
const BleveBatch = 1000

// BuildBleve indexes the passages of files into a new scorch index at
// path, in batches of BleveBatch, one writer. It returns the number of
// passages.
func BuildBleve(path string, files []File) (int, error) {
	idx, err := bleve.New(path, bleveMapping())
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	n := 0
	b := idx.NewBatch()
	for _, f := range files {
		for _, p := range Passages(f.ID, f.Text) {
			id := p.Doc + "#" + strconv.Itoa(p.N)
			if err := b.Index(id, map[string]any{"doc": p.Doc, "text": p.Text}); err != nil {
				return n, errors.Join(fmt.Errorf("bench: %w", err), idx.Close())
			}
			n++
			if b.Size() >= BleveBatch {
				if err := idx.Batch(b); err != nil {
					return n, errors.Join(fmt.Errorf("bench: %w", err), idx.Close())
				}
				b.Reset()
			}
		}
	}
	if b.Size() > 0 {
		if err := idx.Batch(b); err != nil {
			return n, errors.Join(fmt.Errorf("bench: %w", err), idx.Close())
		}
	}
	if err := idx.Close(); err != nil {
		return n, fmt.Errorf("bench: %w", err)
	}
	return n, nil
}

// Hit is one result of the bleve and PostgreSQL contestants' answers.
type Hit struct {
	ID        string   `json:"id"`
	Score     float64  `json:"score"`
	Fragments []string `json:"fragments"`
}

// Answer is the JSON body of a contestant's search answer.
type Answer struct {
	Total uint64 `json:"total"`
	Hits  []Hit  `json:"hits"`
}

// BleveHandler is a minimal gin server over an open bleve index:
// GET /search?q=…&op=and|or (default and) answers the top 10 passages of
// a match query on the text with the nl analyzer, with highlighted
// fragments; GET /healthz answers 200.
func BleveHandler(idx bleve.Index) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.GET("/search", func(c *gin.Context) {
		q := c.Query("q")
		if q == "" {
			c.JSON(http.StatusBadRequest, gin.H{"error": "q is required"})
			return
		}
		mq := bleve.NewMatchQuery(q)
		mq.SetField("text")
		mq.Analyzer = nl.AnalyzerName
		if c.Query("op") == "or" {
			mq.SetOperator(query.MatchQueryOperatorOr)
		} else {
			mq.SetOperator(query.MatchQueryOperatorAnd)
		}
		req := bleve.NewSearchRequestOptions(mq, 10, 0, false)
		req.Fields = []string{"doc"}
		req.Highlight = bleve.NewHighlight()
		req.Highlight.AddField("text")
		res, err := idx.SearchInContext(c.Request.Context(), req)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return
			}
			c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
			return
		}
		out := Answer{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits))}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, Hit{ID: h.ID, Score: h.Score, Fragments: h.Fragments["text"]})
		}
		c.JSON(http.StatusOK, out)
	})
	return r
}
