package match

import (
	"unicode"
	"unicode/utf8"
)

// token is one word of a text: text[start:end].
type token struct {
	start, end int
	flags      uint8
	next       uint8 // gap kind of the separator before the next token (gapSpace for the last)
}

const (
	upperFirst uint8 = 1 << iota // first letter is upper case
	shortCaps                    // 2–3 letters, all upper case: taken for an acronym
	joinNext                     // broken at a line end with a hyphen; the next token continues it
)

// gap kinds: what separates two consecutive words.
const (
	gapSpace  = iota // white space only
	gapHyphen        // exactly one hyphen, nothing else: a hyphenated word
	gapBroken        // a hyphen followed by white space: line-break hyphenation or an elided part (Noord- en)
	gapOther         // any other punctuation
)

func isHyphen(r rune) bool {
	return r == '-' || r == '‐' || r == '‑' // ASCII, U+2010, U+2011
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// wordRune reports whether r belongs inside a word.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// tokenize cuts s into words. It appends to buf to let callers reuse it.
func tokenize(s string, buf []token) []token {
	toks := buf[:0]
	i := 0
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !wordRune(r) {
			i += n
			continue
		}
		start := i
		letters, uppers, lowers := 0, 0, 0
		first := true
		var flags uint8
		for i < len(s) {
			// ASCII letters and digits take the short way: most words
			// of Dutch and English text are all ASCII.
			if c := s[i]; c < utf8.RuneSelf {
				switch {
				case 'a' <= c && c <= 'z':
					letters++
					lowers++
					first = false
					i++
					continue
				case 'A' <= c && c <= 'Z':
					letters++
					uppers++
					if first {
						flags |= upperFirst
					}
					first = false
					i++
					continue
				case '0' <= c && c <= '9':
					i++
					continue
				}
			}
			r, n = rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			if !wordRune(r) {
				// An apostrophe between two word characters stays inside
				// the word: programma’s, d'état.
				if isApostrophe(r) && i+n < len(s) {
					r2, _ := utf8.DecodeRuneInString(s[i+n:])
					if wordRune(r2) && !isApostrophe(r2) {
						i += n
						continue
					}
				}
				break
			}
			if unicode.IsLetter(r) {
				letters++
				switch {
				case unicode.IsUpper(r):
					uppers++
					if first {
						flags |= upperFirst
					}
				case unicode.IsLower(r):
					lowers++
				}
				first = false
			}
			i += n
		}
		if letters >= 2 && letters <= 3 && uppers == letters && lowers == 0 && i-start == letters {
			flags |= shortCaps
		}
		toks = append(toks, token{start: start, end: i, flags: flags})
	}
	// Classify the gaps once, for the matcher, and mark line-break
	// hyphenation: "veroor-\ndeeld".
	for k := 0; k+1 < len(toks); k++ {
		g := s[toks[k].end:toks[k+1].start]
		toks[k].next = uint8(gapKind(g))
		if toks[k].next == gapBroken && hasNewline(g) && startsLower(s[toks[k+1].start:]) {
			toks[k].flags |= joinNext
		}
	}
	return toks
}

func hasNewline(g string) bool {
	for i := 0; i < len(g); i++ {
		if g[i] == '\n' || g[i] == '\r' {
			return true
		}
	}
	return false
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// gapKind classifies the separator between two words.
func gapKind(g string) int {
	if g == " " {
		return gapSpace // by far the commonest gap
	}
	hyphens, spaces, other := 0, 0, 0
	hyphenFirst := false
	for i, r := range g {
		switch {
		case isHyphen(r):
			if i == 0 {
				hyphenFirst = true
			}
			hyphens++
		case unicode.IsSpace(r):
			spaces++
		default:
			other++
		}
	}
	switch {
	case other > 0 || hyphens > 1:
		return gapOther
	case hyphens == 1 && spaces == 0:
		return gapHyphen
	case hyphens == 1 && hyphenFirst:
		return gapBroken
	case hyphens == 1:
		return gapOther // " - " is a dash between clauses, not a word joint
	default:
		return gapSpace
	}
}

// stripSpace returns g without white space, to compare punctuation gaps.
func sameGap(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && isSpaceByte(a, i) {
			i += spaceLen(a, i)
		}
		for j < len(b) && isSpaceByte(b, j) {
			j += spaceLen(b, j)
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		if ra != rb && !(isHyphen(ra) && isHyphen(rb)) && !(isApostrophe(ra) && isApostrophe(rb)) {
			return false
		}
		i += na
		j += nb
	}
}

func isSpaceByte(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

func spaceLen(s string, i int) int {
	_, n := utf8.DecodeRuneInString(s[i:])
	return n
}
