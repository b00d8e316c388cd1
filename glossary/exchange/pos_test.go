package exchange

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
)

// pair is one source/target pair a flat export offers a tool, with the
// parts of speech the glossary gives its two terms.
type pair struct {
	src, tgt       string
	srcPOS, tgtPOS string
}

// exportedPairs exports cs in a flat format and reads back every pair the
// file offers: a line of TSV or OmegaT, or each Dutch and English term of
// one CSV or XLSX row. The parts of speech come from the row itself (CSV,
// XLSX) or, for the two-column formats, from the concept of cs that holds
// both terms; a pair no one concept holds is an error.
func exportedPairs(t *testing.T, f Format, cs []glossary.Concept) []pair {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(&buf, f, cs); err != nil {
		t.Fatalf("Export %s: %v", f, err)
	}
	var out []pair
	switch f {
	case CSV, XLSX:
		back, _, err := Import(bytes.NewReader(buf.Bytes()), f, "")
		if err != nil {
			t.Fatalf("Import %s: %v", f, err)
		}
		for _, c := range back {
			for _, s := range c.TermsIn("nl") {
				for _, e := range c.TermsIn("en") {
					out = append(out, pair{s.Text, e.Text, s.POS, e.POS})
				}
			}
		}
	case TSV, OmegaT:
		for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
			if f == OmegaT && i == 0 {
				continue // the header
			}
			cols := strings.Split(line, "\t")
			p, err := pairIn(cs, cols[0], cols[1])
			if err != nil {
				t.Errorf("%s line %d %q: %v", f, i+1, line, err)
				continue
			}
			out = append(out, p)
		}
	default:
		t.Fatalf("%s is not a flat format", f)
	}
	return out
}

// pairIn finds the concept holding the Dutch term src and the English
// term tgt.
func pairIn(cs []glossary.Concept, src, tgt string) (pair, error) {
	for _, c := range cs {
		var s, e *glossary.Term
		for i := range c.Terms {
			switch tm := &c.Terms[i]; {
			case tm.Lang == "nl" && tm.Text == src:
				s = tm
			case tm.Lang == "en" && tm.Text == tgt:
				e = tm
			}
		}
		if s != nil && e != nil {
			return pair{src, tgt, s.POS, e.POS}, nil
		}
	}
	return pair{}, fmt.Errorf("no concept holds both %q and %q", src, tgt)
}

var flatFormats = []Format{TSV, OmegaT, CSV, XLSX}

// TestFlatExportsPairPartsOfSpeech exports the curated glossary in every
// flat format and checks every pair a tool would take from the file: its
// two terms are of one word class. Before the audit of issue 12 the TSV
// held "opschorting → suspend" and "ontplooiing → deploy".
func TestFlatExportsPairPartsOfSpeech(t *testing.T) {
	cs, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range flatFormats {
		t.Run(string(f), func(t *testing.T) {
			ps := exportedPairs(t, f, cs)
			if len(ps) < len(cs) {
				t.Errorf("%d pairs for %d concepts", len(ps), len(cs))
			}
			for _, p := range ps {
				if p.srcPOS == "" || p.tgtPOS == "" || glossary.WordClass(p.srcPOS) != glossary.WordClass(p.tgtPOS) {
					t.Errorf("%s pairs %q (%s) with %q (%s)", f, p.src, p.srcPOS, p.tgt, p.tgtPOS)
				}
			}
		})
	}
}

// TestTwoColumnExportsPairByPartOfSpeech: a concept that mixes a verb and
// its noun (a user's list may) still exports same-class pairs to the
// two-column formats, whose lines stand alone.
func TestTwoColumnExportsPairByPartOfSpeech(t *testing.T) {
	mixed := []glossary.Concept{{ID: "m", Collection: "user", Terms: []glossary.Term{
		{Lang: "nl", Text: "opschorten", Status: glossary.Preferred, POS: "verb"},
		{Lang: "nl", Text: "opschorting", Status: glossary.Admitted, POS: "noun"},
		{Lang: "en", Text: "suspend", Status: glossary.Preferred, POS: "verb"},
		{Lang: "en", Text: "suspension", Status: glossary.Admitted, POS: "noun"},
	}}, {ID: "u", Collection: "user", Terms: []glossary.Term{
		{Lang: "nl", Text: "staatsgreep"},
		{Lang: "en", Text: "coup", POS: "noun"},
	}}}
	want := []pair{
		{"opschorten", "suspend", "verb", "verb"},
		{"opschorting", "suspension", "noun", "noun"},
		{"staatsgreep", "coup", "", "noun"},
	}
	for _, f := range []Format{TSV, OmegaT} {
		t.Run(string(f), func(t *testing.T) {
			if diff := cmp.Diff(want, exportedPairs(t, f, mixed), cmp.AllowUnexported(pair{})); diff != "" {
				t.Errorf("pairs (-want +got):\n%s", diff)
			}
		})
	}
}
