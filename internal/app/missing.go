package app

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/tolk-nl/tolk/index"
)

// A query part is what one passage may have or lack of the query: a word,
// a glossary term the words make up, an OR group, a phrase. A passage the
// coverage ranking puts first need not have them all (nuclear weapons on
// circulars that never mention weapons finds kern), and its Matched then
// says only what it has; Missing says what it lacks, as a search page's
// "Missing: weapons" does.

// queryPart is one part of a query that a passage can lack: its text as
// the answer shows it and the Matched queries that count as having it.
type queryPart struct {
	text    string
	aliases []string
	// keys are the index terms (index.MatchedTerm.Term) of what the part
	// is searched as: a hit whose index terms hold one has the part, even
	// where the explanation, which reads the passage's words again, does
	// not say how (gemeentelijk finds gemeenteraad: both have the stem
	// gemeent).
	keys []string
}

// dutchParts returns the parts of a Dutch query (its expansions) that
// every passage should have: not a part left out (-word), and only parts
// that put something into the index query. A query of fewer than two
// such parts has nothing a passage could lack (missing), so it gets none
// and its alternatives are not keyed.
func dutchParts(exps []expansion) []queryPart {
	searched := slices.DeleteFunc(slices.Clone(exps), func(e expansion) bool {
		return e.clause.Occur == index.MustNot || len(e.clause.Alts) == 0
	})
	if len(searched) < 2 {
		return nil
	}
	out := make([]queryPart, 0, len(searched))
	for _, e := range searched {
		p := queryPart{text: cmp.Or(e.typed, e.query), aliases: []string{e.query}}
		p.aliases = append(p.aliases, e.plain...)
		for _, pfx := range e.prefixes {
			p.aliases = append(p.aliases, pfx+"*")
		}
		for w := range e.fuzzy {
			p.aliases = append(p.aliases, w)
		}
		for _, sy := range e.synonyms {
			p.aliases = append(p.aliases, sy.query)
		}
		for _, alt := range e.clause.Alts {
			if alt.Prefix || alt.Fuzzy > 0 {
				continue // the explanation reads them as the index does
			}
			for _, w := range strings.Fields(alt.Text) {
				p.keys = append(p.keys, nlKeys.key(w), index.Fold(w))
			}
		}
		out = append(out, p)
	}
	return out
}

// englishMissing returns the parts of an English query (infos, the
// words and terms searched through their senses) a passage does not
// have: those none of whose concepts (infoOf: the concept's part) the
// index found in it, in its text or its heading (index.Hit.Concepts).
// Not a part left out (-word), a stop word, a word nothing translates or
// one too common to search (pruned), nor the words of a multi-word
// glossary term searched apart too (a passage with law alone lacks the
// rule of law); nil when the query has fewer than two parts.
func englishMissing(infos []Expansion, infoOf []int, concepts []int) []string {
	has := make([]bool, len(infos))
	for _, ci := range concepts {
		if ci >= 0 && ci < len(infoOf) && infoOf[ci] >= 0 && infoOf[ci] < len(infos) {
			has[infoOf[ci]] = true
		}
	}
	var parts, out []string
	for i, e := range infos {
		if len(e.Senses) == 0 || e.Pruned || e.Occur == "must_not" || e.apartFrom != "" {
			continue
		}
		parts = append(parts, e.Query)
		if !has[i] && !slices.Contains(out, e.Query) {
			out = append(out, e.Query)
		}
	}
	if len(parts) < 2 {
		return nil
	}
	return out
}

// missing returns the texts of the parts a passage has not: neither its
// explanation (matched) nor the index terms it matched (terms) account for
// them; nil when the query has one part (every passage found has it) or
// the passage has them all.
func missing(parts []queryPart, matched []Matched, terms []index.MatchedTerm) []string {
	if len(parts) < 2 {
		return nil
	}
	var out []string
	for _, p := range parts {
		has := slices.ContainsFunc(matched, func(m Matched) bool { return slices.Contains(p.aliases, m.Query) }) ||
			slices.ContainsFunc(terms, func(t index.MatchedTerm) bool { return slices.Contains(p.keys, t.Term) })
		if !has && !slices.Contains(out, p.text) {
			out = append(out, p.text)
		}
	}
	return out
}

// partText writes a clause as the query has it: sanctie* with its star,
// a phrase in quotes, an OR group with its OR.
func partText(c index.Clause) string {
	var b strings.Builder
	for i, t := range c.Alts {
		if i > 0 {
			b.WriteString(" OR ")
		}
		switch {
		case t.Phrase:
			b.WriteString(`"` + t.Text + `"`)
		case t.Prefix:
			b.WriteString(t.Text + "*")
		case t.Fuzzy > 0:
			b.WriteString(t.Text + "~" + strconv.Itoa(t.Fuzzy))
		default:
			b.WriteString(t.Text)
		}
	}
	return b.String()
}
