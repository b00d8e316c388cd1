package align

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits text into sentences; lang is "nl" or "en" (anything
// else uses the rules of both). Whitespace inside a sentence is collapsed
// to single spaces and nothing else is changed, so joining the result with
// single spaces gives the text with its whitespace collapsed.
//
// A sentence never crosses a blank line, a Markdown heading line (which is
// a sentence of its own, "####Heading" as well as "# Heading") or a line
// that starts with a list marker ("a)", "(i)", "1.", "2.1", "-", "•").
// Inside a paragraph a sentence ends at ".", "!", "?" or "…", followed by
// any closing quotes or brackets, a space, and a word that does not start
// with a lower-case letter; a full stop does not end a sentence after a
// known abbreviation (art., nr., o.a., e.g., Mr., …), an initial (J. or
// J.M.), or a list marker that the sentence consists of.
func Sentences(text, lang string) []string {
	r := rulesFor(lang)
	var out []string
	var para []string // lines of the paragraph being collected
	flush := func() {
		if len(para) == 0 {
			return
		}
		if len(para) == 1 && loneMarker.MatchString(para[0]) {
			// "6." or "1)." alone, its text in the next paragraph: keep
			// the marker for that paragraph.
			return
		}
		out = r.split(strings.Join(para, " "), out)
		para = para[:0]
	}
	for _, line := range strings.Split(lineBreaks.Replace(text), "\n") {
		// A line of only spaces and tabs ends the paragraph.
		words := strings.Fields(line)
		if len(words) == 0 {
			flush()
			continue
		}
		line = strings.Join(words, " ")
		switch {
		case strings.HasPrefix(line, "#"):
			flush()
			if len(para) > 0 { // a lone list marker before a heading
				out = append(out, para...)
				para = para[:0]
			}
			out = append(out, line)
		case listStart.MatchString(line) && !(len(para) == 1 && loneMarker.MatchString(para[0])):
			flush()
			para = append(para, line)
		default:
			para = append(para, line)
		}
	}
	flush()
	return append(out, para...) // a lone marker at the very end
}

// loneMarker matches a paragraph that is nothing but a list marker.
var loneMarker = regexp.MustCompile(`^\(?(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[A-Za-z]|[ivxlcIVXLC]{1,6})[.)]{0,2}$`)

// lineBreaks turns every line separator into "\n".
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n", "\v", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n")

// listStart matches a list marker at the start of a line (the line's
// whitespace already collapsed): "1.", "1)", "2.1", "2.1.", "a)", "a.",
// "(a)", "(iv)", "iv.", "-", "–", "*", "•".
var listStart = regexp.MustCompile(`^(?:\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|\(?[A-Za-z][.)]|\(?[ivxlcIVXLC]{1,6}[.)]|\([0-9A-Za-z]{1,6}\)|[-–—*•·▪])(?: |$)`)

// onlyMarker matches a sentence-so-far that is nothing but a list marker
// ending in a full stop, after which the sentence must go on
// ("1.", "1).", "6. a.").
var onlyMarker = regexp.MustCompile(`^(?:\(?(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[A-Za-z]|[ivxlcIVXLC]{1,6})[.)]{1,2} )*\(?(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[A-Za-z]|[ivxlcIVXLC]{1,6})\)?\.$`)

// rules holds the abbreviations of one language (or of both).
type rules struct {
	// always: a full stop after these (lower-cased, without the final
	// full stop) never ends a sentence.
	always map[string]bool
	// beforeNumber: a full stop after these does not end a sentence when
	// a number follows ("No. 5", "art. 12"); elsewhere it may ("modern art.").
	beforeNumber map[string]bool
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// canEnd holds abbreviations that end a sentence as often as not (etc.,
// enz., e.d., Inc., a.m.): a full stop after them ends the sentence when
// the next word is capitalised, although initials() would keep the ones
// with internal full stops together.
var canEnd = set("etc", "enz", "e.d", "e.a", "inc", "ltd", "co", "n.v", "b.v", "a.m", "p.m")

var (
	nlAlways = []string{"art", "artt", "nr", "nrs", "blz", "o.a", "d.w.z", "bijv", "bv", "jo", "mr", "mrs", "dr", "drs", "prof", "ing", "ir",
		"m.b.t", "i.v.m", "t.a.v", "t.o.v", "m.i.v", "i.p.v", "z.g", "zgn", "resp", "vgl", "ca", "c.q", "i.c", "o.m", "m.n",
		"a.s", "jl", "sr", "jr", "dhr", "mevr", "mw", "st", "stb", "stcrt", "sub", "par", "afd", "hfdst", "pag", "incl", "excl",
		"ong", "evt", "gepubl", "kamerst", "trb", "nl", "v.w.b", "z.o.z", "p.a", "a.i"}
	enAlways = []string{"e.g", "i.e", "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "vs", "cf", "viz", "para", "paras", "pp", "sec", "secs",
		"ch", "fig", "vol", "approx", "dept", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "jr", "sr", "nos", "arts", "u.s",
		"u.k", "u.n", "hon", "rev", "al", "ibid", "op", "cit", "incl", "excl", "mt", "ft", "av", "ave", "blvd"}
	nlBeforeNumber = []string{"no", "p", "lid", "fig"}
	enBeforeNumber = []string{"no", "art", "p", "sect", "n"}
)

var (
	nlRules   = &rules{always: set(nlAlways...), beforeNumber: set(nlBeforeNumber...)}
	enRules   = &rules{always: set(enAlways...), beforeNumber: set(enBeforeNumber...)}
	bothRules = &rules{always: set(append(append([]string{}, nlAlways...), enAlways...)...), beforeNumber: set(append(append([]string{}, nlBeforeNumber...), enBeforeNumber...)...)}
)

func rulesFor(lang string) *rules {
	switch strings.ToLower(lang) {
	case "nl":
		return nlRules
	case "en":
		return enRules
	}
	return bothRules
}

func isTerminator(c rune) bool { return c == '.' || c == '!' || c == '?' || c == '…' }

func isClosing(c rune) bool {
	switch c {
	case '"', '\'', '”', '’', '‘', '“', '»', '›', ')', ']', '}', '*', '_':
		return true
	}
	return false
}

func isOpening(c rune) bool {
	switch c {
	case '"', '\'', '“', '‘', '„', '«', '‹', '(', '[', '{', '¿', '¡', '`':
		return true
	}
	return false
}

// split appends the sentences of p (whitespace already collapsed, no line
// breaks) to out.
func (r *rules) split(p string, out []string) []string {
	start := 0
	for i := 0; i < len(p); {
		c, w := utf8.DecodeRuneInString(p[i:])
		if !isTerminator(c) {
			i += w
			continue
		}
		// The run of terminators and closing marks that ends here.
		end := i + w
		single := c == '.'
		for end < len(p) {
			d, dw := utf8.DecodeRuneInString(p[end:])
			if isTerminator(d) {
				single = false
				end += dw
				continue
			}
			if isClosing(d) {
				end += dw
				continue
			}
			break
		}
		if end >= len(p) || p[end] != ' ' {
			i = end
			continue
		}
		next, _ := utf8.DecodeRuneInString(p[end+1:])
		if r.ends(p[start:end], p[start:i], c, single, next) {
			out = append(out, p[start:end])
			start = end + 1
		}
		i = end
	}
	if start < len(p) {
		out = append(out, p[start:])
	}
	return out
}

// ends reports whether the sentence that began with sent (up to and
// including its closing marks) ends there. before is the text up to the
// terminator, term the first terminator, single whether the terminator is
// one full stop, next the first rune of the following word.
func (r *rules) ends(sent, before string, term rune, single bool, next rune) bool {
	if unicode.IsLower(next) {
		return false
	}
	if !(unicode.IsUpper(next) || unicode.IsDigit(next) || isOpening(next) || unicode.IsTitle(next) || next == '#') {
		// Punctuation, symbols, letters without case: not a sentence start
		// we can recognise.
		if !unicode.IsLetter(next) {
			return false
		}
	}
	if !single {
		return true
	}
	if term != '.' {
		return true
	}
	if onlyMarker.MatchString(before + ".") {
		return false
	}
	// The word before the full stop, without opening or closing marks.
	word := before[strings.LastIndexByte(before, ' ')+1:]
	word = strings.TrimLeftFunc(word, isOpening)
	word = strings.TrimRightFunc(word, isClosing)
	if word == "" {
		return true
	}
	lower := strings.ToLower(word)
	if r.always[lower] {
		return false
	}
	if r.beforeNumber[lower] && unicode.IsDigit(next) {
		return false
	}
	if canEnd[lower] {
		return true
	}
	if initials(word) {
		return false
	}
	return true
}

// initials reports whether w is a single letter or letters joined by full
// stops ("J", "J.M", "U.S", "e.g", "d.w.z"): an initial or an abbreviation
// written with internal full stops.
func initials(w string) bool {
	n := 0 // letters since the last full stop
	for _, c := range w {
		switch {
		case c == '.':
			if n == 0 {
				return false
			}
			n = 0
		case unicode.IsLetter(c):
			n++
			if n > 2 {
				return false
			}
		default:
			return false
		}
	}
	if n == 0 {
		return false
	}
	// One or two letters without any full stop is a short word ("is",
	// "to"), not an initial, unless it is a single capital.
	if !strings.Contains(w, ".") {
		r, size := utf8.DecodeRuneInString(w)
		return size == len(w) && unicode.IsUpper(r)
	}
	return true
}

// Spans returns where in text the sentences Sentences(text, lang) are: the
// byte offsets [start, end) of each, from its first word's first byte to
// its last word's last byte, so that text[start:end] with its whitespace
// collapsed is that sentence. It is for callers that must show a sentence
// around a position in text (a term's context) as Sentences splits it.
func Spans(text, lang string) [][2]int {
	ss := Sentences(text, lang)
	out := make([][2]int, 0, len(ss))
	pos := 0
	for _, s := range ss {
		words := strings.Count(s, " ") + 1
		start, end := -1, pos
		for ; words > 0 && pos < len(text); words-- {
			for pos < len(text) { // the whitespace before the word
				c, w := utf8.DecodeRuneInString(text[pos:])
				if !unicode.IsSpace(c) {
					break
				}
				pos += w
			}
			if start < 0 {
				start = pos
			}
			for pos < len(text) { // the word
				c, w := utf8.DecodeRuneInString(text[pos:])
				if unicode.IsSpace(c) {
					break
				}
				pos += w
			}
			end = pos
		}
		if start < 0 {
			start = end
		}
		out = append(out, [2]int{start, end})
	}
	return out
}
