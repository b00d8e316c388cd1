package server

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

// The tests in this file check that English search through the lexicon
// is visible and controllable over HTTP: the senses in the search answer,
// drop=, and GET /api/v1/lexicon. They run against the embedded corpus,
// the curated glossary and the shipped lexicon.

type sensesResp struct {
	Lang    string          `json:"lang"`
	Total   uint64          `json:"total"`
	Senses  []app.Expansion `json:"senses"`
	Dropped []string        `json:"dropped"`
	Hits    []struct {
		Text    string        `json:"text"`
		Matched []app.Matched `json:"matched"`
	} `json:"hits"`
}

// sensesOf returns the Dutch senses of the English word or term q, nil
// when the answer has no line for it.
func sensesOf(r sensesResp, q string) []string {
	for _, e := range r.Senses {
		if e.Query == q {
			out := []string{}
			for _, s := range e.Senses {
				out = append(out, s.Text)
			}
			return out
		}
	}
	return nil
}

func TestSearchSenses(t *testing.T) {
	ts := newTestServer(t, nil)
	search := func(t *testing.T, query string) (sensesResp, map[string]json.RawMessage) {
		t.Helper()
		code, _, body := apiCall(t, ts, "GET", "/api/v1/search?"+query, "", "", nil)
		if code != http.StatusOK {
			t.Fatalf("GET /api/v1/search?%s: status %d: %s", query, code, body)
		}
		var r sensesResp
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(body, &raw); err != nil {
			t.Fatal(err)
		}
		return r, raw
	}

	t.Run("lexicon sense with its probability", func(t *testing.T) {
		r, _ := search(t, "q=treaty&lang=en")
		if len(r.Senses) != 1 || r.Senses[0].Query != "treaty" {
			t.Fatalf("senses %+v, want one line for treaty", r.Senses)
		}
		i := slices.IndexFunc(r.Senses[0].Senses, func(s app.Sense) bool { return s.Text == "verdrag" })
		if i < 0 {
			t.Fatalf("treaty was searched as %q, want verdrag among them", sensesOf(r, "treaty"))
		}
		if s := r.Senses[0].Senses[i]; s.Via != "lexicon" || !s.Key || s.P < 0.5 || s.P > 1 {
			t.Errorf("verdrag: %+v, want a lexicon key with p in [0.5, 1]", s)
		}
	})

	t.Run("weights have at most four decimals", func(t *testing.T) {
		r, _ := search(t, "q=aid+humanitarian&lang=en")
		for _, e := range r.Senses {
			for _, s := range e.Senses {
				if s.P != math.Round(s.P*1e4)/1e4 {
					t.Errorf("%s → %s: p %v", e.Query, s.Text, s.P)
				}
			}
		}
		for _, h := range r.Hits {
			for _, m := range h.Matched {
				if m.P != math.Round(m.P*1e4)/1e4 {
					t.Errorf("matched %s → %s: p %v", m.Query, m.Term, m.P)
				}
			}
		}
	})

	t.Run("drop removes the sense", func(t *testing.T) {
		r, _ := search(t, "q=treaty&lang=en&drop=verdrag")
		if got := sensesOf(r, "treaty"); got == nil || slices.Contains(got, "verdrag") {
			t.Errorf("with drop=verdrag treaty was searched as %q, want a line without verdrag", got)
		}
		if diff := cmp.Diff([]string{"verdrag"}, r.Dropped); diff != "" {
			t.Errorf("dropped (-want +got):\n%s", diff)
		}
	})

	t.Run("drop as a Dutch word drops the key", func(t *testing.T) {
		r, _ := search(t, "q=treaty&lang=en&drop=verdragen")
		if got := sensesOf(r, "treaty"); slices.Contains(got, "verdrag") {
			t.Errorf("with drop=verdragen treaty was searched as %q", got)
		}
	})

	for _, q := range []string{"drop=verdrag,begrot", "drop=verdrag&drop=begrot", "drop=+verdrag+,,begrot&drop=verdrag"} {
		t.Run("several drops "+q, func(t *testing.T) {
			before, _ := search(t, "q=treaty+budget&lang=en")
			if !slices.Contains(sensesOf(before, "budget"), "begrot") {
				t.Fatalf("budget was searched as %q, want begrot among them", sensesOf(before, "budget"))
			}
			r, _ := search(t, "q=treaty+budget&lang=en&"+q)
			for _, w := range []string{"treaty", "budget"} {
				if got := sensesOf(r, w); slices.Contains(got, "verdrag") || slices.Contains(got, "begrot") {
					t.Errorf("%s was searched as %q", w, got)
				}
			}
			if diff := cmp.Diff([]string{"verdrag", "begrot"}, r.Dropped); diff != "" {
				t.Errorf("dropped (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("dropping a glossary term drops its plural", func(t *testing.T) {
		before, _ := search(t, "q=coup&lang=en")
		got := sensesOf(before, "coup")
		if !slices.Contains(got, "staatsgreep") || !slices.Contains(got, "staatsgrepen") {
			t.Fatalf("coup was searched as %q, want staatsgreep and staatsgrepen", got)
		}
		r, _ := search(t, "q=coup&lang=en&drop=staatsgreep")
		got = sensesOf(r, "coup")
		if slices.Contains(got, "staatsgreep") || slices.Contains(got, "staatsgrepen") || !slices.Contains(got, "coup") {
			t.Errorf("with drop=staatsgreep coup was searched as %q, want coup but no staatsgre*", got)
		}
		if r.Total == 0 {
			t.Errorf("coup without staatsgreep found nothing; the letter says coup too")
		}
	})

	t.Run("every sense dropped", func(t *testing.T) {
		r, raw := search(t, "q=treaty&lang=en&drop=verdrag,ingevolg,tuss,treaty")
		if got := sensesOf(r, "treaty"); got == nil || len(got) != 0 {
			t.Errorf("treaty was searched as %q, want an empty list", got)
		}
		if !strings.Contains(string(raw["senses"]), `"senses":[]`) {
			t.Errorf("a line without senses is not an empty list: %s", raw["senses"])
		}
	})

	t.Run("stop word and unknown word have a note", func(t *testing.T) {
		r, _ := search(t, "q=the+xqzzvw+treaty&lang=en")
		notes := map[string]string{}
		for _, e := range r.Senses {
			if len(e.Senses) == 0 {
				notes[e.Query] = e.Note
			}
		}
		if notes["the"] == "" || notes["xqzzvw"] == "" || notes["the"] == notes["xqzzvw"] {
			t.Errorf("notes %q, want different notes for the and xqzzvw", notes)
		}
	})

	t.Run("Dutch query has no senses", func(t *testing.T) {
		_, raw := search(t, "q=staatsgreep&lang=nl")
		if s, ok := raw["senses"]; ok {
			t.Errorf("a Dutch query has senses: %s", s)
		}
	})

	t.Run("a lexicon match says its probability", func(t *testing.T) {
		r, _ := search(t, "q=humanitarian&lang=en")
		if len(r.Hits) == 0 {
			t.Fatalf("humanitarian found nothing")
		}
		for _, h := range r.Hits {
			for _, m := range h.Matched {
				if m.Via == "lexicon" && m.P > 0 && m.P <= 1 && strings.Contains(strings.ToLower(h.Text), strings.ToLower(m.Term)) {
					return
				}
			}
		}
		t.Errorf("no hit says it matched through the lexicon with p: %+v", r.Hits[0].Matched)
	})

	t.Run("too many drops", func(t *testing.T) {
		v := url.Values{"q": {"treaty"}, "lang": {"en"}}
		for i := range maxDrop + 1 {
			v.Add("drop", "w"+strings.Repeat("x", i))
		}
		code, _, body := apiCall(t, ts, "GET", "/api/v1/search?"+v.Encode(), "", "", nil)
		if code != http.StatusBadRequest {
			t.Errorf("status %d, want 400: %s", code, body)
		}
	})
}

func TestParseDrop(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"none", nil, nil},
		{"one", []string{"verdrag"}, []string{"verdrag"}},
		{"repeated parameter", []string{"verdrag", "begrot"}, []string{"verdrag", "begrot"}},
		{"comma-separated", []string{"verdrag,begrot"}, []string{"verdrag", "begrot"}},
		{"blanks and repeats", []string{" verdrag , ,begrot", "verdrag", ""}, []string{"verdrag", "begrot"}},
		{"a term of several words", []string{"financiële  en economische sancties"}, []string{"financiële en economische sancties"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, parseDrop(tt.in)); diff != "" {
				t.Errorf("parseDrop(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

type lexiconResp struct {
	Query   string `json:"query"`
	Lang    string `json:"lang"`
	To      string `json:"to"`
	Lexicon *struct {
		Analysis string `json:"analysis"`
		Segments int    `json:"segments"`
		Words    int    `json:"words"`
	} `json:"lexicon"`
	Glossary []struct {
		Concept string `json:"concept"`
		Via     string `json:"via"`
		Matched string `json:"matched_term"`
		Terms   []struct {
			Text   string `json:"text"`
			Status string `json:"status"`
		} `json:"terms"`
	} `json:"glossary"`
	Words []struct {
		Word string `json:"word"`
		Keys []struct {
			Key          string                `json:"key"`
			Freq         int                   `json:"freq"`
			Translations []lexicon.Translation `json:"translations"`
		} `json:"keys"`
		Note string `json:"note"`
	} `json:"words"`
	Truncated bool   `json:"truncated"`
	Note      string `json:"note"`
}

func TestLexiconAPI(t *testing.T) {
	ts := newTestServer(t, nil)
	look := func(t *testing.T, query string) lexiconResp {
		t.Helper()
		code, _, body := apiCall(t, ts, "GET", "/api/v1/lexicon?"+query, "", "", nil)
		if code != http.StatusOK {
			t.Fatalf("GET /api/v1/lexicon?%s: status %d: %s", query, code, body)
		}
		var r lexiconResp
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}

	t.Run("one English word", func(t *testing.T) {
		r := look(t, "q=treaty&lang=en")
		if r.Lexicon == nil || r.Lexicon.Analysis == "" || r.Lexicon.Segments == 0 || r.Lexicon.Words == 0 {
			t.Fatalf("lexicon metadata %+v", r.Lexicon)
		}
		if r.Lang != "en" || r.To != "nl" || len(r.Words) != 1 || r.Words[0].Word != "treaty" || len(r.Words[0].Keys) != 1 {
			t.Fatalf("answer %+v, want one word treaty with one key", r)
		}
		k := r.Words[0].Keys[0]
		if k.Freq == 0 || len(k.Translations) == 0 {
			t.Fatalf("treaty: %+v", k)
		}
		best := k.Translations[0]
		if best.Word != "verdrag" || best.P < 0.5 || best.Count == 0 {
			t.Errorf("best translation of treaty %+v, want verdrag with p ≥ 0.5 and a count", best)
		}
		for i := 1; i < len(k.Translations); i++ {
			if k.Translations[i].P > k.Translations[i-1].P {
				t.Errorf("translations not best first: %+v", k.Translations)
			}
		}
	})

	t.Run("default language is English", func(t *testing.T) {
		if r := look(t, "q=treaty"); r.Lang != "en" || len(r.Words) != 1 || len(r.Words[0].Keys) != 1 || len(r.Words[0].Keys[0].Translations) == 0 {
			t.Errorf("answer %+v", r)
		}
	})

	t.Run("limit", func(t *testing.T) {
		r := look(t, "q=law&lang=en&limit=2")
		if len(r.Words) != 1 || len(r.Words[0].Keys) != 1 || len(r.Words[0].Keys[0].Translations) != 2 {
			t.Errorf("limit=2: %+v", r.Words)
		}
	})

	t.Run("several words: glossary first, then word by word", func(t *testing.T) {
		r := look(t, "q=rule+of+law&lang=en")
		if len(r.Glossary) == 0 {
			t.Fatalf("no glossary concept for rule of law")
		}
		c, ok := ts2concept(t, ts, r.Glossary[0].Concept)
		if !ok || !slices.ContainsFunc(c.TermsIn("en"), func(t glossary.Term) bool { return glossary.Fold(t.Text) == "rule of law" }) {
			t.Errorf("first concept %q has no English term rule of law", r.Glossary[0].Concept)
		}
		if len(r.Glossary[0].Terms) == 0 {
			t.Errorf("concept %q lists no Dutch terms", r.Glossary[0].Concept)
		}
		for _, term := range r.Glossary[0].Terms {
			if !hasTerm(c, "nl", term.Text) {
				t.Errorf("%q is not a Dutch term of %s", term.Text, c.ID)
			}
		}
		var words []string
		for _, w := range r.Words {
			words = append(words, w.Word)
		}
		if diff := cmp.Diff([]string{"rule", "of", "law"}, words); diff != "" {
			t.Fatalf("words (-want +got):\n%s", diff)
		}
		if of := r.Words[1]; len(of.Keys) != 0 || of.Note == "" {
			t.Errorf("of: %+v, want no keys and a note", of)
		}
		for _, w := range []int{0, 2} {
			if len(r.Words[w].Keys) == 0 || len(r.Words[w].Keys[0].Translations) == 0 {
				t.Errorf("%s: no translations", r.Words[w].Word)
			}
		}
	})

	t.Run("Dutch", func(t *testing.T) {
		r := look(t, "q=verdrag&lang=nl")
		if r.To != "en" || len(r.Words) != 1 || len(r.Words[0].Keys) == 0 {
			t.Fatalf("answer %+v", r)
		}
		if !slices.ContainsFunc(r.Words[0].Keys[0].Translations, func(tr lexicon.Translation) bool { return tr.Word == "treaty" }) {
			t.Errorf("verdrag: %+v, want the English key treaty", r.Words[0].Keys[0].Translations)
		}
		if g := look(t, "q=staatsgreep&lang=nl"); len(g.Glossary) == 0 || g.Glossary[0].Concept != "staatsgreep" ||
			!slices.ContainsFunc(g.Glossary[0].Terms, func(t struct {
				Text   string `json:"text"`
				Status string `json:"status"`
			}) bool {
				return t.Text == "coup d'état" && t.Status == "preferred"
			}) {
			t.Errorf("staatsgreep: glossary %+v, want the concept with coup d'état (preferred)", g.Glossary)
		}
	})

	t.Run("unknown word: empty list and a note", func(t *testing.T) {
		r := look(t, "q=xqzzvw&lang=en")
		if len(r.Glossary) != 0 || len(r.Words) != 1 || r.Words[0].Note == "" {
			t.Fatalf("answer %+v", r)
		}
		for _, k := range r.Words[0].Keys {
			if len(k.Translations) != 0 {
				t.Errorf("xqzzvw has translations: %+v", k)
			}
		}
	})

	t.Run("pasted text is cut at maxLexiconWords words", func(t *testing.T) {
		var ws []string
		for i := range maxLexiconWords + 5 {
			ws = append(ws, "w"+strings.Repeat("a", i+1))
		}
		r := look(t, url.Values{"q": {strings.Join(ws, " ")}}.Encode())
		if !r.Truncated || len(r.Words) != maxLexiconWords || r.Note == "" {
			t.Errorf("truncated %v, %d words, note %q", r.Truncated, len(r.Words), r.Note)
		}
	})

	for _, q := range []string{"", "q=", "q=+++", "q=treaty&lang=fr", "q=treaty&lang=auto", "q=treaty&limit=x", "q=treaty&limit=1000"} {
		t.Run("bad request "+q, func(t *testing.T) {
			code, _, body := apiCall(t, ts, "GET", "/api/v1/lexicon?"+q, "", "", nil)
			var e errResp
			if code != http.StatusBadRequest || json.Unmarshal(body, &e) != nil || e.Error.Message == "" {
				t.Errorf("status %d, body %s; want 400 with a message", code, body)
			}
		})
	}
}

// ts2concept fetches a concept through the glossary API.
func ts2concept(t *testing.T, ts *httptest.Server, id string) (glossary.Concept, bool) {
	t.Helper()
	var c glossary.Concept
	return c, get(t, ts, "/api/v1/glossary/"+url.PathEscape(id), &c) == http.StatusOK
}
