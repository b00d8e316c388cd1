package align

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bead is one alignment unit: indices into the Dutch and the English
// sentence slices, ascending. Align returns 1-0, 0-1, 1-1, 1-2, 2-1 and
// 2-2 beads; a 1-0 bead (a Dutch sentence without English) has an empty EN.
type Bead struct{ NL, EN []int }

// Options tunes Align. The zero value works: zero fields take the
// defaults documented on them.
type Options struct {
	// Dict reports whether a lower-cased Dutch word translates a
	// lower-cased English word. Each word pair it accepts in a bead
	// lowers the bead's cost. Nil: no dictionary.
	Dict func(nlWord, enWord string) bool

	// Ratio is the expected number of Dutch characters per English
	// character. Default 1.12 (DefaultRatio).
	Ratio float64
	// Variance is the variance of the Dutch length around Ratio times the
	// English length, per character of the bead's mean length. Default 5
	// (DefaultVariance).
	Variance float64
	// Band is the initial half-width, in sentences, of the band around the
	// diagonal that the search considers. The band doubles while the best
	// path comes within a few sentences of its edge, so a narrow band
	// costs speed only when the texts are badly out of step. Default 20.
	Band int
}

// Defaults for Options. The ratio is the median nl/en character ratio of
// the treaty article pairs, and of FLORES-200 (NTREX-128: 1.18). The
// variance measured on FLORES-200 and NTREX-128 at that ratio is 3.4; the
// default is larger because real length differences have heavier tails
// than a normal distribution (see docs/ALIGNMENT.md).
const (
	DefaultRatio    = 1.12
	DefaultVariance = 5.0
	DefaultBand     = 20
)

// Bead priors, as costs (negative log probabilities) relative to a 1-1
// bead, after Gale and Church (1993): 1-1 0.89, 2-1 and 1-2 0.089
// together, 2-2 0.011; 1-0 and 0-1 together 0.03 instead of their 0.0099,
// because real document pairs have untranslated notes (1,321 of the
// English treaty articles carry a Dutch editorial note) and the benchmark
// agrees (docs/ALIGNMENT.md).
var priorCost = func() [6]float64 {
	p := [6]float64{0.89, 0.03 / 2, 0.03 / 2, 0.089 / 2, 0.089 / 2, 0.011}
	var c [6]float64
	for i := range p {
		c[i] = -math.Log(p[i] / p[0])
	}
	return c
}()

// beadShapes are the numbers of Dutch and English sentences of each bead
// kind, in the order of priorCost.
var beadShapes = [6][2]int{{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}}

// Weights of the lexical evidence, in cost units for a perfect overlap.
const (
	anchorWeight = 5.0 // all numbers, names and acronyms of a bead shared
	dictWeight   = 3.0 // all content words of a bead matched by Dict
)

const edgeMargin = 3 // widen the band when the path comes this close to its edge

// Align aligns the Dutch sentences nl with the English sentences en and
// returns beads that cover every index of both slices exactly once, in
// order. It never fails: very unequal lengths give 1-0 or 0-1 beads.
func Align(nl, en []string, opt Options) []Bead {
	scored := AlignScored(nl, en, opt)
	if len(scored) == 0 {
		return nil
	}
	out := make([]Bead, len(scored))
	for i, s := range scored {
		out[i] = s.Bead
	}
	return out
}

// ScoredBead is a bead with its cost in the alignment: a negative log
// probability relative to a perfect 1-1 bead, lower is better. A 1-1 bead
// whose lengths fit and that shares a name or number costs about 0 or
// less; a cost above about 6 marks a doubtful bead.
type ScoredBead struct {
	Bead
	Cost float64
}

// AlignScored is Align that also returns each bead's cost.
func AlignScored(nl, en []string, opt Options) []ScoredBead {
	a := newAligner(nl, en, opt)
	return a.run()
}

type sentence struct {
	length  int      // characters (runes)
	anchors []string // numbers, names and acronyms, sorted
	words   []string // lower-cased content words for Dict, distinct
}

type aligner struct {
	opt    Options
	nl, en []sentence
	pairs  map[int]pairMatch // overlap of (nl i, en j), key i*(len(en)+1)+j
}

func newAligner(nl, en []string, opt Options) *aligner {
	if opt.Ratio <= 0 {
		opt.Ratio = DefaultRatio
	}
	if opt.Variance <= 0 {
		opt.Variance = DefaultVariance
	}
	if opt.Band <= 0 {
		opt.Band = DefaultBand
	}
	a := &aligner{opt: opt, pairs: make(map[int]pairMatch)}
	a.nl = analyse(nl, nlStop, opt.Dict != nil)
	a.en = analyse(en, enStop, opt.Dict != nil)
	return a
}

func analyse(ss []string, stop map[string]bool, words bool) []sentence {
	out := make([]sentence, len(ss))
	for i, s := range ss {
		out[i] = sentenceFeatures(s, stop, words)
	}
	return out
}

// sentenceFeatures finds the length and lexical anchors of s. Numbers are
// compared as digit runs without leading zeros, so 1.5 and 1,5 share both
// parts; a capitalised word is a name, except a function word at the
// start of the sentence (The, De, In), where both languages capitalise
// anyway.
func sentenceFeatures(s string, stop map[string]bool, wantWords bool) sentence {
	f := sentence{length: utf8.RuneCountInString(s)}
	first := true
	var seen map[string]bool
	if wantWords {
		seen = make(map[string]bool)
	}
	for tok := range strings.FieldsFuncSeq(s, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		isFirst := first
		first = false
		if isDigits(tok) {
			if t := strings.TrimLeft(tok, "0"); t != "" {
				tok = t
			} else {
				tok = "0"
			}
			f.anchors = append(f.anchors, tok)
			continue
		}
		r, _ := utf8.DecodeRuneInString(tok)
		if unicode.IsUpper(r) && utf8.RuneCountInString(tok) > 1 && (!isFirst || upperCount(tok) > 1 || !stopWord(tok)) {
			f.anchors = append(f.anchors, tok)
		}
		if wantWords {
			w := strings.ToLower(tok)
			if !stop[w] && !seen[w] && utf8.RuneCountInString(w) > 1 {
				seen[w] = true
				f.words = append(f.words, w)
			}
		}
	}
	slices.Sort(f.anchors)
	return f
}

// stopWord reports whether w, lower-cased, is a Dutch or English function
// word.
func stopWord(w string) bool {
	w = strings.ToLower(w)
	return nlStop[w] || enStop[w]
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func upperCount(s string) int {
	n := 0
	for _, c := range s {
		if unicode.IsUpper(c) {
			n++
		}
	}
	return n
}

// common counts the elements two sorted slices share, with multiplicity.
func common(a, b []string) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// pairMatch is the lexical overlap of a Dutch and an English sentence.
type pairMatch struct {
	anchors int // anchors the two share, with multiplicity
	nlWords int // Dutch words with a Dict translation in the English sentence
	enWords int // English words with a Dict translation in the Dutch sentence
}

// match returns the overlap of Dutch sentence i and English sentence j.
func (a *aligner) match(i, j int) pairMatch {
	key := i*(len(a.en)+1) + j
	if v, ok := a.pairs[key]; ok {
		return v
	}
	x, y := &a.nl[i], &a.en[j]
	v := pairMatch{anchors: common(x.anchors, y.anchors)}
	if a.opt.Dict != nil && len(x.words) > 0 && len(y.words) > 0 {
		enHit := make([]bool, len(y.words))
		for _, w := range x.words {
			hit := false
			for k, e := range y.words {
				if a.opt.Dict(w, e) {
					hit = true
					enHit[k] = true
				}
			}
			if hit {
				v.nlWords++
			}
		}
		for _, h := range enHit {
			if h {
				v.enWords++
			}
		}
	}
	a.pairs[key] = v
	return v
}

// lexical is the lexical evidence for the bead of Dutch sentences
// [i0, i) and English sentences [j0, j), in cost units (higher is better):
// the Dice overlap of their anchors and of their Dict words, each weighted.
// Dice rather than a count, so that joining a good 1-1 bead with its
// neighbour does not collect more evidence than the two 1-1 beads do.
func (a *aligner) lexical(i0, i, j0, j int) float64 {
	var m pairMatch
	var na, ne, wn, we int
	for x := i0; x < i; x++ {
		na += len(a.nl[x].anchors)
		wn += len(a.nl[x].words)
		for y := j0; y < j; y++ {
			p := a.match(x, y)
			m.anchors += p.anchors
			m.nlWords += p.nlWords
			m.enWords += p.enWords
		}
	}
	for y := j0; y < j; y++ {
		ne += len(a.en[y].anchors)
		we += len(a.en[y].words)
	}
	v := 0.0
	if na+ne > 0 {
		// An anchor repeated in two sentences of the bead can be counted
		// twice; never more than the smaller side has.
		v += anchorWeight * 2 * float64(min(m.anchors, na, ne)) / float64(na+ne)
	}
	if wn+we > 0 {
		v += dictWeight * float64(min(m.nlWords, wn)+min(m.enWords, we)) / float64(wn+we)
	}
	return v
}

// lengthCost is -log P(delta) for a bead of nl and en characters, as in
// Gale and Church: delta is the difference between the Dutch length and
// its expectation, in standard deviations, and P the two-sided tail
// probability of a standard normal beyond it.
func (a *aligner) lengthCost(nl, en int) float64 {
	if nl == 0 && en == 0 {
		return 0
	}
	c, s2 := a.opt.Ratio, a.opt.Variance
	mean := (float64(nl)/c + float64(en)) / 2
	delta := math.Abs(float64(nl)-c*float64(en)) / math.Sqrt(s2*math.Max(mean, 1))
	return -logTail(delta)
}

// logTail is log(2·(1-Φ(x))) for x ≥ 0, without underflow for large x.
func logTail(x float64) float64 {
	t := math.Erfc(x / math.Sqrt2)
	if t > 1e-300 {
		return math.Log(t)
	}
	// Asymptotic expansion of erfc: erfc(z) ≈ exp(-z²)/(z√π).
	z := x / math.Sqrt2
	return -z*z - math.Log(z*math.Sqrt(math.Pi))
}

// beadCost is the cost of the bead of kind k ending at Dutch sentence i
// and English sentence j (exclusive).
func (a *aligner) beadCost(k, i, j int) float64 {
	dn, de := beadShapes[k][0], beadShapes[k][1]
	ln, le := 0, 0
	for x := i - dn; x < i; x++ {
		ln += a.nl[x].length
	}
	for y := j - de; y < j; y++ {
		le += a.en[y].length
	}
	cost := priorCost[k]
	if dn == 0 || de == 0 {
		// A sentence without a translation: its length says nothing about
		// the other side, so only the prior counts.
		return cost
	}
	return cost + a.lengthCost(ln, le) - a.lexical(i-dn, i, j-de, j)
}

// band is the range of English positions [lo, hi] the search considers
// for each Dutch position.
type band struct{ lo, hi []int }

func makeBand(n, m, w int) band {
	b := band{lo: make([]int, n+1), hi: make([]int, n+1)}
	for i := 0; i <= n; i++ {
		// Row i spans the diagonal from row i to row i+1, widened by w on
		// both sides, so consecutive rows overlap and a path always exists.
		lo := i*m/n - w
		hi := ((i+1)*m+n-1)/n + w
		b.lo[i] = max(lo, 0)
		b.hi[i] = min(hi, m)
	}
	return b
}

func (a *aligner) run() []ScoredBead {
	n, m := len(a.nl), len(a.en)
	if n == 0 || m == 0 {
		var out []ScoredBead
		for i := range n {
			out = append(out, ScoredBead{Bead: Bead{NL: []int{i}}, Cost: priorCost[1]})
		}
		for j := range m {
			out = append(out, ScoredBead{Bead: Bead{EN: []int{j}}, Cost: priorCost[2]})
		}
		return out
	}
	w := a.opt.Band
	for {
		b := makeBand(n, m, w)
		path, touches := a.search(b)
		if !touches || w >= max(n, m) {
			return path
		}
		w *= 2
	}
}

// search runs the dynamic program inside band b and returns the best path
// and whether it comes within edgeMargin of an edge of the band that is
// not the edge of the matrix.
func (a *aligner) search(b band) ([]ScoredBead, bool) {
	n := len(a.nl)
	cost := make([][]float64, n+1)
	back := make([][]int8, n+1)
	for i := 0; i <= n; i++ {
		w := b.hi[i] - b.lo[i] + 1
		cost[i] = make([]float64, w)
		back[i] = make([]int8, w)
		for x := range cost[i] {
			cost[i][x] = math.Inf(1)
			back[i][x] = -1
		}
	}
	at := func(i, j int) float64 {
		if i < 0 || j < b.lo[i] || j > b.hi[i] {
			return math.Inf(1)
		}
		return cost[i][j-b.lo[i]]
	}
	cost[0][0] = 0
	for i := 0; i <= n; i++ {
		for j := b.lo[i]; j <= b.hi[i]; j++ {
			if i == 0 && j == 0 {
				continue
			}
			best, arg := math.Inf(1), -1
			for k, s := range beadShapes {
				pi, pj := i-s[0], j-s[1]
				if pi < 0 || pj < 0 {
					continue
				}
				prev := at(pi, pj)
				if math.IsInf(prev, 1) {
					continue
				}
				if c := prev + a.beadCost(k, i, j); c < best {
					best, arg = c, k
				}
			}
			cost[i][j-b.lo[i]] = best
			back[i][j-b.lo[i]] = int8(arg)
		}
	}
	var path []ScoredBead
	touches := false
	m := len(a.en)
	for i, j := n, m; i > 0 || j > 0; {
		if (b.lo[i] > 0 && j-b.lo[i] < edgeMargin) || (b.hi[i] < m && b.hi[i]-j < edgeMargin) {
			touches = true
		}
		k := back[i][j-b.lo[i]]
		s := beadShapes[k]
		pi, pj := i-s[0], j-s[1]
		sb := ScoredBead{Cost: cost[i][j-b.lo[i]] - at(pi, pj)}
		for x := pi; x < i; x++ {
			sb.NL = append(sb.NL, x)
		}
		for y := pj; y < j; y++ {
			sb.EN = append(sb.EN, y)
		}
		path = append(path, sb)
		i, j = pi, pj
	}
	slices.Reverse(path)
	return path, touches
}

// Function words that a dictionary would match everywhere; Dict is not
// asked about them.
var (
	nlStop = set("de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "dit", "deze", "is", "zijn", "voor", "met",
		"niet", "aan", "er", "maar", "om", "ook", "als", "bij", "of", "door", "naar", "over", "uit", "tot", "wordt", "worden",
		"werd", "kan", "kunnen", "zal", "zullen", "heeft", "hebben", "had", "was", "waren", "hij", "zij", "ze", "wij", "we",
		"ik", "je", "u", "hun", "haar", "zich", "wat", "wie", "waar", "dan", "nog", "al", "geen", "meer", "zo", "wel")
	enStop = set("the", "a", "an", "and", "of", "in", "on", "to", "that", "this", "these", "those", "is", "are", "be", "been",
		"for", "with", "not", "at", "or", "by", "from", "as", "it", "its", "was", "were", "has", "have", "had", "will",
		"shall", "may", "can", "would", "should", "he", "she", "they", "we", "i", "you", "his", "her", "their", "which",
		"who", "what", "where", "than", "there", "no", "any", "such", "so", "more", "also", "but", "if", "into")
)
