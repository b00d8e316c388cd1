package decompound

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/vellum"
	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/index/decompound/internal/freq"
	"github.com/tolk-nl/tolk/index/decompound/internal/hunspell"
	"github.com/tolk-nl/tolk/index/decompound/internal/hyphen"
	"github.com/tolk-nl/tolk/index/decompound/internal/wordlist"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// splitTest is a word and the split a Splitter should give it.
type splitTest struct {
	word string
	want []string
}

func runSplit(t *testing.T, s *Splitter, tests []splitTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, s.Split(tt.word)); diff != "" {
				t.Errorf("Split(%q) (-want +got):\n%s", tt.word, diff)
			}
		})
	}
}

// TestSplit checks the splitter without terms: words the list does not
// have are split; listed words only from options.knownMinLen bytes on, as
// the Hunspell flags (TestSplitHunspell) and the counts allow: their parts
// must be frequent enough in the statutory text compared with the whole
// word (options.alphaShort, options.alphaLong, options.freeAlpha).
func TestSplit(t *testing.T) {
	runSplit(t, New([]string{"Keïta", "Bamako"}), []splitTest{
		{"ontwikkelingssamenwerking", []string{"ontwikkeling", "samenwerking"}},
		{"veiligheidsdreigingen", []string{"veiligheid", "dreigingen"}},
		{"missieactiviteiten", []string{"missie", "activiteiten"}},
		{"antiterrorismeoperatie", []string{"antiterrorisme", "operatie"}},
		{"voedselzekerheid", []string{"voedsel", "zekerheid"}},
		{"transitieregering", []string{"transitie", "regering"}},
		{"overgangsregering", []string{"overgang", "regering"}},
		{"Ontwikkelingssamenwerking", []string{"ontwikkeling", "samenwerking"}}, // lower-cased
		// Not listed, so split; its head opbouwmissie is listed, never in
		// the statutory text, and its parts are (opbouw 482, missie 34).
		{"capaciteitsopbouwmissie", []string{"capaciteit", "opbouw", "missie"}},
		// Listed, absent from the statutory text or rare there, with
		// parts that are frequent: split.
		{"trainingsmissie", []string{"training", "missie"}},
		{"vredesakkoord", []string{"vrede", "akkoord"}},
		{"landbouwbeleid", []string{"landbouw", "beleid"}},
		{"vrouwentoernooi", []string{"vrouwen", "toernooi"}},
		{"opleidingsploeg", []string{"opleiding", "ploeg"}},
		{"staatsgreep", []string{"staat", "greep"}}, // lexicalised, but neither the counts nor Hunspell can tell
		// Listed and about as frequent as their parts or more: whole.
		// ... unless a linking -s- follows a suffix that takes one as a
		// rule (options.suffixLink): 253 times, parts 1,148 and 56, split.
		{"samenwerkingsverbanden", []string{"samenwerking", "verbanden"}},
		{"rechtsorde", nil},   // -s- after no such suffix: the counts decide
		{"burgemeester", nil}, // 4,549 times, parts 7 and 36
		{"woonplaats", nil},   // 2,107 times
		{"slachtoffer", nil},
		{"woordvoerder", nil}, // 8 times, voerder never
		{"noodhulp", nil},     // 8 bytes: below options.knownMinLen
		{"beleid", nil},
		{"regering", nil},
		{"organisatie", nil},
		{"verkiezingen", nil},
		{"president", nil},
		{"minister", nil},
		{"voorbereiding", nil},
		{"overwinning", nil},
		{"mogelijkheden", nil},
		{"Keïta", nil},
		{"keita", nil},
		{"Bamako", nil},
		{"Rotterdam", nil},
		{"Nederland", nil},
		{"Amsterdam", nil},
		{"", nil},
		{"de", nil},
		{"ECOWAS", nil},
		{strings.Repeat("missie", 20), nil}, // over maxWord
	})
}

// TestSplitTerms checks that a one-word term splits the listed compounds
// of at least options.knownMinLen bytes it is part of, whatever the counts,
// and only those.
func TestSplitTerms(t *testing.T) {
	terms := []string{"missie", "coup", "regering", "vrede", "beleid", "samenwerking", "hulp", "vaste plaats"}
	runSplit(t, NewWith(terms), []splitTest{
		{"trainingsmissie", []string{"training", "missie"}},
		{"Trainingsmissie", []string{"training", "missie"}},
		{"vredesmissie", []string{"vrede", "missie"}},
		{"capaciteitsopbouwmissie", []string{"capaciteit", "opbouw", "missie"}},
		{"coupplegers", []string{"coup", "plegers"}},
		{"regeringsleden", []string{"regering", "leden"}},
		{"vredesakkoord", []string{"vrede", "akkoord"}}, // a term as modifier
		{"landbouwbeleid", []string{"landbouw", "beleid"}},
		// More frequent than their parts in the statutory text, but a term
		// is a part: split.
		{"samenwerkingsverbanden", []string{"samenwerking", "verbanden"}},
		// No term in them: as without terms.
		{"slachtoffer", nil},
		{"burgemeester", nil}, // meester is no term
		{"woonplaats", nil},   // "vaste plaats" has two words: plaats is no term
		{"noodhulp", nil},     // 8 bytes: too short even with hulp as a term
		{"missie", nil},
		{"beleid", nil},
	})
}

// TestSplitHunspell checks the classes of listed words that the OpenTaal
// Hunspell dictionary's flags tell apart (options.hunspell): compounds that
// Hunspell builds by its compound rules are split like unlisted words unless
// they are frequent as a whole in the statutory text; entries that carry a
// compound flag are building blocks and stay whole, even with a term in
// them; other entries follow the counts as before.
func TestSplitHunspell(t *testing.T) {
	terms := []string{"belang", "land", "raad", "missie"}
	runSplit(t, NewWith(terms), []splitTest{
		// Built by Hunspell's compound rules, absent from the statutory
		// text or rare there: split.
		{"kaasfondue", []string{"kaas", "fondue"}},
		{"brandweerkazerne", []string{"brandweer", "kazerne"}},
		{"bosbouwbeleid", []string{"bosbouw", "beleid"}},
		{"begrotingstekort", []string{"begroting", "tekort"}},
		{"oorlogsmisdaden", []string{"oorlog", "misdaden"}},
		// Built by Hunspell, frequent in the statutory text, but less so
		// than their parts: split.
		{"arbeidsovereenkomst", []string{"arbeid", "overeenkomst"}},
		{"zorgverzekeraar", []string{"zorg", "verzekeraar"}},
		// Built by Hunspell, but nearly as frequent as their parts
		// (options.freeAlpha): lexicalised, whole.
		{"werkgelegenheid", nil},
		{"omgevingsvergunning", []string{"omgeving", "vergunning"}}, // but -ing-s-: options.suffixLink
		{"kinderopvang", nil},
		{"bezwaarschrift", nil},
		// Hunspell entries with a compound flag: building blocks, whole,
		// even where a part is a term (belang, land, raad).
		{"belangstelling", nil},
		{"platteland", nil},
		{"gemeenteraad", nil},
		{"ondernemingsraad", []string{"onderneming", "raad"}}, // but -ing-s-: options.suffixLink
		{"gezondheidszorg", []string{"gezondheid", "zorg"}},   // and -heid-s-
		{"weekeinde", nil},
		{"wetenschapper", nil},
		{"wereldkampioenschap", nil},
		{"belastingdienst", nil},
		// Hunspell entries without a compound flag: the counts or a term
		// decide.
		{"defensieminister", []string{"defensie", "minister"}},
		{"regeringsleider", []string{"regering", "leider"}},
		{"vredesmissie", []string{"vrede", "missie"}},
		{"ploegleider", nil}, // ploeg 22, leider 70, the whole 4 times
		{"rechtspersoon", nil},
	})
}

// TestSearchParts checks the parts a search finds a word by: Split's where
// it splits; for a listed word it keeps whole, the modifier and head when
// each begins or ends many of the compounds Split splits (or is a common
// word of its own, for the modifier), the head is a common word of its own
// and the compound is not more common than its head.
func TestSearchParts(t *testing.T) {
	s := New()
	for _, tt := range []splitTest{
		// Split splits them: the same parts.
		{"ontwikkelingssamenwerking", []string{"ontwikkeling", "samenwerking"}},
		{"arbeidsovereenkomst", []string{"arbeid", "overeenkomst"}},
		// Kept whole by Split (building blocks, or too frequent as a
		// whole), found by their productive parts.
		{"omzetbelasting", []string{"omzet", "belasting"}},
		{"inkomstenbelasting", []string{"inkomsten", "belasting"}},
		{"verblijfsvergunning", []string{"verblijf", "vergunning"}},
		{"gemeenteraad", []string{"gemeente", "raad"}},
		{"belastingdienst", []string{"belasting", "dienst"}},
		// Whole: few compounds end in meester or stuk, the compound is
		// more common than regel or lijn, no split at all.
		{"burgemeester", nil},
		{"hoofdstuk", nil},
		{"maatregel", nil},
		{"richtlijn", nil},
		{"werkgelegenheid", nil},
		{"overeenkomst", nil},
		{"Rotterdam", nil},
	} {
		if diff := cmp.Diff(tt.want, s.SearchParts(tt.word)); diff != "" {
			t.Errorf("SearchParts(%q) (-want +got):\n%s", tt.word, diff)
		}
	}
	// Split itself is as before: the gold figures judge it.
	for _, w := range []string{"omzetbelasting", "verblijfsvergunning", "gemeenteraad"} {
		if p := s.Split(w); p != nil {
			t.Errorf("Split(%q) = %q, want nil", w, p)
		}
	}
	o := defaults
	o.family = 0
	off, err := newSplitter(o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p := off.SearchParts("omzetbelasting"); p != nil {
		t.Errorf("SearchParts with family 0 = %q, want nil", p)
	}
}

// TestSplitHyphenation checks the hyphenation constraint with the length
// and frequency rules off (every listed word may be split): split points
// must be hyphenation points (om-gangs-taal, not omgang|staal;
// top-sprin-ter, not tops|printer).
func TestSplitHyphenation(t *testing.T) {
	s := New()
	s.opt.knownMinLen, s.opt.alphaShort, s.opt.alphaLong, s.opt.minPartCount, s.opt.hunspell = 0, 0, 0, 0, false
	runSplit(t, s, []splitTest{
		{"omgangstaal", []string{"omgang", "taal"}},
		{"gelaatstrekken", []string{"gelaat", "trekken"}},
		{"regeringsleden", []string{"regering", "leden"}},
		{"coupplegers", []string{"coup", "plegers"}},
		{"landbouwbeleid", []string{"landbouw", "beleid"}},
		{"vredesakkoord", []string{"vrede", "akkoord"}},
		{"vrouwentoernooi", []string{"vrouwen", "toernooi"}},
		{"opleidingsploeg", []string{"opleiding", "ploeg"}},
		{"topsprinter", nil},
		{"gagstrips", nil},
		{"onderstroom", nil},
		{"beleid", nil},
	})
}

// TestExtra checks that run-time words make splits possible: the corpus
// knows "sahel", the word list does not.
func TestExtra(t *testing.T) {
	const word = "sahelregio"
	if got := New().Split(word); got != nil {
		t.Fatalf("without extra words Split(%q) = %q, want nil", word, got)
	}
	want := []string{"sahel", "regio"}
	got := New([]string{"de Sahel"}, []string{"Sahel-regio"}).Split(word)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Split(%q) (-want +got):\n%s", word, diff)
	}
	// The analyzer folds tokens before splitting them: an extra word with
	// diacritics is a part without them too.
	s := New([]string{"Keïta"})
	for _, w := range []string{"keïtaregime", "keitaregime"} {
		if diff := cmp.Diff([]string{w[:len(w)-len("regime")], "regime"}, s.Split(w)); diff != "" {
			t.Errorf("Split(%q) (-want +got):\n%s", w, diff)
		}
	}
}

// TestExtraName checks that a name the word list has only with a capital
// stays whole when the corpus or the glossary names it too, while it
// becomes a part of the compounds built on it.
func TestExtraName(t *testing.T) {
	letter := []string{"Frankrijk heeft laten weten. De Minister van Defensie, A.Th.B. Bijleveld. De Wereldbank."}
	terms := []string{"Frankrijk", "Wereldbank", "Wereldbankprogramma"}
	runSplit(t, NewWith(terms, terms, letter), []splitTest{
		{"Frankrijk", nil},
		{"Bijleveld", nil},
		{"Wereldbank", nil},
		{"Wereldbankprogramma", []string{"wereldbank", "programma"}},
	})
}

// consistent reports whether parts, joined with linking sounds, spell word.
func consistent(word string, parts []string) bool {
	w := strings.ToLower(word)
	for i, p := range parts {
		if !strings.HasPrefix(w, p) {
			return false
		}
		w = w[len(p):]
		if i < len(parts)-1 {
			for _, link := range []string{"en", "e", "s", ""} {
				if strings.HasPrefix(w, link) && strings.HasPrefix(w[len(link):], parts[i+1]) {
					w = w[len(link):]
					break
				}
			}
		}
	}
	return w == ""
}

func FuzzSplit(f *testing.F) {
	for _, w := range []string{"ontwikkelingssamenwerking", "beleid", "Keïta", "missieactiviteiten", "coupplegers", "ÉÉN", "\xff\xfe", "vrouwentoernooi"} {
		f.Add(w)
	}
	s := New()
	f.Fuzz(func(t *testing.T, word string) {
		parts := s.Split(word)
		if parts == nil {
			return
		}
		if len(parts) < 2 {
			t.Fatalf("Split(%q) = %q: a split has at least two parts", word, parts)
		}
		if !consistent(word, parts) {
			t.Fatalf("Split(%q) = %q: parts and linking sounds do not spell the word", word, parts)
		}
		for _, p := range parts {
			if !utf8.ValidString(p) && utf8.ValidString(word) {
				t.Fatalf("Split(%q) = %q: invalid UTF-8 part", word, parts)
			}
		}
	})
}

// TestGenerate rebuilds the artefacts (word list, hyphenation patterns) and
// their licences from ../shared and compares them byte for byte with the
// committed files.
func TestGenerate(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "data", "opentaal-wordlist-debian")
	in, err := os.Open(filepath.Join(dir, "dutch.txt.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	hdir := filepath.Join(sharedDir(t), "data", "hunspell-nl-debian")
	aff, err := os.Open(filepath.Join(hdir, "nl.aff"))
	if err != nil {
		t.Fatal(err)
	}
	defer aff.Close()
	hdic, err := os.Open(filepath.Join(hdir, "nl.dic.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer hdic.Close()
	forms, _, err := hunspell.Forms(aff, hdic)
	if err != nil {
		t.Fatal(err)
	}
	var fst bytes.Buffer
	st, err := wordlist.Compile(in, &fst, wordlist.Marks(forms))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d lines, %d entries, %d keys, %d bytes", st.Lines, st.Entries, st.Keys, st.Bytes)
	if !bytes.Equal(fst.Bytes(), words) {
		t.Errorf("opentaal/words.fst differs from a fresh build (%d vs %d bytes): run go generate", len(words), fst.Len())
	}
	copyright, err := os.ReadFile(filepath.Join(dir, "debian-copyright.txt"))
	if err != nil {
		t.Fatal(err)
	}
	licence, err := wordlist.Licence(copyright)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join("opentaal", "LICENSE"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(licence, committed) {
		t.Error("opentaal/LICENSE differs from a fresh build: run go generate")
	}

	dir = filepath.Join(sharedDir(t), "data", "hyphen-nl-debian")
	dic, err := os.Open(filepath.Join(dir, "hyph_nl_NL.dic"))
	if err != nil {
		t.Fatal(err)
	}
	defer dic.Close()
	var pat bytes.Buffer
	hst, err := hyphen.Compile(dic, &pat)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d lines, %d patterns, %d bytes", hst.Lines, hst.Patterns, hst.Bytes)
	if !bytes.Equal(pat.Bytes(), patterns) {
		t.Errorf("hyphen-nl/hyph_nl.txt differs from a fresh build (%d vs %d bytes): run go generate", len(patterns), pat.Len())
	}
	copyright, err = os.ReadFile(filepath.Join(dir, "debian-copyright-excerpt.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if licence, err = hyphen.Licence(copyright); err != nil {
		t.Fatal(err)
	}
	if committed, err = os.ReadFile(filepath.Join("hyphen-nl", "LICENSE")); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(licence, committed) {
		t.Error("hyphen-nl/LICENSE differs from a fresh build: run go generate")
	}

	// The frequency table: counting the 17.5 M words takes a few seconds,
	// minutes under the race detector, which has nothing to find there.
	if raceEnabled {
		t.Log("race detector on: the frequency table is not rebuilt")
		return
	}
	list, err := vellum.Load(words)
	if err != nil {
		t.Fatal(err)
	}
	c := freq.Counts{}
	var fs freq.Stats
	var files []string
	for _, name := range []string{"bwb-small.jsonl.gz", "bwb-large.jsonl.gz"} {
		files = append(files, name)
		s, err := c.CountJSONL(sharedtest.Open(t, "data", "bwb-laws-markdown", name))
		if err != nil {
			t.Fatal(err)
		}
		fs.Docs += s.Docs
		fs.Tokens += s.Tokens
	}
	var table bytes.Buffer
	n, err := freq.WriteTable(&table, c, fs, files, func(w string) bool {
		ok, _ := list.Contains([]byte(w))
		return ok
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d documents, %d words, %d kept, %d bytes", fs.Docs, fs.Tokens, n, table.Len())
	if !bytes.Equal(table.Bytes(), frequencies) {
		t.Errorf("bwbfreq/words.txt.gz differs from a fresh build (%d vs %d bytes): run go generate", len(frequencies), table.Len())
	}
}

// TestListed: the word list's ordinary words are listed in any
// capitalisation, its names are names, and words the splitter only took
// from the corpus (extra words) or English words are neither.
func TestListed(t *testing.T) {
	s := New([]string{"Barkhane", "liability"})
	for _, tt := range []struct {
		word         string
		listed, name bool
	}{
		{"regering", true, false},
		{"Regeringen", true, false},
		{"Parijs", false, true},
		{"barkhane", false, false}, // an extra word
		{"liability", false, false},
		{"persons", false, false},
	} {
		if listed, name := s.Listed(tt.word); listed != tt.listed || name != tt.name {
			t.Errorf("Listed(%q) = %v, %v; want %v, %v", tt.word, listed, name, tt.listed, tt.name)
		}
	}
}

// TestAdjectiveSuffixNotHead: an adjective made with -rijk, -lijk, -baar,
// -loos or -vol is no compound of its noun, in its comparative and
// superlative either (belangrijkste was belang + rijkste, annotated as the
// glossary's belang, interest), even where the noun is a term.
func TestAdjectiveSuffixNotHead(t *testing.T) {
	s := NewWith([]string{"belang", "succes", "invloed"})
	for _, w := range []string{"belangrijk", "belangrijker", "belangrijkste", "succesvolste", "succesvoller", "invloedrijkste"} {
		if p := s.Split(w); p != nil {
			t.Errorf("Split(%q) = %q, want nil", w, p)
		}
	}
	if p := s.Split("belangenbehartiging"); len(p) < 2 || !strings.HasPrefix(p[0], "belang") {
		t.Errorf("Split(belangenbehartiging) = %q: the noun still modifies real compounds", p)
	}
}
