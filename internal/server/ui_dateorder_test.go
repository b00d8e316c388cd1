package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestSearchDateOrder: a range whose from is after its to names that
// problem, in the page's language, with both dates; it was told as an
// unreadable date ("Deze datum is niet te lezen"). The API's message
// names both parameters.
func TestSearchDateOrder(t *testing.T) {
	ts := newTestServer(t, nil)
	const q = "q=eindejaarsuitkering&from=2012-01-01&to=2010-12-31"
	for _, tc := range []struct{ ui, title, msg string }{
		{"nl", "Het begin ligt na het eind", "De datum ‘vanaf’ (2012-01-01) ligt na de datum ‘tot en met’ (2010-12-31)"},
		{"en", "The start is after the end", "The ‘from’ date (2012-01-01) is after the ‘up to’ date (2010-12-31)"},
	} {
		t.Run(tc.ui, func(t *testing.T) {
			req, err := http.NewRequest("GET", ts.URL+"/?"+q+"&ui="+tc.ui, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			text := html2text(b)
			if resp.StatusCode != 400 || !strings.Contains(text, tc.title) || !strings.Contains(text, tc.msg) {
				t.Errorf("status %d, want 400 with %q and %q: %.3000s", resp.StatusCode, tc.title, tc.msg, text)
			}
			for _, bad := range []string{"Deze datum is niet te lezen", "This date cannot be read"} {
				if strings.Contains(text, bad) {
					t.Errorf("the page says %q of two readable dates", bad)
				}
			}
		})
	}
	var e struct {
		Error struct{ Code, Message string }
	}
	code := get(t, ts, "/api/v1/search?"+q, &e)
	if code != 400 || !strings.Contains(e.Error.Message, `from "2012-01-01"`) || !strings.Contains(e.Error.Message, `to "2010-12-31"`) {
		t.Errorf("API: %d %+v, want 400 naming from and to", code, e.Error)
	}
}
