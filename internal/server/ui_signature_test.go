package server

import (
	"strings"
	"testing"
)

// TestSignatureOnPages: a search for a signatory shows the letter's
// signature blocks as "ondertekening" and links to them, and the reader
// has the anchor that link and the glossary's concordance point at.
func TestSignatureOnPages(t *testing.T) {
	ts := newTestServer(t, nil)
	page := func(path string) string {
		t.Helper()
		code, body := call(t, ts, "GET", path, "", nil)
		if code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		return body
	}
	body := page("/?q=Grapperhaus")
	for _, want := range []string{`href="/documents/kamerbrief-mali-2020#p0"`, "ondertekening", "<mark>Grapperhaus</mark>"} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	if strings.Contains(body, "alinea 0") {
		t.Errorf("search page shows the signatures as alinea 0")
	}
	if doc := page("/documents/kamerbrief-mali-2020"); !strings.Contains(doc, `<div class="signatories" id="p0">`) {
		t.Errorf("the reader has no anchor p0 for the signatures")
	}
	if c := page("/glossary/ank-bijleveld"); !strings.Contains(c, "#p0") || strings.Contains(c, "alinea 0") {
		t.Errorf("the concept page's concordance does not link the signature as ondertekening")
	}
}
