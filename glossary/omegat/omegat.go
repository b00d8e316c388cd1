package omegat

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/budget"
	"github.com/tolk-nl/tolk/glossary/internal/spreadsheet"
)

// Header is the first line of an OmegaT glossary file.
const Header = "# Glossary in tab-separated format -*- coding: utf-8 -*-"

// Errors the readers wrap.
var (
	// ErrLine: a line does not have the columns the format needs.
	ErrLine = errors.New("bad line")
	// ErrTooLarge: the file's concepts would hold more memory than
	// budget.Max admits (the same value as table.ErrTooLarge).
	ErrTooLarge = budget.ErrTooLarge
)

// maxLine bounds one line; longer lines are refused, not truncated.
const maxLine = 1 << 20

// Pair is one source/target line.
type Pair struct {
	Source, Target, Comment string
}

// usable reports whether a term may be offered as a translation:
// deprecated and superseded terms are kept out of target lists.
func usable(t glossary.Term) bool {
	return t.Status != glossary.Deprecated && t.Status != glossary.Superseded
}

// Clean makes s a single-line entry: tabs, line breaks and other control
// or separator characters become a space, runs of spaces collapse, and
// the ends are trimmed.
func Clean(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && (unicode.IsControl(r) || unicode.IsSpace(r)) }) &&
		!strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

// Pairs returns the OmegaT lines of cs: every Dutch term with every
// English term of the same word class (glossary.Pairable) that is not
// deprecated or superseded, the comment being the English definition,
// else the Dutch one, else the concept note (after "deprecated Dutch
// term, use X" for a Dutch term not to use).
// Repeated pairs are left out.
func Pairs(cs []glossary.Concept) []Pair {
	var ps []Pair
	seen := map[[2]string]bool{}
	for i := range cs {
		c := &cs[i]
		comment := c.Definition["en"]
		if comment == "" {
			comment = c.Definition["nl"]
		}
		if comment == "" {
			comment = c.Note
		}
		comment = Clean(comment)
		for _, s := range c.Terms {
			src := Clean(s.Text)
			if s.Lang != "nl" || src == "" {
				continue
			}
			// A deprecated Dutch term stays a source (a text may use it),
			// marked so, with the term to use instead.
			note := comment
			if !usable(s) {
				note = Clean(strings.TrimSuffix(fmt.Sprintf("%s Dutch term%s; %s", s.Status, preferredNL(c), comment), "; "))
			}
			for _, t := range c.Terms {
				tgt := Clean(t.Text)
				if t.Lang != "en" || !usable(t) || tgt == "" || !glossary.Pairable(s, t) || seen[[2]string{src, tgt}] {
					continue
				}
				seen[[2]string{src, tgt}] = true
				ps = append(ps, Pair{src, tgt, note})
			}
		}
	}
	return ps
}

// preferredNL is ", use X" for the preferred Dutch term X of c, or "".
func preferredNL(c *glossary.Concept) string {
	for _, t := range c.Terms {
		if t.Lang == "nl" && t.Status == glossary.Preferred {
			return ", use " + t.Text
		}
	}
	return ""
}

// Write writes cs as an OmegaT glossary (nl→en): the Header line, then
// source, target and comment separated by tabs, one line per Pairs.
func Write(w io.Writer, cs []glossary.Concept) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(Header + "\n")
	for _, p := range Pairs(cs) {
		bw.WriteString(p.Source + "\t" + p.Target)
		if p.Comment != "" {
			bw.WriteString("\t" + p.Comment)
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("omegat: %w", err)
	}
	return nil
}

// Read reads an OmegaT glossary as nl→en: one concept per line with a
// Dutch and an English term, the comment as the concept's note. Comment
// lines (see comment) and blank lines are skipped; a line with text in a
// column after the third is an error (OmegaT ignores such columns, but an
// import that drops them loses data; empty ones are fine). A first entry that is a header
// (see ReadTSV: "Dutch<TAB>English<TAB>comment", "source<TAB>target")
// is skipped, and the languages it names, in its order, are those of
// the first two columns. Errors name the line.
func Read(r io.Reader) ([]glossary.Concept, error) {
	langs := [2]string{"nl", "en"}
	first := true
	return concepts(r, "omegat", func(_ int, line string) (*glossary.Concept, error) {
		if comment(line) {
			return nil, nil
		}
		f := strings.Split(line, "\t")
		if first {
			first = false
			if h, ok, err := header(f); ok {
				if err != nil {
					return nil, err
				}
				langs = [2]string{h[0], h[1]}
				return nil, nil
			}
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("%w: want source<TAB>target[<TAB>comment], found no tab", ErrLine)
		}
		if n := filled(f); n > 3 {
			// OmegaT ignores them; an import that dropped a file's
			// columns without a word lost data (a 7-column table given
			// as format=omegat), which the TSV reader refuses.
			return nil, fmt.Errorf("%w: %d columns, want 2 or 3 (source<TAB>target<TAB>comment); is this a table with a header? import it as tsv or csv", ErrLine, n)
		}
		for i := range min(len(f), 3) {
			if err := errorValue(f, i); err != nil {
				return nil, err
			}
		}
		c := glossary.Concept{Terms: []glossary.Term{
			{Lang: langs[0], Text: strings.TrimSpace(f[0])},
			{Lang: langs[1], Text: strings.TrimSpace(f[1])},
		}}
		if len(f) > 2 {
			c.Note = strings.TrimSpace(f[2])
		}
		return &c, nil
	})
}

// filled is the number of columns up to the last non-empty one.
func filled(f []string) int {
	n := len(f)
	for n > 0 && strings.TrimSpace(f[n-1]) == "" {
		n--
	}
	return n
}

// comment reports whether line is a comment: it starts with '#'. A line
// whose first cell is a spreadsheet's error value (#N/A<TAB>coup) is a
// failed formula, not a comment, and is refused (errorValue) rather
// than skipped without a word.
func comment(line string) bool {
	if !strings.HasPrefix(line, "#") {
		return false
	}
	first, _, _ := strings.Cut(line, "\t")
	return !spreadsheet.IsErrorValue(first)
}

// errorValue refuses column i of the line's cells f when it holds a
// spreadsheet's error value (#N/A: a failed formula of the spreadsheet
// the file was saved from), as an empty entry is refused: naming the
// column, the line number added by lines.
func errorValue(f []string, i int) error {
	if spreadsheet.IsErrorValue(f[i]) {
		return fmt.Errorf("%w: column %d: %s", ErrLine, i+1, spreadsheet.Advice(f[i]))
	}
	return nil
}

// concepts reads one concept per line of r: parse returns the line's
// concept, or nil to skip the line; blank lines are skipped before parse
// sees them. Every concept must validate. Errors name the line. The
// concepts are charged to a budget of budget.Max: a line of four bytes
// makes a concept of some 500, so a 64 MiB file of them would otherwise
// take 15 GB.
func concepts(r io.Reader, pkg string, parse func(n int, line string) (*glossary.Concept, error)) ([]glossary.Concept, error) {
	var out []glossary.Concept
	b := budget.New(budget.Max)
	err := lines(r, pkg, func(n int, line string) error {
		if strings.TrimSpace(line) == "" {
			return nil
		}
		c, err := parse(n, line)
		if c == nil || err != nil {
			return err
		}
		if err := c.Validate(); err != nil {
			return err
		}
		if err := b.Add(c); err != nil {
			return err
		}
		out = append(out, *c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// lines calls fn for every line of r (without the line end and a
// leading byte order mark), and wraps fn's error with the line number.
func lines(r io.Reader, pkg string, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if !utf8.ValidString(line) {
			return fmt.Errorf("%s: line %d: %w: not valid UTF-8", pkg, n, ErrLine)
		}
		if err := fn(n, line); err != nil {
			return fmt.Errorf("%s: line %d: %w", pkg, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("%s: line %d: %w: longer than %d bytes", pkg, n+1, ErrLine, maxLine)
		}
		return fmt.Errorf("%s: %w", pkg, err)
	}
	return nil
}
