package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/app"
)

// TestTimeoutsValidate: limits that cannot work together are refused,
// naming the two; zero fields are the defaults.
func TestTimeoutsValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		t    Timeouts
		want string // part of the error; "" for none
	}{
		{"defaults", Timeouts{}, ""},
		{"longer write body", Timeouts{Read: time.Minute, WriteBody: time.Hour}, ""},
		{"negative", Timeouts{Idle: -time.Second}, "idle timeout is negative"},
		{"head longer than request", Timeouts{Read: time.Second}, "read-header timeout (5s) is longer than the read timeout (1s)"},
		{"writer shorter", Timeouts{WriteBody: 10 * time.Second}, "write-body timeout (10s) is shorter than the read timeout (30s)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.t.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Validate: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Validate: %v, want %q", err, tc.want)
			}
		})
	}
}

// TestHTTPServerTimeouts: the http.Server a Server gives carries the
// configured limits, the defaults where none is given, and a request body
// too slow for the read timeout answers 408 naming that timeout (it named
// the write-body timeout, 10m0s, which only an authorised write gets).
func TestHTTPServerTimeouts(t *testing.T) {
	a := openDefault(t, app.Config{Memory: true})
	t.Cleanup(func() { a.Close() })
	srv, err := New(a, Options{Tokens: map[string]string{editorToken: "alice"}, Timeouts: Timeouts{ReadHeader: 200 * time.Millisecond, Read: 500 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	hs := srv.HTTPServer()
	got := Timeouts{ReadHeader: hs.ReadHeaderTimeout, Read: hs.ReadTimeout, Write: hs.WriteTimeout, Idle: hs.IdleTimeout}
	want := Timeouts{ReadHeader: 200 * time.Millisecond, Read: 500 * time.Millisecond, Write: time.Minute, Idle: 2 * time.Minute}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("http.Server timeouts (-want +got):\n%s", diff)
	}
	if hs.MaxHeaderBytes != MaxHeaderBytes {
		t.Errorf("MaxHeaderBytes %d, want %d", hs.MaxHeaderBytes, MaxHeaderBytes)
	}
	if _, err := New(a, Options{Timeouts: Timeouts{WriteBody: time.Second}}); err == nil {
		t.Error("New with a write-body timeout under the read timeout: no error")
	}

	ts := httptest.NewUnstartedServer(srv)
	ts.Config = hs
	ts.Start()
	t.Cleanup(ts.Close)
	body := &slowBody{data: []byte(strings.Repeat("De staatsgreep in Mali. ", 100)), pause: 1500 * time.Millisecond}
	resp, err := http.Post(ts.URL+"/api/v1/annotate?lang=nl", "text/plain", body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(string(b), "within 500ms") {
		t.Errorf("slow anonymous body: %d %s, want 408 naming 500ms", resp.StatusCode, b)
	}
}
