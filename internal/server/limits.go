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
// gets a deadline, and searches whose cost depends on the dictionary
// (prefix and fuzzy terms, index.Query.Expands) share a few slots, so that a
// flood of them cannot starve plain searches of CPU.
type searchLimiter struct {
	timeout time.Duration
	slots   chan struct{}
}

func newSearchLimiter(timeout time.Duration, expensive int) *searchLimiter {
	if timeout <= 0 {
		timeout = defaultSearchTimeout
	}
	if expensive <= 0 {
		expensive = max(2, runtime.GOMAXPROCS(0))
	}
	return &searchLimiter{timeout: timeout, slots: make(chan struct{}, expensive)}
}

// errBusy answers an expensive search when every slot stays taken.
var errBusy = &apiError{http.StatusTooManyRequests, "busy",
	"too many searches with prefixes (word*) or fuzzy words (word~) are running; try again in a moment"}

// acquire admits the search q: it returns the context to search with (the
// request's, with the deadline) and a function to call when the search is
// done. An expensive search waits briefly for a slot, then fails with
// errBusy.
func (l *searchLimiter) acquire(ctx context.Context, q string) (context.Context, func(), error) {
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	if !index.ParseQueryLenient(q).Expands() {
		return ctx, cancel, nil
	}
	t := time.NewTimer(expensiveWait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return ctx, func() { <-l.slots; cancel() }, nil
	case <-t.C:
		cancel()
		return nil, nil, errBusy
	case <-ctx.Done():
		cancel()
		return nil, nil, ctx.Err()
	}
}
