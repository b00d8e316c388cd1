package lexicon

import "sort"

// Spelling correspondences between English and Dutch cognates, learned
// from the lexicon's own pairs: where an English key and one of its
// translations share a long beginning (inform / informatie, automat /
// automatisch, univers / universiteit), the two endings after it make a
// rewrite rule (""→"atie" after …, "iti"→"iteit"). The cognate need not be
// the word's usual translation, only a likely one (p ≥ 0.1): function /
// functie and sanction / sanctie teach "on"→"e" though the treaties mostly
// say maatregel for action; at 0.3 that rule had too few pairs and motion
// never found motie (docs/CLIR.md, session 18). A word the lexicon
// does not know is then rewritten by the rules its ending allows, and a
// caller keeps the candidates its documents contain (consternation →
// constern → consternatie).

// cognateRule rewrites an English key ending in From into a Dutch key
// ending in To; P is the share of the lexicon's cognate pairs whose
// English ending is From that take this rewrite.
type cognateRule struct {
	From, To string
	P        float64
	n        int
}

const (
	cognateStem    = 4   // letters the two keys share at least before the ending
	cognateTail    = 3   // letters of the English ending at most
	cognateMinP    = 0.1 // a translation this likely makes a cognate pair
	cognateMinRule = 5   // pairs a rule is seen in at least
)

// Cognates returns Dutch keys that the English key word may be a cognate
// of, by the rewrite rules learned from the lexicon, each with the rule's
// share, best first; at most max. The keys are guesses: a caller keeps
// those its documents contain.
func (l *Lexicon) Cognates(word string, max int) []Translation {
	if l == nil {
		return nil
	}
	l.cognates.Do(l.learnCognates)
	var out []Translation
	seen := map[string]bool{}
	for i := len(word); i >= len(word)-cognateTail && i >= cognateStem; i-- {
		for _, r := range l.rules[word[i:]] {
			c := word[:i] + r.To
			if c == word || seen[c] {
				continue
			}
			seen[c] = true
			out = append(out, Translation{Word: c, P: r.P, Count: r.n})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].P > out[j].P })
	return out[:min(len(out), max)]
}

// learnCognates collects the rewrite rules from the English→Dutch table.
func (l *Lexicon) learnCognates() {
	counts := map[[2]string]int{}
	ends := map[string]int{}
	for en, ts := range l.tables["en"] {
		for _, t := range ts {
			if t.P < cognateMinP {
				continue
			}
			k := commonPrefix(en, t.Word)
			if k < cognateStem || len(en)-k > cognateTail {
				continue
			}
			counts[[2]string{en[k:], t.Word[k:]}]++
			ends[en[k:]]++
			break // one cognate pair per English word
		}
	}
	l.rules = map[string][]cognateRule{}
	for r, n := range counts {
		if n < cognateMinRule {
			continue
		}
		l.rules[r[0]] = append(l.rules[r[0]], cognateRule{From: r[0], To: r[1], P: float64(n) / float64(ends[r[0]]), n: n})
	}
	for _, rs := range l.rules {
		sort.Slice(rs, func(i, j int) bool {
			if rs[i].n != rs[j].n {
				return rs[i].n > rs[j].n
			}
			return rs[i].To < rs[j].To
		})
	}
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
