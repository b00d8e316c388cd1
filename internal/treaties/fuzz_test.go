package treaties

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The seed corpora live in testdata/fuzz/FuzzRead and
// testdata/fuzz/FuzzFirstSentence.

// FuzzRead checks that Read never panics and that what it returns has a
// document id and an article number.
func FuzzRead(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		pairs, err := Read(strings.NewReader(string(data)))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "treaties: ") {
				t.Fatalf("error without the package prefix: %v", err)
			}
			return
		}
		for _, p := range pairs {
			if p.Doc == "" || p.Article == "" {
				t.Fatalf("pair without id: %+v", p)
			}
		}
	})
}

// FuzzFirstSentence checks the shape of what FirstSentence and Heading
// return: one trimmed line, valid UTF-8 for valid input, never longer than
// the input.
func FuzzFirstSentence(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		h, body := Heading(text)
		if !strings.HasSuffix(text, body) || len(h) > len(text) {
			t.Fatalf("Heading(%q) = %q, %q", text, h, body)
		}
		for _, s := range []string{h, FirstSentence(body), FirstSentence(text)} {
			if strings.ContainsAny(s, "\n\r") || strings.TrimSpace(s) != s || len(s) > len(text) {
				t.Fatalf("from %q: %q", text, s)
			}
			if utf8.ValidString(text) && !utf8.ValidString(s) {
				t.Fatalf("from valid %q: invalid %q", text, s)
			}
		}
	})
}
