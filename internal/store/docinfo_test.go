package store

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDocumentInfos: summaries are written and removed with their
// documents, a document without one lists with nil, and
// PutDocumentInfo adds one only to a stored document.
func TestDocumentInfos(t *testing.T) {
	s, _ := openTemp(t)
	put := func(id, info string) {
		t.Helper()
		d := DocRecord{ID: id, Name: id + ".md", Source: []byte("# " + id), Meta: []byte(`{"text":"long"}`)}
		if info != "" {
			d.Info = []byte(info)
		}
		if err := s.PutDocument(d); err != nil {
			t.Fatal(err)
		}
	}
	list := func() map[string]string {
		t.Helper()
		got := map[string]string{}
		if err := s.DocumentInfos(func(id string, info []byte) error {
			got[id] = string(info)
			if info == nil {
				got[id] = "(none)"
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	put("a", `{"n":1}`)
	put("b", "")
	put("c", `{"n":3}`)
	if diff := cmp.Diff(map[string]string{"a": `{"n":1}`, "b": "(none)", "c": `{"n":3}`}, list()); diff != "" {
		t.Errorf("after puts (-want +got):\n%s", diff)
	}
	// A rewrite without a summary must not leave the old one (stale).
	put("a", "")
	if err := s.PutDocumentInfo("b", []byte(`{"n":2}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteDocument("c"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"a": "(none)", "b": `{"n":2}`}, list()); diff != "" {
		t.Errorf("after rewrite, PutDocumentInfo and delete (-want +got):\n%s", diff)
	}
	if err := s.PutDocumentInfo("c", []byte(`{}`)); !errors.Is(err, ErrNotFound) {
		t.Errorf("PutDocumentInfo of a deleted document: %v, want ErrNotFound", err)
	}
	if diff := cmp.Diff(map[string]string{"a": "(none)", "b": `{"n":2}`}, list()); diff != "" {
		t.Errorf("after a refused PutDocumentInfo (-want +got):\n%s", diff)
	}
}

// TestDocumentInfosComplete: once marked complete, DocumentInfos lists
// from the summaries alone; a document written without a summary clears
// the mark, so that it is listed (with nil) again.
func TestDocumentInfosComplete(t *testing.T) {
	s, _ := openTemp(t)
	for _, id := range []string{"a", "b"} {
		if err := s.PutDocument(DocRecord{ID: id, Source: []byte(id), Info: []byte(`{"id":"` + id + `"}`)}); err != nil {
			t.Fatal(err)
		}
	}
	if s.DocumentInfosComplete() {
		t.Fatal("complete before MarkDocumentInfosComplete")
	}
	if err := s.MarkDocumentInfosComplete(); err != nil {
		t.Fatal(err)
	}
	if !s.DocumentInfosComplete() {
		t.Fatal("not complete after MarkDocumentInfosComplete")
	}
	if err := s.PutDocument(DocRecord{ID: "c", Source: []byte("c")}); err != nil {
		t.Fatal(err)
	}
	if s.DocumentInfosComplete() {
		t.Error("still complete after a document written without a summary")
	}
	got := map[string]bool{}
	if err := s.DocumentInfos(func(id string, info []byte) error {
		got[id] = info != nil
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]bool{"a": true, "b": true, "c": false}, got); diff != "" {
		t.Errorf("listed (-want +got):\n%s", diff)
	}
}
