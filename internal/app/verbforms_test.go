package app

import (
	"slices"
	"testing"
)

// TestInfinitiveQueryFindsPast checks through a Dutch search that an
// infinitive typed as a query finds its weak past and participle, which
// the stemmer keeps apart (index.InfinitiveForms), and that a plural noun
// and a strong verb do not pick up forms that belong to other words.
func TestInfinitiveQueryFindsPast(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{
		"past.md":     "De partijen onderhandelden drie dagen over het bestand.",
		"namen.md":    "De lijst bevat de namen van de deelnemers.",
		"verleden.md": "Twee jaar geleden was de situatie anders.",
	})
	if got := hitDocs(searchNL(t, a, "onderhandelen")); !slices.Contains(got, "past") {
		t.Errorf("onderhandelen: %v, want the passage with onderhandelden", got)
	}
	for q, not := range map[string]string{"nemen": "namen", "lijden": "verleden"} {
		if got := hitDocs(searchNL(t, a, q)); slices.Contains(got, not) {
			t.Errorf("%s: %v, want no passage of %s.md (a strong verb's form that is another word)", q, got, not)
		}
	}
}
