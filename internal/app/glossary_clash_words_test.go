package app

import (
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestTheirTerms: a clash warning names the other concept's terms to use;
// one without them says so instead of "whose English is none" or naming a
// deprecated term as its English ("show its English: \"putsch\"").
func TestTheirTerms(t *testing.T) {
	const has, none = "whose %s is %s", "which has no %s term%s"
	tests := []struct {
		name  string
		terms []glossary.Term
		want  string
	}{
		{"preferred", []glossary.Term{{Lang: "en", Text: "coup d'état", Status: glossary.Preferred}, {Lang: "en", Text: "putsch", Status: glossary.Deprecated}},
			`whose English is "coup d'état"`},
		{"no status", []glossary.Term{{Lang: "en", Text: "coup"}}, `whose English is "coup"`},
		{"none", []glossary.Term{{Lang: "nl", Text: "staatsgreep"}}, "which has no English term"},
		{"only deprecated", []glossary.Term{{Lang: "en", Text: "putsch", Status: glossary.Deprecated}, {Lang: "en", Text: "golpe", Status: glossary.Superseded}},
			`which has no English term to use, only "putsch" (deprecated), "golpe" (superseded)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := glossary.Concept{ID: "x", Terms: append([]glossary.Term{{Lang: "nl", Text: "staatsgreep"}}, tt.terms...)}
			if got := theirTerms(c, "en", has, none); got != tt.want {
				t.Errorf("theirTerms = %q, want %q", got, tt.want)
			}
		})
	}
}
