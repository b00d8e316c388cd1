package match

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/glossary"
)

// testConcepts is a small glossary in the shape of the curated one.
func testConcepts() []glossary.Concept {
	return []glossary.Concept{
		concept("staatsgreep", "nl:staatsgreep:preferred", "nl:coup:admitted", "en:coup d'état:preferred", "en:coup:admitted", "en:putsch:deprecated"),
		concept("sanctie", "nl:sanctie:preferred", "en:sanction:preferred"),
		concept("uw-kamer", "nl:uw Kamer:preferred", "nl:Tweede Kamer:admitted", "en:the House:preferred", "en:House of Representatives:admitted"),
		concept("au", "nl:Afrikaanse Unie:preferred", "nl:AU:preferred", "en:African Union:preferred", "en:AU:preferred"),
		concept("eu", "nl:Europese Unie:preferred", "nl:EU:preferred", "en:European Union:preferred", "en:EU:preferred"),
		concept("unie", "nl:unie:preferred", "en:union:preferred"),
		concept("vn", "nl:VN:preferred", "nl:Verenigde Naties:preferred", "en:UN:preferred", "en:United Nations:preferred"),
		concept("missie", "nl:missie:preferred", "en:mission:preferred"),
		concept("ecowas", "nl:ECOWAS:preferred", "en:ECOWAS:preferred"),
		concept("er", "nl:ER:preferred", "nl:Europese Raad:preferred", "en:European Council:preferred"),
		concept("lidstaat", "nl:lidstaat:preferred", "en:member state:preferred"),
		concept("keita", "nl:Keïta:preferred", "en:Keïta:preferred"),
		concept("sg", "nl:Secretaris-Generaal:preferred", "en:Secretary-General:preferred"),
		concept("voedselzekerheid", "nl:voedselzekerheid:preferred", "en:food security:preferred"),
		concept("ngo", "nl:NGO:preferred", "en:NGO:preferred"),
		concept("isr", "nl:Intelligence, Surveillance and Reconnaissance:preferred", "en:intelligence, surveillance and reconnaissance:preferred"),
	}
}

// splitTest is a test compound splitter over a fixed list.
func splitTest(w string) []string {
	switch w {
	case "trainingsmissie":
		return []string{"training", "missie"}
	case "vredesmissies":
		return []string{"vrede", "missies"}
	case "sanctiebeleid":
		return []string{"sanctie", "beleid"}
	}
	return nil
}

type got struct{ Text, Concept, Term, Via string }

func brief(as []Annotation) []got {
	var out []got
	for _, a := range as {
		out = append(out, got{a.Text, a.Concept, a.Term, a.Via})
	}
	return out
}

// checkAnnotations asserts the invariants every Annotate result keeps:
// offsets within bounds, on rune boundaries and word edges, Text equal to
// the span, sorted and not overlapping.
func checkAnnotations(t testing.TB, text string, as []Annotation) {
	t.Helper()
	// Rune boundaries as range decodes the text (an invalid byte is a
	// rune of its own).
	boundary := map[int]bool{len(text): true}
	for i := range text {
		boundary[i] = true
	}
	prevEnd := 0
	for i, a := range as {
		if a.Start < prevEnd || a.Start >= a.End || a.End > len(text) {
			t.Fatalf("annotation %d [%d,%d) out of order, empty or out of bounds (previous end %d, len %d)", i, a.Start, a.End, prevEnd, len(text))
		}
		if !boundary[a.Start] || !boundary[a.End] {
			t.Fatalf("annotation %d [%d,%d) not on rune boundaries", i, a.Start, a.End)
		}
		if text[a.Start:a.End] != a.Text {
			t.Fatalf("annotation %d: Text %q, span %q", i, a.Text, text[a.Start:a.End])
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:a.Start]); a.Start > 0 && inWord(r) {
			t.Fatalf("annotation %d %q starts inside a word", i, a.Text)
		}
		if r, _ := utf8.DecodeRuneInString(text[a.End:]); a.End < len(text) && inWord(r) {
			t.Fatalf("annotation %d %q ends inside a word", i, a.Text)
		}
		prevEnd = a.End
	}
}

func inWord(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

func TestAnnotate(t *testing.T) {
	m := NewMatcher(testConcepts(), Options{Key: crudeKey, Split: splitTest})
	tests := []struct {
		name, text, lang string
		want             []got
	}{
		{"exact", "de staatsgreep in Mali", "nl", []got{{"staatsgreep", "staatsgreep", "staatsgreep", ViaExact}}},
		{"inflected plural", "twee staatsgrepen en sancties", "nl", []got{
			{"staatsgrepen", "staatsgreep", "staatsgreep", ViaStem}, {"sancties", "sanctie", "sanctie", ViaStem}}},
		{"sentence-initial capital folds", "Staatsgreep!", "nl", []got{{"Staatsgreep", "staatsgreep", "staatsgreep", ViaFold}}},
		{"diacritic variant", "president Keita en Keïta", "nl", []got{
			{"Keita", "keita", "Keïta", ViaFold}, {"Keïta", "keita", "Keïta", ViaExact}}},
		{"acronym whole word only", "op 18 augustus heeft de AU en niet de Au", "nl", []got{{"AU", "au", "AU", ViaAcronym}}},
		{"acronym with possessive", "de NGO's en NGO’s", "nl", []got{{"NGO's", "ngo", "NGO", ViaAcronym}, {"NGO’s", "ngo", "NGO", ViaAcronym}}},
		{"short capitals are acronyms only", "ER is er", "nl", []got{{"ER", "er", "ER", ViaAcronym}}},
		{"hyphenated parts", "de VN-missie en de ECOWAS-top", "nl", []got{
			{"VN", "vn", "VN", ViaHyphen}, {"missie", "missie", "missie", ViaHyphen}, {"ECOWAS", "ecowas", "ECOWAS", ViaHyphen}}},
		{"acronym before hyphen", "met de EU-lidstaten", "nl", []got{{"EU", "eu", "EU", ViaHyphen}, {"lidstaten", "lidstaat", "lidstaat", ViaHyphen}}},
		{"longest match wins", "de Europese Unie en de unie", "nl", []got{
			{"Europese Unie", "eu", "Europese Unie", ViaExact}, {"unie", "unie", "unie", ViaExact}}},
		{"multi-word across a line break", "wordt uw\nKamer geïnformeerd", "nl", []got{{"uw\nKamer", "uw-kamer", "uw Kamer", ViaExact}}},
		{"punctuation breaks a multi-word term", "zei uw. Kamer", "nl", nil},
		{"term punctuation must match", "Duitse Intelligence, Surveillance and Reconnaissance (ISR)", "nl", []got{
			{"Intelligence, Surveillance and Reconnaissance", "isr", "Intelligence, Surveillance and Reconnaissance", ViaExact}}},
		{"hyphenated term over a line break", "De Secretaris-\nGeneraal van", "nl", []got{{"Secretaris-\nGeneraal", "sg", "Secretaris-Generaal", ViaExact}}},
		{"hyphenated term written with a space", "de Secretaris Generaal", "nl", []got{{"Secretaris Generaal", "sg", "Secretaris-Generaal", ViaExact}}},
		{"line-broken word joined", "op het gebied van voedsel-\nzekerheid", "nl", []got{{"voedsel-\nzekerheid", "voedselzekerheid", "voedselzekerheid", ViaExact}}},
		{"compound via split marks the whole word", "de trainingsmissie en vredesmissies", "nl", []got{
			{"trainingsmissie", "missie", "missie", ViaCompound}, {"vredesmissies", "missie", "missie", ViaCompound}}},
		{"compound head preferred over modifier", "het sanctiebeleid", "nl", []got{{"sanctiebeleid", "sanctie", "sanctie", ViaCompound}}},
		{"language filter", "the coup d'état", "nl", []got{{"coup", "staatsgreep", "coup", ViaExact}}},
		{"english", "the coup d'état and the coups", "en", []got{
			{"coup d'état", "staatsgreep", "coup d'état", ViaExact}, {"coups", "staatsgreep", "coup", ViaStem}}},
		{"both languages", "the EU and the Europese Unie", "", []got{
			{"EU", "eu", "EU", ViaAcronym}, {"Europese Unie", "eu", "Europese Unie", ViaExact}}},
		{"unknown language", "staatsgreep", "fr", nil},
		{"empty", "", "nl", nil},
		{"no words", " -- ,. ", "nl", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := m.Annotate(tt.text, tt.lang)
			checkAnnotations(t, tt.text, as)
			if diff := cmp.Diff(tt.want, brief(as)); diff != "" {
				t.Errorf("Annotate(%q, %q) (-want +got):\n%s", tt.text, tt.lang, diff)
			}
		})
	}
}

func TestAnnotateFields(t *testing.T) {
	m := NewMatcher(testConcepts(), Options{Key: crudeKey})
	text := "Na de staatsgrepen."
	as := m.Annotate(text, "nl")
	want := []Annotation{{
		Start: 6, End: 18, Text: "staatsgrepen", Concept: "staatsgreep", Lang: "nl", Term: "staatsgreep",
		Equivalents: []glossary.Term{
			{Lang: "en", Text: "coup d'état", Status: glossary.Preferred},
			{Lang: "en", Text: "coup", Status: glossary.Admitted},
			{Lang: "en", Text: "putsch", Status: glossary.Deprecated},
		},
		Status: glossary.Preferred, Via: ViaStem,
	}}
	if diff := cmp.Diff(want, as); diff != "" {
		t.Errorf("Annotate (-want +got):\n%s", diff)
	}
}

func TestAnnotateByteOffsets(t *testing.T) {
	m := NewMatcher(testConcepts(), Options{Key: crudeKey})
	text := "Één geïnformeerde Keïta"
	as := m.Annotate(text, "nl")
	if len(as) != 1 {
		t.Fatalf("got %d annotations, want 1: %+v", len(as), as)
	}
	if want := strings.Index(text, "Keïta"); as[0].Start != want || as[0].End != len(text) {
		t.Errorf("got [%d,%d), want byte offsets [%d,%d)", as[0].Start, as[0].End, want, len(text))
	}
}

func TestAnnotateWithoutKey(t *testing.T) {
	m := NewMatcher(testConcepts(), Options{})
	res := brief(m.Annotate("staatsgrepen en STAATSGREEP", "nl"))
	want := []got{{"STAATSGREEP", "staatsgreep", "staatsgreep", ViaFold}}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("without a KeyFunc only folding applies (-want +got):\n%s", diff)
	}
}

func TestMatcherIgnoresLaterChanges(t *testing.T) {
	cs := testConcepts()
	m := NewMatcher(cs, Options{Key: crudeKey})
	cs[0].ID = "changed"
	cs[0].Terms[0].Text = "iets"
	res := brief(m.Annotate("staatsgreep", "nl"))
	want := []got{{"staatsgreep", "staatsgreep", "staatsgreep", ViaExact}}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestAnnotateConcurrent(t *testing.T) {
	m := NewMatcher(testConcepts(), Options{Key: crudeKey, Split: splitTest})
	text := strings.Repeat("De AU en de VN-missie veroordeelden de staatsgrepen; trainingsmissie. ", 20)
	want := m.Annotate(text, "")
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if diff := cmp.Diff(want, m.Annotate(text, "")); diff != "" {
				errs <- diff
			}
		}()
	}
	wg.Wait()
	close(errs)
	for d := range errs {
		t.Errorf("concurrent Annotate differs (-want +got):\n%s", d)
	}
}

// TestAnnotateReuse checks that what a Matcher keeps between calls (the
// keys of text words, the buffers of earlier scans) never changes a
// result: the paragraphs of the letter, annotated in turn and then
// concurrently by one Matcher, must give what a fresh Matcher gives for
// each alone.
func TestAnnotateReuse(t *testing.T) {
	text, cs := letter(t)
	paras := strings.Split(text, "\n\n")
	opt := Options{Key: crudeKey, Split: splitTest}
	want := make([][]Annotation, len(paras))
	for i, p := range paras {
		want[i] = NewMatcher(cs, opt).Annotate(p, "")
	}
	m := NewMatcher(cs, opt)
	for i, p := range paras {
		if diff := cmp.Diff(want[i], m.Annotate(p, "")); diff != "" {
			t.Fatalf("paragraph %d annotated after others (-want +got):\n%s", i, diff)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range paras {
				i := (k*7 + g) % len(paras)
				if diff := cmp.Diff(want[i], m.Annotate(paras[i], "")); diff != "" {
					errs <- fmt.Sprintf("paragraph %d: %s", i, diff)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for d := range errs {
		t.Errorf("concurrent Annotate differs (-want +got):\n%s", d)
	}
}

func TestGapKind(t *testing.T) {
	tests := map[string]int{" ": gapSpace, "\n ": gapSpace, "-": gapHyphen, "‐": gapHyphen, "-\n": gapBroken,
		"- ": gapBroken, " - ": gapOther, ", ": gapOther, "--": gapOther, "": gapSpace}
	for g, want := range tests {
		if got := gapKind(g); got != want {
			t.Errorf("gapKind(%q) = %d, want %d", g, got, want)
		}
	}
}

func ExampleMatcher_Annotate() {
	m := NewMatcher([]glossary.Concept{{
		ID: "staatsgreep",
		Terms: []glossary.Term{
			{Lang: "nl", Text: "staatsgreep", Status: glossary.Preferred},
			{Lang: "en", Text: "coup", Status: glossary.Preferred},
		},
	}}, Options{})
	for _, a := range m.Annotate("De Staatsgreep in Mali", "nl") {
		fmt.Println(a.Start, a.End, a.Text, a.Concept, a.Via, a.Equivalents[0].Text)
	}
	// Output: 3 14 Staatsgreep staatsgreep fold coup
}

// ingKey is a Dutch key that, as Snowball does, strips -ing, -ingen and
// -en alike (bemiddeling, bemiddelen: bemiddel).
func ingKey(lang, w string) string {
	w = glossary.Fold(w)
	for _, suf := range []string{"ingen", "ing", "en"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// TestCompoundNotVerb: a compound's part that shares a verb term's key is
// a noun made from the verb (bemiddeling in bemiddelingspogingen), so the
// compound is not annotated as the verb; a noun term of that key still
// annotates it.
func TestCompoundNotVerb(t *testing.T) {
	split := func(w string) []string {
		if w == "bemiddelingspogingen" {
			return []string{"bemiddeling", "pogingen"}
		}
		return nil
	}
	verb := glossary.Concept{ID: "bemiddelen", Terms: []glossary.Term{{Lang: "nl", Text: "bemiddelen", POS: "verb"}, {Lang: "en", Text: "mediate", POS: "verb"}}}
	noun := glossary.Concept{ID: "bemiddeling", Terms: []glossary.Term{{Lang: "nl", Text: "bemiddeling", POS: "noun"}, {Lang: "en", Text: "mediation", POS: "noun"}}}
	text := "de bemiddelingspogingen"
	if got := brief(NewMatcher([]glossary.Concept{verb}, Options{Key: ingKey, Split: split}).Annotate(text, "nl")); len(got) != 0 {
		t.Errorf("with the verb only: %v, want nothing", got)
	}
	want := []got{{"bemiddelingspogingen", "bemiddeling", "bemiddeling", ViaCompound}}
	if diff := cmp.Diff(want, brief(NewMatcher([]glossary.Concept{verb, noun}, Options{Key: ingKey, Split: split}).Annotate(text, "nl"))); diff != "" {
		t.Errorf("with the noun (-want +got):\n%s", diff)
	}
}

// TestRankAndFunction: Options.Rank decides between concepts before
// strictness does, and Options.Function keeps function words from
// matching one-word terms by key.
func TestRankAndFunction(t *testing.T) {
	cs := []glossary.Concept{
		{ID: "form", Collection: "curated", Terms: []glossary.Term{{Lang: "nl", Text: "opschorten", POS: "verb"}}},
		{ID: "exact", Collection: "import", Terms: []glossary.Term{{Lang: "nl", Text: "opgeschort"}}},
		{ID: "meten", Collection: "import", Terms: []glossary.Term{{Lang: "nl", Text: "meten"}}},
	}
	forms := func(tm glossary.Term) []string {
		if tm.Text == "opschorten" {
			return []string{"opgeschort"}
		}
		return nil
	}
	key := func(lang, w string) string { return strings.TrimSuffix(glossary.Fold(w), "en") }
	rank := func(c *glossary.Concept) int {
		if c.Collection == "curated" {
			return 0
		}
		return 1
	}
	fn := func(lang, w string) bool { return w == "met" }
	text := "Het werd opgeschort, met spoed."
	plain := brief(NewMatcher(cs, Options{Key: key, Forms: forms}).Annotate(text, "nl"))
	ranked := brief(NewMatcher(cs, Options{Key: key, Forms: forms, Rank: rank, Function: fn}).Annotate(text, "nl"))
	if want := []got{{"opgeschort", "exact", "opgeschort", ViaExact}, {"met", "meten", "meten", ViaStem}}; !cmp.Equal(plain, want) {
		t.Errorf("without Rank and Function: %v, want %v", plain, want)
	}
	if want := []got{{"opgeschort", "form", "opschorten", ViaStem}}; !cmp.Equal(ranked, want) {
		t.Errorf("with Rank and Function: %v, want %v", ranked, want)
	}
}

// TestVerbNounInIng: a noun in -ing is not its verb's term (uitvoering is
// no uitvoeren: implementation, not implement), though Snowball gives them
// one key; a noun term keeps its plural in -ingen (onderzoekingen).
func TestVerbNounInIng(t *testing.T) {
	cs := []glossary.Concept{
		{ID: "uitvoeren", Terms: []glossary.Term{{Lang: "nl", Text: "uitvoeren", POS: "verb"}}},
		{ID: "onderzoek", Terms: []glossary.Term{{Lang: "nl", Text: "onderzoek", POS: "noun"}}},
	}
	want := []got{{"onderzoekingen", "onderzoek", "onderzoek", ViaStem}, {"uitvoeren", "uitvoeren", "uitvoeren", ViaExact}}
	if diff := cmp.Diff(want, brief(NewMatcher(cs, Options{Key: ingKey}).Annotate("De uitvoering van de onderzoekingen; zij voeren het uit en uitvoeren.", "nl"))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A term without a part of speech, as imported glossaries have them,
	// may be a verb: the -ing noun is not it either (a software glossary's
	// indienen, commit, underlined the indiening of a motion).
	cs = []glossary.Concept{{ID: "uitvoeren", Terms: []glossary.Term{{Lang: "nl", Text: "uitvoeren"}}}}
	want = []got{{"uitvoeren", "uitvoeren", "uitvoeren", ViaExact}}
	if diff := cmp.Diff(want, brief(NewMatcher(cs, Options{Key: ingKey}).Annotate("De uitvoering; zij uitvoeren.", "nl"))); diff != "" {
		t.Errorf("a term without part of speech (-want +got):\n%s", diff)
	}
}

// TestMarkedFunctionWord: a term word whose accents make another word of
// a function word (één, not the article een; vóór, not voor) matches only
// a text word with an accent (één, Eén at a sentence's start), never the
// unaccented one by fold or key: "een loket" (a counter) was taken for
// the concept één loket (one-stop shop), and /check then asked for its
// English. A word whose folded form is no function word (financiële)
// still matches its unaccented spelling.
func TestMarkedFunctionWord(t *testing.T) {
	cs := []glossary.Concept{
		{ID: "loket", Terms: []glossary.Term{{Lang: "nl", Text: "één loket"}}},
		{ID: "steun", Terms: []glossary.Term{{Lang: "nl", Text: "financiële steun"}}},
	}
	key := func(lang, w string) string { return glossary.Fold(w) }
	fn := func(lang, w string) bool { return w == "een" || w == "voor" || w == "de" }
	m := NewMatcher(cs, Options{Key: key, Function: fn})
	for _, tc := range []struct {
		text string
		want []string // concepts found
	}{
		{"U kunt terecht bij een loket van de gemeente.", nil},
		{"Een loket van de gemeente.", nil},
		{"Er komt één loket voor ondernemers.", []string{"loket"}},
		{"Eén loket voor ondernemers.", []string{"loket"}},
		{"ÉÉN LOKET", []string{"loket"}},
		{"Er is financiele steun gegeven.", []string{"steun"}},
	} {
		var found []string
		for _, an := range m.Annotate(tc.text, "nl") {
			found = append(found, an.Concept)
		}
		if !slices.Equal(found, tc.want) {
			t.Errorf("%q: %v, want %v", tc.text, found, tc.want)
		}
	}
	// Without Options.Function nothing is known to be a function word:
	// folding stays as it was.
	plain := NewMatcher(cs, Options{Key: key})
	if n := len(plain.Annotate("bij een loket", "nl")); n != 1 {
		t.Errorf("without Function: %d annotations, want 1 (folding unchanged)", n)
	}
}

// TestCompoundNotInName: a capitalised word that does not open a sentence
// is a name, and its parts are not the glossary's words: the reader
// underlined the street in "Jan Arendsland 13" as the concept land
// (country). The same compound opening a sentence or written in lower
// case is still matched by its head.
func TestCompoundNotInName(t *testing.T) {
	split := func(w string) []string {
		if w == "arendsland" || w == "akkerland" {
			return []string{"arends", "land"}
		}
		return nil
	}
	land := glossary.Concept{ID: "land", Terms: []glossary.Term{{Lang: "nl", Text: "land", POS: "noun"}, {Lang: "en", Text: "country"}}}
	m := NewMatcher([]glossary.Concept{land}, Options{Key: func(_, w string) string { return glossary.Fold(w) }, Split: split})
	for _, tc := range []struct {
		text string
		want int
	}{
		{"Het adres is Jan Arendsland 13 in Den Haag.", 0},
		{"Zij woont aan de Arendsland.", 0},
		{"Arendsland is een straat.", 1},
		{"Het akkerland is groot.", 1},
		{"Akkerland\nis groot.", 1},
	} {
		if got := m.Annotate(tc.text, "nl"); len(got) != tc.want {
			t.Errorf("%q: %d annotations %v, want %d", tc.text, len(got), brief(got), tc.want)
		}
	}
}
