package store

import (
	"maps"
	"slices"
	"strconv"

	"github.com/tolk-nl/tolk/glossary"
)

// diff lists the fields in which b differs from a, in the order of the
// concept's JSON shape. Ids and times are not compared: they identify and
// date the change rather than being part of it. Terms are matched by
// language and text, so reordering terms is no change and correcting a
// term's text shows as one removed and one added term.
// Diff lists the field-level changes from concept a to concept b, as the
// history records them.
func Diff(a, b glossary.Concept) []FieldChange {
	var fs []FieldChange
	field := func(name, old, new string) {
		if old != new {
			fs = append(fs, FieldChange{Field: name, Old: old, New: new})
		}
	}
	field("collection", a.Collection, b.Collection)
	field("subject", a.Subject, b.Subject)
	langs := slices.Sorted(maps.Keys(a.Definition))
	for l := range b.Definition {
		if _, ok := a.Definition[l]; !ok {
			langs = append(langs, l)
		}
	}
	slices.Sort(langs)
	for _, l := range langs {
		field("definition."+l, a.Definition[l], b.Definition[l])
	}
	field("note", a.Note, b.Note)
	field("source", a.Source, b.Source)
	field("reliability", itoa(a.Reliability), itoa(b.Reliability))

	key := func(t glossary.Term) string { return t.Lang + ":" + t.Text }
	inB := make(map[string]glossary.Term, len(b.Terms))
	for _, t := range b.Terms {
		inB[key(t)] = t
	}
	inA := make(map[string]bool, len(a.Terms))
	for _, ta := range a.Terms {
		k := key(ta)
		inA[k] = true
		tb, ok := inB[k]
		if !ok {
			fs = append(fs, FieldChange{Field: "terms[" + k + "]", Old: ta.Text})
		}
		fs = termFields(fs, "terms["+k+"].", ta, tb)
	}
	for _, tb := range b.Terms {
		if k := key(tb); !inA[k] {
			fs = append(fs, FieldChange{Field: "terms[" + k + "]", New: tb.Text})
			fs = termFields(fs, "terms["+k+"].", glossary.Term{}, tb)
		}
	}
	return fs
}

// termFields appends the attributes in which b differs from a. Lang and
// Text are the term's key and not compared here. Every other field of
// glossary.Term must be listed: an attribute left out here is an edit the
// store does not see (it stores nothing when Diff is empty), as a change
// of the variant alone was; TestDiffEveryField keeps the list complete.
func termFields(fs []FieldChange, prefix string, a, b glossary.Term) []FieldChange {
	for _, f := range []struct{ name, old, new string }{
		{"variant", a.Variant, b.Variant},
		{"status", string(a.Status), string(b.Status)},
		{"type", string(a.Type), string(b.Type)},
		{"pos", a.POS, b.POS},
		{"article", a.Article, b.Article},
		{"plural", a.Plural, b.Plural},
		{"note", a.Note, b.Note},
		{"reliability", itoa(a.Reliability), itoa(b.Reliability)},
		{"context", a.Context, b.Context},
		{"source", a.Source, b.Source},
	} {
		if f.old != f.new {
			fs = append(fs, FieldChange{Field: prefix + f.name, Old: f.old, New: f.new})
		}
	}
	return fs
}

// itoa renders a reliability; 0 means unset and renders empty.
func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
