package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestUploadDistinctFiles: files whose names give one id (stb.txt and
// stb.md) are two documents through the web form, in one batch and
// across batches, and through the API; the second was refused with
// advice to tick 'replace', which deleted the first. The same name again
// is the conflict, naming the id its document has, and PUT replaces a
// document stored under an alternative id.
func TestUploadDistinctFiles(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	form := func(files ...string) (int, string) {
		t.Helper()
		contents := map[string]string{}
		for i, f := range files {
			contents[f] = strings.Repeat("Geachte voorzitter, een brief over het onderwerp nummer "+string(rune('a'+i))+".\n\n", 3)
		}
		ctype, body := multipartBody(t, contents, files...)
		raw, _ := io.ReadAll(body)
		boundary := ctype[strings.Index(ctype, "boundary=")+len("boundary="):]
		tok := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n" + testToken + "\r\n"
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
		return resp.StatusCode, html2text(b)
	}
	code, page := form("stb.txt", "stb.md")
	for _, want := range []string{`href="/documents/stb"`, `href="/documents/stb-md"`, "(2/2)"} {
		if !strings.Contains(page, want) {
			t.Errorf("one batch of stb.txt and stb.md: %d, the page lacks %s", code, want)
		}
	}
	code, page = form("stb.markdown")
	if code != 200 || !strings.Contains(page, `href="/documents/stb-markdown"`) {
		t.Errorf("stb.markdown in a batch of its own: %d, want 200 and stb-markdown", code)
	}
	code, page = form("stb.md")
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `het kenmerk "stb-md"; vink`) {
		t.Errorf("stb.md again: %d, want 422 naming stb-md", code)
	}

	post := func(method, path, body string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, b := post("POST", "/api/v1/documents?name=stb.text", "Een brief over de rijksbegroting."); code != 201 || !strings.Contains(b, `"id":"stb-text"`) {
		t.Errorf("API stb.text: %d %s, want 201 stb-text", code, b)
	}
	if code, b := post("POST", "/api/v1/documents?name=stb.md", "Een brief over de rijksbegroting."); code != 409 || !strings.Contains(b, `"id":"stb-md"`) {
		t.Errorf("API stb.md again: %d %s, want 409 naming stb-md", code, b)
	}
	for _, path := range []string{"/api/v1/documents/stb-md", "/api/v1/documents/stb-md?name=stb.md"} {
		if code, b := post("PUT", path, "Een nieuwe brief over de rijksbegroting."); code != 200 || !strings.Contains(b, `"id":"stb-md"`) {
			t.Errorf("PUT %s: %d %s, want 200 replacing stb-md", path, code, b)
		}
	}
	var d struct{ Text string }
	if code := get(t, ts, "/api/v1/documents/stb", &d); code != 200 || !strings.Contains(d.Text, "onderwerp nummer a") {
		t.Errorf("stb: %d %q, want the first file's text", code, d.Text)
	}
}
