package tmx

import (
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

	"github.com/tolk-nl/tolk/tm"
	"github.com/tolk-nl/tolk/tm/xmlenc"
)

// Errors Read wraps, to tell kinds of bad input apart.
var (
	// ErrDTD: the document declares entities or an internal DTD subset.
	ErrDTD = errors.New("DOCTYPE with an internal subset or entity declarations refused")
	// ErrNotTMX: the root element is not tmx.
	ErrNotTMX = errors.New("not a TMX document")
	// ErrEncoding: the prolog declares an encoding tolk cannot decode.
	ErrEncoding = xmlenc.ErrEncoding
)

// Error locates a problem in a TMX document.
type Error struct {
	Line    int    // 1-based line; 0 if unknown
	Element string // local name of the element, may be empty
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("tmx: ")
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

// Read parses a TMX document and returns its Dutch–English segments,
// normalised (tm.Segment.Normalize) and validated. A unit without a
// non-empty Dutch or English variant is skipped and counted, not an error,
// and so is one whose sides are not a Dutch text and an English one
// (tm.Segment.LanguageMismatch: English in the nl <tuv>, one language in
// both), its reason in Batch.SkippedUnits. When a unit has several variants of one language (nl-NL and nl-BE, or
// two xml:lang="nl" holding alternative translations), the first with
// text is the unit's segment (an empty nl-NL before an nl-BE with text
// does not make the unit skipped); each further variant with other text
// is a segment of its own, paired with the other language's first
// variant with text (same unit data, no id), and the unit is named in
// Batch.Warnings: a translation memory may hold two translations of one
// text, and dropping one lost it without a word. Variants with the same
// text (white space collapsed) are one. Units that repeat an earlier one (tm.Repeats) are all
// returned, and counted in Batch.Repeats. Anything else wrong — bad XML, a DTD, an unknown
// encoding, a bad date, a segment tm.Segment.Validate refuses — fails the
// whole read with an *Error naming the line.
//
// Mapping: tuid → ID in a file tolk wrote (its header's creationtool),
// else tuid → the prop x-tuid and no ID (so the content gives one);
// creationdate → Created, creationid → Creator; the unit's changedate,
// changeid, lastusagedate and usagecount, and a variant's creationdate,
// creationid, changedate, changeid, lastusagedate and usagecount → the
// props x-changedate and so on (a variant's with its Lang), first;
// srclang (the unit's, else
// the header's) English → ENSource; the
// unit's notes → Note (one a line; a variant's note is kept there too,
// prefixed "nl: " or "en: "); the props x-collection, x-source-doc and
// x-source-article → Collection and Source; every other prop → Props
// (Lang set for a variant's props).
func Read(r io.Reader) (tm.Batch, error) {
	x := &reader{dec: xmlenc.NewDecoder(r)}
	if err := x.run(); err != nil {
		return tm.Batch{}, err
	}
	if !x.body {
		// A misspelt <body> (<bdy>) read as an empty memory would import
		// nothing and say nothing. An empty <body> is a valid memory with
		// no unit, as tolk exports an empty collection.
		return tm.Batch{}, &Error{Err: fmt.Errorf("%w: the file has no <body>: a TMX file's translation units are <tu> elements in <body>", ErrNoUnits)}
	}
	return tm.Batch{Segments: x.out, Skipped: x.skipped, SkippedUnits: x.skips, Repeats: tm.Repeats(x.out, ""), Warnings: x.warns}, nil
}

// PropTUID is the prop that keeps the tuid another tool gave a unit.
const PropTUID = "x-tuid"

// ErrNoUnits: the document has no translation units to import.
var ErrNoUnits = errors.New("no translation units")

// The attributes of a unit (<tu>) and of a variant (<tuv>) that tolk has
// no field for: its change and usage data, and a variant's creation.
// Read keeps each as the prop "x-" + its name (x-changedate; a variant's
// with its language), in this order before the unit's or the variant's
// other props, with a date in TMX's form; Write puts them back as
// attributes.
var (
	tuAttrs  = []string{"changedate", "changeid", "lastusagedate", "usagecount"}
	tuvAttrs = []string{"creationdate", "creationid", "changedate", "changeid", "lastusagedate", "usagecount"}
)

// attrProps returns the props that keep the attributes names of an
// element, given its attributes attrs.
func attrProps(names []string, attrs []xml.Attr) []tm.Prop {
	var props []tm.Prop
	for _, n := range names {
		for _, a := range attrs {
			if a.Name.Space != "" || a.Name.Local != n {
				continue
			}
			v := strings.TrimSpace(a.Value)
			if v == "" {
				break
			}
			if strings.HasSuffix(n, "date") {
				// The form TMX prescribes, which Write can write back.
				if d, err := parseDate(v); err == nil {
					v = d.Format(dateLayout)
				}
			}
			props = append(props, tm.Prop{Type: "x-" + n, Value: v})
			break
		}
	}
	return props
}

// placeholderRE matches the content of a <ph> that is a variable of the
// text ({amount}, %s, %1$d, {{name}}, ${x}) rather than formatting code:
// it is kept in the segment, where dropping it would lose a word.
var placeholderRE = regexp.MustCompile(`^(?:\{\{?[\w.:-]+\}\}?|\$\{[\w.:-]+\}|%(?:\d+\$)?[sdfu@]|%\w+%)$`)

// inline elements whose content is native code (formatting tags of the
// original file) rather than text.
var codeElements = map[string]bool{"bpt": true, "ept": true, "ph": true, "it": true, "ut": true}

// variant is one <tuv> being read.
type variant struct {
	lang  string
	raw   string // the xml:lang as written
	props []tm.Prop
	notes []string
	seg   strings.Builder
	// inline holds the open inline elements of the seg that decide what
	// its character data is: true for native code (bpt, ph …), false for
	// sub, whose text is text again even inside code.
	inline []bool
	ph     strings.Builder // the content of the open <ph> that stands in the text
	phAt   int             // len(inline) inside that <ph>; 0 when none is open
	// gap: a <ph> of code ended the text so far; the text after it
	// decides whether it stands for a space (write).
	gap   bool
	inSeg bool // inside <seg>
}

// inText reports whether character data at this point is the segment's
// text: outside inline code, or in a <sub> inside it.
func (v *variant) inText() bool { return len(v.inline) == 0 || !v.inline[len(v.inline)-1] }

// unit is one <tu> being read.
type unit struct {
	line    int
	seg     tm.Segment
	notes   []string
	vars    map[string][]*variant // the variants of nl and of en, in order
	cur     *variant              // the open <tuv>, nil between variants
	unknown []string              // xml:lang values other than Dutch and English
	tuid    string                // another tool's tuid, kept as the prop x-tuid
}

type reader struct {
	dec     *xml.Decoder
	out     []tm.Segment
	skipped int
	skips   []tm.Skip
	warns   []tm.Warning
	body    bool // a <body> was seen
	ours    bool // the header's creationtool is tolk: a tuid is a segment's id
	// enSource: the header's srclang is English (en, en-US), the default
	// of each unit's ENSource.
	enSource bool
	u        *unit
	stack    []string // open element names
	text     strings.Builder
	root     bool
}

func (x *reader) line() int {
	l, _ := x.dec.InputPos()
	return l
}

func (x *reader) run() error {
	for {
		tok, err := x.dec.Token()
		if err == io.EOF {
			if !x.root {
				return &Error{Err: fmt.Errorf("%w: no root element", ErrNotTMX)}
			}
			return nil
		}
		if err != nil {
			var se *xml.SyntaxError
			el := ""
			if n := len(x.stack); n > 0 {
				el, _, _ = strings.Cut(x.stack[n-1], "\x00")
			}
			if errors.As(err, &se) {
				return &Error{Line: se.Line, Element: el, Err: errors.New(se.Msg)}
			}
			return &Error{Line: x.line(), Element: el, Err: err}
		}
		switch t := tok.(type) {
		case xml.Directive:
			if d := string(t); strings.Contains(d, "[") || strings.Contains(d, "ENTITY") {
				return &Error{Line: x.line(), Err: ErrDTD}
			}
		case xml.StartElement:
			if err := x.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			if err := x.end(t.Name.Local); err != nil {
				return err
			}
		case xml.CharData:
			x.chars(t)
		}
	}
}

func (x *reader) start(t xml.StartElement) error {
	name := t.Name.Local
	line := x.line()
	if !x.root {
		if name != "tmx" {
			return &Error{Line: line, Element: name, Err: fmt.Errorf("%w: root element is <%s>, want <tmx>", ErrNotTMX, name)}
		}
		x.root = true
	}
	x.stack = append(x.stack, name)
	parent := ""
	if n := len(x.stack); n > 1 {
		parent = x.stack[n-2]
	}
	u := x.u
	switch {
	case name == "header" && parent == "tmx":
		for _, a := range t.Attr {
			switch a.Name.Local {
			case "creationtool":
				x.ours = x.ours || a.Value == "tolk"
			case "srclang":
				x.enSource = tm.Lang(a.Value) == "en"
			}
		}
	case name == "body" && parent == "tmx":
		x.body = true
	case name == "tu" && parent == "body":
		x.u = &unit{line: line, vars: map[string][]*variant{}}
		x.u.seg.ENSource = x.enSource
		x.u.seg.Props = attrProps(tuAttrs, t.Attr)
		for _, a := range t.Attr {
			switch a.Name.Local {
			case "srclang":
				// A unit's own source language overrides the header's.
				x.u.seg.ENSource = tm.Lang(a.Value) == "en"
			case "tuid":
				// A tuid of tolk's own export is the segment's id, so that
				// a file exported, corrected and imported again replaces
				// its segments. Another tool's tuid names the unit in its
				// own file only (1, 2, 3 … in every export): as an id it
				// made a second memory overwrite the first's units. It is
				// kept as the prop tuid; the id is the content's.
				if x.ours {
					x.u.seg.ID = a.Value
				} else if a.Value != "" {
					x.u.tuid = a.Value
				}
			case "creationid":
				x.u.seg.Creator = a.Value
			case "creationdate":
				d, err := parseDate(a.Value)
				if err != nil {
					return &Error{Line: line, Element: name, Err: err}
				}
				x.u.seg.Created = d
			}
		}
	case u == nil:
		// header, its props and notes: nothing tolk keeps.
	case name == "tuv" && parent == "tu":
		v := &variant{lang: "?", props: attrProps(tuvAttrs, t.Attr)}
		for _, a := range t.Attr {
			// xml:lang in TMX 1.4, lang in 1.1–1.3.
			if a.Name.Local == "lang" && (a.Name.Space == "" || a.Name.Space == "xml" || a.Name.Space == xmlNS) {
				v.raw = a.Value
				if l := tm.Lang(a.Value); l != "" {
					v.lang = l
				}
				if a.Name.Space != "" {
					break // xml:lang wins over lang
				}
			}
		}
		u.cur = v
	case (name == "prop" || name == "note") && (parent == "tu" || parent == "tuv"):
		x.text.Reset()
		if name == "prop" {
			typ := ""
			for _, a := range t.Attr {
				if a.Name.Local == "type" {
					typ = a.Value
				}
			}
			// The type is kept until the end tag.
			x.stack[len(x.stack)-1] = "prop\x00" + typ
		}
	case name == "seg" && parent == "tuv" && u.cur != nil:
		u.cur.inSeg = true
	case u.cur != nil && u.cur.inSeg:
		v := u.cur
		switch {
		case codeElements[name]:
			if name == "ph" && v.phAt == 0 && v.inText() {
				v.phAt = len(v.inline) + 1
				v.ph.Reset()
			}
			v.inline = append(v.inline, true)
		case name == "sub":
			v.inline = append(v.inline, false)
			spaceBefore(&v.seg)
		}
	}
	return nil
}

// write adds s to the segment's text. After a <ph> of code (gap) it puts
// a space between when a word character (letter, digit) is on both
// sides, as in artikel<ph/>3: the code held the words apart. Beside
// punctuation, a bracket or white space the code adds nothing, so that
// gisteren<ph/>. and (<ph/>zie stay gisteren. and (zie.
func (v *variant) write(s string) {
	if v.gap && s != "" {
		prev, _ := utf8.DecodeLastRuneInString(v.seg.String())
		next, _ := utf8.DecodeRuneInString(s)
		if wordChar(prev) && wordChar(next) {
			v.seg.WriteByte(' ')
		}
		v.gap = false
	}
	v.seg.WriteString(s)
}

// wordChar reports whether r is part of a word: a letter, a digit, or a
// mark combined with one.
func wordChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// spaceBefore ends the text so far with a space, so that the text of a
// <sub> (a footnote, an alt text) does not run into its neighbours.
func spaceBefore(b *strings.Builder) {
	if s := b.String(); s != "" && !strings.HasSuffix(s, " ") {
		b.WriteByte(' ')
	}
}

func (x *reader) chars(t xml.CharData) {
	n := len(x.stack)
	if n == 0 || x.u == nil {
		return
	}
	top := x.stack[n-1]
	switch {
	case top == "note" || strings.HasPrefix(top, "prop\x00"):
		x.text.Write(t)
	case x.u.cur != nil && x.u.cur.inSeg:
		v := x.u.cur
		switch {
		case v.inText():
			v.write(string(t))
		case v.phAt == len(v.inline):
			v.ph.Write(t)
		}
	}
}

func (x *reader) end(name string) error {
	n := len(x.stack)
	if n == 0 {
		return nil
	}
	top := x.stack[n-1]
	x.stack = x.stack[:n-1]
	parent := ""
	if n > 1 {
		parent = x.stack[n-2]
	}
	u := x.u
	if u == nil {
		return nil
	}
	switch {
	case name == "tu" && parent == "body":
		x.u = nil
		return x.unit(u)
	case name == "tuv" && parent == "tu":
		if v := u.cur; v != nil && v.lang != "?" {
			u.vars[v.lang] = append(u.vars[v.lang], v)
		} else if v != nil && v.lang == "?" {
			u.unknown = append(u.unknown, v.raw)
		}
		u.cur = nil
	case name == "note" && parent == "tu":
		u.notes = append(u.notes, x.text.String())
	case name == "note" && parent == "tuv" && u.cur != nil:
		u.cur.notes = append(u.cur.notes, x.text.String())
	case strings.HasPrefix(top, "prop\x00") && (parent == "tu" || parent == "tuv"):
		p := tm.Prop{Type: strings.TrimPrefix(top, "prop\x00"), Value: x.text.String()}
		if parent == "tu" {
			u.seg.Props = append(u.seg.Props, p)
		} else if u.cur != nil {
			u.cur.props = append(u.cur.props, p)
		}
	case name == "seg" && u.cur != nil:
		u.cur.inSeg = false
	case u.cur != nil && u.cur.inSeg:
		v := u.cur
		n := len(v.inline)
		if n == 0 || !codeElements[name] && name != "sub" {
			break
		}
		v.inline = v.inline[:n-1]
		switch {
		case name == "sub":
			spaceBefore(&v.seg)
		case name == "ph" && v.phAt == n:
			// A variable of the text is kept; other code may stand
			// between words (Zie artikel<ph/>3), or beside
			// punctuation (gisteren<ph/>.), which the next text says.
			v.phAt = 0
			if p := strings.TrimSpace(v.ph.String()); placeholderRE.MatchString(p) {
				v.write(p)
			} else {
				v.gap = true
			}
		}
	}
	return nil
}

// unit turns a finished <tu> into its segments, or counts it as skipped.
func (x *reader) unit(u *unit) error {
	nls, ens := withText(u.vars["nl"]), withText(u.vars["en"])
	if len(nls) == 0 || len(ens) == 0 {
		x.skipped++
		if len(x.skips) < tm.MaxSkipNotes {
			x.skips = append(x.skips, tm.Skip{Line: u.line, Reason: skipReason(u)})
		}
		return nil
	}
	pairs := [][2]*variant{{nls[0], ens[0]}}
	for _, v := range nls[1:] {
		pairs = append(pairs, [2]*variant{v, ens[0]})
	}
	for _, v := range ens[1:] {
		pairs = append(pairs, [2]*variant{nls[0], v})
	}
	for _, l := range []struct {
		name, other string
		vars        []*variant
	}{{"Dutch", "English", nls}, {"English", "Dutch", ens}} {
		if len(l.vars) < 2 || len(x.warns) >= tm.MaxSkipNotes {
			continue
		}
		tags := make([]string, len(l.vars))
		for i, v := range l.vars {
			tags[i] = strconv.Quote(v.raw)
		}
		x.warns = append(x.warns, tm.Warning{Line: u.line, Message: fmt.Sprintf(
			"%d %s <tuv>s with different text (xml:lang %s): the first is the unit's segment, each other one a segment of its own with the %s of the first",
			len(l.vars), l.name, strings.Join(tags, ", "), l.other)})
	}
	for i, p := range pairs {
		s, err := x.segment(u, p[0], p[1])
		if err != nil {
			return err
		}
		if i > 0 {
			// The unit's id (a tuid of tolk's) is its first segment's;
			// the content gives the others theirs.
			s.ID = ""
		}
		if why := s.LanguageMismatch(); why != "" {
			// A unit whose nl <tuv> holds English (or both hold one
			// language) would teach the concordance that a word is its
			// own translation.
			x.skipped++
			if len(x.skips) < tm.MaxSkipNotes {
				x.skips = append(x.skips, tm.Skip{Line: u.line, Reason: why})
			}
			continue
		}
		x.out = append(x.out, s)
	}
	return nil
}

// withText returns the variants of vars that have text, each text once
// (white space collapsed), in order.
func withText(vars []*variant) []*variant {
	var out []*variant
	seen := map[string]bool{}
	for _, v := range vars {
		t := tm.CollapseSpace(v.seg.String())
		if strings.TrimSpace(t) == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, v)
	}
	return out
}

// segment makes the segment of unit u with the variants nl and en.
func (x *reader) segment(u *unit, nl, en *variant) (tm.Segment, error) {
	s := u.seg
	s.NL, s.EN = nl.seg.String(), en.seg.String()
	s.NLLang, s.ENLang = tm.Variant(nl.raw, "nl"), tm.Variant(en.raw, "en")
	// The reserved props go to their fields; the others stay in order.
	props := s.Props[:0:0]
	for _, p := range s.Props {
		v := strings.TrimSpace(p.Value)
		switch p.Type {
		case tm.PropCollection:
			s.Collection = v
		case tm.PropSourceDoc:
			s.Source.Doc = v
		case tm.PropSourceArticle:
			s.Source.Article = v
		default:
			props = append(props, p)
		}
	}
	if u.tuid != "" && !slices.ContainsFunc(props, func(p tm.Prop) bool { return p.Type == PropTUID }) {
		props = append(props, tm.Prop{Type: PropTUID, Value: u.tuid})
	}
	for _, v := range []*variant{nl, en} {
		for _, p := range v.props {
			p.Lang = v.lang
			props = append(props, p)
		}
	}
	s.Props = props
	notes := u.notes
	for _, v := range []*variant{nl, en} {
		for _, n := range v.notes {
			if n = strings.TrimSpace(n); n != "" {
				notes = append(notes, v.lang+": "+n)
			}
		}
	}
	var kept []string
	for _, n := range notes {
		if n = strings.TrimSpace(n); n != "" {
			kept = append(kept, n)
		}
	}
	s.Note = strings.Join(kept, "\n")
	s.Normalize()
	if err := s.Validate(); err != nil {
		return tm.Segment{}, &Error{Line: u.line, Element: "tu", Err: err}
	}
	return s, nil
}

const xmlNS = "http://www.w3.org/XML/1998/namespace"

// dateLayout is TMX's date format (ISO 8601 basic, UTC).
const dateLayout = "20060102T150405Z"

func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{dateLayout, "20060102T150405", time.RFC3339, "2006-01-02T15:04:05", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("creationdate %q is not a TMX date (YYYYMMDDThhmmssZ)", s)
}

// skipReason says why a unit gave no segment.
func skipReason(u *unit) string {
	var miss []string
	for _, l := range []struct{ lang, name string }{{"nl", "Dutch"}, {"en", "English"}} {
		switch vars := u.vars[l.lang]; {
		case len(vars) == 0:
			miss = append(miss, "no "+l.name+" <tuv>")
		case len(withText(vars)) > 0:
		case len(vars) == 1:
			miss = append(miss, "the "+l.name+" <tuv> has no text in a <seg>")
		default:
			miss = append(miss, fmt.Sprintf("none of the %d %s <tuv>s has text in a <seg>", len(vars), l.name))
		}
	}
	r := strings.Join(miss, "; ")
	if len(u.unknown) > 0 {
		// Other languages, or a value no tag (dutch for nl).
		q := make([]string, len(u.unknown))
		for i, l := range u.unknown {
			q[i] = strconv.Quote(l)
		}
		r += " (the other variants are xml:lang " + strings.Join(q, ", ") + ")"
	}
	return r
}
