package table

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"testing"
)

// A hostile workbook is written part by part with archive/zip, so that a
// test can make a sheet or a shared string far larger than excelize's
// writer would, and so that writing it costs no more memory than one
// chunk.

// part is one zip entry: its name and a writer of its content.
type part struct {
	name  string
	write func(w io.Writer) error
}

// zipParts writes the parts as a zip, deflated at the fastest level
// (the content is repetitive: it still shrinks a hundredfold).
func zipParts(t testing.TB, parts ...part) []byte {
	return zipWith(t, zip.Deflate, parts...)
}

// zipWith writes the parts as a zip with the given method; zip.Store
// saves the deflate writer's setup (a few milliseconds a part) where a
// fuzz target builds a small zip per execution.
func zipWith(t testing.TB, method uint16, parts ...part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if err := p.write(w); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// repeat writes head, then body n times, then tail.
func repeat(head, body string, n int, tail string) func(io.Writer) error {
	return func(w io.Writer) error {
		chunk := strings.Repeat(body, max(1, (64<<10)/max(1, len(body))))
		per := len(chunk) / max(1, len(body))
		if _, err := io.WriteString(w, head); err != nil {
			return err
		}
		for n > 0 {
			k := min(n, per)
			if _, err := io.WriteString(w, chunk[:k*len(body)]); err != nil {
				return err
			}
			n -= k
		}
		_, err := io.WriteString(w, tail)
		return err
	}
}

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	nsRel  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
)

// skeleton returns the parts every workbook needs around one sheet
// (xl/worksheets/sheet1.xml, named Glossary) and, when sst is set,
// xl/sharedStrings.xml.
func skeleton(sst bool) []part {
	ct := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	rels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst {
		ct += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	return []part{
		{"[Content_Types].xml", text(ct + `</Types>`)},
		{"_rels/.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{"xl/workbook.xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook ` + nsMain + ` ` + nsRel + `><sheets><sheet name="Glossary" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
		{"xl/_rels/workbook.xml.rels", text(rels + `</Relationships>`)},
	}
}

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet ` + nsMain + `><sheetData>`
	sheetTail = `</sheetData></worksheet>`
	// headerRow declares the columns nl and en.
	headerRow = `<row r="1"><c r="A1" t="inlineStr"><is><t>nl</t></is></c><c r="B1" t="inlineStr"><is><t>en</t></is></c></row>`
)

// hostile returns the attack workbooks, each of them a small upload that
// unpacks to about size bytes.
func hostile(t testing.TB, kind string, size int) []byte {
	switch kind {
	case "rows": // one concept per row, rows without numbers, as many as fit
		row := `<row><c t="inlineStr"><is><t>huis</t></is></c><c t="inlineStr"><is><t>house</t></is></c></row>`
		return zipParts(t, append(skeleton(false), part{"xl/worksheets/sheet1.xml", repeat(sheetHead+headerRow, row, size/len(row), sheetTail)})...)
	case "shared rows": // the same, every cell a reference to one shared string
		row := `<row><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>`
		sst := `<sst ` + nsMain + `><si><t>nl</t></si><si><t>en</t></si><si><t>huis</t></si><si><t>house</t></si></sst>`
		hdr := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`
		return zipParts(t, append(skeleton(true),
			part{"xl/sharedStrings.xml", text(sst)},
			part{"xl/worksheets/sheet1.xml", repeat(sheetHead+hdr, row, size/len(row), sheetTail)})...)
	case "cell": // one inline cell of size bytes
		return zipParts(t, append(skeleton(false), part{"xl/worksheets/sheet1.xml",
			repeat(sheetHead+headerRow+`<row r="2"><c r="A2" t="inlineStr"><is><t>`, "a", size, `</t></is></c></row>`+sheetTail)})...)
	case "shared string": // one shared string of size bytes, used once
		return zipParts(t, append(skeleton(true),
			part{"xl/sharedStrings.xml", repeat(`<sst `+nsMain+`><si><t>nl</t></si><si><t>`, "a", size, `</t></si></sst>`)},
			part{"xl/worksheets/sheet1.xml", text(sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>` + sheetTail)})...)
	case "many shared strings": // as many one-letter shared strings as fit
		si := `<si><t>a</t></si>`
		return zipParts(t, append(skeleton(true),
			part{"xl/sharedStrings.xml", repeat(`<sst `+nsMain+`><si><t>nl</t></si>`, si, size/len(si), `</sst>`)},
			part{"xl/worksheets/sheet1.xml", text(sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>` + sheetTail)})...)
	case "styles": // a valid sheet beside a styles part of size bytes
		return zipParts(t, append(skeleton(false),
			part{"xl/styles.xml", repeat(`<styleSheet `+nsMain+`><cellXfs>`, `<xf numFmtId="0" fontId="0"/>`, size/28, `</cellXfs></styleSheet>`)},
			part{"xl/worksheets/sheet1.xml", text(sheetHead + headerRow + `<row r="2"><c r="A2" t="inlineStr"><is><t>huis</t></is></c><c r="B2" t="inlineStr"><is><t>house</t></is></c></row>` + sheetTail)})...)
	case "long cell": // one inline cell of size bytes in column B, under the XML limit
		return zipParts(t, append(skeleton(false), part{"xl/worksheets/sheet1.xml",
			repeat(sheetHead+headerRow+`<row r="2"><c r="A2" t="inlineStr"><is><t>huis</t></is></c><c r="B2" t="inlineStr"><is><t>`, "a", size, `</t></is></c></row>`+sheetTail)})...)
	case "runs": // one cell of size bytes of empty rich-text runs
		return zipParts(t, append(skeleton(false), part{"xl/worksheets/sheet1.xml",
			repeat(sheetHead+headerRow+`<row r="2"><c r="A2" t="inlineStr"><is>`, `<r><t></t></r>`, size/14, `</is></c></row>`+sheetTail)})...)
	case "sneaky references": // as references, each cell saying first that it is no shared string
		var cells strings.Builder
		for col := 1; col <= 16384; col++ {
			fmt.Fprintf(&cells, `<c t="str" t="s"><v>0</v><v>1</v></c>`)
		}
		return zipParts(t, append(skeleton(true),
			part{"xl/sharedStrings.xml", repeat(`<sst `+nsMain+`><si><t>nl</t></si><si><t>`, "a", 100<<10, `</t></si></sst>`)},
			part{"xl/worksheets/sheet1.xml", text(sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2">` + cells.String() + `</row>` + sheetTail)})...)
	case "deep": // elements nested size/3 deep between two rows
		return zipParts(t, append(skeleton(false), part{"xl/worksheets/sheet1.xml", func(w io.Writer) error {
			if err := repeat(sheetHead+headerRow, "<a>", size/7, "")(w); err != nil {
				return err
			}
			return repeat("", "</a>", size/7, `<row r="2"><c r="A2" t="inlineStr"><is><t>huis</t></is></c></row>`+sheetTail)(w)
		}})...)
	case "references": // one row referring to one 100 KB shared string in every column
		var cells strings.Builder
		for col := 1; col <= 16384; col++ {
			fmt.Fprintf(&cells, `<c t="s"><v>1</v></c>`)
		}
		return zipParts(t, append(skeleton(true),
			part{"xl/sharedStrings.xml", repeat(`<sst `+nsMain+`><si><t>nl</t></si><si><t>`, "a", 100<<10, `</t></si></sst>`)},
			part{"xl/worksheets/sheet1.xml", text(sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2">` + cells.String() + `</row>` + sheetTail)})...)
	}
	t.Fatalf("no hostile workbook %q", kind)
	return nil
}
