package sharedtest

import (
	"bufio"
	"regexp"
	"strings"
	"testing"
)

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// FreeDictInverted inverts FreeDict Dutch→English (data/freedict-nld-eng-
// debian): each English word (lower case, a run of letters and digits) of
// an entry's translations maps to the entry's Dutch headword, in the
// file's order, once. The naive dictionary baselines of the English
// search evaluations look words up in it. FreeDict's ligature ĳ is spelt
// ij, as the texts spell it, and its U+2010 hyphen '-'. It skips the test
// when ../shared is absent and fails it when the file reads as fewer than
// 10,000 English words.
func FreeDictInverted(tb testing.TB) map[string][]string {
	tb.Helper()
	r := Open(tb, "data", "freedict-nld-eng-debian", "freedict-nld-eng.tsv.gz")
	fix := strings.NewReplacer("ĳ", "ij", "Ĳ", "IJ", "\u2010", "-")
	inv := map[string][]string{}
	seen := map[[2]string]bool{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if n == 1 || len(f) != 3 {
			continue
		}
		nl := fix.Replace(strings.TrimSpace(f[0]))
		for _, w := range wordRE.FindAllString(strings.ToLower(fix.Replace(f[2])), -1) {
			if k := [2]string{w, nl}; !seen[k] {
				seen[k] = true
				inv[w] = append(inv[w], nl)
			}
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(inv) < 10000 {
		tb.Fatalf("FreeDict inverted to only %d English words", len(inv))
	}
	return inv
}
