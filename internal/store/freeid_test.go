package store

import (
	"fmt"
	"testing"
)

// TestFreeIDProbesOnce: many concepts with the same base in one import
// probe each suffix once, so n identical rows cost n probes, not n²/2
// (issue 10, point 7). The ids are base, base-2, base-3, … in order, and
// suffixes already stored are skipped.
func TestFreeIDProbesOnce(t *testing.T) {
	stored := map[string]bool{"staatsgreep": true, "staatsgreep-3": true}
	probes := 0
	taken := func(id string) bool { probes++; return stored[id] }
	next := map[string]int{}
	const n = 1000
	for i := 0; i < n; i++ {
		id := freeID(taken, "staatsgreep", next)
		if stored[id] {
			t.Fatalf("row %d: id %q is taken", i+1, id)
		}
		stored[id] = true
	}
	if !stored["staatsgreep-2"] || !stored["staatsgreep-4"] || !stored[fmt.Sprintf("staatsgreep-%d", n+2)] {
		t.Errorf("ids not base-2, base-4 … base-%d", n+2)
	}
	// one probe per row, plus one for each suffix that was already taken
	if want := n + 2; probes != want {
		t.Errorf("%d probes for %d rows, want %d", probes, n, want)
	}
	// without the memory every row walks all the taken suffixes again
	probes = 0
	for i := 0; i < 10; i++ {
		stored[freeID(taken, "staatsgreep", nil)] = true
	}
	if probes < 10*n {
		t.Errorf("without next: %d probes, expected the quadratic walk (≥ %d)", probes, 10*n)
	}
}
