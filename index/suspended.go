package index

import (
	"regexp"
	"strings"
)

// A suspended compound leaves out a part two compounds share: "advies- en
// trainingsactiviteiten" means adviesactiviteiten and trainingsactiviteiten,
// "Noord- en Centraal-Mali" means Noord-Mali and Centraal-Mali. The text
// keeps its words as written; the stemmed field also holds the compound
// each implies, as tokens of the text itself (impliedTokens), so a search
// for adviesactiviteiten finds the passage and scores it as a passage that
// says the word: a field of their own, with few passages and few words in
// each, gave these matches an idf and a length norm no word of the text
// has, and put them first.
var suspendedRE = regexp.MustCompile(`(\pL+)-\s+(?:en|of|tot|en/of)\s+(\pL+(?:-\pL+)*)`)

// Implied is what a suspended compound implies, for the stemmed field:
// Word, indexed at the position of the word that starts at anchor plus
// delta, with the offsets Start and End (what a match highlights).
type Implied struct {
	Word       string
	Start, End int
	anchor     int // byte offset of the first word (advies in "advies- en …")
	delta      int // 0: at the first word; 1: the position after it
}

// ImpliedCompounds returns the compounds the suspended compounds of text
// imply, as the index holds them (split is the Decompounder's Split).
func ImpliedCompounds(text string, split func(string) []string) []Implied {
	return impliedCompounds(text, split)
}

// impliedCompounds returns the compounds a text implies through suspended
// compounds. split gives the parts of a compound (nil: it cannot tell), so
// that the shared head is known; a hyphenated compound shows its head.
//
// A compound written as one word (advies- en trainingsactiviteiten →
// adviesactiviteiten) stands at the first word's position and highlights
// the whole construction. A hyphenated one (Noord- en Centraal-Mali →
// Noord-Mali) has its first word in the text already: its head (Mali)
// stands at the next position, where the conjunction is (a stop word,
// which the stemmed field leaves out), so the phrase "Noord-Mali" matches;
// it highlights the head where the text has it.
func impliedCompounds(text string, split func(string) []string) []Implied {
	if !hyphenSpace(text) {
		return nil // no "- " for suspendedRE to match: most passages
	}
	var out []Implied
	for _, m := range suspendedRE.FindAllStringSubmatchIndex(text, -1) {
		first, whole := text[m[2]:m[3]], text[m[4]:m[5]]
		if i := strings.LastIndexByte(whole, '-'); i > 0 {
			out = append(out, Implied{Word: whole[i+1:], anchor: m[2], delta: 1, Start: m[4] + i + 1, End: m[5]})
			continue
		}
		if split == nil {
			continue
		}
		parts := split(Fold(whole))
		if len(parts) < 2 {
			continue
		}
		head := parts[len(parts)-1]
		// The head as written: the end of the compound, so inflection and
		// case are kept (trainingsactiviteiten → activiteiten).
		if n := len(head); n <= len(whole) && strings.EqualFold(Fold(whole[len(whole)-n:]), head) {
			head = whole[len(whole)-n:]
		}
		out = append(out, Implied{Word: first + head, anchor: m[2], Start: m[2], End: m[5]})
	}
	return out
}

// hyphenSpace reports whether a hyphen is followed by white space (\s in
// suspendedRE) somewhere in text: a test far cheaper than the expression,
// on the text as the analyzers and Prepare hold it.
func hyphenSpace[T ~string | ~[]byte](text T) bool {
	for i := 0; i+1 < len(text); i++ {
		if text[i] != '-' {
			continue
		}
		switch text[i+1] {
		case ' ', '\t', '\n', '\f', '\r':
			return true
		}
	}
	return false
}
