package app

import (
	"context"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestDocumentNameCleaned: a name with NUL and newlines from an upload is
// stored and listed without them (issue 10 point 13), also after reopening.
func TestDocumentNameCleaned(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(context.Background(), Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	d, err := a.AddDocument(context.Background(), "brief\x00 over\r\nMali.txt", []byte("Tekst over Mali."), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const want = "brief over Mali.txt"
	if d.Name != want {
		t.Errorf("Name = %q, want %q", d.Name, want)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b := openDir(t, dir)
	got, err := b.Document(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != want {
		t.Errorf("after reopening: Name = %q, want %q", got.Name, want)
	}
}
