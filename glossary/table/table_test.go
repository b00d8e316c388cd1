package table

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/glossarytest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func sample() []glossary.Concept {
	created := time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)
	return []glossary.Concept{
		{
			ID: "staatsgreep", Collection: "curated", Subject: "politics",
			Definition: map[string]string{"nl": "Onwettige, gewelddadige machtsovername.", "en": "A sudden, illegal seizure of power."},
			Note:       "=HYPERLINK(\"http://evil\")", Source: "+31 70 348 6486", Reliability: 4,
			Created: created, Modified: created.Add(36*time.Hour + 5),
			Terms: []glossary.Term{
				{Lang: "nl", Text: "staatsgreep", Status: glossary.Preferred, Type: glossary.FullForm, POS: "noun", Article: "de", Plural: "staatsgrepen", Reliability: 4,
					Context: "Op 18 augustus 2020 vond in Mali een staatsgreep plaats.", Source: "Kamerbrief", Note: "Zie ook \"coup\".\nTweede regel, met komma's; en |pijp| en \\ backslash."},
				{Lang: "nl", Text: "coup", Status: glossary.Admitted, Article: "de"},
				{Lang: "en", Text: "coup d'état", Status: glossary.Preferred, Note: "-1"},
				{Lang: "en", Text: "putsch", Status: glossary.Deprecated, Note: "'@already quoted"},
			},
		},
		{
			ID: "cnsp", Collection: "curated", Note: "'@single",
			Definition: map[string]string{"fr": "Junte militaire malienne."},
			Terms: []glossary.Term{
				{Lang: "nl", Text: "CNSP", Type: glossary.Acronym, POS: "properNoun"},
				{Lang: "fr", Text: "Comité national pour le salut du peuple", Type: glossary.FullForm},
				{Lang: "en", Text: "National Committee for the Salvation of the People", Type: glossary.FullForm},
			},
		},
	}
}

func TestCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.csv")
	if *update {
		os.WriteFile(golden, buf.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("WriteCSV differs from %s (-want +got):\n%s", golden, diff)
	}
	for _, s := range []string{`"'=HYPERLINK(""http://evil"")"`, "'+31 70", "'-1|'@already", ",''@single"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("CSV lacks the neutralised cell %s", s)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for name, f := range map[string]struct {
		write func(*bytes.Buffer, []glossary.Concept) error
		read  func(*bytes.Buffer) ([]glossary.Concept, error)
	}{
		"csv":  {func(b *bytes.Buffer, cs []glossary.Concept) error { return WriteCSV(b, cs) }, func(b *bytes.Buffer) ([]glossary.Concept, error) { cs, _, err := ReadCSV(b); return cs, err }},
		"xlsx": {func(b *bytes.Buffer, cs []glossary.Concept) error { return WriteXLSX(b, cs) }, func(b *bytes.Buffer) ([]glossary.Concept, error) { cs, _, err := ReadXLSX(b); return cs, err }},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.write(&buf, sample()); err != nil {
				t.Fatal(err)
			}
			got, err := f.read(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(glossarytest.Canonical(sample()), got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("read(write(sample)) (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNeutralise(t *testing.T) {
	for _, s := range []string{"", "=1+1", "+31", "-", "@SUM(A1)", "\tx", "\rx", "'", "'=x", "''=x", "'abc", "abc", "a=b"} {
		n := Neutralise(s)
		if triggers(n) {
			t.Errorf("Neutralise(%q) = %q still starts with a formula character", s, n)
		}
		if got := Restore(n); got != s {
			t.Errorf("Restore(Neutralise(%q)) = %q", s, got)
		}
	}
}

func TestReadCSV(t *testing.T) {
	got, _, err := ReadCSV(strings.NewReader("EN;nl;nl_status;definition_en\r\nstate;staat|land;preferred|admitted;A country.\r\n;;;\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Concept{{
		Definition: map[string]string{"en": "A country."},
		Terms: []glossary.Term{
			{Lang: "en", Text: "state"},
			{Lang: "nl", Text: "staat", Status: glossary.Preferred},
			{Lang: "nl", Text: "land", Status: glossary.Admitted},
		},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadCSV (-want +got):\n%s", diff)
	}
}

// TestReadCSVTabs: a table saved by Excel as tab-separated text under a
// .csv name (a tester's file was refused: unknown column "nl\ten").
func TestReadCSVTabs(t *testing.T) {
	got, _, err := ReadCSV(strings.NewReader("nl\ten\nbeleidsregel\tpolicy rule\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Concept{{Terms: []glossary.Term{{Lang: "nl", Text: "beleidsregel"}, {Lang: "en", Text: "policy rule"}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadCSV (-want +got):\n%s", diff)
	}
}

// TestReadCSVRegionHeaders: columns named with a region, as CAT tools and
// spreadsheets name them (nl-NL, EN-GB_status), are the language's, and
// the region is the variant of the term column's terms (it was dropped).
func TestReadCSVRegionHeaders(t *testing.T) {
	for _, header := range []string{"id,nl-NL,EN-GB,en-gb_status,definition_nl-BE", "id,nl_NL,en_GB,en_GB_status,definition_nl-BE"} {
		testRegionHeader(t, header)
	}
}

func testRegionHeader(t *testing.T, header string) {
	t.Helper()
	got, _, err := ReadCSV(strings.NewReader(header + "\nc1,staatsgreep,coup,admitted,machtsovername\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Concept{{
		ID:         "c1",
		Definition: map[string]string{"nl": "machtsovername"},
		Terms: []glossary.Term{
			{Lang: "nl", Variant: "nl-NL", Text: "staatsgreep"},
			{Lang: "en", Variant: "en-GB", Text: "coup", Status: glossary.Admitted},
		},
	}}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("ReadCSV (-want +got):\n%s", diff)
	}
}

// TestReadCSVLeftOut checks that columns in languages the glossary does
// not hold are left out and reported, as TBX sections are: their terms and
// definitions counted per language from the first line that has one, a
// row with terms only in those left out whole, and its line given.
func TestReadCSVLeftOut(t *testing.T) {
	in := "nl,en,es,pt_BR,pt_BR_status,definition_es\n" +
		"staat,state,estado,estado|país,preferred|admitted,Un país.\n" +
		",,huelga,greve,,\n" +
		"coup,coup,,,,\n"
	got, left, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Terms[0].Text != "staat" || got[1].Terms[0].Text != "coup" {
		t.Fatalf("concepts %+v, want staat and coup", got)
	}
	for _, c := range got {
		for _, tm := range c.Terms {
			if tm.Lang != "nl" && tm.Lang != "en" {
				t.Errorf("term %+v kept", tm)
			}
		}
		if len(c.Definition) != 0 {
			t.Errorf("definitions %v kept", c.Definition)
		}
	}
	want := glossary.Left{Languages: []glossary.LeftLanguage{
		{Lang: "es", Terms: 2, Definitions: 1, Line: 2},
		{Lang: "pt-br", Terms: 3, Line: 2},
	}, Entries: 1, EntryLine: 3, Places: []string{"line 2", "line 4"}}
	if diff := cmp.Diff(want, left); diff != "" {
		t.Errorf("left out (-want +got):\n%s", diff)
	}
	if s := left.String(); !strings.Contains(s, `2 terms in "es" (from line 2) and 1 definition`) || !strings.Contains(s, "1 entry with no term") {
		t.Errorf("left.String() = %q", s)
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		is   error
		want []string
	}{
		{"empty", "", ErrHeader, nil},
		{"unknown column", "nl,en,colour\n", ErrHeader, []string{"column 3", `"colour"`}},
		{"unknown language", "nl,xq\n", ErrHeader, []string{"column 2", `"xq"`, "language code"}},
		{"misspelt language", "nl,engles\n", ErrHeader, []string{"column 2", `"engles"`, "language code", "Dutch, Nederlands, English, Engels", "status"}},
		{"only other languages", "es,pt-BR\n", ErrHeader, []string{"no term column in a language the glossary holds"}},
		{"unknown attribute", "nl,nl_gender\n", ErrHeader, []string{`"nl_gender"`}},
		{"attribute without terms", "nl,en_status\n", ErrHeader, []string{`"en_status"`}},
		{"no term column", "id,subject\n", ErrHeader, nil},
		{"repeated column", "nl,en,nl\n", ErrHeader, []string{"column 3", "repeats"}},
		{"language in two regions", "nl-NL,nl-BE,en\n", ErrHeader, []string{"column 2", `"nl-BE"`, `repeats line 1, column 1 "nl-NL"`}},
		{"unknown language with a region", "nl,xq-ES\n", ErrHeader, []string{"column 2", `"xq-es"`, "language code"}},
		{"misaligned", "nl,nl_status\na|b,preferred|admitted|deprecated\n", ErrCell, []string{"line 2, column 2", "3 values for 2 nl terms"}},
		{"one value", "nl,nl_status\na|b,preferred\n", ErrCell, []string{"1 value for 2 nl terms"}},
		{"bad status", "nl,en,en_status\na,b,\nc,d,favourite\n", ErrCell, []string{"line 3, column 3", `"favourite"`}},
		{"bad reliability", "nl,reliability\na,5\n", ErrCell, []string{"line 2, column 2", "1–4"}},
		{"reliability not whole", "nl,reliability\na,2.5\n", ErrCell, []string{"line 2, column 2", `"2.5"`, "1–4"}},
		{"bad date", "nl,created\na,yesterday\n", ErrCell, []string{"line 2, column 2", "yesterday"}},
		{"invalid utf-8", "nl,en\na,b\xff\n", ErrCell, []string{"line 2, column 2", "UTF-8"}},
		{"empty term", "nl,en\na||b,c\n", glossary.ErrInvalid, []string{"line 2", "empty term"}},
		{"duplicate term", "nl,en\nhuis|Huis,house\n", glossary.ErrInvalid, []string{"line 2", "duplicate"}},
		{"bad id", "id,nl\nno spaces please,a\n", glossary.ErrInvalid, []string{"line 2", "id"}},
		// Quote errors name the field, not the byte the csv package
		// stopped at, and say how to write the cell.
		{"quote in quoted cell", "nl,en\n\"a\"b,c\n", ErrCell, []string{`line 2, column 1 "nl":`, "double"}},
		{"bare quote", "nl,en\nstaatsgreep,coup \"d'état\"\n", ErrCell, []string{`line 2, column 2 "en": bad cell: bare "`, `"coup ""d'état"""`}},
		{"bare quote after blank lines", "\uFEFFnl,en\r\n\r\n\r\nstaatsgreep,coup \"d'état\"\r\n", ErrCell, []string{`line 4, column 2 "en": bad cell: bare "`}},
		{"bare quote with semicolons", "nl;en;nl_status\nstaat;state;\"pre\"ferred;\n", ErrCell, []string{`line 2, column 3 "nl_status":`}},
		{"bare quote after a quoted cell", "nl,en,note\n\"a, \"\"b\"\", c\",x\"y,z\n", ErrCell, []string{`line 2, column 2 "en": bad cell: bare "`, `"x""y"`}},
		{"bare quote after a cell of two lines", "nl,en\n\"twee\nregels\",coup \"x\"\n", ErrCell, []string{`line 3, column 2 "en": bad cell: bare "`}},
		{"bare quote in the header", "nl,e\"n\"\n", ErrCell, []string{`line 1, column 2: bad cell: bare "`}},
		{"quote left open", "nl,en\na,b\n\"c,d\ne,f\ng,h\n", ErrCell, []string{"line 3:", "not closed"}},
		{"value without header", "nl,en\na,b,c\n", ErrCell, []string{"line 2, column 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := ReadCSV(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("ReadCSV succeeded with %+v, want an error", got)
			}
			if got != nil {
				t.Errorf("ReadCSV returned %d concepts with the error", len(got))
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %q does not wrap %v", err, tt.is)
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if strings.Contains(tt.name, "quote") && strings.Contains(err.Error(), "column 18") {
				t.Errorf("error %q gives a byte offset as the column", err)
			}
		})
	}
}

func TestReadXLSXErrors(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"nl", "en", "en_status"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"huis", "house", "preferred"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"boom", "tree", "best"})
	var buf bytes.Buffer
	f.WriteTo(&buf)
	_, _, err := ReadXLSX(&buf)
	if err == nil || !strings.Contains(err.Error(), `row 3, column C "en_status"`) {
		t.Errorf("ReadXLSX: %v, want an error naming row 3, column C", err)
	}
	if _, _, err := ReadXLSX(strings.NewReader("nl,en\n")); err == nil {
		t.Error("ReadXLSX accepted CSV")
	}
}

func FuzzReadCSV(f *testing.F) {
	var buf bytes.Buffer
	WriteCSV(&buf, sample())
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, in []byte) {
		cs, _, err := ReadCSV(bytes.NewReader(in))
		if err != nil {
			if cs != nil {
				t.Fatalf("concepts with error %v", err)
			}
			return
		}
		for i := range cs {
			if err := cs[i].Validate(); err != nil {
				t.Fatalf("invalid concept: %v", err)
			}
		}
		var out bytes.Buffer
		if err := WriteCSV(&out, cs); err != nil {
			t.Fatal(err)
		}
		again, _, err := ReadCSV(&out)
		if err != nil {
			t.Fatalf("ReadCSV(WriteCSV(ReadCSV(in))): %v\n%s", err, out.String())
		}
		if diff := cmp.Diff(glossarytest.Canonical(cs), again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("(-first +second):\n%s", diff)
		}
	})
}

// TestReadReliabilityAsFloat: a reliability written as a spreadsheet tool
// writes a whole number it holds as a float (2.0: pandas, openpyxl) reads
// as that number; it was refused ("2.0" is not 1–4).
func TestReadReliabilityAsFloat(t *testing.T) {
	cs, _, err := ReadCSV(strings.NewReader("nl,en,reliability\nwet,act,2.0\n"))
	if err != nil || len(cs) != 1 || cs[0].Reliability != 2 {
		t.Fatalf("%+v, %v; want one concept of reliability 2", cs, err)
	}
}
