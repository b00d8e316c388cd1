package server

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// uploadView is what upload.html shows: the form, and after a POST the
// result of every file.
type uploadView struct {
	Disabled bool // no tokens: writes are off
	Replace  bool
	Error    string
	Detail   string // the technical words of Error's problem (English), when they help
	Results  []uploadRow
	Stored   int
}

// uploadRow is one file's result as the page shows it: a refusal in the
// interface's words (refuse).
type uploadRow struct {
	uploadResult
	Refusal *refusal
}

// uploadPage is GET and POST /upload: a form to add documents of any
// format (several at once), gated by the same tokens as the API's writes
// (the token is typed into the form: the interface has no sessions), and
// the list of what happened to each file. It works without JavaScript.
func (s *Server) uploadPage(c *gin.Context, p *page) error {
	p.name, p.Nav, p.Title = "upload", "documents", p.T["upload_title"]
	v := &uploadView{Disabled: len(s.opt.Tokens) == 0}
	p.Data = v
	if c.Request.Method != http.MethodPost {
		return nil
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxUploadBytes)
	s.formDeadlines(c)
	form, err := c.MultipartForm()
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		// The page's words, with Go's kept as the detail: the form showed
		// "the upload cannot be read: read tcp …: i/o timeout" as it was.
		p.status, v.Error = http.StatusBadRequest, p.T["upload_unreadable"]
		if bodyTimeout(c, err) != nil {
			p.status, v.Error = http.StatusRequestTimeout, p.T["upload_timeout"]
		}
		v.Detail = "the upload cannot be read: " + err.Error()
		return nil
	}
	v.Replace, _ = strconv.ParseBool(c.PostForm("replace"))
	if !s.validToken(c.PostForm("token")) {
		p.status = http.StatusUnauthorized
		v.Error = p.T["upload_bad_token"]
		if c.PostForm("token") == "" {
			v.Error = p.T["upload_no_token"]
		}
		return nil
	}
	// The page's own words for what the API says in its terms: a
	// document that exists is replaced by ticking the form's box (the
	// API's advice was ?replace=true); none stored is a 422, as there.
	var results []uploadResult
	defer func() {
		for _, r := range results {
			row := uploadRow{uploadResult: r}
			switch {
			case r.Error == nil:
			case r.Error.Code == "exists" && r.Document == nil:
				id, _ := ingest.NameID(r.Name)
				var ee *app.ExistsError
				if errors.As(r.Error.cause, &ee) {
					id = ee.ID // the id of the document from this file (stb.xml may be stb-xml)
				}
				row.Refusal = &refusal{Text: fmt.Sprintf(p.T["upload_exists"], id), Status: r.Status}
			default:
				rf := p.refuse(r.Error.cause)
				row.Refusal = &rf
			}
			v.Results = append(v.Results, row)
		}
		if len(v.Results) > 0 && v.Stored == 0 {
			p.status = http.StatusUnprocessableEntity
		}
	}()
	files := uploadFiles(form)
	switch {
	case len(files) == 0:
		p.status = http.StatusBadRequest
		v.Error = p.T["upload_no_files"]
		return nil
	case len(files) > maxUploadFiles:
		return word(errBadRequest(fmt.Sprintf("too many files in one upload: at most %d", maxUploadFiles)), "upload_too_many", maxUploadFiles)
	}
	if len(files) == 1 {
		r := s.addOne(c, files[0], ingest.Options{}, v.Replace)
		results = []uploadResult{r}
		if r.Error == nil {
			v.Stored = 1
		}
		return nil
	}
	results, v.Stored = s.addMany(c, files, ingest.Options{}, v.Replace)
	return nil
}

// formDeadlines gives a form's write the deadlines the API gives an
// authorised one (extendDeadlines) once the form's token has come and is
// valid: the form's body was read under the server's ReadTimeout (30 s)
// and answered under its WriteTimeout (60 s), so a batch over a slow link
// was cut with a timeout and a large one lost its result page, though its
// files were stored. The token is a field of the body, so only the fields
// sent before the first file are read here (the forms put the token
// first, as browsers send fields in the page's order) and put back in
// front of the body; a form whose token comes after its files, or has
// none that is valid, keeps the server's deadlines, as an anonymous API
// request does.
func (s *Server) formDeadlines(c *gin.Context) {
	if tok := leadingField(c, "token"); tok != "" && s.validToken(tok) {
		s.extendDeadlines(c)
	}
}

// maxLeadingBytes bounds what leadingField reads before giving up: the
// fields before a form's files are a few short values.
const maxLeadingBytes = 64 << 10

// leadingField returns the value of the field name of a multipart body
// when it comes before the first file part ("" otherwise). What it reads
// of the body is put back, so the form is then parsed whole as it was
// sent.
func leadingField(c *gin.Context, name string) string {
	_, params, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return ""
	}
	body := c.Request.Body
	var seen bytes.Buffer
	mr := multipart.NewReader(io.TeeReader(io.LimitReader(body, maxLeadingBytes), &seen), params["boundary"])
	val := ""
	for {
		part, err := mr.NextPart()
		if err != nil || part.FileName() != "" {
			break
		}
		if part.FormName() == name {
			b, err := io.ReadAll(io.LimitReader(part, 1<<10))
			if err == nil {
				val = string(b)
			}
			break
		}
	}
	c.Request.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(&seen, body), body}
	return val
}

// validToken reports whether tok is one of the server's tokens.
func (s *Server) validToken(tok string) bool {
	_, ok := s.tokenName(tok)
	return ok
}

// tokenName returns the name the history records for tok, one of the
// server's tokens, compared in constant time; false for any other ("").
// The API's bearer tokens and the forms' typed ones go through it.
func (s *Server) tokenName(tok string) (string, bool) {
	if tok == "" {
		return "", false
	}
	for t, name := range s.opt.Tokens {
		if subtle.ConstantTimeCompare([]byte(t), []byte(tok)) == 1 {
			return name, true
		}
	}
	return "", false
}
