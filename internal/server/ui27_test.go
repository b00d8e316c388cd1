package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAnnotateLongText: a text longer than a fuzzy match takes (64 KiB)
// gets its terms annotated and a panel that says why it has no matches;
// the page answered 500 "internal error" and lost the text.
func TestAnnotateLongText(t *testing.T) {
	ts := newTestServer(t, nil)
	text := strings.Repeat("De staatsgreep in Mali werd veroordeeld. ", 2000) // 82 KB
	resp, body := fetch(t, ts, "POST", "/annotate", url.Values{"text": {text}}, map[string]string{"Accept-Language": "en"})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %.300s", resp.StatusCode, body)
	}
	if !strings.Contains(body, "too long for translation-memory matches") || !strings.Contains(body, "staatsgreep") {
		t.Errorf("the page does not say why it has no matches, or lost the text: %.500s", body)
	}
}

// TestTMPageUnknownCollection: the TM page with a collection the TM does
// not have says so on the page, with its form, 404, with or without a
// query (without one it was an empty page, with one an error page that
// dropped the form).
func TestTMPageUnknownCollection(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, path := range []string{"/tm?collection=nope", "/tm?collection=nope&q=verdrag"} {
		resp, body := fetch(t, ts, "GET", path, nil, map[string]string{"Accept-Language": "en"})
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, `id="tm-q"`) || !strings.Contains(html2text([]byte(body)), `has no collection "nope"`) {
			t.Errorf("%s: %d, want 404 with the form and the notice: %.400s", path, resp.StatusCode, body)
		}
	}
}

// TestDocumentListFilterNone: a type no document has says that none of
// the documents is of it (it said there were no documents yet), and the
// list says how many documents there are.
func TestDocumentListFilterNone(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, body := fetch(t, ts, "GET", "/documents?type=bogus", nil, map[string]string{"Accept-Language": "en"})
	if resp.StatusCode != 200 || !strings.Contains(body, "No document is of this type.") || strings.Contains(body, "no documents yet") {
		t.Errorf("type=bogus: %d %.600s", resp.StatusCode, body)
	}
	if _, body = fetch(t, ts, "GET", "/documents", nil, map[string]string{"Accept-Language": "en"}); !strings.Contains(body, ">1 document<") {
		t.Errorf("the list does not say how many documents there are")
	}
}

// TestGlossaryLettersOnce: a term that starts with punctuation
// ('s-Gravenhage, (voorlopige) hechtenis) is filed under its letter's one
// group, A to Z in order: it made a second S group above A, and the page
// had two ids "l-S".
func TestGlossaryLettersOnce(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	for _, c := range []string{
		`{"collection":"mine","terms":[{"lang":"nl","text":"'s-Gravenhage","pos":"properNoun"},{"lang":"en","text":"The Hague","pos":"properNoun"}]}`,
		`{"collection":"mine","terms":[{"lang":"nl","text":"(voorlopige) hechtenis"},{"lang":"en","text":"(pre-trial) detention"}]}`,
	} {
		if code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary", editorToken, "application/json", []byte(c)); code != http.StatusCreated {
			t.Fatalf("create: %d %s", code, b)
		}
	}
	_, body := fetch(t, ts, "GET", "/glossary", nil, nil)
	last := -1
	for _, l := range []string{"A", "S", "V"} {
		id := `id="l-` + l + `"`
		if n := strings.Count(body, id); n != 1 {
			t.Errorf("%s: %d times, want once", id, n)
		}
		i := strings.Index(body, id)
		if i < last {
			t.Errorf("group %s comes before the one above it", l)
		}
		last = i
	}
	if i, j := strings.Index(body, `id="l-S"`), strings.Index(body, "s-Gravenhage"); j < i {
		t.Errorf("'s-Gravenhage is not under S")
	}
}

// TestConceptPageLanguages: on a concept page the label "Definition" is
// in the page's language and the definition in its own (the lang of the
// definition covered the label), and a term's form is said in words
// (it showed TBX's "shortForm").
func TestConceptPageLanguages(t *testing.T) {
	ts := newTestServer(t, nil)
	_, body := fetch(t, ts, "GET", "/glossary/algemene-rekenkamer", nil, map[string]string{"Accept-Language": "en"})
	if !strings.Contains(body, `<p class="definition"><span class="muted">Definition:</span> <span lang="nl">`) {
		t.Errorf("the Dutch definition's lang covers the English label: %.300s", body[strings.Index(body, "definition")-50:])
	}
	if !strings.Contains(body, "form: short form") || strings.Contains(body, "shortForm") {
		t.Errorf("the term's form is not said in words")
	}
}

// TestBadDateSaysDate: a date filter that cannot be read is said to be
// the date, not the query, and without the query syntax help.
func TestBadDateSaysDate(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, body := fetch(t, ts, "GET", "/?q=staatsgreep&from=notadate", nil, map[string]string{"Accept-Language": "en"})
	if resp.StatusCode != 400 || !strings.Contains(body, "This date cannot be read") || strings.Contains(body, "This query cannot be read") {
		t.Errorf("%d: the page does not say the date is the problem", resp.StatusCode)
	}
}

// TestAnnotateOnlySpaces: a text of spaces alone (which passes the
// browser's required check) is answered with what is missing, not the
// empty form without a word.
func TestAnnotateOnlySpaces(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, body := fetch(t, ts, "POST", "/annotate", url.Values{"text": {"   \n  "}}, map[string]string{"Accept-Language": "en"})
	if resp.StatusCode != 400 || !strings.Contains(body, "There is no text") {
		t.Errorf("%d: the page does not say the text is missing", resp.StatusCode)
	}
}

// TestTypeFacetInWords: the search page's type facet says a document type
// in words, in the page's language, as the form's select does (it showed
// the raw value, marked Dutch).
func TestTypeFacetInWords(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	if code, b := send(t, "POST", ts.URL+"/api/v1/documents?name=stcrt-2015-47076.xml", testToken, uploadXML); code != 201 {
		t.Fatalf("upload: %d %s", code, b)
	}
	_, body := fetch(t, ts, "GET", "/?q=ontwerpbesluit", nil, map[string]string{"Accept-Language": "en"})
	if !strings.Contains(body, `>Government Gazette (Staatscourant)</a> <span class="count">`) {
		t.Errorf("the type facet does not say the type in words: %.400s", body[max(0, strings.Index(body, `class="facets"`)):])
	}
}
