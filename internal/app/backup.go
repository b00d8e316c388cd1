package app

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tolk-nl/tolk/internal/store"
)

// A backup is a directory: tolk.db, a copy of the store taken inside one
// read transaction (documents with their sources, glossary with its
// history, translation memory); index/, a copy of the search index taken
// right after (bleve's online copy of one index snapshot); lexicon.gz, the
// trained lexicon, when the data directory has one; and backup.json, the
// manifest, written last, so that a backup without it is known to be
// incomplete. The store is the truth. The index copy is of a moment a
// little later than the store's, so it may hold passages of a write the
// store copy lacks, or lack some of one it holds; restoring runs the
// check with repair, which makes the index match the store exactly (it
// is keyed by document version), and rebuilds the whole index from the
// store when the copy cannot be opened or was built by another analysis.
// Copying the index makes a restore take seconds instead of reindexing
// every document (about 40 s for 600 documents with the compound
// splitter).

// BackupFormat names the layout of a backup directory.
const BackupFormat = "tolk-backup/1"

// Names of the files in a backup and in a data directory.
const (
	storeFile    = "tolk.db"
	manifestFile = "backup.json"
	indexDir     = "index"
)

// BackupManifest describes a backup: when it was taken, what the store
// held then, and each file's size and SHA-256.
type BackupManifest struct {
	Format  string    `json:"format"`
	Created time.Time `json:"created"`
	store.Counts
	Files []BackupFile `json:"files"`
}

// BackupFile is one file of a backup.
type BackupFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// ErrBackup is wrapped by the errors of a backup that is incomplete,
// damaged or of an unknown format, and of a restore target that is in use
// or not empty.
var ErrBackup = errors.New("backup")

// Backup writes a consistent snapshot of the data into dir, which must not
// exist or be empty. It runs beside searches and writes: a write
// acknowledged before Backup was called is in the snapshot, a write that
// had not yet committed is not, and none is half in it.
func (a *App) Backup(ctx context.Context, dir string) (_ *BackupManifest, retErr error) {
	if a.store == nil {
		return nil, fmt.Errorf("app: backup: %w: tolk runs in memory; there is nothing on disk to back up", ErrBadRequest)
	}
	if err := emptyDir(dir); err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	defer func() {
		// A backup that failed (a full target disk) leaves nothing: its
		// partial files filled the disk and made the directory "not
		// empty" for the next try. The directory was empty before.
		if retErr != nil {
			for _, name := range []string{storeFile, indexDir, lexiconFile, manifestFile} {
				os.RemoveAll(filepath.Join(dir, name))
			}
		}
	}()
	m := &BackupManifest{Format: BackupFormat, Created: time.Now().UTC()}
	f, err := writeFile(ctx, filepath.Join(dir, storeFile), func(w io.Writer) error {
		c, _, err := a.store.Snapshot(w)
		m.Counts = c
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	m.Files = append(m.Files, f)
	if err := a.idx.CopyTo(filepath.Join(dir, indexDir)); err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	ixFiles, err := hashTree(dir, indexDir)
	if err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	m.Files = append(m.Files, ixFiles...)
	if src, err := os.Open(filepath.Join(a.dir, lexiconFile)); err == nil {
		f, err := writeFile(ctx, filepath.Join(dir, lexiconFile), func(w io.Writer) error {
			_, err := io.Copy(w, src)
			return err
		})
		src.Close()
		if err != nil {
			return nil, fmt.Errorf("app: backup: %w", err)
		}
		m.Files = append(m.Files, f)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	if _, err := writeFile(ctx, filepath.Join(dir, manifestFile), func(w io.Writer) error {
		_, err := w.Write(append(raw, '\n'))
		return err
	}); err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	return m, nil
}

// WriteBackup takes a backup (as Backup does, into a temporary directory
// in the data directory, removed at the end) and writes it to w as a tar
// stream: the data files, then backup.json. Nothing is written to w
// until the snapshot is complete, so an error before then leaves w
// untouched; a stream cut short lacks the manifest and ReadBackup refuses
// it.
func (a *App) WriteBackup(ctx context.Context, w io.Writer) (*BackupManifest, error) {
	if a.store == nil {
		return a.Backup(ctx, "")
	}
	tmp, err := os.MkdirTemp(a.dir, ".backup-")
	if err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	defer os.RemoveAll(tmp)
	m, err := a.Backup(ctx, tmp)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(w)
	for _, f := range m.Files {
		if err := tarFile(tw, filepath.Join(tmp, filepath.FromSlash(f.Name)), f.Name, m.Created); err != nil {
			return m, fmt.Errorf("app: backup: %w", err)
		}
	}
	if err := tarFile(tw, filepath.Join(tmp, manifestFile), manifestFile, m.Created); err != nil {
		return m, fmt.Errorf("app: backup: %w", err)
	}
	if err := tw.Close(); err != nil {
		return m, fmt.Errorf("app: backup: %w", err)
	}
	return m, nil
}

func tarFile(tw *tar.Writer, path, name string, mod time.Time) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: mod, Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// ReadBackup unpacks a tar stream WriteBackup wrote into dir (which must
// not exist or be empty) and verifies it (VerifyBackup). Only the files a
// backup has are accepted; on any error dir is left incomplete, without a
// verified manifest.
func ReadBackup(ctx context.Context, r io.Reader, dir string) (*BackupManifest, error) {
	if err := emptyDir(dir); err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	tr := tar.NewReader(r)
	seen := map[string]bool{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("app: backup: reading the stream: %w", err)
		}
		if !backupName(h.Name) && h.Name != manifestFile {
			return nil, fmt.Errorf("app: %w: unexpected file %q in the stream", ErrBackup, h.Name)
		}
		if seen[h.Name] || h.Typeflag != tar.TypeReg {
			return nil, fmt.Errorf("app: %w: %q repeated or not a file", ErrBackup, h.Name)
		}
		seen[h.Name] = true
		path := filepath.Join(dir, filepath.FromSlash(h.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("app: backup: %w", err)
		}
		if _, err := writeFile(ctx, path, func(w io.Writer) error {
			_, err := io.Copy(w, tr)
			return err
		}); err != nil {
			return nil, fmt.Errorf("app: backup: %w", err)
		}
	}
	if err := syncDir(dir); err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	return VerifyBackup(dir)
}

// VerifyBackup reads the manifest of the backup in dir and checks that
// every file it names is there with its size and SHA-256.
func VerifyBackup(dir string) (*BackupManifest, error) {
	raw, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("app: %w: %s has no %s: not a backup, or an incomplete one", ErrBackup, dir, manifestFile)
	}
	if err != nil {
		return nil, fmt.Errorf("app: backup: %w", err)
	}
	var m BackupManifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("app: %w: %s: %v", ErrBackup, manifestFile, err)
	}
	if m.Format != BackupFormat {
		return nil, fmt.Errorf("app: %w: format %q, this tolk reads %q", ErrBackup, m.Format, BackupFormat)
	}
	hasStore := false
	for _, f := range m.Files {
		if !backupName(f.Name) {
			return nil, fmt.Errorf("app: %w: the manifest names an unexpected file %q", ErrBackup, f.Name)
		}
		hasStore = hasStore || f.Name == storeFile
		size, sum, err := hashFile(filepath.Join(dir, filepath.FromSlash(f.Name)))
		if err != nil {
			return nil, fmt.Errorf("app: %w: %v", ErrBackup, err)
		}
		if size != f.Size || sum != f.SHA256 {
			return nil, fmt.Errorf("app: %w: %s is damaged (%d bytes, sha256 %s; the manifest says %d, %s)", ErrBackup, f.Name, size, sum, f.Size, f.SHA256)
		}
	}
	if !hasStore {
		return nil, fmt.Errorf("app: %w: the manifest names no %s", ErrBackup, storeFile)
	}
	return &m, nil
}

// RestoreReport says what a restore did: the backup's manifest, whether
// the index was restored from its copy (or rebuilt from the store), and
// what the check with repair that follows found and repaired (writes the
// store copy and the index copy disagree on).
type RestoreReport struct {
	*BackupManifest
	IndexCopied bool      `json:"index_copied"`
	Repaired    []Finding `json:"repaired"`
}

// Restore makes cfg.DataDir hold the backup in from: it verifies the
// backup, copies its files into the data directory, opens it and repairs
// the index from the restored store (CheckData with Repair), rebuilding
// the index from the store when its copy does not open. A data directory
// that is not empty is refused unless force is set; then tolk's own files
// in it (tolk.db, index/, lexicon.gz) are replaced and others left alone,
// and a data directory another tolk has open is refused all the same.
func Restore(ctx context.Context, from string, cfg Config, force bool) (_ *RestoreReport, retErr error) {
	if cfg.Memory || cfg.DataDir == "" {
		return nil, fmt.Errorf("app: restore: %w: a data directory is needed", ErrBadRequest)
	}
	m, err := VerifyBackup(from)
	if err != nil {
		return nil, err
	}
	dir := cfg.DataDir
	if err := emptyDir(dir); err != nil {
		if !force {
			return nil, fmt.Errorf("app: restore: %w (--force replaces tolk's files in it)", err)
		}
		if err := replaceable(dir); err != nil {
			return nil, err
		}
		// The files replaced are moved aside, not deleted, until the
		// restored data has opened and checked: a restore that fails
		// (a full disk, an interrupt) puts them back. It deleted them
		// first, so a failed restore lost the data it was to replace.
		aside, err := setAside(dir)
		if err != nil {
			return nil, err
		}
		restored := false
		defer func() {
			if restored {
				os.RemoveAll(aside)
			} else {
				putBack(dir, aside)
			}
		}()
		defer func() { restored = retErr == nil }()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("app: restore: %w", err)
	}
	// Each file is copied under a temporary name and renamed; the store
	// goes in last: until it is there, the directory does not look like
	// data, and a restore that failed is simply done again (with force).
	hasIndex := false
	tmpIndex := filepath.Join(dir, ".index.restoring")
	if err := os.RemoveAll(tmpIndex); err != nil {
		return nil, fmt.Errorf("app: restore: %w", err)
	}
	for _, f := range m.Files {
		rest, ok := strings.CutPrefix(f.Name, indexDir+"/")
		if !ok {
			continue
		}
		hasIndex = true
		if err := copyFile(ctx, filepath.Join(from, filepath.FromSlash(f.Name)), filepath.Join(tmpIndex, filepath.FromSlash(rest))); err != nil {
			return nil, fmt.Errorf("app: restore: %w", err)
		}
	}
	if hasIndex {
		if err := os.Rename(tmpIndex, filepath.Join(dir, indexDir)); err != nil {
			return nil, fmt.Errorf("app: restore: %w", err)
		}
	}
	for _, name := range []string{lexiconFile, storeFile} {
		src := filepath.Join(from, name)
		if _, err := os.Stat(src); errors.Is(err, os.ErrNotExist) && name == lexiconFile {
			continue
		}
		tmp := filepath.Join(dir, "."+name+".restoring")
		err := copyFile(ctx, src, tmp)
		if err == nil {
			err = os.Rename(tmp, filepath.Join(dir, name))
		}
		if err != nil {
			os.Remove(tmp)
			return nil, fmt.Errorf("app: restore: %w", err)
		}
	}
	if err := syncDir(dir); err != nil {
		return nil, fmt.Errorf("app: restore: %w", err)
	}
	rep := &RestoreReport{BackupManifest: m, IndexCopied: hasIndex}
	cfg.NoRepair, cfg.KeepDamagedIndex = true, true
	a, err := Open(ctx, cfg)
	if err != nil && hasIndex {
		// A copy that does not open is no reason to fail: the store
		// holds everything the index is built from.
		if rmErr := os.RemoveAll(filepath.Join(dir, indexDir)); rmErr != nil {
			return nil, fmt.Errorf("app: restore: %w", rmErr)
		}
		rep.IndexCopied = false
		a, err = Open(ctx, cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("app: restore: opening the restored data: %w", err)
	}
	defer a.Close()
	if a.rebuilding {
		// The copy was of another analysis (a backup of an older tolk):
		// Open rebuilt it from the store, as the report must say.
		rep.IndexCopied = false
	}
	r, err := a.CheckData(ctx, CheckOptions{Repair: true})
	if err != nil {
		return nil, err
	}
	// After a rebuild the index is many small segments, each of which a
	// search visits: merge them. A copy keeps the original's segments.
	if !rep.IndexCopied {
		if err := a.idx.Compact(ctx); err != nil {
			return nil, fmt.Errorf("app: restore: %w", err)
		}
	}
	for _, f := range r.Findings {
		if f.Problem != ProblemInvalid {
			rep.Repaired = append(rep.Repaired, f)
		}
	}
	// An invalid stored concept travels with the backup as it was; only
	// differences between store and index would be the restore's fault.
	left := 0
	for _, f := range r.Remaining {
		if f.Problem != ProblemInvalid {
			left++
		}
	}
	if left > 0 || r.Documents != m.Documents || r.Segments != m.Segments {
		return nil, fmt.Errorf("app: restore: %w: the restored data holds %d documents and %d segments (the backup %d and %d), %d differences left",
			ErrBackup, r.Documents, r.Segments, m.Documents, m.Segments, left)
	}
	return rep, nil
}

// asidePrefix begins the name of the directory a forced restore moves the
// data it replaces into (setAside), inside the data directory.
const asidePrefix = ".replaced-"

// setAside moves tolk's files in dir (the store, the index, the trained
// lexicon) into a new directory dir/.replaced-<time> and returns it.
// Renames within one directory take no space and cannot half-happen; if
// one fails, those already moved go back.
func setAside(dir string) (string, error) {
	aside := filepath.Join(dir, fmt.Sprintf("%s%d", asidePrefix, time.Now().UnixNano()))
	if err := os.Mkdir(aside, 0o755); err != nil {
		return "", fmt.Errorf("app: restore: %w", err)
	}
	for _, name := range []string{storeFile, indexDir, lexiconFile} {
		err := os.Rename(filepath.Join(dir, name), filepath.Join(aside, name))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			putBack(dir, aside)
			return "", fmt.Errorf("app: restore: setting the data it replaces aside: %w", err)
		}
	}
	return aside, nil
}

// putBack undoes setAside: what a failed restore copied into dir is
// removed (with its temporary copies) and the files set aside go back.
func putBack(dir, aside string) {
	for _, name := range []string{storeFile, indexDir, lexiconFile} {
		if _, err := os.Lstat(filepath.Join(aside, name)); err != nil {
			continue
		}
		os.RemoveAll(filepath.Join(dir, name))
		os.Rename(filepath.Join(aside, name), filepath.Join(dir, name))
	}
	for _, tmp := range []string{".index.restoring", "." + storeFile + ".restoring", "." + lexiconFile + ".restoring"} {
		os.RemoveAll(filepath.Join(dir, tmp))
	}
	os.Remove(aside) // only when empty: whatever did not go back stays
}

// backupName reports whether name is a data file a backup may hold:
// tolk.db, lexicon.gz, or a file under index/ (slash-separated, local).
func backupName(name string) bool {
	switch name {
	case storeFile, lexiconFile:
		return true
	}
	rest, ok := strings.CutPrefix(name, indexDir+"/")
	return ok && rest != "" && filepath.IsLocal(filepath.FromSlash(rest)) && !strings.Contains(name, "\\")
}

// hashTree returns the files under dir/sub with their sizes and SHA-256,
// named by their slash-separated path from dir, sorted.
func hashTree(dir, sub string) ([]BackupFile, error) {
	var fs []BackupFile
	err := filepath.WalkDir(filepath.Join(dir, sub), func(path string, d iofs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		size, sum, err := hashFile(path)
		if err != nil {
			return err
		}
		fs = append(fs, BackupFile{Name: filepath.ToSlash(rel), Size: size, SHA256: sum})
		return nil
	})
	return fs, err
}

// copyFile copies src to a new file dst (its directory created), synced.
func copyFile(ctx context.Context, src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	_, err = writeFile(ctx, dst, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
	return err
}

// replaceable refuses a data directory another process has open: the
// store allows one process at a time.
func replaceable(dir string) error {
	path := filepath.Join(dir, storeFile)
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	st, err := store.Open(path)
	if err != nil {
		return fmt.Errorf("app: restore: %w: %v", ErrBackup, err)
	}
	return st.Close()
}

// targetError is an ErrBackup about the directory a backup or restore
// writes to; it says only its message, as the caller's prefix names the
// operation (not "backup: backup: … is not empty").
type targetError struct{ msg string }

func (e *targetError) Error() string        { return e.msg }
func (e *targetError) Is(target error) bool { return target == ErrBackup }

// emptyDir reports an error unless dir is absent or an empty directory.
func emptyDir(dir string) error {
	if dir == "" {
		return &targetError{"no directory given"}
	}
	es, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(es) > 0 {
		return &targetError{dir + " is not empty"}
	}
	return nil
}

// writeFile creates path, lets fill write it, syncs it and returns its
// size and SHA-256. ctx is checked before the file is created.
func writeFile(ctx context.Context, path string, fill func(io.Writer) error) (BackupFile, error) {
	if err := ctx.Err(); err != nil {
		return BackupFile{}, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return BackupFile{}, err
	}
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(f, h)}
	err = fill(cw)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return BackupFile{}, err
	}
	return BackupFile{Name: filepath.Base(path), Size: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func hashFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// syncDir makes the names of the files just written in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
