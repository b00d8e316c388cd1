package app

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
)

// TestReplaceKeepsGivenTitle: a replacement without a title of its own,
// one by one (ReplaceDocument) or in a bulk load (AddDocuments with
// Replace), keeps a title given by hand and takes the new content's title
// where the old one came from the content. Only PUT kept it; an HTML or
// Word file given a title did not even record that it was given.
func TestReplaceKeepsGivenTitle(t *testing.T) {
	const (
		md1, md2     = "# Eerste kop\n\nDe eerste versie.\n", "# Tweede kop\n\nDe tweede versie.\n"
		html1, html2 = "<html><head><title>Eerste kop</title></head><body><p>De eerste versie.</p></body></html>", "<html><head><title>Tweede kop</title></head><body><p>De tweede versie.</p></body></html>"
	)
	ctx := context.Background()
	replace := map[string]func(a *App, name, data string) error{
		"ReplaceDocument": func(a *App, name, data string) error {
			_, _, err := a.ReplaceDocument(ctx, name, []byte(data), ingest.Options{})
			return err
		},
		"AddDocuments": func(a *App, name, data string) error {
			rep, err := a.AddDocuments(ctx, []BulkFile{{Name: name, Read: func() ([]byte, error) { return []byte(data), nil }}}, BulkOptions{Replace: true})
			if err == nil && len(rep.Failed) > 0 {
				err = rep.Failed[0].Err
			}
			return err
		},
	}
	for route, put := range replace {
		t.Run(route, func(t *testing.T) {
			a := openDir(t, t.TempDir())
			for _, tc := range []struct {
				name, v1, v2, given, want string
			}{
				{"gegeven.md", md1, md2, "Mijn titel", "Mijn titel"},
				{"inhoud.md", md1, md2, "", "Tweede kop"},
				{"gegeven-html.html", html1, html2, "Mijn titel", "Mijn titel"},
				{"inhoud-html.html", html1, html2, "", "Tweede kop"},
			} {
				if _, err := a.AddDocument(ctx, tc.name, []byte(tc.v1), ingest.Options{Title: tc.given}); err != nil {
					t.Fatal(err)
				}
				if err := put(a, tc.name, tc.v2); err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				id, _ := ingest.NameID(tc.name)
				d, err := a.Document(id)
				if err != nil {
					t.Fatal(err)
				}
				if d.Title != tc.want || d.Info().Title != tc.want {
					t.Errorf("%s: title after the replacement %q, want %q", tc.name, d.Title, tc.want)
				}
				if d.TitleGiven != (tc.given != "") {
					t.Errorf("%s: TitleGiven %v after the replacement", tc.name, d.TitleGiven)
				}
				// A title given with the replacement is the new one.
				if _, _, err := a.ReplaceDocument(ctx, tc.name, []byte(tc.v1), ingest.Options{Title: "Nieuwe titel"}); err != nil {
					t.Fatal(err)
				}
				if d, _ := a.Document(id); d.Title != "Nieuwe titel" {
					t.Errorf("%s: title= on the replacement gave %q", tc.name, d.Title)
				}
			}
		})
	}
}

// TestGivenTitleOldSummary: a document summary written before DocInfo had
// TitleGiven (version 2) is read as it is at start-up, without reading
// the document; a replacement then reads the document to know whether
// its title was given by hand.
func TestGivenTitleOldSummary(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, closeA := openWith(t, dir, 0)
	d, err := a.AddDocument(ctx, "brief.md", []byte("# Eerste kop\n\nDe eerste versie.\n"), ingest.Options{Title: "Mijn titel"})
	if err != nil {
		t.Fatal(err)
	}
	if err := closeA(); err != nil {
		t.Fatal(err)
	}
	old := *d.Info()
	old.TitleGiven, old.V = false, 2
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
	b := openDir(t, dir)
	if n := b.reads.Load(); n != 0 {
		t.Errorf("start-up read %d documents for summaries of version 2, want none", n)
	}
	if _, _, err := b.ReplaceDocument(ctx, "brief.md", []byte("# Tweede kop\n\nDe tweede versie.\n"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	info, err := b.DocumentInfo("brief")
	if err != nil {
		t.Fatal(err)
	}
	if info.Title != "Mijn titel" || !info.TitleGiven || info.V != infoVersion {
		t.Errorf("after the replacement: title %q, given %v, version %d; want Mijn titel, true, %d", info.Title, info.TitleGiven, info.V, infoVersion)
	}
}
