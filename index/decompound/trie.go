package decompound

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/blevesearch/vellum"
)

// trie is a byte trie in flat arrays, built once by New. The embedded FST is
// small but decoding it allocates on every transition, and Split walks the
// dictionary from each candidate start; a flat trie walks with no allocation
// and finds every dictionary prefix of a suffix in one pass.
//
// Node 0 is the root. The children of node n are the nodes
// first[n] … first[n]+int32(count[n])-1, sorted by label.
type trie struct {
	first []int32
	count []uint16
	label []byte
	flags []uint8
}

// entry is a key and its flags, the input of buildTrie.
type entry struct {
	key   string
	flags uint8
}

// loadEntries reads every key of an FST built by package wordlist.
func loadEntries(data []byte, extra int) ([]entry, error) {
	fst, err := vellum.Load(data)
	if err != nil {
		return nil, fmt.Errorf("decompound: %w", err)
	}
	out := make([]entry, 0, fst.Len()+extra)
	it, err := fst.Iterator(nil, nil)
	for err == nil {
		k, v := it.Current()
		out = append(out, entry{string(k), uint8(v)})
		err = it.Next()
	}
	if err != vellum.ErrIteratorDone {
		return nil, fmt.Errorf("decompound: %w", err)
	}
	return out, nil
}

// buildTrie builds the trie from entries, which it sorts and merges.
func buildTrie(es []entry) *trie {
	slices.SortFunc(es, func(a, b entry) int {
		if a.key < b.key {
			return -1
		}
		if a.key > b.key {
			return 1
		}
		return 0
	})
	// Merge duplicate keys, OR-ing their flags.
	w := 0
	for _, e := range es {
		if w > 0 && es[w-1].key == e.key {
			es[w-1].flags |= e.flags
			continue
		}
		es[w] = e
		w++
	}
	es = es[:w]

	t := &trie{}
	t.add(0) // root
	type span struct {
		node, lo, hi, depth int
	}
	// A stack, not a queue: a node's children are allocated together when
	// the node is visited, so they are contiguous in any visiting order, and
	// the stack stays as short as the longest key.
	stack := []span{{0, 0, len(es), 0}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		lo := s.lo
		if lo < s.hi && len(es[lo].key) == s.depth { // sorted: the key ending here comes first
			t.flags[s.node] = es[lo].flags
			lo++
		}
		t.first[s.node] = int32(len(t.label))
		for lo < s.hi {
			c := es[lo].key[s.depth]
			hi := lo + 1
			for hi < s.hi && es[hi].key[s.depth] == c {
				hi++
			}
			child := t.add(c)
			t.count[s.node]++
			stack = append(stack, span{child, lo, hi, s.depth + 1})
			lo = hi
		}
	}
	return t
}

func (t *trie) add(label byte) int {
	t.first = append(t.first, 0)
	t.count = append(t.count, 0)
	t.label = append(t.label, label)
	t.flags = append(t.flags, 0)
	return len(t.label) - 1
}

// child returns the child of node n along byte c, or -1.
func (t *trie) child(n int, c byte) int {
	f := int(t.first[n])
	i := bytes.IndexByte(t.label[f:f+int(t.count[n])], c)
	if i < 0 {
		return -1
	}
	return f + i
}

// lookup returns the flags of key, 0 when it is absent.
func (t *trie) lookup(key string) uint8 {
	n := 0
	for i := 0; i < len(key); i++ {
		if n = t.child(n, key[i]); n < 0 {
			return 0
		}
	}
	return t.flags[n]
}
