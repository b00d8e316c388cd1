package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tolk-nl/tolk/index/decompound"
	"github.com/tolk-nl/tolk/internal/querymix"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// sameSearch runs q both ways — page and locations read from the
// search's snapshot (direct.go), and by searching again as before — and
// reports any difference in what Search returns.
func sameSearch(t *testing.T, ix *Index, r Request) {
	t.Helper()
	ctx := context.Background()
	want, err := ix.search(ctx, r, false)
	if err != nil {
		t.Fatalf("%v: %v", r.Query, err)
	}
	got, err := ix.search(ctx, r, true)
	if err != nil {
		t.Fatalf("%v: %v", r.Query, err)
	}
	if d := cmp.Diff(want, got, cmpopts.IgnoreFields(Result{}, "Took"), cmpopts.EquateEmpty()); d != "" {
		t.Errorf("%+v limit %d offset %d doc %q: (-searched +direct):\n%s", r.Query.Clauses, r.Limit, r.Offset, r.Doc, d)
	}
}

// variants are queries of every kind built from the words of q: phrases,
// required and excluded words, exact words, prefixes and fuzzy words.
func variants(q string) []string {
	ws := strings.Fields(q)
	out := []string{q, `"` + q + `"`, "=" + ws[0] + " " + strings.Join(ws[1:], " ")}
	if len(ws) > 1 {
		out = append(out, "+"+ws[0]+" "+strings.Join(ws[1:], " "), strings.Join(ws[1:], " ")+" -"+ws[0],
			ws[0]+" OR "+ws[len(ws)-1], `"`+ws[0]+` de `+ws[1]+`"`+" "+ws[0])
	}
	if w := ws[0]; len(w) >= 5 {
		out = append(out, w[:4]+"* "+strings.Join(ws[1:], " "), w+"~1 "+strings.Join(ws[1:], " "))
	}
	return out
}

func TestSearchDirectLetter(t *testing.T) {
	ix := letterIndex(t, Options{Decompounder: directSplitter()})
	qs := []string{
		"sancties", "sancties ECOWAS", "staatsgreep in Mali", "de het een", "de", "van de", "Secretaris-Generaal",
		"COVID-19 maatregelen", "humanitaire hulp Mali", "ontwikkelingssamenwerking", "veiligheidssituatie Sahel",
		"missie training", "Verenigde Naties", "Mali", "minister buitenlandse zaken", "grondwettelijke orde",
	}
	for _, q := range qs {
		for _, v := range variants(q) {
			pq, err := ParseQuery(v)
			if err != nil {
				continue
			}
			for _, r := range []Request{{Query: pq}, {Query: pq, Limit: 3, Offset: 2}, {Query: pq, Limit: 50}, {Query: pq, Limit: 5, Offset: 120}} {
				t.Run(fmt.Sprintf("%s/%d/%d", v, r.Limit, r.Offset), func(t *testing.T) { sameSearch(t, ix, r) })
			}
		}
	}
}

// TestSearchDirectBWB compares the two ways on the first BWB circulars
// with the Dutch mix and its variants.
func TestSearchDirectBWB(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short: indexes 60 BWB documents")
	}
	docs, err := querymix.ReadJSONL(sharedtest.Open(t, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	docs = docs[:min(60, len(docs))]
	ix, err := NewMemory(Options{Decompounder: directSplitter()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	var ps []Passage
	for _, d := range docs {
		section := ""
		off := 0
		for _, para := range strings.Split(d.Text, "\n\n") {
			start := off
			off += len(para) + 2
			text := strings.TrimSpace(para)
			if text == "" {
				continue
			}
			if strings.HasPrefix(text, "#") {
				section = strings.TrimSpace(strings.TrimLeft(text, "#"))
				continue
			}
			ps = append(ps, Passage{Doc: d.ID, Title: d.ID, Section: section, Paragraph: len(ps) + 1, Start: start, End: start + len(para), Text: text})
		}
	}
	// Several batches: several segments.
	for i := 0; i < len(ps); i += 700 {
		if err := ix.Add(context.Background(), ps[i:min(i+700, len(ps))]); err != nil {
			t.Fatal(err)
		}
	}
	done, left := evaluated.done.Load(), evaluated.left.Load()
	defer func() {
		// Most of the mix is evaluated term at a time (evaluate.go); only
		// shapes evaluate leaves to bleve fall back.
		d, l := evaluated.done.Load()-done, evaluated.left.Load()-left
		t.Logf("windows evaluated directly: %d, left to bleve: %d", d, l)
		if d < 9*l || d == 0 {
			t.Errorf("only %d windows evaluated directly, %d left to bleve", d, l)
		}
	}()
	mix := querymix.Dutch(docs, 200, querymix.DefaultSeed)
	// Queries of more than ten words (bleve's heap disjunction, whose
	// sums evaluate replays) and a prefix of many words.
	for i := 0; i+3 < len(mix); i += 12 {
		long := strings.Join(mix[i:i+4], " ")
		if len(strings.Fields(long)) <= 10 {
			long += " " + strings.Join(mix[i+4:min(i+8, len(mix))], " ")
		}
		for _, v := range []string{long, "ver* " + mix[i], "+" + long} {
			pq, err := ParseQuery(v)
			if err != nil {
				continue
			}
			sameSearch(t, ix, Request{Query: pq})
			sameSearch(t, ix, Request{Query: pq, Limit: 20, Offset: 10})
		}
	}
	for i, q := range mix {
		vs := []string{q}
		if i%4 == 0 {
			vs = variants(q)
		}
		for _, v := range vs {
			pq, err := ParseQuery(v)
			if err != nil {
				continue
			}
			sameSearch(t, ix, Request{Query: pq})
			if i%10 == 0 {
				sameSearch(t, ix, Request{Query: pq, Limit: 20, Offset: 10})
				sameSearch(t, ix, Request{Query: pq, Doc: docs[i%len(docs)].ID})
			}
		}
	}
}

// directSplitter is the real compound splitter, built once.
var directSplitter = sync.OnceValue(func() *decompound.Splitter { return decompound.New() })

func TestLeavesOf(t *testing.T) {
	for _, c := range []struct {
		name string
		q    func() query.Query
		ok   bool
		n    int
	}{
		{"terms", func() query.Query {
			return bleve.NewDisjunctionQuery(termQ("a", fieldText, 1), termQ("a", fieldExact, 1))
		}, true, 2},
		{"filter field", func() query.Query {
			return bleve.NewConjunctionQuery(termQ("a", fieldText, 1), termQ("d", fieldDoc, 1))
		}, true, 1},
		{"phrase", func() query.Query { return bleve.NewPhraseQuery([]string{"a", "", "b"}, fieldText) }, true, 1},
		{"prefix", func() query.Query { return bleve.NewPrefixQuery("abc") }, false, 0},
		{"must not", func() query.Query {
			b := bleve.NewBooleanQuery()
			b.AddShould(termQ("a", fieldText, 1))
			b.AddMustNot(termQ("b", fieldText, 1))
			return b
		}, true, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			ls, ok := leavesOf(c.q())
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v", ok, c.ok)
			}
			if ok && len(ls.leaves) != c.n {
				t.Errorf("%d leaves, want %d", len(ls.leaves), c.n)
			}
		})
	}
}

// TestSearchWeightedDirect compares the weighted search's page read from
// the snapshot with the page loaded by searching for its passages.
func TestSearchWeightedDirect(t *testing.T) {
	ix := letterIndex(t, Options{Decompounder: directSplitter()})
	ctx := context.Background()
	for _, cs := range [][]Concept{
		{word("sancties"), word("ECOWAS")},
		{{Alts: []Alt{{Text: "staatsgreep", P: 0.7}, {Text: "coup", P: 0.3, Exact: true}}}, word("Mali")},
		{{Alts: []Alt{{Text: "Verenigde Naties"}, {Text: "VN", Exact: true}}}, word("missie")},
		{{Alts: []Alt{{Text: Key("nl", "veiligheid"), Key: true}}}, word("Sahel"), {Occur: MustNot, Alts: []Alt{{Text: "Niger"}}}},
		{{Occur: Must, Alts: []Alt{{Text: "ECOWAS"}}}, word("regering")},
		{{Alts: []Alt{{Text: "militaire junta"}, {Text: "junta", P: 0.5}}}},
	} {
		for _, r := range []WeightedRequest{{Concepts: cs}, {Concepts: cs, Limit: 4, Offset: 3}, {Concepts: cs, Limit: 50}, {Concepts: cs, Doc: "mali"}} {
			t.Run(fmt.Sprintf("%v/%d/%d", cs[0].Alts[0].Text, r.Limit, r.Offset), func(t *testing.T) {
				want, err := ix.searchWeighted(ctx, r, false)
				if err != nil {
					t.Fatal(err)
				}
				got, err := ix.searchWeighted(ctx, r, true)
				if err != nil {
					t.Fatal(err)
				}
				if len(want.Hits) == 0 && r.Doc == "" && r.Offset == 0 {
					t.Errorf("no hits: the comparison compares nothing")
				}
				if d := cmp.Diff(want, got, cmpopts.IgnoreFields(Result{}, "Took"), cmpopts.EquateEmpty()); d != "" {
					t.Errorf("(-searched +direct):\n%s", d)
				}
			})
		}
	}
}

// TestSearchDirectWhileWriting searches from several goroutines while
// passages are added and deleted, so that the snapshots the searches
// hold are replaced under them (run with -race).
func TestSearchDirectWhileWriting(t *testing.T) {
	ix := letterIndex(t, Options{})
	ctx := context.Background()
	ps := letterPassages(t)
	qs := []string{"sancties ECOWAS", "staatsgreep Mali", `"Verenigde Naties" missie`, "de", "humanitaire hulp bevolking"}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	stop := make(chan struct{})
	for g := range 3 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				pq, err := ParseQuery(qs[(g+i)%len(qs)])
				if err != nil {
					errs <- err
					return
				}
				if _, err := ix.Search(ctx, Request{Query: pq, Limit: 5}); err != nil {
					errs <- err
					return
				}
				if _, err := ix.SearchWeighted(ctx, WeightedRequest{Concepts: []Concept{word("sancties"), word("Mali")}}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for round := range 8 {
		batch := make([]Passage, 0, 20)
		for i, p := range ps[:min(20, len(ps))] {
			p.Doc = fmt.Sprintf("extra-%d", round)
			p.ID = ""
			p.Paragraph = i + 1
			batch = append(batch, p)
		}
		if err := ix.Add(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if round%2 == 1 {
			if err := ix.DeleteDoc(ctx, fmt.Sprintf("extra-%d", round-1)); err != nil {
				t.Fatal(err)
			}
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// FuzzSearchDirect checks that any query gives the same result evaluated
// term at a time (evaluate.go) and read from the snapshot (direct.go) as
// bleve's own search with locations and stored fields, on the letter in
// several segments with a deleted passage.
func FuzzSearchDirect(f *testing.F) {
	for _, q := range []string{
		"sancties ECOWAS", `"staatsgreep in Mali"`, "+Mali -ECOWAS missie", "=sancties", "sanc* Mali",
		"sancties~1 coup", "(staatsgreep OR coup) Mali^2", "de het een", "Secretaris-Generaal", "COVID-19 maatregelen",
		"a b c d e f g h i j k l", "mensenrechten rechtsstaat democratie transitie verkiezingen junta",
	} {
		f.Add(q)
	}
	ps := letterPassages(f)
	ix, err := NewMemory(Options{Decompounder: directSplitter()})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { ix.Close() })
	ctx := context.Background()
	for i := 0; i < len(ps); i += 6 {
		if err := ix.Add(ctx, ps[i:min(i+6, len(ps))]); err != nil {
			f.Fatal(err)
		}
	}
	if err := ix.Delete(ctx, []string{passageID(ps[4])}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		pq := ParseQueryLenient(q)
		if pq == nil || len(pq.Clauses) == 0 {
			return
		}
		r := Request{Query: pq, Limit: 5, Offset: 1}
		want, werr := ix.search(ctx, r, false)
		got, gerr := ix.search(ctx, r, true)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%q: bleve's search: %v; direct: %v", q, werr, gerr)
		}
		if werr != nil {
			return
		}
		if d := cmp.Diff(want, got, cmpopts.IgnoreFields(Result{}, "Took"), cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%q (-searched +direct):\n%s", q, d)
		}
	})
}

// TestUnionArena checks that a union made in the arena's free room keeps
// it (what is taken after it does not overwrite it) and that a union that
// outgrows the room is whole and leaves the arena as it was.
func TestUnionArena(t *testing.T) {
	list := func(docs ...uint64) hitList {
		tfn := make([]float64, len(docs))
		for i := range tfn {
			tfn[i] = 1
		}
		return hitList{docs: docs, tfn: tfn, idf: 1, qw: 1}
	}
	kids := []hitList{list(1, 3, 5, 7), list(2, 3, 6, 7, 9)}
	want := []uint64{1, 2, 3, 5, 6, 7, 9}
	check := func(hl hitList) {
		t.Helper()
		if !slices.Equal(hl.docs, want) || len(hl.scores) != len(want) {
			t.Fatalf("union = %v (%d scores), want %v", hl.docs, len(hl.scores), want)
		}
		for i, d := range hl.docs {
			s := 0.5
			if d == 3 || d == 7 {
				s = 2
			}
			if hl.scores[i] != s {
				t.Fatalf("passage %d scores %v, want %v", d, hl.scores[i], s)
			}
		}
	}

	var mem arena
	hl := union(&mem, kids, 1)
	// What is taken next must not be the union's memory.
	next := mem.uints(16)[:16]
	nextF := mem.floats(16)[:16]
	for i := range next {
		next[i], nextF[i] = 99, 99
	}
	check(hl)
	if len(mem.u) != len(want)+16 {
		t.Errorf("arena holds %d passages, want %d (the union's and the next list's)", len(mem.u), len(want)+16)
	}

	// An arena with room for 5: the union of 7 outgrows it.
	small := arena{u: make([]uint64, 10, 15), f: make([]float64, 10, 15)}
	hl = union(&small, kids, 1)
	check(hl)
	if len(small.u) != 10 || len(small.f) != 10 {
		t.Errorf("arena grew to %d / %d after a union that left it, want 10", len(small.u), len(small.f))
	}
	hl = heapUnion(&small, kids, 1)
	check(hl)
}
