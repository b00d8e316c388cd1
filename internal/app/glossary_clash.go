package app

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/tolk-nl/tolk/glossary"
)

// TermClash is another concept that has a term of a concept: the same
// text in the same language, compared folded (case and diacritics
// aside). Where that term stands in a text, the matcher shows one of the
// two (precedes decides), so /check and /annotate may answer with the
// other concept's equivalents; qTerm and MultiTerm warn of such a term
// for the same reason.
type TermClash struct {
	ID         string `json:"id"`         // the other concept
	Collection string `json:"collection"` // its collection
	Lang       string `json:"lang"`       // the language of the shared term
	Term       string `json:"term"`       // the shared term as the other concept writes it
	// Used is the id of the concept /check and /annotate take the term
	// for: this one or the other.
	Used    string `json:"used"`
	Message string `json:"message"`
}

// TermClashes returns, for each term of c, the other concepts of the
// glossary that have it, in the order of c's terms and then of
// precedence. Nil when no term of c is another concept's.
func (a *App) TermClashes(c glossary.Concept) []TermClash {
	var out []TermClash
	seen := map[string]bool{}
	for _, t := range c.Terms {
		text := strings.Join(strings.Fields(t.Text), " ")
		f := glossary.Fold(text)
		if f == "" || seen[t.Lang+"\x00"+f] {
			continue
		}
		seen[t.Lang+"\x00"+f] = true
		res, err := a.terms.Lookup(glossary.LookupRequest{Q: text, Lang: t.Lang, Mode: glossary.ModeExact, Limit: glossary.MaxLimit})
		if err != nil {
			continue // a term Validate accepted is a valid query; nothing to warn of otherwise
		}
		for _, m := range res.Concepts {
			if m.ID == c.ID || m.TermLang != t.Lang || glossary.Fold(m.Term) != f {
				continue
			}
			used, other := c.ID, m.ID
			if precedes(m.Concept, c) < 0 {
				used, other = m.ID, c.ID
			}
			out = append(out, TermClash{
				ID: m.ID, Collection: m.Collection, Lang: t.Lang, Term: m.Term, Used: used,
				Message: fmt.Sprintf("concept %s (collection %s) has the %s term %q too; /check and /annotate take %q for %s, not %s",
					m.ID, m.Collection, t.Lang, m.Term, text, used, other),
			})
		}
	}
	return out
}

// precedes orders two concepts that have the same term as the matcher
// decides between them (byPrecedence; the matcher takes the first): made
// by hand, then curated, then imported (collectionTier); within that the
// more reliable; then the older (created first), then the id. A newer
// concept of the same collection with a term of an older one does not
// take the term from it, and the order does not depend on how the
// concepts' head terms sort.
func precedes(a, b glossary.Concept) int {
	return cmp.Or(
		cmp.Compare(collectionTier(&a), collectionTier(&b)),
		cmp.Compare(b.Reliability, a.Reliability),
		a.Created.Compare(b.Created),
		strings.Compare(a.ID, b.ID))
}
