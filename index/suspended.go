package index

import (
	"regexp"
	"strings"
)

// A suspended compound leaves out a part two compounds share: "advies- en
// trainingsactiviteiten" means adviesactiviteiten and trainingsactiviteiten,
// "Noord- en Centraal-Mali" means Noord-Mali and Centraal-Mali. The text
// keeps its words as written; the compounds it implies are indexed in a
// field of their own, so a search for adviesactiviteiten finds the passage.
var suspendedRE = regexp.MustCompile(`(\pL+)-\s+(?:en|of|tot|en/of)\s+(\pL+(?:-\pL+)*)`)

// impliedCompounds returns the compounds a text implies through suspended
// compounds. split gives the parts of a compound (nil: it cannot tell), so
// that the shared head is known; a hyphenated compound shows its head.
func impliedCompounds(text string, split func(string) []string) []string {
	if !hyphenSpace(text) {
		return nil // no "- " for suspendedRE to match: most passages
	}
	var out []string
	for _, m := range suspendedRE.FindAllStringSubmatch(text, -1) {
		first, whole := m[1], m[2]
		if i := strings.LastIndexByte(whole, '-'); i > 0 {
			out = append(out, first+"-"+whole[i+1:])
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
		out = append(out, first+head)
	}
	return out
}

// hyphenSpace reports whether a hyphen is followed by white space (\s in
// suspendedRE) somewhere in text: a test far cheaper than the expression.
func hyphenSpace(text string) bool {
	for i := strings.IndexByte(text, '-'); i >= 0 && i+1 < len(text); {
		switch text[i+1] {
		case ' ', '\t', '\n', '\f', '\r':
			return true
		}
		j := strings.IndexByte(text[i+1:], '-')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}
