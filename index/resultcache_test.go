package index

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignoreTook leaves out the one field a cached answer may not share.
var ignoreTook = cmpopts.IgnoreFields(Result{}, "Took")

// TestResultCacheAnswersAsSearch asks each request twice of an index with
// a cache and compares both answers with the uncached search's: the
// second comes from the cache (the counters say so) and is the same.
func TestResultCacheAnswersAsSearch(t *testing.T) {
	ix := letterIndex(t, Options{Decompounder: directSplitter(), ResultCache: 8 << 20})
	ctx := context.Background()
	qs := []string{"sancties", "staatsgreep in Mali", `"constitutionele orde"`, "staats*", "Takuba~", "+Mali -ECOWAS", "de"}
	for _, q := range qs {
		pq, err := ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []Request{{Query: pq}, {Query: pq, Limit: 3, Offset: 2}, {Query: pq, AllDocFacets: true}} {
			want := uncached(t, ix, r)
			before := ix.CacheStats()
			for round := range 2 {
				got, err := ix.Search(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(want, got, ignoreTook); d != "" {
					t.Errorf("%q limit %d offset %d, round %d (-uncached +cached):\n%s", q, r.Limit, r.Offset, round, d)
				}
			}
			after := ix.CacheStats()
			if after.Hits != before.Hits+1 || after.Misses != before.Misses+1 {
				t.Errorf("%q: hits %d→%d, misses %d→%d; want one of each", q, before.Hits, after.Hits, before.Misses, after.Misses)
			}
		}
	}
}

// uncached answers r on ix without its cache (neither the answers nor the
// windows it keeps).
func uncached(t *testing.T, ix *Index, r Request) *Result {
	t.Helper()
	c := ix.cache
	ix.cache = nil
	defer func() { ix.cache = c }()
	res, err := ix.Search(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestResultCacheWindowPages pages through result lists: every page after
// the first is read from the window the first evaluated (the counters say
// so) and is the same as the uncached search's page, field by field.
func TestResultCacheWindowPages(t *testing.T) {
	ix := letterIndex(t, Options{Decompounder: directSplitter(), ResultCache: 8 << 20})
	ctx := context.Background()
	for _, tc := range []struct {
		q       string
		windows bool // read leaf by leaf (direct.go), so windows are kept
	}{
		{"sancties Mali", true}, {"de", true}, {"staatsgreep in Mali", true}, {`"constitutionele orde"`, true},
		{"+Mali -ECOWAS", true},
		{"staats*", false}, // a prefix's expansion is searched by bleve
	} {
		q := tc.q
		pq, err := ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		pages := []Request{{Query: pq, AllDocFacets: true}}
		for off := 10; off <= 120; off += 10 {
			pages = append(pages, Request{Query: pq, Offset: off, AllDocFacets: true})
		}
		pages = append(pages, Request{Query: pq, Offset: 2, Limit: 3, AllDocFacets: true}, Request{Query: pq, Offset: 85, Limit: 20, AllDocFacets: true})
		before := ix.CacheStats()
		for _, r := range pages {
			want := uncached(t, ix, r)
			got, err := ix.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got, ignoreTook); d != "" {
				t.Errorf("%q offset %d limit %d (-uncached +cached):\n%s", q, r.Offset, r.Limit, d)
			}
		}
		// A page is read from the window of its block (the best 100,
		// 200, …) when a page before it evaluated that window.
		want := 0
		if tc.windows {
			evaluated := map[int]bool{}
			for _, r := range pages {
				limit := r.Limit
				if limit <= 0 {
					limit = DefaultLimit
				}
				w := blockWindow(r.Offset + limit)
				if evaluated[w] {
					want++
				}
				evaluated[w] = true
			}
		}
		if w := ix.CacheStats().WindowHits - before.WindowHits; w != uint64(want) {
			t.Errorf("%q: %d pages read from a window, want %d", q, w, want)
		}
	}
}

// TestResultCacheWeighted does the same for weighted searches.
func TestResultCacheWeighted(t *testing.T) {
	ix := letterIndex(t, Options{Decompounder: directSplitter(), ResultCache: 8 << 20})
	ctx := context.Background()
	r := WeightedRequest{Concepts: []Concept{
		{Alts: []Alt{{Text: "sancties", P: 0.7}, {Text: "strafmaatregelen", P: 0.3}}},
		{Alts: []Alt{{Text: "Mali", Exact: true}}},
	}, AllDocFacets: true}
	want, err := ix.searchWeighted(ctx, r, true)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		got, err := ix.SearchWeighted(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got, ignoreTook); d != "" {
			t.Errorf("round %d (-uncached +cached):\n%s", round, d)
		}
	}
	if s := ix.CacheStats(); s.Hits != 1 {
		t.Errorf("hits = %d, want 1", s.Hits)
	}
	// A different probability is a different request.
	r.Concepts[0].Alts[0].P = 0.5
	if _, err := ix.SearchWeighted(ctx, r); err != nil {
		t.Fatal(err)
	}
	if s := ix.CacheStats(); s.Hits != 1 {
		t.Errorf("after changing P: hits = %d, want still 1", s.Hits)
	}
}

// cachedLetter returns the letter's index with a result cache and the
// request of query q.
func cachedLetter(t *testing.T, q string) (*Index, Request) {
	t.Helper()
	pq, err := ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	return letterIndex(t, Options{Decompounder: directSplitter(), ResultCache: 8 << 20}), Request{Query: pq}
}

// TestResultCacheSeesChanges changes the index between two identical
// searches: the second must see the change, not the cached answer.
func TestResultCacheSeesChanges(t *testing.T) {
	ix, r := cachedLetter(t, "zeppelinhangar")
	ctx := context.Background()
	for range 2 {
		res, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 0 {
			t.Fatalf("total %d before the word was added, want 0", res.Total)
		}
	}
	if err := ix.Add(ctx, []Passage{{Doc: "new", Paragraph: 1, Text: "Een zeppelinhangar in Mali.", End: 27}}); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].Doc != "new" {
		t.Fatalf("after adding: total %d, hits %+v; want the new passage", res.Total, res.Hits)
	}
	if err := ix.DeleteDoc(ctx, "new"); err != nil {
		t.Fatal(err)
	}
	if res, err = ix.Search(ctx, r); err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 {
		t.Fatalf("after deleting: total %d, want 0", res.Total)
	}
}

// TestResultCacheCopies changes an answer the cache gave: the next answer
// must not show the change.
func TestResultCacheCopies(t *testing.T) {
	ix, r := cachedLetter(t, "sancties Mali")
	r.AllDocFacets = true
	ctx := context.Background()
	want, err := ix.search(ctx, r, true)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		got, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got, ignoreTook); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
		got.Hits[0].Fragments[0] = "changed"
		got.Hits[0].Terms[0].Term = "changed"
		got.Hits = got.Hits[:1]
		got.Facets["doc"][0].Count = -1
		got.Facets["section"] = nil
	}
}

// TestResultCacheBounded fills a cache four times its largest answer with
// more answers than fit: what it holds stays within its size, the most
// recent answer is kept and the oldest evicted.
func TestResultCacheBounded(t *testing.T) {
	ctx := context.Background()
	qs := []string{"sancties", "Mali", "staatsgreep", "ECOWAS", "humanitaire hulp", "veiligheid", "Sahel", "minister", "orde", "missie", "regering", "Nederland"}
	reqs := make([]Request, len(qs))
	plain := letterIndex(t, Options{Decompounder: directSplitter()})
	var largest, sum int64
	for i, q := range qs {
		pq, err := ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		reqs[i] = Request{Query: pq, Limit: 20}
		res, err := plain.Search(ctx, reqs[i])
		if err != nil {
			t.Fatal(err)
		}
		n := resultSize(requestKey(reqs[i]), res)
		largest, sum = max(largest, n), sum+n
	}
	limit := 4 * largest
	if sum <= limit {
		t.Fatalf("the answers hold %d bytes, the cache %d: the test no longer makes it evict", sum, limit)
	}
	ix := letterIndex(t, Options{Decompounder: directSplitter(), ResultCache: limit})
	for i, r := range reqs {
		if _, err := ix.Search(ctx, r); err != nil {
			t.Fatal(err)
		}
		if s := ix.CacheStats(); s.Bytes > limit || s.Entries == 0 {
			t.Fatalf("after %q: %d entries, %d bytes held, limit %d", qs[i], s.Entries, s.Bytes, limit)
		}
	}
	for i, r := range []Request{reqs[len(reqs)-1], reqs[0]} {
		before := ix.CacheStats().Hits
		if _, err := ix.Search(ctx, r); err != nil {
			t.Fatal(err)
		}
		if hit := ix.CacheStats().Hits > before; hit != (i == 0) {
			t.Errorf("request %d: cache hit %t, want %t", i, hit, i == 0)
		}
	}
}

// TestRequestKeys: requests that can answer differently have different
// keys.
func TestRequestKeys(t *testing.T) {
	q := func(alts ...Term) *Query { return &Query{Clauses: []Clause{{Alts: alts}}} }
	reqs := map[string]Request{
		"plain":        {Query: q(Term{Text: "ab"})},
		"other text":   {Query: q(Term{Text: "abc"})},
		"two alts":     {Query: q(Term{Text: "a"}, Term{Text: "b"})},
		"joined":       {Query: q(Term{Text: "a b"})},
		"two clauses":  {Query: &Query{Clauses: []Clause{{Alts: []Term{{Text: "a"}}}, {Alts: []Term{{Text: "b"}}}}}},
		"must":         {Query: &Query{Clauses: []Clause{{Occur: Must, Alts: []Term{{Text: "ab"}}}}}},
		"phrase":       {Query: q(Term{Text: "ab", Phrase: true})},
		"prefix":       {Query: q(Term{Text: "ab", Prefix: true})},
		"fuzzy":        {Query: q(Term{Text: "ab", Fuzzy: 1})},
		"boost":        {Query: q(Term{Text: "ab", Boost: 2})},
		"exact":        {Query: q(Term{Text: "ab", Exact: true})},
		"limit":        {Query: q(Term{Text: "ab"}), Limit: 20},
		"offset":       {Query: q(Term{Text: "ab"}), Offset: 10},
		"doc":          {Query: q(Term{Text: "ab"}), Doc: "x"},
		"section":      {Query: q(Term{Text: "ab"}), Section: "x"},
		"no docs":      {Query: q(Term{Text: "ab"}), Docs: []string{}},
		"docs":         {Query: q(Term{Text: "ab"}), Docs: []string{"x"}},
		"docs split":   {Query: q(Term{Text: "ab"}), Docs: []string{"x", "y"}},
		"docs joined":  {Query: q(Term{Text: "ab"}), Docs: []string{"x,y"}},
		"all facets":   {Query: q(Term{Text: "ab"}), AllDocFacets: true},
		"doc+section":  {Query: q(Term{Text: "ab"}), Doc: "x", Section: "y"},
		"doc=section+": {Query: q(Term{Text: "ab"}), Doc: "x1:y"},
	}
	seen := map[string]string{}
	for name, r := range reqs {
		k := requestKey(r)
		if other, ok := seen[k]; ok {
			t.Errorf("%s and %s have the same key %q", name, other, k)
		}
		seen[k] = name
		if requestKey(r) != k {
			t.Errorf("%s: key not stable", name)
		}
	}
	w := WeightedRequest{Concepts: []Concept{{Alts: []Alt{{Text: "ab"}}}}}
	if weightedKey(w) == requestKey(reqs["plain"]) {
		t.Error("a weighted and a plain request share a key")
	}
}

// TestResultCacheConcurrentChanges searches from several goroutines while
// passages are added one by one: a search that starts after an addition
// has returned must see it, whatever the cache held or other searches
// stored meanwhile (the totals only grow, so an answer of an older state
// is smaller than the additions already made).
func TestResultCacheConcurrentChanges(t *testing.T) {
	ix, r := cachedLetter(t, "zeppelinhangar")
	ctx := context.Background()
	const adds = 8
	var added atomic.Int64 // additions that have returned
	stop := make(chan struct{})
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				before := added.Load()
				res, err := ix.Search(ctx, r)
				if err != nil {
					errs <- err
					return
				}
				if int64(res.Total) < before || res.Total > adds {
					errs <- fmt.Errorf("total %d after %d additions had returned", res.Total, before)
					return
				}
			}
		}()
	}
	for i := range adds {
		if err := ix.Add(ctx, []Passage{{Doc: fmt.Sprintf("new%d", i), Paragraph: 1, Text: "Een zeppelinhangar in Mali.", End: 27}}); err != nil {
			t.Fatal(err)
		}
		added.Add(1)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	res, err := ix.Search(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != adds {
		t.Errorf("at the end: total %d, want %d", res.Total, adds)
	}
}
