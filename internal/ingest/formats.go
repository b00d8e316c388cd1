package ingest

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// The formats Parse recognises by content, beside the text formats.
const (
	// FormatPDF is a PDF file read through its text layer (Options.PDF).
	FormatPDF Format = "pdf"
	// FormatDOCX is a Word 2007+ document (Office Open XML).
	FormatDOCX Format = "docx"
	// FormatODT is an OpenDocument text.
	FormatODT Format = "odt"
	// FormatHTML is an HTML page: its main text.
	FormatHTML Format = "html"
	// FormatXML is the XML of Dutch official publications: an
	// <officiele-publicatie> (Kamerstukken, Handelingen, Staatsblad,
	// Staatscourant, gemeenteblad …), BWB toestand, CVDR or
	// open-rechtspraak; Metadata.SourceFormat names the dialect.
	FormatXML Format = "xml"
)

// PDFReader extracts the text layer of a PDF. internal/pdftext has the
// implementation; Parse refuses PDFs when Options.PDF is nil.
type PDFReader interface {
	// ReadPDF returns the text of every page, lines in reading order
	// separated by "\n", and the document information dictionary. A
	// password-protected file is an error wrapping ErrEncrypted, one
	// that does not parse an error wrapping ErrCorrupt.
	ReadPDF(data []byte) (*PDFText, error)
}

// PDFText is what a PDFReader extracts.
type PDFText struct {
	Pages []string
	// Layout, when the reader has it, is every page's lines (the lines of
	// Pages, blank ones left out) with their positions: it lets Parse find
	// paragraph breaks by the space between lines and page furniture by
	// its place in the margins. A page whose entry is nil is read from
	// its text alone.
	Layout [][]PDFLine
	// Heights are the pages' heights in points (with Layout).
	Heights []float64
	// Info holds the document information dictionary's entries that
	// were set: Title, Author, Subject, Keywords, Creator, Producer,
	// CreationDate (as written, "D:20200825120000+02'00'").
	Info map[string]string
}

// PDFLine is one line of a PDF page: its text, the top and bottom of its
// glyphs in points from the bottom of the page, and its font size.
type PDFLine struct {
	Text        string
	Top, Bottom float64
	Size        float64
}

// parseRich reads the formats recognised by content.
func parseRich(k kind, base string, data []byte, opt Options) (*Document, error) {
	var (
		blocks []block
		meta   *Metadata
		format Format
		title  string
		err    error
	)
	switch k {
	case kindPDF:
		if opt.PDF == nil {
			return nil, fmt.Errorf("this is a PDF file and PDF reading is not configured here: %w", ErrUnsupported)
		}
		format = FormatPDF
		blocks, meta, title, err = parsePDF(opt.PDF, data)
	case kindZip:
		blocks, meta, format, err = parseOffice(data)
	case kindOLE:
		if bytes.Contains(data, utf16le("EncryptedPackage")) || bytes.Contains(data, utf16le("EncryptionInfo")) {
			return nil, fmt.Errorf("this is a password-protected (encrypted) Office document; remove the password and upload it again: %w", ErrEncrypted)
		}
		return nil, fmt.Errorf("this is an old Microsoft Office file (.doc, Word 97-2003); save it as .docx or .odt first: %w", ErrUnsupported)
	case kindXML, kindHTML:
		decoded := ""
		if k == kindHTML && !utf8.Valid(data) {
			// Word's "Save as Web page" and older sites write
			// windows-1252 and say so in a meta tag: read the page as it
			// declares, as a browser does.
			if d, name, err := declaredCharset(data); err != nil {
				return nil, err
			} else if d != nil {
				data, decoded = d, name
			}
		}
		if !utf8.Valid(data) && !bytes.Contains(data[:min(len(data), 200)], []byte("encoding=")) {
			if err := checkContent(data); err != nil {
				return nil, err
			}
		}
		src, n := repairMojibake(string(markupHead(data)))
		if k == kindXML {
			format = FormatXML
			blocks, meta, title, err = parseXMLDoc([]byte(src))
		} else {
			format = FormatHTML
			blocks, meta, title, err = parseHTML([]byte(src))
		}
		if err == nil && n > 0 {
			meta.Repaired = append(meta.Repaired, mojibakeNote(n))
		}
		if err == nil && decoded != "" {
			meta.Repaired = append(meta.Repaired, "read as "+decoded+", as the page declares (not UTF-8)")
		}
	}
	if err != nil {
		return nil, err
	}
	return finish(blocks, meta, format, title, base, opt)
}

// utf16le encodes an ASCII string as UTF-16LE, as Compound File
// directories name their streams.
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// metaCharset finds the charset an HTML page declares in its head:
// <meta charset="…"> or <meta http-equiv="Content-Type" content="…;
// charset=…">.
var metaCharset = regexp.MustCompile(`(?i)<meta\b[^>]*?charset\s*=\s*["']?([a-z0-9_.:-]+)`)

// declaredCharset decodes an HTML page that is not UTF-8 from the charset
// its head declares (within the first 4 KiB); nil when it declares none.
// A charset that is not known, or one the bytes are not in, is an error
// naming it.
func declaredCharset(data []byte) ([]byte, string, error) {
	m := metaCharset.FindSubmatch(data[:min(len(data), 4096)])
	if m == nil {
		return nil, "", nil
	}
	label := strings.ToLower(string(m[1]))
	enc, name := charset.Lookup(label)
	if enc == nil {
		return nil, "", fmt.Errorf("the page declares the charset %q, which is not known; save it as UTF-8: %w", label, ErrInvalidUTF8)
	}
	if name == "utf-8" {
		return nil, "", nil // declared UTF-8 but is not: the usual error says where
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", fmt.Errorf("the page is not %s as it declares (%v); save it as UTF-8: %w", name, err, ErrInvalidUTF8)
	}
	return out, name, nil
}

func mojibakeNote(n int) string {
	if n == 1 {
		return "mojibake: 1 double-encoded character repaired"
	}
	return fmt.Sprintf("mojibake: %d double-encoded characters repaired", n)
}

// finish lays blocks out as a Document and completes the metadata from
// the text.
func finish(blocks []block, meta *Metadata, format Format, title, base string, opt Options) (*Document, error) {
	if meta == nil {
		meta = &Metadata{}
	}
	repaired := 0
	out := blocks[:0]
	for _, b := range blocks {
		var n int
		b.text, n = repairMojibake(b.text)
		repaired += n
		b.title, _ = repairMojibake(b.title)
		b.speaker, _ = repairMojibake(b.speaker)
		b.text = normalizeInline(b.text)
		if b.kind == kindHeading && b.title == "" {
			b.title = b.text
		}
		b.title = normalizeInline(b.title)
		if b.text == "" {
			continue
		}
		out = append(out, b)
	}
	if repaired > 0 {
		meta.Repaired = append(meta.Repaired, mojibakeNote(repaired))
	}
	doc := assemble(out)
	if doc.Text == "" || len(doc.Paragraphs) == 0 && len(doc.Sections) == 0 {
		return nil, fmt.Errorf("the %s file holds no text: %w", formatName(format), ErrEmpty)
	}
	doc.Format = format
	title, _ = repairMojibake(normalizeInline(title))
	switch {
	case strings.TrimSpace(opt.Title) != "":
		doc.Title, doc.TitleGiven = normalizeInline(opt.Title), true
	case title != "":
		doc.Title = title
	case doc.Title == "" && (format == FormatXML || format == FormatHTML) && len(doc.Sections) > 0:
		doc.Title = doc.Sections[0].Title
	case doc.Title == "":
		doc.Title = deriveTitle(doc)
	}
	doc.Title = shorten(doc.Title, 300)
	doc.ID = Slug(opt.ID)
	if doc.ID == "" {
		doc.ID = Slug(strings.TrimSuffix(base, path.Ext(base)))
	}
	if doc.ID == "" {
		doc.ID = Slug(meta.Identifier)
	}
	if doc.ID == "" {
		doc.ID = Slug(doc.Title)
	}
	if doc.ID == "" {
		doc.ID = "document"
	}
	meta.Source = base
	if meta.SourceFormat == "" {
		meta.SourceFormat = string(format)
	}
	textMeta(meta, doc, true)
	doc.Meta = meta
	return doc, nil
}

func formatName(f Format) string {
	switch f {
	case FormatPDF:
		return "PDF"
	case FormatDOCX:
		return "Word"
	case FormatODT:
		return "OpenDocument"
	case FormatHTML:
		return "HTML"
	case FormatXML:
		return "XML"
	}
	return string(f)
}
