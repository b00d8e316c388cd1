package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// Limits on XML input: element depth and count bound the tree kept in
// memory (a few hundred bytes per element).
const (
	maxXMLDepth    = 200
	maxXMLElements = 500_000
)

// node is an element (name set) or a text node of a parsed XML or HTML
// document.
type node struct {
	name  string // local name, lower case for HTML; "" for text
	attr  map[string]string
	text  string
	kids  []*node
	space string // the element's namespace prefix URL (unused by the readers but kept for dcterms:)
}

func (n *node) get(name string) string { return n.attr[name] }

// child returns the first child element called name.
func (n *node) child(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// find returns the first element called name in n's subtree (n included).
func (n *node) find(name string) *node {
	if n.name == name {
		return n
	}
	for _, k := range n.kids {
		if k.name != "" {
			if f := k.find(name); f != nil {
				return f
			}
		}
	}
	return nil
}

// all calls fn for every element called name in n's subtree.
func (n *node) all(name string, fn func(*node)) {
	if n.name == name {
		fn(n)
		return
	}
	for _, k := range n.kids {
		if k.name != "" {
			k.all(name, fn)
		}
	}
}

// flat returns the text of n's subtree with white space collapsed. Child
// elements in sep are separated by a space from their neighbours; other
// elements run into the text around them, as inline markup does.
func (n *node) flat(sep func(string) bool) string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		if n.name == "" {
			b.WriteString(n.text)
			return
		}
		if skipXML[n.name] {
			return
		}
		if sep != nil && sep(n.name) {
			b.WriteByte(' ')
		}
		// In element-only content white space is indentation, not a
		// word break ("<nadruk>Bergen, 2</nadruk>\n  <nadruk>3</nadruk>").
		own := n.hasText()
		for _, k := range n.kids {
			if k.name == "" && !own {
				continue
			}
			walk(k)
		}
		if sep != nil && sep(n.name) {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return tidyPunct(normalizeInline(b.String()))
}

// hasText reports whether n has a non-blank text node of its own.
func (n *node) hasText() bool {
	for _, k := range n.kids {
		if k.name == "" && strings.TrimSpace(k.text) != "" {
			return true
		}
	}
	return false
}

// spaceBeforePunct finds the space pretty-printed XML leaves between an
// inline element and the punctuation after it ("de brexit ." for
// "<nadruk>de brexit</nadruk>.").
var (
	spaceBeforePunct = regexp.MustCompile(` ([.,;:!?)\]])`)
	spaceAfterParen  = regexp.MustCompile(`([(\[]) `)
)

func tidyPunct(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	s = spaceBeforePunct.ReplaceAllString(s, "$1")
	return spaceAfterParen.ReplaceAllString(s, "$1")
}

// parseXMLTree reads an XML document into a tree. It refuses a DOCTYPE
// (a DTD may declare entities that expand without bound; the formats
// read here have none), undeclared entities, and trees deeper or larger
// than the limits.
func parseXMLTree(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
			return charmap.ISO8859_1.NewDecoder().Reader(r), nil
		case "windows-1252", "cp1252":
			return charmap.Windows1252.NewDecoder().Reader(r), nil
		case "us-ascii", "ascii":
			return r, nil
		}
		return nil, fmt.Errorf("character set %q is not supported (save the file as UTF-8): %w", label, ErrUnsupported)
	}
	var root *node
	var stack []*node
	count := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, ErrUnsupported) {
				return nil, err
			}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				if strings.Contains(se.Msg, "entity") {
					return nil, fmt.Errorf("XML line %d: %s (entities are not expanded): %w", se.Line, se.Msg, ErrUnsafe)
				}
				return nil, fmt.Errorf("not well-formed XML (line %d: %s): %w", se.Line, se.Msg, ErrCorrupt)
			}
			return nil, fmt.Errorf("not well-formed XML (%v): %w", err, ErrCorrupt)
		}
		switch t := tok.(type) {
		case xml.Directive:
			what := "a DOCTYPE (DTD)"
			if bytes.Contains(t, []byte("ENTITY")) {
				what = "a DOCTYPE declaring entities"
			}
			return nil, fmt.Errorf("the XML has %s; DTDs and entity declarations are refused: %w", what, ErrUnsafe)
		case xml.StartElement:
			count++
			if count > maxXMLElements {
				return nil, fmt.Errorf("the XML has more than %d elements: %w", maxXMLElements, ErrTooLarge)
			}
			if len(stack) >= maxXMLDepth {
				return nil, fmt.Errorf("the XML nests deeper than %d elements: %w", maxXMLDepth, ErrUnsafe)
			}
			n := &node{name: t.Name.Local, space: t.Name.Space}
			if len(t.Attr) > 0 {
				n.attr = make(map[string]string, len(t.Attr))
				for _, a := range t.Attr {
					n.attr[a.Name.Local] = a.Value
				}
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, &node{text: string(t)})
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no XML element: %w", ErrCorrupt)
	}
	return root, nil
}

// docTypes maps the body element of an <officiele-publicatie> to the
// document type.
var docTypes = map[string]string{
	"staatsblad": "staatsblad", "staatscourant": "staatscourant", "gemeenteblad": "gemeenteblad",
	"provinciaalblad": "provinciaal-blad", "provincieblad": "provinciaal-blad", "waterschapsblad": "waterschapsblad",
	"bladgemeenschappelijkeregeling": "blad-gemeenschappelijke-regeling", "kamerstuk": "kamerstuk",
	"handelingen": "handelingen", "aanhangsel": "aanhangsel-handelingen", "kamervragen": "kamervragen",
	"tractatenblad": "tractatenblad", "agenda": "agenda", "niet-dossierstuk": "kamerstuk",
}

// bwbTypes maps a BWB regulation's soort (without a "-BES" suffix) to the
// document type; a soort not listed is a "regeling".
var bwbTypes = map[string]string{
	"wet": "wet", "rijkswet": "wet", "AMvB": "amvb", "amvb": "amvb", "rijksAMvB": "amvb", "ministeriele-regeling": "regeling",
	"ministeriele-regeling-archiefselectielijst": "regeling", "zbo": "regeling", "pbo": "regeling",
	"circulaire": "circulaire", "beleidsregel": "beleidsregel", "verdrag": "verdrag", "KB": "kb", "rijksKB": "kb",
}

// BWBType returns the document type (one of Types()) of a BWB
// regulation's soort, as the BWB toestand XML and the categories of a BWB
// extract name it: "circulaire", "beleidsregel-BES", "AMvB". A soort not
// known is a "regeling", as almost all of them are; "" gives "".
func BWBType(soort string) string {
	if soort == "" {
		return ""
	}
	if t, ok := bwbTypes[strings.TrimSuffix(soort, "-BES")]; ok {
		return t
	}
	return "regeling"
}

// cvdrTypes are the document types a CVDR record's Informatietype may
// name; any other is a "regeling", as almost all CVDR records are.
var cvdrTypes = map[string]bool{"regeling": true, "beleidsregel": true, "circulaire": true}

// Types returns every document type the ingest assigns (Metadata.Type),
// sorted: a closed list, so that the interface can have a label in each
// language for each one. A source's own vocabulary (a BWB soort, a CVDR
// Informatietype, a court decision's type) is mapped onto it.
func Types() []string {
	set := map[string]bool{"uitspraak": true, "conclusie": true, "brief": true, "circulaire": true, "kamerstuk": true}
	for _, m := range []map[string]string{docTypes, bwbTypes} {
		for _, t := range m {
			set[t] = true
		}
	}
	for t := range cvdrTypes {
		set[t] = true
	}
	set["regeling"] = true
	return slices.Sorted(maps.Keys(set))
}

// xmlReader turns a parsed XML tree into blocks and metadata.
type xmlReader struct {
	blocks []block
	notes  []block // footnotes, laid out after the text
	prefix string  // a list or member number waiting for its paragraph
	depth  int     // heading level of the structure being read
	meta   *Metadata
	title  string // the format's own title, when it has one
}

// skipXML are elements whose content is not document text.
var skipXML = map[string]bool{
	"metadata": true, "meta": true, "meta-data": true, "RDF": true, "bwb-inputbestand": true, "bwb-wijzigingen": true,
	"redactionele-correcties": true, "plaatje": true, "illustratie": true, "nr": false, "vergadertijd": true,
	"brondata": true, "jcis": true, "jci": true, "noot": true,
}

// structXML are elements that raise the heading level of the headings
// inside them.
var structXML = map[string]bool{
	"hoofdstuk": true, "afdeling": true, "paragraaf": true, "sub-paragraaf": true, "titeldeel": true,
	"boek": true, "deel": true, "artikel": true, "circulaire.divisie": true, "divisie": true, "bijlage": true,
	"agendapunt": true, "motie": true, "wijzig-artikel": true, "regeling-tekst": false, "nota-toelichting": true,
	"algemene-toelichting": true, "artikelsgewijze-toelichting": true,
}

// inlineXML are elements that run into the text around them.
var inlineXML = map[string]bool{
	"nadruk": true, "extref": true, "intref": true, "sup": true, "inf": true, "unl": true, "redactie": true,
	"term": true, "a": true, "emphasis": true, "noot.ref": true, "noot.nr": true,
}

// parseXMLDoc reads the XML formats of Dutch official publications.
func parseXMLDoc(data []byte) ([]block, *Metadata, string, error) {
	root, err := parseXMLTree(data)
	if err != nil {
		return nil, nil, "", err
	}
	r := &xmlReader{meta: &Metadata{}}
	switch root.name {
	case "officiele-publicatie":
		r.meta.SourceFormat = "officiele-publicatie"
		r.readOP(root)
	case "handelingen", "kamerstuk", "staatsblad", "staatscourant", "gemeenteblad":
		r.meta.SourceFormat = "officiele-publicatie"
		r.readOPBody(root)
	case "toestand", "wetgeving":
		r.meta.SourceFormat = "bwb-toestand"
		r.readBWB(root)
	case "cvdr":
		r.meta.SourceFormat = "cvdr"
		r.readCVDR(root)
	case "open-rechtspraak":
		r.meta.SourceFormat = "open-rechtspraak"
		r.readRechtspraak(root)
	case "metadata_gegevens", "owms-metadata", "record", "work", "searchRetrieveResponse":
		return nil, nil, "", fmt.Errorf("<%s> is a metadata record, not a document: it holds no document text: %w", root.name, ErrEmpty)
	default:
		return nil, nil, "", fmt.Errorf("XML with root element <%s> is not a format tolk reads (officiele-publicatie, handelingen, BWB toestand, CVDR, open-rechtspraak): %w", root.name, ErrUnsupported)
	}
	blocks := r.blocks
	if len(r.notes) > 0 {
		blocks = append(blocks, block{kind: kindHeading, text: "Voetnoten", title: "Voetnoten", level: 1})
		blocks = append(blocks, r.notes...)
	}
	return blocks, r.meta, r.title, nil
}

// readOP reads an <officiele-publicatie>: its metadata record link, and
// the body after the envelope's own kop (the gazette's name).
func (r *xmlReader) readOP(root *node) {
	if md := root.child("metadata"); md != nil {
		md.all("meta", func(m *node) {
			switch m.get("name") {
			case "OVERHEIDop.externMetadataRecord":
				r.meta.Identifier = idFromURL(m.get("content"))
			case "DC.identifier", "dcterms:identifier", "OVERHEIDop.identifier":
				r.meta.Identifier = m.get("content")
			case "DC.creator", "OVERHEID.authority":
				r.meta.Authority = m.get("content")
			case "DCTERMS.available", "DCTERMS.issued", "OVERHEIDop.datumOndertekening":
				if r.meta.Date == "" {
					r.meta.Date = parseDate(m.get("content"))
				}
			}
		})
	}
	for _, k := range root.kids {
		if k.name == "" || k.name == "metadata" || k.name == "kop" {
			continue
		}
		r.readOPBody(k)
	}
}

// idFromURL takes "stb-2018-84" from
// "https://zoek.officielebekendmakingen.nl/stb-2018-84/metadata.xml".
func idFromURL(u string) string {
	u = strings.TrimSuffix(strings.TrimSuffix(u, "/metadata.xml"), "/")
	if i := strings.LastIndexByte(u, '/'); i >= 0 {
		u = u[i+1:]
	}
	return u
}

// readOPBody reads the publication itself (<staatsblad>, <kamerstuk>,
// <handelingen>, …).
func (r *xmlReader) readOPBody(body *node) {
	if t, ok := docTypes[body.name]; ok && r.meta.Type == "" {
		r.meta.Type = t
	}
	if n := body.find("dossiernr"); n != nil {
		r.meta.Dossier = spaceDossier(n.flat(nil))
	}
	if n := body.find("ondernummer"); n != nil {
		r.meta.Number = strings.TrimPrefix(strings.TrimPrefix(n.flat(nil), "Nr. "), "nr. ")
	}
	if n := body.find("vergaderdatum"); n != nil && r.meta.Date == "" {
		r.meta.Date = parseDate(n.flat(nil))
	}
	if body.name == "handelingen" {
		r.readHandelingen(body)
		return
	}
	r.walk(body)
}

// readHandelingen reads the proceedings: each agenda item's title a
// heading, each speaking turn one paragraph led by its speaker.
func (r *xmlReader) readHandelingen(h *node) {
	var walk func(n *node)
	walk = func(n *node) {
		switch n.name {
		case "vergadering":
			var parts []string
			for _, k := range n.kids {
				if k.name == "vergadering-nummer" || k.name == "vergaderdatum" {
					parts = append(parts, k.flat(nil))
				}
			}
			if s := strings.Join(parts, ", "); s != "" {
				r.heading(s, 1)
			}
			return
		case "item-titel":
			r.heading(n.flat(nil), 1)
			return
		case "nr":
			return
		case "spreekbeurt":
			speaker := ""
			var text []string
			for _, k := range n.kids {
				switch k.name {
				case "":
				case "spreker":
					speaker = strings.TrimSpace(strings.TrimSuffix(k.flat(func(string) bool { return true }), ":"))
					speaker = strings.TrimSpace(strings.TrimSuffix(speaker, ":"))
				default:
					text = append(text, k.flat(blockish))
				}
			}
			body := normalizeInline(strings.Join(text, " "))
			if speaker != "" && body != "" {
				r.blocks = append(r.blocks, block{kind: kindParagraph, text: speaker + ": " + body, speaker: speaker})
			} else if body != "" {
				r.para(body, "")
			}
			return
		case "al", "tussenkop":
			r.para(n.flat(blockish), "")
			return
		}
		for _, k := range n.kids {
			if k.name != "" {
				walk(k)
			}
		}
	}
	walk(h)
}

// blockish separates the text of block elements inside a flattened turn.
func blockish(name string) bool { return !inlineXML[name] }

// walk is the generic reader: headings from <kop>, <titel> and
// <tussenkop>, a paragraph per element that holds text of its own, list
// and member numbers in front of their paragraph, footnotes kept apart.
func (r *xmlReader) walk(n *node) {
	if n.name == "" || skipXML[n.name] {
		if n.name == "noot" {
			r.note(n)
		}
		return
	}
	switch n.name {
	case "kop":
		if h := n.flat(func(string) bool { return true }); h != "" {
			r.heading(h, r.depth+1)
		}
		return
	case "titel", "tussenkop", "intitule", "citeertitel", "item-titel":
		h := n.flat(nil)
		if h == "" {
			return
		}
		if n.name == "tussenkop" && (dateLine.MatchString(h) || len(h) > 120) {
			r.para(h, "")
			return
		}
		if n.name == "citeertitel" {
			return // repeats the intitule
		}
		r.heading(h, r.depth+1)
		return
	case "li.nr", "lidnr", "lid.nr":
		r.prefix = n.flat(nil)
		return
	case "ondertekening":
		// <functie>De Minister van …,</functie><naam><voornaam>F.B.J.</voornaam>
		// <achternaam>…</achternaam></naam>: a signature block, as a
		// letter's; its parts were paragraphs of their own ("M.", "Snel").
		if r.signature(n) {
			return
		}
	case "tabel", "table":
		r.table(n)
		return
	}
	if n.hasText() {
		r.para(n.flat(nil), "")
		r.notesIn(n)
		return
	}
	if structXML[n.name] {
		r.depth++
		defer func() { r.depth-- }()
	}
	for _, k := range n.kids {
		r.walk(k)
	}
}

// notesIn collects the footnotes inside a paragraph's element.
func (r *xmlReader) notesIn(n *node) {
	for _, k := range n.kids {
		if k.name == "noot" {
			r.note(k)
		} else if k.name != "" {
			r.notesIn(k)
		}
	}
}

// note keeps a footnote as a paragraph of its own, numbered as printed.
// A <noot> without a number that holds a table is body text in a box:
// it is read in place.
func (r *xmlReader) note(n *node) {
	if n.child("noot.nr") == nil && (n.find("table") != nil || n.find("tabel") != nil) {
		for _, k := range n.kids {
			r.walk(k)
		}
		return
	}
	num := ""
	if nr := n.child("noot.nr"); nr != nil {
		num = nr.flat(nil)
	}
	var parts []string
	for _, k := range n.kids {
		if k.name != "" && k.name != "noot.nr" {
			parts = append(parts, k.flat(nil))
		}
	}
	text := strings.TrimSpace(num + " " + strings.Join(parts, " "))
	if text != "" {
		r.notes = append(r.notes, block{kind: kindParagraph, text: normalizeInline(text)})
	}
}

// table lays a table out as text: a paragraph per row, cells separated
// by " | ".
func (r *xmlReader) table(t *node) {
	t.all("row", func(row *node) { r.row(row, "entry") })
	t.all("tr", func(row *node) { r.row(row, "td") })
}

func (r *xmlReader) row(row *node, cell string) {
	var cells []string
	for _, c := range row.kids {
		if c.name == cell || c.name == "th" {
			if s := c.flat(blockish); s != "" {
				cells = append(cells, s)
			}
		}
	}
	if len(cells) > 0 {
		r.para(strings.Join(cells, " | "), "")
	}
}

func (r *xmlReader) para(text, speaker string) {
	text = normalizeInline(text)
	if r.prefix != "" && text != "" {
		text = r.prefix + " " + text
		r.prefix = ""
	}
	if text == "" {
		return
	}
	r.blocks = append(r.blocks, block{kind: kindParagraph, text: text, speaker: speaker})
}

func (r *xmlReader) heading(text string, level int) {
	text = normalizeInline(text)
	if text == "" {
		return
	}
	if r.prefix != "" {
		r.para(r.prefix, "")
	}
	r.blocks = append(r.blocks, block{kind: kindHeading, text: text, title: text, level: max(level, 1)})
}

// readBWB reads a BWB toestand: the regulation's metadata from its
// attributes and <meta-data>, its articles as sections.
func (r *xmlReader) readBWB(root *node) {
	r.meta.Identifier = root.get("bwb-id")
	w := root.find("wetgeving")
	if w == nil {
		return
	}
	if s := w.get("soort"); s != "" {
		r.meta.Type = BWBType(s)
	}
	if lang := w.get("lang"); lang != "" {
		r.meta.Language = lang
	}
	if in := w.child("intitule"); in != nil {
		if od := in.find("ondertekeningsdatum"); od != nil {
			r.meta.Date = od.get("isodatum")
		}
		if r.meta.Date == "" {
			r.meta.Date = parseDate(in.get("ondertekening_bron"))
		}
	}
	if r.meta.Date == "" {
		r.meta.Date = parseDate(w.get("inwerkingtredingsdatum"))
	}
	if r.meta.Authority == "" {
		if o := w.find("organisatie"); o != nil {
			r.meta.Authority = o.flat(nil)
		}
	}
	r.walk(w)
}

// readCVDR reads a local regulation: owmskern metadata, then the body.
func (r *xmlReader) readCVDR(root *node) {
	if m := root.child("meta"); m != nil {
		if k := m.find("owmskern"); k != nil {
			for _, f := range k.kids {
				switch f.name {
				case "identifier":
					r.meta.Identifier = f.flat(nil)
				case "title":
					r.title = f.flat(nil)
				case "language":
					r.meta.Language = f.flat(nil)
				case "type":
					r.meta.Type = "regeling"
					if t := strings.ToLower(f.flat(nil)); cvdrTypes[t] {
						r.meta.Type = t
					}
				case "creator":
					r.meta.Authority = f.flat(nil)
				case "modified":
					r.meta.Date = parseDate(f.flat(nil))
				}
			}
		}
		if d := m.find("issued"); d != nil {
			if v := parseDate(d.flat(nil)); v != "" {
				r.meta.Date = v
			}
		}
	}
	if b := root.child("body"); b != nil {
		r.walk(b)
	}
}

// readRechtspraak reads a court decision: the RDF description's
// identifier (ECLI), date and court, then the text.
func (r *xmlReader) readRechtspraak(root *node) {
	r.meta.Type = "uitspraak"
	if rdf := root.child("RDF"); rdf != nil {
		if d := rdf.find("Description"); d != nil {
			for _, f := range d.kids {
				switch f.name {
				case "identifier":
					if r.meta.Identifier == "" {
						r.meta.Identifier = f.flat(nil)
					}
				case "date":
					if r.meta.Date == "" {
						r.meta.Date = parseDate(f.flat(nil))
					}
				case "creator":
					if r.meta.Authority == "" {
						r.meta.Authority = f.flat(nil)
					}
				case "language":
					r.meta.Language = f.flat(nil)
				case "type":
					// psi.rechtspraak.nl has two: Uitspraak and Conclusie.
					if strings.EqualFold(f.flat(nil), "conclusie") {
						r.meta.Type = "conclusie"
					}
				case "title":
					r.title = f.flat(nil)
				}
			}
		}
	}
	if r.title == "" && r.meta.Identifier != "" {
		kind := "Uitspraak"
		if r.meta.Type == "conclusie" {
			kind = "Conclusie"
		}
		r.title = kind + " " + r.meta.Identifier
	}
	for _, k := range root.kids {
		if k.name == "" || k.name == "RDF" {
			continue
		}
		if k.name == "inhoudsindicatie" {
			r.heading("Inhoudsindicatie", 1)
		}
		r.walk(k)
	}
}

// signature reads an <ondertekening> as a signature block; false when it
// holds no office and name (then it is read as text).
func (r *xmlReader) signature(n *node) bool {
	f, nm := n.find("functie"), n.find("naam")
	if f == nil || nm == nil {
		return false
	}
	all := func(string) bool { return true } // voornaam and achternaam apart
	office, name := normalizeInline(f.flat(nil)), normalizeInline(nm.flat(all))
	if office == "" || name == "" {
		return false
	}
	o := strings.TrimSuffix(office, ",")
	if m := officeRE.FindStringSubmatch(office); m != nil {
		o = officeOf(m[1])
	}
	r.blocks = append(r.blocks, block{kind: kindSignature, text: office + "\n" + name, signs: []Signatory{{Office: o, Name: name}}})
	return true
}
