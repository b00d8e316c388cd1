package hyphen

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/index/decompound/internal/bytetrie"
)

// Defaults for the minimum number of letters before the first and after the
// last hyphenation point, when the pattern file does not set them: the values
// of TeX's Dutch hyphenation and of LibreOffice.
const (
	DefaultLeftMin  = 2
	DefaultRightMin = 2
)

// ErrEmpty is returned when the input holds no pattern.
var ErrEmpty = errors.New("hyphen: no patterns")

// Patterns is a compiled set of Liang patterns. It is immutable once built
// and safe for concurrent use.
type Patterns struct {
	leftMin, rightMin int
	// A byte trie over the letters of the patterns (dots included). val[n]
	// ≥ 0 is the offset in levels of the pattern ending at node n: one level
	// before each byte of the pattern and one after its last byte.
	trie   bytetrie.Trie
	val    []int32
	levels []uint8
	maxLen int // the longest pattern, in bytes
	n      int // number of patterns
}

// pattern is one parsed pattern: its letters (with the word-boundary dots)
// and the level before each byte and after the last one.
type pattern struct {
	letters string
	levels  []uint8
}

// Parse reads patterns in UTF-8: optional LEFTHYPHENMIN n and RIGHTHYPHENMIN
// n lines, then one pattern a line (".aan5", "a3ë"), as Compile writes them
// and as a UTF-8 hyphen file holds them (a first line "UTF-8", naming the
// encoding, is skipped). Comment lines start with % or #.
func Parse(data []byte) (*Patterns, error) {
	left, right, ps, err := parse(data)
	if err != nil {
		return nil, err
	}
	return build(left, right, ps), nil
}

// Stats describes one compilation.
type Stats struct {
	Lines    int // lines read
	Patterns int // distinct patterns written
	Bytes    int // size of the output
}

// Compile reads a hyphen pattern file from r (first line: its encoding,
// ISO8859-1 or UTF-8), converts it to UTF-8 and writes it to w in the form
// Parse reads: the LEFTHYPHENMIN and RIGHTHYPHENMIN lines (the file's values,
// else the defaults), then the patterns sorted by their letters, one a line,
// with comments and blank lines dropped. Patterns with the same letters are
// merged (the higher level wins at each place), as TeX would reject them.
func Compile(r io.Reader, w io.Writer) (Stats, error) {
	var st Stats
	raw, err := io.ReadAll(r)
	if err != nil {
		return st, fmt.Errorf("hyphen: %w", err)
	}
	text, err := decode(raw)
	if err != nil {
		return st, err
	}
	st.Lines = bytes.Count(text, []byte("\n"))
	if len(text) > 0 && text[len(text)-1] != '\n' {
		st.Lines++
	}
	left, right, ps, err := parse(text)
	if err != nil {
		return st, err
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "LEFTHYPHENMIN %d\nRIGHTHYPHENMIN %d\n", left, right)
	for _, p := range ps {
		out.WriteString(p.String())
		out.WriteByte('\n')
	}
	st.Patterns = len(ps)
	st.Bytes = out.Len()
	if _, err := w.Write(out.Bytes()); err != nil {
		return st, fmt.Errorf("hyphen: %w", err)
	}
	return st, nil
}

// decode converts the file to UTF-8 according to its first line, which
// names the encoding (libhyphen's convention) and is replaced by an empty
// line, so that line numbers in errors stay those of the file.
func decode(raw []byte) ([]byte, error) {
	line, rest, _ := bytes.Cut(raw, []byte("\n"))
	enc := strings.ToUpper(strings.TrimSpace(string(line)))
	switch enc {
	case "UTF-8", "UTF8":
		if !utf8.Valid(rest) {
			return nil, errors.New("hyphen: the file says UTF-8 but is not valid UTF-8")
		}
		return append([]byte{'\n'}, rest...), nil
	case "ISO8859-1", "ISO-8859-1", "ISO_8859-1", "LATIN1":
		// ISO-8859-1 maps each byte to the code point of the same value.
		out := make([]byte, 1, len(rest)+len(rest)/16)
		out[0] = '\n'
		for _, b := range rest {
			out = utf8.AppendRune(out, rune(b))
		}
		return out, nil
	}
	return nil, fmt.Errorf("hyphen: line 1: unsupported encoding %q (want ISO8859-1 or UTF-8)", line)
}

// String returns the pattern in its usual notation: letters with the
// non-zero levels between them.
func (p pattern) String() string {
	var b strings.Builder
	for i := 0; i <= len(p.letters); i++ {
		if p.levels[i] > 0 {
			b.WriteByte('0' + p.levels[i])
		}
		if i < len(p.letters) {
			b.WriteByte(p.letters[i])
		}
	}
	return b.String()
}

// parse reads UTF-8 pattern text; see Parse. The patterns come back sorted
// by letters, duplicates merged.
func parse(text []byte) (left, right int, ps []pattern, err error) {
	left, right = DefaultLeftMin, DefaultRightMin
	if !utf8.Valid(text) {
		return 0, 0, nil, errors.New("hyphen: invalid UTF-8")
	}
	byLetters := map[string][]uint8{}
	first := true
	for n, line := range strings.Split(string(text), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '%' || line[0] == '#' {
			continue
		}
		if first && (strings.EqualFold(line, "UTF-8") || strings.EqualFold(line, "UTF8")) {
			first = false
			continue
		}
		first = false
		if f := strings.Fields(line); len(f) > 0 && isKeyword(f[0]) {
			if len(f) != 2 {
				return 0, 0, nil, fmt.Errorf("hyphen: line %d: %q: want a keyword and a number", n+1, line)
			}
			v, err := strconv.Atoi(f[1])
			if err != nil || v < 0 || v > 9 {
				return 0, 0, nil, fmt.Errorf("hyphen: line %d: %q: bad number", n+1, line)
			}
			switch f[0] {
			case "LEFTHYPHENMIN":
				left = v
			case "RIGHTHYPHENMIN":
				right = v
			case "NEXTLEVEL":
				return 0, 0, nil, fmt.Errorf("hyphen: line %d: NEXTLEVEL (two-level patterns) is not supported", n+1)
			}
			// COMPOUNDLEFTHYPHENMIN and the like concern libhyphen's
			// second level, which this package does not implement.
			continue
		}
		p, err := parsePattern(line)
		if err != nil {
			return 0, 0, nil, fmt.Errorf("hyphen: line %d: %w", n+1, err)
		}
		if old, ok := byLetters[p.letters]; ok {
			for i := range old {
				old[i] = max(old[i], p.levels[i])
			}
			continue
		}
		byLetters[p.letters] = p.levels
	}
	if len(byLetters) == 0 {
		return 0, 0, nil, ErrEmpty
	}
	ps = make([]pattern, 0, len(byLetters))
	for l, lv := range byLetters {
		ps = append(ps, pattern{l, lv})
	}
	slices.SortFunc(ps, func(a, b pattern) int { return strings.Compare(a.letters, b.letters) })
	return left, right, ps, nil
}

func isKeyword(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return len(s) > 0
}

// parsePattern reads one pattern: lower-case letters, a digit at most
// between any two of them (and at either end), a dot only first or last.
func parsePattern(s string) (pattern, error) {
	var letters []byte
	levels := []uint8{0}
	digit := false
	for i, r := range s {
		switch {
		case '0' <= r && r <= '9':
			if digit {
				return pattern{}, fmt.Errorf("pattern %q: two digits in a row", s)
			}
			digit = true
			levels[len(levels)-1] = uint8(r - '0')
			continue
		case r == '.':
			if i != 0 && i != len(s)-1 {
				return pattern{}, fmt.Errorf("pattern %q: a dot inside", s)
			}
		case unicode.IsLower(r) || unicode.IsLetter(r) && !unicode.IsUpper(r) || unicode.Is(unicode.Mn, r):
		default:
			return pattern{}, fmt.Errorf("pattern %q: %q is neither a lower-case letter, a digit nor a dot", s, r)
		}
		digit = false
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		letters = append(letters, buf[:n]...)
		// Levels sit before the first byte of a letter; the other bytes of
		// a multi-byte letter get 0, so no break falls inside a letter.
		for range n {
			levels = append(levels, 0)
		}
	}
	if len(letters) == 0 || string(letters) == "." || string(letters) == ".." {
		return pattern{}, fmt.Errorf("pattern %q: no letters", s)
	}
	return pattern{string(letters), levels}, nil
}

// build puts the sorted patterns into the trie.
func build(left, right int, ps []pattern) *Patterns {
	p := &Patterns{leftMin: left, rightMin: right, n: len(ps)}
	var nodes []int32
	p.trie, nodes = bytetrie.Build(len(ps), func(i int) string { return ps[i].letters })
	p.val = make([]int32, p.trie.Nodes())
	for i := range p.val {
		p.val[i] = -1
	}
	for i, pt := range ps {
		p.val[nodes[i]] = int32(len(p.levels))
		p.levels = append(p.levels, pt.levels...)
		p.maxLen = max(p.maxLen, len(pt.letters))
	}
	return p
}

// Len returns the number of patterns.
func (p *Patterns) Len() int { return p.n }

// MinLetters returns the minimum number of letters before the first and
// after the last hyphenation point.
func (p *Patterns) MinLetters() (left, right int) { return p.leftMin, p.rightMin }

// maxStack is the longest word whose levels fit in Points's stack array.
const maxStack = 125

// Points appends to dst the byte offsets in word where a hyphen may go (a
// point i splits word into word[:i] and word[i:]) and returns the extended
// slice. word must be lower case, as the patterns are. Points with fewer
// than the minimum number of letters on either side are left out.
func (p *Patterns) Points(word string, dst []int) []int {
	n := len(word)
	if n == 0 {
		return dst
	}
	// lv[j] is the level before byte j of ".word.".
	var stack [maxStack + 3]uint8
	var lv []uint8
	if n <= maxStack {
		lv = stack[:n+3]
	} else {
		lv = make([]uint8, n+3)
	}
	at := func(j int) byte {
		if j == 0 || j == n+1 {
			return '.'
		}
		return word[j-1]
	}
	for i := 0; i < n+2; i++ {
		node := 0
		for j := i; j < n+2 && j-i < p.maxLen; j++ {
			if node = p.trie.Child(node, at(j)); node < 0 {
				break
			}
			if v := p.val[node]; v >= 0 {
				for k, l := range p.levels[v : int(v)+j-i+2] {
					lv[i+k] = max(lv[i+k], l)
				}
			}
		}
	}
	letters := 0 // letters before byte b
	total := utf8.RuneCountInString(word)
	for b := 1; b < n; b++ {
		if utf8.RuneStart(word[b-1]) {
			letters++
		}
		if lv[b+1]%2 == 1 && utf8.RuneStart(word[b]) && letters >= p.leftMin && total-letters >= p.rightMin {
			dst = append(dst, b)
		}
	}
	return dst
}

// Hyphenate returns word with a hyphen at every point Points finds:
// "ont-wik-ke-lings-sa-men-wer-king".
func (p *Patterns) Hyphenate(word string) string {
	var b strings.Builder
	last := 0
	for _, i := range p.Points(word, nil) {
		b.WriteString(word[last:i])
		b.WriteByte('-')
		last = i
	}
	b.WriteString(word[last:])
	return b.String()
}
