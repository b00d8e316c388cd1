package table

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/tolk-nl/tolk/glossary"
)

// mergeUnlessIDs merges the rows of a table whose header has no id column
// (mergeRows) and counts the rows merged in left.Merged. It returns the
// concepts and, for each, the index in cs of the row it was read from.
func mergeUnlessIDs(cols []column, cs []glossary.Concept, lines []int, what string, left *glossary.Left) ([]glossary.Concept, []int, error) {
	if slices.ContainsFunc(cols, func(c column) bool { return c.name == colID }) {
		keep := make([]int, len(cs))
		for i := range keep {
			keep[i] = i
		}
		return cs, keep, nil
	}
	cs, keep, n, repeats, err := mergeRows(cs, lines, what)
	if err != nil {
		return nil, nil, fmt.Errorf("table: %w", err)
	}
	left.Merged += n
	left.Duplicates += repeats
	return cs, keep, nil
}

// places gives left.Places, each concept's row as where names it, from
// the rows' numbers and the index of each concept's row (mergeRows).
func places(left *glossary.Left, where func(i int) string, keep []int) {
	left.Places = make([]string, len(keep))
	for i, k := range keep {
		left.Places[i] = where(k)
	}
}

// mergeRows joins the rows of a table without an id column that give
// the same Dutch term (its first, case folded): such a file is a term
// list with a row per pair (bezwaarschrift;notice of objection,
// bezwaarschrift;objection, …), and a concept per row made the matcher
// choose one of them arbitrarily. The later row's terms are added to the
// first row's concept with their attributes; a term both rows give (the
// Dutch term itself) takes the attributes one row leaves empty, and two
// different values of one attribute are an error naming both lines.
// Rows whose subjects or definitions in a language differ (both given)
// are homonyms and stay apart, as do rows differing in another concept
// field both give (collection, source, reliability); different notes
// are joined. lines holds each concept's line (CSV) or row (XLSX), named
// by what. It returns the concepts, the index in cs of each one's first
// row, how many rows it merged, and how many of those added nothing (a
// row repeated word for word).
func mergeRows(cs []glossary.Concept, lines []int, what string) ([]glossary.Concept, []int, int, int, error) {
	byTerm := map[string][]int{} // folded first Dutch term → indexes into out
	var out []glossary.Concept
	var outLines, keep []int
	merged, repeats := 0, 0
	for i, c := range cs {
		key, ok := firstDutch(&c)
		if ok {
			done := false
			for _, j := range byTerm[key] {
				if !compatible(&out[j], &c) {
					continue
				}
				m, err := mergeConcept(out[j], c)
				if err != nil {
					return nil, nil, 0, 0, fmt.Errorf("%s %d (merged with %s %d, which has the same Dutch term and no id column tells them apart): %w", what, lines[i], what, outLines[j], err)
				}
				if reflect.DeepEqual(m, out[j]) {
					repeats++
				} else {
					merged++
				}
				out[j] = m
				done = true
				break
			}
			if done {
				continue
			}
			byTerm[key] = append(byTerm[key], len(out))
		}
		out = append(out, c)
		outLines = append(outLines, lines[i])
		keep = append(keep, i)
	}
	return out, keep, merged, repeats, nil
}

func firstDutch(c *glossary.Concept) (string, bool) {
	for _, t := range c.Terms {
		if t.Lang == "nl" {
			return strings.ToLower(t.Text), true
		}
	}
	return "", false
}

// compatible reports whether a and b may be one concept: no concept
// field that both give differs, the note aside.
func compatible(a, b *glossary.Concept) bool {
	same := func(x, y string) bool { return x == "" || y == "" || x == y }
	if !same(a.Subject, b.Subject) || !same(a.Collection, b.Collection) || !same(a.Source, b.Source) ||
		a.Reliability != 0 && b.Reliability != 0 && a.Reliability != b.Reliability ||
		!a.Created.IsZero() && !b.Created.IsZero() && !a.Created.Equal(b.Created) ||
		!a.Modified.IsZero() && !b.Modified.IsZero() && !a.Modified.Equal(b.Modified) {
		return false
	}
	for l, d := range b.Definition {
		if !same(a.Definition[l], d) {
			return false
		}
	}
	return true
}

// mergeConcept adds b's terms and fields to a (compatible).
func mergeConcept(a, b glossary.Concept) (glossary.Concept, error) {
	a.Subject = cmpOr(a.Subject, b.Subject)
	a.Collection = cmpOr(a.Collection, b.Collection)
	a.Source = cmpOr(a.Source, b.Source)
	if a.Reliability == 0 {
		a.Reliability = b.Reliability
	}
	if a.Created.IsZero() {
		a.Created = b.Created
	}
	if a.Modified.IsZero() {
		a.Modified = b.Modified
	}
	switch {
	case a.Note == "":
		a.Note = b.Note
	case b.Note != "" && b.Note != a.Note && !strings.Contains(a.Note, b.Note):
		a.Note += "; " + b.Note
	}
	if len(b.Definition) > 0 {
		d := maps.Clone(a.Definition)
		if d == nil {
			d = map[string]string{}
		}
		for l, v := range b.Definition {
			d[l] = cmpOr(d[l], v)
		}
		a.Definition = d
	}
	a.Terms = slices.Clone(a.Terms)
	for _, t := range b.Terms {
		k := slices.IndexFunc(a.Terms, func(x glossary.Term) bool {
			return x.Lang == t.Lang && strings.EqualFold(strings.TrimSpace(x.Text), strings.TrimSpace(t.Text))
		})
		if k < 0 {
			a.Terms = append(a.Terms, t)
			continue
		}
		m, err := mergeTerm(a.Terms[k], t)
		if err != nil {
			return a, err
		}
		a.Terms[k] = m
	}
	return a, nil
}

// mergeTerm fills the attributes a leaves empty from b; an attribute
// both give differently is an error.
func mergeTerm(a, b glossary.Term) (glossary.Term, error) {
	for _, attr := range append([]string{"variant"}, termAttrs...) {
		x, y := termAttr(&a, attr), termAttr(&b, attr)
		switch {
		case y == "" || x == y:
		case x == "":
			if attr == "variant" {
				a.Variant = y
			} else if err := setTerm(&a, attr, y); err != nil {
				return a, err
			}
		default:
			return a, fmt.Errorf("%w: %s term %s: %s %s here, %s there", ErrCell, a.Lang, clip(a.Text), attr, clip(y), clip(x))
		}
	}
	return a, nil
}

func termAttr(t *glossary.Term, attr string) string {
	if attr == "variant" {
		return t.Variant
	}
	return termValue(t, attr)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
