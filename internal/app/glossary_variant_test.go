package app

import (
	"slices"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/glossary"
)

// TestGlossaryUpdateVariant: a PUT that changes only a term's regional
// variant (adds en-GB, removes it) is stored and recorded in the history,
// in a data directory and in memory; with the note changed too, the
// history names both. The store compared terms without their variant, so
// such an edit answered 200, stored nothing and left modified as it was.
func TestGlossaryUpdateVariant(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) *App{
		"store":  func(t *testing.T) *App { return openDir(t, t.TempDir()) },
		"memory": func(t *testing.T) *App { return openShipped(t) },
	} {
		t.Run(name, func(t *testing.T) {
			a := open(t)
			c, err := a.CreateConcept(glossary.Concept{ID: "colour-v", Collection: glossary.CollectionUser, Terms: []glossary.Term{
				{Lang: "nl", Text: "kleur"}, {Lang: "en", Text: "colour"},
			}}, "t")
			if err != nil {
				t.Fatal(err)
			}
			step := func(what string, edit func(*glossary.Concept), wantVariant string, wantFields ...string) {
				t.Helper()
				time.Sleep(2 * time.Millisecond)
				before, _ := a.Terms().Get(c.ID)
				next := before
				next.Terms = slices.Clone(before.Terms)
				edit(&next)
				got, err := a.UpdateConcept(next, "t")
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				stored, _ := a.Terms().Get(c.ID)
				if v := stored.Terms[1].Variant; v != wantVariant {
					t.Errorf("%s: stored variant %q, want %q", what, v, wantVariant)
				}
				if !got.Modified.After(before.Modified) {
					t.Errorf("%s: modified %v, not after %v", what, got.Modified, before.Modified)
				}
				h, err := a.History(c.ID)
				if err != nil {
					t.Fatal(err)
				}
				var fields []string
				for _, f := range h[len(h)-1].Fields {
					fields = append(fields, f.Field)
				}
				if !slices.Equal(fields, wantFields) {
					t.Errorf("%s: history fields %q, want %q", what, fields, wantFields)
				}
			}
			step("add", func(c *glossary.Concept) { c.Terms[1].Variant = "en-GB" }, "en-GB", "terms[en:colour].variant")
			step("remove", func(c *glossary.Concept) { c.Terms[1].Variant = "" }, "", "terms[en:colour].variant")
			step("with note", func(c *glossary.Concept) { c.Terms[1].Variant = "en-GB"; c.Note = "British" }, "en-GB", "note", "terms[en:colour].variant")
		})
	}
}
