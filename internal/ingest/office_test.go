package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// zipOf builds a ZIP archive of the named parts, in order.
func zipOf(t testing.TB, parts ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p[1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// docxOf builds a minimal Word document around body (the content of
// w:body) with a styles part naming Kop1/Kop2 as headings.
func docxOf(t testing.TB, body, footnotes string) []byte {
	t.Helper()
	styles := `<w:styles ` + wNS + `><w:style w:styleId="Kop1"><w:name w:val="heading 1"/></w:style>` +
		`<w:style w:styleId="Kop2"><w:name w:val="heading 2"/></w:style><w:style w:styleId="Titel"><w:name w:val="Title"/></w:style></w:styles>`
	parts := [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`},
		{"word/styles.xml", styles},
		{"docProps/core.xml", `<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:creator>Ministerie van Buitenlandse Zaken</dc:creator><dcterms:created>2020-08-25T10:00:00Z</dcterms:created></cp:coreProperties>`},
	}
	if footnotes != "" {
		parts = append(parts, [2]string{"word/footnotes.xml", `<w:footnotes ` + wNS + `>` + footnotes + `</w:footnotes>`})
	}
	return zipOf(t, parts...)
}

func wp(style, text string) string {
	pr := ""
	if style != "" {
		pr = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
	}
	return `<w:p>` + pr + `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func TestDOCX(t *testing.T) {
	body := wp("Titel", "Kamerbrief over Mali") +
		wp("", "Met deze brief informeer ik uw Kamer over de staatsgreep in Mali.") +
		wp("Kop1", "1. Recente ontwikkelingen") +
		// A tracked change: the insertion stays, the deletion goes; a
		// comment is left out; a footnote reference keeps its number.
		`<w:p><w:r><w:t xml:space="preserve">De junta heeft </w:t></w:r><w:ins w:id="1"><w:r><w:t>gisteren </w:t></w:r></w:ins>` +
		`<w:del w:id="2"><w:r><w:delText>vorige week </w:delText></w:r></w:del><w:commentRangeStart w:id="3"/><w:r><w:t>de macht gegrepen.</w:t></w:r>` +
		`<w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r><w:r><w:footnoteReference w:id="7"/></w:r></w:p>` +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>eerste punt</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc>` + wp("", "Land") + `</w:tc><w:tc>` + wp("", "Bijdrage") + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + wp("", "Mali") + `</w:tc><w:tc>` + wp("", "250 militairen") + `</w:tc></w:tr></w:tbl>` +
		wp("Kop2", "Vervolg") + wp("", "Hoogachtend,") + `<w:sectPr><w:pgSz/></w:sectPr>`
	notes := `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Kamerstuk 29 521, nr. 409.</w:t></w:r></w:p></w:footnote>`
	doc, err := Parse("brief.docx", docxOf(t, body, notes), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, doc)
	var paras []string
	for _, p := range doc.Paragraphs {
		paras = append(paras, p.Section+" | "+p.Text)
	}
	want := []string{
		" | Met deze brief informeer ik uw Kamer over de staatsgreep in Mali.",
		"1. Recente ontwikkelingen | De junta heeft gisteren de macht gegrepen.1",
		"1. Recente ontwikkelingen | eerste punt",
		"1. Recente ontwikkelingen | Land | Bijdrage",
		"1. Recente ontwikkelingen | Mali | 250 militairen",
		// "Hoogachtend," closes the letter: a signature block, as in a
		// text letter, not a paragraph.
		"Voetnoten | 1 Kamerstuk 29 521, nr. 409.",
	}
	if diff := cmp.Diff(want, paras); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	if doc.Title != "Kamerbrief over Mali" || doc.Format != FormatDOCX {
		t.Errorf("title %q, format %q", doc.Title, doc.Format)
	}
	if len(doc.Sections) < 2 || doc.Sections[0].Number != "1" || doc.Sections[1].Level != 2 {
		t.Errorf("sections %+v", doc.Sections)
	}
	m := doc.Meta
	if m == nil || m.Authority != "Ministerie van Buitenlandse Zaken" || m.Date != "" || m.FileDate != "2020-08-25" || m.Type != "brief" || m.SourceFormat != "docx" || m.Language != "nl" {
		t.Errorf("meta %+v", m)
	}
}

func TestODT(t *testing.T) {
	content := `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>` +
		`<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>verwijderde tekst</text:p></text:deletion></text:changed-region></text:tracked-changes>` +
		`<text:h text:outline-level="1">Inleiding</text:h>` +
		`<text:p>Een alinea<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Een voetnoot.</text:p></text:note-body></text:note> met<text:s/>noot.<office:annotation><text:p>commentaar</text:p></office:annotation></text:p>` +
		`<text:list><text:list-item><text:p>punt een</text:p></text:list-item></text:list>` +
		`<table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell><text:p>1</text:p></table:table-cell></table:table-row></table:table>` +
		`<text:h text:outline-level="2">Slot</text:h><text:p>Einde<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Eindnoot.</text:p></text:note-body></text:note>.</text:p>` +
		`</office:text></office:body></office:document-content>`
	meta := `<office:document-meta xmlns:office="o" xmlns:meta="m" xmlns:dc="d"><office:meta><dc:title>Notitie</dc:title><meta:initial-creator>J. Jansen</meta:initial-creator><meta:creation-date>2021-03-04T09:00:00</meta:creation-date><meta:document-statistic meta:page-count="2"/></office:meta></office:document-meta>`
	data := zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", content}, [2]string{"meta.xml", meta})
	doc, err := Parse("notitie.odt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, doc)
	var paras []string
	for _, p := range doc.Paragraphs {
		paras = append(paras, p.Section+" | "+p.Text)
	}
	want := []string{"Inleiding | Een alinea1 met noot.", "Inleiding | punt een", "Inleiding | a | 1", "Slot | Eindei.",
		"Voetnoten | 1 Een voetnoot.", "Eindnoten | i Eindnoot."}
	if diff := cmp.Diff(want, paras); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	if doc.Title != "Notitie" || doc.Meta.Pages != 2 || doc.Meta.Date != "" || doc.Meta.FileDate != "2021-03-04" || doc.Meta.Authority != "J. Jansen" {
		t.Errorf("title %q meta %+v", doc.Title, doc.Meta)
	}
	if strings.Contains(doc.Text, "verwijderde") || strings.Contains(doc.Text, "commentaar") {
		t.Errorf("deleted text or comment in the text: %q", doc.Text)
	}
}

// bomb returns a DOCX whose document.xml inflates to size bytes and whose
// header declares declared bytes.
func bomb(t testing.TB, size, declared int64) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	crc := crc32.NewIEEE()
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	copy(chunk, `<w:document `+wNS+`><w:body><w:p><w:r><w:t>`)
	for n := int64(0); n < size; n += int64(len(chunk)) {
		fw.Write(chunk)
		crc.Write(chunk)
		chunk = bytes.Repeat([]byte(" "), 1<<20)
	}
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: uint64(declared), CRC32: crc.Sum32()})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

// TestZipBomb: a DOCX part that declares more than the limit, one
// compressed far beyond any text's ratio, and one that inflates beyond
// what its header declares are refused, and reading them allocates a
// bounded amount of memory. (The sizes are kept small: compressing under
// -race costs about a third of a second per MiB on the shared machine.)
func TestZipBomb(t *testing.T) {
	for _, tc := range []struct {
		name           string
		size, declared int64
		msg            string
	}{
		{"declared size", 1 << 20, 1 << 30, "declares 1073741824 bytes uncompressed (limit 67108864)"},
		{"compression ratio", 16 << 20, 16 << 20, ":1 (limit 200:1): a zip bomb?"},
		{"lying header", 16 << 20, 1024, "inflates beyond its declared size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := bomb(t, tc.size, tc.declared)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Parse("bom.docx", data, Options{MaxBytes: 16 << 20})
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrUnsafe) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %v, want ErrUnsafe with %q", err, tc.msg)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d KB compressed: %v; %d MB allocated", len(data)>>10, err, alloc>>20)
			if alloc > 64<<20 {
				t.Errorf("reading the bomb allocated %d MB; want it bounded by the part limit", alloc>>20)
			}
		})
	}
}

// TestOfficeTruncatedPart: a Word or OpenDocument file whose main part
// was cut off after a complete paragraph is refused as damaged, naming
// the part and the element it ends inside; before, it was stored with
// the paragraphs before the cut.
func TestOfficeTruncatedPart(t *testing.T) {
	full := docxOf(t, wp("", "Eerste alinea.")+wp("", "Tweede alinea."), "")
	if _, err := Parse("brief.docx", full, Options{}); err != nil {
		t.Fatalf("the whole file: %v", err)
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` + wp("", "Eerste alinea.") + wp("", "Tweede alinea.")
	cut := zipOf(t, [2]string{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`}, [2]string{"word/document.xml", doc})
	_, err := Parse("brief.docx", cut, Options{})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "word/document.xml ends inside <w:body>") {
		t.Errorf("cut docx: %v, want ErrCorrupt naming word/document.xml and <w:body>", err)
	}
	content := `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Eerste alinea.</text:p>`
	odt := zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", content})
	_, err = Parse("brief.odt", odt, Options{})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "content.xml ends inside <office:text>") {
		t.Errorf("cut odt: %v, want ErrCorrupt naming content.xml and <office:text>", err)
	}
	mismatched := zipOf(t, [2]string{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		[2]string{"word/document.xml", `<w:document ` + wNS + `><w:body><w:p></w:body></w:document>`})
	if _, err := Parse("brief.docx", mismatched, Options{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("mismatched tags: %v, want ErrCorrupt", err)
	}
}

// TestOfficeOtherContainers: a workbook or a presentation sent as a
// document is refused saying what it is (and, for a workbook, where a term
// list goes), not as a ZIP archive in general.
func TestOfficeOtherContainers(t *testing.T) {
	for _, tt := range []struct{ part, name, want string }{
		{"xl/workbook.xml", "termen.xlsx", "Excel workbook"},
		{"ppt/presentation.xml", "dia's.pptx", "PowerPoint presentation"},
		{"other.txt", "archief.zip", "ZIP archive"},
	} {
		_, err := Parse(tt.name, zipOf(t, [2]string{tt.part, "<x/>"}), Options{})
		if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want ErrUnsupported naming %q", tt.name, err, tt.want)
		}
	}
}
