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
