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
