package server

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/web"
)

// Options configure the HTTP handler.
type Options struct {
	// Tokens maps bearer tokens to the names recorded in history. With
	// none, every write answers 403.
	Tokens map[string]string
	Logger *slog.Logger
	// Version is shown by /healthz.
	Version string
	// Web holds the UI's templates, static files and labels, laid out as
	// web.FS; nil uses the embedded ones (serve --dev passes the folder).
	Web fs.FS
	// SearchTimeout bounds each search (0: 5 s); a search that runs out
	// answers 504.
	SearchTimeout time.Duration
	// MaxExpensive is how many expensive searches (prefix or fuzzy terms,
	// or very frequent words) may run at once (0: half the CPUs, at least
	// 1); more answer 429.
	MaxExpensive int
	// MetricsToken, when set, is the bearer token /metrics asks for;
	// empty leaves /metrics open, like /healthz (metrics.go).
	MetricsToken string
	// Pprof mounts net/http/pprof under /debug/pprof/ (tolk serve
	// --pprof); off, those paths answer 404.
	Pprof bool
	// Timeouts are the HTTP server's limits (HTTPServer); zero fields
	// take DefaultTimeouts.
	Timeouts Timeouts
	// TrustedProxies are the addresses and networks (CIDR) of reverse
	// proxies whose X-Forwarded-For or X-Real-IP names the client the log
	// records. With none, the log names the connection's peer and those
	// headers are ignored, since anyone can send them.
	TrustedProxies []string
}

// Size limits of request bodies.
const (
	maxDocumentBytes = ingest.DefaultMaxBytes // what ingest parses
	maxImportBytes   = 64 << 20
	maxJSONBytes     = 1 << 20
)

// Server serves tolk over HTTP.
type Server struct {
	app  *app.App
	opt  Options
	log  *slog.Logger
	gin  *gin.Engine
	boot time.Time
	ui   *ui
	// limit is shared by the API and the UI searches.
	limit    *searchLimiter
	metrics  *metrics
	timeouts Timeouts
}

// New builds the handler for a. It fails when the UI's templates or
// labels are broken, so a bad build never starts serving.
func New(a *app.App, opt Options) (*Server, error) {
	gin.SetMode(gin.ReleaseMode)
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := opt.Timeouts.Validate(); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s := &Server{app: a, opt: opt, log: log, gin: gin.New(), boot: time.Now(), timeouts: opt.Timeouts.withDefaults()}
	// gin.New trusts every peer's X-Forwarded-For: a client could write
	// any address into the log.
	if err := s.gin.SetTrustedProxies(opt.TrustedProxies); err != nil {
		return nil, fmt.Errorf("server: trusted proxies: %w", err)
	}
	s.metrics = newMetrics(a, log)
	s.gin.Use(s.metrics.observe)
	s.gin.Use(s.requestLog, s.recover, compress)
	s.gin.Use(s.guard) // security headers, request head limits (headers.go)
	s.gin.HandleMethodNotAllowed = true
	s.gin.NoRoute(s.noRoute)
	s.gin.NoMethod(func(c *gin.Context) {
		s.fail(c, &apiError{http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed"})
	})
	fsys := opt.Web
	if fsys == nil {
		fsys = web.FS()
	}
	u, err := newUI(a, fsys, log)
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s.limit = newSearchLimiter(opt.SearchTimeout, opt.MaxExpensive, a.Index().Postings)
	u.limit = s.limit
	s.ui = u
	s.routes()
	return s, nil
}

// noRoute answers an unknown path: JSON under /api/, a page for browsers.
func (s *Server) noRoute(c *gin.Context) {
	err := word(errNotFound("no such route"), "no_page")
	if strings.HasPrefix(c.Request.URL.Path, "/api/") || !strings.Contains(c.GetHeader("Accept"), "text/html") {
		s.fail(c, err)
		return
	}
	securityHeaders(c)
	p := s.ui.newPage(c)
	s.ui.errorPage(c, p, err)
	s.ui.render(c, p)
}

func (s *Server) routes() {
	r := s.gin
	r.GET("/healthz", s.handle(s.healthz))
	s.opsRoutes(r)
	v1 := r.Group("/api/v1")
	s.adminRoutes(v1)
	v1.GET("/search", s.handle(s.search))
	v1.GET("/documents", s.handle(s.listDocuments))
	v1.GET("/documents/:id", s.handle(s.getDocument))
	v1.POST("/documents", s.handle(s.auth(s.addDocument)))
	v1.PUT("/documents/:id", s.handle(s.auth(s.replaceDocument)))
	v1.DELETE("/documents/:id", s.handle(s.auth(s.deleteDocument)))
	v1.GET("/documents/:id/annotations", s.handle(s.documentAnnotations))
	v1.GET("/documents/:id/terms", s.handle(s.documentTerms))
	v1.GET("/documents/:id/candidates", s.handle(s.candidates))
	v1.POST("/annotate", s.handle(s.annotate))
	v1.POST("/check", s.handle(s.check))
	v1.GET("/concordance", s.handle(s.concordance))
	v1.GET("/glossary", s.handle(s.lookupGlossary))
	v1.GET("/glossary/suggest", s.handle(s.suggestGlossary))
	v1.GET("/glossary/collections", s.handle(s.glossaryCollections))
	v1.DELETE("/glossary/collections/:name", s.handle(s.auth(s.deleteCollection)))
	v1.GET("/glossary/export", s.handle(s.exportGlossary))
	v1.POST("/glossary/import", s.handle(s.auth(s.importGlossary)))
	v1.GET("/glossary/:id", s.handle(s.getConcept))
	v1.GET("/glossary/:id/history", s.handle(s.conceptHistory))
	v1.POST("/glossary", s.handle(s.auth(s.createConcept)))
	v1.PUT("/glossary/:id", s.handle(s.auth(s.updateConcept)))
	v1.DELETE("/glossary/:id", s.handle(s.auth(s.deleteConcept)))
	v1.GET("/lexicon", s.handle(s.lookupLexicon))
	v1.GET("/tm", s.handle(s.searchTM))
	v1.POST("/tm/import", s.handle(s.auth(s.importTM)))
	v1.DELETE("/tm/collections/:name", s.handle(s.auth(s.deleteTMCollection)))
	v1.GET("/tm/export", s.handle(s.exportTM))
	v1.POST("/tm/match", s.handle(s.matchTM))
	v1.GET("/tm/concordance", s.handle(s.concordanceTM))
	v1.GET("/glossary/:id/equivalents", s.handle(s.conceptEquivalents))
	v1.POST("/glossary/:id/equivalents", s.handle(s.auth(s.acceptEquivalent)))
	v1.GET("/openapi.json", s.handle(s.openAPI))
	s.uiRoutes()
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodHead {
		// HEAD is GET without the body (RFC 9110 §9.3.2): the handlers
		// see a GET, and net/http, which knows the request as HEAD,
		// sends the head only (monitors ask /healthz so).
		g := r.Clone(r.Context())
		g.Method = http.MethodGet
		r = g
	}
	s.gin.ServeHTTP(w, r)
}

// handlerFunc is a handler that reports failure by returning an error,
// so that one function, fail, decides what the client sees.
type handlerFunc func(c *gin.Context) error

func (s *Server) handle(h handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.fail(c, err)
		}
	}
}

type ctxKey string

const whoKey ctxKey = "who"

// auth admits requests that carry a configured bearer token and records
// the token's name for the history.
func (s *Server) auth(h handlerFunc) handlerFunc {
	return func(c *gin.Context) error {
		if len(s.opt.Tokens) == 0 {
			return &apiError{http.StatusForbidden, "writes_disabled",
				"writes are disabled: start tolk with TOLK_TOKEN set to a secret and send it as 'Authorization: Bearer <token>'"}
		}
		tok, ok := bearerToken(c.GetHeader("Authorization"))
		if !ok {
			c.Header("WWW-Authenticate", `Bearer realm="tolk"`)
			return &apiError{http.StatusUnauthorized, "unauthorized", "this request needs 'Authorization: Bearer <token>'"}
		}
		if name, ok := s.tokenName(tok); ok {
			c.Set(string(whoKey), name)
			s.extendDeadlines(c)
			return h(c)
		}
		c.Header("WWW-Authenticate", `Bearer realm="tolk", error="invalid_token"`)
		return &apiError{http.StatusUnauthorized, "unauthorized", "the bearer token is not valid"}
	}
}

// bearerToken returns the token of an Authorization header of the Bearer
// scheme. The scheme is case-insensitive and may be followed by more than
// one space (RFC 9110, section 11.1; RFC 6750): 'bearer <token>' was
// refused with 401.
func bearerToken(h string) (string, bool) {
	scheme, tok, _ := strings.Cut(h, " ")
	tok = strings.TrimLeft(tok, " ")
	return tok, strings.EqualFold(scheme, "Bearer") && tok != ""
}

func who(c *gin.Context) string { return c.GetString(string(whoKey)) }

// requestLog logs each request: at ERROR when the server failed it (5xx:
// a full disk's 507 among them, which an administrator must see), at
// DEBUG for a successful health, readiness or metrics probe (one a few
// seconds from a load balancer drowned the rest), else at INFO; with the
// client's address (behind a trusted proxy the one it forwards) and, for
// a write, the editor's name.
func (s *Server) requestLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	status := c.Writer.Status()
	level := slog.LevelInfo
	switch p := c.Request.URL.Path; {
	case status >= 500:
		level = slog.LevelError
	case status < 400 && (p == "/healthz" || p == "/readyz" || p == "/metrics"):
		level = slog.LevelDebug
	}
	attrs := []slog.Attr{
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", status),
		slog.Int("bytes", c.Writer.Size()),
		slog.Duration("took", time.Since(start)),
		slog.String("client", c.ClientIP()),
	}
	if w := who(c); w != "" {
		attrs = append(attrs, slog.String("user", w))
	}
	if code := c.GetString(errorCodeKey); code != "" && status >= 400 {
		attrs = append(attrs, slog.String("code", code))
	}
	if errs := c.Errors.Last(); errs != nil && status >= 500 {
		attrs = append(attrs, slog.String("err", errs.Error()))
	}
	s.log.LogAttrs(c.Request.Context(), level, "request", attrs...)
}

func (s *Server) recover(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "path", c.Request.URL.Path, "panic", v)
			s.fail(c, errInternal)
		}
	}()
	c.Next()
}

func (s *Server) healthz(c *gin.Context) error {
	c.JSON(http.StatusOK, gin.H{"status": "ok", "version": s.opt.Version, "documents": len(s.app.Documents()),
		"uptime_s": int(time.Since(s.boot).Seconds())})
	return nil
}
