package ingest

import "testing"

// TestPageCount: "1 page", "2 pages", never "page(s)".
func TestPageCount(t *testing.T) {
	for n, want := range map[int]string{1: "1 page", 2: "2 pages", 0: "0 pages"} {
		if got := pageCount(n); got != want {
			t.Errorf("pageCount(%d) = %q, want %q", n, got, want)
		}
	}
}
