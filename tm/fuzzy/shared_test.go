package fuzzy

import (
	"sync"
	"testing"

	"github.com/tolk-nl/tolk/internal/sharedtest"
	"github.com/tolk-nl/tolk/tm"
	"github.com/tolk-nl/tolk/tm/align"
	"github.com/tolk-nl/tolk/tm/pairs"
)

// treatySegments returns the treaty pairs of ../shared aligned into
// segments as a pairs import stores them (tm/pairs), read once per test
// binary; it skips (or fails, with TOLK_REQUIRE_SHARED=1) without them.
func treatySegments(tb testing.TB) []tm.Segment {
	tb.Helper()
	r := sharedtest.Open(tb, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz")
	treatyOnce.Do(func() {
		b, err := pairs.ReadJSONL(r, align.Options{})
		treatySegs, treatyErr = b.Segments, err
	})
	if treatyErr != nil {
		tb.Fatal(treatyErr)
	}
	return treatySegs
}

var (
	treatyOnce sync.Once
	treatySegs []tm.Segment
	treatyErr  error
)
