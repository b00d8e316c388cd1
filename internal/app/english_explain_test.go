package app

import (
	"context"
	"slices"
	"testing"
)

// TestEnglishCompoundPartExplained: rent is searched as the glossary's
// huur, and the index finds huur inside huurtoeslag (its parts' keys are
// indexed too). The hit must not say that huurtoeslag is the glossary's
// translation of rent (it is housing benefit): it says huurtoeslag was
// found through the part huur. A passage that has huur as a word of its
// own beside the compound names the word. The lexicon's keys of rent are
// shown as words the documents write (hur: huur), not as stems.
func TestEnglishCompoundPartExplained(t *testing.T) {
	a := openShipped(t)
	ctx := context.Background()
	addTexts(t, a, map[string]string{
		"toeslag.md": "Dit volgt uit de Wet op de huurtoeslag.",
		"beide.md":   "De huurtoeslag hangt af van de huur die de huurder betaalt.",
	})
	res, err := a.BilingualSearch(ctx, SearchRequest{Q: "rent", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Matched{
		"toeslag": {Query: "rent", Term: "huurtoeslag", Concept: "huur", Via: "glossary", P: 1, Part: "huur"},
		"beide":   {Query: "rent", Term: "huur", Concept: "huur", Via: "glossary", P: 1},
	}
	for _, h := range res.Hits {
		w, ok := want[h.Doc]
		if !ok {
			continue
		}
		delete(want, h.Doc)
		if !slices.Contains(h.Matched, w) {
			t.Errorf("%s: matched %+v, want %+v", h.Doc, h.Matched, w)
		}
	}
	if len(want) > 0 {
		t.Errorf("not found: %v", want)
	}
	for _, e := range res.Senses {
		for _, s := range e.Senses {
			if s.Key && s.Text == "hur" && s.Form != "huur" {
				t.Errorf("%s: key %s shown as %q, want huur", e.Query, s.Text, s.Form)
			}
		}
	}
}

// TestListedForm: a sense key the documents have no word of is shown as
// a word of the word list with that key, not as the stem.
func TestListedForm(t *testing.T) {
	a := openShipped(t)
	for key, want := range map[string]string{"toelag": "toelage", "gezinslast": "gezinslast", "xqzzvw": ""} {
		if got := a.listedForm(key); got != want {
			t.Errorf("listedForm(%q) = %q, want %q", key, got, want)
		}
	}
}
