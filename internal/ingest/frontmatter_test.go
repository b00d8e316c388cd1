package ingest

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFrontMatter: a text or Markdown file may open with front matter
// (---, key: value lines, ---) that gives its type, date and other
// metadata; it is not part of the text. Before, such a file had no
// metadata at all and its front matter was read as text.
func TestFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		want            Metadata
		title           string
		text            string
	}{
		{
			name: "markdown",
			file: "BWBR0011157.md",
			src:  "---\ntype: circulaire\ndate: 2020-01-31\nidentifier: BWBR0011157\n---\n<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n##Aankoop effecten met spaarloon\n\nBij circulaire van 28 november 1997 deelde ik u mede dat de regeling niet hoefde te worden aangepast.\n",
			want: Metadata{Type: "circulaire", Date: "2020-01-31", Identifier: "BWBR0011157", Language: "nl"},
			text: "Aankoop effecten met spaarloon\n\nBij circulaire van 28 november 1997 deelde ik u mede dat de regeling niet hoefde te worden aangepast.",
		},
		{
			name:  "text, quoted values, written date, title, other keys left alone",
			file:  "notitie.txt",
			src:   "---\r\ntitle: \"Notitie over de munt\"\r\nType: Beleidsregel\r\ndate: '3 februari 2020'\r\nlayout: post\r\ntags:\r\n  - munt\r\n# a comment\r\n\r\nauthority: Ministerie van Financiën\r\nlanguage: nl\r\n...\r\nDe beeldenaar van de munt is besproken.\r\n",
			want:  Metadata{Type: "beleidsregel", Date: "2020-02-03", Authority: "Ministerie van Financiën", Language: "nl"},
			title: "Notitie over de munt",
			text:  "De beeldenaar van de munt is besproken.",
		},
		{
			name: "dossier and number",
			file: "kst.md",
			src:  "---\ntype: kamerstuk\ndossier: 29 521\nnumber: 409\n---\n# Brief over de munt\n\nDe beeldenaar van de munt is besproken.\n",
			want: Metadata{Type: "kamerstuk", Dossier: "29 521", Number: "409", Language: "nl"},
			text: "De beeldenaar van de munt is besproken.",
		},
		{
			// A thematic break and prose are no front matter: the
			// text is read as before.
			name: "a rule, not front matter",
			file: "regel.md",
			src:  "---\nDe beeldenaar van de munt is besproken.\n---\n\nTweede alinea.\n",
			want: Metadata{Language: "nl"},
			text: "De beeldenaar van de munt is besproken.\n\nTweede alinea.",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse(tc.file, []byte(tc.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Meta == nil {
				t.Fatal("no metadata")
			}
			got := *d.Meta
			got.Source, got.SourceFormat = "", ""
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
			if d.Meta.Source != tc.file || d.Meta.SourceFormat != string(d.Format) {
				t.Errorf("source %q (%s), want %q (%s)", d.Meta.Source, d.Meta.SourceFormat, tc.file, d.Format)
			}
			if tc.title != "" && d.Title != tc.title {
				t.Errorf("title %q, want %q", d.Title, tc.title)
			}
			if !strings.HasSuffix(d.Text, tc.text) || strings.Contains(d.Text, "type:") {
				t.Errorf("text %q, want it to end in %q", d.Text, tc.text)
			}
		})
	}
}

// TestFrontMatterErrors: a value tolk cannot use is refused with the line
// it is on, not stored as written or left out without a word.
func TestFrontMatterErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"type not known", "---\ntitle: Een circulaire\ntype: circular\n---\nTekst.\n", `front matter line 3: type "circular" is not a document type tolk knows (one of aanhangsel-handelingen, agenda, amvb, `},
		{"date not a day", "---\ndate: 2020-02-30\n---\nTekst.\n", `front matter line 2: date "2020-02-30" is not a date; write it as YYYY-MM-DD`},
		{"date in another order", "---\ntype: brief\ndate: 31-01-2020\n---\nTekst.\n", `front matter line 3: date "31-01-2020" is not a date`},
		{"date with more", "---\ndate: 21 augustus 2020, Den Haag\n---\nTekst.\n", `front matter line 2: date "21 augustus 2020, Den Haag" is not a date`},
		{"language", "---\nlanguage: Dutch\n---\nTekst.\n", `front matter line 2: language "Dutch" is not a two-letter ISO 639-1 code (nl, en)`},
		{"twice", "---\ntype: brief\n\ntype: circulaire\n---\nTekst.\n", `front matter line 4: type is given twice (line 2)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range []string{"x.md", "x.txt"} {
				_, err := Parse(name, []byte(tc.src), Options{})
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("%s: err %v, want it to say %q", name, err, tc.want)
				}
				if !errors.Is(err, ErrMetadata) || !IsInputError(err) {
					t.Errorf("%s: err %v does not wrap ErrMetadata", name, err)
				}
			}
		})
	}
}

// TestTextDate: a text or Markdown document is dated by a date line of
// its own — the letterhead's "Datum 21 augustus 2020", a place and date
// ("Den Haag, 25 augustus 2020"; as the BWB circulars sign, "Den Haag 5
// juli 2010" without the comma when a signatory's office follows) — and
// never by a date that merely occurs in its text (a circular it refers
// to, a heading's "per 1 mei 2003"). Before, text and Markdown documents
// had no date and no type at all.
func TestTextDate(t *testing.T) {
	letterhead := "> Retouradres Postbus 20061 2500 EB Den Haag\n\nDe Voorzitter van de Tweede Kamer\nder Staten-Generaal\nBinnenhof 4\nDen Haag\n\n" +
		"Datum 21 augustus 2020\nBetreft Staatsgreep in Mali\n\nGeachte voorzitter,\n\n" +
		"Met deze brief wordt uw Kamer geïnformeerd over de staatsgreep in Mali van 18 augustus 2020 en de gevolgen daarvan.\n\n" +
		"De Minister van Buitenlandse Zaken,\nS.A. Blok\n"
	for _, tc := range []struct{ name, file, src, date, typ string }{
		{"letter as text", "brief.txt", letterhead, "2020-08-21", "brief"},
		{"letter as Markdown", "brief.md", "# Staatsgreep in Mali\n\n" + letterhead, "2020-08-21", "brief"},
		{"letterhead in one block", "brief.txt",
			"Ministerie van Buitenlandse Zaken\nPostbus 20061\n2500 EB Den Haag\nOns kenmerk BZDOC-123\nDatum: 21 augustus 2020\nBetreft Staatsgreep in Mali\n\nGeachte voorzitter,\n\nMet deze brief wordt uw Kamer geïnformeerd over de staatsgreep in Mali en de gevolgen daarvan.\n",
			"2020-08-21", "brief"},
		{"BWB policy rule signed without a comma", "BWBR0027898.md",
			"<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n##Vrijstelling\n\nHet besluit van 8 maart 2004, nr. CPP2004/512M, wordt ingetrokken.\n\n####Inwerkingtreding\n\nDit besluit treedt in werking met ingang van 1 januari 2010.\n\nDen Haag 5\u00a0juli 2010\n\nDe minister van Financiën, J.C. de Jager.\n",
			"2010-07-05", ""},
		{"BWB circular, ’s-Gravenhage", "BWBR0014386.md",
			"<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n##Schalen BBRA\n\nBij circulaire van 28 november 1997 deelde ik u mede dat de schalen wijzigen.\n\n’s-Gravenhage, 29 november 2002\n\nDe Minister van Binnenlandse Zaken en Koninkrijksrelaties,\n\nJ.W. Remkes\n\n##Bijlage 5\n\nSchalen van het BBRA per 1 mei 2003\n",
			"2002-11-29", "circulaire"},
		{"dates in the text only", "BWBR0011157.md",
			"<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n##Aankoop effecten met spaarloon\n\nBij circulaire AD97/U869 van 28 november 1997 deelde ik u mede dat de aankoop mogelijk was (kenmerk VO/OI/2003/35047, datum 9 juli 2003).\n\nSalarisbedragen per 1 mei 2003\n\nVóór 1 januari 1985\n\nDe bedragen gelden tot 1 januari 2004.\n\nHoogachtend,\n\nDe Minister van Binnenlandse Zaken,\n\nM.J. van Rijn\n",
			"", "circulaire"},
		{"a date heading before a sentence about a minister", "x.md",
			"# Regeling\n\nVóór 1 januari 1985\n\nDe minister besloot toen dat de regeling gold.\n", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse(tc.file, []byte(tc.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Meta == nil {
				t.Fatal("no metadata")
			}
			if d.Meta.Date != tc.date || d.Meta.Type != tc.typ {
				t.Errorf("date %q, type %q; want %q, %q (text %q)", d.Meta.Date, d.Meta.Type, tc.date, tc.typ, d.Text)
			}
		})
	}
}
