package app

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/exchange"
)

// TestImportFlatKeepsVariants: a concept exported to CSV or XLSX, edited
// and imported again keeps the regional variants of the terms whose text
// is unchanged (the flat formats have no variant column, and the import
// removed them); a term whose text changed is a new term, without one; a
// JSON import, which can say "no variant", still removes it.
func TestImportFlatKeepsVariants(t *testing.T) {
	for _, f := range []exchange.Format{exchange.CSV, exchange.XLSX, exchange.JSON} {
		t.Run(string(f), func(t *testing.T) {
			a := openDir(t, t.TempDir())
			if _, err := a.CreateConcept(glossary.Concept{ID: "kleur", Collection: glossary.CollectionUser, Terms: []glossary.Term{
				{Lang: "nl", Text: "kleur", Variant: "nl-NL"}, {Lang: "en", Text: "colour", Variant: "en-GB"}, {Lang: "en", Text: "color", Variant: "en-US"},
			}}, "t"); err != nil {
				t.Fatal(err)
			}
			cs, err := a.GlossaryConcepts(glossary.CollectionUser, "")
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := exchange.Export(&buf, f, cs); err != nil {
				t.Fatal(err)
			}
			// The translator corrects "color" and adds a note.
			in := buf.Bytes()
			if f != exchange.XLSX {
				in = []byte(strings.Replace(buf.String(), "color", "colored", 1))
			}
			got, _, err := exchange.Import(bytes.NewReader(in), f, glossary.CollectionUser)
			if err != nil {
				t.Fatal(err)
			}
			got[0].Note = "edited"
			if _, err := a.ImportGlossary(got, "t", GlossaryImport{KeepVariants: !exchange.HasVariants(f), Overwrite: true}); err != nil {
				t.Fatal(err)
			}
			c, _ := a.Terms().Get("kleur")
			want := map[string]string{"kleur": "nl-NL", "colour": "en-GB", "color": "en-US", "colored": ""}
			if f == exchange.JSON {
				// JSON carries the variants: the export's are kept as written.
				want = map[string]string{"kleur": "nl-NL", "colour": "en-GB", "colored": "en-US"}
			}
			for _, term := range c.Terms {
				if v, ok := want[term.Text]; !ok || v != term.Variant {
					t.Errorf("%s: term %q has variant %q, want %q (terms %+v)", f, term.Text, term.Variant, v, c.Terms)
				}
			}
			if c.Note != "edited" {
				t.Errorf("note %q not imported", c.Note)
			}
		})
	}
}
