package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
)

// glossaryState serialises glossary writes and keeps the term matcher up
// to date without holding a lock that readers need.
//
// A glossary write holds mu while it writes the store (one fsync'd
// transaction) and then the termbase, so the two change in the same order
// and a 2xx answer means the edit is on disk and lookups see it. It does
// not hold App.mu, the lock of the document map: a write never keeps a
// reader of documents waiting. The term matcher is rebuilt after mu is
// released (rebuildMatcher): building it keys every term of the glossary
// (about 100 ms with FreeDict loaded), work that must not stall other
// writers' store transactions, let alone readers.
type glossaryState struct {
	mu  sync.Mutex    // serialises glossary writes: store, then termbase
	gen atomic.Uint64 // counts termbase changes; bumped under mu

	mmu   sync.Mutex       // serialises matcher builds
	built uint64           // the gen the current matcher reflects; under mmu
	key   glossary.KeyFunc // the matcher's KeyFunc; nil means index.TermKey (tests slow it down)
}

// CreateConcept validates and stores a new concept.
func (a *App) CreateConcept(c glossary.Concept, who string) (glossary.Concept, error) {
	c.NormalizeTerms()
	if err := c.Validate(); err != nil {
		return glossary.Concept{}, err
	}
	if c.Collection == glossary.CollectionCurated {
		return glossary.Concept{}, &glossary.FieldError{Concept: c.ID, Field: "collection",
			Msg: `"curated" holds the glossary tolk ships, reviewed; a new concept goes into "user" (the default) or a collection of your own`}
	}
	a.gl.mu.Lock()
	var err error
	if a.store == nil {
		c, err = a.memCreate(c, who)
	} else {
		c, err = a.store.CreateConcept(c, who)
	}
	if err == nil {
		a.publish(c)
	}
	a.gl.mu.Unlock()
	if err != nil {
		return glossary.Concept{}, err
	}
	a.rebuildMatcher()
	return c, nil
}

// Revision returns a tag of the concept as it is stored: it changes with
// every change of any of its fields. The API sends it as the concept's
// ETag, and a write may name it (If-Match) to be refused when someone else
// has changed the concept meanwhile.
func Revision(c glossary.Concept) string {
	b, err := json.Marshal(c)
	if err != nil { // a Concept always marshals; no tag matches then
		return ""
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:12])
}

// Precondition is what a write of a concept requires of the stored one:
// the zero value requires nothing.
type Precondition struct {
	// Revisions: the stored concept's Revision must be one of them; "*"
	// accepts any stored concept but requires one.
	Revisions []string
	// Modified, when set, must be the stored concept's modified time: a
	// client that sends back the concept it read, with its modified time,
	// is refused when the concept was changed after that.
	Modified time.Time
}

// check returns an error matching ErrStale (the revision) or ErrConflict
// (the modified time) when old (ok: it exists) does not meet p.
func (p Precondition) check(id string, old glossary.Concept, ok bool) error {
	if len(p.Revisions) > 0 {
		if !ok {
			return stale("concept %q does not exist (If-Match)", id)
		}
		rev, match := Revision(old), false
		for _, r := range p.Revisions {
			if r == "*" || r == rev {
				match = true
				break
			}
		}
		if !match {
			return staleTags(id, p.Revisions, rev, old)
		}
	}
	if !p.Modified.IsZero() && ok && !p.Modified.Equal(old.Modified) {
		if p.Modified.After(old.Modified) {
			// Not a later change: a modified no stored version has.
			return fmt.Errorf("app: concept %q: the modified you sent (%s) is not the stored version's (%s); send the modified you read, or none: %w",
				id, p.Modified.UTC().Format(time.RFC3339Nano), old.Modified.UTC().Format(time.RFC3339Nano), ErrConflict)
		}
		return fmt.Errorf("app: concept %q was changed%s after the version you sent (modified %s); read it again and repeat your change: %w",
			id, changedAt(old), p.Modified.UTC().Format(time.RFC3339Nano), ErrConflict)
	}
	return nil
}

// staleTags is the error for If-Match tags none of which is rev, the
// stored concept's. A tag is a hash, not a time: whether it named an
// older version or none tolk ever gave is not known here, so the error
// says that the tags do not match and what the current tag is, and only
// a tag of a revision's shape may have come from an earlier read.
func staleTags(id string, tags []string, rev string, old glossary.Concept) error {
	shown := make([]string, len(tags))
	revShaped := false
	for i, t := range tags {
		shown[i] = t
		if !strings.HasPrefix(t, "W/") {
			shown[i] = `"` + t + `"`
		}
		revShaped = revShaped || isRevision(t)
	}
	if !revShaped {
		return fmt.Errorf("app: If-Match %s is not a tag of concept %q: its current version's ETag is \"%s\"; send the ETag a GET of the concept gives: %w",
			strings.Join(shown, ", "), id, rev, ErrStale)
	}
	last := ""
	if !old.Modified.IsZero() {
		last = ", last changed at " + old.Modified.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Errorf("app: If-Match %s does not match the current version of concept %q (ETag \"%s\"%s); read it again and repeat your change: %w",
		strings.Join(shown, ", "), id, rev, last, ErrStale)
}

// isRevision reports whether t has the shape of a Revision: 24
// lower-case hexadecimal digits.
func isRevision(t string) bool {
	if len(t) != 24 {
		return false
	}
	for _, r := range t {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}

func changedAt(c glossary.Concept) string {
	if c.Modified.IsZero() {
		return ""
	}
	return " at " + c.Modified.UTC().Format(time.RFC3339Nano)
}

// UpdateConcept replaces a stored concept.
func (a *App) UpdateConcept(c glossary.Concept, who string) (glossary.Concept, error) {
	return a.UpdateConceptIf(c, who, Precondition{})
}

// UpdateConceptIf replaces a stored concept when the stored one meets p,
// checked under the glossary's write lock; otherwise it returns an error
// matching ErrStale or ErrConflict and writes nothing.
func (a *App) UpdateConceptIf(c glossary.Concept, who string, p Precondition) (glossary.Concept, error) {
	c.NormalizeTerms()
	if err := c.Validate(); err != nil {
		return glossary.Concept{}, err
	}
	a.gl.mu.Lock()
	old, ok := a.terms.Get(c.ID)
	err := p.check(c.ID, old, ok)
	if err == nil && ok && c.Collection == glossary.CollectionCurated && old.Collection != glossary.CollectionCurated {
		err = &glossary.FieldError{Concept: c.ID, Field: "collection",
			Msg: fmt.Sprintf(`a concept of %q cannot be moved into "curated", which holds the glossary tolk ships, reviewed`, old.Collection)}
	}
	if err != nil {
		a.gl.mu.Unlock()
		return glossary.Concept{}, err
	}
	if a.store == nil {
		c, err = a.memUpdate(c, who)
	} else {
		c, err = a.store.UpdateConcept(c, who)
	}
	if err == nil {
		a.publish(c)
	}
	a.gl.mu.Unlock()
	if err != nil {
		return glossary.Concept{}, err
	}
	a.rebuildMatcher()
	return c, nil
}

// DeleteConcept removes a concept.
func (a *App) DeleteConcept(id, who string) error {
	return a.DeleteConceptIf(id, who, Precondition{})
}

// DeleteConceptIf removes a concept when it meets p (see UpdateConceptIf).
func (a *App) DeleteConceptIf(id, who string, p Precondition) error {
	if err := a.deleteConcept(id, who, p); err != nil {
		return err
	}
	a.rebuildMatcher()
	return nil
}

func (a *App) deleteConcept(id, who string, p Precondition) error {
	a.gl.mu.Lock()
	defer a.gl.mu.Unlock()
	old, ok := a.terms.Get(id)
	if !ok {
		return notFound("there is no concept %q", id)
	}
	if err := p.check(id, old, ok); err != nil {
		return err
	}
	if a.store == nil {
		a.record(id, who, store.ActionDelete, time.Now().UTC(), old, glossary.Concept{})
	} else if err := a.store.DeleteConcept(id, who); err != nil {
		return err
	}
	a.terms.Delete(id)
	a.gl.gen.Add(1)
	return nil
}

// GlossaryCollection returns nil for a collection the glossary has, or
// for "" (every collection), else an error matching ErrNotFound that
// names the ones it has: a lookup or export filtered to a misspelt name
// is refused rather than answered with nothing.
func (a *App) GlossaryCollection(collection string) error {
	if collection == "" {
		return nil
	}
	var names []string
	for _, ci := range a.terms.Collections() {
		if ci.Name == collection {
			return nil
		}
		names = append(names, ci.Name)
	}
	return notFound("the glossary has no collection %q (it has %s)", collection, strings.Join(names, ", "))
}

// GlossaryConcepts returns the concepts to export: those of collection
// (all for "") that have status (any for ""). A collection the glossary
// does not have is ErrNotFound, naming the ones it has: an export of a
// misspelt name (Curated) would otherwise be an empty file that a CAT tool
// imports as a glossary without terms.
func (a *App) GlossaryConcepts(collection string, status glossary.Status) ([]glossary.Concept, error) {
	if err := a.GlossaryCollection(collection); err != nil {
		return nil, err
	}
	var out []glossary.Concept
	for _, c := range a.terms.All() {
		if collection != "" && c.Collection != collection || status != "" && !c.HasStatus(status) {
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// DeleteCollection removes every concept of a collection, all or
// nothing, and returns how many there were. The curated collection cannot
// be deleted (its concepts can, one by one); an unknown or empty
// collection is ErrNotFound.
func (a *App) DeleteCollection(name, who string) (int, error) {
	if name == glossary.CollectionCurated {
		return 0, badRequest("the curated collection cannot be deleted whole (delete its concepts one by one)")
	}
	n, err := a.deleteCollection(name, who)
	if err != nil {
		return 0, err
	}
	a.rebuildMatcher()
	return n, nil
}

func (a *App) deleteCollection(name, who string) (int, error) {
	a.gl.mu.Lock()
	defer a.gl.mu.Unlock()
	var ids []string
	var old []glossary.Concept
	for _, c := range a.terms.All() {
		if c.Collection == name {
			ids = append(ids, c.ID)
			old = append(old, c)
		}
	}
	if len(ids) == 0 {
		return 0, notFound("the glossary has no collection %q", name)
	}
	if a.store == nil {
		now := time.Now().UTC()
		for i, id := range ids {
			a.record(id, who, store.ActionDelete, now, old[i], glossary.Concept{})
		}
	} else if err := a.store.DeleteConcepts(ids, who); err != nil {
		return 0, err
	}
	for _, id := range ids {
		a.terms.Delete(id)
	}
	a.gl.gen.Add(1)
	return len(ids), nil
}

// ImportConcepts stores concepts all or nothing (ImportGlossary without
// options).
func (a *App) ImportConcepts(cs []glossary.Concept, who string) error {
	_, err := a.ImportGlossary(cs, who, GlossaryImport{})
	return err
}

// ReplaceCollection imports cs into collection name (every concept gets
// it) and deletes the collection's concepts that cs does not have (by
// id), in one store transaction: a corrected file imported again replaces
// what the last import of it left, where ImportConcepts would keep the
// old entries beside the new. It returns how many concepts it deleted.
// The curated collection is not replaced this way.
func (a *App) ReplaceCollection(name string, cs []glossary.Concept, who string) (int, error) {
	res, err := a.ImportGlossary(cs, who, GlossaryImport{Replace: name})
	return res.Deleted, err
}

// GlossaryImport says how ImportGlossary treats what is stored.
type GlossaryImport struct {
	// Replace names the collection the file replaces (ReplaceCollection).
	Replace string
	// Overwrite imports concepts that were modified or deleted here after
	// the file's version of them (an export edited since it was taken):
	// without it such an import is refused (ErrConflict, naming them) and
	// nothing is stored, as an edit from an older version is refused.
	// With it (or Replace) the file's version of a concept replaces the
	// stored one whole; without both, the import merges the file into
	// each concept it updates (mergeConcept): what the file does not give
	// is kept.
	Overwrite bool
	// KeepVariants says the file's format has no place for a term's
	// regional variant (CSV, XLSX, TSV, OmegaT: a column per language;
	// exchange.HasVariants is false): a concept the import updates keeps
	// the variant of each term whose language and text are unchanged,
	// where the file's silence would otherwise remove it. A term given a
	// variant by the file (a column headed en-GB) has that one.
	KeepVariants bool
	// Places names where in the file each concept of cs starts
	// (glossary.Left.Places), for the warnings; may be nil.
	Places []string
}

// Imported is what ImportGlossary did besides storing the concepts.
type Imported struct {
	Deleted int // concepts a Replace deleted
	// Warnings name each concept of the file that became a new concept
	// beside one of its collection with the same Dutch term
	// (glossary.WarnExistingTerm): a corrected file imported again
	// without Replace; each concept the file changed that was edited here
	// after it was last imported (WarnEditedHere); each deleted concept
	// it brought back (WarnRestored); and each term another collection's
	// concept has with other equivalents (WarnTermClash).
	Warnings []glossary.Warning
}

// ImportGlossary stores cs all or nothing as opt says.
func (a *App) ImportGlossary(cs []glossary.Concept, who string, opt GlossaryImport) (Imported, error) {
	if name := opt.Replace; name != "" {
		if name == glossary.CollectionCurated {
			return Imported{}, badRequest("the curated collection is edited concept by concept, not replaced")
		}
		if len(cs) == 0 {
			// A file that yields nothing (a header only, entries in
			// other languages) would empty the collection: that is a
			// delete, asked for as one.
			return Imported{}, badInput(fmt.Errorf("the file holds no concepts to import: replacing collection %q with it would delete all of it (delete the collection to do that)", name))
		}
		for i := range cs {
			cs[i].Collection = name
		}
	}
	for i := range cs {
		cs[i].NormalizeTerms()
		if err := cs[i].Validate(); err != nil {
			return Imported{}, err
		}
	}
	res, err := a.importConcepts(cs, who, opt)
	if err != nil {
		return Imported{}, err
	}
	a.rebuildMatcher()
	return res, nil
}

// importConcepts stores cs and, when replace names a collection, deletes
// that collection's concepts cs does not have, in one store transaction.
// It returns how many it deleted. Without overwrite, concepts modified
// here after cs's version of them refuse the import (GlossaryImport).
func (a *App) importConcepts(cs []glossary.Concept, who string, opt GlossaryImport) (Imported, error) {
	replace, overwrite := opt.Replace, opt.Overwrite
	a.gl.mu.Lock()
	defer a.gl.mu.Unlock()
	a.rehome(cs)
	if opt.KeepVariants {
		a.keepVariants(cs)
	}
	var warnings []glossary.Warning
	if replace == "" {
		warnings = a.existingTerms(cs, opt.Places)
	}
	if replace == "" && !overwrite {
		// Without replace an import adds and updates only: each concept
		// it updates is merged into the stored one (mergeConcept).
		warnings = append(warnings, a.mergeStored(cs, opt.Places)...)
	}
	deleted, err := a.deletes(cs)
	if err != nil {
		return Imported{}, err
	}
	warnings = append(warnings, restored(cs, deleted, overwrite, opt.Places)...)
	warnings = append(warnings, a.importClashes(cs, opt.Places)...)
	var drop []string
	var old []glossary.Concept
	if replace != "" {
		keep := make(map[string]bool, len(cs))
		for _, c := range cs {
			keep[c.ID] = c.ID != ""
		}
		for _, c := range a.terms.All() {
			if c.Collection == replace && !keep[c.ID] {
				drop = append(drop, c.ID)
				old = append(old, c)
			}
		}
	}
	if a.store == nil {
		if !overwrite {
			// As the store refuses it (ImportConceptsDropping).
			var newer []store.NewerConcept
			for _, c := range cs {
				if old, ok := a.terms.Get(c.ID); ok && c.ID != "" && store.NewerThan(old.Modified, c.Modified) && len(store.Diff(old, c)) > 0 {
					newer = append(newer, store.NewerConcept{ID: c.ID, Stored: old.Modified, File: c.Modified})
				} else if del, ok := deleted[c.ID]; ok && store.NewerThan(del.When, c.Modified) {
					newer = append(newer, store.NewerConcept{ID: c.ID, Stored: del.When, File: c.Modified, Deleted: true})
				}
			}
			if len(newer) > 0 {
				return Imported{}, newerConflict(&store.NewerError{Concepts: newer})
			}
		}
		now := time.Now().UTC()
		for i, id := range drop {
			a.record(id, who, store.ActionDelete, now, old[i], glossary.Concept{})
			a.terms.Delete(id)
		}
		batch, next := map[string]bool{}, map[string]int{}
		for i := range cs {
			if cs[i].ID != "" {
				batch[cs[i].ID] = true
			}
		}
		put := cs[:0:0]
		for i := range cs {
			a.memID(&cs[i], batch, next)
			old, exists := a.terms.Get(cs[i].ID)
			_, wasDeleted := deleted[cs[i].ID]
			switch {
			case exists && len(store.Diff(old, cs[i])) == 0:
				continue // unchanged, as the store skips it
			case exists:
				cs[i].Created, cs[i].Modified = old.Created, now
				cs[i].CreatedBy, cs[i].ModifiedBy = old.CreatedBy, who
			default:
				cs[i].Created, cs[i].Modified = now, now
				cs[i].CreatedBy, cs[i].ModifiedBy = who, who
			}
			if exists || wasDeleted {
				// The history an edit or a delete began; a new concept's
				// import is not recorded (a dictionary's 100,000).
				a.record(cs[i].ID, who, store.ActionImport, now, old, cs[i])
			}
			put = append(put, cs[i])
		}
		a.publish(put...)
		return Imported{Deleted: len(drop), Warnings: warnings}, nil
	}
	if err := a.store.ImportConceptsDropping(cs, drop, who, overwrite); err != nil {
		var ne *store.NewerError
		if errors.As(err, &ne) {
			return Imported{}, newerConflict(ne)
		}
		return Imported{}, err
	}
	for _, id := range drop {
		a.terms.Delete(id)
	}
	// The store assigns ids and times: reload what it now holds.
	all, err := a.store.Concepts()
	if err != nil {
		return Imported{}, fmt.Errorf("app: %w", err)
	}
	a.publish(all...)
	return Imported{Deleted: len(drop), Warnings: warnings}, nil
}

// existingTerms warns of each concept of cs that the import adds as a new
// concept (its id, if any, is not one of its collection's) while its
// collection already holds a concept with one of its Dutch terms: a
// corrected file imported again without replace, whose rows without ids
// became second concepts beside the first import's, which annotate and
// the check still take the word for. Concepts of the same file are not
// compared with each other: the readers merge or count those rows
// (Left.Merged, Left.Duplicates). Called under a.gl.mu after rehome.
func (a *App) existingTerms(cs []glossary.Concept, places []string) []glossary.Warning {
	colls := map[string]bool{}
	for i := range cs {
		colls[cs[i].Collection] = true
	}
	have := map[string][]string{} // collection + folded Dutch term → stored concept ids
	for _, c := range a.terms.All() {
		if !colls[c.Collection] {
			continue
		}
		for _, t := range c.Terms {
			if t.Lang == "nl" {
				k := c.Collection + "\x00" + glossary.Fold(t.Text)
				if !slices.Contains(have[k], c.ID) {
					have[k] = append(have[k], c.ID)
				}
			}
		}
	}
	var out []glossary.Warning
	more := 0
	for i := range cs {
		c := &cs[i]
		if old, ok := a.terms.Get(c.ID); ok && c.ID != "" && old.Collection == c.Collection {
			continue // an update of the concept with its id
		}
		for _, t := range c.Terms {
			ids := have[c.Collection+"\x00"+glossary.Fold(t.Text)]
			if t.Lang != "nl" || len(ids) == 0 {
				continue
			}
			if len(out) == maxImportWarnings {
				more++
				break
			}
			where, prefix := importPlace(places, i)
			out = append(out, glossary.Warning{Kind: glossary.WarnExistingTerm, Where: where, Concept: ids[0],
				Message: fmt.Sprintf("%sthe Dutch term %q is already in collection %q (concept %s); this row is imported as a new concept beside it. To make the collection hold what the file holds, import the file with replace=true (the collection's concepts the file does not have are deleted)",
					prefix, t.Text, c.Collection, strings.Join(ids, ", "))})
			break
		}
	}
	if more > 0 {
		out = append(out, glossary.Warning{Kind: glossary.WarnExistingTerm,
			Message: fmt.Sprintf("and %s with a Dutch term their collection already holds; replace=true makes the collection hold what the file holds", moreOf(more, "row"))})
	}
	return out
}

// maxImportWarnings bounds the warnings of one kind an import lists one
// by one (a file of thousands of rows imported twice); the rest are
// counted.
const maxImportWarnings = 100

// publish makes stored concepts visible to lookups; rebuildMatcher then
// shows them to the term matcher. The caller holds a.gl.mu.
func (a *App) publish(cs ...glossary.Concept) {
	a.terms.Put(cs...)
	a.gl.gen.Add(1)
}

// rebuildMatcher makes the matcher reflect the termbase as it is now, or
// later: it returns once a matcher built from a termbase that holds every
// change made before the call is in place. Concurrent calls coalesce: one
// that waited while another built from a termbase already holding its
// changes builds nothing. Call it holding neither a.mu nor a.gl.mu.
func (a *App) rebuildMatcher() {
	want := a.gl.gen.Load()
	a.gl.mmu.Lock()
	defer a.gl.mmu.Unlock()
	if a.gl.built >= want && a.match.Load() != nil {
		return
	}
	// Read before the snapshot: the snapshot holds at least this gen.
	gen := a.gl.gen.Load()
	a.match.Store(match.NewMatcher(withoutFunctionWords(byPrecedence(a.terms.All())), a.matchOptions()))
	a.gl.built = gen
}

// matchOptions are the term matcher's options: the glossary's, and a
// concordance's of one term (Concordance), which must find a word as
// the glossary's does.
func (a *App) matchOptions() match.Options {
	key := a.gl.key
	if key == nil {
		key = index.TermKey
	}
	return match.Options{Key: key, Split: a.split, Forms: a.termForms, Separated: a.termSeparated, Particles: a.termParticles,
		Rank: collectionTier, Function: matchFunctionWord, Word: a.listedWord}
}

// byPrecedence orders concepts for the matcher, which gives a span that
// terms of several concepts match equally well to the first (precedes):
// concepts made by hand (the user collection, where the API and the pages
// put new ones), then the curated glossary, then every imported
// collection; within each, the more reliable first, then the older, then
// by id; a concept without a Dutch or an English term comes after all
// those that have both (oneLanguage). So an imported term list (FreeDict, a colleague's CSV) adds terms
// but does not take a word from the curated glossary, a concept a user
// adds for a word the curated glossary has (lid: paragraph) is the one
// annotate shows (the API warns of it: TermClashes), and a newer concept
// of a collection does not take a term from an older one of it.
func byPrecedence(cs []glossary.Concept) []glossary.Concept {
	slices.SortStableFunc(cs, precedes)
	return cs
}

// collectionTier is the matcher's rank of a concept (match.Options.Rank):
// made by hand 0, curated 1, imported 2, and each of these 3 more for a
// concept of one language (oneLanguage). It decides between concepts
// before how strictly their terms match, so that an imported term list's
// exact "opgeschort" does not take the word from the curated opschorten,
// which has it as a form.
func collectionTier(c *glossary.Concept) int {
	tier := glossary.CollectionTier(c.Collection)
	if oneLanguage(c) {
		tier += 3
	}
	return tier
}

// oneLanguage reports whether c lacks a Dutch or an English term (a CSV
// row whose English cell was left empty). Such a concept has nothing to
// show where annotate and the check need the other language, so it comes
// after every concept that has both, whatever its collection: a user's
// Dutch-only huurtoeslag took the word from the curated concept, and
// annotate showed no English and the check left it out. Among concepts
// that have both the collections' order stands (user, curated, import).
func oneLanguage(c *glossary.Concept) bool {
	var nl, en bool
	for _, t := range c.Terms {
		nl = nl || t.Lang == "nl"
		en = en || t.Lang == "en"
	}
	return !nl || !en
}

// matchFunctionWord tells the matcher the Dutch and English function words
// (the analyzers' stop words), which match no one-word term: an imported
// dictionary lists them (FreeDict: met → at, by, on; and → en), and every
// "and" of an English text was annotated, some with no English to show.
func matchFunctionWord(lang, fold string) bool {
	switch lang {
	case "nl":
		return index.DutchStopWord(fold)
	case "en":
		return index.EnglishStopWord(fold)
	}
	return false
}

// listedWord reports whether the word list has fold as an ordinary word
// (match.Options.Word); false for every word without a word list.
func (a *App) listedWord(fold string) bool {
	if a.words == nil {
		return false
	}
	listed, _ := a.words.Listed(fold)
	return listed
}

// withoutFunctionWords leaves out of the concepts, for the matcher, the
// Dutch terms written in lower case that are made of function words only
// (de, met, van de, ... niet: the Dutch analyzers' stop words) or are an
// affix (‐de, in‐). A dictionary imported as a glossary lists them
// (FreeDict: met → at, by, on), and every other word of a text would be
// annotated with them; the curated glossary has none. A concept left
// without terms is left out.
func withoutFunctionWords(cs []glossary.Concept) []glossary.Concept {
	out := cs[:0]
	for _, c := range cs {
		drop := func(t glossary.Term) bool {
			w := strings.TrimSpace(t.Text)
			// Written in capitals it is an acronym (ER, the European
			// Council), which the matcher takes only as written.
			if t.Lang != "nl" || w != strings.ToLower(w) {
				return false
			}
			// An affix (FreeDict's ‐de, in‐) is no word of a text.
			if strings.HasPrefix(w, "-") || strings.HasSuffix(w, "-") || strings.HasPrefix(w, "‐") || strings.HasSuffix(w, "‐") {
				return true
			}
			// Nor is a term made of function words only (van de, aan de,
			// ... niet).
			ws := strings.FieldsFunc(glossary.Fold(w), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if len(ws) == 0 {
				return true
			}
			for _, x := range ws {
				if !index.DutchStopWord(x) {
					return false
				}
			}
			return true
		}
		if slices.ContainsFunc(c.Terms, drop) {
			c.Terms = slices.DeleteFunc(slices.Clone(c.Terms), drop)
			if len(c.Terms) == 0 {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// termForms gives the matcher the inflected and split forms of a term
// that index.TermKey does not conflate with it (veroordeelde, op te
// schorten, militaire).
func (a *App) termForms(t glossary.Term) []string {
	return index.TermForms(t.Lang, t.POS, t.Text, t.Plural, a.wordList())
}

// wordList is the word list's listed for index's verb forms, nil without
// one.
func (a *App) wordList() func(string) bool {
	if a.words == nil {
		return nil
	}
	return a.listed
}

// termParticles gives the matcher the particles that make another verb
// of a one-word Dutch verb term, by the word list (leveren: op, af, in,
// aan), and the term's finite forms; none without a word list.
func (a *App) termParticles(t glossary.Term) (particles, finite []string) {
	if t.Lang != "nl" || t.POS != "verb" || a.words == nil {
		return nil, nil
	}
	return index.ParticleVerbs(t.Text, a.listed)
}

// termSeparated gives the matcher a Dutch verb term's forms whose finite
// verb a main clause puts apart from the rest (roept de junta op tot).
func (a *App) termSeparated(t glossary.Term) []match.Separated {
	fs := index.SeparatedForms(t.Lang, t.POS, t.Text, a.wordList())
	if len(fs) == 0 {
		return nil
	}
	out := make([]match.Separated, len(fs))
	for i, f := range fs {
		out[i] = match.Separated{Verbs: f.Verbs, Bare: f.Bare, Rest: f.Rest, Final: f.Final, ByKey: f.ByKey, Max: f.Max}
	}
	return out
}

// In memory mode (no store) the App itself does what the store does for a
// data directory: ids for new concepts, creation and modification times,
// and the change history.

func (a *App) memCreate(c glossary.Concept, who string) (glossary.Concept, error) {
	a.memID(&c, nil, nil)
	if _, ok := a.terms.Get(c.ID); ok {
		return glossary.Concept{}, fmt.Errorf("app: a concept with the id %q exists already: %w", c.ID, store.ErrExists)
	}
	now := time.Now().UTC()
	c.Created, c.Modified = now, now
	c.CreatedBy, c.ModifiedBy = who, who
	a.record(c.ID, who, store.ActionCreate, now, glossary.Concept{}, c)
	return c, nil
}

func (a *App) memUpdate(c glossary.Concept, who string) (glossary.Concept, error) {
	old, ok := a.terms.Get(c.ID)
	if !ok {
		return glossary.Concept{}, notFound("there is no concept %q", c.ID)
	}
	c.Created, c.Modified = old.Created, time.Now().UTC()
	c.CreatedBy, c.ModifiedBy = old.CreatedBy, who
	a.record(c.ID, who, store.ActionUpdate, c.Modified, old, c)
	return c, nil
}

// memID gives c, in memory mode, the id the store would give it if it has
// none: its head term as a slug, with a suffix when taken (it numbered
// c1, c2, … and answered 409 when an import had taken c1).
// batch holds the ids of the rest of an import, which take ids too, and
// next speeds up many concepts with one head (store.ConceptID).
func (a *App) memID(c *glossary.Concept, batch map[string]bool, next map[string]int) {
	if c.ID == "" {
		c.ID = store.ConceptID(*c, func(id string) bool { _, ok := a.terms.Get(id); return ok || batch[id] }, next)
		if batch != nil {
			batch[c.ID] = true
		}
	}
}

// record appends a change to the memory-mode history of concept id. The
// caller holds a.gl.mu; History reads under a.mu.
func (a *App) record(id, who, action string, when time.Time, old, new glossary.Concept) {
	ch := store.Change{When: when, Who: who, Action: action, Fields: store.Diff(old, new)}
	a.mu.Lock()
	a.history[id] = append(a.history[id], ch)
	a.mu.Unlock()
}

// History returns the change history of a concept, oldest first.
func (a *App) History(id string) ([]store.Change, error) {
	if a.store == nil {
		a.mu.RLock()
		defer a.mu.RUnlock()
		return a.history[id], nil
	}
	return a.store.History(id)
}

// rehome gives a new id to each imported concept whose id another
// collection already uses: importing a file into collection X updates X's
// own concepts (re-importing the same file changes nothing) but never
// takes over a concept of another collection, such as the curated one.
func (a *App) rehome(cs []glossary.Concept) {
	taken := func(id, coll string) bool {
		old, ok := a.terms.Get(id)
		return ok && old.Collection != coll
	}
	for i := range cs {
		c := &cs[i]
		if c.ID == "" || !taken(c.ID, c.Collection) {
			continue
		}
		// The collection's name as an id's part: a name may hold what an
		// id may not (bad name gave the id "bad name-ank-bijleveld", which
		// the import then refused as an invalid id).
		prefix := ingest.Slug(c.Collection)
		if prefix == "" {
			prefix = "import"
		}
		base := prefix + "-" + c.ID
		id := base
		for n := 2; taken(id, c.Collection); n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		c.ID = id
	}
}

// keepVariants gives each term of cs without a variant the variant of the
// stored concept's term with its id, language and text: what a file in a
// format without variants (GlossaryImport.KeepVariants) cannot say. Called
// after rehome, so an id names the concept the import updates; the caller
// holds a.gl.mu, under which the termbase is what the store holds.
func (a *App) keepVariants(cs []glossary.Concept) {
	for i := range cs {
		c := &cs[i]
		if c.ID == "" {
			continue
		}
		old, ok := a.terms.Get(c.ID)
		if !ok {
			continue
		}
		variant := map[string]string{}
		for _, t := range old.Terms {
			if t.Variant != "" {
				variant[t.Lang+"\x00"+t.Text] = t.Variant
			}
		}
		if len(variant) == 0 {
			continue
		}
		for j := range c.Terms {
			t := &c.Terms[j]
			if v, ok := variant[t.Lang+"\x00"+t.Text]; ok && t.Variant == "" {
				t.Variant = v
			}
		}
	}
}

// newerConflict is the ErrConflict of an import that would undo edits.
func newerConflict(ne *store.NewerError) error {
	return fmt.Errorf("app: %w; import with overwrite to replace them with the file's version anyway: %w", ne, ErrConflict)
}
