package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as the analyzers see it before stemming: lower case,
// canonically decomposed (NFD) with combining marks removed, typographic
// apostrophes and primes unified to ', soft hyphens removed. Precomposed and
// decomposed input fold the same way ("Keïta", "Kei\u0308ta" → "keita"), so
// index and query agree whatever the source's normalisation.
func Fold(s string) string {
	if isFoldedASCII(s) {
		return s
	}
	return string(foldBytes(nil, []byte(s)))
}

// isFoldedASCII reports whether s is already folded: pure ASCII without
// upper-case letters or characters Fold rewrites. Most tokens are, and this
// keeps the analyzers from allocating for them.
func isFoldedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || c == '`' {
			return false
		}
	}
	return true
}

func isFoldedASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || c == '`' {
			return false
		}
	}
	return true
}

// foldBytes appends the folded form of b to dst.
func foldBytes(dst, b []byte) []byte {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for _, c := range b {
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '`':
				c = '\''
			}
			dst = append(dst, c)
		}
		return dst
	}
	var it norm.Iter
	it.Init(norm.NFD, b)
	for !it.Done() {
		seg := it.Next()
		for len(seg) > 0 {
			r, size := utf8.DecodeRune(seg)
			seg = seg[size:]
			if unicode.Is(unicode.Mn, r) {
				continue
			}
			switch r {
			case '\u2019', '\u2018', '\u02bc', '\u2032', '\u00b4', '`', '\u201b':
				r = '\''
			case '\u00ad': // soft hyphen: an invisible line-break hint
				continue
			case 'ß':
				dst = append(dst, "ss"...)
				continue
			case 'æ', 'Æ':
				dst = append(dst, "ae"...)
				continue
			case 'œ', 'Œ':
				dst = append(dst, "oe"...)
				continue
			case 'ø', 'Ø':
				r = 'o'
			case 'ł', 'Ł':
				r = 'l'
			case 'đ', 'Đ':
				r = 'd'
			case 'ı':
				r = 'i'
			case 'ĳ', 'Ĳ': // the Dutch ij digraph as one code point
				dst = append(dst, "ij"...)
				continue
			default:
				r = unicode.ToLower(r)
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// trimApostropheS removes a trailing "'s" or "'" from a folded word: Dutch
// writes the plural of words ending in a long vowel with an apostrophe
// ("programma's", "auto's") and the possessive of words ending in s with a
// bare one ("Kees'"). Inner apostrophes ("zo'n") stay.
func trimApostropheS(w string) string {
	if strings.HasSuffix(w, "'s") && len(w) > 2 {
		return w[:len(w)-2]
	}
	if strings.HasSuffix(w, "'") && len(w) > 1 {
		return w[:len(w)-1]
	}
	return w
}
