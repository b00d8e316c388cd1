package server

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// queryDefault returns query parameter name in lower case and trimmed, or
// def when it is absent or empty: lang=EN is en, and an empty lang= (a
// form's blank choice) is the default, as an empty limit= or sort= is.
func queryDefault(c *gin.Context, name, def string) string {
	if v := strings.ToLower(strings.TrimSpace(c.Query(name))); v != "" {
		return v
	}
	return def
}

// intParam reads a non-negative integer query parameter within [0, max].
func intParam(c *gin.Context, name string, def, max int) (int, error) {
	v := c.Query(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, errBadRequest(fmt.Sprintf("%s must be a non-negative integer, not %q", name, v))
	}
	if n > max {
		return 0, errBadRequest(fmt.Sprintf("%s must be at most %d", name, max))
	}
	return n, nil
}

// once refuses a request that gives one of the named parameters more than
// once: of q=mali&q=junta or doc=a&doc=b only the first counted, silently.
func once(c *gin.Context, names ...string) error {
	for _, n := range names {
		if vs := c.QueryArray(n); len(vs) > 1 {
			return errBadRequest(fmt.Sprintf("%s is given %d times (%s); it takes one value", n, len(vs), strings.Join(vs, ", ")))
		}
	}
	return nil
}

type hitJSON struct {
	Doc       string        `json:"doc"`
	Title     string        `json:"title"`
	Section   string        `json:"section"`
	Paragraph int           `json:"paragraph"`
	Start     int           `json:"start"`
	End       int           `json:"end"`
	Text      string        `json:"text"`
	Fragments []string      `json:"fragments"`
	Score     float64       `json:"score"`
	Matched   []app.Matched `json:"matched"`
	// Missing are the parts of the query the passage does not have
	// (app.SearchHit.Missing); left out when it has them all.
	Missing []string `json:"missing,omitempty"`
}

type facetJSON struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

type searchJSON struct {
	Query      string                 `json:"query"`
	Lang       string                 `json:"lang"`
	Total      uint64                 `json:"total"`
	TookMS     float64                `json:"took_ms"`
	Hits       []hitJSON              `json:"hits"`
	Facets     map[string][]facetJSON `json:"facets"`
	Expanded   []string               `json:"expanded"`
	DidYouMean string                 `json:"did_you_mean,omitempty"`
	// TypedTotal is, with DidYouMean, how many passages the query as
	// typed found (app.SearchResult.TypedTotal).
	TypedTotal *uint64 `json:"typed_total,omitempty"`
	// Unquoted is the query searched without its quotes, because no
	// passage has its phrase as written (app.SearchResult.Unquoted).
	Unquoted string `json:"unquoted,omitempty"`
	// Senses says what each word or glossary term of an English query
	// was searched as (absent for Dutch queries); Dropped echoes drop=.
	Senses  []app.Expansion `json:"senses,omitempty"`
	Dropped []string        `json:"dropped,omitempty"`
	// DocFacets counts the result's passages by their documents'
	// metadata (app.DocFacets).
	DocFacets docFacetsJSON `json:"doc_facets"`
}

type docFacetsJSON struct {
	Type    []facetJSON `json:"type"`
	Year    []facetJSON `json:"year"`
	Dossier []facetJSON `json:"dossier"`
	Partial bool        `json:"partial"`
}

func facetsJSON(fs []index.Facet) []facetJSON {
	out := make([]facetJSON, len(fs))
	for i, f := range fs {
		out[i] = facetJSON{f.Value, f.Count}
	}
	return out
}

func (s *Server) search(c *gin.Context) error {
	if err := once(c, "q", "lang", "limit", "offset", "doc", "section", "type", "dossier", "from", "to", "sort"); err != nil {
		return err
	}
	q := strings.TrimSpace(c.Query("q"))
	if q == "" {
		return errBadRequest("q is required: the words to search for")
	}
	if len(q) > index.MaxQueryBytes {
		return errBadRequest(fmt.Sprintf("q is %d bytes; at most %d: shorten the query (the search pages search the words before the limit and say so)", len(q), index.MaxQueryBytes))
	}
	limit, err := intParam(c, "limit", 10, 100)
	if err != nil || limit == 0 {
		return errBadRequest(fmt.Sprintf("limit must be a whole number from 1 to 100, not %q", c.Query("limit")))
	}
	offset, err := intParam(c, "offset", 0, 10000)
	if err != nil {
		return err
	}
	lang := queryDefault(c, "lang", "auto")
	if lang != "auto" && lang != "nl" && lang != "en" {
		return errBadRequest(fmt.Sprintf("lang must be auto, nl or en, not %q", lang))
	}
	drop := parseDrop(c.QueryArray("drop"))
	if len(drop) > maxDrop {
		return errBadRequest(fmt.Sprintf("drop names %d senses, at most %d may be dropped", len(drop), maxDrop))
	}
	sort := c.Query("sort")
	if sort != "" && sort != "relevance" && sort != "date" {
		return errBadRequest(fmt.Sprintf("sort must be relevance or date, not %q", sort))
	}
	if doc := c.Query("doc"); doc != "" {
		// A misspelt document gave 200 and no hits, as if it held none.
		if _, err := s.app.DocumentInfo(doc); err != nil {
			return err
		}
	}
	ctx, done, err := s.limit.acquire(c.Request.Context(), q)
	if err != nil {
		return err
	}
	defer done()
	res, err := s.app.BilingualSearch(ctx, app.SearchRequest{
		Q: q, Lang: lang, Limit: limit, Offset: offset, Doc: c.Query("doc"), Sec: c.Query("section"),
		Drop:   dropForms(s.app.Terms(), drop),
		Filter: app.DocFilter{Type: c.Query("type"), Dossier: c.Query("dossier"), From: c.Query("from"), To: c.Query("to")},
		Sort:   oneOfOr(sort, []string{"date"}, ""),
	})
	if err != nil {
		return err
	}
	out := toSearchJSON(res)
	out.Dropped = drop
	df := res.DocFacets
	out.DocFacets = docFacetsJSON{facetsJSON(df.Type), facetsJSON(df.Year), facetsJSON(df.Dossier), df.Partial}
	writeSearchJSON(c, &out)
	return nil
}

func toSearchJSON(res *app.SearchResult) searchJSON {
	out := searchJSON{Query: res.Query, Lang: res.Lang, Total: res.Total, TookMS: float64(res.Took.Microseconds()) / 1000,
		Hits: make([]hitJSON, 0, len(res.Hits)),
		// Both facets always, empty when nothing matched (a query with
		// nothing to search gave {}).
		Facets:   map[string][]facetJSON{"doc": {}, "section": {}},
		Expanded: res.Expanded, DidYouMean: res.DidYouMean, Unquoted: res.Unquoted, Senses: sensesJSON(res.Senses)}
	if out.Expanded == nil {
		out.Expanded = []string{}
	}
	if res.DidYouMean != "" {
		n := res.TypedTotal
		out.TypedTotal = &n
	}
	for _, h := range res.Hits {
		fr, m := h.Fragments, h.Matched
		if fr == nil {
			fr = []string{}
		}
		if m == nil {
			m = []app.Matched{}
		} else {
			m = slices.Clone(m)
			for i := range m {
				m[i].P = roundP(m[i].P)
			}
		}
		out.Hits = append(out.Hits, hitJSON{Doc: h.Doc, Title: h.Title, Section: h.Section, Paragraph: h.Paragraph,
			Start: h.Start, End: h.End, Text: h.Text, Fragments: fr, Score: h.Score, Matched: m, Missing: h.Missing})
	}
	for name, fs := range res.Facets {
		vs := make([]facetJSON, 0, len(fs))
		for _, f := range fs {
			vs = append(vs, facetJSON{f.Value, f.Count})
		}
		out.Facets[name] = vs
	}
	return out
}

type docSummary struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Name   string `json:"name"`
	Format string `json:"format"`
	Added  string `json:"added"`
	// Replaced is when another version last replaced the content; absent
	// for a document never replaced.
	Replaced   string `json:"replaced,omitempty"`
	Sections   int    `json:"sections"`
	Paragraphs int    `json:"paragraphs"`
	// Metadata is what the file and its text say about the document;
	// absent for text and Markdown.
	Metadata *ingest.Metadata `json:"metadata,omitempty"`
}

// secondsUTC is t in UTC to the second; the zero time stays zero.
func secondsUTC(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}

func summary(d *app.DocInfo) docSummary {
	s := docSummary{ID: d.ID, Title: d.Title, Name: d.Name, Format: string(d.Format),
		Added: d.Added.UTC().Format(time.RFC3339), Sections: d.Sections, Paragraphs: d.Paragraphs, Metadata: d.Meta}
	if !d.Replaced.IsZero() {
		s.Replaced = d.Replaced.UTC().Format(time.RFC3339)
	}
	return s
}

// listDocuments is GET /documents: the documents by id, a page of them
// (limit, offset) and how many there are.
func (s *Server) listDocuments(c *gin.Context) error {
	if err := once(c, "limit", "offset"); err != nil {
		return err
	}
	limit, err := intParam(c, "limit", maxDocumentPage, maxDocumentPage)
	if err != nil || limit == 0 {
		return errBadRequest(fmt.Sprintf("limit must be a whole number from 1 to %d, not %q", maxDocumentPage, c.Query("limit")))
	}
	offset, err := intParam(c, "offset", 0, 1_000_000_000)
	if err != nil {
		return err
	}
	ds := s.app.Documents()
	page := ds[min(offset, len(ds)):min(offset+limit, len(ds))]
	out := make([]docSummary, len(page))
	for i, d := range page {
		out[i] = summary(d)
	}
	c.JSON(http.StatusOK, gin.H{"total": len(ds), "documents": out})
	return nil
}

// maxDocumentPage is the most documents GET /documents lists at once, and
// how many it lists when the request does not say.
const maxDocumentPage = 1000

func (s *Server) getDocument(c *gin.Context) error {
	d, err := s.app.Document(c.Param("id"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, documentView(d))
	return nil
}

// documentJSON is a document as the API writes it: the parsed fields under
// lower-case keys, as every other answer has them (the stored form keeps
// ingest's Go field names, which a client that decodes case-insensitively,
// as Go's encoding/json does, reads either way).
type documentJSON struct {
	ID          string           `json:"id"`
	Title       string           `json:"title"`
	Format      ingest.Format    `json:"format"`
	Text        string           `json:"text"`
	Sections    []sectionJSON    `json:"sections"`
	Paragraphs  []paragraphJSON  `json:"paragraphs"`
	Signatories []signatoryJSON  `json:"signatories"`
	References  []referenceJSON  `json:"references"`
	Meta        *ingest.Metadata `json:"metadata,omitempty"`
	Name        string           `json:"name"`
	Added       time.Time        `json:"added"`
	Replaced    time.Time        `json:"replaced,omitzero"`
}

type sectionJSON struct {
	Number  string `json:"number"`
	Title   string `json:"title"`
	Heading string `json:"heading"`
	Level   int    `json:"level"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

type paragraphJSON struct {
	N       int    `json:"n"`
	Section string `json:"section"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	Speaker string `json:"speaker,omitempty"`
}

type signatoryJSON struct {
	Office string `json:"office"`
	Name   string `json:"name"`
}

type referenceJSON struct {
	Text    string `json:"text"`
	Dossier string `json:"dossier"`
	Number  string `json:"number"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

func documentView(d *app.Document) documentJSON {
	v := documentJSON{
		ID: d.ID, Title: d.Title, Format: d.Format, Text: d.Text, Meta: d.Meta, Name: d.Name,
		// In seconds and UTC, as the list gives them.
		Added: d.Added.UTC().Truncate(time.Second), Replaced: secondsUTC(d.Replaced),
		Sections:    make([]sectionJSON, len(d.Sections)),
		Paragraphs:  make([]paragraphJSON, len(d.Paragraphs)),
		Signatories: make([]signatoryJSON, len(d.Signatories)),
		References:  make([]referenceJSON, len(d.References)),
	}
	for i, x := range d.Sections {
		v.Sections[i] = sectionJSON(x)
	}
	for i, x := range d.Paragraphs {
		v.Paragraphs[i] = paragraphJSON(x)
	}
	for i, x := range d.Signatories {
		v.Signatories[i] = signatoryJSON(x)
	}
	for i, x := range d.References {
		v.References[i] = referenceJSON(x)
	}
	return v
}

// boolParam reads an optional true/false query parameter (false when
// absent).
func boolParam(c *gin.Context, name string) (bool, error) {
	v := c.Query(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, errBadRequest(name + " must be true or false")
	}
	return b, nil
}

// addDocument ingests a letter. The body is the document itself (text or
// Markdown), or a multipart form with a "file" field. ?name= gives the
// file name (it decides the id and the format), ?title= overrides the title.
// A name whose id is taken answers 409 naming that id, unless ?replace=true
// asks to replace the document.
func (s *Server) addDocument(c *gin.Context) error {
	replace, err := boolParam(c, "replace")
	if err != nil {
		return err
	}
	if strings.HasPrefix(c.ContentType(), "multipart/form-data") {
		return s.uploadDocuments(c, replace)
	}
	name, data, err := s.readDocument(c)
	if err != nil {
		return err
	}
	if name == "" {
		return errBadRequest("name is required (?name=letter.txt): it gives the document id; the content decides the format")
	}
	return s.putDocument(c, "", name, data, replace)
}

// replaceDocument is PUT /documents/{id}: it stores the body as document
// id, replacing the one there (200) or creating it (201). ?name= gives the
// file name, which must give the same id; without it the stored
// document's name is kept (a new one is named id.txt).
func (s *Server) replaceDocument(c *gin.Context) error {
	// Ids are lower case (ingest.Slug): /documents/BRIEF is brief, for
	// PUT as for GET and DELETE (app.DocID), where it was refused as no id.
	id := strings.ToLower(c.Param("id"))
	name, data, err := s.readDocument(c)
	if err != nil {
		return err
	}
	// The title follows the rule of every replacement: app.ReplaceDocument
	// keeps a title given by hand when title= gives none.
	title := c.Query("title")
	stored := false
	if name == "" {
		if ingest.Slug(id) != id {
			return errBadRequest(fmt.Sprintf("%q is not a document id: an id is lower-case letters and digits with '-' between them, at most 80 bytes (%q would be one); to store a file under the id its name gives, PUT with ?name= or POST", id, ingest.Slug(id)))
		}
		name = id + ".txt"
		if d, err := s.app.DocumentInfo(id); err == nil {
			name, stored = d.Name, true
		}
		// The name follows the content: a stored gmb.html replaced by
		// XML, or brief.txt by a Word file, is renamed gmb.xml or
		// brief.docx, so that its name and format agree (the name stayed
		// gmb.html with format xml). A body the stored name's extension
		// refuses (brief.pdf replaced by text) is read as the content
		// says, under id and the content's extension.
		opt := ingest.Options{Title: title}
		if d, perr := s.app.Parse(name, data, opt); perr == nil {
			if ext := ingest.Extension(d.Format); ext != "" && !ingest.ExtensionFits(name, d.Format) {
				name = id + ext
			}
		} else if stored && errors.Is(perr, ingest.ErrMismatch) {
			if d, perr := s.app.Parse(id+".txt", data, opt); perr == nil {
				name = id + ingest.Extension(d.Format)
			}
		}
	}
	if _, ok := ingest.NameID(name); !ok && title == "" {
		// A name without letters or digits gives no id: the title does,
		// so the body is document id only under the kept title, which
		// app.ReplaceDocument finds only for a name that gives the id.
		if title, err = s.app.GivenTitle(id); err != nil {
			return err
		}
	}
	err = s.putTitled(c, id, name, title, data, true)
	if err != nil && stored && ingest.IsInputError(err) {
		// The error names the stored document's file, which the body was
		// read as: say so, and how to send another kind of file.
		return fmt.Errorf("%w (the body was read as %s, the stored document's file name; give ?name= for a file of another kind)", err, name)
	}
	return err
}

// readDocument reads an upload's name (?name=, or the multipart file's
// name) and content.
func (s *Server) readDocument(c *gin.Context) (name string, data []byte, err error) {
	name = c.Query("name")
	if strings.HasPrefix(c.ContentType(), "multipart/form-data") {
		var part string
		part, data, err = formFile(c, maxDocumentBytes)
		if name == "" {
			name = part
		}
	} else {
		data, err = readFile(c, maxDocumentBytes)
	}
	return name, data, err
}

// putDocument adds (or, with replace, replaces) the document and answers
// 201 for a new document, 200 for a replaced one. id, when set, is the id
// the name must give.
func (s *Server) putDocument(c *gin.Context, id, name string, data []byte, replace bool) error {
	return s.putTitled(c, id, name, c.Query("title"), data, replace)
}

// putTitled is putDocument with the title to give the document ("": the
// one its content gives).
func (s *Server) putTitled(c *gin.Context, id, name, title string, data []byte, replace bool) error {
	opt := ingest.Options{Title: title}
	if id != "" {
		// The name gives the id, without a parse (the upload is parsed
		// once to store it); a name without letters or digits leaves it
		// to the title, which only parsing tells.
		got, ok := ingest.NameID(name)
		if !ok {
			d, err := s.app.Parse(name, data, opt)
			if err != nil {
				return err
			}
			got = d.ID
		}
		// A document stored under another id than its name's (an
		// alternative: stb.xml as stb-xml, stb being another file's)
		// is replaced under its name as well.
		if info, err := s.app.DocumentInfo(id); got != id && (err != nil || !ingest.SameFile(info.Name, name)) {
			return errBadRequest(fmt.Sprintf("the name %q gives the id %q, not %q", name, got, id))
		}
		opt.ID = id
	}
	var d *app.Document
	var err error
	status := http.StatusCreated
	if replace {
		var replaced bool
		d, replaced, err = s.app.ReplaceDocument(c.Request.Context(), name, data, opt)
		if replaced {
			status = http.StatusOK
		}
	} else {
		d, err = s.app.AddDocument(c.Request.Context(), name, data, opt)
	}
	var ee *app.ExistsError
	if errors.As(err, &ee) {
		c.AbortWithStatusJSON(http.StatusConflict, gin.H{"error": gin.H{"code": "exists", "id": ee.ID,
			"message": fmt.Sprintf("document %q (from %q) already exists: replace it with PUT /api/v1/documents/%s or POST ?replace=true", ee.ID, ee.Name, ee.ID)}})
		return nil
	}
	if err != nil {
		return err
	}
	c.Header("Location", "/api/v1/documents/"+d.ID)
	c.JSON(status, summary(d.Info()))
	return nil
}

func (s *Server) deleteDocument(c *gin.Context) error {
	if err := s.app.DeleteDocument(c.Request.Context(), c.Param("id")); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// jsonBuffers keeps the buffers writeSearchJSON encodes into: a page of
// search hits is some 15 KB, which c.JSON allocated afresh for every
// request.
var jsonBuffers = sync.Pool{New: func() any { return new([]byte) }}

// writeSearchJSON answers with out as c.JSON would, the same bytes and
// headers (searchjson.go), encoded into a reused buffer.
func writeSearchJSON(c *gin.Context, out *searchJSON) {
	bp := jsonBuffers.Get().(*[]byte)
	b, err := out.appendJSON((*bp)[:0])
	if err != nil {
		jsonBuffers.Put(bp)
		_ = c.Error(err) // recorded for the error handler, as c.JSON does
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
	if cap(b) <= maxPooledJSON {
		*bp = b
		jsonBuffers.Put(bp)
	}
}

// maxPooledJSON is the largest buffer writeSearchJSON keeps: a rare huge
// answer (every facet of every document) is not held for the process's
// life.
const maxPooledJSON = 1 << 20
