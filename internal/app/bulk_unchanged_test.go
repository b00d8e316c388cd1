package app

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAddDocumentsSkipUnchanged: with SkipUnchanged a file whose document
// is stored in the same version is left out and named in the report, a
// changed file is loaded (here replacing), and the check is against the
// store as the load started, as Unchanged before the load would say: a
// file that repeats the stored version after another file of the same
// load replaced it is still left out.
func TestAddDocumentsSkipUnchanged(t *testing.T) {
	ctx := context.Background()
	a := openOwn(t, t.TempDir())
	defer a.Close()
	first := []BulkFile{bulkFile("a.md", 0, 0, 3), bulkFile("b.md", 1, 0, 3), bulkFile("c.md", 2, 0, 3)}
	if _, err := a.AddDocuments(ctx, first, BulkOptions{SkipUnchanged: true}); err != nil {
		t.Fatal(err)
	}
	files := []BulkFile{
		bulkFile("a.md", 0, 0, 3), // unchanged
		bulkFile("b.md", 1, 1, 3), // changed: replaces
		bulkFile("b.md", 1, 0, 3), // b's stored version when the load started
		bulkFile("c.md", 2, 0, 3), // unchanged
		bulkFile("d.md", 3, 0, 3), // new
	}
	for i := range files {
		if want, got := i == 0 || i == 2 || i == 3, a.Unchanged(files[i].Name, mustRead(t, files[i])); got != want {
			t.Fatalf("file %d: Unchanged says %v before the load", i, got)
		}
	}
	rep, err := a.AddDocuments(ctx, files, BulkOptions{SkipUnchanged: true, Replace: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{0, 2, 3}, rep.Unchanged); diff != "" {
		t.Errorf("Unchanged (-want +got):\n%s", diff)
	}
	if rep.Added != 1 || rep.Replaced != 1 || len(rep.Failed) != 0 {
		t.Errorf("report %+v, want 1 added, 1 replaced, none failed", rep)
	}
	if found(t, a, bulkWord(1, 1)) == 0 || found(t, a, bulkWord(1, 0)) != 0 {
		t.Errorf("b is not the changed version")
	}
	if found(t, a, bulkWord(3, 0)) == 0 {
		t.Errorf("d was not loaded")
	}
	// Without SkipUnchanged an unchanged file is loaded like any other:
	// refused, since its id is stored.
	rep, err = a.AddDocuments(ctx, files[:1], BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Unchanged) != 0 || len(rep.Failed) != 1 {
		t.Errorf("without SkipUnchanged: %+v", rep)
	}
	checkClean(t, a)
}

func mustRead(t *testing.T, f BulkFile) []byte {
	t.Helper()
	data, err := f.Read()
	if err != nil {
		t.Fatal(err)
	}
	return data
}
