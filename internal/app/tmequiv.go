package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
)

// English equivalents from evidence (issue 14 point 3): how the TM
// translates a Dutch term — its concordance grouped by the translation
// the glossary or the lexicon aligns — as suggestions for the glossary,
// and as a check that the glossary's preferred English is the usual one.

// TMExample is a TM pair that shows a translation: the Dutch term and
// its English rendering marked.
type TMExample struct {
	NL      string `json:"nl"`
	EN      string `json:"en"`
	NLMarks []Span `json:"nl_marks"`
	ENMarks []Span `json:"en_marks"`
}

// Equivalent is a suggested English equivalent of a Dutch term: the
// rendering, in how many TM pairs it is the aligned translation (of
// Total pairs that have the term), how it was aligned (glossary,
// lexicon, tm), whether the concept has it already, and two example
// pairs. A composed suggestion (Via "composed", ComposeEquivalents) has
// no pair with the term: Count and Total are 0, Support counts the TM
// segments whose English has the phrase, Note says how it was composed,
// and the examples, if any, are segments with the English phrase.
type Equivalent struct {
	EN         string      `json:"en"`
	Count      int         `json:"count"`
	Total      int         `json:"total"`
	Via        string      `json:"via"`
	InGlossary bool        `json:"in_glossary,omitempty"`
	Support    int         `json:"support,omitempty"`
	Note       string      `json:"note,omitempty"`
	Examples   []TMExample `json:"examples"`
}

// suggestCandidates bounds the TM segments a suggestion examines.
const suggestCandidates = 1000

// SuggestEquivalents returns up to n English equivalents of a Dutch term
// from the TM, most frequent first.
func (a *App) SuggestEquivalents(ctx context.Context, nl string, n int) ([]Equivalent, error) {
	return a.cachedEquivalents(ctx, nl, n, suggestCandidates)
}

func (a *App) cachedEquivalents(ctx context.Context, nl string, n, maxCands int) ([]Equivalent, error) {
	if err := a.tmReady(); err != nil {
		return nil, err
	}
	if eq, ok := a.peekEquivalents(nl, n, maxCands); ok {
		return eq, nil
	}
	fz := &a.tmem.fz
	key := equivKey(nl, n, maxCands)
	fz.emu.Lock()
	gen := fz.egen
	fz.emu.Unlock()
	eq, err := a.suggestEquivalents(ctx, nl, n, maxCands)
	if err != nil {
		return nil, err
	}
	fz.emu.Lock()
	if fz.egen != gen {
		fz.emu.Unlock()
		return eq, nil // an import came in meanwhile: not cached, the next call looks again
	}
	if fz.equiv == nil {
		fz.equiv = map[string][]Equivalent{}
	}
	if len(fz.equiv) >= maxEquivCache {
		clear(fz.equiv)
	}
	fz.equiv[key] = eq
	fz.emu.Unlock()
	return eq, nil
}

// peekEquivalents returns what cachedEquivalents has cached for nl, n and
// maxCands, without looking anything up. The TM must be ready.
func (a *App) peekEquivalents(nl string, n, maxCands int) ([]Equivalent, bool) {
	fz := &a.tmem.fz
	fz.emu.Lock()
	defer fz.emu.Unlock()
	eq, ok := fz.equiv[equivKey(nl, n, maxCands)]
	return eq, ok
}

func equivKey(nl string, n, maxCands int) string {
	return fmt.Sprintf("%d\x00%d\x00%s", n, maxCands, nl)
}

// maxEquivCache bounds the cached suggestions (emptied when full).
const maxEquivCache = 4096

func (a *App) suggestEquivalents(ctx context.Context, nl string, n, maxCands int) ([]Equivalent, error) {
	var res TMConcordanceResult
	all, err := a.concordanceAll(ctx, TMConcordanceRequest{Q: nl, Lang: "nl"}, maxCands, &res)
	if err != nil {
		return nil, err
	}
	out := []Equivalent{}
	for _, g := range groupPairs(all) {
		if g.Text == "" || len(out) == n {
			continue
		}
		e := Equivalent{EN: g.Text, Count: g.Count, Total: len(all), Via: g.Via, Examples: []TMExample{}}
		for _, p := range all {
			if p.Translation == g.Text && len(e.Examples) < 2 {
				e.Examples = append(e.Examples, TMExample{NL: p.Source, EN: p.Target, NLMarks: p.Marks, ENMarks: p.TargetMarks})
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// CandidateSuggestion is a candidate term of a document with suggested
// English equivalents.
type CandidateSuggestion struct {
	match.Candidate
	Equivalents []Equivalent `json:"equivalents"`
}

// CandidatesWithEquivalents is Candidates with up to three suggested
// English equivalents each: from the TM, or, for a candidate no TM pair
// has, composed word by word (ComposeEquivalents).
func (a *App) CandidatesWithEquivalents(ctx context.Context, id string, limit int) ([]CandidateSuggestion, error) {
	cs, err := a.Candidates(id, limit)
	if err != nil {
		return nil, err
	}
	out := make([]CandidateSuggestion, len(cs))
	for i, c := range cs {
		eq, err := a.SuggestEquivalents(ctx, c.Text, 3)
		if err != nil {
			return nil, err
		}
		if c.Kind == match.KindAcronym {
			eq = asWrittenIn(eq, c.Text)
		}
		if len(eq) == 0 && c.Kind != match.KindAcronym {
			if eq, err = a.ComposeEquivalents(ctx, c.Text, 3); err != nil {
				return nil, err
			}
		}
		out[i] = CandidateSuggestion{Candidate: c, Equivalents: eq}
	}
	return out, nil
}

// asWrittenIn keeps the suggestions one of whose example pairs has the
// acronym as written, in capitals, on its Dutch side: the TM's search
// folds case, so an acronym finds the word it spells (ZIN, Zorginstituut
// Nederland, found zin: meaning, sense).
func asWrittenIn(eq []Equivalent, acronym string) []Equivalent {
	out := eq[:0:0]
	for _, e := range eq {
		if slices.ContainsFunc(e.Examples, func(x TMExample) bool { return hasWordAsWritten(x.NL, acronym) }) {
			out = append(out, e)
		}
	}
	return out
}

// hasWordAsWritten reports whether s has w, case and all, not inside
// another word.
func hasWordAsWritten(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		after, _ := utf8.DecodeRuneInString(s[j+len(w):])
		if (j == 0 || !unicode.IsLetter(before) && !unicode.IsDigit(before)) && (j+len(w) == len(s) || !unicode.IsLetter(after) && !unicode.IsDigit(after)) {
			return true
		}
		i = j + len(w)
	}
}

// ConceptEquivalents suggests English equivalents for a concept: those
// of its Dutch terms (preferred and admitted), merged by rendering, each
// marked when the concept has it already.
func (a *App) ConceptEquivalents(ctx context.Context, id string, n int) ([]Equivalent, error) {
	c, ok := a.terms.Get(id)
	if !ok {
		return nil, notFound("there is no concept %q", id)
	}
	have := map[string]bool{}
	for _, t := range c.TermsIn("en") {
		have[strings.Join(termKeys("en", t.Text), " ")] = true
	}
	var out []Equivalent
	at := map[string]int{}
	for _, t := range c.TermsIn("nl") {
		if t.Status == glossary.Deprecated || t.Status == glossary.Superseded {
			continue
		}
		eq, err := a.SuggestEquivalents(ctx, t.Text, n)
		if err != nil {
			return nil, err
		}
		for _, e := range eq {
			if i, ok := at[e.EN]; ok {
				out[i].Count += e.Count
				out[i].Total += e.Total
				continue
			}
			e.InGlossary = have[strings.Join(termKeys("en", e.EN), " ")]
			at[e.EN] = len(out)
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(x, y Equivalent) int { return y.Count - x.Count })
	if len(out) > n {
		out = out[:n]
	}
	if out == nil {
		out = []Equivalent{}
	}
	return out, nil
}

// AcceptEquivalent adds an English term to a concept (status admitted
// unless given), as a suggestion is accepted: one write, recorded in the
// concept's history under who. A term the concept has already is an
// error matching ErrBadRequest.
func (a *App) AcceptEquivalent(id, en string, status glossary.Status, who string) (glossary.Concept, error) {
	en = strings.Join(strings.Fields(en), " ")
	if en == "" {
		return glossary.Concept{}, badInput(fmt.Errorf("en: the English term is empty"))
	}
	if status == "" {
		status = glossary.Admitted
	}
	// The concept is read outside the glossary's write lock; the write
	// names the revision read, and a concept changed meanwhile is read
	// again (an accept is an addition: it applies to any version).
	for try := 0; ; try++ {
		c, ok := a.terms.Get(id)
		if !ok {
			return glossary.Concept{}, notFound("there is no concept %q", id)
		}
		for _, t := range c.TermsIn("en") {
			if strings.EqualFold(t.Text, en) {
				return glossary.Concept{}, badInput(fmt.Errorf("concept %s has the English term %q already", id, t.Text))
			}
		}
		rev := Revision(c)
		c.Terms = append(slices.Clone(c.Terms), glossary.Term{Lang: "en", Text: en, Status: status, Note: "accepted from the translation memory"})
		out, err := a.UpdateConceptIf(c, who, Precondition{Revisions: []string{rev}})
		if errors.Is(err, ErrStale) && try < 3 {
			continue
		}
		return out, err
	}
}

// OtherUsage is a Dutch glossary term of a source whose usual translation
// in the TM differs from the glossary's preferred English.
type OtherUsage struct {
	Concept   string `json:"concept"`
	NLTerm    string `json:"nl_term"`
	Preferred string `json:"preferred"`
	Usual     string `json:"usual"`
	Count     int    `json:"count"`
	Total     int    `json:"total"`
	Message   string `json:"message"`
}

// Thresholds of "other usage": the TM's top rendering must be seen this
// often and be this share of the term's aligned pairs.
const (
	usageMinCount = 3
	usageMinShare = 0.5
	usageMaxCands = 300
	usageBudget   = 1500 * time.Millisecond
)

// TMUsage reports, for each concept of a check (CheckAll: the concepts
// whose terms occur in the Dutch source, with the first one found), when
// the TM usually translates that term otherwise than the glossary's
// preferred English ("other usage: …"). Renderings that are any English
// term of the concept do not count as other usage.
//
// It looks at the first usageMaxCands segments of each term and stops
// after usageBudget, so that a long source keeps the check quick; it
// returns how many of the source's concepts it did not get to (0: the
// answer is complete). Those are looked up in the background, one call's
// at a time, and what is learnt is cached until the next import, so the
// next check of the text goes further or is complete.
func (a *App) TMUsage(ctx context.Context, checked []match.ConceptCheck) ([]OtherUsage, int, error) {
	if err := a.tmReady(); err != nil {
		return nil, 0, err
	}
	type usageOf struct {
		c         glossary.Concept
		term      string
		preferred string
		known     map[string]bool
	}
	var todo []usageOf
	for _, cc := range checked {
		c, ok := a.terms.Get(cc.Concept)
		if !ok {
			continue
		}
		u := usageOf{c: c, term: cc.NLTerm, known: map[string]bool{}}
		for _, t := range c.TermsIn("en") {
			u.known[strings.Join(termKeys("en", t.Text), " ")] = true
			if u.preferred == "" && (t.Status == glossary.Preferred || t.Status == "") {
				u.preferred = t.Text
			}
		}
		if u.preferred != "" {
			todo = append(todo, u)
		}
	}
	out := []OtherUsage{}
	var rest []string // terms left for the background
	deadline := time.Now().Add(a.usageTime)
	for _, u := range todo {
		eq, ok := a.peekEquivalents(u.term, 1, usageMaxCands)
		if !ok {
			if time.Now().After(deadline) {
				rest = append(rest, u.term)
				continue
			}
			var err error
			if eq, err = a.cachedEquivalents(ctx, u.term, 1, usageMaxCands); err != nil {
				return nil, 0, err
			}
		}
		if len(eq) == 0 {
			continue
		}
		top := eq[0]
		if top.Count < usageMinCount || float64(top.Count) < usageMinShare*float64(top.Total) ||
			u.known[strings.Join(termKeys("en", top.EN), " ")] || !a.otherUsage(u.c, u.term, top.EN) {
			continue
		}
		out = append(out, OtherUsage{
			Concept: u.c.ID, NLTerm: u.term, Preferred: u.preferred, Usual: top.EN, Count: top.Count, Total: top.Total,
			Message: fmt.Sprintf("other usage: the translation memory renders %q as %q in %d of %d pairs; the glossary prefers %q", u.term, top.EN, top.Count, top.Total, u.preferred),
		})
	}
	a.warmUsage(rest)
	return out, len(rest), nil
}

// otherUsage reports whether the TM's usual rendering en of the Dutch
// term nl of concept c is other usage, and not one of two things that
// look like it: part of one of c's English terms (regional for regionale
// organisatie: the alignment marked only part of the rendering), or an
// English term of another concept that has nl too (military for militair
// the noun, whose English is soldier: the TM uses militair as the
// adjective, another concept).
func (a *App) otherUsage(c glossary.Concept, nl, en string) bool {
	ek := termKeys("en", en)
	if len(ek) == 0 {
		return false
	}
	for _, t := range c.TermsIn("en") {
		if containsRun(termKeys("en", t.Text), ek) {
			return false
		}
	}
	res, err := a.terms.Lookup(glossary.LookupRequest{Q: nl, Lang: "nl", Mode: glossary.ModeStem, Limit: glossary.MaxLimit})
	if err != nil {
		return true
	}
	nk := termKeys("nl", nl)
	for _, o := range res.Concepts {
		if o.ID != c.ID && conceptHasTerm(o.Concept, "nl", nk) && conceptHasTerm(o.Concept, "en", ek) {
			return false
		}
	}
	return true
}

// containsRun reports whether sub occurs in keys as consecutive keys.
func containsRun(keys, sub []string) bool {
	for i := 0; i+len(sub) <= len(keys); i++ {
		if slices.Equal(keys[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// warmUsage looks up the TM's renderings of terms in the background, for
// the cache TMUsage reads, unless a lookup of an earlier call is still
// running (its terms are then left to a later call). It stops when the
// App closes.
func (a *App) warmUsage(terms []string) {
	if len(terms) == 0 || !a.usageWarm.CompareAndSwap(false, true) {
		return
	}
	a.bg.Go(func() {
		defer a.usageWarm.Store(false)
		for _, t := range terms {
			if a.bgCtx.Err() != nil {
				return
			}
			if _, err := a.cachedEquivalents(a.bgCtx, t, 1, usageMaxCands); err != nil && a.bgCtx.Err() == nil {
				a.log.Warn("looking up a term's usage in the translation memory", "term", t, "err", err)
				return
			}
		}
	})
}
