package server

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
)

// Search pages show pageSize hits; paging stops at maxPage, far beyond
// what anyone reads, so that a crafted page number cannot make the index
// collect an enormous result window.
const (
	pageSize = 10
	maxPage  = 100
)

// choice is one option of a radio group or select.
type choice struct {
	Value, Label string
	Checked      bool
}

type searchView struct {
	Q, Lang, Doc, Sec string
	Langs             []choice
	Err               string
	Examples          []example
	Res               *app.SearchResult
	Summary           string
	DidYouMeanURL     string
	Filters           []activeFilter
	Hits              []hitView
	Facets            []facetView
	First             int // ordinal of the first hit on this page
	Pages             int
	PageLabel         string
	PrevURL, NextURL  string
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
}

// senseChip is one Dutch sense: a glossary term (with its plural and
// inflected forms), a lexicon translation (an index key) or the word as
// written.
type senseChip struct {
	Text    string
	Key     bool   // Text is an index key (a stem)
	P       string // the probability, for lexicon senses
	Via     string
	Status  string // the glossary term's status label
	Concept string
	Forms   string // other forms of a glossary term searched with it
	DropURL string
}

// droppedSense is a sense the user dropped and the link that restores it.
type droppedSense struct{ Text, RestoreURL string }

type example struct{ Q, URL, Note string }

type activeFilter struct{ Label, Value, RemoveURL string }

type hitView struct {
	URL, Title, Section string
	Paragraph           int
	Fragments           []template.HTML
	Matched             []matchedView
}

type matchedView struct{ Query, Term, Concept, Via, P string }

type facetView struct {
	Label  string
	Values []facetValue
}

type facetValue struct {
	Label, URL string
	Count      int
	Active     bool
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
	}
	v.Langs = langChoices(p, v.Lang)
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
	pg, _ := strconv.Atoi(c.Query("page"))
	pg = min(max(pg, 1), maxPage)
	drop := parseDrop(c.QueryArray("drop"))
	drop = drop[:min(len(drop), maxDrop)]
	ctx, done, err := u.limit.acquire(c.Request.Context(), v.Q)
	if err != nil {
		return err
	}
	defer done()
	res, err := u.app.BilingualSearch(ctx, app.SearchRequest{
		Q: v.Q, Lang: v.Lang, Limit: pageSize, Offset: (pg - 1) * pageSize, Doc: v.Doc, Sec: v.Sec,
		Drop: dropForms(u.app.Terms(), drop),
	})
	if err != nil {
		var qe *index.QueryError
		var le *index.LimitError
		switch {
		case errors.As(err, &qe):
			v.Err = queryMessage(qe)
			p.status = http.StatusBadRequest
			return nil
		case errors.As(err, &le):
			v.Err = le.Msg
			p.status = http.StatusBadRequest
			return nil
		}
		return err
	}
	v.Res = res
	lang := v.Lang
	if lang == "auto" {
		lang = "" // the permalink keeps "auto" implicit
	}
	// hereDropping is this search with other values for some parameters
	// and the given dropped senses; here keeps the current ones.
	hereDropping := func(drops []string, kv ...string) string {
		base := []string{"q", v.Q, "lang", lang, "doc", v.Doc, "section", v.Sec}
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

	count := p.T["search_count"]
	if res.Total == 1 {
		count = p.T["search_count_one"]
	}
	v.Summary = fmt.Sprintf(count, res.Total) + " " + p.T["search_read_as_"+res.Lang]
	if res.DidYouMean != "" {
		v.DidYouMeanURL = here("q", res.DidYouMean)
	}
	if v.Doc != "" {
		v.Filters = append(v.Filters, activeFilter{p.T["facet_doc"], u.docTitle(v.Doc), here("doc", "")})
	}
	if v.Sec != "" {
		v.Filters = append(v.Filters, activeFilter{p.T["facet_section"], v.Sec, here("section", "")})
	}
	for _, h := range res.Hits {
		hv := hitView{URL: fmt.Sprintf("/documents/%s#p%d", h.Doc, h.Paragraph), Title: h.Title, Section: h.Section, Paragraph: h.Paragraph}
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
			mv := matchedView{m.Query, m.Term, m.Concept, p.T.or("via_"+m.Via, m.Via), ""}
			if m.Via == "lexicon" && m.P > 0 {
				mv.P = p.decimal(m.P)
			}
			hv.Matched = append(hv.Matched, mv)
		}
		v.Hits = append(v.Hits, hv)
	}
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
	v.First = (pg-1)*pageSize + 1
	v.Pages = min(int((res.Total+pageSize-1)/pageSize), maxPage)
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
	return nil
}

// docTitle returns a document's title, or its id when it has none or is gone.
func (u *ui) docTitle(id string) string {
	if d, err := u.app.DocumentInfo(id); err == nil && d.Title != "" {
		return d.Title
	}
	return id
}
