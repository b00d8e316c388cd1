package server

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
)

// Search pages show pageSize hits; paging stops at maxPage, far beyond
// what anyone reads, so that a crafted page number cannot make the index
// collect an enormous result window.
const (
	pageSize  = 10
	pageSlack = 5
	maxPage   = 100
	// maxDocFacetValues is how many values of a metadata facet the page lists.
	maxDocFacetValues = 20
)

// choice is one option of a radio group or select.
type choice struct {
	Value, Label string
	Checked      bool
}

// dateInput is a from= or to= value as a date field shows it: a year or
// a month (what a year facet or a hand-typed URL gives: 2017, 2020-06)
// is its first day, or with end its last. A date field drops any other
// value, so the form, sent again, lost the year a facet had set.
func dateInput(v string, end bool) string {
	layout := ""
	switch len(v) {
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	default:
		return v
	}
	t, err := time.Parse(layout, v)
	if err != nil {
		return v
	}
	if end {
		if layout == "2006" {
			t = t.AddDate(1, 0, -1)
		} else {
			t = t.AddDate(0, 1, -1)
		}
	}
	return t.Format("2006-01-02")
}

type searchView struct {
	Q, Lang, Doc, Sec string
	Langs             []choice
	// The document filters (app.DocFilter) and the types to choose from.
	Type, Dossier, From, To string
	Types                   []string
	Sort                    string // "date" or "" (relevance)
	Err                     *queryNote
	Examples                []example
	Res                     *app.SearchResult
	Summary                 string
	DidYouMeanURL           string
	DidYouMeanTyped         bool // the query as typed found passages too (a word nothing knew was corrected)
	UnquotedURL             string
	Filters                 []activeFilter
	Hits                    []hitView
	Groups                  []hitGroup // Hits by document when one document dominates
	Grouped                 bool       // Groups have titles
	Notice                  *queryNote // what is wrong with a query that was read leniently
	Facets                  []facetView
	First                   int // ordinal of the first hit on this page
	Pages                   int
	PageLabel               string
	PrevURL, NextURL        string
	// PastLast says, for a page beyond the last, so and where the last
	// is (it said "Nothing found" while the search found passages).
	PastLast, LastURL string
	// An English query's senses: one line per word or term, and the
	// senses the user dropped.
	Senses  []senseLine
	Dropped []droppedSense
}

// senseLine is one English word or glossary term and what it was
// searched as.
type senseLine struct {
	Query string
	Occur string // a label for must or must_not; empty for optional
	Chips []senseChip
	Note  string // why nothing was searched, when Chips is empty
	// Pruned: the chips were not searched, as they occur in too many
	// passages to narrow the search.
	Pruned bool
}

// senseChip is one Dutch sense: a glossary term (with its plural and
// inflected forms), a lexicon translation (an index key) or the word as
// written.
type senseChip struct {
	Text     string // the Dutch word as written (an index key's commonest form)
	EN       string // the English word or words it translates
	Key      bool   // the sense is an index key: it finds every form of the word
	KeyTitle string // says so, naming the key
	P        string // the probability, for lexicon senses
	Via      string
	Status   string // the glossary term's status label
	Concept  string
	Forms    string // other forms of a glossary term searched with it
	DropURL  string
}

// droppedSense is a sense the user dropped and the link that restores it.
type droppedSense struct{ Text, RestoreURL string }

type example struct{ Q, URL, Note string }

type activeFilter struct{ Label, Value, RemoveURL string }

type hitView struct {
	URL, Title, Section, Doc string
	Paragraph                int
	Fragments                []template.HTML
	Matched                  []matchedView
	Missing                  []string     // the parts of the query the passage does not have
	Concepts                 []hitConcept // the glossary concepts the hit matched, in both languages
}

// matchedView is one reason a hit matched; Label names the concept that
// led there by its preferred English term (or its Dutch head term).
// Part is the sense a compound Term was found through (app.Matched.Part).
type matchedView struct{ Query, Term, Part, Concept, Label, Via, P string }

// hitConcept is a matched concept: its Dutch head term and its English
// terms a writer may use, preferred first, each with its own status.
type hitConcept struct {
	ID, NL string
	EN     []statusTerm
}

// statusTerm is a term with its own status, for display.
type statusTerm struct {
	Text, Status, StatusLabel string
}

// hitGroup is the hits of one document; a page that is not grouped has
// one group without a title.
type hitGroup struct {
	Title, URL string
	Count      int // the document's hits in the whole result
	Hits       []hitView
}

type facetView struct {
	Label  string
	Values []facetValue
}

type facetValue struct {
	Label, URL string
	Count      int
	Active     bool
	Own        bool // the label is in the page's language (a type in words), not a Dutch name
}

// queryLangs are the values of the search form's language choice.
var queryLangs = []string{"auto", "nl", "en"}

func langChoices(p *page, current string) []choice {
	cs := make([]choice, len(queryLangs))
	for i, l := range queryLangs {
		cs[i] = choice{Value: l, Label: p.T["lang_"+l], Checked: l == current}
	}
	return cs
}

func oneOfOr(v string, vs []string, def string) string {
	for _, x := range vs {
		if v == x {
			return v
		}
	}
	return def
}

func (u *ui) searchPage(c *gin.Context, p *page) error {
	p.name, p.Nav, p.Title = "search", "search", p.T["nav_search"]
	v := &searchView{
		Q:    strings.TrimSpace(c.Query("q")),
		Lang: oneOfOr(c.Query("lang"), queryLangs, "auto"),
		Doc:  c.Query("doc"),
		Sec:  c.Query("section"),
		Type: strings.TrimSpace(c.Query("type")), Dossier: strings.TrimSpace(c.Query("dossier")),
		From: strings.TrimSpace(c.Query("from")), To: strings.TrimSpace(c.Query("to")),
		Sort: oneOfOr(c.Query("sort"), []string{"date"}, ""),
	}
	v.Langs = langChoices(p, v.Lang)
	v.Types = u.docTypes()
	filter := app.DocFilter{Type: v.Type, Dossier: v.Dossier, From: v.From, To: v.To}
	p.Data = v
	if v.Q == "" {
		for _, e := range []struct{ q, lang, note string }{
			{"staatsgrepen", "", "example_inflection"},
			{"sanctions", "", "example_english"},
			{`"constitutionele orde"`, "", "example_phrase"},
			{"staatsgreep -ECOWAS", "", "example_exclude"},
		} {
			v.Examples = append(v.Examples, example{Q: e.q, URL: pageURL("/", "q", e.q, "lang", e.lang), Note: p.T[e.note]})
		}
		return nil
	}
	p.Title = v.Q
	// asked is the page the user asked for, named in the past-the-last
	// message; pg, the page searched, stops at maxPage.
	asked, _ := strconv.Atoi(c.Query("page"))
	asked = max(asked, 1)
	pg := min(asked, maxPage)
	drop := parseDrop(c.QueryArray("drop"))
	drop = drop[:min(len(drop), maxDrop)]
	var qe *index.QueryError
	if _, err := index.ParseQuery(v.Q); errors.As(err, &qe) {
		// The search reads a malformed query leniently; say what it did.
		v.Notice = p.queryProblem(v.Q, qe)
	}
	if err := filter.Check(); err != nil {
		v.Err = &queryNote{Msg: p.T["filter_bad_date"], Title: p.T["filter_bad_date_title"]}
		if errors.Is(err, app.ErrDateOrder) {
			// Both dates are readable: the range ends before it begins.
			v.Err = &queryNote{Msg: fmt.Sprintf(p.T["filter_date_order"], filter.From, filter.To), Title: p.T["filter_date_order_title"]}
		}
		p.status = http.StatusBadRequest
		return nil
	}
	ctx, done, err := u.limit.acquire(c.Request.Context(), v.Q)
	if err != nil {
		return err
	}
	defer done()
	// The first page takes up to pageSlack more hits, so that a result
	// barely over a page needs no second one.
	limit := pageSize
	if pg == 1 {
		limit += pageSlack
	}
	res, err := u.app.BilingualSearch(ctx, app.SearchRequest{
		Q: v.Q, Lang: v.Lang, Limit: limit, Offset: (pg - 1) * pageSize, Doc: v.Doc, Sec: v.Sec,
		Drop: dropForms(u.app.Terms(), drop), Filter: filter, Sort: v.Sort,
	})
	if err != nil {
		var le *index.LimitError
		switch {
		case errors.As(err, &qe):
			v.Err = p.queryProblem(v.Q, qe)
			p.status = http.StatusBadRequest
			return nil
		case errors.As(err, &le):
			v.Err = &queryNote{Msg: le.Msg}
			p.status = http.StatusBadRequest
			return nil
		}
		return err
	}
	onePage := pg == 1 && res.Total <= pageSize+pageSlack
	if !onePage && len(res.Hits) > pageSize {
		res.Hits = res.Hits[:pageSize]
	}
	if asked > pg {
		// Beyond maxPage there is no page to show, however many hits.
		res.Hits = nil
	}
	v.Res = res
	lang := v.Lang
	if lang == "auto" {
		lang = "" // the permalink keeps "auto" implicit
	}
	// hereDropping is this search with other values for some parameters
	// and the given dropped senses; here keeps the current ones.
	hereDropping := func(drops []string, kv ...string) string {
		base := []string{"q", v.Q, "lang", lang, "doc", v.Doc, "section", v.Sec,
			"type", v.Type, "dossier", v.Dossier, "from", v.From, "to", v.To, "sort", v.Sort}
		for i := 0; i+1 < len(kv); i += 2 {
			for j := 0; j < len(base); j += 2 {
				if base[j] == kv[i] {
					base[j+1] = kv[i+1]
				}
			}
			if kv[i] == "page" {
				base = append(base, "page", kv[i+1])
			}
		}
		return searchURL(base, drops)
	}
	here := func(kv ...string) string { return hereDropping(drop, kv...) }

	v.Summary = p.T.countf("search_count", int(res.Total)) + " " + p.T["search_read_as_"+res.Lang]
	if res.Unquoted != "" {
		v.UnquotedURL = here("q", res.Unquoted)
	}
	if res.DidYouMean != "" {
		v.DidYouMeanURL = here("q", res.DidYouMean)
		v.DidYouMeanTyped = res.TypedTotal > 0
	}
	if v.Doc != "" {
		v.Filters = append(v.Filters, activeFilter{p.T["facet_doc"], u.docTitle(v.Doc), here("doc", "")})
	}
	if v.Sec != "" {
		v.Filters = append(v.Filters, activeFilter{p.T["facet_section"], v.Sec, here("section", "")})
	}
	for _, f := range []struct{ label, param, value string }{
		{"meta_type", "type", v.Type}, {"meta_dossier", "dossier", v.Dossier},
		{"filter_from", "from", v.From}, {"filter_to", "to", v.To},
	} {
		if f.value != "" {
			v.Filters = append(v.Filters, activeFilter{p.T[f.label], f.value, here(f.param, "", "page", "")})
		}
	}
	for _, h := range res.Hits {
		hv := hitView{URL: fmt.Sprintf("/documents/%s#p%d", h.Doc, h.Paragraph), Title: h.Title, Section: h.Section, Paragraph: h.Paragraph, Doc: h.Doc}
		if hv.Title == "" {
			hv.Title = h.Doc
		}
		for _, f := range h.Fragments {
			hv.Fragments = append(hv.Fragments, marks(f))
		}
		if len(hv.Fragments) == 0 {
			hv.Fragments = []template.HTML{template.HTML(template.HTMLEscapeString(h.Text))}
		}
		for _, m := range h.Matched {
			via := matchReason(m)
			mv := matchedView{Query: m.Query, Term: m.Term, Part: m.Part, Concept: m.Concept, Via: p.T.or("via_"+via, via)}
			if m.Via == "lexicon" && m.P > 0 {
				mv.P = p.decimal(m.P)
			}
			if m.Concept != "" {
				if hc, ok := u.hitConcept(p, m.Concept); ok {
					mv.Label = hc.label()
					if !slices.ContainsFunc(hv.Concepts, func(x hitConcept) bool { return x.ID == hc.ID }) {
						hv.Concepts = append(hv.Concepts, hc)
					}
				}
			}
			hv.Matched = append(hv.Matched, mv)
		}
		if len(hv.Matched) == 0 {
			// Every hit says why it matched: without the app's account,
			// the words the index found.
			for _, t := range h.Terms {
				if t.Start < t.End && t.End <= len(h.Text) {
					hv.Matched = append(hv.Matched, matchedView{Query: v.Q, Term: h.Text[t.Start:t.End], Via: p.T.or("via_"+t.Field, t.Field)})
				}
			}
		}
		hv.Missing = h.Missing
		v.Hits = append(v.Hits, hv)
	}
	v.Groups = groupHits(v.Hits, res.Facets["doc"], res.Total)
	v.Grouped = len(v.Groups) > 0 && v.Groups[0].Title != ""
	v.Senses, v.Dropped = u.senseLines(p, res.Query, res.Senses, drop, hereDropping)
	for _, f := range []struct{ name, param, current string }{{"doc", "doc", v.Doc}, {"section", "section", v.Sec}} {
		vals := res.Facets[f.name]
		if len(vals) == 0 {
			continue
		}
		fv := facetView{Label: p.T["facet_"+f.name]}
		for _, x := range vals {
			label := x.Value
			if f.name == "doc" {
				label = u.docTitle(x.Value)
			}
			if label == "" {
				label = p.T["no_section"]
			}
			fv.Values = append(fv.Values, facetValue{Label: label, URL: here(f.param, x.Value, "page", ""), Count: x.Count, Active: x.Value == f.current})
		}
		v.Facets = append(v.Facets, fv)
	}
	// The documents' metadata: each value a link that adds its filter.
	df := res.DocFacets
	for _, f := range []struct {
		label  string
		vals   []index.Facet
		url    func(string) string
		active func(string) bool
	}{
		{"meta_type", df.Type, func(x string) string { return here("type", x, "page", "") }, func(x string) bool { return x == v.Type }},
		{"facet_year", df.Year, func(x string) string { return here("from", x, "to", x, "page", "") }, func(x string) bool { return v.From == x && v.To == x }},
		{"meta_dossier", df.Dossier, func(x string) string { return here("dossier", x, "page", "") }, func(x string) bool { return v.Dossier == x }},
	} {
		if len(f.vals) == 0 {
			continue
		}
		fv := facetView{Label: p.T[f.label]}
		for _, x := range f.vals[:min(len(f.vals), maxDocFacetValues)] {
			val := facetValue{Label: x.Value, URL: f.url(x.Value), Count: x.Count, Active: f.active(x.Value)}
			if f.label == "meta_type" {
				// A type in words, as the form's select says it (the facet
				// showed the raw "handelingen").
				val.Label, val.Own = p.T.or("doctype_"+x.Value, x.Value), true
			}
			fv.Values = append(fv.Values, val)
		}
		v.Facets = append(v.Facets, fv)
	}
	v.First = (pg-1)*pageSize + 1
	v.Pages = min(int((res.Total+pageSize-1)/pageSize), maxPage)
	if onePage {
		v.Pages = 1
	}
	v.PageLabel = fmt.Sprintf(p.T["page_of"], pg, v.Pages)
	if pg > 1 {
		prev := ""
		if pg > 2 {
			prev = strconv.Itoa(pg - 1)
		}
		v.PrevURL = here("page", prev)
	}
	if pg < v.Pages {
		v.NextURL = here("page", strconv.Itoa(pg+1))
	}
	if len(res.Hits) == 0 && res.Total > 0 && asked > v.Pages {
		v.PastLast = fmt.Sprintf(p.T["past_last"], asked, v.Pages)
		v.LastURL = here("page", strconv.Itoa(v.Pages))
	}
	return nil
}

// docTypes returns the document types present, sorted.
func (u *ui) docTypes() []string {
	var ts []string
	for _, d := range u.app.Documents() {
		if d.Meta != nil && d.Meta.Type != "" && !slices.Contains(ts, d.Meta.Type) {
			ts = append(ts, d.Meta.Type)
		}
	}
	slices.Sort(ts)
	return ts
}

// docTitle returns a document's title, or its id when it has none or is gone.
func (u *ui) docTitle(id string) string {
	if d, err := u.app.DocumentInfo(id); err == nil && d.Title != "" {
		return d.Title
	}
	return id
}

// matchReason corrects the app's account of a match where it names the
// wrong reason: a Dutch form of the same word (a plural, an inflected
// adjective) is inflection, not a synonym, and the word itself is exact.
func matchReason(m app.Matched) string {
	switch m.Via {
	case "synonym", "stem":
		q, t := strings.TrimSpace(m.Query), strings.TrimSpace(m.Term)
		switch {
		case q == t:
			return "exact"
		case index.Fold(q) == index.Fold(t):
			return "fold"
		case index.Key("nl", q) == index.Key("nl", t):
			return "inflection"
		}
	}
	return m.Via
}

// hitConcept describes a glossary concept for a hit.
func (u *ui) hitConcept(p *page, id string) (hitConcept, bool) {
	c, ok := u.app.Terms().Get(id)
	if !ok {
		return hitConcept{}, false
	}
	return hitConcept{ID: c.ID, NL: headTerm(&c).Text, EN: statusTerms(p, firstChoice(&c, "en"))}, true
}

// label names a concept in a hit's reasons: its first English term, else
// its Dutch head term.
func (hc hitConcept) label() string {
	if len(hc.EN) > 0 {
		return hc.EN[0].Text
	}
	return hc.NL
}

// groupHits groups a page's hits by document, documents in the order of
// their best hit, when one document holds most of the result (at least
// 60 % of it, and more than three hits); otherwise it returns one group
// without a title, in rank order.
func groupHits(hits []hitView, docs []index.Facet, total uint64) []hitGroup {
	dominant := false
	for _, f := range docs {
		if f.Count > 3 && uint64(f.Count)*10 >= total*6 {
			dominant = true
		}
	}
	if !dominant {
		return []hitGroup{{Hits: hits}}
	}
	count := map[string]int{}
	for _, f := range docs {
		count[f.Value] = f.Count
	}
	var gs []hitGroup
	at := map[string]int{}
	for _, h := range hits {
		i, ok := at[h.Doc]
		if !ok {
			i = len(gs)
			at[h.Doc] = i
			gs = append(gs, hitGroup{Title: h.Title, URL: "/documents/" + url.PathEscape(h.Doc), Count: count[h.Doc]})
		}
		gs[i].Hits = append(gs[i].Hits, h)
	}
	return gs
}

// queryNote is a plain account of a malformed query: what is wrong, and
// the part of the query where it is.
// queryNote is a problem with the search's request: Msg and, in the
// query, where (At); Title heads it when the problem is not the query's
// (a date filter), which the syntax help does not help with.
type queryNote struct{ Msg, At, Title string }

// queryProblem says in plain words what is wrong with a query and where:
// the index's messages are for programmers and count bytes.
func (p *page) queryProblem(q string, qe *index.QueryError) *queryNote {
	key := "qerr_other"
	for _, k := range []struct{ has, key string }{
		{"unbalanced quote", "qerr_quote_open"},
		{"closing quote without", "qerr_quote_close"},
		{"empty phrase", "qerr_empty_phrase"},
		{"'(' opened here", "qerr_paren_open"},
		{"')' without '('", "qerr_paren_close"},
		{"empty parentheses", "qerr_empty_parens"},
		{"nested parentheses", "qerr_nested"},
		{"OR needs", "qerr_or"},
		{"is not followed by a term", "qerr_operator"},
		{"take one operator", "qerr_operator"},
		{"apply to the whole group", "qerr_group_operator"},
		{"alternative after OR", "qerr_or_operator"},
		{"'*' is only allowed", "qerr_star"},
		{"fuzziness", "qerr_fuzzy"},
		{"both a prefix", "qerr_prefix_fuzzy"},
		{"boost", "qerr_boost"},
		{"longer than", "qerr_long"},
		{"not valid UTF-8", "qerr_utf8"},
		{"empty query", "qerr_empty"},
	} {
		if strings.Contains(qe.Msg, k.has) {
			key = k.key
			break
		}
	}
	msg := p.T[key]
	if key == "qerr_other" {
		msg = fmt.Sprintf(msg, qe.Msg)
	}
	return &queryNote{Msg: msg, At: queryContext(q, qe.Pos)}
}

// queryContext returns the query from byte pos to the end of the word
// there, at most 30 bytes, cut at a character boundary.
func queryContext(q string, pos int) string {
	if pos < 0 || pos >= len(q) {
		return ""
	}
	for pos > 0 && !utf8.RuneStart(q[pos]) {
		pos--
	}
	rest := q[pos:]
	if i := strings.IndexAny(rest[min(1, len(rest)):], " \t"); i >= 0 {
		rest = rest[:i+1]
	}
	if len(rest) > 30 {
		cut := 30
		for cut > 0 && !utf8.RuneStart(rest[cut]) {
			cut--
		}
		rest = rest[:cut] + "…"
	}
	return rest
}
