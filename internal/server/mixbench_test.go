package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl" // the stock nl analyzer
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/querymix"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// BenchmarkSearchMix measures search over real HTTP on loopback: tolk's
// GET /api/v1/search (everything it returns: hits with fragments and
// explanations, facets) and stock bleve (the nl analyzer, text stored with
// term vectors, an OR of the query's words, highlighted, behind a minimal
// gin handler) over the same passages, with the 200-query Dutch mix
// (querymix.Dutch, DefaultSeed) drawn from the loaded BWB circulars, at
// 1, 8 and 32 clients, interleaved in the same run. TOLK_BENCH_DOCS sets
// how many circulars are loaded (default 300, all: 1423),
// TOLK_BENCH_SECONDS how long each run lasts (default 3). tolk's data is
// a data directory, compacted after loading.
//
//	go test ./internal/server -run '^$' -bench SearchMix -benchtime 1x -v
func BenchmarkSearchMix(b *testing.B) {
	r := sharedtest.Open(b, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz")
	docs, err := querymix.ReadJSONL(r)
	if err != nil {
		b.Fatal(err)
	}
	docs = docs[:min(envInt("TOLK_BENCH_DOCS", 300), len(docs))]
	secs := time.Duration(envInt("TOLK_BENCH_SECONDS", 3)) * time.Second
	qs := querymix.Dutch(docs, 200, querymix.DefaultSeed)

	curated, err := glossary.Curated()
	if err != nil {
		b.Fatal(err)
	}
	sp, err := app.NewSplitter(curated, corpus.Default())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DataDir: b.TempDir(), Corpus: corpus.Default(), Glossary: curated, Splitter: sp})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	start := time.Now()
	for _, d := range docs {
		if _, err := a.AddDocument(ctx, d.ID+".md", []byte(d.Text), ingest.Options{}); err != nil {
			b.Logf("%s: %v", d.ID, err)
		}
	}
	// As a served data directory is after a bulk load: not one
	// segment per document (an in-memory index never merges).
	if err := a.Index().Compact(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("tolk: %d documents loaded in %v", len(docs), time.Since(start).Round(time.Millisecond))
	srv, err := New(a, Options{})
	if err != nil {
		b.Fatal(err)
	}
	tolk := httptest.NewServer(srv)
	defer tolk.Close()

	start = time.Now()
	var full []*app.Document
	for _, info := range a.Documents() {
		d, err := a.Document(info.ID)
		if err != nil {
			b.Fatal(err)
		}
		full = append(full, d)
	}
	stock, n := stockBleve(b, full)
	defer stock.Close()
	b.Logf("stock bleve: %d passages indexed in %v", n, time.Since(start).Round(time.Millisecond))

	// Warm both up with the whole mix once; name tolk's slowest queries.
	for _, base := range []string{tolk.URL + "/api/v1/search?limit=10&q=", stock.URL + "/search?q="} {
		run(b, base, qs, 1, 0)
	}
	slowest(b, tolk.URL+"/api/v1/search?limit=10&q=", qs, 10)
	b.ResetTimer()
	for range b.N {
		for _, clients := range []int{1, 8, 32} {
			t := run(b, tolk.URL+"/api/v1/search?limit=10&q=", qs, clients, secs)
			s := run(b, stock.URL+"/search?q=", qs, clients, secs)
			b.Logf("%2d clients: tolk %6.0f q/s p50 %5.1f ms p99 %6.1f ms CPU %.2f ms/q | stock bleve %6.0f q/s p50 %5.1f ms p99 %6.1f ms CPU %.2f ms/q | tolk ÷ bleve %.2f q/s, %.1f CPU",
				clients, t.qps, t.p50, t.p99, t.cpu, s.qps, s.p50, s.p99, s.cpu, t.qps/s.qps, t.cpu/s.cpu)
			b.ReportMetric(t.qps, fmt.Sprintf("tolk-q/s@%d", clients))
			b.ReportMetric(t.p99, fmt.Sprintf("tolk-p99-ms@%d", clients))
			b.ReportMetric(t.qps/s.qps, fmt.Sprintf("tolk/bleve@%d", clients))
			b.ReportMetric(t.cpu/s.cpu, fmt.Sprintf("tolk/bleve-cpu@%d", clients))
		}
	}
}

// slowest logs the n queries of qs that took longest, one at a time.
func slowest(tb testing.TB, base string, qs []string, n int) {
	type took struct {
		q string
		d time.Duration
	}
	var ts []took
	var sum time.Duration
	for _, q := range qs {
		t0 := time.Now()
		resp, err := http.Get(base + url.QueryEscape(q))
		if err != nil {
			tb.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		ts = append(ts, took{q, time.Since(t0)})
		sum += ts[len(ts)-1].d
	}
	slices.SortFunc(ts, func(a, b took) int { return int(b.d - a.d) })
	var top time.Duration
	for _, t := range ts[:min(n, len(ts))] {
		top += t.d
		tb.Logf("slow: %7.1f ms %q", float64(t.d.Microseconds())/1000, t.q)
	}
	tb.Logf("the %d slowest queries took %.0f %% of the mix's time", n, 100*top.Seconds()/sum.Seconds())
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// load is what one run measured: queries a second, latency percentiles
// and the process's CPU time per query (server and client together; the
// machine's other load does not count).
type load struct{ qps, p50, p99, cpu float64 }

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// run sends the queries round-robin from clients goroutines for d (or
// each query once, from one client, when d is 0).
func run(tb testing.TB, base string, qs []string, clients int, d time.Duration) load {
	tb.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var failed atomic.Value
	deadline := time.Now().Add(d)
	start, cpu0 := time.Now(), cpuTime()
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			var mine []time.Duration
			for {
				i := next.Add(1) - 1
				if d == 0 && int(i) >= len(qs) || d > 0 && time.Now().After(deadline) {
					break
				}
				t0 := time.Now()
				resp, err := hc.Get(base + url.QueryEscape(qs[int(i)%len(qs)]))
				if err != nil {
					failed.Store(err)
					break
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					failed.Store(fmt.Errorf("%s: status %d, %v", qs[int(i)%len(qs)], resp.StatusCode, err))
					break
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	if err, ok := failed.Load().(error); ok {
		tb.Fatal(err)
	}
	took, cpu := time.Since(start), cpuTime()-cpu0
	slices.Sort(lat)
	ms := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	return load{qps: float64(len(lat)) / took.Seconds(), p50: ms(0.50), p99: ms(0.99),
		cpu: float64(cpu.Microseconds()) / 1000 / float64(len(lat))}
}

// stockBleve indexes the documents' paragraphs in a stock bleve index
// (the nl analyzer; text stored with term vectors; batches of 1,000) and
// serves GET /search?q= from a minimal gin handler: an OR of the query's
// words, the top 10 highlighted.
func stockBleve(tb testing.TB, docs []*app.Document) (*httptest.Server, int) {
	tb.Helper()
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = "nl"
	text := mapping.NewTextFieldMapping()
	text.Analyzer = "nl"
	text.Store, text.IncludeTermVectors = true, true
	dm := bleve.NewDocumentMapping()
	dm.AddFieldMappingsAt("text", text)
	m.DefaultMapping = dm
	ix, err := bleve.New(tb.TempDir()+"/stock.bleve", m)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	batch := ix.NewBatch()
	n := 0
	for _, d := range docs {
		for _, p := range d.Paragraphs {
			if err := batch.Index(fmt.Sprintf("%s/%d", d.ID, p.N), map[string]string{"text": p.Text}); err != nil {
				tb.Fatal(err)
			}
			if n++; batch.Size() >= 1000 {
				if err := ix.Batch(batch); err != nil {
					tb.Fatal(err)
				}
				batch = ix.NewBatch()
			}
		}
	}
	if err := ix.Batch(batch); err != nil {
		tb.Fatal(err)
	}
	gin.SetMode(gin.ReleaseMode)
	g := gin.New()
	g.GET("/search", func(c *gin.Context) {
		q := bleve.NewMatchQuery(c.Query("q"))
		q.SetField("text")
		req := bleve.NewSearchRequestOptions(q, 10, 0, false)
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Fields = []string{"text"}
		res, err := ix.SearchInContext(c.Request.Context(), req)
		if err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
			return
		}
		c.JSON(http.StatusOK, res)
	})
	return httptest.NewServer(g), n
}
