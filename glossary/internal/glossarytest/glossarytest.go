// Package glossarytest holds what the exchange formats' tests share.
package glossarytest

import "github.com/tolk-nl/tolk/glossary"

// Canonical orders each concept's terms as the table and TBX formats write
// them: grouped by language in the order of glossary.Languages, stored
// order within a language. Round trips through those formats compare equal
// to it.
func Canonical(cs []glossary.Concept) []glossary.Concept {
	out := make([]glossary.Concept, len(cs))
	for i, c := range cs {
		var ts []glossary.Term
		for _, l := range glossary.Languages {
			ts = append(ts, c.TermsIn(l)...)
		}
		c.Terms = ts
		out[i] = c
	}
	return out
}
