package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
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
// errors known to carry a message meant for users pass their text on.
func classify(err error) *apiError {
	var ae *apiError
	var qe *index.QueryError
	var le *index.LimitError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads this answer.
		return &apiError{statusClientClosed, "client_closed", "the request was cancelled"}
	case errors.Is(err, context.DeadlineExceeded):
		return &apiError{http.StatusGatewayTimeout, "timeout", "the request took too long"}
	case errors.As(err, &qe):
		return &apiError{http.StatusBadRequest, "bad_query", qe.Error()}
	case errors.As(err, &le):
		return &apiError{http.StatusBadRequest, "query_too_broad", le.Msg}
	case errors.As(err, &mbe), errors.Is(err, ingest.ErrTooLarge):
		return &apiError{http.StatusRequestEntityTooLarge, "too_large", err.Error()}
	case errors.Is(err, ingest.ErrEmpty), errors.Is(err, ingest.ErrBinary),
		errors.Is(err, ingest.ErrInvalidUTF8), errors.Is(err, ingest.ErrUnsupported):
		return &apiError{http.StatusBadRequest, "bad_document", err.Error()}
	case errors.Is(err, glossary.ErrInvalid):
		return &apiError{http.StatusBadRequest, "invalid_concept", err.Error()}
	case errors.Is(err, app.ErrBadRequest):
		return &apiError{http.StatusBadRequest, "bad_request", err.Error()}
	case errors.Is(err, app.ErrNotFound), errors.Is(err, store.ErrNotFound):
		return &apiError{http.StatusNotFound, "not_found", err.Error()}
	case errors.Is(err, store.ErrExists):
		return &apiError{http.StatusConflict, "exists", err.Error()}
	}
	return nil
}

// fail writes err as {"error":{"code","message"}}. A 5xx never shows the
// underlying error: it is logged and the client reads "internal error".
func (s *Server) fail(c *gin.Context, err error) {
	ae := classify(err)
	if ae == nil {
		s.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
		ae = &apiError{http.StatusInternalServerError, "internal", "internal error"}
	}
	noteError(c, ae)
	c.AbortWithStatusJSON(ae.Status, gin.H{"error": gin.H{"code": ae.Code, "message": ae.Message}})
}
