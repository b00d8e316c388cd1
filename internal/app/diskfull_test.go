package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
	"github.com/tolk-nl/tolk/internal/tmpfstest"
)

// errFull is what a write to a full disk fails with.
var errFull = &fs.PathError{Op: "write", Path: "injected", Err: syscall.ENOSPC}

// guarded runs f and turns a panic into an error: a panic is one of the
// defects these tests look for.
func guarded(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return f()
}

// docState is what a test expects of one document: stored (GET-able, its
// passages and only they indexed) or absent (no GET, no passage found).
type docState struct {
	word   string // a word in each of its paragraphs and nowhere else
	paras  int    // its paragraphs besides the salutation
	stored bool
}

// checkDocs checks every document of want in a, and that the index holds
// exactly the passages of the stored documents.
func checkDocs(t *testing.T, a *App, want map[string]docState) {
	t.Helper()
	for id, w := range want {
		_, gerr := a.Document(id)
		var n uint64
		if err := guarded(func() error { n = hits(t, a, "", w.word); return nil }); err != nil {
			t.Errorf("%s: search: %v", id, err)
		}
		switch {
		case w.stored && gerr != nil:
			t.Errorf("%s: acknowledged but not stored: %v", id, gerr)
		case w.stored && n != uint64(w.paras):
			t.Errorf("%s: acknowledged, %d passages found, want %d", id, n, w.paras)
		case !w.stored && gerr == nil:
			t.Errorf("%s: failed but stored", id)
		case !w.stored && n != 0:
			t.Errorf("%s: failed, yet %d of its passages found", id, n)
		}
	}
	if diff := cmp.Diff(storedIDs(a), indexedIDs(t, a)); diff != "" {
		t.Errorf("index differs from the store (-stored +indexed):\n%.2000s", diff)
	}
}

// TestFailedDocumentWriteLeavesNoTrace fails each step of adding,
// replacing and deleting a document as a full disk would (the store's
// commit, indexing the passages, removing passages) and checks, in place
// and after reopening the data directory, that a write that failed left
// nothing and one that succeeded is whole. The error of a failed write
// says the disk is full (store.NoSpace).
func TestFailedDocumentWriteLeavesNoTrace(t *testing.T) {
	const oldWord, newWord, otherWord = "oudewoordje", "nieuwewoordje", "anderwoordje"
	for _, tc := range []struct {
		name string
		step string // the step that fails: "store", "index-delete" (App.fault) or "index" (addHook)
		// write is the write under test on a data dir that holds brief
		// (3 paragraphs of oldWord) and ander (2 of otherWord).
		write func(a *App) error
		// fails says whether the write reports an error; want is what
		// the data dir then holds of brief and of nieuw.
		fails      bool
		brief      docState
		nieuw      docState
		beforeWord string
	}{
		{name: "add: store commit fails", step: "store",
			write: func(a *App) error {
				_, err := a.AddDocument(context.Background(), "nieuw.txt", letterWith(newWord, 4), ingest.Options{})
				return err
			},
			fails: true, brief: docState{oldWord, 3, true}, nieuw: docState{newWord, 4, false}},
		{name: "add: indexing fails", step: "index",
			write: func(a *App) error {
				_, err := a.AddDocument(context.Background(), "nieuw.txt", letterWith(newWord, 4), ingest.Options{})
				return err
			},
			fails: true, brief: docState{oldWord, 3, true}, nieuw: docState{newWord, 4, false}},
		{name: "replace: store commit fails", step: "store",
			write: func(a *App) error {
				_, _, err := a.ReplaceDocument(context.Background(), "brief.txt", letterWith(newWord, 5), ingest.Options{})
				return err
			},
			fails: true, brief: docState{oldWord, 3, true}, nieuw: docState{newWord, 5, false}},
		{name: "replace: indexing fails", step: "index",
			write: func(a *App) error {
				_, _, err := a.ReplaceDocument(context.Background(), "brief.txt", letterWith(newWord, 5), ingest.Options{})
				return err
			},
			fails: true, brief: docState{oldWord, 3, true}, nieuw: docState{newWord, 5, false}},
		{name: "replace: removing the old passages fails", step: "index-delete",
			write: func(a *App) error {
				_, _, err := a.ReplaceDocument(context.Background(), "brief.txt", letterWith(newWord, 5), ingest.Options{})
				return err
			},
			// Committed: the new version is the document; the old
			// passages go at the next start.
			fails: false, brief: docState{newWord, 5, true}, nieuw: docState{oldWord, 3, false}},
		{name: "delete: store commit fails", step: "store",
			write: func(a *App) error { return a.DeleteDocument(context.Background(), "brief") },
			fails: true, brief: docState{oldWord, 3, true}, nieuw: docState{newWord, 1, false}},
		{name: "delete: removing the passages fails", step: "index-delete",
			write: func(a *App) error { return a.DeleteDocument(context.Background(), "brief") },
			// Committed in the store: the deletion stands and is not
			// reported as failed; the passages go at the next start.
			fails: false, brief: docState{oldWord, 3, false}, nieuw: docState{newWord, 1, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a, err := Open(context.Background(), Config{DataDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			for name, data := range map[string][]byte{"brief.txt": letterWith(oldWord, 3), "ander.txt": letterWith(otherWord, 2)} {
				if _, err := a.AddDocument(context.Background(), name, data, ingest.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			switch tc.step {
			case "index":
				a.addHook = func(ctx context.Context, ps []index.Passage) error {
					// Half the passages reach the index before the failure.
					if err := a.idx.Add(ctx, ps[:len(ps)/2]); err != nil {
						return err
					}
					return fmt.Errorf("index: add: %w", errFull)
				}
			default:
				a.fault = func(step string) error {
					if step == tc.step {
						return fmt.Errorf("injected at %s: %w", step, errFull)
					}
					return nil
				}
			}
			err = guarded(func() error { return tc.write(a) })
			switch {
			case tc.fails && !store.NoSpace(err):
				t.Errorf("write: %v, want an error saying the disk is full", err)
			case !tc.fails && err != nil:
				t.Errorf("write: %v, want success (the store committed it)", err)
			}
			a.addHook, a.fault = nil, nil
			want := map[string]docState{"ander": {otherWord, 2, true}}
			if tc.brief.stored {
				want["brief"] = tc.brief
			} else {
				want["brief"] = docState{tc.brief.word, tc.brief.paras, false}
			}
			// nieuw names both a new document and a replacement's new
			// version: absent, its word finds nothing.
			want["nieuw"] = tc.nieuw
			t.Run("in place", func(t *testing.T) {
				if tc.step == "index-delete" && !tc.fails {
					// The passages removing failed for are still
					// indexed until the next start: only the store
					// side is checked here.
					if _, err := a.Document("nieuw"); err == nil {
						t.Error("nieuw stored")
					}
					return
				}
				checkDocs(t, a, want)
			})
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
			t.Run("reopened", func(t *testing.T) { checkDocs(t, openDir(t, dir), want) })
		})
	}
}

// fillUntilFull adds documents of paras paragraphs to a until adds fail
// for want of space (at least minFailures of them, at most max adds) and
// returns what each add promised. Every error must say the disk is full;
// no add may panic.
func fillUntilFull(t *testing.T, a *App, prefix string, paras, minFailures, max int) map[string]docState {
	t.Helper()
	want := map[string]docState{}
	failures := 0
	for i := 0; failures < minFailures && i < max; i++ {
		id := fmt.Sprintf("%s%d", prefix, i)
		word := fmt.Sprintf("%swoord%dq", prefix, i)
		err := guarded(func() error {
			_, err := a.AddDocument(context.Background(), id+".txt", letterWith(word, paras), ingest.Options{})
			return err
		})
		switch {
		case err == nil:
			want[id] = docState{word, paras, true}
		case store.NoSpace(err):
			want[id] = docState{word, paras, false}
			failures++
		default:
			t.Fatalf("add %s: %v, want success or a full disk", id, err)
		}
	}
	return want
}

// TestDiskFullDocuments fills a small real file system (a tmpfs holding
// the whole data directory) with documents until adds fail, then deletes
// and replaces on the full disk, and reopens the data directory on the
// full disk and again with room: every acknowledged document is stored and
// searchable, no failed one is, and nothing panicked.
func TestDiskFullDocuments(t *testing.T) {
	dir := tmpfstest.Mount(t, 3<<20)
	a, err := Open(context.Background(), Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if a != nil {
			a.Close()
		}
	}()
	want := fillUntilFull(t, a, "vol", 40, 10, 1000)
	stored := 0
	for _, w := range want {
		if w.stored {
			stored++
		}
	}
	if stored == 0 || stored == len(want) {
		t.Fatalf("%d of %d adds stored: the disk never filled, or nothing fitted", stored, len(want))
	}
	t.Logf("%d adds stored, %d failed for want of space (%d bytes free)", stored, len(want)-stored, tmpfstest.Free(t, dir))
	// On the full disk: a delete and a replacement either succeed whole or
	// fail saying the disk is full.
	for id, w := range want {
		if !w.stored {
			continue
		}
		err := guarded(func() error { return a.DeleteDocument(context.Background(), id) })
		switch {
		case err == nil:
			want[id] = docState{w.word, w.paras, false}
		case !store.NoSpace(err):
			t.Errorf("delete %s on the full disk: %v", id, err)
		}
		break
	}
	for id, w := range want {
		if !w.stored {
			continue
		}
		word := "vervangen" + w.word
		err := guarded(func() error {
			_, _, err := a.ReplaceDocument(context.Background(), id+".txt", letterWith(word, 7), ingest.Options{})
			return err
		})
		switch {
		case err == nil:
			want[id] = docState{word, 7, true}
			want[id+"-oud"] = docState{w.word, w.paras, false}
		case store.NoSpace(err):
			want[id+"-nieuw"] = docState{word, 7, false}
		default:
			t.Errorf("replace %s on the full disk: %v", id, err)
		}
		break
	}
	t.Run("in place", func(t *testing.T) { checkDocs(t, a, want) })
	if err := a.Close(); err != nil && !errors.Is(err, index.ErrNotPersisted) {
		t.Errorf("Close: %v", err)
	}
	t.Run("reopened on the full disk", func(t *testing.T) {
		if a, err = Open(context.Background(), Config{DataDir: dir}); err != nil {
			t.Fatalf("Open on the full disk: %v", err)
		}
		checkDocs(t, a, want)
		if err := a.Close(); err != nil && !errors.Is(err, index.ErrNotPersisted) {
			t.Errorf("Close: %v", err)
		}
	})
	tmpfstest.Resize(t, dir, 64<<20)
	t.Run("reopened with room", func(t *testing.T) {
		if a, err = Open(context.Background(), Config{DataDir: dir}); err != nil {
			t.Fatal(err)
		}
		checkDocs(t, a, want)
		if _, err := a.AddDocument(context.Background(), "ruimte.txt", letterWith("ruimtewoord", 2), ingest.Options{}); err != nil {
			t.Errorf("an add once there is room: %v", err)
		}
	})
}

// TestIndexDiskFull puts only the index's segment files on a small tmpfs,
// so that the store takes every write and bleve's persister fails: every
// add is acknowledged and searchable, and stays so after reopening on the
// full disk (the store has them; start-up indexes what the disk lacks)
// and with room.
func TestIndexDiskFull(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(context.Background(), Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	// Move the empty index's segment files onto a tmpfs with little room:
	// the index finds them through a symbolic link.
	mnt := tmpfstest.Mount(t, 256<<10)
	segs := filepath.Join(dir, "index", "store")
	files, err := os.ReadDir(segs)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		copyTestFile(t, filepath.Join(segs, f.Name()), filepath.Join(mnt, f.Name()))
	}
	if err := os.RemoveAll(segs); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(mnt, segs); err != nil {
		t.Fatal(err)
	}
	if a, err = Open(context.Background(), Config{DataDir: dir}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if a != nil {
			a.Close()
		}
	}()
	want := fillUntilFull(t, a, "ix", 40, 1, 40)
	for id, w := range want {
		if !w.stored {
			t.Errorf("add %s failed, though only the index's disk is full", id)
		}
	}
	// bleve persists in the background: wait until it has written
	// everything or given up, so that a fast machine does not look here
	// before the persister has tried.
	fctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	ferr := a.Index().Flush(fctx)
	cancel()
	if n := a.Index().PersistFailures(); n == 0 {
		t.Fatalf("the index's disk never filled (%d bytes free; flush: %v)", tmpfstest.Free(t, mnt), ferr)
	}
	t.Run("in place", func(t *testing.T) { checkDocs(t, a, want) })
	if err := a.Close(); err != nil && !errors.Is(err, index.ErrNotPersisted) {
		t.Errorf("Close: %v", err)
	}
	t.Run("reopened on the full disk", func(t *testing.T) {
		if a, err = Open(context.Background(), Config{DataDir: dir}); err != nil {
			t.Fatalf("Open with the index's disk full: %v", err)
		}
		checkDocs(t, a, want)
		if err := a.Close(); err != nil && !errors.Is(err, index.ErrNotPersisted) {
			t.Errorf("Close: %v", err)
		}
	})
	tmpfstest.Resize(t, mnt, 64<<20)
	t.Run("reopened with room", func(t *testing.T) {
		if a, err = Open(context.Background(), Config{DataDir: dir}); err != nil {
			t.Fatal(err)
		}
		checkDocs(t, a, want)
		if err := a.Index().Flush(context.Background()); err != nil {
			t.Errorf("Flush with room: %v", err)
		}
	})
}

func copyTestFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
