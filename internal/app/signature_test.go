package app

import (
	"context"
	"encoding/json"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
)

// maliLetter returns the embedded letter's file as shipped.
func maliLetter(t *testing.T) []byte {
	t.Helper()
	letter, err := fs.ReadFile(corpus.Default(), "kamerbrief-mali-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	return letter
}

// TestSignaturePassage: a letter's signature blocks are passage 0, so a
// search for a signatory finds the letter; deleting the letter leaves no
// passage of it behind, and check finds nothing wrong.
func TestSignaturePassage(t *testing.T) {
	letter := maliLetter(t)
	ctx := context.Background()
	a, _ := openWith(t, t.TempDir(), 0)
	d, err := a.AddDocument(ctx, "brief.txt", letter, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	info := d.Info()
	if !info.Signed || info.Passages() != len(d.Paragraphs)+1 {
		t.Errorf("summary: signed %v, %d passages for %d paragraphs", info.Signed, info.Passages(), len(d.Paragraphs))
	}
	if n, _ := a.idx.Count(); n != uint64(info.Passages()) {
		t.Errorf("index holds %d passages, want %d", n, info.Passages())
	}
	for _, q := range []string{"Grapperhaus", "Bijleveld-Schouten", "Minister van Defensie"} {
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%s: no hit", q)
			continue
		}
		h := res.Hits[0]
		if h.Paragraph != 0 || !strings.HasPrefix(h.Text, "De Minister van Buitenlandse Zaken,") || !strings.HasSuffix(h.Text, "F.B.J. Grapperhaus") {
			t.Errorf("%s: first hit is paragraph %d: %q", q, h.Paragraph, h.Text)
		}
		if h.Text != d.Text[h.Start:h.End] {
			t.Errorf("%s: hit text is not the document's text at %d–%d", q, h.Start, h.End)
		}
	}
	rep, err := a.CheckData(ctx, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("check: %+v", rep.Findings)
	}
	if err := a.DeleteDocument(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.idx.Count(); n != 0 {
		t.Errorf("after the delete the index holds %d passages", n)
	}
}

// TestOldSummaryRebuilt: a summary written by a tolk before signature
// passages (no version, no Signed) is built again from its document at
// the next start, once, so that the passages it names are the index's.
func TestOldSummaryRebuilt(t *testing.T) {
	letter := maliLetter(t)
	dir := t.TempDir()
	a, closeA := openWith(t, dir, 0)
	d, err := a.AddDocument(context.Background(), "brief.txt", letter, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := closeA(); err != nil {
		t.Fatal(err)
	}
	old := *d.Info()
	old.Signed, old.V = false, 0
	raw, err := json.Marshal(&old)
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(dir, "tolk.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutDocumentInfo(d.ID, raw); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, wantReads := range []int64{1, 0} {
		b, err := Open(context.Background(), Config{DataDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		info, err := b.DocumentInfo(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := b.reads.Load(); got != wantReads || !info.Signed {
			t.Errorf("start-up read %d documents (want %d); signed %v", got, wantReads, info.Signed)
		}
		b.Close()
	}
}
