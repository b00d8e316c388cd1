package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tolk-nl/tolk/index"
)

// Stats counts what the App holds, for monitoring.
type Stats struct {
	Documents int    // stored documents
	Passages  uint64 // passages in the search index
	Concepts  int    // glossary concepts
	Segments  int    // translation-memory segments
	// IndexBytes and StoreBytes are the sizes on disk of the index
	// directory and of the store file; 0 in memory mode.
	IndexBytes int64
	StoreBytes int64
}

// Stats returns the App's counts. Each is read on its own, so during a
// write they may disagree by that write. An error (a closed index, an
// unreadable data directory) comes with every count that could be read.
func (a *App) Stats() (Stats, error) {
	var st Stats
	a.mu.RLock()
	st.Documents = len(a.infos)
	a.mu.RUnlock()
	st.Concepts = a.terms.Len()
	var errs []error
	if a.tmDone.Load() || a.store == nil {
		a.tmem.mu.RLock()
		st.Segments = len(a.tmem.segs)
		a.tmem.mu.RUnlock()
	} else if n, err := a.store.SegmentCount(); err != nil {
		errs = append(errs, fmt.Errorf("app: %w", err))
	} else {
		st.Segments = n // stored, not yet loaded (tmReady)
	}
	n, err := a.idx.Count()
	if err != nil {
		errs = append(errs, fmt.Errorf("app: %w", err))
	}
	st.Passages = n
	if a.dir != "" {
		st.IndexBytes, err = dirSize(filepath.Join(a.dir, "index"))
		if err != nil {
			errs = append(errs, err)
		}
		fi, err := os.Stat(filepath.Join(a.dir, "tolk.db"))
		if err != nil {
			errs = append(errs, fmt.Errorf("app: store size: %w", err))
		} else {
			st.StoreBytes = fi.Size()
		}
	}
	return st, errors.Join(errs...)
}

// dirSize adds up the sizes of the regular files under dir. Files that
// disappear during the walk (segments merged away) are not an error.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		n += fi.Size()
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("app: index size: %w", err)
	}
	return n, nil
}

// UnavailableError says which part of the App cannot serve (Ready).
type UnavailableError struct {
	Part string // "index" or "store"
	Err  error
}

func (e *UnavailableError) Error() string {
	return fmt.Sprintf("app: %s unavailable: %v", e.Part, e.Err)
}

// Unwrap returns the underlying failure.
func (e *UnavailableError) Unwrap() error { return e.Err }

// readyProbe is the word Ready searches for: any word does, one that
// occurs nowhere costs least.
const readyProbe = "tolkgereedheidsproef"

// Ready reports whether the App can serve requests: the index answers a
// one-word search and the store a read (store.Store.Ping). It writes
// nothing, so it is cheap enough to call every few seconds and never
// waits behind a long import. The error is an *UnavailableError.
func (a *App) Ready(ctx context.Context) error {
	q := index.ParseQueryLenient(readyProbe)
	if _, err := a.idx.Search(ctx, index.Request{Query: q, Limit: 1}); err != nil {
		return &UnavailableError{Part: "index", Err: err}
	}
	if a.store != nil {
		if err := a.store.Ping(); err != nil {
			return &UnavailableError{Part: "store", Err: err}
		}
	}
	return nil
}
