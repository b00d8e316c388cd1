package app

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// mappedData sums the resident kB of the process's mappings of the
// index's segments and the store's file in dir (scorch's own small bbolt
// file, index/store/root.bolt, which it may remap at any write, is not
// released). A segment merged away since (" (deleted)") is not the
// index's any more: it is unmapped when its last reader closes.
func mappedData(t *testing.T, dir string) (kb, mappings int) {
	return residentOf(t, func(path string) bool {
		return strings.HasPrefix(path, dir+"/") && (strings.HasSuffix(path, ".zap") || path == dir+"/tolk.db")
	})
}

// residentOf sums the resident kB of the process's file mappings whose
// path is kept, and counts them, from /proc/self/smaps.
func residentOf(t *testing.T, keep func(path string) bool) (kb, mappings int) {
	t.Helper()
	raw, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			// A path with a space, or " (deleted)" after it, is not kept.
			in = len(f) == 6 && keep(f[5])
			if in {
				mappings++
			}
			continue
		}
		if in && len(f) >= 2 && f[0] == "Rss:" {
			n, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatal(err)
			}
			kb += n
		}
	}
	return kb, mappings
}

// TestReleaseMapped: after searches and document reads, ReleaseMapped
// drops the index's and the store's mapped pages from the resident set,
// and searches and documents read the same afterwards.
func TestReleaseMapped(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a, closeA := openWith(t, dir, -1)
	const n = 40
	for i := range n {
		name, data := smallLetter(i)
		if _, err := a.AddDocument(context.Background(), name, data, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := closeA(); err != nil {
		t.Fatal(err)
	}
	// Reopened, the index's segments are files, mapped.
	b, _ := openWith(t, dir, -1)
	ctx := context.Background()
	read := func() (hits [][]string, docs []string) {
		for _, q := range []string{"minister", "begroting Kamer", "woord7", "alinea"} {
			res, err := b.BilingualSearch(ctx, SearchRequest{Q: q, Limit: 100}) // every hit: the top of equal scores is any of them
			if err != nil {
				t.Fatal(err)
			}
			// Equal scores (the letters are alike) come in segment
			// order, which a background merge may change: compared
			// as a set.
			var got []string
			for _, h := range res.Hits {
				got = append(got, fmt.Sprintf("%s %.6f %q", h.ID, h.Score, h.Fragments))
			}
			slices.Sort(got)
			hits = append(hits, got)
		}
		for _, d := range b.Documents() {
			doc, err := b.Document(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, doc.Text)
		}
		return hits, docs
	}
	hits, docs := read()
	before, mappings := mappedData(t, dir)
	// A background merge that ends between the reads and the count
	// replaces the segments read by one nothing has read yet: read again.
	for try := 0; try < 3 && (mappings < 2 || before == 0); try++ {
		time.Sleep(100 * time.Millisecond)
		hits, docs = read()
		before, mappings = mappedData(t, dir)
	}
	if mappings < 2 || before == 0 {
		t.Fatalf("before: %d kB resident in %d mappings of %s; want the store and a segment", before, mappings, dir)
	}
	st, err := b.ReleaseMapped()
	if err != nil {
		t.Fatal(err)
	}
	// Background merges may replace segments meanwhile: the store and
	// a segment at least, and what is left resident is what was mapped
	// since.
	if st.Mappings < 2 {
		t.Errorf("ReleaseMapped released %d mappings, want the store and the segments (%d mapped before)", st.Mappings, mappings)
	}
	if after, _ := mappedData(t, dir); after >= before/2 {
		t.Errorf("resident after ReleaseMapped: %d kB of the data directory's mappings, before %d kB", after, before)
	}
	hits2, docs2 := read()
	if diff := cmp.Diff(hits, hits2); diff != "" {
		t.Errorf("searches after ReleaseMapped (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(docs, docs2); diff != "" {
		t.Errorf("documents after ReleaseMapped (-before +after):\n%s", diff)
	}
}

// TestReleaseMappedSnapshot: the pages of the splitter's snapshot that
// splitting touched are given back with the index's, and the splitter
// splits the same afterwards.
func TestReleaseMappedSnapshot(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	open := func() (*App, bool) {
		sp, read, err := LoadSplitter(dir, curated, corpus.Default())
		if err != nil {
			t.Fatal(err)
		}
		a, err := Open(context.Background(), Config{DataDir: dir, Corpus: corpus.Default(), Glossary: curated, Splitter: sp, SplitterSnapshot: !read})
		if err != nil {
			t.Fatal(err)
		}
		return a, read
	}
	a, _ := open()
	a.Close() // writes the snapshot
	a, read := open()
	defer a.Close()
	if !read {
		t.Fatal("the second start did not read the snapshot")
	}
	words := strings.Fields("vredesmissie veiligheidssituatie terrorismebestrijding grensbewaking ontwikkelingssamenwerking mensenrechtenschendingen begrotingsbehandeling staatsgreep")
	split := func() (out [][]string) {
		for _, w := range words {
			out = append(out, a.split(w))
		}
		return out
	}
	want := split()
	snap := filepath.Join(dir, splitterFile)
	before := residentKB(t, snap)
	if before == 0 {
		t.Fatalf("no page of %s resident after splitting", snap)
	}
	if _, err := a.ReleaseMapped(); err != nil {
		t.Fatal(err)
	}
	if after := residentKB(t, snap); after >= before {
		t.Errorf("snapshot resident after ReleaseMapped: %d kB, before %d kB", after, before)
	}
	if diff := cmp.Diff(want, split()); diff != "" {
		t.Errorf("splits after ReleaseMapped (-before +after):\n%s", diff)
	}
}

// residentKB sums the resident kB of the process's mappings of path.
func residentKB(t *testing.T, path string) int {
	kb, _ := residentOf(t, func(p string) bool { return p == path })
	return kb
}
