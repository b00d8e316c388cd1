package app

import (
	"bufio"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// TestSeedTM seeds the default TM from the first 120 treaty pairs: into
// its own collection, once per data directory (also after a restart), and
// a user's import next to it keeps its own collection.
func TestSeedTM(t *testing.T) {
	sc := bufio.NewScanner(sharedtest.Open(t, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz"))
	sc.Buffer(nil, 16<<20)
	path := filepath.Join(t.TempDir(), "pairs.jsonl.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	for i := 0; i < 120 && sc.Scan(); i++ {
		zw.Write(append(sc.Bytes(), '\n'))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	dir := t.TempDir()
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	done, err := a.SeedTM(ctx, path)
	if err != nil || !done {
		t.Fatalf("first seed: %v, %v; want it done", done, err)
	}
	n := len(a.TMSegments(DefaultTMCollection))
	if n < 120 || n != len(a.TMSegments("")) {
		t.Fatalf("%d segments in %s of %d: want at least one a pair, all there", n, DefaultTMCollection, len(a.TMSegments("")))
	}
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte("nl\ten\nDe kat.\tThe cat.\n")}); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	a = openDir(t, dir)
	if done, err := a.SeedTM(ctx, path); err != nil || done {
		t.Fatalf("second seed: %v, %v; want nothing done", done, err)
	}
	if got := len(a.TMSegments(DefaultTMCollection)); got != n {
		t.Errorf("after a restart %d segments, want %d", got, n)
	}
	if got := len(a.TMSegments("import")); got != 1 {
		t.Errorf("the user's import: %d segments in collection import, want 1", got)
	}
	if _, err := a.SeedTM(ctx, filepath.Join(dir, "missing.gz")); err != nil {
		t.Errorf("a seeded data directory does not read the file again: %v", err)
	}
}

// TestTMLoadedOnFirstUse: opening a data directory neither builds the
// translation memory's index nor seeds it; the first use of the TM does
// both (the seed in the background), and the counts are right before and
// after.
func TestTMLoadedOnFirstUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pairs.jsonl")
	pairs := `{"doc":"v1","article":"1","nl":"De partijen werken samen. Zij overleggen jaarlijks.","en":"The parties shall cooperate. They shall consult annually."}
{"doc":"v1","article":"2","nl":"Dit verdrag treedt in werking op de eerste dag.","en":"This treaty shall enter into force on the first day."}
`
	if err := os.WriteFile(path, []byte(pairs), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: dir, TMSeed: path})
	if err != nil {
		t.Fatal(err)
	}
	if a.tmDone.Load() {
		t.Fatal("the TM was loaded at Open")
	}
	if st, _ := a.Stats(); st.Segments != 0 {
		t.Errorf("before any use: %d segments, want 0 (nothing seeded yet)", st.Segments)
	}
	if n := a.TMLoadedSegments(); n != 0 || a.tmDone.Load() {
		t.Errorf("TMLoadedSegments before any use: %d (loaded %v), want 0 and the TM still not loaded", n, a.tmDone.Load())
	}
	a.TMSegments("") // the first use: loads, and starts the seed
	a.bg.Wait()
	n := len(a.TMSegments(DefaultTMCollection))
	if n < 3 {
		t.Fatalf("after the first use %d seeded segments, want the pairs' sentences (3)", n)
	}
	if got := a.TMLoadedSegments(); got != n {
		t.Errorf("TMLoadedSegments after the seed: %d, want %d", got, n)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	a = openDir(t, dir)
	if a.tmDone.Load() {
		t.Fatal("the TM was loaded at Open")
	}
	if st, err := a.Stats(); err != nil || st.Segments != n {
		t.Errorf("stored, not loaded: Stats says %d segments (%v), want %d", st.Segments, err, n)
	}
	res, err := a.SearchTM(ctx, TMQuery{Q: "verdrag", Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.tmDone.Load() || len(res.Segments) == 0 {
		t.Errorf("after a search: loaded %v, %d hits; want loaded and a hit", a.tmDone.Load(), len(res.Segments))
	}
}

// TestTMMemoryMode: an App without a data directory has no stored TM to
// load; its first TM use finds an empty TM instead of failing.
func TestTMMemoryMode(t *testing.T) {
	a, err := Open(context.Background(), Config{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	res, err := a.MatchTM(context.Background(), TMMatchRequest{Text: "De staatsgreep in Mali.", Lang: "nl"})
	if err != nil {
		t.Fatalf("MatchTM on an empty TM in memory: %v", err)
	}
	if len(a.TMSegments("")) != 0 {
		t.Errorf("memory mode: %d segments before any import", len(a.TMSegments("")))
	}
	_ = res
}
