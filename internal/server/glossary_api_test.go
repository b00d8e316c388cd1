package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/exchange"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// The tests in this file check the glossary API of issue 3 over HTTP,
// against the real server on the embedded default corpus and glossary.

const editorToken = "alices-token"

// apiCall sends one request and returns the status, headers and body.
func apiCall(t testing.TB, ts *httptest.Server, method, path, token, contentType string, body []byte) (int, http.Header, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
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

// newStoredTestServer is newTestServer with the bbolt store and an index
// on disk, as `tolk serve --data DIR` runs, so that edits go through the
// store and its history.
func newStoredTestServer(t testing.TB, tokens map[string]string) *httptest.Server {
	t.Helper()
	return serveDefault(t, app.Config{DataDir: t.TempDir()}, tokens)
}

type lookupHit struct {
	glossary.Concept
	Score float64 `json:"score"`
	Via   string  `json:"via"`
	Term  string  `json:"matched_term"`
}

type lookupResp struct {
	Total    int         `json:"total"`
	Concepts []lookupHit `json:"concepts"`
}

func lookup(t testing.TB, ts *httptest.Server, query string) lookupResp {
	t.Helper()
	var r lookupResp
	if code := get(t, ts, "/api/v1/glossary?"+query, &r); code != http.StatusOK {
		t.Fatalf("GET /api/v1/glossary?%s: status %d", query, code)
	}
	return r
}

// termTexts returns a concept's terms as "lang:text".
func termTexts(c glossary.Concept) []string {
	var out []string
	for _, t := range c.Terms {
		out = append(out, t.Lang+":"+t.Text)
	}
	return out
}

func hasTerm(c glossary.Concept, lang, text string) bool {
	for _, t := range c.Terms {
		if (lang == "" || t.Lang == lang) && t.Text == text {
			return true
		}
	}
	return false
}

func TestGlossaryLookup(t *testing.T) {
	ts := newTestServer(t, nil)
	tests := []struct {
		name  string
		query url.Values
		// The first concept must have every one of these terms
		// ("lang:text", lang empty for any language).
		want []string
	}{
		{"inflected Dutch", url.Values{"q": {"staatsgrepen"}}, []string{"nl:staatsgreep", "en:coup d'état"}},
		{"English phrase", url.Values{"q": {"rule of law"}, "lang": {"en"}}, []string{"nl:rechtsstaat", "en:rule of law"}},
		{"acronym", url.Values{"q": {"CNSP"}},
			[]string{":Comité National pour le Salut du Peuple", "en:National Committee for the Salvation of the People"}},
		{"fuzzy", url.Values{"q": {"staatsgreeb"}, "mode": {"fuzzy"}}, []string{"nl:staatsgreep"}},
		{"English plural, lang auto", url.Values{"q": {"sanctions"}}, []string{"nl:sanctie", "en:sanction"}},
		{"without diacritics", url.Values{"q": {"repatriering"}}, []string{"nl:repatriëring", "en:repatriation"}},
		{"upper case", url.Values{"q": {"STAATSGREEP"}}, []string{"nl:staatsgreep"}},
		{"English to Dutch, inflected", url.Values{"q": {"coups d'état"}, "lang": {"en"}}, []string{"nl:staatsgreep"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := lookup(t, ts, tt.query.Encode())
			if len(r.Concepts) == 0 || r.Total < len(r.Concepts) {
				t.Fatalf("total %d, %d concepts: want at least one", r.Total, len(r.Concepts))
			}
			first := r.Concepts[0].Concept
			for _, w := range tt.want {
				lang, text, _ := strings.Cut(w, ":")
				if !hasTerm(first, lang, text) {
					t.Errorf("first concept %s %q lacks %q", first.ID, termTexts(first), w)
				}
			}
			if r.Concepts[0].Via == "" || r.Concepts[0].Score <= 0 {
				t.Errorf("first hit says neither how nor how well it matched: via %q score %v", r.Concepts[0].Via, r.Concepts[0].Score)
			}
		})
	}
}

// TestGlossaryExactFirst checks that concepts holding the query as a
// whole term come before those found by stem, prefix or fuzzy matching,
// and that scores never rise down the list.
func TestGlossaryExactFirst(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, q := range []string{"rechtsorde", "coup", "missie", "transitie", "staatsgreep"} {
		t.Run(q, func(t *testing.T) {
			r := lookup(t, ts, "limit=100&q="+url.QueryEscape(q))
			if len(r.Concepts) < 2 {
				t.Fatalf("%d concepts: want the exact one and others holding the word", len(r.Concepts))
			}
			whole := func(c glossary.Concept) bool {
				for _, tm := range c.Terms {
					if strings.EqualFold(tm.Text, q) {
						return true
					}
				}
				return false
			}
			if !whole(r.Concepts[0].Concept) {
				t.Errorf("first concept %s %q has no term %q", r.Concepts[0].ID, termTexts(r.Concepts[0].Concept), q)
			}
			seenOther := false
			for i, h := range r.Concepts {
				if whole(h.Concept) && seenOther {
					t.Errorf("concept %d (%s) has the term %q but ranks below one without it", i, h.ID, q)
				}
				seenOther = seenOther || !whole(h.Concept)
				if i > 0 && h.Score > r.Concepts[i-1].Score {
					t.Errorf("concept %d (%s) scores %v, above concept %d's %v", i, h.ID, h.Score, i-1, r.Concepts[i-1].Score)
				}
			}
		})
	}
}

// headTermOf is the term a concept is browsed by (Concept.Head).
func headTermOf(c glossary.Concept) string {
	h, _ := c.Head()
	return h.Text
}

func TestGlossaryBrowse(t *testing.T) {
	ts := newTestServer(t, nil)
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	r := lookup(t, ts, "limit=1000")
	if r.Total != len(curated) || len(r.Concepts) != len(curated) {
		t.Fatalf("browse: total %d, %d concepts; the curated glossary has %d", r.Total, len(r.Concepts), len(curated))
	}
	col := collate.New(language.Dutch)
	for i := 1; i < len(r.Concepts); i++ {
		a, b := headTermOf(r.Concepts[i-1].Concept), headTermOf(r.Concepts[i].Concept)
		if col.CompareString(a, b) > 0 {
			t.Errorf("browse order: %q (%s) before %q (%s)", a, r.Concepts[i-1].ID, b, r.Concepts[i].ID)
		}
	}

	// Paging walks the same list.
	p := lookup(t, ts, "limit=5&offset=10")
	var got, want []string
	for _, c := range p.Concepts {
		got = append(got, c.ID)
	}
	for _, c := range r.Concepts[10:15] {
		want = append(want, c.ID)
	}
	if diff := cmp.Diff(want, got); diff != "" || p.Total != r.Total {
		t.Errorf("limit=5&offset=10: total %d (want %d), ids (-want +got):\n%s", p.Total, r.Total, diff)
	}
}

func TestGlossaryFilters(t *testing.T) {
	ts := newTestServer(t, nil)
	all := lookup(t, ts, "limit=1000")
	count := func(keep func(glossary.Concept) bool) int {
		n := 0
		for _, c := range all.Concepts {
			if keep(c.Concept) {
				n++
			}
		}
		return n
	}
	withStatus := func(s glossary.Status) func(glossary.Concept) bool {
		return func(c glossary.Concept) bool {
			return slices.ContainsFunc(c.Terms, func(t glossary.Term) bool { return t.Status == s })
		}
	}
	tests := []struct {
		name  string
		query string
		keep  func(glossary.Concept) bool
	}{
		{"curated collection", "collection=curated", func(c glossary.Concept) bool { return c.Collection == "curated" }},
		{"deprecated", "status=deprecated", withStatus(glossary.Deprecated)},
		{"admitted", "status=admitted", withStatus(glossary.Admitted)},
		{"query and status", "q=CNSP&status=deprecated", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := lookup(t, ts, "limit=1000&"+tt.query)
			if tt.keep != nil {
				if want := count(tt.keep); r.Total != want {
					t.Errorf("total %d, want %d", r.Total, want)
				}
			}
			params, _ := url.ParseQuery(tt.query)
			for _, c := range r.Concepts {
				if coll := params.Get("collection"); coll != "" && c.Collection != coll {
					t.Errorf("concept %s of collection %q passes %s", c.ID, c.Collection, tt.query)
				}
				if s := params.Get("status"); s != "" && !withStatus(glossary.Status(s))(c.Concept) {
					t.Errorf("concept %s has no %s term but passes %s", c.ID, s, tt.query)
				}
			}
			if tt.keep == nil && len(r.Concepts) == 0 {
				t.Errorf("%s found nothing", tt.query)
			}
		})
	}
	if n := count(withStatus(glossary.Deprecated)); n == 0 || n == len(all.Concepts) {
		t.Errorf("%d of %d concepts have a deprecated term: the status filter test proves nothing", n, len(all.Concepts))
	}
}

func TestGlossaryBadRequests(t *testing.T) {
	ts := newTestServer(t, nil)
	tests := []struct {
		name, path string
		status     int
		mention    string // the error message names it
	}{
		{"bad mode", "/api/v1/glossary?q=x&mode=psychic", 400, "mode"},
		{"bad lang", "/api/v1/glossary?q=x&lang=xx", 400, "lang"},
		{"bad status", "/api/v1/glossary?status=liked", 400, "status"},
		{"bad limit", "/api/v1/glossary?limit=-1", 400, "limit"},
		{"huge limit", "/api/v1/glossary?limit=100000", 400, "limit"},
		{"bad offset", "/api/v1/glossary?offset=x", 400, "offset"},
		{"unknown concept", "/api/v1/glossary/no-such-concept", 404, "no-such-concept"},
		{"unknown concept history", "/api/v1/glossary/no-such-concept/history", 404, "no-such-concept"},
		{"unknown export format", "/api/v1/glossary/export?format=docx", 400, "docx"},
		{"export of an import-only format", "/api/v1/glossary/export?format=freedict", 400, "freedict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e errResp
			if code := get(t, ts, tt.path, &e); code != tt.status {
				t.Errorf("status %d, want %d (%+v)", code, tt.status, e)
			}
			if e.Error.Code == "" || !strings.Contains(e.Error.Message, tt.mention) {
				t.Errorf("error %+v: want a code and a message naming %q", e.Error, tt.mention)
			}
		})
	}
}

func TestGlossaryGetConcept(t *testing.T) {
	ts := newTestServer(t, nil)
	r := lookup(t, ts, "q=staatsgreep")
	id := r.Concepts[0].ID
	var c glossary.Concept
	if code := get(t, ts, "/api/v1/glossary/"+url.PathEscape(id), &c); code != 200 {
		t.Fatalf("GET concept %s: status %d", id, code)
	}
	if diff := cmp.Diff(r.Concepts[0].Concept, c); diff != "" {
		t.Errorf("concept by id differs from the lookup's (-lookup +get):\n%s", diff)
	}
	if c.Definition["en"] == "" || c.Collection != glossary.CollectionCurated {
		t.Errorf("concept %s: definition %q, collection %q", id, c.Definition, c.Collection)
	}
}

func TestGlossarySuggest(t *testing.T) {
	ts := newTestServer(t, nil)
	var r struct {
		Suggestions []glossary.Suggestion `json:"suggestions"`
	}
	if code := get(t, ts, "/api/v1/glossary/suggest?prefix=staats", &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(r.Suggestions) == 0 || len(r.Suggestions) > 10 {
		t.Fatalf("%d suggestions, want 1–10", len(r.Suggestions))
	}
	found := false
	for _, s := range r.Suggestions {
		found = found || s.Text == "staatsgreep"
		if s.Concept == "" || s.Lang == "" {
			t.Errorf("suggestion %+v lacks concept or language", s)
		}
		words := strings.FieldsFunc(strings.ToLower(glossary.Fold(s.Text)), func(r rune) bool { return r == ' ' || r == '-' })
		if !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, "staats") }) {
			t.Errorf("suggestion %q has no word starting with staats", s.Text)
		}
	}
	if !found {
		t.Errorf("suggestions %+v lack staatsgreep", r.Suggestions)
	}
	get(t, ts, "/api/v1/glossary/suggest?prefix=", &r)
	if len(r.Suggestions) != 0 {
		t.Errorf("empty prefix: %d suggestions, want none", len(r.Suggestions))
	}
}

// newConcept is a valid concept for the editing tests.
func newConcept() glossary.Concept {
	return glossary.Concept{
		Subject:    "politics",
		Definition: map[string]string{"en": "A body that governs during a handover of power.", "nl": "Bestuur tijdens een machtsoverdracht."},
		Terms: []glossary.Term{
			{Lang: "nl", Text: "zorgvuldigheidsraad", Status: glossary.Preferred, Type: glossary.FullForm, POS: "noun", Article: "de"},
			{Lang: "en", Text: "diligence council", Status: glossary.Preferred, Type: glossary.FullForm, POS: "noun"},
		},
	}
}

// editBackends are the two places an edit goes: the in-memory glossary
// and the bbolt store with its history.
var editBackends = []struct {
	name string
	open func(testing.TB, map[string]string) *httptest.Server
}{{"memory", newTestServer}, {"store", newStoredTestServer}}

// createConcept POSTs newConcept as editorToken and returns the response
// headers and the concept as stored.
func createConcept(t testing.TB, ts *httptest.Server) (http.Header, glossary.Concept) {
	t.Helper()
	code, hdr, body := apiCall(t, ts, "POST", "/api/v1/glossary", editorToken, "application/json", mustJSON(t, newConcept()))
	if code != http.StatusCreated {
		t.Fatalf("create: status %d: %s", code, body)
	}
	var c glossary.Concept
	if err := json.Unmarshal(body, &c); err != nil {
		t.Fatal(err)
	}
	return hdr, c
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type historyResp struct {
	ID      string `json:"id"`
	History []struct {
		When   time.Time `json:"when"`
		Who    string    `json:"who"`
		Action string    `json:"action"`
		Fields []struct {
			Field string `json:"field"`
			Old   string `json:"old"`
			New   string `json:"new"`
		} `json:"fields"`
	} `json:"history"`
}

// TestGlossaryEditing creates, updates and deletes a concept through the
// API, in memory and with the on-disk store, and checks that lookups see
// each edit at once and that the history says who changed what.
func TestGlossaryEditing(t *testing.T) {
	for _, backend := range editBackends {
		t.Run(backend.name, func(t *testing.T) {
			ts := backend.open(t, map[string]string{editorToken: "alice"})

			hdr, created := createConcept(t, ts)
			if created.ID == "" || created.Created.IsZero() || created.Collection == "" {
				t.Errorf("created concept lacks id, time or collection: %+v", created)
			}
			if loc := hdr.Get("Location"); loc != "/api/v1/glossary/"+created.ID {
				t.Errorf("Location %q, want /api/v1/glossary/%s", loc, created.ID)
			}
			if diff := cmp.Diff(newConcept().Terms, created.Terms); diff != "" {
				t.Errorf("created terms (-sent +stored):\n%s", diff)
			}
			for _, q := range []string{"q=zorgvuldigheidsraad", "q=diligence+councils&lang=en", "q=zorgvuldigheidsraden"} {
				r := lookup(t, ts, q)
				if len(r.Concepts) == 0 || r.Concepts[0].ID != created.ID {
					t.Errorf("lookup %s right after create: %d concepts, want %s first", q, len(r.Concepts), created.ID)
				}
			}

			upd := created
			upd.Terms = append(upd.Terms, glossary.Term{Lang: "en", Text: "council of diligence", Status: glossary.Deprecated})
			upd.Terms[1].Status = glossary.Admitted
			upd.Note = "Invented for a test."
			code, _, body := apiCall(t, ts, "PUT", "/api/v1/glossary/"+created.ID, editorToken, "application/json", mustJSON(t, upd))
			if code != http.StatusOK {
				t.Fatalf("update: status %d: %s", code, body)
			}
			if r := lookup(t, ts, "q=council+of+diligence"); len(r.Concepts) == 0 || r.Concepts[0].ID != created.ID {
				t.Errorf("lookup of the added term right after update: %+v", r)
			}
			var got glossary.Concept
			get(t, ts, "/api/v1/glossary/"+created.ID, &got)
			if got.Note != upd.Note || len(got.Terms) != 3 || got.Terms[1].Status != glossary.Admitted {
				t.Errorf("after update: note %q, terms %+v", got.Note, got.Terms)
			}

			var h historyResp
			if code := get(t, ts, "/api/v1/glossary/"+created.ID+"/history", &h); code != 200 {
				t.Fatalf("history: status %d", code)
			}
			if len(h.History) != 2 {
				t.Fatalf("history has %d entries, want create and update: %+v", len(h.History), h)
			}
			var actions []string
			for _, ch := range h.History {
				actions = append(actions, ch.Action)
				if ch.Who != "alice" || ch.When.IsZero() {
					t.Errorf("change %+v: want who alice and a time", ch)
				}
			}
			if diff := cmp.Diff([]string{"create", "update"}, actions); diff != "" {
				t.Errorf("history actions (-want +got):\n%s", diff)
			}
			var fields []string
			for _, f := range h.History[1].Fields {
				fields = append(fields, f.Field+": "+f.Old+" → "+f.New)
			}
			all := strings.Join(fields, "\n")
			for _, w := range []string{"note", "diligence council", "admitted", "council of diligence"} {
				if !strings.Contains(all, w) {
					t.Errorf("the update's history entry does not say what changed (%q missing):\n%s", w, all)
				}
			}

			code, _, body = apiCall(t, ts, "DELETE", "/api/v1/glossary/"+created.ID, editorToken, "", nil)
			if code != http.StatusNoContent || len(body) != 0 {
				t.Fatalf("delete: status %d: %s", code, body)
			}
			var e errResp
			if code := get(t, ts, "/api/v1/glossary/"+created.ID, &e); code != 404 {
				t.Errorf("GET after delete: status %d, want 404", code)
			}
			if r := lookup(t, ts, "q=zorgvuldigheidsraad"); r.Total != 0 {
				t.Errorf("lookup after delete: %d concepts", r.Total)
			}
			if code, _, _ := apiCall(t, ts, "DELETE", "/api/v1/glossary/"+created.ID, editorToken, "", nil); code != 404 {
				t.Errorf("second delete: status %d, want 404", code)
			}
			if code, _, _ := apiCall(t, ts, "PUT", "/api/v1/glossary/"+created.ID, editorToken, "application/json", mustJSON(t, upd)); code != 404 {
				t.Errorf("update after delete: status %d, want 404", code)
			}
		})
	}
}

func TestGlossaryEditValidation(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	before := lookup(t, ts, "").Total
	mod := func(f func(*glossary.Concept)) []byte {
		c := newConcept()
		f(&c)
		return mustJSON(t, c)
	}
	tests := []struct {
		name    string
		body    []byte
		mention string // the error message names the field
	}{
		{"no terms", mod(func(c *glossary.Concept) { c.Terms = nil }), "terms"},
		{"bad status", mod(func(c *glossary.Concept) { c.Terms[1].Status = "favourite" }), "terms[1].status"},
		{"bad type", mod(func(c *glossary.Concept) { c.Terms[0].Type = "nickname" }), "terms[0].type"},
		{"bad article", mod(func(c *glossary.Concept) { c.Terms[0].Article = "der" }), "terms[0].article"},
		{"duplicate term", mod(func(c *glossary.Concept) {
			c.Terms = append(c.Terms, glossary.Term{Lang: "nl", Text: "Zorgvuldigheidsraad"})
		}), "terms[2].text"},
		{"unknown language", mod(func(c *glossary.Concept) { c.Terms[1].Lang = "xx" }), "terms[1].lang"},
		{"empty term", mod(func(c *glossary.Concept) { c.Terms[0].Text = "  " }), "terms[0].text"},
		{"reliability", mod(func(c *glossary.Concept) { c.Reliability = 9 }), "reliability"},
		{"unknown field", []byte(`{"terms":[{"lang":"nl","text":"x"}],"defintion":{"en":"typo"}}`), "defintion"},
		{"not JSON", []byte(`terms: x`), "concept"},
		{"bad id", mod(func(c *glossary.Concept) { c.ID = "a b/c" }), "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := apiCall(t, ts, "POST", "/api/v1/glossary", editorToken, "application/json", tt.body)
			if code != http.StatusBadRequest {
				t.Errorf("status %d, want 400: %s", code, body)
			}
			var e errResp
			if err := json.Unmarshal(body, &e); err != nil || !strings.Contains(e.Error.Message, tt.mention) {
				t.Errorf("error %s: want a message naming %q", body, tt.mention)
			}
		})
	}
	t.Run("update with another id in the body", func(t *testing.T) {
		c := newConcept()
		c.ID = "other"
		code, _, body := apiCall(t, ts, "PUT", "/api/v1/glossary/staatsgreep", editorToken, "application/json", mustJSON(t, c))
		if code != http.StatusBadRequest {
			t.Errorf("status %d, want 400: %s", code, body)
		}
	})
	t.Run("invalid update", func(t *testing.T) {
		code, _, body := apiCall(t, ts, "PUT", "/api/v1/glossary/staatsgreep", editorToken, "application/json", mod(func(c *glossary.Concept) { c.Terms = nil }))
		if code != http.StatusBadRequest {
			t.Errorf("status %d, want 400: %s", code, body)
		}
		var c glossary.Concept
		get(t, ts, "/api/v1/glossary/staatsgreep", &c)
		if !hasTerm(c, "nl", "staatsgreep") {
			t.Errorf("a refused update changed the concept: %q", termTexts(c))
		}
	})
	if after := lookup(t, ts, "").Total; after != before {
		t.Errorf("%d concepts after refused edits, %d before", after, before)
	}
}

func TestGlossaryEditAuth(t *testing.T) {
	body := mustJSON(t, newConcept())
	edits := []struct{ method, path string }{
		{"POST", "/api/v1/glossary"},
		{"PUT", "/api/v1/glossary/staatsgreep"},
		{"DELETE", "/api/v1/glossary/staatsgreep"},
		{"POST", "/api/v1/glossary/import?format=json&collection=mine"},
	}
	t.Run("no tokens configured", func(t *testing.T) {
		ts := newTestServer(t, nil)
		for _, ed := range edits {
			code, _, b := apiCall(t, ts, ed.method, ed.path, "anything", "application/json", body)
			if code != http.StatusForbidden || !strings.Contains(string(b), "TOLK_TOKEN") {
				t.Errorf("%s %s: status %d %s, want 403 naming TOLK_TOKEN", ed.method, ed.path, code, b)
			}
		}
	})
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	before := lookup(t, ts, "limit=1000")
	for _, tok := range []string{"", "wrong-token"} {
		for _, ed := range edits {
			code, hdr, b := apiCall(t, ts, ed.method, ed.path, tok, "application/json", body)
			if code != http.StatusUnauthorized {
				t.Errorf("%s %s with token %q: status %d, want 401: %s", ed.method, ed.path, tok, code, b)
			}
			if !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s %s: WWW-Authenticate %q", ed.method, ed.path, hdr.Get("WWW-Authenticate"))
			}
		}
	}
	after := lookup(t, ts, "limit=1000")
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("refused edits changed the glossary (-before +after):\n%s", diff)
	}
}

// exported fetches the curated glossary in one format.
func exported(t *testing.T, ts *httptest.Server, format, collection string) (string, []byte) {
	t.Helper()
	code, hdr, body := apiCall(t, ts, "GET", "/api/v1/glossary/export?format="+format+"&collection="+collection, "", "", nil)
	if code != 200 {
		t.Fatalf("export %s: status %d: %s", format, code, body)
	}
	return hdr.Get("Content-Type"), body
}

// normalConcepts drops what an import may change (id, collection, times
// and who made them)
// and orders terms and concepts, so that two sets compare equal when they
// hold the same concepts.
func normalConcepts(cs []glossary.Concept) []glossary.Concept {
	out := make([]glossary.Concept, len(cs))
	for i, c := range cs {
		c.ID, c.Collection, c.Created, c.Modified = "", "", time.Time{}, time.Time{}
		c.CreatedBy, c.ModifiedBy = "", ""
		c.Terms = slices.Clone(c.Terms)
		slices.SortFunc(c.Terms, func(a, b glossary.Term) int {
			return strings.Compare(a.Lang+"\x00"+a.Text, b.Lang+"\x00"+b.Text)
		})
		out[i] = c
	}
	slices.SortFunc(out, func(a, b glossary.Concept) int {
		return strings.Compare(strings.Join(termTexts(a), "\x01"), strings.Join(termTexts(b), "\x01"))
	})
	return out
}

func exportedJSON(t *testing.T, ts *httptest.Server, collection string) []glossary.Concept {
	t.Helper()
	_, body := exported(t, ts, "json", collection)
	var v struct {
		Total    int                `json:"total"`
		Concepts []glossary.Concept `json:"concepts"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	if v.Total != len(v.Concepts) {
		t.Errorf("JSON export of %s: total %d, %d concepts", collection, v.Total, len(v.Concepts))
	}
	return v.Concepts
}

// entryLines returns the lines of an OmegaT or TSV file, sorted, without
// comments and blank lines.
func entryLines(body []byte) []string {
	var out []string
	for _, l := range strings.Split(string(body), "\n") {
		l = strings.TrimSuffix(l, "\r")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// TestGlossaryExportImport exports the curated glossary in every format
// the exchange package writes and imports each file back into a fresh
// collection: the collection must hold what the curated one holds, and
// the curated collection must not change.
func TestGlossaryExportImport(t *testing.T) {
	// How an import is compared with what was exported: whole concepts
	// where the format carries them, nl→en pairs where it carries only those.
	compare := map[exchange.Format]string{
		exchange.TBX: "concepts", exchange.JSON: "concepts", exchange.CSV: "concepts", exchange.XLSX: "concepts",
		exchange.OmegaT: "pairs", exchange.TSV: "pairs",
	}
	tested := 0
	for _, f := range exchange.Formats() {
		if !f.Export {
			continue
		}
		tested++
		t.Run(string(f.Name), func(t *testing.T) {
			how, ok := compare[f.Name]
			if !ok {
				t.Fatalf("format %q has no round-trip comparison in this test: add one", f.Name)
			}
			ts := newTestServer(t, map[string]string{editorToken: "alice"})
			curated := exportedJSON(t, ts, glossary.CollectionCurated)
			if len(curated) < 120 {
				t.Fatalf("the curated export has %d concepts, want at least 120", len(curated))
			}
			ctype, body := exported(t, ts, string(f.Name), glossary.CollectionCurated)
			if len(body) == 0 {
				t.Fatal("empty export")
			}
			got, _, err := mime.ParseMediaType(ctype)
			want, _, _ := mime.ParseMediaType(f.MediaType)
			if err != nil || got != want {
				t.Errorf("Content-Type %q, want %q", ctype, f.MediaType)
			}

			code, _, resp := apiCall(t, ts, "POST", "/api/v1/glossary/import?format="+string(f.Name)+"&collection=roundtrip", editorToken, f.MediaType, body)
			if code != http.StatusOK {
				t.Fatalf("import: status %d: %s", code, resp)
			}
			var ir struct {
				Imported   int    `json:"imported"`
				Collection string `json:"collection"`
			}
			json.Unmarshal(resp, &ir)
			back := exportedJSON(t, ts, "roundtrip")
			if ir.Collection != "roundtrip" || ir.Imported != len(back) {
				t.Errorf("import answered %+v; the collection holds %d", ir, len(back))
			}
			if after := exportedJSON(t, ts, glossary.CollectionCurated); len(after) != len(curated) {
				t.Errorf("importing into collection roundtrip left %d concepts in the curated collection, %d before", len(after), len(curated))
			}
			switch how {
			case "concepts":
				if len(back) != len(curated) {
					t.Errorf("imported %d concepts, exported %d", len(back), len(curated))
				}
				if diff := cmp.Diff(normalConcepts(curated), normalConcepts(back), cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("imported concepts differ from the exported ones (-exported +imported):\n%s", diff)
				}
			case "pairs":
				_, again := exported(t, ts, string(f.Name), "roundtrip")
				if diff := cmp.Diff(entryLines(body), entryLines(again)); diff != "" {
					t.Errorf("pairs of the imported collection differ from the exported ones (-exported +imported):\n%s", diff)
				}
				if len(entryLines(body)) < len(curated) {
					t.Errorf("%d pairs for %d concepts", len(entryLines(body)), len(curated))
				}
			}
		})
	}
	if tested < 6 {
		t.Errorf("%d export formats, want at least tbx, csv, xlsx, omegat, tsv, json", tested)
	}
}

func glossaryCount(t *testing.T, ts *httptest.Server, collection string) int {
	t.Helper()
	// A collection the glossary does not have is a 404: it holds none.
	if code, _, _ := apiCall(t, ts, "GET", "/api/v1/glossary?limit=1&collection="+url.QueryEscape(collection), "", "", nil); code == http.StatusNotFound {
		return 0
	}
	return lookup(t, ts, "limit=1&collection="+url.QueryEscape(collection)).Total
}

func TestGlossaryImportRefused(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	good := "id,nl,nl_status,en,en_status\n" +
		"a1,eerste term,preferred,first term,preferred\n" +
		"a2,tweede term,admitted,second term,preferred\n"
	// One good import first, so that "nothing stored" is measured against
	// a collection that already holds something.
	if code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary/import?format=csv&collection=mine", editorToken, "text/csv", []byte(good)); code != 200 {
		t.Fatalf("good CSV: status %d: %s", code, b)
	}
	if n := glossaryCount(t, ts, "mine"); n != 2 {
		t.Fatalf("collection mine holds %d concepts after a 2-row import", n)
	}
	tbxWithDTD := `<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY x "boom">]>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="nl"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="x1"><langSec xml:lang="nl"><termSec><term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>`
	tests := []struct {
		name, format, collection, body string
		status                         int
		mention                        []string
	}{
		{"CSV with a bad status in row 3", "csv", "mine", "id,nl,nl_status,en,en_status\n" +
			"b1,derde term,preferred,third term,preferred\n" +
			"b2,vierde term,admitted,fourth term,preferred\n" +
			"b3,vijfde term,favourite,fifth term,preferred\n", 400, []string{"line 4", "favourite"}},
		{"CSV without term columns", "csv", "mine", "id,subject\nx,politics\n", 400, []string{"header"}},
		{"JSON, invalid UTF-8", "json", "mine", "[{\"id\":\"j1\",\"terms\":[{\"lang\":\"nl\",\"text\":\"goed\xff\"}]}]", 400, []string{"UTF-8"}},
		{"TBX with a DTD", "tbx", "mine", tbxWithDTD, 400, []string{"DOCTYPE"}},
		{"broken XML", "tbx", "mine", `<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="x">`, 400, []string{"line"}},
		{"JSON, unknown field", "json", "mine", `{"concepts":[{"id":"j1","terms":[{"lang":"nl","text":"x"}],"colour":"red"}]}`, 400, []string{"colour"}},
		{"JSON, unknown language", "json", "mine", `[{"id":"j1","terms":[{"lang":"nl","text":"x"},{"lang":"zz","text":"y"}]}]`, 400, []string{"zz"}},
		{"OmegaT, one column", "omegat", "mine", "# Glossary in tab-separated format -*- coding: utf-8 -*-\ngoed\tgood\nalleen\n", 400, []string{"line 3"}},
		{"unknown format", "docx", "mine", "x", 400, []string{"docx"}},
		{"no format", "", "mine", "x", 400, []string{"format"}},
		{"into the curated collection", "csv", "curated", good, 400, []string{"curated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := glossaryCount(t, ts, tt.collection)
			total := lookup(t, ts, "").Total
			code, _, body := apiCall(t, ts, "POST", "/api/v1/glossary/import?format="+tt.format+"&collection="+tt.collection, editorToken, "application/octet-stream", []byte(tt.body))
			if code != tt.status {
				t.Errorf("status %d, want %d: %s", code, tt.status, body)
			}
			var e errResp
			if err := json.Unmarshal(body, &e); err != nil || e.Error.Message == "" {
				t.Fatalf("error body %s", body)
			}
			for _, m := range tt.mention {
				if !strings.Contains(e.Error.Message, m) {
					t.Errorf("message %q does not name %q", e.Error.Message, m)
				}
			}
			if n := glossaryCount(t, ts, tt.collection); n != before {
				t.Errorf("collection %s holds %d concepts after a refused import, %d before", tt.collection, n, before)
			}
			if n := lookup(t, ts, "").Total; n != total {
				t.Errorf("%d concepts after a refused import, %d before", n, total)
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		line := "zeer lange term\tvery long term\n"
		big := strings.Repeat(line, maxImportBytes/len(line)+2)
		code, _, body := apiCall(t, ts, "POST", "/api/v1/glossary/import?format=tsv&collection=big", editorToken, "text/tab-separated-values", []byte(big))
		if code != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413: %.200s", code, body)
		}
		if n := glossaryCount(t, ts, "big"); n != 0 {
			t.Errorf("a refused upload stored %d concepts", n)
		}
	})
}

// tbxValidator returns a function that runs validate-tbx.sh on TBX files
// (see sharedtest.TBXValidator, which skips or fails when the schemas or
// tools are missing) and reports an error unless every file is valid by
// both the RELAX NG schema and the Schematron.
func tbxValidator(t *testing.T) func(files ...string) {
	t.Helper()
	run := sharedtest.TBXValidator(t)
	return func(files ...string) {
		t.Helper()
		out, err := run(files...)
		if err != nil {
			t.Errorf("validate-tbx.sh: %v\n%s", err, out)
		}
		for _, f := range files {
			if !strings.Contains(out, f+" validates") || !strings.Contains(out, f+" passes Schematron") {
				t.Errorf("%s is not reported valid by both schemas:\n%s", filepath.Base(f), out)
			}
		}
	}
}

func TestGlossaryExportTBXValidates(t *testing.T) {
	validate := tbxValidator(t)
	ts := newTestServer(t, nil)
	dir := t.TempDir()
	var files []string
	for _, q := range []string{"collection=curated", "status=deprecated"} {
		code, _, body := apiCall(t, ts, "GET", "/api/v1/glossary/export?format=tbx&"+q, "", "", nil)
		if code != 200 || len(body) == 0 {
			t.Fatalf("export %s: status %d, %d bytes", q, code, len(body))
		}
		p := filepath.Join(dir, fmt.Sprintf("export-%d.tbx", len(files)))
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	// And an export with no concept (a filter nothing passes; a collection
	// the glossary does not have is 404, TestExportUnknownCollection).
	var empty bytes.Buffer
	if err := exchange.Export(&empty, exchange.TBX, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "export-empty.tbx")
	if err := os.WriteFile(p, empty.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	validate(append(files, p)...)
}

// TestGlossaryEditConflicts checks that an edit made from a copy someone
// else has changed meanwhile is refused and writes nothing: with the
// ETag of GET in If-Match (412), and with the modified time the copy
// carries in its body (409). A write naming the current tag passes.
func TestGlossaryEditConflicts(t *testing.T) {
	for _, backend := range editBackends {
		t.Run(backend.name, func(t *testing.T) {
			ts := backend.open(t, map[string]string{editorToken: "alice"})
			_, v0 := createConcept(t, ts)
			path := "/api/v1/glossary/" + v0.ID
			readTag := func() string {
				code, hdr, body := apiCall(t, ts, "GET", path, "", "", nil)
				if code != http.StatusOK || hdr.Get("ETag") == "" {
					t.Fatalf("GET: status %d, ETag %q: %s", code, hdr.Get("ETag"), body)
				}
				return hdr.Get("ETag")
			}
			tag0 := readTag()
			withMatch := func(method, tag string, c *glossary.Concept) (int, http.Header, []byte) {
				var b io.Reader
				if c != nil {
					b = bytes.NewReader(mustJSON(t, *c))
				}
				req, _ := http.NewRequest(method, ts.URL+path, b)
				req.Header.Set("Authorization", "Bearer "+editorToken)
				req.Header.Set("If-Match", tag)
				if c != nil {
					req.Header.Set("Content-Type", "application/json")
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				out, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, resp.Header, out
			}

			// A edits from v0, naming its tag: passes, and the tag changes.
			a := v0
			a.Definition = map[string]string{"en": "Changed by A."}
			code, hdr, body := withMatch("PUT", tag0, &a)
			if code != http.StatusOK {
				t.Fatalf("PUT with the current tag: status %d: %s", code, body)
			}
			tag1 := hdr.Get("ETag")
			if tag1 == "" || tag1 == tag0 || tag1 != readTag() {
				t.Errorf("tag after the edit %q (before %q, GET now %q): want a new tag, the one GET sends", tag1, tag0, readTag())
			}

			// B edits from v0 too, naming v0's tag: refused, A's edit kept.
			b := v0
			b.Note = "Note by B."
			if code, _, body := withMatch("PUT", tag0, &b); code != http.StatusPreconditionFailed || !strings.Contains(string(body), `"stale"`) {
				t.Errorf("PUT with a stale If-Match: status %d, %s; want 412 stale", code, body)
			}
			var got glossary.Concept
			get(t, ts, path, &got)
			if got.Definition["en"] != "Changed by A." || got.Note != "" {
				t.Errorf("after the refused write: definition %q, note %q; want A's edit and no note", got.Definition["en"], got.Note)
			}
			// Nor does a delete from the old tag go through.
			if code, _, body := withMatch("DELETE", tag0, nil); code != http.StatusPreconditionFailed {
				t.Errorf("DELETE with a stale If-Match: status %d, %s; want 412", code, body)
			}
			if code, _, _ := apiCall(t, ts, "GET", path, "", "", nil); code != http.StatusOK {
				t.Errorf("the concept is gone after a refused delete: GET %d", code)
			}
			// A stale tag and a made-up one: the answer says the tag does
			// not match and gives the current one; it claims no change
			// "after the version you read" for a tag tolk never gave.
			if code, _, body := withMatch("PUT", tag0, &b); code != http.StatusPreconditionFailed ||
				!strings.Contains(string(body), "does not match the current version") || !strings.Contains(string(body), strings.Trim(tag1, `"`)) {
				t.Errorf("PUT with an old tag: status %d, %s; want 412 saying it does not match and giving %s", code, body, tag1)
			}
			if code, _, body := withMatch("PUT", `"zzz"`, &b); code != http.StatusPreconditionFailed ||
				!strings.Contains(string(body), `is not a tag of concept`) || !strings.Contains(string(body), strings.Trim(tag1, `"`)) ||
				strings.Contains(string(body), "after the version you read") || strings.Contains(string(body), "changed at") {
				t.Errorf(`PUT with If-Match "zzz": status %d, %s; want 412 saying it is not the concept's tag and giving %s`, code, body, tag1)
			}
			if code, _, body := withMatch("PUT", "not-quoted", &b); code != http.StatusBadRequest || !strings.Contains(string(body), "If-Match") {
				t.Errorf("PUT with a malformed If-Match: status %d, %s; want 400 naming If-Match", code, body)
			}

			// Without If-Match, a body carrying v0's modified time is a copy
			// older than A's edit (the store keeps modified times).
			if !v0.Modified.IsZero() {
				if code, _, body := apiCall(t, ts, "PUT", path, editorToken, "application/json", mustJSON(t, b)); code != http.StatusConflict {
					t.Errorf("PUT of a copy with an old modified time: status %d, %s; want 409", code, body)
				}
			}
			// The concept as read now, sent back with its tag, passes.
			get(t, ts, path, &got)
			got.Note = "Note by B, on A's version."
			if code, _, body := withMatch("PUT", readTag(), &got); code != http.StatusOK {
				t.Errorf("PUT of the current version with its tag: status %d: %s", code, body)
			}
			if code, _, body := withMatch("DELETE", `"x", `+readTag(), nil); code != http.StatusNoContent {
				t.Errorf("DELETE with a list holding the current tag: status %d: %s", code, body)
			}
		})
	}
}

// TestGlossaryImportLeavesLanguages: a TBX with sections in languages the
// glossary does not hold (an IATE export carries two dozen) imports its
// Dutch and English terms and answers what it left out.
func TestGlossaryImportLeavesLanguages(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	in := `<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="IATE-1"><langSet xml:lang="bg"><tig><term>преврат</term></tig></langSet><langSet xml:lang="nl"><tig><term>staatsgreep</term></tig></langSet><langSet xml:lang="en"><tig><term>coup d'état</term></tig></langSet><langSet xml:lang="pl"><tig><term>zamach stanu</term></tig></langSet></termEntry>
<termEntry id="IATE-2"><langSet xml:lang="pl"><tig><term>junta wojskowa</term></tig></langSet></termEntry>
</body></text></martif>`
	code, _, body := apiCall(t, ts, "POST", "/api/v1/glossary/import?format=tbx&collection=iate", editorToken, "application/x-tbx+xml", []byte(in))
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	var got struct {
		Imported int `json:"imported"`
		LeftOut  struct {
			Languages []struct {
				Lang  string `json:"lang"`
				Terms int    `json:"terms"`
				Line  int    `json:"line"`
			} `json:"languages"`
			Entries int `json:"entries"`
		} `json:"left_out"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Imported != 1 || got.LeftOut.Entries != 1 || len(got.LeftOut.Languages) != 2 ||
		got.LeftOut.Languages[0].Lang != "bg" || got.LeftOut.Languages[0].Terms != 1 ||
		got.LeftOut.Languages[1].Lang != "pl" || got.LeftOut.Languages[1].Terms != 2 {
		t.Errorf("answer %s", body)
	}
	if n := glossaryCount(t, ts, "iate"); n != 1 {
		t.Errorf("collection iate holds %d concepts, want 1", n)
	}
	// collection= left empty is the default collection, not one named "".
	if code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary/import?format=csv&collection=", editorToken, "text/csv", []byte("id,nl,en\ne1,woord,word\n")); code != 200 || !strings.Contains(string(b), `"collection":"import"`) {
		t.Errorf("collection= : %d %s", code, b)
	}
	// A file with nothing left out answers without left_out.
	code, _, body = apiCall(t, ts, "POST", "/api/v1/glossary/import?format=csv&collection=mine", editorToken, "text/csv", []byte("id,nl,en\na1,woord,word\n"))
	if code != 200 || strings.Contains(string(body), "left_out") {
		t.Errorf("CSV import: %d %s", code, body)
	}
}

// TestAnnotatePrecedence: where concepts of several collections have the
// same Dutch term, annotate shows a hand-made concept (collection user)
// first, then the curated one, then an imported one: an imported term
// list adds terms without taking a word from the curated glossary.
func TestAnnotatePrecedence(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	text := []byte("De staatsgreep in Mali.")
	conceptOf := func() string {
		t.Helper()
		for _, a := range annotate(t, ts, "/api/v1/annotate?lang=nl", "text/plain", text).Annotations {
			if a.Text == "staatsgreep" {
				return a.Concept
			}
		}
		return ""
	}
	if code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary/import?format=csv&collection=x", editorToken, "text/csv", []byte("id,nl,en\nzz-import,staatsgreep,putsch\naa-import,staatsgreep,overthrow\n")); code != 200 {
		t.Fatalf("import: %d %s", code, b)
	}
	if got := conceptOf(); got != "staatsgreep" {
		t.Errorf("after an import: %q, want the curated staatsgreep", got)
	}
	body := `{"id":"mijn-staatsgreep","terms":[{"lang":"nl","text":"staatsgreep","pos":"noun"},{"lang":"en","text":"coup","pos":"noun"}]}`
	if code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary", editorToken, "application/json", []byte(body)); code != 201 {
		t.Fatalf("create: %d %s", code, b)
	}
	if got := conceptOf(); got != "mijn-staatsgreep" {
		t.Errorf("after a hand-made concept: %q, want mijn-staatsgreep", got)
	}
}

// TestDeleteCollection: a collection is deleted whole, with each
// concept's history recording it; the curated collection and an unknown
// one are refused, and nothing else is touched.
func TestDeleteCollection(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	if code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary/import?format=csv&collection=x", editorToken, "text/csv", []byte("id,nl,en\nx1,staatsgreep,putsch\nx2,junta,regime\n")); code != 200 {
		t.Fatalf("import: %d %s", code, b)
	}
	total := lookup(t, ts, "").Total
	for _, tc := range []struct {
		name   string
		token  string
		status int
	}{
		{"curated", editorToken, 400},
		{"no-such-collection", editorToken, 404},
		{"x", "", 401},
	} {
		if code, _, b := apiCall(t, ts, "DELETE", "/api/v1/glossary/collections/"+tc.name, tc.token, "", nil); code != tc.status {
			t.Errorf("DELETE %s: %d, want %d: %s", tc.name, code, tc.status, b)
		}
	}
	if n := lookup(t, ts, "").Total; n != total {
		t.Fatalf("%d concepts after refused deletes, %d before", n, total)
	}
	code, _, b := apiCall(t, ts, "DELETE", "/api/v1/glossary/collections/x", editorToken, "", nil)
	if code != 200 || !strings.Contains(string(b), `"deleted":2`) {
		t.Fatalf("DELETE x: %d %s", code, b)
	}
	if n := glossaryCount(t, ts, "x"); n != 0 {
		t.Errorf("collection x still holds %d", n)
	}
	if n := lookup(t, ts, "").Total; n != total-2 {
		t.Errorf("%d concepts, want %d", n, total-2)
	}
	code, _, b = apiCall(t, ts, "GET", "/api/v1/glossary/x1/history", "", "", nil)
	if code != 200 || !strings.Contains(string(b), "delete") {
		t.Errorf("history of x1: %d %s", code, b)
	}
}

// TestMemoryConceptIDs: in memory mode a concept created without an id
// gets one from its head term, as on disk, and never one an import took.
func TestMemoryConceptIDs(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	if code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary/import?format=json&collection=i", editorToken, "application/json", []byte(`[{"id":"c1","terms":[{"lang":"nl","text":"x"}]},{"id":"zeeweg","terms":[{"lang":"nl","text":"y"}]}]`)); code != 200 {
		t.Fatalf("import: %d %s", code, b)
	}
	for _, want := range []string{"zeeweg-2", "zeeweg-3"} {
		code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary", editorToken, "application/json", []byte(`{"terms":[{"lang":"nl","text":"zeeweg"}]}`))
		if code != 201 || !strings.Contains(string(b), `"id":"`+want+`"`) {
			t.Errorf("create: %d %s, want id %s", code, b, want)
		}
	}
}

// TestConceptBadTime: a concept whose created time does not parse gets a
// 400 naming the field and the form a time takes, not Go's layout.
func TestConceptBadTime(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary", editorToken, "application/json", []byte(`{"created":"not a date","terms":[{"lang":"nl","text":"x"}]}`))
	if code != 400 || !strings.Contains(string(b), "created must be a date and time") || strings.Contains(string(b), "2006-01-02") {
		t.Errorf("%d %s", code, b)
	}
}

// TestGlossaryImportOlderVersion: importing an export taken before a
// colleague's edit does not undo the edit: the import is refused with 409
// naming the concept, nothing of it is stored, and overwrite=true imports
// it anyway, the concept then modified now (not back in time).
func TestGlossaryImportOlderVersion(t *testing.T) {
	for _, backend := range editBackends {
		t.Run(backend.name, func(t *testing.T) {
			ts := backend.open(t, map[string]string{editorToken: "alice"})
			_, v0 := createConcept(t, ts)
			path := "/api/v1/glossary/" + v0.ID
			code, _, file := apiCall(t, ts, "GET", "/api/v1/glossary/export?format=json&collection="+v0.Collection, "", "", nil)
			if code != http.StatusOK || !strings.Contains(string(file), v0.ID) {
				t.Fatalf("export: %d %s", code, file)
			}
			edited := v0
			edited.Definition = map[string]string{"en": "Edited after the export."}
			if code, _, body := apiCall(t, ts, "PUT", path, editorToken, "application/json", mustJSON(t, edited)); code != http.StatusOK {
				t.Fatalf("PUT: %d %s", code, body)
			}
			var after glossary.Concept
			get(t, ts, path, &after)
			imp := "/api/v1/glossary/import?format=json&collection=" + v0.Collection
			code, _, body := apiCall(t, ts, "POST", imp, editorToken, "application/json", file)
			if code != http.StatusConflict || !strings.Contains(string(body), v0.ID) || !strings.Contains(string(body), "overwrite") {
				t.Errorf("import of the older export: %d %s; want 409 naming %s and overwrite", code, body, v0.ID)
			}
			var got glossary.Concept
			get(t, ts, path, &got)
			if got.Definition["en"] != "Edited after the export." {
				t.Errorf("after the refused import: definition %q, want the edit", got.Definition["en"])
			}
			if code, _, body := apiCall(t, ts, "POST", imp+"&overwrite=true", editorToken, "application/json", file); code != http.StatusOK {
				t.Fatalf("import with overwrite=true: %d %s", code, body)
			}
			get(t, ts, path, &got)
			if got.Definition["en"] == "Edited after the export." || got.Modified.Before(after.Modified) {
				t.Errorf("after overwrite: definition %q, modified %v (the edit's %v); want the file's definition, modified no earlier",
					got.Definition["en"], got.Modified, after.Modified)
			}
		})
	}
}
