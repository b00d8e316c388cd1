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
// pages it changes) are given back. They stay in the page cache, so a
// page needed again costs a minor fault, not a read. The binary's own
// pages (some 36 MiB) count too and are not given back.
const ingestMapped = 64 << 20

// ingestMappedCheck is how often the bound is checked: a few hundred
// microseconds of work each time.
const ingestMappedCheck = 250 * time.Millisecond

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
			a.ReleaseMapped() // best effort: a failure only leaves the pages resident
		}
	})
}
