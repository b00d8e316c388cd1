package ingest

import (
	"slices"
	"testing"
)

// TestTypesClosed: a source's own type vocabulary is mapped onto Types(),
// so that every type a document gets has a label in the interface; a BWB
// soort, a CVDR Informatietype or a court decision's type not known here
// was stored as written ("conclusie", "evenementenvergunning").
func TestTypesClosed(t *testing.T) {
	rdf := func(typ string) string {
		return `<?xml version="1.0"?><open-rechtspraak><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/"><rdf:Description>` +
			`<dcterms:identifier>ECLI:NL:PHR:2011:BP5608</dcterms:identifier><dcterms:type>` + typ + `</dcterms:type></rdf:Description></rdf:RDF><uitspraak><para>De tekst van de beslissing.</para></uitspraak></open-rechtspraak>`
	}
	cvdr := func(typ string) string {
		return `<?xml version="1.0"?><cvdr><meta><owmskern><identifier>CVDR1_1</identifier><title>Regeling</title><type>` + typ + `</type></owmskern></meta><body><al>De tekst van de regeling.</al></body></cvdr>`
	}
	bwb := func(soort string) string {
		return `<?xml version="1.0"?><toestand bwb-id="BWBR0000001"><wetgeving soort="` + soort + `"><al>De tekst van de regeling.</al></wetgeving></toestand>`
	}
	for _, tc := range []struct{ name, xml, want string }{
		{"court decision", rdf("Uitspraak"), "uitspraak"},
		{"opinion", rdf("Conclusie"), "conclusie"},
		{"court type not known", rdf("Beschikking"), "uitspraak"},
		{"cvdr regeling", cvdr("regeling"), "regeling"},
		{"cvdr beleidsregel", cvdr("Beleidsregel"), "beleidsregel"},
		{"cvdr type not known", cvdr("evenementenvergunning"), "regeling"},
		{"bwb wet", bwb("wet"), "wet"},
		{"bwb BES", bwb("AMvB-BES"), "amvb"},
		{"bwb soort not known", bwb("reglement"), "regeling"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse("x.xml", []byte(tc.xml), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Meta == nil || d.Meta.Type != tc.want {
				t.Fatalf("type %+v, want %q", d.Meta, tc.want)
			}
			if !slices.Contains(Types(), d.Meta.Type) {
				t.Errorf("type %q is not in Types() %q", d.Meta.Type, Types())
			}
		})
	}
}
