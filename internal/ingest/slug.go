package ingest

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"

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
// when s has no letters or digits. A longer one is cut to 71 bytes and
// ends in '-' and eight hex digits of a hash of the whole: two long names
// that differ only past the cut (… deel 1, … deel 2) give two ids, where
// one id for both made the second upload's answer "already exists,
// replace it", which would have overwritten the first.
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
	if len(out) > maxSlug {
		h := fnv.New32a()
		h.Write([]byte(out))
		out = fmt.Sprintf("%s-%08x", strings.TrimRight(out[:maxSlug-9], "-"), h.Sum32())
	}
	return out
}

// maxSlug is the most bytes of a document ID.
const maxSlug = 80

// MaxNameLen bounds a document name in bytes, as most file systems bound
// a file name.
const MaxNameLen = 255

// CleanName returns a document's name as it may be stored and shown: valid
// UTF-8 (each invalid byte run becomes U+FFFD), every run of white space
// (newlines and tabs included) one space, control and format characters
// (NUL, bidirectional overrides, zero-width characters) dropped, both ends
// trimmed, at most MaxNameLen bytes. A name comes from the client (?name=,
// a multipart file name); kept raw, a newline or NUL in it ends up in
// listings, logs and the Content-Disposition of an export.
func CleanName(name string) string {
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "\uFFFD")
	}
	var b strings.Builder
	b.Grow(min(len(name), MaxNameLen))
	space := false
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		}
		n := utf8.RuneLen(r)
		if space && b.Len() > 0 {
			n++
		}
		if b.Len()+n > MaxNameLen {
			break
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
