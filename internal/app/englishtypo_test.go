package app

import (
	"context"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// englishTypoApp is the service as it ships plus a circular signed by a
// Weekers, whose surname a Dutch reading of "seekers" was corrected to.
func englishTypoApp(t *testing.T) *App {
	t.Helper()
	a := openShipped(t)
	addTexts(t, a, map[string]string{
		"circulaire.md": "####Circulaire\n\nDe asielzoekers worden opgevangen in de gemeente. Het pensioen en de pensioenrechten van de ambtenaar worden verhoogd. " +
			"De verhuurder en de huurder sluiten een huurovereenkomst.\n\nDe Staatssecretaris van Financiën, F.H.H. Weekers\n",
	})
	return a
}

// TestEnglishDidYouMean: an English word nothing knows is corrected into
// the English word meant, from the glossary's English terms or the
// lexicon's English words, with lang=en and with lang=auto, also when the
// query's other words found passages; never into a Dutch word or a name
// of the documents. With lang=auto "asylym seekers" was read as Dutch
// and suggested as "asylym weekers" (a signatory's surname); with lang=en
// nothing was suggested at all. requird was corrected into requir, the
// lexicon's key of required, which is no word.
func TestEnglishDidYouMean(t *testing.T) {
	a := englishTypoApp(t)
	for _, tc := range []struct{ q, want string }{
		{"asylym seekers", "asylum seekers"},
		{"pensoin rights", "pension rights"},
		{"Pensoin", "Pension"},
		{"pensoins", "pensions"},
		// Into a word as written, not the lexicon's key (requir).
		{"requird", "required"},
		{"Requird", "Required"},
	} {
		for _, lang := range []string{"en", "auto"} {
			res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: tc.q, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			if res.DidYouMean != tc.want || res.Total == 0 || res.Lang != "en" {
				t.Errorf("%q (lang=%s): did you mean %q, %d hits, taken as %s; want %q, hits, en", tc.q, lang, res.DidYouMean, res.Total, res.Lang, tc.want)
			}
			if strings.Contains(strings.ToLower(res.DidYouMean), "weekers") {
				t.Errorf("%q (lang=%s): a Dutch surname suggested: %q", tc.q, lang, res.DidYouMean)
			}
		}
	}
}

// TestEnglishUntranslatedSaid: English words neither the lexicon nor the
// glossary can translate, and the documents do not have as written, are
// named in the answer (Senses, with noteUnknown), whether the user said
// the query is English or tolk had to tell; they are not "corrected" into
// other words. With lang=auto they were taken as Dutch and found nothing,
// silently.
func TestEnglishUntranslatedSaid(t *testing.T) {
	a := englishTypoApp(t)
	for _, tc := range []struct {
		q       string
		unknown string
	}{
		{"cattle", "cattle"},
		{"landlords", "landlords"},
		{"UK", "UK"},
		{"landlords and tenants", "landlords"},
	} {
		for _, lang := range []string{"en", "auto"} {
			res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: tc.q, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			if res.DidYouMean != "" {
				t.Errorf("%q (lang=%s): did you mean %q for a correctly spelt word", tc.q, lang, res.DidYouMean)
			}
			said := false
			for _, e := range res.Senses {
				said = said || e.Query == tc.unknown && len(e.Senses) == 0 && e.Note == noteUnknown
			}
			if res.Lang != "en" || !said {
				t.Errorf("%q (lang=%s): taken as %s, senses %+v; want %q said untranslated", tc.q, lang, res.Lang, res.Senses, tc.unknown)
			}
		}
	}
}

// TestEnglishGlossaryTermsNotCorrected: every multi-word English term of
// the curated glossary, searched as typed, is no misspelling: the words
// of a matched term were put forward as unknown words and "corrected"
// (informal carer → informal care, Malian Armed Forces → Malin Armed
// Forces, homeless person → hopeless person), which lost the term.
func TestEnglishGlossaryTermsNotCorrected(t *testing.T) {
	a := englishTypoApp(t)
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	n := 0
	for _, c := range curated {
		for _, term := range c.Terms {
			if term.Lang != "en" || !strings.Contains(term.Text, " ") || seen[term.Text] {
				continue
			}
			seen[term.Text] = true
			n++
			res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: term.Text, Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if res.DidYouMean != "" {
				t.Errorf("%q (concept %s): corrected to %q", term.Text, c.ID, res.DidYouMean)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d multi-word English terms in the curated glossary; the test reads the wrong field", n)
	}
	t.Logf("%d multi-word English terms searched", n)
}
