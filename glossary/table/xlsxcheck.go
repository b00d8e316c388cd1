package table

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/budget"
)

// Limits on what ReadXLSX unpacks and decodes. An .xlsx file is a zip
// of XML parts, and both layers multiply: deflate shrinks repetitive XML
// a hundred- to a thousandfold, and excelize decodes XML into values
// larger than the XML (a shared string of 17 bytes costs it about 250).
// Excel's own limits (1,048,576 rows, 32,767 characters in a cell) set
// most of these; a glossary is far smaller still.
const (
	// maxXLSX bounds the file itself, as the server's upload limit does.
	maxXLSX = 64 << 20
	// maxMeta bounds each part ReadXLSX and excelize parse whole:
	// [Content_Types].xml, the relationship parts and the workbook part.
	maxMeta = 4 << 20
	// maxSheet and maxSST bound the XML of the sheet read and of the
	// shared strings table. Both are streamed, never held whole.
	maxSheet = 256 << 20
	maxSST   = 128 << 20
	// maxUnzip is excelize's UnzipSizeLimit: the sum of the parts
	// ReadXLSX hands it, which the limits above already bound.
	maxUnzip = maxSheet + maxSST + 4*maxMeta
	// maxUnzipXML is excelize's UnzipXMLSizeLimit: a sheet or shared
	// strings table larger than this goes to a temporary file and is
	// streamed from disk instead of held (and, for shared strings,
	// decoded whole) in memory.
	maxUnzipXML = 1 << 20
	// maxCellXML bounds the XML of one cell, of one shared string and of
	// any single XML token (a run of text, a tag): excelize decodes a
	// cell or a shared string whole, rich-text runs and all.
	maxCellXML = 1 << 20
	// maxCell bounds the decoded text of one cell: Excel holds at most
	// 32,767 characters in a cell, at most four bytes each in UTF-8.
	maxCell = 128 << 10
	// maxText bounds the decoded text of all the sheet's cells, a shared
	// string counted at each cell that refers to it (excelize copies it
	// for each).
	maxText = 64 << 20
	// maxRows is Excel's row limit; maxStrings bounds the shared strings
	// table, whose every entry costs excelize about 50 bytes of index.
	maxRows    = 1 << 20
	maxStrings = 1 << 19
)

// minConcept is what the concept budget charges for the least concept
// a row can make: one term of one letter.
var minConcept = budget.Size(&glossary.Concept{Terms: make([]glossary.Term, 1)})

// Relationship types of the workbook part, transitional and strict.
var officeDocument = []string{
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
	"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
}

// workbook is what ReadXLSX needs of an .xlsx package: the sheet to
// read and the parts excelize needs to read it, nothing else.
type workbook struct {
	sheets []sheetPart // every sheet, in the workbook's order
	first  int         // the sheet that must have a header: Sheet, else the first
	sst    *zip.File   // the shared strings table, nil without one
	meta   []*zip.File
}

// sheetPart is a sheet's name and XML.
type sheetPart struct {
	name string
	part *zip.File
}

// inspect finds the sheet to read, as excelize would, and checks the
// declared sizes of the parts it needs (archive/zip refuses a part that
// unpacks to more than it declares).
func inspect(zr *zip.Reader) (*workbook, error) {
	byName := map[string]*zip.File{}
	byLower := map[string]*zip.File{}
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		byName[name] = f
		byLower[strings.ToLower(name)] = f
	}
	var wb workbook
	meta := func(name string, lower bool) (*zip.File, error) {
		f := byName[name]
		if lower {
			f = byLower[strings.ToLower(name)]
		}
		if f == nil {
			return nil, nil
		}
		if err := checkSize(f, maxMeta); err != nil {
			return nil, err
		}
		wb.meta = append(wb.meta, f)
		return f, nil
	}
	if _, err := meta("[Content_Types].xml", true); err != nil {
		return nil, err
	}
	root, err := meta("_rels/.rels", false)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, fmt.Errorf("%w: no _rels/.rels part", ErrHeader)
	}
	rels, err := readRels(root)
	if err != nil {
		return nil, err
	}
	wbPath := ""
	for _, r := range rels {
		for _, t := range officeDocument {
			if r.typ == t && wbPath == "" {
				wbPath = strings.TrimPrefix(r.target, "/")
			}
		}
	}
	wbPart, err := meta(wbPath, false)
	if err != nil {
		return nil, err
	}
	if wbPart == nil {
		return nil, fmt.Errorf("%w: no workbook part", ErrHeader)
	}
	sheets, err := readSheets(wbPart)
	if err != nil {
		return nil, err
	}
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%w: workbook without sheets", ErrHeader)
	}
	for i, sh := range sheets {
		if sh.name == Sheet {
			wb.first = i
			break
		}
	}
	dir := path.Dir(wbPath)
	relsPart, err := meta(strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "./"), false)
	if err != nil {
		return nil, err
	}
	if relsPart == nil {
		return nil, fmt.Errorf("%w: no relationships for %s", ErrHeader, wbPath)
	}
	if rels, err = readRels(relsPart); err != nil {
		return nil, err
	}
	// Every sheet is read (a glossary split over sheets by subject or
	// letter), so their XML together stays within maxSheet.
	var total uint64
	for _, sh := range sheets {
		sp := sheetPart{name: sh.name}
		for _, r := range rels {
			if r.id != sh.id {
				continue
			}
			p := path.Clean(dir + "/" + r.target)
			if strings.HasPrefix(r.target, "/") {
				p = path.Clean(r.target)
			}
			sp.part = byName[strings.TrimPrefix(p, "/")]
			break
		}
		if sp.part == nil {
			return nil, fmt.Errorf("sheet %s: %w: its part is missing", clip(sp.name), ErrHeader)
		}
		if err := checkSize(sp.part, maxSheet-total); err != nil {
			return nil, fmt.Errorf("sheet %s: %w (the sheets together)", clip(sp.name), err)
		}
		total += sp.part.UncompressedSize64
		wb.sheets = append(wb.sheets, sp)
	}
	// excelize reads the shared strings from this path only.
	if wb.sst = byLower["xl/sharedstrings.xml"]; wb.sst != nil {
		if err := checkSize(wb.sst, maxSST); err != nil {
			return nil, fmt.Errorf("shared strings: %w", err)
		}
	}
	return &wb, nil
}

func checkSize(f *zip.File, limit uint64) error {
	if f.UncompressedSize64 > limit {
		return fmt.Errorf("%w: part %s unpacks to %d MiB, more than the %d MiB read", ErrTooLarge, clip(f.Name), f.UncompressedSize64>>20, limit>>20)
	}
	return nil
}

type rel struct{ id, typ, target string }

// readRels reads a relationships part (bounded by checkSize).
func readRels(f *zip.File) ([]rel, error) {
	var out []rel
	err := eachStart(f, func(e xml.StartElement) {
		if e.Name.Local == "Relationship" {
			out = append(out, rel{attr(e, "Id"), attr(e, "Type"), attr(e, "Target")})
		}
	})
	return out, err
}

type sheetRef struct{ name, id string }

// readSheets lists the workbook's sheets in order.
func readSheets(f *zip.File) ([]sheetRef, error) {
	var out []sheetRef
	err := eachStart(f, func(e xml.StartElement) {
		if e.Name.Local == "sheet" {
			out = append(out, sheetRef{attr(e, "name"), attr(e, "id")})
		}
	})
	return out, err
}

// eachStart calls fn with every start element of a part within
// maxMeta (checked before).
func eachStart(f *zip.File, fn func(xml.StartElement)) error {
	s, err := newScanner(f, maxMeta)
	if err != nil {
		return fmt.Errorf("%s: %w", clip(f.Name), err)
	}
	defer s.rc.Close()
	for {
		tok, err := s.next(false)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", clip(f.Name), err)
		}
		if e, ok := tok.(xml.StartElement); ok {
			fn(e)
		}
	}
}

// attr returns the value of e's attribute with the given local name,
// the last one if it repeats (as excelize reads attributes).
func attr(e xml.StartElement, local string) string {
	v := ""
	for _, a := range e.Attr {
		if a.Name.Local == local {
			v = a.Value
		}
	}
	return v
}

// dec counts an end tag down, never below zero: RawToken does not
// match end tags to start tags, and a stray end tag must not stop the
// counting of text that excelize (which does match them) would read.
func dec(n *int) {
	if *n > 0 {
		*n--
	}
}

// maxDepth bounds the nesting of elements. A sheet nests seven deep
// (worksheet, sheetData, row, c, is, r, t), extensions a few more; but
// encoding/xml's Token, which excelize reads with, keeps an entry per
// open element, and 200 MB of "<a>" between two rows cost it 4.4 GB.
const maxDepth = 64

// errDepth is what scanner.next returns past maxDepth.
var errDepth = fmt.Errorf("%w: elements nested more than %d deep", ErrTooLarge, maxDepth)

// scanner reads one XML part once, before excelize does, through a
// guard that refuses any token over limit (and any cell or shared string
// while its caller holds the guard), so that what excelize later decodes
// whole is known to be small. It reads with RawToken (the cheapest
// tokenizer) and checks itself that end tags match start tags and that
// nesting stays within maxDepth: excelize stops reading a sheet at its
// first syntax error without a word, and would import the rows before it
// as if they were all.
type scanner struct {
	g     *guard
	d     *xml.Decoder
	rc    io.Closer
	stack []xml.Name
}

func newScanner(f *zip.File, limit int64) (*scanner, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	g := &guard{r: rc, limit: limit}
	return &scanner{g: g, d: xml.NewDecoder(g), rc: rc}, nil
}

// next returns the next token. Unless hold is set, the guard's window
// starts afresh at the token; with hold, it stays where it was (at the
// start of the cell or shared string being read).
func (s *scanner) next(hold bool) (xml.Token, error) {
	if !hold {
		s.g.mark = s.d.InputOffset()
	}
	tok, err := s.d.RawToken()
	if err == io.EOF && len(s.stack) > 0 {
		return nil, fmt.Errorf("XML syntax error: element <%s> not closed", name(s.stack[len(s.stack)-1]))
	}
	switch t := tok.(type) {
	case xml.StartElement:
		if len(s.stack) >= maxDepth {
			return nil, errDepth
		}
		s.stack = append(s.stack, t.Name)
	case xml.EndElement:
		if len(s.stack) == 0 {
			return nil, fmt.Errorf("XML syntax error: unexpected end element </%s>", name(t.Name))
		}
		if open := s.stack[len(s.stack)-1]; open != t.Name {
			return nil, fmt.Errorf("XML syntax error: element <%s> closed by </%s>", name(open), name(t.Name))
		}
		s.stack = s.stack[:len(s.stack)-1]
	}
	return tok, err
}

// name spells an element name as written (prefix:local), clipped.
func name(n xml.Name) string {
	s := n.Local
	if n.Space != "" {
		s = n.Space + ":" + s
	}
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

// sharedStrings reads the shared strings table and returns each
// string's length in bytes as excelize will give it (its text runs,
// without phonetic runs).
func sharedStrings(f *zip.File) ([]int32, error) {
	s, err := newScanner(f, maxCellXML)
	if err != nil {
		return nil, fmt.Errorf("shared strings: %w", err)
	}
	defer s.rc.Close()
	var (
		lens     []int32
		in       bool // inside <si>
		inT, inP int  // depth of <t>, <rPh>
		n        int
	)
	for {
		tok, err := s.next(in)
		if err == io.EOF {
			return lens, nil
		}
		if err != nil {
			if s.g.over {
				if in {
					return nil, fmt.Errorf("shared string %d: %w: more than %d MiB of XML", len(lens), ErrTooLarge, maxCellXML>>20)
				}
				return nil, fmt.Errorf("shared strings: %w: an XML token of more than %d MiB", ErrTooLarge, maxCellXML>>20)
			}
			return nil, fmt.Errorf("shared strings: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				in, n, inT, inP = true, 0, 0, 0
				if len(lens) >= maxStrings {
					return nil, fmt.Errorf("shared strings: %w: more than %d", ErrTooLarge, maxStrings)
				}
			case "t":
				inT++
			case "rPh":
				inP++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if in {
					lens = append(lens, int32(n))
				}
				in = false
			case "t":
				dec(&inT)
			case "rPh":
				dec(&inP)
			}
		case xml.CharData:
			if in && inT > 0 && inP == 0 {
				n += len(t)
				if n > maxCell {
					return nil, fmt.Errorf("shared string %d: %w: more than %d bytes of text (a spreadsheet cell holds at most 32,767 characters)", len(lens), ErrTooLarge, maxCell)
				}
			}
		}
	}
}

// scanSheet reads the sheet's XML and checks that its rows and cells
// stay within maxRows, maxCell and maxText, counting a shared string
// (whose lengths lens holds) at every cell that refers to it.
func scanSheet(f *zip.File, sheet string, lens []int32) error {
	s, err := newScanner(f, maxCellXML)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", clip(sheet), err)
	}
	defer s.rc.Close()
	var (
		rows, row, col int
		inCell         bool
		typ            string
		inV, inIS, inT int
		inP            int
		v              []byte // a shared-string cell's index
		cell, total    int
		filled         int // 1 once the row has a value
		filledRows     int // rows with a value so far
	)
	where := func() string {
		if !inCell {
			return fmt.Sprintf("sheet %s, row %d", clip(sheet), row)
		}
		name, _ := excelize.ColumnNumberToName(col)
		return fmt.Sprintf("sheet %s, row %d, column %s", clip(sheet), row, name)
	}
	for {
		tok, err := s.next(inCell)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if s.g.over {
				what := "an XML token"
				if inCell {
					what = "a cell"
				}
				return fmt.Errorf("%s: %w: %s of more than %d MiB of XML", where(), ErrTooLarge, what, maxCellXML>>20)
			}
			return fmt.Errorf("%s: %w", where(), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				rows++
				row++
				if r, err := strconv.Atoi(attr(t, "r")); err == nil {
					row = r
				}
				if rows > maxRows || row > maxRows {
					return fmt.Errorf("sheet %s: %w: more than %d rows", clip(sheet), ErrTooLarge, maxRows)
				}
				col, filled = 0, 0
			case "c":
				inCell, typ, cell, v = true, attr(t, "t"), 0, v[:0]
				inV, inIS, inT, inP = 0, 0, 0, 0
				col++
				if ref := attr(t, "r"); ref != "" {
					if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
						col = c
					}
				}
			case "v":
				inV++
				v = v[:0] // excelize keeps the last <v>
			case "is":
				inIS++
			case "t":
				inT++
			case "rPh":
				inP++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "c":
				if typ == "s" {
					if i, err := strconv.Atoi(strings.TrimSpace(string(v))); err == nil && i >= 0 && i < len(lens) {
						cell += int(lens[i])
					}
				}
				if cell > maxCell {
					return fmt.Errorf("%s: %w: %d bytes of text, at most %d (a spreadsheet cell holds at most 32,767 characters)", where(), ErrTooLarge, cell, maxCell)
				}
				if total += cell; total > maxText {
					return fmt.Errorf("%s: %w: the sheet's cells hold more than %d MiB of text", where(), ErrTooLarge, maxText>>20)
				}
				if cell > 0 && filled == 0 {
					filled = 1
					// A row with a value becomes a concept with a term at
					// least: refuse here, not after decoding every row,
					// what the concept budget would refuse.
					if filledRows++; int64(filledRows)*minConcept+int64(total) > budget.Max {
						return fmt.Errorf("%s: %w: %d rows with values would hold more than %d MiB as concepts", where(), ErrTooLarge, filledRows, budget.Max>>20)
					}
				}
				inCell = false
			case "v":
				dec(&inV)
			case "is":
				dec(&inIS)
			case "t":
				dec(&inT)
			case "rPh":
				dec(&inP)
			}
		case xml.CharData:
			switch {
			case !inCell:
			case inV > 0 && typ == "s":
				if len(v)+len(t) > 32 {
					return fmt.Errorf("%s: %w: shared string index %s", where(), ErrCell, clip(string(t)))
				}
				v = append(v, t...)
			case inV > 0 || inIS > 0 && inT > 0 && inP == 0:
				cell += len(t)
			}
		}
	}
}

// open writes the parts of wb to a new zip, raw (no recompression), and
// opens it with excelize, so that excelize sees only what was checked.
// A zip of more than maxUnzipXML goes to a temporary file, which
// excelize reads from disk (excelize.OpenReader would copy it into
// memory once more); a smaller one stays in memory. The returned func
// closes and removes it all.
func (wb *workbook) open() (*excelize.File, func(), error) {
	parts := append([]*zip.File(nil), wb.meta...)
	for _, sh := range wb.sheets {
		parts = append(parts, sh.part)
	}
	if wb.sst != nil {
		parts = append(parts, wb.sst)
	}
	var size uint64
	for _, f := range parts {
		size += f.CompressedSize64
	}
	var (
		buf    bytes.Buffer
		w      io.Writer = &buf
		tmp    *os.File
		remove = func() {}
		err    error
	)
	if size > maxUnzipXML {
		if tmp, err = os.CreateTemp("", "tolk-import-*.xlsx"); err != nil {
			return nil, nil, err
		}
		remove = func() { tmp.Close(); os.Remove(tmp.Name()) }
		w = tmp
	}
	if err := copyRaw(w, parts); err != nil {
		remove()
		return nil, nil, err
	}
	opts := excelize.Options{UnzipSizeLimit: maxUnzip, UnzipXMLSizeLimit: maxUnzipXML}
	var x *excelize.File
	if tmp == nil {
		x, err = excelize.OpenReader(&buf, opts)
	} else if err = tmp.Close(); err == nil {
		x, err = excelize.OpenFile(tmp.Name(), opts)
	}
	if err != nil {
		remove()
		return nil, nil, err
	}
	return x, func() { x.Close(); remove() }, nil
}

// copyRaw writes the parts to w as a zip, their compressed bytes as
// they are.
func copyRaw(w io.Writer, parts []*zip.File) error {
	zw := zip.NewWriter(w)
	for _, f := range parts {
		h := f.FileHeader
		h.Name = strings.ReplaceAll(h.Name, `\`, "/")
		h.Extra = nil
		w, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		r, err := f.OpenRaw()
		if err == nil {
			_, err = io.Copy(w, r)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}
