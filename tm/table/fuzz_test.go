package table

import (
	"bytes"
	"github.com/tolk-nl/tolk/tm"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzTSV: ReadTSV never panics, and what it reads survives WriteTSV.
// Seeds in testdata/fuzz/FuzzTSV.
func FuzzTSV(f *testing.F) {
	f.Add([]byte("a\tb\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadTSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteTSV(&buf, b.Segments); err != nil {
			t.Fatal(err)
		}
		again, err := ReadTSV(&buf)
		if err != nil {
			t.Fatalf("reading the export: %v", err)
		}
		// Props are not exported to TSV.
		if diff := cmp.Diff(b.Segments, again.Segments, cmpopts.IgnoreFields(tmSegment{}, "Props")); diff != "" {
			t.Errorf("round trip (-first +second):\n%s", diff)
		}
	})
}

// FuzzCSV: ReadCSV never panics. Seeds in testdata/fuzz/FuzzCSV.
func FuzzCSV(f *testing.F) {
	f.Add([]byte("nl,en\na,b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadCSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, s := range b.Segments {
			if err := s.Validate(); err != nil {
				t.Errorf("ReadCSV returned an invalid segment: %v", err)
			}
		}
	})
}

type tmSegment = tm.Segment
