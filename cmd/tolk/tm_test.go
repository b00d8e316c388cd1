package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTMCommand imports a CAT tool's TMX and a TSV into a data directory,
// exports the memory as TMX and TSV, trains the lexicon from it (kept in
// the data directory and used from the next start on), and checks bad
// input.
func TestTMCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	tsv := filepath.Join(dir, "mijn.tsv")
	if err := os.WriteFile(tsv, []byte("De staatsgreep.\tThe coup.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	args := []string{"tm", "import", "--data", data, "../../tm/tmx/testdata/trados.tmx", tsv}
	if err := run(ctx, args, env(), nil, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "trados.tmx: 2 segments imported, 1 skipped") || !strings.Contains(stderr.String(), "mijn.tsv: 1 segments imported") {
		t.Errorf("import said:\n%s", stderr.String())
	}
	out := filepath.Join(dir, "out.tmx")
	stderr.Reset()
	if err := run(ctx, []string{"tm", "export", "--data", data, "--out", out}, env(), nil, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "<tu "); n != 3 || !strings.Contains(string(b), "<seg>The coup.</seg>") {
		t.Errorf("export has %d units:\n%s", n, b)
	}
	stdout.Reset()
	if err := run(ctx, []string{"tm", "export", "--data", data, "--format", "tsv", "--collection", "import"}, env(), nil, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(stdout.String(), "\n"); lines != 4 {
		t.Errorf("TSV export: %d lines, want header + 3:\n%s", lines, stdout.String())
	}
	stderr.Reset()
	if err := run(ctx, []string{"tm", "train", "--data", data}, env(), nil, &stdout, &stderr); err != nil {
		t.Fatalf("train: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "training the lexicon on 3 segments") || !strings.Contains(stderr.String(), "trained on 3 segment pairs") {
		t.Errorf("train said:\n%s", stderr.String())
	}
	if fi, err := os.Stat(filepath.Join(data, "lexicon.gz")); err != nil || fi.Size() == 0 {
		t.Errorf("trained lexicon not kept in the data directory: %v", err)
	}
	a, err := openApp(ctx, dataFlags{data: data}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if n := a.Lexicon().Segments; n != 3 {
		t.Errorf("after a restart the lexicon has %d segments, want the 3 trained from the TM", n)
	}
	a.Close()
	bad := filepath.Join(dir, "bad.tmx")
	os.WriteFile(bad, []byte("<tmx><body><tu>\n<tuv></tu></body></tmx>"), 0o644)
	stderr.Reset()
	if err := run(ctx, []string{"tm", "import", "--data", data, bad}, env(), nil, &stdout, &stderr); err == nil || !strings.Contains(stderr.String(), "tmx: line 2:") {
		t.Errorf("bad TMX: error %v, stderr %q: want the line named", err, stderr.String())
	}
	if err := run(ctx, []string{"tm", "frobnicate"}, env(), nil, &stdout, &stderr); exitCode(err) != 2 {
		t.Errorf("unknown subcommand: %v, want a usage error", err)
	}
	// A collection deleted whole; then there is nothing left to delete.
	stderr.Reset()
	if err := run(ctx, []string{"tm", "delete", "--data", data, "--collection", "import"}, env(), nil, &stdout, &stderr); err != nil || !strings.Contains(stderr.String(), "deleted 3 segments") {
		t.Errorf("tm delete: %v, %q", err, stderr.String())
	}
	stdout.Reset()
	if err := run(ctx, []string{"tm", "export", "--data", data, "--format", "tsv", "--collection", "import"}, env(), nil, &stdout, &stderr); err == nil ||
		!strings.Contains(err.Error(), `no collection "import"`) || stdout.Len() != 0 {
		t.Errorf("after the delete the export of it: %v, %q; want an error naming it and no file", err, stdout.String())
	}
	if err := run(ctx, []string{"tm", "delete", "--data", data, "--collection", "import"}, env(), nil, &stdout, &stderr); err == nil {
		t.Error("deleting an empty collection succeeded")
	}
	if err := run(ctx, []string{"tm", "delete", "--data", data}, env(), nil, &stdout, &stderr); exitCode(err) != 2 {
		t.Errorf("tm delete without --collection: %v, want a usage error", err)
	}
}

// TestTMImportWarnings: a TMX unit with two English variants of different
// text is imported as two segments, and tm import says so for its line.
func TestTMImportWarnings(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f := filepath.Join(dir, "variants.tmx")
	doc := `<?xml version="1.0"?><tmx version="1.4"><header srclang="nl" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="nl"><seg>De staatsgreep.</seg></tuv><tuv xml:lang="en-GB"><seg>The coup d'état.</seg></tuv><tuv xml:lang="en-US"><seg>The coup.</seg></tuv></tu>
</body></tmx>`
	if err := os.WriteFile(f, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"tm", "import", "--data", filepath.Join(dir, "data"), f}, env(), nil, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "variants.tmx: 2 segments imported") || !strings.Contains(stderr.String(), "variants.tmx: line 2: warning: 2 English <tuv>s with different text") {
		t.Errorf("import said:\n%s", stderr.String())
	}
}
