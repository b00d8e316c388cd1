// Package ingest turns letters as they really arrive — text extracted from
// PDFs, Markdown, plain UTF-8 text — into clean documents: normalised text
// (NFC, line-end hyphenation joined, page breaks repaired), sections and
// paragraphs with byte offsets into that text, and metadata (title,
// signatories, references to parliamentary papers).
//
// Parse is the single entry point. It refuses input it cannot read
// faithfully (binary files, PDFs that were not extracted, invalid UTF-8,
// oversized or empty input) with errors that wrap one of the sentinel
// errors ErrEmpty, ErrTooLarge, ErrBinary, ErrInvalidUTF8 or ErrUnsupported
// and say why.
//
// The heuristics for PDF text are described on Parse and on the unexported
// functions that implement them (dehyphenation in joinLines, paragraph
// recovery in splitBlock, headings in headingOf); tests pin each rule.
package ingest
