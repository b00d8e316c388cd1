package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const softHyphen = "\u00ad"

// dropSoftHyphens removes the soft hyphens joinLines has not consumed. A
// soft hyphen next to a space ("\u00ad 2020", "a \u00ad b") hides a space
// at an end or beside another one from normalizeInline, so the spaces are
// collapsed and trimmed again after it goes.
func dropSoftHyphens(s string) string {
	if !strings.Contains(s, softHyphen) {
		return s
	}
	s = strings.ReplaceAll(s, softHyphen, "")
	var b strings.Builder
	b.Grow(len(s))
	for _, w := range strings.Split(s, " ") {
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// conjunctions may follow a suspended compound: "advies- en
// trainingsactiviteiten", "Noord- en Centraal-Mali", "in- of uitvoer".
// Both Dutch and English, as letters quote English names; not "dan", "to"
// or "nor", which end common words ("Soe-dan", "bru-to", "borstel-snor"
// broken as "borstels-nor").
var conjunctions = map[string]bool{
	"en": true, "of": true, "tot": true, "t/m": true, "en/of": true, "noch": true,
	"als": true, "versus": true, "and": true, "or": true,
}

// hyphenPrefixes are whole words Dutch spelling joins to the next word
// with a hyphen ("niet-gouvernementele"). Not "ex", "oud" or "non": far more
// words merely start with those syllables ("ex-cuses", "oud-ste",
// "non-chalant"), as the word-list test showed.
var hyphenPrefixes = map[string]bool{"niet": true}

// diaeresis maps a vowel to the form Dutch uses when it starts a new
// syllable after another vowel (geïnformeerd, financiële, coördinatie).
var diaeresis = map[rune]rune{'e': 'ë', 'i': 'ï', 'o': 'ö', 'u': 'ü'}

// mergingVowels are vowel pairs Dutch reads as one sound; hyphenation
// splits a word there only where a diaeresis separated them.
var mergingVowels = map[string]bool{
	"aa": true, "ae": true, "ai": true, "au": true, "ee": true, "ei": true, "eu": true,
	"ie": true, "ii": true, "oe": true, "oi": true, "oo": true, "ou": true,
	"ue": true, "ui": true, "uu": true,
}

// joinAll joins lines with joinLines in linear time: joinLines only looks
// at the last word of what precedes, so it is given a bounded tail.
func joinAll(lines []string, typeset bool) string {
	var buf []byte
	for _, l := range lines {
		start := max(0, len(buf)-256)
		for start > 0 && !utf8.RuneStart(buf[start]) {
			start--
		}
		tail := string(buf[start:])
		res := joinLines(tail, l, typeset)
		k := min(len(tail), len(res))
		for k > 0 && tail[:k] != res[:k] {
			k--
		}
		buf = append(buf[:start+k], res[k:]...)
	}
	return string(buf)
}

// joinLines joins line b to line a. When a ends in a hyphen that follows a
// letter or digit, typeset says whether it may be a hyphenation hyphen (PDF
// text) or was typed by the author (Markdown); see hyphenJoin.
func joinLines(a, b string, typeset bool) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	if strings.HasSuffix(a, softHyphen) {
		return strings.TrimSuffix(a, softHyphen) + b
	}
	last, n := utf8.DecodeLastRuneInString(a)
	if last != '-' && last != '\u2010' {
		return a + " " + b
	}
	before, _ := utf8.DecodeLastRuneInString(a[:len(a)-n])
	if !unicode.IsLetter(before) && !unicode.IsDigit(before) {
		return a + " " + b // a dash, not a hyphen: "zoals gezegd –"
	}
	stem := a[:len(a)-n]
	word := stem[strings.LastIndexByte(stem, ' ')+1:]
	switch hyphenJoin(word, b, typeset) {
	case dropHyphen:
		return stem + b
	case restoreDiaeresis:
		r, size := utf8.DecodeRuneInString(b)
		return stem + string(diaeresis[r]) + b[size:]
	case keepHyphenSpace:
		return a + " " + b
	default:
		return a + b
	}
}

type hyphenAction int

const (
	keepHyphen       hyphenAction = iota // "Secretaris-" + "Generaal" → "Secretaris-Generaal"
	dropHyphen                           // "veroor-" + "deeld" → "veroordeeld"
	keepHyphenSpace                      // "advies-" + "en …" → "advies- en …"
	restoreDiaeresis                     // "ge-" + "informeerd" → "geïnformeerd"
)

// hyphenJoin decides what a line-end hyphen after word (the text before
// the hyphen back to the previous space, possibly with inner hyphens: "niet-
// gouver") means, given the next line next. The order matters: a
// conjunction marks a suspended compound whatever precedes it; a capital,
// digit, acronym or single letter means a written hyphen ("EU-instellingen",
// "COVID-19", "e-mail": hyphenation never leaves one letter behind); only
// then is the hyphen taken for hyphenation, which is what a typesetter's
// hyphen at a line end almost always is.
func hyphenJoin(word, next string, typeset bool) hyphenAction {
	nextWord := next
	if i := strings.IndexByte(next, ' '); i >= 0 {
		nextWord = next[:i]
	}
	if conjunctions[strings.ToLower(strings.TrimRight(nextWord, ",;:"))] {
		return keepHyphenSpace
	}
	first, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return keepHyphenSpace // "Noord- (en Zuid-)", a quote, a bracket
	}
	if !typeset || unicode.IsUpper(first) || unicode.IsDigit(first) {
		return keepHyphen
	}
	part := word[strings.LastIndexAny(word, "-\u2010")+1:]
	letters, upper := 0, 0
	for _, r := range part {
		switch {
		case unicode.IsDigit(r):
			return keepHyphen // "2020-", "G5-"
		case unicode.IsUpper(r):
			upper++
			letters++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters <= 1 || upper >= 2 || (upper == 1 && !unicode.IsUpper([]rune(part)[0])) {
		return keepHyphen // "e-", "EU-", "KvK-"
	}
	if part == word && hyphenPrefixes[strings.ToLower(word)] {
		return keepHyphen
	}
	last, _ := utf8.DecodeLastRuneInString(part)
	if mergingVowels[strings.ToLower(string(last)+string(first))] {
		if _, ok := diaeresis[first]; ok {
			return restoreDiaeresis
		}
		return keepHyphen // "na-apen", "cao-akkoord": no diaeresis on a
	}
	return dropHyphen
}
