package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestControlCharactersRefused: a text field with a control character
// (NUL) is refused with a 400 naming the field on every glossary write
// path, and the whole-glossary TBX export keeps working (issue 10, point 9:
// one stored NUL made every later TBX export answer 500).
func TestControlCharactersRefused(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	tests := []struct {
		name, method, path, body, field string
	}{
		{"JSON create, term", "POST", "/api/v1/glossary", `{"collection":"mine","terms":[{"lang":"nl","text":"goed\u0000"},{"lang":"en","text":"good"}]}`, "terms[0].text"},
		{"JSON create, note", "POST", "/api/v1/glossary", `{"collection":"mine","note":"a\u0007b","terms":[{"lang":"nl","text":"goed"}]}`, "note"},
		{"JSON import, definition", "POST", "/api/v1/glossary/import?format=json&collection=mine", `[{"id":"j1","definition":{"nl":"x\u0001"},"terms":[{"lang":"nl","text":"x"}]}]`, "definition.nl"},
		{"CSV import", "POST", "/api/v1/glossary/import?format=csv&collection=mine", "id,nl,en\nc1,goed\x00,good\n", "text"},
		{"TSV import", "POST", "/api/v1/glossary/import?format=tsv&collection=mine", "goed\x00\tgood\n", "text"},
		{"OmegaT import", "POST", "/api/v1/glossary/import?format=omegat&collection=mine", "goed\tgood\x00\n", "text"},
		{"TBX import", "POST", "/api/v1/glossary/import?format=tbx&collection=mine",
			`<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body><conceptEntry id="x1"><langSec xml:lang="nl"><termSec><term>goed&#x1;</term></termSec></langSec></conceptEntry></body></text></tbx>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := apiCall(t, ts, tt.method, tt.path, editorToken, "application/octet-stream", []byte(tt.body))
			if code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", code, body)
			}
			var e errResp
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(e.Error.Message, tt.field) {
				t.Errorf("message %q does not name the field %q", e.Error.Message, tt.field)
			}
			t.Logf("%s", e.Error.Message)
		})
	}
	if code, _, body := apiCall(t, ts, "GET", "/api/v1/glossary/export?format=tbx", "", "", nil); code != http.StatusOK {
		t.Errorf("TBX export: status %d: %.200s", code, body)
	}
}

// TestLookupUnknownLang: a glossary lookup in a language the glossary does
// not have answers 400 naming the languages it has (issue 10, point 12).
func TestLookupUnknownLang(t *testing.T) {
	ts := newTestServer(t, nil)
	var e errResp
	code, _, body := apiCall(t, ts, "GET", "/api/v1/glossary?q=staatsgreep&lang=xx", "", "", nil)
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatal(err)
	}
	if code != http.StatusBadRequest || !strings.Contains(e.Error.Message, "nl, en") || !strings.Contains(e.Error.Message, `"xx"`) {
		t.Errorf("lang=xx: status %d, %s; want 400 naming the languages", code, body)
	}
	for _, lang := range []string{"nl", "en", "auto"} {
		if code, _, body := apiCall(t, ts, "GET", "/api/v1/glossary?q=staatsgreep&lang="+lang, "", "", nil); code != http.StatusOK {
			t.Errorf("lang=%s: status %d: %s", lang, code, body)
		}
	}
}

// TestFormBodyRefused: a file sent as a form (curl -d, which drops its
// line breaks) is refused with 415 and stores nothing: a letter was
// stored as one paragraph. A JSON or text request to the other endpoints
// may still come as a form (curl -d '{"text":…}' is common).
func TestFormBodyRefused(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	const form = "application/x-www-form-urlencoded"
	for _, tc := range []struct{ name, method, path, body string }{
		{"document, POST", "POST", "/api/v1/documents?name=brief.txt", "Geachte voorzitter,Deze brief verdwijnt."},
		{"document, PUT", "PUT", "/api/v1/documents/brief", "Geachte voorzitter,Deze brief verdwijnt."},
		{"glossary import", "POST", "/api/v1/glossary/import?format=csv&collection=mine", "nl,enstaatsgreep,coup"},
		{"TM import", "POST", "/api/v1/tm/import?format=tsv&collection=mine", "staatsgreep\tcoup"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, body := apiCall(t, ts, tc.method, tc.path, editorToken, form, []byte(tc.body))
			var e errResp
			if err := json.Unmarshal(body, &e); err != nil || code != http.StatusUnsupportedMediaType ||
				e.Error.Code != "unsupported_media_type" || !strings.Contains(e.Error.Message, "--data-binary") {
				t.Errorf("status %d %s, want 415 saying how to send the file", code, body)
			}
		})
	}
	var docs struct{ Total int }
	if code, _, body := apiCall(t, ts, "GET", "/api/v1/documents", "", "", nil); code != 200 || json.Unmarshal(body, &docs) != nil || docs.Total != 1 {
		t.Errorf("documents after the refusals: %d %s, want the letter alone", code, body)
	}
	if code, _, body := apiCall(t, ts, "GET", "/api/v1/glossary?q=staatsgreep&collection=mine", "", "", nil); code != http.StatusNotFound {
		t.Errorf("glossary collection mine after the refusal: %d %.200s", code, body)
	}
	// curl --data-binary sends the same Content-Type with the file as it
	// is: a body with its line breaks is the file (the README's commands
	// were refused).
	for _, tc := range []struct{ name, method, path, body string }{
		{"document", "POST", "/api/v1/documents?name=brief.txt", "Geachte voorzitter,\n\nDeze brief blijft.\n"},
		{"glossary import", "POST", "/api/v1/glossary/import?format=csv&collection=mine", "nl,en\r\nstaatsgreep,coup\r\n"},
		{"TM import", "POST", "/api/v1/tm/import?format=tsv&collection=mine", "staatsgreep\tcoup\n"},
	} {
		if code, _, body := apiCall(t, ts, tc.method, tc.path, editorToken, form, []byte(tc.body)); code != http.StatusCreated && code != http.StatusOK {
			t.Errorf("%s with its line breaks, as curl --data-binary sends it: %d %s", tc.name, code, body)
		}
	}
	if code, _, body := apiCall(t, ts, "GET", "/api/v1/documents/brief", "", "", nil); code != 200 || !strings.Contains(string(body), "Deze brief blijft.") {
		t.Errorf("the document sent with --data-binary: %d %.300s", code, body)
	}
	code, _, body := apiCall(t, ts, "POST", "/api/v1/annotate", "", form, []byte("De staatsgreep in Mali."))
	if code != 200 || !strings.Contains(string(body), "staatsgreep") {
		t.Errorf("annotate as a form: %d %.200s, want 200", code, body)
	}
}
