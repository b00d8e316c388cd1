package ingest

import "testing"

// stripInlineAll is stripInline without its guards: every expression on
// every string.
func stripInlineAll(s string) string {
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdTag.ReplaceAllString(s, "")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$1$2")
	s = mdEmph.ReplaceAllString(s, "$1$2$3$4")
	s = mdEscape.ReplaceAllString(s, "$1")
	return s
}

// FuzzStripInline: the guards that spare stripInline its expressions on
// lines without markup change nothing.
func FuzzStripInline(f *testing.F) {
	for _, s := range []string{
		"plain text", "![alt](img.png) and [link](url)", "[ref][1]", "<https://x.nl> <b>bold</b>",
		"`code` **strong** __strong__ *em* _em_ snake_case", `\*not em\*`, "[a](b)](c)", "![![x](y)](z)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripInline(s), stripInlineAll(s); got != want {
			t.Errorf("stripInline(%q) = %q, want %q", s, got, want)
		}
	})
}
