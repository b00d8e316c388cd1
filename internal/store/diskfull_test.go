package store

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/tmpfstest"
	"github.com/tolk-nl/tolk/tm"
)

// contents is everything a store holds, for comparing before and after.
type contents struct {
	Docs     []DocRecord
	Sources  map[string]string
	Concepts []glossary.Concept
	History  map[string][]Change
	Seeded   bool
	Segments []tm.Segment
}

func readAll(t *testing.T, s *Store) contents {
	t.Helper()
	c := contents{Sources: map[string]string{}, History: map[string][]Change{}}
	var err error
	if c.Docs, err = s.ListDocuments(); err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Docs {
		full, err := s.GetDocument(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.Sources[d.ID] = string(full.Source)
	}
	if c.Concepts, err = s.Concepts(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"staatsgreep", "nieuw", "import-1", "import-2"} {
		h, err := s.History(id)
		if err != nil && !errors.Is(err, ErrNotFound) {
			t.Fatal(err)
		}
		c.History[id] = h
	}
	if c.Seeded, err = s.Seeded("corpus"); err != nil {
		t.Fatal(err)
	}
	if c.Segments, err = s.Segments(); err != nil {
		t.Fatal(err)
	}
	return c
}

// errFull is what a write to a full disk fails with.
var errFull = &fs.PathError{Op: "write", Path: "tolk.db", Err: syscall.ENOSPC}

// TestFailedWriteLeavesNothing fails each kind of write where its commit
// would write (the fault seam): the error wraps ErrNoSpace, and the store,
// read again and after reopening, holds exactly what it held before.
func TestFailedWriteLeavesNothing(t *testing.T) {
	named := func(id, nl string) glossary.Concept {
		c := coup()
		c.ID, c.Terms[0].Text = id, nl
		return c
	}
	for _, tc := range []struct {
		name  string
		write func(s *Store) error
	}{
		{"PutDocument new", func(s *Store) error {
			return s.PutDocument(DocRecord{ID: "nieuw", Name: "nieuw.txt", Source: []byte("tekst")})
		}},
		{"PutDocument replace", func(s *Store) error {
			return s.PutDocument(DocRecord{ID: "brief", Name: "brief.txt", Source: []byte("andere tekst")})
		}},
		{"DeleteDocument", func(s *Store) error { return s.DeleteDocument("brief") }},
		{"CreateConcept", func(s *Store) error { _, err := s.CreateConcept(named("nieuw", "Nieuw"), "bob"); return err }},
		{"UpdateConcept", func(s *Store) error {
			c := coup()
			c.ID, c.Subject = "staatsgreep", "law"
			_, err := s.UpdateConcept(c, "bob")
			return err
		}},
		{"DeleteConcept", func(s *Store) error { return s.DeleteConcept("staatsgreep", "bob") }},
		{"ImportConcepts", func(s *Store) error {
			return s.ImportConcepts([]glossary.Concept{named("import-1", "Een"), named("import-2", "Twee")}, "bob")
		}},
		{"MarkSeeded", func(s *Store) error { return s.MarkSeeded("corpus") }},
		{"ImportSegments", func(s *Store) error {
			_, err := s.ImportSegments([]tm.Segment{{ID: "s1", NL: "Hallo.", EN: "Hello."}}, "coll", "bob")
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, path := openTemp(t)
			if err := s.PutDocument(DocRecord{ID: "brief", Name: "brief.txt", Source: []byte("tekst")}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateConcept(coup(), "alice"); err != nil {
				t.Fatal(err)
			}
			before := readAll(t, s)
			s.fault = func() error { return errFull }
			err := tc.write(s)
			if !errors.Is(err, ErrNoSpace) || !NoSpace(err) {
				t.Fatalf("write on a full disk: %v, want ErrNoSpace", err)
			}
			s.fault = nil
			if diff := cmp.Diff(before, readAll(t, s)); diff != "" {
				t.Errorf("after the failed write (-before +after):\n%s", diff)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s2, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s2.Close()
			if diff := cmp.Diff(before, readAll(t, s2)); diff != "" {
				t.Errorf("after reopening (-before +after):\n%s", diff)
			}
			// The store takes writes again.
			if err := tc.write(s2); err != nil {
				t.Errorf("the same write once there is room: %v", err)
			}
		})
	}
}

// TestDiskFull fills a real file system (a small tmpfs) with concepts and
// documents until writes fail, then reopens the store on the still full
// disk and again once it has room: every write that succeeded is there
// with its history, none that failed, and each failure wrapped ErrNoSpace.
func TestDiskFull(t *testing.T) {
	dir := tmpfstest.Mount(t, 512<<10)
	path := filepath.Join(dir, "tolk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	stored := map[string]bool{}
	failures := 0
	long := strings.Repeat("Een lange definitie van het begrip. ", 250) // 9,000 bytes
	for i := 0; failures < 20 && i < 2000; i++ {
		id := fmt.Sprintf("begrip-%d", i)
		var err error
		if i%3 == 2 {
			err = s.PutDocument(DocRecord{ID: id, Name: id + ".txt", Source: []byte(long + id)})
		} else {
			c := coup()
			c.ID, c.Definition = id, map[string]string{"nl": long + id}
			_, err = s.CreateConcept(c, "alice")
		}
		switch {
		case err == nil:
			stored[id] = true
		case NoSpace(err) && errors.Is(err, ErrNoSpace):
			failures++
		default:
			t.Fatalf("write %s: %v, want success or ErrNoSpace", id, err)
		}
	}
	if failures == 0 || len(stored) == 0 {
		t.Fatalf("%d writes stored, %d failed: the disk never filled, or nothing fitted", len(stored), failures)
	}
	t.Logf("%d writes stored, %d failed for want of space", len(stored), failures)
	check := func(t *testing.T, s *Store) {
		got := map[string]bool{}
		cs, err := s.Concepts()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			got[c.ID] = true
			if c.Definition["nl"] != long+c.ID {
				t.Errorf("concept %s: definition changed", c.ID)
			}
			if h, err := s.History(c.ID); err != nil || len(h) != 1 {
				t.Errorf("concept %s: history %v, %v; want its creation", c.ID, h, err)
			}
		}
		ds, err := s.ListDocuments()
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			got[d.ID] = true
			full, err := s.GetDocument(d.ID)
			if err != nil || string(full.Source) != long+d.ID {
				t.Errorf("document %s: source changed (%v)", d.ID, err)
			}
		}
		if diff := cmp.Diff(stored, got); diff != "" {
			t.Errorf("stored ids (-acknowledged +found):\n%s", diff)
		}
	}
	t.Run("in place", func(t *testing.T) { check(t, s) })
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	t.Run("reopened on the full disk", func(t *testing.T) {
		s, err = Open(path)
		if err != nil {
			t.Fatalf("Open on a full disk: %v", err)
		}
		check(t, s)
		s.Close()
	})
	tmpfstest.Resize(t, dir, 8<<20)
	t.Run("reopened with room", func(t *testing.T) {
		s, err = Open(path)
		if err != nil {
			t.Fatal(err)
		}
		check(t, s)
		if err := s.PutDocument(DocRecord{ID: "ruimte", Source: []byte("weer ruimte")}); err != nil {
			t.Errorf("a write once there is room: %v", err)
		}
	})
}
