package index

import (
	"bufio"
	"path/filepath"
	"testing"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// sharedDir returns ../shared relative to the module root (the directory
// holding go.mod), or skips the test when it is absent.
func sharedDir(tb testing.TB, sub string) string {
	tb.Helper()
	return sharedtest.Path(tb, sub)
}

// readLines reads a text file under ../shared (gunzipped when its name
// ends in .gz). The path is sharedDir's result joined with a file name,
// so it is made relative to the shared directory again for sharedtest.
func readLines(tb testing.TB, path string) []string {
	tb.Helper()
	rel, err := filepath.Rel(sharedtest.Dir(tb), path)
	if err != nil {
		tb.Fatal(err)
	}
	var lines []string
	sc := bufio.NewScanner(sharedtest.Open(tb, rel))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return lines
}
