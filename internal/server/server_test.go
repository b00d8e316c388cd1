package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index/decompound"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/corpus"
)

const testToken = "secret-token-for-tests"

var (
	splitterOnce sync.Once
	splitter     *decompound.Splitter
)

// newTestServer serves the embedded default, in memory, over httptest.
func newTestServer(t testing.TB, tokens map[string]string) *httptest.Server {
	t.Helper()
	return serveDefault(t, app.Config{Memory: true}, tokens)
}

// serveDefault opens an app with cfg plus the embedded corpus, the curated
// glossary and the compound splitter (built once per test binary), and
// serves it over httptest until the test ends.
func serveDefault(t testing.TB, cfg app.Config, tokens map[string]string) *httptest.Server {
	t.Helper()
	a := openDefault(t, cfg)
	srv, err := New(a, Options{Tokens: tokens})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(checkAPI(t, srv))
	t.Cleanup(func() { ts.Close(); a.Close() })
	return ts
}

// openDefault opens an app with cfg plus the embedded corpus, the curated
// glossary and the compound splitter (built once per test binary).
func openDefault(t testing.TB, cfg app.Config) *app.App {
	t.Helper()
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	splitterOnce.Do(func() { splitter, _ = app.NewSplitter(curated, corpus.Default()) })
	cfg.Corpus, cfg.Glossary, cfg.Splitter = corpus.Default(), curated, splitter
	a, err := app.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func get(t testing.TB, ts *httptest.Server, path string, into any) int {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if into != nil {
		if err := json.Unmarshal(body, into); err != nil {
			t.Fatalf("GET %s: %v: %s", path, err, body)
		}
	}
	return resp.StatusCode
}

type searchResp struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		Doc       string   `json:"doc"`
		Section   string   `json:"section"`
		Paragraph int      `json:"paragraph"`
		Text      string   `json:"text"`
		Fragments []string `json:"fragments"`
	} `json:"hits"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
}

type errResp struct {
	Error struct{ Code, Message string } `json:"error"`
}

func searchFor(t testing.TB, ts *httptest.Server, q string) searchResp {
	t.Helper()
	var r searchResp
	if code := get(t, ts, "/api/v1/search?q="+url.QueryEscape(q), &r); code != 200 {
		t.Fatalf("search %q: status %d", q, code)
	}
	return r
}

func TestSearchAcceptance(t *testing.T) {
	ts := newTestServer(t, nil)
	tests := []struct {
		q, wantText, wantMark string
	}{
		{"staatsgrepen", "staatsgreep", "<mark>staatsgreep</mark>"},
		{"veroordeeld", "verklaring uit waarin de staatsgreep werd veroordeeld", "<mark>veroordeeld</mark>"},
		{"Keita", "Ibrahim Boubacar Keïta", "<mark>Keïta</mark>"},
		{"programma", "twee multilaterale programma’s", "<mark>programma’s</mark>"},
		{"sanctie", "economische sancties tegen Mali", "sancties</mark>"}, // part of the phrase's one highlight
		{"Secretaris-Generaal", "De Secretaris-Generaal van de Verenigde Naties", "Generaal"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := searchFor(t, ts, tt.q)
			for _, h := range r.Hits {
				if strings.Contains(h.Text, tt.wantText) {
					if !strings.Contains(strings.Join(h.Fragments, " "), tt.wantMark) {
						t.Errorf("hit with %q has fragments %q, want %q marked", tt.wantText, h.Fragments, tt.wantMark)
					}
					return
				}
			}
			t.Errorf("no hit contains %q among %d hits", tt.wantText, len(r.Hits))
		})
	}
}

func TestSearchPhraseRanksFirst(t *testing.T) {
	ts := newTestServer(t, nil)
	r := searchFor(t, ts, `"constitutionele orde"`)
	if len(r.Hits) < 2 {
		t.Fatalf("got %d hits, want the phrase passages", len(r.Hits))
	}
	// Every passage holding the phrase must come before any that does not.
	seenOther := false
	for i, h := range r.Hits {
		has := strings.Contains(strings.ToLower(h.Text), "constitutionele orde")
		if has && seenOther {
			t.Errorf("hit %d holds the phrase but ranks below a hit without it", i)
		}
		seenOther = seenOther || !has
	}
	if !strings.Contains(r.Hits[0].Text, "constitutionele orde") {
		t.Errorf("first hit lacks the phrase: %q", r.Hits[0].Text)
	}
}

func TestSearchExclude(t *testing.T) {
	ts := newTestServer(t, nil)
	all := searchFor(t, ts, "staatsgreep")
	ex := searchFor(t, ts, "staatsgreep -ECOWAS")
	if len(ex.Hits) == 0 || ex.Total >= all.Total {
		t.Fatalf("exclusion: %d hits of %d, want fewer but some", ex.Total, all.Total)
	}
	for _, h := range ex.Hits {
		if strings.Contains(h.Text, "ECOWAS") {
			t.Errorf("excluded word in hit: %q", h.Text)
		}
	}
}

// TestSearchPastedText: pasted text is never refused; query syntax counts
// only where it is well-formed (issue 9), the rest are words.
func TestSearchPastedText(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, q := range []string{"(", `"open phrase`, "a) the coup (i", `staatsgreep "Mali`} {
		var r searchResp
		if code := get(t, ts, "/api/v1/search?q="+url.QueryEscape(q), &r); code != http.StatusOK {
			t.Errorf("q=%q: status %d, want 200", q, code)
		}
		if strings.Contains(q, "staatsgreep") && r.Total == 0 {
			t.Errorf("q=%q: no hits", q)
		}
	}
	var e errResp
	if code := get(t, ts, "/api/v1/search?q=x&limit=abc", &e); code != http.StatusBadRequest || !strings.Contains(e.Error.Message, "limit") {
		t.Errorf("limit=abc: status %d, %+v", code, e)
	}
}

func TestSearchFacetsAndFilter(t *testing.T) {
	ts := newTestServer(t, nil)
	r := searchFor(t, ts, "Nederland")
	if len(r.Facets["section"]) < 2 || len(r.Facets["doc"]) != 1 {
		t.Fatalf("facets: %+v", r.Facets)
	}
	sec := r.Facets["section"][0].Value
	var f searchResp
	get(t, ts, "/api/v1/search?q=Nederland&section="+url.QueryEscape(sec), &f)
	if f.Total != uint64(r.Facets["section"][0].Count) {
		t.Errorf("section filter %q: total %d, facet said %d", sec, f.Total, r.Facets["section"][0].Count)
	}
	for _, h := range f.Hits {
		if h.Section != sec {
			t.Errorf("hit in section %q, filtered on %q", h.Section, sec)
		}
	}
}

func TestDocuments(t *testing.T) {
	ts := newTestServer(t, nil)
	var list struct {
		Documents []struct{ ID, Title string } `json:"documents"`
	}
	get(t, ts, "/api/v1/documents", &list)
	if len(list.Documents) != 1 || list.Documents[0].ID != "kamerbrief-mali-2020" || list.Documents[0].Title == "" {
		t.Fatalf("documents: %+v", list)
	}
	var doc struct {
		ID          string
		Sections    []struct{ Title string }
		Paragraphs  []struct{ Text string }
		Signatories []struct{ Office, Name string }
	}
	if code := get(t, ts, "/api/v1/documents/kamerbrief-mali-2020", &doc); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(doc.Sections) < 4 || len(doc.Paragraphs) < 20 || len(doc.Signatories) != 4 {
		t.Errorf("document: %d sections, %d paragraphs, %d signatories", len(doc.Sections), len(doc.Paragraphs), len(doc.Signatories))
	}
	var e errResp
	if code := get(t, ts, "/api/v1/documents/nope", &e); code != 404 || e.Error.Code != "not_found" {
		t.Errorf("missing document: %d %+v", code, e)
	}
}

func post(t testing.TB, ts *httptest.Server, path, token, contentType string, body io.Reader) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func docCount(t testing.TB, ts *httptest.Server) int {
	var list struct{ Documents []struct{ ID string } }
	get(t, ts, "/api/v1/documents", &list)
	return len(list.Documents)
}

func TestAddDocumentAuth(t *testing.T) {
	letter := "Geachte voorzitter,\n\nDit is een korte brief over de aardbeving in Groningen.\n"
	t.Run("no token configured", func(t *testing.T) {
		ts := newTestServer(t, nil)
		code, body := post(t, ts, "/api/v1/documents?name=brief.txt", "anything", "text/plain", strings.NewReader(letter))
		if code != http.StatusForbidden || !strings.Contains(string(body), "TOLK_TOKEN") {
			t.Errorf("status %d body %s, want 403 naming TOLK_TOKEN", code, body)
		}
		if n := docCount(t, ts); n != 1 {
			t.Errorf("%d documents stored, want 1", n)
		}
	})
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	for _, tc := range []struct {
		name, token, body string
		want              int
	}{
		{"missing token", "", letter, http.StatusUnauthorized},
		{"wrong token", "not-the-token", letter, http.StatusUnauthorized},
		{"invalid UTF-8", testToken, "Goed\xff\xfe slecht\n", http.StatusBadRequest},
		{"empty", testToken, "  \n", http.StatusBadRequest},
		{"binary", testToken, "%PDF-1.7\n\x00\x01\x02", http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := post(t, ts, "/api/v1/documents?name=brief.txt", tc.token, "text/plain", strings.NewReader(tc.body))
			if code != tc.want {
				t.Errorf("status %d, want %d: %s", code, tc.want, body)
			}
			var e errResp
			if json.Unmarshal(body, &e) != nil || e.Error.Message == "" {
				t.Errorf("error body %s lacks a message", body)
			}
			if n := docCount(t, ts); n != 1 {
				t.Errorf("%d documents stored after a refused write, want 1", n)
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		big := strings.Repeat("Een zin over niets. ", maxDocumentBytes/10)
		code, _ := post(t, ts, "/api/v1/documents?name=big.txt", testToken, "text/plain", strings.NewReader(big))
		if code != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", code)
		}
	})
	t.Run("accepted then deleted", func(t *testing.T) {
		code, body := post(t, ts, "/api/v1/documents?name=brief.txt", testToken, "text/plain", strings.NewReader(letter))
		if code != http.StatusCreated {
			t.Fatalf("status %d: %s", code, body)
		}
		if n := docCount(t, ts); n != 2 {
			t.Errorf("%d documents, want 2", n)
		}
		r := searchFor(t, ts, "Groningen")
		if len(r.Hits) != 1 || r.Hits[0].Doc != "brief" {
			t.Errorf("new document not searchable: %+v", r.Hits)
		}
		del := func(token string) int {
			req, _ := http.NewRequest(http.MethodDelete, ts.URL+"/api/v1/documents/brief", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		if code := del("not-the-token"); code != http.StatusUnauthorized {
			t.Errorf("delete with a wrong token: %d", code)
		}
		if code := del(testToken); code != http.StatusNoContent {
			t.Errorf("delete: %d", code)
		}
		if code := del(testToken); code != http.StatusNotFound {
			t.Errorf("second delete: %d, want 404", code)
		}
		if n := docCount(t, ts); n != 1 {
			t.Errorf("%d documents after delete, want 1", n)
		}
		if r := searchFor(t, ts, "Groningen"); r.Total != 0 {
			t.Errorf("deleted document still found: %d hits", r.Total)
		}
	})
}

func TestInternalErrorsHidden(t *testing.T) {
	ts := newTestServer(t, nil)
	var e errResp
	if code := get(t, ts, "/no/such/route", &e); code != 404 || e.Error.Code != "not_found" {
		t.Errorf("unknown route: %d %+v", code, e)
	}
	if code := get(t, ts, "/healthz", nil); code != 200 {
		t.Errorf("healthz: %d", code)
	}
	// A browser asking for an unknown page gets a page, not JSON.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/no/such/page", nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "<html") {
		t.Errorf("unknown page for a browser: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// TestSearchHarderMorphology covers what a stemmer alone misses: a noun
// query finding the verb the text uses, a transposed typo, -heid plurals.
func TestSearchHarderMorphology(t *testing.T) {
	ts := newTestServer(t, nil)
	tests := []struct{ q, want string }{
		{"veroordeling", "staatsgreep veroordeeld"},
		{"schorsing", "als lid van de AU geschorst"},
		{"overheden", "centrale overheid"},
		{"Barkahne", "antiterrorismeoperatie Barkhane"},
		{"uitsluiting", "uitgesloten van besluitvormende"}, // a strong verb
		{"arrested", "regering gevangengenomen"},           // English, through a strong Dutch verb
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := searchFor(t, ts, tt.q)
			for _, h := range r.Hits {
				if strings.Contains(h.Text, tt.want) {
					return
				}
			}
			t.Errorf("no hit for %q contains %q (%d hits)", tt.q, tt.want, len(r.Hits))
		})
	}
}

func TestSearchEnglishFunctionWords(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, tc := range []struct {
		q    string
		want int
	}{
		{"the", 0},                    // nothing left to search, and no error
		{"root causes of poverty", 1}, // of is searched for nothing
		{"heads of state", -1},        // hits through the lexicon (hoofd, staat), none through "of"
	} {
		var r struct {
			searchResp
			Hits []struct {
				Matched []struct{ Query, Via string } `json:"matched"`
			} `json:"hits"`
		}
		if code := get(t, ts, "/api/v1/search?lang=en&q="+url.QueryEscape(tc.q), &r); code != 200 {
			t.Errorf("%q: status %d", tc.q, code)
		}
		if tc.want >= 0 && (tc.want == 0) != (r.Total == 0) {
			t.Errorf("%q: %d hits, want %d", tc.q, r.Total, tc.want)
		}
		for _, h := range r.Hits {
			for _, m := range h.Matched {
				// "of" is Dutch for "or": it must never match.
				if m.Query == "of" || m.Query == "the" {
					t.Errorf("%q: a hit matched the function word %q (%s)", tc.q, m.Query, m.Via)
				}
			}
		}
	}
}

func TestSearchHeadingPhrase(t *testing.T) {
	ts := newTestServer(t, nil)
	r := searchFor(t, ts, "consular affairs")
	if r.Total == 0 || r.Hits[0].Section != "4. Consulaire aangelegenheden" {
		t.Errorf("consular affairs: %d hits, first in %q", r.Total, func() string {
			if len(r.Hits) > 0 {
				return r.Hits[0].Section
			}
			return ""
		}())
	}
}

// TestSearchTypoBesideKnownWords corrects a word the index does not know
// even when the other words of the query match.
func TestSearchTypoBesideKnownWords(t *testing.T) {
	ts := newTestServer(t, nil)
	var r struct {
		searchResp
		DidYouMean string `json:"did_you_mean"`
	}
	get(t, ts, "/api/v1/search?q="+url.QueryEscape("Taakgroep Takubaa"), &r)
	if !strings.Contains(strings.ToLower(r.DidYouMean), "takuba") {
		t.Errorf("did_you_mean %q, want takuba", r.DidYouMean)
	}
	r.DidYouMean = ""
	get(t, ts, "/api/v1/search?q="+url.QueryEscape("Taakgroep Takuba"), &r)
	if r.DidYouMean != "" {
		t.Errorf("did_you_mean %q for words that are all in the letter", r.DidYouMean)
	}
	r.DidYouMean = ""
	get(t, ts, "/api/v1/search?q="+url.QueryEscape("staatsgrepen Keïta"), &r)
	if r.DidYouMean != "" {
		t.Errorf("did_you_mean %q for an inflected form and a name with a diaeresis", r.DidYouMean)
	}
}

// TestSearchEnglishTypo corrects a misspelt English query word against the
// glossary's English terms, then searches the Dutch passages; read as Dutch
// (auto), the index's own vocabulary may correct it first.
func TestSearchEnglishTypo(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"sanctions", "sanction"}},
		{"auto", []string{"sanctions", "sanction", "sancties"}},
	} {
		var r struct {
			searchResp
			DidYouMean string `json:"did_you_mean"`
		}
		get(t, ts, "/api/v1/search?lang="+tc.lang+"&q=sanctoins", &r)
		if !slices.Contains(tc.want, r.DidYouMean) || r.Total == 0 || !strings.Contains(r.Hits[0].Text, "sancties") {
			t.Errorf("lang=%s: did_you_mean %q, %d hits", tc.lang, r.DidYouMean, r.Total)
		}
	}
}

func TestClassifyCancelled(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{fmt.Errorf("index: search: %w", context.Canceled), statusClientClosed},
		{fmt.Errorf("index: search: %w", context.DeadlineExceeded), http.StatusGatewayTimeout},
		{errors.New("disk on fire"), 0},
	} {
		got := classify(tc.err)
		if tc.want == 0 && got != nil || tc.want != 0 && (got == nil || got.Status != tc.want) {
			t.Errorf("classify(%v) = %+v, want status %d", tc.err, got, tc.want)
		}
	}
}

// TestDidYouMeanSaysWhatTypedFound: with a correction shown, the answer
// says how many passages the query as typed found (typed_total), and the
// page says "nothing matched as typed" only when it found none: the
// letter has Taakgroep, so "Taakgroep Takubaa" matched as typed before
// Takubaa was corrected, and the page said it had not.
func TestDidYouMeanSaysWhatTypedFound(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, tc := range []struct {
		q       string
		typed   bool
		label   string
		unlabel string
	}{
		{"Taakgroep Takubaa", true, "Een onbekend woord verbeterd", "Niets gevonden zoals getypt"},
		{"Takubaa", false, "Niets gevonden zoals getypt", "Een onbekend woord verbeterd"},
	} {
		var r struct {
			searchResp
			DidYouMean string  `json:"did_you_mean"`
			TypedTotal *uint64 `json:"typed_total"`
		}
		get(t, ts, "/api/v1/search?q="+url.QueryEscape(tc.q), &r)
		if r.DidYouMean == "" || r.TypedTotal == nil {
			t.Fatalf("%q: did_you_mean %q, typed_total %v; want both", tc.q, r.DidYouMean, r.TypedTotal)
		}
		if (*r.TypedTotal > 0) != tc.typed {
			t.Errorf("%q: typed_total %d, want found as typed = %v", tc.q, *r.TypedTotal, tc.typed)
		}
		resp, err := http.Get(ts.URL + "/?ui=nl&q=" + url.QueryEscape(tc.q))
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(page), tc.label) || strings.Contains(string(page), tc.unlabel) {
			t.Errorf("%q: the page does not say %q (or says %q)", tc.q, tc.label, tc.unlabel)
		}
	}
	var r map[string]any
	get(t, ts, "/api/v1/search?q=staatsgreep", &r)
	if _, ok := r["typed_total"]; ok {
		t.Errorf("typed_total without a correction")
	}
}
