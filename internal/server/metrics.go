package server

import (
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tolk-nl/tolk/internal/app"
)

// metrics are what /metrics reports, in a registry of the server's own:
// two servers in one process (as in tests) never share counters, and
// nothing is registered in the process-wide default registry.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec   // route, method, code
	latency  *prometheus.HistogramVec // route, method
	inFlight prometheus.Gauge
	errors   *prometheus.CounterVec // route: answers of 500 and above
	refused  *prometheus.CounterVec // reason: searches the limits turned away
	imports  *prometheus.CounterVec // kind, result
	handler  http.Handler
}

// latencyBuckets span 1 ms (a glossary lookup) to 5 s (the search
// deadline) and a little beyond, about three per decade.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// unmatchedRoute labels requests no route matched (404, 405): their
// paths are whatever clients send, so they share one label.
const unmatchedRoute = "unmatched"

func newMetrics(a *app.App, log *slog.Logger) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tolk_http_requests_total",
			Help: "HTTP requests answered, by route template, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "tolk_http_request_duration_seconds",
			Help:    "Time from a request's arrival to the end of its answer, by route template and method.",
			Buckets: latencyBuckets,
		}, []string{"route", "method"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tolk_http_requests_in_flight",
			Help: "HTTP requests being answered now.",
		}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tolk_http_errors_total",
			Help: "Answers with a status of 500 or above (internal errors, 503, 504), by route template.",
		}, []string{"route"}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tolk_requests_refused_total",
			Help: "Requests refused by the search limits: query_too_broad (400), busy (429), timeout (504).",
		}, []string{"reason"}),
		imports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tolk_imports_total",
			Help: "Document uploads and glossary and translation-memory imports, by kind and result (ok, refused: 4xx, failed: 5xx or client gone).",
		}, []string{"kind", "result"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.inFlight, m.errors, m.refused, m.imports,
		&appCollector{app: a},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	for _, reason := range refusalReasons {
		m.refused.WithLabelValues(reason) // present at 0 from the start, so rate() works
	}
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(log.Handler(), slog.LevelError),
		ErrorHandling: promhttp.ContinueOnError,
		// The server's compress middleware gzips text answers already.
		DisableCompression: true,
	})
	return m
}

// observe is the middleware that counts and times every request. It runs
// first, so it sees the status the recovery middleware set, and records
// from a defer, so that a handler that aborts the connection
// (http.ErrAbortHandler) is counted too.
func (m *metrics) observe(c *gin.Context) {
	start := time.Now()
	m.inFlight.Inc()
	defer func() {
		// Last, so that a scrape that finds only itself in flight sees
		// every earlier request counted.
		defer m.inFlight.Dec()
		route, method := c.FullPath(), c.Request.Method
		if route == "" {
			route, method = unmatchedRoute, knownMethod(method)
		}
		status := c.Writer.Status()
		m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
		m.latency.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
		if status >= 500 {
			m.errors.WithLabelValues(route).Inc()
		}
		if code, ok := c.Get(errorCodeKey); ok && isRefusal(code.(string)) {
			m.refused.WithLabelValues(code.(string)).Inc()
		}
		if kind := importKind(method, route); kind != "" {
			m.imports.WithLabelValues(kind, importResult(status)).Inc()
		}
	}()
	c.Next()
}

// knownMethod bounds the method label of unmatched requests, whose
// method may be any token a client makes up.
func knownMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "other"
}

// errorCodeKey is where fail and the UI's error page leave the code of the
// error they answered (apiError.Code), for observe.
const errorCodeKey = "tolk.error_code"

// noteError records the code of the error a request is answered with,
// and for a 5xx the error itself, which the request's log line carries
// (the answer never shows it): a full disk's 507 was logged at ERROR
// without saying which file or what the system answered.
func noteError(c *gin.Context, ae *apiError, err error) {
	c.Set(errorCodeKey, ae.Code)
	if ae.Status >= 500 && err != nil {
		_ = c.Error(err)
	}
}

// refusalReasons are the error codes of the search limits (limits.go,
// classify): a query that would expand too far, no expensive slot free,
// the search deadline passed.
var refusalReasons = []string{"query_too_broad", "busy", "timeout"}

func isRefusal(code string) bool {
	for _, r := range refusalReasons {
		if code == r {
			return true
		}
	}
	return false
}

// importKind names the routes that import data: an upload or replacement
// of a document, a glossary import, a translation-memory import.
func importKind(method, route string) string {
	switch {
	case method == http.MethodPost && route == "/api/v1/documents",
		method == http.MethodPut && route == "/api/v1/documents/:id":
		return "document"
	case method == http.MethodPost && route == "/api/v1/glossary/import":
		return "glossary"
	case method == http.MethodPost && route == "/api/v1/tm/import":
		return "tm"
	}
	return ""
}

func importResult(status int) string {
	switch {
	case status < 400:
		return "ok"
	case status < 500 && status != statusClientClosed:
		return "refused"
	}
	return "failed"
}

// serveMetrics answers a scrape. With Options.MetricsToken set it asks for
// that token as a bearer token; without, it is open like /healthz (see
// README, Operations).
func (s *Server) serveMetrics(c *gin.Context) error {
	if tok := s.opt.MetricsToken; tok != "" {
		got, ok := bearerToken(c.GetHeader("Authorization"))
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(tok)) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="tolk metrics"`)
			return &apiError{http.StatusUnauthorized, "unauthorized", "/metrics needs 'Authorization: Bearer <metrics token>'"}
		}
	}
	s.metrics.handler.ServeHTTP(c.Writer, c.Request)
	return nil
}

// appCollector reports the App's counts (app.App.Stats) as gauges read at
// scrape time, so they are never stale and cost nothing between scrapes.
type appCollector struct{ app *app.App }

var (
	descDocuments = prometheus.NewDesc("tolk_documents", "Stored documents.", nil, nil)
	descPassages  = prometheus.NewDesc("tolk_passages", "Passages in the search index.", nil, nil)
	descConcepts  = prometheus.NewDesc("tolk_concepts", "Glossary concepts.", nil, nil)
	descSegments  = prometheus.NewDesc("tolk_tm_segments", "Translation-memory segments.", nil, nil)
	descIndex     = prometheus.NewDesc("tolk_index_size_bytes", "Size on disk of the search index directory (0 in memory mode).", nil, nil)
	descStore     = prometheus.NewDesc("tolk_store_size_bytes", "Size on disk of the store file, tolk.db (0 in memory mode).", nil, nil)
	descCacheHit  = prometheus.NewDesc("tolk_search_cache_hits_total", "Searches the result cache answered.", nil, nil)
	descCacheMiss = prometheus.NewDesc("tolk_search_cache_misses_total", "Searches the result cache did not hold (0 without a cache).", nil, nil)
	descCacheSize = prometheus.NewDesc("tolk_search_cache_bytes", "Estimated bytes the result cache holds.", nil, nil)
)

// Describe implements prometheus.Collector.
func (ac *appCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descDocuments, descPassages, descConcepts, descSegments, descIndex, descStore, descCacheHit, descCacheMiss, descCacheSize} {
		ch <- d
	}
}

// Collect implements prometheus.Collector. When a count cannot be read
// (a closed index) the gauges that depend on it are left out and the
// scrape reports the error (promhttp logs it); the others are still
// served.
func (ac *appCollector) Collect(ch chan<- prometheus.Metric) {
	st, err := ac.app.Stats()
	gauge := func(d *prometheus.Desc, v float64) { ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v) }
	gauge(descDocuments, float64(st.Documents))
	gauge(descConcepts, float64(st.Concepts))
	gauge(descSegments, float64(st.Segments))
	cs := ac.app.Index().CacheStats()
	ch <- prometheus.MustNewConstMetric(descCacheHit, prometheus.CounterValue, float64(cs.Hits))
	ch <- prometheus.MustNewConstMetric(descCacheMiss, prometheus.CounterValue, float64(cs.Misses))
	gauge(descCacheSize, float64(cs.Bytes))
	if err != nil {
		ch <- prometheus.NewInvalidMetric(descPassages, err)
		return
	}
	gauge(descPassages, float64(st.Passages))
	gauge(descIndex, float64(st.IndexBytes))
	gauge(descStore, float64(st.StoreBytes))
}
