package server

import (
	"encoding/json"
	"net/http"
	"strings"
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

// TestReplaceRoutesKeepGivenTitle: every route that replaces a document
// follows one rule (app.ReplaceDocument, app.AddDocuments): a title given
// by hand with title= is kept by a replacement without title=, a title the
// content gave follows the new content. POST ?replace=true and a
// multipart upload of several files took the new content's title.
func TestReplaceRoutesKeepGivenTitle(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	const v1, v2 = "# Eerste kop\n\nDe eerste versie.\n", "# Tweede kop\n\nDe tweede versie.\n"
	post := func(path, body string) {
		t.Helper()
		if code, _, b := apiCall(t, ts, http.MethodPost, path, editorToken, "text/plain", []byte(body)); code/100 != 2 {
			t.Fatalf("POST %s: %d %s", path, code, b)
		}
	}
	title := func(id string) string {
		t.Helper()
		code, _, b := apiCall(t, ts, http.MethodGet, "/api/v1/documents/"+id, editorToken, "", nil)
		var d struct{ Title string }
		if code != 200 || json.Unmarshal(b, &d) != nil {
			t.Fatalf("GET %s: %d %s", id, code, b)
		}
		return d.Title
	}
	bulk := func(files ...string) {
		t.Helper()
		m := map[string]string{}
		for _, f := range files {
			m[f] = v2
		}
		ctype, body := multipartBody(t, m, files...)
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/documents?replace=true", body)
		req.Header.Set("Authorization", "Bearer "+editorToken)
		req.Header.Set("Content-Type", ctype)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("bulk replace: %d", resp.StatusCode)
		}
	}
	for _, tc := range []struct {
		name    string
		replace func(id string)
	}{
		{"POST replace=true", func(id string) { post("/api/v1/documents?replace=true&name="+id+".md", v2) }},
		{"multipart of one file", func(id string) { bulk(id + ".md") }},
		{"multipart of several files", func(id string) { bulk(id+".md", "ander-"+id+".md") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			given, content := "gegeven-"+strings.ReplaceAll(tc.name, " ", "-"), "inhoud-"+strings.ReplaceAll(tc.name, " ", "-")
			given, content = strings.ReplaceAll(given, "=", "-"), strings.ReplaceAll(content, "=", "-")
			post("/api/v1/documents?name="+given+".md&title=Mijn+titel", v1)
			post("/api/v1/documents?name="+content+".md", v1)
			tc.replace(given)
			tc.replace(content)
			if got := title(given); got != "Mijn titel" {
				t.Errorf("a given title after the replacement: %q, want it kept, Mijn titel", got)
			}
			if got := title(content); got != "Tweede kop" {
				t.Errorf("a title the content gave, after the replacement: %q, want the new content's, Tweede kop", got)
			}
		})
	}
}
