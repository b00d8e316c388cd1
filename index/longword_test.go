package index

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestLongWordKey: a word longer than MaxWordLen bytes is its own key,
// folded and otherwise as written, in every key function (issue 10, point
// 5). Before, the Dutch key looked each suffix of the word up in the
// lemma overrides, hashing it whole each time: the override step alone
// took 0.09 s for a word of 100 KB, 2 s for 300 KB, 52 s for 1 MB and
// 105 s for 1.9 MB (measured on the shared 2-core machine), and the
// glossary keys its terms at every start. Words up to the bound are keyed
// as before.
func TestLongWordKey(t *testing.T) {
	atBound := strings.Repeat("ab", MaxWordLen/2-1) + "en" // MaxWordLen bytes, a plural ending
	if len(atBound) != MaxWordLen {
		t.Fatalf("test word of %d bytes", len(atBound))
	}
	over := strings.Repeat("ab", MaxWordLen/2) + "en"
	tests := []struct {
		name, lang, word, want string
	}{
		{"nl at the bound is stemmed", "nl", atBound, atBound[:MaxWordLen-2]},
		{"nl over the bound", "nl", over, over},
		{"nl over the bound, folded", "nl", strings.ToUpper(over), over},
		{"nl over the bound, with 's", "nl", over + "'s", over},
		{"en over the bound", "en", strings.Repeat("ab", MaxWordLen/2) + "ing", strings.Repeat("ab", MaxWordLen/2) + "ing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.lang, tt.word); got != tt.want {
				t.Errorf("Key(%s, %.20q…) = %.20q… (%d bytes), want %.20q… (%d bytes)", tt.lang, tt.word, got, len(got), tt.want, len(tt.want))
			}
			if tt.lang == "nl" || len(tt.word) > MaxWordLen {
				if got := TermKey(tt.lang, tt.word); got != tt.want {
					t.Errorf("TermKey(%s, %.20q…) = %.20q… (%d bytes), want %.20q… (%d bytes)", tt.lang, tt.word, got, len(got), tt.want, len(tt.want))
				}
			}
		})
	}
}

// TestLongWordCost keys one-word texts of up to 2 MB in both languages with Key
// and TermKey, and analyses 256 KB ones; the Dutch key of a 2 MB word took
// minutes with the suffix walk. The cost is now linear: alone the test
// takes about 0.1 s (a few seconds with -race on a loaded machine), and
// the bound of 60 s leaves room for CI. The analyzer must not hand the
// splitter a word over MaxWordLen (guardSplitter panics).
func TestLongWordCost(t *testing.T) {
	const n = 2 << 20
	// The accented word is shorter: folding it (Unicode normalisation) is
	// linear but slow under -race.
	words := []string{strings.Repeat("a", n), strings.Repeat("ab", n/2) + "en", strings.Repeat("é", n/8) + "s"}
	done := make(chan struct{})
	var step atomic.Value
	step.Store("start")
	go func() {
		defer close(done)
		for _, w := range words {
			for _, lang := range []string{"nl", "en"} {
				step.Store("Key " + lang)
				Key(lang, w)
				step.Store("TermKey " + lang)
				TermKey(lang, w)
			}
		}
		step.Store("Dutch analysis")
		an := newDutchAnalyzer(guardSplitter{}, overrides())
		for _, w := range words {
			if ts := an.Analyze([]byte(w[:256<<10])); len(ts) != 1 {
				t.Errorf("Dutch analysis: %d tokens, want 1", len(ts))
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("keying a 2 MB word has not finished after 60 s (at %s)", step.Load())
	}
}

// guardSplitter is a Decompounder that fails the test (by panicking,
// as it runs inside the analyzer) when given a word over MaxWordLen.
type guardSplitter struct{}

func (guardSplitter) Split(w string) []string {
	if len(w) > MaxWordLen {
		panic(fmt.Sprintf("Split called with a word of %d bytes, over MaxWordLen", len(w)))
	}
	return nil
}

// TestLongWordIndexed: a passage whose only word is 300 KB long is
// indexed and found by that word, through the stemmed field too (its key
// is the word itself, at index and query time alike).
func TestLongWordIndexed(t *testing.T) {
	ix, err := NewMemory(Options{Decompounder: guardSplitter{}})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	long := strings.Repeat("ab", 150_000) + "en"
	ctx := context.Background()
	if err := ix.Add(ctx, []Passage{{ID: "d@v#1", Doc: "d", Paragraph: 1, Text: "Het woord " + long + " staat hier."}}); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Count(); err != nil || n != 1 {
		t.Fatalf("Count = %d, %v; want 1", n, err)
	}
	keys := ix.Keys("nl", long)
	if len(keys) != 1 || keys[0] != long || keys[0] != Key("nl", long) {
		t.Fatalf("Keys(nl, the word) = %d keys, want the word itself, as Key gives it", len(keys))
	}
	df, _, err := ix.DocFreqs(ctx, keys)
	if err != nil || df[long] != 1 {
		t.Errorf("the stemmed field holds the word in %d passages (%v), want 1", df[long], err)
	}
}
