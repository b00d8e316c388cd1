package lexicon

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Translation is one translation of a word: its probability given the
// word, and how often the training data linked the two (expected counts,
// rounded).
type Translation struct {
	Word  string  `json:"word"`
	P     float64 `json:"p"`
	Count int     `json:"count"`
	// Modifier is how much of Count (expected, rounded) comes from Dutch
	// keys that were a compound's modifier (Pair.NLModifier), not a word
	// of their own: nuclear → kern, learnt from kernwapens and kernenergie,
	// has nearly all of its count from modifiers. 0 for pairs without
	// modifier marks.
	Modifier int `json:"modifier,omitempty"`
}

// ModifierOnly reports whether the translation was learnt (nearly) only
// from compounds' modifiers: at least MinModifier of its links and
// ModifierShare of them were modifiers, and fewer than MaxFree the Dutch
// word on its own (two links, one a modifier, say nothing: elderly →
// ouder). Such a sense means the English word as the first part of a
// compound (kernwapen) and says nothing of the Dutch word alone (kern is
// core): a search should look for it in compounds only.
func (t Translation) ModifierOnly() bool {
	return t.Modifier >= MinModifier && float64(t.Modifier) >= ModifierShare*float64(t.Count) && t.Count-t.Modifier < MaxFree
}

// MinModifier, ModifierShare and MaxFree are ModifierOnly's thresholds.
const (
	MinModifier   = 5
	ModifierShare = 0.5
	MaxFree       = 3
)

// Lexicon holds translations in both directions. It is read-only after
// Train or Read and safe for concurrent use.
type Lexicon struct {
	// Analysis names the analysis the keys come from.
	Analysis string
	// Segments is the number of segment pairs it was trained on.
	Segments int
	tables   map[string]map[string][]Translation // from language → word → translations, best first
	freq     map[string]map[string]int           // from language → word → occurrences in training
	totals   map[string]int                      // from language → the sum of freq
	inverse  sync.Once
	sources  map[string]map[string][]Translation // to language → word → the words translated into it (Inverse)
	cognates sync.Once
	rules    map[string][]cognateRule       // English ending → its rewrites, most seen first (Cognates)
	forms    map[string]map[string][]string // from language → word → its written forms, commonest first (Forms)
}

// Forms returns the forms word (a key of language from with
// translations) was written in in the training text, lower case,
// commonest first: a key is no word (requir is the key of require,
// required, requires), and what is shown to a user must be one. Nil when
// the lexicon does not know them (trained without AddForms, or read
// from a file written before forms were kept).
func (l *Lexicon) Forms(from, word string) []string {
	if l == nil {
		return nil
	}
	return l.forms[from][word]
}

// AddForms records the written forms of the words of language from:
// counts maps a key to each form's occurrences. Only the words with
// translations keep theirs (the others are never shown), at most
// maxForms each. It is called once, after training and before l is
// shared.
func (l *Lexicon) AddForms(from string, counts map[string]map[string]int) {
	if l.forms == nil {
		l.forms = map[string]map[string][]string{}
	}
	m := map[string][]string{}
	for w := range l.tables[from] {
		c := counts[w]
		if len(c) == 0 {
			continue
		}
		fs := make([]string, 0, len(c))
		for f := range c {
			fs = append(fs, f)
		}
		sort.Slice(fs, func(i, j int) bool {
			if c[fs[i]] != c[fs[j]] {
				return c[fs[i]] > c[fs[j]]
			}
			return fs[i] < fs[j]
		})
		if len(fs) > maxForms {
			fs = fs[:maxForms]
		}
		m[w] = fs
	}
	l.forms[from] = m
}

// maxForms is the number of written forms kept per word: an English key
// stands for a handful (require, required, requires, requiring), and the
// lexicon ships in the binary.
const maxForms = 4

// Inverse returns the words of the other language whose translations
// include word (a key of language to), each with the probability of word
// given it, best first: the column of the table from the other language,
// where Lookup gives a row. English search takes from it the Dutch words
// that nearly always mean an English word, which that word's own row may
// rank low (residence: inwoner first, verblijf fifth; but verblijf means
// residence more often than anything else).
func (l *Lexicon) Inverse(to, word string) []Translation {
	if l == nil {
		return nil
	}
	l.inverse.Do(func() {
		l.sources = map[string]map[string][]Translation{"en": {}, "nl": {}}
		for from, m := range l.tables {
			to := "en"
			if from == "en" {
				to = "nl"
			}
			for w, ts := range m {
				for _, t := range ts {
					l.sources[to][t.Word] = append(l.sources[to][t.Word], Translation{Word: w, P: t.P, Count: t.Count, Modifier: t.Modifier})
				}
			}
		}
		for _, m := range l.sources {
			for _, ts := range m {
				sortTranslations(ts)
			}
		}
	})
	return l.sources[to][word]
}

// Total returns the sum of Freq over the words of language from: what a
// word's count is a share of.
func (l *Lexicon) Total(from string) int {
	if l == nil {
		return 0
	}
	return l.totals[from]
}

// sumFreq fills totals from freq, once freq is complete.
func (l *Lexicon) sumFreq() {
	l.totals = map[string]int{}
	for lang, m := range l.freq {
		for _, n := range m {
			l.totals[lang] += n
		}
	}
}

// Lookup returns the translations of word (a key of language from, "nl"
// or "en") into the other language, best first; nil for an unknown word.
func (l *Lexicon) Lookup(from, word string) []Translation {
	if l == nil {
		return nil
	}
	return l.tables[from][word]
}

// Freq returns how often word (a key of language from) occurred in the
// training segments.
func (l *Lexicon) Freq(from, word string) int {
	if l == nil {
		return 0
	}
	return l.freq[from][word]
}

// Size returns the number of words with translations from language from.
func (l *Lexicon) Size(from string) int {
	if l == nil {
		return 0
	}
	return len(l.tables[from])
}

// Words returns the words of language from (keys) with translations that
// occurred at least minFreq times in training, sorted: the vocabulary a
// misspelt word can be corrected against.
func (l *Lexicon) Words(from string, minFreq int) []string {
	if l == nil {
		return nil
	}
	out := make([]string, 0, len(l.tables[from]))
	for w := range l.tables[from] {
		if l.freq[from][w] >= minFreq {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// Pair is one aligned segment pair, as keys.
type Pair struct {
	NL, EN []string
	// NLModifier, when not nil, is as long as NL and marks the Dutch keys
	// that are a compound's modifier filed beside the compound (kern of
	// kernwapens), not a word written on its own.
	NLModifier []bool
}

// Options tune training. The zero value uses the defaults.
type Options struct {
	Iterations int     // EM iterations; default 5
	MinP       float64 // translations below this probability are pruned; default 0.01
	MaxAlts    int     // at most this many translations per word; default 10
	MinCount   float64 // translations linked fewer times (expected) are pruned; default 1
	// Diagonal is fast_align's tension: how strongly a word prefers
	// partners at the same relative position; 0 means 4, negative turns it
	// off (plain IBM Model 1).
	Diagonal float64
	// Null is the probability that a word has no partner; default 0.08.
	Null float64
}

func (o Options) withDefaults() Options {
	if o.Iterations <= 0 {
		o.Iterations = 5
	}
	if o.MinP <= 0 {
		o.MinP = 0.01
	}
	if o.MaxAlts <= 0 {
		o.MaxAlts = 10
	}
	if o.MinCount <= 0 {
		o.MinCount = 1
	}
	if o.Diagonal == 0 {
		o.Diagonal = 4
	}
	if o.Null <= 0 {
		o.Null = 0.08
	}
	return o
}

// Train learns both directions from pairs. analysis names the keys'
// analysis (stored with the lexicon). It returns nil for pairs
// TrainContext refuses (modifier marks not as many as the Dutch keys).
func Train(pairs []Pair, analysis string, opt Options) *Lexicon {
	l, _ := TrainContext(context.Background(), pairs, analysis, opt)
	return l
}

// TrainContext is Train that gives up when ctx is done, with ctx's error:
// training a large translation memory takes a while.
func TrainContext(ctx context.Context, pairs []Pair, analysis string, opt Options) (*Lexicon, error) {
	opt = opt.withDefaults()
	l := &Lexicon{Analysis: analysis, tables: map[string]map[string][]Translation{}, freq: map[string]map[string]int{}}
	nl, en := newVocab(), newVocab()
	var cn, ce [][]int32
	var mods [][]bool // the Dutch side's modifiers, per segment; nil when no pair has them
	for _, p := range pairs {
		if len(p.NL) == 0 || len(p.EN) == 0 {
			continue
		}
		if p.NLModifier != nil && len(p.NLModifier) != len(p.NL) {
			return nil, fmt.Errorf("lexicon: train: a pair has %d Dutch keys and %d modifier marks", len(p.NL), len(p.NLModifier))
		}
		if p.NLModifier != nil && mods == nil {
			mods = make([][]bool, len(cn))
		}
		if mods != nil {
			mods = append(mods, p.NLModifier)
		}
		cn = append(cn, nl.ids(p.NL))
		ce = append(ce, en.ids(p.EN))
	}
	l.Segments = len(cn)
	l.freq["nl"], l.freq["en"] = nl.counts(), en.counts()
	l.sumFreq()
	// p(nl|en): each Dutch word is explained by an English one; p(en|nl)
	// the other way round.
	var err error
	if l.tables["en"], err = train(ctx, ce, cn, en, nl, nil, mods, opt); err != nil {
		return nil, err
	}
	if l.tables["nl"], err = train(ctx, cn, ce, nl, en, mods, nil, opt); err != nil {
		return nil, err
	}
	return l, nil
}

// vocab numbers words.
type vocab struct {
	id    map[string]int32
	words []string
	count []int
}

func newVocab() *vocab { return &vocab{id: map[string]int32{}} }

func (v *vocab) ids(ws []string) []int32 {
	out := make([]int32, len(ws))
	for i, w := range ws {
		id, ok := v.id[w]
		if !ok {
			id = int32(len(v.words))
			v.id[w] = id
			v.words = append(v.words, w)
			v.count = append(v.count, 0)
		}
		v.count[id]++
		out[i] = id
	}
	return out
}

func (v *vocab) counts() map[string]int {
	m := make(map[string]int, len(v.words))
	for i, w := range v.words {
		m[w] = v.count[i]
	}
	return m
}

// train runs EM for t(tgt|src) over segments (src[k] generates tgt[k])
// and returns the pruned table src word → translations. srcMod or tgtMod
// (nil, or a segment's nil: none) mark the Dutch side's compound
// modifiers; a translation's Modifier is the part of its expected count
// that comes from them.
func train(ctx context.Context, src, tgt [][]int32, sv, tv *vocab, srcMod, tgtMod [][]bool, opt Options) (map[string][]Translation, error) {
	// Every co-occurring (src, tgt) pair gets a slot; each segment keeps
	// the slots of its |src|×|tgt| pairs, so an iteration is a walk over
	// flat arrays.
	slot := map[uint64]int32{}
	var pairSrc, pairTgt []int32
	segSlots := make([][]int32, len(src))
	for k := range src {
		s, t := src[k], tgt[k]
		ss := make([]int32, len(s)*len(t))
		for j, tw := range t {
			for i, sw := range s {
				key := uint64(uint32(sw))<<32 | uint64(uint32(tw))
				id, ok := slot[key]
				if !ok {
					id = int32(len(pairSrc))
					slot[key] = id
					pairSrc = append(pairSrc, sw)
					pairTgt = append(pairTgt, tw)
				}
				ss[j*len(s)+i] = id
			}
		}
		segSlots[k] = ss
	}
	slot = nil
	tprob := make([]float64, len(pairSrc))
	// Uniform start over what each source word co-occurs with.
	nPartners := make([]int, len(sv.words))
	for _, sw := range pairSrc {
		nPartners[sw]++
	}
	for i, sw := range pairSrc {
		tprob[i] = 1 / float64(nPartners[sw])
	}
	nullT := make([]float64, len(tv.words)) // t(tgt | NULL)
	for i := range nullT {
		nullT[i] = 1 / float64(len(tv.words))
	}
	counts := make([]float64, len(pairSrc))
	var modCounts []float64 // the last E step's counts from modifiers
	if srcMod != nil || tgtMod != nil {
		modCounts = make([]float64, len(pairSrc))
	}
	nullCounts := make([]float64, len(tv.words))
	var post []float64
	for it := 0; it < opt.Iterations; it++ {
		clear(counts)
		clear(nullCounts)
		for k := range src {
			if k%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			s, t, ss := src[k], tgt[k], segSlots[k]
			m, n := len(t), len(s)
			if cap(post) < n {
				post = make([]float64, n)
			}
			post = post[:n]
			for j := range t {
				// The prior over source positions: fast_align's exponential
				// preference for the diagonal, the rest to NULL.
				var z, sum float64
				for i := range s {
					a := 1.0
					if opt.Diagonal > 0 {
						a = math.Exp(-opt.Diagonal * math.Abs(float64(j+1)/float64(m)-float64(i+1)/float64(n)))
					}
					post[i] = a * tprob[ss[j*n+i]]
					z += a
				}
				for i := range post {
					post[i] *= (1 - opt.Null) / z
					sum += post[i]
				}
				pn := opt.Null * nullT[t[j]]
				sum += pn
				if sum == 0 {
					continue
				}
				for i := range s {
					counts[ss[j*n+i]] += post[i] / sum
				}
				if modCounts != nil && it == opt.Iterations-1 {
					tm := tgtMod != nil && tgtMod[k] != nil && tgtMod[k][j]
					for i := range s {
						if tm || srcMod != nil && srcMod[k] != nil && srcMod[k][i] {
							modCounts[ss[j*n+i]] += post[i] / sum
						}
					}
				}
				nullCounts[t[j]] += pn / sum
			}
		}
		// M step: normalise per source word.
		total := make([]float64, len(sv.words))
		for i, c := range counts {
			total[pairSrc[i]] += c
		}
		for i, c := range counts {
			if tt := total[pairSrc[i]]; tt > 0 {
				tprob[i] = c / tt
			}
		}
		var nt float64
		for _, c := range nullCounts {
			nt += c
		}
		if nt > 0 {
			for i, c := range nullCounts {
				nullT[i] = c / nt
			}
		}
	}
	// The last E step's counts are the links' expected counts.
	table := map[string][]Translation{}
	for i, p := range tprob {
		if p < opt.MinP || counts[i] < opt.MinCount {
			continue
		}
		w := sv.words[pairSrc[i]]
		var mod int
		if modCounts != nil {
			mod = int(math.Round(modCounts[i]))
		}
		table[w] = append(table[w], Translation{Word: tv.words[pairTgt[i]], P: p, Count: int(math.Round(counts[i])), Modifier: mod})
	}
	for w, ts := range table {
		sortTranslations(ts)
		if len(ts) > opt.MaxAlts {
			ts = ts[:opt.MaxAlts]
		}
		table[w] = ts
	}
	return table, nil
}

func sortTranslations(ts []Translation) {
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].P != ts[j].P {
			return ts[i].P > ts[j].P
		}
		return ts[i].Word < ts[j].Word
	})
}

// The file format: gzip of UTF-8 lines. A header line
// "tolk-lexicon 2\t<analysis>\t<segments>", then "f\t<lang>\t<word>\t<count>"
// lines with word frequencies, then "t\t<from>\t<word>\t<translation>\t<p>\t<count>"
// lines, with a seventh field, Modifier, when it is not 0, then
// "w\t<lang>\t<word>\t<forms>" lines with a word's written forms,
// space-separated, commonest first. Tabs and newlines cannot occur in
// keys, spaces not in forms. Version 1, written before Modifier was
// kept, is read too (every Modifier 0).
const (
	magic   = "tolk-lexicon 2"
	magicV1 = "tolk-lexicon 1"
)

// Write writes l in the file format, words and translations in a fixed
// order so that the same lexicon gives the same bytes.
func (l *Lexicon) Write(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "%s\t%s\t%d\n", magic, l.Analysis, l.Segments)
	for _, lang := range []string{"en", "nl"} {
		// Every word with a frequency or translations, so that Freq
		// reads back for words whose translations were all pruned.
		words := make([]string, 0, len(l.freq[lang]))
		for w := range l.freq[lang] {
			words = append(words, w)
		}
		for w := range l.tables[lang] {
			if _, ok := l.freq[lang][w]; !ok {
				words = append(words, w)
			}
		}
		sort.Strings(words)
		for _, w := range words {
			fmt.Fprintf(bw, "f\t%s\t%s\t%d\n", lang, w, l.freq[lang][w])
			for _, t := range l.tables[lang][w] {
				fmt.Fprintf(bw, "t\t%s\t%s\t%s\t%s\t%d", lang, w, t.Word, strconv.FormatFloat(t.P, 'g', 4, 64), t.Count)
				if t.Modifier > 0 {
					fmt.Fprintf(bw, "\t%d", t.Modifier)
				}
				bw.WriteByte('\n')
			}
		}
		words = words[:0]
		for w := range l.forms[lang] {
			words = append(words, w)
		}
		sort.Strings(words)
		for _, w := range words {
			fmt.Fprintf(bw, "w\t%s\t%s\t%s\n", lang, w, strings.Join(l.forms[lang][w], " "))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("lexicon: write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("lexicon: write: %w", err)
	}
	return nil
}

// ErrFormat is wrapped by errors in a lexicon file.
var ErrFormat = errors.New("not a tolk lexicon")

// Read reads a lexicon written by Write.
func Read(r io.Reader) (*Lexicon, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w: %w", ErrFormat, err)
	}
	defer zr.Close()
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	l := &Lexicon{tables: map[string]map[string][]Translation{"en": {}, "nl": {}}, freq: map[string]map[string]int{"en": {}, "nl": {}}}
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		bad := func(what string) error {
			return fmt.Errorf("lexicon: line %d: %w: %s", line, ErrFormat, what)
		}
		if line == 1 {
			if len(f) != 3 || f[0] != magic && f[0] != magicV1 {
				return nil, bad("no header")
			}
			l.Analysis = f[1]
			if l.Segments, err = strconv.Atoi(f[2]); err != nil || l.Segments < 0 {
				return nil, bad("segment count")
			}
			continue
		}
		switch {
		case len(f) == 4 && f[0] == "f" && (f[1] == "en" || f[1] == "nl"):
			n, err := strconv.Atoi(f[3])
			if err != nil || n < 0 {
				return nil, bad("frequency")
			}
			l.freq[f[1]][f[2]] = n
		case (len(f) == 6 || len(f) == 7) && f[0] == "t" && (f[1] == "en" || f[1] == "nl"):
			p, err1 := strconv.ParseFloat(f[4], 64)
			n, err2 := strconv.Atoi(f[5])
			if err1 != nil || err2 != nil || !(p >= 0 && p <= 1) || n < 0 { // !(p >= 0) is true of NaN
				return nil, bad("probability or count")
			}
			var mod int
			if len(f) == 7 {
				if mod, err = strconv.Atoi(f[6]); err != nil || mod <= 0 || mod > n {
					return nil, bad("modifier count")
				}
			}
			l.tables[f[1]][f[2]] = append(l.tables[f[1]][f[2]], Translation{Word: f[3], P: p, Count: n, Modifier: mod})
		case len(f) == 4 && f[0] == "w" && (f[1] == "en" || f[1] == "nl") && f[3] != "":
			if l.forms == nil {
				l.forms = map[string]map[string][]string{"en": {}, "nl": {}}
			}
			l.forms[f[1]][f[2]] = strings.Fields(f[3])
		default:
			return nil, bad("unknown record")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: line %d: %w", line+1, err)
	}
	if line == 0 {
		return nil, fmt.Errorf("lexicon: %w: empty", ErrFormat)
	}
	for _, m := range l.tables {
		for _, ts := range m {
			sortTranslations(ts)
		}
	}
	l.sumFreq()
	return l, nil
}
