package index

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/index/decompound"
)

// splitter is the real compound splitter, built once for the tests here.
var splitter = sync.OnceValue(func() *decompound.Splitter { return decompound.New() })

// analysedField is what a field holds for the index after analysis, in
// a form cmp can compare.
type analysedField struct {
	Name   string
	Length int
	Terms  map[string]analysedTerm
}

type analysedTerm struct {
	Term string
	Freq int
	Locs []string // "start-end@pos"
}

func fieldsOf(d *document.Document) []analysedField {
	var out []analysedField
	for _, f := range d.Fields {
		if !f.Options().IsIndexed() {
			continue
		}
		a := analysedField{Name: f.Name(), Terms: map[string]analysedTerm{}}
		if af, ok := f.(interface {
			AnalyzedLength() int
			AnalyzedTokenFrequencies() bindex.TokenFrequencies
		}); ok {
			a.Length = af.AnalyzedLength()
			for k, tf := range af.AnalyzedTokenFrequencies() {
				t := analysedTerm{Term: string(tf.Term), Freq: tf.Frequency()}
				for _, l := range tf.Locations {
					t.Locs = append(t.Locs, fmt.Sprintf("%d-%d@%d%s%v", l.Start, l.End, l.Position, l.Field, l.ArrayPositions))
				}
				a.Terms[k] = t
			}
		}
		out = append(out, a)
	}
	return out
}

// checkPrepared fails t unless Prepare's analysis of p gives every indexed
// field the terms, frequencies, locations and length the analyzers give it.
// sc is the scratch of one goroutine's Prepare, shared by consecutive
// passages.
func checkPrepared(t *testing.T, ix *Index, p Passage, sc *freqScratch) {
	t.Helper()
	want := ix.document(p)
	for _, f := range want.Fields {
		if f.Options().IsIndexed() {
			f.Analyze()
		}
	}
	got := ix.document(p)
	ix.prepareFields(got, sc)
	if diff := cmp.Diff(fieldsOf(want), fieldsOf(got)); diff != "" {
		t.Errorf("passage %q (-analyzers +Prepare):\n%s", p.Text, diff)
	}
	for i, f := range got.Fields {
		if f.Name() != want.Fields[i].Name() || string(f.Value()) != string(want.Fields[i].Value()) || f.Options() != want.Fields[i].Options() {
			t.Errorf("field %d: %s %q %v, want %s %q %v", i, f.Name(), f.Value(), f.Options(), want.Fields[i].Name(), want.Fields[i].Value(), want.Fields[i].Options())
		}
	}
}

// TestPreparedFieldsAsAnalyzers: the one-pass, cached analysis of
// Prepare gives exactly what the analyzers of analysis.go give, field by
// field, with and without a Decompounder, on the letter and on words that
// take each branch (stop words, case, diacritics, apostrophes, compounds,
// words over MaxWordLen, numbers, other scripts), each passage twice so
// that the second comes from the cache.
func TestPreparedFieldsAsAnalyzers(t *testing.T) {
	long := strings.Repeat("staatsgreep", 7)
	texts := []string{
		"",
		"De Minister van Buitenlandse Zaken en de minister van Defensie",
		"Het mandaat is verlengd.De missie gaat door.Het kabinet; S.A. Blok, A.Th.B. Bijleveld; geluidsbelasting.Tegen",
		"Keïta's regering; Kei\u0308ta’s; CAFÉ café Cafe\u0301 naïeve ideeën categorieën",
		"vredesmissie trainingsmissie ontwikkelingssamenwerking veiligheidssituatie kamerbrieven antiterrorismeoperatie",
		"advies- en trainingsactiviteiten, Noord- en Centraal-Mali, lucht- of zeevaart",
		long + " " + strings.ToUpper(long) + " een " + long + "s",
		"artikel 3.2, lid 1 onder a; 12 000 euro; 2020-2021; e-mail: info@example.nl http://x.nl/a?b=c",
		"日本語 テキスト 中文 العربية Ελληνικά русский",
		"rock 'n' roll ’t huis z’n d'r `quoted` ''",
		"overheden veiligheid gezondheid mogelijkheden studies sancties",
		// Names (nameScan): after a title, after initials; not after a comma.
		"De heer Koerhuis (VVD): Trainingsmissie. Mevrouw Van der Koerhuis-Vredesmissie sprak",
		"De Minister van Justitie en Veiligheid,\nF.B.J. Trainingsmissie \n\nC. van Vredesmissie Koerhuis; bijlage C, Vredesmissie",
		"dhr. A. Koerhuis; R. P. Trainingsmissie; A. Koerhuis; het lid Koerhuis, tweede lid Trainingsmissie",
		"voorgesteld door de leden Koerhuis, Trainingsmissie en Van Vredesmissie. Koerhuis; de motie-Koerhuis; de leden, Koerhuis",
		// Split separable verbs (splitVerbs), one beside a suspended compound.
		"De minister trekt de regeling in. Het kabinet stelt de Kamer voor om de wet op te schorten; hij gaat voor de deur staan. Zij stelt de in- en uitvoer vast.",
	}
	for _, tt := range []struct {
		name string
		opt  Options
	}{
		{"whole words", Options{}},
		{"test splitter", Options{Decompounder: testSplitter{"trainingsmissie": {"training", "missie"}, "vredesmissie": {"Vredes", "", "vredesmissie", "missie"},
			"antiterrorismeoperatie": {"antiterrorisme", "operatie"}, "antiterrorisme": {"anti", "terrorisme"}, "koerhuis": {"koer", "huis"}}}},
		{"real splitter", Options{Decompounder: splitter()}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := NewMemory(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			var ps []Passage
			for i, s := range texts {
				ps = append(ps, Passage{Doc: "d", Paragraph: i, Section: "Hoofdstuk " + s, Text: s})
				// The same section and document again, then another
				// document: the heading and keywords of the last passage.
				ps = append(ps, Passage{Doc: "d", Paragraph: 100 + i, Section: "Hoofdstuk " + s, Text: s + " " + s})
				ps = append(ps, Passage{Doc: "e", Paragraph: 200 + i, Section: "Hoofdstuk " + s, Text: s})
			}
			// Speaking turns: the label left out of the text's fields,
			// in the heading field (Passage.Speaker); a later piece of a
			// turn, which does not begin with it.
			ps = append(ps,
				Passage{Doc: "h", Paragraph: 1, Section: "Brexit", Text: "Minister De Jonge: Ja, de trainingsmissie.", Speaker: "Minister De Jonge"},
				Passage{Doc: "h", Paragraph: 2, Section: "Brexit", Text: "De heer Koerhuis (VVD): Vredesmissie.", Speaker: "De heer Koerhuis (VVD)"},
				Passage{Doc: "h", Paragraph: 2, Section: "Brexit", Text: "en de trainingsmissie", Speaker: "De heer Koerhuis (VVD)"},
			)
			ps = append(ps, letterPassages(t)...)
			var sc freqScratch
			for range 2 {
				for _, p := range ps {
					checkPrepared(t, ix, p, &sc)
				}
			}
		})
	}
}

// FuzzPreparedFieldsAsAnalyzers: for any text, Prepare's analysis equals
// the analyzers'.
func FuzzPreparedFieldsAsAnalyzers(f *testing.F) {
	for _, s := range []string{"De trainingsmissie in Mali", "advies- en trainingsactiviteiten", "Keïta’s CAFÉ", "a\u0301b 12,5 x-y",
		"de heer Nieuwenhuizen, C. van Ontwikkelingssamenwerking\nA.Th.B. Vredesmissie",
		"De minister trekt de regeling in en stelt voor de wet op te schorten."} {
		f.Add(s)
	}
	ix, err := NewMemory(Options{Decompounder: splitter()})
	if err != nil {
		f.Fatal(err)
	}
	defer ix.Close()
	var sc freqScratch
	f.Fuzz(func(t *testing.T, s string) {
		checkPrepared(t, ix, Passage{Doc: "d", Section: s, Text: s}, &sc)
		checkPrepared(t, ix, Passage{Doc: "d", Section: s, Text: "en " + s}, &sc)
	})
}

// FuzzHyphenSpace: hyphenSpace, the guard before suspendedRE, is the
// regular expression -\s.
func FuzzHyphenSpace(f *testing.F) {
	for _, s := range []string{"", "-", "a-b", "advies- en", "a-\tb", "x--\n", "-a -", "a - b"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`-\s`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hyphenSpace(s), re.MatchString(s); got != want {
			t.Errorf("hyphenSpace(%q) = %t, want %t", s, got, want)
		}
	})
}
