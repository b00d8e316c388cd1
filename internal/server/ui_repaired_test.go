package server

import (
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/web"
)

// TestReaderRepairedInDutch: the reader's metadata says what ingest
// repaired and the text's language in the page's language; the Dutch
// page showed "Hersteld: mojibake: 2 double-encoded characters repaired"
// and "Taal: nl".
func TestReaderRepairedInDutch(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	// UTF-8 read as Latin-1 and written out again as UTF-8: ë and ö
	// double-encoded.
	page := "<html><head><title>Brief</title></head><body><p>De financiÃ«le cooÃ¶rdinatie van de steun aan de gemeenten wordt verbeterd met ingang van volgend jaar.</p></body></html>"
	if code, b := post(t, ts, "/api/v1/documents?name=brief.html", testToken, "text/html; charset=utf-8", strings.NewReader(page)); code != 201 {
		t.Fatalf("upload: %d %s", code, b)
	}
	for _, tc := range []struct{ ui, repaired, lang string }{
		{"nl", "mojibake: 2 dubbel gecodeerde tekens hersteld", "<dd>Nederlands</dd>"},
		{"en", "mojibake: 2 double-encoded characters repaired", "<dd>Dutch</dd>"},
	} {
		resp, body := fetch(t, ts, "GET", "/documents/brief?ui="+tc.ui, nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("reader: %d", resp.StatusCode)
		}
		if !strings.Contains(body, tc.repaired) || !strings.Contains(body, tc.lang) {
			i := strings.Index(body, "docmeta")
			t.Errorf("ui=%s: want %q and %q in the metadata: %.600s", tc.ui, tc.repaired, tc.lang, body[max(i, 0):])
		}
	}
	u, err := newUI(nil, web.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for note, want := range map[string]string{
		"mojibake: 1 double-encoded character repaired":          "mojibake: 1 dubbel gecodeerd teken hersteld",
		"mojibake: 12 double-encoded characters repaired":        "mojibake: 12 dubbel gecodeerde tekens hersteld",
		"read as windows-1252, as the page declares (not UTF-8)": "gelezen als windows-1252, zoals de pagina aangeeft (geen UTF-8)",
		"something else": "something else",
	} {
		if got := repairedLabel(u.labels["nl"], note); got != want {
			t.Errorf("repairedLabel(%q) = %q, want %q", note, got, want)
		}
	}
}
