package app

import (
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
