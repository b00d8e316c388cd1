package tbx

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
)

// Namespace is the TBX 3.0 namespace (ISO 30042:2019).
const Namespace = "urn:iso:std:iso:30042:ed-2"

// The processing instructions that name the schemas a TBX-Basic DCA file
// validates against, as in the official example; validators and editors
// such as Oxygen use them, tolk's own test checks against local copies.
const schemaPIs = `<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
`

// Labels of the notes that carry what TBX-Basic has no data category for.
const (
	labelArticle     = "Article: "
	labelPlural      = "Plural: "
	labelReliability = "Reliability: "
	labelPOS         = "Part of speech: "
	labelNote        = "Note: "
	// labelFrom leads a note that says who wrote it (Read: <note
	// from="translator">); it stays in the text, which needs no escape.
	labelFrom = "Note from "
)

var reservedLabels = []string{labelArticle, labelPlural, labelReliability, labelPOS, labelNote}

// ErrText is returned by Write for text XML 1.0 cannot carry (control
// characters, invalid UTF-8): it is refused rather than silently altered.
var ErrText = errors.New("text not representable in XML")

var statusValue = map[glossary.Status]string{
	glossary.Preferred:  "preferredTerm-admn-sts",
	glossary.Admitted:   "admittedTerm-admn-sts",
	glossary.Deprecated: "deprecatedTerm-admn-sts",
	glossary.Superseded: "supersededTerm-admn-sts",
}

// Write writes cs as a TBX-Basic 3.0 DCA document. Languages are written
// in the order of glossary.Languages, terms in stored order. An empty cs
// gives a valid document without a body.
func Write(w io.Writer, cs []glossary.Concept) error {
	x := &writer{w: bufio.NewWriter(w)}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + schemaPIs)
	x.raw(`<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="` + Namespace + `">` + "\n")
	x.raw("\t<tbxHeader>\n\t\t<fileDesc>\n\t\t\t<sourceDesc>\n\t\t\t\t<p>tolk glossary export</p>\n\t\t\t</sourceDesc>\n\t\t</fileDesc>\n\t</tbxHeader>\n")
	x.raw("\t<text>\n")
	if len(cs) > 0 {
		ids := make(map[string]int, len(cs))
		x.raw("\t\t<body>\n")
		for i := range cs {
			if err := cs[i].Validate(); err != nil {
				return fmt.Errorf("tbx: concept %d: %w", i, err)
			}
			id := xmlID(cs[i].ID, i)
			if j, dup := ids[id]; dup {
				return fmt.Errorf("tbx: concepts %d and %d have the same id %q", j, i, cs[i].ID)
			}
			ids[id] = i
			x.concept(&cs[i], id)
			if x.err != nil {
				return fmt.Errorf("tbx: concept %d (%s): %w", i, cs[i].ID, x.err)
			}
		}
		x.raw("\t\t</body>\n")
	}
	x.raw("\t</text>\n</tbx>\n")
	if x.err != nil {
		return fmt.Errorf("tbx: %w", x.err)
	}
	return x.w.Flush()
}

// xmlID turns a concept id into an xsd:ID (an XML name). Ids that are
// not names already (they start with a digit, '-' or '.'), and ids that
// start with '_', get a leading '_', which conceptID removes again. A
// concept without id gets one from its position.
func xmlID(id string, i int) string {
	if id == "" {
		return "_tolk-" + strconv.Itoa(i+1)
	}
	c := id[0]
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return id
	}
	return "_" + id
}

type writer struct {
	w   *bufio.Writer
	err error
}

func (x *writer) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// text writes s escaped for element content or a double-quoted
// attribute. Carriage returns are written as references so that XML's
// line-end normalisation does not turn them into line feeds.
func (x *writer) text(field, s string) {
	if x.err != nil {
		return
	}
	start := 0
	for i, r := range s {
		var esc string
		switch r {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\r':
			esc = "&#xD;"
		case '\t', '\n':
			continue
		default:
			if r == utf8.RuneError || r < 0x20 || r == 0xFFFE || r == 0xFFFF {
				if r == utf8.RuneError {
					if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
						x.err = fmt.Errorf("%s: %w: invalid UTF-8", field, ErrText)
						return
					}
					continue
				}
				x.err = fmt.Errorf("%s: %w: control character %U", field, ErrText, r)
				return
			}
			continue
		}
		x.w.WriteString(s[start:i])
		x.w.WriteString(esc)
		start = i + 1
	}
	_, x.err = x.w.WriteString(s[start:])
}

// elem writes <name attrs>text</name> on its own line at the given depth.
func (x *writer) elem(depth int, field, name, attrs, s string) {
	x.raw(strings.Repeat("\t", depth) + "<" + name + attrs + ">")
	x.text(field, s)
	x.raw("</" + name + ">\n")
}

func (x *writer) open(depth int, tag string) {
	x.raw(strings.Repeat("\t", depth) + tag + "\n")
}

// langOrder returns the languages of c in the order of
// glossary.Languages, then any others in order of appearance.
func langOrder(c *glossary.Concept) []string {
	var ls []string
	for _, l := range glossary.Languages {
		if len(c.TermsIn(l)) > 0 {
			ls = append(ls, l)
		}
	}
	for _, t := range c.Terms {
		if !slices.Contains(ls, t.Lang) {
			ls = append(ls, t.Lang)
		}
	}
	return ls
}

func (x *writer) concept(c *glossary.Concept, id string) {
	const d = 3
	x.raw("\t\t\t<conceptEntry id=\"")
	x.text("id", id)
	x.raw("\">\n")
	if c.Collection != "" {
		x.elem(d+1, "collection", "admin", ` type="projectSubset"`, c.Collection)
	}
	x.transac(d+1, "origination", c.Created, c.CreatedBy)
	x.transac(d+1, "modification", c.Modified, c.ModifiedBy)
	if c.Subject != "" {
		x.elem(d+1, "subject", "descrip", ` type="subjectField"`, c.Subject)
	}
	langs := langOrder(c)
	// Definitions in languages without terms have no langSec to go in.
	for _, l := range sortedKeys(c.Definition) {
		if !slices.Contains(langs, l) && c.Definition[l] != "" {
			x.elem(d+1, "definition."+l, "descrip", ` type="definition" xml:lang="`+attr(l)+`"`, c.Definition[l])
		}
	}
	if c.Source != "" {
		x.elem(d+1, "source", "admin", ` type="source"`, c.Source)
	}
	if c.Reliability != 0 {
		x.elem(d+1, "reliability", "note", "", labelReliability+strconv.Itoa(c.Reliability))
	}
	if c.Note != "" {
		x.elem(d+1, "note", "note", "", escapeNote(c.Note))
	}
	for _, l := range langs {
		// A section per regional variant the terms name (en, then en-GB,
		// en-US in order of appearance); the definition goes in the first.
		var variants []string
		for _, t := range c.Terms {
			if t.Lang == l && !slices.Contains(variants, t.Variant) {
				variants = append(variants, t.Variant)
			}
		}
		// The language as a whole first.
		if i := slices.Index(variants, ""); i > 0 {
			variants = append(append([]string{""}, variants[:i]...), variants[i+1:]...)
		}
		for vi, v := range variants {
			x.raw("\t\t\t\t<langSec xml:lang=\"")
			x.text("lang", cmp.Or(v, l))
			x.raw("\">\n")
			if def := c.Definition[l]; def != "" && vi == 0 {
				x.elem(d+2, "definition."+l, "descrip", ` type="definition"`, def)
			}
			for i, t := range c.Terms {
				if t.Lang == l && t.Variant == v {
					x.term(d+2, fmt.Sprintf("terms[%d]", i), &t)
				}
			}
			x.open(d+1, "</langSec>")
		}
	}
	x.open(d, "</conceptEntry>")
}

// transac writes a transacGrp of the kind (origination, modification)
// with its date and the person responsible, as TBX-Basic has them; it
// writes nothing when neither is known.
func (x *writer) transac(depth int, kind string, t time.Time, who string) {
	if t.IsZero() && who == "" {
		return
	}
	tab := strings.Repeat("\t", depth)
	x.raw(tab + "<transacGrp>\n" + tab + "\t<transac type=\"transactionType\">" + kind + "</transac>\n")
	if !t.IsZero() {
		x.raw(tab + "\t<date>" + t.UTC().Format(time.RFC3339Nano) + "</date>\n")
	}
	if who != "" {
		x.elem(depth+1, kind+" by", "transacNote", ` type="responsibility"`, who)
	}
	x.raw(tab + "</transacGrp>\n")
}

func (x *writer) term(depth int, f string, t *glossary.Term) {
	x.open(depth, "<termSec>")
	x.elem(depth+1, f+".text", "term", "", t.Text)
	if t.Status != "" {
		v, ok := statusValue[t.Status]
		if !ok {
			x.fail(fmt.Errorf("%s.status: unknown status %q", f, t.Status))
		}
		x.elem(depth+1, f+".status", "termNote", ` type="administrativeStatus"`, v)
	}
	if t.Type != "" {
		x.elem(depth+1, f+".type", "termNote", ` type="termType"`, string(t.Type))
	}
	if t.POS != "" {
		pos := t.POS
		if pos == "properNoun" {
			pos = "noun"
		}
		x.elem(depth+1, f+".pos", "termNote", ` type="partOfSpeech"`, pos)
	}
	switch {
	case t.Context != "":
		x.open(depth+1, "<descripGrp>")
		x.elem(depth+2, f+".context", "descrip", ` type="context"`, t.Context)
		if t.Source != "" {
			x.elem(depth+2, f+".source", "admin", ` type="source"`, t.Source)
		}
		x.open(depth+1, "</descripGrp>")
	case t.Source != "":
		x.elem(depth+1, f+".source", "admin", ` type="source"`, t.Source)
	}
	if t.Article != "" {
		x.elem(depth+1, f+".article", "note", "", labelArticle+t.Article)
	}
	if t.Plural != "" {
		x.elem(depth+1, f+".plural", "note", "", labelPlural+t.Plural)
	}
	if t.Reliability != 0 {
		x.elem(depth+1, f+".reliability", "note", "", labelReliability+strconv.Itoa(t.Reliability))
	}
	if t.POS == "properNoun" {
		x.elem(depth+1, f+".pos", "note", "", labelPOS+t.POS)
	}
	if t.Note != "" {
		x.elem(depth+1, f+".note", "note", "", escapeNote(t.Note))
	}
	x.open(depth, "</termSec>")
}

func (x *writer) fail(err error) {
	if x.err == nil {
		x.err = err
	}
}

// escapeNote protects a free note that would otherwise read back as one
// of the labelled notes.
func escapeNote(s string) string {
	for _, l := range reservedLabels {
		if strings.HasPrefix(s, l) {
			return labelNote + s
		}
	}
	return s
}

func attr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;").Replace(s)
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
