package server

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
)

// seg is a run of text, plain or a glossary term with its tooltip.
type seg struct {
	Text string
	A    *annView
}

// annView is what a term's tooltip says: the concept's English terms,
// each with its own status, preferred first and deprecated last.
type annView struct {
	Concept, TipID      string
	Status, StatusLabel string // the Dutch form's status, shown only when it is to be avoided
	EN                  []statusTerm
	NoEquiv             string // shown when the concept has no English term
	Definition, DefLang string
}

// avoid reports whether a term with status s should not be written.
func avoid(s glossary.Status) bool { return s == glossary.Deprecated || s == glossary.Superseded }

// byStatus returns a concept's terms in lang, preferred first, in the
// glossary's order within a status.
func byStatus(c *glossary.Concept, lang string) []glossary.Term {
	ts := slices.Clone(c.TermsIn(lang))
	slices.SortStableFunc(ts, func(a, b glossary.Term) int { return a.Status.Rank() - b.Status.Rank() })
	return ts
}

// usable returns a concept's terms in lang a writer may use, preferred
// first; all of them when every one is to be avoided.
func usable(c *glossary.Concept, lang string) []glossary.Term {
	ts := byStatus(c, lang)
	ok := slices.DeleteFunc(slices.Clone(ts), func(t glossary.Term) bool { return avoid(t.Status) })
	if len(ok) == 0 {
		return ts
	}
	return ok
}

// firstChoice returns a concept's terms in lang of the best status it
// has (its preferred terms, if any): what a hit or a list names it by,
// where the tooltip and the concept page list the others.
func firstChoice(c *glossary.Concept, lang string) []glossary.Term {
	ts := usable(c, lang)
	if i := slices.IndexFunc(ts, func(t glossary.Term) bool { return t.Status != ts[0].Status }); i > 0 {
		ts = ts[:i]
	}
	return ts
}

// statusTerms labels terms with their statuses.
func statusTerms(p *page, ts []glossary.Term) []statusTerm {
	out := make([]statusTerm, len(ts))
	for i, t := range ts {
		out[i] = statusTerm{Text: t.Text, Status: string(t.Status)}
		if t.Status != "" {
			out[i].StatusLabel = p.T.or("status_"+string(t.Status), string(t.Status))
		}
	}
	return out
}

// annotator turns annotations into segments, looking each concept up
// once and numbering the tooltips so their ids are unique on the page.
type annotator struct {
	u       *ui
	p       *page
	tips    int
	byID    map[string]*glossary.Concept
	defined map[string]bool // concepts whose definition a tooltip already holds
}

func (u *ui) annotator(p *page) *annotator {
	return &annotator{u: u, p: p, byID: map[string]*glossary.Concept{}, defined: map[string]bool{}}
}

// segs splits text[from:to] at the annotations, which must be sorted by
// Start; one that overlaps an earlier one or crosses the span's ends is
// left out. Every term is a tab stop as sent; tolk.js makes the first of
// a span its one stop (a letter holds hundreds of terms) and moves
// between the span's terms with the arrow keys.
func (an *annotator) segs(text string, from, to int, anns []match.Annotation) []seg {
	var out []seg
	pos := from
	for _, a := range anns {
		if a.Start < pos || a.End > to || a.Start >= a.End {
			continue
		}
		if a.Start > pos {
			out = append(out, seg{Text: text[pos:a.Start]})
		}
		out = append(out, seg{Text: text[a.Start:a.End], A: an.view(a)})
		pos = a.End
	}
	if pos < to {
		out = append(out, seg{Text: text[pos:to]})
	}
	return out
}

func (an *annotator) concept(id string) *glossary.Concept {
	c, ok := an.byID[id]
	if !ok {
		if con, found := an.u.app.Terms().Get(id); found {
			c = &con
		}
		an.byID[id] = c
	}
	return c
}

func (an *annotator) view(a match.Annotation) *annView {
	an.tips++
	v := &annView{Concept: a.Concept, TipID: fmt.Sprintf("tip-%d", an.tips)}
	if avoid(a.Status) {
		v.Status, v.StatusLabel = string(a.Status), fmt.Sprintf(an.p.T["tip_dutch_status"], an.p.T.or("status_"+string(a.Status), string(a.Status)))
	}
	if c := an.concept(a.Concept); c != nil {
		v.EN = statusTerms(an.p, byStatus(c, "en"))
		// The definition in the interface language, else English, else
		// Dutch; in the concept's first tooltip only, which keeps a letter
		// of 300 terms small (tolk.js copies it into the others).
		for _, l := range []string{an.p.UI, "en", "nl"} {
			if an.defined[a.Concept] {
				break
			}
			if d := c.Definition[l]; d != "" {
				v.Definition, v.DefLang = d, l
				an.defined[a.Concept] = true
				break
			}
		}
	}
	if len(v.EN) == 0 {
		// No concept in the termbase (a race with an edit): the
		// annotation's own equivalents.
		var en []glossary.Term
		for _, t := range a.Equivalents {
			if t.Lang == "en" {
				en = append(en, t)
			}
		}
		slices.SortStableFunc(en, func(a, b glossary.Term) int { return a.Status.Rank() - b.Status.Rank() })
		v.EN = statusTerms(an.p, en)
	}
	if len(v.EN) == 0 {
		v.NoEquiv = an.p.T["tip_no_equivalent"]
	}
	return v
}

func (u *ui) documentsPage(c *gin.Context, p *page) error {
	p.name, p.Nav, p.Title = "documents", "documents", p.T["documents_title"]
	p.Data = u.documentList(c) // ui_doclist.go
	return nil
}

type block struct {
	IsHeading   bool
	Heading, ID string
	Level       int
	N           int
	Segs        []seg
	start       int
}

type docTerm struct {
	ID, NL, Search string
	EN             []statusTerm
	Count          int
}

type download struct{ Label, URL string }

// termListFormats are the term-list exports of /api/v1/documents/{id}/terms.
// A label starting with "#" is the key of an interface label.
var termListFormats = []struct{ format, label string }{
	{"xlsx", "Excel (.xlsx)"},
	{"csv", "CSV"},
	{"csv&sep=semicolon", "#export_csv_excel"},
	{"tsv", "TSV"},
	{"tbx", "TBX"},
	{"omegat", "OmegaT"},
	{"json", "JSON"},
}

// The reader's "hide frequent terms" list offers the maxFrequent most
// used concepts of a document that occur at least frequentUses times.
const (
	frequentUses = 3
	maxFrequent  = 16
)

// readerFilter is the reader's GET form: which terms to underline.
type readerFilter struct {
	Statuses []choice // the Dutch form's status; none checked: all
	Subjects []choice // none checked: all
	Frequent []choice // concepts used at least frequentUses times; checked: hidden
	Active   bool     // something is filtered out
	ClearURL string
	status   map[string]bool
	subject  map[string]bool
	hide     map[string]bool
}

// newReaderFilter reads the filter from the query string (st=, subject=,
// hide=, each repeatable) and offers the choices the document has.
func newReaderFilter(c *gin.Context, p *page, d *app.Document, uses []app.TermUse) *readerFilter {
	set := func(vs []string) map[string]bool {
		m := map[string]bool{}
		for _, v := range vs[:min(len(vs), 200)] {
			m[v] = true
		}
		return m
	}
	f := &readerFilter{status: set(c.QueryArray("st")), subject: set(c.QueryArray("subject")), hide: set(c.QueryArray("hide")),
		ClearURL: "/documents/" + url.PathEscape(d.ID)}
	f.Active = len(f.status)+len(f.subject)+len(f.hide) > 0
	for _, s := range glossary.Statuses {
		f.Statuses = append(f.Statuses, choice{string(s), p.T.or("status_"+string(s), string(s)), f.status[string(s)]})
	}
	var subjects []string
	for _, tu := range uses {
		if s := tu.Concept.Subject; s != "" && !slices.Contains(subjects, s) {
			subjects = append(subjects, s)
		}
		if tu.Count >= frequentUses && len(f.Frequent) < maxFrequent {
			f.Frequent = append(f.Frequent, choice{tu.Concept.ID, fmt.Sprintf("%s (%d)", headTerm(&tu.Concept).Text, tu.Count), f.hide[tu.Concept.ID]})
		}
	}
	slices.Sort(subjects)
	for _, s := range subjects {
		f.Subjects = append(f.Subjects, choice{s, p.T.or("subject_"+s, s), f.subject[s]})
	}
	return f
}

// shows reports whether the reader underlines annotation a of concept c.
func (f *readerFilter) shows(a match.Annotation, c *glossary.Concept) bool {
	if f.hide[a.Concept] || len(f.status) > 0 && !f.status[string(a.Status)] {
		return false
	}
	return len(f.subject) == 0 || c != nil && f.subject[c.Subject]
}

// tocEntry is a line of the contents: the heading's own number apart,
// so that the list shows it once ("1. 1. Recente ontwikkelingen" before).
type tocEntry struct{ ID, Number, Heading string }

// splitNumber splits a leading section number ("1.", "2.3") off a
// heading, as the index does for the heading field.
var splitNumber = index.SplitHeadingNumber

func (u *ui) documentPage(c *gin.Context, p *page) error {
	p.name, p.Nav = "document", "documents"
	d, err := u.app.Document(c.Param("id"))
	if err != nil {
		return wordNotFound(err, "no_document", c.Param("id"))
	}
	p.Title = d.Title
	anns, err := u.app.DocumentAnnotations(d.ID)
	if err != nil {
		return err
	}
	anns = match.Spread(anns) // a separated verb underlined too: roept … op tot
	sort.SliceStable(anns, func(i, j int) bool { return anns[i].Start < anns[j].Start })
	uses, err := u.app.DocumentTerms(d.ID)
	if err != nil {
		return err
	}
	an := u.annotator(p)
	filter := newReaderFilter(c, p, d, uses)
	if filter.Active {
		anns = slices.DeleteFunc(anns, func(a match.Annotation) bool { return !filter.shows(a, an.concept(a.Concept)) })
	}
	var blocks []block
	var toc []tocEntry
	for i, s := range d.Sections {
		b := block{IsHeading: true, Heading: s.Heading, ID: fmt.Sprintf("s%d", i+1), Level: min(max(s.Level, 1), 3), start: s.Start}
		blocks = append(blocks, b)
		num, h := splitNumber(s.Heading)
		toc = append(toc, tocEntry{ID: b.ID, Number: num, Heading: h})
	}
	k := 0 // annotations before k end before the paragraph being rendered
	for _, para := range d.Paragraphs {
		for k < len(anns) && anns[k].Start < para.Start {
			k++
		}
		blocks = append(blocks, block{N: para.N, start: para.Start, Segs: an.segs(d.Text, para.Start, para.End, anns[k:])})
	}
	// A heading and the paragraph after it never share an offset, so the
	// order by offset is the reading order.
	sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].start < blocks[j].start })

	shown := map[string]bool{}
	for _, a := range anns {
		shown[a.Concept] = true
	}
	var terms []docTerm
	for _, tu := range uses {
		if !shown[tu.Concept.ID] {
			continue
		}
		r := rowOf(p, &tu.Concept)
		terms = append(terms, docTerm{ID: tu.Concept.ID, NL: r.NL, EN: statusTerms(p, firstChoice(&tu.Concept, "en")), Search: r.Search, Count: tu.Count})
	}
	var downloads []download
	for _, f := range termListFormats {
		label := f.label
		if key, ok := strings.CutPrefix(label, "#"); ok {
			label = p.T[key]
		}
		downloads = append(downloads, download{label, "/api/v1/documents/" + url.PathEscape(d.ID) + "/terms?format=" + f.format})
	}
	p.Data = struct {
		D         *app.Document
		Blocks    []block
		TOC       []tocEntry
		Terms     []docTerm
		AllTerms  int
		Filter    *readerFilter
		Downloads []download
	}{d, blocks, toc, terms, len(uses), filter, downloads}
	return nil
}

// readForm parses a posted form within maxFormBytes: a longer body is a
// 413, a form that does not parse (a malformed %-escape, in the body or
// the URL) a 400.
func readForm(c *gin.Context) error {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxFormBytes)
	if err := c.Request.ParseForm(); err != nil {
		return formError(err)
	}
	return nil
}

// normText makes pasted text's line ends plain newlines.
func normText(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

type termTableRow struct {
	ID, NL, Forms       string
	EN                  []statusTerm // every English term with its own status, preferred first
	Status, StatusLabel string       // the Dutch form's status when it is to be avoided
	Count               int
	forms               []string
}

func (u *ui) annotatePage(c *gin.Context, p *page) error {
	p.name, p.Nav, p.Title = "annotate", "annotate", p.T["annotate_title"]
	v := struct {
		Text  string
		Done  bool
		Empty bool // a text of only spaces was sent
		Segs  []seg
		Rows  []termTableRow
	}{}
	p.Data = &v
	if c.Request.Method != http.MethodPost {
		return nil
	}
	if err := readForm(c); err != nil {
		return err
	}
	v.Text = normText(c.Request.PostForm.Get("text"))
	if strings.TrimSpace(v.Text) == "" {
		// Spaces pass the browser's required check: say what is
		// missing (the form came back without a word).
		v.Empty, p.status = true, http.StatusBadRequest
		return nil
	}
	v.Done = true
	anns := u.app.Annotate(v.Text, "nl")
	sort.SliceStable(anns, func(i, j int) bool { return anns[i].Start < anns[j].Start })
	an := u.annotator(p)
	v.Segs = an.segs(v.Text, 0, len(v.Text), match.Spread(anns))
	byID := map[string]int{}
	for _, a := range anns {
		i, ok := byID[a.Concept]
		if !ok {
			r := termTableRow{ID: a.Concept, NL: a.Term}
			if avoid(a.Status) {
				r.Status, r.StatusLabel = string(a.Status), fmt.Sprintf(p.T["tip_dutch_status"], p.T.or("status_"+string(a.Status), string(a.Status)))
			}
			if con := an.concept(a.Concept); con != nil {
				r.NL = headTerm(con).Text
				r.EN = statusTerms(p, byStatus(con, "en"))
			}
			i = len(v.Rows)
			byID[a.Concept] = i
			v.Rows = append(v.Rows, r)
		}
		r := &v.Rows[i]
		r.Count++
		form := a.Form() // apart in its clause: riep … op tot
		if !slices.Contains(r.forms, form) {
			r.forms = append(r.forms, form)
		}
	}
	for i := range v.Rows {
		v.Rows[i].Forms = strings.Join(v.Rows[i].forms, ", ")
	}
	return nil
}

// checkPage is in ui_check.go.

// repairedNote reads the notes ingest writes in a document's
// metadata.repaired (ingest's mojibakeNote and the charset note), so that
// the reader shows them in the page's language.
var repairedNote = regexp.MustCompile(`^(?:mojibake: (\d+) double-encoded characters? repaired|read as (.+), as the page declares \(not UTF-8\))$`)

// repairedLabel is a repair note in the page's language; a note of
// another shape as it is.
func repairedLabel(l labels, note string) string {
	m := repairedNote.FindStringSubmatch(note)
	switch {
	case m == nil:
		return note
	case m[1] == "1":
		return l.or("repaired_mojibake_one", note)
	case m[1] != "":
		return fmt.Sprintf(l.or("repaired_mojibake", "%s"), m[1])
	default:
		return fmt.Sprintf(l.or("repaired_charset", "%s"), m[2])
	}
}
