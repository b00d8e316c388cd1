package glossary

import (
	"bufio"
	"fmt"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// termbaseFreeDict reads the FreeDict Dutch–English list (see its SOURCE.md:
// headword, pronunciation, senses joined by " | ", translations within a
// sense by ", ") as one concept per headword. It is a test-local reader,
// not the importer tolk ships.
func termbaseFreeDict(tb testing.TB) []Concept {
	tb.Helper()
	var cs []Concept
	sc := bufio.NewScanner(sharedtest.Open(tb, "data", "freedict-nld-eng-debian", "freedict-nld-eng.tsv.gz"))
	for line := 0; sc.Scan(); line++ {
		fields := strings.Split(sc.Text(), "\t")
		if line == 0 || len(fields) != 3 {
			continue // header
		}
		c := Concept{ID: fmt.Sprintf("freedict-%d", line), Collection: "freedict",
			Terms: []Term{{Lang: "nl", Text: fields[0]}}}
		seen := map[string]bool{}
		for _, sense := range strings.Split(fields[2], " | ") {
			for _, tr := range strings.Split(sense, ", ") {
				tr = strings.TrimSpace(tr)
				if k := strings.ToLower(tr); tr != "" && !seen[k] {
					seen[k] = true
					c.Terms = append(c.Terms, Term{Lang: "en", Text: tr})
				}
			}
		}
		if c.Validate() == nil {
			cs = append(cs, c)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return cs
}

// termbaseBenchConcepts is the curated glossary plus FreeDict: what a server holds
// after a user imported FreeDict as a collection.
func termbaseBenchConcepts(b *testing.B) []Concept {
	cs := termbaseFreeDict(b)
	curated, err := Curated()
	if err != nil {
		b.Fatalf("curated glossary: %v", err)
	}
	return append(cs, curated...)
}

// BenchmarkLookup measures lookup latency (ns/op) per kind of query with
// the curated glossary and FreeDict loaded. testKey stands in for
// index.TermKey, so the stemmer's own cost is not included (one call per
// query word and language).
func BenchmarkLookup(b *testing.B) {
	cs := termbaseBenchConcepts(b)
	tb := NewTermbase(testKey)
	tb.Put(cs...)
	terms := 0
	for _, c := range cs {
		terms += len(c.Terms)
	}
	b.Logf("%d concepts, %d terms", len(cs), terms)
	for _, bc := range []struct {
		name string
		req  LookupRequest
	}{
		{"exact", LookupRequest{Q: "regering"}},
		{"inflected", LookupRequest{Q: "staatsgrepen"}},
		{"english", LookupRequest{Q: "government", Lang: "en"}},
		{"multiword", LookupRequest{Q: "rule of law"}},
		{"prefix-short", LookupRequest{Q: "re", Mode: ModePrefix}},
		{"prefix", LookupRequest{Q: "staats"}},
		{"fuzzy-fallback", LookupRequest{Q: "staatsgreeb"}},
		{"fuzzy-mode", LookupRequest{Q: "regerinkk", Mode: ModeFuzzy}},
		{"miss", LookupRequest{Q: "qqqqqqqqqq"}},
		{"browse", LookupRequest{}},
		{"browse-collection", LookupRequest{Collection: CollectionCurated}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			r, err := tb.Lookup(bc.req)
			if err != nil {
				b.Fatal(err)
			}
			if bc.name != "miss" && r.Total == 0 {
				b.Fatalf("%+v finds nothing", bc.req)
			}
			for b.Loop() {
				tb.Lookup(bc.req)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
		})
	}
	b.Run("suggest", func(b *testing.B) {
		for b.Loop() {
			tb.Suggest("sta", 10)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
	})
}

// BenchmarkTermbasePut measures building the indexes for the curated
// glossary plus FreeDict in one Put, as at start-up.
func BenchmarkTermbasePut(b *testing.B) {
	cs := termbaseBenchConcepts(b)
	for b.Loop() {
		NewTermbase(testKey).Put(cs...)
	}
	b.ReportMetric(float64(len(cs)*b.N)/b.Elapsed().Seconds(), "concepts/s")
}

// BenchmarkTermbasePutOne measures one edit (replace a concept) in a full
// termbase: the sorted indexes are spliced, not rebuilt.
func BenchmarkTermbasePutOne(b *testing.B) {
	cs := termbaseBenchConcepts(b)
	tb := NewTermbase(testKey)
	tb.Put(cs...)
	c := cs[len(cs)/2]
	for b.Loop() {
		tb.Put(c)
	}
}
