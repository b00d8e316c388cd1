package server

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/google/go-cmp/cmp"
)

// TestWriteJSONAsGin checks that writeJSON answers with the bytes and
// headers gin's c.JSON writes, for values with HTML characters, non-ASCII
// text and nothing at all, twice each so that a reused buffer is seen.
func TestWriteJSONAsGin(t *testing.T) {
	gin.SetMode(gin.TestMode)
	values := []any{
		map[string]any{"text": "Aan de <mark>behandeling</mark> & zo", "n": 3},
		[]string{"één", "Noord- en Centraal-Mali", "\u2028"},
		nil,
		map[string]any{},
	}
	answer := func(write func(*gin.Context)) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(w)
		write(c)
		return w
	}
	for round := 0; round < 2; round++ {
		for i, v := range values {
			want := answer(func(c *gin.Context) { c.JSON(http.StatusOK, v) })
			got := answer(func(c *gin.Context) { writeJSON(c, http.StatusOK, v) })
			if d := cmp.Diff(want.Body.String(), got.Body.String()); d != "" {
				t.Errorf("value %d, round %d: body (-c.JSON +writeJSON):\n%s", i, round, d)
			}
			if w, g := want.Header().Get("Content-Type"), got.Header().Get("Content-Type"); w != g {
				t.Errorf("value %d: Content-Type %q, want %q", i, g, w)
			}
			if want.Code != got.Code {
				t.Errorf("value %d: status %d, want %d", i, got.Code, want.Code)
			}
		}
	}
}
