package app

import (
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestConceptTermPrecedence: of two concepts of one collection with the
// same term, the matcher takes the older for it, whatever their ids or
// head terms; it took the one whose head term, then id, sorted first, so
// a colleague's newer concept could take the term from the one in use.
func TestConceptTermPrecedence(t *testing.T) {
	a := openShipped(t)
	older := glossary.Concept{ID: "zorgraad-x", Terms: []glossary.Term{
		{Lang: "nl", Text: "zorgvuldigheidsraad", POS: "noun"}, {Lang: "en", Text: "diligence council", POS: "noun"}}}
	newer := glossary.Concept{ID: "zorgraad-a", Terms: []glossary.Term{
		{Lang: "nl", Text: "zorgvuldigheidsraad", POS: "noun"}, {Lang: "en", Text: "care council", POS: "noun"}}}
	for _, c := range []glossary.Concept{older, newer} {
		c.Collection = glossary.CollectionUser
		if _, err := a.CreateConcept(c, "test"); err != nil {
			t.Fatal(err)
		}
	}
	conceptOf := func() string {
		t.Helper()
		for _, an := range a.Annotate("De zorgvuldigheidsraad besliste.", "nl") {
			if an.Text == "zorgvuldigheidsraad" {
				return an.Concept
			}
		}
		return ""
	}
	if got := conceptOf(); got != "zorgraad-x" {
		t.Errorf("annotated as %q, want the older zorgraad-x", got)
	}
	// The check asks for the older concept's English, not the newer's.
	for _, is := range a.Check("De zorgvuldigheidsraad besliste.", "The diligence council decided.") {
		if is.Concept == "zorgraad-a" || is.Concept == "zorgraad-x" {
			t.Errorf("check: %+v", is)
		}
	}
}
