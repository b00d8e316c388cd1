package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestTablePieces: a long Markdown table is indexed as pieces of rows,
// each found by its own words with the table's column names in the
// heading field; the document keeps the table whole; the summary knows
// the pieces' IDs, so a deletion leaves none behind.
func TestTablePieces(t *testing.T) {
	a := openShipped(t)
	var b strings.Builder
	b.WriteString("# Normen\n\nDe normen staan in de tabel.\n\n| Gewas | Meststof | Gebruiksnorm |\n|---|---|---|\n")
	for i := range 80 {
		crop := fmt.Sprintf("gewas%d", i)
		if i == 70 {
			crop = "suikerbieten"
		}
		fmt.Fprintf(&b, "| %s | dierlijke mest en kunstmest | %d kilogram stikstof per hectare |\n", crop, 100+i)
	}
	addTexts(t, a, map[string]string{"normen.md": b.String()})
	ctx := context.Background()
	d, err := a.Document("normen")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Paragraphs) != 2 || !strings.Contains(d.Paragraphs[1].Text, "suikerbieten") {
		t.Fatalf("the document does not keep the table as one paragraph: %d paragraphs", len(d.Paragraphs))
	}
	ps := passages(d)
	if len(ps) < 5 {
		t.Fatalf("%d passages, want the table in pieces", len(ps))
	}
	info, err := a.DocumentInfo("normen")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
		if p.Text != d.Text[p.Start:p.End] {
			t.Errorf("%s: text is not the document's [%d:%d]", p.ID, p.Start, p.End)
		}
		if len(p.Text) > 2000 {
			t.Errorf("%s: %d bytes", p.ID, len(p.Text))
		}
	}
	if got := passageIDs(info); !slices.Equal(got, ids) {
		t.Errorf("passageIDs = %q, want the IDs passages gives: %q", got, ids)
	}
	if info.Passages() != len(ps) {
		t.Errorf("Passages() = %d, want %d", info.Passages(), len(ps))
	}
	for _, q := range []string{"suikerbieten", "gebruiksnorm suikerbieten"} {
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: q, Lang: "nl", Doc: "normen", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Paragraph != 2 || !strings.Contains(res.Hits[0].ID, "#2.") ||
			!strings.Contains(res.Hits[0].Text, "suikerbieten") || len(res.Hits[0].Text) > 2000 {
			t.Errorf("%q: hits %+v, want a later piece of the table", q, res.Hits)
		}
	}
	if err := a.DeleteDocument(ctx, "normen"); err != nil {
		t.Fatal(err)
	}
	left, err := a.idx.PassageIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range left {
		if strings.HasPrefix(id, "normen@") {
			t.Errorf("%s left in the index after the deletion", id)
		}
	}
}
