package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/tolk-nl/tolk/glossary"
)

// bom makes Excel read the file as UTF-8; other tools ignore it.
const bom = "\uFEFF"

// WriteCSV writes cs as CSV (RFC 4180, comma-separated, UTF-8 with a
// byte order mark) under Header(Languages(cs)), one concept per row.
func WriteCSV(w io.Writer, cs []glossary.Concept) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(bom)
	cw := csv.NewWriter(bw)
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
// has semicolons and no commas (as Excel writes in Dutch locales). It
// returns every row as a validated concept, or nil and an error naming
// the line and column. Rows whose cells are all empty are skipped.
func ReadCSV(r io.Reader) ([]glossary.Concept, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == bom {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	if first, _ := br.Peek(4096); len(first) > 0 {
		line, _, _ := bytes.Cut(first, []byte("\n"))
		if bytes.Count(line, []byte(";")) > 0 && !bytes.Contains(line, []byte(",")) {
			cr.Comma = ';'
		}
	}
	h, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("table: %w: empty file, want a header row", ErrHeader)
	}
	if err != nil {
		return nil, csvError(err)
	}
	hdr := append([]string(nil), h...)
	cols, err := parseHeader(hdr, func(i int) string { return csvWhere(cr, hdr, i) })
	if err != nil {
		return nil, fmt.Errorf("table: %w", err)
	}
	var out []glossary.Concept
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		if blank(rec) {
			continue
		}
		c, err := concept(cols, rec, func(i int) string { return csvWhere(cr, hdr, i) })
		if err != nil {
			return nil, fmt.Errorf("table: %w", err)
		}
		out = append(out, c)
	}
}

func csvWhere(cr *csv.Reader, h []string, i int) string {
	if i < 0 {
		line, _ := cr.FieldPos(0)
		return fmt.Sprintf("line %d", line)
	}
	line, _ := cr.FieldPos(i)
	name := ""
	if i < len(h) {
		name = fmt.Sprintf(" %q", h[i])
	}
	return fmt.Sprintf("line %d, column %d%s", line, i+1, name)
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("table: line %d, column %d: %w: %v", pe.Line, pe.Column, ErrCell, pe.Err)
	}
	return fmt.Errorf("table: %w", err)
}

func blank(rec []string) bool {
	for _, v := range rec {
		if v != "" {
			return false
		}
	}
	return true
}
