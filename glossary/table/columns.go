package table

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/budget"
	"github.com/tolk-nl/tolk/glossary/internal/spreadsheet"
	"github.com/tolk-nl/tolk/tm"
)

// Errors the readers wrap.
var (
	// ErrHeader: the header row is missing, repeats a column, or names a
	// column tolk does not know.
	ErrHeader = errors.New("bad header")
	// ErrCell: a cell holds a value its column does not allow.
	ErrCell = errors.New("bad cell")
	// ErrTooLarge: the file decodes to more than the readers hold in
	// memory: a record, a cell or an XML part over its limit, or more
	// concepts than budget.Max admits. The message names the limit.
	ErrTooLarge = budget.ErrTooLarge
	// ErrCellTooLong: WriteXLSX was given a concept whose cell would
	// hold more than Excel's 32,767 characters; nothing is written.
	ErrCellTooLong = errors.New("a cell longer than Excel allows")
)

// Concept columns, in export order.
const (
	colID          = "id"
	colCollection  = "collection"
	colSubject     = "subject"
	colNote        = "note"
	colSource      = "source"
	colReliability = "reliability"
	colCreated     = "created"
	colModified    = "modified"
	defPrefix      = "definition_"
)

// Term attributes: the column for language L is "L_<attr>", e.g.
// nl_status. The term column itself is just "L".
var termAttrs = []string{"status", "type", "pos", "article", "plural", "note", "reliability", "context", "source"}

// Header returns the columns written for concepts in langs, in order.
func Header(langs []string) []string {
	h := []string{colID, colCollection, colSubject}
	for _, l := range langs {
		h = append(h, defPrefix+l)
	}
	h = append(h, colNote, colSource, colReliability, colCreated, colModified)
	for _, l := range langs {
		h = append(h, l)
		for _, a := range termAttrs {
			if a == "article" && l != "nl" {
				continue // only Dutch nouns take de/het
			}
			h = append(h, l+"_"+a)
		}
	}
	return h
}

// Languages returns the languages to give columns: nl and en always,
// then any other language cs use, in the order of glossary.Languages.
func Languages(cs []glossary.Concept) []string {
	used := map[string]bool{"nl": true, "en": true}
	for i := range cs {
		for _, t := range cs[i].Terms {
			used[t.Lang] = true
		}
		for l := range cs[i].Definition {
			used[l] = true
		}
	}
	var ls []string
	for _, l := range glossary.Languages {
		if used[l] {
			ls = append(ls, l)
		}
	}
	return ls
}

// Row renders one concept under header h as a CSV row: cells are
// neutralised, since a spreadsheet opening a CSV evaluates them.
func Row(h []string, c *glossary.Concept) []string {
	return render(h, c, Neutralise)
}

// render renders one concept under header h, passing each cell through
// esc (Neutralise for CSV, literal for XLSX).
func render(h []string, c *glossary.Concept, esc func(string) string) []string {
	row := make([]string, len(h))
	for i, col := range h {
		row[i] = esc(cell(col, c))
	}
	return row
}

func cell(col string, c *glossary.Concept) string {
	switch col {
	case colID:
		return c.ID
	case colCollection:
		return c.Collection
	case colSubject:
		return c.Subject
	case colNote:
		return c.Note
	case colSource:
		return c.Source
	case colReliability:
		return itoa(c.Reliability)
	case colCreated:
		return date(c.Created)
	case colModified:
		return date(c.Modified)
	}
	if l, ok := strings.CutPrefix(col, defPrefix); ok {
		return c.Definition[l]
	}
	lang, attr, _ := strings.Cut(col, "_")
	var vs []string
	some := false
	for _, t := range c.Terms {
		if t.Lang != lang {
			continue
		}
		v := termValue(&t, attr)
		some = some || v != ""
		vs = append(vs, escapeList(v))
	}
	if !some {
		return ""
	}
	return strings.Join(vs, "|")
}

func termValue(t *glossary.Term, attr string) string {
	switch attr {
	case "":
		return t.Text
	case "status":
		return string(t.Status)
	case "type":
		return string(t.Type)
	case "pos":
		return t.POS
	case "article":
		return t.Article
	case "plural":
		return t.Plural
	case "note":
		return t.Note
	case "reliability":
		return itoa(t.Reliability)
	case "context":
		return t.Context
	case "source":
		return t.Source
	}
	return ""
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// escapeList protects the separator: terms and their attributes share a
// cell, separated by '|' (the Trados convention), so a '|' or '\' inside
// a value is written with a backslash before it.
func escapeList(s string) string {
	if !strings.ContainsAny(s, `|\`) {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, `|`, `\|`).Replace(s)
}

// splitTerms splits a term cell into its terms: at unescaped '|' and at
// line breaks, which a spreadsheet puts between synonyms typed on lines
// of their own (Alt+Enter in Excel); a term holds neither.
func splitTerms(s string) []string {
	if !strings.ContainsAny(s, "\r\n") {
		return splitList(s)
	}
	var out []string
	for _, line := range lineBreaks.Split(s, -1) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		out = append(out, splitList(line)...)
	}
	return out
}

// lineBreaks matches the line breaks of a cell, however saved.
var lineBreaks = regexp.MustCompile(`\r\n|\r|\n`)

// splitList splits a cell at unescaped '|'. A backslash before anything
// other than '|' or '\' is kept as written, so hand-made files with
// paths read as they look.
func splitList(s string) []string {
	if !strings.ContainsAny(s, `|\`) {
		return []string{s}
	}
	var parts []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && (s[i+1] == '|' || s[i+1] == '\\'):
			b.WriteByte(s[i+1])
			i++
		case s[i] == '|':
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(parts, b.String())
}

// Neutralise defuses a cell a spreadsheet would run as a formula: one
// that starts with '=', '+', '-', '@', a tab or a carriage return gets a
// leading apostrophe (OWASP's advice). So that Restore can undo exactly
// this, a cell that already starts with apostrophes before such a
// character gets one more.
func Neutralise(s string) string {
	if triggers(strings.TrimLeft(s, "'")) {
		return "'" + s
	}
	return s
}

// literal prepares a cell for XLSX, whose text cells no spreadsheet
// evaluates: it is written as it is ("-5 graden", "=SOM(A1)"; an
// apostrophe before them was a literal that Excel showed and CAT tools
// imported), except that a cell Restore would change, apostrophes
// before a formula character, gets one more apostrophe, as Neutralise
// gives it. So Restore, which reading applies to every cell, gives back
// both this and what older tolk exports wrote (Neutralise).
func literal(s string) string {
	if strings.HasPrefix(s, "'") && triggers(strings.TrimLeft(s, "'")) {
		return "'" + s
	}
	return s
}

// Restore undoes Neutralise.
func Restore(s string) string {
	if strings.HasPrefix(s, "'") && triggers(strings.TrimLeft(s, "'")) {
		return s[1:]
	}
	return s
}

func triggers(s string) bool {
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}

// column is what a header cell means.
type column struct {
	name string
	lang string // for definition_L, L and L_attr
	attr string // term attribute, "" for the term itself
	// skip marks a column in a language the glossary does not hold
	// (pt-BR): left out and counted (glossary.Left), lang as written.
	skip bool
	// variant is the regional variant a term column's header names
	// (en-GB, nl_NL → nl-NL), which its terms get; "" for the language.
	variant string
	// avoid marks a document term list's L_avoid column: more terms in
	// lang, deprecated, that L's attribute columns do not describe.
	avoid bool
	// placed marks a definition column named by a word without a
	// language (Definitie, Definition), which took the language of the
	// term column before it (placedDefinitions checks its texts).
	placed bool
	// header is the column's header cell as written.
	header string
	// ignore marks a document term list's column that describes the
	// document (count, first_context): read as nothing, named in
	// glossary.Left.Columns.
	ignore bool
}

// A document's term list (GET /api/v1/documents/{id}/terms?format=csv)
// has the columns concept, nl, en, en_avoid, count, first_context and
// definition_en. A header with a concept column is read as one: concept
// is the id, L_avoid the terms of L to avoid (deprecated), and count and
// first_context are left out. Elsewhere these are unknown columns.
const (
	colConcept = "concept"
	avoidAttr  = "avoid"
)

// termListIgnored are the term list's columns about the document.
var termListIgnored = []string{"count", "first_context"}

// termListHeader reports whether header h is a document term list's.
func termListHeader(h []string) bool {
	return slices.ContainsFunc(h, func(s string) bool {
		return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF"))) == colConcept
	})
}

// ignoredColumns names the columns of cols read as nothing.
func ignoredColumns(cols []column) []string {
	var out []string
	for _, c := range cols {
		if c.ignore {
			out = append(out, c.name)
		}
	}
	return out
}

// baseLanguage maps a column's language part to a glossary language: "nl",
// or a tag with a region such as "nl-nl", "en-gb" (a spreadsheet exported
// from a CAT tool names its columns so).
func baseLanguage(s string) (string, bool) {
	if slices.Contains(glossary.Languages, s) {
		return s, true
	}
	if !strings.Contains(s, "-") {
		return "", false
	}
	tag, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	b, conf := tag.Base()
	if conf != language.Exact || !slices.Contains(glossary.Languages, b.String()) {
		return "", false
	}
	return b.String(), true
}

// otherLanguage reports whether a column's language part is a language
// code the glossary does not hold (pt, pt-br, es, zh-hans): such a
// column is left out and reported, as TBX sections in such languages are,
// where a misspelt column name is an error.
func otherLanguage(s string) bool {
	code, _, _ := strings.Cut(s, "-")
	if len(code) < 2 || len(code) > 3 || strings.Trim(code, "abcdefghijklmnopqrstuvwxyz") != "" {
		return false
	}
	tag, err := language.Parse(s)
	if err != nil {
		return false
	}
	b, conf := tag.Base()
	return conf == language.Exact && b.String() != "und"
}

// isRegion reports whether s is a region subtag: two letters or three
// digits (nl, gb, 419).
func isRegion(s string) bool {
	switch len(s) {
	case 2:
		return s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
	case 3:
		return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
	}
	return false
}

// attrWords are the words a header may name a term attribute or a
// definition by without a language (Dutch;English;Status;Definition):
// the column is the attribute of the term column before it.
var attrWords = map[string]string{
	"status": "status", "type": "type", "term type": "type", "termtype": "type",
	"pos": "pos", "part of speech": "pos", "woordsoort": "pos",
	"article": "article", "lidwoord": "article", "plural": "plural", "meervoud": "plural",
	"context": "context", "definition": "definition", "definitie": "definition", "omschrijving": "definition",
}

// conceptWords are the Dutch names of concept columns a header may use,
// as "Opmerking" names the note: "Bron" is the concept's source, wherever
// it stands (a term's source is L_source).
var conceptWords = map[string]string{
	"bron": colSource, "bronnen": colSource, "bronvermelding": colSource,
}

// columnNames lists every column a header may name, for the error of an
// unknown one: the concept's columns, and each language's.
func columnNames() string {
	attrs := make([]string, len(termAttrs))
	for i, a := range termAttrs {
		attrs[i] = "L_" + a
	}
	return fmt.Sprintf("%s; and for each language L (%s): L, definition_L, %s",
		strings.Join([]string{colID, colCollection, colSubject, colNote, colSource, colReliability, colCreated, colModified}, ", "),
		strings.Join(glossary.Languages, ", "), strings.Join(attrs, ", "))
}

// headerWord turns a header cell (lower case) that names a column in
// words, as the TSV and OmegaT readers accept them, into the column's
// name: a language's name (Dutch, Nederlands, Engels) its code, a comment
// word (opmerking, remarks) note, and a bare attribute word (Status,
// Definition) the attribute of the term column before it (lastLang).
// Other cells come back as they are.
func headerWord(name, lastLang string) (string, error) {
	if l, ok := spreadsheet.LanguageName(name); ok {
		return l, nil
	}
	if name != colNote && spreadsheet.CommentWord(name) {
		return colNote, nil
	}
	if c, ok := conceptWords[name]; ok {
		return c, nil
	}
	a, ok := attrWords[name]
	switch {
	case !ok:
		return name, nil
	case lastLang == "":
		return "", fmt.Errorf("names no language: put it after its language's term column, or name it so (en_%s, definition_en)", a)
	case a == "definition":
		return defPrefix + lastLang, nil
	}
	return lastLang + "_" + a, nil
}

// parseHeader checks a header row. where names a column for errors.
func parseHeader(h []string, where func(i int) string) ([]column, error) {
	cols := make([]column, len(h))
	seen := map[string]int{}
	hasTerms := false
	lastLang := "" // of the last term column, for a bare attribute word (Status)
	termList := termListHeader(h)
	for i, raw := range h {
		name := strings.ToLower(strings.TrimSpace(raw))
		if i == 0 {
			name = strings.TrimPrefix(name, "\uFEFF")
		}
		if name == "" {
			continue // an unnamed column must stay empty; checked per row
		}
		avoid := false
		if termList {
			switch l, rest, _ := strings.Cut(name, "_"); {
			case name == colConcept:
				name = colID
			case slices.Contains(termListIgnored, name):
				if j, dup := seen[name]; dup {
					return nil, fmt.Errorf("%s: %w: column %s repeats %s", where(i), ErrHeader, clip(raw), where(j))
				}
				seen[name] = i
				cols[i] = column{name: name, ignore: true}
				continue
			case rest == avoidAttr:
				name, avoid = l, true
			}
		}
		placed := attrWords[name] == "definition"
		name, err := headerWord(name, lastLang)
		if err != nil {
			return nil, fmt.Errorf("%s: %w: column %s %v", where(i), ErrHeader, clip(raw), err)
		}
		c := column{name: name, avoid: avoid, placed: placed, header: raw}
		switch name {
		case colID, colCollection, colSubject, colNote, colSource, colReliability, colCreated, colModified:
		default:
			if l, ok := strings.CutPrefix(name, defPrefix); ok {
				c.lang = l
			} else {
				c.lang, c.attr, _ = strings.Cut(name, "_")
				// A region written with an underscore, as Java locales
				// and some CAT tools write it (nl_NL, en_GB_status).
				if reg, rest, _ := strings.Cut(c.attr, "_"); isRegion(reg) {
					c.lang, c.attr = c.lang+"-"+reg, rest
				}
				if c.attr != "" && !slices.Contains(termAttrs, c.attr) {
					return nil, fmt.Errorf("%s: %w: unknown column %s (term attributes: %s)", where(i), ErrHeader, clip(raw), strings.Join(termAttrs, ", "))
				}
			}
			l, ok := baseLanguage(c.lang)
			if !ok && otherLanguage(c.lang) {
				c.skip = true
				cols[i] = c
				if j, dup := seen[name]; dup {
					return nil, fmt.Errorf("%s: %w: column %s repeats %s", where(i), ErrHeader, clip(raw), where(j))
				}
				seen[name] = i
				continue
			}
			if !ok {
				return nil, fmt.Errorf("%s: %w: unknown column %s: %s is not a known language code (known: %s), nor a language's name (%s), nor a column name (%s), nor a Dutch column name (%s, %s), nor one of %s after a language's column",
					where(i), ErrHeader, clip(raw), clip(c.lang), strings.Join(glossary.Languages, ", "), strings.Join(spreadsheet.LanguageNames(glossary.Languages), ", "),
					columnNames(), "opmerking", strings.Join(slices.Sorted(maps.Keys(conceptWords)), ", "), strings.Join(slices.Sorted(maps.Keys(attrWords)), ", "))
			}
			// A region (nl-NL, en-GB) is the variant of the column's
			// terms (glossary.Term.Variant); the column is the language's.
			if c.attr == "" && !strings.HasPrefix(name, defPrefix) {
				c.variant = glossary.VariantTag(c.lang, l)
			}
			c.lang = l
			if c.attr == "" && !strings.HasPrefix(name, defPrefix) && !avoid {
				hasTerms, lastLang = true, l
			}
			switch {
			case strings.HasPrefix(name, defPrefix):
				c.name = defPrefix + l
			case c.attr != "":
				c.name = l + "_" + c.attr
			case avoid:
				c.name = l + "_" + avoidAttr
			default:
				c.name = l
			}
		}
		if j, dup := seen[c.name]; dup {
			return nil, fmt.Errorf("%s: %w: column %s repeats %s", where(i), ErrHeader, clip(raw), where(j))
		}
		seen[c.name] = i
		cols[i] = c
	}
	for _, c := range cols {
		if c.attr != "" && !c.skip {
			if _, ok := seen[c.lang]; !ok {
				return nil, fmt.Errorf("%s: %w: column %q without a term column %q", where(seen[c.name]), ErrHeader, c.name, c.lang)
			}
		}
	}
	if !hasTerms {
		return nil, fmt.Errorf("%w: no term column in a language the glossary holds (%s) in the header %s", ErrHeader, strings.Join(glossary.Languages, ", "), clip(strings.Join(h, ",")))
	}
	return cols, nil
}

// placedDefinitions gives the definitions of a column named by a word
// without a language (placed: "Definitie" after "Engels") the language
// its texts are written in, when that is clearly the other one (by their
// function words, tm.Language) and the concepts have no definition in it
// yet, and warns (WarnDefinitionLanguage). A Dutch glossary's
// "Nederlands;Engels;Definitie" put its Dutch definitions under English,
// and every export labelled them so.
func placedDefinitions(cols []column, cs []glossary.Concept, left *glossary.Left) {
	for _, col := range cols {
		if !col.placed || col.skip {
			continue
		}
		var b strings.Builder
		for _, c := range cs {
			b.WriteString(c.Definition[col.lang])
			b.WriteByte('\n')
		}
		lang := tm.Language(b.String())
		if lang == "" || lang == col.lang || !slices.Contains(glossary.Languages, lang) {
			continue
		}
		moved := 0
		for i := range cs {
			d := cs[i].Definition[col.lang]
			if d == "" || cs[i].Definition[lang] != "" {
				continue
			}
			cs[i].Definition[lang] = d
			delete(cs[i].Definition, col.lang)
			moved++
		}
		if moved > 0 {
			left.Warnings = append(left.Warnings, glossary.Warning{Kind: glossary.WarnDefinitionLanguage, Where: "column " + clip(col.header),
				Message: fmt.Sprintf("column %s stands after the %s terms but its definitions are written in %s: %s read as definition_%s (name the column definition_%s to keep them %s)",
					clip(col.header), col.lang, lang, counted(moved, "definition"), lang, col.lang, col.lang)})
		}
	}
}

// concept builds a concept from one row. where names a cell for errors.
// Cells in languages the glossary does not hold are counted in left (at
// line, the row's line or row number); a row with terms only in those is
// left out whole (ok false).
func concept(cols []column, rec []string, where func(i int) string, left *glossary.Left, line int) (c glossary.Concept, ok bool, err error) {
	bad := func(i int, format string, args ...any) error {
		return fmt.Errorf("%s: %w: %s", where(i), ErrCell, fmt.Sprintf(format, args...))
	}
	vals := make([]string, len(cols))
	for i, raw := range rec {
		if !utf8.ValidString(raw) {
			return c, false, bad(i, "not valid UTF-8")
		}
		v := strings.TrimSpace(Restore(raw))
		if i < len(cols) && cols[i].ignore {
			continue
		}
		if i >= len(cols) || cols[i].name == "" {
			if v != "" {
				return c, false, bad(i, "value %s in a column without a name", clip(v))
			}
			continue
		}
		if errorValue(cols[i], v) {
			// A failed formula (#N/A of a VLOOKUP), refused as other bad
			// cells are: taken as a term, it was matched in texts.
			return c, false, bad(i, "%s", spreadsheet.Advice(v))
		}
		vals[i] = v
	}
	leftTerms := 0
	for i, col := range cols {
		if !col.skip || vals[i] == "" || col.attr != "" {
			continue
		}
		if strings.HasPrefix(col.name, defPrefix) {
			left.Leave(col.lang, line, 0, 1)
			continue
		}
		n := len(splitTerms(vals[i]))
		left.Leave(col.lang, line, n, 0)
		leftTerms += n
	}
	// Terms first: the attribute columns are aligned with them.
	idx := map[string][]int{}   // lang → indexes into c.Terms
	byLine := map[string]bool{} // lang → its term cell has a term per line
	for i, col := range cols {
		if col.lang == "" || col.skip || col.attr != "" || strings.HasPrefix(col.name, defPrefix) || vals[i] == "" {
			continue
		}
		if strings.Count(vals[i], "|")+strings.Count(vals[i], "\n")+strings.Count(vals[i], "\r") >= maxTerms {
			return c, false, bad(i, "more than %d terms in one cell", maxTerms)
		}
		if strings.ContainsAny(vals[i], "\r\n") {
			byLine[col.lang] = true
		}
		for k, text := range splitTerms(vals[i]) {
			text = strings.TrimSpace(text)
			if len(text) > glossary.MaxTermLen && utf8.RuneCountInString(text) > glossary.MaxTermLen {
				// As Concept.Validate would say, but naming the cell.
				return c, false, fmt.Errorf("%s: %w: term %d: %d characters, at most %d", where(i), glossary.ErrInvalid, k+1, utf8.RuneCountInString(text), glossary.MaxTermLen)
			}
			if col.avoid {
				c.Terms = append(c.Terms, glossary.Term{Lang: col.lang, Text: text, Status: glossary.Deprecated})
				continue
			}
			idx[col.lang] = append(idx[col.lang], len(c.Terms))
			c.Terms = append(c.Terms, glossary.Term{Lang: col.lang, Variant: col.variant, Text: text})
		}
	}
	if len(c.Terms) == 0 && leftTerms > 0 {
		left.LeaveEntry(line)
		return c, false, nil
	}
	for i, col := range cols {
		v := vals[i]
		if v == "" || col.name == "" || col.skip || col.avoid {
			continue
		}
		var err error
		switch {
		case col.name == colID:
			c.ID = v
		case col.name == colCollection:
			c.Collection = v
		case col.name == colSubject:
			c.Subject = v
		case col.name == colNote:
			c.Note = v
		case col.name == colSource:
			c.Source = v
		case col.name == colReliability:
			c.Reliability, err = reliability(v)
		case col.name == colCreated:
			c.Created, err = parseDate(v)
		case col.name == colModified:
			c.Modified, err = parseDate(v)
		case strings.HasPrefix(col.name, defPrefix):
			if c.Definition == nil {
				c.Definition = map[string]string{}
			}
			c.Definition[col.lang] = v
		case col.attr != "":
			parts := splitList(v)
			if byLine[col.lang] {
				// Terms on lines of their own: their attributes may be
				// so too (preferred⏎admitted).
				parts = splitTerms(v)
			}
			ts := idx[col.lang]
			if len(parts) != len(ts) {
				return c, false, bad(i, "%s for %s; separate one value per term with '|'", counted(len(parts), "value"), counted(len(ts), col.lang+" term"))
			}
			for k, p := range parts {
				if err = setTerm(&c.Terms[ts[k]], col.attr, strings.TrimSpace(p)); err != nil {
					break
				}
			}
		}
		if err != nil {
			return c, false, bad(i, "%v", err)
		}
	}
	if err := c.Validate(); err != nil {
		return c, false, fmt.Errorf("%s: %w", where(-1), err)
	}
	return c, true, nil
}

// errorValue reports whether the cell v of column col is, or in a term
// or term-attribute column has among its '|'-separated values, a
// spreadsheet error value (spreadsheet.IsErrorValue).
func errorValue(col column, v string) bool {
	if spreadsheet.IsErrorValue(v) {
		return true
	}
	if col.lang == "" || strings.HasPrefix(col.name, defPrefix) || !strings.ContainsAny(v, "|\r\n") || strings.Count(v, "|") >= maxTerms {
		return false // one value; or too many, which concept refuses
	}
	return slices.ContainsFunc(splitTerms(v), func(s string) bool { return spreadsheet.IsErrorValue(strings.TrimSpace(s)) })
}

// maxTerms bounds the terms of one language in one row, so that a cell
// of '|'-separated letters does not become a million terms before the
// concept is validated and charged to the budget.
const maxTerms = 1000

// clip quotes s for an error message, cut to its first 40 characters.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return strconv.Quote(s)
	}
	r := []rune(s[:min(len(s), 160)])
	return strconv.Quote(string(r[:min(len(r), 40)])) + fmt.Sprintf("… (%d bytes)", len(s))
}

func setTerm(t *glossary.Term, attr, v string) error {
	var err error
	switch attr {
	case "status":
		// As the Dutch pages name them (afgeraden), and in any case
		// (Deprecated): a spreadsheet kept by hand writes them so.
		t.Status = ""
		if v != "" {
			var ok bool
			if t.Status, ok = glossary.ParseStatus(v); !ok {
				err = fmt.Errorf("status %s is not one of %s", clip(v), glossary.StatusChoices())
			}
		}
	case "type":
		t.Type = ""
		if v != "" {
			if i := slices.IndexFunc(glossary.TermTypes, func(tt glossary.TermType) bool { return strings.EqualFold(string(tt), v) }); i >= 0 {
				t.Type = glossary.TermTypes[i]
			} else {
				err = fmt.Errorf("type %s is not one of %s", clip(v), orList(glossary.TermTypes))
			}
		}
	case "pos":
		t.POS = ""
		if v != "" {
			if i := slices.IndexFunc(glossary.PartsOfSpeech, func(p string) bool { return strings.EqualFold(p, v) }); i >= 0 {
				t.POS = glossary.PartsOfSpeech[i]
			} else {
				err = fmt.Errorf("part of speech %s is not one of %s", clip(v), orList(glossary.PartsOfSpeech))
			}
		}
	case "article":
		t.Article = v
		if v != "" && v != "de" && v != "het" {
			err = fmt.Errorf("article %s is neither de nor het", clip(v))
		}
	case "plural":
		t.Plural = v
	case "note":
		t.Note = v
	case "reliability":
		if v != "" {
			t.Reliability, err = reliability(v)
		}
	case "context":
		t.Context = v
	case "source":
		t.Source = v
	}
	return err
}

// orList writes values for a message: "a, b or c".
func orList[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// reliability reads a reliability code, 1 to 4: also as a spreadsheet
// tool writes a whole number it holds as a float (2.0, 2.00: pandas and
// openpyxl), which was refused.
func reliability(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		if whole, ok := strings.CutSuffix(strings.TrimRight(v, "0"), "."); ok && whole != "" && strings.Contains(v, ".") {
			n, err = strconv.Atoi(whole)
		}
	}
	if err != nil || n < 1 || n > 4 {
		return 0, fmt.Errorf("reliability %s is not 1–4", clip(v))
	}
	return n, nil
}

func parseDate(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("date %s is not RFC 3339 (2006-01-02T15:04:05Z) nor 2006-01-02", clip(v))
}

// counted writes n and the noun, which takes an s in the plural: "1
// value", "2 values", "1 en term".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
