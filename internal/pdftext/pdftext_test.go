package pdftext

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

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

// TestColumnBesideFooter reads the Mali letter set by headless Chromium in
// a 9 cm column, once with a page number in the bottom-right margin
// (mali-footer.html printed with --no-pdf-header-footer), once with
// Chromium's own header and footer (date and title, address and page
// count; mali-header.pdf) and once with nothing beside the column
// (mali.pdf). PDFium took the first two for vertical text and gave every
// glyph a line of its own: the letter was stored letter-spaced ("M e t
// d e z e b r i e f"), in English, its numbers dropped as page numbers
// ("( a u g u s t u s )"). The text must be the same, word for word and
// paragraph for paragraph, as that of the page without them.
func TestColumnBesideFooter(t *testing.T) {
	parse := func(file string) *ingest.Document {
		t.Helper()
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		d, err := ingest.Parse(file, data, ingest.Options{PDF: shared()})
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		return d
	}
	want := parse("mali.pdf")
	if !strings.Contains(want.Text, "een dag na de coup (19 augustus) als lid van de AU geschorst") {
		t.Fatalf("mali.pdf: the reference text lacks its sentence: %.300q", want.Text)
	}
	for _, file := range []string{"mali-footer.pdf", "mali-header.pdf"} {
		t.Run(file, func(t *testing.T) {
			d := parse(file)
			if diff := cmp.Diff(strings.Fields(want.Text), strings.Fields(d.Text)); diff != "" {
				t.Errorf("words differ from mali.pdf's (-want +got):\n%s", diff)
			}
			// The blocks too: Chromium draws the footer before the body
			// text, and the gap up from it ended a paragraph at every
			// page break.
			if diff := cmp.Diff(strings.Split(want.Text, "\n\n"), strings.Split(d.Text, "\n\n")); diff != "" {
				t.Errorf("headings and paragraphs differ from mali.pdf's (-want +got):\n%s", diff)
			}
			if d.Meta == nil || d.Meta.Language != "nl" {
				t.Errorf("Meta = %+v, want Language nl", d.Meta)
			}
		})
	}
}
