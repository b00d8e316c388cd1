package index

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// normText compares texts as ../shared/eval/score.py does: NFKD, marks
// removed, apostrophes unified, soft hyphens and highlight markup removed,
// whitespace collapsed, lower case.
func normText(s string) string {
	s = norm.NFKD.String(s)
	s = Fold(s) // marks, apostrophes, soft hyphens, case
	s = markupRE.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}

var markupRE = regexp.MustCompile(`<[^>]+>`)

func containsPhrase(text, phrase string) bool {
	return strings.Contains(normText(text), normText(phrase))
}

func TestRelevanceRegressions(t *testing.T) {
	var cases struct {
		Cases []struct {
			Q      string   `json:"q"`
			First  string   `json:"first"`
			Top    []string `json:"top"`
			Within int      `json:"within"`
			Absent []string `json:"absent"`
			Total  *int     `json:"total"`
			Marks  []string `json:"marks"`
			Order  []string `json:"order"`
		} `json:"cases"`
	}
	b, err := os.ReadFile(filepath.Join("testdata", "queries.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	ix := letterIndex(t, Options{})
	for _, c := range cases.Cases {
		t.Run(c.Q, func(t *testing.T) {
			res := searchQ(t, ix, c.Q, 50)
			if c.Total != nil && res.Total != uint64(*c.Total) {
				t.Errorf("total = %d, want %d", res.Total, *c.Total)
			}
			if c.First != "" && (len(res.Hits) == 0 || !containsPhrase(res.Hits[0].Text, c.First)) {
				t.Errorf("first hit does not contain %q; hits: %s", c.First, hitTexts(res))
			}
			within := c.Within
			if within == 0 {
				within = 10
			}
			for _, p := range c.Top {
				found := false
				for i, h := range res.Hits {
					if i < within && containsPhrase(h.Text, p) {
						found = true
					}
				}
				if !found {
					t.Errorf("%q not in the first %d hits: %s", p, within, hitTexts(res))
				}
			}
			for _, p := range c.Absent {
				for _, h := range res.Hits {
					if containsPhrase(h.Text, p) {
						t.Errorf("hit contains excluded %q: %.100s", p, h.Text)
					}
				}
			}
			last := -1
			for _, p := range c.Order {
				rank := -1
				for i, h := range res.Hits {
					if containsPhrase(h.Text, p) {
						rank = i
						break
					}
				}
				if rank <= last {
					t.Errorf("%q ranks %d, want after rank %d of the phrase before it%s", p, rank, last, hitTexts(res))
				}
				last = rank
			}
			for _, m := range c.Marks {
				if len(res.Hits) == 0 || !strings.Contains(strings.Join(res.Hits[0].Fragments, " "), "<mark>"+m+"</mark>") {
					t.Errorf("first hit's fragments do not mark %q: %q", m, firstFragments(res))
				}
			}
		})
	}
}

func hitTexts(res *Result) string {
	var b strings.Builder
	for i, h := range res.Hits {
		if i == 5 {
			break
		}
		b.WriteString("\n  " + h.Text[:min(len(h.Text), 90)])
	}
	return b.String()
}

func firstFragments(res *Result) []string {
	if len(res.Hits) == 0 {
		return nil
	}
	return res.Hits[0].Fragments
}

// TestEvalDutch scores the Dutch queries of ../shared/eval of the kinds
// this package handles alone (literal, morphology, diacritics,
// dehyphenation, negative; compound, typo and cross-lingual queries need
// the later layers) as eval/README.md describes, and prints the figures.
func TestEvalDutch(t *testing.T) {
	dir := sharedDir(t, "eval")
	b, err := os.ReadFile(filepath.Join(dir, "mali-dev-queries.json"))
	if err != nil {
		t.Fatal(err)
	}
	var qs struct {
		Queries []struct {
			ID, Q, Lang, Kind string
			Rel               [][]string
		}
	}
	if err := json.Unmarshal(b, &qs); err != nil {
		t.Fatal(err)
	}
	ix := letterIndex(t, Options{})
	var rrSum, recSum float64
	n, negN, negHits := 0, 0, 0
	for _, q := range qs.Queries {
		if q.Lang != "nl" || strings.Contains(q.Kind, "compound") || strings.Contains(q.Kind, "typo") || strings.Contains(q.Kind, "crosslingual") {
			continue
		}
		res := searchQ(t, ix, q.Q, 10)
		if len(q.Rel) == 0 {
			negN++
			negHits += len(res.Hits)
			if len(res.Hits) > 0 {
				t.Errorf("%s %q: negative query returned %d hits", q.ID, q.Q, len(res.Hits))
			}
			continue
		}
		first, found := 0, 0
		for _, keys := range q.Rel {
			for i, h := range res.Hits {
				if slicesContainsFunc(keys, func(k string) bool { return containsPhrase(h.Text, k) }) {
					found++
					if first == 0 || i+1 < first {
						first = i + 1
					}
					break
				}
			}
		}
		rr := 0.0
		if first > 0 {
			rr = 1 / float64(first)
		}
		rec := float64(found) / float64(len(q.Rel))
		rrSum += rr
		recSum += rec
		n++
		if rr < 1 || rec < 1 {
			t.Errorf("%s %q (%s): rr %.2f recall %.2f%s", q.ID, q.Q, q.Kind, rr, rec, hitTexts(res))
		}
	}
	t.Logf("Dutch queries (literal, morphology, diacritics, dehyphenation; n=%d): MRR@10 %.3f recall@10 %.3f; negative queries %d, mean hits %.1f",
		n, rrSum/float64(n), recSum/float64(n), negN, float64(negHits)/float64(max(negN, 1)))
}

func slicesContainsFunc(s []string, f func(string) bool) bool {
	for _, x := range s {
		if f(x) {
			return true
		}
	}
	return false
}
