package glossary

import (
	"fmt"
	"strings"
)

// Left is what an import left out of a file, or did not import as it
// stands (rows repeated or merged): the terms and definitions in
// languages the glossary does not hold (an IATE export carries two dozen;
// a spreadsheet may have a pt-BR column), and the entries or rows that had
// terms only in those.
type Left struct {
	Languages []LeftLanguage `json:"languages,omitempty"`  // in order of first appearance
	Entries   int            `json:"entries,omitempty"`    // entries with no term in a language the glossary holds
	EntryLine int            `json:"entry_line,omitempty"` // the first of those entries
	// Duplicates counts the concepts of the file without an id that
	// repeat an earlier one word for word (the same row twice in a
	// spreadsheet): each is imported once.
	Duplicates int `json:"duplicates,omitempty"`
	// Merged counts the rows of a CSV or XLSX file without an id column
	// that were added to the concept of an earlier row with the same
	// Dutch term (a term list with a row per pair), not imported as
	// concepts of their own.
	Merged int `json:"merged,omitempty"`
	// Encoding names the character encoding a text file was read in when
	// it was not UTF-8 (windows-1252: a CSV saved by Excel in a Western
	// locale), so that a user can check the accented letters.
	Encoding string `json:"encoding,omitempty"`
	// Columns names the columns of the file that were read as nothing:
	// those of a document's term list that describe the document, not
	// the concept (count, first_context).
	Columns []string `json:"columns,omitempty"`
	// Sheets names the sheets of a workbook of several that were read,
	// in order; SkippedSheets those left out for want of a glossary
	// header row (notes, a list of sources), each with why.
	Sheets        []string    `json:"sheets,omitempty"`
	SkippedSheets []LeftSheet `json:"skipped_sheets,omitempty"`

	// Warnings are what the import took in but a user should look at (a
	// term split at its commas, a row without an English term). The API
	// answers them beside left_out, not in it: nothing was left out.
	Warnings []Warning `json:"-"`
	// Places names, for each concept the reader returned, where in the
	// file it starts ("line 12", "sheet Termen, row 4"), so that a later
	// warning can name the row; "" where the format does not tell.
	Places []string `json:"-"`
}

// Warning is something an import did with a file, or found in it, that
// the user should check; the import went ahead.
type Warning struct {
	Kind  string `json:"kind"`            // one of the Warn… kinds
	Where string `json:"where,omitempty"` // the row or entry: "line 2", "sheet Termen, row 4"
	// Concept is the stored concept the warning is about, if any.
	Concept string `json:"concept,omitempty"`
	Message string `json:"message"`
}

// Kinds of Warning.
const (
	// WarnOneLanguage: a concept with a Dutch term and no English one,
	// or the other way round (an empty cell).
	WarnOneLanguage = "one_language"
	// WarnCommaTerm: a term holding a comma and a space, as Weblate
	// writes alternatives in one term ("info, informatie"): split into
	// terms of their own, or kept as one (a name in inverted form).
	WarnCommaTerm = "comma_term"
	// WarnExistingTerm: a new concept with the Dutch term of a concept
	// the collection already holds (a corrected file imported again
	// without replace).
	WarnExistingTerm = "existing_term"
	// WarnEditedHere: a concept the import updated (merged into) that
	// was edited here after it was last imported: the file's values
	// replaced some of those edits.
	WarnEditedHere = "edited_here"
	// WarnRestored: a concept deleted here that the import brings back
	// (the file does not say when its version was modified, or
	// overwrite was asked for).
	WarnRestored = "restored"
	// WarnTermClash: a term of the import that a concept of another
	// collection has too, with other equivalents; /check and /annotate
	// take the term for one of the two (the same warning as a PUT's).
	WarnTermClash = "term_clash"
	// WarnDefinitionLanguage: a definition column named without a
	// language (Definitie) after one language's terms whose texts are
	// in the other language, read as that language's definitions.
	WarnDefinitionLanguage = "definition_language"
)

// Place is where concept i of an import starts (Places), or "".
func (l *Left) Place(i int) string {
	if i < len(l.Places) {
		return l.Places[i]
	}
	return ""
}

// LeftSheet is a sheet an XLSX import left out, and why.
type LeftSheet struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// LeftLanguage counts what was left out in one language, as the file
// writes its code.
type LeftLanguage struct {
	Lang        string `json:"lang"`
	Terms       int    `json:"terms"`
	Definitions int    `json:"definitions,omitempty"`
	Line        int    `json:"line"` // first occurrence: the line of a TBX or CSV file, the row of a sheet
}

// Empty reports whether nothing was left out.
func (l Left) Empty() bool {
	return len(l.Languages) == 0 && l.Entries == 0 && l.Duplicates == 0 && l.Merged == 0 && l.Encoding == "" && len(l.Columns) == 0 && len(l.Sheets) == 0 && len(l.SkippedSheets) == 0
}

// Leave counts terms and definitions in language code left out at line.
func (l *Left) Leave(code string, line, terms, defs int) {
	i := 0
	for i < len(l.Languages) && l.Languages[i].Lang != code {
		i++
	}
	if i == len(l.Languages) {
		l.Languages = append(l.Languages, LeftLanguage{Lang: code, Line: line})
	}
	l.Languages[i].Terms += terms
	l.Languages[i].Definitions += defs
}

// LeaveEntry counts an entry left out at line: it had terms only in
// languages left out.
func (l *Left) LeaveEntry(line int) {
	if l.Entries == 0 {
		l.EntryLine = line
	}
	l.Entries++
}

// String says what was left out in one line, for a command's output.
func (l Left) String() string {
	var parts []string
	for _, g := range l.Languages {
		s := fmt.Sprintf("%s in %q (from line %d)", plural(g.Terms, "term"), g.Lang, g.Line)
		if g.Definitions > 0 {
			s += " and " + plural(g.Definitions, "definition")
		}
		parts = append(parts, s)
	}
	if l.Entries > 0 {
		parts = append(parts, fmt.Sprintf("%s with no term in %s (the first at line %d)", plural(l.Entries, "entry"), strings.Join(Languages, ", "), l.EntryLine))
	}
	if l.Duplicates > 0 {
		parts = append(parts, fmt.Sprintf("%s repeating an earlier one word for word (imported once)", plural(l.Duplicates, "concept")))
	}
	if l.Encoding != "" {
		parts = append(parts, fmt.Sprintf("no character: the file is not UTF-8 and was read as %s (check its accented letters)", l.Encoding))
	}
	if l.Merged > 0 {
		parts = append(parts, fmt.Sprintf("%s merged into the concept of an earlier row with the same Dutch term (the file has no id column)", plural(l.Merged, "row")))
	}
	for _, sh := range l.SkippedSheets {
		parts = append(parts, fmt.Sprintf("sheet %q (%s)", sh.Name, sh.Reason))
	}
	if len(l.Columns) > 0 {
		parts = append(parts, fmt.Sprintf("the document term list's columns %s (they describe the document, not the concept)", strings.Join(l.Columns, ", ")))
	}
	return strings.Join(parts, "; ")
}

// plural writes n and the noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
