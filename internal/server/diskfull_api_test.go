package server

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/store"
	"github.com/tolk-nl/tolk/internal/tmpfstest"
)

// TestClassifyDiskFull: a write that failed on a full disk, however the
// layers wrapped it, answers 507 disk_full, not a bare 500.
func TestClassifyDiskFull(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"ENOSPC from a write", fmt.Errorf("app: %w", &fs.PathError{Op: "write", Path: "tolk.db", Err: syscall.ENOSPC})},
		{"quota", fmt.Errorf("app: %w", &fs.PathError{Op: "write", Path: "tolk.db", Err: syscall.EDQUOT})},
		{"store.ErrNoSpace", fmt.Errorf("app: store: document %q: %w", "x", store.ErrNoSpace)},
		{"index not persisted (a bulk load)", fmt.Errorf("app: bulk load: %w: 5 attempts to write it failed (is the disk full?)", index.ErrNotPersisted)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ae := classify(tc.err)
			if ae == nil || ae.Status != http.StatusInsufficientStorage || ae.Code != "disk_full" {
				t.Errorf("classify: %+v, want 507 disk_full", ae)
			}
		})
	}
	if ae := classify(errors.New("app: something else")); ae != nil {
		t.Errorf("an unknown error classified as %+v, want nil (500 internal)", ae)
	}
}

// serveDataDir opens the data directory dir and serves it with the test
// token over httptest; the caller closes both.
func serveDataDir(t *testing.T, dir string) (*app.App, *httptest.Server) {
	t.Helper()
	a, err := app.Open(context.Background(), app.Config{DataDir: dir})
	if err != nil {
		t.Fatalf("open the data dir: %v", err)
	}
	srv, err := New(a, Options{Tokens: map[string]string{testToken: "tester"}})
	if err != nil {
		t.Fatal(err)
	}
	return a, httptest.NewServer(srv)
}

// TestUploadDiskFull uploads documents through the API into a data
// directory on a small tmpfs until the disk is full, then creates glossary
// concepts on the full disk: every write answers 201 or 507 disk_full
// (never 500, never a panic), and in place, after reopening on the full
// disk and with room again, each 201 is GET-able (a document also found by
// a search) and each 507 is neither.
func TestUploadDiskFull(t *testing.T) {
	dir := tmpfstest.Mount(t, 3<<20)
	letter := func(word string) string {
		var b strings.Builder
		b.WriteString("Geachte voorzitter,\n\n")
		for i := range 40 {
			fmt.Fprintf(&b, "Alinea %d gaat over het %s.\n\n", i, word)
		}
		return b.String()
	}
	// word is a word only document id holds: ten letters from a hash of
	// the id, so that no search (fuzzy included) finds another document.
	word := func(id string) string {
		sum := sha256.Sum256([]byte(id))
		w := make([]byte, 10)
		for i := range w {
			w[i] = 'a' + sum[i]%26
		}
		return string(w)
	}
	a, ts := serveDataDir(t, dir)
	acked := map[string]bool{} // id → answered 201
	full := 0
	for i := 0; full < 5 && i < 1000; i++ {
		id := fmt.Sprintf("upload%d", i)
		code, body := send(t, "POST", ts.URL+"/api/v1/documents?name="+id+".txt", testToken, letter(word(id)))
		switch code {
		case http.StatusCreated:
			acked[id] = true
		case http.StatusInsufficientStorage:
			var e struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(body, &e); err != nil || e.Error.Code != "disk_full" {
				t.Errorf("upload %s: 507 with %s, want code disk_full", id, body)
			}
			acked[id] = false
			full++
		default:
			t.Fatalf("upload %s: %d %s, want 201 or 507", id, code, body)
		}
	}
	if full == 0 || len(acked) == full {
		t.Fatalf("%d uploads, %d answered 507: the disk never filled, or nothing fitted", len(acked), full)
	}
	t.Logf("%d uploads, %d answered 507", len(acked), full)
	// Glossary writes on the full disk: each answers 201 or 507 too.
	concepts := map[string]bool{} // id (the slug of the term) → answered 201
	long := strings.Repeat("Een lange definitie. ", 400)
	for i := range 5 {
		term := "begrip" + word(fmt.Sprint("concept", i))
		body := fmt.Sprintf(`{"collection":"mine","definition":{"nl":%q},"terms":[{"lang":"nl","text":%q}]}`, long, term)
		req, _ := http.NewRequest("POST", ts.URL+"/api/v1/glossary", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+testToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusCreated:
			concepts[term] = true
		case http.StatusInsufficientStorage:
			concepts[term] = false
		default:
			t.Fatalf("create concept %s on the full disk: %d, want 201 or 507", term, resp.StatusCode)
		}
	}
	t.Logf("concepts created on the full disk (id → 201): %v", concepts)
	check := func(t *testing.T, ts *httptest.Server) {
		for id, ok := range concepts {
			code, _ := send(t, "GET", ts.URL+"/api/v1/glossary/"+id, "", "")
			if want := map[bool]int{true: 200, false: 404}[ok]; code != want {
				t.Errorf("concept %s (created: %t): GET %d, want %d", id, ok, code, want)
			}
		}
		for id, ok := range acked {
			code, _ := send(t, "GET", ts.URL+"/api/v1/documents/"+id, "", "")
			var res struct{ Total int }
			if c := get(t, ts, "/api/v1/search?q="+word(id), &res); c != 200 {
				t.Fatalf("search %s: %d", id, c)
			}
			switch {
			case ok && (code != 200 || res.Total != 40):
				t.Errorf("%s answered 201: GET %d, %d passages found, want 200 and 40", id, code, res.Total)
			case !ok && (code != 404 || res.Total != 0):
				t.Errorf("%s answered 507: GET %d, %d passages found, want 404 and none", id, code, res.Total)
			}
		}
	}
	t.Run("in place", func(t *testing.T) { check(t, ts) })
	ts.Close()
	a.Close() // on the full disk the index may not reach it: the store has every document
	t.Run("reopened on the full disk", func(t *testing.T) {
		a, ts := serveDataDir(t, dir)
		defer func() { ts.Close(); a.Close() }()
		check(t, ts)
	})
	tmpfstest.Resize(t, dir, 64<<20)
	t.Run("reopened with room", func(t *testing.T) {
		a, ts := serveDataDir(t, dir)
		defer func() { ts.Close(); a.Close() }()
		check(t, ts)
	})
}
