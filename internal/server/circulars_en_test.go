package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl" // the stock nl analyzer
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// circularQuery is one query of testdata/circulars-en-queries.json: an
// English query written from reading one circular (Doc) before any
// search was run. A right passage holds, for every group of Rel, one of
// its substrings (as evalNorm compares); no Rel: a negative query.
type circularQuery struct {
	ID   string     `json:"id"`
	Q    string     `json:"q"`
	Lang string     `json:"lang"`
	Kind string     `json:"kind"` // dev or test: the half of Doc
	Doc  string     `json:"doc"`
	Rel  [][]string `json:"rel"`
}

// circularSelected is the selection rule of the query set: FNV-1a 64 of
// the BWB id divisible by 35 (36 of the 1,423 circulars); half is dev
// when the quotient is even, test when it is odd.
func circularSelected(id string) (selected bool, half string) {
	h := fnv.New64a()
	h.Write([]byte(id))
	s := h.Sum64()
	if s%35 != 0 {
		return false, ""
	}
	if (s/35)%2 == 1 {
		return true, "test"
	}
	return true, "dev"
}

// circularRelevant says whether a passage's text answers q: every group
// has one of its substrings in it (both normalised by evalNorm).
func circularRelevant(q circularQuery, t string) bool {
	if len(q.Rel) == 0 {
		return false
	}
	for _, g := range q.Rel {
		ok := false
		for _, k := range g {
			ok = ok || strings.Contains(t, k)
		}
		if !ok {
			return false
		}
	}
	return true
}

// circularHit is one of a system's ten: the document and the passage
// text, normalised by evalNorm.
type circularHit struct{ doc, text string }

// circularScore is MRR@10 and recall@10 over a half's positive queries.
type circularScore struct {
	n           int
	rr, recall  float64
	found, none int // queries with a right passage in the ten, without
}

func (s circularScore) String() string {
	if s.n == 0 {
		return "no queries"
	}
	return fmt.Sprintf("n=%d MRR@10=%.3f recall@10=%.3f found=%d missed=%d",
		s.n, s.rr/float64(s.n), s.recall/float64(s.n), s.found, s.none)
}

// rank scores one system's ten for q: the rank of the first right passage
// (0: none) and recall@10, the share of the documents holding a right
// paragraph (relDocs) that a right passage of the ten comes from, of at
// most ten.
func rankHits(q circularQuery, hits []circularHit, relDocs map[string]bool) (first int, recall float64) {
	got := map[string]bool{}
	for i, h := range hits {
		if !circularRelevant(q, h.text) {
			continue
		}
		if first == 0 {
			first = i + 1
		}
		got[strings.ToLower(h.doc)] = true
	}
	if len(relDocs) == 0 {
		return first, 0
	}
	n := 0
	for d := range got {
		if relDocs[d] {
			n++
		}
	}
	return first, float64(n) / float64(min(10, len(relDocs)))
}

// TestCircularsEnglishBlind scores English queries over BWB circulars
// nobody tuned on (testdata/circulars-en-queries.json, written before any
// search was run: docs/CLIR.md, session 30) through GET /api/v1/search
// with lang=en, beside a naive baseline in the same run: stock bleve
// (v2.6.3, nl analyzer), one document per paragraph of the same
// circulars, each English word replaced by the OR of every Dutch
// headword whose FreeDict translation holds it (its singular when the
// word as typed is not there). The index holds all 1,423 circulars and
// policy rules of bwb-small.jsonl.gz. It prints MRR@10 and recall@10 per
// half for both and each query's rank for both, and fails only when
// tolk's dev MRR@10 falls below its floor (deterministic: in-memory
// indexes of fixed data).
func TestCircularsEnglishBlind(t *testing.T) {
	if testing.Short() || os.Getenv("TOLK_CIRCULARS_EVAL") == "" {
		// Minutes under -race, as CI runs the tests: run it by hand
		// (docs/CLIR.md, session 30), as TestTMEval is.
		t.Skip("set TOLK_CIRCULARS_EVAL=1 to run: loads the 1,423 BWB circulars into tolk and into a bleve baseline")
	}
	r := sharedtest.Open(t, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz")
	var qs []circularQuery
	{
		var f struct{ Queries []circularQuery }
		raw, err := os.ReadFile(filepath.Join("testdata", "circulars-en-queries.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatal(err)
		}
		qs = f.Queries
	}
	for _, q := range qs {
		for _, g := range q.Rel {
			for i, k := range g {
				g[i] = evalNorm(k)
			}
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	type circular struct{ id, text string }
	var docs []circular
	halves := map[string]string{}
	for sc.Scan() {
		var d struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, circular{d.ID, d.Text})
		if ok, half := circularSelected(d.ID); ok {
			halves[d.ID] = half
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1423 || len(halves) != 36 {
		t.Fatalf("%d circulars, %d selected: want 1,423 and 36", len(docs), len(halves))
	}
	for _, q := range qs {
		if q.Doc != "" && halves[q.Doc] != q.Kind {
			t.Fatalf("%s %q: written from %s, of half %q, not %q", q.ID, q.Q, q.Doc, halves[q.Doc], q.Kind)
		}
	}

	start := time.Now()
	// tolk: the shipped default, the circulars by the bulk path.
	ctx := context.Background()
	a := openDefault(t, app.Config{Memory: true})
	defer a.Close()
	files := make([]app.BulkFile, len(docs))
	for i, d := range docs {
		text := []byte(d.text)
		files[i] = app.BulkFile{Name: d.id + ".md", Read: func() ([]byte, error) { return text, nil }}
	}
	rep, err := a.AddDocuments(ctx, files, app.BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failed {
		t.Logf("tolk left out %s: %v", f.Name, f.Err)
	}
	srv, err := New(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	// The baseline, and each document's paragraphs (what relevance is
	// counted on for recall).
	bx := newParagraphBaseline(t)
	paras := map[string]string{}
	b := bx.NewBatch()
	for _, d := range docs {
		doc, err := ingest.Parse(d.id+".md", []byte(d.text), ingest.Options{})
		if err != nil {
			continue // as tolk's bulk path, which refuses it too
		}
		for _, p := range doc.Paragraphs {
			id := fmt.Sprintf("%s#%d", d.id, p.N)
			paras[id] = evalNorm(p.Text)
			if err := b.Index(id, map[string]string{baselineField: p.Text}); err != nil {
				t.Fatal(err)
			}
			if b.Size() >= 2000 {
				if err := bx.Batch(b); err != nil {
					t.Fatal(err)
				}
				b = bx.NewBatch()
			}
		}
	}
	if err := bx.Batch(b); err != nil {
		t.Fatal(err)
	}
	dict := readFreeDictInverted(t)
	t.Logf("tolk: %d documents, %d passages; baseline: %d paragraphs; both loaded in %v",
		rep.Added, rep.Passages, len(paras), time.Since(start).Round(time.Second))

	scores := map[string]*[2]circularScore{"dev": {}, "test": {}}
	for _, q := range qs {
		var resp struct {
			Total uint64 `json:"total"`
			Hits  []struct {
				Doc  string `json:"doc"`
				Text string `json:"text"`
			} `json:"hits"`
			Senses []app.Expansion `json:"senses"`
		}
		get(t, ts, "/api/v1/search?lang=en&limit=10&q="+url.QueryEscape(q.Q), &resp)
		var th []circularHit
		for _, h := range resp.Hits {
			th = append(th, circularHit{h.Doc, evalNorm(h.Text)})
		}
		bids, btotal, err := bx.search(dict, q.Q)
		if err != nil {
			t.Fatal(err)
		}
		var bh []circularHit
		for _, id := range bids {
			bh = append(bh, circularHit{id[:strings.IndexByte(id, '#')], paras[id]})
		}
		if len(q.Rel) == 0 {
			fmt.Printf("circulars %s %-5s %-26q negative: tolk %d passages, baseline %d\n", q.ID, q.Kind, q.Q, resp.Total, btotal)
			continue
		}
		relDocs := map[string]bool{}
		for id, text := range paras {
			if circularRelevant(q, text) {
				relDocs[strings.ToLower(id[:strings.IndexByte(id, '#')])] = true
			}
		}
		ranks := [2]int{}
		for i, hits := range [][]circularHit{th, bh} {
			first, rec := rankHits(q, hits, relDocs)
			ranks[i] = first
			s := &scores[q.Kind][i]
			s.n++
			s.recall += rec
			if first > 0 {
				s.rr += 1 / float64(first)
				s.found++
			} else {
				s.none++
			}
		}
		fmt.Printf("circulars %s %-5s %-26q tolk %-3s baseline %-3s (%d documents hold it)\n",
			q.ID, q.Kind, q.Q, rankString(ranks[0]), rankString(ranks[1]), len(relDocs))
		if ranks[0] == 0 && q.Kind == "dev" {
			// What each English word was searched as: the cause of a miss.
			for _, e := range resp.Senses {
				var ss []string
				for _, s := range e.Senses {
					ss = append(ss, fmt.Sprintf("%s %.2f %s", s.Text, s.P, s.Via))
				}
				fmt.Printf("circulars %s    %q → %s %s\n", q.ID, e.Query, strings.Join(ss, ", "), e.Note)
			}
			for i, h := range resp.Hits[:min(3, len(resp.Hits))] {
				fmt.Printf("circulars %s    hit %d %s: %.100s\n", q.ID, i+1, h.Doc, h.Text)
			}
		}
	}
	for _, half := range []string{"dev", "test"} {
		s := scores[half]
		fmt.Printf("circulars %-4s tolk     %s\n", half, s[0])
		fmt.Printf("circulars %-4s baseline %s\n", half, s[1])
	}
	// The floor, on the dev half only: tolk's MRR@10 when the set was first
	// run (session 30: 0.400, the baseline 0.241) less 0.05, and never
	// below the baseline's. Both indexes are in memory over fixed data, so
	// nothing here varies from run to run.
	const floor = 0.35
	dev, base := scores["dev"][0], scores["dev"][1]
	if mrr := dev.rr / float64(dev.n); mrr < floor || mrr < base.rr/float64(base.n) {
		t.Errorf("tolk on the dev half: %s, want MRR@10 ≥ %.2f and ≥ the baseline's (%s)", dev, floor, base)
	}
}

func rankString(r int) string {
	if r == 0 {
		return "-"
	}
	return fmt.Sprint(r)
}

// paragraphBaseline is stock bleve: an in-memory scorch index with the
// built-in nl analyzer, one document per paragraph.
type paragraphBaseline struct{ bleve.Index }

const baselineField = "nl"

func newParagraphBaseline(t testing.TB) paragraphBaseline {
	t.Helper()
	fm := mapping.NewTextFieldMapping()
	fm.Analyzer = "nl"
	fm.Store, fm.IncludeInAll, fm.DocValues, fm.IncludeTermVectors = false, false, false, false
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(baselineField, fm)
	m := bleve.NewIndexMapping()
	m.DefaultMapping = dm
	ix, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return paragraphBaseline{ix}
}

var englishWordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// search ORs, for each English word of q, every FreeDict translation of
// it (each a match query) — of its singular when the word as typed has
// none, the word itself when neither has — and returns the ten best
// paragraphs and how many matched.
func (bx paragraphBaseline) search(dict freeDictInverted, q string) ([]string, uint64, error) {
	var words []query.Query
	for _, w := range englishWordRE.FindAllString(strings.ToLower(q), -1) {
		nls := dict[w]
		for _, s := range singulars(w) {
			if len(nls) == 0 {
				nls = dict[s]
			}
		}
		var alts []query.Query
		for _, nl := range nls {
			mq := bleve.NewMatchQuery(nl)
			mq.SetField(baselineField)
			alts = append(alts, mq)
		}
		if len(alts) == 0 {
			mq := bleve.NewMatchQuery(w)
			mq.SetField(baselineField)
			alts = append(alts, mq)
		}
		words = append(words, bleve.NewDisjunctionQuery(alts...))
	}
	if len(words) == 0 {
		return nil, 0, nil
	}
	res, err := bx.Search(bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(words...), 10, 0, false))
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, res.Total, nil
}

// singulars are the naive singulars of an English plural, most specific
// first: policies → policy, taxes → tax, documents → document.
func singulars(w string) []string {
	var out []string
	if s, ok := strings.CutSuffix(w, "ies"); ok {
		out = append(out, s+"y")
	}
	if s, ok := strings.CutSuffix(w, "es"); ok {
		out = append(out, s)
	}
	if s, ok := strings.CutSuffix(w, "s"); ok {
		out = append(out, s)
	}
	return out
}

// freeDictInverted maps an English word to the Dutch headwords of
// FreeDict nld-eng whose translations hold it.
type freeDictInverted map[string][]string

// readFreeDictInverted inverts FreeDict Dutch→English as
// internal/app's treaty baseline does.
func readFreeDictInverted(t testing.TB) freeDictInverted {
	return sharedtest.FreeDictInverted(t)
}
