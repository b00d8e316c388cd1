package server

import (
	"bytes"
	"errors"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/sharedtest"
	"github.com/tolk-nl/tolk/web"
)

// postMultipart posts a multipart form of fields and files (name →
// content, under the field fileField) to path and returns the answer.
func postMultipart(t *testing.T, ts *httptest.Server, path string, fields map[string]string, fileField string, files map[string][]byte) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for name, data := range files {
		part, err := w.CreateFormFile(fileField, name)
		if err != nil {
			t.Fatal(err)
		}
		part.Write(data)
	}
	w.Close()
	req, err := http.NewRequest("POST", ts.URL+path, &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, pageText(b)
}

var tags = regexp.MustCompile(`<[^>]*>`)

// pageText is a page's text as a reader sees it: tags removed, entities
// unescaped, runs of white space one space.
func pageText(b []byte) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(string(b), ""))), " ")
}

// TestUploadRefusalDutch: the upload form of the Dutch interface says in
// Dutch why each file was refused, naming the file and keeping the
// server's specific message beside it; the English interface shows the
// API's message as it was.
func TestUploadRefusalDutch(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	files := map[string][]byte{
		"kapot.pdf":  []byte("%PDF-1.4\n1 0 obj"),
		"kapot.docx": []byte("PK\x03\x04\x14\x00\x06\x00"),
		"dtd.xml":    []byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><officiele-publicatie/>`),
		"brief.docx": []byte("gewone tekst"),
		"leeg.txt":   []byte(" \n"),
	}
	want := map[string]string{
		"kapot.pdf":  "Het bestand is beschadigd of onvolledig.",
		"kapot.docx": "Het bestand is beschadigd of onvolledig.",
		"dtd.xml":    "Het bestand is geweigerd om de server te beschermen",
		"brief.docx": "De inhoud past niet bij de bestandsnaam",
		"leeg.txt":   "Het bestand is leeg of bevat geen tekst.",
	}
	code, page := postMultipart(t, ts, "/upload", map[string]string{"token": testToken}, "files", files)
	if code != http.StatusUnprocessableEntity {
		t.Errorf("status %d, want 422 (none stored)", code)
	}
	for name, msg := range want {
		line := name + ": geweigerd: " + msg
		if !strings.Contains(page, line) {
			t.Errorf("the page lacks %q", line)
		}
	}
	// The server's message is kept as the detail, marked as English.
	if !strings.Contains(page, "Melding van de server (Engels): kapot.pdf: the PDF is truncated") {
		t.Errorf("the detail of kapot.pdf is missing: %.3000s", page)
	}

	// The real encrypted and scanned files of ../shared.
	t.Run("office fixtures", func(t *testing.T) {
		dir := sharedtest.Path(t, "data", "office-fixtures")
		for name, msg := range map[string]string{
			"empty-pw.docx": "Het bestand is versleuteld (met een wachtwoord beveiligd)",
			"image.pdf":     "De PDF heeft geen tekstlaag",
		} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			_, page := postMultipart(t, ts, "/upload", map[string]string{"token": testToken}, "files", map[string][]byte{name: data})
			if line := name + ": geweigerd: " + msg; !strings.Contains(page, line) {
				t.Errorf("the page lacks %q: %.2000s", line, page)
			}
		}
	})

	// The English interface: the API's words, as before.
	code, page = postMultipart(t, ts, "/upload?ui=en", map[string]string{"token": testToken}, "files", map[string][]byte{"kapot.pdf": files["kapot.pdf"]})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "kapot.pdf: refused: kapot.pdf: the PDF is truncated") || strings.Contains(page, "beschadigd") {
		t.Errorf("English interface: %d %.2000s", code, page)
	}
}

// TestConceptEditRefusalDutch: a concept the glossary refuses (a
// repeated term, a tab in a term) is refused on the Dutch form in Dutch,
// naming the form's row; the English form words it through its labels
// too, numbering terms as the form does.
func TestConceptEditRefusalDutch(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	_, page := fetch(t, ts, "GET", "/glossary/new", nil, nil)
	f := formValues(t, page)
	f.Set("token", testToken)
	f.Set("t0_lang", "nl")
	f.Set("t0_text", "inburgering")
	f.Set("t1_lang", "nl")
	f.Set("t1_text", "Inburgering")
	for _, tc := range []struct {
		path, want string
		bad        string
	}{
		{"/glossary/new", `Term 2 (tekst): staat er al, als term 1 ("Inburgering")`, "duplicate of terms"},
		{"/glossary/new?ui=en", `Term 2 (text): repeats term 1 ("Inburgering")`, "duplicate of terms"},
	} {
		resp, body := postNoRedirect(t, ts, tc.path, f)
		text := pageText([]byte(body))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text, tc.want) || strings.Contains(text, tc.bad) {
			t.Errorf("%s: %d, want 422 with %q: %.2000s", tc.path, resp.StatusCode, tc.want, text)
		}
	}
	g := url.Values{}
	for k, v := range f {
		g[k] = v
	}
	g.Set("t1_text", "civic\tintegration")
	g.Set("t1_lang", "en")
	resp, body := postNoRedirect(t, ts, "/glossary/new", g)
	if text := pageText([]byte(body)); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text, "Term 2 (tekst): bevat een tab op byte 5") {
		t.Errorf("a tab: %d %.2000s", resp.StatusCode, text)
	}
}

// TestRefusalLabels: every kind of refusal the interface words has its
// label in every interface language, and every rule of a concept that a
// FieldError names by code has one (problem_<code>) with as many values
// as the English message names.
func TestRefusalLabels(t *testing.T) {
	u, err := newUI(nil, web.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range uiLangs {
		for _, rs := range reasons {
			if _, ok := u.labels[l]["refuse_"+rs.key]; !ok {
				t.Errorf("%s: no label refuse_%s (for %v)", l, rs.key, rs.err)
			}
		}
	}
	// Concepts that break each coded rule once.
	long := strings.Repeat("x", glossary.MaxTermLen+1)
	for _, c := range []glossary.Concept{
		{ID: "a b"}, {ID: "new"}, {Collection: " x"}, {Reliability: 7},
		{Terms: []glossary.Term{{Lang: "nl", Text: long}}},
		{Terms: []glossary.Term{{Lang: "nl", Text: "a\x01"}}},
		{Terms: []glossary.Term{{Lang: "nl", Text: "a\nb"}}},
		{Terms: []glossary.Term{{Lang: "nl", Text: "a\tb"}}},
		{Terms: []glossary.Term{{Lang: "nl", Text: "a\u200bb"}}},
		{Terms: []glossary.Term{{Lang: "xx", Text: "a"}}},
		{},
		{Terms: []glossary.Term{{Lang: "nl", Text: " "}}},
		{Terms: []glossary.Term{{Lang: "nl", Text: "a", Status: "best"}}},
		{Terms: []glossary.Term{{Lang: "nl", Text: "a", Article: "het de"}}},
		{Terms: []glossary.Term{{Lang: "en", Text: "a", Variant: "nl-BE"}}},
		{Terms: []glossary.Term{{Lang: "en", Text: "a", Article: "de"}}},
		{Terms: []glossary.Term{{Lang: "nl", Text: "a"}, {Lang: "nl", Text: "A"}}},
	} {
		var fe *glossary.FieldError
		if !errors.As(c.Validate(), &fe) || fe.Code == "" {
			t.Errorf("%+v: %v, want a FieldError with a code", c, c.Validate())
			continue
		}
		for _, l := range uiLangs {
			p := &page{UI: l, T: u.labels[l]}
			got := p.problemText(fe, nil)
			if got == fe.Msg && l != apiLang || strings.Contains(got, "%!") {
				t.Errorf("%s: %s (%s): %q", l, fe.Code, fe.Msg, got)
			}
		}
	}
}
