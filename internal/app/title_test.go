package app

import (
	"context"
	"slices"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestTitleWordsSearchable checks that a document's own title, which is
// not part of its text (a Markdown "# Title", a title given on upload),
// finds the document by its words, on its first passage and explained as
// found in the title; and that a title tolk derived from the text, or a
// heading taken as the title, adds nothing to the index.
func TestTitleWordsSearchable(t *testing.T) {
	a := openShipped(t)
	ctx := context.Background()
	addTexts(t, a, map[string]string{
		"spaarloon.md": "# Aankoop effecten met spaarloon\n\nDe regeling wordt op dit punt aangepast.\n\nDe banken voeren haar uit.",
	})
	if _, err := a.AddDocument(ctx, "verlof.txt", []byte("De regeling gaat in op 1 januari."), ingest.Options{Title: "Circulaire zorgverlof"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ q, doc, title string }{
		{"spaarloon", "spaarloon", "Aankoop effecten met spaarloon"},
		{"zorgverlof", "verlof", "Circulaire zorgverlof"},
	} {
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: tc.q, Lang: "nl"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].Doc != tc.doc || res.Hits[0].Paragraph != 1 {
			t.Fatalf("%s: hits %+v, want %s's first passage alone", tc.q, res.Hits, tc.doc)
		}
		if m := res.Hits[0].Matched; !slices.ContainsFunc(m, func(x Matched) bool { return x.Via == "title" && x.Term == tc.title }) {
			t.Errorf("%s: matched %+v, want the title via title", tc.q, m)
		}
	}
	// The Mali letter's title is derived from its first sentence
	// ("Kamerbrief over de staatsgreep in Mali"): Kamerbrief is not in
	// its text and finds nothing there.
	res, err := a.BilingualSearch(ctx, SearchRequest{Q: "kamerbrief", Lang: "nl", Doc: "kamerbrief-mali-2020"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(hitDocs(res), "kamerbrief-mali-2020") {
		t.Errorf("kamerbrief found the letter through its derived title: %v", hitDocs(res))
	}
}
