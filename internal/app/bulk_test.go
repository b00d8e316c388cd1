package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// bulkWord is a word found only in document i (letters only, so that
// the analysis keeps it one token), in its version v.
func bulkWord(i, v int) string {
	return fmt.Sprintf("kwab%c%c%c", 'a'+i%26, 'a'+i/26%26, 'a'+v)
}

// bulkFile is a letter of paras paragraphs whose words name it.
func bulkFile(name string, i, v, paras int) BulkFile {
	var b strings.Builder
	b.WriteString("# Brief " + bulkWord(i, v) + "\n\n")
	for p := range paras {
		fmt.Fprintf(&b, "Alinea %d van de brief over het %s en de begroting.\n\n", p, bulkWord(i, v))
	}
	data := []byte(b.String())
	return BulkFile{Name: name, Read: func() ([]byte, error) { return data, nil }}
}

// found is the number of passages of any document that match word.
func found(t *testing.T, a *App, word string) int { return int(hits(t, a, "", word)) }

func failedNames(fs []BulkFailure) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	sort.Strings(out)
	return out
}

// checkClean reopens nothing: it runs CheckData with Content on a.
// openOwn opens dir for a test that closes the App itself.
func openOwn(t *testing.T, dir string) *App {
	t.Helper()
	a, err := Open(context.Background(), Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func checkClean(t *testing.T, a *App) {
	t.Helper()
	r, err := a.CheckData(context.Background(), CheckOptions{Content: true})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Clean() {
		t.Errorf("store and index differ: %+v", r.Findings)
	}
}

// TestAddDocuments loads documents in several commits and finds every
// one stored and searchable, in place and after reopening; a file whose
// id is stored or was loaded before it, and a file that does not parse,
// are refused and the others loaded; with Replace the new versions
// replace the old ones and the old passages go.
func TestAddDocuments(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openOwn(t, dir)
	if _, err := a.AddDocument(ctx, "taken.md", []byte("# Bezet\n\nDeze brief was er al.\n"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	const n, paras = 40, 7
	var files []BulkFile
	for i := range n {
		files = append(files, bulkFile(fmt.Sprintf("brief-%02d.md", i), i, 0, paras))
	}
	files = append(files,
		// The same names (letter case aside) as a stored document and
		// as a file before in the load: refused (files of other names
		// that give those ids are stored under others: docid_test.go).
		BulkFile{Name: "TAKEN.md", Read: files[0].Read},
		BulkFile{Name: "Brief-03.MD", Read: files[5].Read},
		BulkFile{Name: "kapot.txt", Read: func() ([]byte, error) { return []byte("kapot \xff\xfe"), nil }},
		BulkFile{Name: "weg.md", Read: func() ([]byte, error) { return nil, errors.New("unreadable") }},
	)
	var calls []BulkProgress
	rep, err := a.AddDocuments(ctx, files, BulkOptions{Workers: 3, BatchPassages: 3 * paras, Progress: func(p BulkProgress) { calls = append(calls, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Brief-03.MD", "TAKEN.md", "kapot.txt", "weg.md"}, failedNames(rep.Failed)); diff != "" {
		t.Errorf("refused files (-want +got):\n%s", diff)
	}
	stored := 0
	for _, d := range a.Documents() {
		if d.ID != "taken" {
			stored += d.Paragraphs
		}
	}
	if rep.Added != n || rep.Replaced != 0 || rep.Passages != stored {
		t.Errorf("report %+v, want %d added, %d passages", rep, n, stored)
	}
	// 3 documents a commit: 14 commits.
	if rep.Commits != (n+2)/3 {
		t.Errorf("%d commits, want %d", rep.Commits, (n+2)/3)
	}
	if len(calls) == 0 || calls[len(calls)-1].Done != len(files) || calls[len(calls)-1].Failed != 4 {
		t.Errorf("progress calls end with %+v", calls[len(calls)-1:])
	}
	for i := range n {
		if got := found(t, a, bulkWord(i, 0)); got < paras {
			t.Errorf("document %d: %d passages found, want at least %d", i, got, paras)
		}
	}
	checkClean(t, a)
	a.Close()

	a = openDir(t, dir)
	if got := len(a.Documents()); got != n+1 { // + taken
		t.Errorf("after reopening %d documents, want %d", got, n+1)
	}
	checkClean(t, a)

	// Replace: every third document in a new version, plus a new one.
	var again []BulkFile
	for i := 0; i < n; i += 3 {
		again = append(again, bulkFile(fmt.Sprintf("brief-%02d.md", i), i, 1, paras-2))
	}
	// A new document of more passages than a batch: analysed and indexed
	// in chunks, committed whole.
	again = append(again, bulkFile("nieuw.md", n, 1, 10*paras))
	rep, err = a.AddDocuments(ctx, again, BulkOptions{Replace: true, BatchPassages: 4 * paras})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 1 || rep.Replaced != len(again)-1 || len(rep.Failed) != 0 {
		t.Errorf("replace report %+v", rep)
	}
	// Stored: each file once, in the order given, replaced but the last.
	if len(rep.Stored) != len(again) {
		t.Fatalf("%d files reported stored, want %d", len(rep.Stored), len(again))
	}
	for k, st := range rep.Stored {
		if st.File != k || st.Replaced != (k < len(again)-1) || st.Info == nil || st.Info.Name != again[k].Name {
			t.Errorf("stored %d: file %d, replaced %v, info %+v; want file %d named %s, replaced %v", k, st.File, st.Replaced, st.Info, k, again[k].Name, k < len(again)-1)
		}
	}
	if got := found(t, a, bulkWord(n, 1)); got < 10*paras {
		t.Errorf("the large new document: %d passages found, want at least %d", got, 10*paras)
	}
	for i := 0; i < n; i += 3 {
		if old, cur := found(t, a, bulkWord(i, 0)), found(t, a, bulkWord(i, 1)); old != 0 || cur < paras-2 {
			t.Errorf("document %d after replace: %d old passages, %d new, want 0 and at least %d", i, old, cur, paras-2)
		}
	}
	checkClean(t, a)
}

// TestAddDocumentsFailedCommit: a batch whose store commit fails (a full
// disk) leaves none of its documents stored or indexed, the batches
// before it stay, and the load stops with the error.
func TestAddDocumentsFailedCommit(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openOwn(t, dir)
	const n, paras = 12, 5
	var files []BulkFile
	for i := range n {
		files = append(files, bulkFile(fmt.Sprintf("brief-%02d.md", i), i, 0, paras))
	}
	errFull := errors.New("disk full")
	commits := 0
	a.fault = func(step string) error {
		if step == "store" {
			if commits++; commits == 2 {
				return errFull
			}
		}
		return nil
	}
	rep, err := a.AddDocuments(ctx, files, BulkOptions{BatchPassages: 4 * paras})
	a.fault = nil
	if !errors.Is(err, errFull) {
		t.Fatalf("err %v, want %v", err, errFull)
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
