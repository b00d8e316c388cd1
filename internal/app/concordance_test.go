package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestConcordanceFrequentTerm: a stop word occurs tens of thousands of
// times; the concordance examines at most MaxConcordanceLines of them
// (issue 10, point 6: "de" took 4.5 s per request over 601 letters).
func TestConcordanceFrequentTerm(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{Memory: true, Corpus: corpus.Default()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var b strings.Builder
	b.WriteString("# Een lange brief\n\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "De minister schrijft de Kamer over de staat van de zaak nummer %d.\n\n", i)
	}
	if _, err := a.AddDocument(ctx, "lang.md", []byte(b.String()), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		r    ConcordanceRequest
		max  int
	}{
		{"all", ConcordanceRequest{Term: "de"}, MaxConcordanceLines},
		{"sorted", ConcordanceRequest{Term: "de", Sort: "right"}, MaxConcordanceLines},
		{"first ten", ConcordanceRequest{Term: "de", Limit: 10}, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			lines, _, err := a.Concordance(ctx, tc.r)
			took := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%+v: %d lines in %v", tc.r, len(lines), took)
			if len(lines) == 0 || len(lines) > tc.max {
				t.Errorf("%d lines, want 1 to %d", len(lines), tc.max)
			}
		})
	}
}
