package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// line is one input line after normalisation.
type line struct {
	text      string // normalised, no leading or trailing space
	pageStart bool   // the raw line started with a space or followed a form feed
}

// splitLines splits text into normalised lines. A form feed starts a new
// page, as pdftotext writes one between pages.
func splitLines(s string) []line {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	raw := strings.Split(s, "\n")
	out := make([]line, 0, len(raw))
	afterFF := false
	for _, r := range raw {
		if i := strings.LastIndexByte(r, '\f'); i >= 0 {
			// Whatever precedes the last form feed on this line belongs to
			// earlier pages; keep it as its own line.
			for _, part := range strings.Split(r[:i], "\f") {
				if t := normalizeInline(part); t != "" {
					out = append(out, line{text: t, pageStart: true})
				}
			}
			r = r[i+1:]
			afterFF = true
		}
		t := normalizeInline(r)
		ps := afterFF || strings.HasPrefix(r, " ") || strings.HasPrefix(r, "\u00a0")
		if t != "" {
			afterFF = false
		}
		out = append(out, line{text: t, pageStart: ps})
	}
	return out
}

// ligatures are presentation forms PDF extraction leaves in words; NFC
// keeps them, so a search for "financiële" would miss "ﬁnanciële".
var ligatures = strings.NewReplacer(
	"\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl",
	"\uFB05", "st", "\uFB06", "st",
)

// normalizeInline returns s in NFC with ligatures expanded, invisible
// characters (zero-width spaces, byte order marks) dropped, every run of
// white space collapsed to one space and both ends trimmed. Soft hyphens
// are kept: at a line end they mark hyphenation, and joinLines removes them.
func normalizeInline(s string) string {
	if plainASCII(s) {
		return s // most lines of a letter: nothing to change, nothing to copy
	}
	s = norm.NFC.String(ligatures.Replace(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			// unicode.IsSpace and IsControl for ASCII, without the tables.
			switch {
			case r == ' ' || '\t' <= r && r <= '\r':
				space = true
				continue
			case r < ' ' || r == 0x7f:
				continue
			}
		} else {
			switch {
			case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
				continue
			case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
				space = true
				continue
			case unicode.IsControl(r):
				continue
			}
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// plainASCII reports whether s is printable ASCII with single spaces
// between its words and none at either end, which normalizeInline
// returns unchanged: NFC and the ligatures leave ASCII as it is.
func plainASCII(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if space {
				return false
			}
			space = true
		case c < 0x21 || c > 0x7e:
			return false
		default:
			space = false
		}
	}
	return true
}
