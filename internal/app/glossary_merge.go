package app

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/store"
)

// mergeConcept is what an import without replace or overwrite makes of
// in, a file's version of the stored concept old: old, with every value
// the file gives. A field the file leaves empty (a column it does not
// have, an empty cell) keeps the stored value; a term of the file that
// old has (same language, same text folded) gets the file's non-empty
// attributes and the file's spelling; a term old lacks is added; a term
// of old the file lacks is kept. So a colleague's file imported again
// adds and updates only, and does not undo what was added here (a term,
// a definition in a language the file has no column for, a note).
// Created stays old's; Modified is the file's, for the check of a file
// older than the stored version.
func mergeConcept(old, in glossary.Concept) glossary.Concept {
	out := old
	out.Terms = slices.Clone(old.Terms)
	out.Definition = maps.Clone(old.Definition)
	out.Collection = in.Collection
	out.Modified = in.Modified
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&out.Subject, in.Subject)
	set(&out.Note, in.Note)
	set(&out.Source, in.Source)
	if in.Reliability != 0 {
		out.Reliability = in.Reliability
	}
	for l, d := range in.Definition {
		if d == "" {
			continue
		}
		if out.Definition == nil {
			out.Definition = map[string]string{}
		}
		out.Definition[l] = d
	}
	for _, t := range in.Terms {
		j := slices.IndexFunc(out.Terms, func(o glossary.Term) bool { return o.Lang == t.Lang && o.Text == t.Text })
		if j < 0 {
			f := glossary.Fold(t.Text)
			j = slices.IndexFunc(out.Terms, func(o glossary.Term) bool { return o.Lang == t.Lang && glossary.Fold(o.Text) == f })
		}
		if j < 0 {
			out.Terms = append(out.Terms, t)
			continue
		}
		o := &out.Terms[j]
		o.Text = t.Text
		set(&o.Variant, t.Variant)
		if t.Status != "" {
			o.Status = t.Status
		}
		if t.Type != "" {
			o.Type = t.Type
		}
		set(&o.POS, t.POS)
		set(&o.Article, t.Article)
		set(&o.Plural, t.Plural)
		set(&o.Note, t.Note)
		if t.Reliability != 0 {
			o.Reliability = t.Reliability
		}
		set(&o.Context, t.Context)
		set(&o.Source, t.Source)
	}
	return out
}

// mergeStored merges each concept of cs that updates a stored concept of
// its collection into the stored one (mergeConcept), and warns of each
// that the merge changes while it was edited here after it was last
// imported (WarnEditedHere), naming what the file changed. Called under
// a.gl.mu after rehome, so an id names a concept of the same collection.
func (a *App) mergeStored(cs []glossary.Concept, places []string) []glossary.Warning {
	var out []glossary.Warning
	more := 0
	for i := range cs {
		c := &cs[i]
		old, ok := a.terms.Get(c.ID)
		if c.ID == "" || !ok || old.Collection != c.Collection {
			continue
		}
		*c = mergeConcept(old, *c)
		fields := store.Diff(old, *c)
		if len(fields) == 0 {
			continue
		}
		edit, how, ok := a.editedSinceImport(c.ID)
		if !ok {
			continue
		}
		if len(out) == maxImportWarnings {
			more++
			continue
		}
		where, prefix := importPlace(places, i)
		by := byWho(edit.Who)
		out = append(out, glossary.Warning{Kind: glossary.WarnEditedHere, Where: where, Concept: c.ID,
			Message: fmt.Sprintf("%sconcept %s was %s; the file changed %s. What the file does not give (other terms, empty cells, columns it lacks) was kept; check the concept's history",
				prefix, c.ID, fmt.Sprintf(how, by, edit.When.UTC().Format(time.RFC3339)), changedFields(fields))})
	}
	if more > 0 {
		out = append(out, glossary.Warning{Kind: glossary.WarnEditedHere,
			Message: fmt.Sprintf("and %s edited here after they were last imported, changed by the file", moreOf(more, "concept"))})
	}
	return out
}

// editedSinceImport returns the last edit of concept id made here (a
// create or an update, not an import) after its last import, if any,
// and the words for it: "edited here … after it was last imported", or
// without an import in the history "edited here" or "made here".
func (a *App) editedSinceImport(id string) (store.Change, string, bool) {
	h, err := a.History(id)
	if err != nil {
		return store.Change{}, "", false
	}
	for i := len(h) - 1; i >= 0; i-- {
		switch h[i].Action {
		case store.ActionImport:
			return store.Change{}, "", false
		case store.ActionUpdate, store.ActionCreate:
			for _, ch := range h[:i] {
				if ch.Action == store.ActionImport {
					return h[i], "edited here%s at %s, after it was last imported", true
				}
			}
			if h[i].Action == store.ActionCreate {
				return h[i], "made here%s at %s", true
			}
			// In memory mode a new concept's import is not recorded.
			return h[i], "edited here%s at %s", true
		}
	}
	return store.Change{}, "", false
}

// changedFields names the fields of a change for a warning: the first
// five with their old and new values, then a count.
func changedFields(fs []store.FieldChange) string {
	var parts []string
	for i, f := range fs {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(fs)-i))
			break
		}
		switch {
		case f.Old != "" && f.New != "":
			parts = append(parts, fmt.Sprintf("%s (%q → %q)", f.Field, f.Old, f.New))
		case f.New != "":
			parts = append(parts, fmt.Sprintf("%s (added %q)", f.Field, f.New))
		default:
			parts = append(parts, fmt.Sprintf("%s (removed %q)", f.Field, f.Old))
		}
	}
	return strings.Join(parts, ", ")
}

// deletes returns, of the ids of cs that no stored concept has, those
// whose concept was deleted here (its history's last change, the
// delete). Called under a.gl.mu.
func (a *App) deletes(cs []glossary.Concept) (map[string]store.Change, error) {
	var ids []string
	for _, c := range cs {
		if _, ok := a.terms.Get(c.ID); c.ID != "" && !ok {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	if a.store != nil {
		return a.store.Deletes(ids)
	}
	out := map[string]store.Change{}
	a.mu.RLock()
	defer a.mu.RUnlock()
	for _, id := range ids {
		if h := a.history[id]; len(h) > 0 && h[len(h)-1].Action == store.ActionDelete {
			out[id] = h[len(h)-1]
		}
	}
	return out, nil
}

// restored warns of each concept of cs that was deleted here (deleted)
// and that the import brings back: one whose file version does not say
// when it was modified, or is newer than the delete, or any with
// overwrite. (Without overwrite, one deleted after the file's version of
// it refuses the import: store.NewerError.)
func restored(cs []glossary.Concept, deleted map[string]store.Change, overwrite bool, places []string) []glossary.Warning {
	var out []glossary.Warning
	more := 0
	for i, c := range cs {
		del, ok := deleted[c.ID]
		if !ok || !overwrite && store.NewerThan(del.When, c.Modified) {
			continue
		}
		if len(out) == maxImportWarnings {
			more++
			continue
		}
		where, prefix := importPlace(places, i)
		by := byWho(del.Who)
		out = append(out, glossary.Warning{Kind: glossary.WarnRestored, Where: where, Concept: c.ID,
			Message: fmt.Sprintf("%sconcept %s was deleted here%s at %s; this import brings it back (delete it again if that was not meant)",
				prefix, c.ID, by, del.When.UTC().Format(time.RFC3339))})
	}
	if more > 0 {
		out = append(out, glossary.Warning{Kind: glossary.WarnRestored,
			Message: fmt.Sprintf("and %s deleted here that this import brings back", moreOf(more, "concept"))})
	}
	return out
}

// importClashes warns of each Dutch or English term of cs that a
// concept of another collection has too, with other equivalents, as a
// PUT of the concept does (TermClashes): /check and /annotate take the
// term for one of the two, so a colleague's "Belastingdienst → Netherlands
// Tax Administration" imported beside the curated glossary's is checked
// against the curated "Tax and Customs Administration". A clash with a
// concept that gives the same equivalents is no surprise and is not
// named. Called under a.gl.mu, after the merge.
func (a *App) importClashes(cs []glossary.Concept, places []string) []glossary.Warning {
	key := func(lang, text string) string {
		return lang + "\x00" + glossary.Fold(strings.Join(strings.Fields(text), " "))
	}
	want := map[string]bool{}
	ids := map[string]bool{}
	for _, c := range cs {
		ids[c.ID] = c.ID != ""
		for _, t := range c.Terms {
			if t.Lang == "nl" || t.Lang == "en" {
				want[key(t.Lang, t.Text)] = true
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	have := map[string][]glossary.Concept{}
	for _, o := range a.terms.All() {
		if ids[o.ID] {
			continue
		}
		for _, t := range o.Terms {
			if k := key(t.Lang, t.Text); want[k] && !slices.ContainsFunc(have[k], func(x glossary.Concept) bool { return x.ID == o.ID }) {
				have[k] = append(have[k], o)
			}
		}
	}
	if len(have) == 0 {
		return nil
	}
	now := time.Now().UTC()
	var out []glossary.Warning
	more := 0
	for i := range cs {
		c := cs[i]
		if c.Created.IsZero() {
			c.Created = now
		}
		seen := map[string]bool{}
		for _, t := range c.Terms {
			k := key(t.Lang, t.Text)
			if seen[k] {
				continue
			}
			seen[k] = true
			other := "en"
			if t.Lang == "en" {
				other = "nl"
			}
			for _, o := range have[k] {
				if o.Collection == c.Collection || sameEquivalents(c, o, other) {
					continue
				}
				if len(out) == maxImportWarnings {
					more++
					continue
				}
				where, prefix := importPlace(places, i)
				var msg string
				if precedes(o, c) < 0 {
					msg = fmt.Sprintf("%sconcept %s (collection %s) has the %s term %q too; /check and /annotate take %q for %s, not for this concept, and %s",
						prefix, o.ID, o.Collection, langName(t.Lang), t.Text, t.Text, o.ID, theirTerms(o, other, "show its %s: %s", "it has no %s term%s"))
				} else {
					msg = fmt.Sprintf("%sconcept %s (collection %s) has the %s term %q too; /check and /annotate now take %q for this concept, not for %s (%s)",
						prefix, o.ID, o.Collection, langName(t.Lang), t.Text, t.Text, o.ID, theirTerms(o, other, "whose %s is %s", "which has no %s term%s"))
				}
				out = append(out, glossary.Warning{Kind: glossary.WarnTermClash, Where: where, Concept: o.ID, Message: msg})
			}
		}
	}
	if more > 0 {
		out = append(out, glossary.Warning{Kind: glossary.WarnTermClash,
			Message: fmt.Sprintf("and %s that a concept of another collection has too", moreOf(more, "term"))})
	}
	return out
}

// sameEquivalents reports whether every term of c in lang is one of o's
// (folded): then it does not matter to /check which of the two has the
// term. A concept without terms in lang has nothing that differs.
func sameEquivalents(c, o glossary.Concept, lang string) bool {
	theirs := map[string]bool{}
	for _, t := range o.TermsIn(lang) {
		theirs[glossary.Fold(t.Text)] = true
	}
	for _, t := range c.TermsIn(lang) {
		if !theirs[glossary.Fold(t.Text)] {
			return false
		}
	}
	return true
}

// theirTerms says what o's terms in lang are, for a clash warning: has
// (with the language's name and the quoted terms) when it has terms to
// use, else none (with the name, and its deprecated or superseded terms
// if any). Preferred falls back to such terms, and the warning named
// "putsch", deprecated, as a concept's English, and one without English
// "whose English is none".
func theirTerms(o glossary.Concept, lang, has, none string) string {
	if ts := o.Preferred(lang); len(ts) > 0 && usable(ts[0].Status) {
		return fmt.Sprintf(has, langName(lang), termTexts(ts))
	}
	if ts := o.TermsIn(lang); len(ts) > 0 {
		q := make([]string, len(ts))
		for i, t := range ts {
			q[i] = fmt.Sprintf("%q (%s)", t.Text, t.Status)
		}
		return fmt.Sprintf(none, langName(lang), " to use, only "+strings.Join(q, ", "))
	}
	return fmt.Sprintf(none, langName(lang), "")
}

// usable reports whether a term of status s is one to translate with.
func usable(s glossary.Status) bool {
	return s == glossary.Preferred || s == glossary.Admitted || s == ""
}

// termTexts quotes terms for a message: "a", "b".
func termTexts(ts []glossary.Term) string {
	if len(ts) == 0 {
		return "none"
	}
	q := make([]string, len(ts))
	for i, t := range ts {
		q[i] = fmt.Sprintf("%q", t.Text)
	}
	return strings.Join(q, ", ")
}

// langName is the English name of nl or en, for a message.
func langName(lang string) string {
	switch lang {
	case "nl":
		return "Dutch"
	case "en":
		return "English"
	}
	return lang
}

// importPlace is where concept i of an import starts (places[i], "" when
// unknown) and that place as a message's prefix ("line 4: ").
func importPlace(places []string, i int) (where, prefix string) {
	if i < len(places) {
		where = places[i]
	}
	if where != "" {
		prefix = where + ": "
	}
	return where, prefix
}

// byWho is " by NAME" for a change's editor, "" when none is recorded.
func byWho(who string) string {
	if who == "" {
		return ""
	}
	return " by " + who
}

// moreOf counts what a warning list left out: "1 more concept", "3 more
// concepts".
func moreOf(n int, noun string) string {
	if n == 1 {
		return "1 more " + noun
	}
	return fmt.Sprintf("%d more %ss", n, noun)
}
