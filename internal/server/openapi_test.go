package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/google/go-cmp/cmp"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	vErrors "github.com/pb33f/libopenapi-validator/errors"

	"github.com/tolk-nl/tolk/glossary"
)

// The tests in this file keep openapi.yaml true: every request and
// response that passes through a test server built by the helpers
// (serveDefault, serveWith, newUITestServer) is checked against it by
// checkAPI, and the description must name every /api/v1 route.

var (
	apiSpecOnce sync.Once
	apiSpec     validator.Validator
	apiSpecErr  error
)

// openAPIValidator builds the validator of the served description once
// per test binary; it is safe for concurrent use.
func openAPIValidator(t testing.TB) validator.Validator {
	t.Helper()
	apiSpecOnce.Do(func() {
		doc, err := OpenAPI()
		if err != nil {
			apiSpecErr = err
			return
		}
		d, err := libopenapi.NewDocument(doc)
		if err != nil {
			apiSpecErr = fmt.Errorf("openapi: %w", err)
			return
		}
		v, errs := validator.NewValidator(d, config.WithFormatAssertions())
		if len(errs) > 0 {
			apiSpecErr = fmt.Errorf("openapi: %v", errs)
			return
		}
		apiSpec = v
	})
	if apiSpecErr != nil {
		t.Fatal(apiSpecErr)
	}
	return apiSpec
}

// checkAPI wraps h so that every /api/v1 exchange is checked against the
// description; a mismatch fails t with the method, path, status and the
// validator's message. The answer must be one the description declares
// for the operation (status, content type, body schema, headers). The
// request is checked only when the server accepted it (2xx): tests send
// wrong requests on purpose, and what matters is that the server accepts
// none the description forbids. Exchanges on
// paths the description does not have are left to TestOpenAPIRoutes,
// as are the 499 of clients that went away (nobody reads that answer).
//
// Benchmarks get h itself: they measure the server, not the check.
func checkAPI(t testing.TB, h http.Handler) http.Handler {
	t.Helper()
	if _, ok := t.(*testing.B); ok {
		return h
	}
	v := openAPIValidator(t)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A HEAD is answered as its GET, whose body net/http drops
		// (TestHead); the recorder would see that body.
		if !strings.HasPrefix(r.URL.Path, "/api/v1/") || r.Method == http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		reqBody := &bodyCopy{max: maxCheckedBody}
		if r.Body != nil {
			r.Body = teeBody{io.TeeReader(r.Body, reqBody), r.Body}
		}
		rec := &recorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		if msg := exchangeMismatch(v, r, reqBody, rec); msg != "" {
			t.Errorf("openapi: %s %s → %d: %s", r.Method, abbreviate(r.URL.RequestURI(), 200), rec.status(), msg)
		}
	})
}

// maxCheckedBody bounds the copy checkAPI keeps of a request body. Bodies
// the description gives a schema for are JSON of at most a few MiB; a
// larger accepted body (a big import) has its answer checked but not
// itself, so that tests of the 64 MiB limits do not spend their time
// copying.
const maxCheckedBody = 8 << 20

// bodyCopy keeps the first max bytes written to it.
type bodyCopy struct {
	bytes.Buffer
	max       int
	truncated bool
}

func (b *bodyCopy) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); len(p) > room {
		b.truncated = true
		b.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.Buffer.Write(p)
}

// exchangeMismatch returns what is wrong with one exchange, or "".
func exchangeMismatch(v validator.Validator, r *http.Request, copied *bodyCopy, rec *recorder) string {
	status := rec.status()
	if status == statusClientClosed {
		return ""
	}
	reqBody := copied.Bytes()
	req := r.Clone(r.Context())
	req.Body = io.NopCloser(bytes.NewReader(reqBody))
	if len(reqBody) > 0 && req.Header.Get("Content-Type") == "" {
		// What RFC 9110 lets a recipient assume; the validator would
		// otherwise refuse a body without a type outright.
		req.Header.Set("Content-Type", "application/octet-stream")
	}
	body := rec.body.Bytes()
	if rec.Header().Get("Content-Encoding") == "gzip" && len(body) > 0 {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return "gzip: " + err.Error()
		}
		if body, err = io.ReadAll(zr); err != nil {
			return "gzip: " + err.Error()
		}
	}
	resp := &http.Response{StatusCode: status, Header: rec.Header().Clone(),
		Body: io.NopCloser(bytes.NewReader(body)), Request: req}
	resp.Header.Del("Content-Encoding")
	var msgs []string
	if ok, errs := v.ValidateHttpResponse(req, resp); !ok {
		for _, e := range errs {
			if e.IsPathMissingError() || e.IsOperationMissingError() {
				return ""
			}
			msgs = append(msgs, "response: "+describe(e))
		}
	}
	if status >= 200 && status < 300 && !copied.truncated {
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
		if ok, errs := v.ValidateHttpRequestSync(req); !ok {
			for _, e := range errs {
				msgs = append(msgs, "accepted a request the description refuses: "+describe(e))
			}
		}
	}
	if len(msgs) > 0 && len(body) > 0 {
		msgs = append(msgs, "body: "+abbreviate(string(body), 300))
	}
	return strings.Join(msgs, "; ")
}

// describe is the validator's message with its schema failures.
func describe(e *vErrors.ValidationError) string {
	s := e.Message
	if e.Reason != "" && e.Reason != e.Message {
		s += " (" + e.Reason + ")"
	}
	for _, f := range e.SchemaValidationErrors {
		s += "; " + f.Error()
		if f.KeywordLocation != "" {
			s += " at " + f.KeywordLocation
		}
	}
	return s
}

func abbreviate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// teeBody copies what the handler reads of the request body.
type teeBody struct {
	io.Reader
	io.Closer
}

// recorder passes a response through and keeps a copy of it.
type recorder struct {
	http.ResponseWriter
	code int
	body bytes.Buffer
}

func (w *recorder) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	w.body.Write(b)
	return w.ResponseWriter.Write(b)
}

func (w *recorder) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *recorder) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}

// TestOpenAPIServed: /api/v1/openapi.json serves the embedded description
// as JSON, and it is a valid OpenAPI 3.1 document.
func TestOpenAPIServed(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, err := http.Get(ts.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	want, err := OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("served document differs from OpenAPI() (%d vs %d bytes)", len(got), len(want))
	}
	var doc struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(got, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || len(doc.Paths) == 0 {
		t.Errorf("openapi %q with %d paths, want 3.1.0 with some", doc.OpenAPI, len(doc.Paths))
	}
	if ok, errs := openAPIValidator(t).ValidateDocument(); !ok {
		for _, e := range errs {
			t.Errorf("not a valid OpenAPI 3.1 document: %s", describe(e))
		}
	}
}

// TestOpenAPIRoutes: the description has exactly the routes the server
// registers under /api/v1, method by method.
func TestOpenAPIRoutes(t *testing.T) {
	_, srv := serveWith(t, Options{})
	var registered []string
	for _, r := range srv.gin.Routes() {
		if strings.HasPrefix(r.Path, "/api/v1/") {
			registered = append(registered, r.Method+" "+ginToOpenAPI(r.Path))
		}
	}
	described := describedOperations(t)
	slices.Sort(registered)
	if len(registered) < 25 {
		t.Fatalf("only %d routes registered under /api/v1: %v", len(registered), registered)
	}
	if diff := cmp.Diff(registered, described); diff != "" {
		t.Errorf("routes registered (-) and described in openapi.yaml (+) differ:\n%s", diff)
	}
}

// ginToOpenAPI turns gin's /a/:id/b into OpenAPI's /a/{id}/b.
func ginToOpenAPI(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			parts[i] = "{" + name + "}"
		} else if name, ok := strings.CutPrefix(s, "*"); ok {
			parts[i] = "{" + name + "}"
		}
	}
	return strings.Join(parts, "/")
}

// caught stands in for a test's testing.TB and keeps what checkAPI
// reports instead of failing.
type caught struct {
	testing.TB
	mu   sync.Mutex
	msgs []string
}

func (c *caught) Errorf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.msgs = append(c.msgs, fmt.Sprintf(format, args...))
}

func (c *caught) reports() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.msgs)
}

// TestOpenAPICatchesDrift: checkAPI reports a handler that answers other
// than the description says, and stays quiet for one that follows it, so
// the check cannot pass by checking nothing. A test-only router stands in
// for the server's handlers on the description's paths.
func TestOpenAPICatchesDrift(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	for _, tc := range []struct {
		name    string
		path    string // requested
		status  int
		body    string // JSON answered
		gzip    bool   // the client asks for gzip and the answer is compressed
		want    string // in the report; "" for none
		headers map[string]string
	}{
		{name: "matching", path: "/api/v1/glossary/collections", status: 200,
			body: `{"collections":[{"name":"curated","concepts":3}]}`},
		{name: "matching gzip", path: "/api/v1/glossary/collections", status: 200, gzip: true,
			body: `{"collections":[{"name":"curated","concepts":3}]}`},
		{name: "matching error", path: "/api/v1/glossary/nope", status: 404,
			body: `{"error":{"code":"not_found","message":"no concept \"nope\""}}`},
		{name: "wrong type", path: "/api/v1/glossary/collections", status: 200,
			body: `{"collections":[{"name":"curated","concepts":"3"}]}`, want: "concepts"},
		{name: "wrong type gzip", path: "/api/v1/glossary/collections", status: 200, gzip: true,
			body: `{"collections":[{"name":"curated","concepts":"3"}]}`, want: "concepts"},
		{name: "null list", path: "/api/v1/glossary/collections", status: 200,
			body: `{"collections":null}`, want: "collections"},
		{name: "undescribed field", path: "/api/v1/glossary/collections", status: 200,
			body: `{"collections":[],"total":0}`, want: "total"},
		{name: "missing field", path: "/api/v1/documents", status: 200,
			body: `{"total":1,"documents":[{"id":"a","title":"A","name":"a.txt","format":"text","added":"2026-01-02T03:04:05Z","sections":1}]}`,
			want: "paragraphs"},
		{name: "bad date", path: "/api/v1/documents", status: 200,
			body: `{"total":1,"documents":[{"id":"a","title":"A","name":"a.txt","format":"text","added":"yesterday","sections":1,"paragraphs":2}]}`,
			want: "date-time"},
		{name: "undeclared status", path: "/api/v1/glossary/collections", status: http.StatusTeapot,
			body: `{"error":{"code":"teapot","message":"short and stout"}}`, want: "418"},
		{name: "error shape", path: "/api/v1/glossary/nope", status: 404,
			body: `{"error":"not found"}`, want: "error"},
		{name: "accepted a forbidden request", path: "/api/v1/search?q=x&limit=1000", status: 200,
			body: `{"query":"x","lang":"nl","total":0,"took_ms":0.1,"hits":[],"facets":{},"expanded":[]}`,
			want: "limit"},
		{name: "refused a forbidden request", path: "/api/v1/search?q=x&limit=1000", status: 400,
			body: `{"error":{"code":"bad_request","message":"limit must be at most 100"}}`},
		{name: "not described", path: "/api/v1/nowhere", status: 404,
			body: `{"error":{"code":"not_found","message":"no such route"}}`},
		{name: "not the API", path: "/healthz", status: 200, body: `{"anything":1}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := gin.New()
			r.Use(compress)
			r.NoRoute(func(c *gin.Context) { c.Data(tc.status, "application/json; charset=utf-8", []byte(tc.body)) })
			rec := &caught{TB: t}
			ts := httptest.NewServer(checkAPI(rec, r))
			defer ts.Close()
			req, err := http.NewRequest(http.MethodGet, ts.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.gzip {
				// Set by hand, the client leaves the body compressed.
				req.Header.Set("Accept-Encoding", "gzip")
			} else {
				req.Header.Set("Accept-Encoding", "identity")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if tc.gzip && resp.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("answer not compressed; the gzip case tests nothing")
			}
			ts.Close() // waits for the handler, and so for its report
			got := rec.reports()
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("reported a matching exchange: %q", got)
			case tc.want != "" && len(got) == 0:
				t.Errorf("did not report the mismatch (%s)", tc.want)
			case tc.want != "" && !strings.Contains(strings.Join(got, " "), tc.want):
				t.Errorf("report does not name %q: %q", tc.want, got)
			}
		})
	}
}

// describedOperations lists the description's operations as "GET /path".
func describedOperations(t *testing.T) []string {
	t.Helper()
	doc, err := OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(doc, &spec); err != nil {
		t.Fatal(err)
	}
	var ops []string
	for p, item := range spec.Paths {
		for m := range item {
			switch m {
			case "get", "put", "post", "delete", "options", "head", "patch", "trace":
				ops = append(ops, strings.ToUpper(m)+" "+p)
			}
		}
	}
	slices.Sort(ops)
	return ops
}

// TestOpenAPIEveryOperation sends each operation of the description at
// least one request it answers with success, and some it refuses, through
// checkAPI, on a server with a store (history, backup) and on one in
// memory; so every answer the description gives a schema for is checked
// even where no other test asks for it.
func TestOpenAPIEveryOperation(t *testing.T) {
	tokens := map[string]string{editorToken: "alice"}
	stored := newStoredTestServer(t, tokens)
	memory := newTestServer(t, nil)
	const doc = "kamerbrief-mali-2020"
	letter := []byte("Geachte voorzitter,\n\n1. Inleiding\n\nDe staatsgreep in Mali van 18 augustus 2020 (Kamerstuk 29 521, nr. 363).\n\nDe minister van Buitenlandse Zaken,\nS.A. Blok\n")
	concept := mustJSON(t, newConcept())
	imported := mustJSON(t, []glossary.Concept{newConcept()})
	checkBody := mustJSON(t, map[string]string{"nl": "De staatsgreep en de coupplegers.", "en": "The putsch and the coup plotters."})
	annotateBody := mustJSON(t, map[string]string{"text": "De staatsgreep in Mali. De VN riep de junta op tot terughoudendheid.", "lang": "nl"}) // a separated verb: "verb"
	steps := []struct {
		op         string // the operation, as the description names it
		ts         *httptest.Server
		method     string
		path       string
		token      string
		ctype      string
		body       []byte
		wantStatus int
	}{
		{"GET /api/v1/openapi.json", stored, "GET", "/api/v1/openapi.json", "", "", nil, 200},
		{"GET /api/v1/search", stored, "GET", "/api/v1/search?q=staatsgreep+Mali&limit=3", "", "", nil, 200},
		{"GET /api/v1/search", stored, "GET", "/api/v1/search?q=coup+leaders&lang=en&drop=coupplegers", "", "", nil, 200},
		{"GET /api/v1/search", stored, "GET", "/api/v1/search?q=militair*&doc=" + doc, "", "", nil, 200},
		{"GET /api/v1/search", stored, "GET", "/api/v1/search?q=a*", "", "", nil, 400},
		{"GET /api/v1/documents", stored, "GET", "/api/v1/documents", "", "", nil, 200},
		{"POST /api/v1/documents", stored, "POST", "/api/v1/documents?name=rooktest.txt", editorToken, "text/plain", letter, 201},
		{"POST /api/v1/documents", stored, "POST", "/api/v1/documents?name=ROOKTEST.txt", editorToken, "text/plain", letter, 409},
		{"POST /api/v1/documents", memory, "POST", "/api/v1/documents?name=rooktest.txt", "x", "text/plain", letter, 403},
		{"POST /api/v1/documents", stored, "POST", "/api/v1/documents?name=rooktest.txt", "", "text/plain", letter, 401},
		{"PUT /api/v1/documents/{id}", stored, "PUT", "/api/v1/documents/rooktest", editorToken, "text/plain", letter, 200},
		{"GET /api/v1/documents/{id}", stored, "GET", "/api/v1/documents/rooktest", "", "", nil, 200},
		{"GET /api/v1/documents/{id}", stored, "GET", "/api/v1/documents/" + doc, "", "", nil, 200},
		{"GET /api/v1/documents/{id}", stored, "GET", "/api/v1/documents/nergens", "", "", nil, 404},
		{"GET /api/v1/documents/{id}/annotations", stored, "GET", "/api/v1/documents/" + doc + "/annotations", "", "", nil, 200},
		{"GET /api/v1/documents/{id}/terms", stored, "GET", "/api/v1/documents/" + doc + "/terms", "", "", nil, 200},
		{"GET /api/v1/documents/{id}/terms", stored, "GET", "/api/v1/documents/" + doc + "/terms?format=csv", "", "", nil, 200},
		{"GET /api/v1/documents/{id}/terms", stored, "GET", "/api/v1/documents/" + doc + "/terms?format=tbx", "", "", nil, 200},
		{"GET /api/v1/documents/{id}/candidates", stored, "GET", "/api/v1/documents/" + doc + "/candidates?limit=5", "", "", nil, 200},
		{"DELETE /api/v1/documents/{id}", stored, "DELETE", "/api/v1/documents/rooktest", editorToken, "", nil, 204},
		{"POST /api/v1/annotate", stored, "POST", "/api/v1/annotate", "", "application/json", annotateBody, 200},
		{"POST /api/v1/annotate", stored, "POST", "/api/v1/annotate?lang=nl", "", "text/plain", []byte("De staatsgreep in Mali."), 200},
		{"POST /api/v1/check", stored, "POST", "/api/v1/check", "", "application/json", checkBody, 200},
		{"POST /api/v1/check", stored, "POST", "/api/v1/check", "", "application/json", []byte(`{"nl":"x"}`), 400},
		{"GET /api/v1/concordance", stored, "GET", "/api/v1/concordance?term=staatsgreep&width=30", "", "", nil, 200},
		{"GET /api/v1/concordance", stored, "GET", "/api/v1/concordance?concept=staatsgreep&sort=left", "", "", nil, 200},
		{"GET /api/v1/glossary", stored, "GET", "/api/v1/glossary?q=staatsgreep", "", "", nil, 200},
		{"GET /api/v1/glossary", stored, "GET", "/api/v1/glossary?limit=3&status=preferred", "", "", nil, 200},
		{"GET /api/v1/glossary", stored, "GET", "/api/v1/glossary?lang=xx", "", "", nil, 400},
		{"POST /api/v1/glossary", stored, "POST", "/api/v1/glossary", editorToken, "application/json", concept, 201},
		{"GET /api/v1/glossary/{id}", stored, "GET", "/api/v1/glossary/zorgvuldigheidsraad", "", "", nil, 200},
		{"GET /api/v1/glossary/{id}", stored, "GET", "/api/v1/glossary/nergens", "", "", nil, 404},
		{"PUT /api/v1/glossary/{id}", stored, "PUT", "/api/v1/glossary/zorgvuldigheidsraad", editorToken, "application/json", concept, 200},
		{"GET /api/v1/glossary/{id}/history", stored, "GET", "/api/v1/glossary/zorgvuldigheidsraad/history", "", "", nil, 200},
		{"GET /api/v1/glossary/{id}/history", memory, "GET", "/api/v1/glossary/staatsgreep/history", "", "", nil, 200},
		{"DELETE /api/v1/glossary/{id}", stored, "DELETE", "/api/v1/glossary/zorgvuldigheidsraad", editorToken, "", nil, 204},
		{"GET /api/v1/glossary/suggest", stored, "GET", "/api/v1/glossary/suggest?prefix=staat", "", "", nil, 200},
		{"GET /api/v1/glossary/collections", stored, "GET", "/api/v1/glossary/collections", "", "", nil, 200},
		{"GET /api/v1/glossary/export", stored, "GET", "/api/v1/glossary/export", "", "", nil, 200},
		{"GET /api/v1/glossary/export", stored, "GET", "/api/v1/glossary/export?format=tbx&collection=curated", "", "", nil, 200},
		{"GET /api/v1/glossary/export", stored, "GET", "/api/v1/glossary/export?format=xlsx", "", "", nil, 200},
		{"GET /api/v1/glossary/export", stored, "GET", "/api/v1/glossary/export?format=omegat", "", "", nil, 200},
		{"GET /api/v1/glossary/export", stored, "GET", "/api/v1/glossary/export?format=tsv", "", "", nil, 200},
		{"GET /api/v1/glossary/export", stored, "GET", "/api/v1/glossary/export?format=freedict", "", "", nil, 400},
		{"POST /api/v1/glossary/import", stored, "POST", "/api/v1/glossary/import?format=json&collection=rooktest", editorToken, "application/json", imported, 200},
		{"POST /api/v1/glossary/import", stored, "POST", "/api/v1/glossary/import?format=tsv&collection=rooktest", editorToken, "text/tab-separated-values", []byte("rookproef\tsmoke test\n"), 200},
		{"POST /api/v1/glossary/import", stored, "POST", "/api/v1/glossary/import?format=tsv&collection=rooktest2&replace=true", editorToken, "text/tab-separated-values", []byte("rookproef\tsmoke test\n"), 200},
		{"POST /api/v1/glossary/import", stored, "POST", "/api/v1/glossary/import?format=tsv&collection=rooktest2&replace=misschien", editorToken, "text/tab-separated-values", []byte("rookproef\tsmoke test\n"), 400},
		{"DELETE /api/v1/glossary/collections/{name}", stored, "DELETE", "/api/v1/glossary/collections/rooktest", editorToken, "", nil, 200},
		{"DELETE /api/v1/glossary/collections/{name}", stored, "DELETE", "/api/v1/glossary/collections/curated", editorToken, "", nil, 400},
		{"DELETE /api/v1/glossary/collections/{name}", stored, "DELETE", "/api/v1/glossary/collections/nergens", editorToken, "", nil, 404},
		{"GET /api/v1/lexicon", stored, "GET", "/api/v1/lexicon?q=coup+leaders", "", "", nil, 200},
		{"GET /api/v1/lexicon", stored, "GET", "/api/v1/lexicon?q=staatsgreep&lang=nl", "", "", nil, 200},
		{"POST /api/v1/tm/import", stored, "POST", "/api/v1/tm/import?format=tsv&collection=mali", editorToken, "text/tab-separated-values", []byte(tmTSV), 200},
		{"GET /api/v1/tm", stored, "GET", "/api/v1/tm", "", "", nil, 200},
		{"GET /api/v1/tm", stored, "GET", "/api/v1/tm?q=staatsgreep&lang=nl", "", "", nil, 200},
		{"GET /api/v1/tm/export", stored, "GET", "/api/v1/tm/export", "", "", nil, 200},
		{"GET /api/v1/tm/export", stored, "GET", "/api/v1/tm/export?format=tsv&collection=mali", "", "", nil, 200},
		{"POST /api/v1/tm/match", stored, "POST", "/api/v1/tm/match", "", "application/json", []byte(`{"text": "Nederland steunt de rechtsorde in Mali.", "min": 50}`), 200},
		{"GET /api/v1/tm/concordance", stored, "GET", "/api/v1/tm/concordance?q=rechtsorde&lang=nl", "", "", nil, 200},
		{"GET /api/v1/glossary/{id}/equivalents", stored, "GET", "/api/v1/glossary/rechtsorde/equivalents", "", "", nil, 200},
		{"POST /api/v1/glossary/{id}/equivalents", stored, "POST", "/api/v1/glossary/rechtsorde/equivalents", editorToken, "application/json", []byte(`{"en": "legal system"}`), 200},
		{"POST /api/v1/tm/import", stored, "POST", "/api/v1/tm/import?format=tsv&collection=weg", editorToken, "text/tab-separated-values", []byte(tmTSV), 200},
		{"DELETE /api/v1/tm/collections/{name}", stored, "DELETE", "/api/v1/tm/collections/weg", editorToken, "", nil, 200},
		{"DELETE /api/v1/tm/collections/{name}", stored, "DELETE", "/api/v1/tm/collections/weg", editorToken, "", nil, 404},
		{"DELETE /api/v1/tm/collections/{name}", stored, "DELETE", "/api/v1/tm/collections/weg", "", "", nil, 401},
		{"GET /api/v1/admin/check", stored, "GET", "/api/v1/admin/check", editorToken, "", nil, 200},
		{"POST /api/v1/admin/repair", stored, "POST", "/api/v1/admin/repair?quick=true", editorToken, "", nil, 200},
		{"POST /api/v1/admin/backup", stored, "POST", "/api/v1/admin/backup", editorToken, "", nil, 200},
		{"POST /api/v1/admin/backup", stored, "POST", "/api/v1/admin/backup", "", "", nil, 401},
		{"GET /api/v1/search", stored, "GET", "/api/v1/search?q=" + strings.Repeat("staatsgreep+", 1500), "", "", nil, 414},
		{"GET /api/v1/documents", stored, "GET", "/api/v1/documents", strings.Repeat("x", 40<<10), "", nil, 431},
	}
	var succeeded []string
	for _, s := range steps {
		code, _, body := apiCall(t, s.ts, s.method, s.path, s.token, s.ctype, s.body)
		if code != s.wantStatus {
			t.Errorf("%s %s: status %d, want %d: %s", s.method, s.path, code, s.wantStatus, abbreviate(string(body), 300))
		}
		if code >= 200 && code < 300 {
			succeeded = append(succeeded, s.op)
		}
	}
	var missed []string
	for _, op := range describedOperations(t) {
		if !slices.Contains(succeeded, op) {
			missed = append(missed, op)
		}
	}
	if len(missed) > 0 {
		t.Errorf("operations of the description no step got a success from: %q", missed)
	}
}

// TestBodyCopy: checkAPI's copy of a request body keeps its first max
// bytes, tells when it kept less than all, and never refuses a write, so
// the handler reads the whole body whatever its size.
func TestBodyCopy(t *testing.T) {
	for _, tc := range []struct {
		name          string
		writes        []string
		want          string
		wantTruncated bool
	}{
		{"under", []string{"abc", "de"}, "abcde", false},
		{"exactly", []string{"abcd", "efgh"}, "abcdefgh", false},
		{"over in one write", []string{"abcdefghij"}, "abcdefgh", true},
		{"over across writes", []string{"abcde", "fghij", "k"}, "abcdefgh", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &bodyCopy{max: 8}
			for _, w := range tc.writes {
				if n, err := b.Write([]byte(w)); n != len(w) || err != nil {
					t.Fatalf("Write(%q) = %d, %v", w, n, err)
				}
			}
			if diff := cmp.Diff(tc.want, b.String()); diff != "" || b.truncated != tc.wantTruncated {
				t.Errorf("kept (-want +got):\n%s truncated %v, want %v", diff, b.truncated, tc.wantTruncated)
			}
		})
	}
}
