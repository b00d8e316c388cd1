package index

import (
	"context"
)

// Postings estimates what searching q reads: the number of passages each
// distinct word of its plain terms occurs in (on the folded, unstemmed
// field), summed. A search costs about that many postings read with their
// positions (about 1.5 µs each on this machine), so a caller can tell a
// query of frequent words (de het een van: 130,000 postings on 600
// documents, 0.2 s) from an ordinary one (subsidie aanvragen: 1,700, 6 ms)
// before running it. Prefix and fuzzy terms count nothing here: their cost
// is bounded by the expansion limits (Query.Expands).
func (ix *Index) Postings(ctx context.Context, q *Query) int {
	adv, err := ix.b.Advanced()
	if err != nil {
		return 0
	}
	r, err := adv.Reader()
	if err != nil {
		return 0
	}
	defer r.Close()
	ans := ix.answers(r)
	seen := map[string]bool{}
	total := 0
	for _, c := range q.Clauses {
		if c.Occur == MustNot {
			continue
		}
		for _, t := range c.Alts {
			if t.Prefix || t.Fuzzy > 0 {
				continue
			}
			for _, tok := range ix.exact.Analyze([]byte(t.Text)) {
				w := string(tok.Term)
				if seen[w] {
					continue
				}
				seen[w] = true
				if n, ok := ans.postings.get(w); ok {
					total += n
					continue
				}
				tfr, err := r.TermFieldReader(ctx, tok.Term, fieldExact, false, false, false)
				if err != nil {
					continue
				}
				n := int(tfr.Count())
				tfr.Close()
				ans.postings.put(w, n)
				total += n
			}
		}
	}
	return total
}
