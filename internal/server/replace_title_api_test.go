package server

import (
	"encoding/json"
	"net/http"
	"testing"
)

// TestReplaceKeepsGivenTitle: a title given with title= at the upload is
// the user's, and a PUT without title= keeps it (it took the title the
// new content gave); title= on the PUT changes it; a title the content
// gave follows the content.
func TestReplaceKeepsGivenTitle(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	title := func(method, path, body string) string {
		t.Helper()
		code, _, b := apiCall(t, ts, method, path, editorToken, "text/plain", []byte(body))
		var d struct{ Title string }
		if code/100 != 2 || json.Unmarshal(b, &d) != nil {
			t.Fatalf("%s %s: %d %s", method, path, code, b)
		}
		return d.Title
	}
	const v1, v2 = "# Eerste kop\n\nDe eerste versie.\n", "# Tweede kop\n\nDe tweede versie.\n"
	for _, tc := range []struct{ name, put, want string }{
		{"a given title is kept", "", "Mijn titel"},
		{"title= on the PUT changes it", "?title=Nieuwe+titel", "Nieuwe titel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			title(http.MethodPost, "/api/v1/documents?name=brief.md&replace=true&title=Mijn+titel", v1)
			if got := title(http.MethodPut, "/api/v1/documents/brief"+tc.put, v2); got != tc.want {
				t.Errorf("title after the PUT %q, want %q", got, tc.want)
			}
		})
	}
	title(http.MethodPost, "/api/v1/documents?name=nota.md", v1)
	if got := title(http.MethodPut, "/api/v1/documents/nota", v2); got != "Tweede kop" {
		t.Errorf("a title the content gave, after the PUT: %q, want the new content's, Tweede kop", got)
	}
}
