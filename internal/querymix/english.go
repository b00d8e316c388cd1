package querymix

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"unicode"
)

// English returns n English queries drawn from a heading list: the TSV of
// ../shared/data/bwb-treaties-nl-en/treaty-article-headings-nl-en.tsv.gz
// (columns en, nl, count, example_doc, with a header line). The rule:
// take the English column, trim it and strip trailing punctuation; keep
// headings of one to four words made of letters, spaces, hyphens and
// apostrophes only; drop case-insensitive repeats (the first spelling
// stays); shuffle the rest with a PCG generator seeded with seed and take
// the first n. The same list, n and seed give the same queries.
func English(r io.Reader, n int, seed uint64) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var all []string
	seen := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		en, _, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("querymix: headings line %d: no tab", line)
		}
		if line == 1 && en == "en" {
			continue
		}
		en = strings.TrimRightFunc(strings.TrimSpace(en), func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
		if !heading(en) {
			continue
		}
		key := strings.ToLower(en)
		if seen[key] {
			continue
		}
		seen[key] = true
		all = append(all, en)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("querymix: headings: %w", err)
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all[:min(n, len(all))], nil
}

// heading reports whether s is a usable English query: one to four words
// of letters, hyphens and apostrophes.
func heading(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 4 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != ' ' && r != '-' && r != '\'' {
			return false
		}
	}
	return true
}
