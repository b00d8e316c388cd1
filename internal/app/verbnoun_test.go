package app

import (
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestCheckVerbTermNounUse: verb concepts a user adds (besluiten,
// voorstellen, verzoeken) are not found in their nouns (het besluit, het
// voorstel, het verzoek), so the check does not ask for decide, propose
// and request in a translation of the nouns; the verbs still are found.
func TestCheckVerbTermNounUse(t *testing.T) {
	a := openShipped(t)
	for _, v := range [][2]string{{"besluiten", "decide"}, {"voorstellen", "propose"}, {"verzoeken", "request"}} {
		c := glossary.Concept{Terms: []glossary.Term{{Lang: "nl", Text: v[0], POS: "verb"}, {Lang: "en", Text: v[1], POS: "verb"}}}
		if _, err := a.CreateConcept(c, "test"); err != nil {
			t.Fatal(err)
		}
	}
	nl := "Het besluit is genomen. Het voorstel is besproken. Het verzoek is afgewezen. De voorstellen zijn besproken."
	for _, an := range a.Annotate(nl, "nl") {
		if an.Term == "besluiten" || an.Term == "voorstellen" || an.Term == "verzoeken" {
			t.Errorf("%q annotated as the verb %s", an.Text, an.Term)
		}
	}
	for _, is := range a.Check(nl, "The decision was taken. The proposal was discussed. The application was rejected. The proposals were discussed.") {
		if is.NLTerm == "besluiten" || is.NLTerm == "voorstellen" || is.NLTerm == "verzoeken" {
			t.Errorf("check: %+v", is)
		}
	}
	verbs := "Wij besluiten morgen. Ik verzoek de minister een brief te sturen."
	var got []string
	for _, an := range a.Annotate(verbs, "nl") {
		if an.Term == "besluiten" || an.Term == "verzoeken" {
			got = append(got, an.Text)
		}
	}
	if len(got) != 2 {
		t.Errorf("%q: verbs found %q, want besluiten and verzoek", verbs, got)
	}
}
