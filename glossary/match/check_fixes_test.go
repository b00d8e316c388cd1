package match

import (
	"slices"
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

// TestCheckTermInName: a capitalised term that is one word of a longer
// capitalised name (Patiëntenfederatie Nederland) is not checked: the
// name is translated, or kept, as a whole. A capitalised word that only
// opens the sentence makes no name.
func TestCheckTermInName(t *testing.T) {
	m := NewMatcher(curatedForTest(t), Options{Key: index.TermKey, Forms: termForms})
	tests := []struct {
		name, nl, en string
		spans        int // Nederland's occurrences checked; 0: not checked
	}{
		{"organisation name", "Ik zal het voorstel van de Patiëntenfederatie Nederland bekijken.", "I will look at the proposal of the Dutch Patients Federation.", 0},
		{"name first", "Het voorstel van Nederland Distributieland is gelezen.", "The proposal of Holland International Distribution Council was read.", 0},
		{"sentence start before", "Volgens Nederland is dat goed.", "According to the Netherlands that is good.", 1},
		{"alone", "Nederland steunt de VN.", "The Netherlands supports the UN.", 1},
		{"one in a name, one not", "Wij spraken met Vluchtelingenwerk Nederland en met Nederland.", "We spoke with the Dutch Council for Refugees and with the Netherlands.", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checkKind(t, m, tt.nl, tt.en, "nederland")
			switch {
			case tt.spans == 0 && c != nil:
				t.Errorf("nederland checked: %+v", *c)
			case tt.spans > 0 && c == nil:
				t.Errorf("nederland not checked")
			case tt.spans > 0 && (len(c.NL) != tt.spans || c.Kind != KindPassed):
				t.Errorf("got %+v, want passed with %d spans", *c, tt.spans)
			}
		})
	}
}

// TestCheckNationalityBeforeName: a capitalised adjective of nationality
// is checked before a name (Duitse ISR-taskforce: German), and makes no
// name of the term after it (Nederlandse Tweede Kamer).
func TestCheckNationalityBeforeName(t *testing.T) {
	m := NewMatcher(curatedForTest(t), Options{Key: index.TermKey, Forms: termForms})
	if c := checkKind(t, m, "Hij werkt bij de Duitse Intelligence Taskforce.", "He works at the Intelligence Taskforce.", "duits"); c == nil || c.Kind != KindMissing {
		t.Errorf("Duitse before a name: %+v, want missing", c)
	}
	if c := checkKind(t, m, "Dat zei de Nederlandse Tweede Kamer.", "The Dutch Second Chamber said so.", "tweede-kamer"); c == nil || c.Kind != KindDeprecated {
		t.Errorf("Tweede Kamer after Nederlandse: %+v, want deprecated", c)
	}
}

// TestCheckBySentence: with as many sentences in the source as in the
// translation, each source sentence with a concept must render it; the
// sentence that does not is named. With different counts the whole text
// is checked.
func TestCheckBySentence(t *testing.T) {
	m := NewMatcher(curatedForTest(t), Options{Key: index.TermKey, Forms: termForms})
	nl := "In het regeerakkoord zijn middelen vrijgemaakt. Het regeerakkoord noemt ook de ouderenzorg."
	tests := []struct {
		name, en  string
		kind      string
		sentences []int
	}{
		{"first sentence wrong", "The government agreement has freed up funds. The coalition agreement also mentions care for the elderly.", KindMissing, []int{1}},
		{"both right", "The coalition agreement has freed up funds. The coalition agreement also mentions care for the elderly.", KindPassed, nil},
		{"both wrong", "The government agreement has freed up funds. The government agreement also mentions care for the elderly.", KindMissing, []int{1, 2}},
		{"one sentence: whole text", "The government agreement has freed up funds, and the coalition agreement also mentions care for the elderly.", KindPassed, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checkKind(t, m, nl, tt.en, "regeerakkoord")
			if c == nil {
				t.Fatal("regeerakkoord not checked")
			}
			if c.Kind != tt.kind || !slices.Equal(c.Sentences, tt.sentences) {
				t.Errorf("kind %s, sentences %v; want %s, %v (%+v)", c.Kind, c.Sentences, tt.kind, tt.sentences, *c)
			}
			if len(c.NL) != 2 {
				t.Errorf("source spans %+v, want both", c.NL)
			}
		})
	}
	// A deprecated rendering in the sentence that has the concept.
	c := checkKind(t, m, "De Tweede Kamer stemde. Zij stemde opnieuw.", "The House voted. The Second Chamber voted again.", "tweede-kamer")
	if c == nil || c.Kind != KindPassed {
		t.Errorf("a deprecated term in a sentence without the concept counted: %+v", c)
	}
	for _, tt := range []struct {
		text string
		want []int
	}{
		{"Een. Twee! Drie? vier.", []int{0, 5, 11}},
		{"Kop\n\nTekst hier. (Haakjes.) Nog.", []int{0, 5, 17, 28}},
		{"Hij zei: “Ja.” Toen ging hij.", []int{0, 19}},
	} {
		if got := sentenceBounds(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("sentenceBounds(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
