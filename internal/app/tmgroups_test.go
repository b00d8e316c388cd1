package app

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/tm/fuzzy"
)

func TestExtendGroups(t *testing.T) {
	pair := func(target, mark string, claimed ...string) TMConcordancePair {
		i := strings.Index(target, mark)
		p := TMConcordancePair{Target: target, TargetMarks: []Span{{i, i + len(mark)}}, Translation: mark, Via: "lexicon", claimed: map[int]bool{}}
		for _, c := range claimed {
			p.claimed[strings.Index(target, c)] = true
		}
		return p
	}
	for _, tc := range []struct {
		name, lang string
		in         []TMConcordancePair
		want       []string
	}{
		{
			// A bare preposition before the word in most of the group's
			// pairs joins it; the pair without it keeps its mark.
			name: "in kennis", lang: "nl",
			in: []TMConcordancePair{
				pair("stelt het orgaan in kennis van het besluit", "kennis"),
				pair("dient in kennis te worden gesteld", "kennis"),
				pair("geeft het orgaan kennis van de aanvraag", "kennis"),
			},
			want: []string{"in kennis", "in kennis", "kennis"},
		},
		{
			// A preposition with an article translates the source's own
			// "to the": it does not join.
			name: "aan de", lang: "nl",
			in: []TMConcordancePair{
				pair("hulp aan de burgerbevolking", "burgerbevolking"),
				pair("steun aan de burgerbevolking", "burgerbevolking"),
				pair("schade aan de burgerbevolking", "burgerbevolking"),
			},
			want: []string{"burgerbevolking", "burgerbevolking", "burgerbevolking"},
		},
		{
			// A content word on the right joins unless another source
			// word claims it; English does not grow by "of".
			name: "content word", lang: "en",
			in: []TMConcordancePair{
				pair("the right to make stops for non-traffic purposes", "stops"),
				pair("shall make stops in the territory", "stops"),
				pair("may make stops there", "stops", "make"),
				pair("the Board of Governors shall", "Governors"),
				pair("a Board of Governors", "Governors"),
				pair("its Board of Governors", "Governors"),
			},
			want: []string{"make stops", "make stops", "stops", "Governors", "Governors", "Governors"},
		},
		{
			// Neighbours compare by their grouping key: party and
			// parties are one neighbour.
			name: "inflected neighbour", lang: "en",
			in: []TMConcordancePair{
				pair("the interested party shall", "interested"),
				pair("all interested parties may", "interested"),
				pair("an interested party", "interested"),
			},
			want: []string{"interested party", "interested parties", "interested party"},
		},
		{
			name: "too few pairs", lang: "nl",
			in: []TMConcordancePair{
				pair("stelt het orgaan in kennis", "kennis"),
				pair("in kennis te stellen", "kennis"),
			},
			want: []string{"kennis", "kennis"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			extendGroups(nil, tc.lang, tc.in)
			var got []string
			for _, p := range tc.in {
				got = append(got, p.Target[p.TargetMarks[0].Start:p.TargetMarks[0].End])
				if p.Translation != got[len(got)-1] {
					t.Errorf("translation %q, mark %q", p.Translation, got[len(got)-1])
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("marks (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAnyNumber: the query's positions may lie outside the aligned
// window (its other occurrences in a long segment).
func TestAnyNumber(t *testing.T) {
	ts := fuzzy.Tokenize("lid 2 van artikel", nil)
	for _, tc := range []struct {
		q    []int
		want bool
	}{
		{[]int{0}, false},
		{[]int{1}, true},
		{[]int{-4, 0, 9}, false},
	} {
		if got := anyNumber(ts, tc.q); got != tc.want {
			t.Errorf("anyNumber(%v) = %v, want %v", tc.q, got, tc.want)
		}
	}
}
