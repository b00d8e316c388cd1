package pdftext

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/encoding/charmap"

	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// The PDF round trip (issue 13 point 4): Dutch text is typeset by a real
// engine — headless Chromium printing HTML with lang="nl", justified,
// hyphenated, a running header and "Pagina N van M" footers — and read
// back through PDFium and ingest; the words must come back.
//
// Chromium on Debian ships no hyphenation dictionaries (it downloads them
// elsewhere), so hyphens: auto alone breaks no word. The test therefore
// also marks every hyphenation point of the Dutch TeX patterns
// (../shared/data/hyphen-nl-debian, Liang's algorithm) with a soft
// hyphen; Chromium breaks lines there and prints the hyphen, as a word
// processor does.

// chromium returns the path of a Chromium binary, or skips.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("TOLK_REQUIRE_BROWSER") == "1" {
		t.Fatal("no chromium on PATH to render PDFs, and TOLK_REQUIRE_BROWSER=1 requires it")
	}
	t.Skip("skipping: no chromium on PATH to render PDFs")
	return ""
}

// hyphenator implements Liang's algorithm over TeX-style patterns.
type hyphenator struct {
	patterns map[string][]int
	maxLen   int
}

func loadHyphenator(t *testing.T) *hyphenator {
	t.Helper()
	raw, err := os.ReadFile(sharedtest.Path(t, "data", "hyphen-nl-debian", "hyph_nl_NL.dic"))
	if err != nil {
		t.Fatal(err)
	}
	dec, err := charmap.ISO8859_1.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	h := &hyphenator{patterns: map[string][]int{}}
	for i, line := range strings.Split(string(dec), "\n") {
		line = strings.TrimSpace(line)
		if i == 0 || line == "" || strings.Contains(line, "HYPHENMIN") || strings.Contains(line, "/") {
			continue
		}
		var letters []rune
		var pts []int
		pts = append(pts, 0)
		for _, r := range line {
			if r >= '0' && r <= '9' {
				pts[len(pts)-1] = int(r - '0')
				continue
			}
			letters = append(letters, r)
			pts = append(pts, 0)
		}
		h.patterns[string(letters)] = pts
		h.maxLen = max(h.maxLen, len(letters))
	}
	return h
}

// points returns the rune offsets in word where it may be broken (two
// letters at least on either side).
func (h *hyphenator) points(word string) []int {
	w := []rune("." + strings.ToLower(word) + ".")
	n := len(w)
	score := make([]int, n+1)
	for i := 0; i < n; i++ {
		for l := 1; l <= h.maxLen && i+l <= n; l++ {
			if p, ok := h.patterns[string(w[i:i+l])]; ok {
				for j, v := range p {
					score[i+j] = max(score[i+j], v)
				}
			}
		}
	}
	var out []int
	runes := len([]rune(word))
	for k := 2; k <= runes-2; k++ {
		if score[k+1]%2 == 1 { // score index k+1: between word runes k-1 and k (after the leading dot)
			out = append(out, k)
		}
	}
	return out
}

// soft inserts soft hyphens at the hyphenation points of the longer
// purely alphabetic words of s.
func (h *hyphenator) soft(s string) string {
	var b strings.Builder
	for i, f := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		core := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		start := strings.Index(f, core)
		alpha := len(core) >= 6 && strings.IndexFunc(core, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
		if !alpha {
			b.WriteString(html.EscapeString(f))
			continue
		}
		b.WriteString(html.EscapeString(f[:start]))
		r := []rune(core)
		last := 0
		for _, p := range h.points(core) {
			b.WriteString(html.EscapeString(string(r[last:p])))
			b.WriteString("&shy;")
			last = p
		}
		b.WriteString(html.EscapeString(string(r[last:])))
		b.WriteString(html.EscapeString(f[start+len(core):]))
	}
	return b.String()
}

// page lays doc out as a printed letter: running header, page numbers,
// hyphenated justified Dutch.
func page(doc *ingest.Document, header string, h *hyphenator) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>%s</title><style>
@page { size: A4; margin: 28mm 22mm 25mm 22mm;
  @top-center { content: %q; font: 9pt sans-serif; }
  @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font: 9pt sans-serif; } }
body { font: 11pt/1.45 "DejaVu Serif", serif; }
p, h2 { hyphens: auto; -webkit-hyphens: auto; text-align: justify; margin: 0 0 0.8em; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; }
</style></head><body><h1>%s</h1>
`, html.EscapeString(doc.Title), header, html.EscapeString(doc.Title))
	pi, si := 0, 0
	for pi < len(doc.Paragraphs) || si < len(doc.Sections) {
		if si < len(doc.Sections) && (pi >= len(doc.Paragraphs) || doc.Sections[si].Start < doc.Paragraphs[pi].Start) {
			fmt.Fprintf(&b, "<h2>%s</h2>\n", html.EscapeString(doc.Sections[si].Heading))
			si++
			continue
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", h.soft(doc.Paragraphs[pi].Text))
		pi++
	}
	for _, s := range doc.Signatories {
		fmt.Fprintf(&b, "<p>De %s,<br>%s</p>\n", html.EscapeString(s.Office), html.EscapeString(s.Name))
	}
	_ = strings.Contains
	b.WriteString("</body></html>\n")
	return b.String()
}

// render prints an HTML page to PDF with headless Chromium.
func render(t *testing.T, bin, htmlText string) []byte {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.html"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, []byte(htmlText), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+out, "file://"+in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// words splits text into the words compared: white-space separated
// tokens with surrounding punctuation kept (a lost comma is an error).
func words(s string) []string { return strings.Fields(s) }

// editDistance is the word-level Levenshtein distance of a and b.
func editDistance(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(prev[j-1], prev[j], cur[j-1])
			} else {
				c = min(c, 1+prev[j], 1+cur[j-1])
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

type roundTrip struct {
	name, header string
	src          *ingest.Document
}

func TestPDFRoundTrip(t *testing.T) {
	bin := chromium(t)
	h := loadHyphenator(t)
	mali, err := fs.ReadFile(corpus.Default(), "kamerbrief-mali-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	src, err := ingest.Parse("kamerbrief-mali-2020.txt", mali, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []roundTrip{{"kamerbrief-mali-2020", "Ministerie van Buitenlandse Zaken — Kamerbrief Mali", src}}
	for _, c := range circulars(t, 3) {
		cases = append(cases, roundTrip{c.ID, "Circulaire " + c.ID, c})
	}
	var totalWords, totalErrors int
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf := render(t, bin, page(c.src, c.header, h))
			if d := os.Getenv("TOLK_PDF_DUMP"); d != "" { // keep the PDFs to look at them
				os.WriteFile(filepath.Join(d, c.name+".pdf"), pdf, 0o644)
			}
			got, err := ingest.Parse(c.name+".pdf", pdf, ingest.Options{PDF: shared()})
			if err != nil {
				t.Fatal(err)
			}
			// The page prints the title, the headings, the paragraphs
			// and the signatures: the source's title and Text.
			want := append(words(c.src.Title), words(c.src.Text)...)
			gotWords := words(got.Text)
			dist := editDistance(want, gotWords)
			acc := 1 - float64(dist)/float64(len(want))
			totalWords += len(want)
			totalErrors += dist
			t.Logf("%s: %d pages, %d source words, %d extracted, %d word errors: accuracy %.2f %%; paragraphs %d (source %d), sections %d (source %d)",
				c.name, got.Meta.Pages, len(want), len(gotWords), dist, 100*acc, len(got.Paragraphs), len(c.src.Paragraphs), len(got.Sections), len(c.src.Sections))
			if testing.Verbose() && dist > 0 {
				showDiff(t, want, gotWords)
			}
			same := 0
			srcParas := map[string]bool{}
			for _, p := range c.src.Paragraphs {
				srcParas[p.Text] = true
			}
			for _, p := range got.Paragraphs {
				if srcParas[p.Text] {
					same++
				}
			}
			t.Logf("%s: %d of %d source paragraphs come back identical", c.name, same, len(c.src.Paragraphs))
			if c.name == "kamerbrief-mali-2020" && same < len(c.src.Paragraphs)*9/10 {
				t.Errorf("only %d of the letter's %d paragraphs come back identical", same, len(c.src.Paragraphs))
			}
			if acc < 0.995 {
				t.Errorf("word accuracy %.2f %% < 99.5 %%", 100*acc)
				showDiff(t, want, gotWords)
			}
			for _, p := range got.Paragraphs {
				switch {
				case strings.Contains(p.Text, c.header):
					t.Errorf("running header in paragraph %d: %q", p.N, p.Text)
				case strings.Contains(p.Text, "Pagina ") && strings.Contains(p.Text, " van ") && !strings.Contains(c.src.Text, "Pagina "):
					t.Errorf("page number in paragraph %d: %q", p.N, p.Text)
				case strings.ContainsRune(p.Text, '\u00ad'):
					t.Errorf("soft hyphen left in paragraph %d", p.N)
				}
			}
			// No hyphenation artefacts: every extracted word with a
			// hyphen is a word of the source.
			srcWords := map[string]bool{}
			for _, w := range words(c.src.Text) {
				srcWords[w] = true
			}
			for _, w := range gotWords {
				if strings.Contains(w, "-") && !srcWords[w] {
					t.Errorf("hyphenation artefact %q", w)
				}
			}
			if len(c.src.Signatories) > 0 && fmt.Sprint(got.Signatories) != fmt.Sprint(c.src.Signatories) {
				t.Errorf("signatories %v, want %v", got.Signatories, c.src.Signatories)
			}
		})
	}
	if totalWords > 0 {
		t.Logf("all: %d words, %d errors: accuracy %.3f %%", totalWords, totalErrors, 100*(1-float64(totalErrors)/float64(totalWords)))
	}
}

// showDiff logs the first differences between two word sequences.
func showDiff(t *testing.T, want, got []string) {
	t.Helper()
	i, j := 0, 0
	for shown := 0; i < len(want) && j < len(got) && shown < 5; {
		if want[i] == got[j] {
			i++
			j++
			continue
		}
		t.Logf("difference at word %d:\nwant …%s…\ngot  …%s…", i,
			strings.Join(want[max(0, i-3):min(len(want), i+6)], " "), strings.Join(got[max(0, j-3):min(len(got), j+6)], " "))
		shown++
		// Resynchronise on the next word both share.
		i, j = resync(want, got, i, j)
	}
}

// resync finds the nearest pair of positions after i, j where the two
// sequences agree on three words.
func resync(a, b []string, i, j int) (int, int) {
	for d := 1; d < 50; d++ {
		for k := 0; k <= d; k++ {
			x, y := i+k, j+d-k
			if x+2 < len(a) && y+2 < len(b) && a[x] == b[y] && a[x+1] == b[y+1] && a[x+2] == b[y+2] {
				return x, y
			}
		}
	}
	return len(a), len(b)
}

// circulars returns the first n circulars of the shared BWB sample of
// 3,000–12,000 characters, parsed from their Markdown.
func circulars(t *testing.T, n int) []*ingest.Document {
	t.Helper()
	sc := bufio.NewScanner(sharedtest.Open(t, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	sc.Buffer(nil, 64<<20)
	var out []*ingest.Document
	for sc.Scan() && len(out) < n {
		var d struct{ ID, Category, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if d.Category != "circulaire" || len(d.Text) < 3000 || len(d.Text) > 12000 {
			continue
		}
		doc, err := ingest.Parse(d.ID+".md", []byte(d.Text), ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, doc)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
