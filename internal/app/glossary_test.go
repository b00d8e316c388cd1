package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/glossary"
)

// TestFunctionWordTerms: the matcher leaves out Dutch terms that are one
// function word (an imported dictionary's met → at, by, on annotated
// every met of a text), and the curated glossary has none it would lose.
func TestFunctionWordTerms(t *testing.T) {
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	if got := withoutFunctionWords(slices.Clone(curated)); len(got) != len(curated) {
		t.Fatalf("%d curated concepts kept of %d", len(got), len(curated))
	}
	for i, c := range withoutFunctionWords(slices.Clone(curated)) {
		if len(c.Terms) != len(curated[i].Terms) {
			t.Errorf("concept %s lost a term", c.ID)
		}
	}
	a := openShipped(t)
	if err := a.ImportConcepts([]glossary.Concept{
		{ID: "fd-met", Collection: "freedict", Terms: []glossary.Term{{Lang: "nl", Text: "met"}, {Lang: "en", Text: "with"}}},
		{ID: "fd-brief", Collection: "freedict", Terms: []glossary.Term{{Lang: "nl", Text: "zijn"}, {Lang: "nl", Text: "bestaan"}, {Lang: "en", Text: "be"}}},
	}, "test"); err != nil {
		t.Fatal(err)
	}
	for _, an := range a.Annotate("Met de brief zijn wij de zaak nader gekomen.", "nl") {
		if an.Concept == "fd-met" || an.Text == "zijn" {
			t.Errorf("annotated %q as %s", an.Text, an.Concept)
		}
	}
	// The same for an English text (session 26: FreeDict's "and" was
	// annotated in "peace and security", some such with no English).
	if err := a.ImportConcepts([]glossary.Concept{
		{ID: "fd-en", Collection: "freedict", Terms: []glossary.Term{{Lang: "nl", Text: "en"}, {Lang: "en", Text: "and"}}},
	}, "test"); err != nil {
		t.Fatal(err)
	}
	for _, an := range a.Annotate("peace and security with the partners", "en") {
		if an.Concept == "fd-en" || an.Concept == "fd-met" {
			t.Errorf("annotated %q as %s", an.Text, an.Concept)
		}
	}
	found := false
	for _, an := range a.Annotate("het bestaan van de zaak", "nl") {
		found = found || an.Concept == "fd-brief"
	}
	if !found {
		t.Error("the concept's other term (bestaan) is not annotated")
	}
}

// TestPrecedenceOverForms: an imported term that matches a word exactly
// does not take it from a curated concept that has the word as a form,
// and a text's function word matches no imported one-word term by key.
func TestPrecedenceOverForms(t *testing.T) {
	a := openShipped(t)
	if err := a.ImportConcepts([]glossary.Concept{
		{ID: "p1", Collection: "prec", Terms: []glossary.Term{{Lang: "nl", Text: "opgeschort"}, {Lang: "en", Text: "in abeyance"}}},
		{ID: "p2", Collection: "prec", Terms: []glossary.Term{{Lang: "nl", Text: "meten"}, {Lang: "en", Text: "measure"}}},
		{ID: "p3", Collection: "prec", Terms: []glossary.Term{{Lang: "nl", Text: "van de"}, {Lang: "en", Text: "ofthe"}}},
	}, "t"); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, an := range a.Annotate("De steun werd opgeschort. Zij sprak met de leden van de commissie.", "nl") {
		got[an.Text] = an.Concept
	}
	if got["opgeschort"] != "opschorten" {
		t.Errorf("opgeschort → %q, want the curated opschorten", got["opgeschort"])
	}
	for _, w := range []string{"met", "van de", "van"} {
		if c, ok := got[w]; ok {
			t.Errorf("%q annotated as %s", w, c)
		}
	}
}

// TestVeroordelenTotApart: the court's veroordelen tot is found with the
// direct object between verb and tot, and then is not the diplomatic
// veroordelen (condemn).
func TestVeroordelenTotApart(t *testing.T) {
	a := openShipped(t)
	for _, text := range []string{"De rechtbank veroordeelde hem tot betaling van een boete.", "De rechter veroordeelt de verdachte tot een gevangenisstraf."} {
		var concepts []string
		for _, an := range a.Annotate(text, "nl") {
			concepts = append(concepts, an.Concept)
		}
		if !slices.Contains(concepts, "veroordelen-tot") || slices.Contains(concepts, "veroordelen") {
			t.Errorf("%q: %v", text, concepts)
		}
	}
	var concepts []string
	for _, an := range a.Annotate("Nederland veroordeelt de staatsgreep.", "nl") {
		concepts = append(concepts, an.Concept)
	}
	if !slices.Contains(concepts, "veroordelen") {
		t.Errorf("condemn: %v", concepts)
	}
}

// TestNumberedParagraph: a numbered paragraph of an article, written
// either way (het tweede lid, lid 2), is the paragraph, not a member.
func TestNumberedParagraph(t *testing.T) {
	a := openShipped(t)
	for text, want := range map[string]string{
		"In lid 2 van artikel 5 staat dat.":         "tweede-lid",
		"Artikel 3, tweede lid, is van toepassing.": "tweede-lid",
		"Mali is als lid van de AU geschorst.":      "lid",
	} {
		var got []string
		for _, an := range a.Annotate(text, "nl") {
			got = append(got, an.Concept)
		}
		if !slices.Contains(got, want) || want != "lid" && slices.Contains(got, "lid") {
			t.Errorf("%q: %v, want %s", text, got, want)
		}
	}
}

// TestPreconditionModifiedMessage: a modified time later than the stored
// version's is no sign of a later change by someone else, and the
// refusal says what it is (it said the concept "was changed … after the
// version you sent").
func TestPreconditionModifiedMessage(t *testing.T) {
	old := glossary.Concept{ID: "x", Modified: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	err := Precondition{Modified: time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)}.check("x", old, true)
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "is not the stored version's") {
		t.Errorf("later modified: %v", err)
	}
	err = Precondition{Modified: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}.check("x", old, true)
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "was changed at") {
		t.Errorf("earlier modified: %v", err)
	}
}

// TestReplaceCollection: a corrected file imported again with replace
// takes the place of the last import (hond → dog, then hond → hound: one
// concept, hound), in the store and in memory mode; the dropped concept's
// history records its delete; other collections and the curated one are
// untouched, and the curated one cannot be replaced.
func TestReplaceCollection(t *testing.T) {
	for _, memory := range []bool{false, true} {
		a := openShipped(t)
		if memory {
			var err error
			a, err = Open(context.Background(), Config{Memory: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { a.Close() })
		}
		before := a.Terms().Len()
		imp := func(en string) {
			t.Helper()
			cs := []glossary.Concept{{Terms: []glossary.Term{{Lang: "nl", Text: "hond"}, {Lang: "en", Text: en}}}}
			if _, err := a.ReplaceCollection("zz", cs, "test"); err != nil {
				t.Fatal(err)
			}
		}
		imp("dog")
		imp("hound")
		var got []string
		for _, c := range a.Terms().All() {
			if c.Collection == "zz" {
				for _, tm := range c.TermsIn("en") {
					got = append(got, tm.Text)
				}
			}
		}
		if !slices.Equal(got, []string{"hound"}) || a.Terms().Len() != before+1 {
			t.Errorf("memory %t: collection zz has %v (%d concepts in all, %d before)", memory, got, a.Terms().Len(), before)
		}
		if _, err := a.ReplaceCollection(glossary.CollectionCurated, nil, "test"); !errors.Is(err, ErrBadRequest) {
			t.Errorf("memory %t: replacing curated: %v", memory, err)
		}
		// A file that yields nothing does not empty the collection.
		if _, err := a.ReplaceCollection("zz", nil, "test"); !errors.Is(err, ErrBadRequest) || a.Terms().Len() != before+1 {
			t.Errorf("memory %t: replacing zz with nothing: %v, %d concepts in all (want %d)", memory, err, a.Terms().Len(), before+1)
		}
	}
}

// TestCuratedCollectionGuarded: the API cannot put a concept into the
// curated collection, by creating it there or by moving one of another
// collection into it (a new user's unreviewed concept joined the curated
// export); a curated concept is still edited in place.
func TestCuratedCollectionGuarded(t *testing.T) {
	a := openShipped(t)
	c := glossary.Concept{Collection: glossary.CollectionCurated, Subject: "x", Terms: []glossary.Term{{Lang: "nl", Text: "vluchteling"}, {Lang: "en", Text: "refugee"}}}
	if _, err := a.CreateConcept(c, "test"); !errors.Is(err, glossary.ErrInvalid) || !strings.Contains(err.Error(), "curated") {
		t.Fatalf("create in curated: %v, want an invalid collection", err)
	}
	c.Collection = "user"
	made, err := a.CreateConcept(c, "test")
	if err != nil {
		t.Fatal(err)
	}
	made.Collection = glossary.CollectionCurated
	if _, err := a.UpdateConcept(made, "test"); !errors.Is(err, glossary.ErrInvalid) {
		t.Fatalf("move into curated: %v, want an invalid collection", err)
	}
	if got, _ := a.Terms().Get(made.ID); got.Collection != "user" {
		t.Errorf("after the refused move: collection %q", got.Collection)
	}
	cur, ok := a.Terms().Get("staatsgreep")
	if !ok {
		t.Fatal("no curated staatsgreep")
	}
	cur.Note = "edited"
	if _, err := a.UpdateConcept(cur, "test"); err != nil {
		t.Errorf("editing a curated concept in place: %v", err)
	}
}

// TestConcordanceHeading: a match in a section heading says which section
// (it was paragraph 0, which the pages show as the signatures).
func TestConcordanceHeading(t *testing.T) {
	a := openShipped(t)
	ks, _, err := a.Concordance(context.Background(), ConcordanceRequest{Term: "staatsgreep"})
	if err != nil {
		t.Fatal(err)
	}
	heading := false
	for _, k := range ks {
		if k.Paragraph == 0 && k.Section == 0 && k.Heading == "" && !strings.Contains(k.Left+k.Right, "Minister") {
			t.Errorf("a match in no paragraph, heading or signature: %+v", k)
		}
		if k.Section > 0 {
			heading = true
			if k.Paragraph != 0 || !strings.Contains(strings.ToLower(k.Heading), "staatsgreep") {
				t.Errorf("heading match %+v", k)
			}
		}
	}
	if !heading {
		t.Error("no match in the letter's heading 3. Gevolgen van de staatsgreep voor de Nederlandse inzet")
	}
}

// TestImportIntoNamedCollection: a concept whose id another collection
// has gets a new id from the collection's name as an id can spell it (the
// collection "bad name" gave "bad name-…", refused as an invalid id).
func TestImportIntoNamedCollection(t *testing.T) {
	a := openShipped(t)
	cs := []glossary.Concept{{ID: "staatsgreep", Collection: "mijn lijst", Terms: []glossary.Term{{Lang: "nl", Text: "putsch"}, {Lang: "en", Text: "putsch"}}}}
	if err := a.ImportConcepts(cs, "test"); err != nil {
		t.Fatalf("import into %q: %v", "mijn lijst", err)
	}
	if _, ok := a.Terms().Get("mijn-lijst-staatsgreep"); !ok {
		t.Error("no concept mijn-lijst-staatsgreep")
	}
	if c, _ := a.Terms().Get("staatsgreep"); c.Collection != glossary.CollectionCurated {
		t.Errorf("the curated staatsgreep is now in %q", c.Collection)
	}
}

// TestConceptTermSpacing: a concept created or edited through the API has
// its terms' spacing normalised as an import's (" coup" was kept as
// typed and exported so to a CAT tool).
func TestConceptTermSpacing(t *testing.T) {
	a, err := Open(context.Background(), Config{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	c, err := a.CreateConcept(glossary.Concept{Collection: "mine", Terms: []glossary.Term{{Lang: "nl", Text: " militaire  coup "}, {Lang: "en", Text: "military coup ", Plural: " military  coups"}}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Terms[0].Text + "|" + c.Terms[1].Text + "|" + c.Terms[1].Plural; got != "militaire coup|military coup|military coups" {
		t.Errorf("created: %q", got)
	}
	c.Terms[1].Text = "  coup d'état"
	if c, err = a.UpdateConcept(c, "test"); err != nil {
		t.Fatal(err)
	}
	if got, ok := a.Terms().Get(c.ID); !ok || got.Terms[1].Text != "coup d'état" {
		t.Errorf("updated: %+v", got.Terms)
	}
}
