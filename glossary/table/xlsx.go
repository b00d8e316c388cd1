package table

import (
	"fmt"
	"io"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/tolk-nl/tolk/glossary"
)

// Sheet is the name of the worksheet WriteXLSX writes and ReadXLSX
// prefers; without it ReadXLSX reads the first sheet.
const Sheet = "Glossary"

// Limits on what ReadXLSX unpacks, against zip bombs: an .xlsx is a zip
// of XML parts that can expand a thousandfold.
const (
	maxUnzip    = 512 << 20
	maxUnzipXML = 256 << 20
)

// WriteXLSX writes cs as an .xlsx workbook: one sheet, Sheet, with the
// CSV columns; every cell is a string, neutralised as in CSV.
func WriteXLSX(w io.Writer, cs []glossary.Concept) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", Sheet); err != nil {
		return fmt.Errorf("table: %w", err)
	}
	sw, err := f.NewStreamWriter(Sheet)
	if err != nil {
		return fmt.Errorf("table: %w", err)
	}
	h := Header(Languages(cs))
	row := func(n int, cells []string) error {
		vs := make([]any, len(cells))
		for i, c := range cells {
			vs[i] = c
		}
		ref, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		return sw.SetRow(ref, vs)
	}
	if err := row(1, h); err != nil {
		return fmt.Errorf("table: %w", err)
	}
	for i := range cs {
		if err := row(i+2, Row(h, &cs[i])); err != nil {
			return fmt.Errorf("table: concept %s: %w", cs[i].ID, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("table: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("table: %w", err)
	}
	return nil
}

// ReadXLSX reads a workbook written by WriteXLSX or by hand: the sheet
// named Sheet, else the first, with a header row as in CSV. Errors name
// the sheet, row and column ("row 3, column D").
func ReadXLSX(r io.Reader) ([]glossary.Concept, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: maxUnzip, UnzipXMLSizeLimit: maxUnzipXML})
	if err != nil {
		return nil, fmt.Errorf("table: not a readable .xlsx workbook: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("table: %w: workbook without sheets", ErrHeader)
	}
	sheet := sheets[0]
	if slices.Contains(sheets, Sheet) {
		sheet = Sheet
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("table: sheet %q: %w", sheet, err)
	}
	defer rows.Close()
	n := 0
	var (
		h    []string
		cols []column
		out  []glossary.Concept
	)
	where := func(i int) string {
		if i < 0 {
			return fmt.Sprintf("sheet %q, row %d", sheet, n)
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		if i < len(h) {
			name += fmt.Sprintf(" %q", h[i])
		}
		return fmt.Sprintf("sheet %q, row %d, column %s", sheet, n, name)
	}
	for rows.Next() {
		n++
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("table: %s: %w", where(-1), err)
		}
		if h == nil {
			if blank(rec) {
				continue
			}
			h = rec
			if cols, err = parseHeader(h, where); err != nil {
				return nil, fmt.Errorf("table: %w", err)
			}
			continue
		}
		if blank(rec) {
			continue
		}
		c, err := concept(cols, rec, where)
		if err != nil {
			return nil, fmt.Errorf("table: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("table: sheet %q: %w", sheet, err)
	}
	if h == nil {
		return nil, fmt.Errorf("table: sheet %q: %w: empty sheet, want a header row", sheet, ErrHeader)
	}
	return out, nil
}
