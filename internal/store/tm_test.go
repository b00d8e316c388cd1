package store

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/tm"
)

func TestImportSegments(t *testing.T) {
	s, path := openTemp(t)
	first, err := s.ImportSegments([]tm.Segment{
		{ID: "1", NL: "De staatsgreep.", EN: "The coup."},
		{NL: "De transitie.", EN: "The transition.", Source: tm.Source{Doc: "d", Article: "2"}},
	}, "mali", "alice")
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 2 || first[1].ID == "" || first[0].Collection != "mali" || first[0].Creator != "alice" || first[0].Created.IsZero() {
		t.Fatalf("stored %+v: want ids, collection, creator and time filled in", first)
	}

	// A bad row anywhere: nothing of the import is stored.
	_, err = s.ImportSegments([]tm.Segment{
		{ID: "1", NL: "Vervangen?", EN: "Replaced?"},
		{ID: "3", NL: "", EN: "no Dutch"},
	}, "mali", "alice")
	if !errors.Is(err, tm.ErrInvalid) {
		t.Fatalf("error %v: want tm.ErrInvalid", err)
	}
	got, err := s.Segments()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, got); diff != "" {
		t.Errorf("after a failed import (-want +got):\n%s", diff)
	}

	// The same id replaces, in its collection only; reopening keeps it all.
	if _, err := s.ImportSegments([]tm.Segment{{ID: "1", NL: "De coup.", EN: "The coup!"}, {ID: "1", NL: "Andere collectie.", EN: "Other."}}[:1], "mali", "bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportSegments([]tm.Segment{{ID: "1", NL: "Andere collectie.", EN: "Other."}}, "other", "bob"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err = s2.Segments()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, seg := range got {
		texts = append(texts, seg.Collection+"/"+seg.ID+"/"+seg.NL+"/"+seg.Creator)
	}
	want := []string{"mali/1/De coup./bob", "mali/" + first[1].ID + "/De transitie./alice", "other/1/Andere collectie./bob"}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("after reopening (-want +got):\n%s", diff)
	}
}
