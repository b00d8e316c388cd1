package app

import (
	"testing"

	"github.com/tolk-nl/tolk/glossary/match"
)

// TestCheckInfinitiveIsNoNoun: a Dutch -en form of a noun term that the
// clause uses as a verb (after te; at the clause's end with a modal or
// auxiliary earlier in it and no article, determiner, preposition or
// adjective before it) is not that noun term: onderzoeken in "wij zullen
// onderzoeken of" is investigate, not the plural of onderzoek. The same
// form used as a noun still is the term.
func TestCheckInfinitiveIsNoNoun(t *testing.T) {
	a := openShipped(t)
	has := func(as []match.Annotation, concept string) bool {
		for _, x := range as {
			if x.Concept == concept {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name, nl string
		noun     bool // onderzoek is annotated
	}{
		{"modal, clause end before of", "Wij zullen onderzoeken of de steun kan worden hervat.", false},
		{"te", "Het kabinet is bereid te onderzoeken of dat kan.", false},
		{"om te", "Er is tijd nodig om de gevolgen te onderzoeken.", false},
		{"object between", "Wij zullen de mogelijkheden onderzoeken.", false},
		{"pronoun object", "Wij zullen het onderzoeken.", false},
		{"laten", "De minister laat onderzoeken of het kan.", false},
		{"noun after article", "Wij zullen de onderzoeken afwachten.", true},
		{"noun after adjective", "Dit kan leiden tot nieuwe onderzoeken.", true},
		{"noun after preposition", "Dit kan leiden tot onderzoeken.", true},
		{"noun after determiner", "Er moeten meer onderzoeken komen.", true},
		{"noun, no verb", "De onderzoeken zijn afgerond.", true},
		{"noun at the end without a modal", "Zij noemde twee onderzoeken.", true},
		{"noun not at the clause's end", "Wij zullen onderzoeken van de Rekenkamer afwachten.", true},
		{"singular", "Wij zullen onderzoek doen.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := has(a.Annotate(tt.nl, "nl"), "onderzoek"); got != tt.noun {
				t.Errorf("Annotate(%q) finds onderzoek: %v, want %v", tt.nl, got, tt.noun)
			}
		})
	}
	// An -en form that is no verb's (the word list has no woningt)
	// stays the noun where the clause would allow a verb.
	if !has(a.Annotate("Wij willen woningen.", "nl"), "woning") {
		t.Errorf("woningen after willen is not the noun woning")
	}
	for _, p := range [][2]string{
		{"Wij zullen onderzoeken of de steun kan worden hervat.", "We will investigate whether support can be resumed."},
		{"Het is nodig te onderzoeken of dat kan.", "It is necessary to investigate whether that is possible."},
		{"Wij zullen de mogelijkheden onderzoeken.", "We will explore the possibilities."},
	} {
		for _, c := range a.CheckAll(p[0], p[1]) {
			if c.Concept == "onderzoek" {
				t.Errorf("CheckAll(%q) checks onderzoek: %+v", p[0], c)
			}
		}
	}
}
