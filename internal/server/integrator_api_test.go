package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"

	"github.com/tolk-nl/tolk/web"
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

// TestCountLabels: a count of one reads in the singular in both interface
// languages ("1 term", "1 alinea in dit document"), not "1 termen".
func TestCountLabels(t *testing.T) {
	u, err := newUI(nil, web.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"en", "terms_n", 1, "1 term"},
		{"nl", "terms_n", 1, "1 term"},
		{"nl", "terms_n", 2, "2 termen"},
		{"en", "group_count", 1, "1 paragraph in this document"},
		{"nl", "group_count", 1, "1 alinea in dit document"},
		{"en", "check_usage_unchecked", 1, "1 concept was not looked up"},
		{"nl", "check_usage_unchecked", 1, "1 begrip is nog niet"},
		{"en", "check_usage_unchecked", 3, "3 concepts were not looked up"},
	} {
		if got := fmt.Sprintf(u.labels[tc.lang].count(tc.key, tc.n), tc.n); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s %s %d: %q, want %q…", tc.lang, tc.key, tc.n, got, tc.want)
		}
	}
	for _, lang := range []string{"en", "nl"} {
		got := fmt.Sprintf(u.labels[lang].count("occ_summary", 1), 1, 1, 4)
		if want := map[string]string{"en": "1 occurrence in 1 of 4 documents.", "nl": "1 vindplaats in 1 van de 4 documenten."}[lang]; got != want {
			t.Errorf("%s occ_summary: %q, want %q", lang, got, want)
		}
	}
}

// TestFormBodyMessage: the 415 for a file sent as a one-line form says
// plainly what curl -d did.
func TestFormBodyMessage(t *testing.T) {
	ts, _ := hardenServer(t)
	status, _, b := doRequest(t, ts, "POST", "/api/v1/documents?name=brief.txt", "application/x-www-form-urlencoded",
		strings.NewReader("De minister schrijft de Kamer."), map[string]string{"Authorization": "Bearer " + hardenToken})
	if status != 415 {
		t.Fatalf("status %d, want 415: %.200s", status, b)
	}
	if msg := apiErr(t, b).Error.Message; strings.Contains(msg, "a file so") || !strings.Contains(msg, "that is how curl -d sends a file") {
		t.Errorf("message: %q", msg)
	}
}

// TestGlossaryUnknownCollection: a lookup filtered to a collection the
// glossary does not have is 404, as the export and the TM's endpoints
// answer, not 200 with no concepts.
func TestGlossaryUnknownCollection(t *testing.T) {
	ts, _ := hardenServer(t)
	for _, path := range []string{"/api/v1/glossary?q=wet&collection=nope", "/api/v1/glossary/export?collection=nope"} {
		status, _, b := doRequest(t, ts, "GET", path, "", nil, nil)
		if e := apiErr(t, b); status != 404 || e.Error.Code != "not_found" || !strings.Contains(e.Error.Message, `no collection "nope"`) {
			t.Errorf("%s: %d %s; want 404 not_found naming the collection", path, status, b)
		}
	}
	if status, _, b := doRequest(t, ts, "GET", "/api/v1/glossary?q=wet&collection=curated", "", nil, nil); status != 200 {
		t.Errorf("a collection the glossary has: %d %.200s", status, b)
	}
}

// TestAnnotateNeedsText: a JSON body without text (null, {}, or
// {"text": null}) is a 400 naming the field, not 200 with no annotations.
func TestAnnotateNeedsText(t *testing.T) {
	ts, _ := hardenServer(t)
	for _, body := range []string{"null", "{}", `{"text": null, "lang": "nl"}`} {
		status, _, b := doRequest(t, ts, "POST", "/api/v1/annotate", "application/json", strings.NewReader(body), nil)
		if status != 400 || !strings.Contains(apiErr(t, b).Error.Message, `"text"`) {
			t.Errorf("%s: %d %s; want 400 naming text", body, status, b)
		}
	}
	if status, _, b := doRequest(t, ts, "POST", "/api/v1/annotate", "application/json", strings.NewReader(`{"text": "de Tweede Kamer"}`), nil); status != 200 {
		t.Errorf("with text: %d %.200s", status, b)
	}
}

// TestDocumentFormatDocs: the 400 for an upload without a name says what
// the spec says (the name gives the id, the content the format), and the
// spec's Metadata.sourceFormat lists what a stored pdf-text document
// answers.
func TestDocumentFormatDocs(t *testing.T) {
	ts, _ := hardenServer(t)
	auth := map[string]string{"Authorization": "Bearer " + hardenToken}
	status, _, b := doRequest(t, ts, "POST", "/api/v1/documents", "text/plain", strings.NewReader("Een brief.\n"), auth)
	if msg := apiErr(t, b).Error.Message; status != 400 || !strings.Contains(msg, "the content decides the format") || strings.Contains(msg, "id and format") {
		t.Errorf("no name: %d %q", status, msg)
	}
	raw, err := OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Components struct {
			Schemas struct {
				Metadata struct {
					Properties struct {
						SourceFormat struct{ Enum []string } `json:"sourceFormat"`
					} `json:"properties"`
				} `json:"Metadata"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	enum := spec.Components.Schemas.Metadata.Properties.SourceFormat.Enum
	// A letter laid out as PDF text: running header, page numbers.
	var letter strings.Builder
	for p := 1; p <= 3; p++ {
		letter.WriteString("Tweede Kamer der Staten-Generaal                2\n")
		for i := 0; i < 12; i++ {
			letter.WriteString("De minister van Buitenlandse Zaken schrijft de Kamer over de sancties\ntegen de junta en de gevolgen voor de handel met het land in de regio.\n")
		}
		fmt.Fprintf(&letter, "\n%d\n\f", p)
	}
	status, _, b = doRequest(t, ts, "POST", "/api/v1/documents?name=brief-pdf.txt", "text/plain", strings.NewReader(letter.String()), auth)
	if status != 201 {
		t.Fatalf("upload: %d %.300s", status, b)
	}
	var doc struct {
		Format   string
		Metadata struct{ SourceFormat string }
	}
	get(t, ts, "/api/v1/documents/brief-pdf", &doc)
	if doc.Format != "pdf-text" {
		t.Skipf("the letter was read as %q, not pdf-text", doc.Format)
	}
	if !slices.Contains(enum, doc.Metadata.SourceFormat) {
		t.Errorf("sourceFormat %q is not in the spec's %v", doc.Metadata.SourceFormat, enum)
	}
}

// TestREADMECheckExample: the README's /check example shows the issues
// the same request answers (it showed a kamerbrief issue: the source says
// "deze brief", the concept brief, which the translation's "letter"
// passes; Kamerbrief is not in it).
func TestREADMECheckExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skipf("no README: %v", err)
	}
	m := regexp.MustCompile(`-d '(\{"nl":[^']*)' \\\n\s*'http://127\.0\.0\.1:8080/api/v1/check'\n# \{"offsets":"bytes","issues":\[(.*)\],\n`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README has no /check example with its issues")
	}
	var shown []string
	for _, c := range regexp.MustCompile(`"concept":"([^"]+)"`).FindAllSubmatch(m[2], -1) {
		shown = append(shown, string(c[1]))
	}
	ts, _ := hardenServer(t)
	status, _, b := doRequest(t, ts, "POST", "/api/v1/check", "application/json", bytes.NewReader(m[1]), nil)
	if status != 200 {
		t.Fatalf("check: %d %.300s", status, b)
	}
	var got struct{ Issues []struct{ Concept string } }
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	var answered []string
	for _, is := range got.Issues {
		answered = append(answered, is.Concept)
	}
	if !slices.Equal(shown, answered) {
		t.Errorf("the README shows the issues %v, the request answers %v", shown, answered)
	}
}
