package tbx

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
)

// TestReadTermDefinition: MultiTerm (and other tools) write a definition
// inside the term (<tig>, <termSec>), not in the language section. It is
// the language's definition when the concept has none in that language
// (its descripGrp's source with the concept's sources, as for a section's
// definition); the same text again is dropped; a different one, beside
// a definition the concept already has, stays the term's note as before.
// It was always a term note "definition: …", and the concept had none.
func TestReadTermDefinition(t *testing.T) {
	v2 := func(body string) string {
		return `<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body>` + body + `</body></text></martif>`
	}
	v3 := func(body string) string {
		return `<?xml version="1.0"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>` + body + `</body></text></tbx>`
	}
	tests := []struct {
		name string
		in   string
		want glossary.Concept
	}{
		{"MultiTerm tig", v2(`<termEntry id="a"><langSet xml:lang="nl"><tig><term>staatsgreep</term><descrip type="definition">Onwettige machtsovername.</descrip></tig></langSet>` +
			`<langSet xml:lang="en"><tig><term>coup</term><termNote type="partOfSpeech">noun</termNote><descrip type="definition">An illegal seizure of power.</descrip></tig></langSet></termEntry>`),
			glossary.Concept{ID: "a", Definition: map[string]string{"nl": "Onwettige machtsovername.", "en": "An illegal seizure of power."},
				Terms: []glossary.Term{{Lang: "nl", Text: "staatsgreep"}, {Lang: "en", Text: "coup", POS: "noun"}}}},
		{"v3 termSec with its source", v3(`<conceptEntry id="a"><langSec xml:lang="nl"><termSec><term>staatsgreep</term><descripGrp><descrip type="definition">Onwettige machtsovername.</descrip><admin type="source">Van Dale</admin></descripGrp></termSec></langSec></conceptEntry>`),
			glossary.Concept{ID: "a", Definition: map[string]string{"nl": "Onwettige machtsovername."}, Source: "definition (nl): Van Dale",
				Terms: []glossary.Term{{Lang: "nl", Text: "staatsgreep"}}}},
		{"the section has one", v2(`<termEntry id="a"><langSet xml:lang="nl"><descrip type="definition">Machtsovername.</descrip><tig><term>staatsgreep</term><descrip type="definition">Onwettige machtsovername.</descrip></tig></langSet></termEntry>`),
			glossary.Concept{ID: "a", Definition: map[string]string{"nl": "Machtsovername."},
				Terms: []glossary.Term{{Lang: "nl", Text: "staatsgreep", Note: "definition: Onwettige machtsovername."}}}},
		{"the section has one after the terms", v2(`<termEntry id="a"><langSet xml:lang="nl"><tig><term>staatsgreep</term><descrip type="definition">Onwettige machtsovername.</descrip></tig></langSet><descrip type="definition" xml:lang="nl">Machtsovername.</descrip></termEntry>`),
			glossary.Concept{ID: "a", Definition: map[string]string{"nl": "Machtsovername."},
				Terms: []glossary.Term{{Lang: "nl", Text: "staatsgreep", Note: "definition: Onwettige machtsovername."}}}},
		{"two terms, one definition", v2(`<termEntry id="a"><langSet xml:lang="nl"><tig><term>staatsgreep</term><descrip type="definition">Onwettige machtsovername.</descrip></tig><tig><term>coup</term><descrip type="definition">Onwettige machtsovername.</descrip></tig></langSet></termEntry>`),
			glossary.Concept{ID: "a", Definition: map[string]string{"nl": "Onwettige machtsovername."},
				Terms: []glossary.Term{{Lang: "nl", Text: "staatsgreep"}, {Lang: "nl", Text: "coup"}}}},
		{"two terms, two definitions", v2(`<termEntry id="a"><langSet xml:lang="nl"><tig><term>staatsgreep</term><descrip type="definition">Onwettige machtsovername.</descrip></tig><tig><term>putsch</term><descrip type="definition">Staatsgreep door een kleine groep.</descrip></tig></langSet></termEntry>`),
			glossary.Concept{ID: "a", Definition: map[string]string{"nl": "Onwettige machtsovername."},
				Terms: []glossary.Term{{Lang: "nl", Text: "staatsgreep"}, {Lang: "nl", Text: "putsch", Note: "definition: Staatsgreep door een kleine groep."}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, _, err := Read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]glossary.Concept{tt.want}, cs); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
