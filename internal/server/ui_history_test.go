package server

import (
	"strings"
	"testing"
)

// TestConceptPageHistoryFields: the concept page's history says what each
// change changed (field, old and new value), as the API's history does; it
// listed the date, the action and who only, so an import that undid an
// edit was invisible on the page.
func TestConceptPageHistoryFields(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	body := `{"id":"wl","terms":[{"lang":"nl","text":"wachtlijst","status":"preferred"},{"lang":"en","text":"waiting list","status":"preferred"}],"note":"Eerste notitie."}`
	if code, b := post(t, ts, "/api/v1/glossary", testToken, "application/json", strings.NewReader(body)); code != 201 && code != 200 {
		t.Fatalf("POST: %d %s", code, b)
	}
	changed := strings.Replace(body, "Eerste notitie.", "Tweede notitie.", 1)
	if code, _, b := doRequest(t, ts, "PUT", "/api/v1/glossary/wl", "application/json", strings.NewReader(changed), map[string]string{"Authorization": "Bearer " + testToken}); code != 200 {
		t.Fatalf("PUT: %d %s", code, b)
	}
	_, page := fetch(t, ts, "GET", "/glossary/wl?ui=nl", nil, nil)
	i := strings.Index(page, `class="history"`)
	if i < 0 {
		t.Fatal("no history on the page")
	}
	hist := page[i:]
	for _, want := range []string{"gewijzigd", "<code>note</code>", "<del>Eerste notitie.</del>", "<ins>Tweede notitie.</ins>"} {
		if !strings.Contains(hist, want) {
			t.Errorf("the history does not show %q:\n%.800s", want, hist)
		}
	}
}
