package server

import (
	"context"
	"encoding/json"
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/internal/app"
)

// TestSearchJSONAsMarshal compares appendJSON with json.Marshal on the
// answers of real searches over the letter (Dutch, English with senses, a
// typo corrected, a phrase, nothing found) and on made-up answers with the
// awkward strings and numbers JSON has rules for.
func TestSearchJSONAsMarshal(t *testing.T) {
	a := openDefault(t, app.Config{Memory: true})
	defer a.Close()
	var answers []searchJSON
	for _, q := range []string{
		"staatsgreep", "Mali militaire junta", `"rule of law"`, "coup d'état sanctions", "staatsgreeep",
		"ECOWAS", "mensenrechten -Bamako", "nergensvoorkomendwoord", "verkiezingen*",
	} {
		res, err := a.BilingualSearch(context.Background(), app.SearchRequest{Q: q, Lang: "auto", Limit: 10})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out := toSearchJSON(res)
		df := res.DocFacets
		out.DocFacets = docFacetsJSON{facetsJSON(df.Type), facetsJSON(df.Year), facetsJSON(df.Dossier), df.Partial}
		answers = append(answers, out)
	}
	senses := 0
	for _, s := range answers {
		senses += len(s.Senses)
	}
	if senses == 0 {
		t.Fatal("no answer has senses: the English queries did not test them")
	}
	awkward := "<mark>a</mark> & \"q\" \\ \b\f\n\r\t\x00\x1f\x7f é \u2028\u2029 \xff\xfe end"
	typed := uint64(math.MaxUint64)
	answers = append(answers,
		searchJSON{},
		searchJSON{DidYouMean: "x", TypedTotal: new(uint64)},
		searchJSON{DidYouMean: "x", TypedTotal: &typed},
		searchJSON{Query: awkward, Lang: "nl", Total: math.MaxUint64, TookMS: 1e-7, DidYouMean: awkward,
			Hits: []hitJSON{
				{Doc: awkward, Title: awkward, Section: "", Paragraph: -1, Start: 0, End: 1 << 40, Text: awkward,
					Fragments: nil, Score: 1e21, Matched: nil},
				{Score: 0.8597381024416958, Fragments: []string{awkward, ""},
					Matched: []app.Matched{{Query: "x", Term: awkward, Concept: "c", Via: "stem", P: 1e-9}, {Via: "exact"}},
					Missing: []string{awkward, "x"}},
				{Score: -2.5e-300},
			},
			Facets:   map[string][]facetJSON{"section": {{awkward, 3}}, "doc": nil, "a": {}},
			Expanded: []string{awkward}, Dropped: []string{"x"},
			DocFacets: docFacetsJSON{Type: []facetJSON{{"kamerbrief", 2}}, Partial: true}},
	)
	for i, s := range answers {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.appendJSON(nil)
		if err != nil {
			t.Fatalf("answer %d: %v", i, err)
		}
		if d := cmp.Diff(string(want), string(got)); d != "" {
			t.Errorf("answer %d (%q): (-json.Marshal +appendJSON):\n%s", i, s.Query, d)
		}
	}
	if _, err := (&searchJSON{TookMS: math.NaN()}).appendJSON(nil); err == nil {
		t.Error("NaN was written; json.Marshal refuses it")
	}
}

// FuzzAppendJSONString compares appendJSONString and appendJSONFloat with
// json.Marshal for any string and number.
func FuzzAppendJSONString(f *testing.F) {
	f.Add("Aan de <mark>behandeling</mark>", 0.5)
	f.Add("\u2028\xff\x00\"\\", 1e-7)
	f.Add("één", 1e21)
	f.Add("", -0.0)
	f.Fuzz(func(t *testing.T, s string, x float64) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
		want, werr := json.Marshal(x)
		got, gerr := appendJSONFloat(nil, x)
		if (werr != nil) != (gerr != nil) || werr == nil && string(got) != string(want) {
			t.Errorf("%v: got %s (%v), want %s (%v)", x, got, gerr, want, werr)
		}
	})
}

// TestSearchRefusesLongQueryAndZeroLimit: a query over the length limit is
// a 400 that says so (it was cut silently, dropping what followed, a
// -word included), and limit=0 is a 400 (it gave ten hits).
func TestSearchRefusesLongQueryAndZeroLimit(t *testing.T) {
	ts := newTestServer(t, nil)
	long := strings.Repeat("mali ", 200) + "-mali"
	for _, tc := range []struct{ query, mention string }{
		{"q=" + url.QueryEscape(long), "1005 bytes"},
		{"q=mali&limit=0", "limit"},
	} {
		code, _, b := apiCall(t, ts, "GET", "/api/v1/search?"+tc.query, "", "", nil)
		if code != 400 || !strings.Contains(string(b), tc.mention) {
			t.Errorf("%.40s: %d %s, want 400 naming %q", tc.query, code, b, tc.mention)
		}
	}
	if code, _, b := apiCall(t, ts, "GET", "/api/v1/search?q="+url.QueryEscape(strings.Repeat("mali ", 199)+"mali"), "", "", nil); code != 200 {
		t.Errorf("a query of exactly 1000 bytes: %d %s", code, b)
	}
}

// TestSearchRepeatedParameter: a parameter that takes one value, given
// twice, is a 400 naming it (the first counted, silently).
func TestSearchRepeatedParameter(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, q := range []string{"q=mali&q=junta", "q=mali&doc=a&doc=b", "q=mali&limit=1&limit=abc"} {
		code, _, b := apiCall(t, ts, "GET", "/api/v1/search?"+q, "", "", nil)
		if code != 400 || !strings.Contains(string(b), "takes one value") {
			t.Errorf("%s: %d %s", q, code, b)
		}
	}
	if code, _, b := apiCall(t, ts, "GET", "/api/v1/search?q=mali&drop=a&drop=b", "", "", nil); code != 200 {
		t.Errorf("drop twice: %d %s", code, b)
	}
}

// TestSearchHeadingOnlyReason: a passage found through its section
// heading alone says so (via heading, the heading as what was found); it
// had no reason at all.
func TestSearchHeadingOnlyReason(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	doc := "# Notitie\n\n## Leeuwarden-Fryslân culturele hoofdstad\n\nDe munten worden in 2018 uitgegeven.\n\nDe oplage is beperkt.\n"
	if code, _, b := apiCall(t, ts, "POST", "/api/v1/documents?name=munten.md", editorToken, "text/markdown", []byte(doc)); code != 201 {
		t.Fatalf("upload: %d %s", code, b)
	}
	var r struct {
		Hits []struct {
			Doc     string        `json:"doc"`
			Matched []app.Matched `json:"matched"`
		} `json:"hits"`
	}
	code, _, b := apiCall(t, ts, "GET", "/api/v1/search?q=oplage+fryslan&lang=nl", "", "", nil)
	if code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, h := range r.Hits {
		if h.Doc != "munten" {
			continue
		}
		if len(h.Matched) == 0 {
			t.Errorf("a hit without a reason: %s", b)
		}
		for _, m := range h.Matched {
			if m.Via == "heading" {
				n++
				if !strings.Contains(m.Term, "Fryslân") {
					t.Errorf("heading match %+v", m)
				}
			}
		}
	}
	if n == 0 {
		t.Errorf("no heading reason: %s", b)
	}
}
