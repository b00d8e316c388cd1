package ingest

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalizeInlineSlow is normalizeInline as it was before its shortcuts
// (the ASCII fast path and the ASCII branch of the loop): the definition
// FuzzNormalizeInline compares with.
func normalizeInlineSlow(s string) string {
	s = norm.NFC.String(ligatures.Replace(s))
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			continue
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzNormalizeInline: normalizeInline's shortcuts change nothing.
func FuzzNormalizeInline(f *testing.F) {
	for _, s := range []string{
		"", " ", "plain text", " lead", "trail ", "two  spaces", "tab\there", "nl\nx", "\x00\x1f\x7f",
		"ﬁnanciële", "a\u00a0b", "a\u200bb", "e\u0301", "x\u0085y", "a\u2003b", "~!@#$%^&*()_+", "\ufeffBOM",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalizeInline(s), normalizeInlineSlow(s); got != want {
			t.Errorf("normalizeInline(%q) = %q, want %q", s, got, want)
		}
	})
}
