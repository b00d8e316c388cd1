package treaties

import (
	"testing"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// TestSharedPairs reads the shared treaty pairs and checks the figures
// SOURCE.md states, the size of the dev split and that the English first
// sentences come out as text: no Markdown links, no status notes.
func TestSharedPairs(t *testing.T) {
	pairs, err := Read(sharedtest.Open(t, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	docs, devDocs := map[string]bool{}, map[string]bool{}
	dev, headings, empty := 0, 0, 0
	for _, p := range pairs {
		docs[p.Doc] = true
		if Dev(p.Doc) {
			dev++
			devDocs[p.Doc] = true
		}
		h, body := Heading(p.EN)
		if h != "" {
			headings++
		}
		s := FirstSentence(body)
		if s == "" {
			empty++
			continue
		}
		if statusNote.MatchString(s) || link.MatchString(s) {
			t.Errorf("%s art. %s: first sentence %q", p.Doc, p.Article, s)
		}
	}
	t.Logf("%d pairs of %d treaties; dev: %d articles of %d treaties; %d English headings; %d without a first sentence",
		len(pairs), len(docs), dev, len(devDocs), headings, empty)
	if len(pairs) != 8707 || len(docs) != 404 {
		t.Errorf("%d pairs of %d treaties, SOURCE.md says 8,707 of 404", len(pairs), len(docs))
	}
	// A tenth of the treaties, give or take what a hash gives.
	if len(devDocs) < 30 || len(devDocs) > 55 || dev < 400 {
		t.Errorf("dev: %d treaties, %d articles", len(devDocs), dev)
	}
	if empty > len(pairs)/100 {
		t.Errorf("%d articles without an English first sentence", empty)
	}
}
