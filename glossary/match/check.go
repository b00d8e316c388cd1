package match

import "github.com/tolk-nl/tolk/glossary"

// Issue kinds.
const (
	KindMissing    = "missing"
	KindDeprecated = "deprecated"
)

// Issue is one terminology problem in a translation.
type Issue struct {
	Concept  string   `json:"concept"`         // concept id
	NLTerm   string   `json:"nl_term"`         // the Dutch glossary term found in the source (its first occurrence)
	Expected []string `json:"expected"`        // the concept's preferred and admitted English terms, preferred first
	Found    string   `json:"found,omitempty"` // for KindDeprecated: the deprecated English term as it appears in the translation
	Kind     string   `json:"kind"`            // KindMissing or KindDeprecated
}

// accepted reports whether an English term is one a translation may use:
// preferred, admitted, or of unmarked status.
func accepted(s glossary.Status) bool {
	return s == glossary.Preferred || s == glossary.Admitted || s == ""
}

// Check compares an English translation with its Dutch source. For each
// concept whose Dutch term occurs in nl (as Annotate finds it), in order of
// first occurrence, it reports
//
//   - KindDeprecated when a deprecated or superseded English term of the
//     concept occurs in en (Found is that occurrence, Expected the
//     accepted terms), or else
//   - KindMissing when none of the concept's accepted English terms
//     (preferred, admitted or unmarked) occurs in en.
//
// English terms match as in Annotate, inflection-tolerant through the
// KeyFunc ("coups" counts for "coup"), but every occurrence counts, even
// one inside a longer term; a deprecated term inside an occurrence of an
// accepted term of the same concept ("coup" inside "coup d'état") does not
// count. Concepts without accepted English terms are not checked.
//
// Check reports on every concept the Matcher holds: build the Matcher for
// checking from the curated glossary, not from a general dictionary.
func (m *Matcher) Check(nl, en string) []Issue {
	type found struct {
		accepted        bool
		deprecatedAt    []hit
		acceptedEntries []hit
	}
	var order []int32
	nlTerm := map[int32]string{}
	for _, h := range resolve(m.newScan(nl, "nl").hits(false)) {
		e := &m.entries[h.entry]
		if _, seen := nlTerm[e.concept]; !seen {
			nlTerm[e.concept] = m.concepts[e.concept].Terms[e.term].Text
			order = append(order, e.concept)
		}
	}
	if len(order) == 0 {
		return nil
	}
	byConcept := map[int32]*found{}
	for _, h := range m.newScan(en, "en").hits(true) {
		e := &m.entries[h.entry]
		if _, want := nlTerm[e.concept]; !want {
			continue
		}
		f := byConcept[e.concept]
		if f == nil {
			f = &found{}
			byConcept[e.concept] = f
		}
		if accepted(m.concepts[e.concept].Terms[e.term].Status) {
			f.accepted = true
			f.acceptedEntries = append(f.acceptedEntries, h)
		} else {
			f.deprecatedAt = append(f.deprecatedAt, h)
		}
	}
	var issues []Issue
	for _, ci := range order {
		c := &m.concepts[ci]
		var expected []string
		for _, t := range equivalentsIn(c, "en") {
			if accepted(t.Status) {
				expected = append(expected, t.Text)
			}
		}
		if len(expected) == 0 {
			continue
		}
		f := byConcept[ci]
		if f != nil {
			if d, ok := firstOutside(f.deprecatedAt, f.acceptedEntries); ok {
				issues = append(issues, Issue{Concept: c.ID, NLTerm: nlTerm[ci], Expected: expected, Found: en[d.start:d.end], Kind: KindDeprecated})
				continue
			}
			if f.accepted {
				continue
			}
		}
		issues = append(issues, Issue{Concept: c.ID, NLTerm: nlTerm[ci], Expected: expected, Kind: KindMissing})
	}
	return issues
}

// equivalentsIn returns c's terms in lang, preferred first.
func equivalentsIn(c *glossary.Concept, lang string) []glossary.Term {
	var ts []glossary.Term
	for _, t := range equivalents(c, "") {
		if t.Lang == lang {
			ts = append(ts, t)
		}
	}
	return ts
}

// firstOutside returns the first hit of hs that lies inside none of
// within.
func firstOutside(hs, within []hit) (hit, bool) {
	for _, h := range hs {
		inside := false
		for _, w := range within {
			if w.start <= h.start && h.end <= w.end {
				inside = true
				break
			}
		}
		if !inside {
			return h, true
		}
	}
	return hit{}, false
}
