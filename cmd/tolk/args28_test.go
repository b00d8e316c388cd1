package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsAfterArguments: a flag after a file name is a flag (tolk
// ingest FILE --data DIR stored FILE in ./tolk-data and refused "--data"
// and DIR as files), and serve, which takes no arguments, refuses one
// (tolk serve DIR --addr … served ./tolk-data on the default address).
func TestFlagsAfterArguments(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	p := filepath.Join(files, "brief.txt")
	if err := os.WriteFile(p, []byte("Geachte voorzitter,\n\nDeze brief gaat over het pelikaanvleugeltje.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"ingest", p, "--data", dir}, env(), nil, &out, &errb); err != nil {
		t.Fatalf("ingest FILE --data DIR: %v\n%s", err, errb.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"search", "--data", dir, "pelikaanvleugeltje"}, env(), nil, &out, &errb); err != nil || !strings.Contains(out.String(), "1. brief ") {
		t.Errorf("the document is not in --data DIR: %v\n%s", err, out.String())
	}
	err := run(context.Background(), []string{"serve", dir, "--addr", "127.0.0.1:0"}, env(), nil, &out, &errb)
	var ue *usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "--data DIR") {
		t.Errorf("serve DIR: %v, want a usage error naming --data", err)
	}
}

// TestTokensRefused: a token with white space at an end (a trailing
// space, the \r of an environment file written on Windows) is refused at
// start, as no HTTP header can carry it; a short one names its editor.
func TestTokensRefused(t *testing.T) {
	for env, want := range map[string]string{
		"TOLK_TOKEN=admin-secret-123 ":               "TOLK_TOKEN: the write token has white space",
		"TOLK_TOKEN=admin-secret-123\r":              "TOLK_TOKEN: the write token has white space",
		"TOLK_TOKENS=alice=secret-alice-1,bob=short": "TOLK_TOKENS (bob): a write token must have at least 8",
	} {
		k, v, _ := strings.Cut(env, "=")
		_, err := tokens(func(name string) string {
			if name == k {
				return v
			}
			return ""
		})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", env, err, want)
		}
	}
}

// TestIngestDirSkippedSaid: a folder's files tolk does not take (a .doc,
// an .rtf, a link to a folder) are counted and named, and a link to a
// document is followed; a folder of linked .md files gave "0 files" and
// exit 0 without a word.
func TestIngestDirSkippedSaid(t *testing.T) {
	dir, src, folder := t.TempDir(), t.TempDir(), t.TempDir()
	doc := filepath.Join(src, "brief.md")
	if err := os.WriteFile(doc, []byte("# Brief\n\nDe kraanvogel vliegt over de dijk.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"oud.doc": "x", "notitie.rtf": "{\\rtf1}"} {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(doc, filepath.Join(folder, "brief.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(src, filepath.Join(folder, "map")); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"ingest", "--data", dir, folder}, env(), nil, &out, &errb); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb.String())
	}
	all := out.String() + errb.String()
	for _, want := range []string{"ingested " + filepath.Join(folder, "brief.md"), "skipped 3 files", "1 .doc", "1 .rtf", "1 links to folders"} {
		if !strings.Contains(all, want) {
			t.Errorf("the report lacks %q:\n%s", want, all)
		}
	}
}

// TestIngestRefusedCount: the refusal counts the files of the summary
// above it ("2 files: … 1 unchanged, 1 refused" ended "1 of 1 files were
// refused").
func TestIngestRefusedCount(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	good, bad := filepath.Join(files, "brief.txt"), filepath.Join(files, "leeg.txt")
	if err := os.WriteFile(good, []byte("Geachte voorzitter,\n\nDe kraanvogel.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"ingest", "--data", dir, good}, env(), nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"ingest", "--data", dir, files}, env(), nil, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "1 of 2 files were refused") {
		t.Errorf("ingest of one unchanged and one empty file: %v\n%s", err, errb.String())
	}
}

// TestCheckDamagedIndexSaysRepair: tolk check on an index that does not
// open changes nothing and says that --repair rebuilds it (it said only
// how to check a running tolk).
func TestCheckDamagedIndexSaysRepair(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	p := filepath.Join(files, "brief.txt")
	if err := os.WriteFile(p, []byte("Geachte voorzitter,\n\nDe uil zit in de boom.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"ingest", "--data", dir, p}, env(), nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	zaps, _ := filepath.Glob(filepath.Join(dir, "index", "store", "*"))
	for _, f := range zaps {
		os.Remove(f)
	}
	err := run(context.Background(), []string{"check", "--data", dir}, env(), nil, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "tolk check --repair sets it aside") {
		t.Errorf("check of a damaged index: %v", err)
	}
	if aside, _ := filepath.Glob(filepath.Join(dir, "index.damaged-*")); len(aside) != 0 {
		t.Errorf("check without --repair set the index aside: %v", aside)
	}
}
