package app

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
)

// seedCheckDir fills a data directory with five letters (brief-a … brief-e),
// one concept and two translation-memory segments, and closes it.
func seedCheckDir(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for i, name := range []string{"brief-a", "brief-b", "brief-c", "brief-d", "brief-e"} {
		if _, err := a.AddDocument(ctx, name+".txt", letterWith(fmt.Sprintf("onderwerp%d", i), 4), ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	c := glossary.Concept{ID: "begroting", Collection: "test", Terms: []glossary.Term{{Lang: "nl", Text: "begroting"}, {Lang: "en", Text: "budget"}}}
	if _, err := a.CreateConcept(c, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte("de begroting\tthe budget\nhet verdrag\tthe treaty\n"), Name: "t.tsv", Who: "test"}); err != nil {
		t.Fatal(err)
	}
}

// idsOf returns the IDs of the passages of doc in the index.
func idsOf(t *testing.T, ix *index.Index, doc string) []string {
	t.Helper()
	all, err := ix.PassageIDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, id := range all {
		if docOf(id) == doc {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		t.Fatalf("the index holds no passage of %s", doc)
	}
	return ids
}

// corrupt damages a closed data directory the ways a crash, a bug or a
// hand edit could: document a's passages deleted from the index, one of
// d's deleted, orphan passages of a document never stored, b's stored text
// changed behind the index's back, c's indexed text changed behind the
// store's back, and a concept with a NUL written past validation.
func corrupt(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, idsOf(t, ix, "brief-a")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, idsOf(t, ix, "brief-d")[:1]); err != nil {
		t.Fatal(err)
	}
	orphans := []index.Passage{
		{ID: "spook@0123456789ab#1", Doc: "spook", Paragraph: 1, Text: "een passage zonder document"},
		{ID: "spook@0123456789ab#2", Doc: "spook", Paragraph: 2, Text: "nog een passage zonder document"},
		{ID: "oud#1", Doc: "oud", Paragraph: 1, Text: "een passage van voor de versies"},
	}
	c := idsOf(t, ix, "brief-c")[0]
	stored, err := ix.Stored(ctx, []string{c})
	if err != nil || len(stored) != 1 {
		t.Fatalf("reading %s: %v (%d)", c, err, len(stored))
	}
	changed := stored[c]
	changed.Text = "tekst die de opslag niet kent"
	if err := ix.Add(ctx, append(orphans, changed)); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	st, err := store.Open(filepath.Join(dir, "tolk.db"))
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("Geachte voorzitter,\n\nEen geheel andere tekst over de zeespiegel.\n\nEn nog een alinea over dijken.\n")
	d, err := ingest.Parse("brief-b.txt", data, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	meta, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutDocument(store.DocRecord{ID: d.ID, Name: "brief-b.txt", Title: d.Title, Format: string(d.Format), Source: data, Meta: meta}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// The store validates what it writes: past it only by hand.
	db, err := bolt.Open(filepath.Join(dir, "tolk.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	bad, _ := json.Marshal(glossary.Concept{ID: "kapot", Collection: "test", Terms: []glossary.Term{{Lang: "nl", Text: "ka\x00pot"}, {Lang: "en", Text: "broken"}}})
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("concepts")).Put([]byte("kapot"), bad) }); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// brief is what the tests compare of a finding: the detail is prose.
type brief struct {
	Problem  Problem
	ID       string
	Passages int
}

func briefs(fs []Finding) []brief {
	out := []brief{}
	for _, f := range fs {
		out = append(out, brief{f.Problem, f.ID, f.Passages})
	}
	return out
}

// TestCheckFindsAndRepairs corrupts a data directory and expects
// CheckData to report each damage, the repair to fix all but the invalid
// concept (which only an editor can), a second check to find nothing
// else, and the repaired directory to answer searches from the store.
func TestCheckFindsAndRepairs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	seedCheckDir(t, dir)

	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.CheckData(ctx, CheckOptions{Content: true})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	if !r.Clean() || r.Documents != 5 || r.Passages != 25 || r.Concepts != 1 || r.Segments != 2 {
		t.Fatalf("a sound directory: %+v", r)
	}

	corrupt(t, dir)
	a, err = Open(ctx, Config{DataDir: dir, NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { a.Close() }()
	r, err = a.CheckData(ctx, CheckOptions{Content: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []brief{
		{ProblemContent, "brief-c", 1},
		{ProblemIncomplete, "brief-d", 1},
		{ProblemInvalid, "kapot", 0},
		{ProblemMissing, "brief-a", 5},
		{ProblemOrphan, "oud", 1},
		{ProblemOrphan, "spook", 2},
		{ProblemVersion, "brief-b", 5},
	}
	if diff := cmp.Diff(want, briefs(r.Findings)); diff != "" {
		t.Fatalf("findings (-want +got):\n%s", diff)
	}
	if r.Clean() {
		t.Error("a corrupted directory reported clean")
	}
	if !strings.Contains(r.Findings[6].Detail, "version "+a.infos["brief-b"].Version) {
		t.Errorf("version finding does not name the stored version: %s", r.Findings[6].Detail)
	}

	// Without Content the cheap pass finds all but the changed passage text.
	r, err = a.CheckData(ctx, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want[1:], briefs(r.Findings)); diff != "" {
		t.Errorf("ID-only findings (-want +got):\n%s", diff)
	}

	r, err = a.CheckData(ctx, CheckOptions{Content: true, Repair: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]brief{{ProblemInvalid, "kapot", 0}}, briefs(r.Remaining)); diff != "" {
		t.Errorf("after the repair (-want +got):\n%s", diff)
	}
	a.Close()

	a, err = Open(ctx, Config{DataDir: dir, NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err = a.CheckData(ctx, CheckOptions{Content: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]brief{{ProblemInvalid, "kapot", 0}}, briefs(r.Findings)); diff != "" {
		t.Errorf("second check after reopening (-want +got):\n%s", diff)
	}
	if r.Passages != 4*5+3 {
		t.Errorf("passages after the repair: %d, want 23", r.Passages)
	}
	for word, n := range map[string]uint64{"zeespiegel": 1, "onderwerp1": 0, "onderwerp0": 4, "onderwerp2": 4, "onderwerp3": 4, "kent": 0, "spook": 0, "versies": 0} {
		if got := hits(t, a, "", word); got != n {
			t.Errorf("%s: %d passages, want %d", word, got, n)
		}
	}
}

// TestStartupRepairsCheapDifferences: a normal Open repairs what the ID
// pass finds (all but a changed passage text, which only the content
// check sees).
func TestStartupRepairsCheapDifferences(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	seedCheckDir(t, dir)
	corrupt(t, dir)
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	r, err := a.CheckData(ctx, CheckOptions{Content: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []brief{{ProblemContent, "brief-c", 1}, {ProblemInvalid, "kapot", 0}}
	if diff := cmp.Diff(want, briefs(r.Findings)); diff != "" {
		t.Errorf("after start-up (-want +got):\n%s", diff)
	}
}

// TestCheckMemory: the termbase and the segments held in memory drift from
// the store (as a bug could make them), CheckData reports each concept and
// segment and the repair brings them back from the store.
func TestCheckMemory(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	seedCheckDir(t, dir)
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()

	c, ok := a.terms.Get("begroting")
	if !ok {
		t.Fatal("no concept begroting")
	}
	c.Terms[1].Text = "begrotingsbudget"
	a.terms.Put(c, glossary.Concept{ID: "los", Collection: "test", Terms: []glossary.Term{{Lang: "nl", Text: "los"}}})
	if err := a.tmReady(); err != nil {
		t.Fatal(err)
	}
	var dropped string
	for k := range a.tmem.segs {
		dropped = k
		break
	}
	delete(a.tmem.segs, dropped)

	r, err := a.CheckData(ctx, CheckOptions{Repair: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []brief{{ProblemConcept, "begroting", 0}, {ProblemConcept, "los", 0}, {ProblemSegment, segmentName(dropped), 0}}
	if diff := cmp.Diff(want, briefs(r.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if len(r.Remaining) != 0 {
		t.Errorf("after the repair: %+v", r.Remaining)
	}
	if got, _ := a.terms.Get("begroting"); got.Terms[1].Text != "budget" {
		t.Errorf("termbase after the repair: %+v", got.Terms)
	}
	if _, ok := a.terms.Get("los"); ok {
		t.Error("a concept the store lacks is still in the termbase")
	}
}
