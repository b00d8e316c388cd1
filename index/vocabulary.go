package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"
)

// DocCount returns the number of passages indexed for document doc, so a
// caller can tell whether a stored document is fully indexed.
func (ix *Index) DocCount(ctx context.Context, doc string) (int, error) {
	req := bleve.NewSearchRequestOptions(termQ(doc, fieldDoc, 1), 0, 0, false)
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("index: count %s: %w", doc, err)
	}
	return int(res.Total), nil
}

// Similar returns the indexed word nearest to word within maxEdits
// (Levenshtein, on folded words), preferring fewer edits, then the word
// found in more passages. It answers "did you mean" for a query word that
// matched nothing; ok is false when no indexed word is close enough.
func (ix *Index) Similar(ctx context.Context, word string, maxEdits int) (best string, ok bool) {
	w := Fold(word)
	if w == "" || maxEdits <= 0 {
		return "", false
	}
	adv, err := ix.b.Advanced()
	if err != nil {
		return "", false
	}
	r, err := adv.Reader()
	if err != nil {
		return "", false
	}
	defer r.Close()
	fr, isFuzzy := r.(bindex.IndexReaderFuzzy)
	if !isFuzzy {
		return "", false
	}
	dict, err := fr.FieldDictFuzzy(fieldExact, w, maxEdits, "")
	if err != nil {
		return "", false
	}
	defer dict.Close()
	bestDist, bestCount := maxEdits+1, uint64(0)
	for de, err := dict.Next(); err == nil && de != nil; de, err = dict.Next() {
		if ctx.Err() != nil {
			return "", false
		}
		d := levenshtein(w, de.Term)
		if d < bestDist || d == bestDist && de.Count > bestCount {
			best, bestDist, bestCount = de.Term, d, de.Count
		}
	}
	return best, best != ""
}

// levenshtein is the edit distance between a and b, in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
