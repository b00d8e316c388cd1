package server

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestGlossaryExportSubject: the export takes subject= as the glossary
// page filters by it, refuses a subject no concept has (naming those there
// are) and q=, which filtered nothing, and the page filtered by subject
// and status links to exports so filtered. Before, subject= and q= were
// ignored and a page filtered to defence offered the whole glossary.
func TestGlossaryExportSubject(t *testing.T) {
	ts := newTestServer(t, nil)
	type export struct{ Concepts []glossary.Concept }
	var whole, def export
	if code := get(t, ts, "/api/v1/glossary/export?format=json", &whole); code != http.StatusOK {
		t.Fatalf("export: %d", code)
	}
	if code := get(t, ts, "/api/v1/glossary/export?format=json&subject=defence", &def); code != http.StatusOK {
		t.Fatalf("export subject=defence: %d", code)
	}
	all, defence := whole.Concepts, def.Concepts
	want := 0
	for _, c := range all {
		if c.Subject == "defence" {
			want++
		}
	}
	if want == 0 || len(defence) != want || len(defence) == len(all) {
		t.Errorf("subject=defence exported %d of %d concepts, want the %d of that subject", len(defence), len(all), want)
	}
	for _, c := range defence {
		if c.Subject != "defence" {
			t.Errorf("subject=defence exported %s of subject %q", c.ID, c.Subject)
		}
	}
	for _, tc := range []struct{ query, want string }{
		{"subject=defense", `subject "defense": no concept has it (subjects: `},
		{"q=staatsgreep", "q= does not filter an export"},
	} {
		var e errResp
		if code := get(t, ts, "/api/v1/glossary/export?format=tbx&"+tc.query, &e); code != http.StatusBadRequest || !strings.Contains(e.Error.Message, tc.want) {
			t.Errorf("%s: %d %q, want 400 saying %q", tc.query, code, e.Error.Message, tc.want)
		}
	}
	resp, err := http.Get(ts.URL + "/glossary?subject=defence&status=afgeraden")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if link := "/api/v1/glossary/export?format=tbx&amp;status=deprecated&amp;subject=defence"; !strings.Contains(string(body), link) {
		t.Errorf("the page filtered to defence and deprecated has no export link %s", link)
	}
}
