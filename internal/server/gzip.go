package server

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// gzipPool and fastGzipPool reuse compressors: one costs hundreds of
// kilobytes to set up. Pages are compressed at the default level; API JSON
// at the fastest, because the API is where the server spends its CPU (a
// search answer with a long passage is 170 kB of JSON: level 6 takes
// about four times the CPU of level 1 for a sixth less output).
var (
	gzipPool = sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression)
		return w
	}}
	fastGzipPool = sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
		return w
	}}
)

// gzipWriter compresses what a handler writes once the response turns
// out to be text; other content (images, XLSX, already compressed data)
// passes through.
type gzipWriter struct {
	gin.ResponseWriter
	gz      *gzip.Writer
	pool    *sync.Pool // where gz goes back
	decided bool
}

func (w *gzipWriter) decide() {
	if w.decided {
		return
	}
	w.decided = true
	h := w.Header()
	if h.Get("Content-Encoding") != "" || !compressible(h.Get("Content-Type")) {
		return
	}
	h.Set("Content-Encoding", "gzip")
	h.Del("Content-Length")
	w.pool = &gzipPool
	if isJSON(h.Get("Content-Type")) {
		w.pool = &fastGzipPool
	}
	w.gz = w.pool.Get().(*gzip.Writer)
	w.gz.Reset(w.ResponseWriter)
}

// WriteHeaderNow is how gin's renderers send the header: decide first.
func (w *gzipWriter) WriteHeaderNow() {
	if !w.Written() && w.Status() != http.StatusNoContent && w.Status() != http.StatusNotModified {
		w.decide()
	}
	w.ResponseWriter.WriteHeaderNow()
}

func (w *gzipWriter) Write(b []byte) (int, error) {
	w.decide()
	if w.gz == nil {
		return w.ResponseWriter.Write(b)
	}
	return w.gz.Write(b)
}

func (w *gzipWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// compress gzips text responses for clients that accept it: the reader
// page of a letter shrinks to about a seventh.
func compress(c *gin.Context) {
	if c.Request.Method == http.MethodHead || !strings.Contains(c.GetHeader("Accept-Encoding"), "gzip") {
		c.Next()
		return
	}
	c.Header("Vary", "Accept-Encoding")
	w := &gzipWriter{ResponseWriter: c.Writer}
	c.Writer = w
	defer func() {
		if w.gz != nil {
			w.gz.Close()
			w.pool.Put(w.gz)
		}
		c.Writer = w.ResponseWriter
	}()
	c.Next()
}

// compressible reports whether a media type is text that gzip shrinks;
// XLSX and images are compressed already.
func compressible(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.TrimSpace(strings.ToLower(mt))
	switch {
	case strings.HasPrefix(mt, "text/"), strings.HasSuffix(mt, "+xml"), strings.HasSuffix(mt, "+json"):
		return true
	}
	switch mt {
	case "application/json", "application/xml", "application/javascript":
		return true
	}
	return false
}

// isJSON reports whether a media type is JSON.
func isJSON(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.TrimSpace(strings.ToLower(mt))
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// Unwrap lets http.NewResponseController reach the connection (the
// deadlines of extendDeadlines).
func (w *gzipWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
