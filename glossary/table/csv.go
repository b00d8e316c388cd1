package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/budget"
)

// bom makes Excel read the file as UTF-8; other tools ignore it.
const bom = "\uFEFF"

// WriteCSV writes cs as CSV (RFC 4180, comma-separated, UTF-8 with a
// byte order mark) under Header(Languages(cs)), one concept per row.
func WriteCSV(w io.Writer, cs []glossary.Concept) error { return WriteCSVSep(w, cs, ',') }

// WriteCSVSep is WriteCSV with another separator: ';' is what Excel
// expects in locales whose decimal separator is a comma (Dutch, German,
// French), where a comma-separated file opens as one column. ReadCSV
// reads either back.
func WriteCSVSep(w io.Writer, cs []glossary.Concept, sep rune) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(bom)
	cw := csv.NewWriter(bw)
	cw.Comma = sep
	h := Header(Languages(cs))
	if err := cw.Write(h); err != nil {
		return fmt.Errorf("table: %w", err)
	}
	for i := range cs {
		if err := cw.Write(Row(h, &cs[i])); err != nil {
			return fmt.Errorf("table: concept %s: %w", cs[i].ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("table: %w", err)
	}
	return bw.Flush()
}

// ReadCSV reads CSV with a header row (columns in any order, see the
// package comment). Separator: comma, or semicolon when the header line
// has semicolons and no commas (as Excel writes in Dutch locales), or tab
// when it has tabs and neither. It
// returns every row as a validated concept, or nil and an error naming
// the line and column. Rows whose cells are all empty are skipped.
// Columns in languages the glossary does not hold (pt-BR, es) are left out
// and counted in Left, as are rows with terms only in those.
//
// Memory stays bounded whatever the input: a record (line) of more than
// 2 MiB, a cell of more than 128 KiB, or concepts holding more than
// budget.Max are errors wrapping ErrTooLarge or ErrCell.
func ReadCSV(r io.Reader) ([]glossary.Concept, glossary.Left, error) {
	var left glossary.Left
	g := &guard{r: r, limit: maxRecord}
	br := bufio.NewReader(g)
	if b, err := br.Peek(3); err == nil && string(b) == bom {
		br.Discard(3)
	}
	rr := &recorder{r: br}
	cr := csv.NewReader(rr)
	cr.FieldsPerRecord = -1
	hinted := false
	if first, _ := br.Peek(4096); len(first) > 0 {
		line, _, _ := bytes.Cut(first, []byte("\n"))
		if sep, ok := sepHint(line); ok {
			// Excel's separator hint, "sep=;" on a line of its own before
			// the header: the separator it names, the line skipped (as a
			// record, so that line numbers stay the file's).
			cr.Comma, hinted = sep, true
		} else {
			switch {
			case bytes.Contains(line, []byte(";")) && !bytes.Contains(line, []byte(",")):
				cr.Comma = ';'
			case bytes.Contains(line, []byte("\t")) && !bytes.ContainsAny(line, ",;"):
				cr.Comma = '\t' // Excel's "Unicode text", saved under a .csv name
			}
		}
	}
	cr.ReuseRecord = true
	if hinted {
		if _, err := cr.Read(); err != nil && err != io.EOF {
			return nil, glossary.Left{}, csvError(err, 0, rr, byte(cr.Comma), nil)
		}
	}
	h, err := cr.Read()
	if err == io.EOF {
		return nil, glossary.Left{}, fmt.Errorf("table: %w: empty file, want a header row", ErrHeader)
	}
	if err != nil {
		return nil, glossary.Left{}, csvError(err, 0, rr, byte(cr.Comma), nil)
	}
	hdr := append([]string(nil), h...)
	cols, err := parseHeader(hdr, func(i int) string { return csvWhere(cr, hdr, i) })
	if err != nil {
		return nil, glossary.Left{}, fmt.Errorf("table: %w", err)
	}
	left.Columns = ignoredColumns(cols)
	var out []glossary.Concept
	var lines []int
	b := budget.New(budget.Max)
	line, _ := cr.FieldPos(len(h) - 1)
	for {
		g.mark = cr.InputOffset()
		rr.mark(g.mark)
		rec, err := cr.Read()
		if err == io.EOF {
			placedDefinitions(cols, out, &left)
			out, keep, err := mergeUnlessIDs(cols, out, lines, "line", &left)
			if err != nil {
				return nil, glossary.Left{}, err
			}
			places(&left, func(i int) string { return fmt.Sprintf("line %d", lines[i]) }, keep)
			return out, left, nil
		}
		if err != nil {
			return nil, glossary.Left{}, csvError(err, line, rr, byte(cr.Comma), hdr)
		}
		line, _ = cr.FieldPos(len(rec) - 1)
		if blank(rec) {
			continue
		}
		where := func(i int) string { return csvWhere(cr, hdr, i) }
		start, _ := cr.FieldPos(0)
		c, ok, err := concept(cols, rec, where, &left, start)
		if err != nil {
			return nil, glossary.Left{}, fmt.Errorf("table: %w", err)
		}
		if !ok {
			continue
		}
		if err := b.Add(&c); err != nil {
			return nil, glossary.Left{}, fmt.Errorf("table: %s: %w", where(-1), err)
		}
		out = append(out, c)
		lines = append(lines, start)
	}
}

// maxRecord bounds one CSV record in bytes: the csv package reads a
// record whole, and a line of commas becomes one string header (16
// bytes) per comma. Fifty columns of long text fit.
const maxRecord = 2 << 20

// guard is an io.Reader that refuses to deliver more than limit bytes
// (give or take the reader's buffer) past mark, which its user moves to
// the start of each record or token. It bounds what a parser that
// buffers a whole record or token (encoding/csv, encoding/xml) holds in
// memory.
type guard struct {
	r       io.Reader
	n, mark int64
	limit   int64
	over    bool // the limit was hit
}

// errGuard is what guard's Read returns at the limit; the parser passes
// it on, and the reader's user turns it into a message saying where.
var errGuard = errors.New("over the size limit")

func (g *guard) Read(p []byte) (int, error) {
	left := g.mark + g.limit + guardSlack - g.n
	if left <= 0 {
		g.over = true
		return 0, errGuard
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}

// guardSlack is what a parser may have read ahead of the offset it
// reports: bufio's default buffer.
const guardSlack = 4096

func csvWhere(cr *csv.Reader, h []string, i int) string {
	if i < 0 {
		line, _ := cr.FieldPos(0)
		return fmt.Sprintf("line %d", line)
	}
	line, _ := cr.FieldPos(i)
	name := ""
	if i < len(h) {
		name = " " + clip(h[i])
	}
	return fmt.Sprintf("line %d, column %d%s", line, i+1, name)
}

// csvError describes err; line is where the last record read ended, rr
// holds the failed record from its start, h is the header (nil while
// reading it).
func csvError(err error, line int, rr *recorder, comma byte, h []string) error {
	if errors.Is(err, errGuard) {
		return fmt.Errorf("table: after line %d: %w: a record of more than %d MiB", line, ErrTooLarge, maxRecord>>20)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.StartLine != pe.Line && errors.Is(pe.Err, csv.ErrQuote) {
			// A quote left open runs the record on to where the reader
			// gave up: the fault is where the record began.
			return fmt.Errorf("table: line %d: %w: %v (a quoted cell opened in the record that starts here is not closed before line %d)", pe.StartLine, ErrCell, pe.Err, pe.Line)
		}
		// The csv package's column is a byte offset in the line ("column
		// 18" for the second cell); other errors name the cell by its
		// number and header, so this one does too, and says how to
		// write a quote inside a cell.
		i, raw, ok := quoteField(rr.buf, comma, pe.Line-pe.StartLine, pe.Column)
		if !ok {
			return fmt.Errorf("table: line %d: %w: %v", pe.Line, ErrCell, pe.Err)
		}
		name := ""
		if i < len(h) {
			name = " " + clip(h[i])
		}
		advice := "put the cell in double quotes and double each quote inside it"
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote) && utf8.RuneCountInString(raw) <= 60:
			advice += ": " + `"` + strings.ReplaceAll(raw, `"`, `""`) + `"`
		case errors.Is(pe.Err, csv.ErrQuote):
			advice = "a quote inside a quoted cell must be doubled (\"\"), and the closing quote must end the cell"
		}
		return fmt.Errorf("table: line %d, column %d%s: %w: %v; %s", pe.Line, i+1, name, ErrCell, pe.Err, advice)
	}
	return fmt.Errorf("table: %w", err)
}

// quoteField finds the field of a CSV record (rec, from the start of
// the record, blank lines before it included) that holds the position
// the csv package reports: the 1-based byte col of the line lines after
// the record's first. It returns the field's index and its raw text up
// to the next separator or line end.
func quoteField(rec []byte, comma byte, lines, col int) (field int, raw string, ok bool) {
	// The csv package skips empty lines before a record.
	for {
		switch {
		case bytes.HasPrefix(rec, []byte("\n")):
			rec = rec[1:]
			continue
		case bytes.HasPrefix(rec, []byte("\r\n")):
			rec = rec[2:]
			continue
		}
		break
	}
	line, c := 0, 1
	start, quoted, atStart := 0, false, true
	for i := 0; i < len(rec); i++ {
		if line == lines && c == col {
			end := start
			for end < len(rec) && rec[end] != comma && rec[end] != '\n' && rec[end] != '\r' {
				end++
			}
			return field, string(rec[start:end]), true
		}
		b := rec[i]
		switch {
		case atStart && b == '"':
			quoted = true
		case quoted && b == '"':
			if i+1 < len(rec) && rec[i+1] == '"' {
				i++ // a doubled quote
				c++
			} else {
				quoted = false
			}
		case !quoted && b == comma:
			field++
			start = i + 1
			atStart = true
			c++
			continue
		}
		atStart = false
		if b == '\n' {
			line++
			c = 1
		} else {
			c++
		}
	}
	return 0, "", false
}

// recorder keeps what the csv reader has read since the start of the
// record it is reading (mark), so that an error can be told by field.
type recorder struct {
	r    io.Reader
	buf  []byte // from offset base on
	base int64
}

func (r *recorder) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.buf = append(r.buf, p[:n]...)
	return n, err
}

// mark drops what comes before offset off. It moves the kept bytes
// down only when they are fewer than those dropped, so that the copying
// stays in proportion to the input.
func (r *recorder) mark(off int64) {
	k := int(off - r.base)
	if k <= 0 || k > len(r.buf) {
		return
	}
	if k < len(r.buf)-k {
		r.buf = r.buf[k:]
	} else {
		r.buf = append(r.buf[:0], r.buf[k:]...)
	}
	r.base = off
}

func blank(rec []string) bool {
	for _, v := range rec {
		if v != "" {
			return false
		}
	}
	return true
}

// sepHint reads Excel's separator hint, a first line "sep=;" (or "sep=,",
// "sep=\t", in any case), and returns the separator it names.
func sepHint(line []byte) (rune, bool) {
	line = bytes.TrimRight(line, "\r")
	if len(line) != 5 || !bytes.EqualFold(line[:4], []byte("sep=")) {
		return 0, false
	}
	switch line[4] {
	case ';', ',', '\t', '|':
		return rune(line[4]), true
	}
	return 0, false
}
