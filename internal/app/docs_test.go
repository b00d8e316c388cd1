package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
)

// smallLetter is document i of a test corpus: a heading and two
// paragraphs, with a word of its own.
func smallLetter(i int) (string, []byte) {
	return fmt.Sprintf("brief-%03d.md", i), []byte(fmt.Sprintf(
		"# Brief %d\n\nDe minister schrijft over woord%d en de begroting.\n\nTweede alinea %d over de Kamer.\n", i, i, i))
}

// openWith opens an App on dir with a cache of that many documents.
// close closes it, at most once; the end of the test calls it too.
func openWith(t *testing.T, dir string, cache int) (a *App, close func() error) {
	t.Helper()
	a, err := Open(context.Background(), Config{DataDir: dir, DocCache: cache})
	if err != nil {
		t.Fatal(err)
	}
	close = sync.OnceValue(a.Close)
	t.Cleanup(func() { close() })
	return a, close
}

// TestStartupReadsNoDocument: reopening a data directory lists every
// document (summaries equal to the documents') without reading or
// decoding one from the store; Document reads exactly the one asked for
// and returns what was stored.
func TestStartupReadsNoDocument(t *testing.T) {
	dir := t.TempDir()
	a, closeA := openWith(t, dir, 0)
	const n = 20
	want := map[string]*Document{}
	for i := range n {
		name, data := smallLetter(i)
		d, err := a.AddDocument(context.Background(), name, data, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want[d.ID] = d
	}
	if err := closeA(); err != nil {
		t.Fatal(err)
	}

	b, _ := openWith(t, dir, 0)
	if got := b.reads.Load(); got != 0 {
		t.Errorf("start-up read %d documents from the store, want 0", got)
	}
	infos := b.Documents()
	if len(infos) != n {
		t.Fatalf("Documents lists %d, want %d", len(infos), n)
	}
	for _, info := range infos {
		w := want[info.ID]
		if w == nil {
			t.Fatalf("listed %q, which was not added", info.ID)
		}
		if diff := cmp.Diff(w.Info(), info); diff != "" {
			t.Errorf("summary of %s (-want +got):\n%s", info.ID, diff)
		}
	}
	if got := b.reads.Load(); got != 0 {
		t.Errorf("listing read %d documents from the store, want 0", got)
	}
	d, err := b.Document("brief-007")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want["brief-007"].Document, d.Document); diff != "" {
		t.Errorf("document read back (-want +got):\n%s", diff)
	}
	if d.version != want["brief-007"].version || d.Name != "brief-007.md" || !d.Added.Equal(want["brief-007"].Added) {
		t.Errorf("read back version %q name %q added %v, want %q brief-007.md %v", d.version, d.Name, d.Added,
			want["brief-007"].version, want["brief-007"].Added)
	}
	if got := b.reads.Load(); got != 1 {
		t.Errorf("one Document read %d documents, want 1", got)
	}
	if _, err := b.Document("brief-007"); err != nil {
		t.Fatal(err)
	}
	if got := b.reads.Load(); got != 1 {
		t.Errorf("a second Document of the same id read the store again (%d reads), want it cached", got)
	}
}

// TestDocCacheBounded: 200 documents read through a cache of 10 leave at
// most 10 decoded; every first read goes to the store, and a replaced
// or deleted document is never answered from the cache.
func TestDocCacheBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 200 documents")
	}
	dir := t.TempDir()
	a, _ := openWith(t, dir, 10)
	const n = 200
	for i := range n {
		name, data := smallLetter(i)
		if _, err := a.AddDocument(context.Background(), name, data, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := a.cache.len(); got > 10 {
		t.Errorf("after adding %d documents the cache holds %d, want ≤ 10", n, got)
	}
	before := a.reads.Load()
	infos := a.Documents()
	slices.Reverse(infos) // the last added first, while they are cached
	for _, info := range infos {
		d, err := a.Document(info.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != info.ID || len(d.Paragraphs) != info.Paragraphs {
			t.Fatalf("Document(%s) = %s with %d paragraphs, want %d", info.ID, d.ID, len(d.Paragraphs), info.Paragraphs)
		}
		if got := a.cache.len(); got > 10 {
			t.Fatalf("after reading %s the cache holds %d, want ≤ 10", info.ID, got)
		}
	}
	// The last ten added were cached by the writes; the other 190 are read.
	if got := a.reads.Load() - before; got != n-10 {
		t.Errorf("reading all %d documents read %d from the store, want %d", n, got, n-10)
	}

	// A replacement is what Document answers next, cached or not.
	id := "brief-199" // read last: in the cache
	if _, _, err := a.ReplaceDocument(context.Background(), "brief-199.md", []byte("# Brief nieuw\n\nNieuwe tekst.\n"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if d, err := a.Document(id); err != nil || d.Title != "Brief nieuw" {
		t.Errorf("after replace: %v, %v; want the new title", d, err)
	}
	if err := a.DeleteDocument(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Document(id); err == nil {
		t.Errorf("Document of a deleted document answered")
	}

	// A scan (the concordance) reads through the store without
	// replacing what the cache holds.
	cached := a.cache.len()
	scanned := a.reads.Load()
	lines, _, err := a.Concordance(context.Background(), ConcordanceRequest{Term: "begroting"})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 {
		t.Errorf("concordance of begroting found nothing")
	}
	if got := a.cache.len(); got != cached {
		t.Errorf("the concordance changed the cache from %d to %d documents", cached, got)
	}
	if a.reads.Load() == scanned {
		t.Errorf("the concordance read no document from the store")
	}
}

// TestOpenBuildsMissingSummaries: a document stored by an older tolk,
// without a summary, is read once at start-up and its summary stored, so
// that the next start reads nothing; tolk check (NoRepair) writes none.
func TestOpenBuildsMissingSummaries(t *testing.T) {
	dir := t.TempDir()
	a, closeA := openWith(t, dir, 0)
	name, data := smallLetter(1)
	d, err := a.AddDocument(context.Background(), name, data, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := closeA(); err != nil {
		t.Fatal(err)
	}
	// Rewrite the record as an older tolk did: no Info.
	s, err := store.Open(filepath.Join(dir, "tolk.db"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.GetDocument(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutDocument(r); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name      string
		noRepair  bool
		wantReads int64
	}{
		{"check leaves it missing", true, 1},
		{"first start builds it", false, 1},
		{"second start reads nothing", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Open(context.Background(), Config{DataDir: dir, NoRepair: tc.noRepair})
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if got := b.reads.Load(); got != tc.wantReads {
				t.Errorf("start-up read %d documents, want %d", got, tc.wantReads)
			}
			info, err := b.DocumentInfo(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(d.Info(), info); diff != "" {
				t.Errorf("summary (-want +got):\n%s", diff)
			}
		})
	}
	// The stored summary is the document's, as JSON.
	s, err = store.Open(filepath.Join(dir, "tolk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var raw []byte
	if err := s.DocumentInfos(func(id string, info []byte) error {
		raw = append(raw, info...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var got DocInfo
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("stored summary %q: %v", raw, err)
	}
	if diff := cmp.Diff(d.Info(), &got); diff != "" {
		t.Errorf("stored summary (-want +got):\n%s", diff)
	}
}

// TestStoredDocumentParagraphText: a document is stored without its
// paragraphs' texts, which are the document's text between their offsets
// (encodeDocument), and read back whole; a record of an older tolk, with
// the texts, reads the same; offsets outside the text are an error naming
// the paragraph, not a panic.
func TestStoredDocumentParagraphText(t *testing.T) {
	letter, err := fs.ReadFile(corpus.Default(), "kamerbrief-mali-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := ingest.Parse("kamerbrief-mali-2020.txt", letter, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	short, err := encodeDocument(d)
	if err != nil {
		t.Fatal(err)
	}
	full, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(short) > len(full)*2/3 {
		t.Errorf("stored form %d bytes, with the paragraphs' texts %d: not shorter by a third", len(short), len(full))
	}
	for _, meta := range [][]byte{short, full} {
		got, err := decodeDocument(store.DocRecord{ID: d.ID, Meta: meta})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(d, got.Document); diff != "" {
			t.Errorf("read back (-parsed +stored):\n%s", diff)
		}
	}
	var m map[string]any
	if err := json.Unmarshal(short, &m); err != nil {
		t.Fatal(err)
	}
	ps := m["Paragraphs"].([]any)
	if len(ps) != len(d.Paragraphs) {
		t.Fatalf("%d paragraphs stored, %d parsed", len(ps), len(d.Paragraphs))
	}
	for i, p := range ps {
		if _, ok := p.(map[string]any)["Text"]; ok {
			t.Errorf("paragraph %d stored with its text", i+1)
		}
	}
	ps[2].(map[string]any)["End"] = len(d.Text) + 5
	bad, _ := json.Marshal(m)
	_, err = decodeDocument(store.DocRecord{ID: d.ID, Meta: bad})
	if want := fmt.Sprintf("paragraph %d: offsets", d.Paragraphs[2].N); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("offsets past the text: %v, want an error with %q", err, want)
	}
}
