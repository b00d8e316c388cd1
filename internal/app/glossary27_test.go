package app

import (
	"testing"
)

// TestGovernmentTermsAnnotated: the session-27 concepts of Dutch public
// administration are recognised in their forms, and a verb Snowball joins
// to a noun in -ing is not taken for it (belast met: charged with, not
// the tax).
func TestGovernmentTermsAnnotated(t *testing.T) {
	a := openShipped(t)
	text := "De minister is belast met de uitvoering. De belastingen op huurwoningen stijgen; Kamerleden van de oppositie " +
		"vragen Gedeputeerde Staten om een koninklijk besluit, te publiceren in de Staatscourant."
	got := map[string]string{}
	for _, an := range a.Annotate(text, "nl") {
		got[text[an.Start:an.End]] = an.Concept
	}
	want := map[string]string{
		"belastingen": "belasting", "huurwoningen": "huurwoning", "Kamerleden": "kamerlid", "oppositie": "oppositie",
		"Gedeputeerde Staten": "gedeputeerde-staten", "koninklijk besluit": "koninklijk-besluit", "Staatscourant": "staatscourant",
	}
	for w, c := range want {
		if got[w] != c {
			t.Errorf("%q annotated as %q, want %q (all: %v)", w, got[w], c, got)
		}
	}
	if c, ok := got["belast"]; ok {
		t.Errorf("belast (charged with) annotated as %q", c)
	}
}
