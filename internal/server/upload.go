package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// maxUploadBytes bounds a multipart upload of several documents; each
// file is still bounded by maxDocumentBytes.
const maxUploadBytes = 64 << 20

// maxUploadFiles bounds the files of one multipart upload.
const maxUploadFiles = 100

// uploadResult is the answer for one file of a multipart upload.
type uploadResult struct {
	Name     string      `json:"name"`
	Status   int         `json:"status"`
	Document *docSummary `json:"document,omitempty"`
	Error    *uploadErr  `json:"error,omitempty"`
}

type uploadErr struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	cause   error  // what refused the file, for the web form's own words (refuse)
}

// uploadFiles returns the files of a multipart form: the "file" fields,
// then the "files" fields.
func uploadFiles(form *multipart.Form) []*multipart.FileHeader {
	return append(append([]*multipart.FileHeader(nil), form.File["file"]...), form.File["files"]...)
}

// uploadDocuments is POST /documents with a multipart form. One file is
// added as a raw body is (201 with its summary, or the error); several
// are loaded together (addMany), each with its own result: 200 when all
// were stored, 207 when some were not, 422 when none was. A file that is
// refused stores nothing. title= and name= apply to one file only: with
// several they are refused (400).
func (s *Server) uploadDocuments(c *gin.Context, replace bool) error {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxUploadBytes)
	form, err := c.MultipartForm()
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		if te := bodyTimeout(c, err); te != nil {
			return te
		}
		return errBadRequest("the multipart upload cannot be read: " + err.Error())
	}
	files := uploadFiles(form)
	switch {
	case len(files) == 0:
		return errBadRequest("multipart upload needs a 'file' field (or several 'file' or 'files' fields)")
	case len(files) > maxUploadFiles:
		return errBadRequest(fmt.Sprintf("%d files in one upload; the limit is %d", len(files), maxUploadFiles))
	case len(files) == 1:
		name := c.Query("name")
		if name == "" {
			name = files[0].Filename
		}
		data, err := readPart(files[0], maxDocumentBytes)
		if err != nil {
			return err
		}
		if name == "" {
			return errBadRequest("name is required (?name=letter.txt): it gives the document id; the content decides the format")
		}
		return s.putDocument(c, "", name, data, replace)
	}
	// title= and name= name one document: given to each of several
	// files, every document had the same title and name= was dropped.
	for _, p := range []string{"title", "name"} {
		if c.Query(p) != "" {
			return errBadRequest(fmt.Sprintf("%s= is for an upload of one file; this one has %d: send them without %s=, or each file alone", p, len(files), p))
		}
	}
	results, stored := s.addMany(c, files, ingest.Options{}, replace)
	body := gin.H{"results": results, "stored": stored, "failed": len(files) - stored}
	switch stored {
	case len(files):
		c.JSON(http.StatusOK, body)
	case 0: // a 207 would read as success to a client that checks for 2xx
		if full := fullDisk(results); full {
			// The server's fault, not the files': a 422 hid a full disk
			// from the 5xx counts and alerts.
			body["error"] = uploadErr{Code: "disk_full", Message: fmt.Sprintf("none of the %d files was stored: the server's disk is full; try again later", len(files))}
			c.Set(errorCodeKey, "disk_full")
			c.JSON(http.StatusInsufficientStorage, body)
			return nil
		}
		body["error"] = uploadErr{Code: "none_stored", Message: fmt.Sprintf("none of the %d files was stored; each file's result says why", len(files))}
		c.JSON(http.StatusUnprocessableEntity, body)
	default:
		c.JSON(http.StatusMultiStatus, body)
	}
	return nil
}

// fullDisk tells whether the disk being full refused every file of
// results.
func fullDisk(results []uploadResult) bool {
	for _, r := range results {
		if r.Error == nil || r.Error.Code != "disk_full" {
			return false
		}
	}
	return len(results) > 0
}

// addMany adds the files of a multipart upload of several as a bulk load
// does (app.AddDocuments): read and parsed on every core, committed in
// batches (one index batch and one store transaction each) instead of one
// commit per file, each file still all or nothing. It returns a result
// per file, in the order given, and how many files were stored. The
// upload has been read whole when it starts, so, like a single file, it
// finishes whatever the client does: a client that goes away (a dropped
// connection, a closed tab) finds every file it sent stored or refused
// for its own reason, never a prefix of them that it cannot tell.
func (s *Server) addMany(c *gin.Context, fhs []*multipart.FileHeader, opt ingest.Options, replace bool) ([]uploadResult, int) {
	results := make([]uploadResult, len(fhs))
	files := make([]app.BulkFile, 0, len(fhs))
	at := make([]int, 0, len(fhs)) // each bulk file's place in fhs
	for i, fh := range fhs {
		results[i].Name = fh.Filename
		if fh.Filename == "" {
			s.refused(c, &results[i], errNoFileName)
			continue
		}
		files = append(files, app.BulkFile{Name: fh.Filename, Size: fh.Size, Read: func() ([]byte, error) { return readPart(fh, maxDocumentBytes) }})
		at = append(at, i)
	}
	rep, err := s.app.AddDocuments(context.WithoutCancel(c.Request.Context()), files, app.BulkOptions{Replace: replace, Ingest: opt})
	done := make([]bool, len(files))
	for _, st := range rep.Stored {
		status := http.StatusCreated
		if st.Replaced {
			status = http.StatusOK
		}
		results[at[st.File]].stored(st.Info, status)
		done[st.File] = true
	}
	for _, f := range rep.Failed {
		s.refused(c, &results[at[f.File]], f.Err)
		done[f.File] = true
	}
	for k, ok := range done {
		if !ok { // the load stopped before this file
			if err == nil {
				err = errors.New("the upload stopped before this file")
			}
			s.refused(c, &results[at[k]], err)
		}
	}
	return results, len(rep.Stored)
}

// errNoFileName refuses a file part without a file name.
var errNoFileName = errBadRequest("a file part has no file name: it gives the document id")

// addOne adds one file of a multipart upload on its own, as a raw body
// is added: its write finishes whatever the client does.
func (s *Server) addOne(c *gin.Context, fh *multipart.FileHeader, opt ingest.Options, replace bool) uploadResult {
	r := uploadResult{Name: fh.Filename}
	if fh.Filename == "" {
		s.refused(c, &r, errNoFileName)
		return r
	}
	data, err := readPart(fh, maxDocumentBytes)
	if err != nil {
		s.refused(c, &r, err)
		return r
	}
	var d *app.Document
	status := http.StatusCreated
	if replace {
		var replaced bool
		d, replaced, err = s.app.ReplaceDocument(c.Request.Context(), fh.Filename, data, opt)
		if replaced {
			status = http.StatusOK
		}
	} else {
		d, err = s.app.AddDocument(c.Request.Context(), fh.Filename, data, opt)
	}
	if err != nil {
		s.refused(c, &r, err)
		return r
	}
	r.stored(d.Info(), status)
	return r
}

// stored makes r the answer for a file stored as info, with status.
func (r *uploadResult) stored(info *app.DocInfo, status int) {
	sum := summary(info)
	r.Status, r.Document = status, &sum
}

// refused makes r the answer for a file not stored because of err.
func (s *Server) refused(c *gin.Context, r *uploadResult, err error) {
	ae := s.uploadError(c, err)
	r.Status, r.Error = ae.Status, &uploadErr{Code: ae.Code, Message: ae.Message, cause: err}
}

// uploadError is what a client is told about one refused file; a 5xx is
// logged and told as "internal error", as fail does.
func (s *Server) uploadError(c *gin.Context, err error) *apiError {
	var ee *app.ExistsError
	if errors.As(err, &ee) {
		return &apiError{http.StatusConflict, "exists", fmt.Sprintf("document %q (from %q) already exists: replace it with ?replace=true", ee.ID, ee.Name)}
	}
	ae := classify(err)
	if ae == nil {
		s.log.Error("upload failed", "path", c.Request.URL.Path, "err", err)
		ae = &apiError{http.StatusInternalServerError, "internal", "internal error"}
	}
	return ae
}

// readPart reads one uploaded file, refusing one larger than limit
// (maxDocumentBytes for a document, maxImportBytes for a term list).
func readPart(fh *multipart.FileHeader, limit int64) ([]byte, error) {
	if fh.Size > limit {
		return nil, &apiError{http.StatusRequestEntityTooLarge, "too_large",
			fmt.Sprintf("%s is %d bytes, larger than the limit of %s", fh.Filename, fh.Size, byteSize(limit))}
	}
	f, err := fh.Open()
	if err != nil {
		return nil, errBadRequest("the uploaded file cannot be read: " + err.Error())
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, errBadRequest("the uploaded file cannot be read: " + err.Error())
	}
	return data, nil
}
