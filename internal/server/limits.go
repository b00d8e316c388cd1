package server

import (
	"context"
	"net/http"
	"runtime"
	"time"

	"github.com/tolk-nl/tolk/index"
)

// Defaults of the search limits (Options.SearchTimeout, Options.MaxExpensive).
const (
	defaultSearchTimeout = 5 * time.Second
	// expensiveWait is how long an expensive search waits for a slot
	// before it is turned away with 429.
	expensiveWait = 100 * time.Millisecond
)

// searchLimiter bounds what searches may cost the server: every search
// gets a deadline, no more run at once than there are cores, and searches
// whose cost depends on the dictionary (prefix and fuzzy terms,
// index.Query.Expands) or whose words are very frequent
// (index.Index.Postings) share a few slots, so that a flood of them cannot
// starve plain searches of CPU.
type searchLimiter struct {
	timeout time.Duration
	slots   chan struct{}
	// running admits every search, as many at once as there are cores:
	// the others wait their turn (within their deadline). Searches beyond
	// the cores do not finish sooner, but each holds its scratch memory
	// and its index pages the while: on all 6,276 BWB documents, 8
	// clients on two cores, the limit took a Dutch query from 6.7–6.9 to
	// 5.3–5.4 ms of CPU (docs/PERFORMANCE.md, "Fourth round").
	running chan struct{}
	// postings estimates what a query reads (index.Index.Postings); nil
	// counts nothing.
	postings func(context.Context, *index.Query) int
	costly   int // postings above which a plain query is expensive
	// scans are the slots of the requests that read every document (a
	// concordance, a document's candidates with their equivalents): half
	// the cores, apart from the searches' slots, each with scanTimeout.
	scans chan struct{}
}

// scanTimeout is the deadline of a request that reads every document.
const scanTimeout = 30 * time.Second

// acquireScan admits a request that reads every document: it returns
// the context to work with (with scanTimeout) and a function to call
// when done. It waits for a slot within that deadline, so that scans
// queue instead of sharing the cores ever more thinly.
func (l *searchLimiter) acquireScan(ctx context.Context) (context.Context, func(), error) {
	ctx, cancel := context.WithTimeout(ctx, scanTimeout)
	select {
	case l.scans <- struct{}{}:
		return ctx, func() { <-l.scans; cancel() }, nil
	case <-ctx.Done():
		cancel()
		return nil, nil, ctx.Err()
	}
}

// costlyPostings is the estimate above which a plain query counts as
// expensive: about 75 ms of one core. Ordinary queries read a few
// thousand; a common word in a phrase or beside rarer words, tens of
// thousands. It was 50,000 when bleve's searchers scored the window; with
// the term-at-a-time evaluation (index/evaluate.go) a whole Dutch search,
// explanations included, costs 0.44 µs of CPU per estimated posting on
// average over the 200-query mix on all 6,276 BWB documents, 0.92 µs for
// the dearest query of more than 10,000 (TOLK_COST_DATA=<data dir> go test
// ./internal/app -run TestSearchCostPerPosting -v), so 75 ms is 80,000–
// 170,000 postings; 125,000 lies between. At 50,000 the limiter turned
// away searches that cost 15 ms.
const costlyPostings = 125_000

// newSearchLimiter sizes the expensive slots to half the cores (at least
// one), so that expensive searches can never take every core from the
// plain ones.
func newSearchLimiter(timeout time.Duration, expensive int, postings func(context.Context, *index.Query) int) *searchLimiter {
	if timeout <= 0 {
		timeout = defaultSearchTimeout
	}
	if expensive <= 0 {
		expensive = max(1, runtime.GOMAXPROCS(0)/2)
	}
	return &searchLimiter{timeout: timeout, slots: make(chan struct{}, expensive), postings: postings, costly: costlyPostings,
		running: make(chan struct{}, max(1, runtime.GOMAXPROCS(0))), scans: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))}
}

// expensive reports whether q must take a slot: it expands prefixes or
// fuzzy words, or its words occur in more than costlyPostings passages
// together.
func (l *searchLimiter) expensive(ctx context.Context, q string) bool {
	pq := index.ParseQueryLenient(q)
	return pq.Expands() || l.postings != nil && l.postings(ctx, pq) > l.costly
}

// errBusy answers an expensive search when every slot stays taken.
var errBusy = &apiError{http.StatusTooManyRequests, "busy",
	"too many costly searches (prefixes word*, fuzzy words word~, or many very frequent words) are running; try again in a moment, or search for fewer or rarer words"}

// acquire admits the search q: it returns the context to search with (the
// request's, with the deadline) and a function to call when the search is
// done. An expensive search waits briefly for a slot, then fails with
// errBusy.
//
// Every search then waits for one of the running slots, until its
// deadline.
func (l *searchLimiter) acquire(ctx context.Context, q string) (context.Context, func(), error) {
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	release := cancel
	if l.expensive(ctx, q) {
		t := time.NewTimer(expensiveWait)
		defer t.Stop()
		select {
		case l.slots <- struct{}{}:
			release = func() { <-l.slots; cancel() }
		case <-t.C:
			cancel()
			return nil, nil, errBusy
		case <-ctx.Done():
			cancel()
			return nil, nil, ctx.Err()
		}
	}
	select {
	case l.running <- struct{}{}:
		return ctx, func() { <-l.running; release() }, nil
	case <-ctx.Done():
		release()
		return nil, nil, ctx.Err()
	}
}
