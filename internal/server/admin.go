package server

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/internal/app"
)

// backupWriteTime is how long a backup may take to send: longer than the
// server's write timeout, which is meant for ordinary answers.
const backupWriteTime = 30 * time.Minute

// adminRoutes adds the operator's routes, all behind a write token:
// backup, and the consistency check with its repair.
func (s *Server) adminRoutes(v1 *gin.RouterGroup) {
	v1.POST("/admin/backup", s.handle(s.auth(s.backup)))
	v1.GET("/admin/check", s.handle(s.auth(s.checkData)))
	v1.POST("/admin/repair", s.handle(s.auth(s.repairData)))
}

// backup answers a tar stream of a consistent snapshot (app.WriteBackup):
// the store as it was when the request began, the trained lexicon and the
// manifest, last. Searches and writes go on meanwhile. An error before the
// first byte is an ordinary error answer; one after it cuts the
// connection, so that the client holds a stream without a manifest, which
// tolk restore refuses.
func (s *Server) backup(c *gin.Context) error {
	w := &tarAnswer{c: c}
	m, err := s.app.WriteBackup(c.Request.Context(), w)
	if err != nil {
		if !w.started {
			return err
		}
		s.log.Error("backup cut short", "err", err)
		panic(http.ErrAbortHandler)
	}
	s.log.Info("backup sent", "who", who(c), "documents", m.Documents, "concepts", m.Concepts, "segments", m.Segments)
	return nil
}

// tarAnswer sends the status and headers of a backup with its first byte.
type tarAnswer struct {
	c       *gin.Context
	started bool
}

func (t *tarAnswer) Write(p []byte) (int, error) {
	if !t.started {
		t.started = true
		c := t.c
		// The server's write timeout would cut a large backup short.
		rw := http.ResponseWriter(c.Writer)
		if g, ok := c.Writer.(*gzipWriter); ok {
			rw = g.ResponseWriter
		}
		if err := http.NewResponseController(rw).SetWriteDeadline(time.Now().Add(backupWriteTime)); err != nil {
			return 0, fmt.Errorf("server: backup: %w", err)
		}
		c.Header("Content-Type", "application/x-tar")
		attachment(c, "tolk-backup-"+time.Now().UTC().Format("20060102T150405Z")+".tar")
		c.Header("X-Content-Type-Options", "nosniff")
		c.Status(http.StatusOK)
	}
	return t.c.Writer.Write(p)
}

// checkReport is a check's answer: the report and whether it is clean.
type checkReport struct {
	Clean bool `json:"clean"`
	*app.CheckReport
}

// newCheckReport answers r with its findings as a list, empty rather
// than null when the check is clean.
func newCheckReport(r *app.CheckReport) checkReport {
	if r.Findings == nil {
		r.Findings = []app.Finding{}
	}
	return checkReport{Clean: r.Clean(), CheckReport: r}
}

// checkData answers app.CheckData without repair: passage IDs and, unless
// quick=true, every passage's indexed text. Document writes wait for it.
func (s *Server) checkData(c *gin.Context) error {
	r, err := s.app.CheckData(c.Request.Context(), app.CheckOptions{Content: c.Query("quick") != "true"})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, newCheckReport(r))
	return nil
}

// repairData runs the check with repair: the answer lists what was found
// and what a second check still finds.
func (s *Server) repairData(c *gin.Context) error {
	// Once begun the repair runs to its end, whatever the client does.
	r, err := s.app.CheckData(context.WithoutCancel(c.Request.Context()), app.CheckOptions{Content: c.Query("quick") != "true", Repair: true})
	if err != nil {
		return err
	}
	s.log.Info("data repaired", "who", who(c), "found", len(r.Findings), "left", len(r.Remaining))
	c.JSON(http.StatusOK, newCheckReport(r))
	return nil
}
