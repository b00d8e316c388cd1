package server

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestConcordancePaging: total counts all the lines, not the page's (it
// was the page's length: limit=1 gave total 1), and offset pages through
// them in the order sort gives.
func TestConcordancePaging(t *testing.T) {
	ts := newTestServer(t, nil)
	type page struct {
		Total int `json:"total"`
		Lines []struct {
			Doc   string `json:"doc"`
			Start int    `json:"start"`
		} `json:"lines"`
	}
	for _, sort := range []string{"", "right"} {
		var all page
		if code := get(t, ts, "/api/v1/concordance?term=staatsgreep&sort="+sort, &all); code != http.StatusOK {
			t.Fatalf("sort=%q: status %d", sort, code)
		}
		if all.Total != len(all.Lines) || all.Total < 3 {
			t.Fatalf("sort=%q: total %d, %d lines; want them equal and at least 3", sort, all.Total, len(all.Lines))
		}
		var paged page
		for offset := 0; offset < all.Total; offset += 2 {
			var p page
			path := "/api/v1/concordance?term=staatsgreep&limit=2&sort=" + sort + "&offset=" + itoa(offset)
			if code := get(t, ts, path, &p); code != http.StatusOK {
				t.Fatalf("%s: status %d", path, code)
			}
			if p.Total != all.Total {
				t.Errorf("%s: total %d, want %d", path, p.Total, all.Total)
			}
			paged.Lines = append(paged.Lines, p.Lines...)
		}
		if diff := cmp.Diff(all.Lines, paged.Lines); diff != "" {
			t.Errorf("sort=%q: the pages differ from the whole (-want +got):\n%s", sort, diff)
		}
		var past page
		get(t, ts, "/api/v1/concordance?term=staatsgreep&offset=5000", &past)
		if past.Total != all.Total || len(past.Lines) != 0 {
			t.Errorf("offset past the end: total %d, %d lines; want %d, 0", past.Total, len(past.Lines), all.Total)
		}
	}
}
