package index

import (
	"context"
	"slices"
	"testing"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"barkhane", "barkhane", 0},
		{"barkahne", "barkhane", 1}, // transposition
		{"takubaa", "takuba", 1},
		{"staatsgreeb", "staatsgreep", 1},
		{"flintlok", "flintlock", 1},
		{"abc", "cab", 2},
		{"", "abc", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSimilarAndDocCount(t *testing.T) {
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	ps := []Passage{
		{Doc: "a", Paragraph: 1, Text: "De operatie Barkhane gaat door."},
		{Doc: "a", Paragraph: 2, Text: "Taakgroep Takuba wordt operationeel."},
		{Doc: "b", Paragraph: 1, Text: "Een andere brief over Barkhane."},
	}
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		word  string
		edits int
		want  string
		ok    bool
	}{
		{"Barkahne", 1, "barkhane", true},
		{"Takubaa", 1, "takuba", true},
		{"Takubaaa", 1, "", false}, // two edits away, one allowed
		{"aardbeving", 2, "", false},
		{"Takuba", 0, "", false}, // no tolerance: nothing to correct
	} {
		got, ok := ix.Similar(ctx, tt.word, tt.edits)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Similar(%q, %d) = %q, %v; want %q, %v", tt.word, tt.edits, got, ok, tt.want, tt.ok)
		}
	}
	for doc, want := range map[string]int{"a": 2, "b": 1, "c": 0} {
		if got, err := ix.DocCount(ctx, doc); err != nil || got != want {
			t.Errorf("DocCount(%q) = %d, %v; want %d", doc, got, err, want)
		}
	}
}

// TestNearKeys checks the stemmed keys spelt nearly as a word: sharing
// its beginning, within the edits allowed, nearest first, and nothing for
// a word shorter than the prefix asked for.
func TestNearKeys(t *testing.T) {
	ix := newWeightedIndex(t, []Passage{
		{Doc: "a", Paragraph: 1, Text: "De bureaucratie groeit."},
		{Doc: "a", Paragraph: 2, Text: "Bureaucraten en een bureaucratische cultuur."},
		{Doc: "b", Paragraph: 1, Text: "De burgemeester opent het bureau."},
	})
	for _, tt := range []struct {
		word          string
		prefix, edits int
		want          []string
	}{
		{"bureaucracy", 7, 3, []string{"bureaucrat", "bureaucratie"}}, // two edits, then three
		{"Bureaucracy", 7, 2, []string{"bureaucrat"}},                 // folded; bureaucratie is three edits away
		{"bureaucracy", 10, 3, nil},                                   // no key begins bureaucrac
		{"bureau", 7, 3, nil},                                         // shorter than the prefix
	} {
		got, err := ix.NearKeys(context.Background(), tt.word, tt.prefix, tt.edits)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("NearKeys(%q, %d, %d) = %q, want %q", tt.word, tt.prefix, tt.edits, got, tt.want)
		}
	}
}

// TestFormOf: the commonest word with the key, among the words beginning
// with it; a word beginning with the key but with another key is not one.
func TestFormOf(t *testing.T) {
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	ps := []Passage{
		{Doc: "a", Paragraph: 1, Text: "Nieuwe verkiezingen en de verkiezingsdatum."},
		{Doc: "a", Paragraph: 2, Text: "De verkiezingen, de verkiezingsdatum en de verkiezingsdatum."},
		{Doc: "b", Paragraph: 1, Text: "Een verkiezing."},
		{Doc: "b", Paragraph: 2, Text: "Over de verkiezingsdatum."},
	}
	if err := ix.Add(ctx, ps); err != nil {
		t.Fatal(err)
	}
	key := Key("nl", "verkiezingen")
	if got, ok := ix.FormOf(ctx, key); !ok || got != "verkiezingen" {
		t.Errorf("FormOf(%q) = %q, %t; want verkiezingen (2 passages, verkiezing 1)", key, got, ok)
	}
	// The stemmer undoubles a vowel (huur: hur) and devoices a last z
	// (huizen: huis): the forms do not begin with the key.
	if err := ix.Add(ctx, []Passage{
		{Doc: "c", Paragraph: 1, Text: "De huur en de huur van de huizen."},
		{Doc: "c", Paragraph: 2, Text: "De huur van huizen; hurken."},
		{Doc: "c", Paragraph: 3, Text: "Huizen te huur."},
	}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(ctx, []Passage{{Doc: "d", Paragraph: 1, Text: "De Financiële positie; financiële middelen."}}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"huur", "huizen", "financiële"} {
		if got, ok := ix.FormOf(ctx, Key("nl", w)); !ok || got != w {
			t.Errorf("FormOf(%q) = %q, %t; want %s", Key("nl", w), got, ok, w)
		}
	}
	if got, ok := ix.FormOf(ctx, "nergens"); ok {
		t.Errorf("FormOf(nergens) = %q, want none", got)
	}
}

// TestHasWord: a word is in the documents as written; one the tokenizer
// splits only where its parts stand together (year-end was "in" a corpus
// with year and end anywhere, and an English query left it untranslated).
func TestHasWord(t *testing.T) {
	ix := memIndex(t, Options{}, []Passage{
		{Doc: "a", Paragraph: 1, Text: "The year ends. The end of the COVID-19 crisis."},
		{Doc: "a", Paragraph: 2, Text: "A part-time job."},
	})
	ctx := context.Background()
	for word, want := range map[string]bool{"year": true, "Crisis": true, "jaar": false, "COVID-19": true, "part-time": true,
		"year-end": false, "end-year": false, "time-part": false} {
		if got := ix.HasWord(ctx, word); got != want {
			t.Errorf("HasWord(%q) = %t, want %t", word, got, want)
		}
	}
}
