package match

import (
	"bufio"
	"encoding/json"
	"syscall"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/exchange"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// benchBytes bounds the Dutch text a benchmark iteration annotates.
const benchBytes = 8 << 20

// bwbTexts reads the first benchBytes of BWB circulars and policy rules.
func bwbTexts(b *testing.B) []string {
	b.Helper()
	var texts []string
	total := 0
	sc := bufio.NewScanner(sharedtest.Open(b, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	sc.Buffer(make([]byte, 4<<20), 4<<20)
	for sc.Scan() && total < benchBytes {
		var doc struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, doc.Text)
		total += len(doc.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return texts
}

// cpuSeconds is the user plus system CPU time of the process so far.
func cpuSeconds(b *testing.B) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// loadFreeDict imports the FreeDict Dutch–English TSV the way tolk does
// (exchange.Import, format "freedict"): one concept per headword.
func loadFreeDict(b *testing.B) []glossary.Concept {
	b.Helper()
	cs, _, err := exchange.Import(sharedtest.Open(b, "data", "freedict-nld-eng-debian", "freedict-nld-eng.tsv.gz"), exchange.FreeDict, "freedict")
	if err != nil {
		b.Fatal(err)
	}
	return cs
}

// BenchmarkAnnotate measures Annotate over Dutch circulars with the
// production key function (index.TermKey) and the curated glossary, alone and
// with FreeDict (about 23,000 concepts) loaded. Absolute figures are noisy
// on a shared machine; "tokenize" is the baseline of the same run (cutting
// the text into words and nothing else).
//
// A Matcher remembers the keys of the text words it has seen (keyCache),
// so after the first iteration every word's key is known. The "-cold"
// variants empty that cache before each pass over the texts: they measure
// a first pass, where the cache helps only across the documents of one
// pass, as it would for a server's first requests.
func BenchmarkAnnotate(b *testing.B) {
	texts := bwbTexts(b)
	curated, err := glossary.Curated()
	if err != nil {
		b.Fatal(err)
	}
	freedict := loadFreeDict(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	run := func(name string, m *Matcher, annotate func(string) int) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(size))
			n := 0
			cpu0 := cpuSeconds(b)
			for b.Loop() {
				if m != nil {
					m.forgetKeys()
				}
				for _, t := range texts {
					n += annotate(t)
				}
			}
			b.ReportMetric(float64(size)*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
			// CPU time of the whole process (GC included): steadier than
			// wall time when other work shares the machine.
			b.ReportMetric(float64(size)*float64(b.N)/(cpuSeconds(b)-cpu0)/1e6, "MB/cpu-s")
			b.ReportMetric(float64(n)/float64(b.N), "annotations/op")
		})
	}
	var toks []token
	run("tokenize", nil, func(t string) int { toks = tokenize(t, toks); return 0 })
	mc := NewMatcher(curated, Options{Key: index.TermKey})
	run("curated-cold", mc, func(t string) int { return len(mc.Annotate(t, "nl")) })
	run("curated", nil, func(t string) int { return len(mc.Annotate(t, "nl")) })
	mf := NewMatcher(append(curated, freedict...), Options{Key: index.TermKey})
	run("curated+freedict-cold", mf, func(t string) int { return len(mf.Annotate(t, "nl")) })
	run("curated+freedict", nil, func(t string) int { return len(mf.Annotate(t, "nl")) })
	run("curated+freedict-all-langs", nil, func(t string) int { return len(mf.Annotate(t, "")) })
}

// forgetKeys empties the cache of text-word keys.
func (m *Matcher) forgetKeys() {
	for i := range m.cache {
		m.cache[i] = &keyCache{}
	}
}

// BenchmarkNewMatcher measures building a Matcher from the curated
// glossary and FreeDict with index.TermKey: a server pays it whenever the
// glossary changes.
func BenchmarkNewMatcher(b *testing.B) {
	curated, err := glossary.Curated()
	if err != nil {
		b.Fatal(err)
	}
	cs := append(curated, loadFreeDict(b)...)
	b.ReportAllocs()
	for b.Loop() {
		NewMatcher(cs, Options{Key: index.TermKey})
	}
}
