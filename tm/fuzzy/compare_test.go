package fuzzy

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScore(t *testing.T) {
	// A sentence of 20 words and punctuation, as in the package comment.
	const base = "De Partijen nemen alle passende maatregelen om de bepalingen van dit Verdrag uiterlijk op 1 januari 2020 uit te voeren."
	nl := KeyFor("nl")
	tests := []struct {
		name  string
		other string
		want  int
		diffs []string // kind:text on the other side
	}{
		{"identical", base, 100, nil},
		{"spacing only", "De  Partijen nemen alle passende maatregelen om de bepalingen van dit Verdrag uiterlijk op 1 januari 2020 uit te voeren .", 100, nil},
		{"case", "De partijen nemen alle passende maatregelen om de bepalingen van dit Verdrag uiterlijk op 1 januari 2020 uit te voeren.", 99, []string{"case:partijen"}},
		{"number", "De Partijen nemen alle passende maatregelen om de bepalingen van dit Verdrag uiterlijk op 1 januari 2021 uit te voeren.", 98, []string{"number:2021"}},
		{"inflection", "De Partijen nemen alle passende maatregelen om de bepaling van dit Verdrag uiterlijk op 1 januari 2020 uit te voeren.", 97, []string{"inflection:bepaling"}},
		{"punctuation", "De Partijen nemen alle passende maatregelen om de bepalingen van dit Verdrag uiterlijk op 1 januari 2020 uit te voeren!", 98, []string{"punctuation:!"}},
		{"one word changed", "De Partijen nemen alle nodige maatregelen om de bepalingen van dit Verdrag uiterlijk op 1 januari 2020 uit te voeren.", 95, []string{"changed:nodige"}},
		{"one word added", "De Partijen nemen alle passende maatregelen om de bepalingen van dit Verdrag uiterlijk op 1 januari 2020 en tijdig uit te voeren.", 90, []string{"extra:en", "extra:tijdig"}},
		{"one word dropped", "De Partijen nemen alle maatregelen om de bepalingen van dit Verdrag uiterlijk op 1 januari 2020 uit te voeren.", 95, nil},
		{"unrelated", "Dit Protocol treedt in werking op de dertigste dag na de datum van nederlegging.", 5, nil},
	}
	a := Tokenize(base, nl)
	if got := words(a); got != 20 {
		t.Fatalf("base has %d words, the cases assume 20", got)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Tokenize(tt.other, nl)
			got, da, db := Score(a, b)
			if got != tt.want {
				t.Errorf("score %d, want %d", got, tt.want)
			}
			if tt.diffs != nil {
				var gotDiffs []string
				for _, d := range db {
					gotDiffs = append(gotDiffs, d.Kind+":"+tt.other[d.Start:d.End])
				}
				if diff := cmp.Diff(tt.diffs, gotDiffs); diff != "" {
					t.Errorf("diffs on the other side (-want +got):\n%s", diff)
				}
				if len(da) != len(db) && tt.name != "one word added" {
					t.Errorf("%d diffs on the query side, %d on the other", len(da), len(db))
				}
			}
			// Symmetric: the distance does not depend on the direction.
			if back, _, _ := Score(b, a); back != got {
				t.Errorf("reverse score %d, forward %d", back, got)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	got := []string{}
	for _, tok := range Tokenize("Art. 2a, lid 1.000,50 EU-lidstaten (’s-Gravenhage) 3.", nil) {
		got = append(got, fmt.Sprintf("%d:%s", tok.Kind, tok.Text))
	}
	want := []string{"0:Art", "2:.", "0:2a", "2:,", "0:lid", "1:1.000,50", "0:EU-lidstaten", "2:(", "2:’", "0:s-Gravenhage", "2:)", "1:3", "2:."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}

// TestMatchExact checks the index against a scan that scores every text:
// the index must return the same matches.
func TestMatchExact(t *testing.T) {
	texts := []string{
		"Dit Verdrag treedt in werking op de eerste dag van de tweede maand.",
		"Dit Verdrag treedt in werking op de eerste dag van de derde maand.",
		"Dit Protocol treedt in werking op de eerste dag van de tweede maand.",
		"Dit verdrag treedt in werking op de eerste dag van de tweede maand",
		"Het Verdrag treedt in werking op de dertigste dag na de nederlegging.",
		"Elke Partij kan dit Verdrag opzeggen.",
		"De Partijen plegen overleg over de uitvoering van dit Verdrag.",
		"Dit Verdrag treedt in werking op de eerste dag van de tweede maand na ontvangst van de laatste kennisgeving.",
	}
	x := New(KeyFor("nl"))
	for i, s := range texts {
		x.Put(Entry{ID: fmt.Sprint(i), Text: s, Collection: []string{"a", "b"}[i%2]})
	}
	x.Put(Entry{ID: "7", Text: texts[7]}) // replaced: still one entry
	if x.Len() != len(texts) {
		t.Fatalf("Len %d, want %d", x.Len(), len(texts))
	}
	queries := []Query{
		{Text: texts[0]},
		{Text: texts[0], Min: 50, Limit: 10},
		{Text: texts[0], Min: 50, Limit: 2},
		{Text: texts[0], Min: 50, Limit: 10, Collection: "b"},
		{Text: "Elke Partij kan het Verdrag opzeggen.", Min: 60},
		{Text: "Geheel iets anders, zonder gedeelde woorden.", Min: 1},
	}
	for _, q := range queries {
		t.Run(fmt.Sprintf("%s/%d/%d/%s", q.Text[:20], q.Min, q.Limit, q.Collection), func(t *testing.T) {
			got, _, err := x.Match(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			min, limit := q.Min, q.Limit
			if min == 0 {
				min = DefaultMin
			}
			if limit == 0 {
				limit = DefaultLimit
			}
			var want []Match
			qt := Tokenize(q.Text, KeyFor("nl"))
			for i, s := range texts {
				id := fmt.Sprint(i)
				coll := []string{"a", "b"}[i%2]
				if i == 7 {
					coll = ""
				}
				if q.Collection != "" && coll != q.Collection {
					continue
				}
				p, _, _ := Score(qt, Tokenize(s, KeyFor("nl")))
				if p >= min {
					want = insertMatch(want, Match{ID: id, Score: p}, limit)
				}
			}
			type idScore struct {
				ID    string
				Score int
			}
			strip := func(ms []Match) []idScore {
				out := []idScore{}
				for _, m := range ms {
					out = append(out, idScore{m.ID, m.Score})
				}
				return out
			}
			if diff := cmp.Diff(strip(want), strip(got)); diff != "" {
				t.Errorf("matches (-scan +index):\n%s", diff)
			}
		})
	}
	x.Delete("0")
	got, _, _ := x.Match(context.Background(), Query{Text: texts[0], Min: 100})
	if len(got) != 1 || got[0].ID != "3" {
		// "3" differs in case and a full stop only: 99, not 100.
		if len(got) != 0 {
			t.Errorf("after Delete: %+v, want no 100%% match", got)
		}
	}
}
