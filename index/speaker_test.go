package index

import (
	"context"
	"testing"
)

// TestSpeakerLabel: a speaking turn's label (Passage.Speaker) is found as
// a heading is, not as a word of the turn's text: the shortest turn of a
// speaker scores as their longest does (with the label in the text,
// BM25's length norm put "Ja." first), a passage that names the speaker
// in its text comes before both, and the stored text keeps the label.
// Both searches, with the analyzers (Add) and with Prepare (AddPrepared).
func TestSpeakerLabel(t *testing.T) {
	ps := []Passage{
		{Doc: "h", Paragraph: 1, Text: "Minister De Jonge: Ik zie uiteraard reikhalzend uit naar die motie over de zorg en naar het debat dat volgt.", Speaker: "Minister De Jonge"},
		{Doc: "h", Paragraph: 2, Text: "De voorzitter: Het woord is aan minister De Jonge voor zijn antwoord in eerste termijn.", Speaker: "De voorzitter"},
		{Doc: "h", Paragraph: 3, Text: "Minister De Jonge: Ja.", Speaker: "Minister De Jonge"},
	}
	for _, bulk := range []bool{false, true} {
		ix, err := NewMemory(Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		if bulk {
			err = ix.AddPrepared(context.Background(), ix.Prepare(ps))
		} else {
			err = ix.Add(context.Background(), ps)
		}
		if err != nil {
			t.Fatal(err)
		}
		q, _ := ParseQuery("Jonge")
		res, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		wres := searchW(t, ix, WeightedRequest{Concepts: []Concept{word("jonge")}})
		for name, r := range map[string]*Result{"Search": res, "SearchWeighted": wres} {
			if len(r.Hits) != 3 {
				t.Fatalf("bulk %t, %s: %d hits, want 3", bulk, name, len(r.Hits))
			}
			score := map[int]float64{}
			for _, h := range r.Hits {
				score[h.Paragraph] = h.Score
				if h.Paragraph == 3 && h.Text != ps[2].Text {
					t.Errorf("bulk %t, %s: text %q, want %q", bulk, name, h.Text, ps[2].Text)
				}
			}
			if r.Hits[0].Paragraph != 2 {
				t.Errorf("bulk %t, %s: first hit %q, want the passage naming the speaker", bulk, name, r.Hits[0].Text)
			}
			if score[1] != score[3] {
				t.Errorf("bulk %t, %s: the speaker's long turn scores %g, the one-word turn %g; want the same", bulk, name, score[1], score[3])
			}
		}
	}
}
