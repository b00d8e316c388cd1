package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

type blockKind int

const (
	kindParagraph blockKind = iota
	kindHeading
	kindSignature
	kindTitle // Markdown "# Title": metadata, not part of Text
)

// block is one unit of the document before offsets are assigned.
type block struct {
	kind   blockKind
	text   string // as it appears in Document.Text
	number string // headings: "1", "2.3" or ""
	title  string // headings: text without the number
	level  int    // headings: 1 = top level
	signs  []Signatory
	// lines: a Word paragraph with line breaks (w:br), its lines as
	// written, an empty one for an empty line; text joins them with
	// spaces. Signature blocks are recognised from them (signBlocks).
	lines []string
	// speaker is who said a paragraph (Handelingen), Paragraph.Speaker.
	speaker string
}

// looksTypeset reports whether lines were wrapped at a page width, as text
// extracted from a PDF is: most non-blank lines are followed by another
// one, and lines are no longer than a printed line.
func looksTypeset(lines []line) bool {
	nonBlank, wrapped := 0, 0
	var lengths []int
	for i, l := range lines {
		if l.text == "" {
			continue
		}
		nonBlank++
		lengths = append(lengths, utf8.RuneCountInString(l.text))
		if i+1 < len(lines) && lines[i+1].text != "" {
			wrapped++
		}
	}
	if nonBlank < 3 || wrapped*2 < nonBlank {
		return false
	}
	slices.Sort(lengths)
	return lengths[len(lengths)*9/10] <= 160
}

var (
	pageFooter = regexp.MustCompile(`^(?i:pagina|page|blad) \d+ (?i:van|of) \d+$|^\d{1,3}$|^- \d{1,3} -$`)
	numbered   = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2})*)\.? (\S.*)$`)
	officeRE   = regexp.MustCompile(`^(?:[Dd]e )?((?:[Mm]inister-[Pp]resident|[Mm]inister|[Ss]taatssecretaris)\b.*?),?$`)
	closing    = regexp.MustCompile(`^(?i:hoogachtend|met (?:vriendelijke|hoogachtende) groet(?:en)?),?$`)
)

// bullets mark list items in PDF text ( is the Symbol-font bullet
// that extraction often yields).
const bullets = "•▪◦●∙\uF0B7"

// parseText turns lines of plain or PDF text into blocks.
func parseText(lines []line, typeset bool) []block {
	var groups [][]line
	var cur []line
	for _, l := range lines {
		if l.text == "" {
			if len(cur) > 0 {
				groups = append(groups, cur)
				cur = nil
			}
			continue
		}
		if typeset && pageFooter.MatchString(l.text) {
			continue // running page numbers are layout, not text
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}

	// Signature blocks are recognised from the end, before lines are joined.
	end, signs := trailingSignatures(groups)

	short := 0
	if typeset {
		short = shortLine(groups[:end])
	}
	var blocks []block
	lastNumbered := 0
	for _, g := range groups[:end] {
		if len(g) == 1 {
			if num, title, ok := headingOf(g[0].text); ok {
				lvl := lastNumbered + 1
				if num != "" {
					lvl = strings.Count(num, ".") + 1
					lastNumbered = lvl
				}
				blocks = append(blocks, block{kind: kindHeading, text: g[0].text, number: num, title: title, level: lvl})
				continue
			}
		}
		parts := [][]line{g}
		if typeset {
			parts = splitBlock(g, short)
		}
		for _, p := range parts {
			texts := make([]string, len(p))
			for i, l := range p {
				texts[i] = l.text
			}
			text := dropSoftHyphens(joinAll(texts, typeset))
			text = norm.NFC.String(strings.TrimLeft(text, bullets+" "))
			if text != "" {
				blocks = append(blocks, block{kind: kindParagraph, text: text})
			}
		}
	}
	return append(blocks, signs...)
}

// trailingSignatures recognises the signature blocks at the end of a
// letter's groups of lines (paragraphs, lines in order): office and name
// in one group or in two (a blank line between, room for the signature),
// and a closing ("Hoogachtend,") as a block without signatories. It
// returns how many groups come before them and their blocks, in order.
// The text and PDF reader and the Word reader share it, so that a letter
// signs alike in each.
func trailingSignatures(groups [][]line) (int, []block) {
	end := len(groups)
	var sigs [][]Signatory
	var sigGroups [][]line // the lines of each, from the end
	for end > 0 {
		g := groups[end-1]
		if s := signatures(g); s != nil {
			sigs, sigGroups = append(sigs, s), append(sigGroups, g)
			end--
			continue
		}
		// The office and the name with a blank line between (room for the
		// signature itself, as many letters and PDFs leave it).
		if end >= 2 && len(g) <= 2 {
			merged := append(slices.Clone(groups[end-2]), g...)
			if s := signatures(merged); s != nil {
				sigs, sigGroups = append(sigs, s), append(sigGroups, merged)
				end -= 2
				continue
			}
		}
		if len(g) == 1 && closing.MatchString(g[0].text) {
			sigs, sigGroups = append(sigs, []Signatory{}), append(sigGroups, g)
			end--
			continue
		}
		break
	}
	var blocks []block
	for i := len(sigs) - 1; i >= 0; i-- {
		g := sigGroups[i]
		texts := make([]string, len(g))
		for j, l := range g {
			texts[j] = l.text
		}
		blocks = append(blocks, block{kind: kindSignature, text: strings.Join(texts, "\n"), signs: sigs[i]})
	}
	return end, blocks
}

// signatures parses a group of lines as signature blocks ("De Minister
// van Defensie," followed by the name), or returns nil.
func signatures(g []line) []Signatory {
	var out []Signatory
	for i := 0; i < len(g); {
		m := officeRE.FindStringSubmatch(g[i].text)
		if m == nil || i+1 >= len(g) || officeRE.MatchString(g[i+1].text) || !officeLike(g[i].text) {
			return nil
		}
		name := g[i+1].text
		if utf8.RuneCountInString(name) > 60 || strings.Count(name, " ") > 5 || !nameLike(name) {
			return nil
		}
		out = append(out, Signatory{Office: officeOf(m[1]), Name: name})
		i += 2
	}
	return out
}

// officeLike reports whether a line that starts like an office ("De
// Minister van …") is one, not a sentence about a minister ("De minister
// zegt dat de sancties gelden."): it does not end a sentence and has at
// most twelve words.
func officeLike(s string) bool {
	s = strings.TrimSpace(s)
	return !strings.HasSuffix(s, ".") && len(strings.Fields(s)) <= 12
}

// nameLike reports whether a line can be the name under an office: every
// word capitalised (Stef Blok, Ph. de Vries), an initial, a name particle
// (van, de, ter) or an academic title (drs., mr.), and no sentence's end
// after a word ("Tweede alinea met sancties en boetes." is none).
func nameLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		w = strings.Trim(w, ",()")
		lw := strings.ToLower(w)
		switch {
		case w == "":
		case nameParticles[lw], academicTitles[strings.TrimSuffix(lw, ".")]:
		case unicode.IsUpper(firstRune(w)):
			if strings.HasSuffix(w, ".") && utf8.RuneCountInString(strings.TrimRight(w, ".")) > 2 && !strings.Contains(strings.TrimSuffix(w, "."), ".") {
				return false // a capitalised word that ends a sentence
			}
		default:
			return false
		}
	}
	return true
}

// nameParticles and academicTitles are the lower-case words a Dutch name
// under a signature may hold.
var (
	nameParticles  = map[string]bool{"van": true, "de": true, "der": true, "den": true, "ter": true, "ten": true, "te": true, "'t": true, "het": true, "in": true, "op": true, "la": true, "le": true, "du": true, "von": true, "zu": true, "del": true, "da": true, "dos": true}
	academicTitles = map[string]bool{"drs": true, "mr": true, "dr": true, "ir": true, "ing": true, "prof": true, "ds": true, "bc": true, "mw": true}
)

// officeOf is the office a signature's first line names (the part office
// matched), capitalised and without its comma: Minister van Financiën.
func officeOf(s string) string {
	o := []rune(strings.TrimSuffix(s, ","))
	if len(o) > 0 {
		o[0] = unicode.ToUpper(o[0])
	}
	return string(o)
}

// shortLine returns the length (in characters) below which a line, with the
// next line's first word added, counts as short: the tenth percentile of the
// lengths of wrapped lines. With proportional fonts character counts vary
// by a fifth around the page width, so only a line clearly shorter than
// almost all wrapped lines ended its paragraph. Returns 0 (never short) when
// there are too few wrapped lines to tell.
func shortLine(groups [][]line) int {
	var lengths []int
	for _, g := range groups {
		for _, l := range g[:len(g)-1] {
			lengths = append(lengths, utf8.RuneCountInString(l.text))
		}
	}
	if len(lengths) < 10 {
		return 0
	}
	slices.Sort(lengths)
	return lengths[len(lengths)/10]
}

// splitBlock recovers paragraph breaks inside a group of PDF lines that no
// blank line separates: at a page start when the sentence had ended and the
// new page starts with a capital; within a page when, in addition, the
// previous line was short (see shortLine); and before list bullets.
func splitBlock(g []line, short int) [][]line {
	var out [][]line
	start := 0
	for i := 1; i < len(g); i++ {
		prev, next := g[i-1].text, g[i].text
		brk := strings.ContainsRune(bullets, firstRune(next))
		if !brk && endsSentence(prev) && startsCapital(next) {
			if g[i].pageStart {
				brk = true
			} else {
				first := next
				if j := strings.IndexByte(next, ' '); j >= 0 {
					first = next[:j]
				}
				brk = utf8.RuneCountInString(prev)+1+utf8.RuneCountInString(first) < short
			}
		}
		if brk {
			out = append(out, g[start:i])
			start = i
		}
	}
	return append(out, g[start:])
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// endsSentence reports whether s ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"'”’»)]`)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:", r)
}

func startsCapital(s string) bool {
	s = strings.TrimLeft(s, `"'“‘„«(`)
	return unicode.IsUpper(firstRune(s))
}

// headingOf reports whether a line standing alone is a heading: numbered
// ("1. Recente ontwikkelingen", "2.3 Financiën"), or short (at most 10
// words, 80 characters), starting with a capital and without final
// punctuation ("De veiligheidsinzet"). Numbered headings may end in a
// question mark.
func headingOf(s string) (number, title string, ok bool) {
	if utf8.RuneCountInString(s) > 120 {
		return "", "", false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if m := numbered.FindStringSubmatch(s); m != nil {
		if strings.ContainsRune(".,;:!", last) || !unicode.IsLetter(firstRune(m[2])) {
			return "", "", false
		}
		return m[1], m[2], true
	}
	if strings.ContainsRune(".,;:!?", last) || !startsCapital(s) ||
		utf8.RuneCountInString(s) > 80 || strings.Count(s, " ") >= 10 {
		return "", "", false
	}
	return "", s, true
}
