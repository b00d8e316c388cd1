package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/glossarytest"
)

// xlsxSeeds are the seed workbooks of FuzzReadXLSX: the exported sample,
// a hand-made workbook with shared strings, and small versions of the
// hostile workbooks.
func xlsxSeeds(t testing.TB) map[string][]byte {
	seeds := map[string][]byte{}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	seeds["sample"] = buf.Bytes()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"nl", "en", "en_status", "definition_nl"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"huis", "house|home", "preferred|admitted", "Een gebouw."})
	f.SetSheetRow("Sheet1", "A4", &[]any{"boom", "tree", 3, true})
	var hand bytes.Buffer
	f.WriteTo(&hand)
	seeds["shared-strings"] = hand.Bytes()
	for _, k := range []string{"rows", "shared rows", "cell", "runs", "shared string", "many shared strings", "styles", "long cell", "deep", "sneaky references"} {
		seeds["hostile-"+k] = hostile(t, k, 300)
	}
	return seeds
}

// TestWriteXLSXSeeds rewrites the committed seed corpora of FuzzReadXLSX
// and FuzzReadXLSXSheet with -update.
func TestWriteXLSXSeeds(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/fuzz/FuzzReadXLSX")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzReadXLSX")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(dir, name string, data []byte) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(dir, "seed-"+strings.ReplaceAll(name, " ", "-")), []byte(seed), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range xlsxSeeds(t) {
		write(dir, name, data)
	}
	for name, data := range sheetSeeds {
		write(filepath.Join("testdata", "fuzz", "FuzzReadXLSXSheet"), name, []byte(data))
	}
}

// FuzzReadXLSX: ReadXLSX never panics, returns concepts or an error
// (never both), every concept validates, and a workbook it accepts
// survives WriteXLSX and ReadXLSX again unchanged (unless a cell is
// longer than the 32,767 characters WriteXLSX keeps).
func FuzzReadXLSX(f *testing.F) {
	f.Fuzz(func(t *testing.T, in []byte) {
		cs, _, err := ReadXLSX(bytes.NewReader(in))
		checkRead(t, cs, err)
	})
}

// sheetSeeds seed FuzzReadXLSXSheet (testdata/fuzz/FuzzReadXLSXSheet).
var sheetSeeds = map[string]string{
	"rich-text":  sheetHead + headerRow + `<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><r><t>ho</t></r><r><t>use</t></r></is></c></row>` + sheetTail,
	"unnumbered": sheetHead + `<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><t>en_status</t></is></c></row><row><c t="s"><v>2</v></c><c t="str"><v>house|home</v></c><c t="inlineStr"><is><t>preferred|admitted</t></is></c></row>` + sheetTail,
	"gaps":       sheetHead + `<row r="1"><c r="C1" t="s"><v>0</v></c></row><row r="5"><c r="C5"><v>12</v></c></row>` + sheetTail,
}

// FuzzReadXLSXSheet fuzzes the sheet's XML rather than the zip around
// it: a mutated zip mostly fails its checksum before a cell is read. The
// input becomes xl/worksheets/sheet1.xml of a workbook whose shared
// strings are "nl", "en", "huis" and "house"; the checks are
// FuzzReadXLSX's.
func FuzzReadXLSXSheet(f *testing.F) {
	sst := part{"xl/sharedStrings.xml", text(`<sst ` + nsMain + `><si><t>nl</t></si><si><t>en</t></si><si><t>huis</t></si><si><r><t>ho</t></r><r><t>use</t></r><rPh><t>x</t></rPh></si></sst>`)}
	f.Fuzz(func(t *testing.T, in []byte) {
		data := zipWith(t, zip.Store, append(skeleton(true), sst, part{"xl/worksheets/sheet1.xml", func(w io.Writer) error { _, err := w.Write(in); return err }})...)
		cs, _, err := ReadXLSX(bytes.NewReader(data))
		checkRead(t, cs, err)
	})
}

// checkRead checks what ReadXLSX returned: concepts or an error, never
// both; valid concepts; and the same concepts again after WriteXLSX and
// ReadXLSX (unless a cell is longer than WriteXLSX keeps).
func checkRead(t *testing.T, cs []glossary.Concept, err error) {
	if err != nil {
		if cs != nil {
			t.Fatalf("concepts with error %v", err)
		}
		return
	}
	{
		h := Header(Languages(cs))
		for i := range cs {
			if err := cs[i].Validate(); err != nil {
				t.Fatalf("invalid concept: %v", err)
			}
			for _, c := range Row(h, &cs[i]) {
				if utf16Len(c) > excelize.TotalCellChars {
					return // WriteXLSX cuts it short
				}
			}
		}
		var out bytes.Buffer
		if err := WriteXLSX(&out, cs); err != nil {
			t.Fatal(err)
		}
		again, _, err := ReadXLSX(&out)
		if err != nil {
			t.Fatalf("ReadXLSX(WriteXLSX(ReadXLSX(in))): %v", err)
		}
		if diff := cmp.Diff(glossarytest.Canonical(cs), again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("(-first +second):\n%s", diff)
		}
	}
}

// TestReadXLSXPackages: ReadXLSX finds the sheet as excelize does in
// packages laid out differently from excelize's own: an absolute
// relationship target, a workbook part outside xl/, a sheet named
// Glossary that is not the first, shared strings under a lower-case
// name; and refuses a package without a workbook or without the sheet's
// part.
func TestReadXLSXPackages(t *testing.T) {
	sheet := func(name string) part {
		return part{name, text(sheetHead + headerRow + `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><r><t>ho</t></r><r><t>use</t></r><rPh><t>x</t></rPh></is></c></row>` + sheetTail)}
	}
	sst := part{"xl/sharedstrings.xml", text(`<sst ` + nsMain + `><si><t>huis</t></si></sst>`)}
	wb := func(sheets string) string {
		return `<workbook ` + nsMain + ` ` + nsRel + `><sheets>` + sheets + `</sheets></workbook>`
	}
	rels := func(rs string) string {
		return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rs + `</Relationships>`
	}
	const ws = `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"`
	root := func(target string) part {
		return part{"_rels/.rels", text(rels(`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="` + target + `"/>`))}
	}
	tests := []struct {
		name  string
		parts []part
		err   string // "" to read huis/house
	}{
		{"absolute target", []part{root("/xl/workbook.xml"),
			{"xl/workbook.xml", text(wb(`<sheet name="Blad1" sheetId="1" r:id="rId1"/>`))},
			{"xl/_rels/workbook.xml.rels", text(rels(`<Relationship Id="rId1" ` + ws + ` Target="/xl/worksheets/sheet1.xml"/>`))},
			sheet("xl/worksheets/sheet1.xml"), sst}, ""},
		{"workbook at the root", []part{root("book.xml"),
			{"book.xml", text(wb(`<sheet name="Blad1" sheetId="1" r:id="rId7"/>`))},
			{"_rels/book.xml.rels", text(rels(`<Relationship Id="rId7" ` + ws + ` Target="sheets/a.xml"/>`))},
			sheet("sheets/a.xml"), sst}, ""},
		{"glossary second", []part{root("xl/workbook.xml"),
			{"xl/workbook.xml", text(wb(`<sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Glossary" sheetId="2" r:id="rId2"/>`))},
			{"xl/_rels/workbook.xml.rels", text(rels(`<Relationship Id="rId1" ` + ws + ` Target="worksheets/sheet1.xml"/><Relationship Id="rId2" ` + ws + ` Target="worksheets/sheet2.xml"/>`))},
			{"xl/worksheets/sheet1.xml", text(sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>not a glossary</t></is></c></row>` + sheetTail)},
			sheet("xl/worksheets/sheet2.xml"), sst}, ""},
		{"mismatched tags", []part{root("xl/workbook.xml"),
			{"xl/workbook.xml", text(wb(`<sheet name="Blad1" sheetId="1" r:id="rId1"/>`))},
			{"xl/_rels/workbook.xml.rels", text(rels(`<Relationship Id="rId1" ` + ws + ` Target="worksheets/sheet1.xml"/>`))},
			{"xl/worksheets/sheet1.xml", text(sheetHead + headerRow + `<row r="2"><c r="A2" t="inlineStr"><is><t>huis</t></is></c><c r="B2"><v>1</c></v></row>` + sheetTail)}},
			`sheet "Blad1", row 2, column B: XML syntax error: element <v> closed by </c>`},
		{"cut short", []part{root("xl/workbook.xml"),
			{"xl/workbook.xml", text(wb(`<sheet name="Blad1" sheetId="1" r:id="rId1"/>`))},
			{"xl/_rels/workbook.xml.rels", text(rels(`<Relationship Id="rId1" ` + ws + ` Target="worksheets/sheet1.xml"/>`))},
			{"xl/worksheets/sheet1.xml", text(sheetHead + headerRow + `<row r="2"><c r="A2" t="inlineStr"><is><t>huis</t></is></c></row>`)}},
			`sheet "Blad1", row 2: XML syntax error: element <sheetData> not closed`},
		{"no workbook", []part{root("xl/workbook.xml"), sheet("xl/worksheets/sheet1.xml")}, "no workbook part"},
		{"no sheet part", []part{root("xl/workbook.xml"),
			{"xl/workbook.xml", text(wb(`<sheet name="Blad1" sheetId="1" r:id="rId1"/>`))},
			{"xl/_rels/workbook.xml.rels", text(rels(`<Relationship Id="rId1" ` + ws + ` Target="worksheets/sheet9.xml"/>`))},
			sheet("xl/worksheets/sheet1.xml")}, `sheet "Blad1": bad header: its part is missing`},
	}
	want := []glossary.Concept{{Terms: []glossary.Term{{Lang: "nl", Text: "huis"}, {Lang: "en", Text: "house"}}}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := ReadXLSX(bytes.NewReader(zipParts(t, tt.parts...)))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ReadXLSX = %v, %v; want an error saying %q", got, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ReadXLSX (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadXLSXLarge reads a workbook too large to be handed to excelize
// in memory (a stored 1.5 MB sheet: it goes through a temporary file),
// and one just small enough; both give every row, and leave no
// temporary file behind.
func TestReadXLSXLarge(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, rows := range []int{100, 15000} {
		t.Run(fmt.Sprint(rows), func(t *testing.T) {
			var sheet strings.Builder
			sheet.WriteString(sheetHead + headerRow)
			for i := range rows {
				fmt.Fprintf(&sheet, `<row r="%d"><c r="A%[1]d" t="inlineStr"><is><t>huis %[1]d</t></is></c><c r="B%[1]d" t="inlineStr"><is><t>house %[1]d</t></is></c></row>`, i+2)
			}
			sheet.WriteString(sheetTail)
			data := zipWith(t, zip.Store, append(skeleton(false), part{"xl/worksheets/sheet1.xml", text(sheet.String())})...)
			cs, _, err := ReadXLSX(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != rows || cs[rows-1].Terms[1].Text != fmt.Sprint("house ", rows+1) {
				t.Errorf("ReadXLSX = %d concepts, want %d ending in house %d", len(cs), rows, rows+1)
			}
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// TestWriteXLSXCellLimit: a concept whose cell would pass Excel's 32,767
// characters (four English terms' contexts of 9,000 each share one) is
// an error naming the concept and the column, and nothing is written;
// excelize cut the cell there, and the workbook read back lost 3,236
// characters of the fourth context without a word. Just under the limit
// the workbook is written and reads back whole.
func TestWriteXLSXCellLimit(t *testing.T) {
	concept := func(n int) []glossary.Concept {
		c := glossary.Concept{ID: "wet", Terms: []glossary.Term{{Lang: "nl", Text: "wet"}}}
		for i := range n {
			ctx := strings.Repeat(fmt.Sprintf("The act %d applies. ", i), 9000/18)[:9000]
			c.Terms = append(c.Terms, glossary.Term{Lang: "en", Text: fmt.Sprintf("act %d", i), Context: ctx})
		}
		return []glossary.Concept{c}
	}
	var buf bytes.Buffer
	err := WriteXLSX(&buf, concept(4))
	if !errors.Is(err, ErrCellTooLong) || !strings.Contains(err.Error(), "concept wet, column en_context") || buf.Len() != 0 {
		t.Errorf("four contexts of 9,000: %v, %d bytes written; want ErrCellTooLong naming wet and en_context, nothing written", err, buf.Len())
	}
	want := concept(3)
	if err := WriteXLSX(&buf, want); err != nil {
		t.Fatal(err)
	}
	got, _, err := ReadXLSX(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Terms) != 4 || got[0].Terms[3].Context != want[0].Terms[3].Context {
		t.Errorf("three contexts of 9,000 did not read back whole: %d concepts", len(got))
	}
}

// TestXLSXFormulaCharacters: XLSX stores cells as text, which no
// spreadsheet evaluates, so an export writes "-5 graden" and
// "=SOM(A1)" as they are (an apostrophe before them was a literal that
// Excel showed and CAT tools imported); a workbook an older tolk wrote
// with the apostrophe still reads back without it, and a term that
// begins with an apostrophe keeps it both ways.
func TestXLSXFormulaCharacters(t *testing.T) {
	cs := []glossary.Concept{
		{ID: "a", Note: "=SOM(A1)", Terms: []glossary.Term{{Lang: "nl", Text: "-5 graden"}, {Lang: "en", Text: "-5 degrees"}}},
		{ID: "b", Note: "'@al geciteerd", Terms: []glossary.Term{{Lang: "nl", Text: "'s-Hertogenbosch"}, {Lang: "en", Text: "+31 73"}}},
		{ID: "c", Note: "''=x", Terms: []glossary.Term{{Lang: "nl", Text: "'-teken"}, {Lang: "en", Text: "@home"}}},
	}
	want := glossarytest.Canonical(cs)
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, cs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(Sheet, excelize.Options{RawCellValue: true})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]bool{}
	for _, r := range rows {
		for _, c := range r {
			cells[c] = true
		}
	}
	for _, c := range []string{"-5 graden", "-5 degrees", "=SOM(A1)", "+31 73", "@home", "'s-Hertogenbosch"} {
		if !cells[c] {
			t.Errorf("the workbook has no cell %q as it is (rows: %q)", c, rows[1:])
		}
	}
	got, _, err := ReadXLSX(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("read(write) (-want +got):\n%s", diff)
	}

	// A workbook as tolk wrote it before: every cell neutralised as in CSV.
	old := excelize.NewFile()
	defer old.Close()
	h := Header(Languages(cs))
	put := func(n int, cells []string) {
		vs := make([]any, len(cells))
		for i, c := range cells {
			vs[i] = c
		}
		if err := old.SetSheetRow("Sheet1", fmt.Sprintf("A%d", n), &vs); err != nil {
			t.Fatal(err)
		}
	}
	put(1, h)
	for i := range cs {
		put(i+2, Row(h, &cs[i]))
	}
	buf.Reset()
	if _, err := old.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if v, _ := old.GetCellValue("Sheet1", "K2"); v != "'-5 graden" {
		t.Fatalf("the old-style workbook has %q for the term, want it with the apostrophe", v)
	}
	got, _, err = ReadXLSX(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("older export read (-want +got):\n%s", diff)
	}
}
