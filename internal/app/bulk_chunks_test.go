package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestAddDocumentsBigRefused: documents of more than a batch, analysed in
// chunks by the worker that parsed them while their commit indexes the
// chunks before, are loaded whole; one that is refused (its id stored
// before the load, or loaded before it in the load) does not hold up its
// worker, even when it is the only one.
func TestAddDocumentsBigRefused(t *testing.T) {
	ctx := context.Background()
	a := openOwn(t, t.TempDir())
	defer a.Close()
	const paras, batch = 12, 5 // each document is over two batches
	if _, err := a.AddDocuments(ctx, []BulkFile{bulkFile("taken.md", 0, 0, paras)}, BulkOptions{BatchPassages: batch}); err != nil {
		t.Fatal(err)
	}
	files := []BulkFile{
		bulkFile("taken.md", 0, 1, paras), // stored: refused at its commit
		bulkFile("a.md", 1, 0, paras),
		bulkFile("a.md", 2, 0, paras), // a's id again: refused before its commit
		bulkFile("b.md", 3, 0, 2),
		bulkFile("c.md", 4, 0, paras),
	}
	for _, workers := range []int{1, 3} {
		done := make(chan struct{})
		var rep BulkReport
		var err error
		go func() {
			defer close(done)
			rep, err = a.AddDocuments(ctx, files, BulkOptions{BatchPassages: batch, Workers: workers})
		}()
		select {
		case <-done:
		case <-time.After(time.Minute):
			t.Fatalf("%d workers: the load did not end", workers)
		}
		if err != nil {
			t.Fatal(err)
		}
		if workers > 1 {
			// All stored by the first round: every file refused.
			if len(rep.Failed) != len(files) {
				t.Errorf("%d workers, second load: %d refused, want all %d", workers, len(rep.Failed), len(files))
			}
			continue
		}
		if diff := cmp.Diff([]string{"a.md", "taken.md"}, failedNames(rep.Failed)); diff != "" {
			t.Errorf("refused (-want +got):\n%s", diff)
		}
		if rep.Added != 3 || rep.Passages != 2*paras+2 {
			t.Errorf("report %+v, want 3 added with %d passages", rep, 2*paras+2)
		}
		for i, want := range []int{paras, paras, 0, 2, paras} {
			if got := found(t, a, bulkWord(i, 0)); i > 0 && got != want {
				t.Errorf("document %d: %d passages found, want %d", i, got, want)
			}
		}
		if found(t, a, bulkWord(0, 1)) != 0 {
			t.Errorf("the refused version of taken.md is indexed")
		}
	}
	checkClean(t, a)
}

// TestAddDocumentsFailedIndex: a batch of new documents whose passages
// fail while its store commit, run at the same time, succeeds is taken
// out of the store again: none of its documents stays, the batches
// before it do, and the load stops with the error.
func TestAddDocumentsFailedIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openOwn(t, dir)
	const n, paras = 12, 5
	var files []BulkFile
	for i := range n {
		files = append(files, bulkFile(fmt.Sprintf("brief-%02d.md", i), i, 0, paras))
	}
	errFail := errors.New("segment build failed")
	var mu sync.Mutex // the store step runs beside the index step
	indexed, storedAll := 0, 0
	a.fault = func(step string) error {
		mu.Lock()
		defer mu.Unlock()
		switch step {
		case "index":
			if indexed++; indexed == 2 {
				return errFail
			}
		case "store":
			storedAll++
		}
		return nil
	}
	rep, err := a.AddDocuments(ctx, files, BulkOptions{BatchPassages: 4 * paras})
	a.fault = nil
	if !errors.Is(err, errFail) {
		t.Fatalf("err %v, want %v", err, errFail)
	}
	if storedAll != 2 {
		t.Errorf("%d store commits, want 2 (the failed batch's ran beside its index step)", storedAll)
	}
	if rep.Added != 4 || rep.Commits != 1 {
		t.Errorf("report %+v, want the first batch of 4", rep)
	}
	for i := range n {
		if got := found(t, a, bulkWord(i, 0)); (got > 0) != (i < 4) {
			t.Errorf("document %d: %d passages found", i, got)
		}
		if _, err := a.DocumentInfo(fmt.Sprintf("brief-%02d", i)); (err == nil) != (i < 4) {
			t.Errorf("document %d stored: %v", i, err)
		}
	}
	checkClean(t, a)
	a.Close()
	a = openDir(t, dir)
	checkClean(t, a)
	if got := len(a.Documents()); got != 4 {
		t.Errorf("after reopening %d documents, want 4", got)
	}
}

// TestAddDocumentsProgressEnd: the end of a load is reported once, also
// when its last file fills the last batch (reported after that commit).
func TestAddDocumentsProgressEnd(t *testing.T) {
	a := openOwn(t, t.TempDir())
	defer a.Close()
	const paras = 3
	var files []BulkFile
	for i := range 4 {
		files = append(files, bulkFile(fmt.Sprintf("brief-%d.md", i), i, 0, paras))
	}
	var ends []BulkProgress
	_, err := a.AddDocuments(context.Background(), files, BulkOptions{BatchPassages: 2 * paras, Progress: func(p BulkProgress) {
		if p.Done == p.Total {
			p.Elapsed = 0
			ends = append(ends, p)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []BulkProgress{{Done: 4, Total: 4, Passages: 4 * paras, Commits: 2}}
	if diff := cmp.Diff(want, ends); diff != "" {
		t.Errorf("progress at the end (-want +got):\n%s", diff)
	}
}

// TestAddDocumentsProgressBytes: with the files' sizes given, each
// progress report counts the bytes of the files handled so far, of all of
// them.
func TestAddDocumentsProgressBytes(t *testing.T) {
	a := openOwn(t, t.TempDir())
	defer a.Close()
	const paras = 3
	var files []BulkFile
	var sizes []int64
	for i := range 5 {
		f := bulkFile(fmt.Sprintf("brief-%d.md", i), i, 0, paras*(i+1))
		data, _ := f.Read()
		f.Size = int64(len(data))
		files = append(files, f)
		sizes = append(sizes, f.Size)
	}
	var total int64
	prefix := []int64{0}
	for _, s := range sizes {
		total += s
		prefix = append(prefix, total)
	}
	var got []BulkProgress
	_, err := a.AddDocuments(context.Background(), files, BulkOptions{BatchPassages: 2 * paras, Progress: func(p BulkProgress) {
		got = append(got, p)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 2 {
		t.Fatalf("%d progress reports, want one per commit", len(got))
	}
	for _, p := range got {
		if p.TotalBytes != total || p.Bytes != prefix[p.Done] {
			t.Errorf("progress at %d of %d files: %d of %d bytes, want %d of %d", p.Done, p.Total, p.Bytes, p.TotalBytes, prefix[p.Done], total)
		}
	}
	if last := got[len(got)-1]; last.Done != len(files) || last.Bytes != total {
		t.Errorf("last report: %d files, %d bytes; want %d, %d", last.Done, last.Bytes, len(files), total)
	}
}
