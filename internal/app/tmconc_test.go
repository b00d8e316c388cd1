package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGroupPairsOwnWordFirst: when at least minOwnPairs pairs have the
// query word itself, the groups of those pairs rank before the groups
// that come only from compounds containing it (brief: letter before
// vrachtbrief's consignment note), with their full counts; with fewer,
// counts alone decide.
func TestGroupPairsOwnWordFirst(t *testing.T) {
	pairs := func(text string, n int, compound bool) []TMConcordancePair {
		var out []TMConcordancePair
		for range n {
			out = append(out, TMConcordancePair{Translation: text, Via: "lexicon", compound: compound})
		}
		return out
	}
	join := func(parts ...[]TMConcordancePair) []TMConcordancePair {
		var out []TMConcordancePair
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		in   []TMConcordancePair
		want []TMTranslationGroup
	}{
		{
			name: "enough own pairs",
			in:   join(pairs("consignment note", 5, true), pairs("letter", 3, false), pairs("", 1, false), pairs("note", 1, true), pairs("note", 1, false)),
			want: []TMTranslationGroup{{"letter", 3, "lexicon"}, {"note", 2, "lexicon"}, {"consignment note", 5, "lexicon"}, {"", 1, "lexicon"}},
		},
		{
			name: "too few own pairs",
			in:   join(pairs("consignment note", 5, true), pairs("letter", 2, false)),
			want: []TMTranslationGroup{{"consignment note", 5, "lexicon"}, {"letter", 2, "lexicon"}},
		},
		{
			// A tie goes to the glossary's rendering, not the alphabet's.
			name: "tie",
			in: join(pairs("financiële ondersteuning", 3, false), []TMConcordancePair{
				{Translation: "financiële steun", Via: "glossary"}, {Translation: "financiële steun", Via: "glossary"}, {Translation: "financiële steun", Via: "glossary"}}),
			want: []TMTranslationGroup{{"financiële steun", 3, "glossary"}, {"financiële ondersteuning", 3, "lexicon"}},
		},
		{
			name: "no compounds",
			in:   join(pairs("letter", 2, false), pairs("mail", 4, false)),
			want: []TMTranslationGroup{{"mail", 4, "lexicon"}, {"letter", 2, "lexicon"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, groupPairs(tc.in)); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOpensSentence(t *testing.T) {
	for _, tc := range []struct {
		prefix string
		want   bool
	}{
		{"", true},
		{"1. ", true},
		{"(i)", true},
		{"b) ", true},
		{"The result shall be entered. ", true},
		{"Elke Partij: “", true},
		{"Public ", false},
		{"a. het ", false},
		{"1. The ", false},
		{"in the territory of a country, ", false},
	} {
		if got := opensSentence(tc.prefix); got != tc.want {
			t.Errorf("opensSentence(%q) = %v, want %v", tc.prefix, got, tc.want)
		}
	}
}

// TestLabelGroups: forms of one rendering make one group named by the
// commonest form as written inside a sentence; a form seen only opening
// a sentence gets a small first letter.
func TestLabelGroups(t *testing.T) {
	pair := func(target, mark string) TMConcordancePair {
		i := strings.Index(target, mark)
		return TMConcordancePair{Target: target, TargetMarks: []Span{{i, i + len(mark)}}, Translation: mark}
	}
	in := []TMConcordancePair{
		pair("De Europese Unie besluit.", "Europese Unie"),
		pair("Europese Unie", "Europese Unie"),
		pair("Inspraak van het publiek", "Inspraak"),
		pair("1. Inspraak", "Inspraak"),
		pair("steun van de Europese Unie", "Europese Unie"),
		pair("de financiële steun", "financiële steun"),
		pair("Financiële steun wordt verleend.", "Financiële steun"),
	}
	labelGroups(nil, "nl", in)
	var got []string
	for _, p := range in {
		got = append(got, p.Translation)
	}
	want := []string{"Europese Unie", "Europese Unie", "inspraak", "inspraak", "Europese Unie", "financiële steun", "financiële steun"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

// TestConcordanceSpans: a marked translation does not run across a comma
// (toneelspelers, film-), does not open with a Dutch conjunction or a
// preposition that translates the source's own (or government contract:
// "of overheidscontract"; from government securities: "uit
// overheidsleningen"), and covers the word that renders a query word the
// lexicon does not link (Centrale Raad van Beroep: Central Appeals
// Tribunal, where raad is council to the lexicon).
func TestConcordanceSpans(t *testing.T) {
	a := openShipped(t)
	ctx := context.Background()
	rows := []string{
		"nl\ten",
		"Het inkomen verkregen door beroepsartiesten, zoals toneelspelers, film-, radio- of televisieartiesten, is belastbaar.\tIncome derived by public entertainers, such as theatre, motion picture, radio or television artistes, is taxable.",
		"Inkomsten verkregen door artiesten, zoals toneelspelers, film-, radio- of televisieartiesten en musici.\tIncome derived by entertainers, such as theatre, motion picture, radio or television artistes and musicians.",
		"Het begrip omvat inkomsten verkregen door toneelspelers, film-, radio- of televisieartiesten.\tThe term includes income derived by theatre, motion picture, radio or television artistes.",
		"De risico's krachtens een bij wet, voorschrift of overheidscontract ingesteld stelsel worden gedekt.\tThe risks under a system established by law, regulation or government contract are covered.",
		"Een bij wet, voorschrift of overheidscontract ingesteld stelsel geldt voor de verzekeraar.\tA system established by law, regulation or government contract applies to the insurer.",
		"Elk bij wet, voorschrift of overheidscontract ingesteld stelsel wordt erkend.\tAny system established by law, regulation or government contract is recognised.",
		"Rente betekent inkomsten uit overheidsleningen en obligaties.\tInterest means income from government securities and bonds.",
		"Het begrip rente omvat inkomsten uit overheidsleningen.\tThe term interest includes income from government securities.",
		"Zulke rente omvat in het bijzonder inkomsten uit overheidsleningen van elke soort.\tSuch interest includes in particular income from government securities of any kind.",
		"De Centrale Raad van Beroep heeft het beroep verworpen.\tThe Central Appeals Tribunal has dismissed the appeal.",
		"De uitspraak van de Centrale Raad van Beroep is definitief.\tThe judgment of the Central Appeals Tribunal is final.",
	}
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte(strings.Join(rows, "\n")), Collection: "mijn-tm"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q, lang string
		bad     func(string) bool // a group that must not be there
		want    string            // a group that must be there, "" for none
	}{
		{"motion", "en", func(g string) bool { return strings.ContainsAny(g, ",;") }, ""},
		{"government", "en", func(g string) bool { return strings.HasPrefix(g, "of ") || strings.HasPrefix(g, "uit ") }, ""},
		{"Centrale Raad van Beroep", "nl", func(g string) bool { return g == "Central Appeals" }, "Central Appeals Tribunal"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			res, err := a.ConcordanceTM(ctx, TMConcordanceRequest{Q: tc.q, Lang: tc.lang, Collection: "mijn-tm"})
			if err != nil {
				t.Fatal(err)
			}
			found := tc.want == ""
			var groups []string
			for _, g := range res.Groups {
				groups = append(groups, fmt.Sprintf("%s %d", g.Text, g.Count))
				if tc.bad(g.Text) {
					t.Errorf("group %q", g.Text)
				}
				found = found || g.Text == tc.want
			}
			if !found {
				t.Errorf("no group %q", tc.want)
			}
			t.Logf("groups: %s", strings.Join(groups, " · "))
		})
	}
}
