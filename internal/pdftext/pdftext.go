package pdftext

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

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
		t, err := r.inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
		if err != nil {
			return nil, fmt.Errorf("page %d of the PDF cannot be read (PDFium: %v): %w", i+1, err, ingest.ErrCorrupt)
		}
		out.Pages = append(out.Pages, t.Text)
		out.Layout = append(out.Layout, r.layoutLocked(doc.Document, i, t.Text))
		h := 0.0
		if sz, err := r.inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: doc.Document, Index: i}); err == nil {
			h = sz.Height
		}
		out.Heights = append(out.Heights, h)
	}
	return out, nil
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
