package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/index"
)

// tolk runs the command in-process and returns its stdout and stderr.
func tolk(getenv func(string) string, args ...string) (stdout, stderr string, err error) {
	var out, errb bytes.Buffer
	err = run(context.Background(), args, getenv, nil, &out, &errb)
	return out.String(), errb.String(), err
}

// TestCheckCommand damages a data directory's index behind tolk's back
// (a document's passages deleted, orphan passages added): tolk check
// names both and exits with an error, --repair repairs, and a second
// check is clean.
func TestCheckCommand(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	var paths []string
	for _, name := range []string{"eerste.txt", "tweede.txt"} {
		p := filepath.Join(files, name)
		text := "Geachte voorzitter,\n\nDeze brief gaat over " + strings.TrimSuffix(name, ".txt") + ".\n\nEn nog een alinea.\n"
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if _, msg, err := tolk(env(), append([]string{"ingest", "--data", dir}, paths...)...); err != nil {
		t.Fatalf("ingest: %v\n%s", err, msg)
	}

	// The index as tolk built it: with its compound splitter.
	cfg, err := appConfig(dataFlags{data: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{Decompounder: cfg.Splitter})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := ix.PassageIDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var gone []string
	for _, id := range ids {
		if strings.HasPrefix(id, "tweede@") {
			gone = append(gone, id)
		}
	}
	if len(gone) == 0 {
		t.Fatalf("no passages of tweede in %v", ids)
	}
	err = errors.Join(ix.Delete(context.Background(), gone),
		ix.Add(context.Background(), []index.Passage{{ID: "weg@abc#1", Doc: "weg", Paragraph: 1, Text: "verweesde passage"}}),
		ix.Close())
	if err != nil {
		t.Fatal(err)
	}

	out, _, err := tolk(env(), "check", "--data", dir)
	var de *differencesError
	if !errors.As(err, &de) || exitCode(err) == 0 {
		t.Errorf("check of a damaged directory: err %v, want differences", err)
	}
	for _, want := range []string{"differences: 2", "missing  tweede", "orphan   weg"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if out, msg, err := tolk(env(), "check", "--data", dir, "--repair"); err != nil || !strings.Contains(out, "repaired; differences left: none") {
		t.Errorf("check --repair: %v\n%s%s", err, out, msg)
	}
	if out, msg, err := tolk(env(), "check", "--data", dir); err != nil || !strings.Contains(out, "differences: none") {
		t.Errorf("check after the repair: %v\n%s%s", err, out, msg)
	}
}

// TestBackupWhileServing writes documents and concepts to a running tolk
// from two clients, takes a backup through `tolk backup --server` meanwhile,
// restores it into a new directory with `tolk restore` and expects every
// write acknowledged before the backup began, none begun after it ended,
// and a clean `tolk check` of the restored directory.
func TestBackupWhileServing(t *testing.T) {
	const token = "backup-test-token"
	dir := t.TempDir()
	addr, logs := startServe(t, env("TOLK_TOKEN", token), "--data", dir)
	base := "http://" + addr

	type write struct {
		path        string // what to GET afterwards
		begun, done time.Time
	}
	var (
		mu     sync.Mutex
		writes []write
		errs   []error
	)
	post := func(path, query, ctype, body string) error {
		req, _ := http.NewRequest(http.MethodPost, base+path+query, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", ctype)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("POST %s: %s", path, resp.Status)
		}
		return nil
	}
	counts := func() (docs, concepts int) {
		mu.Lock()
		defer mu.Unlock()
		for _, w := range writes {
			if strings.Contains(w.path, "/documents/") {
				docs++
			} else {
				concepts++
			}
		}
		return docs, concepts
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	writer := func(do func(i int) (string, error)) {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			begun := time.Now()
			path, err := do(i)
			mu.Lock()
			if err != nil {
				errs = append(errs, err)
			} else {
				writes = append(writes, write{path, begun, time.Now()})
			}
			mu.Unlock()
		}
	}
	wg.Add(2)
	go writer(func(i int) (string, error) {
		id := fmt.Sprintf("last-%d", i)
		body := fmt.Sprintf("Geachte voorzitter,\n\nDeze brief %d gaat over de dijkwoord%d.\n\nTweede alinea van brief %d.\n", i, i, i)
		return "/api/v1/documents/" + id, post("/api/v1/documents", "?name="+id+".txt", "text/plain", body)
	})
	go writer(func(i int) (string, error) {
		id := fmt.Sprintf("lastbegrip-%d", i)
		body := fmt.Sprintf(`{"id":%q,"collection":"load","terms":[{"lang":"nl","text":"lastterm%d"},{"lang":"en","text":"load term %d"}]}`, id, i, i)
		return "/api/v1/glossary/" + id, post("/api/v1/glossary", "", "application/json", body)
	})
	waitFor := func(n int) {
		d0, c0 := counts()
		for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if d, c := counts(); d >= d0+n && c >= c0+n {
				return
			}
		}
		t.Errorf("fewer than %d writes of each kind in 60 s", n)
	}
	waitFor(5)
	bdir := filepath.Join(t.TempDir(), "backup")
	began := time.Now()
	out, msg, err := tolk(env("TOLK_TOKEN", token), "backup", "--server", base, bdir)
	ended := time.Now()
	waitFor(3)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("backup --server: %v\n%s%s\n%s", err, out, msg, logs)
	}
	if len(errs) > 0 {
		t.Fatalf("writes failed under load: %v", errs)
	}
	t.Logf("%s", strings.TrimSpace(out))

	rdir := filepath.Join(t.TempDir(), "restored")
	if out, msg, err := tolk(env(), "restore", bdir, "--data", rdir); err != nil {
		t.Fatalf("restore: %v\n%s%s", err, out, msg)
	}
	if _, _, err := tolk(env(), "restore", bdir, "--data", rdir); err == nil {
		t.Error("restore into a non-empty directory without --force succeeded")
	}
	if out, msg, err := tolk(env(), "check", "--data", rdir); err != nil {
		t.Errorf("check of the restored directory: %v\n%s%s", err, out, msg)
	}

	// Serve the restored directory and look for every write.
	raddr, _ := startServe(t, env(), "--data", rdir)
	var before, after, during int
	for _, w := range writes {
		code := getJSON(t, "http://"+raddr+w.path, nil)
		switch {
		case w.done.Before(began):
			before++
			if code != http.StatusOK {
				t.Errorf("%s acknowledged before the backup began: %d after the restore", w.path, code)
			}
		case w.begun.After(ended):
			after++
			if code != http.StatusNotFound {
				t.Errorf("%s begun after the backup ended: %d after the restore", w.path, code)
			}
		default:
			during++
		}
	}
	t.Logf("writes acknowledged before the backup %d, begun after it %d, during it %d", before, after, during)
	var res struct{ Total int }
	if getJSON(t, "http://"+raddr+"/api/v1/search?q=dijkwoord0", &res); res.Total != 1 {
		t.Errorf("the first document's word: %d passages after the restore", res.Total)
	}
}

// TestAdminAuth: the admin routes need a token like every write.
func TestAdminAuth(t *testing.T) {
	addr, _ := startServe(t, env("TOLK_TOKEN", "admin-test-token"), "--data", t.TempDir())
	for _, c := range []struct {
		method, path, token string
		want                int
	}{
		{http.MethodPost, "/api/v1/admin/backup", "", http.StatusUnauthorized},
		{http.MethodPost, "/api/v1/admin/backup", "wrong-token-x", http.StatusUnauthorized},
		{http.MethodGet, "/api/v1/admin/check", "", http.StatusUnauthorized},
		{http.MethodPost, "/api/v1/admin/repair", "", http.StatusUnauthorized},
		{http.MethodGet, "/api/v1/admin/check?quick=true", "admin-test-token", http.StatusOK},
	} {
		req, _ := http.NewRequest(c.method, "http://"+addr+c.path, nil)
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s %s with token %q: %d, want %d", c.method, c.path, c.token, resp.StatusCode, c.want)
		}
	}
	if _, _, err := tolk(env(), "backup", "--server", "http://"+addr, t.TempDir()); err == nil {
		t.Error("backup --server without TOLK_TOKEN succeeded")
	}
	if out, msg, err := tolk(env("TOLK_TOKEN", "admin-test-token"), "check", "--server", "http://"+addr); err != nil {
		t.Errorf("check --server: %v\n%s%s", err, out, msg)
	}
}
