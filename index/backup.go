package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
)

// ErrNotOnDisk is returned by CopyTo for an index held in memory.
var ErrNotOnDisk = errors.New("index: the index is in memory")

// CopyTo writes a copy of the on-disk index, as it is at one moment, into
// dir, which must not exist or be empty: every segment of the current
// snapshot, in memory or on disk, and the index's metadata. Searches and
// additions go on meanwhile; the copy opens with Open like the original.
// The files are synced before CopyTo returns.
func (ix *Index) CopyTo(dir string) error {
	// bleve names an index by its path; one in memory has none.
	c, ok := ix.b.(bleve.IndexCopyable)
	if !ok || ix.b.Name() == "" {
		return ErrNotOnDisk
	}
	if es, err := os.ReadDir(dir); err == nil && len(es) > 0 {
		return fmt.Errorf("index: copy: %s is not empty", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("index: copy: %w", err)
	}
	if err := c.CopyTo(bleve.FileSystemDirectory(dir)); err != nil {
		return fmt.Errorf("index: copy: %w", err)
	}
	// bleve writes the files without syncing them.
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
	if err != nil {
		return fmt.Errorf("index: copy: %w", err)
	}
	return nil
}
