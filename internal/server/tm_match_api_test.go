package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/app"
)

// The tests in this file check the fuzzy-match and concordance API of
// issue 14 over HTTP, against the real server and its description.

const tmMatchTSV = "nl\ten\n" +
	"Dit Verdrag treedt in werking op de eerste dag van de tweede maand na ontvangst van de laatste kennisgeving.\tThis Treaty shall enter into force on the first day of the second month after receipt of the last notification.\n" +
	"Elke Partij kan dit Verdrag te allen tijde opzeggen.\tEach Party may denounce this Treaty at any time.\n" +
	"De Partijen eerbiedigen de internationale rechtsorde.\tThe Parties shall respect the international legal order.\n" +
	"De rechtsorde van de Unie is gebaseerd op de Verdragen.\tThe legal order of the Union is based on the Treaties.\n" +
	"Nederland steunt de rechtsorde in Mali.\tThe Netherlands supports the rule of law in Mali.\n" +
	"Het Hof waakt over de eerbiediging van de gemeenschapsrechtsorde.\tThe Court shall ensure respect for the Community legal order.\n"

func tmMatchPost(t *testing.T, ts *httptest.Server, body string) (int, app.TMMatchResult) {
	t.Helper()
	code, _, b := apiCall(t, ts, http.MethodPost, "/api/v1/tm/match", "", "application/json", []byte(body))
	var r app.TMMatchResult
	if code == http.StatusOK {
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("match: %v: %s", err, b)
		}
	}
	return code, r
}

func TestTMMatchAPI(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	if code, r := tmImport(t, ts, "format=tsv&collection=verdrag", editorToken, []byte(tmMatchTSV)); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	text := "Dit Verdrag treedt in werking op de eerste dag van de derde maand na ontvangst van de laatste kennisgeving. " +
		"Elke partij kan dit Verdrag te allen tijde opzeggen. De kat zit op de mat."
	code, r := tmMatchPost(t, ts, `{"text": `+quoteJSON(text)+`, "lang": "nl", "min": 70, "limit": 3}`)
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	type got struct {
		Score       int
		Translation string
		Marked      []string // kind:word on the sentence
		SourceMark  []string // kind:word on the TM text
	}
	var gots [][]got
	for _, s := range r.Sentences {
		var g []got
		for _, m := range s.Matches {
			x := got{Score: m.Score, Translation: m.Translation}
			for _, d := range m.Diffs {
				x.Marked = append(x.Marked, d.Kind+":"+s.Text[d.Start:d.End])
			}
			for _, d := range m.SourceDiffs {
				x.SourceMark = append(x.SourceMark, d.Kind+":"+m.Source[d.Start:d.End])
			}
			g = append(g, x)
		}
		gots = append(gots, g)
	}
	want := [][]got{
		// 19 words, one changed: floor(100 × (1 − 1/19)) = 94.
		{{94, "This Treaty shall enter into force on the first day of the second month after receipt of the last notification.", []string{"changed:derde"}, []string{"changed:tweede"}}},
		// 9 words, case only: floor(100 × (1 − 0.1/9)) = 98.
		{{98, "Each Party may denounce this Treaty at any time.", []string{"case:partij"}, []string{"case:Partij"}}},
		nil,
	}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("matches (-want +got):\n%s", diff)
	}

	bad := []struct{ name, body string }{
		{"lang", `{"text": "x", "lang": "fr"}`},
		{"min", `{"text": "x", "min": 101}`},
		{"limit", `{"text": "x", "limit": 51}`},
		{"collection", `{"text": "x", "collection": "a b"}`},
		{"not JSON", `text`},
		{"no text", `{}`},
		{"empty text", `{"text": "  "}`},
		{"misspelt field", `{"txt": "De kat zit op de mat."}`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if code, _ := tmMatchPost(t, ts, tt.body); code != http.StatusBadRequest {
				t.Errorf("status %d, want 400", code)
			}
		})
	}
	// A TM import after the fuzzy index was built is matched too.
	if code, r := tmImport(t, ts, "format=tsv&collection=later", editorToken,
		[]byte("nl\ten\nDe kat zit op de mat.\tThe cat sits on the mat.\n")); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	_, r = tmMatchPost(t, ts, `{"text": "De kat zit op de mat."}`)
	if len(r.Sentences) != 1 || len(r.Sentences[0].Matches) != 1 || r.Sentences[0].Matches[0].Score != 100 || r.Sentences[0].Matches[0].Collection != "later" {
		t.Errorf("after a second import: %+v, want the new segment at 100", r)
	}
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestTMConcordanceAPI(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	if code, r := tmImport(t, ts, "format=tsv&collection=verdrag", editorToken, []byte(tmMatchTSV)); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	conc := func(q url.Values) app.TMConcordanceResult {
		t.Helper()
		var r app.TMConcordanceResult
		if code := get(t, ts, "/api/v1/tm/concordance?"+q.Encode(), &r); code != http.StatusOK {
			t.Fatalf("concordance %s: status %d", q.Encode(), code)
		}
		return r
	}
	r := conc(url.Values{"q": {"rechtsorde"}, "lang": {"nl"}})
	var groups []string
	for _, g := range r.Groups {
		groups = append(groups, g.Text+":"+itoa(g.Count))
	}
	// The glossary's concept rechtsorde has legal order; the pair with
	// "rule of law" is aligned by the lexicon (or not at all).
	if r.Total != 4 || len(groups) == 0 || groups[0] != "legal order:3" {
		t.Errorf("total %d, groups %v: want 4 pairs, legal order 3 first", r.Total, groups)
	}
	for _, p := range r.Pairs {
		if len(p.Marks) != 1 || !strings.Contains(strings.ToLower(p.Source[p.Marks[0].Start:p.Marks[0].End]), "rechtsorde") {
			t.Errorf("%q: marks %v, want the word with rechtsorde", p.Source, p.Marks)
		}
		if p.Translation == "legal order" && !strings.EqualFold(p.Target[p.TargetMarks[0].Start:p.TargetMarks[0].End], "legal order") {
			t.Errorf("%q: target marks %v", p.Target, p.TargetMarks)
		}
	}
	// One group only, paged.
	r = conc(url.Values{"q": {"rechtsorde"}, "translation": {"legal order"}, "limit": {"2"}, "offset": {"2"}})
	if r.Total != 3 || len(r.Pairs) != 1 {
		t.Errorf("group legal order, page 2: total %d, %d pairs; want 3 and 1", r.Total, len(r.Pairs))
	}
	// English, the other way.
	r = conc(url.Values{"q": {"legal order"}, "lang": {"en"}})
	if r.Total != 3 || len(r.Groups) == 0 || r.Groups[0].Text != "rechtsorde" {
		t.Errorf("legal order: total %d, groups %+v; want 3, rechtsorde first", r.Total, r.Groups)
	}
	// Filtered by collection; a query that occurs nowhere.
	if code := get(t, ts, "/api/v1/tm/concordance?q=rechtsorde&collection=other", nil); code != http.StatusNotFound {
		t.Errorf("collection other, which the TM does not have: status %d, want 404", code)
	}
	if r := conc(url.Values{"q": {"xqzzvw"}}); r.Total != 0 {
		t.Errorf("xqzzvw: %+v", r)
	}
	var e map[string]any
	if code := get(t, ts, "/api/v1/tm/concordance?q=x&lang=fr", &e); code != http.StatusBadRequest {
		t.Errorf("lang fr: status %d, want 400", code)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestTMEquivalentsAPI: a concept's suggested English equivalents from the
// TM, accepting one in one write (in the concept's history), the
// candidates of a document with suggestions, and the check's "other
// usage" when the TM usually renders a term otherwise than the glossary.
func TestTMEquivalentsAPI(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	// The TM renders staatsgreep as "military takeover" four times: the
	// glossary prefers coup.
	tsv := tmMatchTSV +
		"De staatsgreep in Mali werd veroordeeld.\tThe military takeover in Mali was condemned.\n" +
		"Na de staatsgreep werd de grondwet opgeschort.\tAfter the military takeover the constitution was suspended.\n" +
		"De staatsgreep van augustus 2020 verraste velen.\tThe military takeover of August 2020 surprised many.\n" +
		"Nederland veroordeelt de staatsgreep.\tThe Netherlands condemns the military takeover.\n"
	if code, r := tmImport(t, ts, "format=tsv&collection=verdrag", editorToken, []byte(tsv)); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	var eq struct {
		Equivalents []app.Equivalent `json:"equivalents"`
	}
	if code := get(t, ts, "/api/v1/glossary/staatsgreep/equivalents", &eq); code != http.StatusOK {
		t.Fatalf("equivalents: %d", code)
	}
	t.Logf("staatsgreep: %+v", eq.Equivalents)
	if len(eq.Equivalents) == 0 || eq.Equivalents[0].EN != "military takeover" || eq.Equivalents[0].Count != 4 ||
		eq.Equivalents[0].InGlossary || len(eq.Equivalents[0].Examples) != 2 {
		t.Fatalf("staatsgreep: %+v, want military takeover 4, not in the glossary, two examples", eq.Equivalents)
	}
	ex := eq.Equivalents[0].Examples[0]
	if m := ex.ENMarks; len(m) != 1 || ex.EN[m[0].Start:m[0].End] != "military takeover" {
		t.Errorf("example %+v: want military takeover marked", ex)
	}

	// The check reports the other usage.
	var chk struct {
		OtherUsage []app.OtherUsage `json:"other_usage"`
		Unchecked  *int             `json:"other_usage_unchecked"`
	}
	code, _, b := apiCall(t, ts, http.MethodPost, "/api/v1/check", "", "application/json",
		[]byte(`{"nl": "De staatsgreep werd veroordeeld.", "en": "The coup was condemned."}`))
	if code != http.StatusOK {
		t.Fatalf("check: %d %s", code, b)
	}
	if err := json.Unmarshal(b, &chk); err != nil {
		t.Fatal(err)
	}
	if len(chk.OtherUsage) != 1 || chk.OtherUsage[0].Usual != "military takeover" || !strings.HasPrefix(chk.OtherUsage[0].Message, "other usage: ") {
		t.Errorf("other usage %+v, want military takeover", chk.OtherUsage)
	}
	if chk.Unchecked == nil || *chk.Unchecked != 0 {
		t.Errorf("other_usage_unchecked %v, want 0 for a short source", chk.Unchecked)
	}

	// Accepting it: one write, token-gated, in the concept's history.
	body := []byte(`{"en": "military takeover"}`)
	if code, _, _ := apiCall(t, ts, http.MethodPost, "/api/v1/glossary/staatsgreep/equivalents", "", "application/json", body); code != http.StatusUnauthorized {
		t.Errorf("without a token: status %d, want 401", code)
	}
	if code, _, b := apiCall(t, ts, http.MethodPost, "/api/v1/glossary/staatsgreep/equivalents", editorToken, "application/json", body); code != http.StatusOK {
		t.Fatalf("accept: %d %s", code, b)
	}
	if code, _, _ := apiCall(t, ts, http.MethodPost, "/api/v1/glossary/staatsgreep/equivalents", editorToken, "application/json", body); code != http.StatusBadRequest {
		t.Errorf("accepting it twice: status %d, want 400", code)
	}
	// A misspelt field is an error, not silently dropped (the status
	// would have been admitted).
	if code, _, b := apiCall(t, ts, http.MethodPost, "/api/v1/glossary/staatsgreep/equivalents", editorToken, "application/json",
		[]byte(`{"en": "armed seizure", "stauts": "preferred"}`)); code != http.StatusBadRequest || !strings.Contains(string(b), "stauts") {
		t.Errorf("a misspelt field: status %d, %s; want 400 naming it", code, b)
	}
	var hist struct {
		History []struct {
			Who string `json:"who"`
		} `json:"history"`
	}
	get(t, ts, "/api/v1/glossary/staatsgreep/history", &hist)
	if n := len(hist.History); n == 0 || hist.History[n-1].Who != "alice" {
		t.Errorf("history %+v: want alice's edit last", hist.History)
	}
	get(t, ts, "/api/v1/glossary/staatsgreep/equivalents", &eq)
	if len(eq.Equivalents) == 0 || !eq.Equivalents[0].InGlossary {
		t.Errorf("after accepting: %+v, want it in the glossary", eq.Equivalents)
	}
	// Now an English term of the concept: no longer other usage.
	_, _, b = apiCall(t, ts, http.MethodPost, "/api/v1/check", "", "application/json",
		[]byte(`{"nl": "De staatsgreep werd veroordeeld.", "en": "The coup was condemned."}`))
	chk.OtherUsage = nil
	json.Unmarshal(b, &chk)
	if len(chk.OtherUsage) != 0 {
		t.Errorf("after accepting: other usage %+v, want none", chk.OtherUsage)
	}
}

// TestTMEmptyNotice: with nothing imported and no default seeded, the
// concordance says the TM holds no segment, and the /tm page says that the
// memory is empty and how to fill it, not that the word was not found;
// once a file is imported it says "not found" for a word that is not there.
func TestTMEmptyNotice(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	page := func(q string) string {
		t.Helper()
		resp, err := http.Get(ts.URL + "/tm?ui=en&q=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		if _, err := b.ReadFrom(resp.Body); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("/tm?q=%s: %d %v", q, resp.StatusCode, err)
		}
		return b.String()
	}
	var r app.TMConcordanceResult
	if code := get(t, ts, "/api/v1/tm/concordance?q=rechtsorde", &r); code != http.StatusOK || r.Segments != 0 || r.Total != 0 {
		t.Fatalf("empty TM: status %d, %+v; want 0 segments", code, r)
	}
	if p := page("rechtsorde"); !strings.Contains(p, "The translation memory is empty") || strings.Contains(p, "Not found in the translation memory") {
		t.Errorf("the /tm page of an empty TM:\n%s", p)
	}
	// So do the concept page's TM panel and the annotate page's fuzzy
	// matches.
	for _, path := range []string{"/glossary/staatsgreep?ui=en", "/annotate?ui=en"} {
		var resp *http.Response
		var err error
		if path == "/annotate?ui=en" {
			resp, err = http.PostForm(ts.URL+path, url.Values{"text": {"De staatsgreep in Mali werd veroordeeld."}})
		} else {
			resp, err = http.Get(ts.URL + path)
		}
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		resp.Body.Close()
		if !strings.Contains(b.String(), "The translation memory is empty") {
			t.Errorf("%s of an empty TM does not say so:\n%s", path, b.String())
		}
	}
	if code, r := tmImport(t, ts, "format=tsv&collection=verdrag", editorToken, []byte(tmMatchTSV)); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	if code := get(t, ts, "/api/v1/tm/concordance?q=xqzzvw", &r); code != http.StatusOK || r.Segments == 0 || r.Total != 0 {
		t.Fatalf("after the import: status %d, %+v; want segments, no pairs", code, r)
	}
	if p := page("xqzzvw"); strings.Contains(p, "The translation memory is empty") || !strings.Contains(p, "Not found in the translation memory") {
		t.Errorf("the /tm page of a word the TM lacks:\n%s", p)
	}
}

// TestTMConcordanceRepeats: pairs that segments repeat word for word are
// listed once with their number; the translation groups count each.
func TestTMConcordanceRepeats(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	// The same heading in four treaties (doc), which the TM keeps apart,
	// one of them set in capitals.
	tsv := "nl\ten\tdoc\nRechtsmacht\tJurisdiction\tBWBV1\nRechtsmacht\tJurisdiction\tBWBV2\nRechtsmacht\tJurisdiction\tBWBV3\n" +
		"RECHTSMACHT\tJURISDICTION\tBWBV4\nImmuniteit van rechtsmacht\tImmunity from jurisdiction\tBWBV1\n"
	if code, r := tmImport(t, ts, "format=tsv&collection=verdrag", editorToken, []byte(tsv)); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	var r app.TMConcordanceResult
	if code := get(t, ts, "/api/v1/tm/concordance?q=rechtsmacht&lang=nl", &r); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	if r.Total != 2 || len(r.Pairs) != 2 {
		t.Fatalf("total %d, %d pairs; want 2 distinct: %+v", r.Total, len(r.Pairs), r.Pairs)
	}
	reps := map[string]int{} // by the source in lower case: either spelling may be the one shown
	for _, p := range r.Pairs {
		reps[strings.ToLower(p.Source)] = p.Repeats
	}
	if reps["rechtsmacht"] != 4 || reps["immuniteit van rechtsmacht"] != 1 {
		t.Errorf("repeats %v", reps)
	}
	n := 0
	for _, g := range r.Groups {
		n += g.Count
	}
	if n != 5 {
		t.Errorf("groups count %d pairs, want 5: %+v", n, r.Groups)
	}
}

// TestTMPageRepeats: the /tm page writes a repeated pair's count in words.
func TestTMPageRepeats(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	tsv := "nl\ten\tdoc\nRechtsmacht\tJurisdiction\tBWBV1\nRechtsmacht\tJurisdiction\tBWBV2\nRechtsmacht\tJurisdiction\tBWBV3\n"
	if code, r := tmImport(t, ts, "format=tsv&collection=verdrag", editorToken, []byte(tsv)); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	// The chip counts segments (3), the list pairs (1): the line above
	// the list says both (it said "1 zinsparen" under a chip of 3).
	for ui, want := range map[string]string{"en": "3 segments, all the same sentence pair", "nl": "3 segmenten, alle hetzelfde zinspaar"} {
		resp, err := http.Get(ts.URL + "/tm?q=rechtsmacht&lang=nl&ui=" + ui)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(b), want) {
			t.Errorf("ui=%s: want %q", ui, want)
		}
	}
	for ui, want := range map[string]string{"en": "also in 2 other segments, word for word", "nl": "ook in 2 andere segmenten, woord voor woord"} {
		resp, err := http.Get(ts.URL + "/tm?q=rechtsmacht&lang=nl&ui=" + ui)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(b), want) || strings.Contains(string(b), "%!") {
			t.Errorf("ui=%s: want %q:\n%.3000s", ui, want, b)
		}
	}
}

// TestTMMatchPDFLines: a letter pasted from a PDF breaks words at line
// ends. Its sentences are matched, and shown, with the words joined as the
// text reader joins them: an exact TM segment is a 100 % match, where
// "Secretaris- Generaal" scored 86 and "massademon- straties" was shown.
func TestTMMatchPDFLines(t *testing.T) {
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	tsv := "nl\ten\n" +
		"De Secretaris-Generaal van de Verenigde Naties riep al eerder op tot vrijlating van de politieke gevangenen.\tThe Secretary-General of the United Nations had already called for the release of the political prisoners.\n" +
		"Mali was al enige tijd het toneel van massademonstraties tegen het onvermogen van de autoriteiten.\tMali had for some time been the scene of mass demonstrations against the authorities' inability.\n"
	if code, r := tmImport(t, ts, "format=tsv&collection=brief", editorToken, []byte(tsv)); code != http.StatusOK {
		t.Fatalf("import: %d %v", code, r)
	}
	text := "De VN Veiligheidsraad veroordeelde de staatsgreep op 20 augustus en \n" +
		"riep op tot spoedig herstel van de constitutionele orde. De Secretaris-\n" +
		"Generaal van de Verenigde Naties riep al eerder op tot vrijlating van de \n" +
		"politieke gevangenen. Mali was al enige tijd het toneel van massademon-\n" +
		"straties tegen het onvermogen van de autoriteiten.\n"
	code, r := tmMatchPost(t, ts, `{"text": `+quoteJSON(text)+`, "lang": "nl"}`)
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	type got struct {
		Text  string
		Score int
	}
	var gots []got
	for _, s := range r.Sentences {
		g := got{Text: s.Text}
		if len(s.Matches) > 0 {
			g.Score = s.Matches[0].Score
		}
		gots = append(gots, g)
	}
	want := []got{
		{"De VN Veiligheidsraad veroordeelde de staatsgreep op 20 augustus en riep op tot spoedig herstel van de constitutionele orde.", 0},
		{"De Secretaris-Generaal van de Verenigde Naties riep al eerder op tot vrijlating van de politieke gevangenen.", 100},
		{"Mali was al enige tijd het toneel van massademonstraties tegen het onvermogen van de autoriteiten.", 100},
	}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}
