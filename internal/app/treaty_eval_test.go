package app

import (
	"context"
	"flag"
	"fmt"
	"hash/fnv"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl" // registers the stock "nl" analyzer
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/sharedtest"
	"github.com/tolk-nl/tolk/internal/treaties"
)

// The English→Dutch retrieval evaluation on the held-out treaties
// (docs/CLIR.md). Run it with
//
//	go test ./internal/app -run TestTreatyDev -v
//
// and add -args -treaty.debug=N to see the first N misses of each kind,
// or -args -treaty.q='the query' to see what one query searches for.
var (
	treatyDebug = flag.Int("treaty.debug", 0, "TestTreatyDev: print the first `N` misses of each system and query kind")
	treatyQuery = flag.String("treaty.q", "", "TestTreatyDev: print the expansion and top hits of this English `query`")
	treatyMax   = flag.Int("treaty.max", 0, "TestTreatyDev: run at most `N` queries of each kind within a time budget (0: all, no budget)")
	treatyAuto  = flag.Bool("treaty.auto", false, "TestTreatyDev: also send every query with lang=auto (the API's default)")
)

// The time tolk's queries of each kind may take, so that the test stays
// near a minute on a slow machine. The queries are in a fixed
// pseudo-random order (by a hash of treaty and article), so a run cut
// short measures a sample across the treaties, and the baseline answers
// the same queries; the table says when a kind was cut short.
const (
	sentenceBudget = 35 * time.Second
	headingBudget  = 15 * time.Second
)

// treatyLimit is the page searched per query: the API's default page, as a
// pasted query gets it. MRR@10 counts the documents in the order their
// first passage appears on it.
const treatyLimit = 10

// devArticle is one held-out article as the evaluation uses it.
type devArticle struct {
	treaties.Pair
	id        string // tolk's document id for the Dutch side
	sentence  string // the English first sentence ("" when shared or empty)
	enHeading string
	nlHeading string // normalised, to judge heading queries
	order     uint32 // where its queries come in the fixed order
}

// treatyQ is one query: its text and what answers it.
type treatyQ struct {
	text string
	art  *devArticle
}

// treatyScore adds up one system's answers to one kind of query.
type treatyScore struct {
	n, top1, errs, none, mali int
	rr                        float64
	took                      []time.Duration
	skipped                   int // queries left out when the time budget ran out
}

func (s *treatyScore) add(rank int, top string, noHits bool, took time.Duration) {
	s.n++
	if rank == 1 {
		s.top1++
	}
	if rank > 0 {
		s.rr += 1 / float64(rank)
	}
	if noHits {
		s.none++
	}
	if top == maliDocID {
		s.mali++
	}
	s.took = append(s.took, took)
}

// precision is P@1: the share of queries whose first document is right.
func (s *treatyScore) precision() float64 {
	if s.n == 0 {
		return 0
	}
	return float64(s.top1) / float64(s.n)
}

func (s *treatyScore) row(system, kind string) string {
	ms := func(p float64) float64 {
		if len(s.took) == 0 {
			return 0
		}
		ts := append([]time.Duration(nil), s.took...)
		sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
		return float64(ts[int(p*float64(len(ts)-1))].Microseconds()) / 1000
	}
	n := max(s.n, 1)
	row := fmt.Sprintf("| %-22s | %-14s | %4d | %5.3f | %6.3f | %4d | %5d | %6.1f | %6.1f | %5d |",
		system, kind, s.n, float64(s.top1)/float64(n), s.rr/float64(n), s.errs, s.none, ms(0.5), ms(0.9), s.mali)
	if s.skipped > 0 {
		row += fmt.Sprintf(" (time budget: %d queries not run)", s.skipped)
	}
	return row
}

// maliDocID is the Mali letter's document id in both systems.
const maliDocID = "kamerbrief-mali-2020"

// TestTreatyDev measures English→Dutch retrieval on the dev treaties
// (treaties.Dev): each held-out article's Dutch side is a document beside
// the Mali letter, and its English first sentence and English heading are
// the queries, sent as pasted. It prints tolk's figures and those of the
// FreeDict baseline (stock bleve, in the same run) and asserts only that
// the harness works; thresholds come with the lexicon.
func TestTreatyDev(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the treaty evaluation in -short mode (it takes about a minute)")
	}
	pairs, err := treaties.Read(sharedtest.Open(t, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	dict := readFreeDictInverted(t)
	ctx := context.Background()
	start := time.Now()

	a := openShippedOnDisk(t)
	if _, err := a.Document(maliDocID); err != nil {
		t.Fatalf("the Mali letter: %v", err)
	}

	var arts []*devArticle
	byID := map[string]*devArticle{}
	for _, p := range pairs {
		if !treaties.Dev(p.Doc) {
			continue
		}
		doc, err := a.AddDocument(ctx, p.Doc+"-art"+p.Article+".md", []byte(p.NL), ingest.Options{})
		if err != nil {
			t.Errorf("%s art. %s: %v", p.Doc, p.Article, err)
			continue
		}
		if byID[doc.ID] != nil {
			t.Fatalf("%s art. %s: document id %s taken", p.Doc, p.Article, doc.ID)
		}
		enH, enBody := treaties.Heading(p.EN)
		nlH, _ := treaties.Heading(p.NL)
		art := &devArticle{Pair: p, id: doc.ID, sentence: treaties.FirstSentence(enBody),
			enHeading: enH, nlHeading: strings.ToLower(nlH), order: fnv32(p.Doc + "/" + p.Article)}
		arts = append(arts, art)
		byID[doc.ID] = art
	}
	// A bulk load ends with its segments merged (Index.Compact).
	if err := a.Index().Compact(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d dev articles of %d treaty pairs added and compacted in %v", len(arts), len(pairs), time.Since(start).Round(time.Millisecond))

	// The first-sentence queries: only sentences no other dev article
	// shares, since a shared one has no single right answer.
	seen := map[string]int{}
	for _, art := range arts {
		seen[art.sentence]++
	}
	var sentences, headings []treatyQ
	for _, art := range arts {
		if art.sentence != "" && seen[art.sentence] == 1 {
			sentences = append(sentences, treatyQ{art.sentence, art})
		}
		if art.enHeading != "" && art.nlHeading != "" {
			headings = append(headings, treatyQ{art.enHeading, art})
		}
	}
	// A fixed pseudo-random order: a run cut short by -treaty.max or the
	// time budget measures a sample across all dev treaties.
	for _, qs := range [][]treatyQ{sentences, headings} {
		sort.SliceStable(qs, func(i, j int) bool { return qs[i].art.order < qs[j].art.order })
	}
	if len(arts) <= 300 || len(sentences) <= 200 {
		t.Fatalf("the harness found %d dev articles and %d unique first sentences; want more than 300 and 200", len(arts), len(sentences))
	}

	if *treatyQuery != "" {
		DebugTreatySearch(t, a, *treatyQuery, "en", "")
	}

	// A hit answers a sentence query when it is the article; a heading
	// query when it is any article with the same Dutch heading, since
	// articles headed alike ("Begripsomschrijvingen") cannot be told apart
	// by their heading.
	right := map[string]func(q treatyQ, doc string) bool{
		"first sentence": func(q treatyQ, doc string) bool { return doc == q.art.id },
		"heading": func(q treatyQ, doc string) bool {
			d := byID[doc]
			return d != nil && d.nlHeading == q.art.nlHeading
		},
	}
	kinds := []struct {
		name   string
		qs     []treatyQ
		budget time.Duration
	}{{"first sentence", sentences, sentenceBudget}, {"heading", headings, headingBudget}}

	var rows []string
	rank := func(q treatyQ, kind string, docs []string) int {
		for i, d := range docs {
			if i == 10 {
				break
			}
			if right[kind](q, d) {
				return i + 1
			}
		}
		return 0
	}

	// tolk, through BilingualSearch as the API calls it; then the
	// baseline on the very queries tolk answered.
	systems := []string{"en"}
	if *treatyAuto {
		systems = append(systems, "auto")
	}
	ran := map[string][]treatyQ{}
	tolkP1 := map[string]float64{}
	for _, lang := range systems {
		for _, k := range kinds {
			var s treatyScore
			misses := 0
			began := time.Now()
			qs := k.qs
			if *treatyMax > 0 && len(qs) > *treatyMax {
				qs = qs[:*treatyMax]
			}
			for i, q := range qs {
				if *treatyMax > 0 && time.Since(began) > k.budget {
					s.skipped = len(qs) - i
					qs = qs[:i]
					break
				}
				res, err := a.BilingualSearch(ctx, SearchRequest{Q: q.text, Lang: lang, Limit: treatyLimit})
				if err != nil {
					s.n++
					s.errs++
					if misses < *treatyDebug {
						misses++
						t.Logf("MISS tolk lang=%s %s %q\n\twant %s\n\terror %v", lang, k.name, q.text, q.art.id, err)
					}
					continue
				}
				docs := hitDocs(res)
				r := rank(q, k.name, docs)
				s.add(r, first(docs), len(res.Hits) == 0, res.Took)
				if r != 1 && misses < *treatyDebug {
					misses++
					logTreatyMiss(t, "tolk lang="+lang, k.name, q, r, docs)
					DebugTreatySearch(t, a, q.text, lang, q.art.id)
				}
			}
			if lang == "en" {
				ran[k.name] = qs
				tolkP1[k.name] = s.precision()
				if s.errs > 0 {
					t.Errorf("%s: %d pasted queries refused", k.name, s.errs)
				}
			}
			rows = append(rows, s.row("tolk lang="+lang, k.name))
		}
	}

	// The baseline: stock bleve nl, an OR of every FreeDict translation.
	bx := newFreeDictBaseline(t, a, arts)
	defer bx.Close()
	for _, k := range kinds {
		var s treatyScore
		misses := 0
		for _, q := range ran[k.name] {
			began := time.Now()
			docs, err := bx.search(dict, q.text)
			took := time.Since(began)
			if err != nil {
				t.Fatalf("baseline %q: %v", q.text, err)
			}
			r := rank(q, k.name, docs)
			s.add(r, first(docs), len(docs) == 0, took)
			if r != 1 && misses < *treatyDebug {
				misses++
				logTreatyMiss(t, "FreeDict baseline", k.name, q, r, docs)
			}
		}
		rows = append(rows, s.row("stock bleve + FreeDict", k.name))
		// The floors: issue 9's targets on held-out treaties are P@1 0.8
		// (first sentences) and 0.4 (headings); the dev set measures 0.84
		// and 0.61 (docs/CLIR.md). A change that loses more fails here.
		floor := map[string]float64{"first sentence": 0.80, "heading": 0.55}[k.name]
		if p := tolkP1[k.name]; *treatyMax == 0 && p < floor {
			t.Errorf("%s: tolk P@1 %.3f, want ≥ %.2f", k.name, p, floor)
		}
		if p := tolkP1[k.name]; p < s.precision()+0.2 {
			t.Errorf("%s: tolk P@1 %.3f is not well above the FreeDict baseline's %.3f", k.name, p, s.precision())
		}
		if k.name == "first sentence" && s.top1 == 0 {
			t.Errorf("the FreeDict baseline answers none of %d first sentences right: the harness is broken", s.n)
		}
	}

	if *treatyMax == 0 {
		// Phrases Dutch writes as one compound, from the articles' two
		// sides (TestNewsCLIR's compound kinds).
		en, nl, ids := make([]string, len(arts)), make([]string, len(arts)), make([]string, len(arts))
		for i, art := range arts {
			en[i], nl[i], ids[i] = art.EN, art.NL, art.id
		}
		rows = append(rows, compoundPhrases(t, a, bx, dict, en, nl, ids)...)
	}
	t.Logf("dev set: %d articles of %d dev treaties; %d unique English first sentences, %d English headings; at most %d of each kind (-treaty.max); page of %d passages per query",
		len(arts), treatyCount(arts), len(sentences), len(headings), *treatyMax, treatyLimit)
	t.Log("| system                 | queries        |    n |   P@1 | MRR@10 | errs | nohit | p50 ms | p90 ms |  Mali |")
	t.Log("|------------------------|----------------|------|-------|--------|------|-------|--------|--------|-------|")
	for _, r := range rows {
		t.Log(r)
	}
	t.Logf("total %v", time.Since(start).Round(time.Second))
}

func fnv32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// hitDocs lists the documents of a result's passages, each once, in the
// order of its first passage.
func hitDocs(res *SearchResult) []string {
	var docs []string
	seen := map[string]bool{}
	for _, h := range res.Hits {
		if !seen[h.Doc] {
			seen[h.Doc] = true
			docs = append(docs, h.Doc)
		}
	}
	return docs
}

func treatyCount(arts []*devArticle) int {
	docs := map[string]bool{}
	for _, a := range arts {
		docs[a.Doc] = true
	}
	return len(docs)
}

// first returns the top document, or "".
func first(docs []string) string {
	if len(docs) == 0 {
		return ""
	}
	return docs[0]
}

func logTreatyMiss(t *testing.T, system, kind string, q treatyQ, rank int, docs []string) {
	t.Helper()
	t.Logf("MISS %s %s %q\n\twant %s (rank %d; Dutch heading %q)\n\ttop %v",
		system, kind, q.text, q.art.id, rank, q.art.nlHeading, docs[:min(3, len(docs))])
}

// DebugTreatySearch runs one query through a's BilingualSearch and logs
// what it was expanded to and its top three documents with their best
// passage; want, when given, is the document that should come first.
func DebugTreatySearch(tb testing.TB, a *App, q, lang, want string) {
	tb.Helper()
	res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: q, Lang: lang, Limit: treatyLimit})
	if err != nil {
		tb.Logf("DEBUG %q: error %v", q, err)
		return
	}
	tb.Logf("DEBUG %q (lang %s, took %v, %d hits, did you mean %q)\n\texpanded %q", q, res.Lang, res.Took, res.Total, res.DidYouMean, res.Expanded)
	if want != "" {
		tb.Logf("\twant %s", want)
	}
	shown := map[string]bool{}
	for _, h := range res.Hits {
		if shown[h.Doc] || len(shown) == 3 {
			continue
		}
		shown[h.Doc] = true
		var why []string
		for _, m := range h.Matched {
			why = append(why, fmt.Sprintf("%s→%s (%s)", m.Query, m.Term, m.Via))
		}
		text := h.Text
		if len(text) > 160 {
			text = text[:160] + "…"
		}
		tb.Logf("\t%s %.3f %q\n\t\t%s", h.Doc, h.Score, text, strings.Join(why, "; "))
	}
}

// freeDictInverted maps an English word (lower case) to every FreeDict
// Dutch headword with a translation that has the word as a whole word.
type freeDictInverted map[string][]string

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// readFreeDictInverted inverts FreeDict Dutch→English
// (sharedtest.FreeDictInverted): the shared data has no English→Dutch
// direction worth using on its own (see CLIR.md).
func readFreeDictInverted(t testing.TB) freeDictInverted {
	return sharedtest.FreeDictInverted(t)
}

// freeDictBaseline is stock bleve: an in-memory scorch index with the
// built-in nl analyzer, one document per Dutch article plus the Mali
// letter.
type freeDictBaseline struct{ bleve.Index }

const baselineField = "nl"

func newFreeDictBaseline(t testing.TB, a *App, arts []*devArticle) freeDictBaseline {
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
	b := ix.NewBatch()
	mali, err := a.Document(maliDocID)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Index(maliDocID, map[string]string{baselineField: mali.Text}); err != nil {
		t.Fatal(err)
	}
	for _, art := range arts {
		if err := b.Index(art.id, map[string]string{baselineField: art.NL}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Batch(b); err != nil {
		t.Fatal(err)
	}
	return freeDictBaseline{ix}
}

// search ORs, for each English word of q, every FreeDict translation of
// it (each a match query), or the word as typed when it has none, and
// returns the ten best documents.
func (bx freeDictBaseline) search(dict freeDictInverted, q string) ([]string, error) {
	var words []query.Query
	for _, w := range wordRE.FindAllString(q, -1) {
		var alts []query.Query
		for _, nl := range dict[strings.ToLower(w)] {
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
		return nil, nil
	}
	res, err := bx.Search(bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(words...), 10, 0, false))
	if err != nil {
		return nil, err
	}
	docs := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		docs[i] = h.ID
	}
	return docs, nil
}
