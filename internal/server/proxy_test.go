package server

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/app"
)

// TestTrustedProxies: behind a trusted reverse proxy the log names the
// client the proxy forwards (it named the proxy, 127.0.0.1, for every
// request); from any other peer X-Forwarded-For is ignored, so a client
// cannot write another address into the log (gin.New trusts every peer).
func TestTrustedProxies(t *testing.T) {
	a := openDefault(t, app.Config{Memory: true})
	t.Cleanup(func() { a.Close() })
	for _, tc := range []struct {
		name    string
		proxies []string
		want    string
	}{
		{"behind a trusted proxy", []string{"127.0.0.1"}, "client=203.0.113.7\n"},
		{"a trusted network", []string{"127.0.0.0/8"}, "client=203.0.113.7\n"},
		{"no proxy trusted", nil, "client=127.0.0.1\n"},
		{"another proxy trusted", []string{"10.0.0.0/8"}, "client=127.0.0.1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			srv, err := New(a, Options{Logger: slog.New(slog.NewTextHandler(&buf, nil)), TrustedProxies: tc.proxies})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			req, _ := http.NewRequest("GET", ts.URL+"/api/v1/glossary/staatsgreep", nil)
			req.Header.Set("X-Forwarded-For", "203.0.113.7")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if !strings.Contains(buf.String(), tc.want) {
				t.Errorf("log %q, want %q", buf.String(), tc.want)
			}
		})
	}
	if _, err := New(a, Options{TrustedProxies: []string{"proxy.example"}}); err == nil {
		t.Error("New with a trusted proxy that is no address: no error")
	}
}
