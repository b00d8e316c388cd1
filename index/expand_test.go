package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestExpansionLimits checks the bounds on prefix and fuzzy terms: a prefix
// shorter than MinPrefix and a query whose prefixes match too many words
// are refused with a *LimitError; a prefix matching more than
// MaxExpansions words is searched as the most frequent of them; fuzziness
// follows MaxEdits.
func TestExpansionLimits(t *testing.T) {
	ctx := context.Background()
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// 300 distinct words "zq000" … "zq299", one passage each, plus one
	// word that is in every passage of the second half.
	var ps []Passage
	for i := range 300 {
		text := fmt.Sprintf("zq%03d", i)
		if i >= 150 {
			text += " zqhot"
		}
		ps = append(ps, Passage{Doc: "d", Paragraph: i, Text: text})
	}
	ps = append(ps, Passage{Doc: "d", Paragraph: 300, Text: "Takuba Takubo Tokuba"})
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	search := func(q string) (*Result, error) {
		pq, err := ParseQuery(q)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", q, err)
		}
		return ix.Search(ctx, Request{Query: pq, Limit: MaxLimit})
	}
	refused := []struct{ name, q, msg string }{
		{"one letter", "z*", "at least 2 letters"},
		{"one letter among others", "zq001 z*", "at least 2 letters"},
		{"too many words in all", boosted("zq*", MaxQueryExpansions/MaxExpansions+1), "more than"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			_, err := search(tc.q)
			var le *LimitError
			if !errors.As(err, &le) || !strings.Contains(le.Msg, tc.msg) {
				t.Fatalf("Search(%q) err = %v, want a LimitError saying %q", tc.q, err, tc.msg)
			}
		})
	}
	t.Run("bounded prefix", func(t *testing.T) {
		res, err := search("zq*")
		if err != nil {
			t.Fatal(err)
		}
		// 301 words start with zq; the 200 kept are the most frequent
		// (zqhot first), so every passage with zqhot is found and at most
		// 199 of the others.
		if res.Total > MaxExpansions-1+150 || res.Total < 150 {
			t.Errorf("zq*: %d hits, want between 150 and %d", res.Total, MaxExpansions-1+150)
		}
	})
	t.Run("small prefix unchanged", func(t *testing.T) {
		res, err := search("zq00*")
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 10 {
			t.Errorf("zq00*: %d hits, want 10", res.Total)
		}
	})
	for _, tc := range []struct {
		q        string
		min, max uint64
	}{
		// 5 letters: one edit at most, so about 21 of the zq words
		// (zq00x, zq0x1, zqx01); two edits would reach over 100.
		{"zq001~2", 15, 30},
		{"Takuba~2", 1, 1}, // 6 letters: Takubo and Tokuba are one edit away, in the same passage
		{"zq0~2", 0, 0},    // 3 letters: no edits, and there is no word zq0
	} {
		t.Run(tc.q, func(t *testing.T) {
			res, err := search(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total < tc.min || res.Total > tc.max {
				t.Errorf("%s: %d hits, want %d to %d", tc.q, res.Total, tc.min, tc.max)
			}
		})
	}
	t.Run("many one-letter prefixes are cheap", func(t *testing.T) {
		var b strings.Builder
		for i := 0; b.Len() < maxQueryLen-4; i++ {
			fmt.Fprintf(&b, "%c* ", 'a'+i%26)
		}
		start := time.Now()
		_, err := search(b.String())
		var le *LimitError
		if !errors.As(err, &le) {
			t.Fatalf("err = %v, want a LimitError", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("refusing took %v", d)
		}
	})
}

// TestBoundedDropsRepeats: a clause typed twice is searched once; the
// same word with another occurrence or form stays.
func TestBoundedDropsRepeats(t *testing.T) {
	q, err := ParseQuery(`de het de +de -de "de het" de het~1 staats* staats*`)
	if err != nil {
		t.Fatal(err)
	}
	got := bounded(q).String()
	want := `de het +(de) -(de) "de het" staats*` // het~1 is bounded to het
	if got != want {
		t.Errorf("bounded = %q, want %q", got, want)
	}
}

// boosted is n copies of term with different boosts: clauses that differ,
// so that bounded does not merge them.
func boosted(term string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s^%d.5 ", term, i+1)
	}
	return b.String()
}
