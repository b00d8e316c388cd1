package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tolk-nl/tolk/glossary"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "tolk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func coup() glossary.Concept {
	return glossary.Concept{
		Collection: glossary.CollectionCurated,
		Subject:    "politics",
		Definition: map[string]string{"nl": "Onwettige machtsovername.", "en": "Illegal seizure of power."},
		Terms: []glossary.Term{
			{Lang: "nl", Text: "Staatsgreep", Status: glossary.Preferred, Article: "de", Plural: "staatsgrepen"},
			{Lang: "en", Text: "coup d'état", Status: glossary.Preferred},
		},
	}
}

func TestCreateConcept(t *testing.T) {
	s, _ := openTemp(t)
	c, err := s.CreateConcept(coup(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "staatsgreep" {
		t.Errorf("assigned id %q, want the slug staatsgreep", c.ID)
	}
	if c.Created.IsZero() || !c.Modified.Equal(c.Created) {
		t.Errorf("Created %v, Modified %v: want both set and equal", c.Created, c.Modified)
	}
	// A second concept with the same first term gets a unique id.
	c2, err := s.CreateConcept(coup(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	if c2.ID != "staatsgreep-2" {
		t.Errorf("second id %q, want staatsgreep-2", c2.ID)
	}
	if _, err := s.CreateConcept(c, "bob"); !errors.Is(err, ErrExists) {
		t.Errorf("create with a stored id: %v, want ErrExists", err)
	}
	got, err := s.Concept(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, got); diff != "" {
		t.Errorf("stored concept (-want +got):\n%s", diff)
	}
}

func TestCreateInvalid(t *testing.T) {
	s, _ := openTemp(t)
	bad := coup()
	bad.Terms[0].Status = "obsolete"
	_, err := s.CreateConcept(bad, "alice")
	var fe *glossary.FieldError
	if !errors.Is(err, glossary.ErrInvalid) || !errors.As(err, &fe) || fe.Field != "terms[0].status" {
		t.Errorf("got %v, want a FieldError for terms[0].status", err)
	}
	if cs, _ := s.Concepts(); len(cs) != 0 {
		t.Errorf("invalid concept stored: %v", cs)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct {
		terms []glossary.Term
		want  string
	}{
		{[]glossary.Term{{Lang: "en", Text: "coup"}, {Lang: "nl", Text: "Financiële steun"}}, "financiele-steun"},
		{[]glossary.Term{{Lang: "en", Text: "Court of Justice (EU)"}}, "court-of-justice-eu"},
		{[]glossary.Term{{Lang: "nl", Text: "’s-Gravenhage"}}, "s-gravenhage"},
		{[]glossary.Term{{Lang: "nl", Text: "…"}}, "concept"},
		{[]glossary.Term{{Lang: "nl", Text: strings.Repeat("abc ", 40)}}, strings.TrimSuffix(strings.Repeat("abc-", 16), "-") + "-a"},
	}
	for _, tt := range tests {
		if got := slug(glossary.Concept{Terms: tt.terms}); got != tt.want {
			t.Errorf("slug(%v) = %q, want %q", tt.terms, got, tt.want)
		}
	}
}

func TestUpdateAndHistory(t *testing.T) {
	s, _ := openTemp(t)
	c, err := s.CreateConcept(coup(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	created := c.Created

	edit := c
	edit.Terms = []glossary.Term{
		{Lang: "en", Text: "coup d'état", Status: glossary.Preferred},
		{Lang: "nl", Text: "Staatsgreep", Status: glossary.Preferred, Article: "de", Plural: "staatsgrepen", Note: "ook: coup"},
		{Lang: "en", Text: "coup", Status: glossary.Admitted},
	}
	edit.Definition = map[string]string{"nl": "Onwettige machtsovername.", "fr": "Prise illégale du pouvoir."}
	edit.Subject = ""
	edit.Created = time.Time{} // the store keeps the original
	time.Sleep(2 * time.Millisecond)
	u, err := s.UpdateConcept(edit, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if !u.Created.Equal(created) || !u.Modified.After(created) {
		t.Errorf("Created %v Modified %v; want Created %v kept and Modified later", u.Created, u.Modified, created)
	}

	// An update that changes nothing writes nothing.
	if _, err := s.UpdateConcept(u, "carol"); err != nil {
		t.Fatal(err)
	}

	edit = u
	edit.Terms = edit.Terms[:2]
	if _, err := s.UpdateConcept(edit, "carol"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteConcept(c.ID, "dave"); err != nil {
		t.Fatal(err)
	}

	hs, err := s.History(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Who: "alice", Action: ActionCreate, Fields: []FieldChange{
			{Field: "collection", New: "curated"},
			{Field: "subject", New: "politics"},
			{Field: "definition.en", New: "Illegal seizure of power."},
			{Field: "definition.nl", New: "Onwettige machtsovername."},
			{Field: "terms[nl:Staatsgreep]", New: "Staatsgreep"},
			{Field: "terms[nl:Staatsgreep].status", New: "preferred"},
			{Field: "terms[nl:Staatsgreep].article", New: "de"},
			{Field: "terms[nl:Staatsgreep].plural", New: "staatsgrepen"},
			{Field: "terms[en:coup d'état]", New: "coup d'état"},
			{Field: "terms[en:coup d'état].status", New: "preferred"},
		}},
		{Who: "bob", Action: ActionUpdate, Fields: []FieldChange{
			{Field: "subject", Old: "politics"},
			{Field: "definition.en", Old: "Illegal seizure of power."},
			{Field: "definition.fr", New: "Prise illégale du pouvoir."},
			{Field: "terms[nl:Staatsgreep].note", New: "ook: coup"},
			{Field: "terms[en:coup]", New: "coup"},
			{Field: "terms[en:coup].status", New: "admitted"},
		}},
		{Who: "carol", Action: ActionUpdate, Fields: []FieldChange{
			{Field: "terms[en:coup]", Old: "coup"},
			{Field: "terms[en:coup].status", Old: "admitted"},
		}},
		{Who: "dave", Action: ActionDelete, Fields: []FieldChange{
			{Field: "collection", Old: "curated"},
			{Field: "definition.fr", Old: "Prise illégale du pouvoir."},
			{Field: "definition.nl", Old: "Onwettige machtsovername."},
			{Field: "terms[en:coup d'état]", Old: "coup d'état"},
			{Field: "terms[en:coup d'état].status", Old: "preferred"},
			{Field: "terms[nl:Staatsgreep]", Old: "Staatsgreep"},
			{Field: "terms[nl:Staatsgreep].status", Old: "preferred"},
			{Field: "terms[nl:Staatsgreep].article", Old: "de"},
			{Field: "terms[nl:Staatsgreep].plural", Old: "staatsgrepen"},
			{Field: "terms[nl:Staatsgreep].note", Old: "ook: coup"},
		}},
	}
	if diff := cmp.Diff(want, hs, cmpopts.IgnoreFields(Change{}, "When")); diff != "" {
		t.Errorf("History (-want +got):\n%s", diff)
	}
	for i := 1; i < len(hs); i++ {
		if hs[i].When.Before(hs[i-1].When) {
			t.Errorf("history out of order: %v before %v", hs[i-1].When, hs[i].When)
		}
	}

	if _, err := s.UpdateConcept(edit, "erin"); !errors.Is(err, ErrNotFound) {
		t.Errorf("update of a deleted concept: %v, want ErrNotFound", err)
	}
	if err := s.DeleteConcept(c.ID, "erin"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
	if _, err := s.History("never-was"); !errors.Is(err, ErrNotFound) {
		t.Errorf("history of an unknown id: %v, want ErrNotFound", err)
	}
}

// History keys are id NUL seq; an id that is a prefix of another must not
// see the other's history.
func TestHistoryPrefixIDs(t *testing.T) {
	s, _ := openTemp(t)
	for _, id := range []string{"mali-2", "mali", "mali-20"} {
		c := coup()
		c.ID = id
		if _, err := s.CreateConcept(c, "alice"); err != nil {
			t.Fatal(err)
		}
	}
	hs, err := s.History("mali")
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 1 {
		t.Errorf("History(mali) has %d entries, want 1", len(hs))
	}
}

func TestImportAllOrNothing(t *testing.T) {
	s, _ := openTemp(t)
	existing, err := s.CreateConcept(coup(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	good := func(id, nl, en string) glossary.Concept {
		return glossary.Concept{ID: id, Collection: "import", Terms: []glossary.Term{{Lang: "nl", Text: nl}, {Lang: "en", Text: en}}}
	}
	tests := []struct {
		name string
		cs   []glossary.Concept
		is   error
	}{
		{"unknown language", []glossary.Concept{good("a", "raad", "council"), {ID: "b", Terms: []glossary.Term{{Lang: "xx", Text: "?"}}}}, glossary.ErrInvalid},
		{"no terms", []glossary.Concept{good("a", "raad", "council"), {ID: "c"}}, glossary.ErrInvalid},
		{"duplicate id", []glossary.Concept{good("a", "raad", "council"), good("a", "regering", "government")}, ErrExists},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.ImportConcepts(tt.cs, "bob")
			if !errors.Is(err, tt.is) {
				t.Fatalf("got %v, want %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), "concept 2") {
				t.Errorf("error %q does not name the second concept", err)
			}
			cs, err := s.Concepts()
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != 1 || cs[0].ID != existing.ID {
				t.Errorf("after a failed import the store holds %d concepts, want only %s", len(cs), existing.ID)
			}
		})
	}

	// A good import stores all, replaces by id and assigns missing ids.
	replaced := existing
	replaced.Note = "imported note"
	replaced.Created = time.Time{}
	fresh := good("", "raad", "council")
	if err := s.ImportConcepts([]glossary.Concept{good("reg", "regering", "government"), replaced, fresh}, "bob"); err != nil {
		t.Fatal(err)
	}
	cs, err := s.Concepts()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
		if c.Created.IsZero() || c.Modified.IsZero() {
			t.Errorf("%s: Created %v Modified %v, want both set", c.ID, c.Created, c.Modified)
		}
		if c.ID == existing.ID && (c.Note != "imported note" || !c.Created.Equal(existing.Created)) {
			t.Errorf("replaced concept: note %q created %v, want the import's note and the original time %v", c.Note, c.Created, existing.Created)
		}
	}
	if diff := cmp.Diff([]string{"raad", "reg", "staatsgreep"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	hs, err := s.History(existing.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantLast := Change{Who: "bob", Action: ActionImport, Fields: []FieldChange{{Field: "note", New: "imported note"}}}
	if diff := cmp.Diff(wantLast, hs[len(hs)-1], cmpopts.IgnoreFields(Change{}, "When")); diff != "" {
		t.Errorf("history of the replaced concept (-want +got):\n%s", diff)
	}

	// Importing the same concepts again changes nothing.
	if err := s.ImportConcepts([]glossary.Concept{good("reg", "regering", "government")}, "carol"); err != nil {
		t.Fatal(err)
	}
	if hs, _ := s.History("reg"); len(hs) != 1 {
		t.Errorf("re-import of an unchanged concept added history: %+v", hs)
	}
}

func TestDocuments(t *testing.T) {
	s, _ := openTemp(t)
	added := time.Date(2020, 8, 24, 12, 0, 0, 0, time.UTC)
	d := DocRecord{ID: "mali", Name: "mali.txt", Title: "Kamerbrief Mali", Format: "text", Added: added,
		Source: []byte("Op 18 augustus 2020…"), Meta: []byte(`{"pages":7}`)}
	if err := s.PutDocument(d); err != nil {
		t.Fatal(err)
	}
	if err := s.PutDocument(DocRecord{ID: "b", Name: "b.md", Source: []byte("# B")}); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetDocument("mali")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got); diff != "" {
		t.Errorf("GetDocument (-want +got):\n%s", diff)
	}
	meta, err := s.GetDocumentMeta("mali")
	if err != nil {
		t.Fatal(err)
	}
	want := d
	want.Source = nil
	if diff := cmp.Diff(want, meta); diff != "" {
		t.Errorf("GetDocumentMeta (-want +got):\n%s", diff)
	}
	list, err := s.ListDocuments()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != "b" || list[1].ID != "mali" || list[1].Source != nil || list[0].Added.IsZero() {
		t.Errorf("ListDocuments = %+v, want b then mali, no sources, Added set", list)
	}
	if err := s.DeleteDocument("mali"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetDocument("mali"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetDocument after delete: %v, want ErrNotFound", err)
	}
	if _, err := s.GetDocumentMeta("mali"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetDocumentMeta after delete: %v, want ErrNotFound", err)
	}
	if err := s.DeleteDocument("mali"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second DeleteDocument: %v, want ErrNotFound", err)
	}
	if err := s.PutDocument(DocRecord{}); err == nil {
		t.Error("PutDocument without id succeeded")
	}
}

func TestReopen(t *testing.T) {
	s, path := openTemp(t)
	c, err := s.CreateConcept(coup(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutDocument(DocRecord{ID: "d", Source: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSeeded("glossary"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Concept(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, got); diff != "" {
		t.Errorf("concept after reopen (-want +got):\n%s", diff)
	}
	if d, err := s.GetDocument("d"); err != nil || string(d.Source) != "x" {
		t.Errorf("document after reopen: %+v, %v", d, err)
	}
	for kind, want := range map[string]bool{"glossary": true, "corpus": false} {
		if got, err := s.Seeded(kind); err != nil || got != want {
			t.Errorf("Seeded(%s) = %v, %v; want %v", kind, got, err, want)
		}
	}
}

// A second process (or a second Open in this one) must not get the file
// while it is open: bbolt holds an exclusive lock.
func TestOpenLocked(t *testing.T) {
	_, path := openTemp(t)
	start := time.Now()
	if s, err := Open(path); err == nil {
		s.Close()
		t.Fatal("second Open of an open store succeeded")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("second Open took %v to fail", d)
	}
}

const crashEnv = "TOLK_STORE_CRASH_CHILD"

// TestCrash kills a process that is writing concepts (SIGKILL, no chance
// to close the file) and checks that every concept whose CreateConcept had
// returned before the kill is in the store, and that the file opens
// cleanly with no half-written concept.
func TestCrash(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "tolk.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrash$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	// The child keeps writing; kill it right after it reported the fifth
	// concept, while it is most likely in the middle of the sixth.
	const acked = 5
	var ids []string
	lines := bufio.NewScanner(out)
	deadline := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	for len(ids) < acked && lines.Scan() {
		if id, ok := strings.CutPrefix(lines.Text(), "ok "); ok {
			ids = append(ids, id)
		}
	}
	deadline.Stop()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if len(ids) < acked {
		t.Fatalf("child acknowledged %d concepts before it ended, want %d", len(ids), acked)
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	cs, err := s.Concepts()
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, c := range cs {
		stored[c.ID] = true
		if err := c.Validate(); err != nil {
			t.Errorf("stored concept damaged: %v", err)
		}
		if hs, err := s.History(c.ID); err != nil || len(hs) != 1 {
			t.Errorf("%s: history %v, %v; want exactly its creation", c.ID, hs, err)
		}
	}
	for _, id := range ids {
		if !stored[id] {
			t.Errorf("concept %s acknowledged before the kill is missing", id)
		}
	}
	t.Logf("%d acknowledged, %d stored", len(ids), len(cs))
}

// crashChild writes concepts until it is killed, printing "ok ID" after
// each CreateConcept has returned.
func crashChild(path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	for i := 1; ; i++ {
		c := coup()
		c.ID = "c" + strconv.Itoa(i)
		c.Note = strings.Repeat("x", 10000) // large enough to span pages
		if _, err := s.CreateConcept(c, "child"); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("ok", c.ID)
	}
}

// TestConceptIDReserved: a concept whose head term makes a reserved id
// (export, an address the API uses) gets the next free one.
func TestConceptIDReserved(t *testing.T) {
	c := glossary.Concept{Terms: []glossary.Term{{Lang: "nl", Text: "Export"}}}
	if id := ConceptID(c, func(string) bool { return false }, nil); id != "export-2" {
		t.Errorf("ConceptID = %q, want export-2", id)
	}
}
