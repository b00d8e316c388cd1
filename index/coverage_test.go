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

// TestPagingBeyondTheFirstBlock: pages beyond the first hundred hits are
// cut from the same ranking as the first, so that paging through reaches
// every passage once. Reranking the best offset+limit hits as one window
// lifted the passages with both words that scored below rank 100 onto the
// first page when a later page was asked for: on no page the user saw,
// while others came twice.
func TestPagingBeyondTheFirstBlock(t *testing.T) {
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	var ps []Passage
	for i := 1; i <= 150; i++ {
		word := []string{"Alcohol", "Rijbewijs"}[i%2]
		ps = append(ps, Passage{Doc: "a", Paragraph: i, Text: strings.Repeat(word+" in het verkeer. ", 2+i%3)})
	}
	for i := 151; i <= 180; i++ {
		// A long passage: both words once among many others score
		// below the short ones that say alcohol again and again.
		ps = append(ps, Passage{Doc: "b", Paragraph: i, Text: "Het rijbewijs en de alcohol. " + strings.Repeat("Een lange zin over van alles en nog wat, verder niets bijzonders. ", 40)})
	}
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	q, _ := ParseQuery("rijbewijs alcohol")
	best, err := ix.Search(ctx, Request{Query: q, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if n := best.Hits[len(best.Hits)-1].Paragraph; n > 150 {
		t.Fatalf("the set-up does not put the passages with both words below the first hundred by score (the 100th is %d)", n)
	}
	for _, limit := range []int{7, 50, 100, 1} {
		seen := map[int]bool{}
		var order []int
		for off := 0; off < 180; off += limit {
			res, err := ix.Search(ctx, Request{Query: q, Limit: limit, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				if seen[h.Paragraph] {
					t.Errorf("limit %d: paragraph %d on two pages", limit, h.Paragraph)
				}
				seen[h.Paragraph] = true
				order = append(order, h.Paragraph)
			}
		}
		if len(seen) != 180 {
			t.Errorf("limit %d: paging reached %d passages, want 180", limit, len(seen))
		}
		one, err := ix.Search(ctx, Request{Query: q, Limit: 180})
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range one.Hits {
			if i < len(order) && order[i] != h.Paragraph {
				t.Errorf("limit %d: place %d is paragraph %d paging, %d in one page", limit, i, order[i], h.Paragraph)
				break
			}
		}
	}
}
