package server

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

// Timeouts are the time limits of the HTTP server that serves the
// handler (Server.HTTPServer). A zero field takes its default
// (DefaultTimeouts).
type Timeouts struct {
	// ReadHeader bounds the arrival of a request's head.
	ReadHeader time.Duration
	// Read bounds the arrival of a whole request, body included, for
	// anyone without a write token.
	Read time.Duration
	// Write bounds the time from the end of a request's head to the end
	// of its answer: a search, an export, a page.
	Write time.Duration
	// Idle bounds how long a kept-alive connection waits for its next
	// request.
	Idle time.Duration
	// WriteBody is how long a request with a valid write token may take
	// to send its body, once the token is checked (a 64 MiB import over a
	// slow link); its answer may take a minute more. It replaces Read and
	// Write for that request only, so an anonymous client cannot hold a
	// connection this long.
	WriteBody time.Duration
}

// DefaultTimeouts are the limits tolk serves with unless told otherwise.
func DefaultTimeouts() Timeouts {
	return Timeouts{
		ReadHeader: 5 * time.Second,
		Read:       30 * time.Second,
		Write:      60 * time.Second,
		Idle:       120 * time.Second,
		WriteBody:  10 * time.Minute,
	}
}

// withDefaults fills the zero fields from DefaultTimeouts.
func (t Timeouts) withDefaults() Timeouts {
	d := DefaultTimeouts()
	for _, f := range []struct{ v, def *time.Duration }{
		{&t.ReadHeader, &d.ReadHeader}, {&t.Read, &d.Read}, {&t.Write, &d.Write},
		{&t.Idle, &d.Idle}, {&t.WriteBody, &d.WriteBody},
	} {
		if *f.v == 0 {
			*f.v = *f.def
		}
	}
	return t
}

// Validate refuses limits that cannot work together: a negative one, a
// head allowed longer than the whole request, or a writer given less time
// for its body than anyone else.
func (t Timeouts) Validate() error {
	t = t.withDefaults()
	for _, f := range []struct {
		name string
		v    time.Duration
	}{{"read-header", t.ReadHeader}, {"read", t.Read}, {"write", t.Write}, {"idle", t.Idle}, {"write-body", t.WriteBody}} {
		if f.v < 0 {
			return fmt.Errorf("the %s timeout is negative (%v)", f.name, f.v)
		}
	}
	if t.ReadHeader > t.Read {
		return fmt.Errorf("the read-header timeout (%v) is longer than the read timeout (%v), which includes the head", t.ReadHeader, t.Read)
	}
	if t.WriteBody < t.Read {
		return fmt.Errorf("the write-body timeout (%v) is shorter than the read timeout (%v): a writer would get less time to send a file than anyone", t.WriteBody, t.Read)
	}
	return nil
}

// HTTPServer is the http.Server to serve s with: its timeouts and
// MaxHeaderBytes.
func (s *Server) HTTPServer() *http.Server {
	t := s.timeouts
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}

// bodyTimeKey holds, in a request's gin context, how long its body was
// given to arrive (guard sets the read timeout, extendDeadlines the
// write-body timeout); the 408 answer names it.
const bodyTimeKey = "tolk.bodyTime"

// extendDeadlines gives an authorised write Timeouts.WriteBody to send
// its body and a minute more for the answer. Where the connection does
// not allow it (a test recorder) the server's own deadlines stand.
func (s *Server) extendDeadlines(c *gin.Context) {
	rc := http.NewResponseController(c.Writer)
	now := time.Now()
	if rc.SetReadDeadline(now.Add(s.timeouts.WriteBody)) == nil {
		c.Set(bodyTimeKey, s.timeouts.WriteBody)
	}
	_ = rc.SetWriteDeadline(now.Add(s.timeouts.WriteBody + time.Minute))
}

// bodyTimeout is the answer to a request whose body stopped arriving
// before its read deadline, or nil for any other error. It names the time
// the request had: the server's read timeout, or the write-body timeout
// of an authorised write.
func bodyTimeout(c *gin.Context, err error) error {
	var ne net.Error
	if !errors.Is(err, os.ErrDeadlineExceeded) && !(errors.As(err, &ne) && ne.Timeout()) {
		return nil
	}
	d := DefaultTimeouts().Read
	if v, ok := c.Get(bodyTimeKey); ok {
		d = v.(time.Duration)
	}
	return &apiError{http.StatusRequestTimeout, "request_timeout",
		fmt.Sprintf("the request body did not arrive within %v; on a slow link send smaller files", d)}
}
