package index

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// CompoundKey is a key of the stemmed field that joins a modifier and a
// head as a Dutch compound does (Compounds).
type CompoundKey struct {
	Key, Modifier, Head string
}

// Compounds returns the keys of the stemmed field that are a Dutch
// compound of one of modifiers and one of heads: the modifier's key, at
// most maxLink letters (what the stemmer took off the modifier's own
// form, a linking s, e, en or er: verblijf·s·vergunn,
// ontwikkel·ings·samenwerk, kat·ten·urin), then the head's key, as the
// analysis keeps a compound's own key beside its parts'. So a caller
// translating "residence permit" finds verblijfsvergunn without a list of
// compounds. Each key comes once, with
// the first modifier and head (in the order given) that make it; keys
// under 3 letters are no part. Each segment's dictionary is walked with
// an automaton of that shape, so only keys that begin with a modifier and
// can still end in a head are read. With a result cache the answer is kept
// for the snapshot it was read on, like a search's (a repeated English
// query costs no walk); the caller must not change it.
func (ix *Index) Compounds(ctx context.Context, modifiers, heads []string, maxLink int) ([]CompoundKey, error) {
	var mods, hs []string
	for _, m := range modifiers {
		// The stemmer undoubles the vowel of a final syllable (raad →
		// rad, temperatuur → temperatur), which inside a compound stays
		// as written (raadsvergadering): both forms begin a compound.
		for _, v := range []string{m, redoubled(m)} {
			if len(v) >= 3 && !slices.Contains(mods, v) {
				mods = append(mods, v)
			}
		}
	}
	for _, h := range heads {
		if len(h) >= 3 && !slices.Contains(hs, h) {
			hs = append(hs, h)
		}
	}
	if len(mods) == 0 || len(hs) == 0 {
		return nil, nil
	}
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("index: compounds: not a scorch index")
	}
	var ckey string
	if ix.cache != nil {
		// The parts Compounds names depend on the order given.
		ckey = fmt.Sprintf("\x00compounds\x00%d\x00%s\x00%s", maxLink, strings.Join(modifiers, "\x01"), strings.Join(hs, "\x01"))
		if cks, ok := ix.cache.compounds(snap, ckey); ok {
			return cks, nil
		}
	}
	a := newCompoundAutomaton(mods, hs, maxLink)
	var out []CompoundKey
	seen := map[string]bool{}
	for _, seg := range snap.Segments() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := seg.Segment().Dictionary(fieldText)
		if err != nil {
			return nil, fmt.Errorf("index: compounds: %w", err)
		}
		it := d.AutomatonIterator(a, nil, nil)
		for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
			if err != nil {
				return nil, fmt.Errorf("index: compounds: %w", err)
			}
			if seen[e.Term] {
				continue
			}
			if m, h, ok := CompoundParts(e.Term, modifiers, hs, maxLink); ok {
				seen[e.Term] = true
				out = append(out, CompoundKey{Key: e.Term, Modifier: m, Head: h})
			}
		}
	}
	if ckey != "" && ix.root() == snap {
		ix.cache.putCompounds(snap, ckey, out)
	}
	return out, nil
}

// CompoundParts returns the first modifier (as given, or with its vowel
// redoubled) and head that make key with at most maxLink letters between,
// as Compounds finds them: a caller that asked for the keys of several
// word pairs at once tells them apart with it.
func CompoundParts(key string, modifiers, heads []string, maxLink int) (modifier, head string, ok bool) {
	for _, m := range modifiers {
		for _, v := range []string{m, redoubled(m)} {
			if len(v) < 3 || !strings.HasPrefix(key, v) {
				continue
			}
			rest := key[len(v):]
			for _, h := range heads {
				if !strings.HasSuffix(rest, h) {
					continue
				}
				if link := rest[:len(rest)-len(h)]; len(h) >= 3 && len(link) <= maxLink && isLink(link) {
					return m, h, true
				}
			}
		}
	}
	return "", "", false
}

// isLink reports whether s is letters only.
func isLink(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// redoubled returns a key whose last syllable the Dutch stemmer may have
// undoubled (a consonant, one of a, e, o, u, then a consonant at the end)
// with that vowel doubled again, or "" when it ends otherwise.
func redoubled(key string) string {
	n := len(key)
	if n < 3 || keyVowel(key[n-1]) || !strings.ContainsRune("aeou", rune(key[n-2])) || keyVowel(key[n-3]) {
		return ""
	}
	return key[:n-1] + key[n-2:n-1] + key[n-1:]
}

func keyVowel(b byte) bool { return strings.IndexByte("aeiouy", b) >= 0 }

// compoundAutomaton accepts the keys modifier · at most maxLink letters ·
// head. It is the subset construction of a small nondeterministic
// automaton (in the modifiers' trie; after a modifier, k link letters
// read; in the heads' trie), built lazily: only the states the dictionary
// walk reaches are made. A state is a set of those positions; the empty
// set is the dead state, and every other can still match.
type compoundAutomaton struct {
	mods, heads *byteTrie
	maxLink     int
	sets        [][]int32        // the states' position sets
	ids         map[string]int   // a set's bytes → its state
	next        map[uint32]int32 // state<<8 | byte → state
	match       []bool
}

// Positions: a node of the modifiers' trie (0 … m-1), k link letters read
// (m + k), a node of the heads' trie (m + maxLink + 1 + node).
func newCompoundAutomaton(mods, heads []string, maxLink int) *compoundAutomaton {
	a := &compoundAutomaton{mods: newByteTrie(mods), heads: newByteTrie(heads), maxLink: maxLink, ids: map[string]int{}, next: map[uint32]int32{}}
	a.state(nil)                   // 0: dead
	a.state(a.closure([]int32{0})) // 1: start, the modifiers' root
	return a
}

func (a *compoundAutomaton) linkPos(k int) int32 { return int32(len(a.mods.terminal) + k) }
func (a *compoundAutomaton) headPos(n int32) int32 {
	return int32(len(a.mods.terminal)+a.maxLink+1) + n
}

// closure adds the positions reached without reading: a whole modifier
// may be followed by the link, and any link by a head.
func (a *compoundAutomaton) closure(set []int32) []int32 {
	m := int32(len(a.mods.terminal))
	for i := 0; i < len(set); i++ {
		p := set[i]
		switch {
		case p < m && a.mods.terminal[p]:
			set = appendPos(set, a.linkPos(0))
		case p >= m && p < a.headPos(0):
			set = appendPos(set, a.headPos(0))
		}
	}
	slices.Sort(set)
	return set
}

func appendPos(set []int32, p int32) []int32 {
	if slices.Contains(set, p) {
		return set
	}
	return append(set, p)
}

// state returns the state of a position set, making it if new.
func (a *compoundAutomaton) state(set []int32) int {
	b := make([]byte, 0, 4*len(set))
	for _, p := range set {
		b = append(b, byte(p>>24), byte(p>>16), byte(p>>8), byte(p))
	}
	if id, ok := a.ids[string(b)]; ok {
		return id
	}
	id := len(a.sets)
	a.ids[string(b)] = id
	a.sets = append(a.sets, set)
	match := false
	for _, p := range set {
		if h := p - a.headPos(0); h >= 0 && a.heads.terminal[h] {
			match = true
		}
	}
	a.match = append(a.match, match)
	return id
}

func (a *compoundAutomaton) Start() int                 { return 1 }
func (a *compoundAutomaton) IsMatch(s int) bool         { return a.match[s] }
func (a *compoundAutomaton) CanMatch(s int) bool        { return s != 0 }
func (a *compoundAutomaton) WillAlwaysMatch(s int) bool { return false }

func (a *compoundAutomaton) Accept(s int, c byte) int {
	if s == 0 {
		return 0
	}
	k := uint32(s)<<8 | uint32(c)
	if n, ok := a.next[k]; ok {
		return int(n)
	}
	m := int32(len(a.mods.terminal))
	var set []int32
	for _, p := range a.sets[s] {
		switch {
		case p < m:
			if n := a.mods.child(p, c); n >= 0 {
				set = appendPos(set, n)
			}
		case p < a.linkPos(a.maxLink):
			if 'a' <= c && c <= 'z' {
				set = appendPos(set, p+1)
			}
		case p < a.headPos(0):
			// maxLink letters read: only a head may follow.
		case p >= a.headPos(0):
			if n := a.heads.child(p-a.headPos(0), c); n >= 0 {
				set = appendPos(set, a.headPos(n))
			}
		}
	}
	n := a.state(a.closure(set))
	a.next[k] = int32(n)
	return n
}

// byteTrie is a trie of byte strings: node 0 is the root.
type byteTrie struct {
	edges    map[uint32]int32 // node<<8 | byte → child
	terminal []bool           // a string ends at the node
}

func newByteTrie(ss []string) *byteTrie {
	t := &byteTrie{edges: map[uint32]int32{}, terminal: []bool{false}}
	for _, s := range ss {
		var n int32
		for i := 0; i < len(s); i++ {
			k := uint32(n)<<8 | uint32(s[i])
			c, ok := t.edges[k]
			if !ok {
				c = int32(len(t.terminal))
				t.edges[k] = c
				t.terminal = append(t.terminal, false)
			}
			n = c
		}
		t.terminal[n] = true
	}
	return t
}

// child returns the node below n by c, or -1.
func (t *byteTrie) child(n int32, c byte) int32 {
	if ch, ok := t.edges[uint32(n)<<8|uint32(c)]; ok {
		return ch
	}
	return -1
}
