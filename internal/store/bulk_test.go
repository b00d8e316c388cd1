package store

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPutDocuments: one transaction stores every record (the last of a
// repeated id wins, summaries included), a failed commit stores none,
// and a bad id refuses the lot before writing.
func TestPutDocuments(t *testing.T) {
	s, _ := openTemp(t)
	rec := func(id, src, info string) DocRecord {
		return DocRecord{ID: id, Name: id + ".md", Source: []byte(src), Meta: []byte(`{}`), Info: []byte(info)}
	}
	state := func() map[string]string {
		t.Helper()
		got := map[string]string{}
		if err := s.DocumentInfos(func(id string, info []byte) error {
			d, err := s.GetDocument(id)
			if err != nil {
				return err
			}
			got[id] = string(d.Source) + " " + string(info)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if err := s.PutDocuments([]DocRecord{rec("b", "b1", `{"v":1}`), rec("a", "a1", `{"v":1}`), rec("b", "b2", `{"v":2}`)}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": `a1 {"v":1}`, "b": `b2 {"v":2}`}
	if diff := cmp.Diff(want, state()); diff != "" {
		t.Errorf("after PutDocuments (-want +got):\n%s", diff)
	}

	errFull := errors.New("disk full")
	s.fault = func() error { return errFull }
	err := s.PutDocuments([]DocRecord{rec("a", "a2", `{"v":2}`), rec("c", "c1", `{"v":1}`)})
	s.fault = nil
	if !errors.Is(err, errFull) {
		t.Errorf("failed commit: %v, want %v", err, errFull)
	}
	if diff := cmp.Diff(want, state()); diff != "" {
		t.Errorf("a failed commit changed the store (-want +got):\n%s", diff)
	}

	if err := s.PutDocuments([]DocRecord{rec("d", "d1", `{}`), rec("", "x", `{}`)}); err == nil {
		t.Error("an empty id was accepted")
	}
	if diff := cmp.Diff(want, state()); diff != "" {
		t.Errorf("a refused batch changed the store (-want +got):\n%s", diff)
	}
}
