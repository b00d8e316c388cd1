package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/glossary/omegat"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/querymix"
	"github.com/tolk-nl/tolk/internal/sharedtest"
	"github.com/tolk-nl/tolk/internal/treaties"
)

// TestSeparatedSurvey prints every verb term apart in its clause that the
// matcher finds in real text, with its context, for judging by hand, and
// the counts docs/GLOSSARY.md gives ("A verb term apart in a main clause"):
// the shipped glossary over the 14 debates and the 1,423 circulars (Dutch),
// over the English of the treaties and the test sets (English), and the
// particle verbs among FreeDict's headwords, as verb terms, over the debates
// (a stress test). It fails when a count falls below what was judged.
//
//	TOLK_SEPARATED_SURVEY=1 go test ./internal/app -run TestSeparatedSurvey -v
func TestSeparatedSurvey(t *testing.T) {
	if os.Getenv("TOLK_SEPARATED_SURVEY") != "1" {
		t.Skip("set TOLK_SEPARATED_SURVEY=1 to print the separated verbs found in ../shared's texts")
	}
	debates := surveyDebates(t)
	docs, err := querymix.ReadJSONL(sharedtest.Open(t, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	var circulars []string
	for _, d := range docs {
		circulars = append(circulars, d.Text)
	}
	var english []string
	for _, f := range []string{"ntrex128-newstest2019-src.eng", "flores200-devtest.eng", "tatoeba-test-v2021-08-07.eng"} {
		english = append(english, strings.Join(sharedtest.Lines(t, "data", "mt-testsets-nl-en", f), "\n"))
	}
	pairs, err := treaties.Read(sharedtest.Open(t, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		english = append(english, p.EN)
	}

	a := openShipped(t)
	survey(t, "dutch", a, "nl", append(debates, circulars...), 160)
	survey(t, "english", a, "en", english, 3)

	// FreeDict's particle verbs as verb terms, over the debates.
	cs, err := omegat.ReadFreeDict(sharedtest.Open(t, "data", "freedict-nld-eng-debian", "freedict-nld-eng.tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	var verbs []glossary.Concept
	seen := map[string]bool{}
	for _, c := range cs {
		for _, tm := range c.Terms {
			w := tm.Text
			if tm.Lang != "nl" || seen[w] || strings.ContainsAny(w, " .-") || index.SeparatedForms("nl", "verb", w, a.listed) == nil {
				continue
			}
			seen[w] = true
			verbs = append(verbs, glossary.Concept{ID: fmt.Sprintf("fd-%d", len(verbs)), Collection: "survey",
				Terms: []glossary.Term{{Lang: "nl", Text: w, POS: "verb"}, {Lang: "en", Text: "x"}}})
		}
	}
	b := openShipped(t)
	if err := b.ImportConcepts(verbs, "survey"); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d FreeDict particle verbs", len(verbs))
	survey(t, "freedict", b, "nl", debates, 75)
}

// surveyDebates returns the text of the 14 debates.
func surveyDebates(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join(sharedtest.Path(t, "data", "tk-handelingen-xml", "reserialized-mojibake"), "*.xml"))
	if err != nil || len(files) != 14 {
		t.Fatalf("%d debate files: %v", len(files), err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ingest.Parse(filepath.Base(f), b, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d.Text)
	}
	return out
}

// survey prints each separated annotation of texts in lang and fails
// below min of them.
func survey(t *testing.T, label string, a *App, lang string, texts []string, min int) {
	n := 0
	for _, tx := range texts {
		for _, an := range a.Annotate(tx, lang) {
			if an.Verb == nil {
				continue
			}
			n++
			lo, hi := max(0, an.Verb.Start-40), len(tx)
			if hi > an.End+30 {
				hi = an.End + 30
			}
			ctx := strings.Join(strings.Fields(tx[lo:an.Verb.Start]+"[["+an.Verb.Text+"]]"+tx[an.Verb.End:an.Start]+"[["+an.Text+"]]"+tx[an.End:hi]), " ")
			fmt.Printf("%s %s | %s\n", label, an.Term, ctx)
		}
	}
	fmt.Printf("%s: %d separated annotations in %d texts\n", label, n, len(texts))
	if n < min {
		t.Errorf("%s: %d separated annotations, fewer than the %d judged", label, n, min)
	}
}

// TestParticleVerbSurvey gives docs/GLOSSARY.md's figure for the particle
// rule (Options.Particles): the annotations of the shipped glossary over
// the 14 debates and the 1,423 circulars that the rule removes, each with
// its context for judging by hand.
//
//	TOLK_PARTICLE_SURVEY=1 go test ./internal/app -run TestParticleVerbSurvey -v
func TestParticleVerbSurvey(t *testing.T) {
	if os.Getenv("TOLK_PARTICLE_SURVEY") != "1" {
		t.Skip("set TOLK_PARTICLE_SURVEY=1 to list the annotations the particle rule removes in ../shared's texts")
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
	all := a.terms.All()
	opt := match.Options{Key: index.TermKey, Split: a.split, Forms: a.termForms, Separated: a.termSeparated}
	without := match.NewMatcher(all, opt)
	opt.Particles = a.termParticles
	with := match.NewMatcher(all, opt)
	removed := 0
	for _, tx := range texts {
		kept := map[int]bool{}
		for _, an := range with.Annotate(tx, "nl") {
			kept[an.Start] = true
		}
		for _, an := range without.Annotate(tx, "nl") {
			if !kept[an.Start] {
				removed++
				t.Logf("%s | %q", an.Concept, tx[max(0, an.Start-60):min(len(tx), an.End+60)])
			}
		}
	}
	t.Logf("%d texts; the particle rule removes %d annotations", len(texts), removed)
}
