package glossary

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Status is a term's usage status, TBX administrativeStatus.
type Status string

// The usage statuses a term may have.
const (
	Preferred  Status = "preferred"
	Admitted   Status = "admitted"
	Deprecated Status = "deprecated"
	Superseded Status = "superseded"
)

// Statuses lists the valid statuses in order of preference.
var Statuses = []Status{Preferred, Admitted, Deprecated, Superseded}

// statusLabels are the Dutch interface's names of the statuses
// (web/labels.json), which a spreadsheet made from its pages carries.
var statusLabels = map[string]Status{
	"voorkeursterm": Preferred, "voorkeur": Preferred,
	"toegestaan": Admitted,
	"afgeraden":  Deprecated,
	"verouderd":  Superseded,
}

// ParseStatus reads a status as a person writes it in a file: one of
// Statuses or its Dutch label (voorkeursterm, toegestaan, afgeraden,
// verouderd), in any case (Deprecated, AFGERADEN). False for anything
// else; "" is no status and gives "", false.
func ParseStatus(s string) (Status, bool) {
	v := strings.ToLower(strings.TrimSpace(s))
	if st := Status(v); oneOf(st, Statuses) {
		return st, true
	}
	st, ok := statusLabels[v]
	return st, ok
}

// StatusChoices says, for an error message, which values ParseStatus
// accepts.
func StatusChoices() string {
	return "preferred, admitted, deprecated or superseded (in Dutch: voorkeursterm, toegestaan, afgeraden or verouderd)"
}

// Rank orders statuses for display: preferred, admitted, unmarked,
// deprecated, superseded (and anything else last).
func (s Status) Rank() int {
	switch s {
	case Preferred:
		return 0
	case Admitted:
		return 1
	case "":
		return 2
	case Deprecated:
		return 3
	}
	return 4
}

// TermType is a term's type, TBX termType.
type TermType string

// The term types.
const (
	FullForm     TermType = "fullForm"
	Acronym      TermType = "acronym"
	Abbreviation TermType = "abbreviation"
	ShortForm    TermType = "shortForm"
	Variant      TermType = "variant"
	Phrase       TermType = "phrase"
)

// TermTypes lists the valid term types.
var TermTypes = []TermType{FullForm, Acronym, Abbreviation, ShortForm, Variant, Phrase}

// PartsOfSpeech lists the valid parts of speech (the TBX-Basic picklist).
var PartsOfSpeech = []string{"noun", "verb", "adjective", "adverb", "properNoun", "other"}

// Languages lists the language codes a term may carry today. The model
// keys everything by code, so adding one here is all another language needs.
var Languages = []string{"nl", "en", "fr", "de"}

// CollectionCurated is the collection of the glossary tolk ships.
const CollectionCurated = "curated"

// CollectionUser is the collection of concepts made by hand (the API, the
// pages) when no other is given.
const CollectionUser = "user"

// Term is one designation of a concept in one language.
type Term struct {
	Lang string `json:"lang"`
	// Variant is the regional variant the term is of, as a BCP 47 tag
	// whose language is Lang (en-GB, en-US, nl-BE), when the source named
	// one; empty for the language as a whole. TBX keeps it (a langSec of
	// its own), so that a US term is not exported as plain English.
	Variant     string   `json:"variant,omitempty"`
	Text        string   `json:"text"`
	Status      Status   `json:"status,omitempty"`
	Type        TermType `json:"type,omitempty"`
	POS         string   `json:"pos,omitempty"`
	Article     string   `json:"article,omitempty"` // de or het, Dutch nouns only
	Plural      string   `json:"plural,omitempty"`
	Note        string   `json:"note,omitempty"`
	Reliability int      `json:"reliability,omitempty"` // 1–4 as IATE; 0 = concept's
	Context     string   `json:"context,omitempty"`     // a sentence that uses the term
	Source      string   `json:"source,omitempty"`      // where Context comes from
}

// Concept is a termbase entry: one meaning, its terms in every language.
type Concept struct {
	ID          string            `json:"id"`
	Collection  string            `json:"collection"`
	Subject     string            `json:"subject,omitempty"`
	Definition  map[string]string `json:"definition,omitempty"` // by language code
	Note        string            `json:"note,omitempty"`
	Source      string            `json:"source,omitempty"`
	Reliability int               `json:"reliability,omitempty"` // 1–4 as IATE
	Created     time.Time         `json:"created,omitzero"`
	Modified    time.Time         `json:"modified,omitzero"`
	// CreatedBy and ModifiedBy name who created the concept and who made
	// its last change (TBX's transacNote of type responsibility), when
	// known: the store sets them from the editor's token name, an import
	// keeps a file's. Like the times they are no content: changing them
	// alone is no change of the concept.
	CreatedBy  string `json:"created_by,omitempty"`
	ModifiedBy string `json:"modified_by,omitempty"`
	Terms      []Term `json:"terms"`
}

// TermsIn returns the concept's terms in lang, in stored order.
func (c *Concept) TermsIn(lang string) []Term {
	var ts []Term
	for _, t := range c.Terms {
		if t.Lang == lang {
			ts = append(ts, t)
		}
	}
	return ts
}

// Head returns the term the concept is listed and sorted under: its first
// preferred Dutch term, else its first admitted or unmarked Dutch one, else
// its first Dutch term, else its first term; false when it has none.
// (Kamerbrief, preferred, heads the concept whose first term is brief.)
func (c *Concept) Head() (Term, bool) {
	if nl := c.Preferred("nl"); len(nl) > 0 {
		return nl[0], true
	}
	if len(c.Terms) > 0 {
		return c.Terms[0], true
	}
	return Term{}, false
}

// Preferred returns the concept's terms in lang that a writer should use:
// the preferred ones, else the admitted or unmarked ones, else all.
func (c *Concept) Preferred(lang string) []Term {
	ts := c.TermsIn(lang)
	for _, ok := range []func(Status) bool{
		func(s Status) bool { return s == Preferred },
		func(s Status) bool { return s == Admitted || s == "" },
	} {
		var out []Term
		for _, t := range ts {
			if ok(t.Status) {
				out = append(out, t)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return ts
}

// HasStatus reports whether one of the concept's terms has status s: the
// rule every status filter (lookup, export, the glossary page) applies.
func (c *Concept) HasStatus(s Status) bool {
	for _, t := range c.Terms {
		if t.Status == s {
			return true
		}
	}
	return false
}

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("invalid concept")

// FieldError names the field of a concept that failed validation.
type FieldError struct {
	Concept string // concept id, may be empty for a new concept
	Field   string // e.g. "terms[2].status"
	Msg     string // in English
	// Code names the rule broken (ProblemTooLong, …), "" for one without
	// a code; Args are the values Msg names, in the order Msg names them,
	// so that an interface can word the problem in its own language.
	Code string
	Args []any
}

// Codes of FieldError: which rule a concept broke. Args lists what each
// one's message names, in order.
const (
	ProblemBadID         = "bad_id"         // id
	ProblemReservedID    = "reserved_id"    // id
	ProblemBadCollection = "bad_collection" // name
	ProblemRange         = "out_of_range"   // value (1–4)
	ProblemTooLong       = "too_long"       // characters, limit
	ProblemInvalidUTF8   = "invalid_utf8"   // —
	ProblemControl       = "control_char"   // character (U+…), byte offset
	ProblemLineBreak     = "line_break"     // byte offset
	ProblemTab           = "tab"            // byte offset
	ProblemInvisible     = "invisible_char" // character (U+…), byte offset
	ProblemUnknownLang   = "unknown_lang"   // code, known codes
	ProblemNoTerms       = "no_terms"       // —
	ProblemEmptyTerm     = "empty_term"     // —
	ProblemNotOneOf      = "not_one_of"     // value, allowed values
	ProblemArticle       = "bad_article"    // value
	ProblemVariant       = "bad_variant"    // value, language
	ProblemArticleNotNL  = "article_not_nl" // —
	ProblemDuplicate     = "duplicate_term" // term number (1-based), term
)

// problem is a rule broken by a text: its code, its English message and
// the message's values.
type problem struct {
	code, format string
	args         []any
}

func (e *FieldError) Error() string {
	if e.Concept != "" {
		return fmt.Sprintf("concept %s: %s: %s", e.Concept, e.Field, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Field, e.Msg)
}

// Unwrap makes every FieldError match ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// NormalizeTerms gives each term's text and plural the spacing a term has
// whichever way it came in: no white space at either end and one space
// between words, so that " coup" from a spreadsheet cell and "coup" typed
// in a form are one term in an export. A no-break space inside a term
// (artikel\u00a03) is kept: a translator put it there. A status written
// as ParseStatus reads it (Deprecated, afgeraden) becomes the status, as
// a CSV or XLSX import reads it; one it cannot read is left for Validate
// to refuse.
func (c *Concept) NormalizeTerms() {
	for i := range c.Terms {
		t := &c.Terms[i]
		t.Text, t.Plural = squeezeSpaces(t.Text), squeezeSpaces(t.Plural)
		if st, ok := ParseStatus(string(t.Status)); ok {
			t.Status = st
		}
	}
}

// squeezeSpaces trims white space from both ends of s and turns each run
// of spaces inside it into one space; no-break spaces inside stay.
func squeezeSpaces(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i > 0 && s[i-1] == ' ' {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Validate checks the concept against the picklists and the rules every
// entry must keep: at least one term, known languages, no empty or
// duplicate terms, text fields of valid UTF-8 without control characters
// and within MaxTermLen (terms, plurals, collection, subject) or
// MaxTextLen (definitions, notes, contexts, sources) characters. It
// reports the first problem found. Every write path (the API, every
// import format, the store) calls it.
func (c *Concept) Validate() error {
	bad := func(field, code, format string, args ...any) error {
		return &FieldError{Concept: c.ID, Field: field, Msg: fmt.Sprintf(format, args...), Code: code, Args: args}
	}
	badText := func(field string, pr *problem) error { return bad(field, pr.code, pr.format, pr.args...) }
	if c.ID != "" && !validID(c.ID) {
		return bad("id", ProblemBadID, "%q: use letters, digits, '-', '_' or '.', at most 128", c.ID)
	}
	if c.Collection != "" && !ValidCollection(c.Collection) {
		return bad("collection", ProblemBadCollection, "%q: a collection's name has no '/', '\\' or control characters, is not '.' or '..' and has no space at either end", c.Collection)
	}
	if ReservedID(c.ID) {
		return bad("id", ProblemReservedID, "%q is reserved: the API's /glossary/%s is something else; choose another id", c.ID, c.ID)
	}
	if c.Reliability < 0 || c.Reliability > 4 {
		return bad("reliability", ProblemRange, "%d is outside 1–4", c.Reliability)
	}
	type field struct {
		name, text string
		max        int
	}
	for _, f := range []field{{"collection", c.Collection, MaxTermLen}, {"subject", c.Subject, MaxTermLen}, {"note", c.Note, MaxTextLen}, {"source", c.Source, MaxTextLen}} {
		if pr := checkText(f.text, f.max); pr != nil {
			return badText(f.name, pr)
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(c.Definition)) {
		if pr := checkText(c.Definition[lang], MaxTextLen); pr != nil {
			return badText("definition."+lang, pr)
		}
	}
	for i, t := range c.Terms {
		for _, f := range []field{{"text", t.Text, MaxTermLen}, {"plural", t.Plural, MaxTermLen}, {"note", t.Note, MaxTextLen}, {"context", t.Context, MaxTextLen}, {"source", t.Source, MaxTextLen}} {
			if pr := checkText(f.text, f.max); pr != nil {
				return badText(fmt.Sprintf("terms[%d].%s", i, f.name), pr)
			}
		}
		for _, f := range []field{{"text", t.Text, 0}, {"plural", t.Plural, 0}} {
			if pr := checkOneLine(f.text); pr != nil {
				return badText(fmt.Sprintf("terms[%d].%s", i, f.name), pr)
			}
			if pr := checkInvisible(f.text); pr != nil {
				return badText(fmt.Sprintf("terms[%d].%s", i, f.name), pr)
			}
		}
	}
	for lang, d := range c.Definition {
		if !knownLang(lang) {
			return bad("definition."+lang, ProblemUnknownLang, "unknown language code %q (known: %s)", lang, strings.Join(Languages, ", "))
		}
		if !utf8.ValidString(d) {
			return bad("definition."+lang, ProblemInvalidUTF8, "not valid UTF-8")
		}
	}
	if len(c.Terms) == 0 {
		return bad("terms", ProblemNoTerms, "a concept needs at least one term")
	}
	seen := map[string]int{}
	for i, t := range c.Terms {
		f := fmt.Sprintf("terms[%d]", i)
		switch {
		case !knownLang(t.Lang):
			return bad(f+".lang", ProblemUnknownLang, "unknown language code %q (known: %s)", t.Lang, strings.Join(Languages, ", "))
		case strings.TrimSpace(t.Text) == "":
			return bad(f+".text", ProblemEmptyTerm, "empty term")
		case !utf8.ValidString(t.Text) || !utf8.ValidString(t.Context) || !utf8.ValidString(t.Note):
			return bad(f, ProblemInvalidUTF8, "not valid UTF-8")
		case t.Status != "" && !oneOf(t.Status, Statuses):
			return bad(f+".status", ProblemNotOneOf, "%q is not one of %s", t.Status, StatusChoices())
		case t.Type != "" && !oneOf(t.Type, TermTypes):
			return bad(f+".type", ProblemNotOneOf, "%q is not one of %s", t.Type, list(TermTypes))
		case t.POS != "" && !oneOf(t.POS, PartsOfSpeech):
			return bad(f+".pos", ProblemNotOneOf, "%q is not one of %s", t.POS, strings.Join(PartsOfSpeech, ", "))
		case t.Article != "" && t.Article != "de" && t.Article != "het":
			return bad(f+".article", ProblemArticle, "%q is neither de nor het", t.Article)
		case t.Variant != "" && !variantOf(t.Variant, t.Lang):
			return bad(f+".variant", ProblemVariant, "%q is no regional variant of %s (such as %s-GB, %s-BE)", t.Variant, t.Lang, t.Lang, t.Lang)
		case t.Article != "" && t.Lang != "nl":
			return bad(f+".article", ProblemArticleNotNL, "only Dutch terms take an article")
		case t.Reliability < 0 || t.Reliability > 4:
			return bad(f+".reliability", ProblemRange, "%d is outside 1–4", t.Reliability)
		}
		key := t.Lang + "\x00" + strings.ToLower(strings.TrimSpace(t.Text))
		if j, dup := seen[key]; dup {
			return bad(f+".text", ProblemDuplicate, "duplicate of terms[%d] %q", j, t.Text)
		}
		seen[key] = i
	}
	return nil
}

// variantOf reports whether v is a canonical BCP 47 tag of language lang
// with a region or script (en-GB, nl-BE): what VariantTag gives.
func variantOf(v, lang string) bool {
	return VariantTag(v, lang) == v && v != ""
}

// VariantTag returns the canonical tag of code when it is lang with a
// region or script (en-gb, EN_US → en-GB, en-US), else "".
func VariantTag(code, lang string) string {
	tag, err := language.Parse(strings.ReplaceAll(code, "_", "-"))
	if err != nil {
		return ""
	}
	base, _ := tag.Base()
	if base.String() != lang || tag.String() == lang {
		return ""
	}
	return tag.String()
}

func knownLang(l string) bool {
	for _, k := range Languages {
		if k == l {
			return true
		}
	}
	return false
}

func oneOf[T comparable](v T, vs []T) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

func list[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// ValidCollection reports whether name can name a collection: one that
// the API can address (/api/v1/glossary/collections/{name}) and a file can
// carry: no slash or backslash, no control character, not "." or "..",
// no space at either end. Its length is bounded with the other names
// (Validate).
func ValidCollection(name string) bool {
	if name == "" || name == "." || name == ".." || strings.TrimSpace(name) != name || strings.ContainsAny(name, "/\\") {
		return false
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// ReservedID reports whether id cannot name a concept: a path step (".",
// "..") or a name the API gives other things under /api/v1/glossary/
// (suggest, export, import, collections), whose concept could not be read
// back by its address.
func ReservedID(id string) bool {
	switch id {
	case ".", "..", "suggest", "export", "import", "collections":
		return true
	}
	return false
}

func validID(id string) bool {
	if len(id) > 128 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// Length limits of a concept's text fields, in characters (runes).
//
// A term is a word or a phrase: the curated glossary's longest is 84
// characters, FreeDict's longest translation 51, the Weblate glossary's 26,
// and IATE's longest entries run to a few hundred. MaxTermLen leaves room
// for those and refuses what is no term: a pasted paragraph, or a cell of
// hundreds of kilobytes, whose every word the lookup and the term matcher
// would otherwise key and index at each start. Collection and subject are
// names and get the same bound.
//
// Definitions, notes, contexts and sources are prose: the curated
// glossary's longest is 354 characters. MaxTextLen admits a long
// definition with its citation and still bounds what one concept costs to
// store, export and show.
const (
	MaxTermLen = 500
	MaxTextLen = 10000
)

// checkOneLine says what is wrong with a term's text that holds a line
// break or a tab: a term is one line, and such a term never matched a
// text. Synonyms typed on lines of their own (a spreadsheet cell with
// Alt+Enter) are terms of their own; the table readers split them so.
func checkOneLine(s string) *problem {
	for i, r := range s {
		switch r {
		case '\n', '\r', '\u2028', '\u2029':
			return &problem{ProblemLineBreak, "holds a line break at byte %d: a term is one line; give each synonym as a term of its own", []any{i}}
		case '\t':
			return &problem{ProblemTab, "holds a tab at byte %d: a term is one line of words separated by spaces", []any{i}}
		}
	}
	return nil
}

// checkInvisible says what is wrong with a term's text that holds an
// invisible formatting character: a bidirectional control (U+202A–U+202E,
// U+2066–U+2069, U+200E, U+200F), which shows the term otherwise than its
// characters run, or a zero-width space or no-break (U+200B, U+2060,
// U+FEFF), which makes it match no text while it looks like one that
// does. A term of the glossary's languages needs none; they were stored.
func checkInvisible(s string) *problem {
	for i, r := range s {
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F ||
			r == 0x200B || r == 0x2060 || r == 0xFEFF {
			return &problem{ProblemInvisible, "invisible formatting character %U at byte %d: a term is plain text", []any{r, i}}
		}
	}
	return nil
}

// checkText says what is wrong with a text field, or "" when nothing is:
// it must be at most max characters of valid UTF-8 without control
// characters other than tab, line feed and carriage return, nor U+FFFE or
// U+FFFF, so that every export format (TBX is XML 1.0) can write it.
func checkText(s string, max int) *problem {
	// Bytes first: a field within the limit in bytes is within it in
	// runes, so the common case does not count.
	if len(s) > max {
		if n := utf8.RuneCountInString(s); n > max {
			return &problem{ProblemTooLong, "%d characters, at most %d", []any{n, max}}
		}
	}
	if !utf8.ValidString(s) {
		return &problem{ProblemInvalidUTF8, "not valid UTF-8", nil}
	}
	for i, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || r == 0xFFFE || r == 0xFFFF {
			return &problem{ProblemControl, "control character %U at byte %d", []any{r, i}}
		}
	}
	return nil
}
