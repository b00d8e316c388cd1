package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestDocumentDeletePage: deleting a document from the interface, without
// JavaScript — no tick or a wrong token deletes nothing and says why; the
// right token with the tick deletes it and the list says so.
func TestDocumentDeletePage(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	const id = "kamerbrief-mali-2020"
	if _, page := fetch(t, ts, "GET", "/documents/"+id, nil, nil); !strings.Contains(page, `href="/documents/`+id+`/delete"`) {
		t.Error("the document page has no link to delete it")
	}
	if resp, _ := fetch(t, ts, "GET", "/documents/"+id+"/delete", nil, nil); resp.StatusCode != 200 {
		t.Fatalf("GET delete: %d", resp.StatusCode)
	}
	exists := func() bool {
		resp, _ := fetch(t, ts, "GET", "/api/v1/documents/"+id, nil, nil)
		return resp.StatusCode == 200
	}
	for _, tt := range []struct {
		name string
		form url.Values
		code int
	}{
		{"no tick", url.Values{"token": {testToken}}, http.StatusBadRequest},
		{"wrong token", url.Values{"token": {"wrong"}, "confirm": {"1"}}, http.StatusUnauthorized},
		{"no token", url.Values{"confirm": {"1"}}, http.StatusUnauthorized},
	} {
		resp, body := postNoRedirect(t, ts, "/documents/"+id+"/delete", tt.form)
		if resp.StatusCode != tt.code || !strings.Contains(body, `role="alert"`) {
			t.Errorf("%s: %d, want %d with the reason", tt.name, resp.StatusCode, tt.code)
		}
		if !exists() {
			t.Fatalf("%s: the document was deleted", tt.name)
		}
	}
	resp, _ := postNoRedirect(t, ts, "/documents/"+id+"/delete", url.Values{"token": {testToken}, "confirm": {"1"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/documents?deleted="+id {
		t.Fatalf("delete: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if exists() {
		t.Error("the document is still there")
	}
	if _, page := fetch(t, ts, "GET", "/documents?deleted="+id, nil, map[string]string{"Accept-Language": "en"}); !strings.Contains(page, "was deleted") {
		t.Error("the list does not say the document was deleted")
	}
	if resp, _ := fetch(t, ts, "GET", "/documents/"+id+"/delete", nil, nil); resp.StatusCode != 404 {
		t.Errorf("the delete page of a deleted document: %d, want 404", resp.StatusCode)
	}
}

// TestGlossaryExportLinks: the glossary page offers its exports (of the
// chosen collection when one is) and the links work.
func TestGlossaryExportLinks(t *testing.T) {
	ts := newTestServer(t, nil)
	_, page := fetch(t, ts, "GET", "/glossary?collection=curated", nil, nil)
	for _, f := range []string{"tbx", "xlsx", "csv", "omegat", "tsv"} {
		link := `href="/api/v1/glossary/export?collection=curated&amp;format=` + f + `"`
		if !strings.Contains(page, link) {
			t.Errorf("no %s link %s", f, link)
		}
	}
	resp, body := fetch(t, ts, "GET", "/api/v1/glossary/export?collection=curated&format=tbx", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "<tbx") {
		t.Errorf("the TBX link: %d", resp.StatusCode)
	}
}
