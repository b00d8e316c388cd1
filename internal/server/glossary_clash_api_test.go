package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGlossaryWriteWarnsSharedTerm: a concept created or updated with a
// term another concept has (the same language, case and diacritics
// aside) is stored and answered as before, with a warning naming the
// other concept and which of the two /check and /annotate take the term
// for; a concept whose terms are its own has no warnings. A colleague's
// "Tweede Kamer → Second Chamber" took the term from the curated
// tweede-kamer without a word.
func TestGlossaryWriteWarnsSharedTerm(t *testing.T) {
	for _, backend := range editBackends {
		t.Run(backend.name, func(t *testing.T) {
			ts := backend.open(t, map[string]string{editorToken: "alice"})
			type warning struct {
				ID, Collection, Lang, Term, Used string
			}
			type answer struct {
				ID       string    `json:"id"`
				Warnings []warning `json:"warnings"`
			}
			send := func(method, path, body string, want int) answer {
				t.Helper()
				code, _, b := apiCall(t, ts, method, path, editorToken, "application/json", []byte(body))
				if code != want {
					t.Fatalf("%s %s: status %d, want %d: %s", method, path, code, want, b)
				}
				var a answer
				if err := json.Unmarshal(b, &a); err != nil {
					t.Fatal(err)
				}
				return a
			}
			got := send("POST", "/api/v1/glossary", `{"id":"tk-nieuw","terms":[{"lang":"nl","text":"tweede kamer"},{"lang":"en","text":"Second Chamber"}]}`, http.StatusCreated)
			// The curated concept has "Second Chamber" too (not preferred).
			want := []warning{
				{ID: "tweede-kamer", Collection: "curated", Lang: "nl", Term: "Tweede Kamer", Used: "tk-nieuw"},
				{ID: "tweede-kamer", Collection: "curated", Lang: "en", Term: "Second Chamber", Used: "tk-nieuw"},
			}
			if diff := cmp.Diff(want, got.Warnings); diff != "" {
				t.Errorf("create: warnings (-want +got):\n%s", diff)
			}
			// A read answers the concept alone.
			if code, _, b := apiCall(t, ts, "GET", "/api/v1/glossary/tk-nieuw", "", "", nil); code != http.StatusOK || strings.Contains(string(b), `"warnings"`) {
				t.Errorf("GET: status %d: %s, want the concept without warnings", code, b)
			}
			// An update that adds a term of another concept in English.
			got = send("PUT", "/api/v1/glossary/tk-nieuw", `{"terms":[{"lang":"nl","text":"kamer twee"},{"lang":"en","text":"House of Représentatives"}]}`, http.StatusOK)
			want = []warning{{ID: "tweede-kamer", Collection: "curated", Lang: "en", Term: "House of Representatives", Used: "tk-nieuw"}}
			if diff := cmp.Diff(want, got.Warnings); diff != "" {
				t.Errorf("update: warnings (-want +got):\n%s", diff)
			}
			got = send("PUT", "/api/v1/glossary/tk-nieuw", `{"terms":[{"lang":"nl","text":"kamer twee"},{"lang":"en","text":"chamber two"}]}`, http.StatusOK)
			if got.ID != "tk-nieuw" || got.Warnings != nil {
				t.Errorf("update without a shared term: %+v, want tk-nieuw without warnings", got)
			}
		})
	}
}
