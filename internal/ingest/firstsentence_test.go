package ingest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFirstSentence checks the sentence a derived title is taken from: it
// ends as tm/align ends sentences (the splitter term contexts and the TM
// use), not at a Dutch abbreviation before a capital ("bijv. De", "nr.
// Dit") nor at an initial.
func TestFirstSentence(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Met deze brief informeer ik u over de staatsgreep. Dat is bekend.", "Met deze brief informeer ik u over de staatsgreep."},
		{"Hierbij informeer ik u o.a. over de sancties. Verder.", "Hierbij informeer ik u o.a. over de sancties."},
		{"Ik reageer op de brief van 18 april jl. Over de staatsgreep later.", "Ik reageer op de brief van 18 april jl. Over de staatsgreep later."},
		{"In het debat heeft mw. Ploumen gevraagd. Verder.", "In het debat heeft mw. Ploumen gevraagd."},
		{"Minister H.M. de Jonge schrijft u. Verder.", "Minister H.M. de Jonge schrijft u."},
		{"Zonder einde", "Zonder einde"},
	} {
		if diff := cmp.Diff(tc.want, firstSentence(tc.in)); diff != "" {
			t.Errorf("firstSentence(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}
