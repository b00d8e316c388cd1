package app

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/tolk-nl/tolk/internal/resident"
)

// ReleaseMapped gives back the pages of the index's segment files, of
// the store's file and of the splitter's snapshot that searches and document reads have mapped into the
// process (internal/resident): they leave its resident set but stay in
// the kernel's page cache, so the next read that needs one maps it again
// without reading the disk. Nothing changes for searches or documents.
// An App in memory mode has nothing to release. Where the system offers
// no way to do it (not Linux) the error wraps resident.ErrUnsupported.
func (a *App) ReleaseMapped() (resident.Stats, error) {
	var total resident.Stats
	add := func(paths []string) error {
		st, err := resident.Release(paths)
		total.Mappings += st.Mappings
		total.Bytes += st.Bytes
		return err
	}
	if err := a.idx.MappedFiles(add); err != nil {
		return total, fmt.Errorf("app: release mapped pages: %w", err)
	}
	if a.store == nil {
		return total, nil
	}
	if err := a.store.MappedFile(func(path string) error { return add([]string{path}) }); err != nil {
		return total, fmt.Errorf("app: release mapped pages: %w", err)
	}
	// The splitter's snapshot, when the splitter was read from it
	// (LoadSplitter maps it). Absent, or replaced by the first start's
	// writer meanwhile, there is nothing of it to give back.
	if err := add([]string{filepath.Join(a.dir, splitterFile)}); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return total, fmt.Errorf("app: release mapped pages: %w", err)
	}
	return total, nil
}
