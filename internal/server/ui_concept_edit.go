package server

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/app"
)

// blankTermRows is how many empty term rows the edit form offers beyond
// the concept's terms: more are added by saving and editing again.
const blankTermRows = 3

// maxFormRows bounds the term rows a form may send.
const maxFormRows = 500

// conceptEditView is what concept_edit.html shows: the concept's fields
// as the form holds them (as stored on GET, as sent after a refused
// POST), and what went wrong.
type conceptEditView struct {
	New         bool   // a new concept: no id yet, nothing to delete
	ID          string // the concept's id (New: what the user typed, if anything)
	Heading     string
	HeadingLang string // the language of Heading
	Rev         string // app.Revision of the concept the form was filled from
	Disabled    bool   // no tokens: writes are off
	Errors      []string

	Subject, Note, Source, Reliability string
	Definitions                        []editDefinition
	Rows                               []editRow
	Subjects                           []string // for the subject's datalist
	Langs, Statuses, POS, Articles     []editOption
	Reliabilities                      []editOption
}

type editDefinition struct{ Lang, Name, Text string }

// editRow is one term row of the form. Orig is the term's position among
// the stored concept's terms (its fields the form does not show — type,
// variant, context, source — are kept from there), -1 for a new row.
type editRow struct {
	N                                              int // 1-based row number, as the errors name it
	Idx                                            int // N-1: the row's form fields are t<Idx>_…
	Orig                                           int
	Lang, Text, Status, POS, Article, Plural, Note string
	Remove                                         bool
}

type editOption struct{ Value, Label string }

// conceptEditPage is GET and POST /glossary/:id/edit and /glossary/new: a
// form to change a concept's definitions, note, source, reliability and
// terms (add, change, remove), or to make a new one, gated by the API's
// tokens (typed into the form: the interface has no sessions). A save
// names the revision the form was filled from, so a concept changed by
// someone else meanwhile is not overwritten; a refused save shows every
// problem, names the term row, and keeps what was typed. The change is
// the API's PUT or POST, recorded in the concept's history under the
// token's name. It works without JavaScript.
func (s *Server) conceptEditPage(c *gin.Context, p *page) error {
	p.name, p.Nav = "concept_edit", "glossary"
	id := c.Param("id")
	v := &conceptEditView{New: id == "", Disabled: len(s.opt.Tokens) == 0}
	var stored glossary.Concept
	if !v.New {
		var ok bool
		if stored, ok = s.app.Terms().Get(id); !ok {
			return word(errNotFound(fmt.Sprintf("no concept %q", id)), "no_concept", id)
		}
	}
	s.editOptions(v, p)
	p.Data = v
	if c.Request.Method != http.MethodPost {
		if v.New {
			p.Title = p.T["concept_new"]
			fillEditView(v, p, glossary.Concept{Collection: glossary.CollectionUser})
		} else {
			p.Title = fmt.Sprintf(p.T["concept_edit_title"], headTerm(&stored).Text)
			fillEditView(v, p, stored)
			v.Rev = app.Revision(stored)
		}
		return nil
	}

	if err := c.Request.ParseForm(); err != nil {
		return formError(err)
	}
	form := c.Request.PostForm
	readEditForm(v, p, form)
	if v.New {
		p.Title = p.T["concept_new"]
		v.ID = strings.TrimSpace(form.Get("id"))
	} else {
		p.Title = fmt.Sprintf(p.T["concept_edit_title"], headTerm(&stored).Text)
		// The breadcrumb and the form's action name the stored concept
		// (a refused save showed "Termenlijst ›  ›" and posted to
		// /glossary//edit).
		v.ID, v.Heading, v.HeadingLang = stored.ID, headTerm(&stored).Text, termLang(headTerm(&stored))
	}
	name, ok := s.tokenName(form.Get("token"))
	if !ok {
		p.status = http.StatusUnauthorized
		v.Errors = []string{p.T["concept_bad_token"]}
		if form.Get("token") == "" {
			v.Errors = []string{p.T["concept_no_token"]}
		}
		return nil
	}

	if !v.New && form.Get("delete") != "" {
		if form.Get("confirm") == "" {
			p.status = http.StatusBadRequest
			v.Errors = []string{p.T["concept_delete_confirm"]}
			return nil
		}
		err := s.app.DeleteConceptIf(id, name, app.Precondition{Revisions: []string{v.Rev}})
		if err != nil {
			return s.editRefused(v, p, err, nil)
		}
		redirect(c, "/glossary?deleted="+id)
		return nil
	}

	con, rowOf, problems := buildConcept(v, p, stored)
	if len(problems) > 0 {
		p.status = http.StatusUnprocessableEntity
		v.Errors = problems
		return nil
	}
	var err error
	if v.New {
		con.ID = v.ID
		con, err = s.app.CreateConcept(con, name)
	} else {
		con, err = s.app.UpdateConceptIf(con, name, app.Precondition{Revisions: []string{v.Rev}})
	}
	if err != nil {
		return s.editRefused(v, p, err, rowOf)
	}
	redirect(c, "/glossary/"+con.ID+"?saved=1")
	return nil
}

// redirect answers a form's POST with 303 See Other to the page to show
// (Post/Redirect/Get: reloading it does not send the form again).
// http.Redirect writes no body for a POST, so the header is sent now:
// ui.handle renders no page for an answer already written.
func redirect(c *gin.Context, to string) {
	c.Redirect(http.StatusSeeOther, to)
	c.Writer.WriteHeaderNow()
}

// editRefused shows why the store refused a save: a field's problem on
// the form (the term row named), a concept changed meanwhile, an id in
// use; other errors go to the error page.
func (s *Server) editRefused(v *conceptEditView, p *page, err error, rowOf []int) error {
	var fe *glossary.FieldError
	switch {
	case errors.As(err, &fe):
		p.status = http.StatusUnprocessableEntity
		v.Errors = []string{fieldProblem(p, fe, rowOf)}
	case errors.Is(err, app.ErrStale), errors.Is(err, app.ErrConflict):
		p.status = http.StatusConflict
		v.Errors = []string{p.T["concept_stale"]}
	default:
		ae := classify(err)
		if ae == nil || ae.Status >= 500 {
			return err
		}
		rf := p.refuse(err)
		p.status = ae.Status
		v.Errors = []string{rf.String()}
	}
	return nil
}

var termField = regexp.MustCompile(`^terms\[(\d+)\](?:\.(\w+))?$`)

// fieldProblem words a glossary.FieldError for the form: a term's
// problem names its row as the form numbers it (rowOf maps the concept's
// term positions to form rows).
func fieldProblem(p *page, fe *glossary.FieldError, rowOf []int) string {
	row := func(i int) int {
		if i >= 0 && i < len(rowOf) {
			return rowOf[i]
		}
		return i + 1
	}
	if m := termField.FindStringSubmatch(fe.Field); m != nil {
		if i, err := strconv.Atoi(m[1]); err == nil && i < len(rowOf) {
			field := m[2]
			if field == "" {
				field = "term"
			}
			return fmt.Sprintf(p.T["concept_row_problem"], rowOf[i], p.T.or("field_"+field, field), p.problemText(fe, row))
		}
	}
	return p.fieldText(fe, row)
}

func (s *Server) editOptions(v *conceptEditView, p *page) {
	for _, l := range glossary.Languages {
		v.Langs = append(v.Langs, editOption{l, p.T.or("lang_name_"+l, l)})
	}
	v.Statuses = []editOption{{"", "—"}}
	for _, st := range []glossary.Status{glossary.Preferred, glossary.Admitted, glossary.Deprecated, glossary.Superseded} {
		v.Statuses = append(v.Statuses, editOption{string(st), p.T.or("status_"+string(st), string(st))})
	}
	v.POS = []editOption{{"", "—"}}
	for _, pos := range glossary.PartsOfSpeech {
		v.POS = append(v.POS, editOption{pos, p.T.or("pos_"+pos, pos)})
	}
	v.Articles = []editOption{{"", "—"}, {"de", "de"}, {"het", "het"}}
	v.Reliabilities = []editOption{{"", "—"}}
	for n := 1; n <= 4; n++ {
		v.Reliabilities = append(v.Reliabilities, editOption{strconv.Itoa(n), fmt.Sprintf("%d/4", n)})
	}
	seen := map[string]bool{}
	for _, con := range s.app.Terms().All() {
		if con.Subject != "" && !seen[con.Subject] {
			seen[con.Subject] = true
			v.Subjects = append(v.Subjects, con.Subject)
		}
	}
	slices.Sort(v.Subjects)
}

// fillEditView fills the form from a stored concept.
func fillEditView(v *conceptEditView, p *page, con glossary.Concept) {
	v.ID, v.Heading, v.HeadingLang = con.ID, headTerm(&con).Text, termLang(headTerm(&con))
	v.Subject, v.Note, v.Source = con.Subject, con.Note, con.Source
	if con.Reliability > 0 {
		v.Reliability = strconv.Itoa(con.Reliability)
	}
	for _, l := range []string{"nl", "en"} {
		v.Definitions = append(v.Definitions, editDefinition{l, p.T.or("lang_name_"+l, l), con.Definition[l]})
	}
	for i, t := range con.Terms {
		v.Rows = append(v.Rows, editRow{N: i + 1, Idx: i, Orig: i, Lang: t.Lang, Text: t.Text, Status: string(t.Status),
			POS: t.POS, Article: t.Article, Plural: t.Plural, Note: t.Note})
	}
	for range blankTermRows {
		lang := "nl"
		if len(v.Rows)%2 == 1 {
			lang = "en"
		}
		v.Rows = append(v.Rows, editRow{N: len(v.Rows) + 1, Idx: len(v.Rows), Orig: -1, Lang: lang})
	}
}

// readEditForm fills the form from what was sent, so that a refused save
// shows it again as typed. A browser sends a textarea's line breaks as
// CRLF (HTML's form submission): they are read as the LF they were
// stored as, so that saving an untouched form changes nothing.
func readEditForm(v *conceptEditView, p *page, form map[string][]string) {
	get := func(k string) string {
		if vs := form[k]; len(vs) > 0 {
			return strings.ReplaceAll(strings.ReplaceAll(vs[0], "\r\n", "\n"), "\r", "\n")
		}
		return ""
	}
	v.Rev = get("rev")
	v.Subject, v.Note, v.Source, v.Reliability = get("subject"), get("note"), get("source"), get("reliability")
	for _, l := range []string{"nl", "en"} {
		v.Definitions = append(v.Definitions, editDefinition{l, p.T.or("lang_name_"+l, l), get("def_" + l)})
	}
	n, _ := strconv.Atoi(get("rows"))
	n = min(max(n, 0), maxFormRows)
	for i := range n {
		k := fmt.Sprintf("t%d_", i)
		orig, err := strconv.Atoi(get(k + "orig"))
		if err != nil {
			orig = -1
		}
		v.Rows = append(v.Rows, editRow{N: i + 1, Idx: i, Orig: orig, Lang: get(k + "lang"), Text: get(k + "text"),
			Status: get(k + "status"), POS: get(k + "pos"), Article: get(k + "article"), Plural: get(k + "plural"),
			Note: get(k + "note"), Remove: get(k+"remove") != ""})
	}
}

// buildConcept makes the concept the form describes on the stored one
// (whose id, collection, dates and the terms' hidden fields it keeps). A
// row without text, or ticked for removal, gives no term. rowOf maps each
// term to the form row it came from. problems are what the form itself
// gets wrong (a reliability out of range, a row naming a term that no
// longer exists).
func buildConcept(v *conceptEditView, p *page, stored glossary.Concept) (con glossary.Concept, rowOf []int, problems []string) {
	con = stored
	if con.Collection == "" {
		con.Collection = glossary.CollectionUser
	}
	con.Subject, con.Note, con.Source = strings.TrimSpace(v.Subject), strings.TrimSpace(v.Note), strings.TrimSpace(v.Source)
	con.Reliability = 0
	if r := strings.TrimSpace(v.Reliability); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil || n < 1 || n > 4 {
			problems = append(problems, fmt.Sprintf("%s: %q %s", p.T["reliability"], r, p.T["concept_reliability_range"]))
		}
		con.Reliability = n
	}
	con.Definition = map[string]string{}
	for l, d := range stored.Definition {
		con.Definition[l] = d // languages the form does not show are kept
	}
	for _, d := range v.Definitions {
		if t := strings.TrimSpace(d.Text); t != "" {
			con.Definition[d.Lang] = t
		} else {
			delete(con.Definition, d.Lang)
		}
	}
	if len(con.Definition) == 0 {
		con.Definition = nil
	}
	con.Terms = nil
	for _, r := range v.Rows {
		text := strings.TrimSpace(r.Text)
		if r.Remove || text == "" {
			continue
		}
		var t glossary.Term
		if r.Orig >= 0 {
			if r.Orig >= len(stored.Terms) {
				problems = append(problems, fmt.Sprintf(p.T["concept_row_problem"], r.N, p.T["term"], p.T["concept_stale"]))
				continue
			}
			t = stored.Terms[r.Orig]
		}
		if t.Lang != r.Lang && t.Variant != "" {
			t.Variant = "" // a variant of the term's former language
		}
		t.Lang, t.Text, t.Status, t.POS = r.Lang, text, glossary.Status(r.Status), r.POS
		t.Article, t.Plural, t.Note = r.Article, strings.TrimSpace(r.Plural), strings.TrimSpace(r.Note)
		if t.Lang != "nl" {
			t.Article = "" // articles are Dutch nouns' only
		}
		con.Terms = append(con.Terms, t)
		rowOf = append(rowOf, r.N)
	}
	if len(con.Terms) == 0 {
		problems = append(problems, p.T["concept_no_terms"])
	}
	return con, rowOf, problems
}
