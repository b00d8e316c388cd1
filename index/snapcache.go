package index

import (
	"context"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Answers about single words that depend on the index's content (is the
// word in the index, which indexed word is nearest to it) are remembered
// per snapshot: a snapshot never changes, so an answer found on it stays
// right for as long as searches run on it, and a new snapshot (after a
// write or a merge) starts afresh. The answers hang on the snapshot's
// facet tables, which are kept for the last few snapshots.

// maxAnswers bounds the answers of each kind kept per snapshot.
const maxAnswers = 1 << 14

type snapAnswers struct {
	known    answerCache[string, bool]
	similar  answerCache[similarKey, similarAnswer]
	postings answerCache[string, int]    // passages per term of the exact field
	docFreq  answerCache[string, int]    // passages per term of the stemmed field (DocFreqs)
	forms    answerCache[string, string] // the commonest word of a Dutch key (FormOf); "" none
	joined   joinedWords                 // tokens of the exact field that join words across punctuation (DocsWith)
}

// answerCache holds one kind of answer, at most maxAnswers of them.
type answerCache[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

func (c *answerCache[K, V]) get(k K) (v V, ok bool) {
	c.mu.RLock()
	v, ok = c.m[k]
	c.mu.RUnlock()
	return v, ok
}

func (c *answerCache[K, V]) put(k K, v V) {
	c.mu.Lock()
	if c.m == nil {
		c.m = map[K]V{}
	}
	if len(c.m) < maxAnswers {
		c.m[k] = v
	}
	c.mu.Unlock()
}

type similarKey struct {
	word  string
	edits int
	field string
}

type similarAnswer struct {
	best string
	ok   bool
}

// answers returns the answers kept for the snapshot r reads. When r is not
// a scorch snapshot, or its tables cannot be read, the answers are fresh
// ones that no other search sees: nothing is remembered.
func (ix *Index) answers(r bindex.IndexReader) *snapAnswers {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return &snapAnswers{}
	}
	st, err := ix.facets.tables(snap)
	if err != nil {
		return &snapAnswers{}
	}
	return &st.answers
}

// hasTerm reports whether a live passage (not deleted) of r has term in
// field: the first posting its term reader gives, without frequencies,
// norms or positions.
func hasTerm(ctx context.Context, r bindex.IndexReader, term []byte, field string) (bool, error) {
	tfr, err := r.TermFieldReader(ctx, term, field, false, false, false)
	if err != nil {
		return false, err
	}
	defer tfr.Close()
	d, err := tfr.Next(nil)
	if err != nil {
		return false, err
	}
	return d != nil, nil
}
