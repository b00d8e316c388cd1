package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as the tolk command, so tests can
// start a real server process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("TOLK_TEST_AS_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

var listening = regexp.MustCompile(`addr=http://(127\.0\.0\.1:\d+)`)

// startServe runs `tolk serve` in-process on a free port and returns its
// address; the server stops when the test ends.
func startServe(t *testing.T, getenv func(string) string, args ...string) (addr string, logs *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	logs = &syncBuffer{}
	done := make(chan error, 1)
	if !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "--tm-seed") }) {
		// No treaty pairs behind the test's back when it asks the TM.
		args = append([]string{"--tm-seed", "none"}, args...)
	}
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), getenv, nil, io.Discard, pw)
		pw.Close()
	}()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			logs.WriteString(sc.Text() + "\n")
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case addr = <-found:
		return addr, logs
	case err := <-done:
		t.Fatalf("serve exited: %v\n%s", err, logs)
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start:\n%s", logs)
	}
	return "", nil
}

type syncBuffer struct {
	mu  chan struct{}
	buf bytes.Buffer
}

func (b *syncBuffer) WriteString(s string) {
	if b.mu == nil {
		b.mu = make(chan struct{}, 1)
	}
	b.mu <- struct{}{}
	b.buf.WriteString(s)
	<-b.mu
}

func (b *syncBuffer) String() string {
	if b.mu == nil {
		b.mu = make(chan struct{}, 1)
	}
	b.mu <- struct{}{}
	defer func() { <-b.mu }()
	return b.buf.String()
}

func getJSON(t *testing.T, url string, into any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if into != nil {
		if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
	}
	return resp.StatusCode
}

// indexFiles lists the index's files with their sizes and times.
func indexFiles(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(filepath.Join(dir, "index"), func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !fi.IsDir() && !strings.HasSuffix(p, ".lock") && filepath.Base(p) != "root.bolt" {
			fmt.Fprintf(&b, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestServeRestartKeepsDataWithoutReindexing(t *testing.T) {
	dir := t.TempDir()
	var before string
	t.Run("first start seeds", func(t *testing.T) {
		addr, _ := startServe(t, env(), "--data", dir)
		var r struct{ Total int }
		if code := getJSON(t, "http://"+addr+"/api/v1/search?q=staatsgrepen", &r); code != 200 || r.Total == 0 {
			t.Fatalf("search: status %d, total %d", code, r.Total)
		}
	})
	before = indexFiles(t, dir)
	if before == "" {
		t.Fatal("no index files on disk")
	}
	t.Run("restart reopens", func(t *testing.T) {
		addr, logs := startServe(t, env(), "--data", dir)
		var list struct{ Documents []struct{ ID string } }
		getJSON(t, "http://"+addr+"/api/v1/documents", &list)
		if len(list.Documents) != 1 {
			t.Errorf("documents after restart: %+v", list)
		}
		var r struct{ Total int }
		getJSON(t, "http://"+addr+"/api/v1/search?q=Keita", &r)
		if r.Total == 0 {
			t.Error("search after restart finds nothing")
		}
		if strings.Contains(logs.String(), "reindexing") {
			t.Errorf("restart reindexed:\n%s", logs)
		}
	})
	if after := indexFiles(t, dir); after != before {
		t.Errorf("index files changed across a restart without writes:\nbefore:\n%safter:\n%s", before, after)
	}
}

func TestServeMemoryWritesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	addr, _ := startServe(t, env(), "--memory")
	var r struct{ Total int }
	getJSON(t, "http://"+addr+"/api/v1/search?q=Keita", &r)
	if r.Total == 0 {
		t.Error("in-memory server finds nothing")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 0 {
		t.Errorf("--memory wrote %d entries to the working directory", len(ents))
	}
}

// TestKillAfterEditKeepsIt starts tolk as a real process, edits the
// glossary, kills the process with SIGKILL as soon as the edit answered
// 2xx, and finds the edit after a restart.
func TestKillAfterEditKeepsIt(t *testing.T) {
	dir := t.TempDir()
	const token = "kill-test-token"
	start := func() (*exec.Cmd, string) {
		cmd := exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0", "--data", dir)
		cmd.Env = append(os.Environ(), "TOLK_TEST_AS_MAIN=1", "TOLK_TOKENS=editor="+token, "TOLK_TM_SEED=none")
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				go io.Copy(io.Discard, stderr)
				return cmd, m[1]
			}
		}
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("server process did not start")
		return nil, ""
	}
	cmd, addr := start()
	body := `{"subject":"test","definition":{"en":"A concept written just before a crash."},
	  "terms":[{"lang":"nl","text":"crashbestendigheid","status":"preferred"},{"lang":"en","text":"crash resistance"}]}`
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/api/v1/glossary", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var created struct{ ID string }
	json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || created.ID == "" {
		t.Fatalf("create: status %d id %q", resp.StatusCode, created.ID)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	cmd, addr = start()
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	var got struct {
		ID    string
		Terms []struct{ Text string }
	}
	if code := getJSON(t, "http://"+addr+"/api/v1/glossary/"+created.ID, &got); code != 200 || len(got.Terms) != 2 {
		t.Fatalf("after kill -9 and restart: status %d, concept %+v", code, got)
	}
	var hist struct {
		History []struct{ Who, Action string }
	}
	getJSON(t, "http://"+addr+"/api/v1/glossary/"+created.ID+"/history", &hist)
	if len(hist.History) == 0 || hist.History[0].Who != "editor" || hist.History[0].Action != "create" {
		t.Errorf("history: %+v, want a create by editor", hist)
	}
	var look struct{ Total int }
	getJSON(t, "http://"+addr+"/api/v1/glossary?q=crashbestendigheid", &look)
	if look.Total != 1 {
		t.Errorf("lookup after restart: total %d", look.Total)
	}
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"version"}, env(), nil, &out, &errb); err != nil || !strings.HasPrefix(out.String(), "tolk ") {
		t.Errorf("version: %v %q", err, out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"search", "--data", dir, "staatsgrepen"}, env(), nil, &out, &errb); err != nil {
		t.Fatalf("search: %v\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), "staatsgreep") || !strings.Contains(out.String(), "1. kamerbrief-mali-2020") {
		t.Errorf("search output:\n%s", out.String())
	}
	letters := filepath.Join(dir, "in")
	os.Mkdir(letters, 0o755)
	good := filepath.Join(letters, "brief-groningen.txt")
	os.WriteFile(good, []byte("Geachte voorzitter,\n\nDeze brief gaat over de aardbeving in Groningen.\n"), 0o644)
	bad := filepath.Join(letters, "kapot.txt")
	os.WriteFile(bad, []byte("kapot \xff\xfe"), 0o644)
	errb.Reset()
	err := run(context.Background(), []string{"ingest", "--data", dir, good, bad}, env(), nil, &out, &errb)
	if err == nil || !strings.Contains(errb.String(), "kapot.txt") {
		t.Errorf("ingest with a bad file: err %v, stderr %q", err, errb.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"search", "--data", dir, "aardbeving"}, env(), nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "brief-groningen") {
		t.Errorf("ingested letter not found:\n%s", out.String())
	}
	if err := run(context.Background(), []string{"bogus"}, env(), nil, &out, &errb); exitCode(err) != 2 {
		t.Errorf("unknown command: %v", err)
	}
	if err := run(context.Background(), []string{"serve"}, env("TOLK_TOKEN", "short"), nil, &out, &errb); exitCode(err) != 2 {
		t.Errorf("short token: %v", err)
	}
}

// TestCommandsRefuseWrongTarget: glossary import into the curated
// collection is refused on the command line as the API refuses it, and a
// backup of a directory without tolk's data is refused instead of
// creating and seeding one and backing that up.
func TestCommandsRefuseWrongTarget(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "terms.csv")
	if err := os.WriteFile(file, []byte("nl,en\nstaatsgreep,putsch\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	getenv := func(string) string { return "" }
	_, _, err := tolk(getenv, "glossary", "import", "--data", dir, "--collection", "curated", file)
	if err == nil || !strings.Contains(err.Error(), "curated") {
		t.Errorf("import into curated: %v, want a refusal naming curated", err)
	}
	// One concept is "1 concept" (it said "imported 1 concepts").
	if _, errOut, err := tolk(getenv, "glossary", "import", "--data", dir, "--collection", "mine", file); err != nil || !strings.Contains(errOut, `imported 1 concept into collection "mine"`) {
		t.Fatalf("import mine: %v %q", err, errOut)
	}
	if _, errOut, err := tolk(getenv, "glossary", "delete", "--data", dir, "--collection", "mine"); err != nil || !strings.Contains(errOut, "deleted 1 concept of") {
		t.Errorf("delete mine: %v %q", err, errOut)
	}
	if _, _, err := tolk(getenv, "glossary", "delete", "--data", dir, "--collection", "curated"); err == nil {
		t.Error("delete curated succeeded")
	}
	out, _, err := tolk(getenv, "glossary", "export", "--data", dir, "--collection", "mine")
	if err == nil || !strings.Contains(err.Error(), `no collection "mine"`) || strings.Contains(out, "putsch") {
		t.Errorf("after the delete the export of mine: %v %q, want an error naming it", err, out)
	}
	missing := filepath.Join(t.TempDir(), "typo")
	_, _, err = tolk(getenv, "backup", "--data", missing, filepath.Join(t.TempDir(), "b"))
	if err == nil || !strings.Contains(err.Error(), "holds no tolk data") {
		t.Errorf("backup of %s: %v, want a refusal", missing, err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("the backup created %s: %v", missing, err)
	}
}

// TestTokensDistinct: two editors with one token would have each other's
// edits in the history; TOLK_TOKENS refuses it.
func TestTokensDistinct(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if _, err := tokens(env(map[string]string{"TOLK_TOKENS": "alice=longenough1,bob=longenough1"})); err == nil || !strings.Contains(err.Error(), "alice and bob") {
		t.Errorf("same token for two names: %v", err)
	}
	if _, err := tokens(env(map[string]string{"TOLK_TOKEN": "longenough1", "TOLK_TOKENS": "bob=longenough1"})); err == nil {
		t.Error("TOLK_TOKEN's secret reused for bob accepted")
	}
	ts, err := tokens(env(map[string]string{"TOLK_TOKENS": "alice=longenough1,bob=longenough2"}))
	if err != nil || len(ts) != 2 {
		t.Errorf("distinct tokens: %v %v", ts, err)
	}
}

// TestFileError: a file's error line names the path once.
func TestFileError(t *testing.T) {
	_, err := os.ReadFile("/nonexistent/brief.pdf")
	for _, tt := range []struct {
		err  error
		want string
	}{
		{err, "/nonexistent/brief.pdf: cannot open: no such file or directory"},
		{fmt.Errorf("app: %w", err), "/nonexistent/brief.pdf: cannot open: no such file or directory"},
		{errors.New("not a PDF"), "/nonexistent/brief.pdf: not a PDF"},
	} {
		if got := fileError("/nonexistent/brief.pdf", tt.err); got != tt.want {
			t.Errorf("fileError(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
