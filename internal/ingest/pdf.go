package ingest

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// parsePDF reads a PDF through r: refuses scans and glyph garbage, drops
// running headers, footers and page numbers, and reads what is left as
// the pdf-text format (page breaks, line-end hyphenation) is read.
// The PDF's creation date is meta's FileDate.
func parsePDF(r PDFReader, data []byte) (blocks []block, meta *Metadata, title string, err error) {
	// A PDF ends with "%%EOF" (readers allow junk in the last KB after
	// it); without it the file was cut off. Checked here, PDFium is not
	// started for a file that is refused anyway.
	if !bytes.Contains(data[max(0, len(data)-4096):], []byte("%%EOF")) {
		return nil, nil, "", fmt.Errorf("the PDF is truncated: it does not end with the %%%%EOF marker: %w", ErrCorrupt)
	}
	t, err := r.ReadPDF(data)
	if err != nil {
		if IsInputError(err) {
			return nil, nil, "", err
		}
		return nil, nil, "", fmt.Errorf("reading a PDF: %w", err) // the reader failed, not the file
	}
	meta = &Metadata{SourceFormat: "pdf", Pages: len(t.Pages)}
	pages := make([][]string, len(t.Pages))
	for i, p := range t.Pages {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "\r\n", "\n"), "\r", "\n")
		for _, l := range strings.Split(p, "\n") {
			pages[i] = append(pages[i], hyphenBreaks(strings.TrimRightFunc(l, unicode.IsSpace))...)
		}
	}
	if err := checkPDFText(pages); err != nil {
		return nil, nil, "", err
	}
	for i := range pages {
		if i < len(t.Layout) && i < len(t.Heights) && len(t.Layout[i]) > 0 {
			pages[i] = layoutPage(t.Layout[i], t.Heights[i])
		}
	}
	pages = dropFurniture(pages)
	var b strings.Builder
	for i, p := range pages {
		if i > 0 {
			b.WriteString("\n\f")
		}
		b.WriteString(strings.Join(p, "\n"))
	}
	blocks = parseText(splitLines(b.String()), true)
	title = strings.TrimSpace(t.Info["Title"])
	if !goodPDFTitle(title) {
		title = ""
	}
	if a := strings.TrimSpace(t.Info["Author"]); strings.Contains(a, " ") {
		meta.Authority = a
	}
	if d := strings.TrimPrefix(t.Info["CreationDate"], "D:"); len(d) >= 8 {
		if c := d[:4] + "-" + d[4:6] + "-" + d[6:8]; isoDate.MatchString(c) {
			meta.FileDate = c
		}
	}
	return blocks, meta, title, nil
}

// goodPDFTitle tells a real title from what producers leave in the Title
// entry: "Microsoft Word - 297175c9-….docx", a file name, "Untitled".
func goodPDFTitle(t string) bool {
	lower := strings.ToLower(t)
	switch {
	case t == "", strings.HasPrefix(lower, "microsoft word"), strings.HasPrefix(lower, "untitled"),
		strings.HasSuffix(lower, ".doc"), strings.HasSuffix(lower, ".docx"), strings.HasSuffix(lower, ".pdf"),
		strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"), !strings.Contains(t, " ") && len(t) > 20:
		return false
	}
	return true
}

// checkPDFText refuses a PDF without a text layer and one whose text is
// not language: fonts without a Unicode map yield control characters,
// digits and symbols ("2343567837 4 435774743"), not words; a text layer
// that places every letter on its own yields letters with spaces between
// them ("M e t d e z e b r i e f"), which the index cannot search and the
// page-number rules mistake for numbers (see letterSpaced).
func checkPDFText(pages [][]string) error {
	var letters, other, controls, words, vowelWords int
	var spaced []string // the pages read letter-spaced, numbered from 1
	spacedSingles, spacedWords := 0, 0
	for n, p := range pages {
		if singles, all, ok := letterSpaced(p); ok {
			spaced = append(spaced, fmt.Sprint(n+1))
			spacedSingles += singles
			spacedWords += all
		}
		for _, l := range p {
			for _, r := range l {
				switch {
				case unicode.IsLetter(r):
					letters++
				case unicode.IsControl(r) && r != '\t' || r == unicode.ReplacementChar || r >= 0xE000 && r <= 0xF8FF:
					controls++
				case !unicode.IsSpace(r):
					other++
				}
			}
			for _, w := range strings.Fields(l) {
				w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
				if len([]rune(w)) < 2 {
					continue
				}
				words++
				if strings.ContainsAny(strings.ToLower(w), "aeiouyáéíóúàèëïöüäâêôû") {
					vowelWords++
				}
			}
		}
	}
	total := letters + other + controls
	if total == 0 {
		return fmt.Errorf("the PDF has %s but no text layer: it is a scan or images only; run OCR on it first: %w", pageCount(len(pages)), ErrNoTextLayer)
	}
	if controls*20 > total || letters*2 < total || words > 0 && vowelWords*10 < words*6 || words == 0 {
		return fmt.Errorf("the PDF's text is not readable (%d letters, %d control characters, %d other characters in %s): its fonts have no Unicode map; run OCR on it instead: %w",
			letters, controls, other, pageCount(len(pages)), ErrGarbled)
	}
	if len(spaced) > 0 {
		pl := "page"
		if len(spaced) > 1 {
			pl = "pages"
		}
		return fmt.Errorf("the PDF's text comes out letter-spaced on %s %s (%d of %d words there are single letters): where its words end cannot be told; print it to PDF again or run OCR on it: %w",
			pl, strings.Join(spaced, ", "), spacedSingles, spacedWords, ErrGarbled)
	}
	return nil
}

// letterSpaced reports whether a page's words are mostly single letters
// spelling out text: at least spacedMinWords words, more than half of
// them one letter, and at least spacedMinLetters different letters among
// those. Dutch and English text has a few per cent of one-letter words
// ("u", "a", "'s"); a table of marks (J/N, X) can have more than half,
// but repeats a few letters where spelt-out words use most of the
// alphabet. It returns the page's one-letter and all words.
func letterSpaced(p []string) (singles, all int, ok bool) {
	seen := map[rune]bool{}
	for _, l := range p {
		for _, w := range strings.Fields(l) {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
			switch r := []rune(w); len(r) {
			case 0:
			case 1:
				singles++
				all++
				seen[unicode.ToLower(r[0])] = true
			default:
				all++
			}
		}
	}
	return singles, all, all >= spacedMinWords && singles*2 > all && len(seen) >= spacedMinLetters
}

const (
	// spacedMinWords is the fewest words on a page letterSpaced judges:
	// a letter-spaced page of body text has hundreds, a cover with a
	// spaced-out title ("J A A R V E R S L A G") a few dozen.
	spacedMinWords = 100
	// spacedMinLetters is the fewest different one-letter words of a
	// letter-spaced page: a few lines of spelt-out Dutch or English use
	// more than a dozen letters.
	spacedMinLetters = 12
)

// furnitureZone is how many lines at the top and at the bottom of a page
// may be running headers, footers or page numbers.
const furnitureZone = 3

var digits = regexp.MustCompile(`\d+`)

// furnitureKey normalises a line for comparison across pages: digits
// stand for any number (page numbers, "Pagina 2 van 5"), case and spaces
// are ignored.
func furnitureKey(l string) string {
	return strings.ToLower(strings.Join(strings.Fields(digits.ReplaceAllString(l, "#")), " "))
}

// dropFurniture removes running headers and footers — lines in the top
// or bottom zone of a page that repeat, numbers aside, on at least half
// of the pages (two at least) — and page numbers in those zones.
func dropFurniture(pages [][]string) [][]string {
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, i := range zone(p) {
			k := furnitureKey(p[i])
			if k != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	repeat := func(k string) bool { return len(pages) >= 2 && count[k]*2 >= len(pages) && count[k] >= 2 }
	out := make([][]string, len(pages))
	for n, p := range pages {
		drop := map[int]bool{}
		for _, i := range zone(p) {
			t := strings.TrimSpace(p[i])
			if t == "" {
				continue
			}
			if repeat(furnitureKey(t)) || pageFooter.MatchString(normalizeInline(t)) || pageNumber.MatchString(t) {
				drop[i] = true
			}
		}
		for i, l := range p {
			if !drop[i] {
				out[n] = append(out[n], l)
			}
		}
		// A blank line at the top or the bottom of a page is the gap a
		// dropped header or footer left (layoutPage marks gaps between
		// lines only; a footer drawn before the body text, as Chromium
		// draws "Pagina 2", is followed by a gap up to the body). Kept,
		// it would end the paragraph at every page break; without it the
		// page-break rules decide.
		for len(out[n]) > 0 && strings.TrimSpace(out[n][0]) == "" {
			out[n] = out[n][1:]
		}
		for k := len(out[n]); k > 0 && strings.TrimSpace(out[n][k-1]) == ""; k-- {
			out[n] = out[n][:k-1]
		}
	}
	return out
}

// pageNumber matches page numbers as printed alone on a line: "3",
// "- 3 -", "Pagina 3", "3/12", "blad 3 van 12".
var pageNumber = regexp.MustCompile(`^(?i:(?:pagina|page|blad|p\.)\s*)?[-–]?\s*\d{1,4}\s*(?:[-–]|(?:/|van|of)\s*\d{1,4})?$`)

// zone returns the indexes of the first and last furnitureZone non-blank
// lines of a page.
func zone(p []string) []int {
	var idx []int
	for i := range p {
		if strings.TrimSpace(p[i]) != "" {
			idx = append(idx, i)
		}
	}
	if len(idx) <= 2*furnitureZone {
		return idx
	}
	return append(idx[:furnitureZone:furnitureZone], idx[len(idx)-furnitureZone:]...)
}

// marginShare is the part of the page height at the top and at the
// bottom where running headers, footers and page numbers are printed.
const marginShare = 0.1

// layoutPage turns a page's positioned lines into text lines: a line in
// the top or bottom margin set smaller than the body text is page
// furniture and dropped (this finds the header of a one-page document,
// which repetition cannot), and a blank line marks every gap between
// lines wider than the usual line pitch (a paragraph break, the space
// around a heading or a signature block).
func layoutPage(lines []PDFLine, height float64) []string {
	// The body text's size: the size most characters are set in.
	chars := map[float64]int{}
	for _, l := range lines {
		chars[math.Round(l.Size*2)/2] += len(l.Text)
	}
	body, most := 0.0, -1
	for size, n := range chars {
		if n > most || n == most && size < body {
			body, most = size, n
		}
	}
	var kept []PDFLine
	for _, l := range lines {
		inMargin := height > 0 && (l.Bottom > height*(1-marginShare) || l.Top < height*marginShare)
		if inMargin && body > 0 && l.Size > 0 && l.Size < body*0.95 {
			continue
		}
		kept = append(kept, l)
	}
	// The usual pitch: the median distance between consecutive lines
	// of body size.
	var pitches []float64
	for i := 1; i < len(kept); i++ {
		if d := kept[i-1].Bottom - kept[i].Bottom; d > 0 && math.Abs(kept[i].Size-body) < 0.5 {
			pitches = append(pitches, d)
		}
	}
	pitch := 0.0
	if len(pitches) > 0 {
		sort.Float64s(pitches)
		pitch = pitches[len(pitches)/2]
	}
	var out []string
	for i, l := range kept {
		if i > 0 && pitch > 0 {
			gap := kept[i-1].Bottom - l.Bottom
			// A line above the one before it (a new column) or one set
			// far below it starts a block.
			if gap < 0 || gap > pitch*1.35 {
				out = append(out, "")
			}
		}
		out = append(out, hyphenBreaks(strings.TrimRightFunc(l.Text, unicode.IsSpace))...)
	}
	return out
}

// hyphenBreaks splits a line where PDFium marks a hyphen that ended a
// printed line with U+0002 ("West\x02Afrikaanse"): the hyphen goes back
// and the line is broken there, so that the line-end rules decide, as for
// any other hyphen at a line end, whether it stays ("West-Afrikaanse",
// "niet-gouvernementele") or was hyphenation.
func hyphenBreaks(l string) []string {
	if !strings.Contains(l, "\x02") {
		return []string{l}
	}
	parts := strings.Split(l, "\x02")
	for i := range parts[:len(parts)-1] {
		parts[i] += "-"
	}
	if parts[len(parts)-1] == "" { // the hyphen ended the line
		parts = parts[:len(parts)-1]
	}
	return parts
}

// pageCount writes n pages as a sentence does: "1 page", "3 pages".
func pageCount(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}
