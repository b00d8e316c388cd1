package tmx

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzRead: Read never panics, and what it accepts survives a round trip
// through Write unchanged. The committed corpus is in
// testdata/fuzz/FuzzRead; the fixtures are added as seeds too.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"trados.tmx", "memoq-windows-1252.tmx"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, b.Segments, Header{}); err != nil {
			t.Fatal(err)
		}
		again, err := Read(&buf)
		if err != nil {
			t.Fatalf("reading the export: %v\n%s", err, buf.Bytes())
		}
		if diff := cmp.Diff(b.Segments, again.Segments); diff != "" {
			t.Errorf("round trip (-first +second):\n%s", diff)
		}
	})
}
