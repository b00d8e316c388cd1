package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestPerquery runs perquery against a server in this process: every
// query of the mix is asked -reps times, and the summary counts the
// queries by their number of words.
func TestPerquery(t *testing.T) {
	dir := t.TempDir()
	texts := []string{
		"De minister informeert de Kamer over de gevolgen van de staatsgreep in Mali voor de missie.",
		"Het kabinet steunt de bemiddeling door de regionale organisatie en de terugkeer naar civiel bestuur.",
		"Nederland levert bijdragen aan de stabilisatie en de ontwikkeling van het land en de regio.",
	}
	for i, s := range texts {
		if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(i)+".md"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var fail atomic.Bool
	asked := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			http.Error(w, "no", http.StatusTeapot)
			return
		}
		mu.Lock()
		asked[r.URL.Query().Get("q")]++
		mu.Unlock()
		w.Write([]byte(`{"hits":[]}`))
	}))
	defer srv.Close()
	var out bytes.Buffer
	args := []string{"-url", srv.URL + "/search?q=", "-pid", strconv.Itoa(os.Getpid()), "-corpus", dir, "-reps", "3", "-queries", "12", "-each"}
	if err := perqueryCmd(context.Background(), args, &out); err != nil {
		t.Fatal(err)
	}
	if len(asked) == 0 {
		t.Fatal("no query was asked")
	}
	words := map[int]int{}
	for q, n := range asked {
		if n != 3 {
			t.Errorf("query %q asked %d times, want 3", q, n)
		}
		words[len(strings.Fields(q))]++
	}
	for w, n := range words {
		want := strconv.Itoa(w) + "-word queries: " + strconv.Itoa(n) + ", server CPU "
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if !strings.Contains(out.String(), "all: "+strconv.Itoa(len(asked))+", server CPU ") {
		t.Errorf("output lacks the total of %d queries:\n%s", len(asked), out.String())
	}

	fail.Store(true)
	if err := perqueryCmd(context.Background(), args, &out); err == nil || !strings.Contains(err.Error(), "status 418") {
		t.Errorf("a failing server: err = %v, want status 418", err)
	}
}
