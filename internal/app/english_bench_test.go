package app

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/sharedtest"
	"github.com/tolk-nl/tolk/internal/treaties"
)

// BenchmarkEnglishTreaties measures English search as a user meets it:
// an on-disk data directory holding 2,000 treaty articles (the dev
// treaties' and then others', each its own document, added one by one
// and compacted as a bulk load ends), queried with the dev articles'
// English first sentences as pasted. It reports the server time per
// query (SearchResult.Took) at the 50th and 90th percentile, beside the
// same for stock bleve (in memory, the nl analyzer, one document per
// article) queried with every FreeDict translation of each word, in the
// same run (the baseline of TestTreatyDev).
//
//	go test ./internal/app -run '^$' -bench EnglishTreaties -benchtime 1x
func BenchmarkEnglishTreaties(b *testing.B) {
	pairs, err := treaties.Read(sharedtest.Open(b, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	curated, err := glossary.Curated()
	if err != nil {
		b.Fatal(err)
	}
	sp, err := NewSplitter(curated, corpus.Default())
	if err != nil {
		b.Fatal(err)
	}
	a, err := Open(ctx, Config{DataDir: b.TempDir(), Corpus: corpus.Default(), Glossary: curated, Splitter: sp})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	slices.SortStableFunc(pairs, func(x, y treaties.Pair) int {
		dx, dy := treaties.Dev(x.Doc), treaties.Dev(y.Doc)
		switch {
		case dx == dy:
			return 0
		case dx:
			return -1
		}
		return 1
	})
	var queries []string
	var arts []*devArticle
	for i, p := range pairs[:2000] {
		doc, err := a.AddDocument(ctx, fmt.Sprintf("%s-art%s-%d.md", p.Doc, p.Article, i), []byte(p.NL), ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, &devArticle{Pair: p, id: doc.ID})
		if treaties.Dev(p.Doc) {
			_, body := treaties.Heading(p.EN)
			if s := treaties.FirstSentence(body); s != "" {
				queries = append(queries, s)
			}
		}
	}
	if err := a.Index().Compact(ctx); err != nil {
		b.Fatal(err)
	}
	mem, file := a.Index().Segments()
	passages, _ := a.Index().Count()
	b.Logf("%d passages; segments after compact: %d in memory, %d on disk", passages, mem, file)
	dict := readFreeDictInverted(b)
	bx := newFreeDictBaseline(b, a, arts)
	defer bx.Close()
	b.ResetTimer()
	var took, base []time.Duration
	for i := 0; i < b.N; i++ {
		for _, q := range queries {
			res, err := a.BilingualSearch(ctx, SearchRequest{Q: q, Lang: "en"})
			if err != nil {
				b.Fatal(err)
			}
			took = append(took, res.Took)
			began := time.Now()
			if _, err := bx.search(dict, q); err != nil {
				b.Fatal(err)
			}
			base = append(base, time.Since(began))
		}
	}
	slices.Sort(took)
	slices.Sort(base)
	b.ReportMetric(float64(base[len(base)/2].Microseconds())/1000, "baseline-p50-ms")
	b.ReportMetric(float64(took[len(took)/2])/float64(base[len(base)/2]), "p50/baseline")
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, "p90-ms")
	b.ReportMetric(float64(len(queries)), "queries")
}
