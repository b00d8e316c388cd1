package decompound

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

var searchPartsList = flag.String("searchparts.list", "", "write the statutory words SearchParts splits and Split keeps whole to this file (half, count, word, parts)")

// TestSearchPartsReach measures what SearchParts adds on the 1,423 BWB
// circulars (../shared): of the occurrences of the words that contain a
// head such as belasting, how many a search for that word finds (the word
// itself, or a word with it as a part), with Split's parts and with
// SearchParts'. With -args -searchparts.list FILE it also writes the
// statutory words (those of the embedded counts) that SearchParts splits
// and Split does not, each with the half (0, 1 by its place in the counts'
// alphabetical order) used to choose the thresholds (0) and to check them
// by hand (1): docs/COMPOUNDS.md.
func TestSearchPartsReach(t *testing.T) {
	counts := map[string]int{}
	sc := bufio.NewScanner(sharedtest.Open(t, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var doc struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(doc.Text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			counts[w]++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	s := New()
	for _, head := range []string{"belasting", "vergunning", "verzekering", "raad", "kamer", "regel", "staat"} {
		// A part names head when it is head or an inflection of it
		// (belastingen, raden is not counted: a different stem).
		names := func(ps []string) bool {
			return slices.ContainsFunc(ps, func(p string) bool { return strings.HasPrefix(p, head) && len(p) <= len(head)+2 })
		}
		var total, split, search int
		for w, n := range counts {
			if !strings.Contains(w, head) {
				continue
			}
			total += n
			if names([]string{w}) {
				split += n
				search += n
				continue
			}
			sp, sr := s.Split(w), s.SearchParts(w)
			if sp != nil && !slices.Equal(sp, sr) {
				t.Errorf("SearchParts(%q) = %q, Split %q: they must agree where Split splits", w, sr, sp)
			}
			if names(sp) {
				split += n
			}
			if names(sr) {
				search += n
			}
		}
		if search < split {
			t.Errorf("%s: SearchParts reaches %d occurrences, fewer than Split's %d", head, search, split)
		}
		t.Logf("%-12s %6d occurrences of words with it; found by the word or a part: Split %6d (%3.0f %%), SearchParts %6d (%3.0f %%)",
			head, total, split, 100*float64(split)/float64(total), search, 100*float64(search)/float64(total))
	}
	if *searchPartsList == "" {
		return
	}
	out, err := os.Create(*searchPartsList)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	i := 0
	var types, tokens [2]int
	err = readCounts(func(w string, n int) {
		if n == 0 {
			return
		}
		i++
		if s.Split(w) != nil {
			return
		}
		if p := s.SearchParts(w); p != nil {
			types[i%2]++
			tokens[i%2] += n
			fmt.Fprintf(out, "%d\t%d\t%s\t%s\n", i%2, n, w, strings.Join(p, "+"))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("statutory words SearchParts splits and Split keeps whole: %d / %d types, %d / %d occurrences (halves 0 / 1)", types[0], types[1], tokens[0], tokens[1])
}
