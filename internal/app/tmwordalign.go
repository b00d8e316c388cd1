package app

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm/fuzzy"
	"github.com/tolk-nl/tolk/tm/wordalign"
)

// The concordance's lexicon step: the pair is word-aligned as a whole
// (tm/wordalign: IBM Model 1 posteriors from the lexicon in both
// directions with a diagonal prior, symmetrised by grow-diag-final-and),
// and the query's translation is the run of target words aligned to the
// query's words. Aligning every word of the pair lets the other source
// words claim what they translate: aankondigen no longer takes "notice"
// from the kennisgeving beside it.

// identicalP is the probability given to a pair of identical words the
// lexicon does not link (names, numbers, acronyms: Mali, 2025, EU).
const identicalP = 0.5

// maxAlignWords bounds the words of a side that are aligned; longer
// segments are cut to a window around the query.
const maxAlignWords = 120

// alignWords marks the translation of the marked query in target by word
// alignment; words are target's words and numbers.
//
// claimed holds the byte offsets of the target words that other source
// words are aligned to: what a group may not grow into (extendGroups).
func (al *aligner) alignWords(src string, marks []Span, target string, words []fuzzy.Token) (out []Span, via string, claimed map[int]bool) {
	lex := al.a.lexicon()
	if lex == nil {
		return nil, "", nil
	}
	var sw []fuzzy.Token
	for _, t := range fuzzy.Tokenize(src, nil) {
		if t.Kind != fuzzy.Punct {
			sw = append(sw, t)
		}
	}
	var q []int
	for i, t := range sw {
		for _, m := range marks {
			if t.Start < m.End && t.End > m.Start {
				q = append(q, i)
				break
			}
		}
	}
	if len(q) == 0 {
		return nil, "", nil
	}
	// A window of both sides around the query's relative place, taken
	// in the whole segment (within the source's window the query is
	// always near the middle).
	rel := float64(q[0]) / float64(max(1, len(sw)))
	s0, s1 := window(len(sw), q[0], q[len(q)-1])
	sw = sw[s0:s1]
	for k := range q {
		q[k] -= s0
	}
	t0, t1 := window(len(words), int(rel*float64(len(words))), int(rel*float64(len(words))))
	tw := words[t0:t1]

	si := make([]*wordInfo, len(sw))
	for i, t := range sw {
		si[i] = al.info(al.from, t)
	}
	ti := make([]*wordInfo, len(tw))
	for j, t := range tw {
		ti[j] = al.info(al.to, t)
	}
	fwd := make([][]float64, len(sw))
	bwd := make([][]float64, len(sw))
	cells := make([]float64, 2*len(sw)*len(tw))
	for i := range sw {
		fwd[i], cells = cells[:len(tw)], cells[len(tw):]
		bwd[i], cells = cells[:len(tw)], cells[len(tw):]
		for j := range tw {
			if sw[i].Fold == tw[j].Fold && (sw[i].Kind == fuzzy.Number || si[i].unknown || capitalised(sw[i].Text)) {
				fwd[i][j], bwd[i][j] = identicalP, identicalP
				continue
			}
			fwd[i][j] = si[i].p(ti[j].keys)
			bwd[i][j] = ti[j].p(si[i].keys)
		}
	}
	links := wordalign.Align(fwd, bwd, wordalign.Options{})
	if al.debug != nil {
		for _, l := range links {
			fmt.Fprintf(al.debug, "    %s -> %s %.3f (fwd %.3f bwd %.3f)\n", sw[l.S].Fold, tw[l.T].Fold, l.P, fwd[l.S][l.T], bwd[l.S][l.T])
		}
	}
	// What other source words claim (a function word's links are weak
	// evidence: "shall" takes stelt); words outside the window count as
	// claimed, since nothing was aligned there.
	claimed = map[int]bool{}
	for _, l := range links {
		if !contains(q, l.S) && !functionWord(al.from, sw[l.S].Fold) {
			claimed[tw[l.T].Start] = true
		}
	}
	for k, w := range words {
		if k < t0 || k >= t1 {
			claimed[w.Start] = true
		}
	}
	js := wordalign.Targets(links, q)
	if len(js) == 0 {
		return nil, "", claimed
	}
	in := map[int]bool{}
	linked := map[int]bool{} // source words with a link
	best, bestP, bestS := js[0], -1.0, -1
	for _, l := range links {
		linked[l.S] = true
		if contains(q, l.S) {
			in[l.T] = true
			if l.P > bestP {
				best, bestP, bestS = l.T, l.P, l.S
			}
		}
	}
	// open: target words k, k+1 with nothing but space and word-internal
	// marks between them. A rendering does not cross a comma, semicolon,
	// colon, full stop or bracket: "toneelspelers, film-" is two
	// renderings in a list, not one.
	open := func(k int) bool {
		return k >= 0 && k+1 < len(tw) && !sentencePunct(target[tw[k].End:tw[k+1].Start])
	}
	// The run of aligned words around the best one, bridging one short
	// unaligned word between two aligned ones (rule *of* law), or two
	// function words (Rechten *van de* Mens: human rights, which grouped
	// as "Mens" and "Rechten" apart).
	lo, hi := best, best
	bridge := func(k int) bool {
		return k >= 0 && k < len(tw) && !in[k] && tw[k].Kind == fuzzy.Word && (len(tw[k].Fold) <= 3 || functionWord(al.to, tw[k].Fold))
	}
	bridge2 := func(k, l int) bool {
		return k >= 0 && l >= 0 && k < len(tw) && l < len(tw) && !in[k] && !in[l] &&
			tw[k].Kind == fuzzy.Word && tw[l].Kind == fuzzy.Word && functionWord(al.to, tw[k].Fold) && functionWord(al.to, tw[l].Fold)
	}
	// missing: the content words of the query's occurrence that no target
	// word is linked to (raad of Centrale Raad van Beroep: the lexicon
	// knows it as council). Each lets the run take one unclaimed content
	// word beside it or in a gap, so that the rendering covers the
	// aligned words and the word that renders the missing one ("Central
	// Appeals Tribunal", not "Central Appeals").
	missing := al.missingWords(sw, marks, bestS, linked)
	free := func(k int) bool {
		return k >= 0 && k < len(tw) && !in[k] && !claimed[tw[k].Start] && tw[k].Kind == fuzzy.Word && !functionWord(al.to, tw[k].Fold)
	}
	for {
		switch {
		case in[hi+1] && open(hi):
			hi++
		case bridge(hi+1) && in[hi+2] && open(hi) && open(hi+1):
			hi += 2
		case bridge2(hi+1, hi+2) && in[hi+3] && open(hi) && open(hi+1) && open(hi+2):
			hi += 3
		case in[lo-1] && open(lo-1):
			lo--
		case bridge(lo-1) && in[lo-2] && open(lo-2) && open(lo-1):
			lo -= 2
		case bridge2(lo-1, lo-2) && in[lo-3] && open(lo-3) && open(lo-2) && open(lo-1):
			lo -= 3
		case missing > 0 && free(hi+1) && open(hi):
			hi++
			missing--
		case missing > 0 && free(lo-1) && open(lo-1):
			lo--
			missing--
		default:
			// A rendering does not start or end with a function word
			// (werden afgekondigd, conciliators shall).
			for lo < hi && functionWord(al.to, tw[lo].Fold) {
				lo++
			}
			for hi > lo && functionWord(al.to, tw[hi].Fold) {
				hi--
			}
			// A function word alone is no rendering of a content word
			// (per brief → "shall", linked by the lexicon's noise, where
			// the English says "by mail").
			if lo == hi && functionWord(al.to, tw[lo].Fold) {
				return nil, "", claimed
			}
			// Nor is a number alone the rendering of a word: the
			// lexicon learned lid → 1 from "lid 1" = "paragraph 1".
			if allNumbers(tw[lo:hi+1]) && !anyNumber(sw, q) {
				return nil, "", claimed
			}
			return []Span{{tw[lo].Start, tw[hi].End}}, "lexicon", claimed
		}
	}
}

// missingWords counts the content words of the query occurrence that
// holds source word bestS (a position in the window sw) that have no
// link: a multiword query whose
// words the lexicon links only in part.
func (al *aligner) missingWords(sw []fuzzy.Token, marks []Span, bestS int, linked map[int]bool) int {
	if bestS < 0 || len(al.qfolds) < 2 {
		return 0
	}
	var occ Span
	for _, m := range marks {
		if sw[bestS].Start < m.End && sw[bestS].End > m.Start {
			occ = m
		}
	}
	n := 0
	for i, t := range sw {
		if t.Start >= occ.Start && t.End <= occ.End && t.Kind == fuzzy.Word && !linked[i] && !functionWord(al.from, t.Fold) {
			n++
		}
	}
	return n
}

// sentencePunct reports whether the text between two words holds a mark
// that separates phrases: a comma, semicolon, colon, full stop, question
// or exclamation mark, a bracket, or a dash (– — or a hyphen with space on
// both sides). The hyphen of an elided compound (film- en televisie,
// staats- of regerings-) and quotes do not.
func sentencePunct(between string) bool {
	return strings.ContainsAny(between, ",;:.!?()[]{}–—") || strings.Contains(between, " - ")
}

// allNumbers reports whether every token is a number.
func allNumbers(ts []fuzzy.Token) bool {
	for _, t := range ts {
		if t.Kind != fuzzy.Number {
			return false
		}
	}
	return true
}

// anyNumber reports whether one of the tokens at positions q is a number
// (q may hold positions outside ts: the query's other occurrences in a
// segment longer than the window).
func anyNumber(ts []fuzzy.Token, q []int) bool {
	for _, i := range q {
		if i >= 0 && i < len(ts) && ts[i].Kind == fuzzy.Number {
			return true
		}
	}
	return false
}

// window returns the bounds of at most maxAlignWords of n words around
// positions [a, b].
func window(n, a, b int) (int, int) {
	if n <= maxAlignWords {
		return 0, n
	}
	lo := max(0, (a+b)/2-maxAlignWords/2)
	hi := min(n, lo+maxAlignWords)
	return hi - maxAlignWords, hi
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// wordInfo is what the alignment needs of a word: its lexicon keys
// (its index key and, for a Dutch compound, its parts' keys: the lexicon
// was trained with both) and the lexicon's translations of each.
type wordInfo struct {
	keys    []string
	trans   []map[string]float64
	unknown bool // the lexicon never saw it
}

// p is the best probability the word's translations give any of keys.
func (w *wordInfo) p(keys []string) float64 {
	best := 0.0
	for _, m := range w.trans {
		for _, k := range keys {
			if p := m[k]; p > best {
				best = p
			}
		}
	}
	return best
}

// info returns a word's wordInfo, cached for the concordance.
func (al *aligner) info(lang string, t fuzzy.Token) *wordInfo {
	cache := al.words[lang]
	if cache == nil {
		cache = map[string]*wordInfo{}
		al.words[lang] = cache
	}
	if w, ok := cache[t.Fold]; ok {
		return w
	}
	lex := al.a.lexicon()
	w := &wordInfo{keys: []string{index.Key(lang, t.Fold)}}
	if lang == "nl" && al.a.split != nil && t.Kind == fuzzy.Word {
		for _, p := range al.a.split(t.Fold) {
			if k := index.Key("nl", p); !slices.Contains(w.keys, k) {
				w.keys = append(w.keys, k)
			}
		}
	}
	w.unknown = lex.Freq(lang, w.keys[0]) == 0
	for _, k := range w.keys {
		m := al.trans[lang+"\x00"+k]
		if m == nil {
			m = map[string]float64{}
			for _, tr := range lex.Lookup(lang, k) {
				m[tr.Word] = tr.P
			}
			al.trans[lang+"\x00"+k] = m
		}
		w.trans = append(w.trans, m)
	}
	cache[t.Fold] = w
	return w
}
