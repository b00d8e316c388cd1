package app

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/corpus"
)

// TestRebuildsIndexOfAnotherAnalysis opens a data directory whose index
// was built with another analysis (here: with a compound splitter, then
// without) and expects the index rebuilt from the stored documents.
func TestRebuildsIndexOfAnotherAnalysis(t *testing.T) {
	ctx := context.Background()
	curated, err := glossary.Curated()
	if err != nil {
		t.Fatal(err)
	}
	sp, err := NewSplitter(curated, corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg := Config{DataDir: dir, Corpus: corpus.Default(), Glossary: curated, Splitter: sp}
	a, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	before, err := a.BilingualSearch(ctx, SearchRequest{Q: "staatsgreep"})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()

	cfg.Splitter = nil
	var logged lockedBuffer // the lexicon is read, and may warn, in the background
	cfg.Logger = slog.New(slog.NewTextHandler(&logged, nil))
	a, err = Open(ctx, cfg)
	if err != nil {
		t.Fatalf("reopening with another analysis: %v", err)
	}
	defer a.Close()
	// The planned rebuild says what it indexes, and warns of no document
	// "missing" from the index it has just emptied.
	if log := logged.String(); strings.Contains(log, "index differs from the store") || !strings.Contains(log, `msg="indexing the stored documents into the rebuilt index" documents=1`) {
		t.Errorf("the rebuild logged:\n%s", log)
	}
	after, err := a.BilingualSearch(ctx, SearchRequest{Q: "staatsgreep"})
	if err != nil {
		t.Fatal(err)
	}
	// Without the splitter a compound no longer counts, so the totals
	// may differ; the rebuilt index must answer all the same.
	if before.Total == 0 || after.Total == 0 {
		t.Errorf("hits before %d, after the rebuild %d", before.Total, after.Total)
	}
	if n, _ := a.idx.Count(); n != uint64(a.infos["kamerbrief-mali-2020"].Passages()) {
		t.Errorf("rebuilt index holds %d passages", n)
	}
}

// lockedBuffer is a bytes.Buffer that goroutines may write while a test
// reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
