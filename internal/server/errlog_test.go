package server

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestRequestLogNamesCause: the log line of a request answered with a 5xx
// carries the error's code and the error itself (the answer shows
// neither); a 4xx carries its code. A full disk's 507 was an ERROR line
// with no word of the disk, the file or the system's answer.
func TestRequestLogNamesCause(t *testing.T) {
	var buf bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&buf, nil))}
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(s.requestLog)
	full := fmt.Errorf("app: store: document %q: %w", "brief", &fs.PathError{Op: "write", Path: "/srv/tolk/tolk.db", Err: syscall.ENOSPC})
	r.POST("/full", func(c *gin.Context) { s.fail(c, full) })
	r.GET("/broken", func(c *gin.Context) { s.fail(c, errors.New("index: something inside broke")) })
	r.GET("/bad", func(c *gin.Context) { s.fail(c, errBadRequest("no")) })
	for _, tc := range []struct {
		method, path string
		want         []string
	}{
		{"POST", "/full", []string{"status=507", "code=disk_full", `err="app: store: document \"brief\": write /srv/tolk/tolk.db: no space left on device"`}},
		{"GET", "/broken", []string{"status=500", "code=internal", `err="index: something inside broke"`}},
		{"GET", "/bad", []string{"status=400", "code=bad_request"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			buf.Reset()
			r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(tc.method, tc.path, nil))
			lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
			if len(lines) != 1 {
				t.Errorf("%d log lines, want the request's one:\n%s", len(lines), buf.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("log %s\nwant %s", buf.String(), w)
				}
			}
			if tc.path == "/bad" && strings.Contains(buf.String(), "err=") {
				t.Errorf("a 400 logs its error: %s", buf.String())
			}
		})
	}
}
