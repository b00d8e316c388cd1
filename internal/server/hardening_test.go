package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
)

// The tests in this file are issue 10's points 10, 11 and 14: how the
// server refuses what it cannot take, and what its refusals and answers
// look like.

const hardenToken = "harden-secret"

// hardenServer serves the embedded default with a write token.
func hardenServer(t *testing.T) (*httptest.Server, *Server) {
	t.Helper()
	return serveWith(t, Options{Tokens: map[string]string{hardenToken: "tester"}})
}

// doRequest sends one request and returns the status, headers and body.
func doRequest(t *testing.T, ts *httptest.Server, method, path, contentType string, body io.Reader, header map[string]string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// apiErr decodes the JSON error of an answer, failing t when it is not one.
func apiErr(t *testing.T, body []byte) errResp {
	t.Helper()
	var e errResp
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" {
		t.Fatalf("not a JSON error (%v): %.300s", err, body)
	}
	return e
}

// TestFormEscapeRefused: a posted form of the interface with a malformed
// %-escape, in its body or its URL, answers 400 with an error page that
// says so (issue 10, point 10: it answered 500); a form over its limit
// answers 413.
func TestFormEscapeRefused(t *testing.T) {
	ts, _ := hardenServer(t)
	const form = "application/x-www-form-urlencoded"
	for _, tc := range []struct {
		name, path, body string
		status           int
		says             string
	}{
		{"annotate, body", "/annotate", "text=50%zz+korting", 400, `"%zz"`},
		{"annotate, cut escape", "/annotate", "text=honderd%", 400, `"%"`},
		{"check, second field", "/check", "nl=Geachte&en=Dear%g1", 400, `"%g1"`},
		{"check, URL", "/check?ui=%x", "nl=a&en=b", 400, `"%x"`},
		{"annotate, well formed", "/annotate", "text=50%25+korting", 200, "50% korting"},
		{"annotate, over the limit", "/annotate", "text=" + strings.Repeat("a", maxFormBytes), 413, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, h, body := doRequest(t, ts, http.MethodPost, tc.path, form, strings.NewReader(tc.body), map[string]string{"Accept": "text/html"})
			if code != tc.status {
				t.Fatalf("status %d, want %d: %.300s", code, tc.status, body)
			}
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type %q, want a page", ct)
			}
			if !strings.Contains(html2text(body), tc.says) {
				t.Errorf("the page does not say %q", tc.says)
			}
		})
	}
}

// html2text unescapes a page's entities, enough to look for a message.
func html2text(b []byte) string {
	r := strings.NewReplacer("&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">", "&amp;", "&")
	return r.Replace(string(b))
}

// repeatReader is n bytes of b, made as they are read.
type repeatReader struct {
	b byte
	n int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), r.n)]
	if len(p) > 0 {
		// Doubling copies: a byte loop is slow under -race.
		p[0] = r.b
		for k := 1; k < len(p); k *= 2 {
			copy(p[k:], p[:k])
		}
	}
	r.n -= int64(len(p))
	return len(p), nil
}

// jsonOver is a JSON object {"field": "aaa…"} of limit+1 bytes.
func jsonOver(field string, limit int64) io.Reader {
	head := `{"` + field + `":"`
	return io.MultiReader(strings.NewReader(head), &repeatReader{'a', limit + 1 - int64(len(head)) - 2}, strings.NewReader(`"}`))
}

// multipartOver is a multipart form whose part field holds limit+1 bytes.
func multipartOver(field, filename string, limit int64) (io.Reader, string) {
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	if _, err := mw.CreateFormFile(field, filename); err != nil {
		panic(err)
	}
	tail := "\r\n--" + mw.Boundary() + "--\r\n"
	return io.MultiReader(bytes.NewReader(head.Bytes()), &repeatReader{'a', limit + 1}, strings.NewReader(tail)), mw.FormDataContentType()
}

// TestBodyTooLarge: every endpoint that reads a body answers one over its
// limit with 413 and the JSON error naming the limit (issue 10, point 11:
// concept bodies and /check answered 400, and a multipart TM import was
// read whole whatever its size).
func TestBodyTooLarge(t *testing.T) {
	ts, srv := hardenServer(t)
	// Bodies of 64 MiB go around checkAPI, whose copy of the request
	// body costs most of this test's time under -race.
	plain := httptest.NewServer(srv)
	defer plain.Close()
	const js = "application/json"
	for _, tc := range []struct {
		name, method, path, contentType string
		body                            func() (io.Reader, string)
		limit                           int64
	}{
		{name: "create concept", method: "POST", path: "/api/v1/glossary", contentType: js, limit: maxJSONBytes,
			body: func() (io.Reader, string) { return jsonOver("note", maxJSONBytes), js }},
		{name: "update concept", method: "PUT", path: "/api/v1/glossary/c1", limit: maxJSONBytes,
			body: func() (io.Reader, string) { return jsonOver("note", maxJSONBytes), js }},
		{name: "check", method: "POST", path: "/api/v1/check", limit: maxAnnotateBytes,
			body: func() (io.Reader, string) { return jsonOver("nl", maxAnnotateBytes), js }},
		{name: "annotate JSON", method: "POST", path: "/api/v1/annotate", limit: maxAnnotateBytes,
			body: func() (io.Reader, string) { return jsonOver("text", maxAnnotateBytes), js }},
		{name: "annotate text", method: "POST", path: "/api/v1/annotate", limit: maxAnnotateBytes,
			body: func() (io.Reader, string) {
				return &repeatReader{'a', maxAnnotateBytes + 1}, "text/plain; charset=utf-8"
			}},
		{name: "add document", method: "POST", path: "/api/v1/documents?name=big.txt", limit: maxDocumentBytes,
			body: func() (io.Reader, string) {
				return &repeatReader{'a', maxDocumentBytes + 1}, "text/plain; charset=utf-8"
			}},
		{name: "add document, multipart", method: "POST", path: "/api/v1/documents", limit: maxDocumentBytes,
			body: func() (io.Reader, string) { return multipartOver("file", "big.txt", maxDocumentBytes) }},
		{name: "replace document", method: "PUT", path: "/api/v1/documents/big", limit: maxDocumentBytes,
			body: func() (io.Reader, string) {
				return &repeatReader{'a', maxDocumentBytes + 1}, "text/plain; charset=utf-8"
			}},
		{name: "glossary import", method: "POST", path: "/api/v1/glossary/import?format=json&collection=big", limit: maxImportBytes,
			body: func() (io.Reader, string) { return jsonOver("concepts", maxImportBytes), js }},
		{name: "TM import", method: "POST", path: "/api/v1/tm/import?format=tsv", limit: maxImportBytes,
			body: func() (io.Reader, string) {
				return &repeatReader{'a', maxImportBytes + 1}, "text/tab-separated-values"
			}},
		{name: "TM import, multipart", method: "POST", path: "/api/v1/tm/import", limit: maxImportBytes,
			body: func() (io.Reader, string) { return multipartOver("file", "big.tsv", maxImportBytes) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, ct := tc.body()
			to := ts
			if tc.limit >= maxImportBytes {
				to = plain
			}
			code, _, resp := doRequest(t, to, tc.method, tc.path, ct, body, map[string]string{"Authorization": "Bearer " + hardenToken})
			if code != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d, want 413: %.300s", code, resp)
			}
			e := apiErr(t, resp)
			if want := byteSize(tc.limit); e.Error.Code != "too_large" || !strings.Contains(e.Error.Message, want) {
				t.Errorf("error %+v, want too_large naming the limit %s", e.Error, want)
			}
		})
	}
}

// TestJSONTextRefused: JSON whose strings encoding/json would silently
// change (bytes that are not UTF-8, escapes of lone UTF-16 surrogates) is
// refused with a 400 naming the field, and nothing is stored (issue 10,
// point 13/11: the replacement character was stored). A surrogate pair,
// which is a real character, is accepted.
func TestJSONTextRefused(t *testing.T) {
	ts, _ := hardenServer(t)
	const js = "application/json"
	concept := func(nl string) string {
		return `{"collection":"utf8","terms":[{"lang":"nl","text":"` + nl + `"},{"lang":"en","text":"good"}]}`
	}
	for _, tc := range []struct {
		name, method, path, contentType, body string
		status                                int
		says                                  []string
	}{
		{"create, invalid byte", "POST", "/api/v1/glossary", js, concept("go\xffed"), 400, []string{"UTF-8", "terms[0].text", "line 1"}},
		{"create, lone high surrogate", "POST", "/api/v1/glossary", js, concept(`goed\ud800`), 400, []string{"surrogate", "terms[0].text"}},
		{"create, lone low surrogate", "POST", "/api/v1/glossary", js, concept(`\udc00goed`), 400, []string{"surrogate", "terms[0].text"}},
		{"create, reversed pair", "POST", "/api/v1/glossary", js, concept(`\ude00\ud83d`), 400, []string{"surrogate", "terms[0].text"}},
		{"create, invalid byte in a name", "POST", "/api/v1/glossary", js, "{\"collection\":\"utf8\",\"no\xfete\":\"x\"}", 400, []string{"UTF-8", "name of field no"}},
		{"update, invalid byte in a note", "PUT", "/api/v1/glossary/utf8-1", js, "{\"note\":\"\xc3(\",\"terms\":[{\"lang\":\"nl\",\"text\":\"goed\"}]}", 400, []string{"UTF-8", "field note"}},
		{"annotate", "POST", "/api/v1/annotate", js, "{\"lang\":\"nl\",\"text\":\"de minister\xe2\x82\"}", 400, []string{"UTF-8", "field text"}},
		{"annotate, deep", "POST", "/api/v1/annotate", js, "{\n\"text\": \"ok\",\n\"lang\": \"n\xff\"}", 400, []string{"line 3", "field lang"}},
		{"check", "POST", "/api/v1/check", js, `{"nl":"de minister","en":"the \ud800 minister"}`, 400, []string{"surrogate", "field en"}},
		{"TM pairs", "POST", "/api/v1/tm/import?format=pairs&collection=utf8", "application/jsonl",
			"{\"nl\":\"goed\",\"en\":\"good\"}\n{\"nl\":\"sl\xffcht\",\"en\":\"bad\"}\n", 400, []string{"line 2", "field nl"}},
		{"glossary import", "POST", "/api/v1/glossary/import?format=json&collection=utf8", js,
			`[{"id":"u1","terms":[{"lang":"nl","text":"go` + "\xff" + `ed"}]}]`, 400, []string{"UTF-8"}},
		{"create, surrogate pair", "POST", "/api/v1/glossary", js, concept(`goed \ud83d\ude00`), 201, nil},
		{"create, escaped backslash before u", "POST", "/api/v1/glossary", js, concept(`c:\\ud800`), 201, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, body := doRequest(t, ts, tc.method, tc.path, tc.contentType, strings.NewReader(tc.body),
				map[string]string{"Authorization": "Bearer " + hardenToken})
			if code != tc.status {
				t.Fatalf("status %d, want %d: %.300s", code, tc.status, body)
			}
			if code >= 300 {
				e := apiErr(t, body)
				for _, s := range tc.says {
					if !strings.Contains(e.Error.Message, s) {
						t.Errorf("message %q does not say %q", e.Error.Message, s)
					}
				}
			}
		})
	}
	// Only the two accepted concepts are stored, neither with U+FFFD.
	var res struct {
		Total    int `json:"total"`
		Concepts []struct {
			Terms []struct{ Text string } `json:"terms"`
		} `json:"concepts"`
	}
	if code := get(t, ts, "/api/v1/glossary?collection=utf8&limit=100", &res); code != 200 {
		t.Fatalf("lookup: status %d", code)
	}
	var texts []string
	for _, c := range res.Concepts {
		for _, tm := range c.Terms {
			texts = append(texts, tm.Text)
		}
	}
	if diff := cmp.Diff([]string{`c:\ud800`, "good", "goed 😀", "good"}, texts); diff != "" {
		t.Errorf("stored terms (-want +got):\n%s", diff)
	}
	// Nothing stored: the TM has no such collection (404).
	if code := get(t, ts, "/api/v1/tm?collection=utf8", nil); code != http.StatusNotFound {
		t.Errorf("TM segments stored from a refused import: status %d, want 404 (no collection utf8)", code)
	}
}

// layerPrefix and goType find what a message for users must not show:
// a package's prefix ("index: query: …") and a Go type's name.
var (
	layerPrefix = regexp.MustCompile(`(^|: )(index|store|app|glossary|ingest|exchange|server|http|strconv): |: json: `)
	goType      = regexp.MustCompile(`Go (struct|value)|\b(glossary|app|index|store|tm|server)\.[A-Z]|\[\][a-z]|map\[string\]`)
)

// TestMessagesForUsers: error messages in JSON and on pages read without
// the layers' prefixes and Go type names (issue 10, point 14).
func TestMessagesForUsers(t *testing.T) {
	ts, _ := hardenServer(t)
	const js = "application/json"
	html := map[string]string{"Accept": "text/html"}
	for _, tc := range []struct {
		name, method, path, contentType, body string
		header                                map[string]string
		status                                int
		says                                  string
	}{
		{name: "short prefix", method: "GET", path: "/api/v1/search?q=a*", status: 400, says: "a prefix needs"},
		{name: "short prefix, page", method: "GET", path: "/?q=a*", header: html, status: 400, says: "a prefix needs"},
		{name: "lookup status", method: "GET", path: "/api/v1/glossary?q=x&status=bogus", status: 400, says: `status "bogus"`},
		{name: "lookup status, page", method: "GET", path: "/glossary?q=x&status=bogus", header: html, status: 400, says: `status "bogus"`},
		{name: "no document", method: "GET", path: "/api/v1/documents/nope", status: 404, says: `document "nope"`},
		{name: "no document, page", method: "GET", path: "/documents/nope", header: html, status: 404, says: `document "nope"`},
		{name: "concordance sort", method: "GET", path: "/api/v1/concordance?term=wet&sort=up", status: 400, says: `"up"`},
		{name: "update missing concept", method: "PUT", path: "/api/v1/glossary/nope", contentType: js,
			body: `{"terms":[{"lang":"nl","text":"x"}]}`, status: 404, says: `concept "nope"`},
		{name: "terms not an array", method: "POST", path: "/api/v1/glossary", contentType: js,
			body: `{"terms":"x"}`, status: 400, says: "field terms must be an array, not a string"},
		{name: "definition not an object", method: "POST", path: "/api/v1/glossary", contentType: js,
			body: `{"terms":[{"lang":"nl","text":"x"}],"definition":["a"]}`, status: 400, says: "field definition must be an object, not an array"},
		{name: "unknown field", method: "POST", path: "/api/v1/glossary", contentType: js,
			body: `{"terms":[],"defintion":{}}`, status: 400, says: `unknown field "defintion"`},
		{name: "syntax", method: "POST", path: "/api/v1/glossary", contentType: js,
			body: `{"terms":[}`, status: 400, says: "not valid JSON"},
		{name: "two values", method: "POST", path: "/api/v1/check", contentType: js,
			body: `{"nl":"a","en":"b"} {}`, status: 400, says: "goes on after"},
		{name: "check wrong kind", method: "POST", path: "/api/v1/check", contentType: js,
			body: `{"nl":1,"en":"b"}`, status: 400, says: "field nl must be a string, not a number"},
		{name: "empty body", method: "POST", path: "/api/v1/check", contentType: js, status: 400, says: "empty"},
		{name: "import wrong kind", method: "POST", path: "/api/v1/glossary/import?format=json&collection=m", contentType: js,
			body: `[{"id":"a","terms":"x"}]`, status: 400, says: "an array belongs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{"Authorization": "Bearer " + hardenToken}
			for k, v := range tc.header {
				h[k] = v
			}
			code, _, body := doRequest(t, ts, tc.method, tc.path, tc.contentType, strings.NewReader(tc.body), h)
			if code != tc.status {
				t.Fatalf("status %d, want %d: %.300s", code, tc.status, body)
			}
			msg := html2text(body)
			if tc.header == nil {
				msg = apiErr(t, body).Error.Message
			}
			if !strings.Contains(msg, tc.says) {
				t.Errorf("message does not say %q: %.400s", tc.says, msg)
			}
			if m := layerPrefix.FindString(msg); m != "" {
				t.Errorf("message shows a layer prefix %q: %.400s", m, msg)
			}
			if m := goType.FindString(msg); m != "" {
				t.Errorf("message shows a Go type %q: %.400s", m, msg)
			}
		})
	}
}

// TestUserMessage: the prefixes go, whole segments only and outside
// quotes.
func TestUserMessage(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`app: concept "x": not found`, `concept "x": not found`},
		{`store: import: concept 3: id "a" repeats concept 1: already exists`, `import: concept 3: id "a" repeats concept 1: already exists`},
		{`glossary: invalid lookup request: lang "xx" is not one of auto, nl`, `invalid lookup request: lang "xx" is not one of auto, nl`},
		{`json: line 3: json: unknown field "colour"`, `json: line 3: unknown field "colour"`},
		{`tmx: line 5: <seg>: element <seg> closed by </tuv>`, `tmx: line 5: <seg>: element <seg> closed by </tuv>`},
		{`body: json: cannot read`, `body: cannot read`},
		{`no document "app: index: x"`, `no document "app: index: x"`},
		{`no document "a\"b: app: c"`, `no document "a\"b: app: c"`},
		{`the index: was not open`, `the index: was not open`},
		{`index`, `index`},
		{`q is required: the words to search for`, `q is required: the words to search for`},
	} {
		if got := userMessage(tc.in); got != tc.want {
			t.Errorf("userMessage(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestClassifyMessages: what classify tells users of errors from the
// layers below, whatever wraps them.
func TestClassifyMessages(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want apiError
	}{
		{fmt.Errorf("app: search: %w", &index.QueryError{Pos: 3, Msg: "unbalanced quote"}),
			apiError{400, "bad_query", "unbalanced quote (at position 3 of the query)"}},
		{fmt.Errorf("app: search: %w", &index.LimitError{Msg: "too many words"}),
			apiError{400, "query_too_broad", "too many words"}},
		{fmt.Errorf("app: there is no document %q: %w", "x", app.ErrNotFound), apiError{404, "not_found", `there is no document "x"`}},
		{fmt.Errorf("store: update: the concept has no id: %w", store.ErrNotFound), apiError{404, "not_found", "update: the concept has no id"}},
		// The sentinel's text is the category, which the code names: the
		// message is the sentence, wherever %w put the sentinel.
		{fmt.Errorf("ingest: a.pdf: its fonts have no Unicode map; run OCR on it instead: %w", ingest.ErrGarbled),
			apiError{400, "bad_document", "a.pdf: its fonts have no Unicode map; run OCR on it instead"}},
		{fmt.Errorf("ingest: a.doc: old Word files are not supported; %w", ingest.ErrUnsupported),
			apiError{400, "bad_document", "a.doc: old Word files are not supported"}},
		{fmt.Errorf("word/document.xml is compressed 900:1 (limit 100:1): a zip bomb? %w", ingest.ErrUnsafe),
			apiError{400, "bad_document", "word/document.xml is compressed 900:1 (limit 100:1): a zip bomb?"}},
		{fmt.Errorf("app: concordance needs a term or a concept: %w", app.ErrBadRequest),
			apiError{400, "bad_request", "concordance needs a term or a concept"}},
		{fmt.Errorf("app: backup: %w: tolk runs in memory", app.ErrBadRequest), apiError{400, "bad_request", "backup: tolk runs in memory"}},
		{fmt.Errorf("app: concept %q was changed at 12:00; read it again: %w", "x", app.ErrStale),
			apiError{412, "stale", `concept "x" was changed at 12:00; read it again`}},
		{app.ErrNotFound, apiError{404, "not_found", "not found"}},
		{fmt.Errorf("server: reading: %w", &http.MaxBytesError{Limit: 2 << 20}), apiError{413, "too_large", "the request body is larger than the limit of 2 MiB"}},
		{errBadRequest("glossary: invalid lookup request: mode \"x\""), apiError{400, "bad_request", `invalid lookup request: mode "x"`}},
	} {
		got := classify(tc.err)
		if got == nil {
			t.Errorf("%v: not classified", tc.err)
			continue
		}
		if diff := cmp.Diff(tc.want, *got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tc.err, diff)
		}
	}
}

// TestSecurityHeaders: every answer, JSON, download, page or error,
// says nosniff, may not be framed and sends a same-origin referrer; pages
// keep their own Content-Security-Policy (issue 10, point 14: the API's
// answers had none of these).
func TestSecurityHeaders(t *testing.T) {
	ts, _ := hardenServer(t)
	for _, tc := range []struct {
		name, method, path string
		accept             string
		status             int
		page               bool
	}{
		{"search", "GET", "/api/v1/search?q=wet", "", 200, false},
		{"API error", "GET", "/api/v1/documents/nope", "", 404, false},
		{"no route", "GET", "/api/v1/nowhere", "", 404, false},
		{"wrong method", "DELETE", "/api/v1/search", "", 405, false},
		{"export", "GET", "/api/v1/glossary/export?format=csv", "", 200, false},
		{"description", "GET", "/api/v1/openapi.json", "", 200, false},
		{"health", "GET", "/healthz", "", 200, false},
		{"write refused", "POST", "/api/v1/glossary", "", 401, false},
		{"page", "GET", "/", "text/html", 200, true},
		{"page error", "GET", "/documents/nope", "text/html", 404, true},
		{"no page", "GET", "/nowhere", "text/html", 404, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, h, body := doRequest(t, ts, tc.method, tc.path, "", nil, map[string]string{"Accept": tc.accept})
			if code != tc.status {
				t.Fatalf("status %d, want %d: %.200s", code, tc.status, body)
			}
			want := map[string]string{
				"X-Content-Type-Options": "nosniff",
				"X-Frame-Options":        "DENY",
				"Referrer-Policy":        "same-origin",
				"Content-Security-Policy": map[bool]string{
					false: apiSecurityPolicy,
					true:  contentSecurityPolicy,
				}[tc.page],
			}
			got := map[string]string{}
			for k := range want {
				got[k] = h.Get(k)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLongRequestHead: a URL over maxRequestLine answers 414 and header
// fields over maxHeaderSize 431, with the JSON error (a page for a
// browser), where the URL used to reach the handlers; only a head over
// MaxHeaderBytes gets net/http's own plain-text 431, which no handler can
// change (issue 10, point 14). The server is configured as cmd/tolk's.
func TestLongRequestHead(t *testing.T) {
	_, srv := hardenServer(t)
	ts := httptest.NewUnstartedServer(srv) // not through checkAPI: the description has no 414 or 431
	ts.Config.MaxHeaderBytes = MaxHeaderBytes
	ts.Start()
	defer ts.Close()
	long := func(n int) string { return strings.Repeat("a", n) }
	for _, tc := range []struct {
		name, path string
		header     map[string]string
		status     int
		code       string // of the JSON error; "" for none
		page       bool
	}{
		{name: "URL under the limit", path: "/api/v1/search?q=wet&x=" + long(maxRequestLine-100), status: 200},
		{name: "long URL, API", path: "/api/v1/search?q=" + long(maxRequestLine), status: 414, code: "uri_too_long"},
		{name: "long URL, no route", path: "/" + long(maxRequestLine), status: 414, code: "uri_too_long"},
		{name: "long URL, page", path: "/?q=" + long(maxRequestLine), header: map[string]string{"Accept": "text/html"}, status: 414, page: true},
		{name: "long header", path: "/api/v1/search?q=wet", header: map[string]string{"X-Long": long(maxHeaderSize)}, status: 431, code: "headers_too_large"},
		{name: "many headers", path: "/healthz", header: manyHeaders(400, 100), status: 431, code: "headers_too_large"},
		{name: "URL over MaxHeaderBytes", path: "/api/v1/search?q=" + long(MaxHeaderBytes+8<<10), status: 431},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, h, body := doRequest(t, ts, http.MethodGet, tc.path, "", nil, tc.header)
			if code != tc.status {
				t.Fatalf("status %d, want %d: %.200s", code, tc.status, body)
			}
			ct := h.Get("Content-Type")
			switch {
			case tc.code != "":
				if e := apiErr(t, body); e.Error.Code != tc.code {
					t.Errorf("error code %q, want %q", e.Error.Code, tc.code)
				}
			case tc.page:
				if !strings.HasPrefix(ct, "text/html") || !strings.Contains(string(body), "<html") {
					t.Errorf("Content-Type %q, want an error page: %.200s", ct, body)
				}
			case code == 431:
				// net/http's own answer: what the handler never sees.
				if strings.Contains(ct, "json") {
					t.Errorf("Content-Type %q: net/http answered with JSON?", ct)
				}
			}
		})
	}
}

// manyHeaders is n header fields of size bytes each.
func manyHeaders(n, size int) map[string]string {
	h := map[string]string{}
	for i := range n {
		h[fmt.Sprintf("X-H%d", i)] = strings.Repeat("v", size)
	}
	return h
}

// TestContentDisposition: a download's file name taken from the request
// is quoted and escaped, and survives a round trip through a MIME parser
// (issue 10, point 14: a '"' in collection= ended the name early).
func TestContentDisposition(t *testing.T) {
	ts, _ := hardenServer(t)
	// The collections exist: an export of one the glossary does not have
	// is 404, no file (TestExportUnknownCollection).
	for _, coll := range []string{`a"b`, `x"; filename="evil.exe`, "één"} {
		body := strings.NewReader(`[{"terms":[{"lang":"nl","text":"woord"},{"lang":"en","text":"word"}]}]`)
		code, _, b := doRequest(t, ts, http.MethodPost, "/api/v1/glossary/import?format=json&collection="+url.QueryEscape(coll), "application/json", body,
			map[string]string{"Authorization": "Bearer " + hardenToken})
		if code != 200 {
			t.Fatalf("import into %q: %d %s", coll, code, b)
		}
	}
	for _, tc := range []struct {
		name, path, want string
	}{
		{"quote", "/api/v1/glossary/export?format=json&collection=" + url.QueryEscape(`a"b`), `tolk-glossary-a"b.json`},
		{"quote and semicolon", "/api/v1/glossary/export?format=csv&collection=" + url.QueryEscape(`x"; filename="evil.exe`), `tolk-glossary-x"; filename="evil.exe.csv`},
		{"not ASCII", "/api/v1/glossary/export?format=json&collection=" + url.QueryEscape("één"), "tolk-glossary-één.json"},
		{"plain", "/api/v1/glossary/export?format=json", "tolk-glossary.json"},
		{"TM", "/api/v1/tm/export?format=tsv", "tolk-tm.tsv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, h, body := doRequest(t, ts, http.MethodGet, tc.path, "", nil, nil)
			if code != 200 {
				t.Fatalf("status %d: %.200s", code, body)
			}
			cd := h.Get("Content-Disposition")
			typ, params, err := mime.ParseMediaType(cd)
			if err != nil {
				t.Fatalf("Content-Disposition %q: %v", cd, err)
			}
			if typ != "attachment" || params["filename"] != tc.want || len(params) != 1 {
				t.Errorf("Content-Disposition %q: %s %q, want attachment with filename %q", cd, typ, params, tc.want)
			}
		})
	}
}

// TestExportUnknownCollection: an export of a collection the glossary or
// the TM does not have (a misspelling: Curated) is 404 naming it, not an
// empty file a CAT tool would take for a glossary without terms.
// TestSearchUnknownDocument: a search filtered to a document that does not
// exist is a 404 naming it, not 200 with no hits (as if it held none).
func TestSearchUnknownDocument(t *testing.T) {
	ts, _ := hardenServer(t)
	code, _, body := doRequest(t, ts, http.MethodGet, "/api/v1/search?q=mali&doc=kamerbrief-mail-2020", "", nil, nil)
	if code != http.StatusNotFound || !strings.Contains(string(body), "kamerbrief-mail-2020") {
		t.Errorf("misspelt doc: %d %.200s, want 404 naming it", code, body)
	}
	if code, _, body := doRequest(t, ts, http.MethodGet, "/api/v1/search?q=mali&doc=kamerbrief-mali-2020", "", nil, nil); code != http.StatusOK {
		t.Errorf("the letter: %d %.200s", code, body)
	}
}

func TestExportUnknownCollection(t *testing.T) {
	ts, _ := hardenServer(t)
	for _, path := range []string{"/api/v1/glossary/export?format=csv&collection=Curated", "/api/v1/tm/export?format=tmx&collection=nosuch"} {
		code, _, body := doRequest(t, ts, http.MethodGet, path, "", nil, nil)
		if code != http.StatusNotFound || !strings.Contains(string(body), "no collection") {
			t.Errorf("%s: %d %.200s, want 404 naming the collection", path, code, body)
		}
	}
	if code, _, body := doRequest(t, ts, http.MethodGet, "/api/v1/glossary/export?format=csv&collection=curated", "", nil, nil); code != 200 {
		t.Errorf("the curated collection: %d %.200s", code, body)
	}
}

// TestAttachment: names no request can break the header with.
func TestAttachment(t *testing.T) {
	for _, name := range []string{`a"b.json`, `a\b`, "één.tbx", "a\r\nSet-Cookie: x=1", "tab\there", "x; filename=y", ""} {
		rec := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(rec)
		attachment(c, name)
		cd := rec.Header().Get("Content-Disposition")
		if strings.ContainsAny(cd, "\r\n") {
			t.Errorf("%q: header %q has a line break", name, cd)
			continue
		}
		_, params, err := mime.ParseMediaType(cd)
		if err != nil || params["filename"] != name {
			t.Errorf("%q: header %q parses to %q, %v", name, cd, params["filename"], err)
		}
	}
}
