package app

import (
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestOneLanguageConceptHidesNothing: a user's concept with a Dutch term
// and no English one (a CSV row whose English cell was empty) does not
// take huurtoeslag from the curated concept, which has the English:
// annotate shows the curated concept and the check still checks it. A
// user's complete concept still beats the curated one.
func TestOneLanguageConceptHidesNothing(t *testing.T) {
	a := openShipped(t)
	if err := a.ImportConcepts([]glossary.Concept{{Collection: glossary.CollectionUser,
		Terms: []glossary.Term{{Lang: "nl", Text: "huurtoeslag"}}}}, "test"); err != nil {
		t.Fatal(err)
	}
	text := "De huurtoeslag is verhoogd."
	annotated := func() (string, int) {
		for _, an := range a.Annotate(text, "nl") {
			if text[an.Start:an.End] == "huurtoeslag" {
				return an.Concept, len(an.Equivalents)
			}
		}
		return "", 0
	}
	if id, eq := annotated(); id != "huurtoeslag" || eq == 0 {
		t.Errorf("huurtoeslag annotated as %q with %d equivalents, want the curated huurtoeslag with its English", id, eq)
	}
	checked := func() string {
		for _, c := range a.CheckAll(text, "The rent allowance has been increased.") {
			if c.NLTerm == "huurtoeslag" {
				return c.Concept
			}
		}
		return ""
	}
	if id := checked(); id != "huurtoeslag" {
		t.Errorf("/check takes huurtoeslag for %q, want the curated huurtoeslag", id)
	}
	// A complete concept of the user's still comes first.
	c, err := a.CreateConcept(glossary.Concept{Collection: glossary.CollectionUser,
		Terms: []glossary.Term{{Lang: "nl", Text: "huurtoeslag"}, {Lang: "en", Text: "housing benefit"}}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := annotated(); id != c.ID {
		t.Errorf("huurtoeslag annotated as %q, want the user's complete concept %q", id, c.ID)
	}
	if id := checked(); id != c.ID {
		t.Errorf("/check takes huurtoeslag for %q, want the user's complete concept %q", id, c.ID)
	}
}
