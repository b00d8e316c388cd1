package match

import (
	"strings"

	"github.com/tolk-nl/tolk/glossary"
)

// crudeKey is a test-local stemmer: it folds and strips the commonest
// Dutch and English inflections. It is deliberately simple; the real
// KeyFunc (index.Key) is better, but these tests must not depend on it.
func crudeKey(lang, w string) string {
	w = glossary.Fold(w)
	strip := func(suf, repl string) bool {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			w = w[:len(w)-len(suf)] + repl
			return true
		}
		return false
	}
	if lang == "en" {
		_ = strip("ies", "y") || strip("'s", "") || strip("es", "") || strip("s", "") || strip("ed", "") || strip("ing", "")
		return w
	}
	_ = strip("'s", "") || strip("en", "") || !strings.HasSuffix(w, "ees") && strip("s", "")
	strip("e", "")
	// Undo vowel lengthening and consonant doubling so that staatsgreep
	// and staatsgrepen (staatsgrep) and sanctie and sancties meet.
	if n := len(w); n >= 4 {
		c, v1, v2 := w[n-1], w[n-2], w[n-3]
		switch {
		case !vowel(c) && v1 == v2 && vowel(v1) && v1 != 'i':
			w = w[:n-2] + string(c)
		case !vowel(c) && c == v1:
			w = w[:n-1]
		}
	}
	return w
}

func vowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// concept builds a test concept: terms as "lang:text:status" triples,
// status optional.
func concept(id string, terms ...string) glossary.Concept {
	c := glossary.Concept{ID: id, Collection: "test"}
	for _, t := range terms {
		parts := strings.SplitN(t, ":", 3)
		term := glossary.Term{Lang: parts[0], Text: parts[1]}
		if len(parts) == 3 {
			term.Status = glossary.Status(parts[2])
		}
		c.Terms = append(c.Terms, term)
	}
	return c
}
