package ingest

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/tm/align"
)

// assemble lays the blocks out in Document.Text and computes offsets,
// sections, paragraphs, signatories and references.
func assemble(blocks []block) *Document {
	doc := &Document{}
	var b strings.Builder
	type placed struct {
		block
		start, end int
	}
	var laid []placed
	for _, bl := range blocks {
		if bl.kind == kindTitle {
			doc.Title = bl.text
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(bl.text)
		laid = append(laid, placed{bl, start, b.Len()})
	}
	doc.Text = b.String()

	var open []int // indexes into doc.Sections of the enclosing headings
	current := ""
	lastBody := 0 // end of the last heading or paragraph
	closeTo := func(level int) {
		for len(open) > 0 && doc.Sections[open[len(open)-1]].Level >= level {
			doc.Sections[open[len(open)-1]].End = lastBody
			open = open[:len(open)-1]
		}
	}
	for _, p := range laid {
		switch p.kind {
		case kindHeading:
			closeTo(p.level)
			doc.Sections = append(doc.Sections, Section{Number: p.number, Title: p.title, Heading: p.text, Level: p.level, Start: p.start, End: p.end})
			open = append(open, len(doc.Sections)-1)
			current = p.text
			lastBody = p.end
		case kindParagraph:
			doc.Paragraphs = append(doc.Paragraphs, Paragraph{
				N: len(doc.Paragraphs) + 1, Section: current, Start: p.start, End: p.end, Text: p.text, Speaker: p.speaker,
			})
			lastBody = p.end
		case kindSignature:
			doc.Signatories = append(doc.Signatories, p.signs...)
		}
	}
	closeTo(0)
	for _, p := range doc.Paragraphs {
		doc.References = append(doc.References, references(doc.Text, p.Start, p.End)...)
	}
	return doc
}

// reference matches citations of parliamentary papers: "Kamerstuk 29 521,
// nr. 363", "Kamerstukken II 2019/20, 35 300 V, nr. 5", "Kamerstukken 21 501-02,
// nrs. 2100 en 2101". The dossier is a five-digit number written "29 521",
// optionally with a suffix ("-02", " V").
var reference = regexp.MustCompile(`Kamerstuk(?:ken)?(?: (?:I{1,2}|[12]e? ?[Kk]amer))?(?: \d{4}(?:/|-)\d{2,4},?)? (\d{2} ?\d{3}(?:-[0-9A-Z]+)?(?: [IVXLC]+\b| [A-Z]\b)?),? (nrs?\.) ?(\d+(?:(?:, ?| en | t/m |-)\d+)*)`)

var numberSplit = regexp.MustCompile(`\d+`)

// references finds the references in text[start:end], with offsets in text.
// A reference to several papers ("nrs. 363 en 409") yields one Reference per
// paper, all with the span of the whole citation.
func references(text string, start, end int) []Reference {
	var out []Reference
	for _, m := range reference.FindAllStringSubmatchIndex(text[start:end], -1) {
		s, e := start+m[0], start+m[1]
		dossier := text[start+m[2] : start+m[3]]
		if !strings.Contains(dossier, " ") && len(dossier) >= 5 && dossier[2] != ' ' {
			dossier = dossier[:2] + " " + dossier[2:]
		}
		nums := text[start+m[6] : start+m[7]]
		if text[start+m[4]:start+m[5]] == "nr." {
			nums = numberSplit.FindString(nums)
			e = start + m[6] + len(nums)
		}
		for _, n := range numberSplit.FindAllString(nums, -1) {
			out = append(out, Reference{Text: text[s:e], Dossier: dossier, Number: n, Start: s, End: e})
		}
	}
	return out
}

// informs matches opening sentences that state a letter's subject: "Met
// deze brief wordt uw Kamer geïnformeerd over X", "Hierbij informeer ik u
// over X", "In deze brief ga ik in op X".
var informs = regexp.MustCompile(`(?i)\b(?:informeer|informeren|geïnformeerd|bericht|berichten|ingaan|in op|reageer|reageren|stuur|zend)\b.*?\b(?:over|op|inzake|betreffende|ten aanzien van)\s+(.+)`)

// subjectField is a letterhead's subject field, "Betreft Staatsgreep in
// Mali" or "Onderwerp: …", the label capitalised as a letterhead prints it
// (a sentence's "het betreft" is not one); letterheadField is a field
// that may follow it in a block whose lines ran together ("Betreft X Ons
// kenmerk BZ-2020-1"), and letterheadBefore one that may precede it there
// ("Datum 25 augustus 2020 Betreft X").
var (
	subjectField     = regexp.MustCompile(`(?:^|\s)(?:Betreft|BETREFT|Onderwerp|ONDERWERP)\s*:?\s+(\S.*)`)
	letterheadField  = regexp.MustCompile(`\s(?:Aan de|Ons kenmerk|Uw kenmerk|Uw brief|Uw referentie|Kenmerk|Bijlagen?|Datum|Contactpersoon|Doorkiesnummer|Kopie aan|Geachte)\b`)
	letterheadBefore = regexp.MustCompile(`\b(?:Datum|DATUM|[Kk]enmerk|Retouradres|Postbus)\b`)
)

// letterheadLimit is how many opening paragraphs may be a letterhead's
// fields (address, date, subject, references).
const letterheadLimit = 8

// letterSubject returns the subject a letter's letterhead gives
// (subjectField) in its opening blocks, paragraphs or the short lines a
// plain text makes headings of, before its first sentence of prose; ""
// when it gives none.
func letterSubject(doc *Document) string {
	type block struct {
		start int
		text  string
	}
	var blocks []block
	for i, p := range doc.Paragraphs {
		if i == letterheadLimit {
			break
		}
		blocks = append(blocks, block{p.Start, p.Text})
	}
	for i, s := range doc.Sections {
		if i == letterheadLimit {
			break
		}
		blocks = append(blocks, block{s.Start, s.Heading})
	}
	slices.SortFunc(blocks, func(a, b block) int { return cmp.Compare(a.start, b.start) })
	for i, b := range blocks {
		if i == letterheadLimit {
			break
		}
		m := subjectField.FindStringSubmatchIndex(b.text)
		if m == nil {
			if len(b.text) > 200 || informs.MatchString(b.text) {
				break // the letter's prose has begun
			}
			continue
		}
		if m[0] > 0 && !letterheadBefore.MatchString(b.text[:m[0]]) {
			continue
		}
		subject := b.text[m[2]:m[3]]
		if f := letterheadField.FindStringIndex(subject); f != nil {
			subject = subject[:f[0]]
		}
		if subject = strings.TrimRight(strings.TrimSpace(subject), ".,;:"); subject != "" {
			return shorten(subject, 150)
		}
	}
	return ""
}

// deriveTitle makes a title for a document without one: the subject its
// letterhead gives (Betreft, letterSubject), else the subject named by an
// opening sentence ("Kamerbrief over de staatsgreep in Mali", up to the
// first comma), else a Markdown document's opening heading, else the
// first heading, else the first sentence, shortened.
func deriveTitle(doc *Document) string {
	// A Markdown file's headings are written as headings: its first one
	// wins over a subject field below it (a circular's "##Boekwerk
	// heffingen bij invoer, Deel II" above "Onderwerp: Wijziging van …").
	if doc.Format != FormatMarkdown || len(doc.Sections) == 0 {
		if s := letterSubject(doc); s != "" {
			return s
		}
	}
	if len(doc.Paragraphs) > 0 && (len(doc.Sections) == 0 || doc.Paragraphs[0].Start < doc.Sections[0].Start) {
		first := firstSentence(doc.Paragraphs[0].Text)
		if m := informs.FindStringSubmatch(first); m != nil {
			subject := strings.TrimRight(m[1], ".!?:; ")
			if i := strings.IndexAny(subject, ",;:("); i > 0 {
				subject = strings.TrimSpace(subject[:i])
			}
			prefix := "Brief over "
			if strings.Contains(first, "Kamer") {
				prefix = "Kamerbrief over "
			}
			if subject != "" {
				return shorten(prefix+subject, 100)
			}
		}
	}
	if len(doc.Sections) > 0 && (doc.Format == FormatMarkdown || len(doc.Paragraphs) == 0 || doc.Sections[0].Start < doc.Paragraphs[0].Start) {
		return shorten(doc.Sections[0].Heading, 300) // a heading is a title as written
	}
	if len(doc.Paragraphs) > 0 {
		return shorten(strings.TrimRight(firstSentence(doc.Paragraphs[0].Text), "."), 80)
	}
	return ""
}

// DerivedTitle is the title tolk makes for doc when it has none of its
// own (deriveTitle): a document whose Title equals it has no title but its
// text.
func DerivedTitle(doc *Document) string { return deriveTitle(doc) }

// firstSentence returns the first sentence of s as tm/align splits
// sentences (the splitter term contexts and the TM use): a full stop after
// an abbreviation (o.a., jl., bijv., nr., mw.) or an initial does not end
// it. Its whitespace is collapsed.
func firstSentence(s string) string {
	if ss := align.Sentences(s, "nl"); len(ss) > 0 {
		return ss[0]
	}
	return s
}

// shorten cuts s to at most n characters at a word boundary, adding "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-") + "…"
}
