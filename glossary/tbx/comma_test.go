package tbx

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
)

// TestReadCommaTerms: a term listing alternatives with commas, as
// Weblate writes them, becomes a term per alternative (the later ones
// admitted) with a warning naming the line; a name in inverted form and
// a term whose part ends in a preposition stay one term, with a warning;
// a decimal comma is no separator. The comma term was one term, which
// annotate matched nowhere, without a word.
func TestReadCommaTerms(t *testing.T) {
	in := `<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>information</term></tig></langSet>
<langSet xml:lang="nl"><tig><term>info, informatie</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="en"><tig><term>Ministry of Justice</term></tig></langSet>
<langSet xml:lang="nl"><tig><term>Justitie, ministerie van</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="en"><tig><term>ministry of justice</term></tig></langSet>
<langSet xml:lang="nl"><tig><term>justitie, ministerie van</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="en"><tig><term>1,5 percent</term></tig></langSet>
<langSet xml:lang="nl"><tig><term>1,5 procent</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="en"><tig><term>rights, duties and powers</term></tig></langSet>
<langSet xml:lang="nl"><tig><term>rechten, plichten en bevoegdheden</term></tig></langSet></termEntry>
</body></text></martif>`
	cs, left, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	terms := func(c glossary.Concept) []string {
		var out []string
		for _, tm := range c.TermsIn("nl") {
			out = append(out, tm.Text+"/"+string(tm.Status))
		}
		return out
	}
	want := [][]string{{"info/", "informatie/admitted"}, {"Justitie, ministerie van/"}, {"justitie, ministerie van/"}, {"1,5 procent/"},
		{"rechten, plichten en bevoegdheden/"}}
	var got [][]string
	for _, c := range cs {
		got = append(got, terms(c))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Dutch terms (-want +got):\n%s", diff)
	}
	if len(left.Warnings) != 5 {
		t.Fatalf("warnings %+v, want 5", left.Warnings)
	}
	for i, want := range []struct{ where, says string }{
		{"line 4", `imported as the terms "info", "informatie"`},
		{"line 6", `kept as one term (as a name in inverted form is`},
		{"line 8", `ends in "van"`},
		// An enumeration (it was split into "rechten" and "plichten en
		// bevoegdheden", with a warning that called it a name in
		// inverted form), in both languages.
		{"line 11", `kept as one term (as an enumeration is: its last part has "and")`},
		{"line 12", `kept as one term (as an enumeration is: its last part has "en")`},
	} {
		w := left.Warnings[i]
		if w.Kind != glossary.WarnCommaTerm || w.Where != want.where || !strings.Contains(w.Message, want.says) {
			t.Errorf("warning %d: %+v, want %s at %s", i, w, want.says, want.where)
		}
	}
	if diff := cmp.Diff([]string{"line 3", "line 5", "line 7", "line 9", "line 11"}, left.Places); diff != "" {
		t.Errorf("places (-want +got):\n%s", diff)
	}
}

// TestReadWeblateCommaTerms: the real Weblate glossary's comma terms are
// read as terms of their own.
func TestReadWeblateCommaTerms(t *testing.T) {
	f, err := os.Open("../../../shared/data/tbx-weblate-glossary-nl/nl.tbx")
	if err != nil {
		t.Skipf("the Weblate glossary is not here (../shared): %v", err)
	}
	defer f.Close()
	cs, left, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, c := range cs {
		for _, tm := range c.TermsIn("nl") {
			has[tm.Text] = true
		}
	}
	for _, w := range []string{"info", "informatie", "back-ups", "reservekopieën"} {
		if !has[w] {
			t.Errorf("no Dutch term %q", w)
		}
	}
	if len(left.Warnings) != 2 {
		t.Errorf("warnings %+v, want the 2 comma terms", left.Warnings)
	}
}

// TestReadCommaTermsV3: in TBX v3, which tolk writes (a CSV's term with a
// comma exported and read back), a comma term stays one term, with a
// warning.
func TestReadCommaTermsV3(t *testing.T) {
	in := `<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>` +
		`<conceptEntry id="t1"><langSec xml:lang="nl"><termSec><term>info, informatie</term></termSec></langSec>` +
		`<langSec xml:lang="en"><termSec><term>information</term></termSec></langSec></conceptEntry></body></text></tbx>`
	cs, left, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || len(cs[0].TermsIn("nl")) != 1 || cs[0].TermsIn("nl")[0].Text != "info, informatie" {
		t.Errorf("concepts %+v, want the one term info, informatie", cs)
	}
	if len(left.Warnings) != 1 || !strings.Contains(left.Warnings[0].Message, "kept as one term") {
		t.Errorf("warnings %+v, want one saying it was kept", left.Warnings)
	}
}

// TestReadCommaTermsV3NoWarning: in TBX v3 a comma term that is plainly one
// term (a name, an enumeration) is kept without a warning; the curated
// glossary's export, imported again, warned of 12 such terms ("Ministerie
// van Onderwijs, Cultuur en Wetenschap", "intelligence, surveillance and
// reconnaissance"), burying a warning that matters.
func TestReadCommaTermsV3NoWarning(t *testing.T) {
	terms := []glossary.Term{
		{Lang: "nl", Text: "Ministerie van Onderwijs, Cultuur en Wetenschap"},
		{Lang: "nl", Text: "Justitie, ministerie van"},
		{Lang: "en", Text: "Ministry of Education, Culture and Science"},
		{Lang: "en", Text: "intelligence, surveillance and reconnaissance"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, []glossary.Concept{{ID: "ocw", Terms: terms}}); err != nil {
		t.Fatal(err)
	}
	cs, left, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("%d concepts, want 1", len(cs))
	}
	if diff := cmp.Diff(terms, cs[0].Terms); diff != "" {
		t.Errorf("terms (-want +got):\n%s", diff)
	}
	if len(left.Warnings) != 0 {
		t.Errorf("warnings %+v, want none", left.Warnings)
	}
}
