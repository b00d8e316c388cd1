package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Start-up without checking every passage (issue 11 point 3). Open makes
// the index hold exactly the stored version of every document (reconcile,
// check.go), which reads every passage ID of the index: 0.5 s of CPU and a
// few hundred MB of garbage on all 6,276 BWB documents. That check is what
// repairs a write a crash cut short; after a clean Close there is nothing
// to repair. Close therefore leaves a mark in the data directory, written
// after the index and the store closed without error and saying how many
// documents and passages they held; Open removes the mark before anything
// can write, and skips the check only when the mark was there and the
// index and the summaries still count what it says. A kill, a crash, a
// failed close, a copied or replaced index or store, or a mark that cannot
// be removed all mean the full check.

// cleanFile is the mark's name in the data directory.
const cleanFile = "clean-shutdown.json"

// cleanMark is what the mark records: the counts, the store's last
// transaction and a print of the index's files (names, sizes, times), so
// that a store or index written or replaced since does not pass.
type cleanMark struct {
	Documents int    `json:"documents"`
	Passages  uint64 `json:"passages"`
	StoreTx   int    `json:"store_tx"`
	Index     string `json:"index"`
}

// takeCleanMark reads and removes the mark (making the removal durable)
// and reports what it said; ok is false when there was none or it could
// not be read or removed.
func (a *App) takeCleanMark() (m cleanMark, ok bool) {
	path := filepath.Join(a.dir, cleanFile)
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return m, false
	}
	rmErr := os.Remove(path)
	if err == nil && rmErr == nil {
		rmErr = syncDir(a.dir)
	}
	if rmErr != nil {
		a.log.Warn("removing the clean-shutdown mark; checking the index against the store", "err", rmErr)
		return m, false
	}
	if err != nil || json.Unmarshal(raw, &m) != nil {
		return m, false
	}
	return m, true
}

// cleanStart reports whether the mark m, taken at this start, still holds:
// the store and the index's files are as they were at the close (a.opened),
// the index counts the passages the summaries say the documents have, and
// both count what the mark says.
func (a *App) cleanStart(m cleanMark) bool {
	if m.StoreTx != a.opened.StoreTx || m.Index == "" || m.Index != a.opened.Index {
		return false
	}
	return a.countsAgree(m)
}

// countsAgree reports whether the index and the summaries count what m
// says.
func (a *App) countsAgree(m cleanMark) bool {
	n, err := a.idx.Count()
	if err != nil {
		return false
	}
	a.mu.RLock()
	docs, passages := len(a.infos), uint64(0)
	for _, d := range a.infos {
		passages += uint64(d.Passages())
	}
	a.mu.RUnlock()
	return docs == m.Documents && passages == m.Passages && n == m.Passages
}

// cleanCounts is what the mark of a close records: the App's documents
// and the index's passages, read before closing.
func (a *App) cleanCounts() (cleanMark, error) {
	n, err := a.idx.Count()
	if err != nil {
		return cleanMark{}, err
	}
	return cleanMark{Documents: a.DocumentCount(), Passages: n}, nil
}

// indexPrint names the state of the index's files in dir: every file's
// path, size and modification time, hashed. Any write to the index adds or
// changes a file.
func indexPrint(dir string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00%v\n", rel, info.Size(), info.ModTime().UnixNano(), d.IsDir())
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writeCleanMark writes the mark durably (file and directory synced).
func writeCleanMark(dir string, m cleanMark) error {
	raw, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("app: clean-shutdown mark: %w", err)
	}
	path := filepath.Join(dir, cleanFile)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("app: clean-shutdown mark: %w", err)
	}
	_, err = f.Write(raw)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("app: clean-shutdown mark: %w", err)
	}
	return nil
}
