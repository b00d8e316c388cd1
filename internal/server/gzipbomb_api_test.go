package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary/exchange"
)

// TestGzipBombRefused sends a gzip-compressed file that inflates to twice
// the limit (zeros: 128 MiB in about 130 KB) to both imports. It is
// refused with 413 naming the limit, and the server does not inflate it
// into memory: the bytes allocated while the request runs stay far below
// what the file inflates to. (The TM import read it whole up to 512 MiB,
// the glossary import up to 256 MiB, and answered 400.)
func TestGzipBombRefused(t *testing.T) {
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 2 * exchange.MaxGunzipped >> 20 {
		zw.Write(zeros)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	for _, path := range []string{
		"/api/v1/tm/import?format=tsv&collection=x",
		"/api/v1/glossary/import?format=tsv&collection=x",
	} {
		t.Run(path, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			code, _, b := apiCall(t, ts, http.MethodPost, path, editorToken, "application/gzip", bomb.Bytes())
			runtime.ReadMemStats(&after)
			var e errResp
			json.Unmarshal(b, &e)
			if code != http.StatusRequestEntityTooLarge || !strings.Contains(e.Error.Message, "64 MiB") {
				t.Errorf("%d %s, want 413 naming the limit of 64 MiB", code, b)
			}
			// The request and its answer take some KiB; inflating the
			// file into memory would take more than its 128 MiB.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 24<<20 {
				t.Errorf("%d MiB allocated while the request ran, want under 24 MiB", alloc>>20)
			}
		})
	}
}

// TestContentEncodingBombRefused sends a body with Content-Encoding: gzip
// that inflates to twice the import limit (zeros: 128 MiB in about 130
// KB). It is refused with 413 naming the route's limit, counted as it
// inflates: the bytes allocated while the request runs stay far below the
// limit. (readBody read the inflated body into memory up to the limit
// before it refused: 64 MiB held, some 128 MiB allocated as the buffer
// grew.)
func TestContentEncodingBombRefused(t *testing.T) {
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 2 * maxImportBytes >> 20 {
		zw.Write(zeros)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	ts := newStoredTestServer(t, map[string]string{editorToken: "alice"})
	for _, tc := range []struct{ path, limit string }{
		{"/api/v1/tm/import?format=tsv&collection=x", "64 MiB"},
		{"/api/v1/glossary/import?format=tsv&collection=x", "64 MiB"},
		{"/api/v1/documents?name=nullen.txt", "8 MiB"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, ts.URL+tc.path, bytes.NewReader(bomb.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+editorToken)
			req.Header.Set("Content-Type", "text/plain")
			req.Header.Set("Content-Encoding", "gzip")
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			runtime.ReadMemStats(&after)
			var e errResp
			json.Unmarshal(b, &e)
			if resp.StatusCode != http.StatusRequestEntityTooLarge || e.Error.Message != "the request body is larger than the limit of "+tc.limit {
				t.Errorf("%d %s, want 413 naming the limit of %s", resp.StatusCode, b, tc.limit)
			}
			// The compressed body, the request and its answer take some
			// hundreds of KiB; holding the inflated body up to the limit
			// took more than the limit.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 6<<20 {
				t.Errorf("%d MiB allocated while the request ran, want under 6 MiB", alloc>>20)
			}
		})
	}
}
