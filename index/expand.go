package index

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A prefix (staats*) or fuzzy (Takuba~2) term stands for every indexed word
// it matches, and bleve builds one searcher per word: left alone, a query of
// a hundred one-letter prefixes reads most of the dictionary and takes
// minutes and gigabytes. Search therefore expands these terms itself, from
// the field's dictionary, within the limits below, instead of handing them
// to bleve's prefix and fuzzy queries unbounded.
const (
	// MinPrefix is the fewest letters a prefix may have before '*'; a
	// shorter one is refused with a *LimitError.
	MinPrefix = 2
	// MaxExpansions is the most words one prefix or fuzzy term is searched
	// as: when it matches more, the ones found in most passages are kept
	// (a bounded, not an exhaustive, answer).
	MaxExpansions = 200
	// MaxQueryExpansions is the most words all the prefix and fuzzy terms
	// of one query are searched as together; a query that needs more is
	// refused with a *LimitError.
	MaxQueryExpansions = 1000
	// maxScan bounds the dictionary entries one query may read while
	// expanding its terms.
	maxScan = 200_000
)

// LimitError is a query refused because it would cost too much: a prefix
// too short, or prefixes and fuzzy terms that together match too many
// words. Msg is meant for the user.
type LimitError struct {
	Msg string
}

// Error returns the message with the package prefix.
func (e *LimitError) Error() string { return "index: " + e.Msg }

// MaxEdits is the fuzziness a word of n letters may have: none up to 4
// letters (nearly every short word is one edit from many others), 1 for
// 5–8, 2 from 9. A word~N asks for at most this many edits.
func MaxEdits(n int) int {
	switch {
	case n <= 4:
		return 0
	case n <= 8:
		return 1
	}
	return 2
}

// Expands reports whether q has a prefix or fuzzy term: a query whose cost
// depends on the dictionary, which a server may want to ration.
func (q *Query) Expands() bool {
	for _, c := range q.Clauses {
		for _, t := range c.Alts {
			if t.Prefix || t.Fuzzy > 0 {
				return true
			}
		}
	}
	return false
}

// expander expands the prefix and fuzzy terms of one query, keeping count
// of the words kept and the dictionary entries read against the limits.
type expander struct {
	ix      *Index
	r       bindex.IndexReader // opened on first use
	kept    int
	scanned int
}

func (e *expander) close() {
	if e.r != nil {
		e.r.Close()
	}
}

func (e *expander) reader() (bindex.IndexReader, error) {
	if e.r == nil {
		r, err := e.ix.reader()
		if err != nil {
			return nil, err
		}
		e.r = r
	}
	return e.r, nil
}

// entry is a dictionary word and the number of passages holding it.
type entry struct {
	term  string
	count uint64
}

// collect reads a dictionary, keeping the MaxExpansions most frequent
// words; all reports whether it kept every word.
func (e *expander) collect(d bindex.FieldDict, what string) (kept []entry, all bool, err error) {
	defer d.Close()
	for de, err := d.Next(); de != nil || err != nil; de, err = d.Next() {
		if err != nil {
			return nil, false, fmt.Errorf("index: expand %s: %w", what, err)
		}
		if e.scanned++; e.scanned > maxScan {
			return nil, false, &LimitError{Msg: fmt.Sprintf("the query's prefixes and fuzzy words match too many words (over %d); make them longer or use fewer", maxScan)}
		}
		kept = append(kept, entry{de.Term, de.Count})
	}
	if len(kept) <= MaxExpansions {
		return kept, true, nil
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].count > kept[j].count })
	return kept[:MaxExpansions], false, nil
}

// charge counts n more kept words against the query's budget.
func (e *expander) charge(n int) error {
	e.kept += n
	if e.kept > MaxQueryExpansions {
		return &LimitError{Msg: fmt.Sprintf("the query's prefixes and fuzzy words match more than %d words; make them longer or use fewer", MaxQueryExpansions)}
	}
	return nil
}

// headingPart runs the expansion of a word's heading part (its prefix or
// fuzzy match on the heading field). One that would exceed the query's
// budget is left out, its charge undone, instead of failing a query
// whose words alone are within it: the headings add to what was found.
func (e *expander) headingPart(expand func() (query.Query, error)) (query.Query, error) {
	kept := e.kept
	q, err := expand()
	var le *LimitError
	if errors.As(err, &le) {
		e.kept = kept
		return nil, nil
	}
	return q, err
}

// prefix compiles the folded prefix p on the exact field.
func (e *expander) prefix(p string, boost float64) (query.Query, error) {
	return e.prefixOn(p, fieldExact, boost)
}

// prefixOn compiles the prefix p on field.
func (e *expander) prefixOn(p, field string, boost float64) (query.Query, error) {
	if n := utf8.RuneCountInString(p); n < MinPrefix {
		return nil, &LimitError{Msg: fmt.Sprintf("%q: a prefix needs at least %d letters before '*'", p+"*", MinPrefix)}
	}
	r, err := e.reader()
	if err != nil {
		return nil, err
	}
	d, err := r.FieldDictPrefix(field, []byte(p))
	if err != nil {
		return nil, fmt.Errorf("index: expand %s*: %w", p, err)
	}
	kept, all, err := e.collect(d, p+"*")
	if err != nil {
		return nil, err
	}
	if err := e.charge(len(kept)); err != nil {
		return nil, err
	}
	if all {
		// Within the limit: bleve's own prefix query, which scores the
		// same words the same way.
		q := bleve.NewPrefixQuery(p)
		q.SetField(field)
		q.SetBoost(boost)
		return q, nil
	}
	return disjunctionOf(kept, field, boost), nil
}

// fuzzy compiles term within edits on field; edits must already respect
// MaxEdits.
func (e *expander) fuzzy(term, field string, edits int, boost float64) (query.Query, error) {
	r, err := e.reader()
	if err != nil {
		return nil, err
	}
	fr, ok := r.(bindex.IndexReaderFuzzy)
	if !ok {
		return nil, fmt.Errorf("index: expand %s~%d: the index cannot search fuzzy words", term, edits)
	}
	d, err := fr.FieldDictFuzzy(field, term, edits, "")
	if err != nil {
		return nil, fmt.Errorf("index: expand %s~%d: %w", term, edits, err)
	}
	kept, all, err := e.collect(d, term)
	if err != nil {
		return nil, err
	}
	if err := e.charge(len(kept)); err != nil {
		return nil, err
	}
	if all {
		q := bleve.NewFuzzyQuery(term)
		q.SetField(field)
		q.SetFuzziness(edits)
		q.SetBoost(boost)
		return q, nil
	}
	return disjunctionOf(kept, field, boost), nil
}

func disjunctionOf(es []entry, field string, boost float64) query.Query {
	qs := make([]query.Query, len(es))
	for i, e := range es {
		qs[i] = termQ(e.term, field, boost)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// bounded returns q with each fuzzy term's edits lowered to what its
// length allows (MaxEdits) and repeated clauses dropped; q itself is not
// changed. A term left with no edits is searched as a plain word. A word
// typed twice adds nothing a user means, but each copy would read the
// word's postings again: 250 frequent words pasted in a 1,000-byte query
// (20 distinct) took 2.7 s on 600 documents, the 20 once 0.2 s.
func bounded(q *Query) *Query {
	out := &Query{Clauses: make([]Clause, 0, len(q.Clauses))}
	for _, c := range q.Clauses {
		c = Clause{Occur: c.Occur, Alts: append([]Term(nil), c.Alts...)}
		for j := range c.Alts {
			t := &c.Alts[j]
			if t.Fuzzy > 0 {
				t.Fuzzy = min(t.Fuzzy, MaxEdits(utf8.RuneCountInString(Fold(t.Text))))
			}
		}
		if !slices.ContainsFunc(out.Clauses, func(o Clause) bool { return sameClause(o, c) }) {
			out.Clauses = append(out.Clauses, c)
		}
	}
	return out
}

// sameClause reports whether a and b search the same thing the same way.
func sameClause(a, b Clause) bool {
	return a.Occur == b.Occur && slices.Equal(a.Alts, b.Alts)
}
