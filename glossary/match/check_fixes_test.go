package match

import (
	"testing"

	"github.com/tolk-nl/tolk/index"
)

// checkKind runs CheckAll with the curated glossary and tolk's KeyFunc and
// forms, and returns the verdict on concept, or "" when it is not checked.
func checkKind(t *testing.T, m *Matcher, nl, en, concept string) *ConceptCheck {
	t.Helper()
	for _, c := range m.CheckAll(nl, en) {
		checkSpans(t, nl, c.NL)
		checkSpans(t, en, c.EN)
		if c.Concept == concept {
			return &c
		}
	}
	return nil
}

// TestCheckAcronymPlural: an English acronym term counts in its plural
// with -s or 's (MPs, NGOs, CSOs), as other English plurals do; a Dutch
// acronym is not pluralised with a bare -s, and a word of capitals with
// another letter after them is no plural.
func TestCheckAcronymPlural(t *testing.T) {
	m := NewMatcher(curatedForTest(t), Options{Key: index.TermKey, Forms: termForms})
	tests := []struct {
		name, nl, en, concept, kind, en1 string
	}{
		{"MPs", "Ik informeer de Kamerleden.", "I inform the MPs.", "kamerlid", KindPassed, "MPs"},
		{"MP", "Ik informeer de Kamerleden.", "I inform the MP.", "kamerlid", KindPassed, "MP"},
		{"MP's", "Ik informeer de Kamerleden.", "I inform the MP's.", "kamerlid", KindPassed, "MP's"},
		{"NGOs", "De ngo's helpen.", "The NGOs help.", "ngo", KindPassed, "NGOs"},
		{"CSOs", "De maatschappelijke organisaties helpen.", "The CSOs help.", "maatschappelijke-organisatie", KindPassed, "CSOs"},
		{"not a plural", "Ik informeer de Kamerleden.", "I inform the MPx.", "kamerlid", KindMissing, ""},
		{"lower-case s only", "Ik informeer de Kamerleden.", "I inform the MPS.", "kamerlid", KindMissing, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checkKind(t, m, tt.nl, tt.en, tt.concept)
			if c == nil {
				t.Fatalf("%s not checked", tt.concept)
			}
			if c.Kind != tt.kind {
				t.Errorf("kind %s, want %s (%+v)", c.Kind, tt.kind, *c)
			}
			if tt.en1 != "" && (len(c.EN) == 0 || c.EN[0].Text != tt.en1) {
				t.Errorf("translation spans %+v, want %q", c.EN, tt.en1)
			}
		})
	}
	// Dutch writes an acronym's plural with 's: a bare -s is not the
	// Dutch term (the English NGOs in a Dutch text is no ngo).
	for _, a := range m.Annotate("De AUs en de VNs.", "nl") {
		t.Errorf("Dutch acronym with a bare -s annotated: %+v", a)
	}
}

// TestCheckTweedeKamerTheHouse: the House of Representatives calls itself
// "the House" in English, as the glossary already recommends for uw
// Kamer; the Second Chamber stays deprecated.
func TestCheckTweedeKamerTheHouse(t *testing.T) {
	m := NewMatcher(curatedForTest(t), Options{Key: index.TermKey, Forms: termForms})
	for _, tt := range []struct{ en, kind string }{
		{"The House has voted.", KindPassed},
		{"The House of Representatives has voted.", KindPassed},
		{"The Second Chamber has voted.", KindDeprecated},
	} {
		c := checkKind(t, m, "De Tweede Kamer heeft gestemd.", tt.en, "tweede-kamer")
		if c == nil || c.Kind != tt.kind {
			t.Errorf("%q: %+v, want %s", tt.en, c, tt.kind)
		}
	}
}
