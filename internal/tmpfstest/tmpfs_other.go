//go:build !linux

package tmpfstest

import (
	"errors"
	"testing"
)

// Mount skips the test (or fails it under TOLK_REQUIRE_TMPFS=1): tmpfs is
// mounted on Linux only.
func Mount(tb testing.TB, size int) string {
	tb.Helper()
	unavailable(tb, errors.New("not Linux"))
	return ""
}

// Resize is not reached off Linux: Mount skips.
func Resize(tb testing.TB, dir string, size int) { tb.Helper() }

// Free is not reached off Linux: Mount skips.
func Free(tb testing.TB, dir string) int64 { tb.Helper(); return 0 }
