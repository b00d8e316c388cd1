package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/budget"
)

// Sheet is the name of the worksheet WriteXLSX writes and ReadXLSX
// prefers; without it ReadXLSX reads the first sheet.
const Sheet = "Glossary"

// maxCellChars is the most characters (UTF-16 code units) Excel holds
// in a cell; excelize cuts a longer value there without a word.
const maxCellChars = 32767

// WriteXLSX writes cs as an .xlsx workbook: one sheet, Sheet, with the
// CSV columns; every cell is a string, which no spreadsheet evaluates,
// written as it is: not neutralised as in CSV (see literal). A cell
// longer than Excel allows (the contexts of a concept's many terms share
// one) is an error wrapping ErrCellTooLong that names the concept and
// the column, and nothing is written: it was cut at 32,767 characters,
// and the workbook read back lost the rest, or did not read at all.
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
		r := render(h, &cs[i], literal)
		for j, cell := range r {
			if n := utf16Len(cell); n > maxCellChars {
				return fmt.Errorf("table: concept %s, column %s: %d characters, more than the %d an Excel cell holds: %w; export this glossary as TBX, CSV or JSON, which have no such limit",
					cs[i].ID, h[j], n, maxCellChars, ErrCellTooLong)
			}
		}
		if err := row(i+2, r); err != nil {
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
//
// Memory stays bounded whatever the file: before excelize reads the
// sheet, ReadXLSX checks the parts it needs (their unpacked sizes, and
// every cell, shared string and row in one streaming pass, see the
// limits in xlsxcheck.go), and it hands excelize only those parts,
// through a temporary file. A file over a limit gives an error wrapping
// ErrTooLarge that names the limit and, for a cell, the sheet, row and
// column; concepts are charged to a budget of budget.Max as for CSV.
func ReadXLSX(r io.Reader) ([]glossary.Concept, glossary.Left, error) {
	var left glossary.Left
	data, err := io.ReadAll(io.LimitReader(r, maxXLSX+1))
	if err != nil {
		return nil, glossary.Left{}, fmt.Errorf("table: %w", err)
	}
	if len(data) > maxXLSX {
		return nil, glossary.Left{}, fmt.Errorf("table: %w: an .xlsx file of more than %d MiB", ErrTooLarge, maxXLSX>>20)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, glossary.Left{}, fmt.Errorf("table: not a readable .xlsx workbook: %w", err)
	}
	wb, err := inspect(zr)
	if errors.Is(err, ErrTooLarge) {
		return nil, glossary.Left{}, fmt.Errorf("table: %w", err)
	}
	if err != nil {
		return nil, glossary.Left{}, fmt.Errorf("table: not a readable .xlsx workbook: %w", err)
	}
	var lens []int32
	if wb.sst != nil {
		if lens, err = sharedStrings(wb.sst); err != nil {
			return nil, glossary.Left{}, fmt.Errorf("table: %w", err)
		}
	}
	for _, sh := range wb.sheets {
		if err := scanSheet(sh.part, sh.name, lens); err != nil {
			return nil, glossary.Left{}, fmt.Errorf("table: %w", err)
		}
	}
	lens = nil
	f, done, err := wb.open()
	if err != nil {
		return nil, glossary.Left{}, fmt.Errorf("table: not a readable .xlsx workbook: %w", err)
	}
	defer done()
	var (
		out       []glossary.Concept
		lines     []int
		where     []string // each row's place, for left.Places
		read      []string
		cols      []column
		withIDs   bool
		headerErr error
		b         = budget.New(budget.Max)
	)
	for k, sh := range wb.sheets {
		r, err := readSheet(f, sh.name, b, &left)
		var he *headerError
		if errors.As(err, &he) {
			// A sheet of notes, a pivot table, a list of sources is left
			// out, and the answer says so; the workbook is refused when
			// no sheet has a header, with the error of the one
			// WriteXLSX writes (Sheet), else of the first.
			if k == wb.first || headerErr == nil {
				headerErr = he.err
			}
			left.SkippedSheets = append(left.SkippedSheets, glossary.LeftSheet{Name: sh.name, Reason: he.err.Error()})
			continue
		}
		if err != nil {
			return nil, glossary.Left{}, fmt.Errorf("table: %w", err)
		}
		read = append(read, sh.name)
		cols = r.cols
		withIDs = withIDs || slices.ContainsFunc(r.cols, func(c column) bool { return c.name == colID })
		out = append(out, r.concepts...)
		lines = append(lines, r.lines...)
		for _, n := range r.lines {
			where = append(where, fmt.Sprintf("sheet %s, row %d", clip(sh.name), n))
		}
	}
	if len(read) == 0 {
		return nil, glossary.Left{}, fmt.Errorf("table: %w", headerErr)
	}
	if len(wb.sheets) > 1 {
		left.Sheets = read
	}
	keep := make([]int, len(out))
	for i := range keep {
		keep[i] = i
	}
	switch {
	case len(read) == 1:
		if out, keep, err = mergeUnlessIDs(cols, out, lines, fmt.Sprintf("sheet %s, row", clip(read[0])), &left); err != nil {
			return nil, glossary.Left{}, err
		}
	case !withIDs:
		// Rows of one Dutch term on different sheets are one concept
		// as rows of one sheet are (mergeRows), or an error.
		var n, repeats int
		out, keep, n, repeats, err = mergeRows(out, lines, "row")
		if err != nil {
			return nil, glossary.Left{}, fmt.Errorf("table: sheets %s read as one list: %w", clipAll(read), err)
		}
		left.Merged += n
		left.Duplicates += repeats
	}
	places(&left, func(i int) string { return where[i] }, keep)
	return out, left, nil
}

// headerError is a sheet without a header ReadXLSX can read: an error
// for the glossary's sheet, a sheet left out for any other.
type headerError struct{ err error }

func (e *headerError) Error() string { return e.err.Error() }

// sheetRead is what readSheet read of one sheet.
type sheetRead struct {
	cols     []column
	concepts []glossary.Concept
	lines    []int // each concept's row
}

// readSheet reads the concepts of one sheet, a concept per row,
// charging them to b. A sheet without a header row,
// or with a header that is no glossary's, is a *headerError.
func readSheet(f *excelize.File, sheet string, b *budget.Budget, left *glossary.Left) (sheetRead, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return sheetRead{}, fmt.Errorf("sheet %s: %w", clip(sheet), err)
	}
	defer rows.Close()
	n := 0
	var (
		h     []string
		cols  []column
		out   []glossary.Concept
		lines []int
	)
	where := func(i int) string {
		if i < 0 {
			return fmt.Sprintf("sheet %s, row %d", clip(sheet), n)
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		if i < len(h) {
			name += " " + clip(h[i])
		}
		return fmt.Sprintf("sheet %s, row %d, column %s", clip(sheet), n, name)
	}
	for rows.Next() {
		n++
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return sheetRead{}, fmt.Errorf("%s: %w", where(-1), err)
		}
		if h == nil {
			if blank(rec) {
				continue
			}
			h = rec
			if cols, err = parseHeader(h, where); err != nil {
				return sheetRead{}, &headerError{err}
			}
			left.Columns = appendNew(left.Columns, ignoredColumns(cols))
			continue
		}
		if blank(rec) {
			continue
		}
		for i := range min(len(rec), len(cols)) {
			if cols[i].name != colCreated && cols[i].name != colModified || !numeric(rec[i]) {
				continue
			}
			t, err := serialDate(rec[i])
			if err != nil {
				return sheetRead{}, fmt.Errorf("%s: %w", where(i), err)
			}
			rec[i] = t.Format(time.RFC3339Nano)
		}
		c, ok, err := concept(cols, rec, where, left, n)
		if err != nil {
			return sheetRead{}, err
		}
		if !ok {
			continue
		}
		if err := b.Add(&c); err != nil {
			return sheetRead{}, fmt.Errorf("%s: %w", where(-1), err)
		}
		out = append(out, c)
		lines = append(lines, n)
	}
	if err := rows.Error(); err != nil {
		return sheetRead{}, fmt.Errorf("sheet %s: %w", clip(sheet), err)
	}
	if h == nil {
		return sheetRead{}, &headerError{fmt.Errorf("sheet %s: %w: empty sheet, want a header row", clip(sheet), ErrHeader)}
	}
	placedDefinitions(cols, out, left)
	return sheetRead{cols: cols, concepts: out, lines: lines}, nil
}

// appendNew appends to a the strings of b it does not hold.
func appendNew(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

// clipAll is the names, each clipped, joined by commas.
func clipAll(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = clip(n)
	}
	return strings.Join(out, ", ")
}

// numeric reports whether v, a cell's raw value, is a number as a
// spreadsheet stores one (45000, 45000.75, 4.5E4): what a date typed in
// Excel is. No RFC 3339 time or 2006-01-02 date is.
func numeric(v string) bool {
	if v == "" || v[0] < '0' || v[0] > '9' {
		return false
	}
	for _, r := range v {
		if !strings.ContainsRune("0123456789.eE+-", r) {
			return false
		}
	}
	_, err := strconv.ParseFloat(v, 64)
	return err == nil
}

// serialDate reads an Excel serial date of the 1900 date system, Excel's
// default: the whole days since 1899-12-31 (1 is 1 January 1900), the
// fraction the time of day, rounded to the millisecond Excel keeps.
// Excel counts a 29 February 1900 that never was (serial 60, kept from
// Lotus 1-2-3), so from 61 (1 March 1900) on the days count from
// 1899-12-30; 60 itself is refused, as are serials before 1 and after
// 9999-12-31, which Excel does not show as dates either. A workbook in
// the 1904 date system (an old Mac setting) would read four years early.
func serialDate(v string) (time.Time, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %s is not a number", clip(v))
	}
	const last = 2958465 // 9999-12-31
	switch {
	case f < 1 || f >= last+1:
		return time.Time{}, fmt.Errorf("serial date %s is not a date Excel shows (1 is 1900-01-01, %d 9999-12-31); write the date as 2006-01-02", clip(v), last)
	case f >= 60 && f < 61:
		return time.Time{}, fmt.Errorf("serial date %s is Excel's 29 February 1900, a day that never was; write the date as 2006-01-02", clip(v))
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if f < 60 {
		epoch = epoch.AddDate(0, 0, 1)
	}
	days := math.Floor(f)
	ms := math.Round((f - days) * 86400e3)
	return epoch.AddDate(0, 0, int(days)).Add(time.Duration(ms) * time.Millisecond), nil
}

// utf16Len is the length of s in UTF-16 code units, as Excel counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
