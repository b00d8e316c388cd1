package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tolk-nl/tolk/tm"
)

// Error locates a problem in a TSV or CSV file.
type Error struct {
	Format string // "tsv" or "csv"
	Line   int    // 1-based
	Field  string // column name, may be empty
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: line %d: ", e.Format, e.Line)
	if e.Field != "" {
		fmt.Fprintf(&b, "field %s: ", e.Field)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Column names tolk reads and writes. A header may name the languages
// as CAT tools do (nl-NL, EN-GB, Dutch, "English (United Kingdom)"); other
// columns become props of that type.
const (
	colNL         = "nl"
	colEN         = "en"
	colID         = "id"
	colCollection = "collection"
	colDoc        = "doc"
	colArticle    = "article"
	colCreated    = "created"
	colCreator    = "creator"
	colNote       = "note"
)

// exportColumns is the header WriteTSV writes.
var exportColumns = []string{colNL, colEN, colID, colCollection, colDoc, colArticle, colCreated, colCreator, colNote}

// ErrHeader: the header row lacks a column for nl or en, or repeats one.
var ErrHeader = errors.New("the header row needs an nl and an en column, each once")

// columns maps a header row to column names, or returns ErrHeader.
func columns(header []string) ([]string, error) {
	cols := make([]string, len(header))
	seen := map[string]string{} // a column's name as read: its header as written
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		c := strings.ToLower(h)
		if l := headerLang(c, i); l != "" {
			c = l
		}
		switch c {
		case colNL, colEN, colID, colCollection, colDoc, colArticle, colCreated, colCreator, colNote:
		default:
			c = h // a prop type keeps its spelling
		}
		if c == "" {
			return nil, fmt.Errorf("%w: column %d has no name", ErrHeader, i+1)
		}
		if first, ok := seen[c]; ok {
			// Name both headers as written: nl_note and nl-BE are read
			// as the language nl, and "column nl repeats" named a column
			// the file has once.
			if first == h {
				return nil, fmt.Errorf("%w: column %d, %q, repeats", ErrHeader, i+1, h)
			}
			return nil, fmt.Errorf("%w: column %d, %q, is read as %s, which column %q is already", ErrHeader, i+1, h, c, first)
		}
		seen[c] = h
		cols[i] = c
	}
	if seen[colNL] == "" || seen[colEN] == "" {
		return nil, ErrHeader
	}
	return cols, nil
}

// languageNames are the names a header may give the Dutch and the English
// column, in English and in Dutch.
var languageNames = map[string]string{"dutch": "nl", "nederlands": "nl", "english": "en", "engels": "en"}

// roleWords name the first two columns by their role in tolk's nl→en, as
// bilingual tables from CAT and QA tools head them ("Source", "Target
// text"). Further columns so named are props (a "source" column of the
// client's reference).
var roleWords = map[string]string{
	"source": "nl", "source text": "nl", "source segment": "nl", "bron": "nl", "brontekst": "nl",
	"target": "en", "target text": "en", "target segment": "en", "doel": "en", "doeltekst": "en",
}

// headerLang returns the language a header cell names: by its code as CAT
// tools write it (nl-NL, EN-GB), or by its name in English or Dutch
// (Dutch, Engels), also with a region in brackets as Trados Studio writes
// it ("Dutch (Netherlands)", "English (United Kingdom)"), or, in the first
// two columns (i is the cell's index), by its role (Source, Target); or "".
func headerLang(cell string, i int) string {
	c := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(cell, "\uFEFF")))
	if l := tm.Lang(c); l != "" {
		return l
	}
	if l, ok := roleWords[c]; ok && i < 2 {
		return l
	}
	if name, region, ok := strings.Cut(c, "("); ok && strings.HasSuffix(region, ")") {
		c = strings.TrimSpace(name)
	}
	return languageNames[c]
}

// isHeader reports whether the first TSV row names the languages.
func isHeader(row []string) bool {
	nl, en := false, false
	for i, f := range row {
		switch headerLang(f, i) {
		case "nl":
			nl = true
		case "en":
			en = true
		}
	}
	return nl && en
}

// rows collects segments from rows, one row at a time.
type rows struct {
	format string
	cols   []string
	out    tm.Batch
}

func (r *rows) add(line int, fields []string) error {
	if len(fields) > len(r.cols) {
		return &Error{Format: r.format, Line: line, Err: fmt.Errorf("%d fields, the header has %d columns", len(fields), len(r.cols))}
	}
	empty := true
	for _, f := range fields {
		empty = empty && strings.TrimSpace(f) == ""
	}
	if empty {
		return nil
	}
	if len(fields) == 1 && len(r.cols) > 1 {
		// A row without a separator is no pair with an empty side (that
		// is skipped, as a TMX unit without one of the languages is):
		// the row is broken, or the file is not separated so.
		sep := "tab"
		if r.format == "csv" {
			sep = "comma"
		}
		return &Error{Format: r.format, Line: line, Err: fmt.Errorf("one field: the row has no %s between the columns (%s)", sep, strings.Join(r.cols, ", "))}
	}
	var s tm.Segment
	for i, v := range fields {
		switch c := r.cols[i]; c {
		case colNL:
			s.NL = v
		case colEN:
			s.EN = v
		case colID:
			s.ID = v
		case colCollection:
			s.Collection = v
		case colDoc:
			s.Source.Doc = v
		case colArticle:
			s.Source.Article = v
		case colCreator:
			s.Creator = v
		case colNote:
			s.Note = v
		case colCreated:
			if strings.TrimSpace(v) == "" {
				continue
			}
			t, err := parseTime(v)
			if err != nil {
				return &Error{Format: r.format, Line: line, Field: c, Err: err}
			}
			s.Created = t
		default:
			if strings.TrimSpace(v) != "" {
				s.Props = append(s.Props, tm.Prop{Type: c, Value: v})
			}
		}
	}
	if why := emptySide(s.NL, s.EN); why != "" {
		// Skipped as a TMX unit without one of the languages is, and
		// named as that is: a count alone leaves the translator to find
		// the row in a file of thousands.
		r.out.Skipped++
		if len(r.out.SkippedUnits) < tm.MaxSkipNotes {
			r.out.SkippedUnits = append(r.out.SkippedUnits, tm.Skip{Line: line, Reason: why})
		}
		return nil
	}
	s.Normalize()
	if why := s.LanguageMismatch(); why != "" {
		r.out.Skipped++
		if len(r.out.SkippedUnits) < tm.MaxSkipNotes {
			r.out.SkippedUnits = append(r.out.SkippedUnits, tm.Skip{Line: line, Reason: why})
		}
		return nil
	}
	if err := s.Validate(); err != nil {
		var fe *tm.FieldError
		field := ""
		if errors.As(err, &fe) {
			field = fe.Field
			err = fmt.Errorf("%s: %w", fe.Msg, tm.ErrInvalid)
		}
		return &Error{Format: r.format, Line: line, Field: field, Err: err}
	}
	r.out.Segments = append(r.out.Segments, s)
	return nil
}

// emptySide says which side of a row is empty ("no English text"), or
// "" when both have text.
func emptySide(nl, en string) string {
	noNL, noEN := strings.TrimSpace(nl) == "", strings.TrimSpace(en) == ""
	switch {
	case noNL && noEN:
		return "no Dutch and no English text"
	case noNL:
		return "no Dutch text"
	case noEN:
		return "no English text"
	}
	return ""
}

// batch is what the rows gave, with the repeats counted.
func (r *rows) batch() tm.Batch {
	b := r.out
	b.Repeats = tm.Repeats(b.Segments, "")
	return b
}

func parseTime(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02", "20060102T150405Z"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD or RFC 3339)", v)
}

// ReadTSV reads tab-separated segments: nl<TAB>en a line, or with a
// header row (a first row naming nl and en, as in "nl-NL<TAB>en-GB") any
// of the columns nl, en, id, collection, doc, article, created, creator,
// note, and others as props. In fields, \t, \n, \r and \\ stand for a tab,
// a line break, a carriage return and a backslash. Blank lines are
// ignored; a row without Dutch or English text is skipped and counted, with
// its line and reason in Batch.SkippedUnits ("no English text"), a row whose sides are not Dutch and English (tm.Segment.LanguageMismatch)
// too, with its line and reason in Batch.SkippedUnits, and a row that repeats an earlier one (tm.Repeats) is read and counted.
func ReadTSV(r io.Reader) (tm.Batch, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 4*tm.MaxText+64<<10)
	rs := &rows{format: "tsv", cols: []string{colNL, colEN}}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		fields := strings.Split(text, "\t")
		if line == 1 && isHeader(fields) {
			cols, err := columns(fields)
			if err != nil {
				return tm.Batch{}, &Error{Format: "tsv", Line: line, Err: err}
			}
			rs.cols = cols
			continue
		}
		if len(fields) > len(rs.cols) && len(rs.cols) == 2 {
			return tm.Batch{}, &Error{Format: "tsv", Line: line, Err: fmt.Errorf("%d fields; without a header row each line is nl<TAB>en", len(fields))}
		}
		for i := range fields {
			fields[i] = unescape(fields[i])
		}
		if err := rs.add(line, fields); err != nil {
			return tm.Batch{}, err
		}
	}
	if err := sc.Err(); err != nil {
		return tm.Batch{}, &Error{Format: "tsv", Line: line + 1, Err: err}
	}
	return rs.batch(), nil
}

// ReadCSV reads comma- or semicolon-separated segments (the separator
// that occurs in the header row; Excel in Dutch writes semicolons) with
// RFC 4180 quoting. The header row is required and names the columns as
// for ReadTSV.
func ReadCSV(r io.Reader) (tm.Batch, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	first, _ := br.Peek(4096)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(br)
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return tm.Batch{}, &Error{Format: "csv", Line: 1, Err: ErrHeader}
	}
	if err != nil {
		return tm.Batch{}, csvError(err)
	}
	cols, err := columns(header)
	if err != nil {
		return tm.Batch{}, &Error{Format: "csv", Line: 1, Err: err}
	}
	rs := &rows{format: "csv", cols: cols}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rs.batch(), nil
		}
		if err != nil {
			return tm.Batch{}, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if err := rs.add(line, rec); err != nil {
			return tm.Batch{}, err
		}
	}
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		advice := "put the cell in double quotes and double each quote inside it"
		if errors.Is(pe.Err, csv.ErrQuote) {
			advice = `a quote inside a quoted cell must be doubled (""), and the closing quote must end the cell`
			if pe.StartLine != pe.Line {
				// A quote left open runs the record on to where the
				// reader gave up, lines or the whole file further: the
				// fault is where the record began.
				return &Error{Format: "csv", Line: pe.StartLine, Err: fmt.Errorf("%w (a quoted cell opened in the row that starts here is not closed before line %d): %s", pe.Err, pe.Line, advice)}
			}
		}
		// The csv package's column is a byte offset in the line, not
		// the cell's number: say so.
		return &Error{Format: "csv", Line: pe.Line, Err: fmt.Errorf("%w (at byte %d of the line): %s", pe.Err, pe.Column, advice)}
	}
	return &Error{Format: "csv", Err: err}
}

var (
	escaper   = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
	unescaper = strings.NewReplacer(`\\`, `\`, `\t`, "\t", `\n`, "\n", `\r`, "\r")
)

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return unescaper.Replace(s)
}

// WriteTSV writes segs with the header row nl, en, id, collection, doc,
// article, created, creator, note (tabs, line breaks and backslashes
// escaped as ReadTSV reads them). Props are not written: TMX keeps them.
func WriteTSV(w io.Writer, segs []tm.Segment) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.Join(exportColumns, "\t") + "\n")
	for _, s := range segs {
		created := ""
		if !s.Created.IsZero() {
			created = s.Created.UTC().Format(time.RFC3339)
		}
		for i, v := range []string{s.NL, s.EN, s.ID, s.Collection, s.Source.Doc, s.Source.Article, created, s.Creator, s.Note} {
			if i > 0 {
				bw.WriteByte('\t')
			}
			bw.WriteString(escaper.Replace(v))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
