package app

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestPassageSizes measures the passages the 1,423 BWB circulars are
// indexed as (docs/PERFORMANCE.md, "Passages: long tables and paragraphs
// in pieces"): their number, median, p99 and longest length in
// characters, how many exceed ingest.MaxPiece, and the rank of the first
// passage with stikstofkunstmest for the English query "nitrogen
// emissions farmers". Set TOLK_PASSAGE_SIZES=1; it fails when a passage
// is longer than ingest.MaxProse, which pieces never are.
func TestPassageSizes(t *testing.T) {
	if os.Getenv("TOLK_PASSAGE_SIZES") != "1" {
		t.Skip("set TOLK_PASSAGE_SIZES=1 to measure the circulars' passages")
	}
	a, docs := openBWB(t, 1<<30)
	var lens []int
	for _, d := range docs {
		doc, err := a.Document(a.DocID(d.ID))
		if err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		for _, p := range passages(doc) {
			lens = append(lens, len([]rune(p.Text)))
		}
	}
	slices.Sort(lens)
	over := 0
	for _, n := range lens {
		if n > 2000 {
			over++
		}
	}
	at := func(q float64) int { return lens[int(q*float64(len(lens)-1))] }
	rank := 0
	for off := 0; off < 1000 && rank == 0; off += 100 {
		res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: "nitrogen emissions farmers", Lang: "en", Limit: 100, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range res.Hits {
			if strings.Contains(strings.ToLower(h.Text), "stikstofkunstmest") {
				rank = off + i + 1
				break
			}
		}
	}
	t.Logf("%d passages: median %d, p99 %d, max %d characters, %d over 2,000; nitrogen emissions farmers: first stikstofkunstmest passage at rank %d",
		len(lens), at(0.5), at(0.99), lens[len(lens)-1], over, rank)
	if lens[len(lens)-1] > 15000 {
		t.Errorf("a passage of %d characters: want none over 15,000", lens[len(lens)-1])
	}
}
