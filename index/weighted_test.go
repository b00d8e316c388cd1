package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// weightedPassages are hand-written Dutch passages: a tax treaty, a
// letter on Mali and filler articles that make "verdrag" a common word.
// Some pairs differ in one respect only (regering/overheid, a short and
// a long passage with the same match), so that a ranking test can tell
// which respect decided it. The long passages come first: where scores
// tie, the earlier passage wins, so a test of length normalisation cannot
// pass by insertion order.
var weightedPassages = []Passage{
	{ID: "b1", Doc: "belastingverdrag", Section: "Artikel 1. Personen", Text: "Dit verdrag is van toepassing op personen die inwoner zijn van een van beide staten."},
	{ID: "b2", Doc: "belastingverdrag", Section: "Artikel 1. Personen", Text: "Het verdrag, het verdrag en nogmaals het verdrag: verdrag na verdrag na verdrag."},
	{ID: "b3", Doc: "belastingverdrag", Section: "Artikel 1. Personen", Text: "De belasting op inkomen wordt geheven door de staat waarvan de persoon inwoner is."},
	{ID: "b4", Doc: "belastingverdrag", Section: "Artikel 2. Grondgebied", Text: "Het grondgebied van het Koninkrijk der Nederlanden omvat het Europese deel."},
	{ID: "b5", Doc: "belastingverdrag", Section: "Artikel 2. Grondgebied", Text: "De regering van het Koninkrijk stelt het verdrag vast."},
	{ID: "b6", Doc: "belastingverdrag", Section: "Artikel 2. Grondgebied", Text: "De overheid van het Koninkrijk stelt het verdrag vast."},
	{ID: "b7", Doc: "belastingverdrag", Section: "Artikel 3. Ontwikkelingssamenwerking", Text: "Beide staten werken samen bij de uitvoering van dit verdrag."},
	{ID: "m1", Doc: "brief-mali", Section: "1. Inleiding", Text: "De minister van Buitenlandse Zaken schrijft over de staatsgreep in Mali."},
	{ID: "m2", Doc: "brief-mali", Section: "1. Inleiding", Text: "Mali en de Europese Unie overleggen over de missie."},
	{ID: "m3", Doc: "brief-mali", Section: "1. Inleiding", Text: "De Afrikaanse Unie en de Europese commissie zwijgen."},
	{ID: "m4", Doc: "brief-mali", Section: "2. Ontwikkelingssamenwerking", Text: "Nederland steunt ontwikkelingssamenwerking in Mali met een programma."},
	{ID: "m5", Doc: "brief-mali", Section: "2. Ontwikkelingssamenwerking", Text: "De Malinese regering heeft het programma aanvaard."},
	{ID: "l2", Doc: "depositaris", Section: "Artikel 1. Personen", Text: "Over de rol van de Europese Unie als depositaris van de akten en protocollen van de Raad zijn door de lidstaten en de commissie in de loop der jaren vele afspraken gemaakt."},
	{ID: "l1", Doc: "depositaris", Section: "Artikel 1. Personen", Text: "De Europese Unie is depositaris."},
	{ID: "x1", Doc: "depositaris", Section: "Artikel 9. Slotbepalingen", Text: "De verdragen worden neergelegd bij de secretaris-generaal."},
	{ID: "f1", Doc: "overig", Section: "Artikel 9. Slotbepalingen", Text: "Het verdrag treedt in werking op de eerste dag van de tweede maand na de kennisgeving."},
	{ID: "f2", Doc: "overig", Section: "Artikel 9. Slotbepalingen", Text: "Elke staat kan het verdrag opzeggen door een schriftelijke kennisgeving aan de andere staat."},
	{ID: "f3", Doc: "overig", Section: "Artikel 9. Slotbepalingen", Text: "Het verdrag blijft van kracht zolang het niet door een van de partijen is opgezegd."},
	{ID: "f4", Doc: "overig", Section: "Artikel 9. Slotbepalingen", Text: "Ter bevestiging hiervan hebben de ondergetekenden dit verdrag ondertekend te Den Haag."},
}

func newWeightedIndex(t *testing.T, ps []Passage) *Index {
	t.Helper()
	return memIndex(t, Options{}, ps)
}

// memIndex returns an in-memory index with opt holding ps, closed when
// the test ends.
func memIndex(t *testing.T, opt Options, ps []Passage) *Index {
	t.Helper()
	ix, err := NewMemory(opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Add(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
	return ix
}

func searchW(t *testing.T, ix *Index, r WeightedRequest) *Result {
	t.Helper()
	res, err := ix.SearchWeighted(context.Background(), r)
	if err != nil {
		t.Fatalf("SearchWeighted: %v", err)
	}
	return res
}

func hitIDs(res *Result) []string {
	ids := []string{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// word is a concept of one Dutch word, as written.
func word(w string) Concept { return Concept{Alts: []Alt{{Text: w}}} }

// keysOf is what the index holds for a passage: the keys of its text and
// of its section heading.
func keysOf(ix *Index, p Passage) map[string]bool {
	m := map[string]bool{}
	for _, k := range ix.Keys("nl", p.Text+" "+p.Section) {
		m[k] = true
	}
	return m
}

// withKey lists, in corpus order, the passages whose text or heading has
// the key of each word in ws (all of them), computed from Keys rather
// than by searching.
func withKey(ix *Index, ws ...string) []string {
	var out []string
	for _, p := range weightedPassages {
		ks, all := keysOf(ix, p), true
		for _, w := range ws {
			all = all && ks[Key("nl", w)]
		}
		if all {
			out = append(out, p.ID)
		}
	}
	return out
}

func sorted(ss []string) []string {
	ss = slices.Clone(ss)
	sort.Strings(ss)
	return ss
}

func TestSearchWeightedRanking(t *testing.T) {
	ix := newWeightedIndex(t, weightedPassages)
	tests := []struct {
		name     string
		concepts []Concept
		first    string      // the best passage
		above    [][2]string // passage [0] scores higher than passage [1]
		absent   []string    // passages that must not match
	}{
		{
			name:     "coverage beats repeating a common concept",
			concepts: []Concept{word("verdrag"), word("belasting"), word("inwoner")},
			first:    "b3",
			above:    [][2]string{{"b3", "b2"}, {"b1", "b2"}},
		},
		{
			name:     "a rare concept outweighs a common one",
			concepts: []Concept{word("verdrag"), word("grondgebied")},
			first:    "b4",
			above:    [][2]string{{"b4", "b2"}, {"b4", "f3"}},
		},
		{
			name: "the likelier alternative wins",
			concepts: []Concept{{Alts: []Alt{{Text: "regering", P: 0.9}, {Text: "overheid", P: 0.1}}},
				word("verdrag")},
			above: [][2]string{{"b5", "b6"}},
		},
		{
			name: "the likelier alternative wins, the other way round",
			concepts: []Concept{{Alts: []Alt{{Text: "regering", P: 0.1}, {Text: "overheid", P: 0.9}}},
				word("verdrag")},
			above: [][2]string{{"b6", "b5"}},
		},
		{
			name:     "concept weight",
			concepts: []Concept{{Weight: 5, Alts: []Alt{{Text: "overheid"}}}, word("regering")},
			first:    "b6",
			above:    [][2]string{{"b6", "b5"}, {"b6", "m5"}},
		},
		{
			name:     "a heading match ranks below a body match",
			concepts: []Concept{word("ontwikkelingssamenwerking")},
			first:    "m4",
			above:    [][2]string{{"m4", "b7"}, {"m4", "m5"}},
		},
		{
			name:     "a phrase in order",
			concepts: []Concept{{Alts: []Alt{{Text: "Europese Unie"}}}},
			absent:   []string{"m3", "b4"},
			above:    [][2]string{{"l1", "l2"}},
		},
		{
			name:     "length normalisation of a word",
			concepts: []Concept{word("depositaris")},
			first:    "l1",
			above:    [][2]string{{"l1", "l2"}},
		},
		{
			name:     "length normalisation of an exact word",
			concepts: []Concept{{Alts: []Alt{{Text: "depositaris", Exact: true}}}},
			first:    "l1",
			above:    [][2]string{{"l1", "l2"}},
		},
		{
			name:     "length normalisation of a key",
			concepts: []Concept{{Alts: []Alt{{Text: Key("nl", "depositaris"), Key: true}}}},
			first:    "l1",
			above:    [][2]string{{"l1", "l2"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := searchW(t, ix, WeightedRequest{Concepts: tt.concepts, Limit: MaxLimit})
			rank, score := map[string]int{}, map[string]float64{}
			for i, h := range res.Hits {
				rank[h.ID], score[h.ID] = i, h.Score
				if i > 0 && h.Score > res.Hits[i-1].Score {
					t.Errorf("hit %d (%s, %g) scores above hit %d (%g)", i, h.ID, h.Score, i-1, res.Hits[i-1].Score)
				}
			}
			if tt.first != "" && (len(res.Hits) == 0 || res.Hits[0].ID != tt.first) {
				t.Errorf("ranking %v, want %s first", scores(res), tt.first)
			}
			for _, p := range tt.above {
				a, okA := rank[p[0]]
				b, okB := rank[p[1]]
				if !okA || !okB || a > b || score[p[0]] <= score[p[1]] {
					t.Errorf("%s (%g) should score above %s (%g): %v", p[0], score[p[0]], p[1], score[p[1]], scores(res))
				}
			}
			for _, id := range tt.absent {
				if _, ok := rank[id]; ok {
					t.Errorf("%s matches: %v", id, scores(res))
				}
			}
		})
	}
}

// scores shows a ranking for a failure message.
func scores(res *Result) string {
	var b strings.Builder
	for _, h := range res.Hits {
		fmt.Fprintf(&b, "%s:%.3f ", h.ID, h.Score)
	}
	return b.String()
}

// TestSearchWeightedMatches checks which passages each kind of
// alternative finds, against the passages' keys.
func TestSearchWeightedMatches(t *testing.T) {
	ix := newWeightedIndex(t, weightedPassages)
	belasting := ix.Keys("nl", "belastingen")
	if len(belasting) != 1 {
		t.Fatalf("Keys(nl, belastingen) = %v", belasting)
	}
	tests := []struct {
		name     string
		concepts []Concept
		want     []string
	}{
		{name: "word", concepts: []Concept{word("verdrag")}, want: withKey(ix, "verdrag")},
		{name: "inflected word", concepts: []Concept{word("verdragen")}, want: withKey(ix, "verdragen")},
		{name: "key", concepts: []Concept{{Alts: []Alt{{Text: belasting[0], Key: true}}}}, want: []string{"b3"}},
		{name: "a key is not analysed", concepts: []Concept{{Alts: []Alt{{Text: "Belastingen", Key: true}}}}, want: nil},
		{name: "empty key", concepts: []Concept{{Alts: []Alt{{Text: "", Key: true}}}}, want: nil},
		{name: "exact word", concepts: []Concept{{Alts: []Alt{{Text: "verdragen", Exact: true}}}}, want: []string{"x1"}},
		{name: "exact name", concepts: []Concept{{Alts: []Alt{{Text: "Mali", Exact: true}}}}, want: []string{"m1", "m2", "m4"}},
		{name: "exact phrase", concepts: []Concept{{Alts: []Alt{{Text: "europese unie", Exact: true}}}}, want: []string{"m2", "l1", "l2"}},
		{name: "phrase", concepts: []Concept{{Alts: []Alt{{Text: "Europese Unie"}}}}, want: []string{"m2", "l1", "l2"}},
		{name: "phrase out of order", concepts: []Concept{{Alts: []Alt{{Text: "Unie Europese"}}}}, want: nil},
		{name: "phrase over a stop word", concepts: []Concept{{Alts: []Alt{{Text: "minister van Buitenlandse Zaken"}}}}, want: []string{"m1"}},
		{name: "phrase missing its stop word", concepts: []Concept{{Alts: []Alt{{Text: "minister Buitenlandse Zaken"}}}}, want: nil},
		{name: "heading only", concepts: []Concept{word("grondgebied")}, want: []string{"b4", "b5", "b6"}},
		{name: "any alternative", concepts: []Concept{{Alts: []Alt{{Text: "regering"}, {Text: "overheid"}}}}, want: []string{"b5", "b6", "m5"}},
		{name: "unknown word", concepts: []Concept{word("zeilboot")}, want: nil},
		{name: "a concept without alternatives", concepts: []Concept{{}}, want: nil},
		{name: "must", concepts: []Concept{word("verdrag"), {Occur: Must, Alts: []Alt{{Text: "inwoner"}}}},
			want: []string{"b1", "b3"}},
		{name: "must, twice", concepts: []Concept{{Occur: Must, Alts: []Alt{{Text: "verdrag"}}}, {Occur: Must, Alts: []Alt{{Text: "Koninkrijk"}}}},
			want: []string{"b5", "b6"}},
		{name: "must not", concepts: []Concept{word("verdrag"), {Occur: MustNot, Alts: []Alt{{Text: "Koninkrijk"}}}},
			want: without(withKey(ix, "verdrag"), withKey(ix, "koninkrijk"))},
		// A word to leave out leaves out the passages that say it (b4), not
		// those under a heading that says it (b5, b6; session 23).
		{name: "must not, not by heading", concepts: []Concept{word("verdrag"), {Occur: MustNot, Alts: []Alt{{Text: "grondgebied"}}}},
			want: without(withKey(ix, "verdrag"), []string{"b4"})},
		{name: "only must not", concepts: []Concept{{Occur: MustNot, Alts: []Alt{{Text: "verdrag"}}}}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := searchW(t, ix, WeightedRequest{Concepts: tt.concepts, Limit: MaxLimit})
			got := hitIDs(res)
			if diff := cmp.Diff(sorted(tt.want), sorted(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
			if res.Total != uint64(len(got)) {
				t.Errorf("Total = %d, %d hits", res.Total, len(got))
			}
		})
	}
}

func without(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func TestSearchWeightedFilters(t *testing.T) {
	ix := newWeightedIndex(t, weightedPassages)
	verdrag := withKey(ix, "verdrag")
	in := func(f func(Passage) bool) []string {
		var out []string
		for _, p := range weightedPassages {
			if slices.Contains(verdrag, p.ID) && f(p) {
				out = append(out, p.ID)
			}
		}
		return out
	}
	tests := []struct {
		name         string
		doc, section string
		want         []string
	}{
		{name: "none", want: verdrag},
		{name: "doc", doc: "belastingverdrag", want: in(func(p Passage) bool { return p.Doc == "belastingverdrag" })},
		{name: "section", section: "Artikel 9. Slotbepalingen", want: in(func(p Passage) bool { return p.Section == "Artikel 9. Slotbepalingen" })},
		{name: "doc and section", doc: "overig", section: "Artikel 9. Slotbepalingen", want: []string{"f1", "f2", "f3", "f4"}},
		{name: "section of another doc", doc: "brief-mali", section: "Artikel 1. Personen", want: nil},
		{name: "unknown doc", doc: "geen", want: nil},
		{name: "a doc's name is a keyword", doc: "Belastingverdrag", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name != "none" && len(tt.want) == len(verdrag) {
				t.Fatalf("the filter %q/%q removes nothing: the test corpus does not test it", tt.doc, tt.section)
			}
			res := searchW(t, ix, WeightedRequest{Concepts: []Concept{word("verdrag")}, Doc: tt.doc, Section: tt.section, Limit: MaxLimit})
			if diff := cmp.Diff(sorted(tt.want), sorted(hitIDs(res)), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
			for _, h := range res.Hits {
				if tt.doc != "" && h.Doc != tt.doc || tt.section != "" && h.Section != tt.section {
					t.Errorf("hit %s is in %s / %s", h.ID, h.Doc, h.Section)
				}
			}
			if res.Total != uint64(len(tt.want)) {
				t.Errorf("Total = %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

func TestSearchWeightedPaging(t *testing.T) {
	ix := newWeightedIndex(t, weightedPassages)
	concepts := []Concept{word("verdrag"), word("staat"), {Alts: []Alt{{Text: "Koninkrijk", P: 0.5}}}}
	full := searchW(t, ix, WeightedRequest{Concepts: concepts, Limit: MaxLimit})
	if len(full.Hits) < 8 {
		t.Fatalf("%d hits: too few to page through", len(full.Hits))
	}
	if full.Total != uint64(len(full.Hits)) {
		t.Errorf("Total = %d, %d hits", full.Total, len(full.Hits))
	}
	for _, limit := range []int{1, 3, 4} {
		t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
			var got []Hit
			for offset := 0; offset < len(full.Hits)+limit; offset += limit {
				page := searchW(t, ix, WeightedRequest{Concepts: concepts, Limit: limit, Offset: offset})
				if page.Total != full.Total {
					t.Errorf("offset %d: Total = %d, want %d", offset, page.Total, full.Total)
				}
				if want := min(limit, max(len(full.Hits)-offset, 0)); len(page.Hits) != want {
					t.Errorf("offset %d: %d hits, want %d", offset, len(page.Hits), want)
				}
				if diff := cmp.Diff(full.Facets, page.Facets); diff != "" {
					t.Errorf("offset %d: facets differ from the first page's (-want +got):\n%s", offset, diff)
				}
				got = append(got, page.Hits...)
			}
			if diff := cmp.Diff(full.Hits, got); diff != "" {
				t.Errorf("pages differ from the full ranking (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("default limit", func(t *testing.T) {
		res := searchW(t, ix, WeightedRequest{Concepts: concepts})
		if want := min(DefaultLimit, len(full.Hits)); len(res.Hits) != want {
			t.Errorf("%d hits, want %d", len(res.Hits), want)
		}
	})
	t.Run("negative offset", func(t *testing.T) {
		res := searchW(t, ix, WeightedRequest{Concepts: concepts, Limit: 2, Offset: -3})
		if diff := cmp.Diff(full.Hits[:2], res.Hits); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestSearchWeightedHits(t *testing.T) {
	ix := newWeightedIndex(t, weightedPassages)
	res := searchW(t, ix, WeightedRequest{Concepts: []Concept{
		{Alts: []Alt{{Text: Key("nl", "belasting"), Key: true}}},
		{Alts: []Alt{{Text: "inkomen", Exact: true}}},
	}})
	if len(res.Hits) != 1 {
		t.Fatalf("hits %v, want b3", hitIDs(res))
	}
	h := res.Hits[0]
	want := weightedPassages[2]
	if diff := cmp.Diff(want, h.Passage); diff != "" {
		t.Errorf("passage (-want +got):\n%s", diff)
	}
	if h.Score <= 0 {
		t.Errorf("score %g", h.Score)
	}
	frags := strings.Join(h.Fragments, " … ")
	for _, m := range []string{"<mark>belasting</mark>", "<mark>inkomen</mark>"} {
		if !strings.Contains(frags, m) {
			t.Errorf("fragments %q do not mark %s", frags, m)
		}
	}
}

// TestSearchWeightedFacets counts facets over the best passages: all of
// them in a small result, the best facetFromWindow of a larger one on every
// page, or the best FacetWindow.
func TestSearchWeightedFacets(t *testing.T) {
	t.Run("small", func(t *testing.T) {
		ix := newWeightedIndex(t, weightedPassages)
		res := searchW(t, ix, WeightedRequest{Concepts: []Concept{word("verdrag")}, Limit: 2})
		docs, sections := map[string]int{}, map[string]int{}
		for _, p := range weightedPassages {
			if slices.Contains(withKey(ix, "verdrag"), p.ID) {
				docs[p.Doc]++
				sections[p.Section]++
			}
		}
		if diff := cmp.Diff(facetsOf(docs), res.Facets["doc"], sortFacets); diff != "" {
			t.Errorf("doc facets (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(facetsOf(sections), res.Facets["section"], sortFacets); diff != "" {
			t.Errorf("section facets (-want +got):\n%s", diff)
		}
	})
	t.Run("best 100", func(t *testing.T) {
		// 150 passages mention "verdrag", the ones of doc "kort" (short,
		// so ranked first) 60 times, the others 90.
		var ps []Passage
		for i := range 150 {
			p := Passage{ID: fmt.Sprint("p", i), Doc: "lang", Section: "A", Text: "Het verdrag is door beide partijen ondertekend en treedt na de bekrachtiging in werking."}
			if i%5 < 2 {
				p.Doc, p.Section, p.Text = "kort", "B", "Het verdrag."
			}
			ps = append(ps, p)
		}
		ix := newWeightedIndex(t, ps)
		res := searchW(t, ix, WeightedRequest{Concepts: []Concept{word("verdrag")}, Limit: 5})
		if res.Total != 150 {
			t.Errorf("Total = %d, want 150", res.Total)
		}
		want := []Facet{{Value: "kort", Count: 60}, {Value: "lang", Count: 40}}
		if diff := cmp.Diff(want, res.Facets["doc"], sortFacets); diff != "" {
			t.Errorf("doc facets (-want +got):\n%s", diff)
		}
		for _, h := range res.Hits {
			if h.Doc != "kort" {
				t.Errorf("hit %s of %s in the first page, want the short passages first", h.ID, h.Doc)
			}
		}
		// A page beyond the window counts the same best passages: the
		// facets do not change from page to page (they counted the
		// best passages up to the page, and moved as a user paged).
		res = searchW(t, ix, WeightedRequest{Concepts: []Concept{word("verdrag")}, Limit: 10, Offset: 140})
		if len(res.Hits) != 10 {
			t.Errorf("page 140–150: %d hits", len(res.Hits))
		}
		if diff := cmp.Diff(want, res.Facets["doc"], sortFacets); diff != "" {
			t.Errorf("doc facets of the last page (-want +got):\n%s", diff)
		}
		// FacetWindow counts more: here all of them.
		res = searchW(t, ix, WeightedRequest{Concepts: []Concept{word("verdrag")}, Limit: 10, FacetWindow: 150})
		want = []Facet{{Value: "kort", Count: 60}, {Value: "lang", Count: 90}}
		if diff := cmp.Diff(want, res.Facets["doc"], sortFacets); diff != "" {
			t.Errorf("doc facets with FacetWindow 150 (-want +got):\n%s", diff)
		}
	})
}

func facetsOf(m map[string]int) []Facet {
	out := []Facet{}
	for v, n := range m {
		out = append(out, Facet{Value: v, Count: n})
	}
	return out
}

var sortFacets = cmpopts.SortSlices(func(a, b Facet) bool { return a.Value < b.Value })

func TestSearchWeightedErrors(t *testing.T) {
	ix := newWeightedIndex(t, weightedPassages)
	t.Run("empty query", func(t *testing.T) {
		for _, r := range []WeightedRequest{{}, {Concepts: []Concept{}, Limit: 5}} {
			_, err := ix.SearchWeighted(context.Background(), r)
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Errorf("err = %v, want a QueryError", err)
			}
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := ix.SearchWeighted(ctx, WeightedRequest{Concepts: []Concept{word("verdrag")}})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

// TestSearchWeightedScoring checks that the parameters do what Scoring
// says: no heading weight, no heading-only matches; no B, no length
// normalisation.
func TestSearchWeightedScoring(t *testing.T) {
	ix := newWeightedIndex(t, weightedPassages)
	def := DefaultScoring()
	noHeading, noB := def, def
	noHeading.Heading, noB.B = 0, 0
	tests := []struct {
		name     string
		scoring  Scoring
		concepts []Concept
		want     []string // the ranking, best first; nil to check ties only
		tie      [2]string
	}{
		{name: "default", scoring: def, concepts: []Concept{word("ontwikkelingssamenwerking")}, want: []string{"m4", "b7", "m5"}},
		{name: "zero is the default", scoring: Scoring{}, concepts: []Concept{word("ontwikkelingssamenwerking")}, want: []string{"m4", "b7", "m5"}},
		{name: "no heading weight", scoring: noHeading, concepts: []Concept{word("ontwikkelingssamenwerking")}, want: []string{"m4"}},
		{name: "no length normalisation", scoring: noB, concepts: []Concept{word("depositaris")}, tie: [2]string{"l1", "l2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := searchW(t, ix, WeightedRequest{Concepts: tt.concepts, Scoring: tt.scoring, Limit: MaxLimit})
			got := hitIDs(res)
			if tt.want != nil {
				// m5 and b7 match in the heading only, so they tie; the
				// order between them is the index's.
				if diff := cmp.Diff(tt.want[:1], got[:min(1, len(got))]); diff != "" {
					t.Errorf("best (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(sorted(tt.want), sorted(got)); diff != "" {
					t.Errorf("matches (-want +got):\n%s", diff)
				}
				return
			}
			score := map[string]float64{}
			for _, h := range res.Hits {
				score[h.ID] = h.Score
			}
			if a, b := score[tt.tie[0]], score[tt.tie[1]]; a == 0 || a != b {
				t.Errorf("%s scores %g, %s %g: want a tie", tt.tie[0], a, tt.tie[1], b)
			}
		})
	}
}

// TestSearchWeightedPrune checks Scoring.Prune: an optional concept much
// commoner than the query's rarest (verdrag, in most passages, beside
// depositaris) is not read; a concept that occurs nowhere (an English
// word none of whose senses the documents have) sets no bar, so the
// others are read as they would be without it. It set the bar once: its
// IDF is the highest there is, and a query of it and a common word found
// nothing.
func TestSearchWeightedPrune(t *testing.T) {
	ix := newWeightedIndex(t, weightedPassages)
	prune := DefaultScoring()
	prune.Prune = 0.5
	ids := func(cs ...Concept) []string {
		return sorted(hitIDs(searchW(t, ix, WeightedRequest{Concepts: cs, Scoring: prune, Limit: MaxLimit})))
	}
	if got, want := ids(word("verdrag"), word("depositaris")), ids(word("depositaris")); !slices.Equal(got, want) {
		t.Errorf("verdrag depositaris: %v, want verdrag pruned: %v", got, want)
	}
	verdrag := ids(word("verdrag"))
	if len(verdrag) < 5 {
		t.Fatalf("verdrag: %v, want most passages", verdrag)
	}
	if got := ids(word("verdrag"), word("troepenmacht")); !slices.Equal(got, verdrag) {
		t.Errorf("verdrag troepenmacht (which occurs nowhere): %v, want verdrag's %v", got, verdrag)
	}
	if got := ids(word("troepenmacht"), word("verdrag"), word("depositaris")); !slices.Equal(got, ids(word("depositaris"))) {
		t.Errorf("troepenmacht verdrag depositaris: %v, want depositaris's", got)
	}
}
