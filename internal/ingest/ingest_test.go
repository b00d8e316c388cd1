package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"

	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func parseLetter(t testing.TB) *Document {
	t.Helper()
	data, err := corpus.Default().ReadFile(corpus.MaliLetter)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(corpus.MaliLetter, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestLetterGolden(t *testing.T) {
	doc := parseLetter(t)
	checkInvariants(t, doc)
	got, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "kamerbrief-mali-2020.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/ingest -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("golden mismatch (-want +got):\n%s", diff)
	}
}

// TestLetter states what the golden file must show, so a wrong golden
// file cannot be regenerated into passing.
func TestLetter(t *testing.T) {
	doc := parseLetter(t)
	if doc.ID != "kamerbrief-mali-2020" || doc.Format != FormatPDFText {
		t.Errorf("ID, Format = %q, %q", doc.ID, doc.Format)
	}
	if want := "Kamerbrief over de staatsgreep in Mali"; doc.Title != want {
		t.Errorf("Title = %q, want %q", doc.Title, want)
	}
	for _, w := range []string{
		"werd veroordeeld", "samengewerkt.", "terugkerende oefening", "o.a. voedselzekerheid,",
		"deze inspanningen in Mali", "De Secretaris-Generaal van", "de advies- en trainingsactiviteiten",
		"EU-instellingen", "COVID-19 maatregelen", "niet-gouvernementele organisaties en internationale",
		"West-Afrikaanse", "(Noord- en Centraal-Mali)", "in verband met de repatriëring", "programma’s",
		"ex-president Keïta",
	} {
		if !strings.Contains(doc.Text, w) {
			t.Errorf("Text lacks %q", w)
		}
	}
	for _, w := range []string{"  ", " \n", "-\n", "veroor-", "Malinese,"} {
		if w != "Malinese," && strings.Contains(doc.Text, w) {
			t.Errorf("Text contains %q", w)
		}
	}
	starts := make([]string, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		starts[i] = strings.Join(strings.Fields(p.Text)[:3], " ")
	}
	wantStarts := []string{
		"Met deze brief", "Dinsdag 18 augustus", "De militaire coup", "De coupplegers, verenigd",
		"Vertegenwoordigers van ECOWAS,", "Internationale partners hebben", "De VN Veiligheidsraad",
		"ECOWAS heeft, naast", "De voorzitter van", "Nederland steunt de", "Als reactie op",
		"Nederland heeft in", "De leiding van", "Frankrijk heeft laten", "De Verenigde Staten",
		"Na de militaire", "Nederland heeft na", "De Nederlandse ontwikkelingsinzet", "Daarnaast biedt Nederland",
		"De aanwezige Nederlanders",
	}
	if diff := cmp.Diff(wantStarts, starts); diff != "" {
		t.Errorf("paragraph starts (-want +got):\n%s", diff)
	}
	var heads []string
	for _, s := range doc.Sections {
		heads = append(heads, s.Heading)
	}
	wantHeads := []string{"1. Recente ontwikkelingen", "2. Diplomatieke reacties",
		"3. Gevolgen van de staatsgreep voor de Nederlandse inzet", "De veiligheidsinzet",
		"Ontwikkelingssamenwerking", "4. Consulaire aangelegenheden"}
	if diff := cmp.Diff(wantHeads, heads); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	wantSigns := []Signatory{
		{"Minister van Buitenlandse Zaken", "S.A. Blok"},
		{"Minister van Defensie", "A.Th.B. Bijleveld-Schouten"},
		{"Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", "S.A.M. Kaag"},
		{"Minister van Justitie en Veiligheid", "F.B.J. Grapperhaus"},
	}
	if diff := cmp.Diff(wantSigns, doc.Signatories); diff != "" {
		t.Errorf("signatories (-want +got):\n%s", diff)
	}
	var refs []string
	for _, r := range doc.References {
		refs = append(refs, r.Dossier+"/"+r.Number+"="+r.Text)
	}
	wantRefs := []string{"29 521/363=Kamerstuk 29 521, nr. 363", "29 521/409=Kamerstuk 29 521, nr. 409",
		"29 521/405=Kamerstuk 29 521, nr. 405"}
	if diff := cmp.Diff(wantRefs, refs); diff != "" {
		t.Errorf("references (-want +got):\n%s", diff)
	}
	for _, p := range doc.Paragraphs {
		if strings.Contains(p.Text, "Minister van") || strings.Contains(p.Text, "Grapperhaus") {
			t.Errorf("signature inside paragraph %d", p.N)
		}
	}
	// Section 3 spans its two subsections.
	s3, sub := doc.Sections[2], doc.Sections[4]
	if !(s3.Start < sub.Start && sub.End <= s3.End) {
		t.Errorf("section 3 %d–%d does not contain %q %d–%d", s3.Start, s3.End, sub.Title, sub.Start, sub.End)
	}
}

// checkInvariants holds for every document Parse returns.
func checkInvariants(t testing.TB, doc *Document) {
	t.Helper()
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("Text is not valid UTF-8")
	}
	if !norm.NFC.IsNormalString(doc.Text) {
		t.Errorf("Text is not NFC")
	}
	if doc.ID != Slug(doc.ID) || doc.ID == "" {
		t.Errorf("ID %q is not a slug", doc.ID)
	}
	prev := 0
	for i, p := range doc.Paragraphs {
		if p.N != i+1 || p.Start < prev || p.Start >= p.End || p.End > len(doc.Text) {
			t.Fatalf("paragraph %d: N=%d offsets %d–%d after %d (len %d)", i, p.N, p.Start, p.End, prev, len(doc.Text))
		}
		if doc.Text[p.Start:p.End] != p.Text {
			t.Fatalf("paragraph %d: Text != Text[Start:End]", p.N)
		}
		if p.Text != strings.TrimSpace(p.Text) || strings.Contains(p.Text, "  ") {
			t.Errorf("paragraph %d has stray spaces: %q", p.N, p.Text)
		}
		prev = p.End
	}
	prev = 0
	for _, s := range doc.Sections {
		if s.Start < prev || s.Start > s.End || s.End > len(doc.Text) || s.Level < 1 {
			t.Fatalf("section %q: offsets %d–%d level %d after %d", s.Title, s.Start, s.End, s.Level, prev)
		}
		if !strings.HasPrefix(doc.Text[s.Start:], s.Heading) {
			t.Errorf("section %q does not start with its heading", s.Heading)
		}
		prev = s.Start
	}
	for _, r := range doc.References {
		if r.Start < 0 || r.End > len(doc.Text) || r.Start > r.End || doc.Text[r.Start:r.End] != r.Text {
			t.Fatalf("reference %q: bad offsets %d–%d", r.Text, r.Start, r.End)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		opt        Options
		want       error
		msg        string // substring of the message
	}{
		{"empty", "a.txt", nil, Options{}, ErrEmpty, "no text"},
		{"whitespace", "a.txt", []byte(" \n\t\n  "), Options{}, ErrEmpty, "no text"},
		{"markup only", "a.md", []byte("<meta charset='utf-8' />\n\n---\n"), Options{}, ErrEmpty, "after normalisation"},
		{"too large", "a.txt", bytes.Repeat([]byte("woord "), 20), Options{MaxBytes: 100}, ErrTooLarge, "120 bytes exceeds the limit of 100"},
		{"pdf without a reader", "brief.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), Options{}, ErrUnsupported, "this is a PDF file and PDF reading is not configured"},
		{"pdf named txt", "brief.txt", []byte("%PDF-1.4\n"), Options{}, ErrUnsupported, "PDF file"},
		{"truncated docx", "brief.docx", []byte("PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml"), Options{}, ErrCorrupt, "ZIP container (Word/OpenDocument) is damaged or truncated"},
		{"truncated zip", "a.zip", []byte("PK\x03\x04\x14\x00\x00\x00"), Options{}, ErrCorrupt, "damaged or truncated"},
		{"docx extension", "brief.docx", []byte("tekst"), Options{}, ErrMismatch, "the name says a Word (.docx) file, but the content is not one"},
		{"pdf extension", "brief.pdf", []byte("tekst"), Options{}, ErrMismatch, "the name says a PDF file"},
		{"old word", "brief.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), Options{}, ErrUnsupported, "Word 97-2003"},
		{"xml with entities", "a.xml", []byte("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><officiele-publicatie>&lol;</officiele-publicatie>"), Options{}, ErrUnsafe, "DOCTYPE declaring entities"},
		{"xml undeclared entity", "a.xml", []byte("<?xml version=\"1.0\"?><officiele-publicatie><al>&lol;</al></officiele-publicatie>"), Options{}, ErrUnsafe, "entit"},
		{"truncated xml", "a.xml", []byte("<?xml version=\"1.0\"?><officiele-publicatie><staatsblad><al>tekst"), Options{}, ErrCorrupt, "not well-formed XML"},
		{"metadata record", "m.xml", []byte("<?xml version=\"1.0\"?><metadata_gegevens><metadata name=\"a\" content=\"b\"/></metadata_gegevens>"), Options{}, ErrEmpty, "metadata record"},
		{"unknown xml", "m.xml", []byte("<?xml version=\"1.0\"?><rss><channel/></rss>"), Options{}, ErrUnsupported, "root element <rss>"},
		{"empty html", "a.html", []byte("<!doctype html><html><head><script>x()</script></head><body><nav>Menu</nav></body></html>"), Options{}, ErrEmpty, "holds no text"},
		{"nul", "a.txt", []byte("tekst\x00met nul"), Options{}, ErrBinary, "NUL byte at offset 5"},
		{"controls", "a.txt", []byte("ab\x01\x02\x03cd\x04\x05\x06ef\x07\x08"), Options{}, ErrBinary, "control characters"},
		{"utf-16", "a.txt", []byte("\xFF\xFEa\x00b\x00"), Options{}, ErrUnsupported, "UTF-16"},
		{"latin-1", "a.txt", []byte("regel één\ntweede r\xe9gel"), Options{}, ErrInvalidUTF8, "byte offset 20 (line 2, column 9)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, tt.data, tt.opt)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "ingest: ") || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %q, want prefix ingest: and %q", err, tt.msg)
			}
		})
	}
}

func TestHyphenJoin(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"werd veroor-", "deeld en", "werd veroordeeld en"},
		{"o.a. voedsel-", "zekerheid, water", "o.a. voedselzekerheid, water"},
		{"kan worden samenge-", "werkt.", "kan worden samengewerkt."},
		{"jaarlijks terugke-", "rende oefening", "jaarlijks terugkerende oefening"},
		{"deze inspan-", "ningen in", "deze inspanningen in"},
		{"De Secretaris-", "Generaal van", "De Secretaris-Generaal van"},
		{"om de advies-", "en trainingsactiviteiten", "om de advies- en trainingsactiviteiten"},
		{"in- of", "uitvoer", "in- of uitvoer"},
		{"import-", "of exportvergunning", "import- of exportvergunning"},
		{"van de", "EU-instellingen", "van de EU-instellingen"},
		{"met de EU-", "instellingen", "met de EU-instellingen"},
		{"de COVID-", "19 maatregelen", "de COVID-19 maatregelen"},
		{"door niet-", "gouvernementele", "door niet-gouvernementele"},
		{"door niet-gouver-", "nementele", "door niet-gouvernementele"},
		{"van West-", "Afrikaanse", "van West-Afrikaanse"},
		{"hun ex-", "cuses", "hun excuses"},
		{"de oud-", "ste", "de oudste"},
		{"per e-", "mail", "per e-mail"},
		{"bij de KvK-", "inschrijving", "bij de KvK-inschrijving"},
		{"in de periode 2020-", "2021", "in de periode 2020-2021"},
		{"uw Kamer ge-", "informeerd", "uw Kamer geïnformeerd"},
		{"de financi-", "ele steun", "de financiële steun"},
		{"de co-", "ordinatie", "de coördinatie"},
		{"het na-", "apen", "het na-apen"},
		{"dat is -", "zoals gezegd", "dat is - zoals gezegd"},
		{"– zoals gezegd –", "niet", "– zoals gezegd – niet"},
		{"het Noord-", "(en Zuid-)", "het Noord- (en Zuid-)"},
		{"hyphen\u00ad", "ation", "hyphenation"},
		{"geen koppel", "teken", "geen koppel teken"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"|"+tt.b, func(t *testing.T) {
			if got := joinLines(tt.a, tt.b, true); got != tt.want {
				t.Errorf("joinLines(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
			}
		})
	}
	// Markdown authors type their hyphens; none is removed.
	if got := joinLines("een EU-", "lidstaat", false); got != "een EU-lidstaat" {
		t.Errorf("untypeset join = %q", got)
	}
	if got := joinLines("samenge-", "werkt", false); got != "samenge-werkt" {
		t.Errorf("untypeset join = %q", got)
	}
}

// pdf builds PDF-like text: lines wrapped at about 70 characters.
func pdf(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

// filler are full-width wrapped lines that give the width statistics
// something to measure.
var filler = []string{
	"Dit is een volledige regel tekst die tot aan de rechtermarge doorloopt en",
	"daarom niets zegt over het einde van een alinea, want de zetter brak hem",
	"af omdat het volgende woord niet meer paste op de regel van de pagina en",
	"dat geldt voor deze regel evenzeer als voor de regels die er nog volgen,",
	"want een brief van de regering bestaat vooral uit zulke volle regels met",
	"hier en daar een korte regel aan het einde van een alinea die de lezer",
	"laat zien waar een nieuwe gedachte begint. Ook deze regel loopt tot aan",
	"de rand van het papier, en de volgende regel doet precies hetzelfde als",
	"de vorige regels deden, zodat er genoeg volle regels zijn om te meten.",
	"Einde van de opvulling die in elke test hetzelfde is en niet meetelt.",
}

func TestParagraphBreaks(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string // first words of the paragraphs after the filler
	}{
		{"page break after sentence end", []string{
			"een lange regel die de hele breedte van de pagina vult tot de marge, en",
			"eindigt hier.",
			" Vertegenwoordigers van ECOWAS leiden momenteel de gesprekken met het",
			"CNSP.",
		}, []string{"een", "Vertegenwoordigers"}},
		{"page break mid-sentence, lower case", []string{
			"een lange regel die de hele breedte van de pagina vult tot de marge in",
			" de repatriëring die volgde op de maatregelen.",
		}, []string{"een"}},
		{"page break mid-sentence, capital", []string{
			"een lange regel die de hele breedte van de pagina vult samen met de",
			" Malinese autoriteiten.",
		}, []string{"een"}},
		{"short line ends sentence", []string{
			"een lange regel die de hele breedte van de pagina vult tot aan de rand",
			"met de centrale overheid.",
			"De Nederlandse ontwikkelingsinzet in Mali richt zich op het verbeteren",
		}, []string{"een", "De"}},
		{"full line ends sentence", []string{
			"een lange regel die de hele breedte van de pagina vult tot aan de rand",
			"en de terugkeer naar een democratische rechtsorde voor iedereen hier.",
			"ECOWAS bemiddelde tot nu toe succesvol met het CNSP over de vrijlating",
		}, []string{"een"}},
		{"short line without sentence end", []string{
			"een lange regel die de hele breedte van de pagina vult tot aan de rand",
			"zoals de",
			"Verenigde Staten laten weten.",
		}, []string{"een"}},
		{"short line before lower case", []string{
			"een lange regel die de hele breedte van de pagina vult tot aan de rand",
			"in 2020.",
			"en verder.",
		}, []string{"een"}},
		{"bullets", []string{
			"De regering doet drie dingen:",
			"• zij steunt de bevolking;",
			"• zij overlegt met partners;",
		}, []string{"De", "zij", "zij"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := pdf(append(append(append([]string{}, filler...), ""), tt.lines...)...)
			doc, err := Parse("brief.txt", data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, doc)
			if doc.Format != FormatPDFText {
				t.Fatalf("Format = %q", doc.Format)
			}
			var got []string
			for _, p := range doc.Paragraphs {
				got = append(got, strings.Fields(p.Text)[0])
			}
			if len(got) == 0 || got[0] != "Dit" {
				t.Fatalf("filler paragraph missing: %q", got)
			}
			if diff := cmp.Diff(tt.want, got[1:]); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s\n%s", diff, doc.Text)
			}
		})
	}
}

func TestHeadingOf(t *testing.T) {
	tests := []struct {
		line, number, title string
		ok                  bool
	}{
		{"1. Recente ontwikkelingen", "1", "Recente ontwikkelingen", true},
		{"2.3 Financiële gevolgen", "2.3", "Financiële gevolgen", true},
		{"3. Wat betekent dit?", "3", "Wat betekent dit?", true},
		{"De veiligheidsinzet", "", "De veiligheidsinzet", true},
		{"Ontwikkelingssamenwerking", "", "Ontwikkelingssamenwerking", true},
		{"1. De regering steunt de missie.", "", "", false},
		{"2020 was een jaar van onrust", "", "", false},
		{"Er hebben zich geen incidenten voorgedaan.", "", "", false},
		{"Hoogachtend,", "", "", false},
		{"zoals gezegd", "", "", false},
		{"Dit is een regel met veel te veel woorden om nog als een kop te kunnen gelden", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			n, ti, ok := headingOf(tt.line)
			if n != tt.number || ti != tt.title || ok != tt.ok {
				t.Errorf("headingOf(%q) = %q, %q, %v; want %q, %q, %v", tt.line, n, ti, ok, tt.number, tt.title, tt.ok)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	src := "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n" +
		"# Brief over **de** begroting\n\nInleiding met een [link](https://example.org/x) en\n_nadruk_ op `code`.\n\n" +
		"##1. Eerste deel  \n\nEen alinea\nover twee regels, met snake_case_naam.\n\n" +
		"- eerste punt\n- tweede punt met *accent*\n\n### Onderdeel\n\n> Een citaat.\n\n" +
		"| kolom | waarde |\n|---|---|\n| a | 1 |\n\n## Slot\n\nKlaar\\!\n"
	doc, err := Parse("notitie.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, doc)
	if doc.Title != "Brief over de begroting" || doc.Format != FormatMarkdown || doc.ID != "notitie" {
		t.Errorf("Title, Format, ID = %q, %q, %q", doc.Title, doc.Format, doc.ID)
	}
	type para struct{ Section, Text string }
	var got []para
	for _, p := range doc.Paragraphs {
		got = append(got, para{p.Section, p.Text})
	}
	want := []para{
		{"", "Inleiding met een link en nadruk op code."},
		{"1. Eerste deel", "Een alinea over twee regels, met snake_case_naam."},
		{"1. Eerste deel", "eerste punt"},
		{"1. Eerste deel", "tweede punt met accent"},
		{"Onderdeel", "Een citaat."},
		{"Onderdeel", "kolom | waarde\na | 1"},
		{"Slot", "Klaar!"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	wantSections := []Section{
		{Number: "1", Title: "Eerste deel", Heading: "1. Eerste deel", Level: 1},
		{Title: "Onderdeel", Heading: "Onderdeel", Level: 2},
		{Title: "Slot", Heading: "Slot", Level: 1},
	}
	if diff := cmp.Diff(wantSections, doc.Sections, cmp.FilterPath(func(p cmp.Path) bool {
		f := p.Last().String()
		return f == ".Start" || f == ".End"
	}, cmp.Ignore())); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	if s := doc.Sections[0]; doc.Text[s.Start:s.End] != "1. Eerste deel\n\nEen alinea over twee regels, met snake_case_naam.\n\neerste punt\n\ntweede punt met accent\n\nOnderdeel\n\nEen citaat.\n\nkolom | waarde\na | 1" {
		t.Errorf("section 1 span = %q", doc.Text[s.Start:s.End])
	}
}

func TestPlainText(t *testing.T) {
	src := "Eerste alinea als één lange regel zonder afbreking, zoals een tekstverwerker die opslaat wanneer iemand het bestand als platte tekst bewaart en verder niets doet.\n\n" +
		"Tweede alinea, ook op één regel, met een afbreekstreepje in Noord-Holland en een verwijzing naar Kamerstukken 21 501-02, nrs. 2100 en 2101 in de tekst.\n"
	doc, err := Parse("notitie.txt", []byte(src), Options{Title: "Mijn  notitie"})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, doc)
	if doc.Format != FormatText || doc.Title != "Mijn notitie" || len(doc.Paragraphs) != 2 {
		t.Fatalf("Format %q, Title %q, %d paragraphs", doc.Format, doc.Title, len(doc.Paragraphs))
	}
	var got []string
	for _, r := range doc.References {
		got = append(got, r.Dossier+"/"+r.Number+"="+r.Text)
	}
	want := []string{"21 501-02/2100=Kamerstukken 21 501-02, nrs. 2100 en 2101", "21 501-02/2101=Kamerstukken 21 501-02, nrs. 2100 en 2101"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("references (-want +got):\n%s", diff)
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		text string
		want []string // Dossier/Number=Text
	}{
		{"(Kamerstuk 29 521, nr. 405, 27 maart 2020)", []string{"29 521/405=Kamerstuk 29 521, nr. 405"}},
		{"zie Kamerstukken 29521, nr. 363 en later", []string{"29 521/363=Kamerstukken 29521, nr. 363"}},
		{"Kamerstukken II 2019/20, 35 300 V, nr. 5", []string{"35 300 V/5=Kamerstukken II 2019/20, 35 300 V, nr. 5"}},
		{"Kamerstuk 21 501-02, nr. 2100", []string{"21 501-02/2100=Kamerstuk 21 501-02, nr. 2100"}},
		{"de Kamer en nr. 5 zonder dossier", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, r := range references(tt.text, 0, len(tt.text)) {
				if tt.text[r.Start:r.End] != r.Text {
					t.Errorf("offsets %d–%d do not give %q", r.Start, r.End, r.Text)
				}
				got = append(got, r.Dossier+"/"+r.Number+"="+r.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestTitle(t *testing.T) {
	tests := []struct{ name, file, src, want string }{
		{"kamerbrief", "a.txt", "Hierbij informeer ik uw Kamer over de voortgang van het programma, zoals toegezegd.\n", "Kamerbrief over de voortgang van het programma"},
		{"letter", "a.txt", "Met deze brief informeer ik u over de nieuwe regels.\n", "Brief over de nieuwe regels"},
		{"first heading", "a.txt", "Inleiding\n\nDe regering heeft besloten.\n", "Inleiding"},
		{"first sentence", "a.txt", "De regering heeft besloten de steun voort te zetten. Dat is goed nieuws.\n", "De regering heeft besloten de steun voort te zetten"},
		{"long sentence", "a.txt", strings.Repeat("woord ", 30) + "einde.\n", strings.TrimSpace(strings.Repeat("woord ", 13)) + "…"},
		{"markdown title wins", "a.md", "# Echte titel\n\nHierbij informeer ik uw Kamer over iets anders.\n", "Echte titel"},
		{"markdown opening heading", "a.md", "## Aankoop effecten\n\nBij circulaire deelde ik u mede.\n", "Aankoop effecten"},
		// A letterhead's subject field, as its own block or run together
		// with the date; the address before it was the title.
		{"letterhead", "a.txt", "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nBinnenhof 4\n\n2513 AA Den Haag\n\nDatum 25 augustus 2020\n\nBetreft Staatsgreep in Mali\n\nMet deze brief wordt uw Kamer geïnformeerd over de staatsgreep in Mali.\n", "Staatsgreep in Mali"},
		{"letterhead run together", "a.txt", "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal Binnenhof 4 2513 AA Den Haag\n\nDatum 25 augustus 2020 Betreft Staatsgreep in Mali Ons kenmerk BZ-2020-1\n\nGeachte voorzitter,\n\nHierbij informeer ik u over de gevolgen.\n", "Staatsgreep in Mali"},
		{"onderwerp", "a.txt", "Onderwerp: Voortgang van het programma.\n\nHierbij informeer ik uw Kamer over de voortgang.\n", "Voortgang van het programma"},
		// A sentence's "Betreft het …" or a subject after the prose has
		// begun is not a letterhead's.
		{"betreft in prose", "a.txt", "De regering heeft besloten de steun voort te zetten. Betreft het een nieuwe regeling dan volgt een brief.\n", "De regering heeft besloten de steun voort te zetten"},
		{"markdown heading over subject", "a.md", "##Boekwerk heffingen bij invoer, Deel II\n\nOnderwerp: Wijziging van de gecombineerde nomenclatuur\n\nHierbij deel ik u mede dat.\n", "Boekwerk heffingen bij invoer, Deel II"},
		{"subject after prose", "a.txt", "Hierbij informeer ik uw Kamer over de voortgang van het programma, zoals toegezegd.\n\nBetreft Iets anders\n", "Kamerbrief over de voortgang van het programma"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.file, []byte(tt.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.want {
				t.Errorf("Title = %q, want %q", doc.Title, tt.want)
			}
		})
	}
}

func TestNormalization(t *testing.T) {
	// "geïnformeerd" decomposed (i + U+0308), a ligature, a non-breaking
	// space, tabs, trailing spaces, a zero-width space and a typographic
	// apostrophe.
	src := "Uw Kamer is gei\u0308nformeerd over de \uFB01nanciële\u00a0steun\t\tvan  programma’s.\u200b   \n"
	doc, err := Parse("a.txt", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Uw Kamer is geïnformeerd over de financiële steun van programma’s."; doc.Text != want {
		t.Errorf("Text = %q, want %q", doc.Text, want)
	}
}

func TestSignatures(t *testing.T) {
	src := string(pdf(filler...)) + "\nHoogachtend,\n\nde minister van Financiën,\nW.B. Hoekstra\n\n" +
		"De Staatssecretaris van Financiën – Fiscaliteit,\nJ.A. Vijlbrief\n"
	doc, err := Parse("a.txt", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Signatory{{"Minister van Financiën", "W.B. Hoekstra"}, {"Staatssecretaris van Financiën – Fiscaliteit", "J.A. Vijlbrief"}}
	if diff := cmp.Diff(want, doc.Signatories); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if n := len(doc.Paragraphs); n != 1 {
		t.Errorf("%d paragraphs, want 1 (closing and signatures are not paragraphs)", n)
	}
	if !strings.HasSuffix(doc.Text, "J.A. Vijlbrief") {
		t.Errorf("signature block missing from Text")
	}
}

// TestSignaturesSpaced: the office and the name with a blank line between
// (room for the handwritten signature) are a signature block too; the
// name became a heading or a paragraph of its own.
func TestSignaturesSpaced(t *testing.T) {
	src := string(pdf(filler...)) + "\nHoogachtend,\n\nDe Staatssecretaris van Financiën,\n\n\nM. Snel\n\n" +
		"De minister van Justitie en Veiligheid,\n\nF.B.J. Grapperhaus\n"
	doc, err := Parse("a.txt", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Signatory{{"Staatssecretaris van Financiën", "M. Snel"}, {"Minister van Justitie en Veiligheid", "F.B.J. Grapperhaus"}}
	if diff := cmp.Diff(want, doc.Signatories); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if n := len(doc.Paragraphs); n != 1 || len(doc.Sections) > 1 {
		t.Errorf("%d paragraphs, %d sections; want 1 paragraph and no heading of a name", n, len(doc.Sections))
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kamerbrief-mali-2020", "kamerbrief-mali-2020"},
		{"Kamerbrief over de staatsgreep in Mali", "kamerbrief-over-de-staatsgreep-in-mali"},
		{"  Financiële   zaken (2020)!", "financiele-zaken-2020"},
		{"Straße_Ærø", "strasse-aero"},
		{"__", ""},
		{"ĳsselmeer", "ijsselmeer"},
		// Longer than 80: 71 bytes and a hash of the whole.
		{strings.Repeat("ab-", 40), strings.TrimRight(strings.Repeat("ab-", 24), "-") + "-5c3a096a"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Two long names that differ only past the cut give two ids, each at
	// most 80 bytes and its own slug.
	long := "Kamerbrief over de geannoteerde agenda van de Raad Buitenlandse Zaken van 14 september 2020 deel "
	one, two := Slug(long+"1"), Slug(long+"2")
	if one == two || len(one) > 80 || len(two) > 80 || Slug(one) != one {
		t.Errorf("long names: %q and %q, want two ids of at most 80 bytes", one, two)
	}
	doc, err := Parse(`C:\brieven\Brief über Mali.TXT`, []byte("Tekst."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.ID != "brief-uber-mali" {
		t.Errorf("ID = %q", doc.ID)
	}
}

// BenchmarkParse measures the letter (pdf-text) and, when ../shared is
// present, 50 BWB Markdown documents.
func BenchmarkParse(b *testing.B) {
	letter, err := corpus.Default().ReadFile(corpus.MaliLetter)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("letter", func(b *testing.B) {
		b.SetBytes(int64(len(letter)))
		for b.Loop() {
			if _, err := Parse(corpus.MaliLetter, letter, Options{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
	b.Run("bwb-markdown", func(b *testing.B) {
		docs := readBWB(b, 50)
		total := 0
		for _, d := range docs {
			total += len(d.Text)
		}
		b.SetBytes(int64(total))
		for b.Loop() {
			for _, d := range docs {
				if _, err := Parse(d.ID+".md", []byte(d.Text), Options{MaxBytes: 64 << 20}); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
	})
}

// TestMarkdownByContent: Markdown named .txt, or sent without a name, is
// read as Markdown when it has a heading line (the BWB exports' ##Title
// after an HTML meta line); text with a # that is no heading stays text.
func TestMarkdownByContent(t *testing.T) {
	md := "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n##Aanpassing bedragen in het Besluit\n\nDe bedragen worden aangepast.\n"
	for _, name := range []string{"circulaire.txt", "circulaire"} {
		doc, err := Parse(name, []byte(md), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Format != FormatMarkdown || doc.Title != "Aanpassing bedragen in het Besluit" {
			t.Errorf("%s: format %s, title %q", name, doc.Format, doc.Title)
		}
	}
	doc, err := Parse("brief.txt", []byte("Geachte voorzitter,\n\nZie punt #3 en #MeToo in de brief.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format == FormatMarkdown {
		t.Errorf("a text with # in it read as Markdown")
	}
}

// TestGivenTitle: a title given on upload that is only white space falls
// back to the title tolk derives (it was stored empty), and a long one is
// shortened to 300 characters as a derived one is (it was stored whole).
func TestGivenTitle(t *testing.T) {
	d, err := Parse("brief.txt", []byte("Met deze brief informeer ik u over de staatsgreep in Mali."), Options{Title: "   "})
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(d.Title) == "" {
		t.Errorf("a blank given title kept: %q", d.Title)
	}
	d, err = Parse("brief.txt", []byte("Een korte brief."), Options{Title: strings.Repeat("titel ", 1000)})
	if err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(d.Title); n > 300 {
		t.Errorf("a given title of 6,000 characters kept %d", n)
	}
}

// TestXMLSignatures: an official publication's <ondertekening> (office,
// first names, surname) is a signature block: its parts were paragraphs of
// their own ("M.", "Snel") and signatories stayed empty.
func TestXMLSignatures(t *testing.T) {
	b, err := os.ReadFile(sharedtest.Path(t, "data", "koop-officiele-publicaties-xml", "stb.xml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("stb.xml", b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Signatory{{"Staatssecretaris van Financiën", "M. Snel"}, {"Minister van Justitie en Veiligheid", "F.B.J. Grapperhaus"}}
	if diff := cmp.Diff(want, doc.Signatories); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, p := range doc.Paragraphs {
		if p.Text == "Snel" || p.Text == "Grapperhaus" || p.Text == "M." {
			t.Errorf("paragraph %d is a part of a signature: %q", p.N, p.Text)
		}
	}
}

// TestNoSignatureOfSentences: a short text whose first paragraph is a
// sentence about a minister is two paragraphs, not a signature block (an
// office "Minister zegt dat de sancties gelden." and a name "Tweede
// alinea met sancties en boetes.", a new user found); a real block at the
// end is still read as one.
func TestNoSignatureOfSentences(t *testing.T) {
	doc, err := Parse("t2.txt", []byte("De minister zegt dat de sancties gelden.\n\nTweede alinea met sancties en boetes.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Signatories) != 0 || len(doc.Paragraphs) != 2 {
		t.Errorf("signatories %+v, %d paragraphs; want none and 2", doc.Signatories, len(doc.Paragraphs))
	}
	doc, err = Parse("brief.txt", []byte("Brief\n\nDe sancties gelden.\n\nDe Minister van Buitenlandse Zaken,\n\ndrs. S.A. Blok\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Signatories) != 1 || doc.Signatories[0].Name != "drs. S.A. Blok" || doc.Signatories[0].Office != "Minister van Buitenlandse Zaken" {
		t.Errorf("signatories %+v, want the Minister van Buitenlandse Zaken, drs. S.A. Blok", doc.Signatories)
	}
}

// TestDefaultLimitIsTheAPIs: a 6 MiB document, which the HTTP API takes
// in (8 MiB), is parsed; ingest's own limit was 5 MiB and refused it.
func TestDefaultLimitIsTheAPIs(t *testing.T) {
	text := bytes.Repeat([]byte("De minister schrijft de Kamer een lange brief.\n\n"), 6<<20/48)
	if _, err := Parse("lang.txt", text, Options{}); err != nil {
		t.Errorf("a %d-byte document: %v", len(text), err)
	}
	big := bytes.Repeat([]byte("woord "), 9<<20/6)
	if _, err := Parse("groot.txt", big, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a %d-byte document: %v, want ErrTooLarge", len(big), err)
	}
}
