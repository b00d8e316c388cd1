package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestReaderHeadingLevels: the reader gives a subsection a heading one
// level below its section's (h3 under h2), so that a screen reader's
// outline shows the structure; every heading was an h2.
func TestReaderHeadingLevels(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	doc := "Brief over niveaus\n\n1. Inleiding\n\nDe eerste alinea van de inleiding.\n\n" +
		"1.1 Achtergrond\n\nDe achtergrond van de brief.\n\n2. Slot\n\nDe laatste alinea.\n"
	if code, _, b := apiCall(t, ts, "POST", "/api/v1/documents?name=niveaus.txt", editorToken, "text/plain", []byte(doc)); code != http.StatusCreated {
		t.Fatalf("upload: %d %s", code, b)
	}
	_, body := fetch(t, ts, "GET", "/documents/niveaus", nil, nil)
	for _, want := range []string{`class="lvl1">1. Inleiding</h2>`, `class="lvl2">1.1 Achtergrond</h3>`, `class="lvl1">2. Slot</h2>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the reader lacks %s", want)
		}
	}
	if strings.Contains(body, "Achtergrond</h2>") {
		t.Errorf("a subsection is still an h2")
	}
}

// TestTMImportRepeats: two units of one file with the same texts are
// stored as one segment, and the answer says so (it said imported 1 of a
// two-unit file and nothing else).
func TestTMImportRepeats(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	tmx := `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="nl-NL" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/><body>` +
		`<tu tuid="1"><prop type="x-document">brief-a.docx</prop><tuv xml:lang="nl-NL"><seg>Zie bijlage.</seg></tuv><tuv xml:lang="en-GB"><seg>See annex.</seg></tuv></tu>` +
		`<tu tuid="2"><prop type="x-document">brief-b.docx</prop><tuv xml:lang="nl-NL"><seg>Zie bijlage.</seg></tuv><tuv xml:lang="en-GB"><seg>See annex.</seg></tuv></tu>` +
		`</body></tmx>`
	code, _, body := apiCall(t, ts, "POST", "/api/v1/tm/import?format=tmx&collection=dup", editorToken, "application/octet-stream", []byte(tmx))
	if code != http.StatusOK || !strings.Contains(string(body), `"imported":1`) || !strings.Contains(string(body), `"repeats":1`) {
		t.Errorf("import: %d %s, want one segment and one repeat", code, body)
	}
}

// TestSearchBoolWords: AND and NOT are the operators a user of other
// search tools types: the same answers as + and -, not the words "and"
// and "not".
func TestSearchBoolWords(t *testing.T) {
	ts := newTestServer(t, nil)
	total := func(q string) int {
		t.Helper()
		code, _, body := apiCall(t, ts, "GET", "/api/v1/search?lang=nl&q="+url.QueryEscape(q), "", "", nil)
		var r struct{ Total int }
		if code != 200 || json.Unmarshal(body, &r) != nil {
			t.Fatalf("%s: %d %.300s", q, code, body)
		}
		return r.Total
	}
	for typed, same := range map[string]string{"staatsgreep NOT ECOWAS": "staatsgreep -ECOWAS", "Mali AND ECOWAS": "+Mali +ECOWAS"} {
		if a, b := total(typed), total(same); a != b || a == 0 {
			t.Errorf("%q: %d passages, %q: %d; want the same, not none", typed, a, same, b)
		}
	}
	if a, b := total("staatsgreep NOT ECOWAS"), total("staatsgreep"); a >= b {
		t.Errorf("NOT excluded nothing: %d of %d", a, b)
	}
}

// TestRequestLogLevels: a request the server failed (here a 507, a full
// disk) is logged at ERROR, a health probe that answered at DEBUG, others
// at INFO; a write names its editor, every line the client's address. A
// full disk's 682 answers were INFO lines among the probes.
func TestRequestLogLevels(t *testing.T) {
	var buf bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(s.requestLog)
	r.GET("/healthz", func(c *gin.Context) { c.String(200, "ok") })
	r.GET("/full", func(c *gin.Context) { c.String(http.StatusInsufficientStorage, "full") })
	r.POST("/write", func(c *gin.Context) { c.Set(string(whoKey), "alice"); c.String(201, "made") })
	for _, req := range []*http.Request{httptest.NewRequest("GET", "/healthz", nil), httptest.NewRequest("GET", "/full", nil), httptest.NewRequest("POST", "/write", nil)} {
		r.ServeHTTP(httptest.NewRecorder(), req)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines:\n%s", len(lines), buf.String())
	}
	for i, want := range []string{"level=DEBUG", "level=ERROR", "level=INFO"} {
		if !strings.Contains(lines[i], want) || !strings.Contains(lines[i], "client=") {
			t.Errorf("line %d: %s, want %s and the client", i, lines[i], want)
		}
	}
	if !strings.Contains(lines[2], "user=alice") {
		t.Errorf("the write does not name its editor: %s", lines[2])
	}
}

// TestDocIDAnyCase: a document named in other case than its id (the file
// was BWBR0024096.md, the id bwbr0024096) is found by doc= and by its
// page and API (they answered 404).
func TestDocIDAnyCase(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, path := range []string{"/api/v1/search?q=staatsgreep&doc=Kamerbrief-Mali-2020", "/api/v1/documents/KAMERBRIEF-MALI-2020", "/documents/Kamerbrief-Mali-2020"} {
		code, _, body := apiCall(t, ts, "GET", path, "", "", nil)
		if code != 200 {
			t.Errorf("%s: %d %.200s", path, code, body)
		}
	}
	code, _, body := apiCall(t, ts, "GET", "/api/v1/search?q=staatsgreep&doc=Kamerbrief-Mali-2020", "", "", nil)
	if code != 200 || !strings.Contains(string(body), `"total":14`) {
		t.Errorf("doc= in other case: %d %.300s, want the 14 passages", code, body)
	}
}

// TestPhraseUnquotedNotSpelling: a phrase no passage has as written is
// searched without its quotes and said to be so, not as a spelling
// correction; curly quotes get the same (they got no passages at all).
func TestPhraseUnquotedNotSpelling(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, q := range []string{`"Mali staatsgreep constitutionele"`, "“Mali staatsgreep constitutionele”", "„Mali staatsgreep constitutionele”"} {
		code, _, body := apiCall(t, ts, "GET", "/api/v1/search?lang=nl&q="+url.QueryEscape(q), "", "", nil)
		var r struct {
			Total      int
			DidYouMean string `json:"did_you_mean"`
			Unquoted   string
		}
		if code != 200 || json.Unmarshal(body, &r) != nil || r.Total == 0 || r.Unquoted != "Mali staatsgreep constitutionele" || r.DidYouMean != "" {
			t.Errorf("%s: %d %+v, want passages, unquoted and no did_you_mean", q, code, r)
		}
	}
	_, body := fetch(t, ts, "GET", "/?ui=en&q="+url.QueryEscape(`"Mali staatsgreep constitutionele"`), nil, nil)
	if !strings.Contains(body, "No passage has the phrase as typed") || strings.Contains(body, "spelling corrected") {
		t.Errorf("the page does not say the phrase was searched without quotes, or calls it a spelling fix")
	}
}

// TestConceptVariant: a term of a regional variant is stored, answered by
// the API and shown on the concept page with its variant; an impossible
// one (en-GB on a Dutch term) is refused naming the field.
func TestConceptVariant(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	body := `{"collection":"mine","terms":[{"lang":"nl","text":"stoep"},{"lang":"en","variant":"en-US","text":"sidewalk"},{"lang":"en","variant":"en-GB","text":"pavement"}]}`
	code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary", editorToken, "application/json", []byte(body))
	if code != http.StatusCreated || !strings.Contains(string(b), `"variant":"en-US"`) {
		t.Fatalf("create: %d %s", code, b)
	}
	var c struct{ ID string }
	json.Unmarshal(b, &c)
	_, page := fetch(t, ts, "GET", "/glossary/"+c.ID, nil, nil)
	if !strings.Contains(page, `lang="en-US"`) || !strings.Contains(page, "(en-US)") {
		t.Errorf("the concept page does not show the variant")
	}
	bad := `{"collection":"mine","terms":[{"lang":"nl","variant":"en-GB","text":"trottoir"}]}`
	if code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary", editorToken, "application/json", []byte(bad)); code != http.StatusBadRequest || !strings.Contains(string(b), "terms[0].variant") {
		t.Errorf("a Dutch term of en-GB: %d %s, want 400 naming terms[0].variant", code, b)
	}
}
