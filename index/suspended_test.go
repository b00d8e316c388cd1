package index

import (
	"context"
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
		want []string
	}{
		{"de advies- en trainingsactiviteiten van de missie", []string{"adviesactiviteiten"}},
		{"het mandaatgebied (Noord- en Centraal-Mali)", []string{"Noord-Mali"}},
		{"publieke en private- of uitvoeringsorganisaties", []string{"privateorganisaties"}},
		{"een veroor-\ndeeld land en een gewone zin", nil},
		{"advies- en onbekendwoord", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, impliedCompounds(tt.text, fakeSplit)); diff != "" {
			t.Errorf("impliedCompounds(%q) (-want +got):\n%s", tt.text, diff)
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
	for q, want := range map[string]int{"adviesactiviteiten": 1, `"Noord-Mali"`: 2} {
		pq, err := ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(ctx, Request{Query: pq})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Paragraph != want {
			t.Errorf("%s: %d hits, want paragraph %d first", q, len(res.Hits), want)
		}
	}
}
