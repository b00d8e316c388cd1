package match

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/glossary"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// letter returns the Mali letter and the curated glossary.
func letter(t *testing.T) (string, []glossary.Concept) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "internal", "corpus", "kamerbrief-mali-2020.txt"))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	return string(b), cs
}

// TestAnnotateLetterGolden annotates the whole letter with the curated
// glossary and compares with testdata/letter-annotations.golden, which was
// checked by hand (go test -run TestAnnotateLetterGolden -update rewrites it).
func TestAnnotateLetterGolden(t *testing.T) {
	text, cs := letter(t)
	m := NewMatcher(cs, Options{Key: crudeKey})
	as := m.Annotate(text, "nl")
	checkAnnotations(t, text, as)
	var b strings.Builder
	b.WriteString("# start\tend\ttext\tconcept\tterm\tvia\n")
	for _, a := range as {
		fmt.Fprintf(&b, "%d\t%d\t%q\t%s\t%s\t%s\n", a.Start, a.End, a.Text, a.Concept, a.Term, a.Via)
	}
	golden := filepath.Join("testdata", "letter-annotations.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("annotations of the letter differ from %s (-want +got):\n%s", golden, diff)
	}
}

// TestAnnotateLetterFindsEveryOccurrence checks the annotations against an
// independent search: every occurrence of a curated Dutch term in the
// letter, written as in the glossary (case-insensitively, acronyms
// case-sensitively; any space, hyphen or line break between words), must
// lie inside an annotation or have lost to an overlapping one at least as
// long.
func TestAnnotateLetterFindsEveryOccurrence(t *testing.T) {
	text, cs := letter(t)
	m := NewMatcher(cs, Options{Key: crudeKey})
	as := m.Annotate(text, "nl")
	// An occurrence is found when an annotation holds it, or when it lost
	// to an overlapping match at least as long (longest match wins).
	covered := func(start, end int) bool {
		for _, a := range as {
			if a.Start <= start && end <= a.End || a.Start < end && start < a.End && a.End-a.Start >= end-start {
				return true
			}
		}
		return false
	}
	wordSep := regexp.MustCompile(`[\s\-‐]+`)
	checked := 0
	for _, c := range cs {
		for _, term := range c.TermsIn("nl") {
			words := wordSep.Split(term.Text, -1)
			for i, w := range words {
				words[i] = regexp.QuoteMeta(w)
			}
			expr := strings.Join(words, `[\s\-‐]+`)
			if up, low := capitals(term.Text); !(up >= 2 && low <= up) {
				expr = "(?i)" + expr
			}
			re := regexp.MustCompile(expr)
			for _, loc := range re.FindAllStringIndex(text, -1) {
				before, _ := utf8.DecodeLastRuneInString(text[:loc[0]])
				after, _ := utf8.DecodeRuneInString(text[loc[1]:])
				if inWord(before) || inWord(after) {
					continue // inside another word: must not match
				}
				checked++
				if !covered(loc[0], loc[1]) {
					t.Errorf("%s: %q at %d not annotated", c.ID, text[loc[0]:loc[1]], loc[0])
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d occurrences checked; the search or the letter changed", checked)
	}
	for _, a := range as {
		if a.Text == "AU" && a.Via != ViaAcronym {
			t.Errorf("AU matched via %s", a.Via)
		}
		if strings.Contains(strings.ToLower(a.Text), "augustus") {
			t.Errorf("augustus annotated: %+v", a)
		}
	}
}

func TestCandidatesLetter(t *testing.T) {
	text, cs := letter(t)
	// Without the concepts that cover what this test expects to be
	// proposed (the curated glossary may grow to cover them).
	expected := []string{"isr", "srgr", "covid", "police officer", "intelligence", "trainingsactiviteit", "centrale overheid"}
	var kept []glossary.Concept
	for _, c := range cs {
		if !slices.ContainsFunc(c.Terms, func(t glossary.Term) bool {
			return slices.ContainsFunc(expected, func(e string) bool { return strings.Contains(glossary.Fold(t.Text), e) })
		}) {
			kept = append(kept, c)
		}
	}
	m := NewMatcher(kept, Options{Key: crudeKey})
	cands := m.Candidates(text, 0)
	byText := map[string]Candidate{}
	for i, c := range cands {
		byText[c.Text] = c
		if i > 0 && c.Score > cands[i-1].Score {
			t.Errorf("not ranked: %q (%.1f) after %q (%.1f)", c.Text, c.Score, cands[i-1].Text, cands[i-1].Score)
		}
		if len(c.Contexts) == 0 || len(c.Contexts) > 3 || len(c.Contexts) > c.Count {
			t.Errorf("%q: %d contexts for %d occurrences", c.Text, len(c.Contexts), c.Count)
		}
		for _, ctx := range c.Contexts {
			if !strings.Contains(glossary.Fold(ctx), glossary.Fold(strings.Fields(c.Text)[0])) {
				t.Errorf("%q: context %q does not show it", c.Text, ctx)
			}
		}
	}
	for _, want := range []struct{ text, kind string }{
		{"ISR", KindAcronym},
		{"SRGR", KindAcronym},
		{"COVID-19", KindAcronym},
		{"Individual Police Officers", KindName},
		{"centrale overheid", KindPhrase},
		{"trainingsactiviteiten", KindCompound},
	} {
		c, ok := byText[want.text]
		if !ok || c.Kind != want.kind {
			t.Errorf("candidate %q (%s) missing; got %+v", want.text, want.kind, c)
		}
	}
	isr := false
	for _, c := range cands {
		isr = isr || c.Kind == KindName && strings.HasSuffix(c.Text, "Intelligence, Surveillance and Reconnaissance")
	}
	if !isr {
		t.Error("no name candidate for Intelligence, Surveillance and Reconnaissance")
	}
	if c := byText["centrale overheid"]; c.Count != 4 || c.Score != 6 {
		t.Errorf("centrale overheid: count %d score %.1f, want 4 and 6", c.Count, c.Score)
	}
	// What the glossary covers is never proposed.
	for _, covered := range []string{"CNSP", "ECOWAS", "AU", "MINUSMA", "Taakgroep Takuba", "staatsgreep", "Charles Michel"} {
		if c, ok := byText[covered]; ok {
			t.Errorf("covered term proposed: %+v", c)
		}
	}
	if got := m.Candidates(text, 5); len(got) != 5 || got[0].Text != cands[0].Text {
		t.Errorf("limit 5: got %d candidates", len(got))
	}
}

// TestCandidatesNotTerms checks what is never proposed: a Roman numeral
// (Kamerstukken II, hoofdstuk IV) as an acronym, and a phrase whose
// adjective points or orders rather than names a kind (het volgende
// model, de nieuwe regeling), while a phrase of a naming adjective
// (centrale overheid) still is.
func TestCandidatesNotTerms(t *testing.T) {
	text := "Zie Kamerstukken II en hoofdstuk IV. Het volgende model geldt. Het volgende model is kort. " +
		"De nieuwe regeling gaat in. De nieuwe regeling geldt. De centrale overheid beslist. De centrale overheid betaalt. " +
		"De NVWA controleert.\nMINISTERIE VAN BUITENLANDSE ZAKEN\nDE EU EN NEDERLAND\n"
	byText := map[string]bool{}
	for _, c := range NewMatcher(nil, Options{Key: crudeKey}).Candidates(text, 0) {
		byText[c.Text] = true
	}
	// A line in capitals (a letterhead) holds capitalised words, not
	// acronyms: VAN, ZAKEN were offered.
	for _, no := range []string{"II", "IV", "volgende model", "nieuwe regeling", "MINISTERIE", "VAN", "ZAKEN", "BUITENLANDSE", "DE", "EN"} {
		if byText[no] {
			t.Errorf("%q proposed", no)
		}
	}
	for _, yes := range []string{"centrale overheid", "NVWA"} {
		if !byText[yes] {
			t.Errorf("%q not proposed; got %v", yes, byText)
		}
	}
}

// TestCandidatesWordList checks the candidates' rules that need a word
// list (Options.Word) and those for names, on the noise a debate's term
// list showed (docs/GLOSSARY.md, session 26): a noun or numeral in -e
// before a noun is no adjective–noun phrase (motie vraagt, drie jaar,
// inspectie eigenlijk, aantal leden), an inflected adjective is, whether
// its base is the word less its -e (veilige: veilig), with the vowel
// doubled (centrale: centraal, sociale: sociaal) or only a listed ending's
// (dikbetaalde: betaalde, betaald); a title and a name is a person
// (Mevrouw Agema, Minister De Jonge), "en de" joins two names, and a
// title before "van" still starts a name (Minister van Buitenlandse
// Zaken).
func TestCandidatesWordList(t *testing.T) {
	listed := map[string]bool{}
	for _, w := range strings.Fields(`motie moties vraagt drie jaar inspectie eigenlijk aantal leden veilige veilig
		zorg centrale centraal overheid sociale sociaal partners dikbetaalde betaalde betaald bestuurders
		dikke dik huid actieve actief burgers brede breed wegen migreren werknemers`) {
		listed[w] = true
	}
	text := "De motie vraagt veel. Die motie vraagt weinig. Over drie jaar en drie jaar. De inspectie eigenlijk niet, de inspectie eigenlijk wel. " +
		"Een aantal leden en een aantal leden. Veilige zorg is veilige zorg. De centrale overheid en de centrale overheid. " +
		"De sociale partners, de sociale partners. Dikbetaalde bestuurders en dikbetaalde bestuurders. Een dikke huid, een dikke huid. " +
		"Actieve burgers, actieve burgers. Brede wegen en brede wegen. Migrerende werknemers, migrerende werknemers. Nieuwvormige plannen, nieuwvormige plannen.\n\n" +
		"Zij sprak met Mevrouw Agema en met Minister De Jonge. Het Zorginstituut Nederland en de Nederlandse Zorgautoriteit. " +
		"Een brief van de Minister van Buitenlandse Zaken.\nSTAATSSECRETARIS VAN FINANCIEN\n"
	byText := map[string]Candidate{}
	for _, c := range NewMatcher(nil, Options{Key: crudeKey, Word: func(f string) bool { return listed[f] }}).Candidates(text, 0) {
		byText[c.Text] = c
	}
	for _, no := range []string{"motie vraagt", "drie jaar", "inspectie eigenlijk", "aantal leden", "Mevrouw Agema", "Minister De Jonge",
		"Zorginstituut Nederland en de Nederlandse Zorgautoriteit"} {
		if c, ok := byText[no]; ok {
			t.Errorf("%q proposed: %+v", no, c)
		}
	}
	for _, yes := range []struct{ text, kind string }{
		{"Veilige zorg", KindPhrase}, {"centrale overheid", KindPhrase}, {"sociale partners", KindPhrase},
		{"Dikbetaalde bestuurders", KindPhrase}, {"dikke huid", KindPhrase}, {"Actieve burgers", KindPhrase},
		{"Brede wegen", KindPhrase}, {"Nieuwvormige plannen", KindPhrase}, // unlisted: the ending decides
		{"Zorginstituut Nederland", KindName}, {"Nederlandse Zorgautoriteit", KindName},
		{"Minister van Buitenlandse Zaken", KindName}, {"Migrerende werknemers", KindPhrase},
		{"STAATSSECRETARIS VAN FINANCIEN", KindName},
	} {
		if c, ok := byText[yes.text]; !ok || c.Kind != yes.kind {
			keys := make([]string, 0, len(byText))
			for k := range byText {
				keys = append(keys, k)
			}
			t.Errorf("%q (%s) not proposed: %+v; got %q", yes.text, yes.kind, c, keys)
		}
	}
}
