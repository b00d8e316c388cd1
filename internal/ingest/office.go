package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Limits on ZIP containers (DOCX, ODT). A part is read as a stream and
// never held whole; the limits bound the work, and the text a document
// yields is bounded by maxOfficeText.
const (
	maxZipEntries     = 5000
	maxPartBytes      = 64 << 20  // uncompressed size of one part read
	maxZipTotal       = 128 << 20 // uncompressed size of all parts read
	maxCompressRatio  = 200       // declared uncompressed ÷ compressed of a part larger than 1 MiB
	maxOfficeText     = 16 << 20  // text extracted from one document
	compressionFloors = 1 << 20
)

// errPartTooLarge ends the reading of a part that inflates beyond its limit.
var errPartTooLarge = errors.New("part too large")

// parseOffice reads a ZIP container: a Word (.docx) or OpenDocument text
// (.odt) document.
func parseOffice(data []byte) ([]block, *Metadata, Format, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, "", fmt.Errorf("the ZIP container (Word/OpenDocument) is damaged or truncated (%v): %w", err, ErrCorrupt)
	}
	if len(zr.File) > maxZipEntries {
		return nil, nil, "", fmt.Errorf("the ZIP container has %d entries (limit %d): %w", len(zr.File), maxZipEntries, ErrUnsafe)
	}
	z := &zipParts{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		z.files[f.Name] = f
	}
	switch {
	case z.files["word/document.xml"] != nil:
		blocks, meta, err := z.docx()
		return blocks, meta, FormatDOCX, err
	case z.files["content.xml"] != nil:
		if mt, err := z.read("mimetype", 200); err == nil && !bytes.HasPrefix(mt, []byte("application/vnd.oasis.opendocument.text")) {
			return nil, nil, "", fmt.Errorf("this OpenDocument file is %q, not a text document: %w", string(mt), ErrUnsupported)
		}
		blocks, meta, err := z.odt()
		return blocks, meta, FormatODT, err
	case z.files["xl/workbook.xml"] != nil:
		// A spreadsheet is most often a term list sent as a document.
		return nil, nil, "", fmt.Errorf("this is an Excel workbook (.xlsx), not a document: a term list in a workbook is imported into the glossary (tolk glossary import FILE.xlsx, or POST /api/v1/glossary/import): %w", ErrUnsupported)
	case z.files["ppt/presentation.xml"] != nil:
		return nil, nil, "", fmt.Errorf("this is a PowerPoint presentation (.pptx), which tolk does not read: save it as PDF and add that: %w", ErrUnsupported)
	}
	return nil, nil, "", fmt.Errorf("this is a ZIP archive, not a Word (.docx) or OpenDocument text (.odt) file: %w", ErrUnsupported)
}

// zipParts opens the parts of a container within the limits.
type zipParts struct {
	files map[string]*zip.File
	total uint64 // uncompressed bytes read so far
}

// open opens a part for streaming, refusing it by its declared size, its
// compression ratio, and — while it is read — its actual size.
func (z *zipParts) open(name string) (io.ReadCloser, error) {
	f := z.files[name]
	if f == nil {
		return nil, nil
	}
	if f.UncompressedSize64 > maxPartBytes {
		return nil, fmt.Errorf("%s declares %d bytes uncompressed (limit %d): a zip bomb? %w", name, f.UncompressedSize64, maxPartBytes, ErrUnsafe)
	}
	if f.UncompressedSize64 > compressionFloors && f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > maxCompressRatio {
		return nil, fmt.Errorf("%s is compressed %d:1 (limit %d:1): a zip bomb? %w", name, f.UncompressedSize64/f.CompressedSize64, maxCompressRatio, ErrUnsafe)
	}
	if z.total+f.UncompressedSize64 > maxZipTotal {
		return nil, fmt.Errorf("the parts read declare more than %d bytes uncompressed: %w", maxZipTotal, ErrUnsafe)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %w", name, err, ErrCorrupt)
	}
	limit := min(uint64(maxPartBytes), maxZipTotal-z.total)
	return &boundedReader{rc: rc, left: int64(limit), z: z}, nil
}

// boundedReader fails a read past its limit (a part that inflates to more
// than it declared) and counts what was read.
type boundedReader struct {
	rc   io.ReadCloser
	left int64
	z    *zipParts
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errPartTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	b.z.total += uint64(n)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%w: %w", err, ErrCorrupt)
	}
	return n, err
}

func (b *boundedReader) Close() error { return b.rc.Close() }

// read reads a small part whole (at most limit bytes).
func (z *zipParts) read(name string, limit int64) ([]byte, error) {
	rc, err := z.open(name)
	if err != nil || rc == nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, limit))
}

// xmlPart streams the tokens of a part to fn; a missing part is no error.
func (z *zipParts) xmlPart(name string, fn func(xml.Token) error) error {
	rc, err := z.open(name)
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = true
	// RawToken does not match end tags to start tags, so a part cut off
	// after a complete element (half of word/document.xml) would end
	// without an error: the open elements are counted.
	var open []string
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(open) > 0 {
				return fmt.Errorf("%s ends inside <%s>: the file is damaged or truncated: %w", name, open[len(open)-1], ErrCorrupt)
			}
			return nil
		}
		if err != nil {
			return partError(name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, qualified(t.Name))
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != qualified(t.Name) {
				return fmt.Errorf("%s: </%s> does not close an open element: the file is damaged: %w", name, qualified(t.Name), ErrCorrupt)
			}
			open = open[:len(open)-1]
		}
		if dir, ok := tok.(xml.Directive); ok {
			_ = dir
			return fmt.Errorf("%s has a DOCTYPE; DTDs are refused: %w", name, ErrUnsafe)
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

// qualified is an element's name as written (w:p), for RawToken's names.
func qualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func partError(name string, err error) error {
	switch {
	case errors.Is(err, zip.ErrFormat):
		// archive/zip stops a part that inflates beyond its declared
		// size with ErrFormat.
		return fmt.Errorf("%s is damaged or inflates beyond its declared size (a zip bomb?): %w", name, ErrUnsafe)
	case errors.Is(err, errPartTooLarge):
		return fmt.Errorf("%s inflates beyond %d bytes: a zip bomb? %w", name, maxPartBytes, ErrUnsafe)
	case errors.Is(err, ErrCorrupt), errors.Is(err, ErrUnsafe), errors.Is(err, ErrTooLarge):
		return fmt.Errorf("%s: %w", name, err)
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s is damaged (%v): %w", name, err, ErrCorrupt)
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s is not well-formed XML (line %d: %s): %w", name, se.Line, se.Msg, ErrCorrupt)
	}
	return fmt.Errorf("%s: %v: %w", name, err, ErrCorrupt)
}

// textSink bounds the text extracted from a container.
type textSink struct{ n int }

func (s *textSink) add(t string) error {
	s.n += len(t)
	if s.n > maxOfficeText {
		return fmt.Errorf("the document holds more than %d bytes of text: %w", maxOfficeText, ErrTooLarge)
	}
	return nil
}

// headingStyle recognises heading style names in English and Dutch
// ("heading 2", "Kop 2", "Title", "Titel").
var headingStyle = regexp.MustCompile(`(?i)^(?:heading|kop)\s*([1-9])$`)

// docx reads word/document.xml with its styles, footnotes and endnotes,
// and docProps/core.xml. Tracked changes are resolved to the accepted
// text: insertions are kept, deletions (w:del, w:moveFrom) dropped.
// Comments, headers and footers are not read; field codes are dropped.
func (z *zipParts) docx() ([]block, *Metadata, error) {
	meta := &Metadata{SourceFormat: "docx"}
	sink := &textSink{}
	levels, title := map[string]int{}, ""
	// styles.xml: styleId → heading level, from the style's name or its
	// outline level.
	var curID string
	err := z.xmlPart("word/styles.xml", func(tok xml.Token) error {
		if t, ok := tok.(xml.StartElement); ok {
			switch t.Name.Local {
			case "style":
				curID = attrOf(t, "styleId")
			case "name":
				v := attrOf(t, "val")
				if m := headingStyle.FindStringSubmatch(v); m != nil {
					levels[curID], _ = strconv.Atoi(m[1])
				} else if strings.EqualFold(v, "title") || strings.EqualFold(v, "titel") {
					levels[curID] = 0
				}
			case "outlineLvl":
				if n, err := strconv.Atoi(attrOf(t, "val")); err == nil && n < 9 && curID != "" {
					if _, ok := levels[curID]; !ok {
						levels[curID] = n + 1
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	notes := map[string]int{} // footnote id → number shown
	ends := map[string]int{}
	body, err := z.wordPart("word/document.xml", levels, notes, ends, sink, &title)
	if err != nil {
		return nil, nil, err
	}
	body = signBlocks(body)
	if len(notes) > 0 {
		fn, err := z.wordNotes("word/footnotes.xml", "footnote", notes, levels, sink)
		if err != nil {
			return nil, nil, err
		}
		if len(fn) > 0 {
			body = append(body, block{kind: kindHeading, text: "Voetnoten", title: "Voetnoten", level: 1})
			body = append(body, fn...)
		}
	}
	if len(ends) > 0 {
		en, err := z.wordNotes("word/endnotes.xml", "endnote", ends, levels, sink)
		if err != nil {
			return nil, nil, err
		}
		if len(en) > 0 {
			body = append(body, block{kind: kindHeading, text: "Eindnoten", title: "Eindnoten", level: 1})
			body = append(body, en...)
		}
	}
	if err := z.coreProps(meta, &title); err != nil {
		return nil, nil, err
	}
	if title != "" {
		// The document's own title (core properties or a Title-styled
		// paragraph) leads; finish takes it from the first block.
		body = append([]block{{kind: kindTitle, text: title}}, body...)
	}
	return body, meta, nil
}

func attrOf(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// wordReader turns the tokens of a WordprocessingML story into blocks.
type wordReader struct {
	levels     map[string]int
	notes      map[string]int
	ends       map[string]int
	sink       *textSink
	blocks     []block
	para       strings.Builder
	style      string
	numbered   bool
	skip       int // depth inside w:del, w:moveFrom, w:instrText, comments …
	inText     bool
	tableDepth int
	row        []string
	cell       []string
	title      *string
}

// wordPart reads a story part (the body).
func (z *zipParts) wordPart(name string, levels map[string]int, notes, ends map[string]int, sink *textSink, title *string) ([]block, error) {
	w := &wordReader{levels: levels, notes: notes, ends: ends, sink: sink, title: title}
	if err := z.xmlPart(name, w.token); err != nil {
		return nil, err
	}
	return w.blocks, nil
}

// skipWord are elements whose text is not the accepted document text.
var skipWord = map[string]bool{
	"del": true, "moveFrom": true, "instrText": true, "delInstrText": true, "commentReference": true,
	"annotationRef": true, "rPrChange": true, "pPrChange": true, "sectPr": true, "fldData": true,
}

func (w *wordReader) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		if w.skip > 0 {
			w.skip++
			return nil
		}
		switch t.Name.Local {
		case "del", "moveFrom", "instrText", "delInstrText", "rPrChange", "pPrChange", "sectPr", "fldData", "delText":
			w.skip = 1
		case "p":
			w.para.Reset()
			w.style, w.numbered = "", false
		case "pStyle":
			w.style = attrOf(t, "val")
		case "numPr":
			w.numbered = true
		case "t":
			w.inText = true
		case "tab":
			w.para.WriteByte(' ')
		case "br", "cr":
			w.para.WriteByte('\n') // a space in the text; kept as a line for signBlocks
		case "noBreakHyphen":
			w.para.WriteByte('-')
		case "footnoteReference", "endnoteReference":
			id := attrOf(t, "id")
			m := w.notes
			if t.Name.Local == "endnoteReference" {
				m = w.ends
			}
			if _, ok := m[id]; !ok {
				m[id] = len(m) + 1
			}
			fmt.Fprintf(&w.para, "%d", m[id])
		case "tbl":
			w.tableDepth++
		case "tr":
			w.row = nil
		case "tc":
			w.cell = nil
		}
	case xml.EndElement:
		if w.skip > 0 {
			w.skip--
			return nil
		}
		switch t.Name.Local {
		case "t":
			w.inText = false
		case "p":
			return w.endPara()
		case "tc":
			w.row = append(w.row, strings.Join(w.cell, " "))
		case "tr":
			var cells []string
			for _, c := range w.row {
				if c = normalizeInline(c); c != "" {
					cells = append(cells, c)
				}
			}
			if len(cells) > 0 {
				w.blocks = append(w.blocks, block{kind: kindParagraph, text: strings.Join(cells, " | ")})
			}
		case "tbl":
			w.tableDepth--
		}
	case xml.CharData:
		if w.skip == 0 && w.inText {
			w.para.Write(t)
			return w.sink.add(string(t))
		}
	}
	return nil
}

func (w *wordReader) endPara() error {
	raw := w.para.String()
	text := normalizeInline(strings.ReplaceAll(raw, "\n", " "))
	w.para.Reset()
	if text == "" {
		return nil
	}
	if w.tableDepth > 0 {
		w.cell = append(w.cell, text)
		return nil
	}
	level, heading := w.levels[w.style]
	if m := headingStyle.FindStringSubmatch(w.style); m != nil && !heading {
		level, _ = strconv.Atoi(m[1])
		heading = true
	}
	switch {
	case heading && level == 0: // the Title style
		if *w.title == "" {
			*w.title = text
			return nil
		}
		level = 1
		fallthrough
	case heading && len(text) <= 300:
		b := block{kind: kindHeading, text: text, title: text, level: level}
		if m := numbered.FindStringSubmatch(text); m != nil {
			b.number, b.title = m[1], m[2]
		}
		w.blocks = append(w.blocks, b)
	default:
		b := block{kind: kindParagraph, text: text}
		if strings.Contains(raw, "\n") {
			for _, l := range strings.Split(raw, "\n") {
				b.lines = append(b.lines, normalizeInline(l))
			}
		}
		w.blocks = append(w.blocks, b)
	}
	return nil
}

// signBlocks turns the signature blocks at the end of a Word body into
// kindSignature blocks, as trailingSignatures does for a text or PDF
// letter: each trailing paragraph is a group of lines, or several where
// an empty line (two line breaks) parts them, as a blank line parts
// groups of text. A paragraph whose first lines are text and whose last
// lines sign keeps the text as a paragraph.
func signBlocks(body []block) []block {
	first := len(body) // the trailing paragraphs start here
	for first > 0 && body[first-1].kind == kindParagraph && len(body)-first < maxSignParas {
		first--
	}
	var groups [][]line
	var owner []int // the block of each group
	for i := first; i < len(body); i++ {
		ls := body[i].lines
		if ls == nil {
			ls = []string{body[i].text}
		}
		var cur []line
		for _, l := range append(ls, "") {
			if l == "" {
				if len(cur) > 0 {
					groups, owner = append(groups, cur), append(owner, i)
				}
				cur = nil
				continue
			}
			cur = append(cur, line{text: l})
		}
	}
	end, signs := trailingSignatures(groups)
	if len(signs) == 0 {
		return body
	}
	out := slices.Clone(body[:owner[end]])
	g := end
	for g > 0 && owner[g-1] == owner[end] {
		g--
	}
	var kept []string // the lines before the signature in its paragraph
	for ; g < end; g++ {
		for _, l := range groups[g] {
			kept = append(kept, l.text)
		}
	}
	if len(kept) > 0 {
		out = append(out, block{kind: kindParagraph, text: strings.Join(kept, " ")})
	}
	return append(out, signs...)
}

// maxSignParas bounds the trailing paragraphs signBlocks reads: the
// closing and the signatures of a few signers.
const maxSignParas = 16

// wordNotes reads footnotes.xml or endnotes.xml: each referenced note
// one paragraph, led by the number it has in the text, in that order.
func (z *zipParts) wordNotes(name, elem string, used map[string]int, levels map[string]int, sink *textSink) ([]block, error) {
	byNum := map[int]string{}
	var cur string
	var w *wordReader
	err := z.xmlPart(name, func(tok xml.Token) error {
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == elem && (w == nil || w.skip == 0) {
			cur = attrOf(t, "id")
			w = &wordReader{levels: map[string]int{}, notes: map[string]int{}, ends: map[string]int{}, sink: sink, title: new(string)}
			return nil
		}
		if t, ok := tok.(xml.EndElement); ok && t.Name.Local == elem && w != nil && w.skip == 0 {
			if n, ok := used[cur]; ok {
				var parts []string
				for _, b := range w.blocks {
					parts = append(parts, b.text)
				}
				byNum[n] = strings.Join(parts, " ")
			}
			w = nil
			return nil
		}
		if w != nil {
			return w.token(tok)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []block
	for n := 1; n <= len(used); n++ {
		if t := normalizeInline(byNum[n]); t != "" {
			out = append(out, block{kind: kindParagraph, text: fmt.Sprintf("%d %s", n, t)})
		}
	}
	return out, nil
}

// coreProps reads docProps/core.xml: title, author, date, language.
func (z *zipParts) coreProps(m *Metadata, title *string) error {
	var field string
	return z.xmlPart("docProps/core.xml", func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			field = t.Name.Local
		case xml.EndElement:
			field = ""
		case xml.CharData:
			v := normalizeInline(string(t))
			if v == "" {
				return nil
			}
			switch field {
			case "title":
				if *title == "" {
					*title = v
				}
			case "creator":
				m.Authority = v
			case "created":
				m.FileDate = parseDate(v) // when the file was made, not the letter
			case "language":
				m.Language = strings.ToLower(strings.SplitN(v, "-", 2)[0])
			}
		}
		return nil
	})
}

// odt reads content.xml and meta.xml of an OpenDocument text: headings
// by outline level, paragraphs, list items, tables a row per paragraph,
// footnotes and endnotes as their own paragraphs; tracked changes
// resolved (the change log with its deleted text is skipped) and
// annotations (comments) left out.
func (z *zipParts) odt() ([]block, *Metadata, error) {
	meta := &Metadata{SourceFormat: "odt"}
	if mf, err := z.read("META-INF/manifest.xml", 1<<20); err == nil && bytes.Contains(mf, []byte("encryption-data")) {
		return nil, nil, fmt.Errorf("this OpenDocument file is password-protected (encrypted); remove the password and upload it again: %w", ErrEncrypted)
	}
	r := &odtReader{sink: &textSink{}}
	if err := z.xmlPart("content.xml", r.token); err != nil {
		return nil, nil, err
	}
	blocks := r.blocks
	for _, nk := range []struct {
		notes []block
		title string
	}{{r.foot, "Voetnoten"}, {r.end, "Eindnoten"}} {
		if len(nk.notes) > 0 {
			blocks = append(blocks, block{kind: kindHeading, text: nk.title, title: nk.title, level: 1})
			blocks = append(blocks, nk.notes...)
		}
	}
	title := ""
	var field string
	err := z.xmlPart("meta.xml", func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			field = t.Name.Local
			if field == "document-statistic" {
				if n, err := strconv.Atoi(attrOf(t, "page-count")); err == nil {
					meta.Pages = n
				}
			}
		case xml.EndElement:
			field = ""
		case xml.CharData:
			v := normalizeInline(string(t))
			switch {
			case v == "":
			case field == "title":
				title = v
			case field == "initial-creator" || field == "creator" && meta.Authority == "":
				meta.Authority = v
			case field == "creation-date":
				meta.FileDate = parseDate(v) // the file's, not the document's: FileDate
			case field == "language":
				meta.Language = strings.ToLower(strings.SplitN(v, "-", 2)[0])
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if title != "" {
		blocks = append([]block{{kind: kindTitle, text: title}}, blocks...)
	}
	return blocks, meta, nil
}

// odtReader turns the tokens of content.xml into blocks.
type odtReader struct {
	sink      *textSink
	blocks    []block
	foot, end []block
	stack     []*strings.Builder // open paragraphs and headings (notes nest inside them)
	levels    []int              // heading level of each open one; 0 for a paragraph
	skip      int
	inBody    bool
	noteClass []string
	citation  bool
	noteText  []string // paragraphs of the note being read
	noteNum   string
	rows      [][]string
	cells     []string
	cellText  []string
	inTable   int
}

func (r *odtReader) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		if r.skip > 0 {
			r.skip++
			return nil
		}
		switch t.Name.Local {
		case "text":
			if t.Name.Space == "office" {
				r.inBody = true
			}
		case "tracked-changes", "annotation", "annotation-end", "deletion", "sequence-decls", "variable-decls", "user-field-decls", "frame":
			r.skip = 1
			if t.Name.Local == "frame" {
				r.skip = 0 // frames hold text boxes: read them
			}
		case "h", "p":
			level := 0
			if t.Name.Local == "h" {
				level = 1
				if n, err := strconv.Atoi(attrOf(t, "outline-level")); err == nil && n > 0 {
					level = n
				}
			}
			r.stack = append(r.stack, &strings.Builder{})
			r.levels = append(r.levels, level)
		case "s":
			n, _ := strconv.Atoi(attrOf(t, "c"))
			r.write(strings.Repeat(" ", max(n, 1)))
		case "tab", "line-break":
			r.write(" ")
		case "note":
			r.noteClass = append(r.noteClass, attrOf(t, "note-class"))
			r.noteText, r.noteNum = nil, ""
		case "note-citation":
			r.citation = true
		case "table":
			r.inTable++
		case "table-row":
			r.cells = nil
		case "table-cell":
			r.cellText = nil
		}
	case xml.EndElement:
		if r.skip > 0 {
			r.skip--
			return nil
		}
		switch t.Name.Local {
		case "h", "p":
			if len(r.stack) == 0 {
				return nil
			}
			text := normalizeInline(r.stack[len(r.stack)-1].String())
			level := r.levels[len(r.levels)-1]
			r.stack, r.levels = r.stack[:len(r.stack)-1], r.levels[:len(r.levels)-1]
			if text == "" || !r.inBody {
				return nil
			}
			switch {
			case len(r.noteClass) > 0:
				r.noteText = append(r.noteText, text)
			case r.inTable > 0:
				r.cellText = append(r.cellText, text)
			case level > 0:
				b := block{kind: kindHeading, text: text, title: text, level: level}
				if m := numbered.FindStringSubmatch(text); m != nil {
					b.number, b.title = m[1], m[2]
				}
				r.blocks = append(r.blocks, b)
			default:
				r.blocks = append(r.blocks, block{kind: kindParagraph, text: text})
			}
		case "note-citation":
			r.citation = false
		case "note":
			class := r.noteClass[len(r.noteClass)-1]
			r.noteClass = r.noteClass[:len(r.noteClass)-1]
			text := normalizeInline(r.noteNum + " " + strings.Join(r.noteText, " "))
			if text != "" {
				if class == "endnote" {
					r.end = append(r.end, block{kind: kindParagraph, text: text})
				} else {
					r.foot = append(r.foot, block{kind: kindParagraph, text: text})
				}
			}
		case "table-cell":
			r.cells = append(r.cells, strings.Join(r.cellText, " "))
		case "table-row":
			var cells []string
			for _, c := range r.cells {
				if c = normalizeInline(c); c != "" {
					cells = append(cells, c)
				}
			}
			if len(cells) > 0 && len(r.noteClass) == 0 {
				r.blocks = append(r.blocks, block{kind: kindParagraph, text: strings.Join(cells, " | ")})
			}
		case "table":
			r.inTable--
		}
	case xml.CharData:
		if r.skip == 0 {
			if r.citation {
				r.noteNum += string(t)
				// The citation is also the reference mark in the text.
			}
			r.write(string(t))
			return r.sink.add(string(t))
		}
	}
	return nil
}

// write adds text to the innermost open paragraph outside a note body,
// or to the note's own paragraph.
func (r *odtReader) write(s string) {
	if len(r.stack) > 0 {
		r.stack[len(r.stack)-1].WriteString(s)
	}
}
