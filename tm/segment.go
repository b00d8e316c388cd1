package tm

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// MaxText is the longest text a segment side may have, in bytes. A
// segment is a sentence or a short paragraph; anything longer is a
// document uploaded in the wrong place.
const MaxText = 64 << 10

// MaxID is the longest segment id, in bytes.
const MaxID = 256

// DefaultCollection is the collection of imported segments that name none.
const DefaultCollection = "import"

// Reserved property types: the fields of a segment that TMX has no
// attribute for are written as these props, and read back into the fields.
const (
	PropCollection    = "x-collection"
	PropSourceDoc     = "x-source-doc"
	PropSourceArticle = "x-source-article"
)

// Source says where a segment was taken from: a document and, for
// treaties and laws, the article.
type Source struct {
	Doc     string `json:"doc,omitempty"`
	Article string `json:"article,omitempty"`
}

// Prop is a property a CAT tool attached to a translation unit (Lang
// empty) or to one of its languages (Lang "nl" or "en"), as TMX's <prop
// type="…">. tolk keeps them so that an exported memory carries them back.
type Prop struct {
	Lang  string `json:"lang,omitempty"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Segment is one translation unit: a Dutch text and its English
// translation. ID is unique within a collection; two collections may both
// hold a segment "1" (CAT tools number their units from 1).
type Segment struct {
	ID         string    `json:"id"`
	NL         string    `json:"nl"`
	EN         string    `json:"en"`
	Collection string    `json:"collection"`
	Source     Source    `json:"source,omitzero"`
	Created    time.Time `json:"created,omitzero"`
	Creator    string    `json:"creator,omitempty"`
	Note       string    `json:"note,omitempty"`
	Props      []Prop    `json:"props,omitempty"`
	// NLLang and ENLang are the language tags the source gave its Dutch
	// and English sides when they name a variant (nl-BE, en-GB, en-US),
	// in BCP 47's canonical form; empty for plain nl and en. A TMX export
	// writes them back, so a British English memory stays British.
	NLLang string `json:"nl_lang,omitempty"`
	ENLang string `json:"en_lang,omitempty"`
	// ENSource says that the English side is the original and the Dutch
	// its translation (a TMX file's srclang en or en-US); false for a
	// Dutch source, the usual case. A TMX export writes it back as
	// srclang, so an English-source memory is not turned round.
	ENSource bool `json:"en_source,omitempty"`
}

// Batch is what a reader of an exchange format produced: the segments, how
// many units it skipped because they lack a Dutch or an English side, and
// how many repeat an earlier unit.
type Batch struct {
	Segments []Segment
	Skipped  int
	// SkippedUnits says where and why units were skipped: the first
	// MaxSkipNotes of them, where the reader can tell.
	SkippedUnits []Skip
	// Repeats counts the segments that repeat an earlier one of the
	// batch (Repeats with no collection given): an import stores them as
	// one segment, the last, so that two units of one text in a file are
	// stored once. They are in Segments, each of them.
	Repeats int
	// Warnings says what the reader did with units it did not take as
	// they were (a TMX unit with two Dutch texts made two segments): the
	// first MaxSkipNotes of them. Nothing was dropped for them.
	Warnings []Warning
}

// Warning is a unit of a file that the reader read in a way its user
// should know of: where it is and what was done with it.
type Warning struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Skip is a unit of a file that gave no segment.
type Skip struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// MaxSkipNotes bounds Batch.SkippedUnits: a file of other language pairs
// skips most of its units.
const MaxSkipNotes = 20

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("invalid segment")

// FieldError names the field of a segment that failed validation.
type FieldError struct {
	ID    string // may be empty for a segment without id
	Field string // e.g. "nl", "props[2].type"
	Msg   string
}

func (e *FieldError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("segment %s: %s: %s", e.ID, e.Field, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Field, e.Msg)
}

// Unwrap makes every FieldError match ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// Normalize brings a segment to the form tolk stores: runs of white space
// in the two texts become one space, and the texts, note, id, creator,
// collection, source and props lose surrounding white space. Readers call
// it, so that every format stores the same text and a round trip through
// any of them changes nothing.
func (s *Segment) Normalize() {
	s.NL = CollapseSpace(s.NL)
	s.EN = CollapseSpace(s.EN)
	s.ID = strings.TrimSpace(s.ID)
	s.Collection = strings.TrimSpace(s.Collection)
	s.Creator = strings.TrimSpace(s.Creator)
	s.Note = strings.TrimSpace(s.Note)
	s.Source.Doc = strings.TrimSpace(s.Source.Doc)
	s.Source.Article = strings.TrimSpace(s.Source.Article)
	if len(s.Props) == 0 {
		s.Props = nil
	}
	for i := range s.Props {
		p := &s.Props[i]
		p.Type, p.Value, p.Lang = strings.TrimSpace(p.Type), strings.TrimSpace(p.Value), strings.TrimSpace(p.Lang)
	}
	s.NLLang, s.ENLang = strings.TrimSpace(s.NLLang), strings.TrimSpace(s.ENLang)
	if !s.Created.IsZero() {
		// TMX dates have whole seconds; a finer time would not survive
		// an export.
		s.Created = s.Created.UTC().Truncate(time.Second)
	}
}

// CollapseSpace trims breaking white space from both ends of s and
// replaces each run of it inside with one space. Breaking white space is
// what line breaks, indentation and doubled spaces leave: ASCII white
// space (space, tab, CR, LF, FF, VT), NEL (U+0085) and the line and
// paragraph separators (U+2028, U+2029). Every other space stays as it
// is, wherever it is: a no-break space (U+00A0, U+202F, U+2007; U+2060 is
// no space at all) keeps € 5 mln and art. 3 together on a line, and a
// fixed-width space (the thin space U+2009, the em space U+2003, …) is
// typography a translator chose. Invalid UTF-8 is left for Validate.
func CollapseSpace(s string) string {
	if !needsCollapse(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	gap := false // breaking space since the last other character
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if breakingSpace(r) {
			gap = b.Len() > 0
		} else {
			if gap {
				b.WriteByte(' ')
				gap = false
			}
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// breakingSpace reports whether r is white space CollapseSpace collapses.
func breakingSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

func needsCollapse(s string) bool {
	prevSpace := true // a leading space needs trimming
	for _, r := range s {
		sp := breakingSpace(r)
		if sp && (prevSpace || r != ' ') {
			return true
		}
		prevSpace = sp
	}
	return prevSpace && s != ""
}

// Validate checks the rules every stored segment keeps: both texts
// non-empty and at most MaxText bytes, everything valid UTF-8 without
// characters XML cannot carry, a valid collection name (ValidCollection;
// empty is allowed and means DefaultCollection to an import), an id of at
// most MaxID bytes without control characters, props with a type, a known
// language and no reserved type. It reports the first problem found.
func (s *Segment) Validate() error {
	bad := func(field, format string, args ...any) error {
		return &FieldError{ID: s.ID, Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	if len(s.ID) > MaxID {
		return bad("id", "longer than %d bytes", MaxID)
	}
	if msg := checkText(s.ID); msg != "" || strings.ContainsAny(s.ID, "\t\n\r") {
		return bad("id", "%s", cmpMsg(msg, "contains a control character"))
	}
	for _, f := range []struct{ name, v string }{{"nl", s.NL}, {"en", s.EN}} {
		switch {
		case strings.TrimSpace(f.v) == "":
			return bad(f.name, "empty")
		case len(f.v) > MaxText:
			return bad(f.name, "%d bytes, more than the %d a segment may have", len(f.v), MaxText)
		}
		if msg := checkText(f.v); msg != "" {
			return bad(f.name, "%s", msg)
		}
	}
	for _, f := range []struct{ name, lang, tag string }{{"nl_lang", "nl", s.NLLang}, {"en_lang", "en", s.ENLang}} {
		if f.tag != "" && Variant(f.tag, f.lang) != f.tag {
			return bad(f.name, "%q is not a variant of %s in BCP 47's canonical form (such as %s)", f.tag, f.lang, map[string]string{"nl": "nl-BE", "en": "en-GB"}[f.lang])
		}
	}
	if s.Collection != "" && !ValidCollection(s.Collection) {
		return bad("collection", "%q: use 1–64 letters, digits, '-', '_' or '.'", s.Collection)
	}
	for _, f := range []struct{ name, v string }{
		{"note", s.Note}, {"creator", s.Creator}, {"source.doc", s.Source.Doc}, {"source.article", s.Source.Article},
	} {
		if len(f.v) > MaxText {
			return bad(f.name, "longer than %d bytes", MaxText)
		}
		if msg := checkText(f.v); msg != "" {
			return bad(f.name, "%s", msg)
		}
	}
	for i, p := range s.Props {
		f := fmt.Sprintf("props[%d]", i)
		switch {
		case strings.TrimSpace(p.Type) == "":
			return bad(f+".type", "empty")
		case p.Type == PropCollection || p.Type == PropSourceDoc || p.Type == PropSourceArticle:
			return bad(f+".type", "%q is reserved for the segment's own fields", p.Type)
		case p.Lang != "" && p.Lang != "nl" && p.Lang != "en":
			return bad(f+".lang", "%q is neither nl nor en", p.Lang)
		case len(p.Type)+len(p.Value) > MaxText:
			return bad(f, "longer than %d bytes", MaxText)
		}
		if msg := checkText(p.Type + p.Value); msg != "" {
			return bad(f, "%s", msg)
		}
	}
	return nil
}

func cmpMsg(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkText returns what is wrong with s as XML character data, or "".
func checkText(s string) string {
	if !utf8.ValidString(s) {
		return "not valid UTF-8"
	}
	for _, r := range s {
		if !xmlChar(r) {
			return fmt.Sprintf("character U+%04X cannot be exchanged (XML 1.0 forbids it)", r)
		}
	}
	return ""
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// ValidCollection reports whether name is a collection name: 1–64 ASCII
// letters, digits, '-', '_' or '.', so that it fits in a URL query and a
// file name unescaped.
func ValidCollection(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// Key is the segment's key in a store or index: collection and id, which
// together are unique.
func (s *Segment) Key() string { return s.Collection + "\x00" + s.ID }

// ContentID is the id an import gives a segment that has none: a hash of
// its collection, texts and source. Importing the same file twice thus
// replaces its segments instead of adding them again, and a segment
// repeated in one file is stored once (Repeats counts such repeats).
func ContentID(s Segment) string {
	h := sha256.New()
	for _, v := range []string{s.Collection, s.NL, s.EN, s.Source.Doc, s.Source.Article} {
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return "h" + hex.EncodeToString(h.Sum(nil)[:8])
}

// Variant returns the canonical BCP 47 form of the language tag code
// (en_gb, EN-GB → en-GB) when it names a variant of lang (nl or en): a
// region, script or other subtag beyond the language itself. It returns ""
// for plain nl or en (nl-NL is canonical as written, not as nl), for
// another language, and for what is no tag.
func Variant(code, lang string) string {
	t, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(code), "_", "-"))
	if err != nil {
		return ""
	}
	if base, _ := t.Base(); base.String() != lang {
		return ""
	}
	if v := t.String(); v != lang {
		return v
	}
	return ""
}

// Lang maps a language code as CAT tools write it to "nl" or "en", or ""
// for any other language: case and region do not matter ("NL-NL", "nl-BE",
// "EN-GB", "en_US"), and the three-letter codes (nld, dut, eng) are known.
func Lang(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	if i := strings.IndexAny(code, "-_"); i >= 0 {
		code = code[:i]
	}
	switch code {
	case "nl", "nld", "dut":
		return "nl"
	case "en", "eng":
		return "en"
	}
	return ""
}
