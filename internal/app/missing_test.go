package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/querymix"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// TestMissingAgreesWithSearch: a hit's Missing names the query words the
// passage does not have, and its Matched those it has, as the search
// itself decides: each word searched alone (in the same language,
// within the hit's document) finds the passage exactly when the hit
// does not say it is missing. Queries: pairs of the letter's longer
// words (Dutch), and pairs of English words, some the letter's, some
// no passage of it has (nuclear, weapons), on the shipped letter.
func TestMissingAgreesWithSearch(t *testing.T) {
	a := openShipped(t)
	letter, err := corpus.Default().ReadFile(corpus.MaliLetter)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, w := range strings.FieldsFunc(string(letter), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) >= 7 && strings.ToLower(w) == w && !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	var queries []missingQuery
	for i := 0; i+11 < len(words) && len(queries) < 25; i += 9 {
		queries = append(queries, missingQuery{words[i] + " " + words[i+11], "nl"})
	}
	en := []string{"sanctions", "elections", "government", "nuclear", "weapons", "military", "housing", "transition", "embassy", "taxes"}
	for i, w := range en {
		queries = append(queries, missingQuery{w + " " + en[(i+3)%len(en)], "en"})
	}
	checkMissing(t, a, queries)
}

// missingQuery is a query and the language it is searched in.
type missingQuery struct{ q, lang string }

// checkMissing searches each query and checks every word of it that a
// hit of the first page has as Missing or Matched: searched alone in the
// hit's document, it finds the passage exactly when it is not missing
// (for English: not when it is missing).
func checkMissing(t *testing.T, a *App, queries []missingQuery) {
	t.Helper()
	ctx := context.Background()
	// found reports whether searching word alone finds the passage.
	found := func(word, lang, doc, id string) bool {
		t.Helper()
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: word, Lang: lang, Doc: doc, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if res.DidYouMean != "" {
			// A single word is corrected only when it finds nothing.
			return false
		}
		return slices.ContainsFunc(res.Hits, func(h SearchHit) bool { return h.ID == id })
	}
	missingSeen, checked := 0, 0
	for _, q := range queries {
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: q.q, Lang: q.lang, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if res.DidYouMean != "" {
			continue // its words are not what was searched
		}
		for _, h := range res.Hits {
			for _, w := range strings.Fields(q.q) {
				isMissing := slices.Contains(h.Missing, w)
				isMatched := slices.ContainsFunc(h.Matched, func(m Matched) bool { return m.Query == w })
				if !isMissing && !isMatched {
					continue // a word the query does not search for (pruned, a term's)
				}
				// An English word's senses may depend on its neighbour (two
				// words that are both translations of one Dutch word, as
				// territorial extension: uitbreiding), so alone it may not
				// find what it matched in the query; a word missing in the
				// query, though, has no sense alone that it lacked there.
				if res.Lang == "en" && !isMissing {
					continue
				}
				checked++
				if isMissing {
					missingSeen++
				}
				if got := found(w, res.Lang, h.Doc, h.ID); got == isMissing {
					t.Errorf("%s (%s): passage %s: missing %v, matched %v, but %s alone finds it: %v", q.q, q.lang, h.ID, h.Missing, h.Matched, w, got)
				}
			}
		}
	}
	t.Logf("%d queries, %d words of hits checked, %d missing", len(queries), checked, missingSeen)
	if missingSeen == 0 || checked == missingSeen {
		t.Fatalf("the queries test nothing: %d words checked, %d missing", checked, missingSeen)
	}
}

// TestMissingAgreesWithSearchBWB is TestMissingAgreesWithSearch on the
// first 100 BWB circulars, the first 60 queries of the Dutch mix
// (querymix.Dutch), language detected as the API does, and 60 of the
// English mix (treaty headings, querymix.English), searched as English.
func TestMissingAgreesWithSearchBWB(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short: loads 100 BWB documents")
	}
	a, docs := openBWB(t, 100)
	var queries []missingQuery
	for _, q := range querymix.Dutch(docs, 60, querymix.DefaultSeed) {
		queries = append(queries, missingQuery{q, ""})
	}
	en, err := querymix.English(sharedtest.Open(t, "data", "bwb-treaties-nl-en", "treaty-article-headings-nl-en.tsv.gz"), 60, querymix.DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range en {
		queries = append(queries, missingQuery{q, "en"})
	}
	checkMissing(t, a, queries)
}
