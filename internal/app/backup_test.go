package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// write is one acknowledged write of the load: what it wrote and when it
// began and was acknowledged.
type write struct {
	kind        string // "doc" or "concept"
	id, word    string
	begun, done time.Time
}

// load writes documents and concepts from two goroutines until stop is
// closed, and returns what was acknowledged.
type load struct {
	mu     sync.Mutex
	writes []write
	errs   []error
	wg     sync.WaitGroup
}

func (l *load) ack(w write, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		l.errs = append(l.errs, err)
		return
	}
	l.writes = append(l.writes, w)
}

// count returns the number of acknowledged writes of each kind.
func (l *load) count() (docs, concepts int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, w := range l.writes {
		if w.kind == "doc" {
			docs++
		} else {
			concepts++
		}
	}
	return docs, concepts
}

// waitFor waits until at least n more writes of each kind than now are
// acknowledged, a write fails, or a minute has passed.
func (l *load) waitFor(n int) {
	d0, c0 := l.count()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		d, c := l.count()
		l.mu.Lock()
		failed := len(l.errs) > 0
		l.mu.Unlock()
		if failed || d >= d0+n && c >= c0+n {
			return
		}
	}
}

func (l *load) start(ctx context.Context, a *App, stop <-chan struct{}) {
	l.wg.Add(2)
	go func() {
		defer l.wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			w := write{kind: "doc", id: fmt.Sprintf("last-%d", i), word: fmt.Sprintf("lastwoord%d", i), begun: time.Now()}
			_, err := a.AddDocument(ctx, w.id+".txt", letterWith(w.word, 3), ingest.Options{})
			w.done = time.Now()
			l.ack(w, err)
		}
	}()
	go func() {
		defer l.wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			w := write{kind: "concept", id: fmt.Sprintf("begrip-%d", i), word: fmt.Sprintf("begripwoord%d", i), begun: time.Now()}
			c := glossary.Concept{ID: w.id, Collection: "load", Terms: []glossary.Term{{Lang: "nl", Text: w.word}, {Lang: "en", Text: "term " + w.id}}}
			_, err := a.CreateConcept(c, "load")
			w.done = time.Now()
			l.ack(w, err)
		}
	}()
}

// TestBackupUnderLoad takes a backup while documents and concepts are
// written, restores it into a new directory and expects every write
// acknowledged before the backup began, none begun after it ended, and
// every restored document whole in store and index.
func TestBackupUnderLoad(t *testing.T) {
	ctx := context.Background()
	dir, bdir, rdir := t.TempDir(), filepath.Join(t.TempDir(), "backup"), t.TempDir()
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	// A translation memory of some size, so that the copy takes a moment.
	var tsv strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&tsv, "dit is zin %d van het geheugen\tthis is sentence %d of the memory\n", i, i)
	}
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte(tsv.String()), Name: "m.tsv", Who: "test"}); err != nil {
		t.Fatal(err)
	}

	var l load
	stop := make(chan struct{})
	l.start(ctx, a, stop)
	l.waitFor(10)
	began := time.Now()
	m, err := a.Backup(ctx, bdir)
	ended := time.Now()
	if err != nil {
		close(stop)
		l.wg.Wait()
		t.Fatal(err)
	}
	l.waitFor(5)
	close(stop)
	l.wg.Wait()
	if len(l.errs) > 0 {
		t.Fatalf("writes failed under load: %v", l.errs)
	}
	t.Logf("backup took %v: %d documents, %d concepts, %d segments; %d writes acknowledged in all",
		ended.Sub(began).Round(time.Millisecond), m.Documents, m.Concepts, m.Segments, len(l.writes))

	rr, err := Restore(ctx, bdir, Config{DataDir: rdir}, false)
	if err != nil {
		t.Fatal(err)
	}
	if !rr.IndexCopied {
		t.Error("the restore rebuilt the index instead of using its copy")
	}
	t.Logf("the index copy differed from the store copy on %d documents (repaired): %v", len(rr.Repaired), briefs(rr.Repaired))
	r, err := Open(ctx, Config{DataDir: rdir, NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rep, err := r.CheckData(ctx, CheckOptions{Content: true})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Clean() {
		t.Errorf("the restored data is not consistent: %+v", rep.Findings)
	}
	if rep.Documents != m.Documents || rep.Concepts != m.Concepts || rep.Segments != 5000 {
		t.Errorf("restored %d documents, %d concepts, %d segments; the manifest says %d, %d (and 5000 segments)",
			rep.Documents, rep.Concepts, rep.Segments, m.Documents, m.Concepts)
	}
	var before, after, inFlight int
	docsBefore := 0
	for _, w := range l.writes {
		var there bool
		switch w.kind {
		case "doc":
			_, err := r.Document(w.id)
			there = err == nil
			if there {
				// Whole: every paragraph with the word is searchable.
				if n := hits(t, r, w.id, w.word); n != 3 {
					t.Errorf("restored %s: %d passages with %s, want 3", w.id, n, w.word)
				}
			}
		case "concept":
			_, there = r.terms.Get(w.id)
		}
		switch {
		case w.done.Before(began):
			before++
			if w.kind == "doc" {
				docsBefore++
			}
			if !there {
				t.Errorf("%s %s acknowledged before the backup began is not in it", w.kind, w.id)
			}
		case w.begun.After(ended):
			after++
			if there {
				t.Errorf("%s %s begun after the backup ended is in it", w.kind, w.id)
			}
		default:
			inFlight++
		}
	}
	t.Logf("writes acknowledged before the backup %d (all restored), begun after it %d (none restored), during it %d", before, after, inFlight)
	if docsBefore < 10 || before < 20 || after < 10 {
		t.Errorf("the load did not surround the backup: %d writes before (%d documents), %d after", before, docsBefore, after)
	}
}

// TestRestoreRefuses: a non-empty target without force, a target another
// tolk has open even with force, and a damaged or incomplete backup.
func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	dir, bdir := t.TempDir(), filepath.Join(t.TempDir(), "backup")
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.AddDocument(ctx, "brief.txt", letterWith("dijk", 2), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Backup(ctx, bdir); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Backup(ctx, bdir); !errors.Is(err, ErrBackup) || err.Error() != "app: backup: "+bdir+" is not empty" {
		t.Errorf("backup into a non-empty directory: %v", err)
	}

	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, bdir, Config{DataDir: other}, false); !errors.Is(err, ErrBackup) {
		t.Errorf("restore into a non-empty directory without force: %v", err)
	}
	if _, err := Restore(ctx, bdir, Config{DataDir: dir}, true); !errors.Is(err, ErrBackup) {
		t.Errorf("restore into a directory in use: %v", err)
	}
	if _, err := Restore(ctx, bdir, Config{DataDir: other}, true); err != nil {
		t.Errorf("restore with force: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(other, "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("restore with force touched a file not tolk's: %q, %v", b, err)
	}

	for name, damage := range map[string]func(d string) error{
		"flipped byte": func(d string) error {
			p := filepath.Join(d, storeFile)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b[len(b)/2] ^= 0xff
			return os.WriteFile(p, b, 0o600)
		},
		"no manifest": func(d string) error { return os.Remove(filepath.Join(d, manifestFile)) },
	} {
		t.Run(name, func(t *testing.T) {
			d := filepath.Join(t.TempDir(), "b")
			if _, err := a.Backup(ctx, d); err != nil {
				t.Fatal(err)
			}
			if err := damage(d); err != nil {
				t.Fatal(err)
			}
			target := filepath.Join(t.TempDir(), "data")
			if _, err := Restore(ctx, d, Config{DataDir: target}, false); !errors.Is(err, ErrBackup) {
				t.Errorf("restore: %v, want ErrBackup", err)
			}
			if _, err := os.Stat(filepath.Join(target, storeFile)); err == nil {
				t.Error("a refused restore left a store behind")
			}
		})
	}
}

// TestRestoreRebuildsIndex: a backup without its index copy (or with one
// that does not open) is restored by rebuilding the index from the store.
func TestRestoreRebuildsIndex(t *testing.T) {
	ctx := context.Background()
	dir, bdir := t.TempDir(), filepath.Join(t.TempDir(), "backup")
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, w := range []string{"dijk", "zeespiegel"} {
		if _, err := a.AddDocument(ctx, w+".txt", letterWith(w, 3), ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	m, err := a.Backup(ctx, bdir)
	if err != nil {
		t.Fatal(err)
	}
	for name, damage := range map[string]func() error{
		// Without the index: the manifest lists no index file.
		"no copy": func() error {
			var keep []BackupFile
			for _, f := range m.Files {
				if !strings.HasPrefix(f.Name, indexDir+"/") {
					keep = append(keep, f)
				}
			}
			return rewriteManifest(bdir, keep, func() error { return os.RemoveAll(filepath.Join(bdir, indexDir)) })
		},
		// A copy whose metadata is not bleve's: it does not open.
		"copy does not open": func() error {
			p := filepath.Join(bdir, indexDir, "index_meta.json")
			if err := os.WriteFile(p, []byte("{kapot"), 0o600); err != nil {
				return err
			}
			size, sum, err := hashFile(p)
			if err != nil {
				return err
			}
			var fs []BackupFile
			for _, f := range m.Files {
				if f.Name == indexDir+"/index_meta.json" {
					f.Size, f.SHA256 = size, sum
				}
				fs = append(fs, f)
			}
			return rewriteManifest(bdir, fs, nil)
		},
	} {
		t.Run(name, func(t *testing.T) {
			bdir = filepath.Join(t.TempDir(), "backup")
			if m, err = a.Backup(ctx, bdir); err != nil {
				t.Fatal(err)
			}
			if err := damage(); err != nil {
				t.Fatal(err)
			}
			rdir := t.TempDir()
			rr, err := Restore(ctx, bdir, Config{DataDir: rdir}, false)
			if err != nil {
				t.Fatal(err)
			}
			if rr.IndexCopied || len(rr.Repaired) != 2 {
				t.Errorf("index copied %t, %d documents repaired; want a rebuild of both", rr.IndexCopied, len(rr.Repaired))
			}
			r, err := Open(ctx, Config{DataDir: rdir, NoRepair: true})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if n := hits(t, r, "", "zeespiegel"); n != 3 {
				t.Errorf("zeespiegel: %d passages after the rebuild, want 3", n)
			}
		})
	}
}

// rewriteManifest makes the manifest of the backup in dir list files,
// after change (when not nil) has changed the files.
func rewriteManifest(dir string, files []BackupFile, change func() error) error {
	if change != nil {
		if err := change(); err != nil {
			return err
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return err
	}
	var m BackupManifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return err
	}
	m.Files = files
	if raw, err = json.Marshal(m); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, manifestFile), raw, 0o600)
}
