package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"testing"
)

// TestServeSearchCache: tolk serve answers a repeated search from its
// result cache by default (the metrics count the hit, and both answers
// are the same), not with --search-cache 0, and refuses a bad size.
func TestServeSearchCache(t *testing.T) {
	hits := regexp.MustCompile(`(?m)^tolk_search_cache_hits_total (\S+)$`)
	get := func(t *testing.T, url string) string {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %v\n%s", url, resp.StatusCode, err, b)
		}
		return string(b)
	}
	// Took differs between two answers; the rest must not.
	took := regexp.MustCompile(`"took_ms":[0-9.e+-]+`)
	for _, tt := range []struct {
		name   string
		args   []string
		cached bool
	}{
		{"default", nil, true},
		{"off", []string{"--search-cache", "0"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			addr, _ := startServe(t, env(), append([]string{"--memory"}, tt.args...)...)
			var answers []string
			for range 3 {
				answers = append(answers, took.ReplaceAllString(get(t, "http://"+addr+"/api/v1/search?q=sancties+Mali"), ""))
			}
			if answers[0] != answers[1] || answers[1] != answers[2] {
				t.Errorf("the same search answered differently:\n%s\n%s\n%s", answers[0], answers[1], answers[2])
			}
			m := hits.FindStringSubmatch(get(t, "http://"+addr+"/metrics"))
			if m == nil {
				t.Fatal("no tolk_search_cache_hits_total in /metrics")
			}
			// At most 2 of the 3 can be hits; a merge of the index between
			// two requests (a new snapshot) can make one a miss.
			if n, err := strconv.ParseFloat(m[1], 64); err != nil || (n >= 1 && n <= 2) != tt.cached || (!tt.cached && n != 0) {
				t.Errorf("tolk_search_cache_hits_total %s, cache on %t", m[1], tt.cached)
			}
		})
	}
	t.Run("a bad size", func(t *testing.T) {
		err := run(context.Background(), []string{"serve", "--memory", "--search-cache", "much"}, env(), nil, io.Discard, io.Discard)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Fatalf("run: %v, want a usage error", err)
		}
	})
}
