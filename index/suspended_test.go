package index

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fakeSplit knows the compounds of the tests; the real splitter is
// index/decompound, which this package does not import.
func fakeSplit(w string) []string {
	return map[string][]string{
		"trainingsactiviteiten":   {"training", "activiteiten"},
		"uitvoeringsorganisaties": {"uitvoering", "organisaties"},
	}[w]
}

func TestImpliedCompounds(t *testing.T) {
	tests := []struct {
		text string
		want []Implied
	}{
		// advies- en trainingsactiviteiten: the compound at advies, marking
		// the whole construction.
		{"de advies- en trainingsactiviteiten van de missie", []Implied{{Word: "adviesactiviteiten", Start: 3, End: 35, anchor: 3}}},
		// Noord- en Centraal-Mali: the head Mali after Noord, marking Mali.
		{"het mandaatgebied (Noord- en Centraal-Mali)", []Implied{{Word: "Mali", Start: 38, End: 42, anchor: 19, delta: 1},
			{Word: "NoordMali", Start: 19, End: 42, anchor: 19, whole: true}}},
		{"publieke en private- of uitvoeringsorganisaties", []Implied{{Word: "privateorganisaties", Start: 12, End: 47, anchor: 12}}},
		{"een veroor-\ndeeld land en een gewone zin", nil},
		{"advies- en onbekendwoord", nil},
	}
	for _, tt := range tests {
		got := impliedCompounds(tt.text, fakeSplit)
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(Implied{})); diff != "" {
			t.Errorf("impliedCompounds(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestHyphenJoins(t *testing.T) {
	tests := []struct {
		text string
		want []Implied
	}{
		{"de vakantie-uitkering en lid-staten", []Implied{
			{Word: "vakantieuitkering", Start: 3, End: 21, anchor: 3, whole: true},
			{Word: "lidstaten", Start: 25, End: 35, anchor: 25, whole: true}}},
		{"woon-werk-verkeer, Noord- en Zuid-Holland", []Implied{
			{Word: "woonwerkverkeer", Start: 0, End: 17, anchor: 0, whole: true},
			{Word: "ZuidHolland", Start: 29, End: 41, anchor: 29, whole: true}}},
		{"één-op-één", []Implied{{Word: "éénopéén", Start: 0, End: 14, anchor: 0, whole: true}}},
		// Not between letters: numbers, a dash, a suspended word, an edge.
		{"2020-2021, a - b, Noord- en, -x, x-", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, hyphenJoins(tt.text), cmp.AllowUnexported(Implied{})); diff != "" {
			t.Errorf("hyphenJoins(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

type splitFunc func(string) []string

func (f splitFunc) Split(w string) []string { return f(w) }

func TestSearchImpliedCompound(t *testing.T) {
	ix, err := NewMemory(Options{Decompounder: splitFunc(fakeSplit)})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if err := ix.Add(ctx, []Passage{
		{Doc: "a", Paragraph: 1, Text: "De EU schort de advies- en trainingsactiviteiten op."},
		{Doc: "a", Paragraph: 2, Text: "Het mandaatgebied (Noord- en Centraal-Mali) blijft."},
		{Doc: "a", Paragraph: 3, Text: "Iets anders over Mali."},
	}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q    string
		want int
		mark string // the first fragment
	}{
		{"adviesactiviteiten", 1, "De EU schort de <mark>advies- en trainingsactiviteiten</mark> op."},
		{`"Noord-Mali"`, 2, "Het mandaatgebied (<mark>Noord</mark>- en Centraal-<mark>Mali</mark>) blijft."},
	} {
		pq, err := ParseQuery(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(ctx, Request{Query: pq})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Paragraph != tt.want {
			t.Errorf("%s: %d hits, want paragraph %d first", tt.q, len(res.Hits), tt.want)
			continue
		}
		if f := res.Hits[0].Fragments; len(f) == 0 || f[0] != tt.mark {
			t.Errorf("%s: fragments %q, want %q", tt.q, f, tt.mark)
		}
	}
}

// TestImpliedCompoundScoresAsWrittenOut: a passage that implies compounds
// through a suspended compound scores as the passage that writes them out.
// With the implied compounds in a field of their own, the few passages
// that had one got that field's idf and length norm: a long table with
// ARAR- en RDBZ-ambtenaren came first of 2,135 passages for ambtenaar.
func TestImpliedCompoundScoresAsWrittenOut(t *testing.T) {
	split := splitFunc(func(w string) []string {
		switch w {
		case "trainingsactiviteiten", "adviesactiviteiten":
			return []string{strings.TrimSuffix(w, "activiteiten"), "activiteiten"}
		}
		return nil
	})
	ix, err := NewMemory(Options{Decompounder: split})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	filler := " Dit is een lange regel met nog veel meer woorden over kosten, dienstreizen, tarieven en huurwaarde."
	ps := []Passage{
		{Doc: "suspended", Paragraph: 1, Text: "Ontslag van ARAR- en RDBZ-ambtenaren; advies- en trainingsactiviteiten." + filler},
		{Doc: "written", Paragraph: 1, Text: "Ontslag van ARAR-ambtenaren en RDBZ-ambtenaren; adviesactiviteiten en trainingsactiviteiten." + filler},
	}
	for i := range 20 {
		ps = append(ps, Passage{Doc: "other", Paragraph: 100 + i, Text: "De ambtenaren en hun activiteiten." + filler})
	}
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	// Words; a phrase is found too, but the exact field, which has the
	// words as written only, ranks the written-out phrase higher.
	for _, q := range []string{"ambtenaar", "activiteit", "adviesactiviteit", `"ARAR-ambtenaren"`} {
		pq, err := ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(ctx, Request{Query: pq, Limit: 30})
		if err != nil {
			t.Fatal(err)
		}
		score := map[string]float64{}
		for _, h := range res.Hits {
			score[h.Doc] = h.Score
		}
		if score["suspended"] == 0 || !strings.HasPrefix(q, `"`) && math.Abs(score["suspended"]-score["written"]) > 1e-9 {
			t.Errorf("%s: suspended %.4f, written out %.4f; want the same", q, score["suspended"], score["written"])
		}
	}
}

// TestSearchHyphenSpellings: a compound written with a hyphen and written
// as one word find each other (lidstaat: lid-staten; lid-staat:
// lidstaten), and the hyphenated word is highlighted whole.
func TestSearchHyphenSpellings(t *testing.T) {
	ix := memIndex(t, Options{Decompounder: splitFunc(func(string) []string { return nil })}, []Passage{
		{Doc: "a", Paragraph: 1, Text: "Elke lid-staat betaalt de vakantie-uitkering."},
		{Doc: "a", Paragraph: 2, Text: "De lidstaten betalen de vakantieuitkering niet."},
		{Doc: "a", Paragraph: 3, Text: "Het lid van de staat."},
	})
	ctx := context.Background()
	for _, tt := range []struct {
		q    string
		want []int
	}{
		{"lidstaat", []int{1, 2}},
		{"lid-staten", []int{1, 2}},
		{"vakantieuitkering", []int{1, 2}},
		{"vakantie-uitkering", []int{1, 2}},
		{`"lid-staat"`, []int{1}}, // quoted: as written
	} {
		pq, err := ParseQuery(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(ctx, Request{Query: pq})
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, h := range res.Hits {
			got = append(got, h.Paragraph)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: paragraphs %v, want %v", tt.q, got, tt.want)
		}
		for _, h := range res.Hits {
			if tt.q == "lidstaat" && h.Paragraph == 1 && !strings.Contains(h.Fragments[0], "<mark>lid-staat</mark>") {
				t.Errorf("lidstaat: fragment %q, want lid-staat marked whole", h.Fragments[0])
			}
		}
	}
}
