package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"

	"github.com/tolk-nl/tolk/internal/app"
)

// contentSecurityPolicy allows nothing but this server's own files: no
// inline script or style, no plug-ins, no framing. Inline SVG in the HTML
// is markup, not an image, so the dispersion plot needs no exception.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// uiCookie remembers the interface language chosen with ?ui=.
const uiCookie = "tolk_ui"

// maxFormBytes bounds the text pasted into /annotate and /check.
const maxFormBytes = 1 << 20

// pageNames are the templates in web/templates besides layout.html, each
// parsed together with the layout into its own set, so that every page can
// define "content".
var pageNames = []string{"search", "glossary", "concept", "concept_edit", "documents", "document", "document_delete", "annotate", "check", "error", "tm", "upload", "glossary_import"}

// uiLangs are the interface languages, the first being the default when
// Accept-Language names neither.
var uiLangs = []string{"nl", "en"}

// ui is the browser interface: parsed templates, labels and static files,
// all read once from an fs.FS at startup.
type ui struct {
	app     *app.App
	log     *slog.Logger
	pages   map[string]*template.Template
	labels  map[string]labels // by interface language
	static  map[string]asset  // by file name under static/
	matcher language.Matcher
	limit   *searchLimiter // set by New
}

// asset is a static file held in memory with its content hash, which
// versions its URL so that browsers may cache it for good.
type asset struct {
	data []byte
	hash string
	typ  string
}

// labels are the interface texts of one language by key. Templates read
// them as fields ({{.T.search_button}}), which fail on a missing key
// because the templates run with missingkey=error, or through Get for
// computed keys.
type labels map[string]string

// Get returns the label for key; a missing label is an error, so that a
// typo in a template fails the page (and the tests) instead of showing
// an empty string.
func (l labels) Get(key string) (string, error) {
	v, ok := l[key]
	if !ok {
		return "", fmt.Errorf("ui: no label %q", key)
	}
	return v, nil
}

// or returns the label for key, or def where there is none: for values
// that come from data (a match kind, a status) and may be new.
func (l labels) or(key, def string) string {
	if v, ok := l[key]; ok {
		return v
	}
	return def
}

// count returns the label for a number n: key+"_one" where n is 1 and
// the label has that singular ("1 term", "1 alinea"), else key.
func (l labels) count(key string, n int) string {
	if v, ok := l[key+"_one"]; ok && n == 1 {
		return v
	}
	return l[key]
}

// countf formats the label for the number n (count) with args, or with
// n alone when there are none. A label may leave a value out with
// explicit indexes ("%[1]d begrippen; … het enige onder %[3]s"), and a
// singular that names no value ("Alleen de eerste staat hieronder.") is
// the text as it is.
func (l labels) countf(key string, n int, args ...any) string {
	format := l.count(key, n)
	if !strings.Contains(format, "%") {
		return format
	}
	if len(args) == 0 {
		args = []any{n}
	}
	return fmt.Sprintf(format, args...)
}

// Count is countf for the templates ({{$.T.Count "paragraphs_n" 1}}): a
// missing label fails the page, as with Get.
func (l labels) Count(key string, n int, args ...any) (string, error) {
	if _, ok := l[key]; !ok {
		return "", fmt.Errorf("ui: no label %q", key)
	}
	return l.countf(key, n, args...), nil
}

// uiRoutes registers the browser interface. The assets are embedded, so a
// template that does not parse is a programming error every test run
// catches; it stops the server at startup rather than at the first request.
func (s *Server) uiRoutes() {
	u := s.ui
	g := s.gin.Group("/", securityHeaders)
	g.GET("/", u.handle(u.searchPage))
	// The search page is the root; /search, where many sites have it,
	// sends there with the query kept (/search?q=sancties → /?q=sancties).
	g.GET("/search", func(c *gin.Context) {
		to := "/"
		if q := c.Request.URL.RawQuery; q != "" {
			to += "?" + q
		}
		c.Redirect(http.StatusFound, to)
	})
	g.GET("/glossary", u.handle(u.glossaryPage))
	g.GET("/glossary/:id", u.handle(u.conceptPage))
	g.GET("/glossary/import", u.handle(s.glossaryImportPage)) // ui_glossary_import.go
	g.POST("/glossary/import", u.handle(s.glossaryImportPage))
	g.GET("/glossary/new", u.handle(s.conceptEditPage)) // ui_concept_edit.go
	g.POST("/glossary/new", u.handle(s.conceptEditPage))
	g.GET("/glossary/:id/edit", u.handle(s.conceptEditPage))
	g.POST("/glossary/:id/edit", u.handle(s.conceptEditPage))
	g.GET("/documents", u.handle(u.documentsPage))
	g.GET("/upload", u.handle(s.uploadPage)) // ui_upload.go
	g.POST("/upload", u.handle(s.uploadPage))
	g.GET("/documents/:id", u.handle(u.documentPage))
	g.GET("/documents/:id/delete", u.handle(s.documentDeletePage)) // ui_docdelete.go
	g.POST("/documents/:id/delete", u.handle(s.documentDeletePage))
	g.GET("/annotate", u.handle(u.annotatePage))
	g.POST("/annotate", u.handle(u.annotatePage))
	g.GET("/check", u.handle(u.checkPage))
	g.POST("/check", u.handle(u.checkPage))
	g.GET("/tm", u.handle(u.tmPage))
	g.GET("/static/*file", u.serveStatic)
}

// newUI reads templates, labels and static files from fsys (laid out as
// web.FS) and fails on the first problem.
func newUI(a *app.App, fsys fs.FS, log *slog.Logger) (*ui, error) {
	u := &ui{app: a, log: log, pages: map[string]*template.Template{}, static: map[string]asset{}}
	tags := make([]language.Tag, len(uiLangs))
	for i, l := range uiLangs {
		tags[i] = language.MustParse(l)
	}
	u.matcher = language.NewMatcher(tags)

	raw, err := fs.ReadFile(fsys, "labels.json")
	if err != nil {
		return nil, fmt.Errorf("ui: %w", err)
	}
	// labels.json maps each key to its text per language, so that a
	// translator sees both languages of a label side by side.
	var byKey map[string]map[string]string
	if err := json.Unmarshal(raw, &byKey); err != nil {
		return nil, fmt.Errorf("ui: labels.json: %w", err)
	}
	u.labels = map[string]labels{}
	for _, l := range uiLangs {
		u.labels[l] = labels{}
	}
	for key, texts := range byKey {
		for _, l := range uiLangs {
			t, ok := texts[l]
			if !ok || t == "" {
				return nil, fmt.Errorf("ui: labels.json: %q has no %s text", key, l)
			}
			u.labels[l][key] = t
		}
	}

	files, err := fs.ReadDir(fsys, "static")
	if err != nil {
		return nil, fmt.Errorf("ui: %w", err)
	}
	for _, f := range files {
		if f.IsDir() {
			continue
		}
		data, err := fs.ReadFile(fsys, "static/"+f.Name())
		if err != nil {
			return nil, fmt.Errorf("ui: %w", err)
		}
		sum := sha256.Sum256(data)
		typ := mime.TypeByExtension(path.Ext(f.Name()))
		if typ == "" {
			typ = "application/octet-stream"
		}
		u.static[f.Name()] = asset{data: data, hash: hex.EncodeToString(sum[:6]), typ: typ}
	}

	for _, name := range pageNames {
		t, err := template.New(name).Option("missingkey=error").Funcs(u.templateFuncs()).
			ParseFS(fsys, "templates/layout.html", "templates/tm_parts.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("ui: %w", err)
		}
		u.pages[name] = t
	}
	return u, nil
}

// securityHeaders sets the headers every interface response carries.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	c.Next()
}

// page is what every template receives: the layout's needs and the
// page's own Data.
type page struct {
	UI        string // interface language: nl or en
	Other     string // the other interface language
	T         labels
	Title     string
	Nav       string // the navigation entry to mark as current
	SwitchURL string // this page in the other interface language
	Data      any

	name   string // template
	status int
	u      *ui
}

// Asset returns the versioned URL of a static file.
func (p *page) Asset(name string) (string, error) {
	a, ok := p.u.static[name]
	if !ok {
		return "", fmt.Errorf("ui: no static file %q", name)
	}
	return "/static/" + name + "?v=" + a.hash, nil
}

// pageFunc fills in a page; like the API's handlers it reports failure
// by returning an error, which handle turns into an error page.
type pageFunc func(c *gin.Context, p *page) error

func (u *ui) handle(h pageFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		p := u.newPage(c)
		if err := h(c, p); err != nil {
			u.errorPage(c, p, err)
		}
		if c.Writer.Written() {
			return // the page redirected (after a form's POST)
		}
		u.render(c, p)
	}
}

// newPage chooses the interface language: ?ui= (remembered in a cookie),
// else the cookie, else Accept-Language, else Dutch.
func (u *ui) newPage(c *gin.Context) *page {
	lang := ""
	if v := c.Query("ui"); slices.Contains(uiLangs, v) {
		lang = v
		http.SetCookie(c.Writer, &http.Cookie{Name: uiCookie, Value: v, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode})
	} else if v, err := c.Cookie(uiCookie); err == nil && slices.Contains(uiLangs, v) {
		lang = v
	} else {
		tags, _, _ := language.ParseAcceptLanguage(c.GetHeader("Accept-Language"))
		_, i, _ := u.matcher.Match(tags...)
		lang = uiLangs[i]
	}
	other := uiLangs[0]
	if lang == other {
		other = uiLangs[1]
	}
	sw := *c.Request.URL
	q := sw.Query()
	q.Set("ui", other)
	sw.RawQuery = q.Encode()
	c.Header("Vary", "Accept-Language, Cookie")
	return &page{UI: lang, Other: other, T: u.labels[lang], SwitchURL: sw.RequestURI(), status: http.StatusOK, u: u}
}

// errorPage turns err into an error page with the status classify gives
// it; like fail, it shows the message of client errors only. The page
// words the problem in the interface's language, as the forms do
// (explain), with the API's English message kept as the detail.
func (u *ui) errorPage(c *gin.Context, p *page, err error) {
	ae := classify(err)
	var r refusal
	if ae == nil {
		ae = &apiError{http.StatusInternalServerError, "internal", p.T.or("error_internal", "internal error")}
		r = refusal{Text: ae.Message, Status: ae.Status}
	} else {
		r = p.explain(err, ae)
	}
	noteError(c, ae, err) // requestLog logs it
	heading := p.T.or("error_heading", "Error")
	switch ae.Status {
	case http.StatusNotFound:
		heading = p.T.or("error_not_found", heading)
	case http.StatusBadRequest:
		heading = p.T.or("error_bad_request", heading)
	case http.StatusRequestEntityTooLarge:
		heading = p.T.or("error_too_large", heading)
	}
	p.name, p.status, p.Title = "error", ae.Status, heading
	p.Data = struct {
		Heading string
		Refusal refusal
	}{heading, r}
}

// render executes the page's template into a buffer and writes it only
// when that succeeded, so a template error never sends half a page.
func (u *ui) render(c *gin.Context, p *page) {
	var buf bytes.Buffer
	t := u.pages[p.name]
	err := errors.New("ui: no template named " + p.name)
	if t != nil {
		err = t.ExecuteTemplate(&buf, "layout", p)
	}
	if err != nil {
		u.log.Error("rendering page", "page", p.name, "path", c.Request.URL.Path, "err", err)
		c.Data(http.StatusInternalServerError, "text/plain; charset=utf-8", []byte("internal error\n"))
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Data(p.status, "text/html; charset=utf-8", buf.Bytes())
}

// serveStatic serves web/static. A URL carrying the file's current hash
// may be cached for good; without it the browser revalidates by ETag.
func (u *ui) serveStatic(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("file"), "/")
	a, ok := u.static[name]
	if !ok {
		c.Data(http.StatusNotFound, "text/plain; charset=utf-8", []byte("not found\n"))
		return
	}
	etag := `"` + a.hash + `"`
	c.Header("ETag", etag)
	if c.Query("v") == a.hash {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "no-cache")
	}
	if c.GetHeader("If-None-Match") == etag {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, a.typ, a.data)
}

// marks makes a highlighted fragment safe to emit: only <mark> and
// </mark> pass through as markup; everything else is unescaped and
// escaped again. The index escapes passage text before inserting its
// marks, but the page's safety should not rest on that.
func marks(frag string) template.HTML {
	var b strings.Builder
	open := false
	text := func(s string) { b.WriteString(template.HTMLEscapeString(html.UnescapeString(s))) }
	for frag != "" {
		i := strings.IndexByte(frag, '<')
		if i < 0 {
			text(frag)
			break
		}
		text(frag[:i])
		frag = frag[i:]
		switch {
		case !open && strings.HasPrefix(frag, "<mark>"):
			b.WriteString("<mark>")
			open = true
			frag = frag[len("<mark>"):]
		case open && strings.HasPrefix(frag, "</mark>"):
			b.WriteString("</mark>")
			open = false
			frag = frag[len("</mark>"):]
		default:
			b.WriteString("&lt;")
			frag = frag[1:]
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

// pageURL builds a local URL from a path and the non-empty parameters,
// given as name, value pairs.
func pageURL(p string, kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return p
	}
	return p + "?" + v.Encode()
}
