package app

import (
	"slices"
	"testing"
)

// TestEnglishRelatives checks that an English word the lexicon does not
// know is searched as the word it is derived from (sustainability as
// sustainable: duurzaam, and the noun duurzaamheid), and that a spelling
// the lexicon saw rarely is searched as the usual one (labor as labour:
// arbeid). Without the step neither finds its passage. (center, the first
// example, the lexicon learned as centrum itself once expertisecentrum and
// the like were indexed under centrum: analysis 24.)
func TestEnglishRelatives(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{
		"duurzaamheid.md": "De duurzaamheid van de woningvoorraad moet omhoog.",
		"duurzaam.md":     "Het kabinet wil duurzame energie stimuleren.",
		"arbeid.md":       "De arbeid in de fabriek wordt zwaarder.",
	})
	res := searchEN(t, a, "sustainability", "")
	if docs := hitDocs(res); !slices.Contains(docs, "duurzaamheid") || !slices.Contains(docs, "duurzaam") {
		t.Errorf("sustainability: hits %v, want duurzaamheid and duurzaam; senses %+v", docs, res.Senses)
	}
	searchEN(t, a, "labor", "arbeid")

	a.tune.Derived = 0
	for _, q := range []string{"sustainability", "labor"} {
		res := searchEN(t, a, q, "")
		// Searched as typed: without the step, labor is a word nothing
		// knows, which did-you-mean may correct to the glossary's labour.
		if docs := hitDocs(res); res.DidYouMean == "" && (slices.Contains(docs, "duurzaamheid") || slices.Contains(docs, "arbeid")) {
			t.Errorf("%s without relatives found %v: the test does not test the step", q, docs)
		}
	}
}

// TestCutEnding checks the endings cut before a relative is looked up:
// inflections first stripped, and no stem shorter than three letters.
func TestCutEnding(t *testing.T) {
	for _, tc := range []struct {
		w, suffix, stem string
		ok              bool
	}{
		{"organisations", "isation", "organ", true},
		{"organised", "ise", "organ", true},
		{"organising", "ise", "organ", true},
		{"centres", "tre", "cen", true},
		{"city", "ity", "", false},
		{"ability", "ability", "", false},
		{"management", "ment", "manage", true},
	} {
		stem, ok := cutEnding(tc.w, tc.suffix)
		if stem != tc.stem || ok != tc.ok {
			t.Errorf("cutEnding(%q, %q) = %q, %t; want %q, %t", tc.w, tc.suffix, stem, ok, tc.stem, tc.ok)
		}
	}
	if got := heidNouns("duurzam"); !slices.Equal(got, []string{"duurzamheid", "duurzaamheid"}) {
		t.Errorf("heidNouns(duurzam) = %v", got)
	}
}
