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
