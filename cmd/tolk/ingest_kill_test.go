package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/internal/app"
)

var progressLine = regexp.MustCompile(`^ingested (\d+)/(\d+)`)

// TestIngestKilledMidway runs `tolk ingest` as a real process on 120
// letters in commits of about 150 passages, kills it with SIGKILL at a
// random moment after its first commit, and opens the data directory:
// every document is wholly there or absent (start-up repairs the index
// from the store; the check with content comparison then finds nothing),
// and every file the last progress line counted as done is stored. A
// second ingest with --replace then completes the load.
func TestIngestKilledMidway(t *testing.T) {
	dir := t.TempDir()
	files := t.TempDir()
	const n, paras = 120, 30
	var paths []string
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "# Brief %d\n\n", i)
		for p := range paras {
			fmt.Fprintf(&b, "Alinea %d van brief %d gaat over de begroting van het ministerie en de uitvoering ervan in %d.\n\n", p, i, 1990+p)
		}
		path := filepath.Join(files, fmt.Sprintf("brief-%03d.md", i))
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}

	cmd := exec.Command(os.Args[0], append([]string{"ingest", "--data", dir, "--batch", "150"}, paths...)...)
	cmd.Env = append(os.Environ(), "TOLK_TEST_AS_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	done, killed := 0, false
	var log bytes.Buffer
	for sc.Scan() {
		log.WriteString(sc.Text() + "\n")
		m := progressLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		done, _ = strconv.Atoi(m[1])
		if !killed {
			killed = true
			delay := time.Duration(rand.IntN(400)) * time.Millisecond
			time.AfterFunc(delay, func() { cmd.Process.Signal(syscall.SIGKILL) })
			t.Logf("first commit: %s; SIGKILL in %v", sc.Text(), delay)
		}
	}
	werr := cmd.Wait()
	if !killed {
		t.Fatalf("no progress line before the end (%v):\n%s", werr, log.String())
	}
	if werr == nil {
		t.Logf("the ingest ended before the kill: nothing to repair")
	} else if ee, ok := werr.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("ingest: %v\n%s", werr, log.String())
	}

	ctx := context.Background()
	cfg, err := appConfig(dataFlags{data: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.CheckData(ctx, app.CheckOptions{Content: true})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Clean() {
		t.Errorf("after the kill and a start-up, store and index differ: %+v", r.Findings)
	}
	stored := map[string]bool{}
	for _, d := range a.Documents() {
		stored[d.Name] = true
	}
	for _, p := range paths[:done] {
		if !stored[filepath.Base(p)] {
			t.Errorf("%s was reported ingested (%d done) but is not stored", filepath.Base(p), done)
		}
	}
	t.Logf("%d of %d letters stored after the kill (%d reported done)", len(stored)-1, n, done)
	a.Close()

	var out, errb bytes.Buffer
	if err := run(ctx, append([]string{"ingest", "--data", dir, "--replace"}, paths...), env(), nil, &out, &errb); err != nil {
		t.Fatalf("ingest again: %v\n%s", err, errb.String())
	}
	if a, err = app.Open(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if r, err = a.CheckData(ctx, app.CheckOptions{Content: true}); err != nil || !r.Clean() {
		t.Errorf("after the second ingest: %v %+v", err, r.Findings)
	}
	if got := len(a.Documents()); got != n+1 { // + the seeded letter
		t.Errorf("after the second ingest %d documents, want %d", got, n+1)
	}
}
