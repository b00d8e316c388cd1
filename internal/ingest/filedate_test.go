package ingest

import (
	"strings"
	"testing"
)

// TestFileDate: the creation date a PDF, Word or OpenDocument file
// records is the file's (a letter printed to PDF today), not the
// document's: it is FileDate, and Date comes from the text alone — a
// date line when there is one, else nothing — so that sort=date and the
// date filters do not take a printing date for the letter's. Before,
// a PDF without a date line was dated by its CreationDate, and a Word or
// OpenDocument file by its created date even when the text had a date
// line.
func TestFileDate(t *testing.T) {
	const (
		dated   = "Kamerbrief over Mali\n\nDatum 25 augustus 2020\n\nMet deze brief informeer ik uw Kamer over de staatsgreep in Mali."
		undated = "Kamerbrief over Mali\n\nMet deze brief informeer ik uw Kamer over de staatsgreep in Mali."
	)
	pdf := func(text string) (string, []byte, Options) {
		r := &layoutPDF{Pages: []string{text}, Info: map[string]string{"CreationDate": "D:20261207101500+01'00'"}}
		return "brief.pdf", []byte("%PDF-1.7\n%%EOF\n"), Options{PDF: r}
	}
	docx := func(text string) (string, []byte, Options) {
		body := ""
		for _, p := range splitParas(text) {
			body += wp("", p)
		}
		return "brief.docx", docxOf(t, body, ""), Options{} // created 2020-08-25 (docxOf)
	}
	odt := func(text string) (string, []byte, Options) {
		content := `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>`
		for _, p := range splitParas(text) {
			content += `<text:p>` + p + `</text:p>`
		}
		content += `</office:text></office:body></office:document-content>`
		meta := `<office:document-meta xmlns:office="o" xmlns:meta="m"><office:meta><meta:creation-date>2021-03-04T09:00:00</meta:creation-date></office:meta></office:document-meta>`
		return "brief.odt", zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", content}, [2]string{"meta.xml", meta}), Options{}
	}
	for _, tc := range []struct {
		name           string
		file           func(string) (string, []byte, Options)
		text           string
		date, fileDate string
	}{
		{"pdf without a date line", pdf, undated, "", "2026-12-07"},
		{"pdf with a date line", pdf, dated, "2020-08-25", "2026-12-07"},
		{"docx without a date line", docx, undated, "", "2020-08-25"},
		{"docx with a date line", docx, "Kamerbrief over Mali\n\nDatum 3 maart 2019\n\nMet deze brief informeer ik uw Kamer.", "2019-03-03", "2020-08-25"},
		{"odt with a date line", odt, dated, "2020-08-25", "2021-03-04"},
		{"odt without a date line", odt, undated, "", "2021-03-04"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name, data, opt := tc.file(tc.text)
			doc, err := Parse(name, data, opt)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Meta.Date != tc.date || doc.Meta.FileDate != tc.fileDate {
				t.Errorf("date %q, file date %q; want %q, %q", doc.Meta.Date, doc.Meta.FileDate, tc.date, tc.fileDate)
			}
		})
	}
}

// splitParas splits text at blank lines.
func splitParas(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
