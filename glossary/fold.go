package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as lookup compares it: compatibility-decomposed (NFKD, so
// the Dutch ligature "ĳ" becomes "ij" and "é" becomes "e" plus a mark),
// without combining marks, lower-cased, with typographic apostrophes and
// hyphens replaced by their ASCII forms and runs of white space collapsed
// to one space. NFKD rather than NFD because text extracted from PDFs
// carries ligatures ("ĳ", "ﬁ") that users never type. Each invalid UTF-8
// byte becomes U+FFFD first: the normalizer leaves the rune after an
// invalid byte undecomposed, so without this Fold(Fold(s)) could differ
// from Fold(s).
func Fold(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune maps one rune of decomposed text to its folded form.
func foldRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201B', '\u02BC', '\u00B4', '\u0060', '\u2032':
		return '\''
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
		return '-'
	}
	return unicode.ToLower(r)
}

// words splits s into its words: maximal runs of letters, digits and
// combining marks (marks count so that "é" in decomposed text does not
// split a word). Everything else, apostrophes and hyphens included,
// separates words, so "coup d'état" has the words coup, d, état.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}
