package table

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
)

// TestCSVStatusAsWritten: a status written as the Dutch pages name it
// (afgeraden, voorkeursterm, toegestaan, verouderd) or capitalised
// (Deprecated, Preferred) is read as the status; they were refused. An
// unknown one is refused with the values listed in words, not as a Go
// slice.
func TestCSVStatusAsWritten(t *testing.T) {
	for _, tt := range []struct {
		cell string
		want glossary.Status
	}{
		{"afgeraden", glossary.Deprecated},
		{"Afgeraden", glossary.Deprecated},
		{"voorkeursterm", glossary.Preferred},
		{"toegestaan", glossary.Admitted},
		{"verouderd", glossary.Superseded},
		{"Deprecated", glossary.Deprecated},
		{"PREFERRED", glossary.Preferred},
		{" admitted ", glossary.Admitted},
	} {
		t.Run(tt.cell, func(t *testing.T) {
			cs, _, err := ReadCSV(strings.NewReader("nl;nl_status;en\nbelastingplichtige;" + tt.cell + ";taxpayer\n"))
			if err != nil {
				t.Fatal(err)
			}
			if got := cs[0].Terms[0].Status; got != tt.want {
				t.Errorf("status %q read as %q, want %q", tt.cell, got, tt.want)
			}
		})
	}
	_, _, err := ReadCSV(strings.NewReader("nl;nl_status;en\nbelastingplichtige;verboden;taxpayer\n"))
	if err == nil {
		t.Fatal("status verboden accepted")
	}
	msg := err.Error()
	if strings.Contains(msg, "[") || !strings.Contains(msg, "preferred, admitted, deprecated or superseded") || !strings.Contains(msg, "afgeraden") {
		t.Errorf("error %q: want the statuses listed in words, with the Dutch labels", msg)
	}
	_, _, err = ReadCSV(strings.NewReader("nl;nl_pos;en\nbelasting;zelfstandig;tax\n"))
	if err == nil || strings.Contains(err.Error(), "[") || !strings.Contains(err.Error(), "properNoun or other") {
		t.Errorf("part of speech error %v: want the values listed in words", err)
	}
}

// TestCSVSepHint: Excel's separator hint, a first line "sep=;", names
// the separator and is no header (it was refused as the unknown column
// "sep="); line numbers stay the file's.
func TestCSVSepHint(t *testing.T) {
	for _, in := range []string{
		"sep=;\nnl;en\nzorgverzekeraar;health insurer\n",
		"SEP=;\r\nnl;en\r\nzorgverzekeraar;health insurer\r\n",
		"\uFEFFsep=,\nnl,en\nzorgverzekeraar,health insurer\n",
	} {
		cs, left, err := ReadCSV(strings.NewReader(in))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		want := []glossary.Term{{Lang: "nl", Text: "zorgverzekeraar"}, {Lang: "en", Text: "health insurer"}}
		if len(cs) != 1 {
			t.Fatalf("%q: %d concepts", in, len(cs))
		}
		if diff := cmp.Diff(want, cs[0].Terms); diff != "" {
			t.Errorf("%q: terms (-want +got):\n%s", in, diff)
		}
		if got := left.Place(0); got != "line 3" {
			t.Errorf("%q: place %q, want line 3", in, got)
		}
	}
	_, _, err := ReadCSV(strings.NewReader("sep=;\nnl;en\nboom;tree;extra\n"))
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("error %v, want one naming line 3", err)
	}
}

// TestCSVDutchHeaders: "Bron" is the concept's source, as "Opmerking" is
// its note and "Definitie" the definition of the language before it; an
// unknown column's error lists every column name, not only Dutch ones.
func TestCSVDutchHeaders(t *testing.T) {
	cs, _, err := ReadCSV(strings.NewReader("Nederlands;Engels;Definitie;Opmerking;Bron\nzorgverzekeraar;health insurer;Insurer of health care.;zie Zvw;Zorgverzekeringswet\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	if c.Source != "Zorgverzekeringswet" || c.Note != "zie Zvw" || c.Definition["en"] != "Insurer of health care." {
		t.Errorf("concept %+v: want source, note and English definition", c)
	}
	_, _, err = ReadCSV(strings.NewReader("nl;en;bronn\nboom;tree;x\n"))
	if err == nil {
		t.Fatal("unknown column accepted")
	}
	for _, want := range []string{"definition_L", "L_status", "id, collection, subject, note, source", "nl, en", "bron"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "nl_status") {
		t.Errorf("error %q lists the Dutch columns only", err)
	}
}
