package index

import (
	"cmp"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tolk-nl/tolk/internal/sharedtest"
	"github.com/tolk-nl/tolk/internal/treaties"
)

func TestParseQueryLenient(t *testing.T) {
	w := func(s string) Term { return Term{Text: s} }
	words := func(ss ...string) []Clause {
		var cs []Clause
		for _, s := range ss {
			cs = append(cs, Clause{Occur: Should, Alts: []Term{w(s)}})
		}
		return cs
	}
	should := func(ts ...Term) Clause { return Clause{Occur: Should, Alts: ts} }
	phrase := func(s string) Term { return Term{Text: s, Phrase: true} }
	tests := []struct {
		name, in string
		want     []Clause
	}{
		// Pasted text: punctuation, not syntax.
		{"list markers", "a) the Parties shall (i) notify", words("a", "the", "Parties", "shall", "i", "notify")},
		{"paragraph number", "Article 5(2), as amended", words("Article", "5(2)", "as", "amended")},
		{"nested numbering", "Article 5(2)(a);", words("Article", "5(2)(a)")},
		{"unbalanced quote", `the term "Convention means`, words("the", "term", "Convention", "means")},
		{"closing quote only", "Convention” means", words("Convention", "means")},
		{"LaTeX quotes", "the ``Convention\" means", words("the", "Convention", "means")},
		{"unbalanced bracket", "(unbalanced text", words("unbalanced", "text")},
		{"closing bracket only", "a) b", words("a", "b")},
		{"lone operators", "a - b + c ^ d ~ e * f", words("a", "b", "c", "d", "e", "f")},
		{"sign before a space", "- a", words("a")},
		{"double sign", "--foo", words("foo")},
		{"dash between numbers", "1950 - 1960", words("1950", "1960")},
		{"bracketed aside is words", "(see Article 5)", words("see", "Article", "5")},
		{"group without OR is words", "(junta militairen)", words("junta", "militairen")},
		{"empty brackets", "() a", words("a")},
		// A fuzziness over 2 after a word: the word at 2 (bleve's limit),
		// not the phrase "brexit 3", which found nothing.
		{"fuzziness over 2 is 2", "brexit~3", []Clause{should(Term{Text: "brexit", Fuzzy: 2})}},
		{"fuzziness of no word kept as text", "~3", words("3")},
		// A malformed boost is punctuation between words (session 26:
		// staatsgreep^abc was a phrase that found nothing).
		{"malformed boost is punctuation", "a^x", words("a", "x")},
		{"words joined by punctuation", "Mali,Niger staatsgreep/coup -Mali:Bamako", []Clause{
			{Occur: Should, Alts: []Term{{Text: "Mali"}}}, {Occur: Should, Alts: []Term{{Text: "Niger"}}},
			{Occur: Should, Alts: []Term{{Text: "staatsgreep"}}}, {Occur: Should, Alts: []Term{{Text: "coup"}}},
			{Occur: MustNot, Alts: []Term{{Text: "Mali"}}}, {Occur: MustNot, Alts: []Term{{Text: "Bamako"}}}}},
		{"digits keep their separators", "3,5 24/7 10:30", words("3,5", "24/7", "10:30")},
		{"inner star kept as text", "a*b", words("a*b")},
		{"dangling OR at the end", "a OR", words("a")},
		{"dangling OR at the start", "OR b", words("b")},
		{"OR before a sign", "a OR -b", []Clause{should(w("a")), {Occur: MustNot, Alts: []Term{w("b")}}}},
		{"OR with punctuation is dropped", "a OR, b", words("a", "b")},
		{"invalid UTF-8 replaced", "caf\xffe", words("caf\uFFFDe")},
		{"trailing punctuation", "policies, sanctions; coups.", words("policies", "sanctions", "coups")},
		{"apostrophe kept", "Parties’ programma’s", words("Parties", "programma’s")},
		{"hyphenated word", "Secretaris-Generaal COVID-19", words("Secretaris-Generaal", "COVID-19")},
		{"quote glued to a word opens nothing", `a"b c"`, words(`a"b`, "c")},

		// Well-formed syntax is honoured.
		{"group and exclusion", "(staatsgreep OR coup) -ECOWAS",
			[]Clause{should(w("staatsgreep"), w("coup")), {Occur: MustNot, Alts: []Term{w("ECOWAS")}}}},
		{"signed phrase and word", `-"constitutionele orde" +Mali`,
			[]Clause{{Occur: MustNot, Alts: []Term{phrase("constitutionele orde")}}, {Occur: Must, Alts: []Term{w("Mali")}}}},
		{"curly quotes", "“constitutionele  orde”", []Clause{should(phrase("constitutionele orde"))}},
		{"Dutch quotes", "„constitutionele orde”", []Clause{should(phrase("constitutionele orde"))}},
		{"phrase after a bracket", "(“rule of law”", []Clause{should(phrase("rule of law"))}},
		{"phrase in a sentence", "the term “Convention” means", []Clause{should(w("the")), should(w("term")), should(phrase("Convention")), should(w("means"))}},
		{"phrase boost", `"rule of law"^2`, []Clause{should(Term{Text: "rule of law", Phrase: true, Boost: 2})}},
		{"signed group without OR", "-(a b)", []Clause{{Occur: MustNot, Alts: []Term{w("a"), w("b")}}}},
		{"signed single", "+(Mali)", []Clause{{Occur: Must, Alts: []Term{w("Mali")}}}},
		{"doubled brackets", "((a OR b))", []Clause{should(w("a"), w("b"))}},
		{"group with a phrase holding a bracket", `("a)" OR b)`, []Clause{should(phrase("a)"), w("b"))}},
		{"group glued to a word", "foo(a OR b)", []Clause{should(w("foo")), should(w("a"), w("b"))}},
		{"group followed by a comma", "(a OR b), c", []Clause{should(w("a"), w("b")), should(w("c"))}},
		{"OR chain", "sancties OR maatregelen OR boetes", []Clause{should(w("sancties"), w("maatregelen"), w("boetes"))}},
		{"OR joins a group", "a OR (b OR c)", []Clause{should(w("a"), w("b"), w("c"))}},
		{"signed number", "-5 degrees", []Clause{{Occur: MustNot, Alts: []Term{w("5")}}, should(w("degrees"))}},
		{"suffixes", "Takuba~ x~2 y~0 orde^2.5 staats*",
			[]Clause{should(Term{Text: "Takuba", Fuzzy: 1}), should(Term{Text: "x", Fuzzy: 2}), should(w("y")),
				should(Term{Text: "orde", Boost: 2.5}), should(Term{Text: "staats", Prefix: true})}},
		{"prefix wins over fuzzy", "x*~", []Clause{should(Term{Text: "x", Prefix: true})}},
		// A boost the syntax does not take there is dropped; the words are
		// searched (session 26: orde^2 was a phrase "orde 2").
		{"suffix before punctuation is text", "staats*, orde^2,", words("staats", "orde")},

		// Nothing searchable.
		{"empty", "", nil},
		{"punctuation only", `( ) " - + ^ ~ * OR`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := ParseQueryLenient(tt.in)
			if q == nil {
				t.Fatalf("ParseQueryLenient(%q) = nil", tt.in)
			}
			if diff := gocmp.Diff(tt.want, q.Clauses, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ParseQueryLenient(%q) clauses (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// Well-formed queries mean with ParseQueryLenient what they mean with
// ParseQuery.
func TestParseQueryLenientAgreesWithStrict(t *testing.T) {
	for _, in := range []string{
		"staatsgreep", "  Malinese   militairen ", `"constitutionele  orde"`, `“constitutionele orde”`,
		"staatsgreep -ECOWAS", "+Mali coup", "staatsgreep OR coup OR junta", "-(ECOWAS OR AU) Mali",
		"coupple*", "Takubaa~ Takba~2 x~0", "orde^2.5", "Secretaris-Generaal COVID-19 EU-instellingen",
		"or ORANJE", "programma’s", `+"rule of law" -coup`, "(a OR b) (c OR d)", `"a b"^3 c`,
	} {
		t.Run(in, func(t *testing.T) {
			strict, err := ParseQuery(in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(strict, ParseQueryLenient(in)); diff != "" {
				t.Errorf("ParseQueryLenient(%q) differs from ParseQuery (-strict +lenient):\n%s", in, diff)
			}
		})
	}
}

func TestParseQueryLenientLong(t *testing.T) {
	in := strings.Repeat("verdrag ", 200) // 1,600 bytes
	q := ParseQueryLenient(in)
	if got, want := len(q.Clauses), maxQueryLen/len("verdrag "); got != want {
		t.Errorf("ParseQueryLenient of %d bytes: %d clauses, want %d (cut at the last space before %d bytes)", len(in), got, want, maxQueryLen)
	}
	for _, c := range q.Clauses {
		if c.Alts[0].Text != "verdrag" {
			t.Fatalf("a word was cut: %+v", c)
		}
	}
}

// wordsOf returns the runs of letters and digits in s, lower-cased.
func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) })
}

// queryWords returns the runs of letters and digits in q's terms.
func queryWords(q *Query) []string {
	var out []string
	for _, c := range q.Clauses {
		for _, t := range c.Alts {
			out = append(out, wordsOf(t.Text)...)
		}
	}
	return out
}

func FuzzParseQueryLenient(f *testing.F) {
	for _, s := range []string{"a) the Parties shall (i) notify", "Article 5(2), as amended", `"unbalanced`, "(", ")", "-", "^", "~",
		"(staatsgreep OR coup) -ECOWAS", `-"a b" +c`, "caf\xffe", "a OR", "((a OR b))", `("a)" OR b)`, "x*~", "a~3 b^x",
		"“a” „b” ``c\"", "-(a b)", "5(2)(a),", strings.Repeat("(a OR ", 30)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQueryLenient(s)
		if q == nil {
			t.Fatalf("ParseQueryLenient(%q) = nil", s)
		}
		for _, c := range q.Clauses {
			if len(c.Alts) == 0 {
				t.Fatalf("ParseQueryLenient(%q): a clause without terms", s)
			}
			for _, term := range c.Alts {
				if !utf8.ValidString(term.Text) || !hasWordChar(term.Text) || term.Fuzzy < 0 || term.Fuzzy > 2 ||
					term.Boost < 0 || term.Boost > 100 || (term.Prefix && term.Fuzzy > 0) ||
					(!term.Phrase && strings.IndexFunc(term.Text, unicode.IsSpace) >= 0) {
					t.Fatalf("ParseQueryLenient(%q): bad term %+v", s, term)
				}
			}
		}
		// The words of the input with its punctuation turned into spaces
		// all survive, in order (OR, the operator, aside).
		plain := strings.Join(strings.FieldsFunc(strings.ToValidUTF8(s, " "), func(r rune) bool { return !isWordRune(r) }), " ")
		if len(plain) > maxQueryLen {
			return
		}
		var want []string
		for _, w := range strings.Fields(plain) {
			if w != "OR" {
				want = append(want, strings.ToLower(w))
			}
		}
		if diff := gocmp.Diff(want, queryWords(ParseQueryLenient(plain)), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("ParseQueryLenient(%q) lost words (-want +got):\n%s", plain, diff)
		}
	})
}

// treatyQueries returns what a translator would paste from the English
// sides of the shared treaty pairs: each article's heading and its first
// sentence, as internal/treaties extracts them for the English search
// evaluation (Markdown reduced to the text a reader sees).
func treatyQueries(tb testing.TB) (headings, sentences []string) {
	tb.Helper()
	pairs, err := treaties.Read(sharedtest.Open(tb, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range pairs {
		h, body := treaties.Heading(p.EN)
		if h != "" {
			headings = append(headings, h)
		}
		if s := treaties.FirstSentence(body); s != "" {
			sentences = append(sentences, s)
		}
	}
	return headings, sentences
}

// TestParseQueryLenientTreaties measures both parsers on real pasted text:
// every English heading and first sentence of the shared treaty pairs.
// ParseQuery refuses some (the count is logged); ParseQueryLenient must
// accept all and find a word in each that has one.
func TestParseQueryLenientTreaties(t *testing.T) {
	headings, sentences := treatyQueries(t)
	for _, set := range []struct {
		name    string
		queries []string
	}{{"headings", headings}, {"first sentences", sentences}} {
		t.Run(set.name, func(t *testing.T) {
			refused := map[string]int{}
			var nRefused, nLong, nWords, nKept int
			example := map[string]string{}
			for _, s := range set.queries {
				if _, err := ParseQuery(s); err != nil {
					nRefused++
					var qe *QueryError
					if !errors.As(err, &qe) {
						t.Fatalf("ParseQuery(%q): %v is not a *QueryError", s, err)
					}
					reason := qe.Msg
					if i := strings.IndexAny(reason, ":\"'"); i > 0 {
						reason = strings.TrimSpace(reason[:i])
					}
					refused[reason]++
					if _, ok := example[reason]; !ok {
						example[reason] = s
					}
				}
				q := ParseQueryLenient(s)
				if q == nil {
					t.Fatalf("ParseQueryLenient(%q) = nil", s)
				}
				if hasWordChar(s) && len(q.Clauses) == 0 {
					t.Errorf("ParseQueryLenient(%q) has no words", s)
				}
				if len(s) > maxQueryLen {
					nLong++
					continue
				}
				// Every word of the text is searched, but the operator OR.
				got := map[string]int{}
				for _, w := range queryWords(q) {
					got[w]++
				}
				for _, w := range wordsOf(s) {
					nWords++
					if got[w] > 0 {
						got[w]--
						nKept++
					}
				}
			}
			t.Logf("%d %s: ParseQuery refuses %d (%.1f %%); %d longer than %d bytes (cut by ParseQueryLenient); ParseQueryLenient keeps %d of %d words of the others",
				len(set.queries), set.name, nRefused, 100*float64(nRefused)/float64(len(set.queries)), nLong, maxQueryLen, nKept, nWords)
			reasons := slices.SortedFunc(maps.Keys(refused), func(a, b string) int { return cmp.Compare(refused[b], refused[a]) })
			for _, reason := range reasons {
				t.Logf("  %4d %s, e.g. %.100q", refused[reason], reason, example[reason])
			}
			if nKept != nWords {
				t.Errorf("ParseQueryLenient lost %d of %d words", nWords-nKept, nWords)
			}
		})
	}
}
