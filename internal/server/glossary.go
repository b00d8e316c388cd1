package server

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/exchange"
	"github.com/tolk-nl/tolk/glossary/table"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/store"
)

func (s *Server) lookupGlossary(c *gin.Context) error {
	limit, err := intParam(c, "limit", 20, 1000)
	if err != nil {
		return err
	}
	offset, err := intParam(c, "offset", 0, 1_000_000)
	if err != nil {
		return err
	}
	lang := queryDefault(c, "lang", "auto")
	if lang != "auto" && lang != "" && !slices.Contains(glossary.Languages, lang) {
		return errBadRequest(fmt.Sprintf("lang must be auto or one of %s, not %q", strings.Join(glossary.Languages, ", "), lang))
	}
	if err := s.app.GlossaryCollection(c.Query("collection")); err != nil {
		return err
	}
	res, err := s.app.Terms().Lookup(glossary.LookupRequest{
		Q: c.Query("q"), Lang: lang, Mode: c.DefaultQuery("mode", "auto"),
		Collection: c.Query("collection"), Status: glossary.Status(c.Query("status")),
		Limit: limit, Offset: offset,
	})
	if err != nil {
		return errBadRequest(err.Error())
	}
	type conceptHit struct {
		glossary.Concept
		Score  float64         `json:"score,omitempty"`
		Via    string          `json:"via,omitempty"`
		Term   string          `json:"matched_term,omitempty"`
		Lang   string          `json:"matched_lang,omitempty"`
		Status glossary.Status `json:"matched_status,omitempty"`
		Use    []string        `json:"use,omitempty"`
		Advice string          `json:"advice,omitempty"`
	}
	out := make([]conceptHit, len(res.Concepts))
	for i, m := range res.Concepts {
		out[i] = conceptHit{m.Concept, m.Score, m.Via, m.Term, m.TermLang, m.TermStatus, m.Use, m.Advice()}
	}
	c.JSON(http.StatusOK, gin.H{"total": res.Total, "concepts": out})
	return nil
}

func (s *Server) suggestGlossary(c *gin.Context) error {
	limit, err := intParam(c, "limit", 10, 100)
	if err != nil {
		return err
	}
	sg := s.app.Terms().Suggest(c.Query("prefix"), limit)
	if sg == nil {
		sg = []glossary.Suggestion{}
	}
	c.JSON(http.StatusOK, gin.H{"suggestions": sg})
	return nil
}

func (s *Server) glossaryCollections(c *gin.Context) error {
	c.JSON(http.StatusOK, gin.H{"collections": s.app.Terms().Collections()})
	return nil
}

// deleteCollection removes every concept of an imported or hand-made
// collection at once (an import undone), all or nothing; each concept's
// history records the delete.
func (s *Server) deleteCollection(c *gin.Context) error {
	name := c.Param("name")
	if name == glossary.CollectionCurated {
		return errBadRequest("the curated collection cannot be deleted whole; delete its concepts one by one")
	}
	n, err := s.app.DeleteCollection(name, who(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"collection": name, "deleted": n})
	return nil
}

func (s *Server) getConcept(c *gin.Context) error {
	con, ok := s.app.Terms().Get(c.Param("id"))
	if !ok {
		return errNotFound(fmt.Sprintf("no concept %q", c.Param("id")))
	}
	setETag(c, con)
	c.JSON(http.StatusOK, con)
	return nil
}

// setETag sends the concept's revision as the answer's ETag.
func setETag(c *gin.Context, con glossary.Concept) { c.Header("ETag", `"`+app.Revision(con)+`"`) }

// precondition reads a write's If-Match header (a list of the ETags GET
// sends, or *) into what the stored concept must be; modified is the
// modified time of the concept in the body, if any. A weak tag (W/) never
// matches: a concept's tag is strong.
func precondition(c *gin.Context, modified time.Time) (app.Precondition, error) {
	p := app.Precondition{Modified: modified}
	h := strings.TrimSpace(c.GetHeader("If-Match"))
	if h == "" {
		return p, nil
	}
	for _, tag := range strings.Split(h, ",") {
		tag = strings.TrimSpace(tag)
		switch {
		case tag == "*":
			p.Revisions = append(p.Revisions, "*")
		case strings.HasPrefix(tag, "W/"):
			p.Revisions = append(p.Revisions, tag) // never a revision: it never matches
		case len(tag) >= 2 && tag[0] == '"' && tag[len(tag)-1] == '"':
			p.Revisions = append(p.Revisions, tag[1:len(tag)-1])
		default:
			return p, errBadRequest(fmt.Sprintf("If-Match: %q is not an entity tag (\"…\" as GET's ETag, or *)", tag))
		}
	}
	return p, nil
}

func (s *Server) conceptHistory(c *gin.Context) error {
	id := c.Param("id")
	h, err := s.app.History(id)
	if err != nil {
		return err
	}
	if _, ok := s.app.Terms().Get(id); !ok && len(h) == 0 {
		return errNotFound(fmt.Sprintf("no concept %q", id))
	}
	if h == nil {
		h = []store.Change{} // a list, not null, for a concept never edited
	}
	c.JSON(http.StatusOK, gin.H{"id": id, "history": h})
	return nil
}

// readConcept decodes a concept from the body, refusing unknown fields so
// that a misspelt field is an error rather than silently lost.
func readConcept(c *gin.Context) (glossary.Concept, error) {
	var con glossary.Concept
	err := readJSON(c, maxJSONBytes, &con, jsonOptions{what: "a concept", strict: true})
	return con, err
}

func (s *Server) createConcept(c *gin.Context) error {
	con, err := readConcept(c)
	if err != nil {
		return err
	}
	if con.Collection == "" {
		con.Collection = glossary.CollectionUser
	}
	con, err = s.app.CreateConcept(con, who(c))
	if err != nil {
		return err
	}
	c.Header("Location", "/api/v1/glossary/"+con.ID)
	c.JSON(http.StatusCreated, written{con, s.app.TermClashes(con)})
	return nil
}

// written is the answer to a create or update: the concept as stored,
// and the other concepts that have one of its terms, of which /check and
// /annotate show one where the term stands (app.TermClashes): a new
// concept for a term the curated glossary has takes it over there.
type written struct {
	glossary.Concept
	Warnings []app.TermClash `json:"warnings,omitempty"`
}

func (s *Server) updateConcept(c *gin.Context) error {
	con, err := readConcept(c)
	if err != nil {
		return err
	}
	id := c.Param("id")
	if con.ID != "" && con.ID != id {
		return errBadRequest(fmt.Sprintf("the body's id %q differs from the path's %q", con.ID, id))
	}
	con.ID = id
	if con.Collection == "" {
		if old, ok := s.app.Terms().Get(id); ok {
			con.Collection = old.Collection
		}
	}
	p, err := precondition(c, con.Modified)
	if err != nil {
		return err
	}
	con, err = s.app.UpdateConceptIf(con, who(c), p)
	if err != nil {
		return err
	}
	setETag(c, con)
	c.JSON(http.StatusOK, written{con, s.app.TermClashes(con)})
	return nil
}

func (s *Server) deleteConcept(c *gin.Context) error {
	p, err := precondition(c, time.Time{})
	if err != nil {
		return err
	}
	if err := s.app.DeleteConceptIf(c.Param("id"), who(c), p); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

func formatParam(c *gin.Context, def string) (exchange.Format, exchange.FormatInfo, error) {
	return formatNamed(queryDefault(c, "format", def), c.Request.Method == http.MethodPost)
}

// formatNamed looks up the exchange format name; the error lists the
// formats an import (importing) or an export can use.
func formatNamed(name string, importing bool) (exchange.Format, exchange.FormatInfo, error) {
	for _, f := range exchange.Formats() {
		if string(f.Name) == name {
			return f.Name, f, nil
		}
	}
	return "", exchange.FormatInfo{}, errBadRequest(fmt.Sprintf("unknown format %q (known: %s)", name, exchangeFormats(importing)))
}

// exchangeFormats lists the formats an import (importing) or an export can
// use: freedict is read only.
func exchangeFormats(importing bool) string {
	var names []string
	for _, f := range exchange.Formats() {
		if importing && f.Import || !importing && f.Export {
			names = append(names, string(f.Name))
		}
	}
	return strings.Join(names, ", ")
}

func (s *Server) exportGlossary(c *gin.Context) error {
	f, info, err := formatParam(c, "json")
	if err != nil {
		return err
	}
	if !info.Export {
		return errBadRequest(fmt.Sprintf("format %q can be imported but not exported", f))
	}
	sep, err := csvSep(c, f)
	if err != nil {
		return err
	}
	// As the lookup reads it: a status as a person writes it
	// (Deprecated, afgeraden) is the status; one misspelt exported an
	// empty file before it was refused.
	var status glossary.Status
	if v := c.Query("status"); v != "" {
		var ok bool
		if status, ok = glossary.ParseStatus(v); !ok {
			return errBadRequest(fmt.Sprintf("status %q is not one of %s", v, glossary.StatusChoices()))
		}
	}
	if _, ok := c.GetQuery("q"); ok {
		// It filtered nothing, so a search's export was the whole
		// glossary.
		return errBadRequest("q= does not filter an export: look terms up with GET /api/v1/glossary?q=…; an export is filtered by collection=, subject= and status=")
	}
	cs, err := s.app.GlossaryConcepts(c.Query("collection"), status)
	if err != nil {
		return err
	}
	if subject := c.Query("subject"); subject != "" {
		if cs, err = ofSubject(s.app.Terms().All(), cs, subject); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if f == exchange.CSV {
		err = table.WriteCSVSep(&buf, cs, sep)
	} else {
		err = exchange.Export(&buf, f, cs)
	}
	if err != nil {
		return err
	}
	name := "tolk-glossary"
	if coll := c.Query("collection"); coll != "" {
		name += "-" + coll
	}
	attachment(c, name+info.Extension)
	c.Data(http.StatusOK, info.MediaType, buf.Bytes())
	return nil
}

// ofSubject keeps the concepts of cs whose subject is subject, as the
// glossary page filters them. A subject no concept of all has (a typo) is
// refused, naming those there are, rather than exporting an empty file.
func ofSubject(all, cs []glossary.Concept, subject string) ([]glossary.Concept, error) {
	if subjects := subjectsOf(all); !slices.Contains(subjects, subject) {
		return nil, errBadRequest(fmt.Sprintf("subject %q: no concept has it (subjects: %s)", subject, strings.Join(subjects, ", ")))
	}
	var out []glossary.Concept
	for _, c := range cs {
		if c.Subject == subject {
			out = append(out, c)
		}
	}
	return out, nil
}

// subjectsOf returns the subjects the concepts have, sorted, each once:
// the glossary page's subject choices and what the export's subject= takes.
func subjectsOf(cs []glossary.Concept) []string {
	var out []string
	for _, c := range cs {
		if c.Subject != "" && !slices.Contains(out, c.Subject) {
			out = append(out, c.Subject)
		}
	}
	slices.Sort(out)
	return out
}

// csvSep reads sep=, the separator of a CSV export: comma (the default,
// also ",") or semicolon (";"), which Excel in a Dutch locale opens in
// columns. It is refused for any other format than CSV, which has no
// separator to choose.
func csvSep(c *gin.Context, f exchange.Format) (rune, error) {
	v, ok := c.GetQuery("sep")
	if !ok {
		return ',', nil
	}
	if f != exchange.CSV {
		return 0, errBadRequest(fmt.Sprintf("sep= applies to format=csv only, not %q", f))
	}
	switch v {
	case "comma", ",":
		return ',', nil
	case "semicolon", ";":
		return ';', nil
	}
	return 0, errBadRequest(fmt.Sprintf("sep must be comma or semicolon (or , or ;), not %q", v))
}

// importGlossary is POST /glossary/import: the file as the body, or as
// the part "file" of a multipart form (it was read as CSV, boundary and
// all). Without format= the format is told from the file's name and
// content, as the CLI tells it.
func (s *Server) importGlossary(c *gin.Context) error {
	// collection= left empty is the default too, not a collection named "".
	req := glossaryImport{Collection: c.Query("collection"), Format: queryDefault(c, "format", ""), By: who(c)}
	if err := req.check(); err != nil {
		return err
	}
	var err error
	if strings.HasPrefix(c.ContentType(), "multipart/form-data") {
		if req.Name, req.Data, err = formFile(c, maxImportBytes); err != nil {
			return err
		}
	} else if req.Data, err = readFile(c, maxImportBytes); err != nil {
		return err
	}
	if req.Replace, err = boolParam(c, "replace"); err != nil {
		return err
	}
	if req.Overwrite, err = boolParam(c, "overwrite"); err != nil {
		return err
	}
	res, err := s.importConcepts(req)
	if err != nil {
		return err
	}
	out := gin.H{"imported": res.Imported, "collection": res.Collection}
	if req.Replace {
		out["deleted"] = res.Deleted
	}
	if len(res.Warnings) > 0 {
		out["warnings"] = res.Warnings
	}
	if !res.Left.Empty() {
		out["left_out"] = res.Left
	}
	if res.Left.Encoding != "" {
		// Not UTF-8: said at the top, so that the user checks the letters.
		out["encoding"] = res.Left.Encoding
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// glossaryImport is an import of a term list into a collection, from the
// API or the glossary page's form.
type glossaryImport struct {
	Name       string // the file's name, if known: it helps tell the format
	Data       []byte
	Format     string // "": told from Name and Data
	Collection string // "": "import"
	Replace    bool   // the collection becomes the file
	Overwrite  bool   // concepts changed since the file's version are overwritten
	By         string // who imports, for the history
}

// check refuses a collection that cannot be imported into, and sets the
// default one.
func (r *glossaryImport) check() error {
	r.Collection = strings.TrimSpace(r.Collection)
	if r.Collection == "" {
		r.Collection = "import"
	}
	if r.Collection == glossary.CollectionCurated {
		return errBadRequest("the curated collection is edited concept by concept, not imported into")
	}
	return nil
}

// importOutcome is what an import did.
type importOutcome struct {
	Imported   int
	Collection string
	Deleted    int // with Replace
	Warnings   []glossary.Warning
	Left       glossary.Left
}

// importConcepts reads r's file and stores its concepts, all or nothing.
func (s *Server) importConcepts(r glossaryImport) (importOutcome, error) {
	if err := r.check(); err != nil {
		return importOutcome{}, err
	}
	fname := r.Format
	if fname == "" {
		det, ok := exchange.Detect(r.Name, r.Data[:min(len(r.Data), 4096)])
		if !ok {
			return importOutcome{}, errNoFormat
		}
		fname = string(det)
	}
	f, info, err := formatNamed(fname, true)
	if err != nil {
		return importOutcome{}, err
	}
	if !info.Import {
		return importOutcome{}, errBadRequest(fmt.Sprintf("format %q can be exported but not imported", f))
	}
	cs, left, err := exchange.Import(bytes.NewReader(r.Data), f, r.Collection)
	var mbe *http.MaxBytesError
	var ie *exchange.InflateError
	if errors.As(err, &mbe) || errors.As(err, &ie) {
		return importOutcome{}, err // 413
	}
	if err != nil {
		// Import errors describe the uploaded file (line, element, field).
		return importOutcome{}, &importError{err}
	}
	opt := app.GlossaryImport{Overwrite: r.Overwrite, KeepVariants: !exchange.HasVariants(f), Places: left.Places}
	if r.Replace {
		// The collection becomes the file: what it no longer has goes.
		opt.Replace = r.Collection
	}
	res, err := s.app.ImportGlossary(cs, r.By, opt)
	if err != nil {
		return importOutcome{}, err
	}
	return importOutcome{Imported: len(cs), Collection: r.Collection, Deleted: res.Deleted,
		Warnings: append(left.Warnings, res.Warnings...), Left: left}, nil
}

// errNoFormat refuses an import whose format is neither given nor told by
// the file.
var errNoFormat = errBadRequest("format is missing and the file does not say which it is: give format= (" + exchangeFormats(true) + ")")

// importError is a file an import refused: a 400 whose message says what
// is wrong and where (line, element, field), and whose cause the
// interface words in its language (refuse).
type importError struct{ err error }

func (e *importError) Error() string { return e.err.Error() }
func (e *importError) Unwrap() error { return e.err }
