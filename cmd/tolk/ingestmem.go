package main

import (
	"context"
	"time"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/resident"
)

// ingestMapped bounds tolk ingest's file-backed resident memory: over it,
// the pages of the index's segments and of the store that the load has
// mapped (merges read whole segments; each commit reads the store's
// pages it changes) are given back, and so are the executable's code and
// read-only data (what start-up read of the embedded word lists is never
// touched again; the code a load runs comes back at its next use). They
// stay in the page cache, so a page needed again costs a minor fault, not
// a read. Peak RSS is the heap's soft limit plus this part: every MiB
// given back here is one the heap may use (docs/PERFORMANCE.md, "Bulk
// indexing, session 7").
const ingestMapped = 40 << 20

// ingestMappedCheck is how often the bound is checked: a few hundred
// microseconds of work each time. A merge maps a few MiB of segments
// per 100 ms.
const ingestMappedCheck = 100 * time.Millisecond

// releaseWhileIngesting gives back a's mapped pages whenever the
// process's file-backed resident memory is over ingestMapped, until the
// returned function is called (which waits for it to stop). On a system
// that cannot tell or release (not Linux) it does nothing.
func releaseWhileIngesting(ctx context.Context, a *app.App) (stop func()) {
	if _, err := resident.Current(); err != nil {
		return func() {}
	}
	return every(ctx, ingestMappedCheck, func() {
		if u, err := resident.Current(); err == nil && u.File > ingestMapped {
			// Best effort: a failure only leaves the pages resident.
			a.ReleaseMapped()
			resident.ReleaseExecutable()
		}
	})
}
