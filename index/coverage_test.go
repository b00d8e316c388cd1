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

// TestMinorFormsReorderNothing: minor alternatives (Term.Minor, a
// participle's verb forms) add their passages to the hits without
// reordering the others, and a passage with a minor form does not count
// as having the clause's word: a long passage with both query words stays
// above a short one with the other word and the minor form, which would
// outrank it by score.
func TestMinorFormsReorderNothing(t *testing.T) {
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	ps := []Passage{
		{Doc: "a", Paragraph: 1, Text: "In het voorjaar, na veel overleg tussen de betrokken partijen over de voorwaarden, de termijnen en de kosten, is de vergunning uiteindelijk toch aangevraagd bij de gemeente die erover gaat."},
		{Doc: "a", Paragraph: 2, Text: "De vergunning wordt verleend."},
		{Doc: "a", Paragraph: 3, Text: "Vergunning aanvragen."},
		{Doc: "a", Paragraph: 4, Text: "Het is gisteren aangevraagd."},
		{Doc: "a", Paragraph: 5, Text: "Een uitkering aanvragen kan ook later."},
	}
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	order := func(q *Query) []int {
		res, err := ix.Search(ctx, Request{Query: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, h := range res.Hits {
			got = append(got, h.Paragraph)
		}
		return got
	}
	without := func(ps []int, drop ...int) []int {
		var out []int
		for _, p := range ps {
			if p != drop[0] && (len(drop) < 2 || p != drop[1]) {
				out = append(out, p)
			}
		}
		return out
	}
	plain, _ := ParseQuery("aangevraagd vergunning")
	before := order(plain)
	withMinor, _ := ParseQuery("aangevraagd vergunning")
	withMinor.Clauses[0].Alts = append(withMinor.Clauses[0].Alts, Term{Text: "aanvragen", Exact: true, Minor: true, Boost: 0.15})
	after := order(withMinor)
	if len(after) != 5 || after[0] != 1 {
		t.Fatalf("hits %v, want all five with paragraph 1 (both words) first", after)
	}
	// Paragraphs 3 and 5 have the minor form: they may move; the others
	// keep their order.
	if b, a := without(before, 3, 5), without(after, 3, 5); fmt.Sprint(b) != fmt.Sprint(a) {
		t.Errorf("order without the minor form %v, with it %v: the others moved", before, after)
	}
}
