package ingest

import (
	"bytes"
	"errors"
	"unicode/utf8"
)

// More sentinel errors, for the formats read by content (formats.go).
// Each names a problem with the input; IsInputError holds for all.
var (
	// ErrCorrupt: the file is damaged or truncated (a PDF or ZIP that
	// does not parse, XML that is not well-formed).
	ErrCorrupt = errors.New("damaged or truncated file")
	// ErrEncrypted: the file is password-protected.
	ErrEncrypted = errors.New("encrypted document")
	// ErrNoTextLayer: a PDF of page images (a scan) without text.
	ErrNoTextLayer = errors.New("no text layer")
	// ErrGarbled: the text a file yields is not language (fonts
	// without a Unicode map).
	ErrGarbled = errors.New("garbled text")
	// ErrUnsafe: input refused to bound the work it would cause (a zip
	// bomb, XML with a DTD or entity declarations).
	ErrUnsafe = errors.New("unsafe input")
	// ErrMismatch: the file name promises a format the content is not.
	ErrMismatch = errors.New("content does not match the file name")
)

// IsInputError reports whether err says that the input was at fault (any
// of the package's sentinel errors): a client error, not a server one.
func IsInputError(err error) bool { return Kind(err) != nil }

// Kind returns the package's sentinel error that err wraps, the category
// of the input's fault, or nil if err wraps none.
func Kind(err error) error {
	for _, e := range []error{ErrEmpty, ErrTooLarge, ErrBinary, ErrInvalidUTF8, ErrUnsupported,
		ErrCorrupt, ErrEncrypted, ErrNoTextLayer, ErrGarbled, ErrUnsafe, ErrMismatch, ErrMetadata} {
		if errors.Is(err, e) {
			return e
		}
	}
	return nil
}

// kind is what the bytes of an upload are, whatever its name says.
type kind int

const (
	kindText kind = iota // anything else: text or Markdown (the old paths)
	kindPDF
	kindZip // a ZIP container: DOCX, ODT or something else
	kindOLE // a Compound File: an old .doc, or an encrypted OOXML file
	kindXML
	kindHTML
)

// sniff decides what data is from its first bytes. A UTF-8 byte order
// mark and leading white space are skipped for the markup formats, and so
// is a byte order mark that was itself double-encoded ("ï»¿"). The
// extension ext (lower case, with its dot) only decides between HTML and
// text for markup without a declaration: Markdown may start with an HTML
// tag.
func sniff(data []byte, ext string) kind {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return kindPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return kindZip
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return kindOLE
	}
	// A PDF may have a few bytes of junk before its header (the format
	// allows 1024).
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i > 0 && !utf8.Valid(data[:i]) {
		return kindPDF
	}
	head := markupHead(data)
	lower := bytes.ToLower(head[:min(len(head), 512)])
	switch {
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")):
		return kindHTML
	case bytes.HasPrefix(lower, []byte("<?xml")):
		if bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("xhtml")) && bytes.Contains(lower, []byte("<!doctype html")) {
			return kindHTML
		}
		return kindXML
	case bytes.HasPrefix(lower, []byte("<!doctype")):
		return kindXML // a DTD: refused by the XML reader, with a reason
	case bytes.HasPrefix(lower, []byte("<")) && len(lower) > 1 && (lower[1] >= 'a' && lower[1] <= 'z' || lower[1] == '!'):
		// Markup without a declaration: an XML document of a known
		// format, or HTML when the name says so.
		if xmlRoot(lower) {
			return kindXML
		}
		if ext == ".html" || ext == ".htm" || ext == ".xhtml" {
			return kindHTML
		}
	}
	return kindText
}

// markupHead returns data without a leading byte order mark (also a
// double-encoded one) and white space.
func markupHead(data []byte) []byte {
	for {
		switch {
		case bytes.HasPrefix(data, []byte("\uFEFF")):
			data = data[3:]
		case bytes.HasPrefix(data, []byte("Ã¯Â»Â¿")):
			data = data[12:]
		case bytes.HasPrefix(data, []byte("ï»¿")):
			data = data[6:]
		default:
			return bytes.TrimLeft(data, " \t\r\n")
		}
	}
}

// xmlRoot reports whether lower starts with the root element of a format
// the XML reader knows.
func xmlRoot(lower []byte) bool {
	for _, r := range []string{"<officiele-publicatie", "<handelingen", "<toestand", "<wetgeving", "<cvdr", "<open-rechtspraak",
		"<metadata_gegevens", "<owms-metadata", "<record", "<work", "<kamerstuk"} {
		if bytes.HasPrefix(lower, []byte(r)) {
			return true
		}
	}
	return false
}

// BinaryOrMarkup reports whether data is, by its first bytes, a format
// whose line breaks carry no structure: a binary file (PDF, a ZIP such as
// DOCX, ODT or XLSX, an OLE2 compound file, gzip), RTF, or markup (HTML,
// XML, TBX, TMX: '<' and a name, '!' or '?' after an optional byte order
// mark and white space). Text, Markdown and tables are not: their lines
// are their structure, so that a copy of them with the line breaks
// dropped (curl -d) is damaged, while a copy of these is as good.
func BinaryOrMarkup(data []byte) bool {
	if sniff(data, "") != kindText {
		return true
	}
	if bytes.HasPrefix(data, []byte("\x1f\x8b")) || bytes.HasPrefix(data, []byte("{\\rtf")) {
		return true
	}
	head := markupHead(data)
	if len(head) < 2 || head[0] != '<' {
		return false
	}
	c := head[1]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '!' || c == '?'
}
