package app

import (
	"context"
	"testing"
)

// TestEnglishHeadingHitsSayWhy: a passage an English query finds through
// its section heading alone says so (via heading, the heading as the
// term); its matched was empty, for 160 of 179 hits of tax on a new user's
// corpus.
func TestEnglishHeadingHitsSayWhy(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{"bel.md": "# Regeling\n\n## De belasting van inkomen\n\nDe regels gelden voor iedereen.\n\nNog een alinea zonder het woord.\n"})
	res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: "tax", Lang: "en", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, h := range res.Hits {
		if h.Doc != "bel" {
			continue
		}
		n++
		if len(h.Matched) != 1 || h.Matched[0].Via != "heading" || h.Matched[0].Term != "De belasting van inkomen" || h.Matched[0].Query != "tax" {
			t.Errorf("%q: matched %+v, want tax via the heading", h.Text, h.Matched)
		}
	}
	if n != 2 {
		t.Errorf("%d hits in the document, want its 2 passages under the heading", n)
	}
}
