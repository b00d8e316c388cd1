package index

import (
	"bufio"
	"testing"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// sharedDir returns ../shared relative to the module root (the directory
// holding go.mod), or skips the test when it is absent.
func sharedDir(tb testing.TB, sub string) string {
	tb.Helper()
	return sharedtest.Path(tb, sub)
}

// readLines reads a text file under ../shared (elem are the parts of its
// path there), gunzipped when its name ends in .gz.
func readLines(tb testing.TB, elem ...string) []string {
	tb.Helper()
	var lines []string
	sc := bufio.NewScanner(sharedtest.Open(tb, elem...))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return lines
}
