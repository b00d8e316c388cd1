package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPost: every file of the folder is posted once, with its name and the
// token, and the summary counts them; a refused file stops the load with
// the server's answer.
func TestPost(t *testing.T) {
	dir := t.TempDir()
	want := map[string]string{"a.md": "# A\n\nEen brief.", "b.txt": "Nog een brief."}
	for name, text := range want {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	got := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/v1/documents" || r.Header.Get("Authorization") != "Bearer secret-token" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		b, _ := io.ReadAll(r.Body)
		name := r.URL.Query().Get("name")
		mu.Lock()
		defer mu.Unlock()
		if _, ok := got[name]; ok {
			http.Error(w, `{"error":{"code":"exists"}}`, http.StatusConflict)
			return
		}
		got[name] = string(b)
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	var out bytes.Buffer
	args := []string{"-url", srv.URL, "-token", "secret-token", "-corpus", dir}
	if err := postCmd(context.Background(), args, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("posted (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(out.String(), "posted 2 files in ") {
		t.Errorf("summary %q", out.String())
	}
	// Again: the server refuses the names it has.
	err := postCmd(context.Background(), args, &out)
	if err == nil || !strings.Contains(err.Error(), "status 409") || !strings.Contains(err.Error(), "exists") {
		t.Errorf("a refused file: err = %v, want the status and the server's answer", err)
	}
	// With -pid (this process serves the test server): the server's CPU
	// time and peak RSS.
	clear(got)
	out.Reset()
	if err := postCmd(context.Background(), append(args, "-pid", strconv.Itoa(os.Getpid())), &out); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`\nserver CPU [0-9.]+ s, peak RSS [1-9][0-9]* MiB\n$`).MatchString(out.String()) {
		t.Errorf("with -pid: %q, want the server's CPU time and peak RSS", out.String())
	}
}
