package exchange

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tolk-nl/tolk/glossary"
)

// TestImportRefusesLongTerm: every import format refuses a one-word term
// of 300,000 letters (32,767 in the XLSX, Excel's most per cell) (issue 10, point 5) with an *InputError that wraps
// glossary.ErrInvalid and gives the limit, because every format ends in
// Concept.Validate.
func TestImportRefusesLongTerm(t *testing.T) {
	long := strings.Repeat("a", 300_000)
	// A workbook made by hand (WriteXLSX refuses such a cell): excelize
	// keeps the cell's first 32,767 characters, as Excel would.
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"id", "nl", "en"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"x1", long, "long"})
	var xlsx bytes.Buffer
	if _, err := f.WriteTo(&xlsx); err != nil {
		t.Fatalf("writing the XLSX: %v", err)
	}
	tests := []struct {
		format Format
		in     string
	}{
		{JSON, `[{"id":"j1","terms":[{"lang":"nl","text":"` + long + `"},{"lang":"en","text":"long"}]}]`},
		{CSV, "id,nl,en\nc1," + long + ",long\n"},
		{XLSX, xlsx.String()},
		{TSV, long + "\tlong\n"},
		{OmegaT, long + "\tlong\n"},
		{FreeDict, long + "\t\tlong\n"},
		{TBX, `<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body><conceptEntry id="x1"><langSec xml:lang="nl"><termSec><term>` + long + `</term></termSec></langSec></conceptEntry></body></text></tbx>`},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			got, _, err := Import(strings.NewReader(tt.in), tt.format, "mine")
			var ie *InputError
			if !errors.As(err, &ie) || !errors.Is(err, glossary.ErrInvalid) || got != nil {
				t.Fatalf("Import = %d concepts, %v; want nil and an *InputError wrapping ErrInvalid", len(got), err)
			}
			// The XLSX writer cuts a cell at Excel's 32,767 characters.
			if !strings.Contains(err.Error(), "characters, at most 500") {
				t.Errorf("error %.300q does not give the length and the limit", err)
			}
		})
	}
}
