package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestServeOps: `tolk serve` answers /readyz and /metrics, mounts the
// profiler only with --pprof, and gates /metrics with TOLK_METRICS_TOKEN.
func TestServeOps(t *testing.T) {
	get := func(url, token string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			t.Fatal(err)
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	plain, _ := startServe(t, env(), "--memory")
	profiled, _ := startServe(t, env("TOLK_METRICS_TOKEN", "scrape-secret"), "--memory", "--pprof")
	for _, tc := range []struct {
		name, url, token string
		want             int
		body             string // a part of the body
	}{
		{"ready", "http://" + plain + "/readyz", "", 200, `"ready"`},
		{"metrics open", "http://" + plain + "/metrics", "", 200, "\ntolk_documents "},
		{"no pprof by default", "http://" + plain + "/debug/pprof/", "", 404, ""},
		{"pprof with --pprof", "http://" + profiled + "/debug/pprof/", "", 200, "goroutine"},
		{"metrics token asked", "http://" + profiled + "/metrics", "", 401, "unauthorized"},
		{"metrics token given", "http://" + profiled + "/metrics", "scrape-secret", 200, "\ntolk_passages "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := get(tc.url, tc.token)
			if code != tc.want || !strings.Contains(body, tc.body) {
				t.Errorf("GET %s: %d %.200q; want %d with %q", tc.url, code, body, tc.want, tc.body)
			}
		})
	}
}
