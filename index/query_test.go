package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestParseQuery(t *testing.T) {
	w := func(s string) Term { return Term{Text: s} }
	should := func(ts ...Term) Clause { return Clause{Occur: Should, Alts: ts} }
	tests := []struct {
		in   string
		want []Clause
	}{
		{"staatsgreep", []Clause{should(w("staatsgreep"))}},
		{"  Malinese   militairen ", []Clause{should(w("Malinese")), should(w("militairen"))}},
		{`"constitutionele  orde"`, []Clause{should(Term{Text: "constitutionele orde", Phrase: true})}},
		{`“constitutionele orde”`, []Clause{should(Term{Text: "constitutionele orde", Phrase: true})}},
		{"staatsgreep -ECOWAS", []Clause{should(w("staatsgreep")), {Occur: MustNot, Alts: []Term{w("ECOWAS")}}}},
		{"+Mali coup", []Clause{{Occur: Must, Alts: []Term{w("Mali")}}, should(w("coup"))}},
		{"staatsgreep OR coup OR junta", []Clause{should(w("staatsgreep"), w("coup"), w("junta"))}},
		{"-(ECOWAS OR AU) Mali", []Clause{{Occur: MustNot, Alts: []Term{w("ECOWAS"), w("AU")}}, should(w("Mali"))}},
		{"(junta militairen)", []Clause{should(w("junta"), w("militairen"))}},
		{"coupple*", []Clause{should(Term{Text: "coupple", Prefix: true})}},
		{"Takubaa~ Takba~2 x~0", []Clause{should(Term{Text: "Takubaa", Fuzzy: 1}), should(Term{Text: "Takba", Fuzzy: 2}), should(w("x"))}},
		{"orde^2.5", []Clause{should(Term{Text: "orde", Boost: 2.5})}},
		{"Secretaris-Generaal COVID-19 EU-instellingen", []Clause{should(w("Secretaris-Generaal")), should(w("COVID-19")), should(w("EU-instellingen"))}},
		{"or ORANJE", []Clause{should(w("or")), should(w("ORANJE"))}},
		{"programma’s", []Clause{should(w("programma’s"))}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := ParseQuery(tt.in)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, q.Clauses); diff != "" {
				t.Errorf("clauses (-want +got):\n%s", diff)
			}
			again, err := ParseQuery(q.String())
			if err != nil {
				t.Fatalf("ParseQuery(String() = %q): %v", q.String(), err)
			}
			if diff := cmp.Diff(q, again); diff != "" {
				t.Errorf("String() = %q does not parse back (-want +got):\n%s", q.String(), diff)
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		in      string
		pos     int
		message string
	}{
		{"(", 0, "unbalanced parenthesis"},
		{"a (b OR c", 2, "unbalanced parenthesis"},
		{"a)", 1, "')' without '('"},
		{`"constitutionele orde`, 0, "unbalanced quote"},
		{`staatsgreep "orde`, 12, "unbalanced quote"},
		{"", 0, "empty query"},
		{"   ", 0, "empty query"},
		{"a OR", 2, "OR needs a term on both sides"},
		{"OR b", 0, "OR needs a term on both sides"},
		{"- a", 0, "not followed by a term"},
		{"()", 0, "empty parentheses"},
		{"((a))", 1, "nested parentheses"},
		{"a~3", 1, "fuzziness must be 0, 1 or 2"},
		{"a^x", 1, "boost must be"},
		{"*", 0, "not a searchable word"},
		{"a*b", 0, "only allowed at the end"},
		{"\xff", 0, "not valid UTF-8"},
		{strings.Repeat("a ", 600), maxQueryLen, "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseQuery(tt.in)
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("ParseQuery(%q) error = %v, want a *QueryError", tt.in, err)
			}
			if qe.Pos != tt.pos || !strings.Contains(qe.Msg, tt.message) {
				t.Errorf("ParseQuery(%q) = %v, want position %d and a message with %q", tt.in, qe, tt.pos, tt.message)
			}
		})
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"staatsgreep", `"constitutionele orde" -ECOWAS`, "a OR b", "-(a OR b) +c", "coup*", "Takuba~2",
		"orde^2", "(", `"`, "a)", "Secretaris-Generaal", "programma’s", "“orde”", "x~", "OR", "+", "^", "a^1.5~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("ParseQuery(%q) error %v is not a *QueryError", s, err)
			}
			if qe.Pos < 0 || qe.Pos > len(s) || qe.Msg == "" {
				t.Fatalf("ParseQuery(%q) = %v: position outside the query or no message", s, qe)
			}
			return
		}
		if len(q.Clauses) == 0 {
			t.Fatalf("ParseQuery(%q) returned no clauses and no error", s)
		}
		for _, c := range q.Clauses {
			for _, term := range c.Alts {
				if !utf8.ValidString(term.Text) || term.Fuzzy < 0 || term.Fuzzy > 2 {
					t.Fatalf("ParseQuery(%q): bad term %+v", s, term)
				}
			}
		}
		again, err := ParseQuery(q.String())
		if err != nil {
			t.Fatalf("ParseQuery(%q).String() = %q does not parse: %v", s, q.String(), err)
		}
		if diff := cmp.Diff(q, again); diff != "" {
			t.Fatalf("ParseQuery(%q) round trip through %q (-want +got):\n%s", s, q.String(), diff)
		}
	})
}

// TestMustNotHeading checks that a word to leave out leaves out the
// passages that say it, not the passages under a heading that says it:
// q=motie -financiering on a debate whose agenda item is about
// financiering kept none of its passages on a motie.
func TestMustNotHeading(t *testing.T) {
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ps := []Passage{
		{Doc: "debat", Section: "Ondernemen en financiering", Paragraph: 1, Text: "Ik dien een motie in over de banken."},
		{Doc: "debat", Section: "Ondernemen en financiering", Paragraph: 2, Text: "Deze motie gaat over de financiering van het mkb."},
	}
	if err := ix.Add(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
	q, err := ParseQuery("motie -financiering")
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Request{Query: q, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Paragraph != 1 {
		t.Errorf("hits %+v, want paragraph 1 alone", res.Hits)
	}
}

// TestParseBoolWords: AND and NOT, as other search tools write them, are
// operators (upper case, as OR), in both parsers; lower case, quoted or
// with nothing to act on they are no operator.
func TestParseBoolWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"zorgtoeslag AND huurtoeslag", "+(zorgtoeslag) +(huurtoeslag)"},
		{"zorgtoeslag NOT huurtoeslag", "zorgtoeslag -(huurtoeslag)"},
		{"a AND b AND c", "+(a) +(b) +(c)"},
		{"a AND b c", "+(a) +(b) c"},
		{"NOT ECOWAS Mali", "-(ECOWAS) Mali"},
		{"a AND -b", "+(a) -(b)"},
		{"(junta OR militairen) AND Mali", "+(junta OR militairen) +(Mali)"},
		{"a AND", "+(a)"},
		{"a and b", "a and b"},
		{`"AND" b`, `"AND" b`},
	} {
		q, err := ParseQuery(tc.in)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", tc.in, err)
		}
		if got := q.String(); got != tc.want {
			t.Errorf("ParseQuery(%q) = %s, want %s", tc.in, got, tc.want)
		}
		if got := ParseQueryLenient(tc.in).String(); got != tc.want {
			t.Errorf("ParseQueryLenient(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestPrefixFuzzyHeading: a prefix or fuzzy word finds a passage by its
// heading, as the plain word does (coördinatie found the passage under the
// heading Coördinatie, coördinat* and coördinatie~ did not).
func TestPrefixFuzzyHeading(t *testing.T) {
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ps := []Passage{
		{Doc: "regeling", Section: "Coördinatie", Paragraph: 1, Text: "De minister stemt de taken af met de provincies."},
		{Doc: "regeling", Section: "Slot", Paragraph: 2, Text: "Deze regeling treedt in werking op 1 januari."},
	}
	if err := ix.Add(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"coördinatie", "coördinat*", "coördinatie~", "coordinatie~1"} {
		q, err := ParseQuery(s)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(context.Background(), Request{Query: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].Paragraph != 1 {
			t.Errorf("%s: hits %+v, want paragraph 1", s, res.Hits)
		}
	}
}

// TestPrefixHeadingWithinBudget: prefixes whose words are within the
// query's budget are searched even when their matches in the headings
// would exceed it: the heading part is left out, not the query refused.
func TestPrefixHeadingWithinBudget(t *testing.T) {
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var ps []Passage
	for _, stem := range []string{"kwartel", "merel", "vink"} {
		for i := range MaxExpansions + 50 {
			w := stem + strings.Map(func(r rune) rune { return 'a' + (r - '0') }, fmt.Sprintf("%04d", i)) + "x"
			ps = append(ps, Passage{Doc: "d", Section: w, Paragraph: len(ps) + 1, Text: "Over " + w + "."})
		}
	}
	if err := ix.Add(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
	// Three prefixes of MaxExpansions words each: 600 words, within the
	// budget of 1,000; with their headings' 600 they were over it.
	q, err := ParseQuery("kwartel* merel* vink*")
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Request{Query: q, Limit: 10})
	if err != nil || res.Total == 0 {
		t.Errorf("kwartel* merel* vink*: %v, %+v; want passages", err, res)
	}
}
