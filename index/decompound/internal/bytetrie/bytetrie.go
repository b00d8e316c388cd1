// Package bytetrie is a byte trie in flat arrays over a fixed set of keys,
// built once and then only walked. The compound splitter's dictionary and
// the hyphenation patterns both use it: a walk allocates nothing and finds
// every key that is a prefix of a string in one pass.
package bytetrie

import (
	"bytes"
	"fmt"
)

// Trie is the trie. Node 0 is the root; the children of node n are the
// nodes first[n] … first[n]+count[n]-1, sorted by label. Values belong to
// the caller, in arrays indexed by node (see Build).
type Trie struct {
	first []int32
	count []uint16
	label []byte
}

// Build builds the trie of n keys; key(i) returns key i, and the keys must
// be sorted and distinct. It returns the trie and, for each key, the node
// where it ends.
func Build(n int, key func(i int) string) (Trie, []int32) {
	var t Trie
	t.add(0) // root
	nodes := make([]int32, n)
	type span struct{ node, lo, hi, depth int }
	// A stack, not a queue: a node's children are allocated together when
	// the node is visited, so they are contiguous in any visiting order, and
	// the stack stays as short as the longest key.
	stack := []span{{0, 0, n, 0}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		lo := s.lo
		if lo < s.hi && len(key(lo)) == s.depth { // sorted: the key ending here comes first
			nodes[lo] = int32(s.node)
			lo++
		}
		t.first[s.node] = int32(len(t.label))
		for lo < s.hi {
			c := key(lo)[s.depth]
			hi := lo + 1
			for hi < s.hi && key(hi)[s.depth] == c {
				hi++
			}
			child := t.add(c)
			t.count[s.node]++
			stack = append(stack, span{child, lo, hi, s.depth + 1})
			lo = hi
		}
	}
	return t, nodes
}

func (t *Trie) add(label byte) int {
	t.first = append(t.first, 0)
	t.count = append(t.count, 0)
	t.label = append(t.label, label)
	return len(t.label) - 1
}

// Nodes returns the number of nodes, the length of a value array.
func (t *Trie) Nodes() int { return len(t.label) }

// Child returns the child of node n along byte c, or -1.
func (t *Trie) Child(n int, c byte) int {
	f := int(t.first[n])
	i := bytes.IndexByte(t.label[f:f+int(t.count[n])], c)
	if i < 0 {
		return -1
	}
	return f + i
}

// Arrays returns the trie's arrays, to be written out and read back with
// FromArrays. The caller must not change them.
func (t *Trie) Arrays() (first []int32, count []uint16, label []byte) {
	return t.first, t.count, t.label
}

// FromArrays returns the trie whose arrays Arrays returned. It checks that
// they describe a trie a walk cannot leave (each node's children within
// the arrays), so that damaged arrays give an error, not a panic.
func FromArrays(first []int32, count []uint16, label []byte) (Trie, error) {
	n := len(label)
	if n == 0 || len(first) != n || len(count) != n {
		return Trie{}, fmt.Errorf("bytetrie: %d labels, %d firsts, %d counts", n, len(first), len(count))
	}
	for i, f := range first {
		if f < 0 || int(f)+int(count[i]) > n {
			return Trie{}, fmt.Errorf("bytetrie: node %d: children %d+%d beyond %d nodes", i, f, count[i], n)
		}
	}
	return Trie{first: first, count: count, label: label}, nil
}
