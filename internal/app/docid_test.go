package app

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestDistinctFilesDistinctIDs: two files whose names give one id
// (stb.txt and stb.md: the id was the name without its extension) are two
// documents, the second under an alternative id, one at a time and in a
// bulk load, within a load and across loads; the second was refused with
// advice to replace, which deleted the first. Only the same file name
// again is refused, and replaces what it stored, not the other file's
// document.
func TestDistinctFilesDistinctIDs(t *testing.T) {
	a := openDir(t, t.TempDir())
	ctx := context.Background()
	add := func(name, word string) string {
		t.Helper()
		d, err := a.AddDocument(ctx, name, letterWith(word, 2), ingest.Options{})
		if err != nil {
			t.Fatalf("AddDocument %s: %v", name, err)
		}
		return d.ID
	}
	if id := add("stb.txt", "eerstewet"); id != "stb" {
		t.Errorf("stb.txt: id %q", id)
	}
	if id := add("stb.md", "tweedewet"); id != "stb-md" {
		t.Errorf("stb.md: id %q, want stb-md", id)
	}
	// stb-txt is held by a file so named: a third file of id stb
	// takes stb-2.
	if id := add("stb-txt.md", "derdewet"); id != "stb-txt" {
		t.Errorf("stb-txt.md: id %q", id)
	}
	if id := add("stb!.txt", "vierdewet"); id != "stb-2" {
		t.Errorf("stb!.txt: id %q, want stb-2", id)
	}
	if id := add("stb.html.txt", "vijfdewet"); id != "stb-html" {
		t.Errorf("stb.html.txt: id %q", id)
	}
	// The same name again: refused naming the document it stored, and
	// replaced on request, the other file's document untouched.
	_, err := a.AddDocument(ctx, "stb.md", letterWith("zesdewet", 2), ingest.Options{})
	var ee *ExistsError
	if !errors.As(err, &ee) || *ee != (ExistsError{ID: "stb-md", Name: "stb.md"}) {
		t.Errorf("stb.md again: %v, want stb-md exists", err)
	}
	d, replaced, err := a.ReplaceDocument(ctx, "STB.md", letterWith("zesdewet", 2), ingest.Options{})
	if err != nil || !replaced || d.ID != "stb-md" {
		t.Fatalf("replacing stb.md: %v, replaced %t", err, replaced)
	}
	if hits(t, a, "stb", "eerstewet") == 0 || hits(t, a, "stb-md", "zesdewet") == 0 || hits(t, a, "stb-md", "tweedewet") != 0 {
		t.Errorf("after the replace, stb lost its text or stb-md kept its old one")
	}
	// An id a client names is replaced whatever file it came from.
	if d, replaced, err := a.ReplaceDocument(ctx, "anders.txt", letterWith("zevendewet", 2), ingest.Options{ID: "stb-html"}); err != nil || !replaced || d.ID != "stb-html" {
		t.Errorf("replacing the named id stb-html: %v, replaced %t", err, replaced)
	}

	// A bulk load: two files of one id in the load, and one whose id a
	// stored document from another file holds.
	files := func(names ...string) []BulkFile {
		var out []BulkFile
		for i, n := range names {
			out = append(out, BulkFile{Name: n, Read: func() ([]byte, error) { return letterWith([]string{"wet", "regeling", "besluit"}[i], 2), nil }})
		}
		return out
	}
	rep, err := a.AddDocuments(ctx, files("kst.txt", "kst.md", "stb.txt"), BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range rep.Stored {
		got = append(got, st.Info.ID)
	}
	if diff := cmp.Diff([]string{"kst", "kst-md"}, got); diff != "" || len(rep.Failed) != 1 || !errors.As(rep.Failed[0].Err, &ee) || ee.ID != "stb" {
		t.Errorf("first load: stored (-want +got):\n%s\nfailed %+v, want stb.txt refused as stb", diff, rep.Failed)
	}
	rep, err = a.AddDocuments(ctx, files("kst.markdown", "stb.md", "kst.txt"), BulkOptions{Replace: true})
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, st := range rep.Stored {
		got = append(got, st.Info.ID)
	}
	if diff := cmp.Diff([]string{"kst-markdown", "stb-md", "kst"}, got); diff != "" || len(rep.Failed) != 0 || rep.Replaced != 2 {
		t.Errorf("second load: stored (-want +got):\n%s\nfailed %+v, replaced %d", diff, rep.Failed, rep.Replaced)
	}
	var ids []string
	for _, d := range a.Documents() {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)
	if diff := cmp.Diff([]string{"kst", "kst-markdown", "kst-md", "stb", "stb-2", "stb-html", "stb-md", "stb-txt"}, ids); diff != "" {
		t.Errorf("stored (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(storedIDs(a), indexedIDs(t, a)); diff != "" {
		t.Errorf("(-stored +indexed):\n%s", diff)
	}
}
