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
	// Target j explained by source i: fwd's posterior over i for each j.
	pf := make([][]float64, n)
	pb := make([][]float64, n)
	for i := range pf {
		pf[i] = make([]float64, m)
		pb[i] = make([]float64, m)
	}
	fb := make([]int, m) // best source of each target word, or -1
	bb := make([]int, n) // best target of each source word, or -1
	for j := range m {
		posterior(n, func(i int) float64 { return at(fwd, i, j) }, func(i int) float64 { return prior(opt, j, m, i, n) },
			opt, func(i int, p float64) { pf[i][j] = p }, &fb[j])
	}
	for i := range n {
		posterior(m, func(j int) float64 { return at(bwd, i, j) }, func(j int) float64 { return prior(opt, i, n, j, m) },
			opt, func(j int, p float64) { pb[i][j] = p }, &bb[i])
	}
	inter := make([][]bool, n)
	union := make([][]bool, n)
	for i := range n {
		inter[i] = make([]bool, m)
		union[i] = make([]bool, m)
	}
	for j, i := range fb {
		if i >= 0 {
			union[i][j] = true
			if bb[i] == j {
				inter[i][j] = true
			}
		}
	}
	for i, j := range bb {
		if j >= 0 {
			union[i][j] = true
		}
	}
	links := inter
	srcAligned := make([]bool, n)
	tgtAligned := make([]bool, m)
	for i := range n {
		for j := range m {
			if links[i][j] {
				srcAligned[i], tgtAligned[j] = true, true
			}
		}
	}
	// grow-diag: a union link next to a link, to a word still unaligned.
	for grew := true; grew; {
		grew = false
		for i := range n {
			for j := range m {
				if !links[i][j] {
					continue
				}
				for di := -1; di <= 1; di++ {
					for dj := -1; dj <= 1; dj++ {
						a, b := i+di, j+dj
						if a < 0 || b < 0 || a >= n || b >= m || links[a][b] || !union[a][b] {
							continue
						}
						if !srcAligned[a] || !tgtAligned[b] {
							links[a][b] = true
							srcAligned[a], tgtAligned[b] = true, true
							grew = true
						}
					}
				}
			}
		}
	}
	// final-and: union links between two unaligned words.
	for i := range n {
		for j := range m {
			if union[i][j] && !links[i][j] && !srcAligned[i] && !tgtAligned[j] {
				links[i][j] = true
				srcAligned[i], tgtAligned[j] = true, true
			}
		}
	}
	var out []Link
	for i := range n {
		for j := range m {
			if links[i][j] {
				out = append(out, Link{S: i, T: j, P: max(pf[i][j], pb[i][j])})
			}
		}
	}
	return out
}

// prior is fast_align's diagonal preference of word i of k for word j of
// l (unnormalised).
func prior(opt Options, j, l, i, k int) float64 {
	if opt.Diagonal < 0 {
		return 1
	}
	return math.Exp(-opt.Diagonal * math.Abs(float64(j+1)/float64(l)-float64(i+1)/float64(k)))
}

// posterior computes one word's alignment posterior over the k words of
// the other side (and NULL), reports each with set and stores the best
// word, or -1 when NULL is likelier than any, in best.
func posterior(k int, t, d func(int) float64, opt Options, set func(int, float64), best *int) {
	var z float64
	for i := range k {
		z += d(i)
	}
	ps := make([]float64, k)
	sum := opt.Null * opt.NullP
	for i := range k {
		ps[i] = (1 - opt.Null) * d(i) / z * t(i)
		sum += ps[i]
	}
	*best = -1
	bp := opt.Null * opt.NullP / sum
	for i, p := range ps {
		p /= sum
		set(i, p)
		if p > bp {
			*best, bp = i, p
		}
	}
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
