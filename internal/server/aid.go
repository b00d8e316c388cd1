package server

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/exchange"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/glossary/table"
	"github.com/tolk-nl/tolk/internal/app"
)

// maxAnnotateBytes bounds the text /annotate and /check accept.
const maxAnnotateBytes = 2 << 20

// readText reads a JSON body {"text","lang"} or, for other content
// types, the body as the text itself.
func readText(c *gin.Context) (text, lang string, err error) {
	data, err := readBody(c, maxAnnotateBytes)
	if err != nil {
		return "", "", err
	}
	lang = c.Query("lang")
	if strings.HasPrefix(c.ContentType(), "application/json") {
		var in struct {
			Text *string
			Lang string
		}
		if err := decodeJSON(data, &in, jsonOptions{what: `{"text": …, "lang": …}`}); err != nil {
			return "", "", err
		}
		if in.Text == nil { // no field, null, or a null body
			return "", "", errBadRequest(`the JSON body has no field "text": send {"text": …, "lang": …}`)
		}
		text = *in.Text
		if in.Lang != "" {
			lang = in.Lang
		}
	} else {
		text = string(data)
	}
	if msg := notUTF8(text); msg != "" {
		return "", "", errBadRequest(msg)
	}
	switch lang {
	case "", "auto":
		lang = ""
	case "nl", "en":
	default:
		return "", "", errBadRequest(fmt.Sprintf("lang must be nl, en or auto, not %q", lang))
	}
	return text, lang, nil
}

// notUTF8 says why text is refused when it is not UTF-8 text, or "":
// UTF-16 (Windows' "Unicode" text, by its byte-order mark or by its zero
// bytes, which are valid UTF-8 but no text) is named as such, for it is
// the usual cause; otherwise the line and byte (from 0, as a JSON body's
// are) of the first byte that is not UTF-8. The text is not converted:
// the answer's offsets are the UTF-8 text's, which a client holding
// UTF-16 could not use.
func notUTF8(text string) string {
	head := text[:min(len(text), 512)]
	switch {
	case strings.HasPrefix(text, "\xFF\xFE") || strings.HasPrefix(text, "\xFE\xFF"):
		return "the text is UTF-16 (it begins with a UTF-16 byte-order mark), not UTF-8: send it as UTF-8"
	case len(head) >= 4 && strings.Count(head, "\x00") >= len(head)/4:
		return "the text looks like UTF-16 (a zero byte beside each letter), not UTF-8: send it as UTF-8"
	case utf8.ValidString(text):
		return ""
	}
	at := 0
	for at < len(text) {
		r, n := utf8.DecodeRuneInString(text[at:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		at += n
	}
	return fmt.Sprintf("the text is not valid UTF-8 at line %d, byte %d; send it as UTF-8", 1+strings.Count(text[:at], "\n"), at)
}

type annotationJSON struct {
	Start       int             `json:"start"`
	End         int             `json:"end"`
	Text        string          `json:"text"`
	Concept     string          `json:"concept"`
	Lang        string          `json:"lang"`
	Term        string          `json:"term"`
	Equivalents []glossary.Term `json:"equivalents"`
	Status      glossary.Status `json:"status"`
	Via         string          `json:"via"`
	Verb        *pieceJSON      `json:"verb,omitempty"`
}

// pieceJSON is a separated annotation's verb (match.Annotation.Verb).
type pieceJSON struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

func annotationsJSON(as []match.Annotation) []annotationJSON {
	out := make([]annotationJSON, len(as))
	for i, a := range as {
		eq := a.Equivalents
		if eq == nil {
			eq = []glossary.Term{}
		}
		out[i] = annotationJSON{a.Start, a.End, a.Text, a.Concept, a.Lang, a.Term, eq, a.Status, a.Via, nil}
		if v := a.Verb; v != nil {
			out[i].Verb = &pieceJSON{v.Start, v.End, v.Text}
		}
	}
	return out
}

// annotate finds the glossary's terms in posted text. Offsets are bytes
// into the text as posted (UTF-8).
func (s *Server) annotate(c *gin.Context) error {
	text, lang, err := readText(c)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"offsets": "bytes", "annotations": annotationsJSON(s.app.Annotate(text, lang))})
	return nil
}

func (s *Server) documentAnnotations(c *gin.Context) error {
	as, err := s.app.DocumentAnnotations(c.Param("id"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"doc": c.Param("id"), "offsets": "bytes", "annotations": annotationsJSON(as)})
	return nil
}

func (s *Server) check(c *gin.Context) error {
	var in struct {
		NL string `json:"nl"`
		EN string `json:"en"`
	}
	if err := readJSON(c, maxAnnotateBytes, &in, jsonOptions{strict: true, what: `{"nl": source, "en": translation}`}); err != nil {
		return err
	}
	if strings.TrimSpace(in.NL) == "" || strings.TrimSpace(in.EN) == "" {
		return errBadRequest("both nl (the Dutch source) and en (the English translation) are required")
	}
	concepts := s.app.CheckAll(in.NL, in.EN)
	issues := []match.Issue{}
	for _, cc := range concepts {
		if cc.Kind != match.KindPassed {
			issues = append(issues, cc.Issue)
		}
	}
	if concepts == nil {
		concepts = []match.ConceptCheck{}
	}
	usage, unchecked, err := s.app.TMUsage(c.Request.Context(), concepts)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"offsets": "bytes", "issues": issues, "concepts": concepts, "other_usage": usage, "other_usage_unchecked": unchecked})
	return nil
}

func (s *Server) concordance(c *gin.Context) error {
	limit, err := intParam(c, "limit", 0, 100000)
	if err != nil {
		return err
	}
	offset, err := intParam(c, "offset", 0, app.MaxConcordanceLines)
	if err != nil {
		return err
	}
	width, err := intParam(c, "width", 60, 500)
	if err != nil {
		return err
	}
	ctx, done, err := s.limit.acquireScan(c.Request.Context())
	if err != nil {
		return err
	}
	defer done()
	lines, total, err := s.app.Concordance(ctx, app.ConcordanceRequest{
		Term: c.Query("term"), Concept: c.Query("concept"), Sort: c.Query("sort"), Width: width, Limit: limit, Offset: offset,
	})
	if err != nil {
		return err
	}
	if lines == nil {
		lines = []app.KWIC{}
	}
	c.JSON(http.StatusOK, gin.H{"total": total, "lines": lines})
	return nil
}

func (s *Server) candidates(c *gin.Context) error {
	limit, err := intParam(c, "limit", 50, 1000)
	if err != nil {
		return err
	}
	ctx, done, err := s.limit.acquireScan(c.Request.Context())
	if err != nil {
		return err
	}
	defer done()
	cs, err := s.app.CandidatesWithEquivalents(ctx, c.Param("id"), limit)
	if err != nil {
		return err
	}
	if cs == nil {
		cs = []app.CandidateSuggestion{}
	}
	c.JSON(http.StatusOK, gin.H{"doc": c.Param("id"), "candidates": cs})
	return nil
}

// documentTerms exports the concepts that occur in a document: JSON with
// frequency and first context, or any glossary export format, where each
// Dutch term's context is its first context in this document.
func (s *Server) documentTerms(c *gin.Context) error {
	id := c.Param("id")
	uses, err := s.app.DocumentTerms(id)
	if err != nil {
		return err
	}
	format := queryDefault(c, "format", "json")
	if format == "json" {
		// sep= is for CSV: refused here as with any other format, not
		// ignored.
		if _, err := csvSep(c, exchange.Format(format)); err != nil {
			return err
		}
		if uses == nil {
			uses = []app.TermUse{}
		}
		c.JSON(http.StatusOK, gin.H{"doc": id, "terms": uses})
		return nil
	}
	f, info, err := formatParam(c, "json")
	if err != nil {
		return err
	}
	if !info.Export {
		return errBadRequest(fmt.Sprintf("format %q cannot be exported", f))
	}
	sep, err := csvSep(c, f)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if f == "csv" {
		err = writeTermUsesCSV(&buf, uses, sep)
	} else {
		d, derr := s.app.Document(id)
		if derr != nil {
			return derr
		}
		cs := make([]glossary.Concept, len(uses))
		for i, u := range uses {
			cs[i] = withContext(u, d.Title)
		}
		err = exchange.Export(&buf, f, cs)
	}
	if err != nil {
		return err
	}
	attachment(c, id+"-terms"+info.Extension)
	c.Data(http.StatusOK, info.MediaType, buf.Bytes())
	return nil
}

// withContext sets the document's first context, and the document (its
// title) as the context's source, on the Dutch term that was found there
// first, so the export carries where the term was seen; the concept's
// other terms keep their own contexts and sources.
func withContext(u app.TermUse, title string) glossary.Concept {
	c := u.Concept
	c.Terms = append([]glossary.Term(nil), c.Terms...)
	for i := range c.Terms {
		if c.Terms[i].Lang == "nl" && len(u.Terms) > 0 && c.Terms[i].Text == u.Terms[0] {
			c.Terms[i].Context = u.First
			c.Terms[i].Source = title
		}
	}
	c.Note = strings.TrimSpace(fmt.Sprintf("%s Occurrences in this document: %d.", c.Note, u.Count))
	return c
}

// writeTermUsesCSV writes a per-document term list with its frequency
// column; cells are neutralised against formula injection. The en column
// holds the English a translator may use (preferred, then admitted or
// unmarked, best first), en_avoid the deprecated and superseded terms, so
// that a list read into a CAT tool or a spreadsheet does not offer them as
// translations. Like the glossary's CSV it starts with a byte-order mark,
// so that Excel reads it as UTF-8, and is separated by sep (csvSep).
func writeTermUsesCSV(buf *bytes.Buffer, uses []app.TermUse, sep rune) error {
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(buf)
	w.Comma = sep
	w.Write([]string{"concept", "nl", "en", "en_avoid", "count", "first_context", "definition_en"})
	for _, u := range uses {
		var nl, en, toAvoid []string
		for _, t := range u.Concept.TermsIn("nl") {
			nl = append(nl, t.Text)
		}
		for _, t := range byStatus(&u.Concept, "en") {
			if avoid(t.Status) {
				toAvoid = append(toAvoid, t.Text)
			} else {
				en = append(en, t.Text)
			}
		}
		row := []string{u.Concept.ID, strings.Join(nl, "|"), strings.Join(en, "|"), strings.Join(toAvoid, "|"), fmt.Sprint(u.Count), u.First, u.Concept.Definition["en"]}
		for i := range row {
			row[i] = table.Neutralise(row[i])
		}
		w.Write(row)
	}
	w.Flush()
	return w.Error()
}
