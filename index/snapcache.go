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
	mu       sync.RWMutex
	known    map[string]bool
	similar  map[similarKey]similarAnswer
	postings map[string]int // passages per term of the exact field
	docFreq  map[string]int // passages per term of the stemmed field (DocFreqs)
}

type similarKey struct {
	word  string
	edits int
}

type similarAnswer struct {
	best string
	ok   bool
}

// answers returns the answers kept for the snapshot r reads, or nil when
// r is not a scorch snapshot (nothing is then remembered).
func (ix *Index) answers(r bindex.IndexReader) *snapAnswers {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	st, err := ix.facets.tables(snap)
	if err != nil {
		return nil
	}
	return &st.answers
}

func (a *snapAnswers) getKnown(w string) (known, ok bool) {
	if a == nil {
		return false, false
	}
	a.mu.RLock()
	known, ok = a.known[w]
	a.mu.RUnlock()
	return known, ok
}

func (a *snapAnswers) putKnown(w string, known bool) {
	if a == nil {
		return
	}
	a.mu.Lock()
	if a.known == nil {
		a.known = map[string]bool{}
	}
	if len(a.known) < maxAnswers {
		a.known[w] = known
	}
	a.mu.Unlock()
}

func (a *snapAnswers) getSimilar(k similarKey) (similarAnswer, bool) {
	if a == nil {
		return similarAnswer{}, false
	}
	a.mu.RLock()
	v, ok := a.similar[k]
	a.mu.RUnlock()
	return v, ok
}

func (a *snapAnswers) putSimilar(k similarKey, v similarAnswer) {
	if a == nil {
		return
	}
	a.mu.Lock()
	if a.similar == nil {
		a.similar = map[similarKey]similarAnswer{}
	}
	if len(a.similar) < maxAnswers {
		a.similar[k] = v
	}
	a.mu.Unlock()
}

func (a *snapAnswers) getPostings(term string) (int, bool) {
	if a == nil {
		return 0, false
	}
	a.mu.RLock()
	n, ok := a.postings[term]
	a.mu.RUnlock()
	return n, ok
}

func (a *snapAnswers) putPostings(term string, n int) {
	if a == nil {
		return
	}
	a.mu.Lock()
	if a.postings == nil {
		a.postings = map[string]int{}
	}
	if len(a.postings) < maxAnswers {
		a.postings[term] = n
	}
	a.mu.Unlock()
}

func (a *snapAnswers) getDocFreq(term string) (int, bool) {
	if a == nil {
		return 0, false
	}
	a.mu.RLock()
	n, ok := a.docFreq[term]
	a.mu.RUnlock()
	return n, ok
}

func (a *snapAnswers) putDocFreq(term string, n int) {
	if a == nil {
		return
	}
	a.mu.Lock()
	if a.docFreq == nil {
		a.docFreq = map[string]int{}
	}
	if len(a.docFreq) < maxAnswers {
		a.docFreq[term] = n
	}
	a.mu.Unlock()
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
