package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// count returns the number of passages that match word, failing the test
// on an error and reporting a panic as an error.
func count(t *testing.T, ix *Index, word string) (n uint64) {
	t.Helper()
	defer func() {
		if v := recover(); v != nil {
			t.Errorf("search %q panicked: %v", word, v)
		}
	}()
	q, err := ParseQuery(word)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Request{Query: q, Limit: 1})
	if err != nil {
		t.Fatalf("search %q: %v", word, err)
	}
	return res.Total
}

// safely runs f, turning a panic into an error.
func safely(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return f()
}

func wordPassages(doc, word string, n int) []Passage {
	ps := make([]Passage, n)
	for i := range ps {
		ps[i] = Passage{ID: fmt.Sprintf("%s#%d", doc, i), Doc: doc, Paragraph: i,
			Text: fmt.Sprintf("Alinea %d over de %s in de provincie.", i, word)}
	}
	return ps
}

// TestPersisterFails makes bleve's persister fail, as a full disk does,
// by putting a file where the index keeps its segment files: adding and
// deleting passages goes on in memory without an error or a panic, Flush
// says the index is not on disk, and once the disk takes writes again
// everything reaches it. (With bleve's safe batches the add failed and
// the delete after it panicked: the failed batch's segment was in the
// index, closed.)
func TestPersisterFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	ctx := context.Background()
	if err := ix.Add(ctx, wordPassages("oud", "appelboom", 3)); err != nil {
		t.Fatal(err)
	}
	if err := ix.Flush(ctx); err != nil {
		t.Fatalf("Flush: %v", err)
	}

	segs, away := filepath.Join(dir, "store"), filepath.Join(dir, "store.away")
	if err := os.Rename(segs, away); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(segs, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	failing := ix.PersistFailures()
	if err := safely(func() error { return ix.Add(ctx, wordPassages("nieuw", "perenboom", 2)) }); err != nil {
		t.Errorf("Add while the disk fails: %v, want nil (the passages are in the index in memory)", err)
	}
	if n := count(t, ix, "perenboom"); n != 2 {
		t.Errorf("perenboom: %d passages, want 2", n)
	}
	fctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := ix.Flush(fctx); !errors.Is(err, ErrNotPersisted) {
		t.Errorf("Flush while the disk fails: %v, want ErrNotPersisted", err)
	}
	if ix.PersistFailures() <= failing {
		t.Errorf("PersistFailures stayed at %d", failing)
	}
	if err := safely(func() error { return ix.Delete(ctx, []string{"nieuw#0", "nieuw#1", "oud#2"}) }); err != nil {
		t.Errorf("Delete while the disk fails: %v", err)
	}
	if n := count(t, ix, "perenboom"); n != 0 {
		t.Errorf("perenboom after the delete: %d passages, want 0", n)
	}
	if n := count(t, ix, "appelboom"); n != 2 {
		t.Errorf("appelboom after the delete: %d passages, want 2", n)
	}

	// The disk takes writes again.
	if err := os.Remove(segs); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(away, segs); err != nil {
		t.Fatal(err)
	}
	if err := ix.Flush(fctx); err != nil {
		t.Errorf("Flush once the disk takes writes: %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if ix, err = Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	ids, err := ix.PassageIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 2 || count(t, ix, "appelboom") != 2 || count(t, ix, "perenboom") != 0 {
		t.Errorf("after reopening: passages %q, want oud#0 and oud#1", ids)
	}
}

// TestCloseFlushes: what was added just before Close is there when the
// index is opened again (Add no longer waits for the disk; Close does).
func TestCloseFlushes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ctx := context.Background()
	for round := range 3 {
		ix, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.Add(ctx, wordPassages(fmt.Sprintf("doc%d", round), "kersenboom", 1500)); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.Count(); err != nil || n != 4500 {
		t.Errorf("Count after reopening: %d, %v; want 4500", n, err)
	}
}
