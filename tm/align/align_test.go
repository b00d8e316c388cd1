package align

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func b(nl, en []int) Bead { return Bead{NL: nl, EN: en} }

func ints(x ...int) []int { return x }

func TestAlign(t *testing.T) {
	dict := func(nl, en string) bool {
		return map[[2]string]bool{{"kat", "cat"}: true, {"slaapt", "sleeps"}: true, {"hond", "dog"}: true, {"blaft", "barks"}: true,
			{"huis", "house"}: true, {"brandt", "burns"}: true, {"vogel", "bird"}: true, {"zingt", "sings"}: true,
			{"vis", "fish"}: true, {"zwemt", "swims"}: true}[[2]string{nl, en}]
	}
	tests := []struct {
		name   string
		nl, en []string
		opt    Options
		want   []Bead
	}{
		{"both empty", nil, nil, Options{}, nil},
		{"no English", []string{"Een.", "Twee."}, nil, Options{}, []Bead{b(ints(0), nil), b(ints(1), nil)}},
		{"no Dutch", nil, []string{"One."}, Options{}, []Bead{b(nil, ints(0))}},
		{
			"one to one",
			[]string{"Dit Verdrag treedt in werking op 1 januari 1990.", "Het kan worden opgezegd.", "De Secretaris-Generaal van de Verenigde Naties is depositaris."},
			[]string{"This Treaty enters into force on 1 January 1990.", "It may be denounced.", "The Secretary-General of the United Nations is the depositary."},
			Options{},
			[]Bead{b(ints(0), ints(0)), b(ints(1), ints(1)), b(ints(2), ints(2))},
		},
		{
			"English sentence split in two",
			[]string{"Het Comité komt ten minste eenmaal per jaar bijeen en stelt zijn eigen reglement van orde vast.", "Artikel 7 is van toepassing."},
			[]string{"The Committee shall meet at least once a year.", "It shall adopt its own rules of procedure.", "Article 7 shall apply."},
			Options{},
			[]Bead{b(ints(0), ints(0, 1)), b(ints(1), ints(2))},
		},
		{
			"untranslated note on the English side",
			[]string{"Dit Protocol is van toepassing op de genetische rijkdommen van Nederland.", "Het treedt in werking in 2010."},
			[]string{"This Protocol shall apply to the genetic resources of the Netherlands.", "Treedt in werking op een nader te bepalen tijdstip volgens artikel 33 van de Wet van Nederland.", "It enters into force in 2010."},
			Options{},
			[]Bead{b(ints(0), ints(0)), b(nil, ints(1)), b(ints(1), ints(2))},
		},
		{
			"numbers decide between equal lengths",
			[]string{"De som is 12.", "De som is 34.", "De som is 56."},
			[]string{"The sum is 34.", "The sum is 56.", "The sum is 78."},
			Options{},
			[]Bead{b(ints(0), nil), b(ints(1), ints(0)), b(ints(2), ints(1)), b(nil, ints(2))},
		},
		{
			"dictionary decides between equal lengths",
			[]string{"De kat slaapt.", "De hond blaft.", "Het huis brandt.", "De vogel zingt.", "De vis zwemt."},
			[]string{"The dog barks.", "The house burns.", "The bird sings.", "The fish swims.", "The cow moos."},
			Options{Dict: dict},
			[]Bead{b(ints(0), nil), b(ints(1), ints(0)), b(ints(2), ints(1)), b(ints(3), ints(2)), b(ints(4), ints(3)), b(nil, ints(4))},
		},
		{
			"without the dictionary the same texts align one to one",
			[]string{"De kat slaapt.", "De hond blaft.", "Het huis brandt.", "De vogel zingt.", "De vis zwemt."},
			[]string{"The dog barks.", "The house burns.", "The bird sings.", "The fish swims.", "The cow moos."},
			Options{},
			[]Bead{b(ints(0), ints(0)), b(ints(1), ints(1)), b(ints(2), ints(2)), b(ints(3), ints(3)), b(ints(4), ints(4))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Align(tt.nl, tt.en, tt.opt)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Align (-want +got):\n%s", diff)
			}
			checkBeads(t, got, len(tt.nl), len(tt.en))
		})
	}
}

// TestAlignUnequal checks that very unequal sentence counts, far outside
// the initial band, still give a complete alignment.
func TestAlignUnequal(t *testing.T) {
	long := make([]string, 500)
	for i := range long {
		long[i] = "The Parties shall cooperate in good faith."
	}
	for _, tt := range []struct {
		name   string
		nl, en []string
	}{
		{"1 against 500", []string{"De Partijen werken samen."}, long},
		{"500 against 3", long, []string{"Een.", "Twee.", "Drie."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			checkBeads(t, Align(tt.nl, tt.en, Options{Band: 2}), len(tt.nl), len(tt.en))
		})
	}
}

// checkBeads checks that beads cover 0..n-1 and 0..m-1 exactly once, in
// order, with allowed shapes.
func checkBeads(t *testing.T, beads []Bead, n, m int) {
	t.Helper()
	i, j := 0, 0
	for k, bd := range beads {
		shape := [2]int{len(bd.NL), len(bd.EN)}
		ok := false
		for _, s := range beadShapes {
			ok = ok || s == shape
		}
		if !ok {
			t.Fatalf("bead %d %v: shape %d-%d not allowed", k, bd, shape[0], shape[1])
		}
		for _, x := range bd.NL {
			if x != i {
				t.Fatalf("bead %d %v: Dutch index %d, want %d", k, bd, x, i)
			}
			i++
		}
		for _, y := range bd.EN {
			if y != j {
				t.Fatalf("bead %d %v: English index %d, want %d", k, bd, y, j)
			}
			j++
		}
	}
	if i != n || j != m {
		t.Fatalf("beads cover %d Dutch and %d English sentences, want %d and %d", i, j, n, m)
	}
}

func FuzzAlign(f *testing.F) {
	f.Add("Dit Verdrag treedt in werking op 1 januari 1990.\nHet kan worden opgezegd.", "This Treaty enters into force on 1 January 1990.\nIt may be denounced.\nNote.", uint8(0))
	f.Add("", "One.", uint8(1))
	f.Add("a\nb\nc\nd\ne\nf", "x", uint8(2))
	f.Fuzz(func(t *testing.T, nlText, enText string, band uint8) {
		split := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, "\n")
		}
		nl, en := split(nlText), split(enText)
		dict := func(a, b string) bool { return a == b }
		checkBeads(t, Align(nl, en, Options{Band: int(band % 8), Dict: dict}), len(nl), len(en))
	})
}
