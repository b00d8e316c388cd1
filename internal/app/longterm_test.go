package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// within runs f and fails the test if it has not returned after d. The
// bounds below are generous (CI runs -race on two busy cores); what they
// catch is work that takes minutes or a lock that is never released.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s has not returned after %v", what, d)
	}
}

// TestLongTermRefused: a one-word term of 300 KB (issue 10, point 5) is
// refused by CreateConcept, UpdateConcept and ImportConcepts with an
// error naming the field, and nothing is stored. Before, it was accepted,
// and keying it took 1.8 s while the App's lock was held.
func TestLongTermRefused(t *testing.T) {
	a, err := Open(context.Background(), Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	long := glossary.Concept{Collection: "mine", Terms: []glossary.Term{{Lang: "nl", Text: strings.Repeat("a", 300_000)}, {Lang: "en", Text: "long"}}}
	ok, err := a.CreateConcept(glossary.Concept{Collection: "mine", Terms: []glossary.Term{{Lang: "nl", Text: "kort"}}}, "t")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		call func() error
	}{
		{"create", func() error { _, err := a.CreateConcept(long, "t"); return err }},
		{"update", func() error { c := long; c.ID = ok.ID; _, err := a.UpdateConcept(c, "t"); return err }},
		{"import", func() error { return a.ImportConcepts([]glossary.Concept{long}, "t") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			within(t, 60*time.Second, tt.name, func() { err = tt.call() })
			var fe *glossary.FieldError
			if !errors.As(err, &fe) || fe.Field != "terms[0].text" || !strings.Contains(err.Error(), "at most 500") {
				t.Errorf("err = %.200v; want a FieldError for terms[0].text giving the limit", err)
			}
		})
	}
	all := a.Terms().All()
	if len(all) != 1 || all[0].Terms[0].Text != "kort" {
		t.Errorf("the termbase holds %d concepts, want only the short one", len(all))
	}
}

// TestOpenWithStoredLongTerms: a data directory from before the length
// limit may hold terms of any length. Written straight into the store
// here (a one-word term of 1 MB, and one of 524,288 one-letter words),
// they do not hold up the start: the keys of their words are bounded
// (index.MaxWordLen), the too-long term is kept out of the term matcher,
// and the concepts are loaded, found by lookup, reported by CheckData
// (tolk check) as invalid and can be deleted. Before,
// keying the 1 MB word took about 50 s a key and sorting the
// prefix records of the many-word term did not finish, at every start.
func TestOpenWithStoredLongTerms(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(context.Background(), Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()

	word := strings.Repeat("ab", 1<<19) + "en" // 1 MB, a plural ending: every suffix was tried
	words := strings.TrimSpace(strings.Repeat("a ", 1<<19))
	db, err := bolt.Open(filepath.Join(dir, "tolk.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []glossary.Concept{
		{ID: "old-word", Collection: "old", Terms: []glossary.Term{{Lang: "nl", Text: word}, {Lang: "en", Text: word}}},
		{ID: "old-words", Collection: "old", Terms: []glossary.Term{{Lang: "nl", Text: words}, {Lang: "en", Text: "many words"}}},
		{ID: "kort", Collection: "old", Terms: []glossary.Term{{Lang: "nl", Text: "staatsgreep"}, {Lang: "en", Text: "coup"}}},
	} {
		raw, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("concepts")).Put([]byte(c.ID), raw) })
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	within(t, 60*time.Second, "Open with the stored long terms", func() {
		a, err = Open(context.Background(), Config{DataDir: dir})
	})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if n := a.Terms().Len(); n != 3 {
		t.Errorf("the termbase holds %d concepts, want 3", n)
	}
	if got := index.TermKey("nl", word); got != word {
		t.Errorf("the key of the 1 MB word is %d bytes, not the word itself", len(got))
	}
	within(t, 60*time.Second, "lookup and annotation", func() {
		res, err := a.Terms().Lookup(glossary.LookupRequest{Q: word, Mode: glossary.ModeExact})
		if err != nil || res.Total != 1 || res.Concepts[0].ID != "old-word" {
			t.Errorf("exact lookup of the 1 MB word: %d results, %v; want old-word", res.Total, err)
		}
		text := "De staatsgreep. " + word
		var got []string
		for _, an := range a.Annotate(text, "") {
			got = append(got, an.Concept)
		}
		if strings.Join(got, " ") != "kort" {
			t.Errorf("annotations %q, want only kort (a stored term over MaxTermLen is not matched)", got)
		}
	})
	within(t, 60*time.Second, "CheckData", func() {
		r, err := a.CheckData(context.Background(), CheckOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var invalid []string
		for _, f := range r.Findings {
			if f.Problem == ProblemInvalid && strings.Contains(f.Detail, "at most 500") {
				invalid = append(invalid, f.ID)
			}
		}
		if strings.Join(invalid, " ") != "old-word old-words" {
			t.Errorf("tolk check reports %q as too long, want old-word and old-words", invalid)
		}
	})
	for _, id := range []string{"old-word", "old-words"} {
		within(t, 60*time.Second, "deleting "+id, func() {
			if err := a.DeleteConcept(id, "t"); err != nil {
				t.Errorf("DeleteConcept(%s): %v", id, err)
			}
		})
	}
	if n := a.Terms().Len(); n != 1 {
		t.Errorf("after deleting, the termbase holds %d concepts, want 1", n)
	}
}

// TestGlossaryWriteDoesNotBlockReaders: while a glossary write builds
// the term matcher (here held inside it by a KeyFunc that waits), reading
// documents and their history, adding and deleting documents, lookups and
// annotation all go on; the write finishes once the KeyFunc returns, and
// its term is then annotated. Before, the write held the App's lock across
// the build, and every document read waited for it.
func TestGlossaryWriteDoesNotBlockReaders(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	doc, err := a.AddDocument(ctx, "brief.txt", []byte("Geachte Voorzitter,\n\nDe staatsgreep in Mali.\n"), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	a.gl.key = func(lang, w string) string {
		if w == "blokkeerwoord" {
			once.Do(func() {
				close(entered)
				<-release
			})
		}
		return index.TermKey(lang, w)
	}
	created := make(chan error, 1)
	go func() {
		_, err := a.CreateConcept(glossary.Concept{ID: "blok", Collection: "mine", Terms: []glossary.Term{{Lang: "nl", Text: "blokkeerwoord"}}}, "t")
		created <- err
	}()
	select {
	case <-entered:
	case <-time.After(60 * time.Second):
		t.Fatal("the glossary write never built the matcher")
	}
	reads := []struct {
		name string
		f    func() error
	}{
		{"Documents", func() error {
			if len(a.Documents()) != 1 {
				return errors.New("not one document")
			}
			return nil
		}},
		{"Document", func() error { _, err := a.Document(doc.ID); return err }},
		{"History", func() error { _, err := a.History("blok"); return err }},
		{"Lookup", func() error {
			res, err := a.Terms().Lookup(glossary.LookupRequest{Q: "blokkeerwoord"})
			if err == nil && res.Total != 1 {
				err = fmt.Errorf("%d results: the termbase does not hold the new concept yet", res.Total)
			}
			return err
		}},
		{"Annotate", func() error { a.Annotate("De staatsgreep.", "nl"); return nil }},
		{"AddDocument", func() error {
			_, err := a.AddDocument(ctx, "tweede.txt", []byte("Tweede brief.\n"), ingest.Options{})
			return err
		}},
		{"DeleteDocument", func() error { return a.DeleteDocument(ctx, doc.ID) }},
	}
	for _, r := range reads {
		var err error
		within(t, 30*time.Second, r.name+" during a glossary write", func() { err = r.f() })
		if err != nil {
			t.Errorf("%s: %v", r.name, err)
		}
	}
	close(release)
	select {
	case err := <-created:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("CreateConcept did not return once the KeyFunc did")
	}
	if got := a.Annotate("Het blokkeerwoord.", "nl"); len(got) != 1 || got[0].Concept != "blok" {
		t.Errorf("after CreateConcept returned, the matcher finds %v, want the new concept", got)
	}
}

// TestConcurrentGlossaryWrites: concurrent creates, updates and deletes
// (run with -race) leave the termbase and the matcher agreeing with
// what each call returned: every concept created and not deleted is
// annotated once its CreateConcept has returned.
func TestConcurrentGlossaryWrites(t *testing.T) {
	a, err := Open(context.Background(), Config{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	const writers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*3)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				id := fmt.Sprintf("w%d-%d", w, i)
				word := fmt.Sprintf("schrijfterm%c%c", 'a'+w, 'a'+i)
				c, err := a.CreateConcept(glossary.Concept{ID: id, Collection: "mine", Terms: []glossary.Term{{Lang: "nl", Text: word}}}, "t")
				if err != nil {
					errs <- err
					continue
				}
				// Seen at once by the matcher, whatever the other writers do.
				if got := a.Annotate("Een "+word+".", "nl"); len(got) != 1 || got[0].Concept != id {
					errs <- fmt.Errorf("%s: annotated %v right after CreateConcept", id, got)
				}
				c.Note = "bewerkt"
				if _, err := a.UpdateConcept(c, "t"); err != nil {
					errs <- err
				}
				if i%2 == 1 {
					if err := a.DeleteConcept(id, "t"); err != nil {
						errs <- err
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := a.Terms().Len(); n != writers*each/2 {
		t.Errorf("the termbase holds %d concepts, want %d", n, writers*each/2)
	}
	for w := range writers {
		for i := range each {
			word := fmt.Sprintf("schrijfterm%c%c", 'a'+w, 'a'+i)
			got := a.Annotate("Een "+word+".", "nl")
			if want := i%2 == 0; (len(got) == 1) != want {
				t.Errorf("%s: %d annotations, want %d", word, len(got), map[bool]int{true: 1}[want])
			}
		}
		if h, _ := a.History(fmt.Sprintf("w%d-1", w)); len(h) != 3 {
			t.Errorf("w%d-1: %d history entries, want 3 (create, update, delete)", w, len(h))
		}
	}
}

// TestTMImportDoesNotBlockSearch: while a translation-memory import is
// being indexed (held there by a hook), TM searches and listings answer
// from what was there before; the import's segments are found once it
// returns. Before, the import held the memory's lock across the store
// write and the indexing, and every search waited for it.
func TestTMImportDoesNotBlockSearch(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte("de begroting\tthe budget\n"), Name: "a.tsv", Who: "t"}); err != nil {
		t.Fatal(err)
	}
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	a.tmem.putHook = func() {
		once.Do(func() {
			close(entered)
			<-release
		})
	}
	imported := make(chan error, 1)
	go func() {
		_, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte("het verdrag\tthe treaty\n"), Name: "b.tsv", Who: "t"})
		imported <- err
	}()
	select {
	case <-entered:
	case <-time.After(60 * time.Second):
		t.Fatal("the import never reached the indexing")
	}
	within(t, 30*time.Second, "SearchTM during an import", func() {
		r, err := a.SearchTM(ctx, TMQuery{Q: "begroting"})
		if err != nil || len(r.Segments) != 1 {
			t.Errorf("SearchTM(begroting) = %d hits, %v; want 1", len(r.Segments), err)
		}
	})
	within(t, 30*time.Second, "TMSegments during an import", func() {
		if n := len(a.TMSegments("")); n != 1 {
			t.Errorf("TMSegments: %d, want the 1 from before the import", n)
		}
	})
	close(release)
	select {
	case err := <-imported:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("ImportTM did not return once the hook did")
	}
	if r, err := a.SearchTM(ctx, TMQuery{Q: "verdrag"}); err != nil || len(r.Segments) != 1 {
		t.Errorf("after the import, SearchTM(verdrag) = %d hits, %v; want 1", len(r.Segments), err)
	}
}
