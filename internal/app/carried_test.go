package app

import (
	"context"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestCarriedHeadings: a heading no paragraph is under (a title set as
// the first heading, a chapter whose text is all in its articles) is
// searched with the first paragraph after it and named as what was
// found. "Beleidsregels verkeersveiligheid en parkeren", whose text is in
// "1. Parkeren" and "2. Hard rijden", was found by none of its words.
func TestCarriedHeadings(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{"wijk.md": "# Regels in Wijk\n\n## Beleidsregels verkeersveiligheid en parkeren\n\n" +
		"### 1. Parkeren\n\nParkeren op de stoep is niet toegestaan.\n\n### 2. Hard rijden\n\nWie te hard rijdt krijgt een boete.\n\n" +
		"## Hoofdstuk 2. Evenementen\n\n### Artikel 3\n\nEen straatfeest wordt vooraf gemeld.\n"})
	for _, tc := range []struct {
		q, lang string
		para    int
		heading string
	}{
		{"verkeersveiligheid", "nl", 1, "Beleidsregels verkeersveiligheid en parkeren"},
		{"evenementen", "nl", 3, "Hoofdstuk 2. Evenementen"},
		{"safety", "en", 1, "Beleidsregels verkeersveiligheid en parkeren"},
	} {
		res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: tc.q, Lang: tc.lang, Doc: "wijk", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].Paragraph != tc.para {
			t.Errorf("%s: %d hits %+v, want ¶%d", tc.q, len(res.Hits), res.Hits, tc.para)
			continue
		}
		found := false
		for _, m := range res.Hits[0].Matched {
			found = found || m.Term == tc.heading && m.Via == "heading"
		}
		if !found {
			t.Errorf("%s: matched %+v, want the heading %q", tc.q, res.Hits[0].Matched, tc.heading)
		}
	}
}

// TestCarriedByVersion: the carried headings are kept per document
// version (carriedCache), so a replaced document names its new headings,
// and a repeated question is answered from the cache, without reading
// the document again.
func TestCarriedByVersion(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{"wijk.md": "# Regels\n\n## Verkeersveiligheid\n\n### 1. Parkeren\n\nParkeren op de stoep is niet toegestaan.\n"})
	if got := a.carriedBy("wijk", 1); len(got) != 1 || got[0] != "Verkeersveiligheid" {
		t.Fatalf("carriedBy = %q, want the heading Verkeersveiligheid", got)
	}
	info, err := a.DocumentInfo("wijk")
	if err != nil {
		t.Fatal(err)
	}
	if byN, ok := a.carried.get("wijk", info.Version); !ok || len(byN[1]) != 1 {
		t.Errorf("not cached for the version: %v %v", byN, ok)
	}
	if _, _, err := a.ReplaceDocument(context.Background(), "wijk.md", []byte("# Regels\n\n## Evenementen\n\n### 1. Feesten\n\nEen straatfeest wordt vooraf gemeld.\n"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if got := a.carriedBy("wijk", 1); len(got) != 1 || got[0] != "Evenementen" {
		t.Errorf("after the replacement carriedBy = %q, want the new heading Evenementen", got)
	}
}
