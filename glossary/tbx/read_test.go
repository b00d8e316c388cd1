package tbx

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/tm/xmlenc"
)

func TestReadV2(t *testing.T) {
	f, err := os.Open("testdata/iate-v2.tbx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, _, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Concept{
		{
			ID:         "IATE-123",
			Subject:    "POLITICS",
			Created:    time.Date(2004, 7, 2, 0, 0, 0, 0, time.UTC),
			Definition: map[string]string{"nl": "Onwettige machtsovername."},
			Source:     "definition (nl): Van Dale", // the descripGrp's source, once dropped
			Terms: []glossary.Term{
				{Lang: "nl", Variant: "nl-NL", Text: "staatsgreep", Type: glossary.FullForm, Status: glossary.Preferred, Reliability: 3,
					Context: "In Mali vond een staatsgreep plaats.", Source: "Kamerbrief"},
				{Lang: "en", Variant: "en-GB", Text: "coup d'état", POS: "noun", Status: glossary.Superseded, Note: "Term type: entryTerm\nNote from translator: mostly coup"},
			},
		},
		{
			Note:  "untyped comment",
			Terms: []glossary.Term{{Lang: "en", Text: "glossary"}},
		},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Read (-want +got):\n%s", diff)
	}
}

// TestReadWeblate reads the real TBX v2 file Weblate exports.
func TestReadWeblate(t *testing.T) {
	f, err := os.Open(filepath.Join(shared(t), "data", "tbx-weblate-glossary-nl", "nl.tbx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cs, _, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 183 {
		t.Errorf("read %d concepts, want the file's 183 termEntry", len(cs))
	}
	ids := map[string]bool{}
	var en, nl int
	for _, c := range cs {
		if c.ID != "" {
			if ids[c.ID] {
				t.Errorf("id %q twice", c.ID)
			}
			ids[c.ID] = true
		}
		en += len(c.TermsIn("en"))
		nl += len(c.TermsIn("nl"))
	}
	// 41 entries carry an id, some of them the same one ("1", "plural form").
	if len(ids) != 41 {
		t.Errorf("%d distinct ids, want 41", len(ids))
	}
	// 183 en terms; 183 nl terms minus the 6 empty <term/>, plus the
	// second alternative of the 2 that list two (info, informatie).
	if en != 183 || nl != 179 {
		t.Errorf("en %d, nl %d terms; want 183, 179", en, nl)
	}
	for _, c := range cs {
		for _, tm := range c.Terms {
			if tm.Text == "back-up" && c.Note != "Note from translator: ook: reservekopie" {
				t.Errorf("back-up concept note %q, want the translator's note", c.Note)
			}
		}
	}
	if !ids["XML-Tag"] || !ids["1"] || !ids["1-2"] {
		t.Errorf("ids not made valid and unique: %v", ids)
	}
}

func TestReadErrors(t *testing.T) {
	head := `<?xml version="1.0"?>` + "\n"
	v3 := func(body string) string {
		return head + `<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
` + body + `
</body></text></tbx>`
	}
	entry := `<conceptEntry id="c1"><langSec xml:lang="nl"><termSec><term>woord</term></termSec></langSec></conceptEntry>`
	tests := []struct {
		name string
		in   string
		is   error
		want []string // substrings of the message
	}{
		{"broken xml", v3(entry + "\n<conceptEntry id=\"c2\"><langSec xml:lang=\"nl\"><termSec><term>x</termSec>"), nil, []string{"line 5", "<term>"}},
		{"entity declaration", head + `<!DOCTYPE tbx [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>` + "\n<tbx/>", ErrDTD, []string{"line 2"}},
		{"external entity", head + `<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><tbx>&xxe;</tbx>`, ErrDTD, nil},
		{"undeclared entity", v3(`<conceptEntry id="c1"><langSec xml:lang="nl"><termSec><term>&xxe;</term></termSec></langSec></conceptEntry>`), nil, []string{"line 4", "entity"}},
		{"bad language tag", v3(entry + "\n" + `<conceptEntry id="c2"><langSec xml:lang="dutch!"><termSec><term>x</term></termSec></langSec><langSec xml:lang="es"><termSec><term>y</term></termSec></langSec></conceptEntry>`), ErrLanguage, []string{`"dutch!" (line 5)`}},
		{"section without a language", head + `<martif type="TBX"><text><body><termEntry id="a"><langSet><tig><term>x</term></tig></langSet></termEntry></body></text></martif>`, ErrLanguage, []string{"line 2", "<langSet>", "no xml:lang"}},
		{"invalid utf-8", v3("<conceptEntry id=\"c1\"><langSec xml:lang=\"nl\"><termSec><term>\xff</term></termSec></langSec></conceptEntry>"), nil, []string{"line 4", "UTF-8"}},
		{"not tbx", head + `<html><body/></html>`, ErrNotTBX, []string{"<html>"}},
		{"empty input", "", ErrNotTBX, nil},
		{"duplicate term", v3(`<conceptEntry id="c1"><langSec xml:lang="nl"><termSec><term>a</term></termSec><termSec><term>A</term></termSec></langSec></conceptEntry>`), glossary.ErrInvalid, []string{"line 4", "duplicate"}},
		// What a misspelling would lose (the CSV reader refuses the like).
		{"misspelt element", v3(`<conceptEntry id="c1"><langSec xml:lang="nl"><termSec><trem>woord</trem></termSec></langSec></conceptEntry>`), nil, []string{"line 4", "<trem>", "not a TBX element"}},
		{"misspelt status", v3(`<conceptEntry id="c1"><langSec xml:lang="nl"><termSec><term>woord</term><termNote type="administrativeStatus">preferedTerm-admn-sts</termNote></termSec></langSec></conceptEntry>`), nil, []string{"line 4", "<termNote>", `"preferedTerm-admn-sts"`, "preferredTerm-admn-sts"}},
		{"bad date", v3(`<conceptEntry id="c1"><transacGrp><transac type="transactionType">origination</transac><date>yesterday</date></transacGrp><langSec xml:lang="nl"><termSec><term>a</term></termSec></langSec></conceptEntry>`), nil, []string{"line 4", "<date>", "yesterday"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := Read(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("Read succeeded with %d concepts, want an error", len(got))
			}
			if got != nil {
				t.Errorf("Read returned %d concepts with the error, want none", len(got))
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q does not wrap %v", err, tt.is)
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
}

// TestReadAstronomy reads the official TBX-Basic example: its Spanish
// and Zulu sections are languages the glossary does not hold, so they are
// left out and counted, and so are its six entries with Zulu terms only.
// The counts were taken from the file with another XML reader (Python's
// ElementTree): 52 Spanish terms and 38 definitions, 6 Zulu terms; 45
// entries, 6 without an English term, the first c17 (line 1611).
func TestReadAstronomy(t *testing.T) {
	f, err := os.Open(filepath.Join(shared(t), "data", "tbx-basic-schemas", "Example_Astronomy_DCA_VALID.tbx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cs, left, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 39 {
		t.Errorf("%d concepts, want 39", len(cs))
	}
	for _, c := range cs {
		for _, tm := range c.Terms {
			if tm.Lang != "en" {
				t.Errorf("concept %s has a %s term %q", c.ID, tm.Lang, tm.Text)
			}
		}
	}
	want := Left{Languages: []LeftLanguage{{Lang: "es", Terms: 52, Definitions: 38, Line: 94}, {Lang: "zu", Terms: 6, Line: 1622}}, Entries: 6, EntryLine: 1611}
	if diff := cmp.Diff(want, left, cmpopts.IgnoreFields(Left{}, "Places")); diff != "" {
		t.Errorf("left out (-want +got):\n%s", diff)
	}
	if s := left.String(); !strings.Contains(s, `52 terms in "es" (from line 94) and 38 definitions`) || !strings.Contains(s, "6 entries with no term in nl, en") {
		t.Errorf("String() = %q", s)
	}
}

// TestReadLeavesLanguages: a section in a language the glossary does not
// hold is left out and counted, whatever its region; an entry with terms
// only in such languages is left out and counted; an entry with none at
// all is still an error (TestReadErrors).
func TestReadLeavesLanguages(t *testing.T) {
	in := `<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="a"><langSet xml:lang="nl-NL"><tig><term>staatsgreep</term></tig></langSet><langSet xml:lang="es"><tig><term>golpe de Estado</term></tig><descrip type="definition">toma del poder</descrip></langSet><langSet xml:lang="EN-GB"><tig><term>coup</term></tig></langSet></termEntry>
<termEntry id="b"><langSet xml:lang="zu-ZA"><tig><term>x</term></tig></langSet><langSet xml:lang="es-ES"><ntig><termGrp><term>y</term></termGrp></ntig></langSet></termEntry>
<termEntry id="c"><descrip type="definition" xml:lang="bg">определение</descrip><langSet xml:lang="de"><tig><term>Staatsstreich</term></tig></langSet></termEntry>
</body></text></martif>`
	cs, left, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cs {
		for _, tm := range c.Terms {
			got = append(got, c.ID+":"+tm.Lang+":"+tm.Text)
		}
	}
	if want := []string{"a:nl:staatsgreep", "a:en:coup", "c:de:Staatsstreich"}; !slices.Equal(got, want) {
		t.Errorf("terms %q, want %q", got, want)
	}
	want := Left{Languages: []LeftLanguage{
		{Lang: "es", Terms: 1, Definitions: 1, Line: 3},
		{Lang: "zu-ZA", Terms: 1, Line: 4},
		{Lang: "es-ES", Terms: 1, Line: 4},
		{Lang: "bg", Definitions: 1, Line: 5},
	}, Entries: 1, EntryLine: 4}
	if diff := cmp.Diff(want, left, cmpopts.IgnoreFields(Left{}, "Places")); diff != "" {
		t.Errorf("left out (-want +got):\n%s", diff)
	}
}

// TestReadEncodings: a TBX file in UTF-16 (as MultiTerm and Trados write
// it) or in a legacy encoding its prolog declares reads as the UTF-8
// original does.
func TestReadEncodings(t *testing.T) {
	orig, err := os.ReadFile("testdata/iate-v2.tbx")
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := Read(bytes.NewReader(orig))
	if err != nil {
		t.Fatal(err)
	}
	utf8Decl := regexp.MustCompile(`encoding="[^"]*"`)
	withDecl := func(enc string) string {
		s := string(orig)
		if utf8Decl.MatchString(s) {
			return utf8Decl.ReplaceAllString(s, `encoding="`+enc+`"`)
		}
		return strings.Replace(s, "<?xml version=\"1.0\"", "<?xml version=\"1.0\" encoding=\""+enc+"\"", 1)
	}
	encode := func(e encoding.Encoding, s string) []byte {
		b, err := e.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16le := func(s string) []byte { return encode(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), s) }
	latin1 := func(s string) []byte { return encode(charmap.ISO8859_1, s) }
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"UTF-16 with a byte-order mark", utf16le(withDecl("UTF-16"))},
		{"ISO-8859-1 declared", latin1(withDecl("ISO-8859-1"))},
		{"windows-1252 declared", latin1(withDecl("windows-1252"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := Read(bytes.NewReader(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Read (-UTF-8 original +this encoding):\n%s", diff)
			}
		})
	}
	if _, _, err := Read(strings.NewReader(withDecl("x-klingon"))); !errors.Is(err, xmlenc.ErrEncoding) || !strings.Contains(err.Error(), "line") {
		t.Errorf("an unknown encoding: %v, want ErrEncoding with its line", err)
	}
}

// TestReadInheritsLanguage: a section without xml:lang is in the root
// element's language, as XML inherits xml:lang.
func TestReadInheritsLanguage(t *testing.T) {
	in := `<?xml version="1.0"?>
<martif type="TBX" xml:lang="nl"><text><body>
<termEntry id="a"><langSet><tig><term>staatsgreep</term></tig></langSet><langSet xml:lang="en"><tig><term>coup</term></tig></langSet></termEntry>
</body></text></martif>`
	cs, _, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || len(cs[0].Terms) != 2 || cs[0].Terms[0].Lang != "nl" || cs[0].Terms[1].Lang != "en" {
		t.Errorf("%+v", cs)
	}
}

// TestReadKeepsEveryLevel: what TBX says of a concept, a language section
// or a term that tolk has no field for is kept as a labelled note (or
// with the sources), at every level; these were dropped without a word:
// a concept's customerSubset, a second projectSubset, xref and ref; a
// language section's admin source; a definition's source in its
// descripGrp; the person responsible for a transaction. A TBX v2
// normativeAuthorization gives the status when administrativeStatus does
// not (a deprecated term went into the TSV and OmegaT exports).
func TestReadKeepsEveryLevel(t *testing.T) {
	const doc = `<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="c1">
  <admin type="customerSubset">Defensie</admin>
  <admin type="projectSubset">mali</admin>
  <admin type="projectSubset">sahel</admin>
  <xref type="externalCrossReference" target="https://iate.europa.eu/entry/result/1234">IATE 1234</xref>
  <ref type="crossReference" target="c2">junta</ref>
  <transacGrp><transac type="transactionType">origination</transac><transacNote type="responsibility">A. de Vries</transacNote><date>2020-08-19</date></transacGrp>
  <langSet xml:lang="nl">
    <descripGrp><descrip type="definition">Onwettige machtsovername.</descrip><admin type="source">ISO 1087</admin></descripGrp>
    <admin type="source">Van Dale</admin>
    <tig><term>staatsgreep</term><termNote type="normativeAuthorization">preferredTerm</termNote></tig>
    <tig><term>putsch</term><termNote type="normativeAuthorization">deprecatedTerm</termNote><xref target="https://example.org/putsch">uitleg</xref></tig>
    <tig><term>coup</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote><termNote type="normativeAuthorization">deprecatedTerm</termNote></tig>
    <tig><term>machtsgreep</term><termNote type="normativeAuthorization">legalTerm</termNote></tig>
  </langSet>
</termEntry>
</body></text></martif>`
	got, _, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Concept{{
		ID: "c1", Collection: "mali",
		Created:    time.Date(2020, 8, 19, 0, 0, 0, 0, time.UTC),
		Definition: map[string]string{"nl": "Onwettige machtsovername."},
		Source:     "definition (nl): ISO 1087\nnl: Van Dale",
		Note: "customerSubset: Defensie\nprojectSubset: sahel\n" +
			"xref externalCrossReference: IATE 1234 <https://iate.europa.eu/entry/result/1234>\n" +
			"ref crossReference: junta <c2>",
		CreatedBy: "A. de Vries",
		Terms: []glossary.Term{
			{Lang: "nl", Text: "staatsgreep", Status: glossary.Preferred},
			{Lang: "nl", Text: "putsch", Status: glossary.Deprecated, Note: "xref: uitleg <https://example.org/putsch>"},
			{Lang: "nl", Text: "coup", Status: glossary.Admitted},
			{Lang: "nl", Text: "machtsgreep", Note: "Normative authorization: legalTerm"},
		},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestReadEntryWithoutTerms: an entry whose terms are all empty (one no
// one has translated yet) is left out and counted, as an entry in other
// languages only is; it refused the whole file ("a concept needs at least
// one term"), while an empty term beside others is skipped.
func TestReadEntryWithoutTerms(t *testing.T) {
	const head = `<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>
`
	doc := head + `<conceptEntry id="c1"><langSec xml:lang="nl"><termSec><term>wet</term></termSec></langSec></conceptEntry>
<conceptEntry id="c2"><langSec xml:lang="en"><termSec><term> </term></termSec><termSec><term/></termSec></langSec></conceptEntry>
</body></text></tbx>`
	got, left, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "c1" || left.Entries != 1 || left.EntryLine != 4 {
		t.Errorf("%d concepts %+v, left %+v; want c1 alone and one entry left out at line 4", len(got), got, left)
	}
}

// TestReadWriteVariants: terms of regional variants (a langSec en-GB, one
// en-US, one nl-BE) keep their variant through import and export, each
// variant in a section of its own, and the language as a whole stays
// plain; they were all flattened to en and nl, a US term exported as
// plain English.
func TestReadWriteVariants(t *testing.T) {
	in := `<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="coup"><langSet xml:lang="nl"><tig><term>staatsgreep</term></tig></langSet><langSet xml:lang="nl-BE"><tig><term>putsch</term></tig></langSet><langSet xml:lang="en-gb"><descrip type="definition">A seizure of power.</descrip><tig><term>coup</term></tig></langSet><langSet xml:lang="en-US"><tig><term>coup d'etat</term></tig></langSet></termEntry>
</body></text></martif>`
	cs, _, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Term{{Lang: "nl", Text: "staatsgreep"}, {Lang: "nl", Variant: "nl-BE", Text: "putsch"}, {Lang: "en", Variant: "en-GB", Text: "coup"}, {Lang: "en", Variant: "en-US", Text: "coup d'etat"}}
	if len(cs) != 1 {
		t.Fatalf("%d concepts", len(cs))
	}
	if d := cmp.Diff(want, cs[0].Terms, cmpopts.EquateEmpty()); d != "" {
		t.Fatalf("read (-want +got):\n%s", d)
	}
	var buf bytes.Buffer
	if err := Write(&buf, cs); err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{`xml:lang="nl"`, `xml:lang="nl-BE"`, `xml:lang="en-GB"`, `xml:lang="en-US"`} {
		if !strings.Contains(buf.String(), "<langSec "+tag+">") {
			t.Errorf("the export has no <langSec %s>:\n%s", tag, buf.String())
		}
	}
	back, _, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(cs, back, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("export, import (-first +again):\n%s", d)
	}
}

// TestReadTransactionTypeInAttribute reads the MARTIF form MultiTerm
// writes, the kind in the type attribute and the person in the text:
// the dates were lost (the person's name was taken for the kind, so
// neither origination nor modification matched) and the concept got the
// import's time.
func TestReadTransactionTypeInAttribute(t *testing.T) {
	const doc = `<?xml version="1.0"?>
<martif type="TBX" xml:lang="nl"><text><body>
<termEntry id="c1">
  <transacGrp><transac type="origination">anneke</transac><date>2024-01-15T10:00:00Z</date></transacGrp>
  <transacGrp><transac type="modification">joost</transac><date>2024-03-02T09:30:00Z</date></transacGrp>
  <langSet xml:lang="nl"><tig><term>wachtlijst</term></tig></langSet>
</termEntry>
</body></text></martif>`
	got, _, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d concepts, want 1", len(got))
	}
	c := got[0]
	if want := time.Date(2024, 1, 15, 10, 0, 0, 0, time.UTC); !c.Created.Equal(want) {
		t.Errorf("Created = %v, want %v", c.Created, want)
	}
	if want := time.Date(2024, 3, 2, 9, 30, 0, 0, time.UTC); !c.Modified.Equal(want) {
		t.Errorf("Modified = %v, want %v", c.Modified, want)
	}
	if c.CreatedBy != "anneke" || c.ModifiedBy != "joost" || c.Note != "" {
		t.Errorf("CreatedBy %q, ModifiedBy %q, Note %q; want anneke, joost and no note", c.CreatedBy, c.ModifiedBy, c.Note)
	}
}
