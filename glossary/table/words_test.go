package table

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tolk-nl/tolk/glossary"
)

// TestReadCSVHeaderWords: a header in words, as the TSV and OmegaT readers
// take it (Dutch;English, Nederlands;Engels, a comment column), names the
// columns in CSV too, and a bare Status or Definition is the attribute of
// the term column before it; it was refused (unknown column "Dutch").
func TestReadCSVHeaderWords(t *testing.T) {
	want := []glossary.Concept{{
		Definition: map[string]string{"en": "a written objection"},
		Note:       "bestuursrecht",
		Terms: []glossary.Term{
			{Lang: "nl", Text: "bezwaarschrift"},
			{Lang: "en", Text: "notice of objection", Status: glossary.Preferred},
		},
	}}
	for _, h := range []string{"Dutch;English;Status;Definition;Comment", "Nederlands;Engels;status;definitie;opmerking"} {
		got, _, err := ReadCSV(strings.NewReader(h + "\nbezwaarschrift;notice of objection;preferred;a written objection;bestuursrecht\n"))
		if err != nil {
			t.Fatalf("%s: %v", h, err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", h, diff)
		}
	}
	_, _, err := ReadCSV(strings.NewReader("Status;Dutch\npreferred;x\n"))
	if err == nil || !strings.Contains(err.Error(), `column "Status" names no language`) {
		t.Errorf("a Status before any language: %v", err)
	}
}

// TestReadCSVHeaderRegionNames: a header naming a language with its region
// in brackets, as Trados Studio and MultiTerm head their columns ("Dutch
// (Netherlands)", "English (United Kingdom)"), names the language's term
// column and the terms' variant, as nl-NL and en-GB do; a region tolk
// does not know leaves the plain language. It was refused as an unknown
// column.
func TestReadCSVHeaderRegionNames(t *testing.T) {
	tests := []struct {
		header string
		want   []glossary.Term
	}{
		{"Dutch (Netherlands);English (United Kingdom);Status", []glossary.Term{
			{Lang: "nl", Variant: "nl-NL", Text: "bezwaarschrift"},
			{Lang: "en", Variant: "en-GB", Text: "notice of objection", Status: glossary.Preferred}}},
		{"Nederlands (België);Engels (Verenigde Staten);Status", []glossary.Term{
			{Lang: "nl", Variant: "nl-BE", Text: "bezwaarschrift"},
			{Lang: "en", Variant: "en-US", Text: "notice of objection", Status: glossary.Preferred}}},
		{"dutch ( netherlands );English (Nigeria);status", []glossary.Term{
			{Lang: "nl", Variant: "nl-NL", Text: "bezwaarschrift"},
			{Lang: "en", Text: "notice of objection", Status: glossary.Preferred}}},
	}
	for _, tt := range tests {
		got, _, err := ReadCSV(strings.NewReader(tt.header + "\nbezwaarschrift;notice of objection;preferred\n"))
		if err != nil {
			t.Fatalf("%s: %v", tt.header, err)
		}
		want := []glossary.Concept{{Terms: tt.want}}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.header, diff)
		}
	}
}
