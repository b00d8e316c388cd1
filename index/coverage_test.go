package index

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestMoreWordsRankFirst: a passage with every query word outranks one
// that repeats a single word many times, also across pages.
func TestMoreWordsRankFirst(t *testing.T) {
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	var ps []Passage
	for i := 1; i <= 30; i++ {
		ps = append(ps, Passage{Doc: "a", Paragraph: i, Text: strings.Repeat("De voorwaarden en nog eens voorwaarden. ", 1+i%4)})
	}
	ps = append(ps, Passage{Doc: "a", Paragraph: 31, Text: "Een lange alinea over van alles en nog wat, waarin tussen veel andere woorden één keer de voorwaarden voor een subsidie staan, en verder niets bijzonders."})
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	q, _ := ParseQuery("voorwaarden subsidie")
	res, err := ix.Search(ctx, Request{Query: q, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 5 || res.Hits[0].Paragraph != 31 {
		t.Fatalf("first hit paragraph %d of %d hits, want 31", res.Hits[0].Paragraph, len(res.Hits))
	}
	if !strings.Contains(strings.Join(res.Hits[0].Fragments, " "), "<mark>subsidie</mark>") {
		t.Errorf("the reranked hit lost its highlights: %q", res.Hits[0].Fragments)
	}
	// Paging walks the same order without repeats.
	seen := map[string]bool{}
	for off := 0; off < 31; off += 7 {
		res, err := ix.Search(ctx, Request{Query: q, Limit: 7, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			id := fmt.Sprint(h.Paragraph)
			if seen[id] {
				t.Errorf("paragraph %s on two pages", id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 31 {
		t.Errorf("paging saw %d passages, want 31", len(seen))
	}
}
