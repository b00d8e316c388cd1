package index

import (
	"hash/maphash"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
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
	m  map[string]*wordKeys
}

// stopNL is the Dutch stop list as the stemmed field's stop filter holds it.
var stopNL = sync.OnceValue(func() map[string]struct{} { return newStopFilter(nl.DutchStopWords).words })

// newWordCache returns the cache of the stemmed Dutch chain with d (nil:
// whole words only) and the lemma override table.
func newWordCache(d Decompounder, table map[string]string) *wordCache {
	stop := stopNL()
	c := &wordCache{seed: maphash.MakeSeed()}
	c.keys = func(w string) []string {
		if _, ok := stop[w]; ok {
			return nil
		}
		keys := []string{stemNL(table, w)}
		if d == nil || len(w) > MaxWordLen {
			return keys
		}
		// As decompoundFilter then dutchStemFilter: each part folded,
		// empty parts and the word itself left out, then stemmed.
		for _, p := range d.Split(w) {
			if p = Fold(p); p != "" && p != w {
				keys = append(keys, stemNL(table, p))
			}
		}
		return keys
	}
	return c
}

// get returns the keys of the word raw.
func (c *wordCache) get(raw []byte) *wordKeys {
	s := &c.shards[maphash.Bytes(c.seed, raw)%wordShards]
	s.mu.Lock()
	k, ok := s.m[string(raw)]
	s.mu.Unlock()
	if ok {
		return k
	}
	w := string(raw)
	if !isFoldedASCIIBytes(raw) {
		w = string(foldBytes(nil, raw))
	}
	k = &wordKeys{exact: w, keys: c.keys(w)}
	s.mu.Lock()
	if s.m == nil || len(s.m) >= wordCacheMax/wordShards {
		s.m = make(map[string]*wordKeys)
	}
	s.m[string(raw)] = k
	s.mu.Unlock()
	return k
}

// token is one emitted token: a term and where it stands.
type token struct {
	term       string
	start, end int
	pos        int
}

// freqScratch is the reusable working memory of one goroutine's analysis.
type freqScratch struct {
	nl, exact []token
	ids       map[string]int32
	counts    []int32
}

// analyse returns the token frequencies and length of text in the stemmed
// field and, with exact, in the exact field, as Analyze with ix.nl and
// ix.exact would leave them for a field with term vectors.
func (ix *Index) analyse(text []byte, exact bool, sc *freqScratch) (nlLen int, nlFreqs bindex.TokenFrequencies, exLen int, exFreqs bindex.TokenFrequencies) {
	sc.nl, sc.exact = sc.nl[:0], sc.exact[:0]
	seg := segment.NewWordSegmenterDirect(text)
	start, pos := 0, 1
	for seg.Segment() {
		b := seg.Bytes()
		end := start + len(b)
		if seg.Type() != segment.None {
			k := ix.words.get(b)
			if exact {
				sc.exact = append(sc.exact, token{k.exact, start, end, pos})
			}
			for _, key := range k.keys {
				sc.nl = append(sc.nl, token{key, start, end, pos})
			}
			pos++
		}
		start = end
	}
	nlFreqs = sc.frequencies(sc.nl)
	if exact {
		exFreqs = sc.frequencies(sc.exact)
	}
	return len(sc.nl), nlFreqs, len(sc.exact), exFreqs
}

// frequencies is bleve's analysis.TokenFrequency for tokens with term
// vectors: each term's locations in token order. It counts the terms
// first so that the locations take three allocations, not one per term.
func (sc *freqScratch) frequencies(ts []token) bindex.TokenFrequencies {
	if sc.ids == nil {
		sc.ids = make(map[string]int32)
	}
	clear(sc.ids)
	sc.counts = sc.counts[:0]
	for _, t := range ts {
		id, ok := sc.ids[t.term]
		if !ok {
			id = int32(len(sc.counts))
			sc.ids[t.term] = id
			sc.counts = append(sc.counts, 0)
		}
		sc.counts[id]++
	}
	tfs := make([]bindex.TokenFreq, len(sc.counts))
	locs := make([]bindex.TokenLocation, len(ts))
	ptrs := make([]*bindex.TokenLocation, len(ts))
	// counts becomes each term's next free place in ptrs.
	next := int32(0)
	for id, n := range sc.counts {
		sc.counts[id] = next
		tfs[id].Locations = ptrs[next : next : next+n]
		next += n
	}
	out := make(bindex.TokenFrequencies, len(tfs))
	for i, t := range ts {
		id := sc.ids[t.term]
		locs[i] = bindex.TokenLocation{Start: t.start, End: t.end, Position: t.pos}
		tf := &tfs[id]
		if len(tf.Locations) == 0 {
			tf.Term = []byte(t.term)
			out[t.term] = tf
		}
		tf.Locations = append(tf.Locations, &locs[i])
		tf.SetFrequency(len(tf.Locations))
	}
	return out
}

// preparedText is a text field whose analysis Prepare has done.
type preparedText struct {
	*document.TextField
	length int
	freqs  bindex.TokenFrequencies
}

func (f *preparedText) Analyze()                                          {}
func (f *preparedText) AnalyzedLength() int                               { return f.length }
func (f *preparedText) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }
func (f *preparedText) Size() int                                         { return f.TextField.Size() + f.freqs.Size() }

// prepareFields analyses d's fields for AddPrepared: the fields of the
// Dutch chains through ix.analyse, the text and exact fields of one text
// together, any other indexed field by its own Analyze.
func (ix *Index) prepareFields(d *document.Document, sc *freqScratch) {
	for j := 0; j < len(d.Fields); j++ {
		f := d.Fields[j]
		if !f.Options().IsIndexed() {
			continue
		}
		tf, ok := f.(*document.TextField)
		if !ok || tf.Analyzer() != ix.nl || !tf.Options().IncludeTermVectors() || len(tf.ArrayPositions()) > 0 {
			f.Analyze()
			d.Fields[j] = analysed{f}
			continue
		}
		var ex *document.TextField
		if j+1 < len(d.Fields) {
			if e, ok := d.Fields[j+1].(*document.TextField); ok && e.Analyzer() == ix.exact &&
				e.Options().IncludeTermVectors() && len(e.ArrayPositions()) == 0 && string(e.Value()) == string(tf.Value()) {
				ex = e
			}
		}
		nlLen, nlFreqs, exLen, exFreqs := ix.analyse(tf.Value(), ex != nil, sc)
		d.Fields[j] = &preparedText{TextField: tf, length: nlLen, freqs: nlFreqs}
		if ex != nil {
			j++
			d.Fields[j] = &preparedText{TextField: ex, length: exLen, freqs: exFreqs}
		}
	}
}
