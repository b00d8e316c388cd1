package index

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseQueryLenient parses s like [ParseQuery] but never fails: it is for
// text pasted from documents ("a) the Parties shall (i) notify", "Article
// 5(2), as amended"), where brackets, quotes and dashes are punctuation, not
// query syntax. Syntax is honoured only where it is well-formed:
//
//   - "a phrase" (also “…” and „…”): an opening quote at the start of a
//     token, closed by a quote that ends a token, with a word between;
//   - (a OR b): a balanced group holding an OR between two terms, or any
//     balanced group with + or - before it; without either, the brackets
//     are punctuation and the words inside are words of their own (so
//     "(i)" and "5(2)" are words, and "(junta militairen)" is two words,
//     where ParseQuery makes them alternatives: the same hits, ranked by
//     how many of the words a passage has);
//   - +word, -word: the sign starts a token and a letter, a digit, a
//     well-formed group or a well-formed phrase follows directly;
//   - a OR b between two terms; an OR with nothing to join is dropped;
//   - word*, word~, word~N (N ≤ 2; a larger N is 2), word^B (0 < B ≤ 100)
//     at the end of a token.
//
// Everything else is taken as words: leading and trailing punctuation of a
// token is dropped (a closing bracket that balances one inside the word is
// kept: "5(2)"), and a token without a letter or digit is dropped. Invalid
// UTF-8 is replaced by U+FFFD, and text beyond the maximum query length is
// cut at the last space before it. The result is never nil; it has no
// clauses when s holds nothing searchable, which the caller must check
// before searching.
func ParseQueryLenient(s string) *Query {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = truncateQuery(s, maxQueryLen)
	p := &lenient{s: s}
	return &Query{Clauses: boolWords(splitJoined(p.clauses()))}
}

// splitJoined makes a clause of each word that punctuation joins to
// another without a space in a plain word (Mali,Niger; staatsgreep/coup;
// Mali:staatsgreep; a malformed staatsgreep^abc), as the documents'
// analysis cuts them apart: searched as one word they were a phrase the
// documents never have, and found nothing. A separator between two
// digits (3,5; 24/7; 10:30) is left.
func splitJoined(cs []Clause) []Clause {
	var out []Clause
	for _, c := range cs {
		if len(c.Alts) != 1 || c.Alts[0].Phrase {
			out = append(out, c)
			continue
		}
		parts := joinedParts(c.Alts[0].Text)
		if len(parts) == 0 || len(parts) == 1 && parts[0] == c.Alts[0].Text {
			out = append(out, c)
			continue
		}
		for i, p := range parts {
			t := c.Alts[0]
			t.Text = p
			if i < len(parts)-1 {
				// Prefix and fuzziness belong to the last word as typed.
				t.Prefix, t.Fuzzy = false, 0
			}
			out = append(out, Clause{Occur: c.Occur, Alts: []Term{t}})
		}
	}
	return out
}

// joinedParts cuts w at the separators that join words (see splitJoined);
// parts without a letter or digit are dropped, and so is a boost or a
// fuzziness where the syntax takes none (orde^2, before a comma: orde).
func joinedParts(w string) []string {
	var parts []string
	from := 0
	for i, r := range w {
		if !strings.ContainsRune(",;/:|^~", r) {
			continue
		}
		if (r == '^' || r == '~') && strings.Trim(w[i+1:], "0123456789.-") == "" {
			if p := w[from:i]; hasWordChar(p) {
				parts = append(parts, p)
			}
			return parts
		}
		before, _ := utf8.DecodeLastRuneInString(w[:i])
		after, _ := utf8.DecodeRuneInString(w[i+1:])
		if unicode.IsDigit(before) && unicode.IsDigit(after) {
			continue
		}
		if p := w[from:i]; hasWordChar(p) {
			parts = append(parts, p)
		}
		from = i + 1
	}
	if len(parts) == 0 {
		return nil
	}
	if p := w[from:]; hasWordChar(p) {
		parts = append(parts, p)
	}
	return parts
}

// truncateQuery cuts s to at most n bytes: at the last space before the
// limit when there is one, else at a rune boundary.
func truncateQuery(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexFunc(s[:cut], unicode.IsSpace); sp > 0 {
		return s[:sp]
	}
	return s[:cut]
}

// lenient is the state of ParseQueryLenient over s (or, with inGroup, over
// the inside of a group, where there are no signs and no nested groups).
type lenient struct {
	s       string
	pos     int
	inGroup bool
	// closer[i] is the position of the first quote at or after i that can
	// close a phrase (-1: none), built on first use; groups caches groupAt
	// by position. Both keep the work linear per position on any input.
	closer []int
	groups map[int]group
	// phrases caches phraseAt's end by position (0: not computed yet, -1:
	// no phrase).
	phrases []int
}

type group struct {
	alts []Term
	end  int
}

func (p *lenient) runeAt(i int) (rune, int) {
	if i >= len(p.s) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(p.s[i:])
}

func (p *lenient) skipSpace() {
	for {
		r, n := p.runeAt(p.pos)
		if n == 0 || !unicode.IsSpace(r) {
			return
		}
		p.pos += n
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokenStart reports whether a token may start at i: at the start of the
// text, after a space, after an opening bracket or after a sign.
func (p *lenient) tokenStart(i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(p.s[:i])
	return unicode.IsSpace(r) || r == '(' || r == '+' || r == '-'
}

// tokenEnd reports whether a token may end at i: at the end of the text or
// before anything but a letter or digit.
func (p *lenient) tokenEnd(i int) bool {
	r, n := p.runeAt(i)
	return n == 0 || !isWordRune(r)
}

// phraseAt returns the text of the well-formed phrase whose opening quote
// is at i and the position after its closing quote.
func (p *lenient) phraseAt(i int) (text string, end int, ok bool) {
	end = p.phraseEnd(i)
	if end < 0 {
		return "", 0, false
	}
	_, n := p.runeAt(i)
	_, m := utf8.DecodeLastRuneInString(p.s[:end])
	return strings.Join(strings.Fields(p.s[i+n:end-m]), " "), end, true
}

// phraseEnd returns the position after the closing quote of the phrase
// opened at i, or -1.
func (p *lenient) phraseEnd(i int) int {
	if p.phrases == nil {
		p.phrases = make([]int, len(p.s)+1)
	}
	if e := p.phrases[i]; e != 0 {
		return e
	}
	e := p.findPhraseEnd(i)
	p.phrases[i] = e
	return e
}

func (p *lenient) findPhraseEnd(i int) int {
	r, n := p.runeAt(i)
	if !isOpenQuote(r) || !p.tokenStart(i) {
		return -1
	}
	if p.closer == nil {
		p.closer = make([]int, len(p.s)+1)
		next := -1
		p.closer[len(p.s)] = next
		for j := len(p.s) - 1; j >= 0; j-- {
			if c, m := p.runeAt(j); isCloseQuote(c) && p.tokenEnd(j+m) {
				next = j
			}
			p.closer[j] = next
		}
	}
	j := p.closer[i+n]
	if j < 0 || !hasWordChar(p.s[i+n:j]) {
		return -1
	}
	_, m := p.runeAt(j)
	return j + m
}

// groupAt returns the alternatives of the well-formed group whose '(' is
// at i and the position after its ')'. signed says a + or - stands before
// it, which makes a group of one term or of terms without OR well-formed.
func (p *lenient) groupAt(i int, signed bool) (alts []Term, end int, ok bool) {
	if p.inGroup || !strings.HasPrefix(p.s[i:], "(") {
		return nil, 0, false
	}
	g, seen := p.groups[i]
	if !seen {
		if p.groups == nil {
			p.groups = map[int]group{}
		}
		g = p.scanGroup(i)
		p.groups[i] = g
	}
	if len(g.alts) == 0 || (g.end < 0 && !signed) {
		return nil, 0, false
	}
	if g.end < 0 {
		return g.alts, -g.end, true
	}
	return g.alts, g.end, true
}

// scanGroup reads the group at i: its alternatives, and the position after
// its ')', negated when no OR joined two of them (then only a sign makes it
// a group). No alternatives: not a group.
func (p *lenient) scanGroup(i int) group {
	depth, end := 0, 0
	for j := i; j < len(p.s); {
		if e := p.phraseEnd(j); e > 0 {
			j = e
			continue
		}
		c, m := p.runeAt(j)
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		}
		j += m
		if depth == 0 {
			end = j
			break
		}
	}
	if end == 0 {
		return group{}
	}
	inner := &lenient{s: p.s[i+1 : end-1], inGroup: true}
	var joined bool
	var alts []Term
	for _, c := range inner.clausesJoined(&joined) {
		alts = append(alts, c.Alts...)
	}
	if !joined {
		end = -end
	}
	return group{alts: alts, end: end}
}

// atOR reports whether the operator OR (upper case, a whole token) is at
// the current position.
func (p *lenient) atOR() bool {
	if !strings.HasPrefix(p.s[p.pos:], "OR") || !p.tokenStart(p.pos) {
		return false
	}
	r, n := p.runeAt(p.pos + 2)
	return n == 0 || unicode.IsSpace(r) || r == '(' || isOpenQuote(r)
}

func (p *lenient) clauses() []Clause {
	var joined bool
	return p.clausesJoined(&joined)
}

// clausesJoined reads clauses to the end of the text, joining a OR b into
// one clause; joined reports whether any OR joined two terms.
func (p *lenient) clausesJoined(joined *bool) []Clause {
	var out []Clause
	pendingOR := false
	for {
		p.skipSpace()
		if p.pos >= len(p.s) {
			return out
		}
		if p.atOR() {
			p.pos += 2
			pendingOR = len(out) > 0
			continue
		}
		c, ok := p.clause()
		if !ok {
			continue
		}
		if pendingOR && c.Occur == Should {
			last := &out[len(out)-1]
			last.Alts = append(last.Alts, c.Alts...)
			*joined = true
		} else {
			out = append(out, c)
		}
		pendingOR = false
	}
}

// clause reads one clause at the current position, or consumes at least
// one byte and returns false when what is there is not searchable.
func (p *lenient) clause() (Clause, bool) {
	c := Clause{Occur: Should}
	if r, n := p.runeAt(p.pos); (r == '+' || r == '-') && !p.inGroup && p.tokenStart(p.pos) {
		next, _ := p.runeAt(p.pos + n)
		_, _, group := p.groupAt(p.pos+n, true)
		_, _, phrase := p.phraseAt(p.pos + n)
		if isWordRune(next) || group || phrase {
			if r == '+' {
				c.Occur = Must
			} else {
				c.Occur = MustNot
			}
			p.pos += n
		}
	}
	if alts, end, ok := p.groupAt(p.pos, c.Occur != Should); ok {
		c.Alts, p.pos = alts, end
		return c, true
	}
	if text, end, ok := p.phraseAt(p.pos); ok {
		p.pos = end
		t := Term{Text: text, Phrase: true}
		if b, e, ok := p.boostAt(p.pos); ok {
			t.Boost, p.pos = b, e
		}
		c.Alts = []Term{t}
		return c, true
	}
	t, ok := p.word()
	if !ok {
		return c, false
	}
	c.Alts = []Term{t}
	return c, true
}

// boostAt reads a well-formed ^B ending a token at i.
func (p *lenient) boostAt(i int) (float64, int, bool) {
	if !strings.HasPrefix(p.s[i:], "^") {
		return 0, 0, false
	}
	j := i + 1
	for j < len(p.s) && (('0' <= p.s[j] && p.s[j] <= '9') || p.s[j] == '.') {
		j++
	}
	b, ok := parseBoost(p.s[i+1 : j])
	if !ok || !p.tokenEndSpace(j) {
		return 0, 0, false
	}
	return b, j, true
}

// tokenEndSpace reports whether i is at the end of the text or a space.
func (p *lenient) tokenEndSpace(i int) bool {
	r, n := p.runeAt(i)
	return n == 0 || unicode.IsSpace(r)
}

func parseBoost(s string) (float64, bool) {
	b, err := strconv.ParseFloat(s, 64)
	return b, err == nil && b > 0 && b <= 100
}

// word reads a token up to the next space (or a well-formed group glued to
// it) and makes a term of it. A '(' that opens no group is dropped on its
// own, so that what follows it can still be a phrase or a sign.
func (p *lenient) word() (Term, bool) {
	start := p.pos
	if strings.HasPrefix(p.s[p.pos:], "(") {
		p.pos++
		return Term{}, false
	}
	for p.pos < len(p.s) {
		r, n := p.runeAt(p.pos)
		if unicode.IsSpace(r) {
			break
		}
		if r == '(' {
			if _, _, ok := p.groupAt(p.pos, false); ok {
				break
			}
		}
		p.pos += n
	}
	return termOf(p.s[start:p.pos])
}

// termOf makes a term of one token: the suffixes it ends with when they are
// well-formed (*, ~N, ^B), then the word with its outer punctuation
// dropped.
func termOf(tok string) (Term, bool) {
	var t Term
	if i := strings.LastIndexByte(tok, '^'); i >= 0 {
		if b, ok := parseBoost(tok[i+1:]); ok {
			t.Boost, tok = b, tok[:i]
		}
	}
	if i := strings.LastIndexByte(tok, '~'); i >= 0 {
		switch d := tok[i+1:]; {
		case d == "":
			t.Fuzzy, tok = 1, tok[:i]
		case d == "0" || d == "1" || d == "2":
			t.Fuzzy, tok = int(d[0]-'0'), tok[:i]
		case i > 0 && hasWordChar(tok[:i]) && isDigits(d):
			// brexit~3: the edit distance is at most 2 (bleve's limit),
			// not the phrase "brexit 3".
			t.Fuzzy, tok = 2, tok[:i]
		}
	}
	if strings.HasSuffix(tok, "*") {
		tok = strings.TrimRight(tok, "*")
		t.Prefix = true
		t.Fuzzy = 0 // a word cannot be both; the prefix is what was typed last
	}
	t.Text = trimPunct(tok)
	if !hasWordChar(t.Text) || t.Text == "OR" {
		return Term{}, false
	}
	return t, true
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// trimPunct drops the runes that are neither letters nor digits from both
// ends of w, except a closing bracket that balances an opening one left in
// the word ("5(2)," → "5(2)").
func trimPunct(w string) string {
	w = strings.TrimLeftFunc(w, func(r rune) bool { return !isWordRune(r) })
	t := strings.TrimRightFunc(w, func(r rune) bool { return !isWordRune(r) })
	if rest := w[len(t):]; strings.HasPrefix(rest, ")") && strings.Count(t, "(") > strings.Count(t, ")") {
		t += ")"
	}
	return t
}
