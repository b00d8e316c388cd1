package server

import (
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// MaxHeaderBytes is the http.Server.MaxHeaderBytes to serve this handler
// with. The handler refuses a request line over maxRequestLine (414) and
// header fields over maxHeaderSize (431) itself, with the JSON error (or
// an error page for a browser). What never reaches the handler is
// answered by net/http itself, in plain text, and the connection closed:
// a request head over MaxHeaderBytes plus the 4 KiB it allows beyond
// (431), a request line or header that does not parse, or a missing or
// bad Host (400), an HTTP version other than 1.x or 2 (505), a
// Transfer-Encoding other than chunked (501). A client that sends its
// head or body slower than the server's read timeouts is cut off without
// an answer.
const MaxHeaderBytes = 64 << 10

// Limits of a request's head, well under MaxHeaderBytes.
const (
	// maxRequestLine bounds method, URL and protocol together: room for
	// a 1,000-byte query escaped three times over and its filters, far
	// more than the interface's own links need.
	maxRequestLine = 16 << 10
	// maxHeaderSize bounds all header fields, names and values together.
	maxHeaderSize = 32 << 10
)

// apiSecurityPolicy is the Content-Security-Policy of every answer that is
// not a page of the interface (those carry contentSecurityPolicy): JSON
// and downloads load nothing and may not be framed.
const apiSecurityPolicy = "default-src 'none'; frame-ancestors 'none'"

// guard is the first check of every request: it sets the security
// headers every answer carries, whatever route (or none) it takes, and
// refuses a request line or header fields over the limits.
func (s *Server) guard(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", apiSecurityPolicy)
	c.Set(bodyTimeKey, s.timeouts.Read)
	r := c.Request
	if n := len(r.Method) + len(r.RequestURI) + len(r.Proto) + 2; n > maxRequestLine {
		s.refuse(c, &apiError{http.StatusRequestURITooLong, "uri_too_long",
			fmt.Sprintf("the URL is %d bytes long, over the limit of %s: shorten the query; a text to look terms up in or to match against the translation memory goes in the body of POST /api/v1/annotate or POST /api/v1/tm/match", n, byteSize(maxRequestLine))})
		return
	}
	if n := headerSize(r); n > maxHeaderSize {
		s.refuse(c, &apiError{http.StatusRequestHeaderFieldsTooLarge, "headers_too_large",
			fmt.Sprintf("the request's header fields are %d bytes long, over the limit of %s", n, byteSize(maxHeaderSize))})
		return
	}
	c.Next()
}

// headerSize is the size of r's header fields as sent: "Name: value\r\n"
// for each value, the Host field included.
func headerSize(r *http.Request) int {
	n := 0
	if r.Host != "" {
		n += len("Host: \r\n") + len(r.Host)
	}
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	return n
}

// refuse answers err without running the route: the JSON error under
// /api/ and for clients that do not ask for HTML, an error page for a
// browser (as noRoute does).
func (s *Server) refuse(c *gin.Context, err error) {
	if strings.HasPrefix(c.Request.URL.Path, "/api/") || !strings.Contains(c.GetHeader("Accept"), "text/html") {
		s.fail(c, err)
		return
	}
	c.Header("Content-Security-Policy", contentSecurityPolicy)
	p := s.ui.newPage(c)
	s.ui.errorPage(c, p, err)
	s.ui.render(c, p)
	c.Abort()
}

// attachment sets Content-Disposition to download the answer as a file
// called name. mime.FormatMediaType quotes the name, escapes its quotes
// and backslashes, and writes a name with other than printable ASCII in
// the percent-encoded form of RFC 2231 (filename*=utf-8…), so no name taken from the
// request can break the header or change its meaning.
func attachment(c *gin.Context, name string) {
	v := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	if v == "" {
		v = "attachment" // unreachable for these names; never send a broken header
	}
	c.Header("Content-Disposition", v)
}
