package store

import (
	"strings"
	"testing"
	"time"
)

// TestNewerErrorCount: one concept reads in the singular, more in the
// plural; never "concept(s)".
func TestNewerErrorCount(t *testing.T) {
	c := NewerConcept{ID: "wet", Stored: time.Unix(2e9, 0), File: time.Unix(1e9, 0)}
	for _, tc := range []struct {
		cs   []NewerConcept
		want string
	}{
		{[]NewerConcept{c}, "1 concept was changed here after the file's version of it, which would undo that change:"},
		{[]NewerConcept{c, c}, "2 concepts were changed here after the file's version of them, which would undo those changes:"},
	} {
		if got := (&NewerError{Concepts: tc.cs}).Error(); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%q, want %q…", got, tc.want)
		}
	}
}
