package match

import (
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestVerbTermNounUse checks that a Dutch verb term's infinitive or stem
// used as a noun (het besluit, de voorstellen, het verzoek van) is not
// taken for the verb, that a noun concept of the stem still matches
// there, and that the verb's own uses (wij besluiten, ik verzoek, het
// indienen van, ik wil haar verzoeken) still match the verb.
func TestVerbTermNounUse(t *testing.T) {
	verb := func(id, nl, en string) glossary.Concept {
		return glossary.Concept{ID: id, Terms: []glossary.Term{{Lang: "nl", Text: nl, POS: "verb"}, {Lang: "en", Text: en, POS: "verb"}}}
	}
	m := NewMatcher([]glossary.Concept{
		verb("besluiten", "besluiten", "decide"),
		verb("voorstellen", "voorstellen", "propose"),
		verb("verzoeken", "verzoeken", "request"),
		verb("indienen", "indienen", "submit"),
		verb("oproepen-tot", "oproepen tot", "call for"),
		verb("leveren", "leveren", "supply"),
		{ID: "voorstel", Terms: []glossary.Term{{Lang: "nl", Text: "voorstel", POS: "noun"}, {Lang: "en", Text: "proposal"}}},
	}, Options{Key: crudeKey})
	for _, c := range []struct{ name, text, want string }{
		{"articles", "Het besluit is genomen. Het voorstel is besproken. Het verzoek is afgewezen.", "voorstel[voorstel]"},
		{"plural noun", "De voorstellen zijn besproken. Deze besluiten zijn genomen.", "voorstel[voorstellen]"},
		{"possessive", "Op mijn verzoek en op hun verzoeken.", ""},
		{"dat as determiner", "Ik steun dat verzoek.", ""},
		{"inflected adjective", "Dit is een politieke besluit. Wij bespreken de nieuwe besluiten.", ""},
		{"followed by van", "Op verzoek van de Kamer. Voorstellen van de commissie.", "voorstel[Voorstellen]"},
		{"phrase led by the verb", "Hij herhaalt zijn oproep tot vrijlating.", ""},
		{"finite and infinitive verbs", "Wij besluiten morgen. Ik verzoek de minister dit te doen. Wij zullen besluiten.", "besluiten[besluiten] verzoeken[verzoek] besluiten[besluiten]"},
		{"verbal noun", "Het indienen van moties duurt lang.", "indienen[indienen]"},
		{"object pronoun after an auxiliary", "Ik wil haar verzoeken om een brief.", "verzoeken[verzoeken]"},
		{"relative pronoun at the clause's end", "Het zijn de leden die besluiten.", "besluiten[besluiten]"},
		{"object in -e before the infinitive", "Zij zullen de grootste bijdrage leveren.", "leveren[leveren]"},
		{"third person", "De Kamer besluit morgen. Het is de Kamer die besluit.", "besluiten[besluit] besluiten[besluit]"},
		{"phrase led by the verb, as a verb", "Wij zullen oproepen tot vrijlating.", "oproepen-tot[oproepen tot]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := show(c.text, m.Annotate(c.text, "nl")); got != c.want {
				t.Errorf("%q:\n got %s\nwant %s", c.text, got, c.want)
			}
		})
	}
}
