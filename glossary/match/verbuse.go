package match

import (
	"strings"

	"github.com/tolk-nl/tolk/glossary"
)

// A Dutch noun's plural in -en is often also an infinitive or a plural
// finite verb of the same stem (onderzoeken, besluiten, voorstellen,
// plannen): "wij zullen onderzoeken of" investigates, it names no
// investigations. verbUse tells such a use from the noun's by the clause
// around the word, and the matcher then does not take the word for the
// noun term, in Annotate, CheckAll and everything built on them.

// auxiliaries are the Dutch verbs that govern a bare infinitive at the
// end of their clause (modals, gaan, laten, blijven, komen, hoeven,
// durven), in their finite and infinitive forms, folded.
var auxiliaries = wordSet(`zal zult zullen zou zoudt zouden kan kunt kun kunnen kon konden
	moet moeten moest moesten wil wilt willen wilde wilden wou mag mogen mocht mochten
	ga gaat gaan ging gingen laat laten liet lieten blijf blijft blijven bleef bleven
	kom komt komen kwam kwamen hoef hoeft hoeven hoefde hoefden durf durft durven durfde durfden`)

// nounBefore are the words after which an -en form is a plural noun, not
// an infinitive: articles, determiners, quantifiers and numerals, and
// prepositions (tot onderzoeken). het, dit and dat are not among them:
// before a plural they are an object (wij zullen het onderzoeken) or make
// a verbal noun (het onderzoeken van), never the plural's determiner.
var nounBefore = wordSet(`de een deze die zijn haar hun onze ons mijn uw jouw je welke geen
	alle enkele sommige beide veel vele meer meerdere minder weinig verschillende diverse andere
	zulke dergelijke elke iedere twee drie vier vijf zes zeven acht negen tien elf twaalf honderd duizend
	aan bij door in met na naar om onder op over per sinds tegen tijdens tot uit van vanaf vanwege via voor zonder
	tussen binnen buiten naast achter boven rond omtrent inzake betreffende jegens volgens dan als`)

// clauseAfter are the words before which a clause may end with its
// infinitive (zullen onderzoeken of …, willen onderzoeken hoe …):
// subordinating conjunctions and question words. Not prepositions or en:
// an -en form before them may be a noun with its complement (onderzoeken
// van de Rekenkamer, onderzoeken en analyses).
var clauseAfter = wordSet(`of dat hoe waarom welke wat wie waar wanneer waarmee waarin waarop om omdat
	zodat doordat terwijl indien voordat nadat totdat zodra hoewel opdat tenzij mits`)

func wordSet(ws string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(ws) {
		m[w] = true
	}
	return m
}

// nounTerm reports whether entry id is of a Dutch noun term.
func (m *Matcher) nounTerm(id int32) bool {
	e := &m.entries[id]
	return m.langs[e.lang] == "nl" && m.concepts[e.concept].Terms[e.term].POS == "noun"
}

// verbUse reports whether the Dutch word at tokens i to next (exclusive),
// a form in -en, is used as a verb:
//
//   - te stands right before it (te onderzoeken, om de gevolgen te
//     onderzoeken); or
//   - it ends its clause (punctuation, the text's end, or a
//     subordinating word after it: onderzoeken of …), an auxiliary
//     (zullen, kunnen, laten …) stands earlier in the clause, and the word
//     right before it is none of nounBefore and no inflected adjective
//     (tot nieuwe onderzoeken is the noun).
//
// With a word list (Options.Word) the word must also be a verb's form:
// the list has its third person (onderzoekt for onderzoeken; maatregelen
// has no maatregelt and stays a noun).
func (s *scan) verbUse(i, next int) bool {
	fold := s.infos[s.byTok[i]].fold
	if next != i+1 {
		fold = glossary.Fold(s.text[s.toks[i].start:s.toks[next-1].end])
	}
	if len(fold) < 5 || !strings.HasSuffix(fold, "en") || s.toks[i].flags&upperFirst != 0 && i > 0 && !s.clauseStarts(i) {
		return false
	}
	if i == 0 || s.toks[i-1].next != gapSpace || !s.sameClause(i-1) {
		return false
	}
	prev := s.infos[s.byTok[i-1]].fold
	verbal := false
	switch {
	case prev == "te":
		verbal = true
	case !s.endsClauseAt(next) || nounBefore[prev] || isNumber(prev) || strings.HasSuffix(prev, "e") && s.m.attributive(prev):
		return false
	default:
		for k := i - 1; k >= 0 && i-k <= maxSeparation+2; k-- {
			w := s.infos[s.byTok[k]].fold
			if auxiliaries[w] {
				verbal = true
				break
			}
			if k == 0 || !s.sameClause(k-1) || s.isWordOf(clauseStart, 0, k) {
				break
			}
		}
	}
	return verbal && (s.m.opt.Word == nil || s.m.verbForm(fold))
}

// endsClauseAt reports whether a clause may end before token end: the
// text ends, punctuation follows, or a word of clauseAfter.
func (s *scan) endsClauseAt(end int) bool {
	return end >= len(s.toks) || !s.sameClause(end-1) || s.toks[end].flags&shortCaps == 0 && clauseAfter[s.infos[s.byTok[end]].fold]
}

// verbForm reports whether the word list has the third person singular
// of the verb whose infinitive (or plural) fold would be: the stem, from
// fold without -en, with a doubled consonant single (zetten: zet), v and
// z as f and s (leven: leeft), or the vowel of an open syllable doubled
// (lopen: loopt), and -t unless the stem ends in t (zet).
func (m *Matcher) verbForm(fold string) bool {
	b := fold[:len(fold)-2]
	if len(b) < 2 {
		return false
	}
	fz := func(x string) string {
		switch x[len(x)-1] {
		case 'v':
			return x[:len(x)-1] + "f"
		case 'z':
			return x[:len(x)-1] + "s"
		}
		return x
	}
	stems := []string{b, fz(b)}
	if n := len(b); b[n-1] == b[n-2] && !isVowel(b[n-1]) {
		stems = append(stems, b[:n-1])
	}
	if n := len(b); n >= 3 && !isVowel(b[n-1]) && strings.IndexByte("aeou", b[n-2]) >= 0 && !isVowel(b[n-3]) {
		d := b[:n-1] + b[n-2:n-1] + b[n-1:]
		stems = append(stems, d, fz(d))
	}
	for _, st := range stems {
		third := st + "t"
		if strings.HasSuffix(st, "t") {
			third = st
		}
		if m.opt.Word(third) {
			return true
		}
	}
	return false
}
