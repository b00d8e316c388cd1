package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// filterKST is a Kamerstuk of dossier 29521 dated 3 February 2020; with
// uploadXML (a Staatscourant of 23 December 2015) and filterTXT (no
// metadata) it makes three documents that share the word kwartelkoning.
const filterKST = `<?xml version="1.0"?><officiele-publicatie><kamerstuk><dossier><dossiernummer><dossiernr>29521</dossiernr></dossiernummer></dossier>` +
	`<stuk><stuknr><ondernummer>409</ondernummer></stuknr><titel>Brief over de kwartelkoning</titel><al>Den Haag, 3 februari 2020</al><al>De kwartelkoning broedt in het grasland.</al></stuk></kamerstuk></officiele-publicatie>`

const filterTXT = "Een notitie over de kwartelkoning.\n"

// uploadFilterDocs stores the three documents of the filter tests.
func uploadFilterDocs(t *testing.T, ts *httptest.Server) {
	t.Helper()
	xml := strings.Replace(uploadXML, "Dit ontwerpbesluit", "Dit ontwerpbesluit over de kwartelkoning", 1)
	files := map[string]string{"stcrt-2015-47076.xml": xml, "kst-29521-409.xml": filterKST, "notitie.txt": filterTXT}
	ctype, body := multipartBody(t, files, "stcrt-2015-47076.xml", "kst-29521-409.xml", "notitie.txt")
	if code, b := postAs(t, ts, "/api/v1/documents", ctype, body); code != 200 || !strings.Contains(string(b), `"stored":3`) {
		t.Fatalf("upload: %d %s", code, b)
	}
}

var hitDoc = regexp.MustCompile(`href="/documents/([^"#]+)#p\d+"`)

// TestSearchPageFilters: the search page's type, dossier and date fields
// are plain GET parameters that narrow the hits to the documents whose
// metadata match, as the API's filters do; the form offers the types
// present and keeps the values; a bad date answers 400 with a message.
func TestSearchPageFilters(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	uploadFilterDocs(t, ts)
	page := func(query string) (int, string) {
		t.Helper()
		resp, err := http.Get(ts.URL + "/?" + query)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"none", "", []string{"kst-29521-409", "notitie", "stcrt-2015-47076"}},
		{"type", "&type=staatscourant", []string{"stcrt-2015-47076"}},
		{"type kamerstuk", "&type=kamerstuk", []string{"kst-29521-409"}},
		{"dossier", "&dossier=29+521", []string{"kst-29521-409"}},
		{"from", "&from=2019-01-01", []string{"kst-29521-409"}},
		{"to", "&to=2016-12-31", []string{"stcrt-2015-47076"}},
		{"range", "&from=2015-12-23&to=2015-12-23", []string{"stcrt-2015-47076"}},
		{"none match", "&type=kamerstuk&to=2016", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := page("q=kwartelkoning&lang=nl" + tc.query)
			if code != 200 {
				t.Fatalf("%d", code)
			}
			var got []string
			for _, m := range hitDoc.FindAllStringSubmatch(body, -1) {
				if !slices.Contains(got, m[1]) {
					got = append(got, m[1])
				}
			}
			slices.Sort(got)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("documents hit (-want +got):\n%s", d)
			}
			// The form keeps the filter's values, and each active filter
			// has a link that removes it alone.
			q, _ := url.ParseQuery(tc.query[min(1, len(tc.query)):])
			for k := range q {
				v := q.Get(k)
				if k == "type" {
					if !strings.Contains(body, `<option value="`+v+`" selected>`) {
						t.Errorf("type %q not selected in the form", v)
					}
					continue
				}
				// A date field shows a year or month as its first (from)
				// or last (to) day, which a browser keeps.
				if k == "from" || k == "to" {
					v = dateInput(v, k == "to")
				}
				if !strings.Contains(body, `name="`+k+`" value="`+v+`"`) {
					t.Errorf("%s %q not kept in the form", k, v)
				}
			}
			if len(q) > 0 && !strings.Contains(body, `<ul class="filters"`) {
				t.Errorf("no active filters listed")
			}
		})
	}
	_, body := page("q=kwartelkoning")
	for _, want := range []string{`<option value="kamerstuk">`, `<option value="staatscourant">`, `type="date" name="from"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	if code, body := page("q=kwartelkoning&from=gisteren"); code != 400 || !strings.Contains(body, "YYYY-MM-DD") && !strings.Contains(body, "JJJJ-MM-DD") {
		t.Errorf("a bad date: %d", code)
	}
	// Dates of the right form that do not exist, and a range that ends
	// before it begins, are refused too (they found nothing, silently).
	for _, q := range []string{"from=2020-13", "from=2020-02-31", "to=2020-00", "from=2021&to=2020-06"} {
		if code, body := page("q=kwartelkoning&" + q); code != 400 || !strings.Contains(body, "2020") {
			t.Errorf("%s: status %d, want 400 naming the date", q, code)
		}
	}
	if code, _ := page("q=kwartelkoning&from=2020-02-29&to=2020-02"); code != 200 {
		t.Errorf("a leap day and a range within one month: status %d, want 200", code)
	}
}

// TestSearchDocFacets: a search's doc_facets count the passages of the
// whole result by their documents' type, year and dossier (the doc
// facet's counts summed per value), the API answer matches openapi.yaml
// (checkAPI), and the search page lists the values as links that add the
// filter.
func TestSearchDocFacets(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	uploadFilterDocs(t, ts)
	type facet struct {
		Value string
		Count int
	}
	var res struct {
		Total     int
		Facets    map[string][]facet
		DocFacets struct {
			Type, Year, Dossier []facet
			Partial             bool
		} `json:"doc_facets"`
	}
	// limit=1: the counts cover the whole result, not the page.
	if code := get(t, ts, "/api/v1/search?q=kwartelkoning&lang=nl&limit=1", &res); code != 200 {
		t.Fatalf("search: %d", code)
	}
	per := map[string]int{}
	for _, f := range res.Facets["doc"] {
		per[f.Value] = f.Count
	}
	if per["kst-29521-409"] == 0 || per["stcrt-2015-47076"] == 0 || per["notitie"] == 0 {
		t.Fatalf("doc facet %v lacks a document", res.Facets["doc"])
	}
	kst, stcrt := per["kst-29521-409"], per["stcrt-2015-47076"]
	byCount := func(a, b facet) []facet {
		if b.Count > a.Count || b.Count == a.Count && b.Value < a.Value {
			a, b = b, a
		}
		return []facet{a, b}
	}
	for _, tc := range []struct {
		name      string
		got, want []facet
	}{
		{"type", res.DocFacets.Type, byCount(facet{"kamerstuk", kst}, facet{"staatscourant", stcrt})},
		{"year", res.DocFacets.Year, byCount(facet{"2020", kst}, facet{"2015", stcrt})},
		{"dossier", res.DocFacets.Dossier, []facet{{"29 521", kst}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, tc.got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
	if res.DocFacets.Partial {
		t.Errorf("partial with %d documents", len(per))
	}

	resp, err := http.Get(ts.URL + "/?q=kwartelkoning&lang=nl")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`href="/?dossier=29&#43;521&amp;lang=nl&amp;q=kwartelkoning"`,
		`href="/?lang=nl&amp;q=kwartelkoning&amp;type=kamerstuk"`,
		`href="/?from=2015&amp;lang=nl&amp;q=kwartelkoning&amp;to=2015"`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the search page lacks the link %s", want)
		}
	}
}

// TestSearchSortDateHTTP: sort=date lists the documents newest first in the
// API and on the search page (whose form keeps the choice); a sort that
// is neither relevance nor date is a 400.
func TestSearchSortDateHTTP(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	uploadFilterDocs(t, ts)
	var res struct{ Hits []struct{ Doc string } }
	if code := get(t, ts, "/api/v1/search?q=kwartelkoning&lang=nl&sort=date", &res); code != 200 {
		t.Fatalf("search: %d", code)
	}
	var got []string
	for _, h := range res.Hits {
		if len(got) == 0 || got[len(got)-1] != h.Doc {
			got = append(got, h.Doc)
		}
	}
	want := []string{"kst-29521-409", "stcrt-2015-47076", "notitie"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("API order (-want +got):\n%s", d)
	}
	resp, err := http.Get(ts.URL + "/?q=kwartelkoning&lang=nl&sort=date")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	got = nil
	for _, m := range hitDoc.FindAllStringSubmatch(string(b), -1) {
		if !slices.Contains(got, m[1]) {
			got = append(got, m[1])
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("page order (-want +got):\n%s", d)
	}
	if !strings.Contains(string(b), `<option value="date" selected>`) {
		t.Errorf("the form does not keep sort=date")
	}
	if code := get(t, ts, "/api/v1/search?q=kwartelkoning&sort=oud", nil); code != 400 {
		t.Errorf("sort=oud: %d, want 400", code)
	}
}

// TestSearchPagePastLast: a page beyond the last says so and links the
// last page, instead of "Nothing found" for a search that found passages.
func TestSearchPagePastLast(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, err := http.Get(ts.URL + "/?q=mali&page=40&ui=en")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	body := string(b)
	if strings.Contains(body, "Nothing found") || !strings.Contains(body, "Page 40 is past the last page") || !strings.Contains(body, "page=2") {
		t.Errorf("page 40 of a two-page result: %d\n%.2000s", resp.StatusCode, body)
	}
}

// TestSearchPagePastLastAsked: the message names the page the user asked
// for; beyond maxPage it said "Page 100", the number clamped for the
// search, for page=999.
func TestSearchPagePastLastAsked(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, tc := range []struct {
		name, page, want string
	}{
		{"within the paging limit", "40", "Page 40 is past the last page"},
		{"at the paging limit", "100", "Page 100 is past the last page"},
		{"beyond the paging limit", "999", "Page 999 is past the last page"},
		{"far beyond", "123456789", "Page 123456789 is past the last page"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Get(ts.URL + "/?q=mali&ui=en&page=" + tc.page)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			body := string(b)
			if !strings.Contains(body, tc.want) || !strings.Contains(body, "page=2") || strings.Contains(body, `class="hit`) {
				t.Errorf("page=%s: %d, want %q, a link to page 2 and no hits\n%.3000s", tc.page, resp.StatusCode, tc.want, body)
			}
		})
	}
}
