package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
)

func TestCompression(t *testing.T) {
	ts := newTestServer(t, nil)
	// xfl is the gzip header's extra-flags byte: 4 for the fastest level
	// (API JSON), 0 for the default (pages and exports).
	tests := []struct {
		path string
		gzip bool
		xfl  byte
	}{
		{"/documents/kamerbrief-mali-2020", true, 0},
		{"/api/v1/search?q=staatsgreep", true, 4},
		{"/api/v1/glossary/export?format=tbx", true, 0},
		{"/api/v1/glossary/export?format=xlsx", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+tt.path, nil)
			req.Header.Set("Accept-Encoding", "gzip") // set by hand: the client then leaves the body as sent
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got := resp.Header.Get("Content-Encoding") == "gzip"
			if got != tt.gzip {
				t.Fatalf("Content-Encoding %q for %s", resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"))
			}
			body := resp.Body.(io.Reader)
			if got {
				head := make([]byte, 10)
				if _, err := io.ReadFull(resp.Body, head); err != nil {
					t.Fatal(err)
				}
				if head[8] != tt.xfl {
					t.Errorf("gzip extra flags %d, want %d (%s)", head[8], tt.xfl, resp.Header.Get("Content-Type"))
				}
				zr, err := gzip.NewReader(io.MultiReader(bytes.NewReader(head), resp.Body))
				if err != nil {
					t.Fatal(err)
				}
				body = zr
			}
			b, err := io.ReadAll(body)
			if err != nil || len(b) < 100 {
				t.Errorf("body: %d bytes, %v", len(b), err)
			}
		})
	}
}

func TestCompressible(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/html; charset=utf-8": true, "application/json; charset=utf-8": true, "application/x-tbx+xml": true,
		"application/xml": true, "image/svg+xml": true, "image/png": false,
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": false,
	} {
		if got := compressible(ct); got != want {
			t.Errorf("compressible(%q) = %v", ct, got)
		}
	}
}
