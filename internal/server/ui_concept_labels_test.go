package server

import (
	"regexp"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestConceptEditLabelsCapitalised: every field label of a term row of
// the edit form starts with a capital, in Dutch and in English. The part
// of speech, article and plural were labelled woordsoort, lidwoord,
// meervoud (part of speech, article, plural) beside Taal, Term, Status.
func TestConceptEditLabelsCapitalised(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	label := regexp.MustCompile(`<label for="t1-[a-z]+">([^<]+)</label>`)
	for _, ui := range []string{"nl", "en"} {
		_, page := fetch(t, ts, "GET", "/glossary/aankondigen/edit?ui="+ui, nil, nil)
		ms := label.FindAllStringSubmatch(page, -1)
		if len(ms) < 7 {
			t.Fatalf("ui=%s: %d labels of term 1, want at least 7", ui, len(ms))
		}
		for _, m := range ms {
			if r, _ := utf8.DecodeRuneInString(m[1]); !unicode.IsUpper(r) {
				t.Errorf("ui=%s: label %q starts in lower case", ui, m[1])
			}
		}
	}
}
