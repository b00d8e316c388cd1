package app

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// The SIGKILL tests run a child process (this test binary again, with
// killChildEnv set) that opens a data dir, starts a document write and
// kills itself with SIGKILL at an injected point of it: no deferred
// function, no Close, no flush of the index runs. The parent then opens
// the data dir as tolk's next start would and checks that the document
// is wholly one version — stored, GET-able and searchable as that version
// only — and that store and index agree passage by passage (issue 10,
// points 1 and 3, as integration tests).

const killChildEnv = "TOLK_TEST_KILL_CHILD" // "<point>|<data dir>|<write>"

const killOld, killNew = 3, 1500 // paragraphs of the old and the new version

// TestKillChild is the child's side; it does nothing in a normal run.
func TestKillChild(t *testing.T) {
	spec := os.Getenv(killChildEnv)
	if spec == "" {
		t.Skip("the child of the SIGKILL tests; runs only when started by them")
	}
	parts := strings.SplitN(spec, "|", 3)
	point, dir, write := parts[0], parts[1], parts[2]
	a, err := Open(context.Background(), Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	die := func() { syscall.Kill(os.Getpid(), syscall.SIGKILL); select {} }
	added := 0
	a.addHook = func(ctx context.Context, ps []index.Passage) error {
		// index in batches, so a kill can fall between two of them
		for len(ps) > 0 {
			n := min(500, len(ps))
			if err := a.idx.Add(ctx, ps[:n]); err != nil {
				return err
			}
			ps, added = ps[n:], added+n
			if point == "mid-index" && added >= 500 {
				die()
			}
		}
		if point == "after-index" {
			die()
		}
		return nil
	}
	a.fault = func(step string) error {
		if step == point { // "store": before the commit; "index-delete": after it
			die()
		}
		return nil
	}
	switch write {
	case "replace":
		_, _, err = a.ReplaceDocument(context.Background(), "brief.txt", letterWith("nieuwewoord", killNew), ingest.Options{})
	case "delete":
		err = a.DeleteDocument(context.Background(), "brief")
	}
	if point == "none" {
		// the write ran to its end: kill before Close all the same
		if err != nil {
			t.Fatal(err)
		}
		die()
	}
	t.Fatalf("the write ended (err %v) without reaching the kill point %q", err, point)
}

func TestKillDuringWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, tc := range []struct {
		point, write string
		want         string // "old", "new" or "gone"
	}{
		{"mid-index", "replace", "old"},
		{"after-index", "replace", "old"},
		{"store", "replace", "old"},
		{"index-delete", "replace", "new"},
		{"none", "replace", "new"},
		{"index-delete", "delete", "gone"},
		{"none", "delete", "gone"},
	} {
		t.Run(tc.write+"/"+tc.point, func(t *testing.T) {
			dir := t.TempDir()
			a, err := Open(context.Background(), Config{DataDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.AddDocument(context.Background(), "brief.txt", letterWith("oudewoord", killOld), ingest.Options{}); err != nil {
				t.Fatal(err)
			}
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run", "^TestKillChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), killChildEnv+"="+tc.point+"|"+dir+"|"+tc.write)
			out, err := cmd.CombinedOutput()
			ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("child did not die by SIGKILL (err %v):\n%.3000s", err, out)
			}
			a = openDir(t, dir)
			d, err := a.Document("brief")
			if tc.want == "gone" {
				if err == nil {
					t.Errorf("deleted document still stored after the kill")
				}
			} else if err != nil {
				t.Fatalf("GET after the kill: %v", err)
			} else if want := map[string]int{"old": killOld, "new": killNew}[tc.want] + 1; len(d.Paragraphs) != want {
				t.Errorf("stored document has %d paragraphs, want %d (the %s version)", len(d.Paragraphs), want, tc.want)
			}
			wantOld, wantNew := uint64(0), uint64(0)
			switch tc.want {
			case "old":
				wantOld = killOld
			case "new":
				wantNew = killNew
			}
			if n := hits(t, a, "", "oudewoord"); n != wantOld {
				t.Errorf("old version: %d passages found, want %d", n, wantOld)
			}
			if n := hits(t, a, "", "nieuwewoord"); n != wantNew {
				t.Errorf("new version: %d passages found, want %d", n, wantNew)
			}
			if diff := cmp.Diff(storedIDs(a), indexedIDs(t, a)); diff != "" {
				t.Errorf("index differs from the store (-stored +indexed):\n%.2000s", diff)
			}
			rep, err := a.CheckData(context.Background(), CheckOptions{Content: true})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Clean() {
				t.Errorf("full check after the restart: %+v", rep)
			}
		})
	}
}
