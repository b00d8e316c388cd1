package app

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

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

// TestTMSeedingReported: while the default TM is being seeded, the TM's
// answers say how far the seed is (the first use's own answer included);
// after it, and on a data directory already seeded, they say nothing.
func TestTMSeedingReported(t *testing.T) {
	const pairs = 2*seedChunk + 100 // three chunks
	var b strings.Builder
	for i := range pairs {
		fmt.Fprintf(&b, `{"doc":"v%d","article":"1","nl":"Het verdrag nummer %d treedt in werking.","en":"Treaty number %d shall enter into force."}`+"\n", i, i, i)
	}
	path := filepath.Join(t.TempDir(), "pairs.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: dir, TMSeed: path})
	if err != nil {
		t.Fatal(err)
	}
	// Hold the seed when its second chunk is about to be indexed.
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	a.tmem.putHook = func() {
		if s := a.TMSeeding(); s != nil && s.PairsDone >= seedChunk {
			once.Do(func() {
				close(entered)
				<-release
			})
		}
	}
	released := false
	defer func() {
		if !released {
			close(release)
			a.Close()
		}
	}()

	first, err := a.ConcordanceTM(ctx, TMConcordanceRequest{Q: "verdrag", Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	switch f := first.Seeding; {
	case f == nil:
		t.Error("the first use's answer does not say that the seed it started is under way")
	case f.State == SeedReading && f.Pairs != 0, f.State == SeedImporting && f.Pairs != pairs, f.State != SeedReading && f.State != SeedImporting:
		t.Errorf("the first use's answer says %+v: the pairs are unknown while reading, %d once counted", f, pairs)
	}
	select {
	case <-entered:
	case <-time.After(60 * time.Second):
		t.Fatal("the seed never reached its second chunk")
	}
	want := &TMSeeding{State: SeedImporting, Pairs: pairs, PairsDone: seedChunk}
	within(t, 30*time.Second, "ConcordanceTM during the seed", func() {
		res, err := a.ConcordanceTM(ctx, TMConcordanceRequest{Q: "verdrag", Lang: "nl"})
		if err != nil {
			t.Error(err)
			return
		}
		if diff := cmp.Diff(want, res.Seeding); diff != "" {
			t.Errorf("concordance during the seed, seeding (-want +got):\n%s", diff)
		}
		if res.Total == 0 || res.Total >= pairs {
			t.Errorf("concordance during the seed: %d pairs, want some of the %d", res.Total, pairs)
		}
	})
	within(t, 30*time.Second, "MatchTM during the seed", func() {
		res, err := a.MatchTM(ctx, TMMatchRequest{Text: "Het verdrag nummer 7 treedt in werking.", Lang: "nl"})
		if err != nil {
			t.Error(err)
			return
		}
		if diff := cmp.Diff(want, res.Seeding); diff != "" {
			t.Errorf("fuzzy match during the seed, seeding (-want +got):\n%s", diff)
		}
	})
	released = true
	close(release)
	a.bg.Wait()
	res, err := a.ConcordanceTM(ctx, TMConcordanceRequest{Q: "verdrag", Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Seeding != nil || res.Total != pairs {
		t.Errorf("after the seed: seeding %+v, %d pairs; want none and %d", res.Seeding, res.Total, pairs)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	again := openDir(t, dir)
	again.tmSeed = path // as tolk serve opens it: with the seed, already in
	m, err := again.MatchTM(ctx, TMMatchRequest{Text: "Het verdrag nummer 7 treedt in werking.", Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Seeding != nil || again.TMSeeding() != nil {
		t.Errorf("a seeded data directory's first use: seeding %+v / %+v, want none", m.Seeding, again.TMSeeding())
	}
	if n := len(m.Sentences); n != 1 || len(m.Sentences[0].Matches) == 0 {
		t.Errorf("after a restart: %d sentences, matches %+v; want the seeded pairs matched", n, m.Sentences)
	}
}

// TestImportWrongLanguage: units whose sides are not Dutch and English are
// left out of an import, counted as skipped and named with the reason:
// at seeding (treaty JSON Lines), in aligned texts and in TMX.
func TestImportWrongLanguage(t *testing.T) {
	ctx := context.Background()
	note := "Treedt in werking op een nader te bepalen tijdstip"
	jsonl := `{"doc":"BWBV1","article":"9","nl":"Dit Verdrag treedt in werking op de eerste dag van de tweede maand.\n\n` + note + `","en":"This Agreement shall enter into force on the first day of the second month.\n\n` + note + `"}` + "\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "pairs.jsonl")
	if err := os.WriteFile(path, []byte(jsonl), 0o644); err != nil {
		t.Fatal(err)
	}
	a := openShipped(t)
	if _, err := a.SeedTM(ctx, path); err != nil {
		t.Fatal(err)
	}
	for _, s := range a.TMSegments(DefaultTMCollection) {
		if s.EN == note {
			t.Errorf("seeded %+v", s)
		}
	}
	if n := len(a.TMSegments(DefaultTMCollection)); n != 1 {
		t.Errorf("seeded %d segments, want 1", n)
	}
	res, err := a.ImportTM(ctx, TMImport{Format: TMFormatPairs, NL: []byte("De Regering van IJsland heeft het Verdrag ondertekend. " + note), EN: []byte("The Government of Iceland has signed the Agreement. " + note), Collection: "aligned"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 1 || len(res.SkippedUnits) != 1 || !strings.HasPrefix(res.SkippedUnits[0].Reason, "the English side is Dutch") {
		t.Errorf("aligned texts: %+v, want 1 imported and the note skipped as Dutch", res)
	}
	tmx := `<?xml version="1.0"?><tmx version="1.4"><header srclang="nl" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="nl"><seg>De Regering van IJsland heeft het Verdrag ondertekend.</seg></tuv><tuv xml:lang="en"><seg>The Government of Iceland has signed the Agreement.</seg></tuv></tu>
<tu><tuv xml:lang="nl"><seg>The Government of Iceland has signed the Agreement.</seg></tuv><tuv xml:lang="en"><seg>De Regering van IJsland heeft het Verdrag ondertekend.</seg></tuv></tu>
</body></tmx>`
	res, err = a.ImportTM(ctx, TMImport{Format: TMFormatTMX, Data: []byte(tmx), Collection: "swapped"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 1 || res.Skipped != 1 || len(res.SkippedUnits) != 1 || res.SkippedUnits[0].Line != 3 {
		t.Errorf("TMX: %+v, want 1 imported, the swapped unit of line 3 skipped", res)
	}
}

// TestTMSeedingUnknownCount: between the first use that starts the seed
// and the counting of the file's pairs, the progress says that it is
// reading, with no pair count; it said {"pairs":0,"pairs_done":0}, as if
// there were nothing to import.
func TestTMSeedingUnknownCount(t *testing.T) {
	a := &App{}
	a.seeding.begin() // what tmReady does before the seed's goroutine starts
	got, err := json.Marshal(a.TMSeeding())
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"state":"reading","pairs_done":0}`; string(got) != want {
		t.Errorf("before the count: %s, want %s", got, want)
	}
	a.seeding.set(0, 8707)
	got, _ = json.Marshal(a.TMSeeding())
	if want := `{"state":"importing","pairs":8707,"pairs_done":0}`; string(got) != want {
		t.Errorf("once counted: %s, want %s", got, want)
	}
}

// TestImportTMWarnings: the TMX reader's warnings (a unit with two variants
// of one language, each a segment) are in the import's answer.
func TestImportTMWarnings(t *testing.T) {
	a := openShipped(t)
	doc := `<?xml version="1.0"?><tmx version="1.4"><header srclang="nl" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="nl"><seg>De staatsgreep.</seg></tuv><tuv xml:lang="en-GB"><seg>The coup d'état.</seg></tuv><tuv xml:lang="en-US"><seg>The coup.</seg></tuv></tu>
</body></tmx>`
	res, err := a.ImportTM(context.Background(), TMImport{Format: TMFormatTMX, Data: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 2 || len(res.Warnings) != 1 || res.Warnings[0].Line != 2 || !strings.Contains(res.Warnings[0].Message, `2 English <tuv>s with different text (xml:lang "en-GB", "en-US")`) {
		t.Errorf("import: %+v, want 2 segments and a warning for line 2", res)
	}
	b, err := json.Marshal(res)
	if err != nil || !strings.Contains(string(b), `"warnings":[{"line":2,"message":`) {
		t.Errorf("JSON %s, %v: want the warnings", b, err)
	}
}
