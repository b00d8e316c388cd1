package server

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/exchange"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// searchQueries are typical queries of each kind, Dutch and English.
var searchQueries = []struct{ name, q string }{
	{"nl-word", "staatsgreep"},
	{"nl-inflected", "staatsgrepen"},
	{"nl-phrase", `"constitutionele orde"`},
	{"nl-compound", "samenwerking"},
	{"nl-typo", "Takubaa"},
	{"en-word", "sanctions"},
	{"en-phrase", "political prisoners"},
	{"en-multi", "root causes of poverty"},
}

// BenchmarkSearchHTTP measures GET /api/v1/search through the real
// handler (in process, no network) on the embedded default corpus.
func BenchmarkSearchHTTP(b *testing.B) {
	ts := newTestServer(b, nil)
	h := ts.Config.Handler
	for _, sq := range searchQueries {
		b.Run(sq.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/api/v1/search?q="+url.QueryEscape(sq.q), nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}

// BenchmarkSearchBWB measures the bilingual search on the 1,423 BWB
// circulars and policy rules plus the letter (about 71,000 passages).
func BenchmarkSearchBWB(b *testing.B) {
	// Open first: it skips without ../shared before the costly setup.
	r := sharedtest.Open(b, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz")
	curated, err := glossary.Curated()
	if err != nil {
		b.Fatal(err)
	}
	sp, err := app.NewSplitter(curated, corpus.Default())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{Memory: true, Corpus: corpus.Default(), Glossary: curated, Splitter: sp})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		var d struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		if _, err := a.AddDocument(ctx, d.ID+".md", []byte(d.Text), ingest.Options{}); err == nil {
			n++
		}
	}
	b.Logf("%d documents loaded", n)
	for _, sq := range searchQueries {
		b.Run(sq.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := a.BilingualSearch(ctx, app.SearchRequest{Q: sq.q, Limit: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGlossaryLookupHTTP measures GET /api/v1/glossary with the
// production key function (index.Key) and the curated glossary plus the
// 22,747-entry FreeDict collection loaded.
func BenchmarkGlossaryLookupHTTP(b *testing.B) {
	cs, _, err := exchange.Import(sharedtest.Open(b, "data", "freedict-nld-eng-debian", "freedict-nld-eng.tsv.gz"), exchange.FreeDict, "freedict")
	if err != nil {
		b.Fatal(err)
	}
	curated, err := glossary.Curated()
	if err != nil {
		b.Fatal(err)
	}
	a, err := app.Open(context.Background(), app.Config{Memory: true, Glossary: curated})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	if err := a.ImportConcepts(cs, "bench"); err != nil {
		b.Fatal(err)
	}
	srv, err := New(a, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d concepts loaded", a.Terms().Len())
	for _, q := range []struct{ name, query string }{
		{"exact", "q=staatsgreep"},
		{"inflected", "q=staatsgrepen"},
		{"english", "q=rule+of+law&lang=en"},
		{"english-common", "q=government"},
		{"acronym", "q=CNSP"},
		{"fuzzy", "q=staatsgreeb&mode=fuzzy"},
		{"browse", "collection=curated"},
		{"suggest", "prefix=staats"},
	} {
		b.Run(q.name, func(b *testing.B) {
			target := "/api/v1/glossary?" + q.query
			if q.name == "suggest" {
				target = "/api/v1/glossary/suggest?" + q.query
			}
			req := httptest.NewRequest(http.MethodGet, target, nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
		})
	}
}
