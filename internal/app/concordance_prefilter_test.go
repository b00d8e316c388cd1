package app

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestConcordancePrefilter: a concordance reads only the documents the
// index says can hold an occurrence (concordanceDocs), and lists exactly
// what reading every document lists. For every curated concept that
// occurs in the Mali letter (and, with ../shared, in 150 BWB circulars),
// every document the matcher finds it in, reading them all once, is among
// those the index names, and the concordance (lines and total) is the
// one of those documents; in the letter's App it is also compared with
// the concordance that reads every document, for the concepts and for
// words that are no term.
func TestConcordancePrefilter(t *testing.T) {
	ctx := context.Background()
	t.Run("letter", func(t *testing.T) {
		curated, err := glossary.Curated()
		if err != nil {
			t.Fatal(err)
		}
		sp, err := NewSplitter(curated, corpus.Default())
		if err != nil {
			t.Fatal(err)
		}
		a, err := Open(ctx, Config{Memory: true, Corpus: corpus.Default(), Glossary: curated, Splitter: sp})
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		// A second document that holds none of the letter's Mali terms,
		// so that narrowing shows.
		if _, err := a.AddDocument(ctx, "weer.md", []byte("# Het weer\n\nMorgen regent het in het noorden van het land.\n"), ingest.Options{}); err != nil {
			t.Fatal(err)
		}
		concepts := checkPrefilter(t, a, true)
		if len(concepts) < 50 {
			t.Fatalf("only %d curated concepts occur in the letter", len(concepts))
		}
		for _, term := range []string{"staatsgreep", "staatsgrepen", "de", "indien", "van de", "Mali", "VN", "militaire", "regent", "noorden van het land", "roept op tot", "xyzzy"} {
			r := ConcordanceRequest{Term: term}
			got, gotTotal, err := a.Concordance(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			want, wantTotal, err := a.concordance(ctx, r, nil)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" || gotTotal != wantTotal {
				t.Errorf("term %q: total %d, want %d; lines (-all documents +narrowed):\n%s", term, gotTotal, wantTotal, d)
			}
		}
		// A coup is not in the weather document: only the letter is read.
		ids := a.conceptsWithTerm("staatsgreep")
		if len(ids) == 0 {
			t.Fatal("no concept has the term staatsgreep")
		}
		for id := range ids {
			docs, err := a.concordanceDocs(ctx, a.matcher().Entries(id, "nl"))
			if err != nil {
				t.Fatal(err)
			}
			if want := map[string]bool{"kamerbrief-mali-2020": true}; !cmp.Equal(want, docs) {
				t.Errorf("concept %s (staatsgreep): the index names %v, want %v", id, docs, want)
			}
		}
	})
	t.Run("bwb", func(t *testing.T) {
		if testing.Short() {
			t.Skip("skipping in -short: loads 150 BWB documents")
		}
		a, _ := openBWB(t, 150)
		checkPrefilter(t, a, false)
	})
}

// checkPrefilter checks the concordance of every concept that occurs in
// a's documents against the documents it occurs in, read all once, and
// with all against the concordance that reads every document. It returns
// the concepts, most documents first.
func checkPrefilter(t *testing.T, a *App, all bool) []string {
	t.Helper()
	ctx := context.Background()
	m := a.matcher()
	occurs := map[string]map[string]bool{} // concept → documents
	infos := a.Documents()
	for _, info := range infos {
		d, err := a.scanDocument(info.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, an := range m.Annotate(d.Text, "nl") {
			if occurs[an.Concept] == nil {
				occurs[an.Concept] = map[string]bool{}
			}
			occurs[an.Concept][d.ID] = true
		}
	}
	var concepts []string
	for id := range occurs {
		concepts = append(concepts, id)
	}
	slices.Sort(concepts)
	slices.SortStableFunc(concepts, func(x, y string) int { return len(occurs[y]) - len(occurs[x]) })
	read, occurring := 0, 0
	for _, id := range concepts {
		docs, err := a.concordanceDocs(ctx, m.Entries(id, "nl"))
		if err != nil {
			t.Fatal(err)
		}
		if docs == nil {
			t.Fatalf("concept %s: the index named no documents (nil: read them all)", id)
		}
		read += len(docs)
		occurring += len(occurs[id])
		for d := range occurs[id] {
			if !docs[d] {
				t.Errorf("concept %s occurs in %s, which the index does not name", id, d)
			}
		}
		r := ConcordanceRequest{Concept: id}
		got, gotTotal, err := a.Concordance(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		truth := func(context.Context, [][]match.Word) (map[string]bool, error) { return occurs[id], nil }
		want, wantTotal, err := a.concordance(ctx, r, truth)
		if err != nil {
			t.Fatal(err)
		}
		if all {
			full, fullTotal, err := a.concordance(ctx, r, nil)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(full, want); d != "" || fullTotal != wantTotal {
				t.Fatalf("concept %s: the documents it occurs in list other lines than all documents: %s", id, d)
			}
		}
		if d := cmp.Diff(want, got); d != "" || gotTotal != wantTotal {
			t.Errorf("concept %s: total %d, want %d; lines (-all documents +narrowed):\n%s", id, gotTotal, wantTotal, d)
		}
	}
	t.Logf("%d documents, %d concepts occur in them: the index named %d documents to read for their concordances, reading all would be %d; they occur in %d",
		len(infos), len(concepts), read, len(infos)*len(concepts), occurring)
	return concepts
}
