package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/google/go-cmp/cmp"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Keïta", "keita"},
		{"Kei\u0308ta", "keita"}, // decomposed
		{"Cissé", "cisse"},
		{"Curaçao", "curacao"},
		{"CRÈME brûlée", "creme brulee"},
		{"geïnformeerd", "geinformeerd"},
		{"programma’s", "programma's"},
		{"programma‘s", "programma's"},
		{"ver\u00adoordeeld", "veroordeeld"},
		{"Øresund", "oresund"},
		{"ĳs", "ijs"},
		{"already folded", "already folded"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestKeySame lists forms that must share an index key: diacritics,
// apostrophes, and the Snowball misses the override layer fixes.
func TestKeySame(t *testing.T) {
	tests := [][]string{
		{"Keïta", "Keita", "Kei\u0308ta", "KEÏTA"},
		{"Cissé", "Cisse"},
		{"Curaçao", "Curacao"},
		{"geïnformeerd", "geinformeerd"},
		{"programma’s", "programma's", "programma"},
		{"sancties", "sanctie"},
		{"handelssancties", "handelssanctie"},
		{"Kamerbrieven", "Kamerbrief"},
		{"staatsgrepen", "staatsgreep"},
		{"strijdkrachten", "strijdkracht"},
		{"grepen", "greep"},
		{"bevelen", "bevel"},
		{"mogelijkheden", "mogelijkheid"},
		{"categorieën", "categorie"},
		{"huizen", "huis"},
		{"processen", "proces"},
		{"musea", "museum"},
		{"studies", "studie"},
		{"overheden", "overheid"},
		{"veiligheden", "veiligheid"},
		{"gevangenen", "gevangene", "gevangen"},
		{"betrokkenen", "betrokkene", "betrokken"},
		{"volwassenen", "volwassene"},
		{"krijgsgevangenen", "krijgsgevangene"},
	}
	for _, forms := range tests {
		t.Run(forms[0], func(t *testing.T) {
			want := Key("nl", forms[0])
			for _, f := range forms[1:] {
				if got := Key("nl", f); got != want {
					t.Errorf("Key(nl, %q) = %q, want %q (the key of %q)", f, got, want, forms[0])
				}
			}
		})
	}
}

// TestKeyDifferent lists forms a stemmer must not merge.
func TestKeyDifferent(t *testing.T) {
	tests := [][2]string{
		{"overheid", "over"},
		{"veiligheid", "veilig"},
		{"gezondheid", "gezond"},
		{"veroordeeld", "veroordeling"},
		{"beleid", "bel"},
		{"advies", "advie"},
		{"data", "datum"},
		{"alleen", "alle"},
	}
	for _, tt := range tests {
		if a, b := Key("nl", tt[0]), Key("nl", tt[1]); a == b {
			t.Errorf("Key(nl, %q) = Key(nl, %q) = %q, want different", tt[0], tt[1], a)
		}
	}
}

func TestKeyEnglish(t *testing.T) {
	tests := []struct{ a, b string }{
		{"organisations", "organisation"},
		{"leaders", "leader"},
		{"Council’s", "council"},
		{"café", "cafe"},
	}
	for _, tt := range tests {
		if a, b := Key("en", tt.a), Key("en", tt.b); a != b {
			t.Errorf("Key(en, %q) = %q, Key(en, %q) = %q, want equal", tt.a, a, tt.b, b)
		}
	}
}

func terms(ts analysis.TokenStream) []string {
	var out []string
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

// keywordMarker flags the listed words as keywords, as bleve's keyword
// marker filter does.
type keywordMarker map[string]bool

func (k keywordMarker) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if k[string(t.Term)] {
			t.KeyWord = true
		}
	}
	return in
}

func TestStemmerHonoursKeyWord(t *testing.T) {
	a := newDutchAnalyzer(nil, overrides()).(*analysis.DefaultAnalyzer)
	// put the marker right after folding, where a glossary would protect terms
	a.TokenFilters = append([]analysis.TokenFilter{a.TokenFilters[0], keywordMarker{"sancties": true}}, a.TokenFilters[1:]...)
	got := terms(a.Analyze([]byte("Sancties en staatsgrepen")))
	if diff := cmp.Diff([]string{"sancties", "staatsgrep"}, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}

func TestAnalyzers(t *testing.T) {
	tests := []struct {
		name     string
		a        analysis.Analyzer
		in       string
		want     []string
		wantPos  []int
		wantOffs [][2]int
	}{
		{name: "dutch", a: newDutchAnalyzer(nil, overrides()), in: "De programma’s van Keïta",
			want: []string{"programma", "keita"}, wantPos: []int{2, 4}},
		{name: "exact keeps stop words and apostrophes", a: newExactAnalyzer(), in: "De programma’s van Keïta",
			want: []string{"de", "programma's", "van", "keita"}, wantPos: []int{1, 2, 3, 4}},
		{name: "hyphenated words split", a: newExactAnalyzer(), in: "Secretaris-Generaal COVID-19",
			want: []string{"secretaris", "generaal", "covid", "19"}, wantPos: []int{1, 2, 3, 4}},
		{name: "compound parts at the compound's position", a: newDutchAnalyzer(testSplitter{"trainingsmissie": {"training", "missie"}}, overrides()),
			in: "De trainingsmissie", want: []string{"trainingsmissie", "training", "missie"}, wantPos: []int{2, 2, 2},
			wantOffs: [][2]int{{3, 18}, {3, 18}, {3, 18}}},
		{name: "a compound modifier's own parts too", a: newDutchAnalyzer(testSplitter{
			"antiterrorismeoperatie": {"antiterrorisme", "operatie"}, "antiterrorisme": {"anti", "terrorisme"}}, overrides()),
			in: "antiterrorismeoperatie Barkhane", want: []string{"antiterrorismeoperatie", "antiterrorism", "operatie", "anti", "terrorism", "barkhan"},
			wantPos: []int{1, 1, 1, 1, 1, 2}},
		{name: "english", a: newEnglishAnalyzer(), in: "The Council’s training missions",
			want: []string{"council", "train", "mission"}, wantPos: []int{2, 3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := tt.a.Analyze([]byte(tt.in))
			var pos []int
			var offs [][2]int
			for _, tok := range ts {
				pos = append(pos, tok.Position)
				offs = append(offs, [2]int{tok.Start, tok.End})
			}
			if diff := cmp.Diff(tt.want, terms(ts)); diff != "" {
				t.Errorf("terms (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantPos, pos); diff != "" {
				t.Errorf("positions (-want +got):\n%s", diff)
			}
			if tt.wantOffs != nil {
				if diff := cmp.Diff(tt.wantOffs, offs); diff != "" {
					t.Errorf("offsets (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// testSplitter is a Decompounder backed by a fixed list of splits.
type testSplitter map[string][]string

func (s testSplitter) Split(w string) []string { return s[w] }

func TestDecompounderInIndex(t *testing.T) {
	split := testSplitter{"trainingsmissie": {"training", "missie"}, "ontwikkelingssamenwerking": {"ontwikkeling", "samenwerking"}}
	for _, tt := range []struct {
		name string
		opt  Options
		want int
	}{{"without", Options{}, 0}, {"with", Options{Decompounder: split}, 1}} {
		t.Run(tt.name, func(t *testing.T) {
			ix := letterIndex(t, tt.opt)
			res := searchQ(t, ix, "trainingsmissie", 10)
			n := 0
			for _, h := range searchQ(t, ix, "missie", 10).Hits {
				if strings.Contains(h.Text, "trainingsmissie") && !strings.Contains(Fold(h.Text), " missie") {
					n++
					if !strings.Contains(strings.Join(h.Fragments, " "), "<mark>trainingsmissie</mark>") {
						t.Errorf("fragments %q do not mark the compound", h.Fragments)
					}
				}
			}
			if n != tt.want*int(min(res.Total, 1)) {
				t.Errorf("missie found %d passages that only have trainingsmissie, want %d", n, tt.want)
			}
		})
	}
}

// TestSnowballVocabulary checks that our chain without overrides is bleve's
// Snowball Dutch (the dutch_porter variant) after folding, and reports
// how many words the overrides change.
func TestSnowballVocabulary(t *testing.T) {
	voc := readLines(t, "data", "snowball-dutch", "dutch-voc.txt")
	want := readLines(t, "data", "snowball-dutch", "dutch_porter-output.txt")
	if len(voc) != len(want) {
		t.Fatalf("%d words, %d stems", len(voc), len(want))
	}
	same, changed, foreign := 0, 0, 0
	var diffs []string
	for i, w := range voc {
		got := stemNL(nil, Fold(w))
		switch {
		case got == Fold(want[i]):
			same++
		case strings.ContainsAny(w, "àâèêìîòôùûç"):
			// dutch_porter treats only äëïöüáéíóú (and è as a vowel); we fold
			// every mark before stemming, so hèel and heel stem alike.
			foreign++
		case len(diffs) < 10:
			diffs = append(diffs, w+": "+got+" != "+want[i])
		}
		if stemNL(overrides(), Fold(w)) != got {
			changed++
		}
	}
	t.Logf("without overrides: %d/%d words give dutch_porter's stem (%.3f%%), %d differ only by marks dutch_porter keeps; overrides change %d words",
		same, len(voc), 100*float64(same)/float64(len(voc)), foreign, changed)
	if same+foreign != len(voc) {
		t.Errorf("%d words differ from dutch_porter, e.g. %q", len(voc)-same-foreign, diffs)
	}
}

// TestPluralAgreement measures on data the table was not derived from: the
// plural nouns of the UD Dutch dev treebanks (form, lemma), how often the
// plural and its singular share a key with plain Snowball and with our
// chain; and how many distinct lemmas (all parts of speech) our chain
// newly merges, which would be false friends.
func TestPluralAgreement(t *testing.T) {
	type pair struct{ form, lemma string }
	plurals := map[pair]bool{}
	lemmas := map[string]bool{}
	for _, f := range []string{"nl_alpino-ud-dev.conllu.gz", "nl_lassysmall-ud-dev.conllu.gz"} {
		for _, line := range readLines(t, "data", "ud-dutch", f) {
			cols := strings.Split(line, "\t")
			if len(cols) < 6 || strings.HasPrefix(line, "#") {
				continue
			}
			form, lemma := Fold(cols[1]), Fold(strings.ReplaceAll(cols[2], "_", ""))
			if strings.ContainsAny(form, " -.") {
				continue
			}
			lemmas[lemma] = true
			if cols[3] == "NOUN" && strings.Contains(cols[5], "Number=Plur") {
				plurals[pair{form, lemma}] = true
			}
		}
	}
	before, after := 0, 0
	var misses []string
	for p := range plurals {
		if stemNL(nil, p.form) == stemNL(nil, p.lemma) {
			before++
		}
		if Key("nl", p.form) == Key("nl", p.lemma) {
			after++
		} else if len(misses) < 15 {
			misses = append(misses, p.form+"/"+p.lemma)
		}
	}
	byKeyBefore, byKeyAfter := map[string]int{}, map[string]int{}
	for l := range lemmas {
		byKeyBefore[stemNL(nil, l)]++
		byKeyAfter[Key("nl", l)]++
	}
	merged := len(byKeyBefore) - len(byKeyAfter)
	var examples []string
	keyLemmas := map[string][]string{}
	for l := range lemmas {
		keyLemmas[Key("nl", l)] = append(keyLemmas[Key("nl", l)], l)
	}
	for _, ls := range keyLemmas {
		for _, l := range ls[1:] {
			if stemNL(nil, l) != stemNL(nil, ls[0]) && len(examples) < 20 {
				examples = append(examples, ls[0]+"="+l)
				break
			}
		}
	}
	t.Logf("newly merged lemmas, e.g.: %s", strings.Join(examples, " "))
	n := len(plurals)
	t.Logf("UD dev plural nouns (%d distinct form/lemma pairs): key agrees with the singular's %d (%.1f%%) with Snowball alone, %d (%.1f%%) with our chain",
		n, before, 100*float64(before)/float64(n), after, 100*float64(after)/float64(n))
	t.Logf("distinct UD lemmas: %d; keys %d with Snowball alone, %d with our chain (%d lemmas newly merged)",
		len(lemmas), len(byKeyBefore), len(byKeyAfter), merged)
	t.Logf("remaining misses, e.g.: %s", strings.Join(misses, " "))
	if after <= before {
		t.Errorf("our chain agrees on %d plurals, Snowball alone on %d: the overrides should help", after, before)
	}
}

func TestKeyMatchesIndex(t *testing.T) {
	// Key must produce what the stemmed field holds, so glossary matching
	// and search agree.
	ix := letterIndex(t, Options{})
	for _, w := range []string{"staatsgrepen", "sancties", "programma’s", "Keïta"} {
		tq := termQ(Key("nl", w), fieldText, 1)
		res, err := ix.b.SearchInContext(context.Background(), newReq(tq))
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Errorf("Key(nl, %q) = %q finds nothing in the stemmed field", w, Key("nl", w))
		}
	}
}

// TestNamesNotSplit checks nameScan: a capitalised word after a title
// (de heer, minister, het lid) or after initials (C. van Nieuwenhuizen) is
// a person's name, which the compound filter leaves whole, while the same
// kind of word elsewhere, and the ministry after "minister van", still
// splits.
func TestNamesNotSplit(t *testing.T) {
	split := testSplitter{
		"koerhuis": {"koer", "huis"}, "engelshoven": {"engel", "hoven"}, "huurverhogingen": {"huur", "verhogingen"},
		"volksgezondheid": {"volk", "gezondheid"}, "nieuwenhuizen": {"nieuwen", "huizen"}, "woonbron": {"woon", "bron"},
	}
	a := newDutchAnalyzer(split, nil)
	terms := func(text string) map[string]bool {
		m := map[string]bool{}
		for _, tok := range a.Analyze([]byte(text)) {
			m[string(tok.Term)] = true
		}
		return m
	}
	for _, tc := range []struct {
		text     string
		whole    []string // names: not split (stems)
		parts    []string // must be there
		notParts []string // must not
	}{
		{"De heer Koerhuis (VVD): Huurverhogingen zijn te hoog.", []string{"koerhuis"}, []string{"hur", "verhog"}, []string{"koer", "huis"}},
		{"Ik geef het woord aan minister Van Engelshoven.", []string{"engelshov"}, nil, []string{"engel", "hov"}},
		{"De minister van Volksgezondheid schreef.", nil, []string{"volk", "gezond"}, nil},
		{"Het lid Nieuwenhuizen-Wijbenga en Woonbron.", []string{"nieuwenhuiz"}, []string{"won", "bron"}, []string{"nieuw", "huiz"}},
		{"Koerhuis sprak.", nil, []string{"huis"}, nil}, // no title: as before
		// After initials, with their full stop (a letter's signatures).
		{"De Minister van Infrastructuur en Waterstaat,\nC. van Nieuwenhuizen Wijbenga", []string{"nieuwenhuiz"}, nil, []string{"nieuw", "huiz"}},
		{"A.Th.B. Koerhuis-Nieuwenhuizen", []string{"koerhuis", "nieuwenhuiz"}, nil, []string{"koer", "huis", "nieuw", "huiz"}},
		{"F.B.J.\nKoerhuis", []string{"koerhuis"}, nil, []string{"koer", "huis"}},
		// Not initials: a comma after the letter, no space after the stop,
		// a word that is no initials, a full stop missing.
		{"bijlage C, Huurverhogingen", nil, []string{"hur", "verhog"}, nil},
		{"onder a. Koerhuis", nil, []string{"koer", "huis"}, nil},
		{"zie VVD. Huurverhogingen", nil, []string{"hur", "verhog"}, nil},
		{"De Minister. Huurverhogingen", nil, []string{"hur", "verhog"}, nil},
		// One capital letter is an enumeration before a capitalised word,
		// initials before a particle or other initials, or after a title.
		{"A. Huurverhogingen\nB. Woonbron", nil, []string{"hur", "verhog", "won", "bron"}, nil},
		{"R. P. Koerhuis en C. van Koerhuis", []string{"koerhuis"}, nil, []string{"koer", "huis"}},
		{"dhr. A. Koerhuis, mr. Woonbron", []string{"koerhuis", "woonbron"}, nil, []string{"koer", "huis", "won", "bron"}},
		// lid is a title after het only: the tweede lid of an article is
		// followed by the regulation's name.
		{"artikel 2, tweede lid Huurverhogingen", nil, []string{"hur", "verhog"}, nil},
		{"U heeft nog een vraag, meneer Koerhuis?", []string{"koerhuis"}, nil, []string{"koer", "huis"}},
		// A list after a plural title; a motion named after its mover.
		{"Deze motie is voorgesteld door de leden Koerhuis, Woonbron en Van Nieuwenhuizen. Huurverhogingen",
			[]string{"koerhuis", "woonbron", "nieuwenhuiz", "hur", "verhog"}, nil, []string{"koer", "huis", "won", "bron", "nieuw", "huiz"}},
		{"De motie-Koerhuis (29453, nr. 470).", []string{"koerhuis"}, nil, []string{"koer", "huis"}},
		{"eerste en tweede leden Huurverhogingen; de leden, Woonbron", nil, []string{"hur", "verhog", "won", "bron"}, nil},
	} {
		got := terms(tc.text)
		for _, w := range append(tc.whole, tc.parts...) {
			if !got[w] {
				t.Errorf("%q: no %q among %v", tc.text, w, got)
			}
		}
		for _, w := range tc.notParts {
			if got[w] {
				t.Errorf("%q: %q among %v: the name was split", tc.text, w, got)
			}
		}
	}
}

// searchTestSplitter splits nothing but names search parts, as
// decompound.Splitter does for listed compounds it keeps whole.
type searchTestSplitter map[string][]string

func (searchTestSplitter) Split(string) []string           { return nil }
func (s searchTestSplitter) SearchParts(w string) []string { return s[w] }

// TestSearchPartsIndexed checks that both analysis paths (the analyzer and
// the bulk path's word cache) file a word under the parts a searchSplitter
// names, though its Split keeps it whole.
func TestSearchPartsIndexed(t *testing.T) {
	split := searchTestSplitter{"omzetbelasting": {"omzet", "belasting"}}
	want := []string{"omzetbelast", "omzet", "belast"}
	var got []string
	for _, tok := range newDutchAnalyzer(split, nil).Analyze([]byte("omzetbelasting")) {
		got = append(got, string(tok.Term))
	}
	if !slices.Equal(got, want) {
		t.Errorf("analyzer: %q, want %q", got, want)
	}
	if keys := newWordCache(split, nil).get([]byte("omzetbelasting")).keys; !slices.Equal(keys, want) {
		t.Errorf("word cache: %q, want %q", keys, want)
	}
}

// TestConjunctionsNotKeys checks that the subordinating conjunctions are
// stop words of the stemmed field, so that indien (if) no longer shares
// the key of indienen (to submit): a search for indienen finds the
// passages that submit something, not every condition.
func TestConjunctionsNotKeys(t *testing.T) {
	a := newDutchAnalyzer(nil, nil)
	var got []string
	for _, tok := range a.Analyze([]byte("Indien de aanvraag tijdig is ingediend, zodat men bezwaar kan indienen.")) {
		got = append(got, string(tok.Term))
	}
	want := []string{"aanvrag", "tijdig", "ingedi", "zodat", "bezwar", "indien"} // the last: indienen
	if !slices.Equal(got, want) {
		t.Errorf("stemmed tokens %q, want %q", got, want)
	}
	if !DutchStopWord("indien") || DutchStopWord("tenzij") || DutchStopWord("indienen") {
		t.Error("DutchStopWord: indien is a stop word, tenzij and indienen are not")
	}
}

// TestConjunctionKeys derives conjunctionsNL: of the conjunctions
// Snowball's stop list lacks, those whose key is also the key of another
// word of the Snowball vocabulary that the OpenTaal list has (../shared).
func TestConjunctionKeys(t *testing.T) {
	voc := readLines(t, "data", "snowball-dutch", "dutch-voc.txt")
	sp := splitter()
	byKey := map[string][]string{}
	for _, w := range voc {
		if f := Fold(w); f == w {
			if listed, _ := sp.Listed(w); listed {
				byKey[Key("nl", w)] = append(byKey[Key("nl", w)], w)
			}
		}
	}
	var got []string
	for _, c := range conjunctionCandidates {
		if slices.ContainsFunc(byKey[Key("nl", c)], func(w string) bool { return w != c }) {
			got = append(got, c)
		}
	}
	if !slices.Equal(got, conjunctionsNL) {
		t.Errorf("conjunctions whose key a listed word shares: %q; conjunctionsNL is %q", got, conjunctionsNL)
	}
}

// TestGluedSentences: a full stop between a word and a capitalised one,
// where text extraction lost the space after a sentence, cuts the word in
// two, numbered in order (a new user's "Het mandaat is verlengd.De missie
// gaat door." found neither verlengd nor door); initials, an abbreviation
// and a domain name are left whole.
func TestGluedSentences(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Het mandaat is verlengd.De missie gaat door.Het kabinet", "Het/1 mandaat/2 is/3 verlengd/4 De/5 missie/6 gaat/7 door/8 Het/9 kabinet/10"},
		{"geluidsbelasting.Tegen het besluit", "geluidsbelasting/1 Tegen/2 het/3 besluit/4"},
		{"S.A. Blok en A.Th.B. Bijleveld, Ph.D.", "S.A/1 Blok/2 en/3 A.Th.B/4 Bijleveld/5 Ph.D/6"},
		{"zie www.Rijksoverheid.nl en e.g.The", "zie/1 www/2 Rijksoverheid.nl/3 en/4 e.g.The/5"},
	} {
		var got []string
		for _, tok := range newTokenizer().Tokenize([]byte(tc.in)) {
			if string(tok.Term) != tc.in[tok.Start:tok.End] {
				t.Errorf("%q: token %q at [%d:%d] is %q in the text", tc.in, tok.Term, tok.Start, tok.End, tc.in[tok.Start:tok.End])
			}
			got = append(got, fmt.Sprintf("%s/%d", tok.Term, tok.Position))
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.in, g, tc.want)
		}
	}
}
