package lexicon

import (
	"bytes"
	"compress/gzip"
	"io"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzRead feeds Read the text of a lexicon file (compressed here, so that
// the fuzzer works on the lines rather than on gzip's bytes). Read never
// panics; what it accepts writes, reads back equal within the file's
// precision, and from then on round-trips exactly.
func FuzzRead(f *testing.F) {
	f.Add([]byte(header + "f\ten\ttreati\t40\nt\ten\ttreati\tverdrag\t0.7\t28\nt\ten\ttreati\tovereenkomst\t0.25\t10\n"))
	f.Add([]byte(header + "f\tnl\tverdrag\t30\nt\tnl\tverdrag\ttreati\t0.9\t27\nf\tnl\tde\t99\n"))
	f.Add([]byte(header + "t\ten\tw\tv\t0.123456789\t3\nt\ten\tw\tu\t0.12345\t3\n"))
	f.Add([]byte(header + "t\ten\tw\tv\tNaN\t3\n"))
	f.Add([]byte(header + "t\ten\tw\tv\t1e-300\t3\nf\ten\t\t+7\r\nt\ten\tw\tv\t0x1p-2\t0\n"))
	f.Add([]byte("tolk-lexicon 1\t\t0\n"))
	f.Add([]byte("tolk-lexicon 2\t\t0\nt\ten\tnuclear\tkern\t0.4\t9\t8\n"))
	f.Add([]byte("tolk-lexicon 2\ta\t1\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, text []byte) {
		l, err := Read(bytes.NewReader(gzReused(text)))
		if err != nil {
			return
		}
		checkTables(t, l, 1e9) // order and ranges; a file may sum above 1
		once := roundTrip(t, l)
		words := wordsOf(l, once)
		if diff := cmp.Diff(viewOf(l, words), viewOf(once, words), filePrecision); diff != "" {
			t.Errorf("Read(Write(l)) differs (-want +got):\n%s", diff)
		}
		twice := roundTrip(t, once)
		if diff := cmp.Diff(viewOf(once, words), viewOf(twice, words)); diff != "" {
			t.Errorf("a second round trip differs (-want +got):\n%s", diff)
		}
	})
}

// gzWriters keeps gzip writers for FuzzRead: a new one allocates its
// compressor's tables (≈ 0.8 MB), which cost more than the rest of an
// execution. (Write, which the round trips call, still makes a new one.)
var gzWriters = sync.Pool{New: func() any { return gzip.NewWriter(io.Discard) }}

// gzReused is gz with a pooled writer.
func gzReused(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzWriters.Get().(*gzip.Writer)
	defer gzWriters.Put(zw)
	zw.Reset(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// FuzzReadBytes feeds Read raw bytes: whatever they are (gzip or not,
// truncated, concatenated), Read returns a lexicon or an error.
func FuzzReadBytes(f *testing.F) {
	f.Add(gz(header + "f\ten\ttreati\t40\n"))
	f.Add(gz(header + "f\ten\ttreati\t40\n")[:20])
	f.Add(append(gz(header), gz("f\ten\ttreati\t40\n")...))
	f.Add([]byte(header))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read(bytes.NewReader(data))
		if err == nil && l == nil {
			t.Fatal("Read returns neither a lexicon nor an error")
		}
	})
}
