package server

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestGlossaryTBXKeepsWho: a concept created by one editor and changed
// by another is exported to TBX with both (transacGrp's transacNote of
// type responsibility beside the dates), and the file imported into
// another tolk keeps the persons and the dates. Before, the export
// wrote the dates only and a TBX round trip lost who made the concept.
func TestGlossaryTBXKeepsWho(t *testing.T) {
	for _, backend := range editBackends {
		t.Run(backend.name, func(t *testing.T) {
			const joostToken = "joosts-token"
			ts := backend.open(t, map[string]string{editorToken: "anneke", joostToken: "joost"})
			_, created := createConcept(t, ts)
			if created.CreatedBy != "anneke" || created.ModifiedBy != "anneke" {
				t.Errorf("created: CreatedBy %q, ModifiedBy %q; want anneke twice", created.CreatedBy, created.ModifiedBy)
			}
			upd := created
			upd.Note = "Changed by another editor."
			if code, _, body := apiCall(t, ts, "PUT", "/api/v1/glossary/"+created.ID, joostToken, "application/json", mustJSON(t, upd)); code != http.StatusOK {
				t.Fatalf("update: status %d: %s", code, body)
			}
			var edited glossary.Concept
			get(t, ts, "/api/v1/glossary/"+created.ID, &edited)
			if edited.CreatedBy != "anneke" || edited.ModifiedBy != "joost" {
				t.Errorf("updated: CreatedBy %q, ModifiedBy %q; want anneke, joost", edited.CreatedBy, edited.ModifiedBy)
			}

			_, body := exported(t, ts, "tbx", glossary.CollectionUser)
			for _, want := range []string{
				`<transacNote type="responsibility">anneke</transacNote>`,
				`<transacNote type="responsibility">joost</transacNote>`,
			} {
				if !bytes.Contains(body, []byte(want)) {
					t.Errorf("the TBX export lacks %s:\n%s", want, body)
				}
			}

			// Another tolk (stored: it keeps a file's times) imports it.
			other := newStoredTestServer(t, map[string]string{editorToken: "importer"})
			if code, _, resp := apiCall(t, other, "POST", "/api/v1/glossary/import?format=tbx", editorToken, "application/x-tbx+xml", body); code != http.StatusOK {
				t.Fatalf("import: status %d: %s", code, resp)
			}
			var back glossary.Concept
			if code := get(t, other, "/api/v1/glossary/"+created.ID, &back); code != http.StatusOK {
				t.Fatalf("the imported concept %s: status %d", created.ID, code)
			}
			if back.CreatedBy != "anneke" || back.ModifiedBy != "joost" {
				t.Errorf("imported: CreatedBy %q, ModifiedBy %q; want anneke, joost", back.CreatedBy, back.ModifiedBy)
			}
			if !back.Created.Equal(edited.Created) || !back.Modified.Equal(edited.Modified) {
				t.Errorf("imported: created %v, modified %v; exported %v, %v", back.Created, back.Modified, edited.Created, edited.Modified)
			}
			if back.Note != edited.Note {
				t.Errorf("imported note %q, want %q (the persons go in their fields, not the note)", back.Note, edited.Note)
			}
		})
	}
}
