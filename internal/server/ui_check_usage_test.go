package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestUICheckUsage checks the check page's two session-20 additions: a
// verb term apart in the source is one form (voert … uit) in the table,
// and the TM's other usage of a source term is listed under the table,
// as the API's check reports it.
func TestUICheckUsage(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	tsv := "De staatsgreep in Mali werd veroordeeld.\tThe military takeover in Mali was condemned.\n" +
		"Na de staatsgreep werd de grondwet opgeschort.\tAfter the military takeover the constitution was suspended.\n" +
		"De staatsgreep van augustus 2020 verraste velen.\tThe military takeover of August 2020 surprised many.\n" +
		"Nederland veroordeelt de staatsgreep.\tThe Netherlands condemns the military takeover.\n"
	if code, r := tmImport(t, ts, "format=tsv&collection=verdrag", editorToken, []byte(tsv)); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	form := url.Values{"nl": {"De staatsgreep werd veroordeeld. De regering voert de maatregelen uit."}, "en": {"The coup was condemned. The government carries them out."}}
	resp, body := fetch(t, ts, "POST", "/check", form, map[string]string{"Accept-Language": "en"})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{
		"voert … uit",   // the source's form of uitvoeren
		"carries … out", // and the translation's
		"Other usage in the translation memory",
		`<tr data-concept="staatsgreep"><td lang="nl"><a href="/glossary/staatsgreep">staatsgreep</a></td><td lang="en">military takeover</td><td>4 of 4</td><td lang="en">coup d&#39;état</td></tr>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the check page lacks %q", want)
		}
	}
	if strings.Contains(body, "were not looked up") {
		t.Errorf("a short source reported concepts not looked up")
	}
}
