package index

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// scorchConfig is the configuration every on-disk index is created and
// opened with.
//
// Batches are "unsafe": Add and Delete return once their batch is in the
// index in memory (searchable), not once bleve's persister has written it
// to disk. With safe batches a batch whose persisting fails (a full disk)
// is returned as an error, yet bleve has already put it in the index and
// then closes its segment under the index's feet: the next batch or search
// that touches it panics (bleve v2.6.3, Scorch.Batch closing the segment
// prepareSegment introduced). With unsafe batches a full disk costs only
// durability, which the index does not need: the store holds every
// document, and start-up re-adds whatever passages the disk lacks.
// Flush (and Close) wait for the persister instead.
func scorchConfig() map[string]any {
	return map[string]any{"unsafe_batch": true, "asyncErrorCallbackName": backoffCallback}
}

// backoffCallback names persistBackoff in bleve's registry of callbacks.
const backoffCallback = "tolk-persist-backoff"

// persistBackoff is told of every error of bleve's background work; it is
// called on the persister's (or merger's) goroutine, which retries a
// failed write at once: on a full disk some 16,000 attempts a second, each
// creating a file. Pausing here makes it a few attempts a second.
func persistBackoff(err error, _ string) {
	if errors.Is(err, scorch.ErrPersist) {
		time.Sleep(persistPause)
	}
}

// persistPause is how long bleve's persister and merger wait after a
// failed write. Close waits for at most one pause more.
const persistPause = 100 * time.Millisecond

func init() { scorch.RegistryAsyncErrorCallbacks[backoffCallback] = persistBackoff }

// ErrNotPersisted is wrapped by the error Flush and Close return when
// bleve's persister keeps failing to write the index to disk (a full or
// failing disk): the index is whole in memory, but what changed since it
// was last written is not on disk.
var ErrNotPersisted = errors.New("index: not written to disk")

// persistFailures is how many failed attempts of bleve's persister make
// Flush give up: the disk refuses the writes, not a passing hiccup.
const persistFailures = 5

// Flush waits until everything added to or deleted from the index so far
// is on disk. It fails with an error wrapping ErrNotPersisted when the
// persister keeps failing, or with ctx's error. An index in memory has
// nothing to flush.
func (ix *Index) Flush(ctx context.Context) error {
	st := ix.scorchStats()
	if st == nil {
		return nil
	}
	want := atomic.LoadUint64(&st.CurRootEpoch)
	errs0 := atomic.LoadUint64(&st.TotPersistLoopErr)
	wait := time.Millisecond
	for {
		if atomic.LoadUint64(&st.LastPersistedEpoch) >= want {
			return nil
		}
		if n := atomic.LoadUint64(&st.TotPersistLoopErr) - errs0; n >= persistFailures {
			return fmt.Errorf("%w: %d attempts to write it failed (is the disk full?)", ErrNotPersisted, n)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("index: flush: %w", ctx.Err())
		case <-time.After(wait):
		}
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// PersistFailures returns how many times bleve's persister has failed to
// write the index to disk since it was opened: a number that grows means
// the disk refuses writes (see Flush).
func (ix *Index) PersistFailures() uint64 {
	if st := ix.scorchStats(); st != nil {
		return atomic.LoadUint64(&st.TotPersistLoopErr)
	}
	return 0
}

// scorchStats returns the on-disk index's scorch statistics, nil for an
// index in memory (which has no persister).
func (ix *Index) scorchStats() *scorch.Stats {
	if ix.b.Name() == "" { // in memory: bleve names an index by its path
		return nil
	}
	adv, err := ix.b.Advanced()
	if err != nil {
		return nil
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	st, ok := s.Stats().(*scorch.Stats)
	if !ok {
		return nil
	}
	return st
}
