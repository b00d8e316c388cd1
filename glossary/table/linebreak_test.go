package table

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tolk-nl/tolk/glossary"
)

// TestReadCSVLineBreakTerms: synonyms on lines of their own in one cell
// (Excel's Alt+Enter, saved in a quoted cell) are terms of their own, as
// '|' separates them, and an attribute cell may list their values so too;
// one term with a line break inside it never matched a text.
func TestReadCSVLineBreakTerms(t *testing.T) {
	in := "nl;nl_status;en\n\"meldplicht\nmeldingsplicht\";\"preferred\r\nadmitted\";duty to report\n" +
		"\"bezwaar\r\n\r\nbezwaarschrift|grief\";;objection\n"
	got, _, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Concept{
		{Terms: []glossary.Term{
			{Lang: "nl", Text: "meldplicht", Status: glossary.Preferred},
			{Lang: "nl", Text: "meldingsplicht", Status: glossary.Admitted},
			{Lang: "en", Text: "duty to report"},
		}},
		{Terms: []glossary.Term{
			{Lang: "nl", Text: "bezwaar"}, {Lang: "nl", Text: "bezwaarschrift"}, {Lang: "nl", Text: "grief"},
			{Lang: "en", Text: "objection"},
		}},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("ReadCSV (-want +got):\n%s", diff)
	}
	// A note of two lines is one note.
	got, _, err = ReadCSV(strings.NewReader("nl;nl_note;en\nmeldplicht;\"first\nsecond\";duty to report\n"))
	if err != nil {
		t.Fatal(err)
	}
	if n := got[0].Terms[0].Note; n != "first\nsecond" {
		t.Errorf("note %q", n)
	}
}
