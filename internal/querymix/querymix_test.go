package querymix

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

func TestDutchShape(t *testing.T) {
	docs := []Doc{
		{"a", "De minister van Financiën stelt de subsidie voor gemeenten vast. Gemeenten vragen subsidie aan."},
		{"b", "Bij circulaire deelde ik u mede dat de regeling voor gemeenten wijzigt per januari."},
		{"c", "Een beleidsregel over de aanvraag van een vergunning voor een evenement in de gemeente."},
	}
	for _, tc := range []struct {
		name string
		seed uint64
	}{{"seed 1", 1}, {"seed 2", 2}, {"default", DefaultSeed}} {
		t.Run(tc.name, func(t *testing.T) {
			got := Dutch(docs, 10, tc.seed)
			if diff := cmp.Diff(got, Dutch(docs, 10, tc.seed)); diff != "" {
				t.Fatalf("not deterministic (-first +second):\n%s", diff)
			}
			text := strings.ToLower(docs[0].Text + " " + docs[1].Text + " " + docs[2].Text)
			seen := map[string]bool{}
			for i, q := range got {
				if seen[q] {
					t.Errorf("query %q drawn twice", q)
				}
				seen[q] = true
				ws := strings.Fields(q)
				want := 1
				switch k := i % 10; {
				case k >= 8:
					want = 3
				case k >= 5:
					want = 2
				}
				if len(ws) != want {
					t.Errorf("query %d %q: %d words, want %d", i, q, len(ws), want)
				}
				for _, w := range ws {
					if !content(w) || !strings.Contains(text, w) {
						t.Errorf("query %q: %q is not a content word of the corpus", q, w)
					}
				}
				if want == 2 && !strings.Contains(text, q) {
					t.Errorf("pair %q does not stand in the corpus", q)
				}
			}
		})
	}
}

func TestDutchBWB(t *testing.T) {
	docs, err := ReadJSONL(sharedtest.Open(t, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	qs := Dutch(docs, 200, DefaultSeed)
	if len(qs) != 200 {
		t.Fatalf("%d queries, want 200", len(qs))
	}
	t.Logf("first queries: %q", qs[:20])
}
