package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestRestoreFailureKeepsData: a forced restore that fails part way (here
// interrupted: its context cancelled) leaves the data it was to replace as
// it was; it deleted the store and the index first, so an interrupt or a
// full disk lost them.
func TestRestoreFailureKeepsData(t *testing.T) {
	ctx := context.Background()
	src, bdir, dir := t.TempDir(), filepath.Join(t.TempDir(), "backup"), t.TempDir()
	a, err := Open(ctx, Config{DataDir: src})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Backup(ctx, bdir); err != nil {
		t.Fatal(err)
	}
	a.Close()
	b, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddDocument(ctx, "dijk.txt", letterWith("dijk", 2), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	b.Close()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Restore(cancelled, bdir, Config{DataDir: dir}, true); err == nil {
		t.Fatal("an interrupted restore succeeded")
	}
	if asides, _ := filepath.Glob(filepath.Join(dir, asidePrefix+"*")); len(asides) > 0 {
		t.Errorf("the data set aside was not put back: %v", asides)
	}
	b, err = Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatalf("the data after a failed restore: %v", err)
	}
	defer b.Close()
	if _, err := b.Document("dijk"); err != nil {
		t.Errorf("the document stored before the failed restore: %v", err)
	}
	if res, err := b.BilingualSearch(ctx, SearchRequest{Q: "dijk", Lang: "nl"}); err != nil || res.Total == 0 {
		t.Errorf("search after the failed restore: %v, %+v", err, res)
	}
}

// TestStoreMissingRefused: a data directory whose tolk.db is missing or
// empty while its index holds documents is refused, naming the file and
// what to do, and nothing is changed; it was opened as a new store and
// every passage removed from the index.
func TestStoreMissingRefused(t *testing.T) {
	ctx := context.Background()
	for _, damage := range []string{"missing", "empty"} {
		t.Run(damage, func(t *testing.T) {
			dir := t.TempDir()
			a, err := Open(ctx, Config{DataDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.AddDocument(ctx, "dijk.txt", letterWith("dijk", 2), ingest.Options{}); err != nil {
				t.Fatal(err)
			}
			a.Close()
			p := filepath.Join(dir, storeFile)
			if damage == "missing" {
				err = os.Remove(p)
			} else {
				err = os.WriteFile(p, nil, 0o600)
			}
			if err != nil {
				t.Fatal(err)
			}
			before := treeSize(t, filepath.Join(dir, indexDir))
			_, err = Open(ctx, Config{DataDir: dir})
			if !errors.Is(err, ErrStoreMissing) || !strings.Contains(err.Error(), "tolk restore") {
				t.Fatalf("Open: %v, want ErrStoreMissing saying what to do", err)
			}
			if after := treeSize(t, filepath.Join(dir, indexDir)); after != before {
				t.Errorf("the index changed: %d bytes, then %d", before, after)
			}
		})
	}
}

// treeSize is the size of the files under dir.
func treeSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		i, err := d.Info()
		n += i.Size()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestNotDamage: an index that cannot be read for want of permission or
// file handles is no damaged index (it was set aside and rebuilt).
func TestNotDamage(t *testing.T) {
	for err, want := range map[error]bool{
		fmt.Errorf("open x: %w", fs.ErrPermission):                                        true,
		errors.New("error parsing mapping JSON: open index_meta.json: permission denied"): true,
		errors.New("open 000.zap: too many open files"):                                   true,
		errors.New("error parsing mapping JSON: unexpected end of JSON input"):            false,
	} {
		if got := notDamage(err); got != want {
			t.Errorf("notDamage(%v) = %t, want %t", err, got, want)
		}
	}
}

// TestReplacementNotSearchableEarly: while a replacement is indexed but
// not yet stored, search answers with the stored version only, as GET
// does; the new version's passages were found for the seconds a large
// document took, beside the old one's.
func TestReplacementNotSearchableEarly(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.AddDocument(ctx, "brief.txt", []byte("Geachte voorzitter,\n\nDe pelikaan vliegt over de dijk.\n"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	total := func(q string) uint64 {
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: q, Lang: "nl"})
		if err != nil {
			t.Fatal(err)
		}
		return uint64(len(res.Hits))
	}
	var during [2]uint64
	a.addHook = func(ctx context.Context, ps []index.Passage) error {
		if err := a.idx.Add(ctx, ps); err != nil {
			return err
		}
		during = [2]uint64{total("kraanvogel"), total("pelikaan")} // indexed, not yet stored
		return nil
	}
	if _, _, err := a.ReplaceDocument(ctx, "brief.txt", []byte("Geachte voorzitter,\n\nDe kraanvogel vliegt over de dijk.\n"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if during != [2]uint64{0, 1} {
		t.Errorf("during the replacement: %d hits of the new version, %d of the old; want 0 and 1", during[0], during[1])
	}
	if n, o := total("kraanvogel"), total("pelikaan"); n != 1 || o != 0 {
		t.Errorf("after it: %d hits of the new version, %d of the old; want 1 and 0", n, o)
	}
}

// TestBackupFailureLeavesNothing: a backup that fails part way (here
// cancelled) leaves the target directory empty, so that it can be tried
// again; a partial tolk.db was left, filling the disk and making the
// directory "not empty".
func TestBackupFailureLeavesNothing(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	a, err := Open(ctx, Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	dir := filepath.Join(t.TempDir(), "b")
	// The trained lexicon, copied last, cannot be read (a directory in
	// its place): the store and the index are copied by then.
	if err := os.Mkdir(filepath.Join(data, lexiconFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Backup(ctx, dir); err == nil {
		t.Fatal("a backup whose lexicon cannot be read succeeded")
	}
	if es, err := os.ReadDir(dir); err != nil || len(es) != 0 {
		t.Errorf("after the failed backup: %v, %v; want an empty directory", es, err)
	}
}

// TestRestoreOtherAnalysisSaysRebuilt: a backup whose index copy was built
// with another analysis (an older tolk) is restored with the index rebuilt
// from the store, and the report says so; it said the index was restored
// from its copy.
func TestRestoreOtherAnalysisSaysRebuilt(t *testing.T) {
	ctx := context.Background()
	dir, bdir := t.TempDir(), filepath.Join(t.TempDir(), "backup")
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	addTexts(t, a, map[string]string{"uil.md": "De uil zit in de boom."})
	if _, err := a.Backup(ctx, bdir); err != nil {
		t.Fatal(err)
	}
	a.Close()
	sp, err := NewSplitter(nil, nil) // a splitter: another analysis than the backup's
	if err != nil {
		t.Fatal(err)
	}
	rr, err := Restore(ctx, bdir, Config{DataDir: t.TempDir(), Splitter: sp}, false)
	if err != nil {
		t.Fatal(err)
	}
	if rr.IndexCopied {
		t.Error("the report says the index was restored from its copy; it was rebuilt")
	}
}
