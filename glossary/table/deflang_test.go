package table

import (
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestPlacedDefinitionLanguage: a definition column named without a
// language takes the language of the term column before it, unless its
// texts are clearly in the other language: "Nederlands;Engels;Definitie"
// with Dutch definitions stored them as English (and every export
// labelled them xml:lang="en"), without a word. Now they are Dutch, with
// a warning naming the column; English texts there stay English, and a
// column named with its language (definition_en) is never moved.
func TestPlacedDefinitionLanguage(t *testing.T) {
	for _, tc := range []struct {
		name, csv, lang string
		warned          bool
	}{
		{"Dutch after Engels", "Nederlands;Engels;Definitie\nwachtlijst;waiting list;Lijst van personen die wachten op zorg.\nzorgverzekeraar;health insurer;Een onderneming die een zorgverzekering aanbiedt aan de verzekerden.\n", "nl", true},
		{"English after Engels", "Nederlands;Engels;Definition\nwachtlijst;waiting list;A list of the people who are waiting for care.\n", "en", false},
		{"named", "nl;en;definition_en\nwachtlijst;waiting list;Lijst van personen die wachten op zorg.\n", "en", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, left, err := ReadCSV(strings.NewReader(tc.csv))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				if len(c.Definition) != 1 || c.Definition[tc.lang] == "" {
					t.Errorf("%s: definitions %v, want one in %s", c.Terms[0].Text, c.Definition, tc.lang)
				}
			}
			warned := false
			for _, w := range left.Warnings {
				if w.Kind == glossary.WarnDefinitionLanguage {
					warned = true
					if !strings.Contains(w.Message, "Definitie") || !strings.Contains(w.Message, "2 definitions read as definition_nl") {
						t.Errorf("warning %q does not name the column and what was done", w.Message)
					}
				}
			}
			if warned != tc.warned {
				t.Errorf("warned %v, want %v (%+v)", warned, tc.warned, left.Warnings)
			}
		})
	}
}
