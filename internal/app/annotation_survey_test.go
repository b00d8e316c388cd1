package app

import (
	"io/fs"
	"os"
	"testing"

	"github.com/tolk-nl/tolk/glossary/exchange"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/querymix"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// TestAnnotationSurvey counts what the shipped glossary annotates in
// ../shared's texts (the 14 debates and the 1,423 circulars): in all,
// through a compound's part, and as a verb concept on a word in -ing;
// and in the Mali letter with the shipped glossary and with FreeDict
// imported. docs/GLOSSARY.md's session-22 figures are its output; the
// file copied into a checkout of an earlier commit gives that commit's.
func TestAnnotationSurvey(t *testing.T) {
	if os.Getenv("TOLK_ANNOTATION_SURVEY") != "1" {
		t.Skip("set TOLK_ANNOTATION_SURVEY=1 to count the shipped glossary's annotations in ../shared's texts")
	}
	texts := surveyDebates(t)
	docs, err := querymix.ReadJSONL(sharedtest.Open(t, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		texts = append(texts, d.Text)
	}
	a := openShipped(t)
	var all, compound, verbIng int
	for _, tx := range texts {
		for _, an := range a.Annotate(tx, "nl") {
			all++
			if an.Via == match.ViaCompound {
				compound++
			}
			if c, ok := a.terms.Get(an.Concept); ok && len(an.Text) > 3 && (an.Text[len(an.Text)-3:] == "ing" || len(an.Text) > 5 && an.Text[len(an.Text)-5:] == "ingen") {
				for _, tm := range c.TermsIn("nl") {
					if tm.POS == "verb" {
						verbIng++
						break
					}
				}
			}
		}
	}
	t.Logf("%d texts: %d annotations, %d through a compound's part, %d verb concepts on a word in -ing(en)", len(texts), all, compound, verbIng)
	b, err := fs.ReadFile(corpus.Default(), corpus.MaliLetter)
	if err != nil {
		t.Fatal(err)
	}
	letter := string(b)
	shipped := len(a.Annotate(letter, "nl"))
	cs, _, err := exchange.Import(sharedtest.Open(t, "data", "freedict-nld-eng-debian", "freedict-nld-eng.tsv.gz"), exchange.FreeDict, "freedict")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.ImportConcepts(cs, "survey"); err != nil {
		t.Fatal(err)
	}
	withFD, fromFD := 0, 0
	for _, an := range a.Annotate(letter, "nl") {
		withFD++
		if c, ok := a.terms.Get(an.Concept); ok && c.Collection == "freedict" {
			fromFD++
		}
	}
	t.Logf("the letter: %d annotations with the shipped glossary; with FreeDict imported %d, %d of them FreeDict's", shipped, withFD, fromFD)
}
