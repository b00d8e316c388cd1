package lexicon

import (
	"slices"
	"testing"
)

// TestCognates checks the spelling rules learned from the shipped
// lexicon's cognate pairs: English keys it never saw get the Dutch
// spellings of their endings (English inflection keys in, Dutch keys out), the word
// itself is not offered, and the rules come from the table, not a list.
func TestCognates(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ en, nl string }{
		{"consternation", "consternatie"},
		{"traumatic", "traumatisch"},
		{"congregation", "congregatie"},
		{"absurdity", "absurditeit"}, // -ity → -iteit
		{"friction", "frictie"},      // from cognates that are not the usual translation
	} {
		if l.Lookup("en", tc.en) != nil {
			t.Errorf("%s is in the lexicon: not a test of the rules", tc.en)
		}
		var got []string
		for _, c := range l.Cognates(tc.en, 40) {
			got = append(got, c.Word)
			if c.P <= 0 || c.P > 1 || c.Count < cognateMinRule {
				t.Errorf("%s → %+v", tc.en, c)
			}
		}
		if !slices.Contains(got, tc.nl) {
			t.Errorf("Cognates(%s) = %q, want %s among them", tc.en, got, tc.nl)
		}
		if slices.Contains(got, tc.en) {
			t.Errorf("Cognates(%s) offers the word itself", tc.en)
		}
	}
	// A lexicon without cognate pairs learns no rules.
	empty := Train([]Pair{{NL: []string{"huis"}, EN: []string{"hous"}}}, "test", Options{})
	if c := empty.Cognates("consternation", 10); len(c) != 0 {
		t.Errorf("rules from no cognate pairs: %+v", c)
	}
}
