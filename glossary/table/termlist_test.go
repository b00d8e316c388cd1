package table

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
)

// TestReadTermListCSV checks that a document's term list as tolk exports
// it (GET /api/v1/documents/{id}/terms?format=csv) imports as a glossary:
// concept is the id, nl and en the terms, en_avoid English terms to
// avoid (deprecated); count and first_context describe the document, not
// the concept, and are left out and named in Left.
func TestReadTermListCSV(t *testing.T) {
	in := "\uFEFFconcept,nl,en,en_avoid,count,first_context,definition_en\n" +
		"staatsgreep,staatsgreep|coup,coup d'état|coup,putsch,4,\"De regering heeft o.a. de staatsgreep veroordeeld.\",Seizure of power.\n" +
		"junta,junta,junta,,2,'- de junta.,\n"
	got, left, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Concept{
		{ID: "staatsgreep", Definition: map[string]string{"en": "Seizure of power."}, Terms: []glossary.Term{
			{Lang: "nl", Text: "staatsgreep"}, {Lang: "nl", Text: "coup"},
			{Lang: "en", Text: "coup d'état"}, {Lang: "en", Text: "coup"},
			{Lang: "en", Text: "putsch", Status: glossary.Deprecated},
		}},
		{ID: "junta", Terms: []glossary.Term{{Lang: "nl", Text: "junta"}, {Lang: "en", Text: "junta"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("concepts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"count", "first_context"}, left.Columns); diff != "" {
		t.Errorf("left out columns (-want +got):\n%s", diff)
	}

	// Outside a term list, count is still an unknown column.
	if _, _, err := ReadCSV(strings.NewReader("id,nl,en,count\nx,a,b,1\n")); err == nil {
		t.Error("count without concept: no error")
	}
}
