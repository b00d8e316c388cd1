package tbx

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/glossary"
)

// TestReadStatusAsWritten: a status written as a person writes it (the
// Dutch label of tolk's pages, the status capitalised), as a TBX made by
// hand or from a spreadsheet has it, is the status, as a CSV or XLSX
// import reads it. Before, it went into the term's note and the term had
// no status; a value nothing reads still goes there.
func TestReadStatusAsWritten(t *testing.T) {
	const doc = `<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><langSec xml:lang="nl">
  <termSec><term>staatsgreep</term><termNote type="administrativeStatus">voorkeursterm</termNote></termSec>
  <termSec><term>putsch</term><termNote type="administrativeStatus">afgeraden</termNote></termSec>
  <termSec><term>coup</term><termNote type="administrativeStatus">Toegestaan</termNote></termSec>
  <termSec><term>omwenteling</term><termNote type="administrativeStatus">Superseded</termNote></termSec>
  <termSec><term>machtsgreep</term><termNote type="administrativeStatus">onbekend</termNote></termSec>
</langSec></conceptEntry>
</body></text></tbx>`
	got, _, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Term{
		{Lang: "nl", Text: "staatsgreep", Status: glossary.Preferred},
		{Lang: "nl", Text: "putsch", Status: glossary.Deprecated},
		{Lang: "nl", Text: "coup", Status: glossary.Admitted},
		{Lang: "nl", Text: "omwenteling", Status: glossary.Superseded},
		{Lang: "nl", Text: "machtsgreep", Note: "Administrative status: onbekend"},
	}
	if len(got) != 1 {
		t.Fatalf("%d concepts, want 1", len(got))
	}
	if diff := cmp.Diff(want, got[0].Terms); diff != "" {
		t.Errorf("terms (-want +got):\n%s", diff)
	}
}
