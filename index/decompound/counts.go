package decompound

import (
	"bytes"
	"fmt"
	"math"
	"slices"

	"github.com/tolk-nl/tolk/index/decompound/internal/freq"
)

// counts holds the corpus count of the trie's words that occur in the
// frequency table, sparsely: the nodes, sorted, and their counts. Split
// looks counts up only for words that have a split, so a binary search is
// cheap enough and keeps memory to 8 bytes a counted word (≈ 0.5 MB)
// instead of 4 bytes for each of the trie's 1.3 M nodes.
type counts struct {
	nodes []int32
	n     []int32
	max   int // the largest count: no split can beat a word this frequent
}

// loadCounts reads the embedded frequency table (internal/freq) and keeps
// the counts of the words that are in t. Words of the table that t lacks
// cannot be looked up and are dropped.
func loadCounts(t *trie, table []byte) (*counts, error) {
	type nc struct{ node, n int32 }
	var out []nc
	c := &counts{}
	err := freq.Read(bytes.NewReader(table), func(w string, n int) {
		if node := t.node(w); node >= 0 {
			out = append(out, nc{int32(node), int32(min(n, math.MaxInt32))})
			c.max = max(c.max, n)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("decompound: %w", err)
	}
	slices.SortFunc(out, func(a, b nc) int { return int(a.node - b.node) })
	c.nodes = make([]int32, len(out))
	c.n = make([]int32, len(out))
	for i, x := range out {
		c.nodes[i], c.n[i] = x.node, x.n
	}
	return c, nil
}

// at returns the count of the word ending at node, 0 when it has none or
// node is -1.
func (c *counts) at(node int) int {
	if node < 0 {
		return 0
	}
	if i, ok := slices.BinarySearch(c.nodes, int32(node)); ok {
		return int(c.n[i])
	}
	return 0
}

// within reports whether some split could still beat a word of count n
// with factor alpha: the parts' geometric mean is at most the largest
// count. It spares Split the search for the most frequent words.
func (c *counts) within(alpha float64, n int) bool {
	return alpha*(float64(n)+1) <= float64(c.max)+1
}
