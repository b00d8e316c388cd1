package app

import (
	"context"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/corpus"
)

// TestImportManyIdentical: 16,000 identical concepts without ids (one
// CSV row repeated) import in linear time; each gets an id of its own
// (issue 10, point 7: this took tens of seconds).
func TestImportManyIdentical(t *testing.T) {
	for _, mem := range []bool{false, true} {
		name := "store"
		if mem {
			name = "memory"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			cfg := Config{Memory: mem, Corpus: corpus.Default()}
			if !mem {
				cfg.DataDir = t.TempDir()
			}
			a, err := Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			const n = 16000
			cs := make([]glossary.Concept, n)
			for i := range cs {
				cs[i] = glossary.Concept{Collection: "dup", Terms: []glossary.Term{{Lang: "nl", Text: "staatsgreep"}, {Lang: "en", Text: "coup"}}}
			}
			start := time.Now()
			if err := a.ImportConcepts(cs, "test"); err != nil {
				t.Fatal(err)
			}
			took := time.Since(start)
			t.Logf("%d identical concepts imported in %v", n, took)
			if took > 5*time.Second {
				t.Errorf("took %v, want under 5 s", took)
			}
		})
	}
}
