package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/app"
)

type glossaryView struct {
	Q                         string
	Langs, Statuses, Subjects []choice
	Collections               []choice
	Err                       string
	Deleted                   string // the concept the edit form has just deleted
	Exports                   []exportLink
	Summary                   string
	Letters                   []letter
	Groups                    []conceptGroup
	Terms                     []statusTermRow // the do-not-use list: with a deprecated or superseded filter and no query
	// Collections shows each row's collection: the rows come from more
	// than one (an English query finds the same pair in the curated
	// glossary and in a colleague's import, rows alike but for it).
	ShowCollections                    bool
	status, subject, collection, qlang string
}

type letter struct {
	Letter string
	Has    bool
	URL    string // another page's letter (a long list shows one letter a page); "" an anchor on this page
	Here   bool   // the letter this page shows
}

// browseAll is the most concepts the glossary page lists at once; a
// longer list (an imported dictionary: 23,000 concepts, a 6.7 MB page)
// shows one initial a page.
const browseAll = 1000

type conceptGroup struct {
	Letter string // empty for search results, which are ranked, not alphabetical
	Rows   []conceptRow
}

type conceptRow struct {
	ID, NL, Article, EN, Subject, Via string
	// HeadLang is the language of NL, the head term: "en" for a
	// concept with English terms only, whose head is English.
	HeadLang string
	// HeadLangName names HeadLang when it is not Dutch, for the page.
	HeadLangName string
	Collection   string
	Advice       string // the lookup landed on a deprecated or superseded term: what to use
	Search       string // every term, folded, for the live filter
	ENStatus     string // the status the English terms shown share, if any
	Reliability  int    // the concept's, 1–4 as IATE; 0 unknown
}

// headTerm is the term that names a concept (glossary.Concept.Head), or
// its id when it has no term.
func headTerm(c *glossary.Concept) glossary.Term {
	if t, ok := c.Head(); ok {
		return t
	}
	return glossary.Term{Text: c.ID}
}

// termLang is the language tag of a term for a lang attribute: its
// regional variant if it has one (en-GB), else its language.
func termLang(t glossary.Term) string {
	if t.Variant != "" {
		return t.Variant
	}
	return t.Lang
}

func joinTerms(ts []glossary.Term) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.Text
	}
	return strings.Join(s, "; ")
}

func rowOf(p *page, c *glossary.Concept) conceptRow {
	h := headTerm(c)
	var all []string
	for _, t := range c.Terms {
		all = append(all, glossary.Fold(t.Text))
	}
	en := c.Preferred("en")
	r := conceptRow{ID: c.ID, NL: h.Text, HeadLang: termLang(h), Article: h.Article, EN: joinTerms(en),
		Subject: c.Subject, Search: strings.Join(all, " | "), Reliability: c.Reliability, Collection: c.Collection}
	if h.Lang != "nl" && h.Lang != "" {
		// A concept without a Dutch term is headed by another language's:
		// said, and its English not shown twice.
		r.HeadLangName = p.T.or("lang_name_"+h.Lang, h.Lang)
		if h.Lang == "en" {
			r.EN = ""
		}
	}
	if len(en) > 0 && en[0].Status != "" && !slices.ContainsFunc(en, func(t glossary.Term) bool { return t.Status != en[0].Status }) {
		r.ENStatus = string(en[0].Status)
	}
	return r
}

// initial is the A–Z letter a concept is filed under: the first letter of
// its head term without diacritics ("Ëlla" under E, "'s-Gravenhage" under
// S), or "#" for a term that starts with a digit.
func initial(c *glossary.Concept) string {
	for _, r := range glossary.Fold(headTerm(c).Text) {
		switch {
		case r >= 'a' && r <= 'z':
			return string(unicode.ToUpper(r))
		case unicode.IsDigit(r) || unicode.IsLetter(r):
			return "#"
		}
	}
	return "#"
}

// exportLink is a download of the glossary in one exchange format.
type exportLink struct{ Label, URL string }

// glossaryExports are the API's exports of the glossary (of the
// collection, subject and status the page is filtered to, if any) in the
// formats CAT tools read, and a CSV separated by semicolons, which Excel in
// a Dutch locale opens in columns.
func glossaryExports(p *page, collection, subject, status string) []exportLink {
	var out []exportLink
	for _, f := range []struct{ format, sep, label string }{
		{"tbx", "", "TBX"}, {"xlsx", "", "XLSX"}, {"csv", "", "CSV"}, {"csv", "semicolon", p.T["export_csv_excel"]},
		{"omegat", "", "OmegaT"}, {"tsv", "", "TSV (DeepL, Google)"},
	} {
		q := url.Values{"format": {f.format}}
		if f.sep != "" {
			q.Set("sep", f.sep)
		}
		for k, v := range map[string]string{"collection": collection, "subject": subject, "status": status} {
			if v != "" {
				q.Set(k, v)
			}
		}
		out = append(out, exportLink{f.label, "/api/v1/glossary/export?" + q.Encode()})
	}
	return out
}

func (u *ui) glossaryPage(c *gin.Context, p *page) error {
	p.name, p.Nav, p.Title = "glossary", "glossary", p.T["nav_glossary"]
	v := &glossaryView{
		Q:          strings.TrimSpace(c.Query("q")),
		qlang:      oneOfOr(c.Query("lang"), queryLangs, "auto"),
		status:     strings.TrimSpace(c.Query("status")),
		subject:    c.Query("subject"),
		collection: c.Query("collection"),
		Deleted:    c.Query("deleted"),
	}
	p.Data = v
	tb := u.app.Terms()
	all := tb.All()

	v.Langs = langChoices(p, v.qlang)
	for _, s := range glossary.Statuses {
		v.Statuses = append(v.Statuses, choice{string(s), p.T.or("status_"+string(s), string(s)), string(s) == v.status})
	}
	for _, s := range subjectsOf(all) {
		v.Subjects = append(v.Subjects, choice{s, p.T.or("subject_"+s, s), s == v.subject})
	}
	for _, ci := range tb.Collections() {
		v.Collections = append(v.Collections, choice{ci.Name, fmt.Sprintf("%s (%d)", ci.Name, ci.Concepts), ci.Name == v.collection})
	}
	if v.status != "" {
		// A status as the API takes it: afgeraden, Deprecated.
		st, ok := glossary.ParseStatus(v.status)
		if !ok {
			v.Err = fmt.Sprintf(p.T["bad_status"], v.status)
			p.status = http.StatusBadRequest
			return nil
		}
		v.status = string(st)
		for i := range v.Statuses {
			v.Statuses[i].Checked = v.Statuses[i].Value == v.status
		}
	}
	v.Exports = glossaryExports(p, v.collection, v.subject, v.status)
	keep := func(con *glossary.Concept) bool {
		return (v.subject == "" || con.Subject == v.subject) &&
			(v.collection == "" || con.Collection == v.collection) &&
			(v.status == "" || con.HasStatus(glossary.Status(v.status)))
	}

	n := 0
	if st := glossary.Status(v.status); v.Q == "" && (st == glossary.Deprecated || st == glossary.Superseded) {
		v.Terms = statusTermRows(p, tb, st, v.subject, v.collection)
		v.Summary = p.T.countf("terms_n", len(v.Terms))
		return nil
	}
	if v.Q != "" {
		p.Title = v.Q
		lang := v.qlang
		if lang == "auto" {
			lang = glossary.LangAuto
		}
		res, err := tb.Lookup(glossary.LookupRequest{Q: v.Q, Lang: lang, Collection: v.collection,
			Status: glossary.Status(v.status), Limit: glossary.MaxLimit})
		if err != nil {
			if errors.Is(err, glossary.ErrBadLookup) {
				v.Err = userMessage(err.Error())
				p.status = http.StatusBadRequest
				return nil
			}
			return err
		}
		g := conceptGroup{}
		for _, m := range res.Concepts {
			if !keep(&m.Concept) {
				continue
			}
			r := rowOf(p, &m.Concept)
			if m.Via != "" && !strings.EqualFold(m.Term, r.NL) {
				r.Via = fmt.Sprintf(p.T["found_as"], m.Term, p.T.or("via_"+m.Via, m.Via))
			}
			r.Advice = adviceText(p, &m)
			g.Rows = append(g.Rows, r)
		}
		if len(g.Rows) > 0 {
			v.Groups = []conceptGroup{g}
		}
		n = len(g.Rows)
	} else {
		// All is in Dutch collation order, which ignores case and
		// diacritics as initial does, but not punctuation: 's-Gravenhage
		// and (voorlopige) hechtenis sort before A. Each initial is one
		// group, A to Z and then #, its rows in collation order (such a
		// term made a second S group above A, and two ids "l-S").
		byLetter := map[string][]conceptRow{}
		for i := range all {
			con := &all[i]
			if !keep(con) {
				continue
			}
			l := initial(con)
			byLetter[l] = append(byLetter[l], rowOf(p, con))
			n++
		}
		for r := 'A'; r <= 'Z'; r++ {
			if rows := byLetter[string(r)]; len(rows) > 0 {
				v.Groups = append(v.Groups, conceptGroup{Letter: string(r), Rows: rows})
			}
		}
		if rows := byLetter["#"]; len(rows) > 0 {
			v.Groups = append(v.Groups, conceptGroup{Letter: "#", Rows: rows})
		}
		has := map[string]bool{}
		for _, g := range v.Groups {
			has[g.Letter] = true
		}
		for r := 'A'; r <= 'Z'; r++ {
			v.Letters = append(v.Letters, letter{Letter: string(r), Has: has[string(r)]})
		}
		if has["#"] {
			v.Letters = append(v.Letters, letter{Letter: "#", Has: true})
		}
		if n > browseAll {
			// One initial a page: the one asked for, else the first.
			want := strings.ToUpper(strings.TrimSpace(c.Query("letter")))
			if !has[want] {
				want = v.Groups[0].Letter
			}
			for _, g := range v.Groups {
				if g.Letter == want {
					v.Groups = []conceptGroup{g}
					break
				}
			}
			q := c.Request.URL.Query()
			for i := range v.Letters {
				q.Set("letter", v.Letters[i].Letter)
				v.Letters[i].URL = "/glossary?" + q.Encode()
				v.Letters[i].Here = v.Letters[i].Letter == want
			}
			v.ShowCollections = manyCollections(v.Groups)
			v.Summary = p.T.countf("concepts_n_letter", len(v.Groups[0].Rows), n, len(v.Groups[0].Rows), want)
			return nil
		}
	}
	v.ShowCollections = manyCollections(v.Groups)
	v.Summary = p.T.countf("concepts_n", n)
	return nil
}

// manyCollections reports whether the rows listed come from more than
// one collection.
func manyCollections(gs []conceptGroup) bool {
	first := ""
	for _, g := range gs {
		for _, r := range g.Rows {
			if first == "" {
				first = r.Collection
			} else if r.Collection != first {
				return true
			}
		}
	}
	return false
}

type conceptView struct {
	C            glossary.Concept
	Heading, EN  string
	HeadingLang  string // the language of Heading: "en" for a concept with English terms only
	Langs        []langBlock
	History      []historyItem
	OccSummary   string
	Plot         []plotRow
	KWIC         []kwicRow
	Sorts        []sortLink
	Saved        bool // the edit form has just saved the concept
	sortSelected string
}

type langBlock struct {
	Lang, Name, Definition string
	Terms                  []termView
}

type termView struct {
	glossary.Term
	StatusLabel string
}

type historyItem struct {
	When        time.Time
	Who, Action string
	// Fields are what the change changed, as the API's history has them
	// (store.FieldChange): a field, its old and new value.
	Fields []historyField
}

// historyField is one changed field of a history item, its values cut
// for the page (the API has them whole).
type historyField struct{ Field, Old, New string }

// historyValueLen is how much of a changed value the concept page shows.
const historyValueLen = 160

type plotRow struct {
	Doc, Title, Label string
	Count             int
	Ticks             []tick
}

type tick struct {
	X         string // position on the 0–1000 axis of the plot
	Paragraph int
	Section   int // a match in a section heading: the section's number
}

type kwicRow struct {
	app.KWIC
	URL string
}

type sortLink struct {
	Label, URL string
	Active     bool
}

// maxKWIC bounds the concordance lines on a concept page; the plot still
// shows every occurrence.
const maxKWIC = 500

// maxPlotDocs bounds the documents the dispersion plot draws.
const maxPlotDocs = 50

func (u *ui) conceptPage(c *gin.Context, p *page) error {
	p.name, p.Nav = "concept", "glossary"
	id := c.Param("id")
	con, ok := u.app.Terms().Get(id)
	if !ok {
		return word(errNotFound(fmt.Sprintf("no concept %q", id)), "no_concept", id)
	}
	h := headTerm(&con)
	v := &conceptView{C: con, Heading: h.Text, HeadingLang: termLang(h), EN: joinTerms(con.Preferred("en")), Saved: c.Query("saved") != ""}
	if h.Lang == "en" {
		v.EN = "" // the heading is the English term
	}
	p.Title, p.Data = v.Heading, v

	langs := []string{"nl", "en"}
	for _, l := range glossary.Languages {
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	for _, l := range langs {
		b := langBlock{Lang: l, Name: p.T.or("lang_name_"+l, l), Definition: con.Definition[l]}
		for _, t := range con.TermsIn(l) {
			b.Terms = append(b.Terms, termView{t, p.T.or("status_"+string(t.Status), string(t.Status))})
		}
		if len(b.Terms) > 0 || b.Definition != "" {
			v.Langs = append(v.Langs, b)
		}
	}

	hist, err := u.app.History(id)
	if err != nil {
		return err
	}
	for _, h := range hist {
		it := historyItem{When: h.When, Who: h.Who, Action: p.T.or("action_"+h.Action, h.Action)}
		for _, f := range h.Fields {
			it.Fields = append(it.Fields, historyField{f.Field, clipRunes(f.Old, historyValueLen), clipRunes(f.New, historyValueLen)})
		}
		v.History = append(v.History, it)
	}

	sort := oneOfOr(c.Query("sort"), []string{"left", "right"}, "")
	for _, s := range []struct{ value, label string }{{"", "sort_doc"}, {"left", "sort_left"}, {"right", "sort_right"}} {
		v.Sorts = append(v.Sorts, sortLink{p.T[s.label], pageURL("/glossary/"+id, "sort", s.value) + "#occ-h", s.value == sort})
	}
	ctx, done, err := u.limit.acquireScan(c.Request.Context())
	if err != nil {
		return err
	}
	defer done()
	lines, _, err := u.app.Concordance(ctx, app.ConcordanceRequest{Concept: id, Sort: sort, Width: 60})
	if err != nil {
		return err
	}
	byDoc := map[string][]app.KWIC{}
	for _, k := range lines {
		byDoc[k.Doc] = append(byDoc[k.Doc], k)
	}
	docs := u.app.Documents()
	for _, d := range docs {
		ks := byDoc[d.ID]
		if len(ks) == 0 || len(v.Plot) == maxPlotDocs {
			continue
		}
		r := plotRow{Doc: d.ID, Title: d.Title, Count: len(ks)}
		if r.Title == "" {
			r.Title = d.ID
		}
		r.Label = p.T.countf("plot_label", len(ks), r.Title, len(ks))
		for _, k := range ks {
			x := 0.0
			if d.Bytes > 0 {
				x = 1000 * float64(k.Start) / float64(d.Bytes)
			}
			r.Ticks = append(r.Ticks, tick{X: fmt.Sprintf("%.1f", x), Paragraph: k.Paragraph, Section: k.Section})
		}
		v.Plot = append(v.Plot, r)
	}
	for i, k := range lines {
		if i == maxKWIC {
			break
		}
		url := fmt.Sprintf("/documents/%s#p%d", k.Doc, k.Paragraph)
		if k.Section > 0 {
			url = fmt.Sprintf("/documents/%s#s%d", k.Doc, k.Section)
		}
		v.KWIC = append(v.KWIC, kwicRow{k, url})
	}
	summary := "occ_summary"
	if len(docs) == 1 {
		summary = "occ_summary_single" // not "in 1 of 1 documents"
	}
	v.OccSummary = p.T.countf(summary, len(lines), len(lines), len(byDoc), len(docs))
	if len(lines) > maxKWIC {
		v.OccSummary += " " + p.T.countf("kwic_truncated", maxKWIC)
	}
	return nil
}

// clipRunes cuts s to at most n runes, adding "…" when it cut.
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
