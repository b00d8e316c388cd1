package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestDocumentIDCase: a document id in another case is the same id for
// every method: GET /documents/BRIEF found brief, while PUT answered 400
// (not an id) and DELETE 404.
func TestDocumentIDCase(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	if code, _, b := apiCall(t, ts, http.MethodPost, "/api/v1/documents?name=brief.txt", editorToken, "text/plain", []byte("Geachte voorzitter,\n\nDe eerste versie.\n")); code != http.StatusCreated {
		t.Fatalf("POST: %d %s", code, b)
	}
	if code, _, b := apiCall(t, ts, http.MethodGet, "/api/v1/documents/BRIEF", "", "", nil); code != http.StatusOK {
		t.Errorf("GET BRIEF: %d %s", code, b)
	}
	code, _, b := apiCall(t, ts, http.MethodPut, "/api/v1/documents/BRIEF", editorToken, "text/plain", []byte("Geachte voorzitter,\n\nDe tweede versie.\n"))
	if code != http.StatusOK || !strings.Contains(string(b), `"id":"brief"`) {
		t.Errorf("PUT BRIEF: %d %s, want 200 replacing brief", code, b)
	}
	if code, _, b := apiCall(t, ts, http.MethodGet, "/api/v1/documents/brief", "", "", nil); code != http.StatusOK || !strings.Contains(string(b), "De tweede versie.") {
		t.Errorf("GET brief after PUT BRIEF: %d %.300s", code, b)
	}
	if code, _, b := apiCall(t, ts, http.MethodDelete, "/api/v1/documents/Brief", editorToken, "", nil); code != http.StatusNoContent {
		t.Errorf("DELETE Brief: %d %s, want 204", code, b)
	}
	if code, _, _ := apiCall(t, ts, http.MethodGet, "/api/v1/documents/brief", "", "", nil); code != http.StatusNotFound {
		t.Errorf("GET brief after DELETE Brief: %d, want 404", code)
	}
}
