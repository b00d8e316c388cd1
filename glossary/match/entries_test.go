package match

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
)

// TestEntries: the word sequences Annotate looks for a concept's terms
// by, in one language: each term, its forms and its separated forms,
// acronyms marked.
func TestEntries(t *testing.T) {
	cs := []glossary.Concept{
		{ID: "coup", Terms: []glossary.Term{{Lang: "nl", Text: "Staatsgreep"}, {Lang: "nl", Text: "AU"}, {Lang: "en", Text: "coup"}}},
		{ID: "call", Terms: []glossary.Term{{Lang: "nl", Text: "oproepen tot", POS: "verb"}}},
	}
	m := NewMatcher(cs, Options{
		Forms: func(t glossary.Term) []string {
			if t.Text == "Staatsgreep" {
				return []string{"staatsgrepen"}
			}
			return nil
		},
		Separated: func(t glossary.Term) []Separated {
			if t.Text == "oproepen tot" {
				return []Separated{{Verbs: []string{"roept"}, Rest: "op tot"}}
			}
			return nil
		},
	})
	for _, tc := range []struct {
		id, lang string
		want     [][]Word
	}{
		{"coup", "nl", [][]Word{{{"Staatsgreep", "staatsgreep", false}}, {{"staatsgrepen", "staatsgrepen", false}}, {{"AU", "au", true}}}},
		{"coup", "en", [][]Word{{{"coup", "coup", false}}}},
		{"call", "nl", [][]Word{{{"oproepen", "oproepen", false}, {"tot", "tot", false}}, {{"roept", "roept", false}, {"op", "op", false}, {"tot", "tot", false}}}},
		{"none", "nl", nil},
	} {
		if d := cmp.Diff(tc.want, m.Entries(tc.id, tc.lang)); d != "" {
			t.Errorf("Entries(%q, %q) (-want +got):\n%s", tc.id, tc.lang, d)
		}
	}
}
