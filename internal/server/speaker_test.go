package server

import (
	"context"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/app"
)

// TestSpeakerQueryTurnsByLength: in the proceedings every speaking turn
// begins with its speaker ("Minister De Jonge: Ja."). With the label among
// the turn's words, a search for a speaker found every turn of theirs
// through it, and BM25's length norm put the shortest, which say nothing,
// first: "Minister Ollongren: Ja." for minister, "Minister De Jonge: Ja."
// for De Jonge, "De heer Koerhuis (VVD): Dank u wel." second for Koerhuis.
// The label is now a heading of the turn (index.Passage.Speaker): a short
// turn found only through its speaker no longer comes before the passages
// that say the name in their text. It may still come later, with the
// speaker's other turns, and says it was found as the speaker.
func TestSpeakerQueryTurnsByLength(t *testing.T) {
	a := debateApp(t)
	for _, tt := range []struct{ q, word string }{
		{"De Jonge", "jonge"},
		{"minister De Jonge", "jonge"},
		{"minister", "minister"},
		{"Ollongren", "ollongren"},
		{"Koerhuis", "koerhuis"},
	} {
		for _, lang := range []string{"nl", "en"} {
			t.Run(tt.q+"/"+lang, func(t *testing.T) {
				res, err := a.BilingualSearch(context.Background(), app.SearchRequest{Q: tt.q, Lang: lang, Limit: 3})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Hits) == 0 {
					t.Fatal("no hits")
				}
				for i, h := range res.Hits {
					label, body, ok := strings.Cut(h.Text, ": ")
					if !ok || !strings.Contains(strings.ToLower(label), tt.word) || strings.Contains(strings.ToLower(body), tt.word) {
						continue
					}
					if n := len(strings.Fields(body)); n < 6 {
						t.Errorf("hit %d is a turn of %d words found through its speaker only: %q", i+1, n, h.Text)
					}
				}
			})
		}
	}
	// Such a turn says why it was found: its speaker.
	res, err := a.BilingualSearch(context.Background(), app.SearchRequest{Q: "Ollongren", Lang: "nl", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.Text != "Minister Ollongren: Ja." {
			continue
		}
		if len(h.Matched) != 1 || h.Matched[0].Via != "speaker" || h.Matched[0].Term != "Minister Ollongren" {
			t.Errorf("%q matched %+v, want Minister Ollongren via speaker", h.Text, h.Matched)
		}
		return
	}
	t.Errorf("Ollongren: no hit %q among %d", "Minister Ollongren: Ja.", len(res.Hits))
}
