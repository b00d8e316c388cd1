package fuzzy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/index"
)

// Kind is what a token is.
type Kind uint8

// Token kinds.
const (
	Word Kind = iota
	Number
	Punct
)

// Token is one token of a text: its bytes text[Start:End], its kind, and
// (for words and numbers) the folded form and the inflection key.
type Token struct {
	Start, End int
	Text       string
	Kind       Kind
	Fold       string // lower case without diacritics (index.Fold)
	Key        string // inflection key; "#" for every number; "" for punctuation
}

// KeyFunc returns the inflection key of a folded word.
type KeyFunc func(folded string) string

// KeyFor returns the inflection key function of a language: the index's
// Dutch key (lemma overrides, Snowball) for "nl", the inflection-only
// English key for "en", and folding alone for any other.
func KeyFor(lang string) KeyFunc {
	switch lang {
	case "nl":
		return func(w string) string { return index.Key("nl", w) }
	case "en":
		return func(w string) string { return index.TermKey("en", w) }
	}
	return func(w string) string { return w }
}

// Tokenize cuts text into tokens (see the package comment); key gives the
// inflection key of a folded word (nil: the folded word itself).
func Tokenize(text string, key KeyFunc) []Token {
	var out []Token
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			end, digits, letters := wordEnd(text, i)
			t := Token{Start: i, End: end, Text: text[i:end]}
			switch {
			case digits && !letters:
				t.Kind, t.Fold, t.Key = Number, t.Text, "#"
			default:
				t.Kind = Word
				t.Fold = index.Fold(t.Text)
				if key != nil {
					t.Key = key(t.Fold)
				} else {
					t.Key = t.Fold
				}
			}
			out = append(out, t)
			i = end
		default:
			out = append(out, Token{Start: i, End: i + size, Text: text[i : i+size], Kind: Punct})
			i += size
		}
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordEnd returns where the word starting at i ends, and whether it has
// digits and letters. Hyphens and apostrophes join word characters on
// both sides; '.' and ',' join digits (1.000,50).
func wordEnd(text string, i int) (end int, digits, letters bool) {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			if unicode.IsDigit(r) {
				digits = true
			} else {
				letters = true
			}
			i += size
			continue
		case strings.ContainsRune("-'’", r):
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); i+size < len(text) && isWordRune(next) {
				i += size
				continue
			}
		case r == '.' || r == ',':
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			if i+size < len(text) && unicode.IsDigit(prev) && unicode.IsDigit(next) {
				i += size
				continue
			}
		}
		break
	}
	return i, digits, letters
}
