package app

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTermContextAbbreviations checks that a term's context, the sentence
// of its first occurrence, is the sentence tm/align splits (as
// /api/v1/tm/match does): a full stop after a Dutch abbreviation (jl.,
// o.a., bijv., nr.) does not end it.
func TestTermContextAbbreviations(t *testing.T) {
	text := "Ik informeer u over de brief van 18 april jl. over de staatsgreep. Dat is bekend.\n\n" +
		"De regering heeft o.a. de sancties bijv. tegen de junta gesteund. Zie Kamerstuk 29 521, nr. 363 over de missie."
	for _, tc := range []struct {
		name, term, want string
	}{
		{"jl.", "staatsgreep", "Ik informeer u over de brief van 18 april jl. over de staatsgreep."},
		{"o.a. and bijv.", "sancties", "De regering heeft o.a. de sancties bijv. tegen de junta gesteund."},
		{"nr.", "missie", "Zie Kamerstuk 29 521, nr. 363 over de missie."},
		{"first word", "Dat", "Dat is bekend."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := strings.Index(text, tc.term)
			got := sentenceAround(text, start, start+len(tc.term))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestDocumentTermsContexts checks the Mali letter's term list: no first
// context ends at an abbreviation.
func TestDocumentTermsContexts(t *testing.T) {
	a := openShipped(t)
	uses, err := a.DocumentTerms("kamerbrief-mali-2020")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range uses {
		for _, abbr := range []string{" nr.", " o.a.", " jl.", " bijv."} {
			if strings.HasSuffix(u.First, abbr) {
				t.Errorf("%s: context ends at %q: %q", u.Concept.ID, abbr, u.First)
			}
		}
	}
}
