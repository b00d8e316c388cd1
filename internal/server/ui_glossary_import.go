package server

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/exchange"
)

// importView is what glossary_import.html shows: the form as sent, and
// after a POST the import's result or why it was refused.
type importView struct {
	Disabled   bool // no tokens: writes are off
	Collection string
	Format     string // "": told from the file
	Replace    bool
	Formats    []string // the formats an import reads
	Error      string   // the form itself is wrong (no token, no file)
	Refusal    *refusal // the import was refused
	Result     *importResultView
}

// importResultView is a done import as the page says it.
type importResultView struct {
	Done, Deleted, Encoding string
	Collection              string
	Warnings                []refusal
}

// glossaryImportPage is GET and POST /glossary/import: a form to import
// a term list (TBX, CSV, XLSX, OmegaT, TSV, JSON, FreeDict) into a
// collection, as POST /api/v1/glossary/import does, gated by the API's
// tokens typed into the form; it shows the counts and the warnings, each
// naming its row, or why the file was refused, in the interface's
// language. It works without JavaScript.
func (s *Server) glossaryImportPage(c *gin.Context, p *page) error {
	p.name, p.Nav, p.Title = "glossary_import", "glossary", p.T["import_title"]
	v := &importView{Disabled: len(s.opt.Tokens) == 0, Collection: "import"}
	for _, f := range exchange.Formats() {
		if f.Import {
			v.Formats = append(v.Formats, string(f.Name))
		}
	}
	p.Data = v
	if c.Request.Method != http.MethodPost {
		return nil
	}
	refused := func(err error) error {
		rf := p.refuse(err)
		if rf.Status >= 500 {
			s.log.Error("glossary import failed", "path", c.Request.URL.Path, "err", err)
		}
		p.status, v.Refusal = rf.Status, &rf
		return nil
	}
	// The file's limit, and room for the form's other fields.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxImportBytes+1<<20)
	s.formDeadlines(c)
	form, err := c.MultipartForm()
	if err != nil {
		var mbe *http.MaxBytesError
		if !errors.As(err, &mbe) {
			err = errBadRequest("the form cannot be read: " + err.Error())
		}
		return refused(err)
	}
	get := func(k string) string {
		if vs := form.Value[k]; len(vs) > 0 {
			return vs[0]
		}
		return ""
	}
	v.Collection, v.Format = strings.TrimSpace(get("collection")), get("format")
	v.Replace, _ = strconv.ParseBool(get("replace"))
	name, ok := s.tokenName(get("token"))
	switch {
	case !ok:
		p.status = http.StatusUnauthorized
		v.Error = p.T["import_bad_token"]
		if get("token") == "" {
			v.Error = p.T["import_no_token"]
		}
		return nil
	case len(form.File["file"]) == 0:
		p.status = http.StatusBadRequest
		v.Error = p.T["import_no_file"]
		return nil
	case v.Collection == glossary.CollectionCurated:
		p.status = http.StatusBadRequest
		v.Error = p.T["import_curated"]
		return nil
	}
	fh := form.File["file"][0]
	data, err := readPart(fh, maxImportBytes)
	if err != nil {
		return refused(err)
	}
	res, err := s.importConcepts(glossaryImport{Name: fh.Filename, Data: data, Format: v.Format,
		Collection: v.Collection, Replace: v.Replace, By: name})
	if err != nil {
		return refused(err)
	}
	r := &importResultView{Collection: res.Collection,
		Done: p.T.countf("import_done", res.Imported, res.Imported, fh.Filename, res.Collection)}
	if v.Replace {
		r.Deleted = p.T.countf("import_deleted", res.Deleted)
	}
	if res.Left.Encoding != "" {
		r.Encoding = fmt.Sprintf(p.T["import_encoding"], res.Left.Encoding)
	}
	for _, w := range res.Warnings {
		r.Warnings = append(r.Warnings, p.warning(w))
	}
	v.Result = r
	return nil
}

// warning words an import's warning for the page: its kind in the
// interface's language, its row, and the server's English message, which
// names the term, as the detail. An English interface shows the message.
func (p *page) warning(w glossary.Warning) refusal {
	text, ok := p.T["import_warn_"+w.Kind]
	if !ok || p.UI == apiLang {
		return refusal{Text: w.Message}
	}
	if w.Where != "" {
		text = p.place(w.Where) + ": " + text
	}
	return refusal{Text: text, Detail: w.Message, DetailLabel: p.T["refusal_detail"]}
}

// The places the readers name in a warning (glossary.Warning.Where).
var (
	placeLine = regexp.MustCompile(`^line (\d+)$`)            // CSV, TSV, TBX
	placeRow  = regexp.MustCompile(`^sheet (.+), row (\d+)$`) // XLSX
)

// place says where a warning's row is in the interface's language
// ("regel 3", "blad Termen, rij 4"); a place of another form stays as
// the reader wrote it.
func (p *page) place(where string) string {
	if m := placeLine.FindStringSubmatch(where); m != nil {
		n, _ := strconv.Atoi(m[1])
		return fmt.Sprintf(p.T["where_line"], n)
	}
	if m := placeRow.FindStringSubmatch(where); m != nil {
		n, _ := strconv.Atoi(m[2])
		return fmt.Sprintf(p.T["where_sheet_row"], m[1], n)
	}
	return where
}
