package app

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestEnglishCompounds checks that two English words Dutch writes as one
// compound find it: residence permit is verblijfsvergunning, which the
// lexicon knows only as its parts (residence → verblijf among others,
// permit → vergunning far behind toegestaan). The passage with the
// compound comes before a shorter one that has both parts' senses
// separately, and the answer says each of the two words was searched as
// the compound too; without the compound step the shorter passage is
// first.
func TestEnglishCompounds(t *testing.T) {
	a := openShipped(t)
	ctx := context.Background()
	addTexts(t, a, map[string]string{
		"verblijf.md":     "Aan de vreemdeling wordt verblijf in Nederland toegestaan.",
		"vergunning.md":   "De vreemdeling krijgt een verblijfsvergunning voor bepaalde tijd.",
		"gemeente.md":     "De raad van de gemeente stelt de begroting vast.",
		"gemeenteraad.md": "Het college zendt het verslag aan de gemeenteraad.",
	})
	for _, tc := range []struct{ q, want, compound, without string }{
		{"residence permit", "vergunning", "verblijfsvergunn", "verblijf"},
		{"municipal council", "gemeenteraad", "gemeenterad", "gemeente"},
	} {
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: tc.q, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Doc != tc.want {
			t.Errorf("%q: first hit %v, want %s; senses %+v", tc.q, hitDocs(res), tc.want, res.Senses)
		}
		words := strings.Fields(tc.q)
		for _, e := range res.Senses {
			if !slices.ContainsFunc(e.Senses, func(s Sense) bool { return s.Text == tc.compound && s.Via == "compound" && s.Key && s.P > 0 }) {
				t.Errorf("%q: %s not searched as the compound %s: %+v", tc.q, e.Query, tc.compound, e.Senses)
			}
		}
		if len(res.Senses) != len(words) {
			t.Errorf("%q: %d units, want one per word: %+v", tc.q, len(res.Senses), res.Senses)
		}
		for _, w := range words {
			if len(res.Hits) > 0 && !slices.ContainsFunc(res.Hits[0].Matched, func(m Matched) bool {
				return m.Query == w && m.Via == "compound" && strings.Contains(strings.ToLower(res.Hits[0].Text), strings.ToLower(m.Term))
			}) {
				t.Errorf("%q: the first hit does not say %s matched as the compound: %+v", tc.q, w, res.Hits[0].Matched)
			}
		}
	}
	// Without the compound step the passage with both parts' senses apart
	// is first: the step is what ranks the compound.
	a.tune.Compound = 0
	for _, tc := range []struct{ q, first string }{{"residence permit", "verblijf"}} {
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: tc.q, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Doc != tc.first {
			t.Errorf("%q without compounds: first hit %v, want %s", tc.q, hitDocs(res), tc.first)
		}
		for _, e := range res.Senses {
			if slices.ContainsFunc(e.Senses, func(s Sense) bool { return s.Via == "compound" }) {
				t.Errorf("%q without compounds: %s searched as a compound: %+v", tc.q, e.Query, e.Senses)
			}
		}
	}
}

// TestEnglishCognateSpelling checks that an English word the lexicon does
// not know finds the Dutch spelling of its cognate (consternation →
// consternatie, traumatic → traumatisch) when the documents have it, and
// that no such guess is searched when they do not.
func TestEnglishCognateSpelling(t *testing.T) {
	a := openShipped(t)
	ctx := context.Background()
	addTexts(t, a, map[string]string{
		"consternatie.md": "Het voorstel veroorzaakte consternatie onder de leden.",
		"trauma.md":       "Zij liep een traumatisch letsel op.",
		"leden.md":        "De leden van de vergadering stemden over het voorstel.",
	})
	for _, tc := range []struct{ q, want, key string }{
		{"consternation", "consternatie", "consternatie"},
		{"traumatic injury", "trauma", "traumatisch"},
	} {
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: tc.q, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Doc != tc.want {
			t.Errorf("%q: first hit %v, want %s; senses %+v", tc.q, hitDocs(res), tc.want, res.Senses)
		}
		if !slices.ContainsFunc(res.Senses[0].Senses, func(s Sense) bool { return s.Text == tc.key && s.Via == "cognate" }) {
			t.Errorf("%q: %s not searched as the cognate %s: %+v", tc.q, res.Senses[0].Query, tc.key, res.Senses[0].Senses)
		}
	}
	// No guess the documents lack.
	res, err := a.BilingualSearch(ctx, SearchRequest{Q: "plebiscite", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 0 {
		t.Errorf("plebiscite: %d hits, want none; senses %+v", len(res.Hits), res.Senses)
	}
	// Without the spelling rules consternation finds nothing: the rules
	// are what reach the document.
	a.tune.CognateRules = 0
	if res, err := a.BilingualSearch(ctx, SearchRequest{Q: "consternation", Lang: "en"}); err != nil || len(res.Hits) != 0 {
		t.Errorf("consternation without the rules: %v, %d hits, want none", err, len(res.Hits))
	}
}
