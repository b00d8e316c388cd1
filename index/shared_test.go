package index

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// sharedDir returns ../shared relative to the module root (the directory
// holding go.mod), or skips the test when it is absent.
func sharedDir(tb testing.TB, sub string) string {
	tb.Helper()
	return sharedtest.Path(tb, sub)
}

// readLines reads a text file (gunzipped when its name ends in .gz).
func readLines(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		r = zr
	}
	var lines []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return lines
}
