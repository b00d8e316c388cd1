package index

import (
	"slices"
	"strings"
)

// Diminutives returns the diminutives of the Dutch noun w, singular and
// plural, that the word list (listed) has: huis → huisje, huisjes; wagen
// → wagentje; invalidenwagen → invalidenwagentje, invalidenwagentjes;
// bal → balletje; boom → boompje; koning → koninkje; auto → autootje.
// Snowball gives a diminutive a key of its own (huisj, and
// invalidenwagentjes another than invalidenwagentje), so a search for
// the noun does not find it. The suffix is not worked out from the stress
// and the vowel's length, which spelling does not show: every
// candidate (-je, -tje, -pje, -etje with the last consonant doubled,
// -kje for -ng, a final vowel doubled before -tje) is made and the list
// keeps the words. A word with a space or a hyphen, or shorter than three
// letters, has none.
func Diminutives(w string, listed func(string) bool) []string {
	w = strings.ToLower(strings.TrimSpace(w))
	n := len(w)
	if n < 3 || strings.ContainsAny(w, " -") || strings.HasSuffix(w, "je") || strings.HasSuffix(w, "jes") {
		return nil
	}
	last := w[n-1]
	cands := []string{w + "je", w + "tje", w + "pje", w + "etje", w + string(last) + "etje"}
	if strings.HasSuffix(w, "ng") {
		cands = append(cands, w[:n-1]+"kje") // koning → koninkje
	}
	if isVowelByte(last) {
		cands = append(cands, w+string(last)+"tje") // auto → autootje
	}
	var out []string
	for _, c := range cands {
		for _, f := range []string{c, c + "s"} {
			if listed(f) && !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}
