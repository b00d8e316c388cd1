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
	for _, k := range []string{"rows", "shared rows", "cell", "runs", "shared string", "many shared strings", "styles", "long cell"} {
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
