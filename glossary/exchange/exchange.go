package exchange

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/omegat"
	"github.com/tolk-nl/tolk/glossary/table"
	"github.com/tolk-nl/tolk/glossary/tbx"
)

// Format names an exchange format, as in ?format= and the CLI.
type Format string

// The formats.
const (
	TBX      Format = "tbx"      // TBX-Basic 3.0 out; TBX v3 and v2 (martif) in
	CSV      Format = "csv"      // header row, one concept per row, '|' between terms
	XLSX     Format = "xlsx"     // the CSV columns in an Excel sheet
	OmegaT   Format = "omegat"   // OmegaT glossary, nl→en
	TSV      Format = "tsv"      // header-less source<TAB>target, as DeepL and Google take
	JSON     Format = "json"     // the API's shape
	FreeDict Format = "freedict" // FreeDict TSV, import only
)

// FormatInfo describes a format for listings and HTTP responses.
type FormatInfo struct {
	Name      Format `json:"name"`
	MediaType string `json:"mediaType"`
	Extension string `json:"extension"` // with the dot
	Import    bool   `json:"import"`
	Export    bool   `json:"export"`
	Title     string `json:"title"`
}

// ErrFormat is returned for a format name tolk does not know, or an
// export to an import-only format.
var ErrFormat = errors.New("exchange: unknown format")

// InputError is returned by Import when the file, not the reading of
// it, is at fault: it says what is wrong and where (line, element,
// column, field). A server answers it with 400.
type InputError struct {
	Format Format
	Err    error
}

func (e *InputError) Error() string {
	return "exchange: " + string(e.Format) + " import: " + e.Err.Error()
}
func (e *InputError) Unwrap() error { return e.Err }

var formats = []FormatInfo{
	{TBX, "application/x-tbx+xml", ".tbx", true, true, "TBX-Basic 3.0 (ISO 30042:2019), DCA style; import also reads TBX v2"},
	{CSV, "text/csv; charset=utf-8", ".csv", true, true, "CSV, one concept per row, terms separated by '|'"},
	{XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", true, true, "Excel workbook with the CSV columns"},
	{OmegaT, "text/plain; charset=utf-8", ".utf8", true, true, "OmegaT glossary, Dutch to English"},
	{TSV, "text/tab-separated-values; charset=utf-8", ".tsv", true, true, "two-column TSV for the DeepL and Google glossary APIs, Dutch to English"},
	{JSON, "application/json", ".json", true, true, "JSON, the API's concept shape"},
	{FreeDict, "text/tab-separated-values; charset=utf-8", ".tsv", true, false, "FreeDict Dutch–English TSV (headword, pronunciation, translations)"},
}

// HasVariants reports whether format f can say a term's regional variant
// (glossary.Term.Variant): TBX (a language section per variant) and JSON
// can; CSV, XLSX, TSV, OmegaT and FreeDict have a column per language,
// so a term read from them without a variant says nothing about one (a
// CSV or XLSX column headed en-GB gives its terms that variant). An
// import from such a format keeps the variants of the terms it leaves
// unchanged (app.GlossaryImport.KeepVariants).
func HasVariants(f Format) bool { return f == TBX || f == JSON }

// Formats lists the formats in a stable order.
func Formats() []FormatInfo { return append([]FormatInfo(nil), formats...) }

// Info returns the description of f.
func Info(f Format) (FormatInfo, bool) {
	for _, fi := range formats {
		if fi.Name == f {
			return fi, true
		}
	}
	return FormatInfo{}, false
}

// Export writes cs in format f, in the given order.
func Export(w io.Writer, f Format, cs []glossary.Concept) error {
	switch f {
	case TBX:
		return tbx.Write(w, cs)
	case CSV:
		return table.WriteCSV(w, cs)
	case XLSX:
		return table.WriteXLSX(w, cs)
	case OmegaT:
		return omegat.Write(w, cs)
	case TSV:
		return omegat.WriteTSV(w, cs)
	case JSON:
		return writeJSON(w, cs)
	case FreeDict:
		return fmt.Errorf("%w: %q is import only", ErrFormat, f)
	}
	return fmt.Errorf("%w %q (known: %s)", ErrFormat, f, names())
}

func names() string {
	s := make([]string, len(formats))
	for i, f := range formats {
		s[i] = string(f.Name)
	}
	return strings.Join(s, ", ")
}

// Left is what an import left out of a file: TBX sections, and CSV or
// XLSX columns, in languages the glossary does not hold.
type Left = glossary.Left

// Import reads concepts in format f, and says what it left out of the
// file. It is all or nothing: every concept is validated, and any problem gives nil and an error (an *InputError
// naming the line, element or field; or the reader's own error, such as
// *http.MaxBytesError, wrapped). If collection is not empty every
// concept gets it, else each keeps the one in the file (TBX, CSV, XLSX
// and JSON carry it). Ids come from the file where present; a concept
// without one gets a stable id derived from its collection and terms
// ("g" and 16 hex digits), so importing the same file twice gives the
// same ids. Ids repeated within the file are an error.
func Import(r io.Reader, f Format, collection string) ([]glossary.Concept, Left, error) {
	// A gzip-compressed file (FreeDict's freedict-nld-eng.tsv.gz) is
	// read uncompressed, up to MaxGunzipped bytes.
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		packed, err := io.ReadAll(br)
		if err != nil {
			return nil, Left{}, fmt.Errorf("exchange: reading the %s file: %w", f, err)
		}
		data, err := Gunzip(packed, MaxGunzipped)
		if err != nil {
			var ie *InflateError
			if errors.As(err, &ie) {
				return nil, Left{}, err
			}
			return nil, Left{}, &InputError{Format: f, Err: err}
		}
		r = bytes.NewReader(data)
	} else {
		r = br
	}
	var encoding string
	if f != TBX && f != XLSX {
		if f != JSON {
			// A table saved by Excel as "CSV (puntkomma-gescheiden)" is
			// Windows-1252 (coördinatie as co\xf6rdinatie), which was
			// refused as "not valid UTF-8": a file that is no UTF-8 and
			// has no UTF-16 byte-order mark is read as Windows-1252, and
			// the answer says so (Left.Encoding). JSON is UTF-8 by its
			// standard.
			data, err := io.ReadAll(r)
			if err != nil {
				return nil, Left{}, fmt.Errorf("exchange: reading the %s file: %w", f, err)
			}
			r = bytes.NewReader(data)
			if !utf8.Valid(data) && !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
				r = transform.NewReader(r, charmap.Windows1252.NewDecoder())
				encoding = Windows1252
			}
		}
		// A text file saved as "Unicode text" (Excel, Notepad) is UTF-16
		// with a byte-order mark: read as the UTF-8 it stands for. TBX
		// declares its encoding; XLSX is a zip.
		r = transform.NewReader(r, unicode.BOMOverride(transform.Nop))
	}
	er := &errReader{r: r}
	var (
		cs   []glossary.Concept
		left Left
		err  error
	)
	switch f {
	case TBX:
		cs, left, err = tbx.Read(er)
	case CSV:
		cs, left, err = table.ReadCSV(er)
	case XLSX:
		cs, left, err = table.ReadXLSX(er)
	case OmegaT:
		cs, err = omegat.Read(er)
	case TSV:
		cs, err = omegat.ReadTSV(er)
	case JSON:
		cs, err = readJSON(er)
	case FreeDict:
		cs, err = omegat.ReadFreeDict(er)
	default:
		return nil, Left{}, fmt.Errorf("%w %q (known: %s)", ErrFormat, f, names())
	}
	if er.err != nil {
		return nil, Left{}, fmt.Errorf("exchange: reading the %s file: %w", f, er.err)
	}
	if err != nil {
		return nil, Left{}, &InputError{Format: f, Err: err}
	}
	for i := range cs {
		cs[i].NormalizeTerms() // before dropRepeats: "coup " repeats "coup"
	}
	left.Encoding = encoding
	var repeats int
	cs, left.Places, repeats = dropRepeats(cs, left.Places)
	left.Duplicates += repeats // the table readers count those they merged
	left.Warnings = append(left.Warnings, oneLanguage(cs, &left)...)
	if err := settle(cs, collection); err != nil {
		return nil, Left{}, &InputError{Format: f, Err: err}
	}
	return cs, left, nil
}

// Windows1252 is Left.Encoding of a text file read as Windows-1252.
const Windows1252 = "windows-1252"

// MaxGunzipped bounds what a gzip-compressed import may inflate to: the
// server's limit on an import's body (64 MiB), so that a compressed file
// holds no more than the same file sent uncompressed may. (A 570 KB file
// of zeros inflated to 600 MB before it was refused, the server's memory
// growing to 1.3 GB.)
const MaxGunzipped = 64 << 20

// InflateError is the error of a gzip-compressed file that inflates beyond
// Limit bytes.
type InflateError struct{ Limit int64 }

func (e *InflateError) Error() string {
	return fmt.Sprintf("the gzip-compressed file inflates to more than %s, the limit for a file compressed or not", mib(e.Limit))
}

// mib writes a limit in MiB, or in bytes when it is no whole number of
// MiB (a test's small limit).
func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Gunzip returns the gzip-compressed data uncompressed, or an
// *InflateError when it inflates beyond limit bytes. The data is
// inflated twice: once counting, into a small buffer, and once into a
// slice of the size counted; so a file that inflates too far (a
// decompression bomb) is refused without the memory it would fill, and
// one within the limit takes its size once, not the doublings of a
// growing buffer.
func Gunzip(data []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("the gzip-compressed file cannot be read: %w", err)
	}
	n, err := io.Copy(io.Discard, io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("the gzip-compressed file is damaged: %w", err)
	}
	if n > limit {
		return nil, &InflateError{Limit: limit}
	}
	if err := zr.Reset(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("the gzip-compressed file cannot be read: %w", err)
	}
	out := make([]byte, n)
	if _, err := io.ReadFull(zr, out); err != nil {
		return nil, fmt.Errorf("the gzip-compressed file is damaged: %w", err)
	}
	return out, nil
}

// settle gives concepts their collection and ids, and validates them.
func settle(cs []glossary.Concept, collection string) error {
	if collection != "" && !glossary.ValidCollection(collection) {
		return fmt.Errorf("collection %q: a collection's name has no '/', '\\' or control characters, is not '.' or '..' and has no space at either end", collection)
	}
	taken := make(map[string]int, len(cs))
	for i := range cs {
		if collection != "" {
			cs[i].Collection = collection
		}
		if id := cs[i].ID; id != "" {
			if j, dup := taken[id]; dup {
				return fmt.Errorf("concepts %d and %d have the same id %q", j+1, i+1, id)
			}
			taken[id] = i
		}
	}
	for i := range cs {
		if cs[i].ID == "" {
			id := stableID(&cs[i])
			base := id
			for n := 2; ; n++ {
				if _, dup := taken[id]; !dup {
					break
				}
				id = base + "-" + strconv.Itoa(n)
			}
			cs[i].ID = id
			taken[id] = i
		}
		if err := cs[i].Validate(); err != nil {
			return fmt.Errorf("concept %d: %w", i+1, err)
		}
	}
	return nil
}

// dropRepeats drops the concepts without an id that repeat an earlier
// one word for word (the same spreadsheet row twice), and says how many
// it dropped: each became a concept of its own ("…-2").
func dropRepeats(cs []glossary.Concept, places []string) ([]glossary.Concept, []string, int) {
	seen := map[string]bool{}
	out := cs[:0]
	var outPlaces []string
	n := 0
	for i, c := range cs {
		if c.ID == "" {
			b, err := json.Marshal(c)
			if err == nil {
				if seen[string(b)] {
					n++
					continue
				}
				seen[string(b)] = true
			}
		}
		out = append(out, c)
		if i < len(places) {
			outPlaces = append(outPlaces, places[i])
		}
	}
	return out, outPlaces, n
}

// oneLanguage warns of each concept that has a Dutch term and no English
// one, or an English and no Dutch (a row whose other cell is empty):
// such a concept shows no translation where annotate and the check find
// it, and they take the word for a concept that has both if there is one.
func oneLanguage(cs []glossary.Concept, left *glossary.Left) []glossary.Warning {
	var out []glossary.Warning
	more := 0
	for i := range cs {
		c := &cs[i]
		nl, en := c.TermsIn("nl"), c.TermsIn("en")
		if len(nl) > 0 == (len(en) > 0) {
			continue
		}
		has, lacks, other := nl, "English", "Dutch"
		if len(en) > 0 {
			has, lacks, other = en, "Dutch", "English"
		}
		if len(out) == maxWarnings {
			more++
			continue
		}
		where := left.Place(i)
		prefix := ""
		if where != "" {
			prefix = where + ": "
		}
		out = append(out, glossary.Warning{Kind: glossary.WarnOneLanguage, Where: where,
			Message: fmt.Sprintf("%sthe %s term %q has no %s term beside it; imported as it is, but annotate shows no translation for it and /check cannot check it; where another concept has the word in both languages, they take that one",
				prefix, other, has[0].Text, lacks)})
	}
	if more > 0 {
		out = append(out, glossary.Warning{Kind: glossary.WarnOneLanguage,
			Message: fmt.Sprintf("and %d more %s in one of Dutch and English only", more, plural(more, "concept", "concepts"))})
	}
	return out
}

// plural is one where n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// maxWarnings bounds the warnings of one kind an import lists one by one:
// a file of thousands of Dutch-only entries gets a count for the rest.
const maxWarnings = 100

func stableID(c *glossary.Concept) string {
	h := sha256.New()
	io.WriteString(h, c.Collection)
	for _, t := range c.Terms {
		io.WriteString(h, "\x00"+t.Lang+"\x00"+t.Text)
	}
	return "g" + hex.EncodeToString(h.Sum(nil)[:8])
}

// errReader remembers the first error of the underlying reader, to tell
// a failed upload (too large, cut off) from a bad file.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

// Detect guesses the format of a file from its name and first bytes
// (512 are plenty). Content wins over a misleading extension where the
// content is unambiguous (zip, XML, JSON, the OmegaT header). A
// header-less table is told by its first entry: blank lines, and the
// '#' comment lines OmegaT skips, before it are passed over (within
// head); a file with such comments and tabs is an OmegaT glossary.
func Detect(name string, head []byte) (Format, bool) {
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		// A gzip-compressed file, which Import reads uncompressed, is
		// told by what it holds and its name without .gz (w.tbx.gz was
		// taken for a TSV by its compressed bytes).
		if strings.EqualFold(filepath.Ext(name), ".gz") {
			name = name[:len(name)-3]
		}
		var inner []byte
		if zr, err := gzip.NewReader(bytes.NewReader(head)); err == nil {
			inner, _ = io.ReadAll(io.LimitReader(zr, 4096)) // a head cut short reads what it has
		}
		head = inner
	}
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	firstLine, commented := firstEntry(head)
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return XLSX, true
	case bytes.HasPrefix(trimmed, []byte("<")):
		if bytes.Contains(head, []byte("<tbx")) || bytes.Contains(head, []byte("<martif")) || strings.EqualFold(filepath.Ext(name), ".tbx") {
			return TBX, true
		}
		return "", false
	case bytes.HasPrefix(trimmed, []byte("{")) || bytes.HasPrefix(trimmed, []byte("[")):
		return JSON, true
	case bytes.HasPrefix(head, []byte("# Glossary in tab-separated format")):
		return OmegaT, true
	case bytes.HasPrefix(head, []byte("headword\tpronunciation\ttranslations")):
		return FreeDict, true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tbx", ".tbxm":
		return TBX, true
	case ".csv":
		return CSV, true
	case ".xlsx":
		return XLSX, true
	case ".utf8":
		return OmegaT, true
	case ".tsv", ".tab":
		return TSV, true
	case ".json":
		return JSON, true
	}
	switch {
	case bytes.Count(firstLine, []byte("\t")) == 2,
		commented && bytes.Contains(firstLine, []byte("\t")):
		// source, target, comment: OmegaT's glossary (glossary.txt, its
		// default name, has no header); the DeepL TSV has two columns.
		// Comment lines are OmegaT's too: its reader skips them, the
		// TSV reader would take them for entries.
		return OmegaT, true
	case bytes.Contains(firstLine, []byte("\t")):
		return TSV, true
	case !commented && (bytes.Contains(firstLine, []byte(",")) || bytes.Contains(firstLine, []byte(";"))):
		return CSV, true
	}
	return "", false
}

// firstEntry returns the first line of head that is neither blank nor a
// comment (a line starting with '#', as OmegaT writes them), and whether
// a comment line came before it. A translator's glossary.txt often opens
// with comments: only its first entry tells the columns.
func firstEntry(head []byte) (line []byte, commented bool) {
	for len(head) > 0 {
		line, head, _ = bytes.Cut(head, []byte("\n"))
		switch {
		case bytes.HasPrefix(line, []byte("#")):
			commented = true
		case len(bytes.TrimSpace(line)) > 0:
			return line, commented
		}
	}
	return nil, commented
}
