package app

import (
	"strings"

	"github.com/tolk-nl/tolk/tm/fuzzy"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

// Multiword renderings from the concordance as a whole. The word
// alignment of one pair links the words the lexicon knows: advise gets
// "kennis" of "in kennis stellen", whose "in" it has no entry for
// (stop words are not in the lexicon). Across a group's pairs such a
// word shows itself: it stands next to the mark in most of them and no
// other source word claims it. extendGroups grows the marks of a group
// by such neighbours.
const (
	extendMinPairs = 3   // a group needs this many pairs to show a neighbour
	extendShare    = 0.6 // of its pairs that must have the same neighbour
	extendMaxSteps = 2   // words added on each side
)

// determiners never open a rendering: a Dutch preposition joins only
// when it stands right before the word, with no article (in kennis, ter
// beschikking, in werking: fixed expressions), not "aan de
// burgerbevolking", where "aan de" translates "to the".
var determiners = map[string]map[string]bool{
	"en": wordSet("the a an this that these those its their his her our such any each"),
	"nl": wordSet("de het een dit dat deze die zijn haar hun ons onze elk elke ieder iedere"),
}

// extendGroups grows the marks of the lexicon-aligned pairs of each group
// (pairs with the same rendering, by groupKey) by a neighbouring word that
// at least extendShare of the group's pairs have at that side, that the
// alignment gave to no other source word, with nothing but space between:
// on the left a content word, or for Dutch a preposition right before
// the word (in kennis); on the right a content word only (a preposition
// there is the verb's complement: in kennis van).
// English renderings do not grow by function words (of Governors).
func extendGroups(lex *lexicon.Lexicon, lang string, all []TMConcordancePair) {
	groups := map[string][]int{}
	for i, p := range all {
		if p.Via == "lexicon" && len(p.TargetMarks) == 1 && p.Translation != "" {
			k := groupKey(lex, lang, p.Translation)
			groups[k] = append(groups[k], i)
		}
	}
	words := map[int][]fuzzy.Token{}
	for _, group := range groups {
		if len(group) < extendMinPairs {
			continue
		}
		for _, side := range []int{-1, 1} {
			// Each step narrows to the pairs that grew: a second word
			// must be shared by most of those.
			idx := group
			for range extendMaxSteps {
				if len(idx) < extendMinPairs {
					break
				}
				type ext struct {
					pair  int
					start int // the new mark
					end   int
				}
				by := map[string][]ext{}
				for _, i := range idx {
					p := &all[i]
					ws, ok := words[i]
					if !ok {
						ws = targetWords(p.Target)
						words[i] = ws
					}
					if key, e, ok := neighbour(lex, lang, p, ws, side); ok {
						by[key] = append(by[key], ext{i, e.Start, e.End})
					}
				}
				best := ""
				for k, es := range by {
					if len(es) > len(by[best]) || len(es) == len(by[best]) && k < best {
						best = k
					}
				}
				if float64(len(by[best])) < extendShare*float64(len(idx)) {
					break
				}
				idx = nil
				for _, e := range by[best] {
					p := &all[e.pair]
					p.TargetMarks = []Span{{e.start, e.end}}
					p.Translation = groupText(p.Target, p.TargetMarks)
					idx = append(idx, e.pair)
				}
			}
		}
	}
}

// neighbour returns the word next to the single mark of p on side (-1
// left, 1 right) that may join it, by its grouping key (party and
// parties alike), and the grown mark.
func neighbour(lex *lexicon.Lexicon, lang string, p *TMConcordancePair, ws []fuzzy.Token, side int) (string, Span, bool) {
	m := p.TargetMarks[0]
	lo, hi := -1, -1
	for k, w := range ws {
		if w.Start == m.Start {
			lo = k
		}
		if w.End == m.End {
			hi = k
		}
	}
	if lo < 0 || hi < 0 {
		return "", Span{}, false
	}
	free := func(k int) bool {
		return k >= 0 && k < len(ws) && !p.claimed[ws[k].Start]
	}
	// adjacent: only space between words k and k+1.
	adjacent := func(k int) bool {
		return strings.TrimSpace(p.Target[ws[k].End:ws[k+1].Start]) == ""
	}
	if side > 0 {
		k := hi + 1
		if !free(k) || !adjacent(hi) || functionWord(lang, ws[k].Fold) {
			return "", Span{}, false
		}
		return groupKey(lex, lang, ws[k].Fold), Span{m.Start, ws[k].End}, true
	}
	k := lo - 1
	if !free(k) || !adjacent(k) {
		return "", Span{}, false
	}
	w := ws[k].Fold
	switch {
	case !functionWord(lang, w) && !determiners[lang][w]:
		return groupKey(lex, lang, w), Span{ws[k].Start, m.End}, true
	case lang != "nl" || !nlPrepositions[w]:
		// Not a conjunction, pronoun or auxiliary: "of overheidscontract"
		// is "or government contract", the of translating or.
		return "", Span{}, false
	case sourceLinker(p):
		// The source has its own preposition or conjunction before
		// the query, which the Dutch one translates: "income from
		// government securities" is "inkomsten uit overheidsleningen".
		return "", Span{}, false
	}
	return groupKey(lex, lang, w), Span{ws[k].Start, m.End}, true
}

// nlPrepositions may open a Dutch rendering (in kennis, ter beschikking,
// van toepassing): fixed expressions of a preposition and a noun.
var nlPrepositions = wordSet("in op aan te ter ten voor door met uit bij naar over tot om onder tegen van na binnen buiten")

// linkers are the English prepositions and conjunctions: one right before
// the query is what a Dutch preposition before its rendering translates
// (not to: before a verb it is the infinitive, "to advise" is "in kennis
// te stellen").
var linkers = wordSet("of in on at for by with from and or but nor into about against between after before over under upon within through without than as via per")

// sourceLinker reports whether the word right before the query's first
// mark in p's source is an English preposition or conjunction (the
// concordance's source is English when the renderings are Dutch).
func sourceLinker(p *TMConcordancePair) bool {
	if len(p.Marks) == 0 {
		return false
	}
	var last fuzzy.Token
	for _, t := range fuzzy.Tokenize(p.Source[:p.Marks[0].Start], nil) {
		last = t
	}
	return last.Kind == fuzzy.Word && linkers[last.Fold] && strings.TrimSpace(p.Source[last.End:p.Marks[0].Start]) == ""
}
