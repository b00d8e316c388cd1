package server

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

type importWarning struct {
	Kind    string `json:"kind"`
	Where   string `json:"where"`
	Concept string `json:"concept"`
	Message string `json:"message"`
}

// importCSV posts a CSV file to the glossary import and returns its
// warnings.
func importCSV(t *testing.T, ts *httptest.Server, query, csv string) []importWarning {
	t.Helper()
	code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary/import?"+query, editorToken, "text/csv", []byte(csv))
	if code != 200 {
		t.Fatalf("import: %d %s", code, b)
	}
	var r struct {
		Warnings []importWarning `json:"warnings"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r.Warnings
}

// TestGlossaryImportWarnsOneLanguage: a row with an empty English (or
// Dutch) cell is imported, and the answer warns of it, naming the line
// (it answered imported:1 and nothing else).
func TestGlossaryImportWarnsOneLanguage(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	ws := importCSV(t, ts, "format=csv&collection=user", "nl,en\nhuurtoeslag,\nwoonwijk,residential area\n,tenancy\n")
	if len(ws) != 2 {
		t.Fatalf("warnings %+v, want 2", ws)
	}
	for i, want := range []struct{ where, term, lacks string }{{"line 2", `"huurtoeslag"`, "no English"}, {"line 4", `"tenancy"`, "no Dutch"}} {
		w := ws[i]
		if w.Kind != "one_language" || w.Where != want.where || !strings.Contains(w.Message, want.term) || !strings.Contains(w.Message, want.lacks) {
			t.Errorf("warning %d: %+v, want one_language at %s for %s (%s)", i, w, want.where, want.term, want.lacks)
		}
	}
}

// TestGlossaryImportWarnsExistingTerm: a corrected CSV imported again
// into the same collection without replace=true warns of each row that
// became a second concept beside one with its Dutch term, naming the
// line and the stored concept, and says what replace=true does; with
// replace=true there is no such warning and one concept is left.
func TestGlossaryImportWarnsExistingTerm(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	if ws := importCSV(t, ts, "format=csv&collection=team", "nl,en\nkinderopvangtoeslag,childcare benefit\nwoonwijk,residential area\n"); len(ws) != 0 {
		t.Fatalf("first import warned: %+v", ws)
	}
	var first struct {
		Concepts []struct {
			ID string `json:"id"`
		} `json:"concepts"`
	}
	_, _, b := apiCall(t, ts, "GET", "/api/v1/glossary?q=kinderopvangtoeslag&collection=team", "", "", nil)
	if json.Unmarshal(b, &first) != nil || len(first.Concepts) != 1 {
		t.Fatalf("lookup: %s", b)
	}
	corrected := "nl,en\nwoonwijk,residential area\nkinderopvangtoeslag,childcare allowance\n"
	ws := importCSV(t, ts, "format=csv&collection=team", corrected)
	var found bool
	for _, w := range ws {
		if w.Kind == "existing_term" && w.Where == "line 3" && w.Concept == first.Concepts[0].ID &&
			strings.Contains(w.Message, "kinderopvangtoeslag") && strings.Contains(w.Message, "replace=true") {
			found = true
		}
	}
	if !found {
		t.Errorf("warnings %+v, want existing_term at line 3 naming %s and replace=true", ws, first.Concepts[0].ID)
	}
	// The curated glossary's kinderopvangtoeslag is "childcare benefit":
	// the corrected row's "childcare allowance" is a term_clash, rightly.
	for _, w := range importCSV(t, ts, "format=csv&collection=team&replace=true", corrected) {
		if w.Kind != "term_clash" {
			t.Errorf("replace warned: %+v", w)
		}
	}
	if n := glossaryCount(t, ts, "team"); n != 2 {
		t.Errorf("collection team holds %d concepts after replace, want 2", n)
	}
}
