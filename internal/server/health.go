package server

import (
	"context"
	"errors"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/internal/app"
)

// opsRoutes adds the operator's unauthenticated routes beside /healthz:
// /readyz, /metrics, and /debug/pprof/ when Options.Pprof is set.
func (s *Server) opsRoutes(r *gin.Engine) {
	r.GET("/readyz", s.handle(s.readyz))
	r.GET("/metrics", s.handle(s.serveMetrics))
	if s.opt.Pprof {
		h := gin.WrapF(servePprof)
		r.GET("/debug/pprof/*name", h)
		r.POST("/debug/pprof/*name", h) // symbol lookups may be posted
	}
}

// readyTimeout bounds the readiness probe; an index that takes longer to
// answer a one-word search is not ready to serve.
const readyTimeout = 2 * time.Second

// readyz answers 200 when the app can serve (app.App.Ready: the index
// answers a search, the store a read) and 503 naming the part that cannot,
// so that a load balancer stops sending requests to it. Unlike /healthz,
// which says the process is alive, it may fail while the process runs.
func (s *Server) readyz(c *gin.Context) error {
	ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
	defer cancel()
	err := s.app.Ready(ctx)
	if err == nil {
		c.JSON(http.StatusOK, gin.H{"status": "ready"})
		return nil
	}
	if errors.Is(err, context.Canceled) && c.Request.Context().Err() != nil {
		return err // the prober went away
	}
	part := "app"
	var ue *app.UnavailableError
	if errors.As(err, &ue) {
		part = ue.Part
	}
	s.log.Warn("not ready", "part", part, "err", err)
	return &apiError{http.StatusServiceUnavailable, "not_ready", "not ready: the " + part + " does not answer"}
}

// servePprof dispatches /debug/pprof/NAME to net/http/pprof; its Index
// serves the named runtime profiles (heap, goroutine, …) and the list.
func servePprof(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/debug/pprof/cmdline":
		pprof.Cmdline(w, r)
	case "/debug/pprof/profile":
		pprof.Profile(w, r)
	case "/debug/pprof/symbol":
		pprof.Symbol(w, r)
	case "/debug/pprof/trace":
		pprof.Trace(w, r)
	default:
		pprof.Index(w, r)
	}
}
