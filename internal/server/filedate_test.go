package server

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// wordFile is a minimal Word document of paragraphs whose core
// properties say it was created on created.
func wordFile(t *testing.T, created string, paras ...string) []byte {
	t.Helper()
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	body := ""
	for _, p := range paras {
		body += `<w:p><w:r><w:t>` + p + `</w:t></w:r></w:p>`
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, part := range [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`},
		{"docProps/core.xml", `<cp:coreProperties xmlns:cp="x" xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:created>` + created + `</dcterms:created></cp:coreProperties>`},
	} {
		w, err := z.Create(part[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(part[1]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFileDateShown: a Word letter without a date line, saved today, is
// not dated today: the API gives its creation date as metadata.fileDate
// (date absent), the document page shows it as the file's date, not the
// letter's, and the documents page's date order puts it after a dated
// letter, showing its file date marked as the file's. Before, the
// creation date was the document's date, and the letter saved today came
// first.
func TestFileDateShown(t *testing.T) {
	ts, a := newUITestServer(t)
	ctx := context.Background()
	if _, err := a.AddDocument(ctx, "oud.docx", wordFile(t, "2026-12-07T09:00:00Z", "Brief over de asielopvang", "Met deze brief informeer ik u over de opvang."), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddDocument(ctx, "gedateerd.docx", wordFile(t, "2001-01-01T09:00:00Z", "Brief over de asielopvang", "Datum 3 maart 2019", "Met deze brief informeer ik u over de opvang."), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	var d struct {
		Metadata map[string]any `json:"metadata"`
	}
	if code := get(t, ts, "/api/v1/documents/oud", &d); code != 200 {
		t.Fatalf("GET /api/v1/documents/oud: %d", code)
	}
	if d.Metadata["date"] != nil || d.Metadata["fileDate"] != "2026-12-07" {
		t.Errorf("metadata %v; want no date and fileDate 2026-12-07", d.Metadata)
	}
	if code := get(t, ts, "/api/v1/documents/gedateerd", &d); code != 200 || d.Metadata["date"] != "2019-03-03" || d.Metadata["fileDate"] != "2001-01-01" {
		t.Errorf("gedateerd: %d, metadata %v; want date 2019-03-03 from its date line, fileDate 2001-01-01", code, d.Metadata)
	}
	for _, tc := range []struct{ path, want string }{
		{"/documents/oud?ui=en", `<dt>File date</dt><dd><time datetime="2026-12-07">2026-12-07</time> <small>(when the file was made, not the date of the document itself)</small>`},
		{"/documents/oud?ui=nl", `<dt>Datum van het bestand</dt>`},
	} {
		_, body := fetch(t, ts, "GET", tc.path, nil, nil)
		if !strings.Contains(body, tc.want) {
			t.Errorf("%s: no %q", tc.path, tc.want)
		}
		if strings.Contains(body, `<dt>Date</dt>`) || strings.Contains(body, `<dt>Datum</dt>`) {
			t.Errorf("%s: the file's date is shown as the document's", tc.path)
		}
	}
	_, body := fetch(t, ts, "GET", "/documents?sort=date&ui=en", nil, nil)
	if want := `<span class="muted" title="when the file was made, not the date of the document itself">file: <time datetime="2026-12-07">2026-12-07</time></span>`; !strings.Contains(body, want) {
		t.Errorf("documents page: the undated letter's file date is not shown as such (%q)", want)
	}
	if i, j := strings.Index(body, `href="/documents/gedateerd"`), strings.Index(body, `href="/documents/oud"`); i < 0 || j < 0 || i > j {
		t.Errorf("documents by date: gedateerd at %d, oud at %d; want the dated letter first", i, j)
	}
}

// TestUploadFileDateShown: the upload form's result shows a file's
// creation date as the document page does, as the file's date with the
// note that it is not the document's (in Dutch and in English), and the
// document's own date, from its date line, stays where it was. Before,
// the result showed the document's date only, and a letter without a date
// line showed no date at all.
func TestUploadFileDateShown(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	upload := func(ui string, files map[string]string, order ...string) string {
		t.Helper()
		ctype, body := multipartBody(t, files, order...)
		raw, _ := io.ReadAll(body)
		boundary := ctype[strings.Index(ctype, "boundary=")+len("boundary="):]
		tok := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n" + testToken + "\r\n"
		req, err := http.NewRequest("POST", ts.URL+"/upload?ui="+ui, strings.NewReader(tok+string(raw)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", ctype)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		page, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		return string(page)
	}
	page := upload("en", map[string]string{
		"oud.docx":       string(wordFile(t, "2026-12-07T09:00:00Z", "Brief over de asielopvang", "Met deze brief informeer ik u over de opvang.")),
		"gedateerd.docx": string(wordFile(t, "2001-01-01T09:00:00Z", "Brief over de asielopvang", "Datum 3 maart 2019", "Met deze brief informeer ik u over de opvang.")),
	}, "oud.docx", "gedateerd.docx")
	for _, want := range []string{
		`<br>File date: <time datetime="2026-12-07">2026-12-07</time> <small>(when the file was made, not the date of the document itself)</small>`,
		`, 2019-03-03)<br>File date: <time datetime="2001-01-01">2001-01-01</time>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the upload's results lack %q", want)
		}
	}
	page = upload("nl", map[string]string{
		"nieuw.docx": string(wordFile(t, "2025-03-04T09:00:00Z", "Brief over de opvang", "Met deze brief informeer ik u.")),
	}, "nieuw.docx")
	if want := `<br>Datum van het bestand: <time datetime="2025-03-04">2025-03-04</time> <small>(toen het bestand gemaakt werd, niet de datum van het document zelf)</small>`; !strings.Contains(page, want) {
		t.Errorf("the upload's result (Dutch) lacks %q", want)
	}
}
