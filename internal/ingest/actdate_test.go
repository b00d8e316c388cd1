package ingest

import (
	"fmt"
	"strings"
	"testing"
)

// TestActDate: a text without a date line is dated by the act's own
// dating formula at its head ("Besluit van 3 juni 1994, houdende …"), as
// most BWB circulars and policy rules are printed without their signing
// date; a heading or a first sentence that cites another act's date is
// not taken. Before, such texts stayed undated.
func TestActDate(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"besluit van", "##Besluit van 3 juni 1994, houdende regels over de opvang\n\nDe opvang wordt geregeld.", "1994-06-03"},
		{"circulaire van, number", "##Circulaire van 29 november 2013, nr. 2013-000068510\n\nIn deze circulaire wordt de regeling uiteengezet.", "2013-11-29"},
		{"minister", "##Beleidsregel van de Minister van Economische Zaken van 14 januari 2005, nr. WJZ 5002340, houdende regels\n\nDe minister stelt regels.", "2005-01-14"},
		{"comma before van", "##Besluit van de Staatssecretaris van Infrastructuur en Milieu, van 12 december 2012, over de toepassing\n\nTekst.", "2012-12-12"},
		{"lower-case office, two ministers", "##Beleidsregel van de minister van Infrastructuur en Milieu en de minister van Sociale Zaken en Werkgelegenheid van 16 augustus 2013, nr. ILT-2013/22979.01 betreffende boeteoplegging\n\nTekst.", "2013-08-16"},
		{"adjective", "##Tijdelijke beleidsregels van de Minister van Veiligheid en Justitie van 4 februari 2015, nr. 598318, omtrent subsidie\n\nTekst.", "2015-02-04"},
		{"d.d.", "##Beleidsregel van de Minister van Veiligheid en Justitie d.d. 10 mei 2012, nr. 2012-0000041275, houdende stappen\n\nTekst.", "2012-05-10"},
		{"in the first paragraph", "##Regels voor de opvang\n\nRegeling van de Minister van Justitie van 12 maart 2003, houdende regels.\n\nTekst.", "2003-03-12"},
		{"another act in the heading", "## Circulaire inwerkingtreding Wet van 21 juni 2001 tot wijziging Wet milieubeheer\n\nAan de colleges.", ""},
		{"another act cited", "##Aankoop effecten\n\nBij besluit van 6 april 1994, nr. AD94/U464, is de regeling van kracht geworden.", ""},
		{"subject before the date", "##Besluit van de Minister van Financiën tot wijziging van de Regeling van 3 juni 1994\n\nTekst.", ""},
		{"validity date", "##Ziektekostentegemoetkoming per 1 januari 1997\n\nCirculaire aan de ministers", ""},
		{"far from the head", "##Regels\n\nInleiding\n\nEerste alinea.\n\nBesluit van 3 juni 1994, houdende regels.", ""},
		{"a date line first", "##Besluit van 3 juni 1994, houdende regels\n\nTekst.\n\nDen Haag, 5 juni 1994", "1994-06-05"},
		// Session 32: the Ministry of Finance's heading, the office
		// without an article and the date with or without "van".
		{"office without article", "##Besluit staatssecretaris van Financiën 7 maart 1995, nr. IFZ95/223, oorspronkelijk 29 juni 1962\n\nTekst.", "1995-03-07"},
		{"office without article, van, capital month", "##Besluit staatssecretaris van Financiën van 12 Juli 1994, Nr. IFZ 94/257.2\n\nTekst.", "1994-07-12"},
		{"ministerie", "##Resolutie Ministerie van Financiën 24 augustus 1987, nr. 087-1692\n\nHierbij deel ik u mede dat de op 27 mei 1986 ondertekende Overeenkomst in werking is getreden.", "1987-08-24"},
		{"another act after a lower-case word", "##Toepassing besluit 3 april 1998 (uitsluiting asielzoekers)\n\nTekst.", ""},
		{"office, then the subject", "##Besluit staatssecretaris van Financiën tot wijziging van het besluit van 3 juni 1994\n\nTekst.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse("besluit.md", []byte(tc.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Meta.Date != tc.want {
				t.Errorf("date %q, want %q (title %q)", doc.Meta.Date, tc.want, doc.Title)
			}
		})
	}
}

// TestAdoptionDate: a text that states when it was adopted, in a block of
// its own, is dated by it where it has no date line and no dating
// formula at its head ("Vastgesteld door de Minister … op 10 november
// 2011.", "Aldus vastgesteld in de vergadering … op 8 mei 2024.", "Datum
// vaststelling door het College … 28 januari 2013"); a sentence about
// something else being fixed is not taken. Before, such texts stayed
// undated.
func TestAdoptionDate(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"by the minister", "##Beleidsregel Financieel toezicht po en vo 2011\n\nVastgesteld door de Minister van Onderwijs, Cultuur en Wetenschap op 10\u00a0november\u00a02011.\n\n### Inleiding\n\nTekst.", "2011-11-10"},
		{"aldus, before the signature and an annex", "##Regeling mandatering\n\nHet dagelijks bestuur besluit:\n\nDe bevoegdheden worden gemandateerd.\n\nAldus vastgesteld in de vergadering van het dagelijks bestuur op 8 mei 2024.\n\nmr. M. Boumans, de voorzitter\n\n## Bijlage 1\n\nZaak | Ambtenaar\n\nInkoop | Directeur", "2024-05-08"},
		{"datum vaststelling", "##Instellingsbesluit Commissie Feiten en Tarieven\n\nDatum vaststelling door het College van procureurs-generaal 28 januari 2013\n\nTaken", "2013-01-28"},
		{"in a sentence", "##Tarieven\n\nDe tarieven worden vastgesteld op 1 januari 2005 en daarna jaarlijks aangepast.\n\nTekst.", ""},
		{"another act adopted", "##Vaarreglement\n\nHet Vaarreglement, vastgesteld bij koninklijk besluit van 8 maart 1965, wordt gewijzigd.", ""},
		{"a date line first", "##Regeling\n\nVastgesteld door de Minister van Financiën op 3 mei 2010.\n\nTekst.\n\nDen Haag, 5 mei 2010", "2010-05-05"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse("regeling.md", []byte(tc.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Meta.Date != tc.want {
				t.Errorf("date %q, want %q", doc.Meta.Date, tc.want)
			}
		})
	}
}

// TestSigningDateAlone: a date alone on its line right before the
// signature is the signing date, as a place and date there are
// ("15 december 2011", then "De minister van …, namens deze: …"); a date
// alone elsewhere (a heading, a table's cell) is not. Before, the place
// was required and such circulars stayed undated.
func TestSigningDateAlone(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"before the signature", "##Circulaire wijziging Besluit bovenwettelijke uitkeringen\n\nBijgaand informeer ik u over de wijzigingen per 1 januari 2012.\n\n15 december 2011\n\nDe minister van Binnenlandse Zaken en Koninkrijksrelaties, namens deze: J.J.M. Uijlenbroek, Directeur-generaal Organisatie en Bedrijfsvoering Rijk.", "2011-12-15"},
		{"before a signing minister alone", "##Beleidsregels werktijdverkorting 2004\n\nGeen ontheffing wordt verleend.\n\n8 oktober 2004\n\nDe Minister van Sociale Zaken en Werkgelegenheid, Mr. A.J. de Geus", "2004-10-08"},
		{"before a sentence", "##Tarieven\n\n1 januari 2004\n\nDe bedragen zijn als volgt gewijzigd.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse("circulaire.md", []byte(tc.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Meta.Date != tc.want {
				t.Errorf("date %q, want %q", doc.Meta.Date, tc.want)
			}
		})
	}
}

// TestQuotedLetterNotDated: a letter's "Datum …" inside a block dates the
// text only in its opening blocks (a letterhead); in the middle or at the
// end of a long text it is a letter the text quotes or cites, and an
// agreement of 2010 was dated 2006 by a letter quoted on line 757 of
// 1,413 (BWBR0029054). A date line of its own before a signature still
// dates it anywhere.
func TestQuotedLetterNotDated(t *testing.T) {
	var body strings.Builder
	for i := range 40 {
		fmt.Fprintf(&body, "Afspraak %d over de arbeidsvoorwaarden van de politie wordt uitgewerkt.\n\n", i+1)
	}
	quoted := "Raad van Hoofdcommissarissen Postbus 219 Den Haag Kenmerk: 2006030447/FRB Datum : 13 december 2006 Onderwerp: verlof\n\n"
	for _, tc := range []struct {
		name, text, want string
	}{
		{"quoted in the middle", "##Afspraken politie\n\n" + body.String() + quoted + body.String(), ""},
		{"cited at the end", "##Afspraken politie\n\n" + body.String() + quoted, ""},
		{"letterhead", "##Brief\n\nMinisterie van Justitie Postbus 20301 Datum 13 december 2006 Betreft verlof\n\n" + body.String(), "2006-12-13"},
		{"signed in the middle", "##Besluit\n\n" + body.String() + "Den Haag, 8 mei 2010\n\nDe Minister van Justitie,\n\nBijlage\n\n" + body.String(), "2010-05-08"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse("afspraken.md", []byte(tc.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Meta.Date != tc.want {
				t.Errorf("date %q, want %q", doc.Meta.Date, tc.want)
			}
		})
	}
}
