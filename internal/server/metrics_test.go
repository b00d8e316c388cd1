package server

import (
	"context"
	"io"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/go-cmp/cmp"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/tolk-nl/tolk/internal/app"
)

// opsServer opens an app with cfg plus the embedded corpus, the curated
// glossary and the splitter, and serves it with opt. The caller closes the
// app (tests here close parts of it on purpose).
func opsServer(t *testing.T, cfg app.Config, opt Options) (*httptest.Server, *Server, *app.App) {
	t.Helper()
	a := openDefault(t, cfg)
	srv, err := New(a, opt)
	if err != nil {
		a.Close()
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, srv, a
}

// call sends a request and returns the status and body.
func call(t *testing.T, ts *httptest.Server, method, path, token string, body io.Reader) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
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
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// scrape reads /metrics and parses it as Prometheus' text format.
func scrape(t *testing.T, ts *httptest.Server) map[string]*dto.MetricFamily {
	t.Helper()
	code, body := call(t, ts, http.MethodGet, "/metrics", "", nil)
	if code != http.StatusOK {
		t.Fatalf("GET /metrics: status %d: %s", code, body)
	}
	p := expfmt.NewTextParser(model.LegacyValidation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("GET /metrics: not the text format: %v\n%s", err, body)
	}
	return fams
}

// settled scrapes until the only request in flight is the scrape itself,
// so that every request answered before is counted: a request is counted
// after its answer is sent, which a client may read before that.
func settled(t *testing.T, ts *httptest.Server) map[string]*dto.MetricFamily {
	t.Helper()
	for range 200 {
		fams := scrape(t, ts)
		if value(fams, "tolk_http_requests_in_flight", nil) == 1 {
			return fams
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("requests stay in flight after their answers")
	return nil
}

// sample finds the metric of family name whose labels include want.
func sample(fams map[string]*dto.MetricFamily, name string, want map[string]string) *dto.Metric {
	f := fams[name]
	if f == nil {
		return nil
	}
next:
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if have[k] != v {
				continue next
			}
		}
		return m
	}
	return nil
}

// value is a counter's or gauge's value, 0 when the sample is absent (a
// counter that never rose).
func value(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	m := sample(fams, name, labels)
	switch {
	case m == nil:
		return 0
	case m.Counter != nil:
		return m.GetCounter().GetValue()
	case m.Gauge != nil:
		return m.GetGauge().GetValue()
	}
	return 0
}

// TestMetricsScrape serves a data directory, sends a mix of requests and
// checks what /metrics says about them against what was sent, and the
// gauges against the app's own counts and the files on disk.
func TestMetricsScrape(t *testing.T) {
	dir := t.TempDir()
	ts, srv, a := opsServer(t, app.Config{DataDir: dir}, Options{Tokens: map[string]string{testToken: "test"}})
	t.Cleanup(func() { a.Close() })
	// A route whose handler panics: the recovery middleware answers 500.
	srv.gin.GET("/test/panic", func(*gin.Context) { panic("boom") })

	before := settled(t, ts)
	docs := a.Documents()
	if len(docs) == 0 {
		t.Fatal("the default corpus seeded no documents")
	}
	const searches = 3
	for range searches {
		if code, body := call(t, ts, http.MethodGet, "/api/v1/search?q=staatsgreep", "", nil); code != http.StatusOK {
			t.Fatalf("search: %d %s", code, body)
		}
	}
	requests := []struct {
		method, path, token, body string
		want                      int
	}{
		{http.MethodGet, "/api/v1/documents/" + docs[0].ID, "", "", 200},
		{http.MethodGet, "/api/v1/documents/no-such-document", "", "", 404},
		{http.MethodGet, "/no/such/route/12345", "", "", 404},
		{"BREW", "/coffee", "", "", 404},
		{http.MethodGet, "/api/v1/search?q=a*", "", "", 400}, // query_too_broad
		{http.MethodGet, "/test/panic", "", "", 500},
		{http.MethodPost, "/api/v1/documents?name=metriek.txt", testToken, "Geachte voorzitter,\n\nDe metriek telt mee.\n", 201},
		{http.MethodPost, "/api/v1/documents?name=metriek2.txt", "", "Geachte voorzitter,\n\nZonder sleutel.\n", 401},
	}
	for _, r := range requests {
		if code, body := call(t, ts, r.method, r.path, r.token, strings.NewReader(r.body)); code != r.want {
			t.Fatalf("%s %s: status %d, want %d: %s", r.method, r.path, code, r.want, body)
		}
	}
	after := settled(t, ts)

	rose := func(name string, labels map[string]string) float64 {
		return value(after, name, labels) - value(before, name, labels)
	}
	for _, tc := range []struct {
		name   string
		metric string
		labels map[string]string
		want   float64
	}{
		{"searches", "tolk_http_requests_total", map[string]string{"route": "/api/v1/search", "method": "GET", "code": "200"}, searches},
		{"document found", "tolk_http_requests_total", map[string]string{"route": "/api/v1/documents/:id", "method": "GET", "code": "200"}, 1},
		{"document missing", "tolk_http_requests_total", map[string]string{"route": "/api/v1/documents/:id", "method": "GET", "code": "404"}, 1},
		{"unmatched GET", "tolk_http_requests_total", map[string]string{"route": unmatchedRoute, "method": "GET", "code": "404"}, 1},
		{"unmatched made-up method", "tolk_http_requests_total", map[string]string{"route": unmatchedRoute, "method": "other", "code": "404"}, 1},
		{"too broad", "tolk_requests_refused_total", map[string]string{"reason": "query_too_broad"}, 1},
		{"no busy", "tolk_requests_refused_total", map[string]string{"reason": "busy"}, 0},
		{"panic is an error", "tolk_http_errors_total", map[string]string{"route": "/test/panic"}, 1},
		{"no search error", "tolk_http_errors_total", map[string]string{"route": "/api/v1/search"}, 0},
		{"upload ok", "tolk_imports_total", map[string]string{"kind": "document", "result": "ok"}, 1},
		{"upload refused", "tolk_imports_total", map[string]string{"kind": "document", "result": "refused"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := rose(tc.metric, tc.labels); got != tc.want {
				t.Errorf("%s%v rose by %v, want %v", tc.metric, tc.labels, got, tc.want)
			}
		})
	}

	if got := rose("tolk_http_requests_total", map[string]string{"route": "/metrics", "code": "200"}); got < 1 {
		t.Errorf("scrapes rose by %v, want at least the first one", got)
	}

	t.Run("route labels are templates", func(t *testing.T) {
		for _, m := range after["tolk_http_requests_total"].GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "route" && (strings.Contains(l.GetValue(), docs[0].ID) || strings.Contains(l.GetValue(), "12345")) {
					t.Errorf("route label %q holds a raw path", l.GetValue())
				}
			}
		}
	})

	t.Run("latency histogram", func(t *testing.T) {
		labels := map[string]string{"route": "/api/v1/search", "method": "GET"}
		m := sample(after, "tolk_http_request_duration_seconds", labels)
		if m == nil || m.Histogram == nil {
			t.Fatalf("no histogram for %v", labels)
		}
		h := m.GetHistogram()
		if got := h.GetSampleCount() - sample(before, "tolk_http_request_duration_seconds", labels).GetHistogram().GetSampleCount(); got != searches+1 {
			t.Errorf("sample count rose by %d, want %d (the searches and the refused a*)", got, searches+1)
		}
		if h.GetSampleSum() <= 0 {
			t.Errorf("sample sum %v, want > 0", h.GetSampleSum())
		}
		var bounds []float64
		last := uint64(0)
		for _, b := range h.GetBucket() {
			bounds = append(bounds, b.GetUpperBound())
			if b.GetCumulativeCount() < last {
				t.Errorf("bucket le=%v count %d below the previous %d", b.GetUpperBound(), b.GetCumulativeCount(), last)
			}
			last = b.GetCumulativeCount()
		}
		if diff := cmp.Diff(append(slices.Clone(latencyBuckets), math.Inf(1)), bounds); diff != "" {
			t.Errorf("buckets (-want +got):\n%s", diff)
		}
		if last != h.GetSampleCount() {
			t.Errorf("largest bucket holds %d of %d samples (a search over 10 s?)", last, h.GetSampleCount())
		}
	})

	t.Run("gauges are the app's counts", func(t *testing.T) {
		passages, err := a.Index().Count()
		if err != nil {
			t.Fatal(err)
		}
		indexSize := func() int64 {
			var n int64
			filepath.WalkDir(filepath.Join(dir, "index"), func(_ string, d fs.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() {
					if fi, err := d.Info(); err == nil {
						n += fi.Size()
					}
				}
				return nil
			})
			return n
		}
		db, err := os.Stat(filepath.Join(dir, "tolk.db"))
		if err != nil {
			t.Fatal(err)
		}
		// Nothing writes between this scrape and the counts above but
		// bleve's persister and merger, which finish the upload's writes
		// in the background: scrape again until the index's files stood
		// still around a scrape.
		var fams map[string]*dto.MetricFamily
		var indexBytes int64
		for range 100 {
			if err := a.Index().Flush(context.Background()); err != nil {
				t.Fatal(err)
			}
			indexBytes = indexSize()
			fams = settled(t, ts)
			if indexSize() == indexBytes {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		want := map[string]float64{
			"tolk_documents":        float64(len(a.Documents())),
			"tolk_passages":         float64(passages),
			"tolk_concepts":         float64(a.Terms().Len()),
			"tolk_tm_segments":      float64(len(a.TMSegments(""))),
			"tolk_index_size_bytes": float64(indexBytes),
			"tolk_store_size_bytes": float64(db.Size()),
		}
		got := map[string]float64{}
		for name := range want {
			if sample(fams, name, nil) == nil {
				t.Errorf("%s missing", name)
			}
			got[name] = value(fams, name, nil)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("gauges (-want +got):\n%s", diff)
		}
		if got["tolk_documents"] != float64(len(docs)+1) || got["tolk_concepts"] == 0 || got["tolk_index_size_bytes"] == 0 {
			t.Errorf("gauges %v: want the %d seeded documents plus the upload, some concepts and a non-empty index", got, len(docs))
		}
	})

	t.Run("runtime and process", func(t *testing.T) {
		for _, name := range []string{"go_goroutines", "process_resident_memory_bytes"} {
			if after[name] == nil {
				t.Errorf("%s missing", name)
			}
		}
	})
}

// TestMetricsToken: /metrics is open unless a metrics token is set; then
// it asks for exactly that token.
func TestMetricsToken(t *testing.T) {
	open, _, a := opsServer(t, app.Config{Memory: true}, Options{})
	t.Cleanup(func() { a.Close() })
	gated, _, b := opsServer(t, app.Config{Memory: true}, Options{MetricsToken: "scrape-secret", Tokens: map[string]string{testToken: "test"}})
	t.Cleanup(func() { b.Close() })
	for _, tc := range []struct {
		name  string
		ts    *httptest.Server
		token string
		want  int
	}{
		{"open, no token", open, "", 200},
		{"gated, no token", gated, "", 401},
		{"gated, write token", gated, testToken, 401},
		{"gated, wrong token", gated, "scrape-secreT", 401},
		{"gated, metrics token", gated, "scrape-secret", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := call(t, tc.ts, http.MethodGet, "/metrics", tc.token, nil)
			if code != tc.want {
				t.Fatalf("status %d, want %d: %.200s", code, tc.want, body)
			}
			if code == 200 && !strings.Contains(body, "\ntolk_documents ") {
				t.Errorf("body lacks tolk_documents: %.300s", body)
			}
		})
	}
}
