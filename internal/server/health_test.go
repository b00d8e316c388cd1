package server

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/app"
)

// TestReadyz: an open app is ready; once its index is closed /readyz
// answers 503 naming the index, /healthz still says the process lives, and
// /metrics still serves the counts it can read.
func TestReadyz(t *testing.T) {
	ts, _, a := opsServer(t, app.Config{Memory: true}, Options{})
	// a is not closed at the end: its index is closed below, and bleve
	// panics on a second Close. Memory mode holds no files.

	type answer struct {
		Status string `json:"status"`
		Error  struct {
			Code, Message string
		} `json:"error"`
	}
	read := func(path string) (int, answer) {
		t.Helper()
		code, body := call(t, ts, http.MethodGet, path, "", nil)
		var ans answer
		if err := json.Unmarshal([]byte(body), &ans); err != nil {
			t.Fatalf("GET %s: %v: %s", path, err, body)
		}
		return code, ans
	}
	code, ans := read("/readyz")
	if diff := cmp.Diff(answer{Status: "ready"}, ans); code != http.StatusOK || diff != "" {
		t.Fatalf("open app: /readyz %d (-want +got):\n%s", code, diff)
	}

	if err := a.Index().Close(); err != nil {
		t.Fatal(err)
	}
	code, ans = read("/readyz")
	if code != http.StatusServiceUnavailable || ans.Error.Code != "not_ready" || !strings.Contains(ans.Error.Message, "index") {
		t.Errorf("index closed: /readyz %d %+v, want 503 not_ready naming the index", code, ans)
	}
	if strings.Contains(ans.Error.Message, "bleve") || strings.Contains(ans.Error.Message, "closed") {
		t.Errorf("index closed: /readyz tells internals: %q", ans.Error.Message)
	}
	if code, _ := read("/healthz"); code != http.StatusOK {
		t.Errorf("index closed: /healthz %d, want 200", code)
	}
	fams := scrape(t, ts)
	if sample(fams, "tolk_documents", nil) == nil {
		t.Error("index closed: /metrics lacks tolk_documents")
	}
	if sample(fams, "tolk_passages", nil) != nil {
		t.Error("index closed: /metrics still reports tolk_passages")
	}
}

// TestPprof: the profiles are served only with Options.Pprof.
func TestPprof(t *testing.T) {
	off, _, a := opsServer(t, app.Config{Memory: true}, Options{})
	t.Cleanup(func() { a.Close() })
	on, _, b := opsServer(t, app.Config{Memory: true}, Options{Pprof: true})
	t.Cleanup(func() { b.Close() })
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap?debug=1", "/debug/pprof/cmdline", "/debug/pprof/goroutine?debug=1"} {
		t.Run(path, func(t *testing.T) {
			if code, _ := call(t, off, http.MethodGet, path, "", nil); code != http.StatusNotFound {
				t.Errorf("without --pprof: status %d, want 404", code)
			}
			code, body := call(t, on, http.MethodGet, path, "", nil)
			if code != http.StatusOK || body == "" {
				t.Errorf("with --pprof: status %d, %d bytes; want 200 and a profile", code, len(body))
			}
		})
	}
	if _, body := call(t, on, http.MethodGet, "/debug/pprof/", "", nil); !strings.Contains(body, "goroutine") {
		t.Errorf("with --pprof: the index lists no goroutine profile: %.300s", body)
	}
}

// TestHead: HEAD answers as GET does, without a body.
func TestHead(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, path := range []string{"/healthz", "/", "/api/v1/search?q=mali"} {
		req, err := http.NewRequest(http.MethodHead, ts.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(b) != 0 || resp.Header.Get("Content-Type") == "" {
			t.Errorf("HEAD %s: %d, %d bytes, Content-Type %q", path, resp.StatusCode, len(b), resp.Header.Get("Content-Type"))
		}
	}
}
