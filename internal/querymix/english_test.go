package querymix

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

func TestEnglish(t *testing.T) {
	const tsv = "en\tnl\tcount\texample_doc\n" +
		"Definitions\tBegripsomschrijvingen\t160\tX\n" +
		"Entry into force.\tInwerkingtreding\t135\tX\n" +
		"Entry into Force\tInwerkingtreding\t57\tX\n" +
		"Article 5 bis\tArtikel 5 bis\t3\tX\n" +
		"Taxes covered by this Convention\tBelastingen\t3\tX\n" +
		"Settlement of disputes\tGeschillen\t9\tX\n"
	for _, tc := range []struct {
		name string
		n    int
		want []string
	}{
		{"all", 10, []string{"Definitions", "Entry into force", "Settlement of disputes"}},
		{"two", 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := English(strings.NewReader(tsv), tc.n, DefaultSeed)
			if err != nil {
				t.Fatal(err)
			}
			again, err := English(strings.NewReader(tsv), tc.n, DefaultSeed)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, again); diff != "" {
				t.Fatalf("not deterministic (-first +second):\n%s", diff)
			}
			if len(got) != min(tc.n, 3) {
				t.Fatalf("got %d queries %q, want %d", len(got), got, min(tc.n, 3))
			}
			if tc.want != nil {
				sorted := map[string]bool{}
				for _, q := range got {
					sorted[q] = true
				}
				for _, w := range tc.want {
					if !sorted[w] {
						t.Errorf("missing %q in %q", w, got)
					}
				}
			}
		})
	}
	if _, err := English(strings.NewReader("en nl\nno tab here\n"), 5, 1); err == nil {
		t.Error("a line without a tab was accepted")
	}
}

func TestEnglishTreaties(t *testing.T) {
	r := sharedtest.Open(t, "data", "bwb-treaties-nl-en", "treaty-article-headings-nl-en.tsv.gz")
	got, err := English(r, 200, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 200 {
		t.Fatalf("%d queries, want 200", len(got))
	}
	seen := map[string]bool{}
	for _, q := range got {
		if k := strings.ToLower(q); seen[k] {
			t.Errorf("%q twice", q)
		} else {
			seen[k] = true
		}
	}
	t.Logf("first queries: %q", got[:10])
}
