package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
)

// addLetters adds n small letters to a.
func addLetters(t *testing.T, a *App, n int) {
	t.Helper()
	for i := range n {
		name, data := smallLetter(i)
		if _, err := a.AddDocument(context.Background(), name, data, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
}

// passageCount is what the index holds.
func passageCount(t *testing.T, a *App) uint64 {
	t.Helper()
	n, err := a.idx.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCleanStart: after a clean Close the next start does not check the
// index against the store, and takes the mark away; without the mark (a
// process that did not close: killed) it checks and repairs.
func TestCleanStart(t *testing.T) {
	dir := t.TempDir()
	a, closeA := openWith(t, dir, 0)
	if !a.startChecked {
		t.Error("the first start did not check the index")
	}
	addLetters(t, a, 5)
	want := passageCount(t, a)
	if err := closeA(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, cleanFile)); err != nil {
		t.Fatalf("no clean-shutdown mark after Close: %v", err)
	}

	b, _ := openWith(t, dir, 0)
	if b.startChecked {
		t.Error("a start after a clean Close checked the index")
	}
	if _, err := os.Stat(filepath.Join(dir, cleanFile)); !os.IsNotExist(err) {
		t.Errorf("the mark is still there while the App is open: %v", err)
	}
	if got := passageCount(t, b); got != want {
		t.Errorf("index holds %d passages, want %d", got, want)
	}
	// A write cut short by a kill: passages indexed (step 1 of
	// putDocument), the store never committed, and no Close. The lexicon
	// Open reads in the background uses the index: wait for it before the
	// index is taken away (the race detector saw the read and the write
	// below unordered).
	b.Lexicon()
	extra := []index.Passage{{ID: "brief-999@0123456789abcdef01234567#1", Doc: "brief-999", Paragraph: 1, Text: "een passage die de opslag niet kent"}}
	if err := b.idx.Add(context.Background(), extra); err != nil {
		t.Fatal(err)
	}
	if err := b.idx.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.store.Close(); err != nil {
		t.Fatal(err)
	}
	b.idx, b.store = nil, nil // the test's cleanup closes nothing twice

	c, _ := openWith(t, dir, 0)
	if !c.startChecked {
		t.Error("a start after a kill did not check the index")
	}
	if got := passageCount(t, c); got != want {
		t.Errorf("after the check the index holds %d passages, want %d (the killed write's removed)", got, want)
	}
}

// TestCleanMarkRefused: a mark that no longer describes the data (the
// index or the store written since, by another program or a restored
// copy) is not trusted.
func TestCleanMarkRefused(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
	}{
		{"index written", func(t *testing.T, dir string) {
			ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
			if err != nil {
				t.Fatal(err)
			}
			// As many passages as before: one removed, one added.
			ids, err := ix.PassageIDs(ctx)
			if err != nil || len(ids) == 0 {
				t.Fatal(err, len(ids))
			}
			if err := ix.Delete(ctx, ids[:1]); err != nil {
				t.Fatal(err)
			}
			if err := ix.Add(ctx, []index.Passage{{ID: "spook@0123456789abcdef01234567#1", Doc: "spook", Paragraph: 1, Text: "zonder document"}}); err != nil {
				t.Fatal(err)
			}
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
		}},
		{"store written", func(t *testing.T, dir string) {
			st, err := store.Open(filepath.Join(dir, "tolk.db"))
			if err != nil {
				t.Fatal(err)
			}
			if err := st.MarkSeeded("test"); err != nil {
				t.Fatal(err)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
		}},
		{"mark unreadable", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, cleanFile), []byte("{"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a, closeA := openWith(t, dir, 0)
			addLetters(t, a, 3)
			want := passageCount(t, a)
			if err := closeA(); err != nil {
				t.Fatal(err)
			}
			tt.change(t, dir)
			b, _ := openWith(t, dir, 0)
			if !b.startChecked {
				t.Error("the start trusted a mark that no longer holds")
			}
			if got := passageCount(t, b); got != want {
				t.Errorf("index holds %d passages after the check, want %d", got, want)
			}
		})
	}
}

// TestCleanMarkNoRepair: a start that only reports (tolk check) leaves no
// mark, so the next start checks again.
func TestCleanMarkNoRepair(t *testing.T) {
	dir := t.TempDir()
	a, closeA := openWith(t, dir, 0)
	addLetters(t, a, 2)
	if err := closeA(); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, cleanFile))
	b, err := Open(context.Background(), Config{DataDir: dir, NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, cleanFile)); !os.IsNotExist(err) {
		t.Errorf("a start without repair left a mark: %v", err)
	}
}
