package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestDir: tolk ingest DIR walks folders recursively (hidden ones
// and other extensions left out), reports per file, refuses bad files
// with their reason, and a second run skips what is unchanged.
func TestIngestDir(t *testing.T) {
	data, docs := t.TempDir(), t.TempDir()
	files := map[string]string{
		"brief.txt":            "Geachte voorzitter,\n\nDeze brief gaat over het alfaquux.\n",
		"sub/stcrt-1.xml":      `<?xml version="1.0"?><officiele-publicatie><staatscourant><kop><titel>Ter inzage</titel></kop><al>Het besluit ligt ter inzage: bravozorp.</al></staatscourant></officiele-publicatie>`,
		"sub/diep/pagina.html": `<!doctype html><html lang="nl"><body><nav>Menu</nav><main><h1>Nieuws</h1><p>Charliewix in Den Haag.</p></main></body></html>`,
		"sub/nep.docx":         "gewone tekst, geen Word",
		"sub/.verborgen/x.txt": "Niet lezen.",
		"sub/plaatje.png":      "\x89PNG\r\n\x1a\n",
		"sub/.DS_Store":        "junk",
	}
	for name, body := range files {
		p := filepath.Join(docs, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ingest := func() (string, error) {
		var out, errb bytes.Buffer
		err := run(context.Background(), []string{"ingest", "--data", data, docs}, env(), nil, &out, &errb)
		return errb.String(), err
	}
	msg, err := ingest()
	if err == nil || !strings.Contains(err.Error(), "1 of 4 files were refused") {
		t.Errorf("first run: err %v", err)
	}
	for _, want := range []string{
		"ingested " + filepath.Join(docs, "brief.txt"),
		"ingested " + filepath.Join(docs, "sub/stcrt-1.xml"),
		"ingested " + filepath.Join(docs, "sub/diep/pagina.html"),
		filepath.Join(docs, "sub/nep.docx") + ": ingest: nep.docx: the name says a Word (.docx) file, but the content is not one",
		"4 files: 3 added, 0 replaced, 0 unchanged, 1 refused",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("first run: stderr lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "verborgen") || strings.Contains(msg, "plaatje") || strings.Contains(msg, "DS_Store") {
		t.Errorf("hidden or non-document files were read:\n%s", msg)
	}
	if err := os.Remove(filepath.Join(docs, "sub/nep.docx")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "brief.txt"), []byte(files["brief.txt"]+"\nEen nieuwe alinea.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	msg, err = ingest()
	if err == nil || !strings.Contains(msg, `document "brief" (from brief.txt) already exists`) {
		t.Errorf("second run: a changed file must be refused without --replace: err %v\n%s", err, msg)
	}
	for _, want := range []string{
		"unchanged " + filepath.Join(docs, "sub/stcrt-1.xml") + " (skipped)",
		"unchanged " + filepath.Join(docs, "sub/diep/pagina.html") + " (skipped)",
		"3 files: 0 added, 0 replaced, 2 unchanged, 1 refused",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("second run: stderr lacks %q:\n%s", want, msg)
		}
	}
}
