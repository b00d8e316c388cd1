package index

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReopen checks that an on-disk index keeps its passages across
// Close and Open, and that Open does not index anything again.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := letterPassages(t)
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	if n != uint64(len(ps)) {
		t.Fatalf("after reopening: %d passages, want %d", n, len(ps))
	}
	res := searchQ(t, ix, "staatsgrepen", 10)
	if res.Total == 0 || res.Hits[0].Doc != ps[0].Doc || res.Hits[0].Title == "" {
		t.Errorf("search after reopening: %+v", res)
	}

	// Another analysis (here: with a Decompounder) cannot use these keys.
	ix2, err := Open(dir+"-other", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix2.Close()
	if _, err := Open(dir+"-other", Options{Decompounder: testSplitter{}}); !errors.Is(err, ErrAnalysisChanged) {
		t.Errorf("Open with another analysis: err = %v, want ErrAnalysisChanged", err)
	}

	// A splitter that names its inputs: built from other terms, it splits
	// other words, so the keys are another analysis's; the same inputs
	// open the index.
	ix3, err := Open(dir+"-keyed", Options{Decompounder: keyedSplitter{key: "a"}})
	if err != nil {
		t.Fatal(err)
	}
	ix3.Close()
	if _, err := Open(dir+"-keyed", Options{Decompounder: keyedSplitter{key: "b"}}); !errors.Is(err, ErrAnalysisChanged) {
		t.Errorf("Open with a splitter of other inputs: err = %v, want ErrAnalysisChanged", err)
	}
	ix3, err = Open(dir+"-keyed", Options{Decompounder: keyedSplitter{key: "a"}})
	if err != nil {
		t.Fatalf("Open with the same splitter's inputs: %v", err)
	}
	ix3.Close()
}

// keyedSplitter splits nothing and names its inputs key.
type keyedSplitter struct{ key string }

func (keyedSplitter) Split(string) []string { return nil }
func (s keyedSplitter) Key() string         { return s.key }

func TestPassageFieldsAndFilters(t *testing.T) {
	ctx := context.Background()
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ps := []Passage{
		{ID: "a#1", Doc: "a", Title: "Brief A", Section: "1. Inleiding", Paragraph: 1, Start: 0, End: 40, Text: "De staatsgreep in Mali & de <gevolgen>."},
		{ID: "a#2", Doc: "a", Title: "Brief A", Section: "2. Reacties", Paragraph: 2, Start: 41, End: 80, Text: "Sancties na de staatsgreep."},
		{Doc: "b", Title: "Brief B", Paragraph: 7, Start: 5, End: 30, Text: "Geen staatsgreep in Niger."},
	}
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	q, _ := ParseQuery("staatsgreep")

	res, err := ix.Search(ctx, Request{Query: q, Doc: "a", Section: "1. Inleiding"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("filtered search: %d hits, want 1", len(res.Hits))
	}
	got := res.Hits[0]
	if diff := cmp.Diff(ps[0], got.Passage); diff != "" {
		t.Errorf("passage (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"De <mark>staatsgreep</mark> in Mali &amp; de &lt;gevolgen&gt;."}, got.Fragments); diff != "" {
		t.Errorf("fragments (-want +got):\n%s", diff)
	}

	res, err = ix.Search(ctx, Request{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	wantFacets := map[string][]Facet{
		"doc":     {{Value: "a", Count: 2}, {Value: "b", Count: 1}},
		"section": {{Value: "1. Inleiding", Count: 1}, {Value: "2. Reacties", Count: 1}},
	}
	if diff := cmp.Diff(wantFacets, res.Facets); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
	if res.Total != 3 {
		t.Errorf("total %d, want 3", res.Total)
	}
	page, err := ix.Search(ctx, Request{Query: q, Limit: 1, Offset: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Hits) != 1 || page.Hits[0].ID != res.Hits[2].ID {
		t.Errorf("page 3 of 1: %+v, want %s", page.Hits, res.Hits[2].ID)
	}
	if res.Hits[2].ID == "" {
		t.Error("empty ID")
	}

	if err := ix.DeleteDoc(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 1 {
		t.Errorf("after DeleteDoc: %d passages, want 1", n)
	}
	res, _ = ix.Search(ctx, Request{Query: q})
	if len(res.Hits) != 1 || res.Hits[0].ID != "b#7" {
		t.Errorf("after DeleteDoc: hits %+v, want only b#7", res.Hits)
	}
}

func TestAddHonoursContext(t *testing.T) {
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ix.Add(ctx, letterPassages(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("Add with a cancelled context: %v, want context.Canceled", err)
	}
}

// TestHyphensAndPhrases checks that words written with hyphens are found
// as written, that a phrase with stop words inside matches on the stemmed
// field too (the stop words leave gaps that line up with the index), and
// that a phrase beginning or ending with a stop word keeps it: it is
// matched as written ("in Mali" is not any Mali).
func TestHyphensAndPhrases(t *testing.T) {
	ctx := context.Background()
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ps := []Passage{
		{ID: "1", Doc: "d", Text: "De EU-instellingen bespraken COVID-19 met de Secretaris-Generaal."},
		{ID: "2", Doc: "d", Text: "De instellingen van de EU en COVID in 2019."},
		{ID: "3", Doc: "d", Text: "Staatsgrepen in Mali en staatsgreep elders."},
		{ID: "4", Doc: "d", Text: "Mali en de staatsgreep van augustus."},
	}
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string // IDs in rank order
	}{
		{"EU-instellingen", []string{"1"}},
		{"COVID-19", []string{"1"}},
		{"Secretaris-Generaal", []string{"1"}},
		{`"staatsgreep in Mali"`, []string{"3"}}, // stemmed field: staatsgrepen in Mali
		{`"staatsgrepen in Mali"`, []string{"3"}},
		{`"EU instellingen"`, []string{"1"}},
		{`"in Mali"`, []string{"3"}},
		{`"staatsgreep in"`, nil}, // only "staatsgrepen in" (3), which is not as written
		{`"staatsgrepen in"`, []string{"3"}},
		{`"de staatsgreep"`, []string{"4"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res := searchQ(t, ix, tt.q, 10)
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
		})
	}
}
