package tbx

import (
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/tm/xmlenc"
)

// Errors Read wraps, to tell kinds of bad input apart.
var (
	// ErrDTD: the document declares entities or an internal DTD subset.
	ErrDTD = errors.New("DOCTYPE with an internal subset or entity declarations refused")
	// ErrNotTBX: the root element is neither tbx (v3) nor martif (v2).
	ErrNotTBX = errors.New("not a TBX document")
	// ErrLanguage: the document uses an xml:lang value that is no
	// language tag.
	ErrLanguage = errors.New("invalid language codes")
)

// Error locates a problem in a TBX document.
type Error struct {
	Line    int    // 1-based line; 0 if unknown
	Element string // local name of the element, may be empty
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("tbx: ")
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Element != "" {
		fmt.Fprintf(&b, "<%s>: ", e.Element)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// tbxNS is the namespace of TBX v3 (ISO 30042:2019) elements.
const tbxNS = "urn:iso:std:iso:30042:ed-2"

// entryElements are the elements TBX (v2 martif and v3, core and inline)
// builds an entry of.
var entryElements = map[string]bool{}

// entryElementList names them for an error message.
var entryElementList string

func init() {
	names := []string{"conceptEntry", "termEntry", "langSec", "langSet", "termSec", "tig", "ntig", "termGrp", "term",
		"termNote", "termNoteGrp", "descrip", "descripGrp", "descripNote", "admin", "adminGrp", "adminNote",
		"transac", "transacGrp", "transacNote", "date", "note", "ref", "xref",
		"termCompList", "termComp", "termCompGrp", "termCompSec", "hi", "foreign", "ph", "bpt", "ept", "it", "sc", "ec"}
	for _, n := range names {
		entryElements[n] = true
	}
	entryElementList = strings.Join(names[:20], ", ") + ", …"
}

// node is an element of one entry, kept only until the entry is converted.
type node struct {
	name  string
	attrs []xml.Attr
	line  int
	kids  []*node
	inner strings.Builder // all character data inside, descendants included
}

func (n *node) attr(local string) string {
	for _, a := range n.attrs {
		if a.Name.Local == local && (local != "lang" || a.Name.Space == xmlNS || a.Name.Space == "xml") {
			return a.Value
		}
	}
	return ""
}

// text is the element's character data without surrounding white space.
func (n *node) text() string { return strings.TrimSpace(n.inner.String()) }

const xmlNS = "http://www.w3.org/XML/1998/namespace"

// Left is what Read left out of a document: the sections in languages
// the glossary does not hold (an IATE export carries two dozen), and the
// entries that had terms only in those.
type Left = glossary.Left

// LeftLanguage counts what Read left out in one language.
type LeftLanguage = glossary.LeftLanguage

type reader struct {
	dec      *xml.Decoder
	rootLang string
	ids      map[string]bool
	invalid  map[string]int // xml:lang value that is no tag → first line
	langs    map[string]string
	left     Left
	unknown  bool // the current entry has terms in a language the glossary does not hold
	// termDefs are the definitions the current entry's terms hold, given
	// to the concept when the entry is read (termDefinitions).
	termDefs []termDef
	out      []glossary.Concept
	// martif: the document is TBX v2, as Weblate and Translate Toolkit
	// write it, whose terms may list alternatives (alternatives).
	martif bool
	commas int // comma terms beyond maxCommaWarnings
}

// termDef is a definition written inside a term (<tig>, <termSec>), as
// MultiTerm writes it: its text, the items of its descripGrp, the term's
// language and the term's index in the concept (-1: an empty term, not
// imported).
type termDef struct {
	text string
	qual []*node
	lang string
	term int
}

// Read parses a TBX v3 or v2 document. It returns every entry as a
// validated concept, or nil and an error that names the line and element
// (an *Error). Sections in languages the glossary does not hold
// (glossary.Languages) are left out and counted in Left; so are entries
// that have terms in those languages only. xml:lang values that are no
// language tag are all reported together (ErrLanguage). Entry ids come from the file: an id that is not a valid
// concept id is made one (runs of other characters become '-'), a
// repeated id gets a suffix "-2", "-3"…; entries without id get none.
// Terms that are empty (<term/>) are skipped. Alternatives written in one
// term ("info, informatie") become terms of their own where each part may
// be one, and stay one term where not (a name in inverted form,
// "Justitie, ministerie van"); Left.Warnings says which (alternatives).
func Read(r io.Reader) ([]glossary.Concept, Left, error) {
	x := &reader{
		dec:     xmlenc.NewDecoder(r),
		ids:     map[string]bool{},
		invalid: map[string]int{},
		langs:   map[string]string{},
	}
	if err := x.run(); err != nil {
		return nil, Left{}, err
	}
	if len(x.invalid) > 0 {
		codes := make([]string, 0, len(x.invalid))
		for c := range x.invalid {
			codes = append(codes, c)
		}
		slices.SortFunc(codes, func(a, b string) int { return x.invalid[a] - x.invalid[b] })
		parts := make([]string, len(codes))
		for i, c := range codes {
			parts[i] = fmt.Sprintf("%q (line %d)", c, x.invalid[c])
		}
		return nil, Left{}, &Error{Err: fmt.Errorf("%w %s: xml:lang takes a language tag such as nl or en-GB", ErrLanguage, strings.Join(parts, ", "))}
	}
	if x.commas > 0 {
		terms := "terms"
		if x.commas == 1 {
			terms = "term"
		}
		x.left.Warnings = append(x.left.Warnings, glossary.Warning{Kind: glossary.WarnCommaTerm,
			Message: fmt.Sprintf("and %d more %s with a comma", x.commas, terms)})
	}
	return x.out, x.left, nil
}

func (x *reader) line() int {
	l, _ := x.dec.InputPos()
	return l
}

func (x *reader) run() error {
	var (
		root  bool
		stack []*node // open elements of the current entry
	)
	for {
		tok, err := x.dec.Token()
		if err == io.EOF {
			if !root {
				return &Error{Err: fmt.Errorf("%w: no root element", ErrNotTBX)}
			}
			return nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				el := ""
				if len(stack) > 0 {
					el = stack[len(stack)-1].name
				}
				return &Error{Line: se.Line, Element: el, Err: errors.New(se.Msg)}
			}
			return fmt.Errorf("tbx: line %d: %w", x.line(), err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if d := string(t); strings.Contains(d, "[") || strings.Contains(d, "ENTITY") {
				return &Error{Line: x.line(), Err: ErrDTD}
			}
		case xml.StartElement:
			name := t.Name.Local
			if !root {
				if name != "tbx" && name != "martif" {
					return &Error{Line: x.line(), Element: name, Err: fmt.Errorf("%w: root element is <%s>, want <tbx> or <martif>", ErrNotTBX, name)}
				}
				root = true
				x.martif = name == "martif"
				n := &node{attrs: t.Attr}
				x.rootLang = n.attr("lang")
				continue
			}
			if len(stack) == 0 && name != "conceptEntry" && name != "termEntry" {
				continue
			}
			if (t.Name.Space == "" || t.Name.Space == tbxNS) && !entryElements[name] {
				// A TBX entry is built of a closed set of elements (its
				// data categories are in type attributes): another name
				// is a misspelling that would lose what it holds.
				return &Error{Line: x.line(), Element: name, Err: fmt.Errorf("not a TBX element (misspelt?); an entry holds %s", entryElementList)}
			}
			n := &node{name: name, attrs: t.Copy().Attr, line: x.line()}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.CharData:
			for _, n := range stack {
				n.inner.Write(t)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				if err := x.entry(n); err != nil {
					return err
				}
			}
		}
	}
}

// group splits an element into its main item and the items that qualify
// it: <descripGrp><descrip/><admin/></descripGrp> → descrip, [admin].
func group(n *node) (*node, []*node) {
	base, ok := strings.CutSuffix(n.name, "Grp")
	if !ok || base == "term" || base == "transac" {
		return n, nil
	}
	for i, k := range n.kids {
		if k.name == base {
			return k, append(slices.Clip(n.kids[:i]), n.kids[i+1:]...)
		}
	}
	return nil, nil
}

// lang maps an xml:lang value to a glossary language ("nl-NL" → "nl").
// A value that is no language tag is recorded as invalid; for a language
// the glossary does not hold it returns false.
func (x *reader) lang(code string, line int) (string, bool) {
	if l, ok := x.langs[code]; ok {
		return l, l != ""
	}
	l := ""
	tag, err := language.Parse(code)
	if err != nil {
		if _, seen := x.invalid[code]; !seen {
			x.invalid[code] = line
		}
		return "", false
	}
	if b, conf := tag.Base(); conf == language.Exact && slices.Contains(glossary.Languages, b.String()) {
		l = b.String()
	}
	x.langs[code] = l
	return l, l != ""
}

// leave counts terms and definitions in a language left out.
func (x *reader) leave(code string, line, terms, defs int) {
	if _, invalid := x.invalid[code]; invalid {
		return
	}
	x.left.Leave(code, line, terms, defs)
}

func appendText(dst *string, s string) {
	switch {
	case s == "":
	case *dst == "":
		*dst = s
	default:
		*dst += "\n" + s
	}
}

func (x *reader) entry(n *node) error {
	c := glossary.Concept{ID: x.conceptID(n.attr("id"))}
	bad := func(k *node, err error) error { return &Error{Line: k.line, Element: k.name, Err: err} }
	x.unknown = false
	x.termDefs = x.termDefs[:0]
	for _, k := range n.kids {
		m, qual := group(k)
		if m == nil {
			continue
		}
		switch m.name {
		case "admin":
			switch typ := m.attr("type"); {
			case typ == "projectSubset" && c.Collection == "":
				c.Collection = m.text()
			case typ == "source":
				appendText(&c.Source, m.text())
			default:
				appendText(&c.Note, labelled(cmp.Or(typ, "admin"), m.text()))
			}
		case "xref", "ref":
			appendText(&c.Note, reference(m))
		case "descrip":
			switch typ := m.attr("type"); typ {
			case "subjectField":
				appendText(&c.Subject, m.text())
			case "definition":
				code := m.attr("lang")
				if code == "" {
					code = x.rootLang
				}
				if l, ok := x.lang(code, m.line); ok {
					x.definition(&c, l, m.text())
					definitionQualifiers(&c, l, qual)
				} else if m.text() != "" {
					x.leave(code, m.line, 0, 1)
				}
			case "reliabilityCode":
				if !setReliability(&c.Reliability, m.text()) {
					appendText(&c.Note, labelled("Reliability code", m.text()))
				}
			case "":
				// Translate Toolkit writes a source comment as an untyped descrip.
				appendText(&c.Note, m.text())
			default:
				appendText(&c.Note, labelled(typ, m.text()))
			}
		case "note":
			s := m.text()
			if v, ok := strings.CutPrefix(s, labelReliability); ok && m.attr("from") == "" && setReliability(&c.Reliability, v) {
				continue
			}
			appendText(&c.Note, noteText(m))
		case "transacGrp":
			if err := transaction(&c, m); err != nil {
				return err
			}
		case "langSec", "langSet":
			if err := x.langSec(&c, m); err != nil {
				return err
			}
		}
	}
	termDefinitions(&c, x.termDefs)
	if len(c.Terms) == 0 {
		// Terms only in languages left out, or only empty ones (an
		// entry no one has translated yet, as Weblate exports it): the
		// entry is left out and counted, as its empty terms are skipped
		// elsewhere; it refused the whole file.
		x.left.LeaveEntry(n.line)
		return nil
	}
	if err := c.Validate(); err != nil {
		return bad(n, err)
	}
	x.out = append(x.out, c)
	x.left.Places = append(x.left.Places, fmt.Sprintf("line %d", n.line))
	return nil
}

// alternatives returns t, or the terms t lists with commas, and warns
// either way. Weblate and Translate Toolkit write alternatives in one
// term ("info, informatie", "back-ups, reservekopieën"), which as one
// term matches no text; but a name in inverted form ("Justitie,
// ministerie van", "Rutte, Mark") is one term with a comma. So a term is
// split where it has a comma followed by a space and every part is a
// plausible term of its own (alternativePart); the first part keeps the
// term's status, the others are admitted (or deprecated or superseded as
// the term is). A comma not followed by a space (a decimal comma, 1,5
// procent) is not a separator.
func (x *reader) alternatives(t glossary.Term, line int) []glossary.Term {
	if !commaList.MatchString(t.Text) {
		return []glossary.Term{t}
	}
	parts := commaList.Split(t.Text, -1)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	why := ""
	for _, p := range parts {
		if why = alternativePart(p); why != "" {
			why = fmt.Sprintf("as a name in inverted form is: %q %s", p, why)
			break
		}
	}
	if c := enumerationConjunction(parts[len(parts)-1], t.Lang); why == "" && c != "" {
		// "rechten, plichten en bevoegdheden", "rights, duties and
		// powers": one enumeration, not three alternatives.
		why = fmt.Sprintf("as an enumeration is: its last part has %q", c)
	}
	if !x.martif {
		// TBX v3, which tolk writes: a term of a tool of its kind is
		// one term, and a term with a comma that tolk exported (from a
		// CSV, FreeDict) must come back as it went.
		if why != "" {
			// A name or an enumeration ("Ministerie van Onderwijs,
			// Cultuur en Wetenschap"), kept as one term, as it would be
			// in TBX v2 too: nothing to check. Warning of it made
			// tolk's own export of the curated glossary, imported
			// again, warn of 12 ministry and ISR terms.
			return []glossary.Term{t}
		}
		why = "the file is TBX v3, whose tools give each alternative a term of its own"
	}
	w := glossary.Warning{Kind: glossary.WarnCommaTerm, Where: fmt.Sprintf("line %d", line)}
	n := 0
	for _, o := range x.left.Warnings {
		if o.Kind == glossary.WarnCommaTerm {
			n++
		}
	}
	warn := func(w glossary.Warning) {
		if n >= maxCommaWarnings {
			x.commas++
			return
		}
		x.left.Warnings = append(x.left.Warnings, w)
	}
	if why != "" {
		w.Message = fmt.Sprintf("line %d: the %s term %q holds a comma; kept as one term (%s): if it lists alternatives, give each its own term",
			line, t.Lang, t.Text, why)
		warn(w)
		return []glossary.Term{t}
	}
	out := make([]glossary.Term, 0, len(parts))
	quoted := make([]string, 0, len(parts))
	for i, p := range parts {
		u := t
		u.Text = p
		if i > 0 && (u.Status == "" || u.Status == glossary.Preferred) {
			u.Status = glossary.Admitted
		}
		if !slices.ContainsFunc(out, func(o glossary.Term) bool { return o.Text == p }) {
			out = append(out, u)
			quoted = append(quoted, strconv.Quote(p))
		}
	}
	w.Message = fmt.Sprintf("line %d: the %s term %q lists alternatives with commas; imported as the terms %s, the ones after the first admitted",
		line, t.Lang, t.Text, strings.Join(quoted, ", "))
	warn(w)
	return out
}

// maxCommaWarnings bounds the comma terms warned of one by one; the rest
// are counted in one warning.
const maxCommaWarnings = 100

// commaList is the separator of alternatives written in one term.
var commaList = regexp.MustCompile(`,\s+`)

// alternativePart says why p is not a term of its own, or "" if it may
// be one: it is not empty, begins with a lower-case letter (a capital
// marks a name, and a name in inverted form — "Justitie, ministerie
// van", "Rutte, Mark" — is one term), and does not end in an article or
// preposition (what an inverted form moves behind its comma:
// "justitie, ministerie van", "Netherlands, Kingdom of the").
func alternativePart(p string) string {
	r, _ := utf8.DecodeRuneInString(p)
	switch {
	case p == "":
		return "is empty"
	case !unicode.IsLower(r):
		return "does not begin with a lower-case letter"
	}
	words := strings.Fields(p)
	if last := strings.ToLower(words[len(words)-1]); invertedTail[last] {
		return fmt.Sprintf("ends in %q", last)
	}
	return ""
}

// enumerationConjunction returns the conjunction that makes part, the
// last of a term's comma-separated parts, end an enumeration (en, of,
// and, or, en/of, and/or, &), "" when it has none.
func enumerationConjunction(part, lang string) string {
	for _, w := range strings.Fields(strings.ToLower(part)) {
		switch {
		case w == "&", w == "en/of" || w == "and/or":
			return w
		case lang == "nl" && (w == "en" || w == "of"), lang == "en" && (w == "and" || w == "or"):
			return w
		}
	}
	return ""
}

// invertedTail holds the Dutch and English articles and prepositions an
// inverted form ends in. A closed list because these are closed word
// classes, and only their commonest members end an inverted name; a part
// ending in another word is taken for a term.
var invertedTail = map[string]bool{
	"van": true, "de": true, "der": true, "den": true, "het": true, "'t": true, "te": true, "ter": true, "ten": true,
	"voor": true, "in": true, "op": true, "aan": true, "bij": true, "met": true, "tot": true, "uit": true, "over": true,
	"of": true, "the": true, "a": true, "an": true, "for": true, "to": true, "on": true, "at": true, "by": true, "with": true,
}

func (x *reader) definition(c *glossary.Concept, l, s string) {
	if s == "" {
		return
	}
	if c.Definition == nil {
		c.Definition = map[string]string{}
	}
	d := c.Definition[l]
	appendText(&d, s)
	c.Definition[l] = d
}

func transaction(c *glossary.Concept, g *node) error {
	var kind, date, who string
	var line int
	for _, k := range g.kids {
		switch k.name {
		case "transac":
			// TBX v3 and TBX-Basic name the kind in the text
			// (type="transactionType">origination); MultiTerm's
			// and other MARTIF exports name it in the type and put
			// the person in the text (type="origination">anneke).
			if t := k.attr("type"); t != "" && t != "transactionType" {
				kind = t
				if who == "" {
					who = k.text()
				}
			} else {
				kind = k.text()
			}
		case "date":
			date, line = k.text(), k.line
		case "transacNote":
			// The person responsible (TBX's transacNote of type
			// responsibility).
			if t := k.attr("type"); t == "responsibility" || t == "" {
				who = k.text()
			}
		}
	}
	var t time.Time
	if date != "" {
		var err error
		if t, err = parseDate(date); err != nil {
			return &Error{Line: line, Element: "date", Err: err}
		}
	}
	switch kind {
	case "origination", "creation":
		if !t.IsZero() {
			c.Created = t
		}
		if who != "" {
			c.CreatedBy = who
		}
	case "modification":
		// The last of several modifications, and its person; an
		// undated one names the person only if no dated one did.
		switch {
		case !t.IsZero() && t.After(c.Modified):
			c.Modified = t
			if who != "" {
				c.ModifiedBy = who
			}
		case t.IsZero() && c.ModifiedBy == "":
			c.ModifiedBy = who
		}
	default:
		// A transaction the glossary has no field for: the note
		// says who.
		if who != "" {
			appendText(&c.Note, labelled(cmp.Or(kind, "transaction")+" by", who))
		}
	}
	return nil
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is neither xsd:date nor xsd:dateTime", s)
}

func (x *reader) langSec(c *glossary.Concept, n *node) error {
	code := n.attr("lang")
	if code == "" {
		// xml:lang is inherited: a section without one is in the
		// document's language.
		code = x.rootLang
	}
	if code == "" {
		return &Error{Line: n.line, Element: n.name, Err: fmt.Errorf("%w: the section has no xml:lang, nor has the root element", ErrLanguage)}
	}
	l, ok := x.lang(code, n.line)
	if !ok {
		terms, defs := 0, 0
		for _, k := range n.kids {
			m, _ := group(k)
			switch {
			case m == nil:
			case m.name == "termSec" || m.name == "tig" || m.name == "ntig":
				if t, _, err := term(m, "und"); err == nil && t.Text != "" {
					terms++
				}
			case m.name == "descrip" && m.attr("type") == "definition" && m.text() != "":
				defs++
			}
		}
		x.unknown = x.unknown || terms > 0
		x.leave(code, n.line, terms, defs)
		return nil
	}
	for _, k := range n.kids {
		m, qual := group(k)
		if m == nil {
			continue
		}
		switch m.name {
		case "descrip":
			if typ := m.attr("type"); typ == "definition" {
				x.definition(c, l, m.text())
				definitionQualifiers(c, l, qual)
			} else {
				appendText(&c.Note, labelled(l+": "+cmp.Or(typ, "descrip"), m.text()))
			}
		case "admin":
			if typ := m.attr("type"); typ == "source" {
				appendText(&c.Source, labelled(l, m.text()))
			} else {
				appendText(&c.Note, labelled(l+": "+cmp.Or(typ, "admin"), m.text()))
			}
		case "xref", "ref":
			appendText(&c.Note, labelled(l, reference(m)))
		case "note":
			// The model has no per-language note; keep it with the concept.
			appendText(&c.Note, noteText(m))
		case "termSec", "tig", "ntig":
			t, defs, err := term(m, l)
			if err != nil {
				return err
			}
			// A section of a regional variant (en-US beside en-GB)
			// keeps it with its terms: flattened to en, a US term was
			// exported as plain English.
			t.Variant = glossary.VariantTag(code, l)
			// An empty term is a term not yet given (Weblate exports
			// untranslated entries so): nothing to import.
			i := -1
			if t.Text != "" {
				i = len(c.Terms)
				c.Terms = append(c.Terms, x.alternatives(t, m.line)...)
			}
			for _, d := range defs {
				d.lang, d.term = l, i
				x.termDefs = append(x.termDefs, d)
			}
		}
	}
	return nil
}

// term converts a termSec (v3), tig or ntig (v2). The definitions it
// holds are returned apart (termDefinitions decides where they go).
func term(n *node, l string) (glossary.Term, []termDef, error) {
	t := glossary.Term{Lang: l}
	var defs []termDef
	properNoun, adminStatus := false, false
	kids := n.kids
	for i := 0; i < len(kids); i++ {
		k := kids[i]
		if k.name == "termGrp" { // ntig: term and termNotes are grouped
			kids = append(slices.Clip(kids[:i+1]), append(slices.Clone(k.kids), kids[i+1:]...)...)
			continue
		}
		m, qual := group(k)
		if m == nil {
			continue
		}
		switch m.name {
		case "term":
			t.Text = m.text()
		case "termNote", "descrip", "admin":
			typ, v := m.attr("type"), m.text()
			switch {
			case typ == "definition" && m.name == "descrip":
				if v != "" {
					defs = append(defs, termDef{text: v, qual: qual})
				}
			case typ == "context":
				t.Context = v
				for _, q := range qual {
					if q.name == "admin" && q.attr("type") == "source" {
						t.Source = q.text()
					}
				}
			case typ == "source":
				if t.Source == "" {
					t.Source = v
				}
			case typ == "normativeAuthorization":
				// TBX v2's status of a term in a standard: it gives the
				// status when administrativeStatus does not.
				if s, ok := status(v); ok && !adminStatus {
					t.Status = s
				} else if !ok {
					appendText(&t.Note, labelled("Normative authorization", v))
				}
			case typ == "administrativeStatus":
				adminStatus = true
				if s, ok := status(v); ok {
					t.Status = s
				} else if strings.HasSuffix(v, "-admn-sts") {
					// A value of TBX's own picklist misspelt: the term's
					// status would be lost.
					return t, nil, &Error{Line: m.line, Element: m.name, Err: fmt.Errorf("administrativeStatus %q is not one of preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts, supersededTerm-admn-sts", v)}
				} else {
					appendText(&t.Note, labelled("Administrative status", v))
				}
			case typ == "termType":
				if tt, ok := termType(v); ok {
					t.Type = tt
				} else {
					appendText(&t.Note, labelled("Term type", v))
				}
			case typ == "partOfSpeech":
				if p, ok := partOfSpeech(v); ok {
					t.POS = p
				} else {
					appendText(&t.Note, labelled("Part of speech", v))
				}
			case typ == "reliabilityCode":
				if !setReliability(&t.Reliability, v) {
					appendText(&t.Note, labelled("Reliability code", v))
				}
			case typ != "":
				appendText(&t.Note, labelled(typ, v))
			case v != "":
				appendText(&t.Note, v)
			}
		case "xref", "ref":
			appendText(&t.Note, reference(m))
		case "note":
			if m.attr("from") != "" {
				appendText(&t.Note, noteText(m))
				continue
			}
			s := m.text()
			article, isArticle := strings.CutPrefix(s, labelArticle)
			plural, isPlural := strings.CutPrefix(s, labelPlural)
			rel, isRel := strings.CutPrefix(s, labelReliability)
			pos, isPOS := strings.CutPrefix(s, labelPOS)
			switch {
			case isArticle && (article == "de" || article == "het"):
				t.Article = article
			case isPlural && strings.TrimSpace(plural) != "":
				t.Plural = strings.TrimSpace(plural)
			case isRel && setReliability(&t.Reliability, rel):
			case isPOS && pos == "properNoun":
				properNoun = true
			default:
				appendText(&t.Note, unescapeNote(s))
			}
		}
	}
	if properNoun {
		t.POS = "properNoun"
	}
	return t, defs, nil
}

// termDefinitions gives c the definitions its terms held (MultiTerm
// writes a definition inside the term): the language's definition, with
// its descripGrp's source and notes, when c has none in that language
// (after the whole entry is read: a section's own definition comes
// first, wherever it stands); nothing when it is that definition again;
// else the term's note, as TBX-Basic has no definition per term.
func termDefinitions(c *glossary.Concept, defs []termDef) {
	for _, d := range defs {
		switch have := c.Definition[d.lang]; {
		case have == "":
			if c.Definition == nil {
				c.Definition = map[string]string{}
			}
			c.Definition[d.lang] = d.text
			definitionQualifiers(c, d.lang, d.qual)
		case have == d.text:
		case d.term >= 0:
			t := &c.Terms[d.term]
			appendText(&t.Note, labelled("definition", d.text))
			for _, q := range d.qual {
				if q.name == "xref" || q.name == "ref" {
					appendText(&t.Note, labelled("definition", reference(q)))
				} else {
					appendText(&t.Note, labelled("definition "+cmp.Or(q.attr("type"), q.name), q.text()))
				}
			}
		}
	}
}

// reference is an xref or ref as a note: "xref externalCrossReference:
// IATE 123 <https://iate.europa.eu/entry/result/123>".
func reference(n *node) string {
	v := n.text()
	if target := n.attr("target"); target != "" {
		v = strings.TrimSpace(v + " <" + target + ">")
	}
	label := n.name
	if typ := n.attr("type"); typ != "" {
		label += " " + typ
	}
	return labelled(label, v)
}

// definitionQualifiers keeps what a descripGrp says of a definition in
// language l: its source with the concept's sources, anything else as a
// note (both were dropped).
func definitionQualifiers(c *glossary.Concept, l string, qual []*node) {
	for _, q := range qual {
		switch typ := q.attr("type"); {
		case q.name == "admin" && typ == "source":
			appendText(&c.Source, labelled("definition ("+l+")", q.text()))
		case q.name == "xref" || q.name == "ref":
			appendText(&c.Note, labelled("definition ("+l+")", reference(q)))
		default:
			appendText(&c.Note, labelled("definition ("+l+") "+cmp.Or(typ, q.name), q.text()))
		}
	}
}

// labelled keeps a value tolk has no field for as "label: value".
func labelled(label, v string) string {
	if v == "" {
		return ""
	}
	return label + ": " + v
}

// noteText is the text of a note element as the model keeps it: who
// wrote it, when the note says so (Weblate's and Translate Toolkit's
// from="translator", from="developer"), goes in front, "Note from
// translator: eigennaam", since the model keeps no author per note and
// TBX v3, which Write writes, has no from attribute; an export carries
// it in the text, and Read gives it back unchanged.
func noteText(n *node) string {
	s := unescapeNote(n.text())
	if from := strings.Join(strings.Fields(n.attr("from")), " "); from != "" {
		return labelled(labelFrom+from, s)
	}
	return s
}

func unescapeNote(s string) string {
	if v, ok := strings.CutPrefix(s, labelNote); ok {
		return strings.TrimSpace(v)
	}
	return s
}

func setReliability(dst *int, s string) bool {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 4 {
		return false
	}
	*dst = n
	return true
}

func status(v string) (glossary.Status, bool) {
	v = strings.TrimSuffix(v, "-admn-sts")
	v = strings.TrimSuffix(v, "Term")
	switch v {
	case "preferred", "standardized":
		return glossary.Preferred, true
	case "admitted":
		return glossary.Admitted, true
	case "deprecated":
		return glossary.Deprecated, true
	case "superseded", "obsolete":
		return glossary.Superseded, true
	}
	// As a person writes it: Deprecated, or the Dutch label (afgeraden)
	// that tolk's pages and a spreadsheet made from them show.
	return glossary.ParseStatus(v)
}

func termType(v string) (glossary.TermType, bool) {
	for _, tt := range glossary.TermTypes {
		if strings.EqualFold(v, string(tt)) {
			return tt, true
		}
	}
	return "", false
}

func partOfSpeech(v string) (string, bool) {
	if strings.EqualFold(v, "proper noun") {
		return "properNoun", true
	}
	for _, p := range glossary.PartsOfSpeech {
		if strings.EqualFold(v, p) {
			return p, true
		}
	}
	return "", false
}

// conceptID turns an entry id from a file into a unique valid concept
// id, undoing xmlID's '_' prefix.
func (x *reader) conceptID(raw string) string {
	id := strings.TrimPrefix(strings.TrimSpace(raw), "_")
	var b strings.Builder
	dash := false
	for _, r := range id {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	id = b.String()
	if id != strings.TrimPrefix(strings.TrimSpace(raw), "_") {
		id = strings.Trim(id, "-")
	}
	if len(id) > 120 {
		id = id[:120]
	}
	if id == "" {
		return ""
	}
	base := id
	for n := 2; x.ids[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	x.ids[id] = true
	return id
}
