package omegat

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestReadBounded: 64 MiB of four-byte lines (the server's upload
// limit) made 16.7 million concepts, a 15 GB heap and 92 s before; now
// each reader stops at the concept budget (about 130,000 such concepts)
// with an error wrapping ErrTooLarge and naming the line. The readers
// stream, so the test gives them a million lines, not 16 million: what
// follows the refusal is never read.
func TestReadBounded(t *testing.T) {
	in := strings.Repeat("a\tb\n", 1<<20)
	for name, read := range map[string]func(string) ([]glossary.Concept, error){
		"omegat": func(s string) ([]glossary.Concept, error) { return Read(strings.NewReader(s)) },
		"tsv":    func(s string) ([]glossary.Concept, error) { return ReadTSV(strings.NewReader(s)) },
		"freedict": func(s string) ([]glossary.Concept, error) {
			return ReadFreeDict(strings.NewReader(strings.ReplaceAll(s, "\t", "\t\t")))
		},
	} {
		t.Run(name, func(t *testing.T) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			cs, err := read(in)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrTooLarge) || cs != nil || !strings.Contains(err.Error(), "line ") {
				t.Fatalf("= %d concepts, %v; want an error wrapping ErrTooLarge naming the line", len(cs), err)
			}
			if total := after.TotalAlloc - before.TotalAlloc; total > 512<<20 {
				t.Errorf("allocated %d MiB, want under 512", total>>20)
			}
			t.Logf("%v; allocated %d MiB", err, (after.TotalAlloc-before.TotalAlloc)>>20)
		})
	}
}
