package wordalign

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// dict is a toy lexicon: p(en | nl) and p(nl | en) alike.
var dict = map[[2]string]float64{
	{"de", "the"}: 0.6, {"kennisgeving", "notice"}: 0.8, {"wordt", "is"}: 0.5,
	{"aangekondigd", "announced"}: 0.3, {"aangekondigd", "notice"}: 0.5,
	{"centrale", "central"}: 0.7, {"overheid", "government"}: 0.6, {"overheid", "authorities"}: 0.3,
	{"van", "of"}: 0.5, {"staat", "state"}: 0.8, {"rechtsorde", "rule"}: 0.3, {"rechtsorde", "law"}: 0.3,
}

// matrices builds fwd and bwd from the toy lexicon.
func matrices(src, tgt string) ([][]float64, [][]float64) {
	s, t := strings.Fields(src), strings.Fields(tgt)
	fwd := make([][]float64, len(s))
	bwd := make([][]float64, len(s))
	for i, a := range s {
		fwd[i] = make([]float64, len(t))
		bwd[i] = make([]float64, len(t))
		for j, b := range t {
			fwd[i][j] = dict[[2]string{a, b}]
			bwd[i][j] = dict[[2]string{a, b}]
		}
	}
	return fwd, bwd
}

func TestAlign(t *testing.T) {
	for _, tc := range []struct {
		name, src, tgt string
		query          []int
		want           []int // target words aligned to the query
	}{
		{
			// The lexicon links aangekondigd to notice more strongly than
			// to announced, but kennisgeving explains notice better still:
			// aangekondigd gets announced.
			name: "competition", src: "de kennisgeving wordt aangekondigd", tgt: "the notice is announced",
			query: []int{3}, want: []int{3},
		},
		{
			name: "competition, other word", src: "de kennisgeving wordt aangekondigd", tgt: "the notice is announced",
			query: []int{1}, want: []int{1},
		},
		{
			name: "multi-word", src: "de centrale overheid van de staat", tgt: "the central government of the state",
			query: []int{1, 2}, want: []int{1, 2},
		},
		{
			// Two "the": the prior for the diagonal picks the one at the
			// same relative place.
			name: "diagonal", src: "de staat van de overheid", tgt: "the state of the government",
			query: []int{3}, want: []int{3},
		},
		{
			// Nothing explains "wordt" here: it stays unaligned.
			name: "null", src: "de staat wordt", tgt: "the state",
			query: []int{2}, want: nil,
		},
		{
			name: "one to many", src: "de rechtsorde", tgt: "the rule of law",
			query: []int{1}, want: []int{1, 3},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fwd, bwd := matrices(tc.src, tc.tgt)
			got := Targets(Align(fwd, bwd, Options{}), tc.query)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("targets of %v (-want +got):\n%s", tc.query, diff)
			}
		})
	}
}

func TestAlignEmpty(t *testing.T) {
	if got := Align(nil, nil, Options{}); got != nil {
		t.Errorf("Align(nil) = %v", got)
	}
	if got := Align([][]float64{{}}, [][]float64{{}}, Options{}); got != nil {
		t.Errorf("Align(no target words) = %v", got)
	}
}

// TestAlignSorted checks the links' order and that every link is
// within bounds.
func TestAlignSorted(t *testing.T) {
	fwd, bwd := matrices("de centrale overheid van de staat", "the central government of the state")
	links := Align(fwd, bwd, Options{})
	for k, l := range links {
		if l.S < 0 || l.S >= 6 || l.T < 0 || l.T >= 6 || l.P < 0 || l.P > 1 {
			t.Errorf("link %v out of bounds", l)
		}
		if k > 0 && (links[k-1].S > l.S || links[k-1].S == l.S && links[k-1].T >= l.T) {
			t.Errorf("links not sorted: %v before %v", links[k-1], l)
		}
	}
}

// TestAlignGrowBest: inclusief's pruned backward entry for "including"
// leaves it the backward partner "prizes", which sits next to the link
// schuldbewijzen–prizes; Koehn's grow-diag takes that neighbour, growing
// by a word's most probable union link keeps "including" (its forward
// partner, many times likelier) for final-and.
func TestAlignGrowBest(t *testing.T) {
	// Source: schuldbewijzen inclusief; target: including premiums prizes.
	fwd := [][]float64{
		{0, 0, 0.10},
		{0.6, 0, 0.07},
	}
	bwd := [][]float64{
		{0, 0, 0.15},
		{0, 0, 0.04},
	}
	for _, tc := range []struct {
		name string
		opt  Options
		want []int
	}{
		{"best", Options{Diagonal: -1}, []int{0}},
		{"any", Options{Diagonal: -1, GrowAny: true}, []int{2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Targets(Align(fwd, bwd, tc.opt), []int{1})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("targets of inclusief (-want +got):\n%s", diff)
			}
		})
	}
}
