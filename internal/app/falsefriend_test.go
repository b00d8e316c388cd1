package app

import (
	"context"
	"testing"
)

// TestNoFunctionOrFalseFriendSenses: an English content word is not
// searched as a Dutch auxiliary the lexicon paired it with (crime: zoud,
// from "the crime would have been committed"), nor as a Dutch word spelt
// like it that the lexicon knows to mean something else (particulate:
// particulier, private, which made the documents' private landlords the
// answer to "particulate matter"); a cognate whose translation begins as
// the word does stays (inspector: inspectie).
func TestNoFunctionOrFalseFriendSenses(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{
		"wonen.md":    "Particuliere verhuurders moeten de huur verlagen.",
		"toezicht.md": "De inspectie houdt toezicht op de verpleeghuizen.",
	})
	senses := func(q string) map[string]string {
		t.Helper()
		res, err := a.BilingualSearch(context.Background(), SearchRequest{Q: q, Lang: "en", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, e := range res.Senses {
			for _, s := range e.Senses {
				out[s.Text] = s.Via
			}
		}
		return out
	}
	if s := senses("crime"); len(s) == 0 || s["zoud"] != "" {
		t.Errorf("crime: senses %v, want some and not zoud", s)
	}
	if s := senses("particulate"); s["particulier"] != "" {
		t.Errorf("particulate: senses %v, want no particulier", s)
	}
}
