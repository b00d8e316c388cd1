package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestHelpStops checks that -h prints a command's flags and stops there,
// successfully: serve -h started a server after the help.
func TestHelpStops(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "-h"},
		{"serve", "--help", "--addr", "127.0.0.1:0"},
		{"ingest", "-h"},
		{"search", "-h"},
		{"check", "-h"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			start := time.Now()
			// Should a command go on past its help, it works in a
			// directory of the test's, not beside the package.
			data := t.TempDir()
			getenv := func(k string) string {
				if k == "TOLK_DATA" {
					return data
				}
				return ""
			}
			err := run(ctx, args, getenv, strings.NewReader(""), &stdout, &stderr)
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			if ctx.Err() != nil {
				t.Fatalf("run returned only when its context ended, after %v: it did more than print help", time.Since(start))
			}
			if !strings.Contains(stderr.String(), "Usage of") && !strings.Contains(stderr.String(), "-") {
				t.Errorf("no flags printed: %q", stderr.String())
			}
			if strings.Contains(stderr.String(), "listening") {
				t.Errorf("a server was started: %q", stderr.String())
			}
		})
	}
}

// TestServeHelpNamesEnvironment: serve -h names the environment variables
// an administrator needs: the write and metrics tokens were in the README
// only, so -h left writes answering 403 with no way to enable them named.
func TestServeHelpNamesEnvironment(t *testing.T) {
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"serve", "-h"}, env(), strings.NewReader(""), &stderr, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"TOLK_TOKEN=", "TOLK_TOKENS=", "TOLK_METRICS_TOKEN=", "TOLK_TRUSTED_PROXIES", "SIGTERM", "-read-timeout"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("serve -h does not name %s:\n%s", want, stderr.String())
		}
	}
}
