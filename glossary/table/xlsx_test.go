package table

import (
	"bytes"
	"fmt"
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

// TestWriteXLSXSeeds rewrites the committed seed corpus of FuzzReadXLSX
// with -update.
func TestWriteXLSXSeeds(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/fuzz/FuzzReadXLSX")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzReadXLSX")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range xlsxSeeds(t) {
		seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(dir, "seed-"+strings.ReplaceAll(name, " ", "-")), []byte(seed), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzReadXLSX: ReadXLSX never panics, returns concepts or an error
// (never both), every concept validates, and a workbook it accepts
// survives WriteXLSX and ReadXLSX again unchanged (unless a cell is
// longer than the 32,767 characters WriteXLSX keeps).
func FuzzReadXLSX(f *testing.F) {
	f.Fuzz(func(t *testing.T, in []byte) {
		cs, err := ReadXLSX(bytes.NewReader(in))
		if err != nil {
			if cs != nil {
				t.Fatalf("concepts with error %v", err)
			}
			return
		}
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
		again, err := ReadXLSX(&out)
		if err != nil {
			t.Fatalf("ReadXLSX(WriteXLSX(ReadXLSX(in))): %v", err)
		}
		if diff := cmp.Diff(glossarytest.Canonical(cs), again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("(-first +second):\n%s", diff)
		}
	})
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
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
			got, err := ReadXLSX(bytes.NewReader(zipParts(t, tt.parts...)))
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
