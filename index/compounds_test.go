package index

import (
	"context"
	"slices"
	"testing"
)

// TestCompounds checks that the stemmed field's compounds of a modifier
// and a head are found with a linking s, e or the rest of the modifier's
// form between them, with the modifier's vowel undoubled by the stemmer
// written double again, and that a key that only begins with the
// modifier, or has too much between, is not one.
func TestCompounds(t *testing.T) {
	ix := newWeightedIndex(t, []Passage{
		{ID: "p1", Doc: "d", Text: "Een verblijfsvergunning voor bepaalde tijd."},
		{ID: "p2", Doc: "d", Text: "De ontwikkelingssamenwerking en de gemeenteraad."},
		{ID: "p3", Doc: "d", Text: "De raadsvergadering begint; het temperatuurverschil is groot."},
		{ID: "p4", Doc: "d", Text: "Verblijfplaats, verblijfsduur en de verblijfsaanvraagvergunning."},
	})
	ctx := context.Background()
	keys := func(mod string, heads ...string) []string {
		t.Helper()
		cks, err := ix.Compounds(ctx, mod, heads, 4)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cks {
			if c.Count < 1 || !slices.Contains(heads, c.Head) {
				t.Errorf("%s: %+v", mod, c)
			}
			out = append(out, c.Key)
		}
		slices.Sort(out)
		return out
	}
	key := func(w string) string { return ix.Keys("nl", w)[0] }
	for _, tc := range []struct {
		mod   string
		heads []string
		want  []string
	}{
		{key("verblijf"), []string{key("vergunning")}, []string{key("verblijfsvergunning")}},
		{key("ontwikkeling"), []string{key("samenwerking")}, []string{key("ontwikkelingssamenwerking")}},
		{key("gemeente"), []string{key("raad")}, []string{key("gemeenteraad")}},
		// raad and temperatuur are undoubled by the stemmer (rad,
		// temperatur) but written in full before the head.
		{key("raad"), []string{key("vergadering")}, []string{key("raadsvergadering")}},
		{key("temperatuur"), []string{key("verschil")}, []string{key("temperatuurverschil")}},
		// verblijfplaats is not verblijf + duur; aanvraag is more than a
		// linking element.
		{key("verblijf"), []string{key("duur"), key("vergunning")}, []string{key("verblijfsduur"), key("verblijfsvergunning")}},
		{key("verblijf"), []string{key("raad")}, nil},
		{"ve", []string{key("vergunning")}, nil},
	} {
		if got := keys(tc.mod, tc.heads...); !slices.Equal(got, tc.want) {
			t.Errorf("Compounds(%q, %q) = %q, want %q", tc.mod, tc.heads, got, tc.want)
		}
	}
}
