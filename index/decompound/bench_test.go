package decompound

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// letterWords returns the words of the Mali letter (the default corpus), in
// text order, lower-cased, as the analyzer hands them to Split.
func letterWords(b testing.TB) []string {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "internal", "corpus", "kamerbrief-mali-2020.txt"))
	if err != nil {
		b.Fatal(err)
	}
	return strings.FieldsFunc(strings.ToLower(string(data)), notLetter)
}

// BenchmarkSplit splits every word of the letter, without terms and with
// the curated glossary's terms (as the service does); ns/word is the figure
// in docs/PERFORMANCE.md, with a map lookup per word as the baseline.
func BenchmarkSplit(b *testing.B) {
	ws := letterWords(b)
	terms := curatedTerms(b)
	for _, c := range []struct {
		name string
		s    *Splitter
	}{{"split", New()}, {"split-with-terms", NewWith(terms, terms)}} {
		b.Run(c.name, func(b *testing.B) {
			split := 0
			for b.Loop() {
				for _, w := range ws {
					if c.s.Split(w) != nil {
						split++
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ws)), "ns/word")
			b.ReportMetric(float64(split)/float64(b.N), "compounds")
		})
	}
	b.Run("baseline-map", func(b *testing.B) {
		m := map[string]bool{}
		for _, w := range ws {
			m[w] = true
		}
		hits := 0
		for b.Loop() {
			for _, w := range ws {
				if m[w] {
					hits++
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ws)), "ns/word")
	})
}

// BenchmarkNew measures building the dictionary (decoding the embedded FST
// into the trie), which the analyzer does once.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New()
	}
}
