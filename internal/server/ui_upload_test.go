package server

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tolk-nl/tolk/internal/app"
)

// TestUploadPage: the upload form without JavaScript — a wrong token adds
// nothing, the right one adds every file and lists each result.
func TestUploadPage(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	n := documentCount(t, ts)
	if code := get(t, ts, "/upload", nil); code != 200 {
		t.Fatalf("GET /upload: %d", code)
	}
	send := func(token string) (int, string) {
		t.Helper()
		ctype, body := multipartBody(t, map[string]string{"stcrt-2015-47076.xml": uploadXML, "kapot.docx": "PK\x03\x04\x14\x00"}, "stcrt-2015-47076.xml", "kapot.docx")
		// multipartBody names the fields "file"; the form adds a token.
		raw, _ := io.ReadAll(body)
		boundary := ctype[strings.Index(ctype, "boundary=")+len("boundary="):]
		tok := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n" + token + "\r\n"
		req, err := http.NewRequest("POST", ts.URL+"/upload", strings.NewReader(tok+string(raw)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", ctype)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, page := send("wrong")
	if code != 401 || !strings.Contains(page, `role="alert"`) || documentCount(t, ts) != n {
		t.Errorf("wrong token: %d, %d documents", code, documentCount(t, ts))
	}
	code, page = send(testToken)
	for _, want := range []string{`<li class="stored"><strong>stcrt-2015-47076.xml</strong>`, `href="/documents/stcrt-2015-47076"`,
		"(xml, Staatscourant, 2015-12-23)", `<li class="refused"><strong>kapot.docx</strong>`, "damaged or truncated", "(1/2)"} {
		if !strings.Contains(page, want) {
			t.Errorf("results lack %q", want)
		}
	}
	if code != 200 || documentCount(t, ts) != n+1 {
		t.Errorf("right token: %d, %d documents, want %d", code, documentCount(t, ts), n+1)
	}
	// The same files again: the stored one exists, and the page says how
	// to replace it with its own form (the API's ?replace=true was no use
	// there); nothing stored is a 422, as in the API. No token is said
	// to be missing.
	code, page = send(testToken)
	if code != http.StatusUnprocessableEntity || !strings.Contains(html2text([]byte(page)), `met het kenmerk "stcrt-2015-47076"; vink ‘Een eerder toegevoegd bestand met dezelfde naam vervangen’ aan`) || strings.Contains(page, "?replace=true") {
		t.Errorf("the same upload again: %d, want 422 and the form's advice: %.2000s", code, page)
	}
	if code, page = send(""); code != 401 || !strings.Contains(page, "Geef de toegangscode") {
		t.Errorf("no token: %d, want 401 saying the token is missing", code)
	}
	// The API's document has its metadata under the key the list and
	// the OpenAPI description use (it was "meta").
	var doc struct {
		Metadata struct{ Type, Date string }
	}
	if code := get(t, ts, "/api/v1/documents/stcrt-2015-47076", &doc); code != 200 || doc.Metadata.Type != "staatscourant" || doc.Metadata.Date != "2015-12-23" {
		t.Errorf("GET the document: %d, metadata %+v", code, doc.Metadata)
	}

	// The documents page: type and date columns, a filter by type and an
	// order by date.
	list := func(query string) string {
		t.Helper()
		resp, err := http.Get(ts.URL + "/documents" + query)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	all := list("")
	if !strings.Contains(all, `<option value="staatscourant">`) || !strings.Contains(all, `<time datetime="2015-12-23">`) ||
		!strings.Contains(all, `href="/documents/kamerbrief-mali-2020"`) {
		t.Errorf("documents page lacks the type filter, the date or the seed letter")
	}
	only := list("?type=staatscourant&sort=date")
	if !strings.Contains(only, `href="/documents/stcrt-2015-47076"`) || strings.Contains(only, `href="/documents/kamerbrief-mali-2020"`) ||
		!strings.Contains(only, `<option value="staatscourant" selected>`) {
		t.Errorf("?type=staatscourant does not keep that document alone")
	}
	dated := list("?sort=date")
	if i, j := strings.Index(dated, `href="/documents/stcrt-2015-47076"`), strings.Index(dated, `href="/documents/kamerbrief-mali-2020"`); i < 0 || j < 0 || i > j {
		t.Errorf("?sort=date does not put the dated document before the undated letter")
	}
}

// TestBrowserUpload drives the form in Chromium: choose two files (one a
// Word file that is not one), type the token, submit, read the results.
func TestBrowserUpload(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	b := newBrowserSession(t, ts)
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "gmb-2017-1.xml"), filepath.Join(dir, "brief.docx")
	xml := strings.Replace(uploadXML, "staatscourant", "gemeenteblad", -1)
	if err := os.WriteFile(good, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("gewone tekst"), 0o644); err != nil {
		t.Fatal(err)
	}
	b.visit(t, "/documents", 200)
	b.submit(t, chromedp.Click(`a[href="/upload"]`))
	b.do(t, chromedp.WaitVisible(`#up-files`))
	b.submit(t,
		chromedp.SetUploadFiles(`#up-files`, []string{good, bad}),
		chromedp.SendKeys(`#up-token`, testToken),
		chromedp.Click(`form.upload button[type=submit]`))
	b.do(t, chromedp.WaitVisible(`ul.upload-results`))
	got := eval[[]string](t, b, `[...document.querySelectorAll("ul.upload-results li")].map(li => li.className + ": " + li.textContent.trim())`)
	if len(got) != 2 || !strings.HasPrefix(got[0], "stored: gmb-2017-1.xml: ") || !strings.Contains(got[0], "municipal gazette (Gemeenteblad)") ||
		!strings.HasPrefix(got[1], "refused: brief.docx: ") || !strings.Contains(got[1], "the name says a Word (.docx) file") {
		t.Errorf("results %q", got)
	}
	b.checkPage(t)
	b.screenshot(t, "upload", 1280, 700)
	b.do(t, chromedp.Click(`ul.upload-results li.stored a`))
	if loc := b.waitLocation(t, "/documents/gmb-2017-1"); !strings.HasPrefix(loc, "/documents/gmb-2017-1") {
		t.Errorf("the result's link went to %q", loc)
	}
	if txt := eval[string](t, b, `document.querySelector("dl.docmeta") ? document.querySelector("dl.docmeta").textContent : ""`); !strings.Contains(txt, "Gemeenteblad") {
		t.Errorf("document page metadata %q", txt)
	}
}

// TestUploadPageSlow: the form gives an authorised upload the API's
// longer deadlines (extendDeadlines) once its token has come, so a batch
// sent more slowly than the server's ReadTimeout, and answered after its
// WriteTimeout, still gets its result page; it got a 400 "i/o timeout"
// in English, or a closed connection. A request whose token is not valid
// keeps the server's deadlines and is told so in Dutch, with Go's words
// kept as the detail.
func TestUploadPageSlow(t *testing.T) {
	a := openDefault(t, app.Config{Memory: true})
	srv, err := New(a, Options{Tokens: map[string]string{testToken: "tester"}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv)
	ts.Config.ReadTimeout, ts.Config.WriteTimeout = 500*time.Millisecond, time.Second
	ts.Start()
	t.Cleanup(func() { ts.Close(); a.Close() })
	send := func(token string) (int, string) {
		t.Helper()
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		w.WriteField("token", token) // first, as the form sends it
		part, err := w.CreateFormFile("files", "stcrt-2015-47076.xml")
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(part, uploadXML)
		w.Close()
		// Half the body, then a pause longer than both timeouts.
		req, err := http.NewRequest("POST", ts.URL+"/upload", &slowBody{data: buf.Bytes(), pause: 1500 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", w.FormDataContentType())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, html2text(b)
	}
	if code, page := send(testToken); code != 200 || !strings.Contains(page, `<li class="stored"><strong>stcrt-2015-47076.xml</strong>`) {
		t.Errorf("authorised slow upload: %d, want 200 and its result: %.2000s", code, page)
	}
	code, page := send("wrong")
	if code != http.StatusRequestTimeout || !strings.Contains(page, "De bestanden kwamen niet op tijd binnen") ||
		!strings.Contains(page, "i/o timeout") || strings.Contains(page, "Ongeldig verzoek") {
		t.Errorf("slow upload with a wrong token: %d, want 408 in Dutch with the detail: %.2000s", code, page)
	}
}
