package fuzzy

import (
	"cmp"
	"context"
	"slices"
	"sync"
)

// Index finds the texts close to a query among many (one side of a
// translation memory). It is safe for concurrent use: Match runs under a
// read lock, Put and Delete under the write lock.
type Index struct {
	key     KeyFunc
	readDiv int // readDivisor; benchmarks vary it

	mu    sync.RWMutex
	keyID map[string]int32 // inflection key → id
	fold  map[string]int32 // folded word → key id (saves stemming again)
	post  [][]int32        // key id → doc numbers, ascending
	docs  []doc
	lens  []uint16 // doc number → words (capped), read before the doc itself; 0 when dead
	byID  map[string]int32
	live  int
	pool  sync.Pool // *scratch
}

type doc struct {
	id, coll, text string
	keys           []int32 // key ids of the words and numbers, in order
	dead           bool
}

// Postings lists of at most len(docs)/readDivisor (or minReadDF) entries
// are read to count a candidate's shared keys; longer ones (the function
// words) are assumed shared. Reading lists is sequential and cheap, a
// candidate's check is not: on 1M segments 1/4 left 210 candidates a
// query (CPU p99 15 ms), 1/20 5,452 (p99 78 ms); docs/PERFORMANCE.md.
const (
	readDivisor = 4
	minReadDF   = 1000
)

// maxLen caps the word counts the length filter reads; a longer text
// passes it and is judged by its keys.
const maxLen = 1<<16 - 1

// numberKey is the key every number shares.
const numberKey = "#"

// New returns an empty index whose words are compared by key.
func New(key KeyFunc) *Index {
	return &Index{key: key, readDiv: readDivisor, keyID: map[string]int32{}, fold: map[string]int32{}, byID: map[string]int32{}}
}

// Len returns the number of texts indexed.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.live
}

// Entry is one text to index: ID is the caller's (returned in matches),
// Collection may restrict a Query.
type Entry struct {
	ID, Collection, Text string
}

// Put indexes entries, replacing those with the same ID.
func (x *Index) Put(es ...Entry) {
	prepared := make([][]Token, len(es))
	for i, e := range es {
		prepared[i] = Tokenize(e.Text, nil) // keys below, through the cache
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for i, e := range es {
		x.deleteLocked(e.ID)
		n := int32(len(x.docs))
		var keys []int32
		for _, t := range prepared[i] {
			if t.Kind == Punct {
				continue
			}
			k := x.keyOfLocked(&t)
			keys = append(keys, k)
			if p := x.post[k]; len(p) == 0 || p[len(p)-1] != n {
				x.post[k] = append(p, n)
			}
		}
		x.docs = append(x.docs, doc{id: e.ID, coll: e.Collection, text: e.Text, keys: slices.Clip(keys)})
		x.lens = append(x.lens, uint16(min(len(keys), maxLen)))
		x.byID[e.ID] = n
		x.live++
	}
}

// keyOfLocked returns the key id of a word or number token, adding it.
func (x *Index) keyOfLocked(t *Token) int32 {
	s := numberKey
	if t.Kind == Word {
		if id, ok := x.fold[t.Fold]; ok {
			return id
		}
		s = x.key(t.Fold)
	}
	id, ok := x.keyID[s]
	if !ok {
		id = int32(len(x.post))
		x.keyID[s] = id
		x.post = append(x.post, nil)
	}
	if t.Kind == Word {
		x.fold[t.Fold] = id
	}
	return id
}

// Delete removes the entry with this ID, if there is one.
func (x *Index) Delete(id string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.deleteLocked(id)
}

func (x *Index) deleteLocked(id string) {
	n, ok := x.byID[id]
	if !ok {
		return
	}
	// The postings keep the number; Match skips dead documents.
	x.docs[n].dead, x.docs[n].text, x.docs[n].keys = true, "", nil
	x.lens[n] = 0
	delete(x.byID, id)
	x.live--
}

// Query asks for the texts closest to Text.
type Query struct {
	Text       string
	Min        int    // the lowest match percentage returned; 0 means 70
	Limit      int    // the most matches returned; 0 means 5
	Collection string // only this collection's texts, when set
}

// Match is a text found: its ID and text, the percentage, and the tokens
// that differ in the query (QueryDiffs) and in the text (Diffs).
type Match struct {
	ID         string
	Collection string
	Text       string
	Score      int
	QueryDiffs []Diff
	Diffs      []Diff
}

// Stats counts the work of one Match, for tests and benchmarks.
type Stats struct {
	Postings   int // posting entries read
	Candidates int // documents whose shared keys were counted
	Verified   int // documents whose edit distance was computed
}

// DefaultMin and DefaultLimit are what a zero Query.Min and Query.Limit mean.
const (
	DefaultMin   = 70
	DefaultLimit = 5
)

type scratch struct {
	acc   []uint16 // doc number → query keys it shares, of those read
	count []int8   // key id → occurrences in the query
	used  []int8   // key id → occurrences matched in the current candidate
}

type cand struct {
	n     int32
	bound float64
	m     int
}

// Match returns the best matches of q, best first (ties by ID), each at
// least q.Min. The search is exact (package
// comment) and reads only the postings of the query's rarest keys.
func (x *Index) Match(ctx context.Context, q Query) ([]Match, Stats, error) {
	var st Stats
	if q.Min <= 0 {
		q.Min = DefaultMin
	}
	q.Min = min(q.Min, 100)
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	// The query's words get the index's key ids as their keys, so that
	// Score compares them as it compares two documents' words.
	qt := Tokenize(q.Text, x.key)
	x.mu.RLock()
	defer x.mu.RUnlock()
	// The query's keys: known ones by id, unknown ones by a negative id
	// (never in a document, but equal to each other within the query).
	var occ []int32
	unknown := map[string]int32{}
	for i := range qt {
		t := &qt[i]
		if t.Kind == Punct {
			continue
		}
		s := t.Key
		if t.Kind == Number {
			s = numberKey
		}
		id, ok := x.keyID[s]
		if !ok {
			if id, ok = unknown[s]; !ok {
				id = -int32(len(unknown)) - 1
				unknown[s] = id
			}
		}
		occ = append(occ, id)
		if id >= 0 {
			t.Key = keyString(id)
		} else {
			t.Key = "\x01" + s // no document's key
		}
	}
	n := len(occ)
	if n == 0 {
		return nil, st, nil
	}
	sc, _ := x.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer x.pool.Put(sc)
	if len(sc.count) < len(x.post) {
		sc.count = make([]int8, len(x.post)+len(x.post)/4)
		sc.used = make([]int8, len(sc.count))
	}
	for _, k := range occ {
		if k >= 0 && sc.count[k] < 127 {
			sc.count[k]++
		}
	}
	defer func() {
		for _, k := range occ {
			if k >= 0 {
				sc.count[k] = 0
			}
		}
	}()
	// t: the shared keys a text needs to reach q.Min (at n ≤ m; a
	// longer text needs more, which the bound below checks).
	t := (q.Min*n + 99) / 100
	t = max(t, 1)
	byDF := slices.Clone(occ)
	df := func(k int32) int {
		if k < 0 {
			return 0
		}
		return len(x.post[k])
	}
	slices.SortStableFunc(byDF, func(a, b int32) int { return cmp.Compare(df(a), df(b)) })
	// Every text that can reach t shares one of the n−t+1 rarest key
	// occurrences (the prefix): only their postings make candidates. The
	// postings of the other keys up to readDF documents add to the
	// candidates' counts; a more frequent key is assumed shared (r), so
	// that acc[d] + r bounds the keys d shares from above.
	inPrefix := map[int32]bool{}
	for _, k := range byDF[:n-t+1] {
		inPrefix[k] = true
	}
	readDF := max(len(x.docs)/x.readDiv, minReadDF)
	if len(sc.acc) < len(x.docs) {
		sc.acc = make([]uint16, len(x.docs)+len(x.docs)/4)
	}
	var touched []int32
	r := 0
	for i, k := range byDF {
		if k < 0 || slices.Contains(byDF[:i], k) {
			continue
		}
		c := uint16(sc.count[k])
		switch {
		case inPrefix[k]:
			for _, d := range x.post[k] {
				if sc.acc[d] == 0 {
					touched = append(touched, d)
				}
				sc.acc[d] += c
			}
		case len(x.post[k]) <= readDF:
			for _, d := range x.post[k] {
				if sc.acc[d] != 0 {
					sc.acc[d] += c
				}
			}
		default:
			r += int(c)
			continue
		}
		st.Postings += len(x.post[k])
	}
	var cands []cand
	for _, d := range touched {
		a := int(sc.acc[d])
		sc.acc[d] = 0
		if a+r < t {
			continue
		}
		// Length filter (s ≤ min(n, m) and s ≥ min × max(n, m)), before
		// the document is read.
		m := int(x.lens[d])
		if m == 0 || m < maxLen && (100*min(n, m) < q.Min*max(n, m) || 100*(a+r) < q.Min*max(n, m)) {
			continue
		}
		dd := &x.docs[d]
		if q.Collection != "" && dd.coll != q.Collection {
			continue
		}
		m = len(dd.keys)
		st.Candidates++
		s := 0
		for _, k := range dd.keys {
			if c := sc.count[k]; c > 0 {
				if sc.used[k] < c {
					s++
				}
				sc.used[k]++
			}
		}
		for _, k := range dd.keys {
			sc.used[k] = 0
		}
		bound := float64(s) / float64(max(n, m))
		if 100*bound+1e-9 < float64(q.Min) {
			continue
		}
		cands = append(cands, cand{n: d, bound: bound, m: m})
	}
	if err := ctx.Err(); err != nil {
		return nil, st, err
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if c := cmp.Compare(b.bound, a.bound); c != 0 {
			return c
		}
		return cmp.Compare(abs(a.m-n), abs(b.m-n))
	})
	var out []Match
	for _, c := range cands {
		if len(out) >= q.Limit && int(100*c.bound+1e-9) < out[len(out)-1].Score {
			break
		}
		st.Verified++
		dd := &x.docs[c.n]
		dt := x.tokensOf(dd)
		pct, qd, td := Score(qt, dt)
		if pct < q.Min {
			continue
		}
		out = insertMatch(out, Match{ID: dd.id, Collection: dd.coll, Text: dd.text, Score: pct, QueryDiffs: qd, Diffs: td}, q.Limit)
	}
	return out, st, nil
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// insertMatch keeps out sorted (score, then ID) and at most limit long.
func insertMatch(out []Match, m Match, limit int) []Match {
	i, _ := slices.BinarySearchFunc(out, m, func(a, b Match) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	out = slices.Insert(out, i, m)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// tokensOf tokenizes a stored text, taking the keys from the index rather
// than stemming again.
func (x *Index) tokensOf(d *doc) []Token {
	ts := Tokenize(d.text, nil)
	k := 0
	for i := range ts {
		if ts[i].Kind == Punct {
			continue
		}
		if k < len(d.keys) {
			ts[i].Key = keyString(d.keys[k])
		}
		k++
	}
	return ts
}

// keyString makes a key id comparable with a query token's key: the
// query's tokens carry key strings, so ids are written as strings that
// no real key can be.
func keyString(id int32) string {
	var b [12]byte
	i := len(b)
	u := uint32(id)
	for {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	i--
	b[i] = 0
	return string(b[i:])
}
