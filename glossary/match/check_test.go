package match

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/glossary"
)

func TestCheck(t *testing.T) {
	m := NewMatcher(testConcepts(), Options{Key: crudeKey})
	tests := []struct {
		name, nl, en string
		want         []Issue
	}{
		{"all present", "De staatsgreep en de sancties.", "The coup d'état and the sanctions.", nil},
		{"admitted term, inflected", "De staatsgrepen.", "The coups.", nil},
		{"missing", "Uw Kamer en de sanctie.", "Parliament and the sanction.", []Issue{
			{Concept: "uw-kamer", NLTerm: "uw Kamer", Expected: []string{"the House", "House of Representatives"}, Kind: KindMissing}}},
		{"deprecated", "De staatsgreep.", "The putsch.", []Issue{
			{Concept: "staatsgreep", NLTerm: "staatsgreep", Expected: []string{"coup d'état", "coup"}, Found: "putsch", Kind: KindDeprecated}}},
		{"deprecated beside an accepted term", "De staatsgreep.", "The coup, or putsch.", []Issue{
			{Concept: "staatsgreep", NLTerm: "staatsgreep", Expected: []string{"coup d'état", "coup"}, Found: "putsch", Kind: KindDeprecated}}},
		{"order of first occurrence", "Sancties na de staatsgreep.", "After it.", []Issue{
			{Concept: "sanctie", NLTerm: "sanctie", Expected: []string{"sanction"}, Kind: KindMissing},
			{Concept: "staatsgreep", NLTerm: "staatsgreep", Expected: []string{"coup d'état", "coup"}, Kind: KindMissing}}},
		{"English terms only count in English", "De staatsgreep.", "De staatsgreep.", []Issue{
			{Concept: "staatsgreep", NLTerm: "staatsgreep", Expected: []string{"coup d'état", "coup"}, Kind: KindMissing}}},
		{"no Dutch terms", "Niets hier.", "Nothing here.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, m.Check(tt.nl, tt.en)); diff != "" {
				t.Errorf("Check (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckDeprecatedInsideAccepted(t *testing.T) {
	m := NewMatcher([]glossary.Concept{
		concept("c", "nl:staatsgreep:preferred", "en:coup d'état:preferred", "en:coup:deprecated"),
	}, Options{Key: crudeKey})
	if got := m.Check("de staatsgreep", "the coup d'état"); len(got) != 0 {
		t.Errorf("a deprecated term inside an accepted one was reported: %+v", got)
	}
	want := []Issue{{Concept: "c", NLTerm: "staatsgreep", Expected: []string{"coup d'état"}, Found: "coups", Kind: KindDeprecated}}
	if diff := cmp.Diff(want, m.Check("de staatsgreep", "the coup d'état and two coups")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestCheckCurated is the acceptance case of the terminology check: the
// letter's first sentence, translated with "coup" but without "the House".
func TestCheckCurated(t *testing.T) {
	cs, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(cs, Options{Key: crudeKey})
	nl := "Met deze brief wordt uw Kamer geïnformeerd over de staatsgreep in Mali, de diplomatieke reacties hierop en de gevolgen voor de Nederlandse inzet."
	en := "This letter informs parliament about the coup in Mali, the diplomatic reactions to it and the consequences for the Dutch deployment."
	issues := m.Check(nl, en)
	byConcept := map[string]Issue{}
	for _, is := range issues {
		byConcept[is.Concept] = is
	}
	is, ok := byConcept["uw-kamer"]
	if !ok || is.Kind != KindMissing || is.NLTerm != "uw Kamer" {
		t.Errorf("uw Kamer not reported missing; issues: %+v", issues)
	}
	if is, ok := byConcept["staatsgreep"]; ok {
		t.Errorf("staatsgreep reported although translated as coup: %+v", is)
	}
	if is, ok := byConcept["mali"]; ok {
		t.Errorf("Mali reported although present: %+v", is)
	}
	// With the House in, uw Kamer is satisfied.
	en2 := "This letter informs the House about the coup in Mali."
	for _, is := range m.Check(nl, en2) {
		if is.Concept == "uw-kamer" || is.Concept == "staatsgreep" {
			t.Errorf("unexpected issue %+v", is)
		}
	}
}
