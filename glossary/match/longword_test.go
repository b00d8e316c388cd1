package match

import (
	"strings"
	"sync"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// work counts what a Matcher hands its language tools: calls and bytes
// of words over MaxWordLen.
type work struct {
	mu                   sync.Mutex
	keyCalls, splitCalls int
	longKeys, longSplits int // calls with a word over MaxWordLen
}

func (w *work) options() Options {
	return Options{
		Key: func(lang, word string) string {
			w.mu.Lock()
			w.keyCalls++
			if len(word) > MaxWordLen {
				w.longKeys++
			}
			w.mu.Unlock()
			return crudeKey(lang, word)
		},
		Split: func(word string) []string {
			w.mu.Lock()
			w.splitCalls++
			if len(word) > MaxWordLen {
				w.longSplits++
			}
			w.mu.Unlock()
			if p, ok := strings.CutPrefix(word, "trainings"); ok && p != "" {
				return []string{"training", p}
			}
			return nil
		},
	}
}

// TestLongWordsNotKeyed: the Key and Split functions never see a word
// longer than MaxWordLen, from the terms (NewMatcher) nor from the text
// (Annotate, Candidates, Check), so a KeyFunc whose cost grows faster
// than its word (index.TermKey's did: a 300 KB word cost a second) costs
// a bounded amount per word (issue 10, point 5). A long word still
// matches a term that is that word, by its fold; a term over
// glossary.MaxTermLen, which only an older store can hold, is not
// matched at all.
func TestLongWordsNotKeyed(t *testing.T) {
	word := strings.Repeat("ab", 50) // 100 bytes: a term within MaxTermLen, a word over MaxWordLen
	blob := strings.Repeat("a", 300_000)
	var w work
	m := NewMatcher([]glossary.Concept{
		concept("missie", "nl:missie", "en:mission"),
		concept("long", "nl:"+word, "en:long word"),
		concept("blob", "nl:"+blob, "en:blob"),
	}, w.options())
	text := "De trainingsmissie. " + strings.ToUpper(word) + " en " + blob + " " + strings.Repeat("trainings", 20_000) + "missie."
	got := m.Annotate(text, "")
	checkAnnotations(t, text, got)
	var ids []string
	for _, a := range got {
		ids = append(ids, a.Concept+" "+a.Via)
	}
	want := []string{"missie compound", "long fold"}
	if strings.Join(ids, ", ") != strings.Join(want, ", ") {
		t.Errorf("annotations %q, want %q", ids, want)
	}
	m.Candidates(text, 10)
	m.Check(text, "The mission.")
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.longKeys != 0 || w.longSplits != 0 {
		t.Errorf("Key was called with %d words over MaxWordLen (of %d calls), Split with %d (of %d)", w.longKeys, w.keyCalls, w.longSplits, w.splitCalls)
	}
	if w.keyCalls == 0 || w.splitCalls == 0 {
		t.Errorf("Key called %d times, Split %d times: the test does not exercise them", w.keyCalls, w.splitCalls)
	}
}
