package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestSearchSortDate: Sort "date" orders the hits by their documents'
// dates, newest first, undated last, all of a document's hits together,
// with the same total; pages of one hit walk that order.
func TestSearchSortDate(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	kst := `<?xml version="1.0"?><officiele-publicatie><kamerstuk><dossier><dossiernummer><dossiernr>29521</dossiernr></dossiernummer></dossier>` +
		`<stuk><stuknr><ondernummer>409</ondernummer></stuknr><titel>Brief over de munt</titel><al>Den Haag, 3 februari 2020</al><al>De beeldenaar van de munt is besproken.</al><al>Een nieuwe beeldenaar komt er niet.</al></stuk></kamerstuk></officiele-publicatie>`
	for _, d := range []struct{ name, text string }{
		{"stb-2018-84.xml", stbXML}, {"kst-29521-409.xml", kst},
		{"notitie.txt", "Een notitie over de beeldenaar van de munt.\n\nDe beeldenaar, nog eens.\n"},
	} {
		if _, err := a.AddDocument(ctx, d.name, []byte(d.text), ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	rel, err := a.BilingualSearch(ctx, SearchRequest{Q: "beeldenaar", Lang: "nl", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.BilingualSearch(ctx, SearchRequest{Q: "beeldenaar", Lang: "nl", Limit: 50, Sort: "date"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != rel.Total || len(res.Hits) != len(rel.Hits) {
		t.Fatalf("by date %d hits of %d, by relevance %d of %d", len(res.Hits), res.Total, len(rel.Hits), rel.Total)
	}
	var order []string
	for _, h := range res.Hits {
		if len(order) == 0 || order[len(order)-1] != h.Doc {
			order = append(order, h.Doc)
		}
	}
	if d := cmp.Diff([]string{"kst-29521-409", "stb-2018-84", "notitie"}, order); d != "" {
		t.Errorf("documents in date order (-want +got):\n%s", d)
	}
	for i := range res.Hits {
		pg, err := a.BilingualSearch(ctx, SearchRequest{Q: "beeldenaar", Lang: "nl", Limit: 1, Offset: i, Sort: "date"})
		if err != nil {
			t.Fatal(err)
		}
		if len(pg.Hits) != 1 || pg.Hits[0].ID != res.Hits[i].ID {
			t.Errorf("page %d: %+v, want %s", i, pg.Hits, res.Hits[i].ID)
		}
	}
}

// TestEnglishFacetsAndDateOrder: an English query's facets count its best
// passages the same way on every page, and its date order reaches every
// passage its total counts, beyond the best 100 (it stopped at 100 while
// the total said 180).
func TestEnglishFacetsAndDateOrder(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for d := range 3 {
		var text strings.Builder
		for p := range 60 {
			fmt.Fprintf(&text, "Punt %d van brief %d: de sancties tegen het regime blijven %s van kracht.\n\n", p+1, d+1, strings.Repeat("nog ", p%7))
		}
		if _, err := a.AddDocument(ctx, fmt.Sprintf("brief-%d.txt", d+1), []byte(text.String()), ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	q := SearchRequest{Q: "sanctions", Lang: "en", Limit: 10}
	first, err := a.BilingualSearch(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if first.Total < 150 {
		t.Fatalf("sanctions: %d passages, want the 180 that say sancties", first.Total)
	}
	q.Offset = 120
	later, err := a.BilingualSearch(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(first.Facets, later.Facets); d != "" {
		t.Errorf("facets at offset 0 and 120 differ (-0 +120):\n%s", d)
	}
	seen := map[string]bool{}
	for off := 0; ; off += 50 {
		pg, err := a.BilingualSearch(ctx, SearchRequest{Q: "sanctions", Lang: "en", Limit: 50, Offset: off, Sort: "date"})
		if err != nil {
			t.Fatal(err)
		}
		if pg.Total != first.Total {
			t.Fatalf("by date: total %d, by relevance %d", pg.Total, first.Total)
		}
		if len(pg.Hits) == 0 {
			break
		}
		for _, h := range pg.Hits {
			if seen[h.ID] {
				t.Errorf("by date: %s on two pages", h.ID)
			}
			seen[h.ID] = true
		}
	}
	if uint64(len(seen)) != first.Total {
		t.Errorf("by date the pages reach %d passages, the total is %d", len(seen), first.Total)
	}
}

// TestFuzzyHitsSayWhy: every hit of a fuzzy query (staatgreep~, Barkane~2)
// says which word matched, via fuzzy; matched was empty.
func TestFuzzyHitsSayWhy(t *testing.T) {
	ctx := context.Background()
	a := openShipped(t)
	for _, q := range []string{"staatgreep~", "Barkane~2"} {
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: q, Lang: "nl", Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Fatalf("%s: no hits", q)
		}
		for _, h := range res.Hits {
			ok := false
			for _, m := range h.Matched {
				ok = ok || m.Via == "fuzzy" && m.Query == q && m.Term != ""
			}
			if !ok && !slices.ContainsFunc(h.Matched, func(m Matched) bool { return m.Via == "heading" }) {
				t.Errorf("%s: hit %.60q matched %+v, want the word via fuzzy", q, h.Text, h.Matched)
			}
		}
	}
}
