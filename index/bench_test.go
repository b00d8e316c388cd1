package index

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl" // the stock analyzer, for comparison
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// bwbPassages reads ../shared/data/bwb-laws-markdown/bwb-small.jsonl.gz
// (1,423 circulars and policy rules, see its SOURCE.md) and splits each
// text into passages at blank lines, leaving out headings and the HTML meta
// line.
func bwbPassages(tb testing.TB) ([]Passage, int) {
	tb.Helper()
	sc := bufio.NewScanner(sharedtest.Open(tb, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var ps []Passage
	size := 0
	for sc.Scan() {
		var d struct{ ID, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatal(err)
		}
		section := ""
		for i, para := range strings.Split(d.Text, "\n\n") {
			para = strings.TrimSpace(para)
			switch {
			case para == "" || strings.HasPrefix(para, "<meta"):
				continue
			case strings.HasPrefix(para, "#"):
				section = strings.TrimSpace(strings.TrimLeft(para, "#"))
				continue
			}
			ps = append(ps, Passage{ID: d.ID + "#" + strconv.Itoa(i), Doc: d.ID, Title: d.Title, Section: section, Paragraph: i, Text: para})
			size += len(para)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return ps, size
}

// benchText is the analyzer benchmark's input: the BWB circulars' first
// 4 MB when ../shared is present, else the Mali letter repeated.
func benchText(b *testing.B) []byte {
	b.Helper()
	if _, err := os.Stat(filepath.Join(moduleRoot(b), "..", "shared", "data", "bwb-laws-markdown")); err == nil {
		ps, _ := bwbPassages(b)
		var sb strings.Builder
		for _, p := range ps {
			if sb.Len() > 4<<20 {
				break
			}
			sb.WriteString(p.Text + "\n\n")
		}
		return []byte(sb.String())
	}
	var sb strings.Builder
	for _, p := range letterPassages(b) {
		sb.WriteString(p.Text + "\n\n")
	}
	return []byte(strings.Repeat(sb.String(), 50))
}

func moduleRoot(tb testing.TB) string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// BenchmarkAnalyzer times bleve's stock "nl" analyzer and ours on the same
// text in the same iterations, and reports both rates and their ratio
// (ours / stock; above 1 means faster).
func BenchmarkAnalyzer(b *testing.B) {
	text := benchText(b)
	stock, err := registry.NewCache().AnalyzerNamed("nl")
	if err != nil {
		b.Fatal(err)
	}
	chains := []struct {
		name string
		a    analysis.Analyzer
	}{
		{"stock_nl", stock},
		{"tolk_nl", newDutchAnalyzer(nil, overrides())},
		{"tolk_exact", newExactAnalyzer()},
	}
	spent := make([]time.Duration, len(chains))
	b.ResetTimer()
	for b.Loop() {
		for i, c := range chains {
			buf := append([]byte(nil), text...) // analyzers may keep slices of their input
			start := time.Now()
			c.a.Analyze(buf)
			spent[i] += time.Since(start)
		}
	}
	mb := float64(len(text)) * float64(b.N) / 1e6
	for i, c := range chains {
		b.ReportMetric(mb/spent[i].Seconds(), c.name+"_MB/s")
	}
	b.ReportMetric(spent[0].Seconds()/spent[1].Seconds(), "tolk_nl/stock_speed")
	b.ReportMetric(spent[0].Seconds()/(spent[1]+spent[2]).Seconds(), "tolk_both_fields/stock_speed")
}

// BenchmarkIndexBWB indexes the 1,423 BWB circulars as passages into an
// in-memory scorch index, then times typical searches on it. Run with
// -benchtime=1x: one iteration indexes 34 MB.
func BenchmarkIndexBWB(b *testing.B) {
	ps, size := bwbPassages(b)
	ctx := context.Background()
	var ix *Index
	b.ResetTimer()
	for b.Loop() {
		if ix != nil {
			ix.Close()
		}
		var err error
		if ix, err = NewMemory(Options{}); err != nil {
			b.Fatal(err)
		}
		if err := ix.Add(ctx, ps); err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(len(ps)*b.N)/sec, "passages/s")
	b.ReportMetric(float64(size*b.N)/1e6/sec, "MB/s")
	b.StopTimer()

	// Baseline in the same run: bleve's stock "nl" analyzer on one stored
	// text field with term vectors, through the mapping, no _all.
	start := time.Now()
	stockIndex(b, ps)
	b.ReportMetric(time.Since(start).Seconds()/(sec/float64(b.N)), "stock_time/tolk_time")
	defer ix.Close()
	for _, q := range benchQueries {
		pq, err := ParseQuery(q)
		if err != nil {
			b.Fatal(err)
		}
		const n = 200
		start := time.Now()
		var total uint64
		for range n {
			res, err := ix.Search(ctx, Request{Query: pq})
			if err != nil {
				b.Fatal(err)
			}
			total = res.Total
		}
		b.ReportMetric(float64(time.Since(start).Nanoseconds())/n, "ns/search:"+strings.ReplaceAll(q, " ", "_"))
		b.Logf("%q: %d hits", q, total)
	}
}

var benchQueries = []string{"subsidie", "staatsgreep", "belastingdienst aangifte", `"artikel 3"`, "subsid*", "belastng~"}

// BenchmarkSearchLetter times typical queries on the letter's index.
func BenchmarkSearchLetter(b *testing.B) {
	ix := letterIndex(b, Options{})
	for _, q := range append(benchQueries, "staatsgrepen", "Malinese militairen", "staatsgreep -ECOWAS") {
		pq, err := ParseQuery(q)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(context.Background(), Request{Query: pq}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func stockIndex(b *testing.B, ps []Passage) {
	f := mapping.NewTextFieldMapping()
	f.Analyzer, f.Store, f.IncludeInAll, f.DocValues, f.IncludeTermVectors = "nl", true, false, false, true
	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("text", f)
	m := mapping.NewIndexMapping()
	m.DefaultMapping = dm
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	batch := idx.NewBatch()
	for i, p := range ps {
		if err := batch.Index(p.ID, map[string]string{"text": p.Text}); err != nil {
			b.Fatal(err)
		}
		if batch.Size() >= batchSize || i == len(ps)-1 {
			if err := idx.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch.Reset()
		}
	}
}

// BenchmarkSplitVerbs times the stemmed Dutch field's analysis with the
// real splitter with and without finding split separable verbs
// (splitVerbs), both paths (the analyzer and Prepare's one-pass
// analysis), passage by passage as ingest analyses them (4 MB of the BWB
// circulars), in the same iterations, and reports each cost as a ratio
// (with / without; above 1 is slower).
func BenchmarkSplitVerbs(b *testing.B) {
	ps, _ := bwbPassages(b)
	var texts [][]byte
	size := 0
	for _, p := range ps {
		if size > 4<<20 {
			break
		}
		texts = append(texts, []byte(p.Text))
		size += len(p.Text)
	}
	ix, err := NewMemory(Options{Decompounder: splitter()})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	with := ix.nl.(*dutchAnalyzer)
	without := *with
	without.listed = nil
	var sc freqScratch
	var spent [4]time.Duration
	listed := ix.listed
	b.ResetTimer()
	for b.Loop() {
		for i, a := range []*dutchAnalyzer{with, &without} {
			start := time.Now()
			for _, t := range texts {
				a.Analyze(t)
			}
			spent[i] += time.Since(start)
		}
		for i, l := range []func(string) bool{listed, nil} {
			ix.listed = l
			start := time.Now()
			for _, t := range texts {
				ix.analyse(t, true, &sc)
			}
			spent[2+i] += time.Since(start)
		}
	}
	ix.listed = listed
	mb := float64(size) * float64(b.N) / 1e6
	b.ReportMetric(mb/spent[0].Seconds(), "analyzer_MB/s")
	b.ReportMetric(spent[0].Seconds()/spent[1].Seconds(), "analyzer_cost")
	b.ReportMetric(mb/spent[2].Seconds(), "prepared_MB/s")
	b.ReportMetric(spent[2].Seconds()/spent[3].Seconds(), "prepared_cost")
}

// BenchmarkPrepare analyses 4 MB of the BWB circulars' passages as a bulk
// load does (Index.Prepare in pieces of 128 passages, the real compound
// splitter), to count what the analysis allocates: run it with -benchmem
// and read allocs/op and B/op (one op is the whole 4 MB); its time means
// little on a shared machine.
func BenchmarkPrepare(b *testing.B) {
	all, _ := bwbPassages(b)
	var ps []Passage
	size := 0
	for _, p := range all {
		if size > 4<<20 {
			break
		}
		ps = append(ps, p)
		size += len(p.Text)
	}
	ix, err := NewMemory(Options{Decompounder: splitter()})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ix.Prepare(ps) // the word cache filled, as after a load's first files
	b.ResetTimer()
	for b.Loop() {
		for i := 0; i < len(ps); i += 128 {
			ix.Prepare(ps[i:min(i+128, len(ps))])
		}
	}
	b.ReportMetric(float64(len(ps)), "passages/op")
}
