package match

import (
	"slices"
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
	for _, st := range verbStems(fold) {
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

// verbStems returns the possible stems of the Dutch infinitive fold (in
// -en): fold without -en, with a doubled consonant single (zetten: zet),
// v and z as f and s (leven: leef), or the vowel of an open syllable
// doubled (lopen: loop). Which is right only a word list can tell.
func verbStems(fold string) []string {
	if len(fold) < 4 || !strings.HasSuffix(fold, "en") {
		return nil
	}
	b := fold[:len(fold)-2]
	stems := []string{b, devoiced(b)}
	if n := len(b); b[n-1] == b[n-2] && !isVowel(b[n-1]) {
		stems = append(stems, b[:n-1])
	}
	if n := len(b); n >= 3 && !isVowel(b[n-1]) && strings.IndexByte("aeou", b[n-2]) >= 0 && !isVowel(b[n-3]) {
		d := b[:n-1] + b[n-2:n-1] + b[n-1:]
		stems = append(stems, d, devoiced(d))
	}
	return stems
}

// The converse: a Dutch verb's infinitive and stem are often nouns of
// their own (besluiten: het besluit, de besluiten; voorstellen: het
// voorstel, de voorstellen; verzoeken: het verzoek). nounUse tells such
// a use from the verb's by the words around it, and the matcher then does
// not take the word for the verb term.

// determiners are the words before which a verb's stem or infinitive is
// a noun: articles, demonstratives, possessives, quantifiers and number
// words (het besluit, deze voorstellen, hun verzoek, geen besluiten).
var determiners = wordSet(`de het een dit dat deze die zijn haar hun ons onze mijn uw jouw
	elk elke ieder iedere geen welk welke alle enkele sommige beide veel vele meerdere
	verschillende diverse andere zulke dergelijke zo'n zo’n twee drie vier vijf zes zeven acht negen tien`)

// verbalNoun are the determiners of a singular neuter noun: before the
// infinitive they make a verbal noun (het indienen van moties, submitting
// motions), which names the verb's own action, not a noun of its stem.
var verbalNoun = wordSet(`het dit een`)

// objectPronouns are determiners that are also an object pronoun, which
// a verb's infinitive may follow (ik wil haar verzoeken om …).
var objectPronouns = wordSet(`haar hun ons`)

// nounUse reports whether the Dutch word at tokens i to next, matched by
// a verb term whose first word is the verb lead (folded infinitive), is a
// noun: the word is lead itself or its stem (verbStems: besluit,
// voorstel, verzoek), and
//
//   - a determiner or an inflected adjective stands right before it in
//     its clause (het besluit, de voorstellen, twee verzoeken, een
//     politieke besluit), the adjective before the infinitive only after
//     a determiner (de nieuwe besluiten; not de grootste bijdrage
//     leveren, where the -e word is the verb's object), except that
//     the infinitive after het, dit or een is the verbal noun (het
//     indienen), the infinitive or a stem in -t (also the third person)
//     after die or dat at its clause's end a verb (de leden die
//     besluiten., de Kamer die besluit.), and after haar, hun or ons with an auxiliary
//     earlier in the clause a verb (ik wil haar verzoeken); or
//   - van follows it (besluit van de minister, voorstellen van de
//     commissie), unless it is that verbal noun.
//
// Other forms (besloot, besloten, stelt … voor) are left to the verb.
func (s *scan) nounUse(i, next int, lead string) bool {
	fold := s.infos[s.byTok[i]].fold
	if next != i+1 {
		fold = glossary.Fold(s.text[s.toks[i].start:s.toks[next-1].end])
	}
	inf := fold == lead
	if !inf && !slices.Contains(verbStems(lead), fold) {
		return false
	}
	prev := ""
	if i > 0 && s.toks[i-1].next == gapSpace && s.sameClause(i-1) && s.toks[i-1].flags&shortCaps == 0 {
		prev = s.infos[s.byTok[i-1]].fold
	}
	if inf && verbalNoun[prev] {
		return false
	}
	if next < len(s.toks) && s.sameClause(next-1) && s.toks[next-1].next == gapSpace && s.infos[s.byTok[next]].fold == "van" {
		return true
	}
	switch {
	case prev == "":
		return false
	case (prev == "die" || prev == "dat") && (inf || strings.HasSuffix(fold, "t")) && s.endsClauseAt(next):
		return false
	case inf && objectPronouns[prev] && s.auxiliaryBefore(i-1):
		return false
	}
	if determiners[prev] || isNumber(prev) {
		return true
	}
	if !strings.HasSuffix(prev, "e") || !s.m.attributive(prev) {
		return false
	}
	if !inf {
		return true
	}
	// Before an infinitive a word in -e is often its object, a noun (de
	// grootste bijdrage leveren): the adjective counts when a determiner
	// stands right before it (de nieuwe voorstellen).
	k := i - 2
	if k < 0 || s.toks[k].next != gapSpace || !s.sameClause(k) {
		return false
	}
	w := s.infos[s.byTok[k]].fold
	return determiners[w] || isNumber(w)
}

// auxiliaryBefore reports whether an auxiliary stands in the clause of
// token k, at k or before it.
func (s *scan) auxiliaryBefore(k int) bool {
	for j := k; j >= 0 && k-j <= maxSeparation+2; j-- {
		if auxiliaries[s.infos[s.byTok[j]].fold] {
			return true
		}
		if j == 0 || !s.sameClause(j-1) || s.isWordOf(clauseStart, 0, j) {
			return false
		}
	}
	return false
}

// leadVerb returns, for a Dutch verb term (term ti of concept ci, in
// language li) whose first word is its verb, that word folded: a one-word
// verb, or a phrase that starts with an infinitive and does not end in
// one (oproepen tot; not maatregelen nemen). Else "".
func (m *Matcher) leadVerb(ci, ti, li int) string {
	t := &m.concepts[ci].Terms[ti]
	if m.langs[li] != "nl" || t.POS != "verb" {
		return ""
	}
	ws := strings.Fields(glossary.Fold(t.Text))
	if len(ws) == 0 || !strings.HasSuffix(ws[0], "en") || len(ws) > 1 && strings.HasSuffix(ws[len(ws)-1], "en") {
		return ""
	}
	return ws[0]
}
