package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/tm"
)

// The tests in this file check the translation-memory API of issue 9 over
// HTTP, against the real server.

type tmList struct {
	Total    int         `json:"total"`
	Segments []app.TMHit `json:"segments"`
}

func tmGet(t *testing.T, ts *httptest.Server, query url.Values) tmList {
	t.Helper()
	var r tmList
	if code := get(t, ts, "/api/v1/tm?"+query.Encode(), &r); code != http.StatusOK {
		t.Fatalf("GET /api/v1/tm?%s: status %d", query.Encode(), code)
	}
	return r
}

func tmImport(t *testing.T, ts *httptest.Server, query, token string, body []byte) (int, map[string]any) {
	t.Helper()
	code, _, b := apiCall(t, ts, http.MethodPost, "/api/v1/tm/import?"+query, token, "application/octet-stream", body)
	var r map[string]any
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("POST import: %v: %s", err, b)
	}
	return code, r
}

func tmNLs(l tmList) []string {
	out := []string{}
	for _, s := range l.Segments {
		out = append(out, s.NL)
	}
	return out
}

const tmTSV = "nl\ten\tnote\n" +
	"De staatsgreep heeft de transitie vertraagd.\tThe coup has delayed the transition.\tkamerbrief\n" +
	"Nederland steunt de rechtsorde in Mali.\tThe Netherlands supports the rule of law in Mali.\t\n" +
	"Alleen Nederlands.\t\t\n"

func TestTMImportSearchExport(t *testing.T) {
	tokens := map[string]string{editorToken: "alice"}
	ts := newStoredTestServer(t, tokens)

	code, r := tmImport(t, ts, "format=tsv&collection=mali", editorToken, []byte(tmTSV))
	if code != http.StatusOK || r["imported"] != 2.0 || r["skipped"] != 1.0 {
		t.Fatalf("import: %d %v: want 200, 2 imported, 1 skipped", code, r)
	}
	all := tmGet(t, ts, url.Values{})
	if all.Total != 2 || len(all.Segments) != 2 {
		t.Fatalf("list: total %d, %d segments, want 2", all.Total, len(all.Segments))
	}
	for _, s := range all.Segments {
		if s.Collection != "mali" || s.Creator != "alice" || s.ID == "" || s.Created.IsZero() {
			t.Errorf("segment %+v: want collection mali, creator alice, an id and a time", s.Segment)
		}
	}

	searches := []struct {
		name  string
		query url.Values
		want  []string
	}{
		{"Dutch, inflected", url.Values{"q": {"staatsgrepen"}, "lang": {"nl"}}, []string{"De staatsgreep heeft de transitie vertraagd."}},
		{"English, stemmed", url.Values{"q": {"coups"}, "lang": {"en"}}, []string{"De staatsgreep heeft de transitie vertraagd."}},
		{"English side, both languages", url.Values{"q": {"supporting law"}}, []string{"Nederland steunt de rechtsorde in Mali."}},
		{"English word on the Dutch side", url.Values{"q": {"coup"}, "lang": {"nl"}}, []string{}},
	}
	for _, tt := range searches {
		t.Run(tt.name, func(t *testing.T) {
			got := tmGet(t, ts, tt.query)
			if diff := cmp.Diff(tt.want, tmNLs(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if code := get(t, ts, "/api/v1/tm?q=x&lang=fr", nil); code != http.StatusBadRequest {
		t.Errorf("lang=fr: status %d, want 400", code)
	}

	// Export as TMX, import it into a fresh server: nothing is lost.
	code, hdr, tmxData := apiCall(t, ts, http.MethodGet, "/api/v1/tm/export?format=tmx", "", "", nil)
	if code != http.StatusOK || !strings.Contains(hdr.Get("Content-Disposition"), "tolk-tm.tmx") {
		t.Fatalf("export: %d %v", code, hdr)
	}
	ts2 := newTestServer(t, tokens)
	if code, r := tmImport(t, ts2, "format=tmx", editorToken, tmxData); code != http.StatusOK || r["imported"] != 2.0 {
		t.Fatalf("re-import: %d %v", code, r)
	}
	if diff := cmp.Diff(all, tmGet(t, ts2, url.Values{})); diff != "" {
		t.Errorf("after export and re-import (-want +got):\n%s", diff)
	}
	// Importing the same file again replaces, it does not add.
	tmImport(t, ts2, "format=tmx", editorToken, tmxData)
	if n := tmGet(t, ts2, url.Values{}).Total; n != 2 {
		t.Errorf("after importing the export twice: %d segments, want 2", n)
	}

	code, _, tsvData := apiCall(t, ts, http.MethodGet, "/api/v1/tm/export?format=tsv&collection=mali", "", "", nil)
	if code != http.StatusOK || !strings.HasPrefix(string(tsvData), "nl\ten\t") || strings.Count(string(tsvData), "\n") != 3 {
		t.Errorf("TSV export: %d\n%s", code, tsvData)
	}
	if code, _, _ := apiCall(t, ts, http.MethodGet, "/api/v1/tm/export?format=xlsx", "", "", nil); code != http.StatusBadRequest {
		t.Errorf("export format xlsx: status %d, want 400", code)
	}
}

func TestTMImportAuth(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	if code, _ := tmImport(t, ts, "format=tsv", "", []byte(tmTSV)); code != http.StatusUnauthorized {
		t.Errorf("without token: %d, want 401", code)
	}
	if code, _ := tmImport(t, ts, "format=tsv", "wrong-token-123", []byte(tmTSV)); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d, want 401", code)
	}
	closed := newTestServer(t, nil)
	if code, _ := tmImport(t, closed, "format=tsv", editorToken, []byte(tmTSV)); code != http.StatusForbidden {
		t.Errorf("server without tokens: %d, want 403", code)
	}
	if n := tmGet(t, ts, url.Values{}).Total; n != 0 {
		t.Errorf("%d segments stored by refused requests", n)
	}
}

func TestTMImportBad(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	if code, r := tmImport(t, ts, "format=tsv&collection=keep", editorToken, []byte(tmTSV)); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	badTMX := `<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="nl" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="nl"><seg>Goed</seg></tuv><tuv xml:lang="en"><seg>Good</seg></tuv></tu>
<tu><tuv xml:lang="nl"><seg>Kapot</tuv></tu>
</body></tmx>`
	tests := []struct {
		name, query, body, want string
	}{
		{"bad TMX", "format=tmx", badTMX, "tmx: line 5:"},
		{"TMX with entity", "format=tmx", `<!DOCTYPE tmx [<!ENTITY e "x">]><tmx/>`, "tmx: line 1: DOCTYPE"},
		{"bad TSV row after good ones", "format=tsv", "a\tb\nc\td\ne\tf\tg\n", "tsv: line 3:"},
		{"CSV without header", "format=csv", "Een,One\n", "csv: line 1:"},
		{"pairs not JSON", "format=pairs", "{\"nl\":\"a\",\"en\":\"b\"}\nnope\n", "pairs: line 2:"},
		{"unknown format", "format=docx", "x", "unknown format"},
		{"no format", "", "x", "format is missing"},
		{"bad collection", "format=tsv&collection=a%20b", "a\tb\n", "collection"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, r := tmImport(t, ts, tt.query, editorToken, []byte(tt.body))
			msg, _ := r["error"].(map[string]any)["message"].(string)
			if code != http.StatusBadRequest || !strings.Contains(msg, tt.want) {
				t.Errorf("status %d, message %q: want 400 and %q", code, msg, tt.want)
			}
		})
	}
	if got := tmGet(t, ts, url.Values{}); got.Total != 2 {
		t.Errorf("%d segments after the bad imports, want the 2 imported before", got.Total)
	}
}

// TestTMImportCATFile imports a TMX laid out as Trados writes it (NL-NL
// codes, inline tags, props, a note).
func TestTMImportCATFile(t *testing.T) {
	data, err := os.ReadFile("../../tm/tmx/testdata/trados.tmx")
	if err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	code, r := tmImport(t, ts, "format=tmx&collection=trados", editorToken, data)
	if code != http.StatusOK || r["imported"] != 2.0 || r["skipped"] != 1.0 {
		t.Fatalf("import: %d %v: want 2 imported, 1 skipped", code, r)
	}
	got := tmGet(t, ts, url.Values{"q": {"rule of law"}, "lang": {"en"}})
	if len(got.Segments) != 1 {
		t.Fatalf("search: %+v", got)
	}
	s := got.Segments[0]
	want := "Het kabinet blijft zich inzetten voor de rechtsorde & stabiliteit."
	if s.NL != want || s.Collection != "trados" || s.Creator != `MINBUZA\jdevries` || s.Note != "Terminologie afgestemd met DVB" {
		t.Errorf("segment %+v", s.Segment)
	}
	if !cmp.Equal(s.Props, []tm.Prop{{Type: "x-ConfirmationLevel", Value: "Translated"}, {Lang: "en", Type: "x-Reviewed", Value: "yes"}}) {
		t.Errorf("props %+v", s.Props)
	}
}

// TestTMImportTwoTexts uploads a Dutch text and its English version
// together; they are aligned into segments.
func TestTMImportTwoTexts(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range []struct{ field, name, text string }{
		{"nl", "brief-nl.txt", "De staatsgreep vond plaats in augustus 2020. Het kabinet veroordeelt deze.\n\nDe transitie duurt achttien maanden."},
		{"en", "brief-en.txt", "The coup took place in August 2020. The government condemns it.\n\nThe transition lasts eighteen months."},
	} {
		w, err := mw.CreateFormFile(f.field, f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f.text))
	}
	mw.Close()
	code, _, b := apiCall(t, ts, http.MethodPost, "/api/v1/tm/import?collection=brief", editorToken, mw.FormDataContentType(), body.Bytes())
	if code != http.StatusOK {
		t.Fatalf("import: %d %s", code, b)
	}
	got := tmGet(t, ts, url.Values{"q": {"eighteen months"}, "lang": {"en"}})
	if len(got.Segments) != 1 || got.Segments[0].NL != "De transitie duurt achttien maanden." || got.Segments[0].Source.Doc != "brief-nl.txt" {
		t.Errorf("search after aligning: %+v", got)
	}
	if n := tmGet(t, ts, url.Values{}).Total; n != 3 {
		t.Errorf("%d segments, want 3 sentence pairs", n)
	}
}

func TestTMImportPairs(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	data, err := os.ReadFile("../../tm/pairs/testdata/treaty.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	code, r := tmImport(t, ts, "format=pairs&collection=treaties", editorToken, data)
	if code != http.StatusOK || r["imported"] != 3.0 {
		t.Fatalf("import: %d %v", code, r)
	}
	got := tmGet(t, ts, url.Values{"q": {"beëindiging"}, "lang": {"nl"}})
	if len(got.Segments) == 0 || got.Segments[0].Source != (tm.Source{Doc: "BWBV9999001", Article: "19"}) {
		t.Errorf("search: %+v", got)
	}
}

// TestTMDeleteCollection: a wrong TM import can be taken back whole:
// DELETE /api/v1/tm/collections/{name} removes its segments from the store
// and from search and fuzzy match, leaves the other collections, needs a
// token, and answers 404 for a collection the TM does not have.
func TestTMDeleteCollection(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	for coll, tsv := range map[string]string{
		"uil":   "nl\ten\nDe uil zit in de boom.\tThe owl is in the tree.\nDe uil slaapt.\tThe owl sleeps.\n",
		"kraai": "nl\ten\nDe kraai zit in de boom.\tThe crow is in the tree.\n",
	} {
		if code, r := tmImport(t, ts, "format=tsv&collection="+coll, editorToken, []byte(tsv)); code != http.StatusOK {
			t.Fatalf("import %s: %d %v", coll, code, r)
		}
	}
	match := func() (int, []byte) {
		code, _, b := apiCall(t, ts, http.MethodPost, "/api/v1/tm/match", "", "application/json", []byte(`{"text":"De uil slaapt.","min":50}`))
		return code, b
	}
	if code, b := match(); code != http.StatusOK || !strings.Contains(string(b), "owl") {
		t.Fatalf("fuzzy match before the delete: %d %s", code, b)
	}
	if code, _, _ := apiCall(t, ts, http.MethodDelete, "/api/v1/tm/collections/uil", "", "", nil); code != http.StatusUnauthorized {
		t.Errorf("anonymous delete: %d, want 401", code)
	}
	code, _, b := apiCall(t, ts, http.MethodDelete, "/api/v1/tm/collections/uil", editorToken, "", nil)
	if code != http.StatusOK || !strings.Contains(string(b), `"deleted":2`) {
		t.Fatalf("delete: %d %s", code, b)
	}
	var r app.TMConcordanceResult
	if code := get(t, ts, "/api/v1/tm/concordance?q=boom&lang=nl", &r); code != http.StatusOK {
		t.Fatalf("concordance: %d", code)
	}
	if r.Total != 1 || len(r.Pairs) != 1 || !strings.Contains(r.Pairs[0].Source, "kraai") {
		t.Errorf("after the delete: %+v, want the crow's pair alone", r.Pairs)
	}
	if code, b := match(); code != http.StatusOK || strings.Contains(string(b), "owl") {
		t.Errorf("fuzzy match after the delete: %d %s", code, b)
	}
	if code, _, _ := apiCall(t, ts, http.MethodDelete, "/api/v1/tm/collections/uil", editorToken, "", nil); code != http.StatusNotFound {
		t.Errorf("deleting it again: %d, want 404", code)
	}
}

// TestTMImportReplace: a corrected file imported with replace=true makes
// its collection hold what the file holds: segments the file no longer
// has leave the store, search and fuzzy match, other collections stay,
// and the response counts what was deleted; without replace they stay.
func TestTMImportReplace(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	first := "nl\ten\nDe uil zit in de boom.\tThe owl is in the tree.\nDe uil slaapt.\tThe owl sleeps.\n"
	corrected := "nl\ten\nDe uil zit in de boom.\tThe owl sits in the tree.\n"
	for _, imp := range []struct{ coll, tsv string }{{"uil", first}, {"kraai", "nl\ten\nDe kraai slaapt.\tThe crow sleeps.\n"}} {
		if code, r := tmImport(t, ts, "format=tsv&collection="+imp.coll, editorToken, []byte(imp.tsv)); code != http.StatusOK {
			t.Fatalf("import %s: %d %v", imp.coll, code, r)
		}
	}
	concordance := func(q string) []string {
		t.Helper()
		var r app.TMConcordanceResult
		if code := get(t, ts, "/api/v1/tm/concordance?lang=nl&q="+q, &r); code != http.StatusOK {
			t.Fatalf("concordance %s: %d", q, code)
		}
		var out []string
		for _, p := range r.Pairs {
			out = append(out, p.Target)
		}
		sort.Strings(out)
		return out
	}
	if code, r := tmImport(t, ts, "format=tsv&collection=uil&replace=maybe", editorToken, []byte(corrected)); code != http.StatusBadRequest {
		t.Errorf("replace=maybe: %d %v, want 400", code, r)
	}
	if code, r := tmImport(t, ts, "format=tsv&collection=uil&replace=true", editorToken, []byte("nl\ten\n")); code != http.StatusBadRequest {
		t.Errorf("replace with a file of no segments: %d %v, want 400", code, r)
	}
	if got := concordance("slaapt"); len(got) != 2 {
		t.Fatalf("after refused imports: %q, want the owl and the crow", got)
	}
	code, r := tmImport(t, ts, "format=tsv&collection=uil&replace=true", editorToken, []byte(corrected))
	if code != http.StatusOK || r["imported"] != float64(1) || r["deleted"] != float64(2) {
		t.Fatalf("replace: %d %v, want 1 imported and 2 deleted (the old translation has another id)", code, r)
	}
	if got := concordance("boom"); len(got) != 1 || got[0] != "The owl sits in the tree." {
		t.Errorf("boom after the replace: %q, want the corrected pair alone", got)
	}
	if got := concordance("slaapt"); len(got) != 1 || got[0] != "The crow sleeps." {
		t.Errorf("slaapt after the replace: %q, want the crow's pair alone (other collection)", got)
	}
	code, b := func() (int, []byte) {
		code, _, b := apiCall(t, ts, http.MethodPost, "/api/v1/tm/match", "", "application/json", []byte(`{"text":"De uil slaapt.","min":50}`))
		return code, b
	}()
	if code != http.StatusOK || strings.Contains(string(b), "The owl sleeps.") {
		t.Errorf("fuzzy match after the replace: %d %s", code, b)
	}
}

// TestTMImportReplaceSkipped: a replace import of a file with a broken unit
// (a <tuv> without xml:lang) is refused, naming the line, and the stored
// segment that unit stood for stays: the replace would have deleted it.
func TestTMImportReplaceSkipped(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	tmxOf := func(tus string) []byte {
		return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="nl" datatype="plaintext"/>
<body>
` + tus + `
</body></tmx>`)
	}
	owl := `<tu tuid="1"><tuv xml:lang="nl"><seg>De uil slaapt.</seg></tuv><tuv xml:lang="en"><seg>The owl sleeps.</seg></tuv></tu>`
	crow := `<tu tuid="2"><tuv xml:lang="nl"><seg>De kraai slaapt.</seg></tuv><tuv xml:lang="en"><seg>The crow sleeps.</seg></tuv></tu>`
	if code, r := tmImport(t, ts, "format=tmx&collection=bz", editorToken, tmxOf(owl+"\n"+crow)); code != http.StatusOK || r["imported"] != float64(2) {
		t.Fatalf("import: %d %v", code, r)
	}
	broken := `<tu tuid="2"><tuv><seg>De kraai slaapt nog.</seg></tuv><tuv xml:lang="en"><seg>The crow still sleeps.</seg></tuv></tu>`
	code, r := tmImport(t, ts, "format=tmx&collection=bz&replace=true", editorToken, tmxOf(owl+"\n"+broken))
	if msg := fmt.Sprint(r); code != http.StatusBadRequest || !strings.Contains(msg, "line 5") || !strings.Contains(msg, "without replace") {
		t.Errorf("replace with a broken unit: %d %v, want 400 naming line 5", code, r)
	}
	var l tmList
	if code := get(t, ts, "/api/v1/tm?collection=bz", &l); code != http.StatusOK || len(l.Segments) != 2 {
		t.Errorf("after the refused replace: %d %d segments, want both kept", code, len(l.Segments))
	}
	// Without replace the file imports what it can, as before.
	if code, r := tmImport(t, ts, "format=tmx&collection=bz", editorToken, tmxOf(owl+"\n"+broken)); code != http.StatusOK || r["skipped"] != float64(1) {
		t.Errorf("import without replace: %d %v, want 1 skipped", code, r)
	}
}

// TestTMImportUTF16: a TSV saved as "Unicode text" (UTF-16LE with a
// byte-order mark) imports as its UTF-8 would, as TMX in UTF-16 does.
func TestTMImportUTF16(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	b := []byte{0xff, 0xfe}
	for _, r := range "nl\ten\nDe uil slaapt.\tThe owl sleeps.\n" {
		b = append(b, byte(r), byte(r>>8))
	}
	code, r := tmImport(t, ts, "format=tsv&collection=uil", editorToken, b)
	if code != http.StatusOK || r["imported"] != float64(1) {
		t.Fatalf("import: %d %v, want 1 imported", code, r)
	}
	var l tmList
	if code := get(t, ts, "/api/v1/tm?collection=uil", &l); code != http.StatusOK || len(l.Segments) != 1 || l.Segments[0].NL != "De uil slaapt." {
		t.Errorf("stored: %d %+v", code, l.Segments)
	}
}

// TestTMUnknownCollection: a TM search, fuzzy match or concordance
// limited to a collection the TM does not have is 404 naming it, as the
// export is (they answered 200 with nothing: a misspelt name read as an
// empty memory); lang= is read in any case (lang=NL was refused).
func TestTMUnknownCollection(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	if code, r := tmImport(t, ts, "format=tsv&collection=uil", editorToken, []byte("nl\ten\nDe uil slaapt.\tThe owl sleeps.\n")); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	for _, tc := range []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/api/v1/tm?q=uil&collection=uiltje", "", 404},
		{"GET", "/api/v1/tm/concordance?q=uil&collection=uiltje", "", 404},
		{"POST", "/api/v1/tm/match", `{"text":"De uil slaapt.","collection":"uiltje"}`, 404},
		{"GET", "/api/v1/tm?q=uil&collection=uil&lang=NL", "", 200},
		{"GET", "/api/v1/tm/concordance?q=uil&collection=uil&lang=NL", "", 200},
		{"POST", "/api/v1/tm/match", `{"text":"De uil slaapt.","collection":"uil","lang":"NL"}`, 200},
	} {
		code, _, b := apiCall(t, ts, tc.method, tc.path, "", "application/json", []byte(tc.body))
		if code != tc.want || tc.want == 404 && !strings.Contains(string(b), `uiltje`) || tc.want == 200 && !strings.Contains(string(b), "owl") {
			t.Errorf("%s %s %s: %d %.300s, want %d", tc.method, tc.path, tc.body, code, b, tc.want)
		}
	}
}
