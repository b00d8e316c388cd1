package store

import (
	"errors"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/glossary"
)

// TestImportRefusesDeletedSince: a file whose version of a concept is
// older than the concept's delete here does not bring it back (it did,
// as if never deleted): the import is refused with a *NewerError naming
// it as deleted, and nothing is stored; with overwrite, or from a file
// without modified dates, it comes back. Deletes names it until then;
// an id whose concept "a" is deleted does not make "a-b" (a longer id
// with the same start) count as deleted.
func TestImportRefusesDeletedSince(t *testing.T) {
	s, _ := openTemp(t)
	file := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c := glossary.Concept{ID: "a", Collection: "r", Modified: file, Terms: []glossary.Term{{Lang: "nl", Text: "huur"}, {Lang: "en", Text: "rent"}}}
	other := glossary.Concept{ID: "a-b", Collection: "r", Modified: file, Terms: []glossary.Term{{Lang: "nl", Text: "pacht"}, {Lang: "en", Text: "lease"}}}
	if err := s.ImportConceptsDropping([]glossary.Concept{c, other}, nil, "t", false); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteConcept("a", "alice"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteConcept("a-b", "alice"); err != nil {
		t.Fatal(err)
	}
	if err := s.ImportConcepts([]glossary.Concept{other}, "t"); err != nil {
		t.Fatal(err)
	}
	dels, err := s.Deletes([]string{"a", "a-b", "never"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := dels["a"]; !ok || len(dels) != 1 {
		t.Errorf("Deletes %v, want a only", dels)
	}
	err = s.ImportConceptsDropping([]glossary.Concept{c}, nil, "t", false)
	var ne *NewerError
	if !errors.As(err, &ne) || len(ne.Concepts) != 1 || !ne.Concepts[0].Deleted || ne.Concepts[0].ID != "a" {
		t.Fatalf("import of the older file: %v, want a NewerError naming a as deleted", err)
	}
	if _, err := s.Concept("a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the refused import stored a: %v", err)
	}
	undated := c
	undated.Modified = time.Time{}
	if err := s.ImportConceptsDropping([]glossary.Concept{undated}, nil, "t", false); err != nil {
		t.Fatalf("a file without modified dates: %v", err)
	}
	if _, err := s.Concept("a"); err != nil {
		t.Errorf("a not brought back: %v", err)
	}
}
