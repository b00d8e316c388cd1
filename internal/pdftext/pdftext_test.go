package pdftext

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// shared is the one Reader of the package's tests: its engine takes
// seconds to start, so the tests share it.
var shared = sync.OnceValue(func() *Reader { return New(testCache()) })

// testCache is where the tests keep PDFium's compiled code between runs.
func testCache() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "tolk-test", "pdfium")
}

func TestOfficeFixturePDFs(t *testing.T) {
	tests := []struct {
		file string
		want error
		msg  string
	}{
		{"image.pdf", ingest.ErrNoTextLayer, "no text layer: it is a scan"},
		{"garble.pdf", ingest.ErrGarbled, "its fonts have no Unicode map"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(sharedtest.Path(t, "data", "office-fixtures", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = ingest.Parse(tt.file, data, ingest.Options{PDF: shared()})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want %v with %q", err, tt.want, tt.msg)
			}
		})
	}
}

func TestBadPDFs(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"header only", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), ingest.ErrCorrupt},
		{"junk", []byte("%PDF-1.4\nthis is not a pdf at all\n%%EOF\n"), ingest.ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ingest.Parse("a.pdf", tt.data, ingest.Options{PDF: shared()})
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
