package index

import (
	"context"
	"maps"
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
		{ID: "p5", Doc: "d", Text: "Verblijf, vergunning, raad, duur, gemeente, ontwikkeling, samenwerking, vergadering, temperatuur, verschil, kat, urine en kattenurine."},
	})
	ctx := context.Background()
	keys := func(mod string, heads ...string) []string {
		t.Helper()
		cks, err := ix.Compounds(ctx, []string{mod}, heads, 4)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cks {
			if c.Modifier != mod || !slices.Contains(heads, c.Head) {
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
	// Several modifiers and heads at once: each key once, with the parts
	// that make it.
	cks, err := ix.Compounds(ctx, []string{key("verblijf"), key("raad"), key("gemeente")}, []string{key("vergunning"), key("vergadering"), key("raad"), key("duur")}, 4)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	for _, c := range cks {
		if _, dup := got[c.Key]; dup {
			t.Errorf("%s twice", c.Key)
		}
		got[c.Key] = [2]string{c.Modifier, c.Head}
	}
	want := map[string][2]string{
		key("verblijfsvergunning"): {key("verblijf"), key("vergunning")},
		key("verblijfsduur"):       {key("verblijf"), key("duur")},
		key("raadsvergadering"):    {key("raad"), key("vergadering")},
		key("gemeenteraad"):        {key("gemeente"), key("raad")},
	}
	if !maps.Equal(got, want) {
		t.Errorf("Compounds of several = %v, want %v", got, want)
	}
	// The automaton finds what checking every key of the dictionary
	// finds, for every pair of its keys as modifier and head.
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fd, err := r.FieldDict(fieldText)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for e, err := fd.Next(); e != nil || err != nil; e, err = fd.Next() {
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, e.Term)
	}
	fd.Close()
	found := 0
	for _, m := range all {
		for _, h := range all {
			cks, err := ix.Compounds(ctx, []string{m}, []string{h}, 4)
			if err != nil {
				t.Fatal(err)
			}
			var got, want []string
			for _, c := range cks {
				got = append(got, c.Key)
			}
			for _, k := range all {
				if _, _, ok := CompoundParts(k, []string{m}, []string{h}, 4); ok && len(m) >= 3 && len(h) >= 3 {
					want = append(want, k)
				}
			}
			slices.Sort(got)
			found += len(want)
			if !slices.Equal(got, want) {
				t.Errorf("Compounds(%q, %q) = %q, every key checked gives %q", m, h, got, want)
			}
		}
	}
	if found < 7 { // the seven compounds of the passages
		t.Errorf("only %d compounds among the keys' pairs: the check above checked little", found)
	}
}

// TestCompoundsCached checks that with a result cache Compounds gives the
// same answer from it, and reads the dictionary again once the index
// changes.
func TestCompoundsCached(t *testing.T) {
	ix, err := NewMemory(Options{ResultCache: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if err := ix.Add(ctx, []Passage{{ID: "p1", Doc: "d", Text: "Een verblijfsvergunning en de gemeenteraad."}}); err != nil {
		t.Fatal(err)
	}
	key := func(w string) string { return ix.Keys("nl", w)[0] }
	mods, heads := []string{key("verblijf"), key("gemeente")}, []string{key("vergunning"), key("raad"), key("duur")}
	keys := func() []string {
		t.Helper()
		cks, err := ix.Compounds(ctx, mods, heads, 4)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cks {
			out = append(out, c.Key)
		}
		slices.Sort(out)
		return out
	}
	want := []string{key("gemeenteraad"), key("verblijfsvergunning")}
	for i := range 2 {
		if got := keys(); !slices.Equal(got, want) {
			t.Fatalf("read %d: %q, want %q", i+1, got, want)
		}
	}
	if err := ix.Add(ctx, []Passage{{ID: "p2", Doc: "d", Text: "De verblijfsduur."}}); err != nil {
		t.Fatal(err)
	}
	want = []string{key("gemeenteraad"), key("verblijfsduur"), key("verblijfsvergunning")}
	if got := keys(); !slices.Equal(got, want) {
		t.Fatalf("after a new passage: %q, want %q", got, want)
	}
}
