package app

import (
	"fmt"
	"time"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/store"
)

// The glossary edits below write the store first (one fsync'd
// transaction) and only then the in-memory termbase, so a 2xx answer
// means the edit is on disk and lookups already see it.

// CreateConcept validates and stores a new concept.
func (a *App) CreateConcept(c glossary.Concept, who string) (glossary.Concept, error) {
	if err := c.Validate(); err != nil {
		return glossary.Concept{}, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.store == nil {
		if c.ID == "" {
			a.memSeq++
			c.ID = fmt.Sprintf("c%d", a.memSeq)
		}
		if _, ok := a.terms.Get(c.ID); ok {
			return glossary.Concept{}, fmt.Errorf("app: concept %q: %w", c.ID, store.ErrExists)
		}
		now := time.Now().UTC()
		c.Created, c.Modified = now, now
		a.history[c.ID] = append(a.history[c.ID], store.Change{When: now, Who: who, Action: store.ActionCreate, Fields: store.Diff(glossary.Concept{}, c)})
		a.terms.Put(c)
		a.rebuildMatcher()
		return c, nil
	}
	c, err := a.store.CreateConcept(c, who)
	if err != nil {
		return glossary.Concept{}, err
	}
	a.terms.Put(c)
	a.rebuildMatcher()
	return c, nil
}

// UpdateConcept replaces a stored concept.
func (a *App) UpdateConcept(c glossary.Concept, who string) (glossary.Concept, error) {
	if err := c.Validate(); err != nil {
		return glossary.Concept{}, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.store == nil {
		old, ok := a.terms.Get(c.ID)
		if !ok {
			return glossary.Concept{}, fmt.Errorf("app: concept %q: %w", c.ID, ErrNotFound)
		}
		c.Created, c.Modified = old.Created, time.Now().UTC()
		a.history[c.ID] = append(a.history[c.ID], store.Change{When: c.Modified, Who: who, Action: store.ActionUpdate, Fields: store.Diff(old, c)})
		a.terms.Put(c)
		a.rebuildMatcher()
		return c, nil
	}
	c, err := a.store.UpdateConcept(c, who)
	if err != nil {
		return glossary.Concept{}, err
	}
	a.terms.Put(c)
	a.rebuildMatcher()
	return c, nil
}

// DeleteConcept removes a concept.
func (a *App) DeleteConcept(id, who string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.terms.Get(id); !ok {
		return fmt.Errorf("app: concept %q: %w", id, ErrNotFound)
	}
	if a.store == nil {
		old, _ := a.terms.Get(id)
		a.history[id] = append(a.history[id], store.Change{When: time.Now().UTC(), Who: who, Action: store.ActionDelete, Fields: store.Diff(old, glossary.Concept{})})
	} else if err := a.store.DeleteConcept(id, who); err != nil {
		return err
	}
	a.terms.Delete(id)
	a.rebuildMatcher()
	return nil
}

// ImportConcepts stores concepts all or nothing.
func (a *App) ImportConcepts(cs []glossary.Concept, who string) error {
	for _, c := range cs {
		if err := c.Validate(); err != nil {
			return err
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.rehome(cs)
	if a.store != nil {
		if err := a.store.ImportConcepts(cs, who); err != nil {
			return err
		}
		// The store assigns ids and times: reload what it now holds.
		all, err := a.store.Concepts()
		if err != nil {
			return fmt.Errorf("app: %w", err)
		}
		a.terms.Put(all...)
		a.rebuildMatcher()
		return nil
	}
	now := time.Now().UTC()
	for i := range cs {
		if cs[i].ID == "" {
			a.memSeq++
			cs[i].ID = fmt.Sprintf("c%d", a.memSeq)
		}
		cs[i].Created, cs[i].Modified = now, now
	}
	a.terms.Put(cs...)
	a.rebuildMatcher()
	return nil
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
		base := c.Collection + "-" + c.ID
		id := base
		for n := 2; taken(id, c.Collection); n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		c.ID = id
	}
}
