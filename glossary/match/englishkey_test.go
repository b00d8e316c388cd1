package match

import (
	"slices"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index"
)

// englishKeyCases are English words and texts with the curated concept
// they must or must not find. Porter's stemmer, which index.Key used for
// English until analysis 21, found every "not" concept through a
// derivation; index.TermKey, the key tolk passes to the termbase and the
// matcher, removes inflection only, and so does index.Key now.
var englishKeyCases = []struct {
	text, concept string
	found         bool
	_             bool // what Porter found, for the record
}{
	{"operations", "operationeel", false, true},
	{"established", "installatie", false, true},
	{"implementation", "uitvoeren", false, true},
	{"import", "belang", false, true},
	{"sanctions", "sancties", true, true},
	{"coups", "staatsgreep", true, true},
	{"political prisoners", "politieke-gevangene", true, true},
	{"condemned", "veroordelen", true, true},
	{"condemning", "veroordelen", true, true},
	{"policies", "beleid", true, true},
	{"rule of law", "rechtsstaat", true, true},
	{"implemented", "uitvoeren", true, true},
	{"establishments", "installatie", true, true},
	{"detained", "gevangennemen", true, true},
}

func curatedForTest(t *testing.T) []glossary.Concept {
	t.Helper()
	cs, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestAnnotateEnglishInflectionKey(t *testing.T) {
	cs := curatedForTest(t)
	light := NewMatcher(cs, Options{Key: index.TermKey})
	stem := NewMatcher(cs, Options{Key: index.Key})
	has := func(m *Matcher, text, concept string) bool {
		return slices.ContainsFunc(m.Annotate(text, "en"), func(a Annotation) bool { return a.Concept == concept })
	}
	for _, tt := range englishKeyCases {
		t.Run(tt.text, func(t *testing.T) {
			if got := has(light, tt.text, tt.concept); got != tt.found {
				t.Errorf("with index.TermKey, Annotate(%q) finds %s: %v, want %v", tt.text, tt.concept, got, tt.found)
			}
			if got := has(stem, tt.text, tt.concept); got != tt.found {
				t.Errorf("with index.Key, Annotate(%q) finds %s: %v, want %v", tt.text, tt.concept, got, tt.found)
			}
		})
	}
}

func TestLookupEnglishInflectionKey(t *testing.T) {
	cs := curatedForTest(t)
	for _, key := range []struct {
		name string
		fn   glossary.KeyFunc
	}{{"TermKey", index.TermKey}, {"Key", index.Key}} {
		tb := glossary.NewTermbase(key.fn)
		tb.Put(cs...)
		for _, tt := range englishKeyCases {
			t.Run(key.name+"/"+tt.text, func(t *testing.T) {
				res, err := tb.Lookup(glossary.LookupRequest{Q: tt.text, Lang: "en", Mode: glossary.ModeStem, Limit: glossary.MaxLimit})
				if err != nil {
					t.Fatal(err)
				}
				got := slices.ContainsFunc(res.Concepts, func(m glossary.Match) bool { return m.ID == tt.concept })
				if got != tt.found {
					t.Errorf("Lookup(%q, en) with index.%s finds %s: %v, want %v", tt.text, key.name, tt.concept, got, tt.found)
				}
			})
		}
	}
}
