package omegat

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

func sample() []glossary.Concept {
	return []glossary.Concept{
		{ID: "a", Definition: map[string]string{"en": "An unlawful\tseizure of power.\n"}, Terms: []glossary.Term{
			{Lang: "nl", Text: "staatsgreep"}, {Lang: "nl", Text: "coup", Status: glossary.Admitted},
			{Lang: "en", Text: "putsch", Status: glossary.Deprecated},
			{Lang: "en", Text: "coup"}, {Lang: "en", Text: "coup d'état", Status: glossary.Preferred},
		}},
		{ID: "b", Note: "no English", Terms: []glossary.Term{{Lang: "nl", Text: "gedoogbeleid"}}},
		{ID: "c", Terms: []glossary.Term{{Lang: "nl", Text: "coup"}, {Lang: "en", Text: "blow"}}},
		{ID: "d", Terms: []glossary.Term{{Lang: "nl", Text: "tab\there"}, {Lang: "en", Text: "line\nbreak"}}},
	}
}

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	want := Header + "\n" +
		"staatsgreep\tcoup\tAn unlawful seizure of power.\n" +
		"staatsgreep\tcoup d'état\tAn unlawful seizure of power.\n" +
		"coup\tcoup\tAn unlawful seizure of power.\n" +
		"coup\tcoup d'état\tAn unlawful seizure of power.\n" +
		"coup\tblow\n" +
		"tab here\tline break\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("Write (-want +got):\n%s", diff)
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var pairs []Pair
	for _, c := range got {
		pairs = append(pairs, Pair{c.Terms[0].Text, c.Terms[1].Text, c.Note})
	}
	if diff := cmp.Diff(Pairs(sample()), pairs); diff != "" {
		t.Errorf("Read(Write) pairs (-want +got):\n%s", diff)
	}
}

func TestWriteTSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTSV(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	// coup (concept c) is left out: DeepL refuses a source twice.
	want := "staatsgreep\tcoup d'état\ncoup\tcoup d'état\ntab here\tline break\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("WriteTSV (-want +got):\n%s", diff)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		read func(string) ([]glossary.Concept, error)
		in   string
		is   error
		want string
	}{
		{"omegat no tab", readOmegaT, Header + "\nstaat\tstate\nland\n", ErrLine, "line 3"},
		{"omegat empty target", readOmegaT, "staat\t \n", glossary.ErrInvalid, "line 1"},
		{"omegat invalid utf-8", readOmegaT, "a\tb\nst\xffaat\tstate\n", ErrLine, "line 2"},
		{"tsv three columns", readTSV, "staat\tstate\nland\tcountry\textra\n", ErrLine, "line 2: bad line: 3 columns"},
		{"tsv empty entry", readTSV, "staat\t\n", ErrLine, "line 1"},
		{"tsv unknown language", readTSV, "nl\tes\naap\tmono\n", ErrLine, `"es"`},
		{"tsv duplicate within line", readTSV, "nl\ten\tnl-BE\naap\tape\taap\n", glossary.ErrInvalid, "line 2"},
		{"tsv line too long", readTSV, "a\t" + strings.Repeat("b", maxLine+1) + "\n", ErrLine, "line 1"},
		{"freedict columns", readFreeDict, "headword\tpronunciation\ttranslations\naal\tal\n", ErrLine, "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.read(tt.in)
			if err == nil || got != nil {
				t.Fatalf("got %d concepts, error %v; want nil and an error", len(got), err)
			}
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want %v mentioning %q", err, tt.is, tt.want)
			}
		})
	}
}

func readOmegaT(s string) ([]glossary.Concept, error)   { return Read(strings.NewReader(s)) }
func readTSV(s string) ([]glossary.Concept, error)      { return ReadTSV(strings.NewReader(s)) }
func readFreeDict(s string) ([]glossary.Concept, error) { return ReadFreeDict(strings.NewReader(s)) }

func TestReadTSVHeader(t *testing.T) {
	got, err := ReadTSV(strings.NewReader("en\tnl\tcount\nDefinitions\tBegripsomschrijvingen\t160\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Concept{{Terms: []glossary.Term{{Lang: "en", Text: "Definitions"}, {Lang: "nl", Text: "Begripsomschrijvingen"}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// "en" is also a Dutch word: a first line that is not two language
	// codes is data.
	got, err = ReadTSV(strings.NewReader("en\tand\n"))
	if err != nil || len(got) != 1 || got[0].Terms[0].Text != "en" {
		t.Errorf("ReadTSV(en<TAB>and) = %+v, %v; want one pair", got, err)
	}
}

// TestReadHeaderRow: a first line naming the columns, as a translator's
// spreadsheet saved as tab-separated text has it, is a header, not a
// concept "Dutch"/"English"; it also says which column is which.
func TestReadHeaderRow(t *testing.T) {
	pair := func(nl, en, note string) glossary.Concept {
		return glossary.Concept{Note: note, Terms: []glossary.Term{{Lang: "nl", Text: nl}, {Lang: "en", Text: en}}}
	}
	coup := []glossary.Concept{pair("staatsgreep", "coup", "")}
	tests := []struct {
		name string
		read func(string) ([]glossary.Concept, error)
		in   string
		want []glossary.Concept
	}{
		{"tsv names", readTSV, "Dutch\tEnglish\nstaatsgreep\tcoup\n", coup},
		{"tsv codes", readTSV, "NL\tEN\nstaatsgreep\tcoup\n", coup},
		{"tsv Dutch names", readTSV, "Nederlands\tEngels\r\nstaatsgreep\tcoup\r\n", coup},
		{"tsv source target", readTSV, "Source\tTarget\nstaatsgreep\tcoup\n", coup},
		{"tsv comment column", readTSV, "nl\ten\tcomment\nstaatsgreep\tcoup\tpolitiek\n", []glossary.Concept{pair("staatsgreep", "coup", "politiek")}},
		{"tsv English first", readTSV, "English\tDutch\ncoup\tstaatsgreep\n", []glossary.Concept{{Terms: []glossary.Term{{Lang: "en", Text: "coup"}, {Lang: "nl", Text: "staatsgreep"}}}}},
		{"omegat names", readOmegaT, "Dutch\tEnglish\nstaatsgreep\tcoup\n", coup},
		{"omegat source target note", readOmegaT, "source\ttarget\tnote\nstaatsgreep\tcoup\tpolitiek\n", []glossary.Concept{pair("staatsgreep", "coup", "politiek")}},
		{"omegat trailing empty column", readOmegaT, "Dutch\tEnglish\t\nstaatsgreep\tcoup\t\n", coup},
		{"omegat after comments", readOmegaT, "# mijn lijst\n\nnl\ten\tcomment\nstaatsgreep\tcoup\n", coup},
		// Trados Studio and MultiTerm name a column by the language and
		// its region; the header was imported as a concept "Dutch
		// (Netherlands)" → "English (United Kingdom)".
		{"tsv Trados names", readTSV, "Dutch (Netherlands)\tEnglish (United Kingdom)\nstaatsgreep\tcoup\n", coup},
		{"omegat Trados names", readOmegaT, "Dutch (Belgium)\tEnglish (India)\tComment\nstaatsgreep\tcoup\tpolitiek\n", []glossary.Concept{pair("staatsgreep", "coup", "politiek")}},
		{"omegat English first", readOmegaT, "en\tnl\ncoup\tstaatsgreep\n", []glossary.Concept{{Terms: []glossary.Term{{Lang: "en", Text: "coup"}, {Lang: "nl", Text: "staatsgreep"}}}}},
		// Not headers: a language's name and its translation, a word that
		// is no column name, a header-like line after the first entry.
		{"tsv language name pair", readTSV, "Engels\tEnglish\n", []glossary.Concept{pair("Engels", "English", "")}},
		{"omegat language name pair", readOmegaT, "Nederlands\tDutch\tde taal\n", []glossary.Concept{pair("Nederlands", "Dutch", "de taal")}},
		{"omegat third cell not a column name", readOmegaT, "Dutch\tEnglish\tlanguages\n", []glossary.Concept{pair("Dutch", "English", "languages")}},
		{"tsv one language's two regions", readTSV, "Dutch (Netherlands)\tDutch (Belgium)\n", []glossary.Concept{pair("Dutch (Netherlands)", "Dutch (Belgium)", "")}},
		{"omegat second line", readOmegaT, "staatsgreep\tcoup\nDutch\tEnglish\n", []glossary.Concept{pair("staatsgreep", "coup", ""), pair("Dutch", "English", "")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.read(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if _, err := readOmegaT("Nederlands\tSpaans\naap\tmono\n"); !errors.Is(err, ErrLine) || !strings.Contains(err.Error(), `"Spaans"`) {
		t.Errorf("a header in a language tolk does not hold: %v, want an error naming it", err)
	}
}

// TestTreatyHeadings imports the 2,911 distinct heading pairs of the
// Dutch treaty database.
func TestTreatyHeadings(t *testing.T) {
	cs, err := ReadTSV(sharedtest.Open(t, "data", "bwb-treaties-nl-en", "treaty-article-headings-nl-en.tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2911 {
		t.Errorf("%d concepts, want the file's 2,911 pairs", len(cs))
	}
	want := glossary.Concept{Terms: []glossary.Term{{Lang: "en", Text: "Definitions"}, {Lang: "nl", Text: "Begripsomschrijvingen"}}}
	if diff := cmp.Diff(want, cs[0], cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("first concept (-want +got):\n%s", diff)
	}
}

// TestFreeDict imports the 22,747 entries of FreeDict Dutch→English.
func TestFreeDict(t *testing.T) {
	cs, err := ReadFreeDict(sharedtest.Open(t, "data", "freedict-nld-eng-debian", "freedict-nld-eng.tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 22747 {
		t.Errorf("%d concepts, want the dictionary's 22,747 headwords", len(cs))
	}
	for _, c := range cs {
		if c.Terms[0].Text == "aal" {
			want := glossary.Concept{Note: "Senses: eel | elver | liquidmanure, muck‐water, stale", Terms: []glossary.Term{
				{Lang: "nl", Text: "aal"}, {Lang: "en", Text: "eel"}, {Lang: "en", Text: "elver"},
				{Lang: "en", Text: "liquidmanure"}, {Lang: "en", Text: "muck‐water"}, {Lang: "en", Text: "stale"},
			}}
			if diff := cmp.Diff(want, c); diff != "" {
				t.Errorf("aal (-want +got):\n%s", diff)
			}
		}
	}
}

func fuzzReader(f *testing.F, read func(string) ([]glossary.Concept, error), seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		cs, err := read(in)
		if err != nil {
			if cs != nil {
				t.Fatalf("concepts with error %v", err)
			}
			return
		}
		for i := range cs {
			if err := cs[i].Validate(); err != nil {
				t.Fatalf("invalid concept: %v", err)
			}
		}
	})
}

func FuzzRead(f *testing.F) {
	fuzzReader(f, readOmegaT, Header+"\nstaat\tstate\tcomment\n#x\n\nland\tcountry\n")
}

func FuzzReadTSV(f *testing.F) {
	fuzzReader(f, readTSV, "en\tnl\tcount\nDefinitions\tBegripsomschrijvingen\t160\n", "staat\tstate\r\nland\tcountry\n")
}

func FuzzReadFreeDict(f *testing.F) {
	fuzzReader(f, readFreeDict, "headword\tpronunciation\ttranslations\naal\tal\teel | elver | liquidmanure, muck‐water, stale\n")
}

// TestTSVPairsFit: each Dutch term takes the English term that fits it
// (the same type, part of speech and about the same length), not its
// concept's first preferred one: a phrase gets the phrase, a full form
// the full form, an acronym the acronym, a proper noun the proper noun.
func TestTSVPairsFit(t *testing.T) {
	term := func(lang, text string, st glossary.Status, typ glossary.TermType, pos string) glossary.Term {
		return glossary.Term{Lang: lang, Text: text, Status: st, Type: typ, POS: pos}
	}
	cs := []glossary.Concept{
		{ID: "sancties", Terms: []glossary.Term{
			term("nl", "sanctie", glossary.Preferred, "", "noun"),
			term("nl", "financiële en economische sancties", glossary.Admitted, glossary.Phrase, "noun"),
			term("en", "sanction", glossary.Preferred, "", "noun"),
			term("en", "financial and economic sanctions", glossary.Admitted, glossary.Phrase, "noun"),
		}},
		{ID: "cnsp", Terms: []glossary.Term{
			term("nl", "CNSP", glossary.Preferred, glossary.Acronym, "properNoun"),
			term("nl", "Comité National pour le Salut du Peuple", glossary.Preferred, glossary.FullForm, "properNoun"),
			term("en", "CNSP", glossary.Preferred, glossary.Acronym, "properNoun"),
			term("en", "National Committee for the Salvation of the People", glossary.Preferred, glossary.FullForm, "properNoun"),
			term("en", "Comité National pour le Salut du Peuple", glossary.Admitted, glossary.FullForm, "properNoun"),
			term("en", "National Committee for the Salvation of People", glossary.Deprecated, glossary.Variant, "properNoun"),
		}},
		{ID: "uw-kamer", Terms: []glossary.Term{
			term("nl", "uw Kamer", glossary.Preferred, glossary.Phrase, "noun"),
			term("nl", "Tweede Kamer", glossary.Admitted, "", "properNoun"),
			term("en", "the House", glossary.Preferred, glossary.Phrase, "noun"),
			term("en", "House of Representatives", glossary.Admitted, "", "properNoun"),
			term("en", "Second Chamber", glossary.Deprecated, "", "properNoun"),
		}},
		{ID: "sg", Terms: []glossary.Term{
			term("nl", "Secretaris-Generaal", glossary.Admitted, glossary.ShortForm, "noun"),
			term("en", "UN Secretary-General", glossary.Admitted, glossary.ShortForm, "noun"),
			term("en", "Secretary-General", glossary.Admitted, glossary.ShortForm, "noun"),
		}},
		{ID: "rekenkamer", Terms: []glossary.Term{
			term("nl", "Malinese Rekenkamer", glossary.Preferred, "", "properNoun"),
			term("en", "Malian supreme audit institution", glossary.Preferred, "", "noun"),
			term("en", "Malian Court of Audit", glossary.Admitted, "", "properNoun"),
		}},
		{ID: "programma", Terms: []glossary.Term{
			term("nl", "Wereldbankprogramma", glossary.Preferred, "", "noun"),
			term("nl", "Wereldbank programma", glossary.Admitted, glossary.Variant, "noun"),
			term("en", "World Bank programme", glossary.Preferred, "", "noun"),
			term("en", "World Bank program", glossary.Admitted, glossary.Variant, "noun"),
		}},
		// No type may be a full or a short form: the untyped admitted
		// term took the place of the preferred full form; the preferred
		// short form stays ahead of the admitted full form.
		{ID: "openbare-orde", Terms: []glossary.Term{
			term("nl", "openbare orde", glossary.Preferred, "", ""),
			term("en", "public order", glossary.Preferred, glossary.FullForm, ""),
			term("en", "law and order", glossary.Admitted, "", ""),
		}},
		{ID: "mali", Terms: []glossary.Term{
			term("nl", "Mali", glossary.Preferred, "", "properNoun"),
			term("en", "Mali", glossary.Preferred, glossary.ShortForm, "properNoun"),
			term("en", "Republic of Mali", glossary.Admitted, glossary.FullForm, "properNoun"),
		}},
	}
	want := []Pair{
		{Source: "sanctie", Target: "sanction"},
		{Source: "financiële en economische sancties", Target: "financial and economic sanctions"},
		{Source: "CNSP", Target: "CNSP"},
		{Source: "Comité National pour le Salut du Peuple", Target: "National Committee for the Salvation of the People"},
		{Source: "uw Kamer", Target: "the House"},
		{Source: "Tweede Kamer", Target: "House of Representatives"},
		{Source: "Secretaris-Generaal", Target: "Secretary-General"},
		{Source: "Malinese Rekenkamer", Target: "Malian supreme audit institution"},
		{Source: "Wereldbankprogramma", Target: "World Bank programme"},
		{Source: "Wereldbank programma", Target: "World Bank programme"},
		{Source: "openbare orde", Target: "public order"},
		{Source: "Mali", Target: "Mali"},
	}
	if diff := cmp.Diff(want, TSVPairs(cs)); diff != "" {
		t.Errorf("TSVPairs (-want +got):\n%s", diff)
	}
}

// TestPairsDeprecatedSource: a deprecated Dutch term stays a source line
// (a text may use it) and says so, with the term to use.
func TestPairsDeprecatedSource(t *testing.T) {
	cs := []glossary.Concept{{ID: "c", Definition: map[string]string{"en": "A seizure of power."}, Terms: []glossary.Term{
		{Lang: "nl", Text: "staatsgreep", Status: glossary.Preferred},
		{Lang: "nl", Text: "coupe", Status: glossary.Deprecated},
		{Lang: "en", Text: "coup", Status: glossary.Preferred},
	}}}
	want := []Pair{
		{"staatsgreep", "coup", "A seizure of power."},
		{"coupe", "coup", "deprecated Dutch term, use staatsgreep; A seizure of power."},
	}
	if diff := cmp.Diff(want, Pairs(cs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
