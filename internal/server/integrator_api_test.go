package server

import (
	"strings"
	"testing"
)

// TestMessagesWithoutCategory: an API error's message is the sentence
// written for the user; the category a layer wrapped in with %w ("not
// found", "bad request", "empty document") is the code's, not tacked on
// the message (an integrator read "…has no collection \"nope\": not
// found" and "no text: empty document").
func TestMessagesWithoutCategory(t *testing.T) {
	ts, _ := hardenServer(t)
	auth := map[string]string{"Authorization": "Bearer " + hardenToken}
	for _, tc := range []struct {
		name, method, path, ctype, body string
		status                          int
		code, want                      string
	}{
		{"unknown collection", "GET", "/api/v1/glossary/export?collection=nope&format=csv", "", "", 404, "not_found", `the glossary has no collection "nope"`},
		{"unknown concept", "GET", "/api/v1/glossary/nope-nope", "", "", 404, "not_found", `concept "nope-nope"`},
		{"concordance without term", "GET", "/api/v1/concordance", "", "", 400, "bad_request", "concordance needs a term or a concept"},
		{"empty document", "POST", "/api/v1/documents?name=leeg.txt", "text/plain", "   \n", 400, "bad_document", "the file holds no text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, b := doRequest(t, ts, tc.method, tc.path, tc.ctype, strings.NewReader(tc.body), auth)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %.300s", status, tc.status, b)
			}
			e := apiErr(t, b)
			if e.Error.Code != tc.code || !strings.Contains(e.Error.Message, tc.want) {
				t.Errorf("got %s %q, want %s and a message with %q", e.Error.Code, e.Error.Message, tc.code, tc.want)
			}
			for _, cat := range []string{"not found", "bad request", "empty document"} {
				if strings.HasSuffix(e.Error.Message, ": "+cat) {
					t.Errorf("message ends in its category %q: %q", cat, e.Error.Message)
				}
			}
		})
	}
}
