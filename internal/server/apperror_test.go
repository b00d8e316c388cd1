package server

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/app"
)

// TestAppErrorWrapped: an *app.Error is answered with its category's
// status and code and its own Message, however it is wrapped. The
// message was err.Error() with the category's text cut out, which left
// "lookup: there is no document \"brief\": not found; tried twice" for
// the first case: the surgery found the category only at an end or
// between two ": ".
func TestAppErrorWrapped(t *testing.T) {
	doc := &app.Error{Kind: app.ErrNotFound, Message: `there is no document "brief"`}
	for _, tc := range []struct {
		name string
		err  error
		want apiError
	}{
		{"bare", doc, apiError{http.StatusNotFound, "not_found", `there is no document "brief"`}},
		{"wrapped with text after it", fmt.Errorf("lookup: %w; tried twice", doc), apiError{http.StatusNotFound, "not_found", `there is no document "brief"`}},
		{"wrapped twice", fmt.Errorf("server: %w (while reading)", fmt.Errorf("app: %w", doc)), apiError{http.StatusNotFound, "not_found", `there is no document "brief"`}},
		{"stale", fmt.Errorf("saving: %w", &app.Error{Kind: app.ErrStale, Message: `concept "c1" does not exist (If-Match)`}),
			apiError{http.StatusPreconditionFailed, "stale", `concept "c1" does not exist (If-Match)`}},
		{"bad request", &app.Error{Kind: app.ErrBadRequest, Message: "sort must be left or right, not \"up\""},
			apiError{http.StatusBadRequest, "bad_request", "sort must be left or right, not \"up\""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := classify(tc.err)
			if got == nil {
				t.Fatalf("classify(%v) = nil", tc.err)
			}
			if diff := cmp.Diff(tc.want, *got); diff != "" {
				t.Errorf("classify(%v) (-want +got):\n%s", tc.err, diff)
			}
		})
	}
}
