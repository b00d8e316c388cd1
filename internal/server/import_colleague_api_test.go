package server

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestGlossaryImportColleagueFile drives the explorer's reports over the
// API: a colleague's file imported again after an edit here keeps the
// edit (merge) and warns; an older export does not bring back a concept
// deleted since (409); a term the curated glossary has with another
// English term is warned of, as a PUT warns of it; a misspelt status on
// the export is refused as on the lookup.
func TestGlossaryImportColleagueFile(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	type concept struct {
		ID         string            `json:"id"`
		Collection string            `json:"collection"`
		Note       string            `json:"note"`
		Definition map[string]string `json:"definition"`
		Terms      []struct {
			Lang   string `json:"lang"`
			Text   string `json:"text"`
			Status string `json:"status"`
		} `json:"terms"`
	}
	lookup := func(q, coll string) []concept {
		t.Helper()
		var r struct {
			Concepts []concept `json:"concepts"`
		}
		_, _, b := apiCall(t, ts, "GET", "/api/v1/glossary?mode=exact&q="+q+"&collection="+coll, "", "", nil)
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("lookup %s: %s", q, b)
		}
		return r.Concepts
	}

	t.Run("merge", func(t *testing.T) {
		file := "Nederlands;Status;Engels;Status;definition_nl;Opmerking\nzorgverzekeraar;preferred;health insurer;preferred;Onderneming die zorgverzekeringen aanbiedt.;\n"
		importCSV(t, ts, "format=csv&collection=r1", file)
		cs := lookup("zorgverzekeraar", "r1")
		if len(cs) != 1 {
			t.Fatalf("lookup: %+v", cs)
		}
		id := cs[0].ID
		put := `{"collection":"r1","note":"Zvw art. 1","definition":{"nl":"Onderneming die zorgverzekeringen aanbiedt.","en":"Company that offers health insurance."},
			"terms":[{"lang":"nl","text":"zorgverzekeraar","status":"preferred"},{"lang":"en","text":"health insurer","status":"preferred"},{"lang":"en","text":"health insurance company","status":"admitted"}]}`
		if code, _, b := apiCall(t, ts, "PUT", "/api/v1/glossary/"+id, editorToken, "application/json", []byte(put)); code != 200 {
			t.Fatalf("PUT: %d %s", code, b)
		}
		importCSV(t, ts, "format=csv&collection=r1", file)
		got := lookup("zorgverzekeraar", "r1")[0]
		var added bool
		for _, tm := range got.Terms {
			added = added || tm.Text == "health insurance company" && tm.Status == "admitted"
		}
		if !added || got.Note != "Zvw art. 1" || got.Definition["en"] != "Company that offers health insurance." {
			t.Errorf("after the second import %+v: want the term, note and English definition added here kept", got)
		}
	})

	t.Run("deleted since", func(t *testing.T) {
		importCSV(t, ts, "format=csv&collection=r2", "nl,en\nhuurtoeslag,rent benefit\nwoonwijk,residential area\n")
		code, _, export := apiCall(t, ts, "GET", "/api/v1/glossary/export?format=csv&collection=r2", "", "", nil)
		if code != 200 {
			t.Fatalf("export: %d %s", code, export)
		}
		id := lookup("huurtoeslag", "r2")[0].ID
		if code, _, b := apiCall(t, ts, "DELETE", "/api/v1/glossary/"+id, editorToken, "", nil); code != 204 {
			t.Fatalf("DELETE: %d %s", code, b)
		}
		code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary/import?format=csv&collection=r2", editorToken, "text/csv", export)
		if code != 409 || !strings.Contains(string(b), id) || !strings.Contains(string(b), "deleted") {
			t.Errorf("import of the older export: %d %s, want 409 naming %s as deleted", code, b, id)
		}
		if code, _, _ := apiCall(t, ts, "GET", "/api/v1/glossary/"+id, "", "", nil); code != 404 {
			t.Errorf("GET of the deleted concept: %d, want 404", code)
		}
	})

	t.Run("curated clash", func(t *testing.T) {
		ws := importCSV(t, ts, "format=csv&collection=team", "nl;en\nBelastingdienst;Netherlands Tax Administration\n")
		var found bool
		for _, w := range ws {
			found = found || w.Kind == "term_clash" && w.Where == "line 2" && strings.Contains(w.Message, "curated") && strings.Contains(w.Message, "Tax and Customs Administration")
		}
		if !found {
			t.Errorf("warnings %+v: want term_clash naming the curated concept and its English", ws)
		}
	})

	t.Run("export status", func(t *testing.T) {
		// As the file's status column reads them: Deprecated and
		// afgeraden are deprecated; a status nothing reads is refused.
		for _, st := range []string{"afgekeurd", "deprecatd"} {
			code, _, b := apiCall(t, ts, "GET", "/api/v1/glossary/export?format=json&status="+st, "", "", nil)
			if code != 400 || !strings.Contains(string(b), "status") || !strings.Contains(string(b), "deprecated") {
				t.Errorf("export status=%s: %d %s, want 400 naming status and the allowed values", st, code, b)
			}
		}
		_, _, want := apiCall(t, ts, "GET", "/api/v1/glossary/export?format=json&status=deprecated", "", "", nil)
		for _, st := range []string{"Deprecated", "afgeraden"} {
			if code, _, b := apiCall(t, ts, "GET", "/api/v1/glossary/export?format=json&status="+st, "", "", nil); code != 200 || string(b) != string(want) {
				t.Errorf("export status=%s: %d, want 200 and what status=deprecated exports", st, code)
			}
		}
		if code, _, b := apiCall(t, ts, "GET", "/api/v1/glossary/export?format=json&status=deprecated", "", "", nil); code != 200 {
			t.Errorf("export status=deprecated: %d %s", code, b)
		}
	})
}
