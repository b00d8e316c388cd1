package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestReaderHeadingLevels: the reader gives a subsection a heading one
// level below its section's (h3 under h2), so that a screen reader's
// outline shows the structure; every heading was an h2.
func TestReaderHeadingLevels(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	doc := "Brief over niveaus\n\n1. Inleiding\n\nDe eerste alinea van de inleiding.\n\n" +
		"1.1 Achtergrond\n\nDe achtergrond van de brief.\n\n2. Slot\n\nDe laatste alinea.\n"
	if code, _, b := apiCall(t, ts, "POST", "/api/v1/documents?name=niveaus.txt", editorToken, "text/plain", []byte(doc)); code != http.StatusCreated {
		t.Fatalf("upload: %d %s", code, b)
	}
	_, body := fetch(t, ts, "GET", "/documents/niveaus", nil, nil)
	for _, want := range []string{`class="lvl1">1. Inleiding</h2>`, `class="lvl2">1.1 Achtergrond</h3>`, `class="lvl1">2. Slot</h2>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the reader lacks %s", want)
		}
	}
	if strings.Contains(body, "Achtergrond</h2>") {
		t.Errorf("a subsection is still an h2")
	}
}
