package server

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
)

// checkView is the check page: the two texts with every concept's
// occurrences marked, and a row per concept checked, as a QA tool
// (Xbench, Verifika) shows them.
type checkView struct {
	NL, EN         string
	Err            string
	Done           bool
	Summary        string // "Glossary concepts in the source: n. Issues found: k."
	Counts         string // passed, missing, deprecated
	NLSegs, ENSegs []checkSeg
	Rows           []checkRow
	// Usage is what the TM usually says for the source's terms where
	// that is not the glossary's preferred English (App.TMUsage), and
	// Unchecked, when not empty, how many concepts it did not get to.
	Usage     []usageRow
	Unchecked string
}

// usageRow is one "other usage" of the TM.
type usageRow struct {
	Concept, NLTerm, Usual, Pairs, Preferred string
}

// checkSeg is a stretch of one of the texts: plain, or an occurrence of
// a checked concept (Kind set).
type checkSeg struct {
	Text, Kind, Concept, Title string
}

// checkRow is the verdict on one concept.
type checkRow struct {
	Concept, NLTerm, NLForms, Expected, Found, Kind, KindLabel string
}

func (u *ui) checkPage(c *gin.Context, p *page) error {
	p.name, p.Nav, p.Title = "check", "check", p.T["check_title"]
	v := &checkView{}
	p.Data = v
	if c.Request.Method != http.MethodPost {
		return nil
	}
	if err := readForm(c); err != nil {
		return err
	}
	v.NL, v.EN = normText(c.Request.PostForm.Get("nl")), normText(c.Request.PostForm.Get("en"))
	if strings.TrimSpace(v.NL) == "" || strings.TrimSpace(v.EN) == "" {
		v.Err, p.status = p.T["check_need_both"], http.StatusBadRequest
		return nil
	}
	v.Done = true
	all := u.app.CheckAll(v.NL, v.EN)
	var nlSpans, enSpans []markSpan
	n := map[string]int{}
	for _, cc := range all {
		n[cc.Kind]++
		label := p.T.or("kind_"+cc.Kind, cc.Kind)
		r := checkRow{Concept: cc.Concept, NLTerm: cc.NLTerm, Expected: strings.Join(cc.Expected, " / "), Kind: cc.Kind, KindLabel: label}
		for _, s := range cc.NL {
			nlSpans = append(nlSpans, markSpan{s.Start, s.End, cc.Kind, cc.Concept, cc.NLTerm + " — " + label})
		}
		for _, s := range cc.EN {
			enSpans = append(enSpans, markSpan{s.Start, s.End, cc.Kind, cc.Concept, cc.NLTerm + " — " + s.Term + " (" + p.T.or("status_"+string(s.Status), string(s.Status)) + ")"})
		}
		r.NLForms, r.Found = strings.Join(spanForms(cc.NL), ", "), strings.Join(spanForms(cc.EN), ", ")
		if r.Found == "" {
			r.Found = "—"
		}
		v.Rows = append(v.Rows, r)
	}
	// Problems first, each kind in source order; then what passed.
	rank := map[string]int{match.KindDeprecated: 0, match.KindMissing: 1, match.KindPassed: 2}
	slices.SortStableFunc(v.Rows, func(a, b checkRow) int { return rank[a.Kind] - rank[b.Kind] })
	v.NLSegs, v.ENSegs = markSegs(v.NL, nlSpans), markSegs(v.EN, enSpans)
	v.Summary = fmt.Sprintf(p.T["check_summary"], len(all), n[match.KindMissing]+n[match.KindDeprecated])
	v.Counts = fmt.Sprintf(p.T["check_counts"], n[match.KindPassed], n[match.KindMissing], n[match.KindDeprecated])
	// The TM's usage, as the API's check answers it; a TM that cannot be
	// read leaves the section out (the API says why).
	if usage, unchecked, err := u.app.TMUsage(c.Request.Context(), all); err == nil {
		for _, o := range usage {
			v.Usage = append(v.Usage, usageRow{o.Concept, o.NLTerm, o.Usual, fmt.Sprintf(p.T["check_usage_pairs_of"], o.Count, o.Total), o.Preferred})
		}
		if unchecked > 0 {
			v.Unchecked = p.T.countf("check_usage_unchecked", unchecked)
		}
	}
	return nil
}

// spanForms returns the distinct forms of a concept's spans in a text,
// in order: a verb apart from its rest as "voert … uit".
func spanForms(spans []match.Span) []string {
	var out []string
	for i := 0; i < len(spans); i++ {
		f := spans[i].Text
		if spans[i].Verb && i+1 < len(spans) {
			i++
			f = match.JoinApart(f, spans[i].Text)
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// markSpan is an occurrence to mark in a text.
type markSpan struct {
	start, end           int
	kind, concept, title string
}

// markSegs cuts text into plain and marked segments. Spans of different
// concepts may overlap (coup in "military coup"): the one starting first,
// then the longer, is marked, and the others inside it are not.
func markSegs(text string, spans []markSpan) []checkSeg {
	slices.SortStableFunc(spans, func(a, b markSpan) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var out []checkSeg
	at := 0
	for _, s := range spans {
		if s.start < at || s.end > len(text) {
			continue
		}
		if s.start > at {
			out = append(out, checkSeg{Text: text[at:s.start]})
		}
		out = append(out, checkSeg{Text: text[s.start:s.end], Kind: s.kind, Concept: s.concept, Title: s.title})
		at = s.end
	}
	if at < len(text) {
		out = append(out, checkSeg{Text: text[at:]})
	}
	return out
}

// statusTermRow is one term of the do-not-use list: the term itself, its
// concept and what to use instead.
type statusTermRow struct {
	ID, Head, Text, Lang, LangName, Status, StatusLabel, Use string
	HeadLang                                                 string // the language of Head, the concept's head term
}

// statusTermRows lists the terms of status st themselves (not their
// concepts' preferred terms), for the glossary page's deprecated and
// superseded filters.
func statusTermRows(p *page, tb *glossary.Termbase, st glossary.Status, subject, collection string) []statusTermRow {
	var rows []statusTermRow
	for _, e := range tb.TermsWithStatus(st, collection) {
		if subject != "" {
			if c, ok := tb.Get(e.Concept); !ok || c.Subject != subject {
				continue
			}
		}
		use := make([]string, len(e.Use))
		for i, t := range e.Use {
			use[i] = t.Text
		}
		headLang := "nl"
		if c, ok := tb.Get(e.Concept); ok {
			headLang = termLang(headTerm(&c))
		}
		rows = append(rows, statusTermRow{ID: e.Concept, Head: e.Head, HeadLang: headLang, Text: e.Term.Text, Lang: e.Term.Lang,
			LangName: p.T.or("lang_name_"+e.Term.Lang, e.Term.Lang), Status: string(e.Term.Status),
			StatusLabel: p.T.or("status_"+string(e.Term.Status), string(e.Term.Status)), Use: strings.Join(use, "; ")})
	}
	return rows
}

// adviceText says, in the interface language, that a lookup landed on a
// deprecated or superseded term and what to use instead ("convict is
// deprecated for veroordelen: use condemn."), or "" for any other term.
func adviceText(p *page, m *glossary.Match) string {
	if m.TermStatus != glossary.Deprecated && m.TermStatus != glossary.Superseded {
		return ""
	}
	other := "nl"
	if m.TermLang == "nl" {
		other = "en"
	}
	head := m.ID
	if h := glossary.UseInstead(&m.Concept, other); len(h) > 0 {
		head = h[0].Text
	}
	use := strings.Join(m.Use, " / ")
	if use == "" {
		use = "—"
	}
	return fmt.Sprintf(p.T["advice"], m.Term, p.T.or("status_"+string(m.TermStatus), string(m.TermStatus)), head, use)
}
