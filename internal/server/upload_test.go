package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

const uploadXML = `<?xml version="1.0" encoding="utf-8"?>
<officiele-publicatie><metadata><meta name="OVERHEIDop.externMetadataRecord" content="https://zoek.officielebekendmakingen.nl/stcrt-2015-47076/metadata.xml"/></metadata>
<kop><titel>STAATSCOURANT</titel></kop><staatscourant><kop><titel>Ter inzage: omgevingsvergunning</titel></kop>
<zakelijke-mededeling><tekst><al>Dit ontwerpbesluit ligt zes weken ter inzage in het gemeentehuis van Bergen.</al><tussenkop>Bergen, 23 december 2015</tussenkop></tekst></zakelijke-mededeling></staatscourant></officiele-publicatie>`

const uploadHTML = `<!doctype html><html lang="nl"><head><title>Nieuwsbericht</title><script>track()</script></head>
<body><nav><a href="/">Home</a> Menu</nav><main><h1>Kabinet steunt Mali</h1><p>Het kabinet maakt 10 miljoen euro vrij voor humanitaire hulp in Mali.</p></main><footer>Rijksoverheid</footer></body></html>`

// multipartBody builds a multipart form with the given files under "file".
func multipartBody(t *testing.T, files map[string]string, order ...string) (string, io.Reader) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, name := range order {
		part, err := w.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(part, files[name])
	}
	w.Close()
	return w.FormDataContentType(), &buf
}

func postAs(t *testing.T, ts *httptest.Server, path, ctype string, body io.Reader) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func documentCount(t *testing.T, ts *httptest.Server) int {
	t.Helper()
	var list struct{ Documents []json.RawMessage }
	if c := get(t, ts, "/api/v1/documents", &list); c != 200 {
		t.Fatalf("list: %d", c)
	}
	return len(list.Documents)
}

// TestUploadFormats: POST /documents takes the new formats as a raw body
// and as multipart (one file or several, a result per file); bad input
// answers 4xx naming the problem and stores nothing. Every answer is
// checked against openapi.yaml (checkAPI).
func TestUploadFormats(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	n := documentCount(t, ts)

	// One file, multipart: 201 with the metadata.
	ctype, body := multipartBody(t, map[string]string{"stcrt-2015-47076.xml": uploadXML}, "stcrt-2015-47076.xml")
	code, b := postAs(t, ts, "/api/v1/documents", ctype, body)
	var one struct {
		ID       string
		Format   string
		Metadata struct{ Type, Date, Identifier string }
	}
	if err := json.Unmarshal(b, &one); code != 201 || err != nil {
		t.Fatalf("one file: %d %s", code, b)
	}
	if one.ID != "stcrt-2015-47076" || one.Format != "xml" || one.Metadata.Type != "staatscourant" || one.Metadata.Date != "2015-12-23" {
		t.Errorf("one file: %s", b)
	}

	// The document page shows the metadata.
	resp, err := http.Get(ts.URL + "/documents/stcrt-2015-47076")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`<dl class="docmeta">`, "Staatscourant", `<time datetime="2015-12-23">`, "<dd>stcrt-2015-47076</dd>", "stcrt-2015-47076.xml (officiele-publicatie)"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("document page lacks %q", want)
		}
	}

	// Search filters on the metadata: the XML is a Staatscourant of 2015.
	for _, tc := range []struct {
		query string
		hits  bool
	}{
		{"q=ontwerpbesluit", true},
		{"q=ontwerpbesluit&type=staatscourant&from=2015&to=2015-12", true},
		{"q=ontwerpbesluit&type=kamerstuk", false},
		{"q=ontwerpbesluit&from=2016-01-01", false},
		{"q=ontwerpbesluit&dossier=29521", false},
	} {
		var res struct {
			Total int
			Hits  []struct{ Doc string }
		}
		if code := get(t, ts, "/api/v1/search?"+tc.query, &res); code != 200 {
			t.Fatalf("%s: %d", tc.query, code)
		}
		if got := res.Total > 0 && res.Hits[0].Doc == "stcrt-2015-47076"; got != tc.hits {
			t.Errorf("%s: %+v, want hits %v", tc.query, res, tc.hits)
		}
	}
	if code := get(t, ts, "/api/v1/search?q=ontwerpbesluit&from=gisteren", nil); code != 400 {
		t.Errorf("a bad date: %d, want 400", code)
	}

	// Several files: a result each, 207 because one is refused.
	files := map[string]string{"nieuws.html": uploadHTML, "kapot.pdf": "%PDF-1.7\n1 0 obj <<", "leeg.docx": ""}
	ctype, body = multipartBody(t, files, "nieuws.html", "kapot.pdf", "leeg.docx")
	code, b = postAs(t, ts, "/api/v1/documents", ctype, body)
	var many struct {
		Stored, Failed int
		Results        []struct {
			Name   string
			Status int
			Error  *struct{ Code, Message string }
		}
	}
	if err := json.Unmarshal(b, &many); code != 207 || err != nil {
		t.Fatalf("several files: %d %s", code, b)
	}
	if many.Stored != 1 || many.Failed != 2 || len(many.Results) != 3 || many.Results[0].Status != 201 ||
		many.Results[1].Status != 400 || !strings.Contains(many.Results[1].Error.Message, "the PDF is truncated") ||
		many.Results[2].Status != 400 || !strings.Contains(many.Results[2].Error.Message, "no text") {
		t.Errorf("several files: %s", b)
	}
	// Every file refused: 422 none_stored with each result (was 207, which
	// a client that checks for 2xx reads as success).
	ctype, body = multipartBody(t, files, "kapot.pdf", "leeg.docx")
	code, b = postAs(t, ts, "/api/v1/documents", ctype, body)
	var none struct {
		Stored, Failed int
		Error          struct{ Code, Message string }
		Results        []struct{ Status int }
	}
	if err := json.Unmarshal(b, &none); code != http.StatusUnprocessableEntity || err != nil || none.Stored != 0 || none.Failed != 2 ||
		none.Error.Code != "none_stored" || len(none.Results) != 2 || none.Results[0].Status != 400 || none.Results[1].Status != 400 {
		t.Errorf("every file refused: %d %s", code, b)
	}

	// Raw bodies the service must refuse, naming the problem.
	for _, tc := range []struct {
		name, body, msg string
	}{
		{"leeg.pdf", "", "no text"},
		{"kapot.pdf", "%PDF-1.4\n1 0 obj", "the PDF is truncated: it does not end with the %%EOF marker"},
		{"kapot.docx", "PK\x03\x04\x14\x00\x06\x00", "damaged or truncated"},
		{"dtd.xml", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><officiele-publicatie/>`, "DOCTYPE declaring entities"},
		{"brief.docx", "gewone tekst", "the name says a Word (.docx) file, but the content is not one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, b := postAs(t, ts, "/api/v1/documents?name="+tc.name, "application/octet-stream", strings.NewReader(tc.body))
			if code != 400 || !strings.Contains(string(b), tc.msg) {
				t.Errorf("%d %s, want 400 with %q", code, b, tc.msg)
			}
		})
	}
	// The real awkward files of ../shared/data/office-fixtures (the PDFs
	// are tested with the PDF engine in internal/pdftext).
	t.Run("office fixtures", func(t *testing.T) {
		dir := sharedtest.Path(t, "data", "office-fixtures")
		for _, f := range []struct{ name, msg string }{
			{"empty.docx", "the Word file holds no text"},
			{"empty.odt", "the OpenDocument file holds no text"},
			{"empty-pw.docx", "password-protected (encrypted) Office document"},
		} {
			data, err := os.ReadFile(filepath.Join(dir, f.name))
			if err != nil {
				t.Fatal(err)
			}
			code, b := postAs(t, ts, "/api/v1/documents?name="+f.name, "application/octet-stream", bytes.NewReader(data))
			if code != 400 || !strings.Contains(string(b), f.msg) {
				t.Errorf("%s: %d %s, want 400 with %q", f.name, code, b, f.msg)
			}
		}
	})
	if got := documentCount(t, ts); got != n+2 {
		t.Errorf("%d documents, want %d: a refused upload was stored", got, n+2)
	}
}

// TestUploadSeveral: an upload of several files is loaded as a bulk load
// (one commit per batch) and answers as the files' own uploads would, a
// result each in the order sent: 201 for a new document, 409 for a second
// file with the id of one before it, 200 for a replaced one with
// ?replace=true, 400 for an empty file; the stored documents
// are the ones the results name, with their text.
func TestUploadSeveral(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	n := documentCount(t, ts)
	type result struct {
		Name     string
		Status   int
		Document *struct{ ID string }
		Error    *struct{ Code, Message string }
	}
	type answer struct {
		Stored, Failed int
		Results        []result
	}
	post := func(path string, parts [][2]string) (int, answer) {
		t.Helper()
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for _, p := range parts {
			part, err := w.CreateFormFile("files", p[0])
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(part, p[1])
		}
		w.Close()
		code, b := postAs(t, ts, path, w.FormDataContentType(), &buf)
		var a answer
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatalf("%s: %d %s", path, code, b)
		}
		return code, a
	}
	statuses := func(a answer) []int {
		var out []int
		for _, r := range a.Results {
			out = append(out, r.Status)
		}
		return out
	}
	text := func(id string) string {
		t.Helper()
		var d struct{ Text string }
		if code := get(t, ts, "/api/v1/documents/"+id, &d); code != 200 {
			t.Fatalf("document %s: %d", id, code)
		}
		return d.Text
	}

	code, a := post("/api/v1/documents", [][2]string{
		{"alpha.txt", "Eerste brief over de waterschappen."},
		{"beta.txt", "Tweede brief over de dijkversterking."},
		{"alpha.txt", "Een tweede alpha met dezelfde naam."},
		{"leeg.txt", ""},
	})
	// The second alpha.txt gives the id of the first: a clash within the
	// upload, refused naming the first file (session 23; it was a 409
	// "exists" that advised replace=true, which then lost the first).
	if code != 207 || a.Stored != 2 || a.Failed != 2 || !slices.Equal(statuses(a), []int{201, 201, 400, 400}) ||
		a.Results[0].Document == nil || a.Results[0].Document.ID != "alpha" || a.Results[1].Document == nil || a.Results[1].Document.ID != "beta" ||
		a.Results[2].Error == nil || !strings.Contains(a.Results[2].Error.Message, `"alpha.txt" of this load`) || a.Results[3].Error == nil || !strings.Contains(a.Results[3].Error.Message, "no text") {
		t.Fatalf("first upload: %d %+v", code, a)
	}
	if got := documentCount(t, ts); got != n+2 {
		t.Errorf("%d documents after the first upload, want %d", got, n+2)
	}
	if got := text("alpha"); !strings.Contains(got, "waterschappen") {
		t.Errorf("alpha holds %q, want the first file's text", got)
	}

	code, a = post("/api/v1/documents?replace=true", [][2]string{
		{"alpha.txt", "De vervangen brief over de kustverdediging."},
		{"gamma.txt", "Een nieuwe brief over de rijkswegen."},
	})
	if code != 200 || a.Stored != 2 || !slices.Equal(statuses(a), []int{200, 201}) {
		t.Fatalf("replacing upload: %d %+v", code, a)
	}
	if got := text("alpha"); !strings.Contains(got, "kustverdediging") || strings.Contains(got, "waterschappen") {
		t.Errorf("alpha holds %q after the replace, want the new text only", got)
	}
	var res struct{ Total int }
	if code := get(t, ts, "/api/v1/search?q=waterschappen", &res); code != 200 || res.Total != 0 {
		t.Errorf("the replaced text is still found: %d, total %d", code, res.Total)
	}
	if code := get(t, ts, "/api/v1/search?q=rijkswegen", &res); code != 200 || res.Total == 0 {
		t.Errorf("the new document is not found: %d, total %d", code, res.Total)
	}
}

// TestUploadSeveralClientGone: a multipart upload of several files whose
// client has gone away by the time it is stored (its request's context
// ended) is stored whole, as a single file is: every file, not the
// batches that happened to be committed first.
func TestUploadSeveralClientGone(t *testing.T) {
	a := openDefault(t, app.Config{Memory: true})
	defer a.Close()
	srv, err := New(a, Options{Tokens: map[string]string{testToken: "tester"}})
	if err != nil {
		t.Fatal(err)
	}
	before := len(a.Documents())
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	const files, paras = 60, 80 // 4,800 passages: more than one commit
	for i := range files {
		part, err := w.CreateFormFile("files", fmt.Sprintf("weg-%02d.txt", i))
		if err != nil {
			t.Fatal(err)
		}
		for p := range paras {
			fmt.Fprintf(part, "Brief %d, alinea %d, over de dijkversterking van het waterschap.\n\n", i, p)
		}
	}
	w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // gone before the server starts storing
	req := httptest.NewRequestWithContext(ctx, "POST", "/api/v1/documents", &buf)
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", w.FormDataContentType())
	srv.ServeHTTP(httptest.NewRecorder(), req)
	if got := len(a.Documents()) - before; got != files {
		t.Fatalf("%d of %d files stored after the client went away", got, files)
	}
	for i := range files {
		n, err := a.Index().DocCount(context.Background(), fmt.Sprintf("weg-%02d", i))
		if err != nil || n != paras {
			t.Fatalf("weg-%02d: %d passages indexed (%v), want %d", i, n, err, paras)
		}
	}
}

// TestUploadSameIDTwice: two files of one upload of one name (in any
// case) are a naming clash: with replace=true the second answered 200
// and silently took the first's place; now the second is refused (400)
// naming the first, and the first is stored. (Files of other names that
// give one id, gmb.xml and gmb.html, are two documents since session 32:
// TestUploadDistinctFiles.)
func TestUploadSameIDTwice(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	for _, q := range []string{"", "?replace=true"} {
		files := map[string]string{"uil.txt": "De uil zit in de boom.", "UIL.txt": "De uil slaapt."}
		ctype, body := multipartBody(t, files, "uil.txt", "UIL.txt")
		code, b := postAs(t, ts, "/api/v1/documents"+q, ctype, body)
		var r struct {
			Results []struct {
				Name   string
				Status int
				Error  struct{ Message string }
			}
		}
		if err := json.Unmarshal(b, &r); code != http.StatusMultiStatus || err != nil || len(r.Results) != 2 {
			t.Fatalf("%q: %d %s", q, code, b)
		}
		if second := r.Results[1]; second.Status != http.StatusBadRequest || !strings.Contains(second.Error.Message, `"uil.txt"`) {
			t.Errorf("%q: second file %+v, want 400 naming uil.txt", q, second)
		}
		var doc struct{ Text string }
		if c := get(t, ts, "/api/v1/documents/uil", &doc); c != 200 || !strings.Contains(doc.Text, "boom") {
			t.Errorf("%q: stored %d %q, want the first file", q, c, doc.Text)
		}
	}
}
