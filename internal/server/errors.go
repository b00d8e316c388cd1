package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/exchange"
	"github.com/tolk-nl/tolk/glossary/table"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
)

// apiError is an error whose status, code and message the client may see.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Message }

var errInternal = errors.New("internal error")

// statusClientClosed is the status logged for a request whose client
// closed the connection before the answer (nginx's 499).
const statusClientClosed = 499

func errNotFound(msg string) error   { return &apiError{http.StatusNotFound, "not_found", msg} }
func errBadRequest(msg string) error { return &apiError{http.StatusBadRequest, "bad_request", msg} }

// classify maps an error from any layer to what the client is told. Only
// errors known to carry a message meant for users pass their text on, and
// that text is cleaned of the layers' prefixes (userMessage): classify is
// the one place both the JSON errors and the error pages take their
// messages from.
func classify(err error) *apiError {
	ae := classifyLayer(err)
	if ae == nil {
		return nil
	}
	out := *ae
	out.Message = userMessage(out.Message)
	return &out
}

func classifyLayer(err error) *apiError {
	var ae *apiError
	var qe *index.QueryError
	var le *index.LimitError
	var mbe *http.MaxBytesError
	var ie *importError
	var ine *exchange.InflateError
	var ue *app.Error
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &ie): // whatever the file's problem, the API has called it bad_request
		return &apiError{http.StatusBadRequest, "bad_request", ie.Error()}
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads this answer.
		return &apiError{statusClientClosed, "client_closed", "the request was cancelled"}
	case errors.Is(err, context.DeadlineExceeded):
		return &apiError{http.StatusGatewayTimeout, "timeout", "the request took too long"}
	case errors.As(err, &qe):
		return &apiError{http.StatusBadRequest, "bad_query", queryMessage(qe)}
	case errors.As(err, &le):
		return &apiError{http.StatusBadRequest, "query_too_broad", le.Msg}
	case errors.As(err, &mbe):
		return &apiError{http.StatusRequestEntityTooLarge, "too_large",
			fmt.Sprintf("the request body is larger than the limit of %s", byteSize(mbe.Limit))}
	case errors.As(err, &ine): // a gzip-compressed import that inflates too far
		return &apiError{http.StatusRequestEntityTooLarge, "too_large", ine.Error()}
	case errors.Is(err, ingest.ErrTooLarge):
		return &apiError{http.StatusRequestEntityTooLarge, "too_large", sentence(err, ingest.ErrTooLarge)}
	case ingest.IsInputError(err): // empty, binary, damaged, encrypted, a scan, a zip bomb, …
		return &apiError{http.StatusBadRequest, "bad_document", sentence(err, ingest.Kind(err))}
	case errors.Is(err, table.ErrCellTooLong):
		return &apiError{http.StatusUnprocessableEntity, "cell_too_long", sentence(err, table.ErrCellTooLong)}
	case errors.Is(err, glossary.ErrInvalid):
		return &apiError{http.StatusBadRequest, "invalid_concept", sentence(err, glossary.ErrInvalid)}
	case errors.As(err, &ue): // its Message is the user's, however it was wrapped
		return appError(ue)
	case errors.Is(err, app.ErrBadRequest):
		return &apiError{http.StatusBadRequest, "bad_request", sentence(err, app.ErrBadRequest)}
	case errors.Is(err, app.ErrNotFound):
		return &apiError{http.StatusNotFound, "not_found", sentence(err, app.ErrNotFound)}
	case errors.Is(err, store.ErrNotFound):
		return &apiError{http.StatusNotFound, "not_found", sentence(err, store.ErrNotFound)}
	case errors.Is(err, store.ErrExists):
		return &apiError{http.StatusConflict, "exists", sentence(err, store.ErrExists)}
	case errors.Is(err, app.ErrStale):
		return &apiError{http.StatusPreconditionFailed, "stale", sentence(err, app.ErrStale)}
	case errors.Is(err, app.ErrConflict):
		return &apiError{http.StatusConflict, "conflict", sentence(err, app.ErrConflict)}
	case store.NoSpace(err), errors.Is(err, index.ErrNotPersisted):
		// The write stored nothing (app, store): the client may retry
		// once someone has made room. A bulk load (several files at
		// once) waits for the index to reach the disk before each
		// commit, and stops there when the disk refuses it.
		return &apiError{http.StatusInsufficientStorage, "disk_full", "the server's disk is full: nothing was stored; try again later"}
	}
	return nil
}

// appError is how an *app.Error is answered: its category's status and
// code, and its Message.
func appError(e *app.Error) *apiError {
	switch e.Kind {
	case app.ErrNotFound:
		return &apiError{http.StatusNotFound, "not_found", e.Message}
	case app.ErrStale:
		return &apiError{http.StatusPreconditionFailed, "stale", e.Message}
	case app.ErrConflict:
		return &apiError{http.StatusConflict, "conflict", e.Message}
	}
	return &apiError{http.StatusBadRequest, "bad_request", e.Message}
}

// sentence is what is left of the string surgery *app.Error replaces: the
// categories of the other layers (ingest, glossary, table, store) and the
// app errors not yet written as an *app.Error (a sentinel inside the
// message, "app: backup: %w: …") still take their message from it.
//
// sentence is err's message without the text of kind, the sentinel error
// err wraps for its category ("…run OCR on it instead: garbled text",
// "…: not found"): the answer's code names the category, and the message
// is the sentence written for the user. The sentinel's text goes where
// %w put it: after the sentence (behind ": ", "; " or a space), before it
// or between two segments. A bare sentinel keeps its text, the only
// message there is.
func sentence(err, kind error) string {
	msg := err.Error()
	if kind == nil {
		return msg
	}
	k := kind.Error()
	if msg == k || k == "" {
		return msg
	}
	for _, sep := range []string{": ", "; ", " "} {
		if s, ok := strings.CutSuffix(msg, sep+k); ok && s != "" {
			return s
		}
	}
	if s, ok := strings.CutPrefix(msg, k+": "); ok {
		return s
	}
	if i := strings.Index(msg, ": "+k+": "); i >= 0 {
		return msg[:i] + msg[i+len(k)+2:]
	}
	return msg
}

// fail writes err as {"error":{"code","message"}}. A 5xx never shows the
// underlying error: it is logged and the client reads "internal error".
func (s *Server) fail(c *gin.Context, err error) {
	ae := classify(err)
	if ae == nil {
		ae = &apiError{http.StatusInternalServerError, "internal", "internal error"}
	}
	noteError(c, ae, err) // requestLog logs it
	c.AbortWithStatusJSON(ae.Status, gin.H{"error": gin.H{"code": ae.Code, "message": ae.Message}})
}

// layerPrefixes are the prefixes this module's packages, and the standard
// library's that reach the client, put before their messages ("index: ",
// "app: "): words that tell a developer where an error came from and a
// user nothing.
var layerPrefixes = map[string]bool{
	"app": true, "store": true, "index": true, "glossary": true, "ingest": true, "exchange": true,
	"server": true, "ui": true, "match": true, "table": true, "align": true, "lexicon": true,
	"decompound": true, "corpus": true, "http": true, "multipart": true, "mime": true,
	"strconv": true, "xml": true, "zip": true, "flate": true, "gzip": true, "url": true,
}

// formatNames are the file formats whose readers prefix their messages
// ("tmx: line 5: …"). That prefix tells the user which reader refused the
// upload, so it stays at the start of a message; repeated further on
// ("json: line 3: json: unknown field") it is noise.
var formatNames = map[string]bool{
	"json": true, "tbx": true, "tmx": true, "omegat": true, "pairs": true, "csv": true, "tsv": true, "xlsx": true,
}

// userMessage strips the layers' prefixes from a message: "app: concept
// \"x\": not found" reads "concept \"x\": not found". A prefix is
// recognised only as a whole segment before a ": " separator and outside
// double quotes, so a word inside a sentence or a quoted name stays.
func userMessage(msg string) string {
	segs := strings.Split(msg, ": ")
	kept := segs[:0]
	quotes := 0 // double quotes before this segment
	for i, s := range segs {
		prefix := i < len(segs)-1 && quotes%2 == 0
		if prefix && (layerPrefixes[s] || formatNames[s] && len(kept) > 0) {
			continue
		}
		kept = append(kept, s)
		quotes += strings.Count(s, `"`) - strings.Count(s, `\"`)
	}
	return strings.Join(kept, ": ")
}

// queryMessage says what is wrong with a search query and where.
func queryMessage(qe *index.QueryError) string {
	return fmt.Sprintf("%s (at position %d of the query)", qe.Msg, qe.Pos)
}

// formError classifies a failure to parse a posted form: a body over its
// limit stays a *http.MaxBytesError (413), anything else is the client's;
// a malformed %-escape is worded for the pages.
func formError(err error) error {
	var mbe *http.MaxBytesError
	var ee url.EscapeError
	switch {
	case errors.As(err, &mbe):
		return err
	case errors.As(err, &ee):
		return word(errBadRequest(fmt.Sprintf("the form holds a malformed %%-escape, %q: a %%-sign must be followed by two hexadecimal digits (%%25 for %%)", string(ee))),
			"refuse_form_escape", string(ee))
	}
	return errBadRequest("the form cannot be read: " + err.Error())
}

// byteSize writes a limit as a person would: 8 MiB, 64 KiB, 1000 bytes.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
