package ingest

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/internal/corpus"
)

// The seed corpora live in testdata/fuzz/FuzzParse and
// testdata/fuzz/FuzzJoinLines; f.Add adds the letter's opening and close
// on top.

// fuzzMaxBytes is FuzzParse's size limit: larger inputs are refused
// (ErrTooLarge) before they are parsed. The whole letter (9.5 KB) as a seed
// made the fuzzer slow twice over: each execution parses every line, and
// go test minimises each new input with a pass quadratic in its length.
const fuzzMaxBytes = 8 << 10

func FuzzParse(f *testing.F) {
	letter, err := corpus.Default().ReadFile(corpus.MaliLetter)
	if err != nil {
		f.Fatal(err)
	}
	// About 2 KB from the start (letterhead, headings, hyphenation) and
	// from the end (signatures, references), cut at line ends.
	head := letter[:bytes.LastIndexByte(letter[:2048], '\n')+1]
	tail := letter[bytes.IndexByte(letter[len(letter)-2048:], '\n')+len(letter)-2048+1:]
	f.Add("kamerbrief-mali-2020.txt", head)
	f.Add("kamerbrief-mali-2020.txt", tail)
	// The formats read by content (formats.go): XML, HTML, DOCX, ODT.
	f.Add("stb.xml", []byte(`<?xml version="1.0"?><officiele-publicatie><staatsblad><intitule>Besluit van 9 maart 2018</intitule><artikel><kop><label>Artikel</label><nr>1</nr></kop><lid><lidnr>1.</lidnr><al>De <nadruk>munt</nadruk>.<noot><noot.nr>1</noot.nr><noot.al>Noot.</noot.al></noot></al></lid></artikel></staatsblad></officiele-publicatie>`))
	f.Add("h.xml", []byte("<officiele-publicatie><handelingen><agendapunt><item-titel>Brexit</item-titel><spreekbeurt><spreker><voorvoegsels>De heer</voorvoegsels><naam><achternaam>Kr\xc3\x83\xc2\xb6ger</achternaam></naam>:</spreker><tekst><al-groep><al>Dank u.</al></al-groep></tekst></spreekbeurt></agendapunt></handelingen></officiele-publicatie>"))
	f.Add("BWBR0011157.md", []byte("---\ntype: circulaire\nidentifier: BWBR0011157\n---\n##Aankoop\n\nDen Haag 5 juli 2010\n\nDe minister van Financiën, J.C. de Jager.\n"))
	f.Add("BWBR0027806.md", []byte("##Besluit staatssecretaris van Financiën 7 maart 1995, nr. IFZ95/223\n\nVastgesteld door de Minister van Financiën op 10\u00a0november\u00a02011.\n\n15 december 2011\n\nDe minister van Financiën, namens deze: J. Jansen.\n"))
	f.Add("p.html", []byte(`<!doctype html><html lang="nl"><head><title>T</title><script>x</script></head><body><nav>menu</nav><h1>Kop</h1><p>Een <b>alinea</b>.</p><table><tr><td>a</td><td>1</td></tr></table></body></html>`))
	f.Add("b.docx", zipOf(f, [2]string{"word/document.xml", `<w:document ` + wNS + `><w:body>` + wp("Kop1", "Kop") + wp("", "Tekst.") + `</w:body></w:document>`}))
	f.Add("n.odt", zipOf(f, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", `<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text><text:h text:outline-level="1">Kop</text:h><text:p>Tekst.</text:p></office:text></office:body></office:document-content>`}))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if n := CleanName(name); !utf8.ValidString(n) || strings.ContainsFunc(n, unicode.IsControl) || len(n) > MaxNameLen || CleanName(n) != n {
			t.Errorf("CleanName(%q) = %q", name, n)
		}
		doc, err := Parse(name, data, Options{MaxBytes: fuzzMaxBytes})
		if err != nil {
			if IsInputError(err) {
				return
			}
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		checkInvariants(t, doc)
	})
}

// FuzzJoinLines checks that joining two lines never loses or invents
// letters: the result, without spaces and hyphens, is the two lines without
// them, apart from a restored diaeresis.
func FuzzJoinLines(f *testing.F) {
	for _, s := range [][2]string{
		{"werd veroor-", "deeld en"}, {"De Secretaris-", "Generaal"}, {"de advies-", "en training"},
		{"uw Kamer ge-", "informeerd"}, {"EU-", "instellingen"}, {"x\u00ad", "y"}, {"-", "-"},
	} {
		f.Add(s[0], s[1], true)
	}
	strip := strings.NewReplacer(" ", "", "-", "", "\u2010", "", "\u00ad", "", "ë", "e", "ï", "i", "ö", "o", "ü", "u")
	f.Fuzz(func(t *testing.T, a, b string, typeset bool) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		a, b = normalizeInline(a), normalizeInline(b)
		got := joinLines(a, b, typeset)
		if !utf8.ValidString(got) {
			t.Fatalf("joinLines(%q, %q) = %q: invalid UTF-8", a, b, got)
		}
		if strip.Replace(got) != strip.Replace(a+b) {
			t.Fatalf("joinLines(%q, %q) = %q changes the letters", a, b, got)
		}
		if len(got) < len(a)+len(b)-3 { // at most one hyphen (≤ 3 bytes) goes

			t.Fatalf("joinLines(%q, %q) = %q lost text", a, b, got)
		}
	})
}

// FuzzRepairMojibake checks that the repair keeps valid UTF-8 valid, only
// ever shortens the text (several characters become one), and leaves
// text without Latin-1 letters alone.
func FuzzRepairMojibake(f *testing.F) {
	for _, s := range []string{"KrÃ¶ger", "cliÃ«nten", "zo'n 8,5% â\u0080\u0094 Ã©Ã©n", "â‚¬ 190", "café à la carte", "Ã la", "ï»¿<?xml", "Ãƒ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got, n := repairMojibake(s)
		if !utf8.ValidString(got) {
			t.Fatalf("repairMojibake(%q) = %q: invalid UTF-8", s, got)
		}
		// Each repair turns two to four characters into one.
		if n == 0 && got != s || n > 0 && utf8.RuneCountInString(got) > utf8.RuneCountInString(s)-n {
			t.Fatalf("repairMojibake(%q) = %q, %d", s, got, n)
		}
		if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 }) && got != s {
			t.Fatalf("ASCII changed: %q → %q", s, got)
		}
	})
}

// FuzzFrontMatter checks that front matter is read or refused, never half
// read: an error wraps ErrMetadata and leaves the text alone; what is read
// is a prefix of the file, and its type, date and language are ones tolk
// uses.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntype: circulaire\ndate: 2020-01-31\nidentifier: BWBR0011157\n---\n##Aankoop\n\nTekst.\n",
		"---\r\ntitle: \"Notitie\"\r\ndate: '3 februari 2020'\r\ntags:\r\n  - munt\r\n# c\r\n...\r\nTekst.",
		"---\ntype: circular\n---\nTekst.", "---\ndate: 2020-02-30\n---\n", "---\ntype:\n- brief\n---\n",
		"---\nDe munt.\n---\n\nTekst.", "---\n---\nTekst.", "---", "---\nlanguage: NL # Dutch\n---\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fm, body, err := ReadFrontMatter(src)
		switch {
		case err != nil:
			if !errors.Is(err, ErrMetadata) || fm != nil || body != src {
				t.Fatalf("ReadFrontMatter(%q) = %+v, %q, %v", src, fm, body, err)
			}
		case fm == nil:
			if body != src {
				t.Fatalf("no front matter in %q, but the text is %q", src, body)
			}
		default:
			if len(body) >= len(src) || !strings.HasSuffix(src, body) {
				t.Fatalf("ReadFrontMatter(%q): text %q is not what follows it", src, body)
			}
			m := fm.Meta
			if _, err := time.Parse(time.DateOnly, m.Date); m.Date != "" && err != nil {
				t.Fatalf("ReadFrontMatter(%q): date %q", src, m.Date)
			}
			if m.Type != "" && !slices.Contains(Types(), m.Type) || m.Language != "" && len(m.Language) != 2 {
				t.Fatalf("ReadFrontMatter(%q): %+v", src, m)
			}
		}
	})
}
