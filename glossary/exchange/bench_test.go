package exchange

import (
	"bytes"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// freeDict loads the 22,747 FreeDict entries as a collection.
func freeDict(b *testing.B) []glossary.Concept {
	cs, _, err := Import(bytes.NewReader(open(b, "data/freedict-nld-eng-debian/freedict-nld-eng.tsv.gz")), FreeDict, "freedict")
	if err != nil {
		b.Fatal(err)
	}
	return cs
}

// BenchmarkExport exports the FreeDict collection in every format.
func BenchmarkExport(b *testing.B) {
	cs := freeDict(b)
	for _, f := range []Format{JSON, TBX, CSV, XLSX, OmegaT, TSV} {
		b.Run(string(f), func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := Export(&buf, f, cs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(cs)*b.N)/b.Elapsed().Seconds(), "entries/s")
			b.ReportMetric(float64(buf.Len())/(1<<20), "MiB")
		})
	}
}

// BenchmarkImport imports the FreeDict collection from every format,
// and from the FreeDict file itself.
func BenchmarkImport(b *testing.B) {
	cs := freeDict(b)
	inputs := map[Format][]byte{FreeDict: open(b, "data/freedict-nld-eng-debian/freedict-nld-eng.tsv.gz")}
	for _, f := range []Format{JSON, TBX, CSV, XLSX, OmegaT, TSV} {
		var buf bytes.Buffer
		if err := Export(&buf, f, cs); err != nil {
			b.Fatal(err)
		}
		inputs[f] = buf.Bytes()
	}
	for _, f := range []Format{FreeDict, JSON, TBX, CSV, XLSX, OmegaT, TSV} {
		b.Run(string(f), func(b *testing.B) {
			n := 0
			for b.Loop() {
				got, _, err := Import(bytes.NewReader(inputs[f]), f, "freedict")
				if err != nil {
					b.Fatal(err)
				}
				n = len(got)
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "entries/s")
		})
	}
}
