package app

import (
	"os"
	"path/filepath"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// Documents arrive as text, Markdown, PDF, Word, OpenDocument, HTML and
// the XML of official publications (internal/ingest reads them by
// content). PDFs need an engine the App owns: a pdftext.Reader, started
// on the first PDF and closed with the App.

// Parse parses an upload as AddDocument would, without storing it (for
// callers that check the id a name gives first).
func (a *App) Parse(name string, data []byte, opt ingest.Options) (*ingest.Document, error) {
	return ingest.Parse(name, data, a.ingestOptions(opt))
}

// ingestOptions completes opt with the App's PDF reader.
func (a *App) ingestOptions(opt ingest.Options) ingest.Options {
	if opt.PDF == nil && a.pdf != nil {
		opt.PDF = a.pdf
	}
	return opt
}

// pdfCache is where the machine code compiled from the PDFium module is
// kept between runs: the user's cache directory, not the data directory
// (a backup need not carry it). "" (no cache) when there is none.
func pdfCache() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "tolk", "pdfium")
}

// Unchanged reports whether data, parsed as name, is the document stored
// under the id it gives, unchanged: the same content hash (the version
// that names the parsed document and its passages). A file that cannot
// be parsed is not unchanged; its error is for the caller to report when
// it adds the file.
func (a *App) Unchanged(name string, data []byte) bool {
	d, err := a.Parse(ingest.CleanName(name), data, ingest.Options{})
	if err != nil {
		return false
	}
	a.mu.RLock()
	info := a.infos[d.ID]
	a.mu.RUnlock()
	if info == nil {
		return false
	}
	meta, err := encodeDocument(d)
	return err == nil && version(meta) == info.Version
}
