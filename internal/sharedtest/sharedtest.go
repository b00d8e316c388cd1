// Package sharedtest finds the shared test data (../shared beside the
// repository) for tests and benchmarks that need real corpora.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared data directory, or skips the test with a message
// when it is absent. With TOLK_REQUIRE_SHARED=1 (set by CI) a missing
// directory fails the test instead.
func Dir(tb testing.TB) string {
	tb.Helper()
	if d, ok := find(); ok {
		return d
	}
	if os.Getenv("TOLK_REQUIRE_SHARED") == "1" {
		tb.Fatal("../shared (beside the repository) is missing and TOLK_REQUIRE_SHARED=1")
	}
	tb.Skip("skipping: ../shared (real corpora beside the repository) is absent")
	return ""
}

// Path returns a path under the shared directory, skipping as Dir does
// when the directory or that path is absent.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Dir(tb)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("TOLK_REQUIRE_SHARED") == "1" {
			tb.Fatalf("shared data %s is missing and TOLK_REQUIRE_SHARED=1", p)
		}
		tb.Skipf("skipping: shared data %s is absent", p)
	}
	return p
}

func find() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(filepath.Dir(dir), "shared")
			if fi, err := os.Stat(d); err == nil && fi.IsDir() {
				return d, true
			}
			return "", false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
