package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Format names the kind of input a Document was parsed from.
type Format string

// The formats Parse recognises.
const (
	// FormatPDFText is text extracted from a PDF (pdftotext and the like):
	// lines wrapped at the page width, line-end hyphenation, page breaks
	// marked by a leading space or a form feed.
	FormatPDFText Format = "pdf-text"
	// FormatMarkdown is CommonMark-style Markdown.
	FormatMarkdown Format = "markdown"
	// FormatText is plain UTF-8 text with paragraphs separated by blank lines.
	FormatText Format = "text"
)

// baseName is the file name of name without its folders ("" for none).
func baseName(name string) string {
	base := path.Base(strings.ReplaceAll(CleanName(name), `\`, "/"))
	if base == "." || base == "/" {
		return ""
	}
	return base
}

// NameID returns the id Parse gives a document uploaded under name, and
// false when the name gives none (no letter or digit in it: the id then
// comes from the title, which only parsing tells).
func NameID(name string) (string, bool) {
	base := baseName(name)
	id := Slug(strings.TrimSuffix(base, path.Ext(base)))
	return id, id != ""
}

// SameFile reports whether the file names a and b name one file as far
// as document ids go: the same base name (without folders), letter case
// aside. A document uploaded again under its name is the same file;
// stb.html and stb.xml, two acts that NameID gives one id, are not.
func SameFile(a, b string) bool { return strings.EqualFold(baseName(a), baseName(b)) }

// AltID returns the k-th id (from 0) a document parsed as id from the
// file name may take, when the ones before it are held by documents from
// other files (SameFile): id itself; then id with the name's extension
// (stb.xml: stb-xml); then id-2, id-3, and on. A name without an
// extension goes from id to id-2.
func AltID(id, name string, k int) string {
	if k == 0 {
		return id
	}
	if ext := Slug(path.Ext(baseName(name))); ext != "" {
		if k == 1 {
			return Slug(id + "-" + ext)
		}
		return Slug(fmt.Sprintf("%s-%d", id, k))
	}
	return Slug(fmt.Sprintf("%s-%d", id, k+1))
}

// Extension is the file extension of a document of format f: .pdf,
// .docx, .odt, .html, .md, .txt, and .xml for the XML formats.
func Extension(f Format) string {
	switch f {
	case FormatPDF:
		return ".pdf"
	case FormatDOCX:
		return ".docx"
	case FormatODT:
		return ".odt"
	case FormatHTML:
		return ".html"
	case FormatMarkdown:
		return ".md"
	case FormatText, FormatPDFText:
		return ".txt"
	}
	return ".xml" // the XML formats
}

// ExtensionFits reports whether name's extension may name a document of
// format f: a text format takes any extension that names no other format.
func ExtensionFits(name string, f Format) bool {
	ext := strings.ToLower(path.Ext(name))
	switch f {
	case FormatHTML:
		return ext == ".html" || ext == ".htm" || ext == ".xhtml"
	case FormatMarkdown:
		return ext == ".md" || ext == ".markdown"
	case FormatText, FormatPDFText:
		switch ext {
		case ".pdf", ".docx", ".odt", ".html", ".htm", ".xhtml", ".xml", ".md", ".markdown":
			return false
		}
		return true
	}
	return ext == Extension(f)
}

// DefaultMaxBytes is the size limit Parse applies when Options.MaxBytes is
// 0: 8 MiB, the HTTP API's limit for a document too (a ministry's PDF with
// images is often 5–8 MB; 5 MiB here refused what the API took in).
const DefaultMaxBytes = 8 << 20

// Sentinel errors; every error Parse returns wraps exactly one of them.
var (
	ErrEmpty       = errors.New("empty document")
	ErrTooLarge    = errors.New("document too large")
	ErrBinary      = errors.New("binary data, not text")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrUnsupported = errors.New("unsupported format")
)

// Document is a parsed letter. All offsets are byte offsets into Text.
type Document struct {
	ID     string // Slug of the file name without extension (or of the title)
	Title  string
	Format Format
	// Text is the normalised full text: NFC, dehyphenated, one space between
	// words, blocks (headings, paragraphs, signature blocks) joined by "\n\n".
	Text        string
	Sections    []Section
	Paragraphs  []Paragraph
	Signatories []Signatory
	References  []Reference
	// Meta is what the format's own metadata and the text say about the
	// document (formats.go). Nil for plain text and Markdown whose text
	// needed no repair, so those documents are stored as before.
	Meta *Metadata `json:"Meta,omitempty"`
	// TitleGiven tells that Title is the one Options.Title gave, not the
	// one the content gives: a replacement without a title keeps it.
	TitleGiven bool `json:",omitempty"`
}

// Section is a heading and everything under it. Start is the offset of the
// heading, End the end of the last paragraph before the next heading of the
// same or a higher level, so a section's span contains its subsections.
type Section struct {
	Number  string // "1", "2.3"; "" for unnumbered headings
	Title   string // heading without its number: "Recente ontwikkelingen"
	Heading string // as shown in Text: "1. Recente ontwikkelingen"; Text[Start:] starts with it
	Level   int    // 1 for top-level headings, 2 for subsections, …
	Start   int
	End     int
}

// Paragraph is one paragraph of body text. Headings and signature blocks
// are not paragraphs.
type Paragraph struct {
	N       int    // 1-based position among the document's paragraphs
	Section string // heading of the innermost enclosing section as shown; "" before the first heading
	Start   int
	End     int
	Text    string // == Document.Text[Start:End]
	// Speaker is who said the paragraph: the speaker of a speaking turn
	// in the Handelingen ("De heer Paternotte (D66)"); "" elsewhere.
	Speaker string `json:",omitempty"`
}

// Signatory is one signer of a letter.
type Signatory struct {
	Office string // "Minister van Buitenlandse Zaken"
	Name   string // "S.A. Blok"
}

// Reference is a citation of a parliamentary paper in the text, such as
// "Kamerstuk 29 521, nr. 363" (Dossier "29 521", Number "363"). Text is
// Document.Text[Start:End] and stops after the paper number; a following
// date is not part of it.
type Reference struct {
	Text    string
	Dossier string
	Number  string
	Start   int
	End     int
}

// Options tunes Parse. The zero value is ready to use.
type Options struct {
	MaxBytes int    // input size limit; 0 means DefaultMaxBytes
	Title    string // overrides the derived title when not empty
	// ID, when not empty, is the document's id (as Slug makes it)
	// instead of the one its name, identifier or title gives: the
	// caller chose it (AltID, or an id a client named).
	ID string
	// PDF reads PDF files; nil refuses them (ErrUnsupported). One reader
	// may be shared by every Parse: internal/pdftext starts its engine
	// on the first PDF and keeps it.
	PDF PDFReader
}

// Parse reads one document. name is the file name (a path is allowed; only
// its base, cleaned by CleanName, is used): its extension chooses Markdown (.md, .markdown) and
// rules out formats Parse cannot read; for other names the content decides
// between pdf-text (lines wrapped at a page width) and plain text.
//
// Rules applied to pdf-text, each pinned by tests:
//   - A line-end hyphen is removed and the words joined ("veroor-" +
//     "deeld"), except when the next word is a conjunction (suspended
//     compound "advies- en", kept with the space), starts with a capital or
//     digit ("Secretaris-Generaal", "COVID-19"), or the part before it is an
//     acronym, a single letter or the word "niet" ("EU-", "niet-"); there
//     the hyphen stays and the words join without a space.
//     A break between two vowels that would merge into one sound
//     ("ge-" + "informeerd") gets the diaeresis Dutch hyphenation dropped
//     ("geïnformeerd").
//   - A line starting with a space (or following a form feed) starts a
//     page. Where no blank line separates it from the previous line, it
//     starts a new paragraph if the previous line ended a sentence and it
//     starts with a capital; otherwise it continues the sentence.
//   - Within a page, a line ending a sentence followed by a capitalised line
//     is a paragraph break only if the previous line is short: even with the
//     next word added it would be shorter than nine in ten wrapped lines.
//   - A one-line block is a heading if it is numbered ("1. Titel") or short,
//     starts with a capital and has no final punctuation.
//   - Trailing blocks "De Minister van …," + name are signatures: metadata,
//     not paragraphs.
func Parse(name string, data []byte, opt Options) (*Document, error) {
	base := baseName(name)
	fail := func(format string, args ...any) error {
		if base == "" {
			return fmt.Errorf("ingest: "+format, args...)
		}
		return fmt.Errorf("ingest: %s: "+format, append([]any{base}, args...)...)
	}
	limit := opt.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if len(data) > limit {
		return nil, fail("%d bytes exceeds the limit of %d bytes: %w", len(data), limit, ErrTooLarge)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail("the file holds no text: it is empty or white space only: %w", ErrEmpty)
	}
	if k := sniff(data, strings.ToLower(path.Ext(base))); k != kindText {
		doc, err := parseRich(k, base, data, opt)
		if err != nil {
			return nil, fail("%w", err)
		}
		return doc, nil
	}
	if what, ok := binaryExt[strings.ToLower(path.Ext(base))]; ok {
		return nil, fail("the name says %s, but the content is not one (it reads as text): %w", what, ErrMismatch)
	}
	if err := checkContent(data); err != nil {
		return nil, fail("%w", err)
	}
	ext := strings.ToLower(path.Ext(base))
	if what, ok := unsupportedExt[ext]; ok {
		return nil, fail("%s files are not supported; %w", what, ErrUnsupported)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	src, repaired := repairMojibake(string(data))
	fm, src, err := ReadFrontMatter(src)
	if err != nil {
		return nil, fail("%w", err)
	}
	if fm == nil {
		fm = &FrontMatter{}
	}

	var (
		blocks []block
		format Format
	)
	switch {
	case ext == ".md" || ext == ".markdown" || ext == ".mdown", (ext == "" || ext == ".txt") && looksMarkdown(src):
		format = FormatMarkdown
		blocks = parseMarkdown(src)
	default:
		lines := splitLines(src)
		format = FormatText
		if looksTypeset(lines) {
			format = FormatPDFText
		}
		blocks = parseText(lines, format == FormatPDFText)
	}
	doc := assemble(blocks)
	if doc.Text == "" {
		return nil, fail("no text is left after normalisation (markup and control characters removed): %w", ErrEmpty)
	}
	doc.Format = format
	switch {
	case strings.TrimSpace(opt.Title) != "":
		doc.Title, doc.TitleGiven = normalizeInline(opt.Title), true
	case fm.Title != "":
		doc.Title = fm.Title
	case doc.Title == "":
		doc.Title = deriveTitle(doc)
	}
	doc.Title = shorten(doc.Title, 300)
	doc.ID = Slug(opt.ID)
	if doc.ID == "" {
		doc.ID = Slug(strings.TrimSuffix(base, path.Ext(base)))
	}
	if doc.ID == "" {
		doc.ID = Slug(fm.Meta.Identifier)
	}
	if doc.ID == "" {
		doc.ID = Slug(doc.Title)
	}
	if doc.ID == "" {
		doc.ID = "document"
	}
	meta := &fm.Meta
	meta.Source, meta.SourceFormat = base, string(format)
	if repaired > 0 {
		meta.Repaired = []string{mojibakeNote(repaired)}
	}
	// The text's own dates are not guessed at here: a circular's first
	// date is often that of the circular it refers to.
	textMeta(meta, doc, false)
	doc.Meta = meta
	return doc, nil
}

// markdownHeading is a Markdown heading line: hashes and a space
// (CommonMark), or two or more hashes and a letter, as the BWB exports
// write them (##Aanpassing bedragen …).
var markdownHeading = regexp.MustCompile(`(?m)^(?:#{1,6} +\S|#{2,6}\p{L})`)

// looksMarkdown reports whether text that came without a Markdown name
// (x.txt, or no name) is Markdown all the same: it has a heading line.
// Named .txt, a BWB circular's Markdown took its first line, an HTML meta
// tag, as its title.
func looksMarkdown(src string) bool { return markdownHeading.MatchString(src) }

// unsupportedExt maps extensions of formats that need a converter first to
// the name a user knows them by. (Formats read by content — PDF, DOCX,
// ODT, HTML, XML — are recognised before the extension is looked at.)
var unsupportedExt = map[string]string{
	".doc": "Word 97-2003", ".rtf": "RTF", ".xlsx": "Excel",
}

// binaryExt names extensions of binary formats: a file named so whose
// content is text was misnamed.
var binaryExt = map[string]string{
	".pdf": "a PDF file", ".docx": "a Word (.docx) file", ".odt": "an OpenDocument text (.odt)",
}

// magic lists file signatures of formats people upload by mistake, with
// the advice to give.
var magic = []struct {
	prefix, what string
}{
	{"%PDF-", "this is a PDF file; extract its text first (for example with pdftotext)"},
	{"PK\x03\x04", "this is a ZIP archive"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "this is an old Microsoft Office file (.doc); save it as text first"},
	{"{\\rtf", "this is an RTF file; save it as plain text first"},
	{"\x89PNG\r\n\x1a\n", "this is a PNG image"},
	{"\xFF\xD8\xFF", "this is a JPEG image"},
	{"GIF8", "this is a GIF image"},
	{"\x1F\x8B", "this is a gzip archive; decompress it first"},
	{"\xFF\xFE", "this is UTF-16 text; convert it to UTF-8 first"},
	{"\xFE\xFF", "this is UTF-16 text; convert it to UTF-8 first"},
}

// checkContent refuses what is not UTF-8 text, naming known formats.
func checkContent(data []byte) error {
	for _, m := range magic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			what := m.what
			if m.prefix == "PK\x03\x04" {
				head := data[:min(len(data), 4096)]
				switch {
				case bytes.Contains(head, []byte("word/")):
					what = "this is a Word (.docx) file; save it as text or Markdown first"
				case bytes.Contains(head, []byte("opendocument.text")):
					what = "this is an OpenDocument text (.odt) file; save it as text or Markdown first"
				}
			}
			return fmt.Errorf("%s: %w", what, ErrUnsupported)
		}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("NUL byte at offset %d: %w", i, ErrBinary)
	}
	// Text may contain tabs, form feeds (page breaks in pdftotext output)
	// and line ends; a noticeable share of other control characters means
	// the bytes are not text.
	controls := 0
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7f {
			controls++
		}
	}
	if controls > 0 && controls*100 >= len(data) {
		return fmt.Errorf("%d control characters in %d bytes: %w", controls, len(data), ErrBinary)
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line := bytes.Count(data[:off], []byte("\n")) + 1
		col := utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off]) + 1
		return fmt.Errorf("byte offset %d (line %d, column %d): 0x%02X is not valid UTF-8; save the file as UTF-8: %w",
			off, line, col, data[off], ErrInvalidUTF8)
	}
	return nil
}
