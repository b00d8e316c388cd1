package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// synthetic returns n concepts shaped like FreeDict entries: one Dutch
// headword, three English translations.
func synthetic(n int) []glossary.Concept {
	cs := make([]glossary.Concept, n)
	for i := range cs {
		cs[i] = glossary.Concept{ID: fmt.Sprintf("freedict-%d", i), Collection: "freedict", Terms: []glossary.Term{
			{Lang: "nl", Text: fmt.Sprintf("woord%d", i)},
			{Lang: "en", Text: fmt.Sprintf("word%d", i)},
			{Lang: "en", Text: fmt.Sprintf("term%d", i)},
			{Lang: "en", Text: fmt.Sprintf("expression %d", i)},
		}}
	}
	return cs
}

// BenchmarkImportConcepts measures one all-or-nothing import of 22,747
// concepts (FreeDict's size) into an empty store, history included.
func BenchmarkImportConcepts(b *testing.B) {
	cs := synthetic(22747)
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "tolk.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.ImportConcepts(cs, "bench"); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(cs)*b.N)/b.Elapsed().Seconds(), "concepts/s")
}

// BenchmarkCreateConcept measures one durable edit: a transaction with
// its fsync, which dominates.
func BenchmarkCreateConcept(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "tolk.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	c := synthetic(1)[0]
	i := 0
	for b.Loop() {
		c.ID = fmt.Sprintf("c%d", i)
		i++
		if _, err := s.CreateConcept(c, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "edits/s")
}

// BenchmarkConcepts measures reading every concept back, as at start-up.
func BenchmarkConcepts(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "tolk.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	cs := synthetic(22747)
	if err := s.ImportConcepts(cs, "bench"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Concepts(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(cs)*b.N)/b.Elapsed().Seconds(), "concepts/s")
}
