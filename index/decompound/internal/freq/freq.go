package freq

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/index/decompound/internal/wordlist"
)

// Counts maps a word (lower-cased, without diacritics) to its number of
// occurrences.
type Counts map[string]int

// Stats describes one counting.
type Stats struct {
	Docs   int // documents read
	Tokens int // words counted
}

// CountJSONL reads JSON lines (plain or gzip-compressed), each an object
// with a "text" field, as the Basiswettenbestand extract in
// ../shared/data/bwb-laws-markdown has them, and adds the words of every
// text to c.
func (c Counts) CountJSONL(r io.Reader) (Stats, error) {
	var st Stats
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return st, fmt.Errorf("freq: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	dec := json.NewDecoder(br)
	for {
		var doc struct{ Text string }
		if err := dec.Decode(&doc); err == io.EOF {
			return st, nil
		} else if err != nil {
			return st, fmt.Errorf("freq: document %d: %w", st.Docs+1, err)
		}
		st.Docs++
		st.Tokens += c.Count(doc.Text)
	}
}

// Count adds the words of text to c and returns how many it counted. A word
// is a maximal run of letters (and combining marks), as the analyzer's
// tokenizer hands words to the splitter, lower-cased and without
// diacritics. HTML tags (<sup>, <meta …>) and Markdown link targets
// (](../../BWBR0006585/README.md)) are markup, not text, and are skipped.
func (c Counts) Count(text string) int {
	n := 0
	start := -1
	flush := func(end int) {
		if start >= 0 {
			if c.add(text[start:end]) {
				n++
			}
			start = -1
		}
	}
	for i := 0; i < len(text); {
		switch {
		case text[i] == '<' && i+1 < len(text) && isTagStart(text[i+1]):
			if j := strings.IndexAny(text[i+1:], "<>\n"); j >= 0 && text[i+1+j] == '>' {
				flush(i)
				i += j + 2
				continue
			}
		case text[i] == ']' && strings.HasPrefix(text[i+1:], "("):
			if j := strings.IndexAny(text[i+2:], ") \n"); j >= 0 && text[i+2+j] == ')' {
				flush(i)
				i += j + 3
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
		} else {
			flush(i)
		}
		i += size
	}
	flush(len(text))
	return n
}

// isTagStart reports whether b can follow the < of an HTML tag (<sup>,
// </sup>, <!-- -->); "a < b" is a comparison, not a tag.
func isTagStart(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b == '/' || b == '!'
}

// add counts w, lower-cased and without diacritics, unless nothing is left
// of it (a lone combining mark).
func (c Counts) add(w string) bool {
	plain := true
	for i := 0; i < len(w); i++ {
		if b := w[i]; b >= utf8.RuneSelf || 'A' <= b && b <= 'Z' {
			plain = false
			break
		}
	}
	if !plain {
		if w = wordlist.StripMarks(strings.ToLower(w)); w == "" {
			return false
		}
	}
	c[w]++
	return true
}

// Header lines of the table start with this; the rest are "word count".
const comment = "# "

// Write writes the words of c that keep accepts, sorted, one "word count"
// a line after the header lines (each prefixed "# "), gzip-compressed. It
// returns the number of words written.
func (c Counts) Write(w io.Writer, header []string, keep func(word string, count int) bool) (int, error) {
	keys := make([]string, 0, len(c))
	for k, n := range c {
		if keep(k, n) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	for _, h := range header {
		if strings.Contains(h, "\n") {
			return 0, fmt.Errorf("freq: header line %q has a newline", h)
		}
		buf.WriteString(comment + h + "\n")
	}
	for _, k := range keys {
		buf.WriteString(k)
		buf.WriteByte(' ')
		buf.WriteString(strconv.Itoa(c[k]))
		buf.WriteByte('\n')
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return 0, fmt.Errorf("freq: %w", err)
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return 0, fmt.Errorf("freq: %w", err)
	}
	if err := zw.Close(); err != nil {
		return 0, fmt.Errorf("freq: %w", err)
	}
	return len(keys), nil
}

// ErrFormat is returned by Read for a line that is no "word count".
var ErrFormat = errors.New("freq: malformed line")

// Read reads a table written by Write and calls fn for each word and count,
// in the table's (sorted) order.
func Read(r io.Reader, fn func(word string, count int)) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("freq: %w", err)
	}
	defer zr.Close()
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.HasPrefix(s, comment) {
			continue
		}
		sp := strings.IndexByte(s, ' ')
		if sp <= 0 {
			return fmt.Errorf("%w %d: %q", ErrFormat, line, s)
		}
		n, err := strconv.Atoi(s[sp+1:])
		if err != nil || n < 1 {
			return fmt.Errorf("%w %d: %q", ErrFormat, line, s)
		}
		fn(s[:sp], n)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("freq: line %d: %w", line+1, err)
	}
	return nil
}

// Word lengths the table keeps: the splitter's parts have at least 4
// bytes, and it splits no word longer than 64.
const (
	MinLen = 4
	MaxLen = 64
)

// WriteTable writes the table package decompound embeds: the counts of the
// words of 4 to 64 bytes that inList accepts (the words of the compiled
// OpenTaal list, the only words the splitter looks up), with a header that
// names the source files (by base name), the counts and the command.
// Package decompound's TestGenerate and command gen both call it, so the
// committed table is what a fresh build gives.
func WriteTable(w io.Writer, c Counts, st Stats, files []string, inList func(string) bool) (int, error) {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f)
	}
	kept := 0
	for k := range c {
		if len(k) >= MinLen && len(k) <= MaxLen && inList(k) {
			kept++
		}
	}
	header := []string{
		"Word frequencies for package decompound (tolk): how often each word occurs as a word of its own",
		"in Dutch statutory text. Generated; do not edit. Only counts are kept, no text.",
		"Source: the Basiswettenbestand (wetten.overheid.nl, KOOP) as Markdown, github.com/statengeneraal/laws-markdown",
		"at commit 91556a80a25a3da4234c8039945c6aeef4108d00, as extracted into ../shared/data/bwb-laws-markdown",
		"(see its SOURCE.md): " + strings.Join(names, ", ") + ". Laws, decrees, regulations and policy rules of public",
		"authorities carry no copyright in the Netherlands (Auteurswet art. 11).",
		fmt.Sprintf("Counted: %d documents, %d words (maximal runs of letters outside HTML tags and link targets,", st.Docs, st.Tokens),
		fmt.Sprintf("lower-cased, diacritics removed), %d distinct; kept: the %d of 4-64 bytes that the OpenTaal list has.", len(c), kept),
		"Command: go generate ./index/decompound (index/decompound/internal/gen -freq " + strings.Join(names, ",") + " -freq-out bwbfreq).",
		"Format: one \"word count\" a line, sorted by word.",
	}
	return c.Write(w, header, func(k string, _ int) bool {
		return len(k) >= MinLen && len(k) <= MaxLen && inList(k)
	})
}
