package app

import (
	"context"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestConcordanceTermAsConcept: the concordance of a glossary term finds
// what the concept's concordance finds for that term (inflected forms,
// the verb apart in its clause), and a word that is no glossary term is
// matched with the glossary matcher's options, so that indien (if) is no
// occurrence of indienen.
func TestConcordanceTermAsConcept(t *testing.T) {
	ctx := context.Background()
	a := openShipped(t)
	for _, v := range [][3]string{{"aannemen", "aannemen", "adopt"}, {"indienen", "indienen", "submit"}, {"motie-indienen", "motie indienen", "table a motion"}} {
		c := glossary.Concept{ID: v[0], Terms: []glossary.Term{{Lang: "nl", Text: v[1], POS: "verb"}, {Lang: "en", Text: v[2], POS: "verb"}}}
		if _, err := a.CreateConcept(c, "test"); err != nil {
			t.Fatal(err)
		}
	}
	debate := "# Stemmingen\n\nVoorzitter. Ik dien de volgende motie in. De Kamer wil een motie indienen.\n\n" +
		"Indien de motie wordt aangenomen, gaan wij door. De Kamer neemt de motie aan. Er zijn twee moties ingediend.\n\n" +
		"Wij zullen het voorstel aannemen. Ook deze motie is aangenomen. Zij heeft een amendement ingediend.\n"
	if _, err := a.AddDocument(ctx, "debat.txt", []byte(debate), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	lines := func(r ConcordanceRequest) []KWIC {
		t.Helper()
		ks, _, err := a.Concordance(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return ks
	}
	for _, c := range []struct {
		term, concept, form string // form: one of the lines' matches
	}{
		{"aannemen", "aannemen", "aangenomen"},
		{"motie indienen", "motie-indienen", "ingediend"},
		{"indienen", "indienen", "ingediend"},
	} {
		t.Run(c.term, func(t *testing.T) {
			got := lines(ConcordanceRequest{Term: c.term})
			want := lines(ConcordanceRequest{Concept: c.concept}) // its only Dutch term
			t.Logf("term=%s: %d lines, concept=%s: %d", c.term, len(got), c.concept, len(want))
			if len(got) != len(want) {
				t.Errorf("term=%s: %d lines, concept %s has %d", c.term, len(got), c.concept, len(want))
			}
			found := c.form == ""
			for _, k := range got {
				if glossary.Fold(k.Match) == "indien" {
					t.Errorf("term=%s: line %q", c.term, k.Left+" ["+k.Match+"] "+k.Right)
				}
				if strings.Contains(k.Match, c.form) {
					found = true
				}
			}
			if !found {
				t.Errorf("term=%s: no line with %q", c.term, c.form)
			}
		})
	}
	// Not a glossary term: matched alone, with the glossary's options.
	if ids := a.conceptsWithTerm("indien"); len(ids) > 0 {
		t.Fatalf("indien is a glossary term of %v", ids)
	}
	for _, k := range lines(ConcordanceRequest{Term: "indien"}) {
		if glossary.Fold(k.Match) != "indien" {
			t.Errorf("term=indien: line %q", k.Left+" ["+k.Match+"] "+k.Right)
		}
	}
}
