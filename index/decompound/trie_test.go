package decompound

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/vellum"
)

// TestBuildTrieMerges builds the trie of the embedded word list plus
// unsorted extra words (some of them in the list already, with other
// flags) two ways — the list's order used and merged, and everything
// sorted — and compares every key's flags and the node count.
func TestBuildTrieMerges(t *testing.T) {
	list, err := loadEntries(words, 0)
	if err != nil {
		t.Fatal(err)
	}
	extra := []entry{{"zeppelinhangar", extraWord}, {"aardappel", termWord}, {"mali", termWord}, {"ecowas", extraWord}, {"aa", extraWord}, {"zzzz", termWord}, {"mali", extraWord}}
	for _, tt := range []struct {
		name   string
		sorted func(n int) int
	}{
		{"the list's order", func(n int) int { return n }},
		{"nothing in order", func(int) int { return 0 }},
		{"a sorted count too large", func(n int) int { return n + 100 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			es := append(slices.Clone(list), extra...)
			got := buildTrie(es, tt.sorted(len(list)))
			all := append(slices.Clone(list), extra...)
			slices.SortFunc(all, func(a, b entry) int { return strings.Compare(a.key, b.key) })
			want := buildTrie(all, len(all))
			if got.Nodes() != want.Nodes() {
				t.Fatalf("%d nodes, want %d", got.Nodes(), want.Nodes())
			}
			for _, e := range append(slices.Clone(list), extra...) {
				if g, w := got.lookup(e.key), want.lookup(e.key); g != w || g&e.flags != e.flags {
					t.Fatalf("%q: flags %08b, want %08b (including %08b)", e.key, g, w, e.flags)
				}
			}
		})
	}
}

// TestBuildTrieUnsortedPrefix: a prefix said to be in order that is not
// is sorted all the same, so that a key's entries meet and their flags
// are joined.
func TestBuildTrieUnsortedPrefix(t *testing.T) {
	es := []entry{{"b", termWord}, {"a", extraWord}, {"b", extraWord}}
	tr := buildTrie(es, 2)
	if got := tr.lookup("b"); got != termWord|extraWord {
		t.Errorf("b: flags %08b, want %08b", got, termWord|extraWord)
	}
	if got := tr.lookup("a"); got != extraWord {
		t.Errorf("a: flags %08b, want %08b", got, extraWord)
	}
}

// TestLoadEntriesWhole: the two halves read at once are the whole list,
// in order, as one walk of the FST reads it.
func TestLoadEntriesWhole(t *testing.T) {
	got, err := loadEntries(words, 10)
	if err != nil {
		t.Fatal(err)
	}
	fst, err := vellum.Load(words)
	if err != nil {
		t.Fatal(err)
	}
	want, err := readRange(fst, nil, nil, fst.Len())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != fst.Len() || len(want) != fst.Len() {
		t.Fatalf("%d entries read in two halves, %d in one walk; the FST has %d", len(got), len(want), fst.Len())
	}
	if !slices.Equal(got, want) {
		t.Fatal("the two halves differ from one walk")
	}
	if n, _ := slices.BinarySearchFunc(got, loadSplit, func(e entry, k string) int { return strings.Compare(e.key, k) }); n < len(got)/4 || n > len(got)*3/4 {
		t.Errorf("loadSplit %q divides %d entries at %d: not near the middle", loadSplit, len(got), n)
	}
}
