package app

import (
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
