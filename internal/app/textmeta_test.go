package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/bench"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestBWBMarkdownMeta: BWB circulars and policy rules written out as
// Markdown (tolkbench md) and ingested are found by the type filter and
// ordered by their signing dates. Before, Markdown documents had no type
// and no date: type=circulaire found none of them and sort=date put them
// last.
func TestBWBMarkdownMeta(t *testing.T) {
	dir := t.TempDir()
	lines := []map[string]string{
		{"id": "BWBR0000001", "category": "circulaire", "text": "##Spaarloon\n\nBij circulaire van 28 november 1997 deelde ik u mede dat de spaarloonregeling bleef.\n\n's-Gravenhage, 3 februari 2003\n\nDe Minister van Binnenlandse Zaken,\n\nJ.W. Remkes\n"},
		{"id": "BWBR0000002", "category": "beleidsregel", "text": "##Spaarloon en effecten\n\nDe spaarloonregeling geldt ook voor effecten.\n\nDen Haag 5 juli 2010\n\nDe minister van Financiën, J.C. de Jager.\n"},
		{"id": "BWBR0000003", "category": "circulaire-BES", "text": "##Spaarloon BES\n\nDe spaarloonregeling geldt niet op Bonaire.\n\nDen Haag 1 maart 2012\n\nDe Staatssecretaris van Financiën, F.H.H. Weekers.\n"},
	}
	var src strings.Builder
	for _, l := range lines {
		b, _ := json.Marshal(l)
		src.Write(append(b, '\n'))
	}
	in := filepath.Join(dir, "bwb.jsonl")
	if err := os.WriteFile(in, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	md := filepath.Join(dir, "md")
	if _, err := bench.WriteJSONL(in, md, nil); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a, err := Open(ctx, Config{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, l := range lines {
		raw, err := os.ReadFile(filepath.Join(md, l["id"]+".md"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.AddDocument(ctx, l["id"]+".md", raw, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	search := func(r SearchRequest) []string {
		t.Helper()
		r.Q, r.Lang, r.Limit = "spaarloonregeling", "nl", 50
		res, err := a.BilingualSearch(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		var docs []string
		for _, h := range res.Hits {
			if len(docs) == 0 || docs[len(docs)-1] != h.Doc {
				docs = append(docs, h.Doc)
			}
		}
		return docs
	}
	if got := search(SearchRequest{Filter: DocFilter{Type: "circulaire"}}); strings.Join(got, " ") != "bwbr0000001 bwbr0000003" && strings.Join(got, " ") != "bwbr0000003 bwbr0000001" {
		t.Errorf("type=circulaire: %v, want the two circulars", got)
	}
	if got := search(SearchRequest{Filter: DocFilter{Type: "beleidsregel"}}); strings.Join(got, " ") != "bwbr0000002" {
		t.Errorf("type=beleidsregel: %v, want the policy rule", got)
	}
	if got := search(SearchRequest{Sort: "date"}); strings.Join(got, " ") != "bwbr0000003 bwbr0000002 bwbr0000001" {
		t.Errorf("sort=date: %v, want newest first (2012, 2010, 2003)", got)
	}
	if got := search(SearchRequest{Filter: DocFilter{From: "2010"}}); len(got) != 2 {
		t.Errorf("from 2010: %v, want the documents of 2010 and 2012", got)
	}
}
