package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/glossary"
)

// tmTestApp is the shipped service (curated glossary, shipped lexicon)
// with a small TM of the given TSV lines (Dutch<TAB>English).
func tmTestApp(t *testing.T, lines ...string) *App {
	t.Helper()
	a := openShipped(t)
	if _, err := a.ImportTM(context.Background(), TMImport{Format: TMFormatTSV, Data: []byte(strings.Join(lines, "\n") + "\n"), Name: "t.tsv", Who: "test"}); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestComposeEquivalents(t *testing.T) {
	a := tmTestApp(t,
		"Het verdrag treedt in werking.\tThe treaty enters into force.",
		"De Malinese bevolking lijdt onder het geweld.\tThe Malian population suffers from the violence.",
		"De vorm van het verslag.\tThe form of the report.",
		"Zij geven informatie.\tThey give information.",
	)
	ctx := context.Background()
	for _, tc := range []struct {
		nl, want string
		support  int
	}{
		// Glossary terms word by word (Malinees → Malian, bevolking →
		// population); the TM's English side has the phrase once.
		{"Malinese bevolking", "Malian population", 1},
		// A coordination with an elided head: Noord-Mali and Centraal-Mali
		// are glossary terms; Mali is said once.
		{"Noord- en Centraal-Mali", "northern and central Mali", 0},
		// A verb compound no glossary or lexicon knows as a whole: its
		// parts (vorm → form, geven → give) in English order, the verb
		// first (was "form give").
		{"vormgeven", "give form", 0},
	} {
		t.Run(tc.nl, func(t *testing.T) {
			eq, err := a.ComposeEquivalents(ctx, tc.nl, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(eq) == 0 {
				t.Fatal("no suggestion")
			}
			e := eq[0]
			if diff := cmp.Diff(tc.want, e.EN); diff != "" {
				t.Errorf("top suggestion (-want +got):\n%s\nall: %+v", diff, eq)
			}
			if e.Via != viaComposed || e.Count != 0 || e.Total != 0 || e.Support != tc.support || !strings.Contains(e.Note, "no TM pair has the Dutch term") {
				t.Errorf("got via %q count %d total %d support %d note %q; want composed, 0, 0, %d and the note", e.Via, e.Count, e.Total, e.Support, e.Note, tc.support)
			}
			if len(e.Examples) != min(2, tc.support) {
				t.Errorf("%d examples for support %d", len(e.Examples), tc.support)
			}
			for _, x := range e.Examples {
				if len(x.ENMarks) != 1 || !strings.EqualFold(x.EN[x.ENMarks[0].Start:x.ENMarks[0].End], tc.want) {
					t.Errorf("example %q marks %v, want the phrase", x.EN, x.ENMarks)
				}
			}
		})
	}
	t.Run("nothing to translate", func(t *testing.T) {
		eq, err := a.ComposeEquivalents(ctx, "Xqzwv", 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(eq) != 0 {
			t.Errorf("a name alone composes nothing, got %+v", eq)
		}
	})
}

// TestCandidatesComposed: the Mali letter's candidates, which the TM
// lacks, get composed suggestions through CandidatesWithEquivalents.
func TestCandidatesComposed(t *testing.T) {
	a := tmTestApp(t, "Het verdrag treedt in werking.\tThe treaty enters into force.")
	ctx := context.Background()
	docs := a.Documents()
	if len(docs) == 0 {
		t.Fatal("no shipped document")
	}
	cs, err := a.CandidatesWithEquivalents(ctx, docs[0].ID, 30)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range cs {
		if len(c.Equivalents) > 0 {
			got[c.Text] = c.Equivalents[0].EN
			if c.Equivalents[0].Via != viaComposed {
				t.Errorf("%s: via %q, want composed (the TM lacks it)", c.Text, c.Equivalents[0].Via)
			}
		}
	}
	for nl, want := range map[string]string{"Malinese bevolking": "Malian population", "Noord- en Centraal-Mali": "northern and central Mali"} {
		if _, ok := got[nl]; !ok {
			t.Logf("candidate %q not among %v (the candidate list changed?)", nl, got)
			continue
		}
		if got[nl] != want {
			t.Errorf("%s: top suggestion %q, want %q", nl, got[nl], want)
		}
	}
}

// TestConcordanceWordAlignment checks the concordance's marks on pairs
// where a per-word lexicon threshold went wrong.
func TestConcordanceWordAlignment(t *testing.T) {
	a := tmTestApp(t,
		"De aankondiging van de zittingen wordt aan de leden medegedeeld.\tNotice of the sessions shall be communicated to the members.",
		"Het huwelijk was gesloten of aangekondigd voor het ongeval.\tThe marriage had been celebrated or announced prior to the accident.",
		"Het voornemen wordt aangekondigd door de regering.\tThe intention is announced by the government.",
		"De maatregelen werden afgekondigd door de autoriteiten.\tThe measures were announced by the authorities.",
		"De regering zal de maatregelen morgen aankondigen.\tThe government will announce the measures tomorrow.",
	)
	ctx := context.Background()
	t.Run("derived words do not match", func(t *testing.T) {
		// aankondigen and aankondiging share the Snowball key; only the
		// verb's forms are the verb's concordance.
		res, err := a.ConcordanceTM(ctx, TMConcordanceRequest{Q: "aankondigen", Lang: "nl"})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range res.Pairs {
			if strings.Contains(p.Source, "aankondiging") {
				t.Errorf("aankondigen matched %q", p.Source)
			}
		}
	})
	t.Run("participles group with their infinitive", func(t *testing.T) {
		res, err := a.ConcordanceTM(ctx, TMConcordanceRequest{Q: "announce", Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, g := range res.Groups {
			got = append(got, g.Text)
		}
		// aangekondigd twice and aankondigen once are one group, named by
		// the commoner form; afgekondigd (another verb) once: a rendering
		// does not start with the auxiliary werden.
		if diff := cmp.Diff([]string{"aangekondigd", "afgekondigd"}, got); diff != "" {
			t.Errorf("groups (-want +got):\n%s\npairs: %+v", diff, res.Pairs)
		}
		if len(res.Groups) > 0 && res.Groups[0].Count != 3 {
			t.Errorf("group %q has %d pairs, want 3", res.Groups[0].Text, res.Groups[0].Count)
		}
	})
}

// TestComposeDictionaryWord: a word an imported dictionary lists as a
// whole keeps that entry among the suggestions, and its composition from
// parts is offered beside it, since a dictionary entry may be one odd
// sense (FreeDict: vormgeven → cut). Which comes first follows the
// probabilities: since the lexicon learned general words too (session
// 12), vorm → form and geven → give outweigh the dictionary's entry.
func TestComposeDictionaryWord(t *testing.T) {
	a := tmTestApp(t,
		"De vorm van het verslag.\tThe form of the report.",
		"Zij geven informatie.\tThey give information.",
	)
	err := a.ImportConcepts([]glossary.Concept{{ID: "fd-vormgeven", Collection: "freedict", Terms: []glossary.Term{
		{Lang: "nl", Text: "vormgeven"}, {Lang: "en", Text: "cut"},
	}}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	eq, err := a.ComposeEquivalents(context.Background(), "vormgeven", 3)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range eq {
		got = append(got, e.EN)
	}
	slices.Sort(got)
	if diff := cmp.Diff([]string{"cut", "give form"}, got); diff != "" {
		t.Errorf("suggestions (-want +got):\n%s", diff)
	}
}

// TestNewTermIgnoresFunctionWords: a phrase is a new term (aligned by
// co-occurrence) only when a content word of it is unknown to the
// lexicon; its function words have no entries of their own. Before, the
// "of" of "rule of law" made every unaligned pair of it a co-occurrence
// candidate, and "twee of meer" (two or more) came out as a rendering.
func TestNewTermIgnoresFunctionWords(t *testing.T) {
	a := tmTestApp(t, "Het verdrag treedt in werking.\tThe treaty enters into force.")
	if a.lexicon() == nil {
		t.Fatal("no lexicon")
	}
	for _, tc := range []struct {
		lang, q string
		want    bool
	}{
		{"en", "rule of law", false},
		{"en", "the rule of the law", false},
		{"nl", "verdrag van de", false},
		{"en", "rule of zorbulaxity", true},
	} {
		if got := a.newAligner(tc.lang, tc.q).newTerm(); got != tc.want {
			t.Errorf("%s %q: newTerm %t, want %t", tc.lang, tc.q, got, tc.want)
		}
	}
}

// TestComposeWeakTranslation: a translation far below the word's
// likeliest is not offered when the likeliest has no English word in the
// TM: the shipped lexicon has defensie → defence 0.84 and danish 0.06,
// and a TM that says Danish but never defence made Defensie "danish".
func TestComposeWeakTranslation(t *testing.T) {
	a := tmTestApp(t, "De Deense regering.\tThe Danish government.", "De regels van het beleid.\tThe rules of the policy.")
	eq, err := a.ComposeEquivalents(context.Background(), "Defensie", 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range eq {
		if strings.Contains(strings.ToLower(e.EN), "danish") {
			t.Errorf("suggestion %q", e.EN)
		}
	}
}

// TestComposeNamesAndGaps checks two rules of composition: the lexicon's
// rendering of a capitalised word of a term is capitalised (Raad van
// State: Council of State, not council of state), and a term with a word
// nothing renders gets no composed suggestion rather than one that leaves
// the word out (ministeriële regeling was offered as "rules").
func TestComposeNamesAndGaps(t *testing.T) {
	a := tmTestApp(t, "De Raad van State adviseert.\tThe Council of State advises.")
	ctx := context.Background()
	eq, err := a.ComposeEquivalents(ctx, "Raad van State", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(eq) == 0 || eq[0].EN != "Council of State" {
		t.Errorf("Raad van State: %+v, want Council of State first", eq)
	}
	eq, err = a.ComposeEquivalents(ctx, "qwzxe raad", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(eq) != 0 {
		t.Errorf("a term with a word nothing renders: %+v, want no suggestion", eq)
	}
	// Names kept around a translated function word are no English.
	eq, err = a.ComposeEquivalents(ctx, "Kamer van Koophandel", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(eq) != 0 {
		t.Errorf("Kamer van Koophandel: %+v, want no suggestion (was Kamer of Koophandel)", eq)
	}
}

// TestComposeNoNamesByWord: a name whose capitalised words the lexicon
// would render one by one gets no composed suggestion (session 26, the
// debates' candidates: De Jonge gave "the Young", Partij van de Arbeid
// "Party of the Labour"); the same words in lower case are composed.
func TestComposeNoNamesByWord(t *testing.T) {
	a := tmTestApp(t, "De jonge partij won.\tThe young party won.", "De partij van de arbeid.\tThe party of labour.",
		"Economische zaken en het klimaat.\tEconomic affairs and the climate.")
	ctx := context.Background()
	for _, name := range []string{"De Jonge", "Partij van de Arbeid", "Economische Zaken en Klimaat"} {
		eq, err := a.ComposeEquivalents(ctx, name, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(eq) != 0 {
			t.Errorf("%s: %+v, want no suggestion", name, eq)
		}
	}
	if eq, err := a.ComposeEquivalents(ctx, "jonge partij", 3); err != nil || len(eq) == 0 {
		t.Errorf("jonge partij: %+v %v, want a suggestion", eq, err)
	}
}

// TestAcronymAsWritten: an acronym's suggestions come from TM pairs that
// have it in capitals; the TM's search folds case, so ZIN found the word
// zin (meaning).
func TestAcronymAsWritten(t *testing.T) {
	eq := []Equivalent{
		{EN: "meaning", Examples: []TMExample{{NL: "De zin van het artikel."}, {NL: "Zin en onzin."}}},
		{EN: "National Health Care Institute", Examples: []TMExample{{NL: "Het ZIN adviseert."}}},
		{EN: "zinc", Examples: []TMExample{{NL: "ZINK en ZINC"}}},
	}
	got := asWrittenIn(eq, "ZIN")
	if len(got) != 1 || got[0].EN != "National Health Care Institute" {
		t.Errorf("asWrittenIn: %+v, want the pair with ZIN only", got)
	}
	for _, tc := range []struct {
		s, w string
		want bool
	}{{"(ZIN)", "ZIN", true}, {"ZIN", "ZIN", true}, {"ZINK", "ZIN", false}, {"AZIN ZIN", "ZIN", true}, {"zin", "ZIN", false}, {"é-ZIN", "ZIN", true}} {
		if got := hasWordAsWritten(tc.s, tc.w); got != tc.want {
			t.Errorf("hasWordAsWritten(%q, %q) = %v", tc.s, tc.w, got)
		}
	}
}

// TestComposeNumber checks that a Dutch plural is rendered by the TM's
// plural English form and a singular by another form, where the TM has
// both (Staten-Generaal: States General; was State General).
func TestComposeNumber(t *testing.T) {
	a := tmTestApp(t, "De Staten-Generaal vergaderen.\tThe States General meet.",
		"De staat betaalt.\tThe State pays.", "De staat en de staten.\tThe State and the States.")
	eq, err := a.ComposeEquivalents(context.Background(), "Staten-Generaal", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(eq) == 0 || eq[0].EN != "States General" {
		t.Errorf("Staten-Generaal: %+v, want States General first", eq)
	}
	for _, tc := range []struct {
		w    string
		want bool
	}{{"staten", true}, {"voorschriften", true}, {"maatregel", false}, {"gesloten", false}, {"algemene", false}} {
		if got := dutchPlural(tc.w); got != tc.want {
			t.Errorf("dutchPlural(%q) = %t", tc.w, got)
		}
	}
}
