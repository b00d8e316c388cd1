package exchange

import (
	"strings"
	"testing"
)

// TestImportWindows1252: a text table that is not UTF-8 and has no UTF-16
// byte-order mark (Excel's "CSV (puntkomma-gescheiden)", Windows-1252) is
// read as Windows-1252, and the import says so; it was refused as "not
// valid UTF-8". A UTF-8 file is read as before and says nothing.
func TestImportWindows1252(t *testing.T) {
	for _, tt := range []struct {
		f  Format
		in string
	}{
		{CSV, "nl;en;note\nco\xf6rdinatie;coordination;\x96 \x93y\x94\n"},
		{TSV, "Dutch\tEnglish\tnote\nco\xf6rdinatie\tcoordination\t\x96 \x93y\x94\n"},
		{OmegaT, "co\xf6rdinatie\tcoordination\t\x96 \x93y\x94\n"},
	} {
		cs, left, err := Import(strings.NewReader(tt.in), tt.f, "mine")
		if err != nil {
			t.Fatalf("%s: %v", tt.f, err)
		}
		if len(cs) != 1 || cs[0].TermsIn("nl")[0].Text != "coördinatie" || cs[0].Note != "– “y”" {
			t.Errorf("%s: %+v", tt.f, cs)
		}
		if left.Encoding != "windows-1252" || !strings.Contains(left.String(), "read as windows-1252") {
			t.Errorf("%s: left %+v (%s), want the encoding named", tt.f, left, left)
		}
		utf := strings.NewReplacer("\xf6", "ö", "\x96", "–", "\x93", "“", "\x94", "”").Replace(tt.in)
		cs2, left, err := Import(strings.NewReader(utf), tt.f, "mine")
		if err != nil || left.Encoding != "" || len(cs2) != 1 || cs2[0].Note != cs[0].Note {
			t.Errorf("%s as UTF-8: %v, %+v, %+v", tt.f, err, left, cs2)
		}
	}
}
