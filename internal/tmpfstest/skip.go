package tmpfstest

import (
	"os"
	"testing"
)

// unavailable skips the test, or fails it when TOLK_REQUIRE_TMPFS=1.
func unavailable(tb testing.TB, err error) {
	tb.Helper()
	if os.Getenv("TOLK_REQUIRE_TMPFS") == "1" {
		tb.Fatalf("tmpfstest: cannot mount a tmpfs (%v) and TOLK_REQUIRE_TMPFS=1", err)
	}
	tb.Skipf("skipping: cannot mount a tmpfs to fill (%v); run as root to test a full disk", err)
}
