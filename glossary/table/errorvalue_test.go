package table

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestReadSpreadsheetErrorValues: a cell holding a spreadsheet's error
// value (#N/A, #VALUE!, … as Excel writes them, #N/B, #WAARDE!, … as a
// Dutch Excel saves them to CSV, Err:502 as LibreOffice does) is a
// formula that failed, not a term: it is refused as other bad cells are,
// naming the line (row) and column, and nothing is imported. A term that
// only contains such a text (#N/A-fout) is a term.
func TestReadSpreadsheetErrorValues(t *testing.T) {
	for _, v := range []string{"#N/A", "#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#N/B", "#WAARDE!", "#VERW!", "#NAAM?", "#DEEL/0!", "#LEEG!", "#GETAL!", "Err:502", " #n/a "} {
		t.Run("csv "+v, func(t *testing.T) {
			in := "nl,en,note\nhuis,house,\nboom," + v + ",\n"
			cs, _, err := ReadCSV(strings.NewReader(in))
			if err == nil || cs != nil {
				t.Fatalf("ReadCSV = %+v, %v; want an error", cs, err)
			}
			for _, s := range []string{`line 3, column 2 "en"`, strings.TrimSpace(v), "error value"} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
			if !errors.Is(err, ErrCell) {
				t.Errorf("error %q does not wrap ErrCell", err)
			}
		})
	}
	t.Run("csv in a list of terms", func(t *testing.T) {
		_, _, err := ReadCSV(strings.NewReader("nl,en\nboom,tree|#REF!\n"))
		if !errors.Is(err, ErrCell) || !strings.Contains(err.Error(), `line 2, column 2 "en"`) || !strings.Contains(err.Error(), "#REF!") {
			t.Errorf("error %v, want ErrCell naming line 2, column 2 and #REF!", err)
		}
	})
	t.Run("csv definition", func(t *testing.T) {
		_, _, err := ReadCSV(strings.NewReader("nl,en,definition_nl\nboom,tree,#NAME?\n"))
		if !errors.Is(err, ErrCell) || !strings.Contains(err.Error(), `line 2, column 3 "definition_nl"`) {
			t.Errorf("error %v, want ErrCell naming line 2, column 3", err)
		}
	})
	t.Run("csv text around it", func(t *testing.T) {
		cs, _, err := ReadCSV(strings.NewReader("nl,en\n#N/A-fout,#N/A error\n"))
		if err != nil || len(cs) != 1 {
			t.Errorf("ReadCSV = %+v, %v; want one concept", cs, err)
		}
	})
	t.Run("xlsx error cell", func(t *testing.T) {
		data := zipParts(t, append(skeleton(false), part{"xl/worksheets/sheet1.xml", text(sheetHead + headerRow +
			`<row r="2"><c r="A2" t="inlineStr"><is><t>huis</t></is></c><c r="B2" t="inlineStr"><is><t>house</t></is></c></row>` +
			`<row r="3"><c r="A3" t="inlineStr"><is><t>boom</t></is></c><c r="B3" t="e"><f>VLOOKUP(A3,Blad2!A:B,2,FALSE)</f><v>#N/A</v></c></row>` +
			sheetTail)})...)
		cs, _, err := ReadXLSX(bytes.NewReader(data))
		if err == nil || cs != nil {
			t.Fatalf("ReadXLSX = %+v, %v; want an error", cs, err)
		}
		if !errors.Is(err, ErrCell) || !strings.Contains(err.Error(), `sheet "Glossary", row 3, column B "en"`) || !strings.Contains(err.Error(), "#N/A") {
			t.Errorf("error %q, want ErrCell naming row 3, column B and #N/A", err)
		}
	})
}
