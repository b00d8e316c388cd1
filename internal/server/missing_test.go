package server

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestSearchSaysWhatIsMissing: a passage that lacks part of the query
// says which part, in the API (missing) and on the page (Ontbreekt:, the
// part struck through); one that has all parts says nothing. On the
// letter, "sanctions ECOWAS" finds the passage with both first and
// passages with one of them after it.
func TestSearchSaysWhatIsMissing(t *testing.T) {
	ts := newTestServer(t, nil)
	var res struct {
		Hits []struct {
			Paragraph int      `json:"paragraph"`
			Missing   []string `json:"missing"`
			Matched   []struct {
				Query string `json:"query"`
			} `json:"matched"`
		} `json:"hits"`
	}
	if code := get(t, ts, "/api/v1/search?q=sanctions+ECOWAS&lang=en", &res); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	var complete, partial int
	for _, h := range res.Hits {
		var queries []string
		for _, m := range h.Matched {
			queries = append(queries, m.Query)
		}
		for _, w := range []string{"sanctions", "ECOWAS"} {
			if slices.Contains(queries, w) == slices.Contains(h.Missing, w) {
				t.Errorf("paragraph %d: matched %v, missing %v: %s is neither or both", h.Paragraph, queries, h.Missing, w)
			}
		}
		if len(h.Missing) == 0 {
			complete++
		} else {
			partial++
		}
	}
	if complete == 0 || partial == 0 || len(res.Hits[0].Missing) != 0 {
		t.Fatalf("%d passages with both words, %d with one, the first missing %v: want both kinds, the complete first", complete, partial, res.Hits[0].Missing)
	}
	resp, err := http.Get(ts.URL + "/?q=sanctions+ECOWAS&lang=en")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	if n := strings.Count(string(page), `<p class="missing">`); n != partial {
		t.Errorf("the page says what is missing for %d passages, want %d", n, partial)
	}
	if !strings.Contains(string(page), "Ontbreekt:</span> <s>sanctions</s>") && !strings.Contains(string(page), "Ontbreekt:</span> <s>ECOWAS</s>") {
		t.Errorf("the page does not strike the missing word through:\n%s", page)
	}
}
