package pdftext

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/klippa-app/go-pdfium"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// MaxPages is the number of pages a Reader extracts; a longer PDF is
// refused (ingest.ErrTooLarge) rather than read for minutes.
const MaxPages = 2000

// Reader extracts the text of PDFs; it implements ingest.PDFReader. The
// zero value is not usable: call New. A Reader is safe for concurrent use.
type Reader struct {
	cache string     // directory of compiled modules; "" compiles in memory only
	mu    sync.Mutex // held while PDFium works: it is single-threaded
	pool  pdfium.Pool
	inst  pdfium.Pdfium
	err   error // the start-up error, kept: a runtime that failed once is not retried
	start time.Duration
	done  bool
}

// New returns a Reader whose engine starts on the first ReadPDF. With a
// cacheDir, the machine code compiled from the PDFium module is kept
// there, so that later processes start in a fraction of the time (the
// directory is created when needed; "" keeps nothing).
func New(cacheDir string) *Reader { return &Reader{cache: cacheDir} }

// StartTime reports how long the engine took to start (0 before it has).
func (r *Reader) StartTime() time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.start
}

// startLocked starts the engine once. The WebAssembly module gets no file
// system: documents are handed over as bytes.
func (r *Reader) startLocked() error {
	if r.done {
		return r.err
	}
	r.done = true
	t := time.Now()
	// The bundled module needs the exception-handling feature, as
	// webassembly.Init's own default configuration says.
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if r.cache != "" {
		cache, err := wazero.NewCompilationCacheWithDir(r.cache)
		if err != nil {
			r.err = fmt.Errorf("pdftext: compilation cache: %w", err)
			return r.err
		}
		rc = rc.WithCompilationCache(cache)
	}
	pool, err := webassembly.Init(webassembly.Config{
		Context: context.Background(), MinIdle: 1, MaxIdle: 1, MaxTotal: 1,
		FSConfig: wazero.NewFSConfig(), RuntimeConfig: rc,
	})
	if err != nil {
		r.err = fmt.Errorf("pdftext: starting PDFium: %w", err)
		return r.err
	}
	inst, err := pool.GetInstance(time.Minute)
	if err != nil {
		pool.Close()
		r.err = fmt.Errorf("pdftext: starting PDFium: %w", err)
		return r.err
	}
	r.pool, r.inst, r.start = pool, inst, time.Since(t)
	return nil
}

// infoTags are the document information entries ReadPDF returns.
var infoTags = []string{"Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate"}

// ReadPDF returns the text of every page of data and its document
// information. An encrypted file is an error wrapping
// ingest.ErrEncrypted, one PDFium cannot open ingest.ErrCorrupt.
func (r *Reader) ReadPDF(data []byte) (*ingest.PDFText, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.startLocked(); err != nil {
		return nil, err
	}
	doc, err := r.inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		switch {
		case errors.Is(err, pdferrors.ErrPassword), errors.Is(err, pdferrors.ErrSecurity):
			return nil, fmt.Errorf("the PDF is password-protected (encrypted); remove the password and upload it again: %w", ingest.ErrEncrypted)
		}
		return nil, fmt.Errorf("the PDF is damaged or truncated (PDFium: %v): %w", err, ingest.ErrCorrupt)
	}
	defer r.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	pc, err := r.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("the PDF's pages cannot be read (PDFium: %v): %w", err, ingest.ErrCorrupt)
	}
	if pc.PageCount > MaxPages {
		return nil, fmt.Errorf("the PDF has %d pages (limit %d): %w", pc.PageCount, MaxPages, ingest.ErrTooLarge)
	}
	out := &ingest.PDFText{Info: map[string]string{}}
	for _, tag := range infoTags {
		m, err := r.inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: doc.Document, Tag: tag})
		if err == nil && m.Value != "" {
			out.Info[tag] = m.Value
		}
	}
	for i := 0; i < pc.PageCount; i++ {
		text, layout, err := r.pageLocked(doc.Document, i)
		if err != nil {
			return nil, fmt.Errorf("page %d of the PDF cannot be read (PDFium: %v): %w", i+1, err, ingest.ErrCorrupt)
		}
		out.Pages = append(out.Pages, text)
		out.Layout = append(out.Layout, layout)
		h := 0.0
		if sz, err := r.inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: doc.Document, Index: i}); err == nil {
			h = sz.Height
		}
		out.Heights = append(out.Heights, h)
	}
	return out, nil
}

// wordGap is the gap between two glyphs, as a share of the font size,
// from which on they are two words: half a space of a common text face
// (a space is a quarter to a third of the size; letters of one word
// touch, kerned or tracked by a few hundredths).
const wordGap = 0.125

// pageLocked returns the text of a page and the positions of its lines.
// Mostly that is the text as PDFium reads it (its characters in order,
// with the spaces and line breaks it generated between them) and the
// lines found by layoutLocked. But PDFium decides once per page whether
// the page's lines run across or down, from how much of the page's
// width and height its text objects cover together; a narrow column
// with a page number set far beside it (a footer in the right margin)
// covers too little of the width, the page is taken for vertical text,
// and every glyph drawn on its own becomes a line of its own
// ("M\r\ne\r\nt"), which the text rules then read as letter-spaced
// words and page numbers — while lines that do follow each other are
// run together. A line break between two glyphs on one baseline, the
// second following the first, shows that misreading (across, PDFium
// breaks only where the baseline changes); such a page is read again
// from the glyphs' positions alone (glyphs.read).
func (r *Reader) pageLocked(doc references.FPDF_DOCUMENT, page int) (string, []ingest.PDFLine, error) {
	tp, err := r.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: page}}})
	if err != nil {
		return "", nil, err
	}
	defer r.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cc, err := r.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return "", nil, err
	}
	chars := make([]rune, cc.Count)
	for i := range chars {
		u, err := r.inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return "", nil, err
		}
		chars[i] = rune(u.Unicode)
	}
	g := glyphs{r: r, tp: tp.TextPage, at: map[int]glyph{}}
	if g.misread(chars) {
		text, lines := g.read(chars)
		return text, lines, nil
	}
	// A character without Unicode is left out, as PDFium's own page text
	// (FPDFText_GetText) does.
	text := strings.Map(func(c rune) rune {
		if c == 0 {
			return -1
		}
		return c
	}, string(chars))
	return text, r.layoutLocked(doc, page, text), nil
}

// glyph is where PDFium placed a character: its baseline, its box (the
// advance across, the font's ascent and descent up and down), its font
// size.
type glyph struct {
	y, left, right, top, bottom, size float64
	ok                                bool
}

// glyphs looks up the characters of a text page, each once.
type glyphs struct {
	r  *Reader
	tp references.FPDF_TEXTPAGE
	at map[int]glyph
}

func (g glyphs) get(i int) glyph {
	if c, ok := g.at[i]; ok {
		return c
	}
	var c glyph
	o, err1 := g.r.inst.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: g.tp, Index: i})
	lb, err2 := g.r.inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: g.tp, Index: i})
	fs, err3 := g.r.inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: g.tp, Index: i})
	if err1 == nil && err2 == nil && err3 == nil && fs.FontSize > 0 {
		c = glyph{y: o.Y, left: float64(lb.Rect.Left), right: float64(lb.Rect.Right),
			top: float64(lb.Rect.Top), bottom: float64(lb.Rect.Bottom), size: fs.FontSize, ok: true}
	}
	g.at[i] = c
	return c
}

// sameLine reports whether glyph b continues the line of glyph a: on its
// baseline (within a tenth of the size), starting after a's start and
// not far into it; space is whether the gap between them is a word space.
func (g glyphs) sameLine(a, b int) (join, space bool) {
	ga, gb := g.get(a), g.get(b)
	if !ga.ok || !gb.ok {
		return false, false
	}
	size := max(ga.size, gb.size)
	gap := gb.left - ga.right
	if math.Abs(ga.y-gb.y) > size*0.1 || gb.left <= ga.left || gap < -size*0.25 {
		return false, false
	}
	return true, gap >= size*wordGap
}

// isBreak tells the characters PDFium ends a line with.
func isBreak(c rune) bool { return c == '\r' || c == '\n' }

// misread reports whether the page has a line break between two glyphs
// of one line (pageLocked).
func (g glyphs) misread(chars []rune) bool {
	last := -1 // the last glyph: not blank, not a break
	for i := 0; i < len(chars); i++ {
		c := chars[i]
		if !isBreak(c) {
			if c != 0 && !unicode.IsSpace(c) {
				last = i
			}
			continue
		}
		j := i
		for j < len(chars) && (isBreak(chars[j]) || chars[j] == 0 || unicode.IsSpace(chars[j])) {
			j++
		}
		if last >= 0 && j < len(chars) {
			if join, _ := g.sameLine(last, j); join {
				return true
			}
		}
		i = j - 1
	}
	return false
}

// read reads a page from its glyphs' positions: glyphs in PDFium's order
// on one baseline, each following the one before, are a line; a gap of a
// word space, or a blank PDFium read between them, is a space; blanks
// and breaks PDFium generated are otherwise left out. A hyphen PDFium
// marked as ending a line (U+0002) is kept as that mark at a line end
// and is a hyphen inside a line. It returns the text, lines separated by
// "\r\n", and the lines' positions.
func (g glyphs) read(chars []rune) (string, []ingest.PDFLine) {
	var (
		b     strings.Builder
		lines []ingest.PDFLine
		line  strings.Builder
		cur   ingest.PDFLine
		last  = -1
		blank bool // a blank between last and the glyph at hand
	)
	end := func() {
		if last >= 0 && chars[last] == 2 {
			line.WriteRune(2)
		}
		cur.Text = line.String()
		lines = append(lines, cur)
		line.Reset()
	}
	for i, c := range chars {
		if c == 0 || isBreak(c) || unicode.IsSpace(c) {
			blank = blank || c != 0 && !isBreak(c)
			continue
		}
		gc := g.get(i)
		join, space := false, false
		if last >= 0 {
			join, space = g.sameLine(last, i)
		}
		switch {
		case last < 0:
		case join:
			if chars[last] == 2 {
				line.WriteByte('-')
			}
			if space || blank {
				line.WriteByte(' ')
			}
		default:
			end()
		}
		if !join {
			cur = ingest.PDFLine{Top: gc.top, Bottom: gc.bottom, Size: gc.size}
		} else {
			cur.Top, cur.Bottom, cur.Size = max(cur.Top, gc.top), min(cur.Bottom, gc.bottom), max(cur.Size, gc.size)
		}
		if c != 2 {
			line.WriteRune(c)
		}
		last, blank = i, false
	}
	if last >= 0 {
		end()
	}
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(l.Text)
	}
	return b.String(), lines
}

// layoutLocked returns the positions of the lines of a page's text: the
// text's runs (rects) grouped into lines by their vertical centre, matched
// one to one with the text's non-blank lines. When the two do not match
// (a layout pdfium orders otherwise) it returns nil and the page is read
// from its text alone.
func (r *Reader) layoutLocked(doc references.FPDF_DOCUMENT, page int, text string) []ingest.PDFLine {
	st, err := r.inst.GetPageTextStructured(&requests.GetPageTextStructured{
		Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: page}},
		Mode: requests.GetPageTextStructuredModeRects, CollectFontInformation: true,
	})
	if err != nil {
		return nil
	}
	type group struct {
		top, bottom, size float64
		n                 int
	}
	var groups []group
	for _, rc := range st.Rects {
		if strings.TrimSpace(rc.Text) == "" {
			continue
		}
		p := rc.PointPosition
		size := 0.0
		if rc.FontInformation != nil {
			size = rc.FontInformation.Size
		}
		mid := (p.Top + p.Bottom) / 2
		tol := max(size, p.Top-p.Bottom) / 2
		if k := len(groups) - 1; k >= 0 && math.Abs(mid-(groups[k].top+groups[k].bottom)/2) <= tol {
			g := &groups[k]
			g.top, g.bottom = max(g.top, p.Top), min(g.bottom, p.Bottom)
			g.size = max(g.size, size)
			g.n++
			continue
		}
		groups = append(groups, group{top: p.Top, bottom: p.Bottom, size: size, n: 1})
	}
	var lines []string
	// PDFium keeps a line that ends in a hyphen together with the next
	// one, the hyphen written as U+0002 ("West\x02Afrikaanse"); the runs
	// are on two lines.
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\x02", "\x02\n")
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) != len(groups) {
		return nil
	}
	out := make([]ingest.PDFLine, len(lines))
	for i, l := range lines {
		out[i] = ingest.PDFLine{Text: l, Top: groups[i].top, Bottom: groups[i].bottom, Size: groups[i].size}
	}
	return out
}

// Close stops the engine, if it was started.
func (r *Reader) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var err error
	if r.inst != nil {
		err = r.inst.Close()
	}
	if r.pool != nil {
		err = errors.Join(err, r.pool.Close())
	}
	r.inst, r.pool = nil, nil
	r.done, r.err = true, errors.New("pdftext: reader closed")
	return err
}
