package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
)

func send(t *testing.T, method, url, token string, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestDocumentConflictAndReplace: adding never overwrites (409 naming the
// id of the same file name, in any case; another name that gives the id
// is another document); PUT and POST ?replace=true replace, token-gated.
// The steps run in order on one server.
func TestDocumentConflictAndReplace(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	letter := func(word string) string {
		return "Geachte voorzitter,\n\nDeze brief gaat over het " + word + ".\n"
	}
	type errBody struct {
		Error struct{ Code, ID string } `json:"error"`
	}
	for _, tc := range []struct {
		name, method, path, token, body string
		want                            int
		wantErr                         errBody // checked when want ≥ 400
		wantWord                        string  // the word GET /documents/dup must hold after the step
	}{
		{"first add", "POST", "/api/v1/documents?name=dup.txt", testToken, letter("alfaquux"), 201, errBody{}, "alfaquux"},
		{"same name", "POST", "/api/v1/documents?name=dup.txt", testToken, letter("bravozorp"), 409, conflict("dup"), "alfaquux"},
		// Another file whose name gives the id is another document
		// (dup-md); it was a 409 whose advice to replace lost dup.
		{"other extension", "POST", "/api/v1/documents?name=dup.md", testToken, letter("foxtrotvel"), 201, errBody{}, "alfaquux"},
		{"other case", "POST", "/api/v1/documents?name=DUP.txt", testToken, letter("bravozorp"), 409, conflict("dup"), "alfaquux"},
		{"replace=false", "POST", "/api/v1/documents?name=dup.txt&replace=false", testToken, letter("bravozorp"), 409, conflict("dup"), "alfaquux"},
		{"replace=nonsense", "POST", "/api/v1/documents?name=dup.txt&replace=ja", testToken, letter("bravozorp"), 400, errBody{}, "alfaquux"},
		{"replace without token", "POST", "/api/v1/documents?name=dup.txt&replace=true", "", letter("bravozorp"), 401, errBody{}, "alfaquux"},
		{"replace=true", "POST", "/api/v1/documents?name=Dup.TXT&replace=true", testToken, letter("bravozorp"), 200, errBody{}, "bravozorp"},
		{"PUT without token", "PUT", "/api/v1/documents/dup", "", letter("charliewix"), 401, errBody{}, "bravozorp"},
		{"PUT name of another id", "PUT", "/api/v1/documents/dup?name=other.txt", testToken, letter("charliewix"), 400, errBody{}, "bravozorp"},
		{"PUT", "PUT", "/api/v1/documents/dup", testToken, letter("charliewix"), 200, errBody{}, "charliewix"},
		{"PUT with name", "PUT", "/api/v1/documents/dup?name=DUP.txt", testToken, letter("deltamoog"), 200, errBody{}, "deltamoog"},
		{"PUT creates", "PUT", "/api/v1/documents/nieuw", testToken, letter("echofjord"), 201, errBody{}, "deltamoog"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := send(t, tc.method, ts.URL+tc.path, tc.token, tc.body)
			if code != tc.want {
				t.Fatalf("status %d, want %d: %s", code, tc.want, body)
			}
			if code >= 400 && tc.wantErr.Error.Code != "" {
				var got errBody
				if err := json.Unmarshal(body, &got); err != nil {
					t.Fatalf("%v: %s", err, body)
				}
				if diff := cmp.Diff(tc.wantErr, got); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
			}
			var doc struct{ Paragraphs []struct{ Text string } }
			if c := get(t, ts, "/api/v1/documents/dup", &doc); c != 200 || len(doc.Paragraphs) != 2 ||
				!strings.Contains(doc.Paragraphs[1].Text, tc.wantWord) {
				t.Errorf("GET dup: %d %+v, want the version with %q", c, doc, tc.wantWord)
			}
			for _, w := range []string{"alfaquux", "bravozorp", "charliewix", "deltamoog"} {
				want := 0
				if w == tc.wantWord {
					want = 1
				}
				if got := len(searchFor(t, ts, w).Hits); got != want {
					t.Errorf("search %q: %d hits, want %d", w, got, want)
				}
			}
		})
	}
}

func conflict(id string) (e struct {
	Error struct{ Code, ID string } `json:"error"`
}) {
	e.Error.Code, e.Error.ID = "exists", id
	return e
}

// TestReplaceClientDisconnects re-uploads a document through the server
// and drops the connection while the server works on it (the issue's
// reproduction: the old code then deleted the stored document and left
// its passages searchable). After the server has finished and the data
// directory is reopened, the document is wholly one version: stored,
// GET-able, and its passages those of that version only.
func TestReplaceClientDisconnects(t *testing.T) {
	dir := t.TempDir()
	open := func() *app.App {
		a, err := app.Open(context.Background(), app.Config{DataDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := open()
	srv, err := New(a, Options{Tokens: map[string]string{testToken: "tester"}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(checkAPI(t, srv))
	letter := func(word string, n int) string {
		var b strings.Builder
		b.WriteString("Geachte voorzitter,\n\n")
		for i := range n {
			fmt.Fprintf(&b, "Alinea %d gaat over het %s.\n\n", i, word)
		}
		return b.String()
	}
	if code, body := send(t, "POST", ts.URL+"/api/v1/documents?name=brief.txt", testToken, letter("alfaquux", 3)); code != 201 {
		t.Fatalf("first upload: %d %s", code, body)
	}
	for _, wait := range []time.Duration{5 * time.Millisecond, 30 * time.Millisecond, 100 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		req, _ := http.NewRequestWithContext(ctx, "PUT", ts.URL+"/api/v1/documents/brief", strings.NewReader(letter("bravozorp", 3000)))
		req.Header.Set("Authorization", "Bearer "+testToken)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
		cancel()
	}
	ts.Close() // waits for the handlers to end
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b := open()
	defer b.Close()
	d, err := b.Document("brief")
	if err != nil {
		t.Fatalf("after restart: %v", err)
	}
	word, n := "alfaquux", 3
	if len(d.Paragraphs) != 4 {
		word, n = "bravozorp", 3000
	}
	if len(d.Paragraphs) != n+1 {
		t.Fatalf("stored version has %d paragraphs", len(d.Paragraphs))
	}
	count, err := b.Index().DocCount(context.Background(), "brief")
	if err != nil || count != n+1 {
		t.Errorf("index holds %d passages of brief (%v), want %d", count, err, n+1)
	}
	for _, w := range []string{"alfaquux", "bravozorp"} {
		q, _ := index.ParseQuery(w)
		res, err := b.Index().Search(context.Background(), index.Request{Query: q, Doc: "brief"})
		if err != nil {
			t.Fatal(err)
		}
		want := uint64(0)
		if w == word {
			want = uint64(n)
		}
		if res.Total != want {
			t.Errorf("%q: %d passages, want %d (stored version: %s)", w, res.Total, want, word)
		}
	}
	t.Logf("stored version after the disconnects: %s", word)
}

// TestReplaceReadAsStoredName: a PUT without ?name= reads the body as the
// stored document's file; a body that file cannot be says so, and how to
// send another kind of file (the error named the old file only, which
// looked like a mix-up).
func TestReplaceReadAsStoredName(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	if code, _, body := apiCall(t, ts, "POST", "/api/v1/documents?name=brief.xml", testToken, "", []byte(`<?xml version="1.0"?><officiele-publicatie><kamerstuk><stuk><al>De brief.</al></stuk></kamerstuk></officiele-publicatie>`)); code != 201 {
		t.Fatalf("add: %d %s", code, body)
	}
	code, _, body := apiCall(t, ts, "PUT", "/api/v1/documents/brief", testToken, "", []byte("Een brief in Latin-1: co\xf6rdinatie.\n"))
	if code != 400 || !strings.Contains(string(body), "brief.xml") || !strings.Contains(string(body), "?name=") {
		t.Errorf("PUT of a Latin-1 text over an XML document: %d %s, want 400 saying it was read as brief.xml and naming ?name=", code, body)
	}
	var doc struct{ Text string }
	if code := get(t, ts, "/api/v1/documents/brief", &doc); code != 200 || !strings.Contains(doc.Text, "De brief.") {
		t.Errorf("after the refused PUT: %d %q, want the stored document", code, doc.Text)
	}
}

// TestReplaceRenamesToContent: a PUT without ?name= whose body is another
// kind of file than the stored one's name says renames the document to
// the id and the content's extension, so that name and format agree (a
// stored gmb.html replaced by XML kept the name gmb.html with format xml),
// and a text body over a stored PDF name is read as text (it was refused).
func TestReplaceRenamesToContent(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	if code, _, body := apiCall(t, ts, "POST", "/api/v1/documents?name=brief.txt", testToken, "", []byte("Een brief over sancties.\n")); code != 201 {
		t.Fatalf("add: %d %s", code, body)
	}
	html := []byte("<!DOCTYPE html><html><head><title>Brief</title></head><body><p>Een nieuwe brief over sancties.</p></body></html>")
	if code, _, body := apiCall(t, ts, "PUT", "/api/v1/documents/brief", testToken, "", html); code != 200 {
		t.Fatalf("PUT html: %d %s", code, body)
	}
	var doc struct{ Name, Format, Text string }
	if get(t, ts, "/api/v1/documents/brief", &doc); doc.Name != "brief.html" || doc.Format != "html" {
		t.Errorf("after the HTML: name %q, format %q; want brief.html, html", doc.Name, doc.Format)
	}
	if code, _, body := apiCall(t, ts, "PUT", "/api/v1/documents/brief", testToken, "", []byte("Weer tekst over sancties.\n")); code != 200 {
		t.Fatalf("PUT text: %d %s", code, body)
	}
	if get(t, ts, "/api/v1/documents/brief", &doc); doc.Name != "brief.txt" || doc.Format != "text" || !strings.Contains(doc.Text, "Weer tekst") {
		t.Errorf("after the text: name %q, format %q, %q; want brief.txt, text", doc.Name, doc.Format, doc.Text)
	}
}

// TestReplaceBadID: a PUT to an id no name can give says what an id is
// (it said `the name "a.b.txt" gives the id "a-b"`, a name never sent).
// An id in upper case is that id in lower case (TestDocumentIDCase).
func TestReplaceBadID(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	for _, id := range []string{"nieuw_3", "a.b"} {
		code, _, body := apiCall(t, ts, "PUT", "/api/v1/documents/"+id, testToken, "", []byte("Een brief.\n"))
		if code != 400 || !strings.Contains(string(body), "not a document id") || strings.Contains(string(body), ".txt") {
			t.Errorf("PUT /documents/%s: %d %s, want 400 saying what an id is", id, code, body)
		}
	}
}

// TestParamCaseAndBlank: lang=EN is en, and a blank lang= or format= is
// the default, as a blank limit= is (a blank lang= was a 400, lang=EN
// too, while type=Handelingen matched in any case).
func TestParamCaseAndBlank(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, tc := range []struct{ path, lang string }{
		{"/api/v1/search?q=sanctions&lang=EN", "en"},
		{"/api/v1/search?q=sancties&lang=", "nl"},
		{"/api/v1/search?q=sancties&lang=%20NL%20", "nl"},
	} {
		var r struct{ Lang string }
		if code := get(t, ts, tc.path, &r); code != 200 || r.Lang != tc.lang {
			t.Errorf("%s: %d, lang %q; want 200 and %s", tc.path, code, r.Lang, tc.lang)
		}
	}
	if code, _, body := apiCall(t, ts, "GET", "/api/v1/documents/kamerbrief-mali-2020/terms?format=", "", "", nil); code != 200 || !strings.HasPrefix(strings.TrimSpace(string(body)), "{") {
		t.Errorf("terms?format=: %d %.80s, want the JSON term list", code, body)
	}
}

// TestUploadContentEncoding: a body sent with Content-Encoding: gzip is
// stored decompressed (it was refused as "a gzip archive; decompress it
// first"); another encoding is a 415 naming it.
func TestUploadContentEncoding(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("Een brief over de sancties tegen de junta.\n"))
	zw.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/documents?name=gz.txt", bytes.NewReader(buf.Bytes()))
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("gzip upload: %d", resp.StatusCode)
	}
	var doc struct{ Text string }
	if get(t, ts, "/api/v1/documents/gz", &doc); !strings.Contains(doc.Text, "sancties tegen de junta") {
		t.Errorf("stored %q", doc.Text)
	}
	req, _ = http.NewRequest("POST", ts.URL+"/api/v1/documents?name=br.txt", strings.NewReader("x"))
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Encoding", "br")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// RFC 9110, 15.5.16: an unsupported content coding is 415, and
	// Accept-Encoding says which are read.
	if resp.StatusCode != 415 || !strings.Contains(string(body), `Content-Encoding \"br\"`) || resp.Header.Get("Accept-Encoding") != "gzip" {
		t.Errorf("br upload: %d %s (Accept-Encoding %q), want 415 naming br, Accept-Encoding gzip", resp.StatusCode, body, resp.Header.Get("Accept-Encoding"))
	}
}

// TestTMConcordanceNeedsQ: an empty q is a 400 that says what q is (it
// answered 200 with nothing).
func TestTMConcordanceNeedsQ(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, q := range []string{"", "%20"} {
		code, _, body := apiCall(t, ts, "GET", "/api/v1/tm/concordance?q="+q, "", "", nil)
		if code != 400 || !strings.Contains(string(body), "q is required") {
			t.Errorf("q=%q: %d %s", q, code, body)
		}
	}
}

// TestDocumentListPages: GET /documents lists a page by id (limit,
// offset) with the total, and refuses a limit or offset it cannot serve
// (limit= was ignored: a client asking for 2 got every document).
func TestDocumentListPages(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	for _, n := range []string{"b-brief", "a-brief", "c-brief"} {
		if code, b := send(t, "POST", ts.URL+"/api/v1/documents?name="+n+".txt", testToken, "Geachte voorzitter,\n\nDeze brief heet "+n+".\n"); code != 201 {
			t.Fatalf("add %s: %d %s", n, code, b)
		}
	}
	type page struct {
		Total     int                   `json:"total"`
		Documents []struct{ ID string } `json:"documents"`
	}
	ids := func(p page) []string {
		var out []string
		for _, d := range p.Documents {
			out = append(out, d.ID)
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{"a-brief", "b-brief", "c-brief", "kamerbrief-mali-2020"}},
		{"?limit=2", []string{"a-brief", "b-brief"}},
		{"?limit=2&offset=2", []string{"c-brief", "kamerbrief-mali-2020"}},
		{"?offset=3", []string{"kamerbrief-mali-2020"}},
		{"?offset=9", nil},
	} {
		var p page
		if code := get(t, ts, "/api/v1/documents"+tc.query, &p); code != 200 || p.Total != 4 || !cmp.Equal(ids(p), tc.want) {
			t.Errorf("%s: %d total %d %v, want 4 %v", tc.query, code, p.Total, ids(p), tc.want)
		}
	}
	for _, q := range []string{"?limit=0", "?limit=1001", "?limit=x", "?offset=-1", "?limit=1&limit=2"} {
		var e errResp
		if code := get(t, ts, "/api/v1/documents"+q, &e); code != 400 || e.Error.Code != "bad_request" {
			t.Errorf("%s: %d %+v, want 400 bad_request", q, code, e)
		}
	}
}
