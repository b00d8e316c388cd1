package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// slowPost posts half of a text to annotate, waits pause and sends the
// rest: the answer's status and body.
func slowPost(t *testing.T, url string, pause time.Duration) (int, string) {
	t.Helper()
	pr, pw := io.Pipe()
	go func() {
		io.WriteString(pw, "De staatsgreep in Mali. ")
		time.Sleep(pause)
		io.WriteString(pw, "De junta.")
		pw.Close()
	}()
	resp, err := http.Post(url, "text/plain", pr)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeTimeouts: serve's time limits are set by flags or, where the
// command line does not, by the environment (they were fixed in the code:
// an administrator behind a slow link or a proxy could not change them).
func TestServeTimeouts(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  func(string) string
		args []string
		want string
	}{
		{"environment", env("TOLK_READ_TIMEOUT", "700ms", "TOLK_READ_HEADER_TIMEOUT", "300ms"), nil, "within 700ms"},
		{"flag before environment", env("TOLK_READ_TIMEOUT", "700ms"), []string{"--read-timeout", "800ms", "--read-header-timeout", "300ms"}, "within 800ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr, _ := startServe(t, tc.env, append([]string{"--memory"}, tc.args...)...)
			code, body := slowPost(t, "http://"+addr+"/api/v1/annotate?lang=nl", 2*time.Second)
			if code != http.StatusRequestTimeout || !strings.Contains(body, tc.want) {
				t.Errorf("slow body: %d %s, want 408 %q", code, body, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name string
		env  func(string) string
		args []string
		want string
	}{
		{"bad value in the environment", env("TOLK_WRITE_TIMEOUT", "abc"), nil, `TOLK_WRITE_TIMEOUT="abc"`},
		{"writer shorter than anyone", env(), []string{"--write-body-timeout", "5s"}, "write-body timeout (5s) is shorter than the read timeout (30s)"},
		{"negative shutdown", env(), []string{"--shutdown-timeout", "-1s"}, "--shutdown-timeout is negative"},
		{"trusted proxy not an address", env("TOLK_TRUSTED_PROXIES", "127.0.0.1, proxy.local"), nil, `--trusted-proxies: "proxy.local" is neither an IP address nor a network`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := run(context.Background(), append([]string{"serve", "--memory", "--addr", "127.0.0.1:0"}, tc.args...), tc.env, nil, io.Discard, io.Discard)
			var ue *usageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("serve: %v, want a usage error with %q", err, tc.want)
			}
		})
	}
}

// TestServeShutdownTimeout: a request still running when the shutdown's
// wait (--shutdown-timeout) ends is cut off, and serve says so instead of
// "context deadline exceeded".
func TestServeShutdownTimeout(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--memory", "--tm-seed", "none", "--addr", "127.0.0.1:0", "--shutdown-timeout", "300ms"}, env(), nil, io.Discard, pw)
		pw.Close()
	}()
	found := make(chan string, 1)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := pr.Read(buf)
			logs.WriteString(string(buf[:n]))
			if m := listening.FindStringSubmatch(logs.String()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	var addr string
	select {
	case addr = <-found:
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start:\n%s", logs)
	}
	go slowPost(t, "http://"+addr+"/api/v1/annotate?lang=nl", 5*time.Second)
	time.Sleep(300 * time.Millisecond) // the request has begun
	cancel()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "requests still running after 300ms (--shutdown-timeout) were cut off") {
			t.Errorf("serve: %v, want the requests cut off named", err)
		}
	case <-time.After(4 * time.Second):
		t.Fatal("serve did not stop within 4 s with --shutdown-timeout 300ms")
	}
	// The log's last line says the data was closed (it ended at
	// "shutting down", whatever happened after).
	time.Sleep(100 * time.Millisecond) // the log's reader catches up
	if !strings.Contains(logs.String(), `msg=stopped`) {
		t.Errorf("no stopped line in the log:\n%s", logs)
	}
}
