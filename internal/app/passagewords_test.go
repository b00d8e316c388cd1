package app

import (
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

// TestPassageWords checks the hand-written tokenizer against the rule it
// implements: words are runs of letters, digits and apostrophes.
func TestPassageWords(t *testing.T) {
	ref := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' && r != '\''
		})
	}
	for _, tt := range []struct{ name, text string }{
		{"empty", ""},
		{"plain", "De minister van Buitenlandse Zaken"},
		{"punctuation", "sancties (ECOWAS), 1.200 euro; art. 3-bis!"},
		{"apostrophes", "auto's en foto’s, 's-Hertogenbosch"},
		{"diacritics", "financiële gevolgen, coöperatie, één"},
		{"other scripts", "Ελλάδα и Россия ２０２４"},
		{"invalid utf-8", "ab\xffcd \xc3 e"},
		{"edges", "  woord  "},
		{"only separators", " ,.;- "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if d := cmp.Diff(ref(tt.text), newPassageWords(tt.text).toks, cmpEmpty); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

var cmpEmpty = cmp.Transformer("nilEmpty", func(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
})
