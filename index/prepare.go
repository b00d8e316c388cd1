package index

import (
	"bytes"
	"hash/maphash"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/segment"
)

// Prepare's analysis computes what the analyzers of the stemmed and exact
// fields produce (same terms, positions, offsets and field lengths), but
// in one pass over the text and with the work per distinct word done
// once: Dutch text repeats its words (4.6 million words, 61 thousand
// distinct, in the 1,423 BWB circulars), and folding, the stop list,
// splitting compounds and stemming depend on the word alone. The chains
// in analysis.go stay the definition; TestPreparedFieldsAsAnalyzers
// compares the two token by token.

// wordKeys is what the index holds for one word as the tokenizer cut it.
type wordKeys struct {
	exact string   // the exact field's term: the folded word
	keys  []string // the stemmed field's terms: the word's key, then its parts' keys; none for a stop word
}

// wordCache maps a word as the tokenizer cut it to its keys, for the
// Dutch chain with one Decompounder. It is safe for concurrent use; it
// holds at most wordCacheMax words (a shard that fills is emptied), a
// few MiB.
type wordCache struct {
	seed   maphash.Seed
	shards [wordShards]wordShard
	keys   func(folded string) []string // the stemmed field's terms of a folded word
}

const (
	wordShards   = 64
	wordCacheMax = 1 << 17
)

type wordShard struct {
	mu sync.Mutex
	m  map[string]wordKeys
}

// stopNL is the Dutch stop list as the stemmed field's stop filter holds it.

// newWordCache returns the cache of the stemmed Dutch chain with d (nil:
// whole words only) and the lemma override table.
func newWordCache(d Decompounder, table map[string]string) *wordCache {
	stop := stopNL()
	c := &wordCache{seed: maphash.MakeSeed()}
	c.keys = func(w string) []string {
		if _, ok := stop[w]; ok {
			return nil
		}
		key := stemNL(table, w)
		if key == w {
			key = w // one string for both: the cache holds many words
		}
		keys := []string{key}
		if d == nil || len(w) > MaxWordLen {
			return keys
		}
		// As decompoundFilter then dutchStemFilter: each part folded,
		// empty parts and the word itself left out, then stemmed.
		for _, p := range indexParts(d, w) {
			if p = Fold(p); p != "" && p != w {
				keys = append(keys, stemNL(table, p))
			}
		}
		return keys
	}
	return c
}

// get returns the keys of the word raw.
func (c *wordCache) get(raw []byte) wordKeys {
	s := &c.shards[maphash.Bytes(c.seed, raw)%wordShards]
	s.mu.Lock()
	k, ok := s.m[string(raw)]
	s.mu.Unlock()
	if ok {
		return k
	}
	key := string(raw)
	w := key // most words are folded already: one string for both
	if !isFoldedASCIIBytes(raw) {
		w = string(foldBytes(nil, raw))
	}
	k = wordKeys{exact: w, keys: c.keys(w)}
	s.mu.Lock()
	if s.m == nil || len(s.m) >= wordCacheMax/wordShards {
		s.m = make(map[string]wordKeys)
	}
	s.m[key] = k
	s.mu.Unlock()
	return k
}

// token is one term emitted at location w of the field's locations: the
// word at position w (from 1), or beyond the words a location of its own
// (impliedKeys).
type token struct {
	term string
	w    int32
}

// freqScratch is the reusable working memory of one goroutine's analysis.
type freqScratch struct {
	offsets   [][2]int // each word's start and end, in position order
	folded    []string // each word folded (its exact form), in position order
	nl, exact []token
	implied   []bindex.TokenLocation // impliedKeys' locations, after the words'
	ids       map[string]int32
	counts    []int32
	last      map[string]*lastField // by field name
}

// analyse returns the token frequencies and length of text in the stemmed
// field and, with exact, in the exact field, as Analyze with ix.nl and
// ix.exactDoc would leave them for a field with term vectors (indexText's:
// the split verbs' tokens not counted in the lengths). The two fields
// share their locations: a word's key, its parts' keys and its exact form
// stand at the same offsets and position, and bleve only reads locations
// (it would write one only to merge a field into another of the same
// name or into a composite field, which these documents do not have).
func (ix *Index) analyse(text []byte, exact bool, sc *freqScratch) (nlLen int, nlFreqs bindex.TokenFrequencies, exLen int, exFreqs bindex.TokenFrequencies) {
	sc.offsets, sc.folded, sc.nl, sc.exact = sc.offsets[:0], sc.folded[:0], sc.nl[:0], sc.exact[:0]
	seg := segment.NewWordSegmenterDirect(text)
	names := nameScan{text: text}
	word := func(b []byte, start, end int) {
		k := ix.words.get(b)
		sc.offsets = append(sc.offsets, [2]int{start, end})
		sc.folded = append(sc.folded, k.exact)
		w := int32(len(sc.offsets)) // the position: every word counts, stop words too
		if exact {
			sc.exact = append(sc.exact, token{k.exact, w})
		}
		keys := k.keys
		if ix.decompounder != nil && names.word(b, start, end) && len(keys) > 1 {
			keys = keys[:1] // a name is not split: the word's own key only
		}
		for _, key := range keys {
			sc.nl = append(sc.nl, token{key, w})
		}
	}
	start := 0
	for seg.Segment() {
		b := seg.Bytes()
		end := start + len(b)
		if seg.Type() != segment.None {
			// Words a full stop joins are cut as gluedTokenizer cuts them.
			from := 0
			for _, c := range gluedCuts(b) {
				word(b[from:c], start+from, start+c)
				from = c + 1
			}
			word(b[from:], start+from, end)
		}
		start = end
	}
	verbTokens := 0
	if ix.listed != nil {
		// As dutchAnalyzer.Analyze: each split verb's key at its
		// particle's location, before the implied compounds' keys; in
		// the exact field its infinitive.
		verbs := splitVerbs(text, sc.offsets, ix.listed, sc.folded)
		verbTokens = len(verbs) // not counted in the lengths (indexText)
		for _, v := range verbs {
			sc.nl = append(sc.nl, token{Key("nl", v.verb), int32(v.particle + 1)})
			if exact {
				sc.exact = append(sc.exact, token{v.verb, int32(v.particle + 1)}) // as exactDocAnalyzer
			}
		}
	}
	sc.implied = sc.implied[:0]
	if ix.decompounder != nil && bytes.IndexByte(text, '-') >= 0 {
		ix.impliedKeys(text, sc)
	}
	// One location per word that a field refers to, by position (0 is
	// unused), then those of implied compounds.
	locs := make([]bindex.TokenLocation, len(sc.offsets)+1+len(sc.implied))
	for i, o := range sc.offsets {
		locs[i+1] = bindex.TokenLocation{Start: o[0], End: o[1], Position: i + 1}
	}
	copy(locs[len(sc.offsets)+1:], sc.implied)
	nlFreqs = sc.frequencies(sc.nl, locs)
	if exact {
		exFreqs = sc.frequencies(sc.exact, locs)
		exLen = len(sc.exact) - verbTokens
	}
	return len(sc.nl) - verbTokens, nlFreqs, exLen, exFreqs
}

// impliedKeys adds to sc.nl the keys of the compounds text implies
// through suspended compounds, as dutchAnalyzer.Analyze adds them: each
// word of the compound at the anchor's position, with the implied
// compound's offsets (a location of its own, appended to sc.implied: the
// location after the words' and those before it); a term the text has
// at that position already is not repeated.
func (ix *Index) impliedKeys(text []byte, sc *freqScratch) {
	words := int32(len(sc.offsets))
	position := func(w int32) int { // of the location w refers to
		if w <= words {
			return int(w)
		}
		return sc.implied[w-words-1].Position
	}
	for _, imp := range impliedWords(string(text), ix.decompounder.Split) {
		i, found := slices.BinarySearchFunc(sc.offsets, imp.anchor, func(o [2]int, off int) int { return o[0] - off })
		if !found {
			continue
		}
		pos := i + 1 + imp.delta
		loc := int32(-1)
		seg := segment.NewWordSegmenterDirect([]byte(imp.Word))
		for seg.Segment() {
			if seg.Type() == segment.None {
				continue
			}
			keys := ix.words.get(seg.Bytes()).keys
			if imp.whole && len(keys) > 1 {
				keys = keys[:1] // the word's own key (hyphenJoins)
			}
			done := imp.whole && len(keys) > 0 // its first key only, as the analyzer takes it
			for _, key := range keys {
				if slices.ContainsFunc(sc.nl, func(t token) bool { return position(t.w) == pos && t.term == key }) {
					continue
				}
				if loc < 0 {
					sc.implied = append(sc.implied, bindex.TokenLocation{Start: imp.Start, End: imp.End, Position: pos})
					loc = words + int32(len(sc.implied))
				}
				sc.nl = append(sc.nl, token{key, loc})
			}
			if done {
				break
			}
		}
	}
}

// frequencies is bleve's analysis.TokenFrequency for tokens with term
// vectors: each term's locations in token order. It counts the terms
// first, so that the terms, their locations and their bytes take one
// allocation each, not one per term.
func (sc *freqScratch) frequencies(ts []token, locs []bindex.TokenLocation) bindex.TokenFrequencies {
	if sc.ids == nil || len(sc.ids) > 4096 {
		sc.ids = make(map[string]int32) // clearing a map costs its largest size
	}
	clear(sc.ids)
	sc.counts = sc.counts[:0]
	size := 0
	for _, t := range ts {
		id, ok := sc.ids[t.term]
		if !ok {
			id = int32(len(sc.counts))
			sc.ids[t.term] = id
			sc.counts = append(sc.counts, 0)
			size += len(t.term)
		}
		sc.counts[id]++
	}
	tfs := make([]bindex.TokenFreq, len(sc.counts))
	ptrs := make([]*bindex.TokenLocation, len(ts))
	bytes := make([]byte, 0, size)
	next := int32(0)
	for id, n := range sc.counts {
		tfs[id].Locations = ptrs[next : next : next+n]
		next += n
	}
	out := make(bindex.TokenFrequencies, len(tfs))
	for _, t := range ts {
		tf := &tfs[sc.ids[t.term]]
		if len(tf.Locations) == 0 {
			n := len(bytes)
			bytes = append(bytes, t.term...)
			tf.Term = bytes[n:len(bytes):len(bytes)]
			out[t.term] = tf
		}
		tf.Locations = append(tf.Locations, &locs[t.w])
		tf.SetFrequency(len(tf.Locations))
	}
	return out
}

// preparedText is a text field whose analysis Prepare has done.
type preparedText struct {
	*document.TextField
	length int
	freqs  bindex.TokenFrequencies
	size   int // Size, once sizeFields has computed it
}

func (f *preparedText) Analyze()                                          {}
func (f *preparedText) AnalyzedLength() int                               { return f.length }
func (f *preparedText) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

func (f *preparedText) Size() int {
	if f.size > 0 {
		return f.size
	}
	return f.TextField.Size() + f.freqs.Size()
}

// prepareFields analyses d's fields for AddPrepared: the fields of the
// Dutch chains through ix.analyse, the text and exact fields of one text
// together, any other indexed field by its own Analyze. A field whose
// value is the last one analysed under its name (the heading, document
// and section of consecutive passages) shares that analysis: bleve only
// reads it.
func (ix *Index) prepareFields(d *document.Document, sc *freqScratch) {
	for j := 0; j < len(d.Fields); j++ {
		f := d.Fields[j]
		if !f.Options().IsIndexed() {
			continue
		}
		tf, ok := textOf(f)
		if !ok || len(tf.ArrayPositions()) > 0 {
			f.Analyze()
			d.Fields[j] = analysed{f}
			continue
		}
		var ex *document.TextField
		if j+1 < len(d.Fields) && tf.Analyzer() == ix.nl && tf.Options().IncludeTermVectors() {
			// Storing is no part of the analysis: the text field is
			// stored, the exact field not.
			if e, ok := textOf(d.Fields[j+1]); ok && e.Analyzer() == ix.exactDoc &&
				e.Options()&^bindex.StoreField == tf.Options()&^bindex.StoreField &&
				len(e.ArrayPositions()) == 0 && string(e.Value()) == string(tf.Value()) &&
				labelOf(d.Fields[j+1]) == labelOf(f) {
				ex = e
			}
		}
		if ex != nil {
			nlLen, nlFreqs, exLen, exFreqs := ix.analyse(analysedOf(f), true, sc)
			d.Fields[j] = &preparedText{TextField: tf, length: nlLen, freqs: nlFreqs}
			j++
			d.Fields[j] = &preparedText{TextField: ex, length: exLen, freqs: exFreqs}
			continue
		}
		last := sc.last[tf.Name()]
		v := analysedOf(f)
		if last == nil || last.analyzer != tf.Analyzer() || last.options != tf.Options() || string(last.value) != string(v) {
			last = &lastField{analyzer: tf.Analyzer(), options: tf.Options(), value: v}
			if tf.Analyzer() == ix.nl && tf.Options().IncludeTermVectors() {
				last.length, last.freqs, _, _ = ix.analyse(v, false, sc)
			} else {
				f.Analyze() // an indexText's own, which leaves split verbs out of the length
				last.length, last.freqs = f.AnalyzedLength(), f.AnalyzedTokenFrequencies()
			}
			if sc.last == nil {
				sc.last = make(map[string]*lastField)
			}
			sc.last[tf.Name()] = last
		}
		d.Fields[j] = &preparedText{TextField: tf, length: last.length, freqs: last.freqs}
	}
}

// textOf returns the bleve text field f is or wraps (indexText).
func textOf(f document.Field) (*document.TextField, bool) {
	switch f := f.(type) {
	case *document.TextField:
		return f, true
	case *indexText:
		return f.TextField, true
	}
	return nil, false
}

// labelOf returns the length of the label f leaves out of its analysis
// (indexText), or 0.
func labelOf(f document.Field) int {
	if t, ok := f.(*indexText); ok {
		return t.label
	}
	return 0
}

// analysedOf returns the bytes of text field f that its analysis reads:
// its value, the label blanked (indexText.analysed).
func analysedOf(f document.Field) []byte {
	if t, ok := f.(*indexText); ok && t.label > 0 {
		return t.analysed()
	}
	tf, _ := textOf(f)
	return tf.Value()
}

// lastField is the analysis of the last value of a field.
type lastField struct {
	analyzer analysis.Analyzer
	options  bindex.FieldIndexingOptions
	value    []byte
	length   int
	freqs    bindex.TokenFrequencies
}
