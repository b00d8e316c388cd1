package exchange

import (
	"strings"
	"testing"
)

// TestImportExplicitOmegaTChecksColumns: a 7-column table given as
// format=omegat is refused naming the line, as the detected format (TSV)
// refuses it; it imported the header row and the first two columns as
// concepts and dropped columns 4–7 without a word.
func TestImportExplicitOmegaTChecksColumns(t *testing.T) {
	in := "term\ttranslation\tnote\tsubject\tstatus\tsource\tdate\nbezwaar\tobjection\t\tlaw\tpreferred\tIATE\t2024\n"
	if f, _ := Detect("", []byte(in)); f != TSV {
		t.Fatalf("detected %q", f)
	}
	for _, f := range []Format{OmegaT, TSV} {
		_, _, err := Import(strings.NewReader(in), f, "mine")
		if err == nil || !strings.Contains(err.Error(), "line 1") || !strings.Contains(err.Error(), "7 columns") {
			t.Errorf("%s: %v, want an error naming line 1 and 7 columns", f, err)
		}
		// Both name the way a table with a header row is read.
		if err != nil && !strings.Contains(err.Error(), "csv") {
			t.Errorf("%s: %v, want a hint to import the table as csv", f, err)
		}
	}
	// And as that hint says, a termbase table saved as Excel's "Unicode
	// text" (UTF-16 with a byte-order mark, tab-separated) reads as CSV.
	table := "nl\ten\tdefinition_nl\nbezwaar\tobjection\tSchriftelijke uiting van ongenoegen.\n"
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range table {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	if cs, _, err := Import(strings.NewReader(string(utf16)), CSV, "mine"); err != nil || len(cs) != 1 || cs[0].Definition["nl"] == "" {
		t.Errorf("UTF-16 tab-separated table as csv: %v, %+v", err, cs)
	}
	// Empty trailing columns, as spreadsheets save them, are fine.
	if cs, _, err := Import(strings.NewReader("bezwaar\tobjection\tnote\t\t\n"), OmegaT, "mine"); err != nil || len(cs) != 1 {
		t.Errorf("trailing empty columns: %v, %d", err, len(cs))
	}
}
