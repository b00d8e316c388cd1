package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/app"
)

// TestBearerSchemeCaseInsensitive: the Authorization scheme is
// case-insensitive (RFC 9110, section 11.1), for the write token and the
// metrics token alike; 'bearer <token>' was refused with 401.
func TestBearerSchemeCaseInsensitive(t *testing.T) {
	ts, _, a := opsServer(t, app.Config{Memory: true}, Options{MetricsToken: "scrape-secret", Tokens: map[string]string{testToken: "test"}})
	t.Cleanup(func() { a.Close() })
	do := func(method, path, auth string) int {
		req, _ := http.NewRequest(method, ts.URL+path, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tc := range []struct {
		scheme string
		ok     bool
	}{
		{"Bearer TOKEN", true},
		{"bearer TOKEN", true},
		{"BEARER TOKEN", true},
		{"Bearer  TOKEN", true}, // more than one space
		{"Basic TOKEN", false},
		{"BearerTOKEN", false},
		{"Bearer ", false},
	} {
		for _, target := range []struct{ method, path, token string }{
			{http.MethodDelete, "/api/v1/documents/geen-document", testToken}, // 404 once admitted
			{http.MethodGet, "/metrics", "scrape-secret"},
		} {
			auth := strings.ReplaceAll(tc.scheme, "TOKEN", target.token)
			code := do(target.method, target.path, auth)
			if admitted := code != http.StatusUnauthorized; admitted != tc.ok {
				t.Errorf("%s %s with %q: %d, admitted %v, want %v", target.method, target.path, auth, code, admitted, tc.ok)
			}
		}
	}
}
