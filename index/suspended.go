package index

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
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
	anchor     int  // byte offset of the first word (advies in "advies- en …")
	delta      int  // 0: at the first word; 1: the position after it
	whole      bool // the word's own key only, not its parts (a hyphenated word joined)
}

// ImpliedCompounds returns the words the index holds for text beyond its
// words as written (split is the Decompounder's Split): the compounds its
// suspended compounds imply, and its hyphenated words joined
// (hyphenJoins).
func ImpliedCompounds(text string, split func(string) []string) []Implied {
	return impliedWords(text, split)
}

// impliedWords is what the stemmed field holds of text beyond its words:
// impliedCompounds, then hyphenJoins.
func impliedWords(text string, split func(string) []string) []Implied {
	return append(impliedCompounds(text, split), hyphenJoins(text)...)
}

// hyphenJoins returns the hyphenated words of text (vakantie-uitkering,
// lid-staten, woon-werkverkeer: letters on both sides of each hyphen)
// joined, each at its first part's position and highlighting the whole:
// Dutch writes one compound either way (vakantie-uitkering beside
// vakantieuitkering, lidstaten beside lid-staten), so a search for the
// closed word finds the hyphenated one. Only the joined word's own key is
// added; its parts are in the text already.
func hyphenJoins(text string) []Implied {
	var out []Implied
	for i := strings.IndexByte(text, '-'); i >= 0; {
		start, end := i, i
		for start > 0 {
			r, n := utf8.DecodeLastRuneInString(text[:start])
			if !unicode.IsLetter(r) {
				break
			}
			start -= n
		}
		if start == i {
			i = nextHyphen(text, i+1)
			continue
		}
		// The parts after each hyphen, while letters follow it.
		for end < len(text) && text[end] == '-' {
			j := end + 1
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += n
			}
			if j == end+1 {
				break
			}
			end = j
		}
		if end > i {
			out = append(out, Implied{Word: strings.ReplaceAll(text[start:end], "-", ""), anchor: start, Start: start, End: end, whole: true})
		}
		i = nextHyphen(text, max(end, i+1))
	}
	return out
}

// nextHyphen returns the index of the first '-' in text from i, or -1.
func nextHyphen(text string, i int) int {
	if i >= len(text) {
		return -1
	}
	j := strings.IndexByte(text[i:], '-')
	if j < 0 {
		return -1
	}
	return i + j
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
			// And joined, as the hyphenated word written out would be
			// (hyphenJoins): Noord-Mali as noordmali.
			out = append(out, Implied{Word: whole[i+1:], anchor: m[2], delta: 1, Start: m[4] + i + 1, End: m[5]},
				Implied{Word: first + whole[i+1:], anchor: m[2], Start: m[2], End: m[5], whole: true})
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
