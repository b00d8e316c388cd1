package index

import (
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/search"
)

// Passages with more of the query's words rank first, as a user expects
// of plain words: bleve's coordination factor alone lets a long passage
// that repeats one word (or the parts of many compounds) outrank a
// passage with all of them. Search therefore ranks the best hits by how
// many of the query's scoring clauses each one matches, then by score, a
// block of rerankWindow hits at a time: the best 100 by score, then the
// next 100, and so on. The blocks are fixed, whatever page is asked for,
// so that every page is cut from one ranking: reranking the best
// offset+limit hits as one window moved a passage with all the words from
// score rank 150 onto the first page when the second was asked for, so
// that it was on no page the user saw, and repeated others.

// rerankWindow is the size of a block ranked by coverage; a window reaches
// to the end of the block the page ends in.
const rerankWindow = 100

// blockWindow is the window a page that ends at end needs: the end of its
// last block.
func blockWindow(end int) int {
	return max(1, (end+rerankWindow-1)/rerankWindow) * rerankWindow
}

// rerankBlocks ranks each block of rerankWindow hits by coverage (cov),
// then score.
func rerankBlocks(hits search.DocumentMatchCollection, cov map[*search.DocumentMatch]int) {
	for b := 0; b < len(hits); b += rerankWindow {
		rerankBy(hits[b:min(b+rerankWindow, len(hits))], cov)
	}
}

// clauseProbe tells whether a matched term (field and index term, as
// bleve reports them in a hit's locations) belongs to a clause.
type clauseProbe struct {
	words  map[string]bool // field + "\x00" + term
	phrase [][]string      // each phrase alternative: field + "\x00" + term of each word
	prefix []string        // folded prefixes, on the exact field
	fuzzy  []fuzzyTerm
}

type fuzzyTerm struct {
	term  string
	edits int
}

// stemFields are the fields that hold stemmed Dutch.
var stemFields = []string{fieldText, fieldHeading}

func key(field, term string) string { return field + "\x00" + term }

// probes builds the probes of the query's scoring clauses (Should and
// Must); it returns nil when fewer than two could tell hits apart.
func (ix *Index) probes(q *Query) []clauseProbe {
	var ps []clauseProbe
	for _, c := range q.Clauses {
		if c.Occur == MustNot {
			continue
		}
		p := clauseProbe{words: map[string]bool{}}
		for _, t := range c.Alts {
			if t.Minor {
				continue // a minor form covers nothing (Term.Minor)
			}
			switch {
			case t.Prefix:
				p.prefix = append(p.prefix, Fold(t.Text))
			case t.Fuzzy > 0:
				for _, tok := range ix.analyze(ix.exact, t.Text) {
					p.fuzzy = append(p.fuzzy, fuzzyTerm{string(tok.Term), t.Fuzzy})
				}
			default:
				exact := ix.analyze(ix.exact, t.Text)
				stem := ix.analyze(ix.query, t.Text)
				if len(exact) == 1 {
					p.words[key(fieldExact, string(exact[0].Term))] = true
					if !t.Exact {
						for _, tok := range stem {
							for _, f := range stemFields {
								p.words[key(f, string(tok.Term))] = true
							}
						}
					}
					continue
				}
				var ph []string
				for _, tok := range exact {
					ph = append(ph, key(fieldExact, string(tok.Term)))
				}
				if len(ph) > 0 {
					p.phrase = append(p.phrase, ph)
				}
				if t.Exact {
					continue
				}
				for _, f := range stemFields {
					ph = nil
					for _, tok := range stem {
						ph = append(ph, key(f, string(tok.Term)))
					}
					if len(ph) > 0 {
						p.phrase = append(p.phrase, ph)
					}
				}
			}
		}
		ps = append(ps, p)
	}
	if len(ps) < 2 {
		return nil
	}
	return ps
}

// covers reports whether the terms a hit matched satisfy the clause.
func (p *clauseProbe) covers(matched map[string]bool) bool {
	for k := range matched {
		if p.coversAlone(k) {
			return true
		}
	}
	for _, ph := range p.phrase {
		all := true
		for _, k := range ph {
			all = all && matched[k]
		}
		if all {
			return true
		}
	}
	return false
}

// coverage counts the clauses a hit matches.
func coverage(h *search.DocumentMatch, ps []clauseProbe) int {
	matched := map[string]bool{}
	for field, terms := range h.Locations {
		for term := range terms {
			matched[key(field, term)] = true
		}
	}
	return coverageOf(matched, ps)
}

// coverageOf counts the clauses the matched keys satisfy.
func coverageOf(matched map[string]bool, ps []clauseProbe) int {
	n := 0
	for i := range ps {
		if ps[i].covers(matched) {
			n++
		}
	}
	return n
}

// rerank orders hits by coverage, then by score, keeping bleve's order
// among equals.
func rerank(hits search.DocumentMatchCollection, ps []clauseProbe) {
	cov := make(map[*search.DocumentMatch]int, len(hits))
	for _, h := range hits {
		cov[h] = coverage(h, ps)
	}
	rerankBlocks(hits, cov)
}

// rerankBy orders hits by their coverage in cov, then by score, keeping
// bleve's order among equals.
func rerankBy(hits search.DocumentMatchCollection, cov map[*search.DocumentMatch]int) {
	sort.SliceStable(hits, func(i, j int) bool {
		if cov[hits[i]] != cov[hits[j]] {
			return cov[hits[i]] > cov[hits[j]]
		}
		return hits[i].Score > hits[j].Score
	})
}

// coverageTable answers coverageOf for the sets of keys one query's leaves
// can match without building a map of keys per passage: which probe each
// key covers by itself (a word, a prefix or a fuzzy match) is worked out
// once per query, and a phrase becomes the indexes of its keys.
type coverageTable struct {
	single [][]bool  // per probe, per key: the key alone covers the probe
	phrase [][][]int // per probe, its phrases whose words are all among the keys, as key indexes
	// canon is, per key, the index of its first copy: a key given
	// twice is marked, and read, at one place.
	canon []int
}

// newCoverageTable prepares coverageOf over keys (field + "\x00" + term,
// each distinct) for ps.
func newCoverageTable(keys []string, ps []clauseProbe) *coverageTable {
	at := make(map[string]int, len(keys))
	t := &coverageTable{single: make([][]bool, len(ps)), phrase: make([][][]int, len(ps)), canon: make([]int, len(keys))}
	for i, k := range keys {
		if j, ok := at[k]; ok {
			t.canon[i] = j
			continue
		}
		at[k], t.canon[i] = i, i
	}
	for pi := range ps {
		p := &ps[pi]
		t.single[pi] = make([]bool, len(keys))
		for i, k := range keys {
			t.single[pi][i] = p.coversAlone(k)
		}
		for _, ph := range p.phrase {
			idx := make([]int, 0, len(ph))
			for _, k := range ph {
				i, ok := at[k]
				if !ok {
					idx = nil // never matched: the phrase cannot cover
					break
				}
				idx = append(idx, i)
			}
			if idx != nil {
				t.phrase[pi] = append(t.phrase[pi], idx)
			}
		}
	}
	return t
}

// coversAlone reports whether key k covers p without a phrase: a word of
// p, or an exact-field term with one of p's prefixes or near a fuzzy
// term.
func (p *clauseProbe) coversAlone(k string) bool {
	if p.words[k] {
		return true
	}
	field, term, _ := strings.Cut(k, "\x00")
	if field != fieldExact {
		return false
	}
	for _, pf := range p.prefix {
		if strings.HasPrefix(term, pf) {
			return true
		}
	}
	for _, f := range p.fuzzy {
		if editDistance(term, f.term) <= f.edits {
			return true
		}
	}
	return false
}

// count returns coverageOf for the keys marked in matched (by index, at
// their canon place).
func (t *coverageTable) count(matched []bool) int {
	n := 0
	for pi := range t.single {
		if t.covered(pi, matched) {
			n++
		}
	}
	return n
}

func (t *coverageTable) covered(pi int, matched []bool) bool {
	for i, m := range matched {
		if m && t.single[pi][i] {
			return true
		}
	}
	for _, ph := range t.phrase[pi] {
		all := true
		for _, i := range ph {
			all = all && matched[i]
		}
		if all {
			return true
		}
	}
	return false
}
