package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// letterWith returns a letter of a salutation and n paragraphs, each
// holding word: n+1 paragraphs in all.
func letterWith(word string, n int) []byte {
	var b strings.Builder
	b.WriteString("Geachte voorzitter,\n\n")
	for i := range n {
		fmt.Fprintf(&b, "Alinea %d gaat over het %s in de provincie.\n\n", i, word)
	}
	return []byte(b.String())
}

// hits returns the number of passages of doc that match word.
func hits(t *testing.T, a *App, doc, word string) uint64 {
	t.Helper()
	q, err := index.ParseQuery(word)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Index().Search(context.Background(), index.Request{Query: q, Doc: doc, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// indexedIDs returns every passage ID in a's index, sorted.
func indexedIDs(t *testing.T, a *App) []string {
	t.Helper()
	ids, err := a.Index().PassageIDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(ids)
	return ids
}

// storedIDs returns the passage IDs of every document a holds, sorted:
// what the index must hold.
func storedIDs(a *App) []string {
	var ids []string
	for _, d := range a.Documents() {
		ids = append(ids, passageIDs(d)...)
	}
	sort.Strings(ids)
	return ids
}

func openDir(t *testing.T, dir string) *App {
	t.Helper()
	a, err := Open(context.Background(), Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// TestReplaceIsAtomic replaces a document whose old version has 3
// paragraphs with one of 1,500 (two index batches) and interrupts the
// write after the first batch: by a failing index (a timeout, a full disk)
// or by the caller cancelling its context. The document is then wholly the
// old version (the write failed) or wholly the new one (a cancel after the
// write began does not stop it), in memory and after reopening the data
// directory; never missing, never mixed.
func TestReplaceIsAtomic(t *testing.T) {
	const oldParas, newParas = 3, 1500
	for _, tc := range []struct {
		name string
		// interrupt is called after the first batch is indexed; it returns
		// the error the rest of the indexing ends with.
		interrupt func(cancel context.CancelFunc) error
		wantNew   bool
	}{
		{"index fails after the first batch", func(context.CancelFunc) error { return errors.New("injected: disk full") }, false},
		{"deadline after the first batch", func(context.CancelFunc) error { return context.DeadlineExceeded }, false},
		{"caller cancels after the first batch", func(cancel context.CancelFunc) error { cancel(); return nil }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a, err := Open(context.Background(), Config{DataDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.AddDocument(context.Background(), "brief.txt", letterWith("oudewoord", oldParas), ingest.Options{}); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			a.addHook = func(wctx context.Context, ps []index.Passage) error {
				const batch = 1000
				if err := a.idx.Add(wctx, ps[:min(batch, len(ps))]); err != nil {
					return err
				}
				if err := tc.interrupt(cancel); err != nil {
					return err
				}
				return a.idx.Add(wctx, ps[min(batch, len(ps)):])
			}
			_, _, err = a.ReplaceDocument(ctx, "brief.txt", letterWith("nieuwewoord", newParas), ingest.Options{})
			if tc.wantNew != (err == nil) {
				t.Fatalf("ReplaceDocument: %v, want success %t", err, tc.wantNew)
			}
			check := func(t *testing.T, a *App) {
				wantParas, wantOld, wantNew := oldParas, uint64(oldParas), uint64(0)
				if tc.wantNew {
					wantParas, wantOld, wantNew = newParas, 0, newParas
				}
				d, err := a.Document("brief")
				if err != nil {
					t.Fatalf("GET after the interrupted replacement: %v", err)
				}
				if len(d.Paragraphs) != wantParas+1 {
					t.Errorf("stored document has %d paragraphs, want %d", len(d.Paragraphs), wantParas+1)
				}
				if n := hits(t, a, "brief", "oudewoord"); n != wantOld {
					t.Errorf("old version: %d passages found, want %d", n, wantOld)
				}
				if n := hits(t, a, "brief", "nieuwewoord"); n != wantNew {
					t.Errorf("new version: %d passages found, want %d", n, wantNew)
				}
				if diff := cmp.Diff(storedIDs(a), indexedIDs(t, a)); diff != "" {
					t.Errorf("index differs from the store (-stored +indexed):\n%.2000s", diff)
				}
			}
			t.Run("before restart", func(t *testing.T) { check(t, a) })
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
			t.Run("after restart", func(t *testing.T) { check(t, openDir(t, dir)) })
		})
	}
}

// TestReplaceCancelledBeforeWrite: a context cancelled before the write
// begins changes nothing.
func TestReplaceCancelledBeforeWrite(t *testing.T) {
	a := openDir(t, t.TempDir())
	if _, err := a.AddDocument(context.Background(), "brief.txt", letterWith("oudewoord", 2), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := a.ReplaceDocument(ctx, "brief.txt", letterWith("nieuwewoord", 2), ingest.Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("ReplaceDocument: %v, want context.Canceled", err)
	}
	if n := hits(t, a, "brief", "oudewoord"); n != 2 {
		t.Errorf("old version: %d passages, want 2", n)
	}
	if diff := cmp.Diff(storedIDs(a), indexedIDs(t, a)); diff != "" {
		t.Errorf("(-stored +indexed):\n%s", diff)
	}
}

// TestAddRefusesExistingID: the same file name again (in any case) does
// not replace the document; ReplaceDocument does, and leaves no passage
// of the old version. (Another name that gives the id gets another id:
// TestDistinctFilesDistinctIDs.)
func TestAddRefusesExistingID(t *testing.T) {
	a := openDir(t, t.TempDir())
	ctx := context.Background()
	if _, err := a.AddDocument(ctx, "dup.txt", letterWith("eerstewoord", 2), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"dup.txt", "DUP.txt", "map/dup.txt"} {
		t.Run(name, func(t *testing.T) {
			_, err := a.AddDocument(ctx, name, letterWith("tweedewoord", 3), ingest.Options{})
			var ee *ExistsError
			if !errors.As(err, &ee) || !errors.Is(err, ErrExists) {
				t.Fatalf("AddDocument: %v, want an *ExistsError", err)
			}
			if diff := cmp.Diff(ExistsError{ID: "dup", Name: "dup.txt"}, *ee); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if d, _ := a.Document("dup"); d == nil || d.Name != "dup.txt" || len(d.Paragraphs) != 3 {
				t.Errorf("stored document changed: %+v", d)
			}
			if n := hits(t, a, "dup", "tweedewoord"); n != 0 {
				t.Errorf("%d passages of the refused document indexed", n)
			}
		})
	}
	d, replaced, err := a.ReplaceDocument(ctx, "DUP.txt", letterWith("tweedewoord", 3), ingest.Options{})
	if err != nil || !replaced {
		t.Fatalf("ReplaceDocument: replaced %t, %v", replaced, err)
	}
	if d.ID != "dup" || d.Name != "DUP.txt" {
		t.Errorf("replaced: id %q name %q", d.ID, d.Name)
	}
	if o, n := hits(t, a, "dup", "eerstewoord"), hits(t, a, "dup", "tweedewoord"); o != 0 || n != 3 {
		t.Errorf("after replace: %d old and %d new passages, want 0 and 3", o, n)
	}
	if diff := cmp.Diff(storedIDs(a), indexedIDs(t, a)); diff != "" {
		t.Errorf("(-stored +indexed):\n%s", diff)
	}
}

// TestOpenReconcilesByContent builds a data directory, then puts its index
// in the states a crash inside a write can leave (and one the count-based
// check of old missed: another version's passages, as many as the stored
// version has) and expects reopening to repair each.
func TestOpenReconcilesByContent(t *testing.T) {
	stale := func(doc, word string, paras int, v string) []index.Passage {
		var ps []index.Passage
		for i := range paras {
			ps = append(ps, index.Passage{ID: passageID(doc, v, i+1), Doc: doc, Title: doc, Paragraph: i + 1,
				Text: fmt.Sprintf("Alinea over het %s.", word)})
		}
		return ps
	}
	for _, tc := range []struct {
		name string
		// corrupt changes the closed data directory's index; a is the
		// App before it was closed, for the stored versions.
		corrupt func(t *testing.T, ix *index.Index, a *App)
		// gone are words the repaired index must not find in doc "a".
		gone []string
	}{
		{"another version, same passage count", func(t *testing.T, ix *index.Index, a *App) {
			d, _ := a.DocumentInfo("a")
			if err := ix.Delete(context.Background(), passageIDs(d)); err != nil {
				t.Fatal(err)
			}
			if err := ix.Add(context.Background(), stale("a", "spookwoord", d.Paragraphs, "0000aaaa")); err != nil {
				t.Fatal(err)
			}
		}, []string{"spookwoord"}},
		{"both versions (crash before the store commit)", func(t *testing.T, ix *index.Index, a *App) {
			if err := ix.Add(context.Background(), stale("a", "spookwoord", 5, "0000bbbb")); err != nil {
				t.Fatal(err)
			}
		}, []string{"spookwoord"}},
		{"passages without a version (older tolk)", func(t *testing.T, ix *index.Index, a *App) {
			ps := stale("a", "spookwoord", 2, "")
			for i := range ps {
				ps[i].ID = fmt.Sprintf("a#%d", i+1)
			}
			if err := ix.Add(context.Background(), ps); err != nil {
				t.Fatal(err)
			}
		}, []string{"spookwoord"}},
		{"orphans of a deleted document", func(t *testing.T, ix *index.Index, a *App) {
			if err := ix.Add(context.Background(), stale("weg", "spookwoord", 4, "0000cccc")); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"a passage missing", func(t *testing.T, ix *index.Index, a *App) {
			d, _ := a.DocumentInfo("b")
			if err := ix.Delete(context.Background(), passageIDs(d)[:1]); err != nil {
				t.Fatal(err)
			}
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a, err := Open(context.Background(), Config{DataDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range []struct {
				name, word string
				n          int
			}{{"a.txt", "appelwoord", 3}, {"b.txt", "perenwoord", 4}} {
				if _, err := a.AddDocument(context.Background(), d.name, letterWith(d.word, d.n), ingest.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			want := storedIDs(a)
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
			ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
			if err != nil {
				t.Fatal(err)
			}
			tc.corrupt(t, ix, a)
			if got, _ := ix.PassageIDs(context.Background()); len(got) == len(want) && tc.name != "another version, same passage count" {
				t.Fatalf("corruption changed nothing the IDs show")
			}
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}

			b := openDir(t, dir)
			if diff := cmp.Diff(want, indexedIDs(t, b)); diff != "" {
				t.Errorf("after reopening (-want +indexed):\n%s", diff)
			}
			if n := hits(t, b, "a", "appelwoord"); n != 3 {
				t.Errorf("a: %d passages of the stored text, want 3", n)
			}
			if n := hits(t, b, "b", "perenwoord"); n != 4 {
				t.Errorf("b: %d passages of the stored text, want 4", n)
			}
			for _, w := range tc.gone {
				if n := hits(t, b, "", w); n != 0 {
					t.Errorf("%q still found in %d passages", w, n)
				}
			}
			if n := hits(t, b, "weg", "spookwoord"); n != 0 {
				t.Errorf("orphan passages still found: %d", n)
			}
		})
	}
}

// TestReplaceKeepsAdded: a replacement keeps the time the document was
// first added and records when its content was replaced, through one
// document's write and a bulk load, and after reopening the data
// directory; an identical version replaces nothing and keeps both times.
func TestReplaceKeepsAdded(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openDir(t, dir)
	if _, err := a.AddDocument(ctx, "brief.txt", letterWith("waterschap", 2), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	first, err := a.DocumentInfo("brief")
	if err != nil {
		t.Fatal(err)
	}
	if !first.Replaced.IsZero() {
		t.Errorf("a new document has replaced %v", first.Replaced)
	}
	check := func(what string, a *App, replaced bool) {
		t.Helper()
		info, err := a.DocumentInfo("brief")
		if err != nil {
			t.Fatal(err)
		}
		doc, err := a.Document("brief")
		if err != nil {
			t.Fatal(err)
		}
		if !info.Added.Equal(first.Added) || !doc.Added.Equal(first.Added) {
			t.Errorf("%s: added %v (document %v), want the first %v", what, info.Added, doc.Added, first.Added)
		}
		if info.Replaced.IsZero() == replaced || !doc.Replaced.Equal(info.Replaced) || replaced && info.Replaced.Before(first.Added) {
			t.Errorf("%s: replaced %v (document %v), want replaced %t after %v", what, info.Replaced, doc.Replaced, replaced, first.Added)
		}
	}
	if _, _, err := a.ReplaceDocument(ctx, "brief.txt", letterWith("waterschap", 2), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	check("identical version", a, false)
	if _, _, err := a.ReplaceDocument(ctx, "brief.txt", letterWith("dijkgraaf", 3), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	check("replaced", a, true)
	before, _ := a.DocumentInfo("brief")
	files := []BulkFile{{Name: "brief.txt", Read: func() ([]byte, error) { return letterWith("polder", 4), nil }}}
	if _, err := a.AddDocuments(ctx, files, BulkOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	check("bulk replace", a, true)
	after, _ := a.DocumentInfo("brief")
	if after.Replaced.Before(before.Replaced) {
		t.Errorf("bulk replace: replaced %v, before the single replace's %v", after.Replaced, before.Replaced)
	}
	a.Close()
	check("reopened", openDir(t, dir), true)
}
