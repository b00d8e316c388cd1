package ingest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/corpus"
)

// pagesPDF is a PDFReader that returns the same pages for any file.
type pagesPDF []string

func (p pagesPDF) ReadPDF([]byte) (*PDFText, error) { return &PDFText{Pages: p}, nil }

// spaceOut writes every word of s letter by letter, as PDFium returned
// the text of a page it took for vertical text (one glyph a line, the
// lines joined by the text rules): "M e t d e z e".
func spaceOut(s string) string {
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, strings.Join(strings.Split(w, ""), " "))
	}
	return strings.Join(out, " ")
}

// TestLetterSpacedPDF: a PDF whose text comes out letter by letter is
// refused as garbled, naming the pages, rather than stored as single
// letters (which the index cannot find, and whose numbers the page-number
// rules drop); tables of marks and ordinary text are read.
func TestLetterSpacedPDF(t *testing.T) {
	data, err := corpus.Default().ReadFile(corpus.MaliLetter)
	if err != nil {
		t.Fatal(err)
	}
	letter := strings.Split(string(data), "\n")
	body := strings.Join(letter[:60], "\n")
	// The lines PDFium did keep whole on such a page, as on the tester's.
	kept := "1. Recente ontwikkelingen Dinsdag 18 augustus jl. hebben Malinese militairen"
	var marks []string
	for range 40 {
		marks = append(marks, "Kaderberoepsgericht J J N J N X J")
	}
	tests := []struct {
		name  string
		pages []string
		want  string // "" when the PDF is read
	}{
		{"letter-spaced", []string{kept + "\n" + spaceOut(body)}, "letter-spaced on page 1 ("},
		{"second page letter-spaced", []string{body, kept + "\n" + spaceOut(strings.Join(letter[60:120], "\n"))}, "letter-spaced on page 2 ("},
		{"the letter", []string{body, strings.Join(letter[60:], "\n")}, ""},
		{"table of marks", []string{body + "\n" + strings.Join(marks, "\n")}, ""},
		{"spaced-out title", []string{spaceOut("Ministerie van Buitenlandse Zaken") + "\n" + body}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("brief.pdf", []byte("%PDF-1.7\n%%EOF\n"), Options{PDF: pagesPDF(tt.pages)})
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("err = %v, want the PDF read", err)
			case tt.want != "" && (!errors.Is(err, ErrGarbled) || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("err = %v, want ErrGarbled with %q", err, tt.want)
			}
		})
	}
}

// layoutPDF is a PDFReader that returns the same text and layout for any
// file.
type layoutPDF PDFText

func (p *layoutPDF) ReadPDF([]byte) (*PDFText, error) { t := PDFText(*p); return &t, nil }

// TestFooterBeforeBody: Chromium draws a page's footer ("Pagina 2")
// before its body text, so the gap up from the footer to the first line
// marked a paragraph break at the top of every page, and a sentence that
// runs on to the next page was cut in two paragraphs once the footer was
// dropped.
func TestFooterBeforeBody(t *testing.T) {
	page := func(n int, body ...string) ([]PDFLine, string) {
		lines := []PDFLine{{Text: fmt.Sprintf("Pagina %d", n), Top: 36, Bottom: 24, Size: 12}}
		for i, b := range body {
			top := 760 - float64(i)*14
			lines = append(lines, PDFLine{Text: b, Top: top, Bottom: top - 10, Size: 11})
		}
		var text []string
		for _, l := range lines {
			text = append(text, l.Text)
		}
		return lines, strings.Join(text, "\n")
	}
	l1, t1 := page(1, "Met deze brief informeer ik uw Kamer over de gevolgen", "van de staatsgreep die op dinsdag")
	l2, t2 := page(2, "18 augustus in Mali heeft plaatsgevonden; de junta", "heeft de gevangenen vrijgelaten.")
	r := &layoutPDF{Pages: []string{t1, t2}, Layout: [][]PDFLine{l1, l2}, Heights: []float64{792, 792}}
	doc, err := Parse("brief.pdf", []byte("%PDF-1.7\n%%EOF\n"), Options{PDF: r})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range doc.Paragraphs {
		got = append(got, doc.Text[p.Start:p.End])
	}
	want := []string{"Met deze brief informeer ik uw Kamer over de gevolgen van de staatsgreep die op dinsdag 18 augustus in Mali heeft plaatsgevonden; de junta heeft de gevangenen vrijgelaten."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
}
