package index

import (
	"slices"
	"testing"
)

// TestDiminutives checks the diminutives a noun is searched in, with a
// stand-in word list: every suffix the spelling may take, singular and
// plural, only listed words, none for a diminutive itself.
func TestDiminutives(t *testing.T) {
	list := map[string]bool{
		"huisje": true, "huisjes": true, "wagentje": true, "invalidenwagentje": true, "invalidenwagentjes": true,
		"balletje": true, "boompje": true, "koninkje": true, "autootje": true,
	}
	listed := func(w string) bool { return list[w] }
	for _, c := range []struct {
		w    string
		want []string
	}{
		{"huis", []string{"huisje", "huisjes"}},
		{"Invalidenwagen", []string{"invalidenwagentje", "invalidenwagentjes"}},
		{"bal", []string{"balletje"}},
		{"boom", []string{"boompje"}},
		{"koning", []string{"koninkje"}},
		{"auto", []string{"autootje"}},
		{"huisje", nil}, // a diminutive already
		{"kat", nil},    // none listed
		{"op", nil},     // too short
	} {
		if got := Diminutives(c.w, listed); !slices.Equal(got, c.want) {
			t.Errorf("Diminutives(%q) = %q, want %q", c.w, got, c.want)
		}
	}
}
