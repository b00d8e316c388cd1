package app

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/exchange"
)

// openBoth opens an app with a data directory and one in memory mode,
// without corpus or glossary.
func openBoth(t *testing.T) map[string]*App {
	t.Helper()
	mem, err := Open(context.Background(), Config{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mem.Close() })
	return map[string]*App{"store": openDir(t, t.TempDir()), "memory": mem}
}

// importFile imports a file as the API does (no replace, no overwrite).
func importFile(t *testing.T, a *App, f exchange.Format, data, collection string) []glossary.Warning {
	t.Helper()
	cs, left, err := exchange.Import(strings.NewReader(data), f, collection)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.ImportGlossary(cs, "bram", GlossaryImport{KeepVariants: !exchange.HasVariants(f), Places: left.Places})
	if err != nil {
		t.Fatal(err)
	}
	return res.Warnings
}

// colleagueCSV is a colleague's term list: Dutch headers, no id, no
// modified date.
const colleagueCSV = "Nederlands;Status;Engels;Status;definition_nl;Opmerking\n" +
	"zorgverzekeraar;preferred;health insurer;preferred;Onderneming die zorgverzekeringen aanbiedt.;\n"

// TestImportMergesIntoEdited: a colleague's file imported again, after
// the concept was edited here, does not undo the edit: the term added
// here, the English definition (a column the file lacks) and the note
// (an empty cell) are kept, with the status set on the added term; a
// value the file gives (the Dutch term's status, set to admitted here)
// is the file's again, and the answer warns of it, naming the concept
// and the field. An import that changes nothing warns of nothing.
func TestImportMergesIntoEdited(t *testing.T) {
	for name, a := range openBoth(t) {
		t.Run(name, func(t *testing.T) {
			if ws := importFile(t, a, exchange.CSV, colleagueCSV, "r1"); len(ws) != 0 {
				t.Fatalf("first import warned: %+v", ws)
			}
			cs, err := a.GlossaryConcepts("r1", "")
			if err != nil || len(cs) != 1 {
				t.Fatalf("concepts %+v, %v", cs, err)
			}
			c := cs[0]
			c.Terms = append(c.Terms, glossary.Term{Lang: "en", Text: "health insurance company", Status: glossary.Admitted})
			c.Terms[0].Status = glossary.Admitted // zorgverzekeraar
			c.Definition["en"] = "Company that offers health insurance."
			c.Note = "Zvw art. 1"
			if _, err := a.UpdateConcept(c, "alice"); err != nil {
				t.Fatal(err)
			}

			ws := importFile(t, a, exchange.CSV, colleagueCSV, "r1")
			got, _ := a.Terms().Get(c.ID)
			if len(got.TermsIn("en")) != 2 || got.TermsIn("en")[1].Text != "health insurance company" || got.TermsIn("en")[1].Status != glossary.Admitted {
				t.Errorf("English terms %+v: the term added here, admitted, was not kept", got.TermsIn("en"))
			}
			if got.Definition["en"] != "Company that offers health insurance." || got.Definition["nl"] != "Onderneming die zorgverzekeringen aanbiedt." {
				t.Errorf("definitions %v: want the English one kept beside the file's Dutch one", got.Definition)
			}
			if got.Note != "Zvw art. 1" {
				t.Errorf("note %q: want the note made here kept (the file's cell is empty)", got.Note)
			}
			if st := got.TermsIn("nl")[0].Status; st != glossary.Preferred {
				t.Errorf("Dutch status %q: want the file's preferred", st)
			}
			var found bool
			for _, w := range ws {
				if w.Kind == glossary.WarnEditedHere && w.Concept == c.ID && strings.Contains(w.Message, c.ID) &&
					strings.Contains(w.Message, "terms[nl:zorgverzekeraar].status") && strings.Contains(w.Message, "alice") {
					found = true
				}
			}
			if !found {
				t.Errorf("warnings %+v: want edited_here naming %s, alice and the status the file changed", ws, c.ID)
			}
			if ws := importFile(t, a, exchange.CSV, colleagueCSV, "r1"); len(ws) != 0 {
				t.Errorf("an import that changed nothing warned: %+v", ws)
			}
			h, err := a.History(c.ID)
			if err != nil || len(h) == 0 || h[len(h)-1].Action != "import" {
				t.Errorf("history %+v, %v: want the merge recorded as an import", h, err)
			}
		})
	}
}

// TestImportOverwriteReplacesWhole: with overwrite the file's version
// replaces the stored concept whole, as before: the term added here goes.
func TestImportOverwriteReplacesWhole(t *testing.T) {
	a := openDir(t, t.TempDir())
	importFile(t, a, exchange.CSV, colleagueCSV, "r1")
	cs, _ := a.GlossaryConcepts("r1", "")
	c := cs[0]
	c.Terms = append(c.Terms, glossary.Term{Lang: "en", Text: "health insurance company"})
	if _, err := a.UpdateConcept(c, "alice"); err != nil {
		t.Fatal(err)
	}
	in, _, err := exchange.Import(strings.NewReader(colleagueCSV), exchange.CSV, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ImportGlossary(in, "bram", GlossaryImport{Overwrite: true, KeepVariants: true}); err != nil {
		t.Fatal(err)
	}
	got, _ := a.Terms().Get(c.ID)
	if len(got.TermsIn("en")) != 1 {
		t.Errorf("English terms %+v: overwrite keeps the file's only", got.TermsIn("en"))
	}
}

// TestImportDeletedSince: an export imported after one of its concepts
// was deleted here does not bring it back: 409 naming the concept as
// deleted, nothing stored; with overwrite it comes back, and the answer
// warns of it. A file without modified dates (a colleague's) brings it
// back with a warning naming it.
func TestImportDeletedSince(t *testing.T) {
	for name, a := range openBoth(t) {
		t.Run(name, func(t *testing.T) {
			importFile(t, a, exchange.CSV, "nl,en\nhuurtoeslag,rent benefit\nwoonwijk,residential area\n", "r2")
			cs, err := a.GlossaryConcepts("r2", "")
			if err != nil || len(cs) != 2 {
				t.Fatalf("concepts %+v, %v", cs, err)
			}
			var export bytes.Buffer
			if err := exchange.Export(&export, exchange.CSV, cs); err != nil {
				t.Fatal(err)
			}
			gone := cs[0].ID
			if err := a.DeleteConcept(gone, "alice"); err != nil {
				t.Fatal(err)
			}
			in, left, err := exchange.Import(bytes.NewReader(export.Bytes()), exchange.CSV, "r2")
			if err != nil {
				t.Fatal(err)
			}
			_, err = a.ImportGlossary(in, "bram", GlossaryImport{KeepVariants: true, Places: left.Places})
			if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), gone) || !strings.Contains(err.Error(), "deleted") {
				t.Fatalf("import of the older export: %v, want ErrConflict naming %s as deleted", err, gone)
			}
			if _, ok := a.Terms().Get(gone); ok {
				t.Fatalf("the refused import brought %s back", gone)
			}
			in, left, _ = exchange.Import(bytes.NewReader(export.Bytes()), exchange.CSV, "r2")
			res, err := a.ImportGlossary(in, "bram", GlossaryImport{Overwrite: true, KeepVariants: true, Places: left.Places})
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := a.Terms().Get(gone); !ok || !hasWarning(res.Warnings, glossary.WarnRestored, gone) {
				t.Errorf("overwrite: warnings %+v, want %s back and a restored warning", res.Warnings, gone)
			}

			// Without modified dates: brought back, with a warning.
			if err := a.DeleteConcept(gone, "alice"); err != nil {
				t.Fatal(err)
			}
			ws := importFile(t, a, exchange.CSV, "nl,en\nhuurtoeslag,rent benefit\nwoonwijk,residential area\n", "r2")
			if _, ok := a.Terms().Get(gone); !ok || !hasWarning(ws, glossary.WarnRestored, gone) {
				t.Errorf("warnings %+v: want %s brought back with a restored warning", ws, gone)
			}
		})
	}
}

func hasWarning(ws []glossary.Warning, kind, concept string) bool {
	for _, w := range ws {
		if w.Kind == kind && w.Concept == concept && strings.Contains(w.Message, concept) {
			return true
		}
	}
	return false
}

// TestImportWarnsCuratedClash: a term the curated glossary has with
// other equivalents, imported into a collection of one's own, is
// warned of as a PUT of the concept warns of it (/check then asks for
// the curated "Tax and Customs Administration"); a term whose
// equivalents agree with the curated ones is not.
func TestImportWarnsCuratedClash(t *testing.T) {
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	a, err := Open(context.Background(), Config{Memory: true, Glossary: curated})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	var cur glossary.Concept
	for _, c := range a.Terms().All() {
		if c.Collection == glossary.CollectionCurated && hasTermText(c.TermsIn("nl"), "Belastingdienst") {
			cur = c
		}
	}
	if cur.ID == "" {
		t.Skip("the curated glossary has no Belastingdienst")
	}
	ws := importFile(t, a, exchange.CSV, "nl;en\nBelastingdienst;Netherlands Tax Administration\n", "team")
	var found bool
	for _, w := range ws {
		if w.Kind == glossary.WarnTermClash && w.Concept == cur.ID && w.Where == "line 2" && strings.Contains(w.Message, "Belastingdienst") &&
			strings.Contains(w.Message, cur.Preferred("en")[0].Text) {
			found = true
		}
	}
	if !found {
		t.Errorf("warnings %+v: want term_clash at line 2 naming %s and %q", ws, cur.ID, cur.Preferred("en")[0].Text)
	}
	same := "nl;en\nBelastingdienst;" + cur.Preferred("en")[0].Text + "\n"
	for _, w := range importFile(t, a, exchange.CSV, same, "team2") {
		if w.Kind == glossary.WarnTermClash && w.Concept == cur.ID {
			t.Errorf("equivalents that agree with the curated ones warned: %+v", w)
		}
	}
}

func hasTermText(ts []glossary.Term, text string) bool {
	for _, t := range ts {
		if t.Text == text {
			return true
		}
	}
	return false
}
