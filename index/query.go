package index

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Occur says how a clause takes part in a query.
type Occur int

const (
	Should  Occur = iota // optional; passages matching more Should clauses rank higher
	Must                 // required (+word)
	MustNot              // excluded (-word)
)

// String returns the occurrence's name, for logs and debugging.
func (o Occur) String() string {
	switch o {
	case Must:
		return "must"
	case MustNot:
		return "must_not"
	}
	return "should"
}

// Query is a parsed query: clauses combined as Occur says. It is exported so
// that a bilingual layer can expand terms (add Alts) before searching.
type Query struct {
	Clauses []Clause
}

// Clause is one part of a query; any one of its Alts satisfies it.
type Clause struct {
	Occur Occur
	Alts  []Term
}

// Term is one searchable unit. Text is as the user typed it (for a phrase,
// the words between the quotes). Fuzzy is the edit distance (0–2) for
// word~N; Boost multiplies the score (0 means 1).
type Term struct {
	Text   string
	Phrase bool
	Prefix bool
	Fuzzy  int
	Boost  float64
	// Exact matches the folded word only, never its stem or compound
	// parts: for a word of another language searched as it is (an
	// English "state" must not find the Dutch "staat"). The query syntax
	// has no way to set it.
	Exact bool
	// Minor marks a remoter form of the clause's other alternatives (a
	// participle's infinitive): the minor alternatives of all clauses
	// are searched as one clause of their own, so that a passage without
	// them loses the same to the coordination factor whatever else it
	// matches (as alternatives of the clause, with bleve's coord, they
	// cut the clause's other matches against the other words'), and a
	// passage with a minor form alone does not cover the clause's word in
	// the coverage ranking. The query syntax has no way to set it.
	Minor bool
}

// QueryError is a query that cannot be parsed. Pos is the byte offset in
// the query where the problem was found.
type QueryError struct {
	Pos int
	Msg string
}

// Error returns the position and the message.
func (e *QueryError) Error() string {
	return fmt.Sprintf("index: query: at position %d: %s", e.Pos, e.Msg)
}

// maxQueryLen bounds the work one query can cause.
const maxQueryLen = 1000

// MaxQueryBytes is the longest query ParseQuery takes, and the length at
// which ParseQueryLenient cuts one.
const MaxQueryBytes = maxQueryLen

// ParseQuery parses the query syntax users expect:
//
//	staatsgreep Mali        words; passages with more of them rank first
//	"constitutionele orde"  a phrase (also “…” and „…”)
//	-ECOWAS  +Mali          exclude, require
//	sancties OR maatregelen alternatives
//	(junta OR militairen)   a group of alternatives, may carry + or -
//	staats*  Takuba~  Takuba~2  orde^2   prefix, fuzzy (1 edit by default), boost
//	Mali AND Niger  NOT ECOWAS  the words of other search tools for +Mali +Niger -ECOWAS
//
// Errors are *QueryError.
func ParseQuery(s string) (*Query, error) {
	if len(s) > maxQueryLen {
		return nil, &QueryError{Pos: maxQueryLen, Msg: fmt.Sprintf("query longer than %d bytes", maxQueryLen)}
	}
	if !utf8.ValidString(s) {
		return nil, &QueryError{Pos: invalidUTF8At(s), Msg: "query is not valid UTF-8"}
	}
	p := &parser{s: s}
	q, err := p.parse()
	if err != nil {
		return nil, err
	}
	q.Clauses = boolWords(q.Clauses)
	if len(q.Clauses) == 0 {
		return nil, &QueryError{Pos: 0, Msg: "empty query"}
	}
	return q, nil
}

// boolWords reads the operators other search tools write as words, upper
// case like OR: a AND b requires both (+a +b), NOT b excludes b (-b). Typed
// there, they were searched as the words "and" and "not" (zorgtoeslag NOT
// huurtoeslag found huurtoeslag first). An operator with no word to act on
// is dropped; a word already marked + or - keeps its mark.
func boolWords(cs []Clause) []Clause {
	op := func(c Clause) string {
		if c.Occur != Should || len(c.Alts) != 1 {
			return ""
		}
		t := c.Alts[0]
		if t.Phrase || t.Prefix || t.Fuzzy > 0 || t.Boost != 0 || (t.Text != "AND" && t.Text != "NOT") {
			return ""
		}
		return t.Text
	}
	out := cs[:0:0]
	next := Should // what the word after the operator becomes
	for _, c := range cs {
		switch op(c) {
		case "AND":
			if n := len(out); n > 0 && out[n-1].Occur == Should {
				out[n-1].Occur = Must
			}
			if next == Should {
				next = Must
			}
			continue
		case "NOT":
			next = MustNot
			continue
		}
		if c.Occur == Should {
			c.Occur = next
		}
		next = Should
		out = append(out, c)
	}
	return out
}

func invalidUTF8At(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return 0
}

type parser struct {
	s   string
	pos int
}

func isOpenQuote(r rune) bool  { return r == '"' || r == '“' || r == '„' }
func isCloseQuote(r rune) bool { return r == '"' || r == '”' || r == '“' }

func (p *parser) peek() (rune, int) {
	if p.pos >= len(p.s) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(p.s[p.pos:])
}

func (p *parser) skipSpace() {
	for {
		r, n := p.peek()
		if n == 0 || !unicode.IsSpace(r) {
			return
		}
		p.pos += n
	}
}

func (p *parser) parse() (*Query, error) {
	q := &Query{}
	for {
		p.skipSpace()
		if p.pos >= len(p.s) {
			return q, nil
		}
		c, err := p.clause()
		if err != nil {
			return nil, err
		}
		// a OR b OR c joins into one clause
		for {
			save := p.pos
			p.skipSpace()
			if !p.atOR() {
				p.pos = save
				break
			}
			orPos := p.pos
			p.pos += 2
			p.skipSpace()
			if p.pos >= len(p.s) {
				return nil, &QueryError{Pos: orPos, Msg: "OR needs a term on both sides"}
			}
			if r, _ := p.peek(); r == '+' || r == '-' {
				return nil, &QueryError{Pos: p.pos, Msg: "an alternative after OR cannot carry + or -; put it before the first alternative or use parentheses"}
			}
			next, err := p.clause()
			if err != nil {
				return nil, err
			}
			c.Alts = append(c.Alts, next.Alts...)
		}
		q.Clauses = append(q.Clauses, c)
	}
}

// atOR reports whether the input at pos is the operator OR (upper case, a
// whole word).
func (p *parser) atOR() bool {
	if !strings.HasPrefix(p.s[p.pos:], "OR") {
		return false
	}
	rest := p.s[p.pos+2:]
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsSpace(r) || r == '(' || isOpenQuote(r)
}

// clause parses [+|-] (group | term).
func (p *parser) clause() (Clause, error) {
	c := Clause{Occur: Should}
	start := p.pos
	switch r, n := p.peek(); r {
	case '+', '-':
		if r == '+' {
			c.Occur = Must
		} else {
			c.Occur = MustNot
		}
		p.pos += n
		if nr, nn := p.peek(); nn == 0 || unicode.IsSpace(nr) {
			return c, &QueryError{Pos: start, Msg: fmt.Sprintf("operator %q is not followed by a term", r)}
		} else if nr == '+' || nr == '-' {
			// "++a" would make a term "+a" that String cannot write back.
			return c, &QueryError{Pos: p.pos, Msg: "+ and - take one operator: remove the second"}
		}
	case 'O':
		if p.atOR() {
			return c, &QueryError{Pos: p.pos, Msg: "OR needs a term on both sides"}
		}
	}
	if r, _ := p.peek(); r == '(' {
		alts, err := p.group()
		if err != nil {
			return c, err
		}
		c.Alts = alts
		return c, nil
	}
	t, err := p.term()
	if err != nil {
		return c, err
	}
	c.Alts = []Term{t}
	return c, nil
}

// group parses ( term [OR] term … ): alternatives, any one satisfies.
func (p *parser) group() ([]Term, error) {
	open := p.pos
	p.pos++ // (
	var alts []Term
	for {
		p.skipSpace()
		r, n := p.peek()
		switch {
		case n == 0:
			return nil, &QueryError{Pos: open, Msg: "unbalanced parenthesis: the '(' opened here is never closed"}
		case r == ')':
			p.pos++
			if len(alts) == 0 {
				return nil, &QueryError{Pos: open, Msg: "empty parentheses"}
			}
			return alts, nil
		case r == '(':
			return nil, &QueryError{Pos: p.pos, Msg: "nested parentheses are not supported"}
		case r == '+' || r == '-':
			return nil, &QueryError{Pos: p.pos, Msg: "+ and - apply to the whole group: put them before '('"}
		case p.atOR():
			if len(alts) == 0 {
				return nil, &QueryError{Pos: p.pos, Msg: "OR needs a term on both sides"}
			}
			p.pos += 2
			p.skipSpace()
			if r, _ := p.peek(); r == ')' {
				return nil, &QueryError{Pos: p.pos, Msg: "OR needs a term on both sides"}
			}
			continue
		}
		t, err := p.term()
		if err != nil {
			return nil, err
		}
		alts = append(alts, t)
	}
}

// term parses a phrase or a word with its suffixes (*, ~N, ^B).
func (p *parser) term() (Term, error) {
	start := p.pos
	r, n := p.peek()
	if isOpenQuote(r) {
		p.pos += n
		for {
			r, n := p.peek()
			if n == 0 {
				return Term{}, &QueryError{Pos: start, Msg: "unbalanced quote: the phrase opened here has no closing quote"}
			}
			if isCloseQuote(r) {
				text := strings.Join(strings.Fields(p.s[start+len(string(mustRune(p.s[start:]))):p.pos]), " ")
				p.pos += n
				if text == "" {
					return Term{}, &QueryError{Pos: start, Msg: "empty phrase"}
				}
				t := Term{Text: text, Phrase: true}
				return t, p.boost(&t)
			}
			p.pos += n
		}
	}
	for {
		r, n := p.peek()
		if n == 0 || unicode.IsSpace(r) || r == '(' || r == ')' || isOpenQuote(r) || r == '^' || r == '~' {
			break
		}
		if r == '”' {
			return Term{}, &QueryError{Pos: p.pos, Msg: "closing quote without an opening one"}
		}
		p.pos += n
	}
	word := p.s[start:p.pos]
	if r, _ := p.peek(); r == ')' && word == "" {
		return Term{}, &QueryError{Pos: p.pos, Msg: "unbalanced parenthesis: ')' without '('"}
	}
	t := Term{Text: word}
	if strings.HasSuffix(word, "*") {
		t.Text = strings.TrimRight(word, "*")
		t.Prefix = true
	}
	if strings.ContainsRune(t.Text, '*') {
		return Term{}, &QueryError{Pos: start, Msg: "'*' is only allowed at the end of a word"}
	}
	if !hasWordChar(t.Text) {
		return Term{}, &QueryError{Pos: start, Msg: fmt.Sprintf("%q is not a searchable word", word)}
	}
	if r, _ := p.peek(); r == '~' {
		at := p.pos
		p.pos++
		digits := p.digits()
		t.Fuzzy = 1
		if digits != "" {
			f, err := strconv.Atoi(digits)
			if err != nil || f > 2 {
				return Term{}, &QueryError{Pos: at, Msg: "fuzziness must be 0, 1 or 2"}
			}
			t.Fuzzy = f
		}
		if t.Prefix {
			return Term{}, &QueryError{Pos: at, Msg: "a word cannot be both a prefix (*) and fuzzy (~)"}
		}
	}
	if err := p.boost(&t); err != nil {
		return Term{}, err
	}
	if r, n := p.peek(); n > 0 && !unicode.IsSpace(r) && r != ')' && r != '(' && !isOpenQuote(r) {
		return Term{}, &QueryError{Pos: p.pos, Msg: fmt.Sprintf("unexpected %q after a term", r)}
	}
	return t, nil
}

func mustRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func (p *parser) digits() string {
	start := p.pos
	for p.pos < len(p.s) && (('0' <= p.s[p.pos] && p.s[p.pos] <= '9') || p.s[p.pos] == '.') {
		p.pos++
	}
	return p.s[start:p.pos]
}

// boost parses an optional ^N suffix.
func (p *parser) boost(t *Term) error {
	if r, _ := p.peek(); r != '^' {
		return nil
	}
	at := p.pos
	p.pos++
	b, err := strconv.ParseFloat(p.digits(), 64)
	if err != nil || b <= 0 || b > 100 {
		return &QueryError{Pos: at, Msg: "boost must be a number greater than 0 and at most 100 (word^2)"}
	}
	t.Boost = b
	return nil
}

func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// String renders q in the syntax ParseQuery reads; parsing it again gives
// the same Query.
func (q *Query) String() string {
	var b strings.Builder
	for i, c := range q.Clauses {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch c.Occur {
		case Must:
			b.WriteByte('+')
		case MustNot:
			b.WriteByte('-')
		}
		group := len(c.Alts) > 1 || c.Occur != Should
		if group {
			b.WriteByte('(')
		}
		for j, t := range c.Alts {
			if j > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString(t.String())
		}
		if group {
			b.WriteByte(')')
		}
	}
	return b.String()
}

// String renders t in query syntax.
func (t Term) String() string {
	var b strings.Builder
	if t.Phrase {
		b.WriteString(`"` + t.Text + `"`)
	} else {
		b.WriteString(t.Text)
	}
	if t.Prefix {
		b.WriteByte('*')
	}
	if t.Fuzzy > 0 {
		b.WriteString("~" + strconv.Itoa(t.Fuzzy))
	}
	if t.Boost != 0 {
		b.WriteString("^" + strconv.FormatFloat(t.Boost, 'f', -1, 64))
	}
	return b.String()
}
