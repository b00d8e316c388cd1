package match

import (
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index"
)

// termForms is the FormsFunc tolk passes, without a word list.
func termForms(t glossary.Term) []string {
	return index.TermForms(t.Lang, t.POS, t.Text, t.Plural, nil)
}

// TestAnnotateForms: with the forms of the terms, inflected and split
// verbs are recognised and the inflected adjective is the adjective's
// concept, not a noun's or a country's that shares its key (issue 12:
// "militaire" was annotated soldier, "Nederlandse" the Netherlands).
func TestAnnotateForms(t *testing.T) {
	m := NewMatcher(curatedForTest(t), Options{Key: index.TermKey, Forms: termForms})
	tests := []struct {
		text, word, concept, via string
	}{
		{"zowel de militaire als civiele activiteiten", "militaire", "militair-bn", ViaStem},
		{"De Nederlandse stafofficieren (drie militairen)", "militairen", "militair", ViaStem},
		{"De Nederlandse stafofficieren (drie militairen)", "Nederlandse", "nederlands", ViaStem},
		{"Nederland heeft in reactie hierop besloten", "Nederland", "nederland", ViaExact},
		{"rotatie van Nederlands personeel", "Nederlands", "nederlands", ViaExact},
		{"De VN Veiligheidsraad veroordeelde de staatsgreep", "veroordeelde", "veroordelen", ViaStem},
		{"Internationale partners hebben de staatsgreep veroordeeld en", "veroordeeld", "veroordelen", ViaStem},
		{"besloten om de activiteiten grotendeels op te schorten, omdat", "op te schorten", "opschorten", ViaStem},
		{"hun financiële steun opgeschort", "opgeschort", "opschorten", ViaStem},
		{"waarin de staatsgreep wordt veroordeeld", "veroordeeld", "veroordelen", ViaStem},
	}
	for _, tt := range tests {
		t.Run(tt.word+" in "+tt.text, func(t *testing.T) {
			for _, a := range m.Annotate(tt.text, "nl") {
				if a.Text == tt.word {
					if a.Concept != tt.concept || a.Via != tt.via {
						t.Errorf("%q: concept %s via %s, want %s via %s", a.Text, a.Concept, a.Via, tt.concept, tt.via)
					}
					return
				}
			}
			t.Errorf("%q not annotated in %q: %+v", tt.word, tt.text, m.Annotate(tt.text, "nl"))
		})
	}
}

// TestAnnotateNotDerived: a word that shares a term's key only because
// Snowball strips a derivational ending is another word, not the term:
// burgerlijk (civil) is not burger (citizen), uitsluitend (exclusively)
// is not uitsluiten, uitvoerbaar not uitvoeren; the term's own inflection
// still is (burgers; deelnemende landen for deelnemend land).
func TestAnnotateNotDerived(t *testing.T) {
	m := NewMatcher(curatedForTest(t), Options{Key: index.TermKey, Forms: termForms})
	text := "Het Burgerlijk Wetboek geldt uitsluitend voor burgers; het besluit is uitvoerbaar voor de deelnemende landen."
	got := map[string]string{}
	for _, a := range m.Annotate(text, "nl") {
		got[a.Text] = a.Concept
	}
	for _, w := range []string{"Burgerlijk", "uitsluitend", "uitvoerbaar"} {
		if c, ok := got[w]; ok {
			t.Errorf("%s annotated as %s", w, c)
		}
	}
	if got["burgers"] != "burger" || got["deelnemende landen"] != "deelnemende-landen" {
		t.Errorf("the terms' own forms: %v, want burgers as burger and deelnemende landen as deelnemende-landen", got)
	}
}
