package app

import (
	"context"
	"testing"
)

// TestTMReplaceRefusesSkippedRow: a replace with a TSV row whose English is
// empty is refused naming the row ("line 2: no English text") in correct
// English; it said "1 of the file's units were skipped (reasons not
// given)".
func TestTMReplaceRefusesSkippedRow(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	tsv := "De junta blijft.\tThe junta remains.\nDe coup volgde.\t\n"
	_, err = a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte(tsv), Collection: "brief", Replace: true, Who: "test"})
	const want = "1 of the file's units was skipped (line 2: no English text): a replace would delete the stored segments they stand for; mend them, or import without replace"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}
