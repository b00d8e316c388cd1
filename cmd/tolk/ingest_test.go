package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestIngestExistingID: a file whose id is taken is refused with a message
// naming the id and --replace, the other files are ingested; --replace
// replaces.
func TestIngestExistingID(t *testing.T) {
	dir := t.TempDir()
	files := t.TempDir()
	write := func(name, word string) string {
		p := filepath.Join(files, name)
		if err := os.WriteFile(p, []byte("Geachte voorzitter,\n\nDeze brief gaat over het "+word+".\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ingest := func(args ...string) (string, error) {
		var out, errb bytes.Buffer
		err := run(context.Background(), append([]string{"ingest", "--data", dir}, args...), env(), nil, &out, &errb)
		return errb.String(), err
	}
	found := func(word string) bool {
		var out, errb bytes.Buffer
		if err := run(context.Background(), []string{"search", "--data", dir, word}, env(), nil, &out, &errb); err != nil {
			t.Fatalf("search: %v\n%s", err, errb.String())
		}
		return strings.Contains(out.String(), "1. dup ")
	}
	if msg, err := ingest(write("dup.txt", "alfaquux")); err != nil {
		t.Fatalf("first ingest: %v\n%s", err, msg)
	}
	msg, err := ingest(write("DUP.txt", "bravozorp"), write("ander.txt", "charliewix"))
	if err == nil || !strings.Contains(msg, `document "dup" (from dup.txt) already exists; --replace`) {
		t.Errorf("ingest of a taken id: err %v, stderr %q", err, msg)
	}
	if !found("alfaquux") || found("bravozorp") {
		t.Errorf("the refused file replaced the stored one")
	}
	// The other file of the refused run was ingested: ingesting it again
	// skips it as unchanged.
	if msg, err := ingest(filepath.Join(files, "ander.txt")); err != nil || !strings.Contains(msg, "unchanged "+filepath.Join(files, "ander.txt")+" (skipped)") {
		t.Errorf("the other file of the refused run was not ingested: err %v, stderr %q", err, msg)
	}
	if msg, err := ingest("--replace", filepath.Join(files, "DUP.txt")); err != nil {
		t.Fatalf("ingest --replace: %v\n%s", err, msg)
	}
	if found("alfaquux") || !found("bravozorp") {
		t.Errorf("--replace did not replace the stored document")
	}
	// A file of another name that gives the id (dup.md) is another
	// document, dup-md: it was refused with advice to --replace, which
	// lost the first.
	if msg, err := ingest(write("dup.md", "echoqwix")); err != nil {
		t.Fatalf("ingest of dup.md: %v\n%s", err, msg)
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"search", "--data", dir, "echoqwix"}, env(), nil, &out, &errb); err != nil || !strings.Contains(out.String(), "1. dup-md ") {
		t.Errorf("search for dup.md's word: %v\n%s", err, out.String())
	}
	if !found("bravozorp") {
		t.Errorf("dup.md replaced dup")
	}
}

// TestIngestReplaceKeepsGivenTitle: tolk ingest --replace of a document
// whose title was given by hand (title= at an upload) keeps that title,
// as PUT does; a title the content gave follows the new file. It took the
// new file's title.
func TestIngestReplaceKeepsGivenTitle(t *testing.T) {
	ctx := context.Background()
	dir, files := t.TempDir(), t.TempDir()
	const v1, v2 = "# Eerste kop\n\nDe eerste versie.\n", "# Tweede kop\n\nDe tweede versie.\n"
	titles := func() map[string]string {
		t.Helper()
		a, err := openApp(ctx, dataFlags{data: dir}, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		m := map[string]string{}
		for _, d := range a.Documents() {
			m[d.ID] = d.Title
		}
		return m
	}
	a, err := openApp(ctx, dataFlags{data: dir}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	for name, title := range map[string]string{"gegeven.md": "Mijn titel", "inhoud.md": ""} {
		if _, err := a.AddDocument(ctx, name, []byte(v1), ingest.Options{Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, name := range []string{"gegeven.md", "inhoud.md"} {
		p := filepath.Join(files, name)
		if err := os.WriteFile(p, []byte(v2), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if _, msg, err := tolk(env(), append([]string{"ingest", "--data", dir, "--replace"}, paths...)...); err != nil {
		t.Fatalf("ingest --replace: %v\n%s", err, msg)
	}
	got := titles()
	if got["gegeven"] != "Mijn titel" {
		t.Errorf("a given title after ingest --replace: %q, want it kept, Mijn titel", got["gegeven"])
	}
	if got["inhoud"] != "Tweede kop" {
		t.Errorf("a title the content gave, after ingest --replace: %q, want the new file's, Tweede kop", got["inhoud"])
	}
}
