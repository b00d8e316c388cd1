package table

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// workbookOf builds an .xlsx of sheets given as name → rows, in order.
func workbookOf(t *testing.T, sheets ...sheetRows) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type sheetRows struct {
	name string
	rows [][]any
}

// TestReadXLSXSerialDates: a date typed in Excel is a number, the days
// since 1899-12-30 (1900 date system; serial 60 is Excel's 29 February
// 1900, which never was), the fraction the time of day. It was refused
// as "date \"45000\" is not RFC 3339".
func TestReadXLSXSerialDates(t *testing.T) {
	for _, tc := range []struct {
		name string
		cell any
		want time.Time
		err  string
	}{
		{name: "date", cell: 45000, want: time.Date(2023, 3, 15, 0, 0, 0, 0, time.UTC)},
		{name: "date and time", cell: 45000.75, want: time.Date(2023, 3, 15, 18, 0, 0, 0, time.UTC)},
		{name: "seconds", cell: 45000.0 + (9*3600+30*60+15)/86400.0, want: time.Date(2023, 3, 15, 9, 30, 15, 0, time.UTC)},
		{name: "1 March 1900", cell: 61, want: time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)},
		{name: "28 February 1900", cell: 59, want: time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC)},
		{name: "1 January 1900", cell: 1, want: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)},
		{name: "29 February 1900", cell: 60, err: "29 February 1900"},
		{name: "zero", cell: 0, err: "serial date"},
		{name: "text", cell: "2023-03-15T10:00:00Z", want: time.Date(2023, 3, 15, 10, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := workbookOf(t, sheetRows{"Glossary", [][]any{{"nl", "en", "modified", "created"}, {"huis", "house", tc.cell, tc.cell}}})
			cs, _, err := ReadXLSX(bytes.NewReader(b))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), `row 2, column C "modified"`) {
					t.Fatalf("error %v, want one with %q naming row 2, column C", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != 1 || !cs[0].Modified.Equal(tc.want) || !cs[0].Created.Equal(tc.want) {
				t.Fatalf("got %+v, want modified and created %v", cs, tc.want)
			}
		})
	}
}

// TestReadXLSXSheets: every sheet whose first row is a glossary header is
// read (a glossary split by subject), the others are left out and named
// with why; the rows of one Dutch term on two sheets are one concept, or
// an error when they conflict, as on one sheet. Sheets after the first
// were ignored without a word.
func TestReadXLSXSheets(t *testing.T) {
	b := workbookOf(t,
		sheetRows{"Bestuur", [][]any{{"nl", "en"}, {"huis", "house"}}},
		sheetRows{"Notities", [][]any{{"Zie ook de lijst van 2023."}}},
		sheetRows{"Leeg", nil},
		sheetRows{"Natuur", [][]any{{"Dutch", "English", "modified"}, {"boom", "tree", 45000}, {"huis", "home", nil}}},
	)
	cs, left, err := ReadXLSX(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cs {
		for _, tm := range c.Terms {
			got = append(got, tm.Lang+":"+tm.Text)
		}
		got = append(got, "|")
	}
	want := []string{"nl:huis", "en:house", "en:home", "|", "nl:boom", "en:tree", "|"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("concepts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Bestuur", "Natuur"}, left.Sheets); diff != "" {
		t.Errorf("sheets read (-want +got):\n%s", diff)
	}
	var skipped []string
	for _, s := range left.SkippedSheets {
		skipped = append(skipped, s.Name)
		if s.Reason == "" {
			t.Errorf("sheet %s skipped without a reason", s.Name)
		}
	}
	if diff := cmp.Diff([]string{"Notities", "Leeg"}, skipped); diff != "" {
		t.Errorf("sheets skipped (-want +got):\n%s", diff)
	}
	if left.Merged != 1 {
		t.Errorf("merged %d, want 1 (huis of Natuur)", left.Merged)
	}

	// Conflicting rows of one term on two sheets are refused.
	b = workbookOf(t,
		sheetRows{"A", [][]any{{"nl", "en", "en_status"}, {"huis", "house", "preferred"}}},
		sheetRows{"B", [][]any{{"nl", "en", "en_status"}, {"huis", "house", "deprecated"}}},
	)
	if _, _, err := ReadXLSX(bytes.NewReader(b)); err == nil || !strings.Contains(err.Error(), `sheets "A", "B"`) {
		t.Errorf("conflicting sheets: error %v, want one naming the sheets", err)
	}
	// A first sheet of notes is left out too; a workbook without a
	// glossary header on any sheet is refused.
	b = workbookOf(t,
		sheetRows{"Notities", [][]any{{"Zie ook"}}},
		sheetRows{"B", [][]any{{"nl", "en"}, {"huis", "house"}}},
	)
	if cs, left, err := ReadXLSX(bytes.NewReader(b)); err != nil || len(cs) != 1 || len(left.SkippedSheets) != 1 {
		t.Errorf("notes first: %v, %+v, %v; want huis, Notities skipped", cs, left, err)
	}
	b = workbookOf(t, sheetRows{"Notities", [][]any{{"Zie ook"}}}, sheetRows{"Leeg", nil})
	if _, _, err := ReadXLSX(bytes.NewReader(b)); !errors.Is(err, ErrHeader) {
		t.Errorf("no header anywhere: error %v, want ErrHeader", err)
	}
}
