package app

import (
	"context"
	"slices"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestDidYouMeanKeepsQuery checks that a corrected Dutch query reads as
// the query typed: its words in their order and case, its quotes and
// operators kept. It was the corrected words joined in the order of the
// query's expansions (Malineze militairen → militairen malinese), and
// a minus or quotes were lost, so the suggestion's link searched for
// what the user had excluded (strijdkrahcten -Barkhane → strijdkrachten
// Barkhane).
func TestDidYouMeanKeepsQuery(t *testing.T) {
	a := openShipped(t)
	for _, tc := range []struct{ q, want string }{
		{"Malineze militairen", "Malinese militairen"},
		{"strijdkrachten Malineze", "strijdkrachten Malinese"},
		{"MALINEZE", "MALINESE"},
		{"strijdkrahcten -Barkhane", "strijdkrachten -Barkhane"},
		{`"Malinese militairen" strijdkrahcten`, `"Malinese militairen" strijdkrachten`},
		{"coupplegres", "coupplegers"},
		// A form the letter lacks (it has stafofficieren): by the key.
		{"stafoficier", "stafofficier"},
		// A key that is no word (verkiez): the letter's word with it.
		{"verkiezng", "verkiezingen"},
		{"nieuwe Verkiezng", "nieuwe Verkiezingen"},
		// As the letter writes it, marks and all (the exact field is folded).
		{"geïnformerd", "geïnformeerd"},
		{"geinformerd", "geïnformeerd"},
		{"Keitaa", "Keïta"},
	} {
		res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: tc.q, Lang: "nl"})
		if err != nil {
			t.Fatalf("%q: %v", tc.q, err)
		}
		if res.DidYouMean != tc.want || res.Total == 0 {
			t.Errorf("%q: did you mean %q (%d hits), want %q", tc.q, res.DidYouMean, res.Total, tc.want)
		}
	}
}

// TestDidYouMeanCase: a suggestion takes the documents' case only where
// it tells something. A word the documents capitalise only in a title
// (Wmo / Mantelzorg / Hulpmiddelenbeleid) or at a sentence's start is
// suggested in lower case, as the user typed it (it came back as
// Mantelzorg); a word capitalised after another word of its sentence is
// a name and keeps its capital; a lower-case occurrence wins over both.
func TestDidYouMeanCase(t *testing.T) {
	a := openShipped(t)
	doc := "Debat\n\nAan de orde is het debat Wmo / Mantelzorg / Hulpmiddelenbeleid. Hulp verdient steun. De heer Verhoeven vroeg daarom.\n\n" +
		"Thuiszorg is duur. Zij noemde de Thuiszorg van de gemeente. Over thuiszorg is meer te zeggen.\n"
	if _, err := a.AddDocument(context.Background(), "debat.txt", []byte(doc), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ q, want string }{
		{"mantelzorgr", "mantelzorg"}, // only in a title
		{"Mantelzorgr", "Mantelzorg"}, // the user's capital is kept
		{"verhoevn", "Verhoeven"},     // a name
		{"thuiszorgg", "thuiszorg"},   // lower case once, capitalised twice
	} {
		res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: tc.q, Lang: "nl"})
		if err != nil {
			t.Fatalf("%q: %v", tc.q, err)
		}
		if res.DidYouMean != tc.want || res.Total == 0 {
			t.Errorf("%q: did you mean %q (%d hits), want %q", tc.q, res.DidYouMean, res.Total, tc.want)
		}
	}
}

// TestDidYouMeanLeavesWords: a word of the word list the letter lacks is
// no typo, though its key is near a key of the letter (aanbetaling:
// aanbetal, two edits from aantal; aanbidding: aanbid, two from aanleid);
// it is not corrected into another word.
func TestDidYouMeanLeavesWords(t *testing.T) {
	a := openShipped(t)
	for _, q := range []string{"aanbetaling", "aanbidding"} {
		res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: q, Lang: "nl"})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if res.DidYouMean != "" {
			t.Errorf("%q: did you mean %q (%d hits), want no suggestion", q, res.DidYouMean, res.Total)
		}
	}
}

func TestReplaceWord(t *testing.T) {
	for _, tc := range []struct{ s, old, repl, want string }{
		{"raadpleging raad", "raad", "Raad", "raadpleging Raad"},   // not inside a word
		{"de raad, de raad", "raad", "staat", "de staat, de raad"}, // the first only
		{"(raad)", "raad", "staat", "(staat)"},
		{"geen", "raad", "staat", "geen"},
		{"Malineze-militairen", "Malineze", "Malinese", "Malinese-militairen"},
		{"é raad", "raad", "x", "é x"},
		{"éraad raad", "raad", "x", "éraad x"},
	} {
		if got := replaceWord(tc.s, tc.old, tc.repl); got != tc.want {
			t.Errorf("replaceWord(%q, %q, %q) = %q, want %q", tc.s, tc.old, tc.repl, got, tc.want)
		}
	}
	for _, tc := range []struct{ typed, word, want string }{
		{"Malineze", "malinese", "Malinese"},
		{"EU", "eu", "EU"},
		{"coupplegres", "coupplegers", "coupplegers"},
		{"Ëconomie", "economie", "Economie"},
		{"A", "b", "B"},
	} {
		if got := inCaseOf(tc.typed, tc.word); got != tc.want {
			t.Errorf("inCaseOf(%q, %q) = %q, want %q", tc.typed, tc.word, got, tc.want)
		}
	}
}

// TestPrefixMatchExplained checks that a hit of a prefix query says which
// word matched (verpleeghuiz* → verpleeghuizen, via prefix): it said
// nothing, though every other kind of query word is explained.
func TestPrefixMatchExplained(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{
		"verpleeghuis.md": "De inspectie bezocht drie verpleeghuizen in Utrecht.",
	})
	for _, tc := range []struct{ q, query, term string }{
		{"verpleeghuiz*", "verpleeghuiz*", "verpleeghuizen"},
		{"Verpleeg* inspectie", "verpleeg*", "verpleeghuizen"},
		{"(verpleeghuiz* OR ziekenhuis)", "verpleeghuiz*", "verpleeghuizen"},
	} {
		res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: tc.q, Lang: "nl"})
		if err != nil {
			t.Fatalf("%q: %v", tc.q, err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Doc != "verpleeghuis" {
			t.Fatalf("%q: hits %v", tc.q, hitDocs(res))
		}
		want := Matched{Query: tc.query, Term: tc.term, Via: "prefix"}
		if !slices.Contains(res.Hits[0].Matched, want) {
			t.Errorf("%q: matched %+v, want %+v among them", tc.q, res.Hits[0].Matched, want)
		}
	}
}

// TestOrExpandsGlossaryTerms: an OR's alternative that is a glossary term
// is searched with the concept's other Dutch terms, as a plain word is, so
// that an OR never finds less than one of its parts alone (staatsgreep
// found 14 passages through coup, staatsgreep OR junta 10); a passage found
// through such a term says so.
func TestOrExpandsGlossaryTerms(t *testing.T) {
	a := openShipped(t)
	search := func(q string) *SearchResult {
		res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: q, Lang: "nl", Limit: 50})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		return res
	}
	one, or := search("staatsgreep"), search("staatsgreep OR junta")
	if or.Total < one.Total {
		t.Errorf("staatsgreep OR junta: %d passages, staatsgreep alone %d", or.Total, one.Total)
	}
	if !slices.Contains(or.Expanded, "coup") {
		t.Errorf("staatsgreep OR junta expanded to %q, want coup among them", or.Expanded)
	}
	synonym := false
	for _, h := range or.Hits {
		for _, m := range h.Matched {
			synonym = synonym || m.Via == "synonym" && m.Query == "staatsgreep" && m.Concept == "staatsgreep"
		}
	}
	if !synonym {
		t.Errorf("no hit of staatsgreep OR junta says it matched a synonym of staatsgreep")
	}
}

// TestDidYouMeanGlossaryTerm: a query of a glossary term no passage has
// gets the documents' nearest word, as an unknown word does (the debates
// say mantelzorg; mantelzorger, a term since session 26, found nothing).
func TestDidYouMeanGlossaryTerm(t *testing.T) {
	a := openShipped(t)
	doc := "Debat\n\nDe mantelzorg staat onder druk. Over mantelzorg is veel gezegd.\n"
	if _, err := a.AddDocument(context.Background(), "debat.txt", []byte(doc), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := a.Terms().Get("mantelzorger"); !ok {
		t.Fatal("mantelzorger is no longer a glossary term: the test needs a term no passage has")
	}
	res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: "mantelzorger", Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 || res.DidYouMean != "mantelzorg" {
		t.Fatalf("mantelzorger: %d hits, did you mean %q; want mantelzorg", res.Total, res.DidYouMean)
	}
	if m := res.Hits[0].Matched; len(m) == 0 || m[0].Term != "mantelzorg" {
		t.Errorf("first hit explained as %+v, want mantelzorg", m)
	}
}
