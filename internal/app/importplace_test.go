package app

import "testing"

// TestImportPlaceAndMoreOf: the import warnings' place prefix and their
// "and … more" count, singular for one (it said "and 1 more concepts").
func TestImportPlaceAndMoreOf(t *testing.T) {
	if w, p := importPlace([]string{"line 2", "line 4"}, 1); w != "line 4" || p != "line 4: " {
		t.Errorf("importPlace = %q, %q", w, p)
	}
	if w, p := importPlace(nil, 3); w != "" || p != "" {
		t.Errorf("importPlace without places = %q, %q", w, p)
	}
	for n, want := range map[int]string{1: "1 more concept", 2: "2 more concepts"} {
		if got := moreOf(n, "concept"); got != want {
			t.Errorf("moreOf(%d) = %q, want %q", n, got, want)
		}
	}
}
