package server

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/web"
)

// newUITestServer is newTestServer that also hands back the app, so that
// a test can add documents the pages must then show.
func newUITestServer(t testing.TB) (*httptest.Server, *app.App) {
	t.Helper()
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.Open(context.Background(), app.Config{Memory: true, Corpus: corpus.Default(), Glossary: curated})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(checkAPI(t, srv))
	t.Cleanup(func() { ts.Close(); a.Close() })
	return ts, a
}

// fetch GETs or POSTs a page and returns the response and its body.
func fetch(t testing.TB, ts *httptest.Server, method, path string, form url.Values, header map[string]string) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestMarks(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "de staatsgreep", "de staatsgreep"},
		{"marked", "de <mark>staatsgreep</mark> in Mali", "de <mark>staatsgreep</mark> in Mali"},
		{"escaped text stays escaped", "a &lt;script&gt; b &amp; c", "a &lt;script&gt; b &amp; c"},
		{"raw tag is escaped", "a <script>alert(1)</script>", "a &lt;script&gt;alert(1)&lt;/script&gt;"},
		{"escaped mark is text", "&lt;mark&gt;x", "&lt;mark&gt;x"},
		{"nested mark is text", "<mark>a<mark>b</mark>", "<mark>a&lt;mark&gt;b</mark>"},
		{"stray close is text", "a</mark>b", "a&lt;/mark&gt;b"},
		{"unclosed mark is closed", "<mark>a", "<mark>a</mark>"},
		{"attribute on mark is text", `<mark onclick="x">a</mark>`, `&lt;mark onclick=&#34;x&#34;&gt;a&lt;/mark&gt;`},
		{"apostrophe", "coup d&#39;état", "coup d&#39;état"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(template.HTML(tt.want), marks(tt.in)); diff != "" {
				t.Errorf("marks(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func FuzzMarks(f *testing.F) {
	for _, s := range []string{"<mark>a</mark>", "&lt;b&gt;", "<script>", "<mark><mark></mark>", "a<", "&#x3c;mark&#x3e;"} {
		f.Add(s)
	}
	tag := regexp.MustCompile(`<[^>]*>?`)
	f.Fuzz(func(t *testing.T, s string) {
		out := string(marks(s))
		// The only markup that may come out is balanced <mark> and </mark>.
		depth := 0
		for _, m := range tag.FindAllString(out, -1) {
			switch m {
			case "<mark>":
				depth++
			case "</mark>":
				depth--
			default:
				t.Fatalf("marks(%q) = %q lets %q through", s, out, m)
			}
			if depth < 0 || depth > 1 {
				t.Fatalf("marks(%q) = %q: unbalanced marks", s, out)
			}
		}
		if depth != 0 {
			t.Fatalf("marks(%q) = %q: unclosed mark", s, out)
		}
	})
}

// TestUIPages renders every page and checks what every page must have:
// status, type, the security headers, the interface language.
func TestUIPages(t *testing.T) {
	ts, _ := newUITestServer(t)
	tests := []struct {
		name, method, path string
		form               url.Values
		status             int
		want               []string
	}{
		{"home", "GET", "/", nil, 200, []string{`<html lang="en">`, `name="q"`, `href="/?q=sanctions"`}},
		{"search dutch", "GET", "/?q=staatsgreep", nil, 200, []string{"<mark>", "paragraph"}},
		{"search at /search", "GET", "/search?q=staatsgreep", nil, 200, []string{"<mark>", "paragraph", `value="staatsgreep"`}},
		{"search english", "GET", "/?q=sanctions&lang=en", nil, 200, []string{"Searched for:", "sancties</mark>"}},
		{"search facet filter", "GET", "/?q=Mali&section=" + url.QueryEscape("2. Diplomatieke reacties"), nil, 200, []string{"Remove filter"}},
		{"search page 2", "GET", "/?q=Mali&page=2", nil, 200, []string{`rel="prev"`, "page 2 of"}},
		{"search pasted text", "GET", "/?q=" + url.QueryEscape(`(staatsgreep "open`), nil, 200, []string{"<mark>staatsgreep</mark>"}},
		{"search nothing", "GET", "/?q=zzzqqqxxx", nil, 200, []string{"Nothing found"}},
		{"search typo", "GET", "/?q=staatsgreeep", nil, 200, []string{"Nothing matched as typed; showing results for", `lang="nl">staatsgreep</a>`}},
		{"glossary", "GET", "/glossary", nil, 200, []string{`href="#l-S"`, `href="/glossary/staatsgreep"`}},
		{"glossary search", "GET", "/glossary?q=coup", nil, 200, []string{`href="/glossary/staatsgreep"`}},
		{"glossary filter", "GET", "/glossary?status=deprecated", nil, 200, []string{"concept"}},
		{"glossary bad status", "GET", "/glossary?status=nonsense", nil, 400, []string{"Unknown status"}},
		{"concept", "GET", "/glossary/staatsgreep", nil, 200, []string{"coup d&#39;état", `<svg class="dispersion"`, `class="kwic"`}},
		{"concept sorted", "GET", "/glossary/staatsgreep?sort=left", nil, 200, []string{"<strong>left context</strong>"}},
		{"concept missing", "GET", "/glossary/no-such-concept", nil, 404, []string{"Not found", "no-such-concept"}},
		{"documents", "GET", "/documents", nil, 200, []string{`href="/documents/kamerbrief-mali-2020"`}},
		{"reader", "GET", "/documents/kamerbrief-mali-2020", nil, 200, []string{`class="term"`, `role="tooltip"`, "/terms?format=xlsx", `id="p1"`}},
		{"reader missing", "GET", "/documents/nope", nil, 404, []string{"Not found"}},
		{"annotate form", "GET", "/annotate", nil, 200, []string{`<textarea id="text"`}},
		{"annotate", "POST", "/annotate", url.Values{"text": {"De staatsgreep in Mali werd veroordeeld."}}, 200,
			[]string{`href="/glossary/staatsgreep"`, "coup d&#39;état"}},
		// A verb term a main clause puts apart: the verb and the rest both marked.
		{"annotate separated", "POST", "/annotate", url.Values{"text": {"Nederland spreekt zijn steun uit."}}, 200,
			[]string{`href="/glossary/steun-uitspreken" aria-describedby="tip-2">spreekt</a>`, `href="/glossary/steun-uitspreken" aria-describedby="tip-3">steun uit</a>`, "spreekt … steun uit"}},
		{"check form", "GET", "/check", nil, 200, []string{`<textarea id="en"`}},
		{"check", "POST", "/check", url.Values{"nl": {"De staatsgreep in Mali."}, "en": {"The putsch in Mali."}}, 200, []string{"Issues found: 0."}},
		{"check empty", "POST", "/check", url.Values{"nl": {""}, "en": {"x"}}, 400, []string{"Fill in both"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := fetch(t, ts, tt.method, tt.path, tt.form, map[string]string{"Accept-Language": "en-GB,en;q=0.8"})
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); csp != contentSecurityPolicy {
				t.Errorf("Content-Security-Policy %q", csp)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			// No inline script or style: the policy would block them.
			for _, bad := range []string{"<script>", " style=", "<style", " onclick=", " onload="} {
				if strings.Contains(body, bad) {
					t.Errorf("page contains %q", bad)
				}
			}
		})
	}
}

// TestGlossaryLetters: on the shipped glossary each letter of the
// glossary page heads one section (no id twice: a concept filed under
// another letter than the one its neighbours sort by would open a second
// section), and the letters come in order.
func TestGlossaryLetters(t *testing.T) {
	ts, _ := newUITestServer(t)
	_, body := fetch(t, ts, "GET", "/glossary", nil, map[string]string{"Accept-Language": "en"})
	var letters []string
	for _, m := range regexp.MustCompile(`<h2 id="l-([^"]+)"`).FindAllStringSubmatch(body, -1) {
		letters = append(letters, m[1])
	}
	if len(letters) < 10 || !slices.IsSorted(letters) || len(slices.Compact(slices.Clone(letters))) != len(letters) {
		t.Errorf("letter sections %v: want each once, in order", letters)
	}
}

func TestUILanguage(t *testing.T) {
	ts, _ := newUITestServer(t)
	tests := []struct {
		name   string
		path   string
		header map[string]string
		want   string // the html element's lang
		cookie bool   // whether a ui cookie is set
	}{
		{"default is Dutch", "/", nil, "nl", false},
		{"Accept-Language English", "/", map[string]string{"Accept-Language": "en-US,en;q=0.9"}, "en", false},
		{"Accept-Language Flemish", "/", map[string]string{"Accept-Language": "nl-BE"}, "nl", false},
		{"unsupported falls back to Dutch", "/", map[string]string{"Accept-Language": "fr"}, "nl", false},
		{"ui parameter wins", "/?ui=en", map[string]string{"Accept-Language": "nl"}, "en", true},
		{"cookie wins over header", "/", map[string]string{"Accept-Language": "nl", "Cookie": uiCookie + "=en"}, "en", false},
		{"bad ui value ignored", "/?ui=xx", map[string]string{"Accept-Language": "en"}, "en", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := fetch(t, ts, "GET", tt.path, nil, tt.header)
			if !strings.Contains(body, `<html lang="`+tt.want+`">`) {
				t.Errorf("page is not in %s", tt.want)
			}
			set := false
			for _, c := range resp.Cookies() {
				set = set || c.Name == uiCookie
			}
			if set != tt.cookie {
				t.Errorf("cookie set: %v, want %v", set, tt.cookie)
			}
		})
	}
	// The switch link leads to the same page in the other language.
	_, body := fetch(t, ts, "GET", "/glossary?q=coup", nil, map[string]string{"Accept-Language": "nl"})
	if !strings.Contains(body, `href="/glossary?q=coup&amp;ui=en"`) {
		t.Errorf("no switch link to the English page")
	}
	if !strings.Contains(body, ">Termenlijst<") {
		t.Errorf("Dutch page lacks the Dutch label")
	}
}

// TestUIEscapesDocuments adds a document full of markup: every page that
// shows its text must show the markup as text.
func TestUIEscapesDocuments(t *testing.T) {
	ts, a := newUITestServer(t)
	letter := "Gevaarlijke brief\n\nDeze brief bevat <script>alert('xss')</script> en <img src=x onerror=alert(1)> over de staatsgreep.\n"
	d, err := a.AddDocument(context.Background(), "gevaarlijk.txt", []byte(letter), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/documents/" + d.ID, "/documents", "/?q=alert", "/glossary/staatsgreep"} {
		t.Run(path, func(t *testing.T) {
			resp, body := fetch(t, ts, "GET", path, nil, nil)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, bad := range []string{"<script>alert", "<img src=x"} {
				if strings.Contains(body, bad) {
					t.Errorf("markup from the document reached the page unescaped: %q", bad)
				}
			}
			if path == "/documents/"+d.ID && !strings.Contains(body, "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;") {
				t.Errorf("the script is not shown as text")
			}
		})
	}
	// The same for pasted text.
	_, body := fetch(t, ts, "POST", "/annotate", url.Values{"text": {"<script>alert(1)</script> staatsgreep"}}, nil)
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;") {
		t.Errorf("annotate does not escape the pasted text")
	}
}

// TestHomeWeight sums / and every asset it links: under 100 KB.
func TestHomeWeight(t *testing.T) {
	ts, _ := newUITestServer(t)
	resp, body := fetch(t, ts, "GET", "/", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	total := len(body)
	assets := regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(body, -1)
	if len(assets) < 3 {
		t.Fatalf("found %d assets, want the stylesheet, the script and the icon", len(assets))
	}
	for _, m := range assets {
		path := strings.ReplaceAll(m[1], "&amp;", "&")
		resp, b := fetch(t, ts, "GET", path, nil, nil)
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", path, resp.StatusCode)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control %q; a versioned asset may be cached for good", path, cc)
		}
		total += len(b)
	}
	// Any absolute URL would be a request leaving the server.
	if m := regexp.MustCompile(`(?:href|src|action)="(?:https?:)?//`).FindString(body); m != "" {
		t.Errorf("page refers outside the server: %s", m)
	}
	t.Logf("/ weighs %d bytes with %d assets", total, len(assets))
	if total >= 100_000 {
		t.Errorf("/ weighs %d bytes with its assets, want under 100 KB", total)
	}
}

func TestStatic(t *testing.T) {
	ts, _ := newUITestServer(t)
	resp, _ := fetch(t, ts, "GET", "/static/tolk.css", nil, nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("tolk.css: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("unversioned Cache-Control %q, want no-cache", cc)
	}
	resp, _ = fetch(t, ts, "GET", "/static/tolk.css", nil, map[string]string{"If-None-Match": resp.Header.Get("ETag")})
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: status %d, want 304", resp.StatusCode)
	}
	for _, p := range []string{"/static/nope.css", "/static/../web.go", "/static/"} {
		if resp, _ := fetch(t, ts, "GET", p, nil, nil); resp.StatusCode != 404 {
			t.Errorf("%s: status %d, want 404", p, resp.StatusCode)
		}
	}
}

// TestLabels checks that every label the Go code asks for by name exists;
// labels the templates ask for fail the page when missing (missingkey=error),
// which TestUIPages catches.
func TestLabels(t *testing.T) {
	u, err := newUI(nil, web.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	used := regexp.MustCompile(`T\["([a-z_]+)"\]`)
	for _, f := range files {
		if !strings.HasPrefix(f.Name(), "ui") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			for lang, l := range u.labels {
				if _, ok := l[m[1]]; !ok {
					t.Errorf("%s: label %q has no %s text", f.Name(), m[1], lang)
				}
			}
		}
	}
	// Labels whose keys are computed from data.
	for _, prefix := range []string{"lang_", "search_read_as_"} {
		for _, l := range []string{"nl", "en"} {
			if _, ok := u.labels["en"][prefix+l]; !ok {
				t.Errorf("no label %s%s", prefix, l)
			}
		}
	}
	for _, s := range glossary.Statuses {
		if _, ok := u.labels["en"]["status_"+string(s)]; !ok {
			t.Errorf("no label for status %s", s)
		}
	}
	// Every subject field of the curated glossary is shown in the
	// interface's language (the filter and the concept page), not in the
	// English it is stored in.
	cs, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	missing := map[string]bool{}
	for _, c := range cs {
		if _, ok := u.labels["nl"]["subject_"+c.Subject]; c.Subject != "" && !ok {
			missing[c.Subject] = true
		}
	}
	for s := range missing {
		t.Errorf("the curated glossary's subject %q has no label subject_%s", s, s)
	}
}

func TestNewUIFailsFast(t *testing.T) {
	// A copy of every embedded asset must load; each broken copy below
	// must not.
	good := fstest.MapFS{}
	src := web.FS()
	err := fs.WalkDir(src, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(src, name)
		if err != nil {
			return err
		}
		good[name] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newUI(nil, good, nil); err != nil {
		t.Fatalf("copy of the embedded assets: %v", err)
	}
	tests := []struct {
		name, file, content string
	}{
		{"broken template", "templates/search.html", `{{define "content"}}{{if}}{{end}}`},
		{"labels not JSON", "labels.json", `{`},
		{"label missing a language", "labels.json", `{"skip": {"nl": "Naar de inhoud"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := fstest.MapFS{}
			for k, v := range good {
				bad[k] = v
			}
			bad[tt.file] = &fstest.MapFile{Data: []byte(tt.content)}
			if _, err := newUI(nil, bad, nil); err == nil {
				t.Errorf("newUI accepted %s", tt.name)
			}
		})
	}
	delete(good, "templates/check.html")
	if _, err := newUI(nil, good, nil); err == nil {
		t.Errorf("newUI accepted a missing page template")
	}
}

// BenchmarkPages renders the heaviest pages through the whole server:
// the reader (every annotation with its tooltip), a concept page (with
// the concordance) and an English search.
func BenchmarkPages(b *testing.B) {
	ts, _ := newUITestServer(b)
	for _, path := range []string{"/documents/kamerbrief-mali-2020", "/glossary/staatsgreep", "/?q=sanctions", "/glossary"} {
		b.Run(path, func(b *testing.B) {
			bytes := 0
			for b.Loop() {
				resp, body := fetch(b, ts, "GET", path, nil, nil)
				if resp.StatusCode != 200 {
					b.Fatalf("status %d", resp.StatusCode)
				}
				bytes = len(body)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(bytes)/1024, "KB/page")
		})
	}
}

// TestGlossaryPageByLetter: a glossary of more than browseAll concepts
// (an imported dictionary) is listed one initial a page, with the other
// letters as links; it was one page of every concept (6.7 MB for
// FreeDict).
func TestGlossaryPageByLetter(t *testing.T) {
	a := openDefault(t, app.Config{Memory: true})
	var cs []glossary.Concept
	for i := range browseAll + 200 {
		w := fmt.Sprintf("%c%cwoord%d", 'a'+rune(i%3), 'a'+rune(i%26), i)
		cs = append(cs, glossary.Concept{ID: fmt.Sprintf("imp-%d", i), Collection: "imp", Terms: []glossary.Term{{Lang: "nl", Text: w}, {Lang: "en", Text: "word " + w}}})
	}
	if err := a.ImportConcepts(cs, "test"); err != nil {
		t.Fatal(err)
	}
	srv, err := New(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	_, body := fetch(t, ts, "GET", "/glossary", nil, map[string]string{"Accept-Language": "en"})
	if !strings.Contains(body, `id="l-A"`) || strings.Contains(body, `id="l-B"`) || !strings.Contains(body, `href="/glossary?letter=B"`) {
		t.Errorf("first page: want letter A only and a link to B; %d bytes", len(body))
	}
	_, body = fetch(t, ts, "GET", "/glossary?letter=b", nil, nil)
	if !strings.Contains(body, `id="l-B"`) || strings.Contains(body, `id="l-A"`) || !strings.Contains(body, "bawoord") {
		t.Errorf("?letter=b: want letter B only")
	}
	_, body = fetch(t, ts, "GET", "/glossary?collection=curated", nil, nil)
	if !strings.Contains(body, `href="#l-S"`) {
		t.Errorf("the curated collection alone (fewer than %d) is still one page with anchors", browseAll)
	}
}
