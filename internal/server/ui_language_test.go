package server

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/web"
)

// TestPluralLabels renders every label that counts something with 1 and
// with 2, in Dutch and in English, as the pages call it (countf): a
// count of 1 takes the singular ("1 begrip", not "1 begrippen"). Every
// label with a number is either here or named as one whose number
// counts nothing (a page number, a limit, a position).
func TestPluralLabels(t *testing.T) {
	u, err := newUI(nil, web.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	one := func(n int) []any { return nil } // the count alone
	tests := []struct {
		key  string
		args func(n int) []any
		want map[string][2]string // by language: rendered with 1, with 2
	}{
		{"search_count", one, map[string][2]string{
			"nl": {"1 alinea gevonden", "2 alinea's gevonden"},
			"en": {"1 paragraph found", "2 paragraphs found"}}},
		{"group_count", one, map[string][2]string{
			"nl": {"1 alinea in dit document", "2 alinea's in dit document"},
			"en": {"1 paragraph in this document", "2 paragraphs in this document"}}},
		{"concepts_n", one, map[string][2]string{
			"nl": {"1 begrip", "2 begrippen"},
			"en": {"1 concept", "2 concepts"}}},
		// The glossary has more than browseAll concepts here; n is the
		// rows under the letter.
		{"concepts_n_letter", func(n int) []any { return []any{1200, n, "Q"} }, map[string][2]string{
			"nl": {"1200 begrippen; deze pagina toont het enige onder Q (kies een andere letter hieronder)",
				"1200 begrippen; deze pagina toont de 2 onder Q (kies een andere letter hieronder)"},
			"en": {"1200 concepts; this page shows the only one under Q (choose another letter below)",
				"1200 concepts; this page shows the 2 under Q (choose another letter below)"}}},
		{"terms_n", one, map[string][2]string{
			"nl": {"1 term", "2 termen"},
			"en": {"1 term", "2 terms"}}},
		{"occ_summary", func(n int) []any { return []any{n, n, 5} }, map[string][2]string{
			"nl": {"1 vindplaats in 1 van de 5 documenten.", "2 vindplaatsen in 2 van de 5 documenten."},
			"en": {"1 occurrence in 1 of 5 documents.", "2 occurrences in 2 of 5 documents."}}},
		{"occ_summary_single", func(n int) []any { return []any{n, 1, 1} }, map[string][2]string{
			"nl": {"1 vindplaats in het enige document.", "2 vindplaatsen in het enige document."},
			"en": {"1 occurrence in the only document.", "2 occurrences in the only document."}}},
		{"kwic_truncated", one, map[string][2]string{
			"nl": {"Alleen de eerste staat hieronder.", "De eerste 2 staan hieronder."},
			"en": {"Only the first is listed below.", "The first 2 are listed below."}}},
		{"plot_label", func(n int) []any { return []any{"Brief", n} }, map[string][2]string{
			"nl": {"Brief: 1 vindplaats, van begin tot eind van het document", "Brief: 2 vindplaatsen, van begin tot eind van het document"},
			"en": {"Brief: 1 occurrence, from the start to the end of the document", "Brief: 2 occurrences, from the start to the end of the document"}}},
		{"documents_count", one, map[string][2]string{
			"nl": {"1 document", "2 documenten"},
			"en": {"1 document", "2 documents"}}},
		// n is the documents stored; one of them is of the type chosen.
		{"documents_count_of", func(n int) []any { return []any{1, n} }, map[string][2]string{
			"nl": {"1 van 1 document", "1 van de 2 documenten"},
			"en": {"1 of 1 document", "1 of 2 documents"}}},
		{"paragraphs_n", one, map[string][2]string{
			"nl": {"1 alinea", "2 alinea's"},
			"en": {"1 paragraph", "2 paragraphs"}}},
		{"glossary_terms_n", one, map[string][2]string{
			"nl": {"1 term uit de termenlijst", "2 termen uit de termenlijst"},
			"en": {"1 glossary term", "2 glossary terms"}}},
		{"meta_pages_n", one, map[string][2]string{
			"nl": {"1 blz.", "2 blz."},
			"en": {"1 page", "2 pages"}}},
		{"check_usage_unchecked", one, map[string][2]string{
			"nl": {"1 begrip is nog niet in het vertaalgeheugen opgezocht; controleer zo nog eens voor het volledige overzicht.",
				"2 begrippen zijn nog niet in het vertaalgeheugen opgezocht; controleer zo nog eens voor het volledige overzicht."},
			"en": {"1 concept was not looked up in the translation memory yet; check again in a moment for the whole list.",
				"2 concepts were not looked up in the translation memory yet; check again in a moment for the whole list."}}},
		{"import_done", func(n int) []any { return []any{n, "lijst.csv", "import"} }, map[string][2]string{
			"nl": {`1 begrip uit lijst.csv geïmporteerd in collectie "import".`, `2 begrippen uit lijst.csv geïmporteerd in collectie "import".`},
			"en": {`1 concept from lijst.csv imported into collection "import".`, `2 concepts from lijst.csv imported into collection "import".`}}},
		{"import_deleted", one, map[string][2]string{
			"nl": {"1 begrip dat het bestand niet meer heeft, is uit de collectie verwijderd.",
				"2 begrippen van de collectie die het bestand niet meer heeft, zijn verwijderd."},
			"en": {"1 concept of the collection that the file no longer has was deleted.",
				"2 concepts of the collection that the file no longer has were deleted."}}},
	}
	for _, tt := range tests {
		for _, lang := range uiLangs {
			t.Run(tt.key+"/"+lang, func(t *testing.T) {
				var got [2]string
				for i, n := range []int{1, 2} {
					got[i] = u.labels[lang].countf(tt.key, n, tt.args(n)...)
				}
				if diff := cmp.Diff(tt.want[lang], got); diff != "" {
					t.Errorf("%s with 1 and 2 (-want +got):\n%s", tt.key, diff)
				}
			})
		}
	}

	// Labels whose numbers count nothing that takes a plural: a page, a
	// position, a limit, a term's number, or "Passed: 3".
	notCounts := map[string]bool{
		"page_of": true, "past_last": true, "concept_row_problem": true, "field_of_term": true,
		"where_line": true, "where_sheet_row": true, "upload_too_many": true, "check_usage_pairs_of": true,
		"check_summary": true, "check_counts": true,
	}
	counted := map[string]bool{}
	for _, tt := range tests {
		counted[tt.key] = true
	}
	number := regexp.MustCompile(`%(\[\d+\])?d`)
	var missing []string
	for key, text := range u.labels["nl"] {
		base := strings.TrimSuffix(key, "_one")
		if !number.MatchString(text+u.labels["en"][key]) || counted[base] || notCounts[base] || strings.HasPrefix(key, "problem_") {
			continue
		}
		missing = append(missing, key)
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("labels with a number neither rendered here with 1 and 2 nor listed as counting nothing: %v", missing)
	}
}

// TestCountPages: the pages say 1 in the singular where a label of the
// templates or a label of their own counts: a document of one paragraph
// and one glossary term, and the translation memory's one sentence pair
// (its label was missing: the line was empty).
func TestCountPages(t *testing.T) {
	ts, a := newUITestServer(t)
	if _, err := a.AddDocument(context.Background(), "een-alinea.txt", []byte("Een staatsgreep.\n"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	tsv := "De Raad stelt de lijst vast.\tThe Council shall adopt the list.\n" +
		"De Commissie stelt een verslag op.\tThe Commission shall draw up a report.\n" +
		"De Commissie stelt een tweede verslag op.\tThe Commission shall draw up a second report.\n"
	if _, err := a.ImportTM(context.Background(), app.TMImport{Format: app.TMFormatTSV, Data: []byte(tsv), Collection: "verdrag"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want []string
	}{
		{"/documents/een-alinea?ui=nl", []string{"een-alinea.txt · 1 alinea · 1 term uit de termenlijst"}},
		{"/documents/een-alinea?ui=en", []string{"een-alinea.txt · 1 paragraph · 1 glossary term"}},
		{"/tm?q=lijst&ui=nl", []string{"1 zinspaar"}},
		{"/tm?q=lijst&ui=en", []string{"1 sentence pair"}},
		{"/tm?q=verslag&ui=nl", []string{"2 zinsparen"}},
		{"/tm?q=verslag&ui=en", []string{"2 sentence pairs"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := fetch(t, ts, "GET", tt.path, nil, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			text := pageText([]byte(body))
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("the page does not say %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestErrorPagesWorded: an error page of the Dutch interface says in
// Dutch what went wrong, with the server's English message kept beside
// it as the detail, as the forms do; the English interface says it in
// English, without a detail.
func TestErrorPagesWorded(t *testing.T) {
	ts, _ := newUITestServer(t)
	const detail = "Melding van de server (Engels):"
	tests := []struct {
		name, method, path string
		body               func() (string, string) // content type, body
		status             int
		nl, nlDetail, en   string
	}{
		{name: "unknown document", method: "GET", path: "/documents/geen-brief", status: 404,
			nl: `Niet gevonden Er is geen document "geen-brief".`, nlDetail: `there is no document "geen-brief"`,
			en: `Not found There is no document "geen-brief".`},
		{name: "unknown document to delete", method: "GET", path: "/documents/geen-brief/delete", status: 404,
			nl: `Niet gevonden Er is geen document "geen-brief".`, nlDetail: `there is no document "geen-brief"`,
			en: `Not found There is no document "geen-brief".`},
		{name: "unknown concept", method: "GET", path: "/glossary/geen-begrip", status: 404,
			nl: `Niet gevonden Er is geen begrip "geen-begrip".`, nlDetail: `no concept "geen-begrip"`,
			en: `Not found There is no concept "geen-begrip".`},
		{name: "unknown concept to edit", method: "GET", path: "/glossary/geen-begrip/edit", status: 404,
			nl: `Niet gevonden Er is geen begrip "geen-begrip".`, nlDetail: `no concept "geen-begrip"`,
			en: `Not found There is no concept "geen-begrip".`},
		{name: "unknown page", method: "GET", path: "/geen-pagina", status: 404,
			nl: `Niet gevonden Deze pagina bestaat niet.`, nlDetail: `no such route`,
			en: `Not found There is no such page.`},
		{name: "bad query parameter", method: "POST", path: "/annotate?x=%zz", status: 400,
			body:     func() (string, string) { return "application/x-www-form-urlencoded", "text=staatsgreep" },
			nl:       `Ongeldig verzoek Het formulier of het adres bevat een ongeldige %-code, "%zz": na een %-teken horen twee hexadecimale cijfers (%25 voor %).`,
			nlDetail: `the form holds a malformed %-escape, "%zz": a %-sign must be followed by two hexadecimal digits (%25 for %)`,
			en:       `Bad request The form or the address holds a malformed %-escape, "%zz": a %-sign must be followed by two hexadecimal digits (%25 for %).`},
		// The upload form answers with itself and its own wording
		// (upload_unreadable), the server's message as the detail in
		// both languages.
		{name: "upload not a form", method: "POST", path: "/upload", status: 400,
			body:     func() (string, string) { return "text/plain", "staatsgreep" },
			nl:       `De upload is niet te lezen; er is niets toegevoegd.`,
			nlDetail: `the upload cannot be read: request Content-Type isn't multipart/form-data`,
			en:       `The upload cannot be read; nothing was added. (Server message: the upload cannot be read: request Content-Type isn't multipart/form-data)`},
		{name: "upload too large", method: "POST", path: "/upload", status: 413,
			nl:       fmt.Sprintf("Te groot Wat u verstuurde is groter dan de grens van %s.", byteSize(maxUploadBytes)),
			nlDetail: fmt.Sprintf("the request body is larger than the limit of %s", byteSize(maxUploadBytes)),
			// The English interface shows the server's message.
			en: fmt.Sprintf("Too large the request body is larger than the limit of %s", byteSize(maxUploadBytes))},
	}
	for _, tt := range tests {
		for _, lang := range uiLangs {
			t.Run(tt.name+"/"+lang, func(t *testing.T) {
				var code int
				var b []byte
				header := map[string]string{"Accept": "text/html", "Accept-Language": lang}
				switch {
				case tt.name == "upload too large":
					body, ct := multipartOver("file", "groot.txt", maxUploadBytes)
					code, _, b = doRequest(t, ts, tt.method, tt.path, ct, body, header)
				case tt.body != nil:
					ct, body := tt.body()
					code, _, b = doRequest(t, ts, tt.method, tt.path, ct, strings.NewReader(body), header)
				default:
					code, _, b = doRequest(t, ts, tt.method, tt.path, "", nil, header)
				}
				if code != tt.status {
					t.Fatalf("status %d, want %d", code, tt.status)
				}
				text := pageText(b)
				want, wantDetail := tt.en, ""
				if lang == "nl" {
					want, wantDetail = tt.nl, "("+detail+" "+tt.nlDetail+")"
				}
				if !strings.Contains(text, want+" "+wantDetail) {
					t.Errorf("the page does not say %q followed by %q:\n%s", want, wantDetail, text)
				}
				if lang == "en" && strings.Contains(text, "Server message") && !strings.Contains(tt.en, "Server message") {
					t.Errorf("the English page has a detail:\n%s", text)
				}
			})
		}
	}
}

// TestWarningPlace: an import warning's row is named in the interface's
// language; a place of a form the page does not know stays as it is.
func TestWarningPlace(t *testing.T) {
	u, err := newUI(nil, web.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ where, nl, en string }{
		{"line 3", "regel 3", "line 3"},
		{"sheet Termen, row 4", "blad Termen, rij 4", "sheet Termen, row 4"},
		{"entry c1", "entry c1", "entry c1"},
	}
	for _, tt := range tests {
		for lang, want := range map[string]string{"nl": tt.nl, "en": tt.en} {
			p := &page{UI: lang, T: u.labels[lang]}
			if got := p.place(tt.where); got != want {
				t.Errorf("%s: place(%q) = %q, want %q", lang, tt.where, got, want)
			}
		}
	}
}
