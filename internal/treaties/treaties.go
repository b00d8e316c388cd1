package treaties

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pair is one treaty article in both languages: the BWB document id of the
// treaty (BWBV0001485), the article number as written (lower case, possibly
// with a letter: 2a) and the article's English and Dutch Markdown.
type Pair struct{ Doc, Article, EN, NL string }

// maxLine bounds one JSON line; the longest article pair is far smaller.
const maxLine = 16 << 20

// Read reads pairs from JSON lines ({"doc","article","en","nl"}), one pair
// per line, as the shared data file holds them once gunzipped. Blank lines
// are skipped; a line that is not such an object, or lacks the document id
// or the article number, is an error naming the line.
func Read(r io.Reader) ([]Pair, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var out []Pair
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		var raw struct {
			Doc     *string `json:"doc"`
			Article *string `json:"article"`
			EN      string  `json:"en"`
			NL      string  `json:"nl"`
		}
		if err := json.Unmarshal(line, &raw); err != nil {
			return nil, fmt.Errorf("treaties: line %d: %w", n, err)
		}
		switch {
		case raw.Doc == nil || *raw.Doc == "":
			return nil, fmt.Errorf("treaties: line %d: %w", n, errMissing("doc"))
		case raw.Article == nil || *raw.Article == "":
			return nil, fmt.Errorf("treaties: line %d: %w", n, errMissing("article"))
		}
		out = append(out, Pair{Doc: *raw.Doc, Article: *raw.Article, EN: raw.EN, NL: raw.NL})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("treaties: line %d: longer than %d bytes: %w", n+1, maxLine, err)
		}
		return nil, fmt.Errorf("treaties: %w", err)
	}
	return out, nil
}

// ErrMissing is wrapped by Read's error for a line without a document id
// or article number.
var ErrMissing = errors.New("missing field")

func errMissing(field string) error { return fmt.Errorf("%w %q", ErrMissing, field) }

// Dev reports whether the treaty with document id doc belongs to the
// held-out development set: the FNV-1a 32-bit hash of the id is divisible
// by 10. About a tenth of the treaties are Dev; never train on them.
func Dev(doc string) bool {
	h := fnv.New32a()
	h.Write([]byte(doc)) // a hash.Hash never returns an error
	return h.Sum32()%10 == 0
}

// Heading splits an article into its heading and the rest. The heading is
// a first line of one or more '#' (with or without a space after them:
// "####Termination"); it is returned as plain text (see FirstSentence), and
// the body without the blank lines that follow it. Text without such a
// first line has no heading: Heading returns "" and the text unchanged.
func Heading(text string) (heading, body string) {
	line, rest, _ := strings.Cut(text, "\n")
	if l := strings.TrimLeft(line, " "); strings.HasPrefix(l, "#") {
		return plain(strings.TrimLeft(l, "#")), strings.TrimLeft(rest, " \t\r\n")
	}
	return "", text
}

// FirstSentence returns the first sentence of an article's body as a
// translator would copy it from the rendered page: from the first
// paragraph that holds text (blank lines separate paragraphs; headings,
// table rows and the database's Dutch status notes such as "Treedt in
// werking per 01-02-2014" are skipped), without Markdown link targets,
// emphasis marks and HTML tags, with runs of white space as one space, cut
// after the first sentence end. A list marker at the start ("1.", "a)",
// "(iv)") stays, as pasted text would have it. A sentence ends at '.', '!'
// or '?' (and any closing quotes or brackets) followed by white space and
// not by a lower-case letter (unless a list marker: "b) "), except after abbreviations (Art., No., e.g.,
// i.e. and the like); ';' and ':' do not end one, and "1.5" has no space
// after its point. A paragraph without a sentence end is returned whole.
// It returns "" when the body holds no text.
func FirstSentence(body string) string {
	for _, para := range paragraphs(body) {
		if strings.HasPrefix(para, "#") || strings.HasPrefix(para, "|") {
			continue
		}
		p := plain(para)
		if p == "" || statusNote.MatchString(p) {
			continue
		}
		return p[:sentenceEnd(p)]
	}
	return ""
}

// statusNote matches the database's Dutch editorial notes, which the
// English sides carry too: they are not treaty text.
var statusNote = regexp.MustCompile(`^(Treedt in werking|Wordt voorlopig toegepast|Vervalt|Is niet meer van toepassing)\b`)

// paragraphs splits Markdown at blank lines, each paragraph trimmed.
func paragraphs(s string) []string {
	var out []string
	var cur []string
	flush := func() {
		if p := strings.TrimSpace(strings.Join(cur, "\n")); p != "" {
			out = append(out, p)
		}
		cur = cur[:0]
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

var (
	link    = regexp.MustCompile(`\[([^\]]*)\]\([^)\s]*\)`)
	tag     = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
	escaped = regexp.MustCompile(`\\([\\!-/:-@\[-` + "`" + `{-~])`)
)

// plain turns one paragraph of Markdown into the text a reader sees:
// links become their text, HTML tags, emphasis asterisks and escaping
// backslashes go, white space runs become one space.
func plain(s string) string {
	s = link.ReplaceAllString(s, "$1")
	s = tag.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "*", "")
	s = escaped.ReplaceAllString(s, "$1")
	return strings.Join(strings.Fields(s), " ")
}

// marker matches a list marker at the start of a paragraph: 1. 1.2. 2)
// a) a. (a) (a). (iv) IV. — each followed by a space.
var marker = regexp.MustCompile(`^(?:\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]|\(?[a-zA-Z][.)]|\(?[ivxlcdmIVXLCDM]{1,6}[.)]|\([0-9a-zA-Z]{1,6}\)\.?) `)

// abbreviations are words whose trailing point ends no sentence (lower
// case, without the point). Words with a point inside (e.g, i.e, U.S) are
// abbreviations too.
var abbreviations = map[string]bool{
	"art": true, "arts": true, "no": true, "nos": true, "nr": true, "para": true, "paras": true,
	"subpara": true, "cf": true, "viz": true, "vs": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "st": true, "co": true, "ltd": true, "inc": true, "vol": true, "p": true,
	"pp": true, "sec": true, "ch": true, "fig": true, "approx": true, "op": true, "cit": true,
	"ibid": true, "jr": true, "sr": true, "corp": true, "dept": true, "ref": true,
}

// sentenceEnd returns the byte offset just after p's first sentence (len(p)
// when it has no sentence end).
func sentenceEnd(p string) int {
	from := 0
	for {
		m := marker.FindStringIndex(p[from:])
		if m == nil {
			break
		}
		from += m[1]
	}
	for i := from; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(p) {
			if strings.IndexByte(`"')]`, p[end]) >= 0 {
				end++
			} else if n := closer(p[end:]); n > 0 {
				end += n
			} else {
				break
			}
		}
		if end == len(p) {
			return len(p)
		}
		if p[end] != ' ' {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(p[end+1:]); unicode.IsLower(next) && !marker.MatchString(p[end+1:]) {
			continue
		}
		if c == '.' && abbreviation(p[from:i]) {
			continue
		}
		return end
	}
	return len(p)
}

// closer returns the byte length of a multi-byte closing quote at the
// start of s, or 0.
func closer(s string) int {
	for _, q := range []string{"”", "’", "»"} {
		if strings.HasPrefix(s, q) {
			return len(q)
		}
	}
	return 0
}

// abbreviation reports whether the word ending s (before a point) is an
// abbreviation.
func abbreviation(s string) bool {
	start := len(s)
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		start -= n
	}
	w := s[start:]
	if w == "" {
		return false
	}
	return strings.Contains(w, ".") || abbreviations[strings.ToLower(w)]
}
