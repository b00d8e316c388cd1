package app

import (
	"context"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/querymix"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// TestTMHeapPerSegment measures the live heap a TM segment holds once
// loaded (the treaty pairs, before any fuzzy index): the figure behind
// tolk serve's perSegment (cmd/tolk/memory.go). Opt-in: TOLK_TM_HEAP=1.
func TestTMHeapPerSegment(t *testing.T) {
	if os.Getenv("TOLK_TM_HEAP") != "1" {
		t.Skip("set TOLK_TM_HEAP=1 to measure the heap per TM segment (imports the treaty TM)")
	}
	path := sharedtest.Path(t, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz")
	a := openShipped(t)
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	before := m.HeapAlloc
	if _, err := a.SeedTM(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	n := len(a.TMSegments(""))
	if n == 0 || m.HeapAlloc <= before {
		t.Fatalf("%d segments, heap %d → %d", n, before, m.HeapAlloc)
	}
	t.Logf("%d segments: heap %d → %d MiB, %d B a segment", n, before>>20, m.HeapAlloc>>20, (m.HeapAlloc-before)/uint64(n))
}

// TestSearchCostPerPosting measures a whole Dutch search's CPU (the
// 200-query BWB mix through BilingualSearch, best of three) per posting
// the query-cost limiter estimates (index.Index.Postings): the figure
// behind the server's costlyPostings. Opt-in: TOLK_COST_DATA=<data dir>
// (such as one `tolk ingest` filled with all 6,276 BWB documents).
func TestSearchCostPerPosting(t *testing.T) {
	dir := os.Getenv("TOLK_COST_DATA")
	if dir == "" {
		t.Skip("set TOLK_COST_DATA to a data directory to measure search CPU per estimated posting")
	}
	docs, err := querymix.ReadJSONL(sharedtest.Open(t, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	var postings, spent float64
	worst, worstQ := 0.0, ""
	for _, q := range querymix.Dutch(docs, 200, querymix.DefaultSeed) {
		est := a.Index().Postings(ctx, index.ParseQueryLenient(q))
		best := time.Hour
		for range 3 {
			c0 := cpu()
			if _, err := a.BilingualSearch(ctx, SearchRequest{Q: q, Limit: 10}); err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			best = min(best, cpu()-c0)
		}
		postings += float64(est)
		spent += float64(best.Microseconds())
		if est > 10_000 {
			if r := float64(best.Microseconds()) / float64(est); r > worst {
				worst, worstQ = r, q
			}
		}
	}
	if postings == 0 {
		t.Fatal("no postings estimated")
	}
	t.Logf("%.0f postings estimated: %.3f µs of CPU per posting on average; dearest query over 10,000 postings %.3f µs (%q)",
		postings, spent/postings, worst, worstQ)
}
