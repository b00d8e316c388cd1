package index

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDocsWith: the documents with a passage holding a key (in the text
// or the heading), a word of the exact field (a stop word), or a word a
// token joins to others across punctuation, which the stemmed field has
// no key of (S.A.M. Kaag, www.rijksoverheid.nl: UAX #29 keeps the
// letters around a full stop together).
func TestDocsWith(t *testing.T) {
	ctx := context.Background()
	ix, err := NewMemory(Options{Decompounder: splitter()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ps := []Passage{
		{ID: "a#1", Doc: "a", Paragraph: 1, Text: "De staatsgrepen in Mali, indien nodig."},
		{ID: "a#2", Doc: "a", Paragraph: 2, Section: "2. Verkiezingen", Text: "Zie www.rijksoverheid.nl voor meer."},
		{ID: "b#1", Doc: "b", Paragraph: 1, Text: "Minister S.A.M. Kaag schreef de brief."},
		{ID: "c#1", Doc: "c", Paragraph: 1, Text: "Het regent."},
	}
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		term DocTerm
		want []string
	}{
		{"key of an inflected form", DocTerm{Term: Key("nl", "staatsgreep")}, []string{"a"}},
		{"key in a heading", DocTerm{Term: Key("nl", "verkiezing")}, []string{"a"}},
		{"stop word in the exact field", DocTerm{Term: "indien", Exact: true}, []string{"a"}},
		{"stop word not in the stemmed field", DocTerm{Term: Key("nl", "indien")}, nil},
		{"word joined by full stops", DocTerm{Term: Key("nl", "kaag")}, []string{"b"}},
		{"letter joined by full stops", DocTerm{Term: Key("nl", "a")}, []string{"b"}},
		{"word of a web address", DocTerm{Term: Key("nl", "rijksoverheid")}, []string{"a"}},
		{"another stop word", DocTerm{Term: "het", Exact: true}, []string{"c"}},
		{"nowhere", DocTerm{Term: Key("nl", "sneeuw")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ix.DocsWith(ctx, []DocTerm{tc.term})
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got[0])
			if d := cmp.Diff(tc.want, got[0]); d != "" {
				t.Errorf("DocsWith(%+v) (-want +got):\n%s", tc.term, d)
			}
		})
	}
}
