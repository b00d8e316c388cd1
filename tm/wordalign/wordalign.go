package wordalign

import (
	"math"
	"slices"
)

// Options tune Align. The zero value uses the defaults.
type Options struct {
	// Diagonal is fast_align's tension λ in exp(−λ·|i/n − j/m|); 0 means
	// 4 (the lexicon's training default), negative turns the prior off.
	Diagonal float64
	// Null is the prior probability that a word has no partner; 0 means
	// 0.08.
	Null float64
	// NullP is t(w | NULL), the probability the empty word generates any
	// word; 0 means 0.01. A word whose best partner explains it less
	// well than about Null·NullP stays unaligned.
	NullP float64
	// Floor is the probability of a pair the table does not list; 0
	// means 1e-5.
	Floor float64
	// GrowAny grows by any union link next to a link, as Koehn's
	// grow-diag does; false (the default) grows only by a word's most
	// probable union link.
	GrowAny bool
}

func (o Options) withDefaults() Options {
	if o.Diagonal == 0 {
		o.Diagonal = 4
	}
	if o.Null <= 0 {
		o.Null = 0.08
	}
	if o.NullP <= 0 {
		o.NullP = 0.01
	}
	if o.Floor <= 0 {
		o.Floor = 1e-5
	}
	return o
}

// Link aligns source word S with target word T. P is the larger of the
// two directions' posteriors for the pair.
type Link struct {
	S, T int
	P    float64
}

// Align aligns a pair of n source and m target words. fwd[i][j] is
// t(target j | source i) and bwd[i][j] is t(source i | target j); both are
// n×m (missing or zero entries count as Options.Floor). The links come
// sorted by S, then T.
func Align(fwd, bwd [][]float64, opt Options) []Link {
	opt = opt.withDefaults()
	n := len(fwd)
	if n == 0 || len(bwd) != n {
		return nil
	}
	m := len(fwd[0])
	if m == 0 {
		return nil
	}
	at := func(t [][]float64, i, j int) float64 {
		if j < len(t[i]) && t[i][j] > opt.Floor {
			return t[i][j]
		}
		return opt.Floor
	}
	// The diagonal prior, the same both ways.
	d := make([]float64, n*m)
	for i := range n {
		for j := range m {
			d[i*m+j] = 1
			if opt.Diagonal > 0 {
				d[i*m+j] = math.Exp(-opt.Diagonal * math.Abs(float64(i+1)/float64(n)-float64(j+1)/float64(m)))
			}
		}
	}
	nullMass := opt.Null * opt.NullP
	pf := make([]float64, n*m) // p(target j aligned to source i), over the i and NULL
	pb := make([]float64, n*m) // p(source i aligned to target j), over the j and NULL
	fb := make([]int, m)       // best source of each target word, or -1 (NULL)
	bb := make([]int, n)       // best target of each source word, or -1
	for j := range m {
		var z float64
		for i := range n {
			z += d[i*m+j]
		}
		sum := nullMass
		for i := range n {
			p := (1 - opt.Null) * d[i*m+j] / z * at(fwd, i, j)
			pf[i*m+j] = p
			sum += p
		}
		fb[j] = -1
		best := nullMass / sum
		for i := range n {
			pf[i*m+j] /= sum
			if pf[i*m+j] > best {
				fb[j], best = i, pf[i*m+j]
			}
		}
	}
	for i := range n {
		var z float64
		for j := range m {
			z += d[i*m+j]
		}
		sum := nullMass
		for j := range m {
			p := (1 - opt.Null) * d[i*m+j] / z * at(bwd, i, j)
			pb[i*m+j] = p
			sum += p
		}
		bb[i] = -1
		best := nullMass / sum
		for j := range m {
			pb[i*m+j] /= sum
			if pb[i*m+j] > best {
				bb[i], best = j, pb[i*m+j]
			}
		}
	}
	union := make([]bool, n*m)
	links := make([]bool, n*m)
	srcAligned := make([]bool, n)
	tgtAligned := make([]bool, m)
	for j, i := range fb {
		if i >= 0 {
			union[i*m+j] = true
			if bb[i] == j {
				links[i*m+j] = true
				srcAligned[i], tgtAligned[j] = true, true
			}
		}
	}
	for i, j := range bb {
		if j >= 0 {
			union[i*m+j] = true
		}
	}
	post := func(i, j int) float64 { return max(pf[i*m+j], pb[i*m+j]) }
	// best reports whether union link (a, b) is, for each of its words
	// still unaligned, the most probable union link to a word still
	// unaligned: growing takes a word's strongest partner, not the one
	// that happens to sit next to a link (inclusief, whose bwd-best
	// "prizes" lies beside an aligned word, keeps its fwd-best
	// "including" for final-and).
	best := func(a, b int) bool {
		p := post(a, b)
		if !srcAligned[a] {
			for j := range m {
				if j != b && union[a*m+j] && !tgtAligned[j] && post(a, j) > p {
					return false
				}
			}
		}
		if !tgtAligned[b] {
			for i := range n {
				if i != a && union[i*m+b] && !srcAligned[i] && post(i, b) > p {
					return false
				}
			}
		}
		return true
	}
	// grow-diag: a union link next to a link (also diagonally), to a word
	// still unaligned.
	for grew := true; grew; {
		grew = false
		for i := range n {
			for j := range m {
				if !links[i*m+j] {
					continue
				}
				for a := max(0, i-1); a <= min(n-1, i+1); a++ {
					for b := max(0, j-1); b <= min(m-1, j+1); b++ {
						if links[a*m+b] || !union[a*m+b] || srcAligned[a] && tgtAligned[b] || !opt.GrowAny && !best(a, b) {
							continue
						}
						links[a*m+b] = true
						srcAligned[a], tgtAligned[b] = true, true
						grew = true
					}
				}
			}
		}
	}
	// final-and: union links between two unaligned words.
	for i := range n {
		for j := range m {
			if union[i*m+j] && !links[i*m+j] && !srcAligned[i] && !tgtAligned[j] {
				links[i*m+j] = true
				srcAligned[i], tgtAligned[j] = true, true
			}
		}
	}
	var out []Link
	for i := range n {
		for j := range m {
			if links[i*m+j] {
				out = append(out, Link{S: i, T: j, P: max(pf[i*m+j], pb[i*m+j])})
			}
		}
	}
	return out
}

// Targets returns the target words aligned to any of the source words
// in srcs, in order.
func Targets(links []Link, srcs []int) []int {
	var out []int
	for _, l := range links {
		if slices.Contains(srcs, l.S) && !slices.Contains(out, l.T) {
			out = append(out, l.T)
		}
	}
	slices.Sort(out)
	return out
}
