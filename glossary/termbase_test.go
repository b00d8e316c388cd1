package glossary

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// testKey stands in for the production KeyFunc, index.TermKey (the index
// package's stemmers), which glossary may not import. It knows
// just enough inflection for these tests: Dutch plural -en with vowel
// undoubling (staatsgreep, staatsgrepen → staatsgrep) and English plural -s.
func testKey(lang, w string) string {
	w = Fold(w)
	switch lang {
	case "nl":
		if len(w) > 5 && strings.HasSuffix(w, "en") {
			w = w[:len(w)-2]
		}
		// Undouble the vowel of a final syllable CVVC: greep → grep.
		if n := len(w); n >= 4 && w[n-2] == w[n-3] && strings.ContainsRune("aeou", rune(w[n-2])) && !strings.ContainsRune("aeiou", rune(w[n-1])) {
			w = w[:n-2] + w[n-1:]
		}
	case "en":
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
	}
	return w
}

func term(lang, text string) Term { return Term{Lang: lang, Text: text} }

func termS(lang, text string, s Status) Term { return Term{Lang: lang, Text: text, Status: s} }

// testConcepts is a small termbase in the shape of the curated glossary
// plus a second collection, as an import would add.
func testConcepts() []Concept {
	return []Concept{
		{ID: "staatsgreep", Collection: CollectionCurated, Terms: []Term{
			termS("nl", "staatsgreep", Preferred), termS("en", "coup d'état", Preferred), termS("en", "coup", Admitted)}},
		{ID: "rechtsorde", Collection: CollectionCurated, Terms: []Term{
			termS("nl", "rechtsorde", Preferred), termS("en", "rule of law", Preferred)}},
		{ID: "cnsp", Collection: CollectionCurated, Terms: []Term{
			{Lang: "nl", Text: "CNSP", Type: Acronym},
			term("fr", "Comité national pour le salut du peuple"),
			term("en", "National Committee for the Salvation of the People")}},
		{ID: "sancties", Collection: CollectionCurated, Terms: []Term{
			term("nl", "sancties"), term("en", "sanctions")}},
		{ID: "transitieregering", Collection: CollectionCurated, Terms: []Term{
			termS("nl", "transitieregering", Preferred), termS("nl", "overgangsregering", Admitted),
			term("en", "transitional government")}},
		{ID: "junta", Collection: CollectionCurated, Terms: []Term{
			termS("nl", "militaire junta", Preferred), termS("nl", "junta", Deprecated),
			term("en", "military junta")}},
		{ID: "hvj", Collection: CollectionCurated, Terms: []Term{
			term("nl", "Hof van Justitie"), term("en", "Court of Justice")}},
		{ID: "steun", Collection: CollectionCurated, Terms: []Term{
			term("nl", "financiële steun"), term("en", "financial support")}},
		{ID: "fd-greep", Collection: "freedict", Terms: []Term{term("nl", "greep"), term("en", "grip")}},
		{ID: "fd-regering", Collection: "freedict", Terms: []Term{
			term("nl", "regering"), term("en", "government"), term("en", "administration")}},
		{ID: "fd-raad", Collection: "freedict", Terms: []Term{term("nl", "raad"), term("en", "council")}},
	}
}

func newTestTermbase(t testing.TB, key KeyFunc) *Termbase {
	t.Helper()
	tb := NewTermbase(key)
	cs := testConcepts()
	for _, c := range cs {
		if err := c.Validate(); err != nil {
			t.Fatalf("test concept: %v", err)
		}
	}
	tb.Put(cs...)
	return tb
}

// summary renders a result as "id via term" lines, which read well in a diff.
func summary(r LookupResult) []string {
	s := []string{}
	for _, m := range r.Concepts {
		s = append(s, fmt.Sprintf("%s %s %s", m.ID, m.Via, m.Term))
	}
	return s
}

func TestLookup(t *testing.T) {
	tb := newTestTermbase(t, testKey)
	tests := []struct {
		name      string
		req       LookupRequest
		want      []string
		wantTotal int // when different from len(want), i.e. paging
	}{
		{"inflected Dutch", LookupRequest{Q: "staatsgrepen"}, []string{"staatsgreep stem staatsgreep"}, 0},
		{"inflected English", LookupRequest{Q: "sanction"}, []string{"sancties stem sanctions"}, 0},
		{"exact", LookupRequest{Q: "staatsgreep"}, []string{"staatsgreep exact staatsgreep"}, 0},
		{"case folded", LookupRequest{Q: "Staatsgreep"}, []string{"staatsgreep fold staatsgreep"}, 0},
		{"acronym any case", LookupRequest{Q: "cnsp"}, []string{"cnsp fold CNSP"}, 0},
		{"diacritics", LookupRequest{Q: "financiele steun"}, []string{"steun fold financiële steun"}, 0},
		{"typographic apostrophe", LookupRequest{Q: "coup d’état"}, []string{"staatsgreep fold coup d'état"}, 0},
		{"extra white space", LookupRequest{Q: "  rule   of law "}, []string{"rechtsorde exact rule of law"}, 0},
		{"English to Dutch", LookupRequest{Q: "rule of law", Lang: "en"}, []string{"rechtsorde exact rule of law"}, 0},
		{"multi-word stem", LookupRequest{Q: "Rules of Law", Lang: "en"}, []string{"rechtsorde stem rule of law"}, 0},
		{"wrong language", LookupRequest{Q: "rule of law", Lang: "nl"}, []string{}, 0},
		{"language restricts terms", LookupRequest{Q: "staatsgreep", Lang: "en"}, []string{}, 0},
		{"punctuation between words", LookupRequest{Q: "hof-van-justitie", Mode: ModeStem}, []string{"hvj stem Hof van Justitie"}, 0},
		{"prefix of a later word", LookupRequest{Q: "just"}, []string{"hvj prefix Court of Justice"}, 0},
		{"exact mode ignores inflection", LookupRequest{Q: "staatsgrepen", Mode: ModeExact}, []string{}, 0},
		{"exact mode folds", LookupRequest{Q: "CNSP", Mode: ModeExact}, []string{"cnsp exact CNSP"}, 0},
		{"stem mode no prefix", LookupRequest{Q: "staats", Mode: ModeStem}, []string{}, 0},
		{"prefix mode", LookupRequest{Q: "staats", Mode: ModePrefix}, []string{"staatsgreep prefix staatsgreep"}, 0},
		{"fuzzy mode", LookupRequest{Q: "staatsgreeb", Mode: ModeFuzzy}, []string{"staatsgreep fuzzy staatsgreep"}, 0},
		{"auto falls back to fuzzy", LookupRequest{Q: "staatsgreeb"}, []string{"staatsgreep fuzzy staatsgreep"}, 0},
		{"fuzzy transposition", LookupRequest{Q: "rechtsodre"}, []string{"rechtsorde fuzzy rechtsorde"}, 0},
		{"fuzzy: short words must be exact", LookupRequest{Q: "raat", Mode: ModeFuzzy}, []string{}, 0},
		{"fuzzy: two edits need nine letters", LookupRequest{Q: "regerinkk", Mode: ModeFuzzy}, []string{"fd-regering fuzzy regering"}, 0},
		{"fuzzy: two edits too many for eight letters", LookupRequest{Q: "regerikk", Mode: ModeFuzzy}, []string{}, 0},
		{"deprecated term still matches", LookupRequest{Q: "junta", Lang: "nl"}, []string{"junta exact junta"}, 0},
		{"collection filter", LookupRequest{Q: "gre", Collection: "freedict"}, []string{"fd-greep prefix greep"}, 0},
		{"collection filter excludes", LookupRequest{Q: "staatsgreep", Collection: "freedict"}, []string{}, 0},
		{"status filter", LookupRequest{Q: "junta", Status: Deprecated}, []string{"junta exact junta"}, 0},
		{"status filter excludes", LookupRequest{Q: "raad", Status: Preferred}, []string{}, 0},
		{"browse collection in collation order", LookupRequest{Collection: "freedict"},
			[]string{"fd-greep  ", "fd-raad  ", "fd-regering  "}, 0},
		{"browse by status", LookupRequest{Status: Admitted},
			[]string{"staatsgreep  ", "transitieregering  "}, 0},
		{"browse page", LookupRequest{Collection: "freedict", Limit: 1, Offset: 1}, []string{"fd-raad  "}, 3},
		{"page past the end", LookupRequest{Q: "staatsgreep", Offset: 5}, []string{}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tb.Lookup(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("Lookup(%+v) (-want +got):\n%s", tt.req, diff)
			}
			wantTotal := tt.wantTotal
			if wantTotal == 0 {
				wantTotal = len(tt.want)
			}
			if got.Total != wantTotal {
				t.Errorf("Total = %d, want %d", got.Total, wantTotal)
			}
		})
	}
}

// Of two concepts matching the same way, the one matched through a
// preferred term comes before the one matched through a deprecated term,
// though the deprecated one sorts first alphabetically.
func TestLookupDeprecatedPenalty(t *testing.T) {
	tb := NewTermbase(testKey)
	tb.Put(
		Concept{ID: "old", Terms: []Term{termS("nl", "junta", Deprecated)}},
		Concept{ID: "new", Terms: []Term{termS("nl", "militair bewind", Preferred), termS("nl", "junta", Preferred)}},
	)
	got, err := tb.Lookup(LookupRequest{Q: "junta"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"new exact junta", "old exact junta"}
	if diff := cmp.Diff(want, summary(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLookupRanking(t *testing.T) {
	tb := NewTermbase(testKey)
	tb.Put(
		Concept{ID: "fuzzy", Terms: []Term{term("nl", "regeling")}},
		Concept{ID: "prefix", Terms: []Term{term("nl", "regeringsleider")}},
		Concept{ID: "stem", Terms: []Term{term("nl", "regeringen")}},
		Concept{ID: "fold", Terms: []Term{term("nl", "REGERING")}},
		Concept{ID: "exact", Terms: []Term{term("nl", "regering")}},
	)
	tests := []struct {
		mode string
		want []string
	}{
		{ModeAuto, []string{"exact exact regering", "fold fold REGERING", "stem stem regeringen", "prefix prefix regeringsleider"}},
		{ModeFuzzy, []string{"exact exact regering", "fold fold REGERING", "stem stem regeringen", "fuzzy fuzzy regeling"}},
		{ModeStem, []string{"exact exact regering", "fold fold REGERING", "stem stem regeringen"}},
		{ModeExact, []string{"exact exact regering", "fold fold REGERING"}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			got, err := tb.Lookup(LookupRequest{Q: "regering", Mode: tt.mode})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			for i := 1; i < len(got.Concepts); i++ {
				if got.Concepts[i].Score >= got.Concepts[i-1].Score {
					t.Errorf("scores not strictly decreasing: %v then %v", got.Concepts[i-1].Score, got.Concepts[i].Score)
				}
			}
		})
	}
}

// Without a KeyFunc lookup folds but does not stem.
func TestLookupNilKey(t *testing.T) {
	tb := newTestTermbase(t, nil)
	for q, want := range map[string][]string{
		"staatsgreep":       {"staatsgreep exact staatsgreep"},
		"staatsgrepen":      {},
		"hof, van justitie": {"hvj stem Hof van Justitie"},
	} {
		got, err := tb.Lookup(LookupRequest{Q: q, Mode: ModeStem})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, summary(got)); diff != "" {
			t.Errorf("Lookup(%q) (-want +got):\n%s", q, diff)
		}
	}
}

func TestLookupBadRequest(t *testing.T) {
	tb := newTestTermbase(t, nil)
	for _, r := range []LookupRequest{
		{Q: "x", Mode: "regex"},
		{Q: "x", Lang: "xx"},
		{Q: "x", Status: "obsolete"},
		{Q: "x", Limit: -1},
		{Offset: -1},
	} {
		_, err := tb.Lookup(r)
		if !errors.Is(err, ErrBadLookup) {
			t.Errorf("Lookup(%+v) = %v, want ErrBadLookup", r, err)
		}
	}
}

func TestLookupLimit(t *testing.T) {
	tb := NewTermbase(nil)
	for i := range MaxLimit + 5 {
		tb.Put(Concept{ID: fmt.Sprintf("c%d", i), Terms: []Term{term("nl", fmt.Sprintf("woord%d", i))}})
	}
	for _, tt := range []struct{ limit, want int }{{0, DefaultLimit}, {7, 7}, {MaxLimit + 5, MaxLimit}} {
		got, err := tb.Lookup(LookupRequest{Q: "woord", Limit: tt.limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Concepts) != tt.want || got.Total != MaxLimit+5 {
			t.Errorf("limit %d: got %d of %d, want %d of %d", tt.limit, len(got.Concepts), got.Total, tt.want, MaxLimit+5)
		}
	}
}

func TestAllDutchCollation(t *testing.T) {
	// The order Dutch readers expect: case and accents only break ties
	// (lower case first), the ligature ĳ sorts as i+j, and IJ is not a
	// separate letter after Y as in some older dictionaries.
	want := []string{"aap", "Aap", "Ångström", "een", "één", "eenheid", "ĳs", "IJsselmeer", "ijzer", "yoghurt", "Zuid-Afrika", "zuivel"}
	tb := NewTermbase(nil)
	for i := len(want) - 1; i >= 0; i-- {
		tb.Put(Concept{ID: fmt.Sprintf("c%02d", i), Terms: []Term{term("en", "x"), term("nl", want[i])}})
	}
	var got []string
	for _, c := range tb.All() {
		got = append(got, c.TermsIn("nl")[0].Text)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("All() order (-want +got):\n%s", diff)
	}
}

func TestSuggest(t *testing.T) {
	tb := newTestTermbase(t, testKey)
	tests := []struct {
		prefix string
		limit  int
		want   []Suggestion
	}{
		{"staats", 0, []Suggestion{{Text: "staatsgreep", Lang: "nl", Concept: "staatsgreep"}}},
		{"COUP", 0, []Suggestion{{Text: "coup", Lang: "en", Concept: "staatsgreep"}, {Text: "coup d'état", Lang: "en", Concept: "staatsgreep"}}},
		{"law", 0, []Suggestion{{Text: "rule of law", Lang: "en", Concept: "rechtsorde"}}},
		// The curated glossary's terms before an import's, shorter first
		// within each (session 26: FreeDict's staatsman came before the
		// curated staatsgreep).
		{"r", 2, []Suggestion{{Text: "rechtsorde", Lang: "nl", Concept: "rechtsorde"}, {Text: "rule of law", Lang: "en", Concept: "rechtsorde"}}},
		{"r", 6, []Suggestion{{Text: "rechtsorde", Lang: "nl", Concept: "rechtsorde"}, {Text: "rule of law", Lang: "en", Concept: "rechtsorde"},
			{Text: "raad", Lang: "nl", Concept: "fd-raad"}, {Text: "regering", Lang: "nl", Concept: "fd-regering"}}},
		{"justitie", 0, []Suggestion{{Text: "Hof van Justitie", Lang: "nl", Concept: "hvj"}}},
		{"  ", 0, nil},
		{"zzz", 0, []Suggestion{}},
	}
	for _, tt := range tests {
		got := tb.Suggest(tt.prefix, tt.limit)
		// Status and equivalents have TestSuggestStatus.
		if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(Suggestion{}, "Status", "Reliability", "Equivalent", "EquivalentStatus")); diff != "" {
			t.Errorf("Suggest(%q, %d) (-want +got):\n%s", tt.prefix, tt.limit, diff)
		}
	}
}

func TestCollections(t *testing.T) {
	tb := newTestTermbase(t, nil)
	want := []CollectionInfo{{"curated", 8}, {"freedict", 3}}
	if diff := cmp.Diff(want, tb.Collections()); diff != "" {
		t.Errorf("Collections() (-want +got):\n%s", diff)
	}
}

func TestPutReplaceDelete(t *testing.T) {
	tb := newTestTermbase(t, testKey)
	lookup := func(q string) []string {
		t.Helper()
		r, err := tb.Lookup(LookupRequest{Q: q, Mode: ModeStem})
		if err != nil {
			t.Fatal(err)
		}
		return summary(r)
	}
	// Replacing a concept drops its old terms from every index.
	tb.Put(Concept{ID: "staatsgreep", Collection: CollectionCurated, Terms: []Term{term("nl", "putsch"), term("en", "coup")}})
	if got := lookup("staatsgreep"); len(got) != 0 {
		t.Errorf("old term still found: %v", got)
	}
	if diff := cmp.Diff([]string{"staatsgreep exact putsch"}, lookup("putsch")); diff != "" {
		t.Errorf("new term (-want +got):\n%s", diff)
	}
	if s := tb.Suggest("staats", 0); len(s) != 0 {
		t.Errorf("old term still suggested: %v", s)
	}
	if n := tb.Len(); n != len(testConcepts()) {
		t.Errorf("Len = %d after replace, want %d", n, len(testConcepts()))
	}
	if !tb.Delete("staatsgreep") {
		t.Fatal("Delete reported no concept")
	}
	if tb.Delete("staatsgreep") {
		t.Error("second Delete reported a concept")
	}
	if _, ok := tb.Get("staatsgreep"); ok {
		t.Error("Get finds a deleted concept")
	}
	if got := lookup("putsch"); len(got) != 0 {
		t.Errorf("deleted concept still found: %v", got)
	}
	if got, _ := tb.Lookup(LookupRequest{Q: "putsk", Mode: ModeFuzzy}); got.Total != 0 {
		t.Errorf("deleted concept still found by fuzzy: %v", summary(got))
	}
	checkIndexes(t, tb)
	if n := len(tb.All()); n != len(testConcepts())-1 {
		t.Errorf("All has %d concepts, want %d", n, len(testConcepts())-1)
	}
}

// The termbase keeps its own copies: callers may change what they put in
// or got out without changing what lookups see.
func TestIsolation(t *testing.T) {
	tb := NewTermbase(nil)
	c := Concept{ID: "a", Terms: []Term{term("nl", "kat")}, Definition: map[string]string{"nl": "dier"}}
	tb.Put(c)
	c.Terms[0].Text = "hond"
	c.Definition["nl"] = "ander dier"
	got, _ := tb.Get("a")
	got.Terms[0].Text = "muis"
	again, _ := tb.Get("a")
	if again.Terms[0].Text != "kat" || again.Definition["nl"] != "dier" {
		t.Errorf("stored concept changed through a caller's copy: %+v", again)
	}
}

func TestConcurrentUse(t *testing.T) {
	tb := newTestTermbase(t, testKey)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 200 {
				id := fmt.Sprintf("w%d-%d", w, i)
				tb.Put(Concept{ID: id, Collection: "load", Terms: []Term{term("nl", "staatsgreep "+id)}})
				if i%2 == 0 {
					tb.Delete(id)
				}
			}
		})
		wg.Go(func() {
			for range 200 {
				if _, err := tb.Lookup(LookupRequest{Q: "staatsgrepen"}); err != nil {
					t.Error(err)
					return
				}
				tb.Suggest("staats", 5)
				tb.Lookup(LookupRequest{Q: "staatsgreeb", Mode: ModeFuzzy})
				tb.Collections()
			}
		})
	}
	wg.Wait()
	got, err := tb.Lookup(LookupRequest{Collection: "load", Limit: MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != 4*100 {
		t.Errorf("%d concepts in collection load, want %d", got.Total, 4*100)
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Één":                "een",
		"ĳs":                 "ijs",
		"IJsselmeer":         "ijsselmeer",
		"coup d’état":        "coup d'etat",
		"Curaçao":            "curacao",
		"  Noord \t Mali\n":  "noord mali",
		"minister‐president": "minister-president",
		"ﬁnanciën":           "financien",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	got := words("coup d'état, Noord-Mali 2020")
	want := []string{"coup", "d", "état", "Noord", "Mali", "2020"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("words (-want +got):\n%s", diff)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"staatsgreep", "staatsgreep", 2, 0},
		{"staatsgreep", "staatsgreeb", 2, 1},
		{"rechtsorde", "rechtsodre", 2, 1}, // transposition is one edit
		{"regering", "regeling", 2, 1},
		{"kat", "kast", 2, 1},
		{"kast", "kat", 2, 1},
		{"abcdef", "badcfe", 3, 3},
		{"abcdef", "uvwxyz", 2, 3}, // beyond the limit: limit+1
		{"a", "abcd", 2, 3},
		{"", "ab", 2, 2},
	}
	for _, tt := range tests {
		o := newOSA(utf8.RuneCountInString(tt.b))
		if got := o.distance([]rune(tt.b), []rune(tt.a), tt.limit); got != tt.want {
			t.Errorf("distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Één", "ĳs", "coup d’état", "a\u0301", "İstanbul", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold not idempotent: %q → %q → %q", s, once, twice)
		}
		if !utf8.ValidString(once) {
			t.Errorf("Fold(%q) = %q, not valid UTF-8", s, once)
		}
	})
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"staatsgrepen", "rule of law", "CNSP", "staatsgreeb", "j", "-", "coup d’"} {
		f.Add(s)
	}
	tb := newTestTermbase(f, testKey)
	f.Fuzz(func(t *testing.T, q string) {
		for _, mode := range []string{ModeAuto, ModeFuzzy, ModePrefix} {
			r, err := tb.Lookup(LookupRequest{Q: q, Mode: mode, Limit: MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			if r.Total != len(r.Concepts) {
				t.Errorf("%s %q: total %d, %d concepts", mode, q, r.Total, len(r.Concepts))
			}
			for i := 1; i < len(r.Concepts); i++ {
				if r.Concepts[i].Score > r.Concepts[i-1].Score {
					t.Errorf("%s %q: not ranked: %v", mode, q, summary(r))
				}
			}
		}
		tb.Suggest(q, 5)
	})
}

// checkIndexes verifies that the sorted slices and hash indexes hold
// exactly the records of the stored concepts, in order.
func checkIndexes(t *testing.T, tb *Termbase) {
	t.Helper()
	tb.mu.RLock()
	defer tb.mu.RUnlock()
	if !slices.IsSortedFunc(tb.sorted, compareEntries) || !slices.IsSortedFunc(tb.prefix, comparePrefixRecs) {
		t.Error("sorted indexes out of order")
	}
	var wantPrefix, terms int
	for _, e := range tb.concepts {
		wantPrefix += len(appendPrefixRecs(nil, e))
		terms += len(e.terms)
	}
	if len(tb.sorted) != len(tb.concepts) || len(tb.prefix) != wantPrefix {
		t.Errorf("sorted %d entries for %d concepts, prefix %d records want %d", len(tb.sorted), len(tb.concepts), len(tb.prefix), wantPrefix)
	}
	for _, e := range tb.sorted {
		if tb.concepts[e.c.ID] != e {
			t.Errorf("sorted holds a stale entry %s", e.c.ID)
		}
	}
	for _, p := range tb.prefix {
		if tb.concepts[p.t.e.c.ID] != p.t.e {
			t.Errorf("prefix holds a stale entry %s", p.t.e.c.ID)
		}
	}
	var inFold, inLen int
	for _, ts := range tb.fold {
		inFold += len(ts)
	}
	for _, fs := range tb.byLen {
		inLen += len(fs)
	}
	if inFold != terms || inLen != terms {
		t.Errorf("fold index %d, length buckets %d, want %d terms", inFold, inLen, terms)
	}
}

// Replacing few concepts splices them one by one, many in one pass; both
// must leave the same indexes.
func TestPutBulkReplace(t *testing.T) {
	for _, n := range []int{1, fewEntries, fewEntries + 1, 200} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			tb := newTestTermbase(t, testKey)
			var cs []Concept
			for i := range 300 {
				cs = append(cs, Concept{ID: fmt.Sprintf("c%03d", i), Terms: []Term{term("nl", fmt.Sprintf("woord %d", i)), term("en", "word")}})
			}
			tb.Put(cs...)
			checkIndexes(t, tb)
			var repl []Concept
			for i := range n {
				repl = append(repl, Concept{ID: fmt.Sprintf("c%03d", i*300/n), Terms: []Term{term("nl", fmt.Sprintf("vervangen %d", i))}})
			}
			tb.Put(repl...)
			checkIndexes(t, tb)
			got, _ := tb.Lookup(LookupRequest{Q: "vervangen", Limit: MaxLimit})
			if got.Total != n {
				t.Errorf("%d replaced concepts found, want %d", got.Total, n)
			}
			for i := range n {
				tb.Delete(fmt.Sprintf("c%03d", i*300/n))
			}
			checkIndexes(t, tb)
			if got := tb.Len(); got != len(testConcepts())+300-n {
				t.Errorf("Len = %d, want %d", got, len(testConcepts())+300-n)
			}
		})
	}
}

// TestAllByHeadTerm: the termbase lists concepts in Dutch collation order
// of the term each is headed by (Concept.Head), the preferred one, not of
// whichever Dutch term comes first: Kamerbrief (preferred, after the
// admitted brief) files under K, between kabinet and land.
func TestAllByHeadTerm(t *testing.T) {
	tb := NewTermbase(testKey)
	tb.Put(
		Concept{ID: "kamerbrief", Terms: []Term{{Lang: "nl", Text: "brief", Status: Admitted}, {Lang: "nl", Text: "Kamerbrief", Status: Preferred}, {Lang: "en", Text: "letter to parliament"}}},
		Concept{ID: "burger", Terms: []Term{{Lang: "nl", Text: "burger"}}},
		Concept{ID: "kabinet", Terms: []Term{{Lang: "en", Text: "cabinet"}, {Lang: "nl", Text: "kabinet"}}},
		Concept{ID: "land", Terms: []Term{{Lang: "nl", Text: "land", Status: Deprecated}, {Lang: "nl", Text: "Land", Status: Admitted}}},
	)
	var ids []string
	for _, c := range tb.All() {
		ids = append(ids, c.ID)
	}
	if want := []string{"burger", "kabinet", "kamerbrief", "land"}; !slices.Equal(ids, want) {
		t.Errorf("All: %v, want %v", ids, want)
	}
	c, _ := tb.Get("land")
	if h, ok := c.Head(); !ok || h.Text != "Land" {
		t.Errorf("Head of land: %+v, want the admitted Land", h)
	}
	if _, ok := (&Concept{ID: "x"}).Head(); ok {
		t.Error("Head of a concept without terms: ok")
	}
}

// TestLookupLeadingArticle: a phrase copied with its article (de
// staatsgreep, het kabinet, the coup) finds the term without it, just
// under the term as typed; a term that begins with an article (The Hague)
// is still found whole first.
func TestLookupLeadingArticle(t *testing.T) {
	tb := NewTermbase(testKey)
	tb.Put(
		Concept{ID: "coup", Terms: []Term{term("nl", "staatsgreep"), term("en", "coup")}},
		Concept{ID: "tk", Terms: []Term{term("nl", "Tweede Kamer"), term("en", "House of Representatives")}},
		Concept{ID: "hague", Terms: []Term{term("nl", "Den Haag"), term("en", "The Hague")}},
		Concept{ID: "hague-court", Terms: []Term{term("en", "Hague")}},
	)
	for _, tt := range []struct {
		q    string
		want string
	}{
		{"de staatsgreep", "coup fold staatsgreep"},
		{"the coup", "coup fold coup"},
		{"de Tweede Kamer", "tk fold Tweede Kamer"},
		{"The Hague", "hague exact The Hague"},
	} {
		got, err := tb.Lookup(LookupRequest{Q: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		if s := summary(got); len(s) == 0 || s[0] != tt.want {
			t.Errorf("%q: %v, want %q first", tt.q, s, tt.want)
		}
	}
	if got := tb.Suggest("de Twee", 5); len(got) == 0 || got[0].Text != "Tweede Kamer" {
		t.Errorf("Suggest(de Twee) = %+v, want Tweede Kamer", got)
	}
}

// TestLookupForms: with a FormsFunc a term is found by the forms it gives
// (a verb's participle, its finite form with the particle after it), with
// Via "form" and under a term found by its key; without one, not at all.
// Edits and deletes take the forms out with the term.
func TestLookupForms(t *testing.T) {
	forms := func(tm Term) []string {
		if tm.Text == "opschorten" {
			return []string{"opgeschort", "schort op", "schortte op", "opschorten"}
		}
		return nil
	}
	tb := NewTermbaseForms(testKey, forms)
	plain := NewTermbase(testKey)
	cs := []Concept{
		{ID: "suspend", Terms: []Term{term("nl", "opschorten"), term("en", "suspend")}},
		{ID: "geschort", Terms: []Term{term("nl", "opgeschort")}},
	}
	tb.Put(cs...)
	plain.Put(cs...)
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"opgeschort", []string{"geschort exact opgeschort", "suspend form opschorten"}},
		{"Schortte  op", []string{"suspend form opschorten"}},
		{"opschorten", []string{"suspend exact opschorten"}},
		// With its auxiliary, before or after it.
		{"werd opgeschort", []string{"geschort fold opgeschort", "suspend form opschorten"}},
		{"opgeschort is", []string{"geschort fold opgeschort", "suspend form opschorten"}},
		{"is", []string{}},
	} {
		got, err := tb.Lookup(LookupRequest{Q: tt.q, Mode: ModeStem})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.q, diff)
		}
	}
	if got, _ := plain.Lookup(LookupRequest{Q: "schortte op", Mode: ModeStem}); got.Total != 0 {
		t.Errorf("without forms: %v", summary(got))
	}
	if got, _ := tb.Lookup(LookupRequest{Q: "schortte op", Mode: ModeExact}); got.Total != 0 {
		t.Errorf("exact mode found forms: %v", summary(got))
	}
	tb.Put(Concept{ID: "suspend", Terms: []Term{term("nl", "schorsen")}})
	if got, _ := tb.Lookup(LookupRequest{Q: "schortte op"}); got.Total != 0 {
		t.Errorf("after the edit: %v", summary(got))
	}
	tb.Put(cs[0])
	tb.Delete("suspend")
	if got, _ := tb.Lookup(LookupRequest{Q: "schortte op"}); got.Total != 0 {
		t.Errorf("after the delete: %v", summary(got))
	}
}

// TestLookupTiesByCollection: equally good matches come hand-made first,
// then curated, then imported (an imported dictionary's coup came before
// the curated staatsgreep, all at score 1).
func TestLookupTiesByCollection(t *testing.T) {
	tb := NewTermbase(nil)
	tb.Put(Concept{ID: "a-import", Collection: "freedict", Terms: []Term{term("en", "coup"), term("nl", "slag")}})
	tb.Put(Concept{ID: "b-curated", Collection: CollectionCurated, Terms: []Term{term("en", "coup"), term("nl", "staatsgreep")}})
	tb.Put(Concept{ID: "c-user", Collection: CollectionUser, Terms: []Term{term("en", "coup"), term("nl", "putsch")}})
	res, err := tb.Lookup(LookupRequest{Q: "coup", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range res.Concepts {
		got = append(got, m.ID)
	}
	if want := []string{"c-user", "b-curated", "a-import"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}
