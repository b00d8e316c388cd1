package ingest

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldLetters spells letters that lose meaning when their marks are
// dropped, or that have no decomposition, in ASCII.
var foldLetters = strings.NewReplacer("ß", "ss", "æ", "ae", "Æ", "ae", "ø", "o", "Ø", "o",
	"œ", "oe", "Œ", "oe", "ł", "l", "Ł", "l", "đ", "d", "Đ", "d", "þ", "th", "Þ", "th")

// Slug makes a document ID from a file name or title: lower-case ASCII
// letters and digits, with a single '-' between runs of them. Accents are
// dropped ("Financiële zaken" → "financiele-zaken"); characters without an
// ASCII spelling separate words. The result is at most 80 bytes and is ""
// when s has no letters or digits.
func Slug(s string) string {
	s = norm.NFKD.String(foldLetters.Replace(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
			// a combining mark of the letter before: drop it
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > 80 {
		out = strings.TrimRight(out[:80], "-")
	}
	return out
}
