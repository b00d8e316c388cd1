package decompound

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/vellum"

	"github.com/tolk-nl/tolk/index/decompound/internal/bytetrie"
	"github.com/tolk-nl/tolk/index/decompound/internal/wordlist"
)

// trie is the dictionary: a flat byte trie with flags per node, built
// once by New. The embedded FST is small but decoding it allocates on every
// transition, and Split walks the dictionary from each candidate start; the
// flat trie walks with no allocation and finds every dictionary prefix of a
// suffix in one pass.
type trie struct {
	bytetrie.Trie
	flags []uint8
}

// entry is a key and its flags, the input of buildTrie.
type entry struct {
	key   string
	flags uint8
}

// loadEntries reads every key of an FST built by package wordlist, in
// the FST's order, with room for extra more. Keys before and from
// loadSplit are read at once, on two goroutines: at start-up the FST's
// walk is a third of building the splitter.
func loadEntries(data []byte, extra int) ([]entry, error) {
	fst, err := vellum.Load(data)
	if err != nil {
		return nil, fmt.Errorf("decompound: %w", err)
	}
	var (
		high    []entry
		highErr error
		done    = make(chan struct{})
	)
	go func() {
		defer close(done)
		high, highErr = readRange(fst, []byte(loadSplit), nil, fst.Len()/2)
	}()
	low, err := readRange(fst, nil, []byte(loadSplit), fst.Len()/2+extra)
	<-done
	if err == nil {
		err = highErr
	}
	if err != nil {
		return nil, fmt.Errorf("decompound: %w", err)
	}
	return append(low, high...), nil
}

// loadSplit divides the word list in two halves of about equal size.
const loadSplit = "l"

// readRange reads the keys of fst from start up to end (nil: from the
// first, to the last), with room for size entries.
func readRange(fst *vellum.FST, start, end []byte, size int) ([]entry, error) {
	out := make([]entry, 0, size)
	it, err := fst.Iterator(start, end)
	for err == nil {
		k, v := it.Current()
		out = append(out, entry{string(k), listFlags(v)})
		err = it.Next()
	}
	if err != vellum.ErrIteratorDone {
		return nil, err
	}
	return out, nil
}

// listFlags maps the FST value of package wordlist to trie flags.
func listFlags(v uint64) uint8 {
	f := uint8(v & (wordlist.Common | wordlist.Capitalised))
	if v&wordlist.HunListed != 0 {
		f |= hunListed
	}
	if v&wordlist.HunPart != 0 {
		f |= hunPart
	}
	return f
}

// buildTrie builds the trie from entries, which it sorts and merges. The
// first sorted entries are in order already (an FST's keys): only the rest
// are sorted, then merged with them, which at start-up takes a few
// milliseconds where sorting all of them took 90.
func buildTrie(es []entry, sorted int) *trie {
	byKey := func(a, b entry) int { return strings.Compare(a.key, b.key) }
	if sorted = min(max(sorted, 0), len(es)); !slices.IsSortedFunc(es[:sorted], byKey) {
		sorted = 0
	}
	if sorted == 0 {
		slices.SortFunc(es, byKey)
	} else if sorted < len(es) {
		head, tail := es[:sorted], slices.Clone(es[sorted:])
		slices.SortFunc(tail, byKey)
		es = mergeSorted(make([]entry, 0, len(es)), head, tail, byKey)
	}
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
	var nodes []int32
	t.Trie, nodes = bytetrie.Build(len(es), func(i int) string { return es[i].key })
	t.flags = make([]uint8, t.Nodes())
	for i, e := range es {
		t.flags[nodes[i]] = e.flags
	}
	return t
}

// mergeSorted appends to out the entries of a and b, both in order, in
// order; of equal keys, a's come first.
func mergeSorted(out, a, b []entry, cmp func(x, y entry) int) []entry {
	for len(a) > 0 && len(b) > 0 {
		if cmp(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// lookup returns the flags of key, 0 when it is absent.
func (t *trie) lookup(key string) uint8 {
	n := 0
	for i := 0; i < len(key); i++ {
		if n = t.Child(n, key[i]); n < 0 {
			return 0
		}
	}
	return t.flags[n]
}

// find returns the node of key and its flags; node -1 and flags 0 when
// it is absent.
func (t *trie) find(key string) (int, uint8) {
	n := 0
	for i := 0; i < len(key); i++ {
		if n = t.Child(n, key[i]); n < 0 {
			return -1, 0
		}
	}
	return n, t.flags[n]
}

// node returns the node of key, -1 when it is absent.
func (t *trie) node(key string) int {
	n, _ := t.find(key)
	return n
}
