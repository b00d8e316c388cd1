package ingest

import (
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
