package glossary

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// KeyFunc returns the lookup key of one word in language lang: folded and
// stemmed, so that inflected forms share a key. The glossary package knows
// no stemmer; tolk passes index.TermKey (Snowball Dutch; English with its
// inflection removed but not its derivation). A nil KeyFunc folds only.
type KeyFunc func(lang, word string) string

// Lookup modes. Each mode names the loosest kind of match it admits; every
// mode also admits exact and folded whole-term matches.
const (
	ModeAuto   = "auto"   // exact, fold, stem and prefix; fuzzy only when those find nothing
	ModeExact  = "exact"  // the whole term, ignoring case, diacritics and apostrophe style
	ModeStem   = "stem"   // also inflected forms, word by word
	ModePrefix = "prefix" // also terms with a word starting with the query
	ModeFuzzy  = "fuzzy"  // also terms within a few edits of the query
)

// LangAuto asks lookup to match terms of every language.
const LangAuto = "auto"

// How a match was found, strongest first; Match.Via holds one of these.
const (
	ViaExact  = "exact"  // the term as typed
	ViaFold   = "fold"   // the term ignoring case, diacritics, apostrophe style
	ViaStem   = "stem"   // every word of the term by its stem
	ViaPrefix = "prefix" // a word of the term starts with the query
	ViaFuzzy  = "fuzzy"  // the term within the allowed edit distance
	ViaForm   = "form"   // an inflected form of the term (opgeschort → opschorten)
)

// Scores of the match kinds. The gaps between kinds are wider than any
// adjustment within a kind, so a kind never outranks a stronger one.
const (
	scoreExact = 1.0
	scoreFold  = 0.9
	scoreStem  = 0.8
	scoreForm  = 0.79 // a form the key does not reach, just under the key itself
	// scoreReduced is a match of the query without its leading article or
	// the auxiliary verbs at its edges (de staatsgreep, werd opgeschort).
	scoreReduced = 0.78
	scorePrefix  = 0.5 // + up to 0.2 for a whole-term prefix covering most of the term
	scoreFuzzy   = 0.4 // − 0.1 per edit
	// penaltyDiscouraged lowers matches through deprecated or superseded
	// terms, so that the concept whose preferred term matched comes first.
	penaltyDiscouraged = 0.05
)

// Page sizes of Lookup.
const (
	DefaultLimit = 20
	MaxLimit     = 1000
)

// ErrBadLookup is wrapped by every error Lookup returns for a request it
// cannot answer (unknown mode, language or status, negative paging).
var ErrBadLookup = errors.New("invalid lookup request")

// LookupRequest asks for the concepts matching a query. Zero values mean
// the defaults: Lang and Mode auto, no collection or status filter, the
// first DefaultLimit results.
type LookupRequest struct {
	Q          string // empty lists every concept that passes the filters
	Lang       string // a language code or "auto" (both directions)
	Mode       string // one of the Mode constants
	Collection string // only concepts of this collection
	Status     Status // only concepts with a term of this status, as ParseStatus reads it (afgeraden, Deprecated)
	Limit      int    // at most MaxLimit
	Offset     int
}

// LookupResult is one page of matches and the number of all matches.
type LookupResult struct {
	Total    int     `json:"total"`
	Concepts []Match `json:"concepts"`
}

// Match is a concept found by Lookup, with how it was found.
type Match struct {
	Concept
	Score float64 `json:"score,omitempty"` // 0–1, higher is a closer match; 0 when browsing
	Via   string  `json:"via,omitempty"`   // one of the Via constants; empty when browsing
	Term  string  `json:"term,omitempty"`  // the term that matched
	// TermLang and TermStatus are the language and status of the term
	// that matched (empty when browsing): a lookup that lands on a
	// deprecated term must say so, not show the concept as if the query
	// were fine.
	TermLang   string `json:"term_lang,omitempty"`
	TermStatus Status `json:"term_status,omitempty"`
	// Use lists, when the matched term is deprecated or superseded, the
	// concept's terms to use instead in the same language: its preferred
	// ones, else its admitted or unmarked ones.
	Use []string `json:"use,omitempty"`
}

// Advice says in words what a lookup that landed on a deprecated or
// superseded term means for a writer, "convict — deprecated for
// veroordelen; use condemn", or "" when the matched term is fine. The
// concept is named by its first preferred term in the other language of
// the pair nl–en (any other language: by its first Dutch term).
func (m *Match) Advice() string {
	if m.TermStatus != Deprecated && m.TermStatus != Superseded {
		return ""
	}
	other := "nl"
	if m.TermLang == "nl" {
		other = "en"
	}
	s := m.Term + " — " + string(m.TermStatus)
	if h := UseInstead(&m.Concept, other); len(h) > 0 {
		s += " for " + h[0].Text
	}
	if len(m.Use) > 0 {
		s += "; use " + strings.Join(m.Use, " or ")
	}
	return s
}

// UseInstead returns the terms of c in lang a writer should use: the
// preferred ones, else the admitted or unmarked ones; nil when every
// term is deprecated or superseded.
func UseInstead(c *Concept, lang string) []Term {
	for _, ok := range []func(Status) bool{
		func(s Status) bool { return s == Preferred },
		func(s Status) bool { return s == Admitted || s == "" },
	} {
		var out []Term
		for _, t := range c.Terms {
			if t.Lang == lang && ok(t.Status) {
				out = append(out, t)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// Suggestion is one autocomplete candidate: a term, its status, and the
// concept's first term to use in the other language of the pair nl–en
// ("staatsgreep → coup d'état"), with that term's own status.
type Suggestion struct {
	Text             string `json:"text"`
	Lang             string `json:"lang"`
	Concept          string `json:"concept"`                     // concept id
	Status           Status `json:"status,omitempty"`            // of Text
	Reliability      int    `json:"reliability,omitempty"`       // of Text, else the concept's (1–4 as IATE)
	Equivalent       string `json:"equivalent,omitempty"`        // in the other language
	EquivalentStatus Status `json:"equivalent_status,omitempty"` // of Equivalent
}

// CollectionInfo describes one collection of the termbase.
type CollectionInfo struct {
	Name     string `json:"name"`
	Concepts int    `json:"concepts"`
}

// Termbase is an in-memory set of concepts with indexes for lookup. It is
// safe for concurrent use; lookups share a read lock, Put and Delete take
// the write lock only to splice prepared index entries in.
type Termbase struct {
	key   KeyFunc
	forms FormsFunc

	mu       sync.RWMutex
	concepts map[string]*entry
	sorted   []*entry              // Dutch collation order of entry.sortKey
	fold     map[string][]*termRec // folded term → terms
	stem     map[string][]*termRec // lang + "\x00" + stem key → terms
	form     map[string][]*termRec // lang + "\x00" + stem key of a form → terms
	byLen    map[int][]fuzzyRec    // rune length of the folded term → terms, for fuzzy
	prefix   []prefixRec           // word-start suffixes of folded terms, sorted
}

// entry is a stored concept with its derived lookup data.
type entry struct {
	c       Concept
	sortKey []byte // collation key of the head term (Concept.Head)
	terms   []*termRec
}

// termRec is one term of an entry as the indexes see it.
type termRec struct {
	e      *entry
	i      int    // index in e.c.Terms
	lang   string // copied from the term so lookups need not chase e.c
	text   string // the term with white space collapsed
	folded string
	runes  []rune   // folded, for edit distance
	stem   string   // keys of its words, joined by spaces
	forms  []string // stem keys of its forms that differ from stem
	mask   uint64   // letterMask of folded
}

// fuzzyRec is a term in a fuzzy length bucket. The letter mask sits in
// the bucket itself so that the prefilter runs over contiguous memory
// and touches the term only for the few candidates that pass.
type fuzzyRec struct {
	mask uint64
	t    *termRec
}

// prefixRec indexes one word-start suffix of a folded term: "hof van
// justitie" yields "hof van justitie", "van justitie" and "justitie", so
// a prefix query finds the term by any of its words.
type prefixRec struct {
	s     string
	t     *termRec
	whole bool // s is the whole folded term
}

// FormsFunc returns the written forms of a term that its key does not
// take to the term's key: a Dutch verb's participle and past (opgeschort,
// schortte op for opschorten), an adjective's inflected form.
type FormsFunc func(t Term) []string

// NewTermbase returns an empty termbase that keys words with key (nil:
// fold only).
func NewTermbase(key KeyFunc) *Termbase {
	return &Termbase{
		key:      key,
		concepts: map[string]*entry{},
		fold:     map[string][]*termRec{},
		stem:     map[string][]*termRec{},
		form:     map[string][]*termRec{},
		byLen:    map[int][]fuzzyRec{},
	}
}

// NewTermbaseForms returns an empty termbase that keys words with key and
// also finds a term by its forms (lookup of "opgeschort" finds
// opschorten, Via "form").
func NewTermbaseForms(key KeyFunc, forms FormsFunc) *Termbase {
	tb := NewTermbase(key)
	tb.forms = forms
	return tb
}

// Put inserts the concepts, replacing any with the same id; of several
// with one id the last wins. Put does not validate: callers store only
// concepts that passed Concept.Validate. One call with many concepts is
// much cheaper than many calls with one, because the sorted indexes are
// merged once per call.
func (tb *Termbase) Put(cs ...Concept) {
	if len(cs) == 0 {
		return
	}
	// Everything that does not touch shared state, the KeyFunc calls and
	// collation keys included, happens before taking the lock.
	col := collate.New(language.Dutch)
	var buf collate.Buffer
	byID := make(map[string]*entry, len(cs))
	for _, c := range cs {
		byID[c.ID] = tb.prepare(c, col, &buf)
	}
	fresh := slices.Collect(maps.Values(byID))
	slices.SortFunc(fresh, compareEntries)
	var recs []prefixRec
	for _, e := range fresh {
		recs = appendPrefixRecs(recs, e)
	}
	slices.SortFunc(recs, comparePrefixRecs)

	tb.mu.Lock()
	defer tb.mu.Unlock()
	removed := map[*entry]bool{}
	for id, e := range byID {
		if old, ok := tb.concepts[id]; ok {
			removed[old] = true
		}
		tb.concepts[id] = e
	}
	// The replaced entries leave the indexes all at once, before the
	// new ones go in: one pass over each list they were in. One by one,
	// every replaced term scanned its whole list (all terms of its
	// length), quadratic in an import that replaces a dictionary.
	tb.unindex(removed)
	for _, e := range byID {
		tb.index(e)
	}
	tb.removeSorted(removed)
	tb.sorted = merge(tb.sorted, fresh, compareEntries)
	tb.prefix = merge(tb.prefix, recs, comparePrefixRecs)
}

// removeSorted removes the entries from the sorted slices. A few (an
// edit) are found by binary search, so an edit costs a memmove instead of
// a comparison per element; many (a re-import) by one filtering pass.
func (tb *Termbase) removeSorted(removed map[*entry]bool) {
	if len(removed) == 0 {
		return
	}
	if len(removed) > fewEntries {
		tb.sorted = slices.DeleteFunc(tb.sorted, func(e *entry) bool { return removed[e] })
		tb.prefix = slices.DeleteFunc(tb.prefix, func(p prefixRec) bool { return removed[p.t.e] })
		return
	}
	for e := range removed {
		if i, ok := slices.BinarySearchFunc(tb.sorted, e, compareEntries); ok && tb.sorted[i] == e {
			tb.sorted = slices.Delete(tb.sorted, i, i+1)
		}
		for _, p := range appendPrefixRecs(nil, e) {
			if i, ok := slices.BinarySearchFunc(tb.prefix, p, comparePrefixRecs); ok && tb.prefix[i].t.e == e {
				tb.prefix = slices.Delete(tb.prefix, i, i+1)
			}
		}
	}
}

// fewEntries is how many entries Put and Delete splice in or out one by
// one; beyond it they merge or filter in one pass.
const fewEntries = 16

// Delete removes the concept with the id and reports whether there was one.
func (tb *Termbase) Delete(id string) bool {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	e, ok := tb.concepts[id]
	if !ok {
		return false
	}
	delete(tb.concepts, id)
	tb.unindex(map[*entry]bool{e: true})
	tb.removeSorted(map[*entry]bool{e: true})
	return true
}

// Get returns the concept with the id.
func (tb *Termbase) Get(id string) (Concept, bool) {
	tb.mu.RLock()
	defer tb.mu.RUnlock()
	e, ok := tb.concepts[id]
	if !ok {
		return Concept{}, false
	}
	return cloneConcept(e.c), true
}

// Len returns the number of concepts.
func (tb *Termbase) Len() int {
	tb.mu.RLock()
	defer tb.mu.RUnlock()
	return len(tb.concepts)
}

// All returns every concept in Dutch collation order of its head term
// (Concept.Head: its preferred Dutch term, as the glossary page lists it).
func (tb *Termbase) All() []Concept {
	tb.mu.RLock()
	defer tb.mu.RUnlock()
	cs := make([]Concept, len(tb.sorted))
	for i, e := range tb.sorted {
		cs[i] = cloneConcept(e.c)
	}
	return cs
}

// Collections lists the collections with their concept counts, by name.
func (tb *Termbase) Collections() []CollectionInfo {
	tb.mu.RLock()
	n := map[string]int{}
	for _, e := range tb.concepts {
		n[e.c.Collection]++
	}
	tb.mu.RUnlock()
	infos := make([]CollectionInfo, 0, len(n))
	for name, k := range n {
		infos = append(infos, CollectionInfo{Name: name, Concepts: k})
	}
	slices.SortFunc(infos, func(a, b CollectionInfo) int { return strings.Compare(a.Name, b.Name) })
	return infos
}

// Lookup returns the concepts matching r, best first: exact matches, then
// folded, stemmed, prefix and fuzzy ones (see the Mode constants); within
// a kind, Dutch collation order. An empty query lists every concept that
// passes the filters in Dutch collation order. Errors wrap ErrBadLookup.
func (tb *Termbase) Lookup(r LookupRequest) (LookupResult, error) {
	if err := r.normalize(); err != nil {
		return LookupResult{}, err
	}
	q := strings.Join(strings.Fields(r.Q), " ")
	if q == "" {
		return tb.browse(r), nil
	}
	qf := Fold(q)
	// The query without a leading article or an auxiliary verb at its
	// edges ("de Tweede Kamer", "the coup", "werd opgeschort"), as a
	// translator copies it from a text: looked up too, just under the
	// query as typed.
	rest := withoutFunctionEdges(q)
	if rest == q {
		rest = ""
	}
	// Query keys are computed before taking the lock: KeyFunc may be slow.
	stemKeys := map[string]string{}
	restKeys := map[string]string{}
	if r.Mode != ModeExact && r.Mode != ModePrefix {
		for _, lang := range Languages {
			if r.Lang == LangAuto || r.Lang == lang {
				if k := tb.stemKey(lang, q); k != "" {
					stemKeys[lang] = k
				}
				if k := tb.stemKey(lang, rest); rest != "" && k != "" {
					restKeys[lang] = k
				}
			}
		}
	}

	tb.mu.RLock()
	defer tb.mu.RUnlock()
	s := searcher{r: r, best: map[*entry]found{}}
	for _, t := range tb.fold[qf] {
		if t.text == q {
			s.add(t, scoreExact, ViaExact)
		} else {
			s.add(t, scoreFold, ViaFold)
		}
	}
	if rest != "" && r.Mode != ModePrefix {
		for _, t := range tb.fold[Fold(rest)] {
			s.add(t, scoreReduced, ViaFold)
		}
	}
	for lang, k := range stemKeys {
		for _, t := range tb.stem[lang+"\x00"+k] {
			s.add(t, scoreStem, ViaStem)
		}
		for _, t := range tb.form[lang+"\x00"+k] {
			s.add(t, scoreForm, ViaForm)
		}
	}
	for lang, k := range restKeys {
		for _, t := range tb.stem[lang+"\x00"+k] {
			s.add(t, scoreReduced, ViaStem)
		}
		for _, t := range tb.form[lang+"\x00"+k] {
			s.add(t, scoreReduced, ViaForm)
		}
	}
	if r.Mode == ModeAuto || r.Mode == ModePrefix {
		for _, pq := range []string{qf, Fold(rest)} {
			if pq == "" {
				continue
			}
			tb.prefixScan(pq, func(p prefixRec) bool {
				score := scorePrefix + 0.1*float64(len(pq))/float64(len(p.t.folded))
				if p.whole {
					score += 0.1
				}
				s.add(p.t, score, ViaPrefix)
				return true
			})
		}
	}
	if r.Mode == ModeFuzzy || r.Mode == ModeAuto && len(s.best) == 0 {
		tb.fuzzy([]rune(qf), s.add)
	}
	return s.result(), nil
}

// Suggest returns up to limit terms (10 when limit ≤ 0) with a word that
// starts with prefix, ignoring case and diacritics: terms that start with
// it first, shorter before longer.
func (tb *Termbase) Suggest(prefix string, limit int) []Suggestion {
	if limit <= 0 {
		limit = 10
	}
	pf := Fold(strings.TrimSpace(prefix))
	if a, rest, ok := strings.Cut(pf, " "); ok && leadingArticles[a] && strings.TrimSpace(rest) != "" {
		pf = strings.TrimSpace(rest) // "de Twee": Tweede Kamer
	}
	if pf == "" {
		return nil
	}
	tb.mu.RLock()
	defer tb.mu.RUnlock()
	type cand struct {
		t     *termRec
		whole bool
	}
	seen := map[*termRec]int{}
	var cands []cand
	tb.prefixScan(pf, func(p prefixRec) bool {
		if i, ok := seen[p.t]; ok {
			cands[i].whole = cands[i].whole || p.whole
			return true
		}
		seen[p.t] = len(cands)
		cands = append(cands, cand{p.t, p.whole})
		return true
	})
	slices.SortFunc(cands, func(a, b cand) int {
		if a.whole != b.whole {
			if a.whole {
				return -1
			}
			return 1
		}
		return cmp.Or(
			cmp.Compare(CollectionTier(a.t.e.c.Collection), CollectionTier(b.t.e.c.Collection)),
			cmp.Compare(len(a.t.runes), len(b.t.runes)),
			strings.Compare(a.t.folded, b.t.folded),
			strings.Compare(a.t.e.c.ID, b.t.e.c.ID),
			cmp.Compare(a.t.i, b.t.i))
	})
	out := make([]Suggestion, 0, min(limit, len(cands)))
	for _, c := range cands[:min(limit, len(cands))] {
		con := &c.t.e.c
		t := &con.Terms[c.t.i]
		sg := Suggestion{Text: c.t.text, Lang: c.t.lang, Concept: con.ID, Status: t.Status, Reliability: cmp.Or(t.Reliability, con.Reliability)}
		other := "en"
		if c.t.lang == "en" {
			other = "nl"
		}
		if eq := UseInstead(con, other); len(eq) > 0 {
			sg.Equivalent, sg.EquivalentStatus = eq[0].Text, eq[0].Status
		}
		out = append(out, sg)
	}
	return out
}

// TermEntry is one term of the termbase with its concept: a row of a
// list of terms, such as the do-not-use list of deprecated terms.
type TermEntry struct {
	Concept string `json:"concept"` // concept id
	Head    string `json:"head"`    // the concept's first preferred Dutch term (else its first term)
	Term    Term   `json:"term"`
	Use     []Term `json:"use,omitempty"` // the terms to use instead, in the term's language (UseInstead)
}

// TermsWithStatus lists the terms of status s (of every concept, or of
// collection's when it is not empty) in the Dutch collation order of their
// concepts, each with the terms to use instead: with Deprecated, the
// do-not-use list. The concept's other terms are not listed, whatever
// their status.
func (tb *Termbase) TermsWithStatus(s Status, collection string) []TermEntry {
	tb.mu.RLock()
	defer tb.mu.RUnlock()
	var out []TermEntry
	for _, e := range tb.sorted {
		c := &e.c
		if collection != "" && c.Collection != collection {
			continue
		}
		for _, t := range c.Terms {
			if t.Status != s {
				continue
			}
			head := c.ID
			if h := UseInstead(c, "nl"); len(h) > 0 {
				head = h[0].Text
			} else if len(c.Terms) > 0 {
				head = c.Terms[0].Text
			}
			te := TermEntry{Concept: c.ID, Head: head, Term: t}
			if s == Deprecated || s == Superseded {
				te.Use = UseInstead(c, t.Lang)
			}
			out = append(out, te)
		}
	}
	return out
}

// normalize fills in defaults and rejects values Lookup does not know.
func (r *LookupRequest) normalize() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("glossary: %w: %s", ErrBadLookup, fmt.Sprintf(format, args...))
	}
	switch r.Mode {
	case "":
		r.Mode = ModeAuto
	case ModeAuto, ModeExact, ModeStem, ModePrefix, ModeFuzzy:
	default:
		return bad("mode %q is not one of auto, exact, stem, prefix, fuzzy", r.Mode)
	}
	switch {
	case r.Lang == "":
		r.Lang = LangAuto
	case r.Lang != LangAuto && !knownLang(r.Lang):
		return bad("lang %q is not one of auto, %s", r.Lang, strings.Join(Languages, ", "))
	}
	if r.Status != "" {
		st, ok := ParseStatus(string(r.Status))
		if !ok {
			return bad("status %q is not one of %s", r.Status, StatusChoices())
		}
		r.Status = st
	}
	if r.Limit < 0 || r.Offset < 0 {
		return bad("limit %d, offset %d: neither may be negative", r.Limit, r.Offset)
	}
	if r.Limit == 0 {
		r.Limit = DefaultLimit
	}
	r.Limit = min(r.Limit, MaxLimit)
	return nil
}

// passes reports whether the concept passes r's collection and status filters.
func (r *LookupRequest) passes(c *Concept) bool {
	if r.Collection != "" && c.Collection != r.Collection {
		return false
	}
	return r.Status == "" || c.HasStatus(r.Status)
}

func (tb *Termbase) browse(r LookupRequest) LookupResult {
	tb.mu.RLock()
	defer tb.mu.RUnlock()
	res := LookupResult{Concepts: []Match{}}
	for _, e := range tb.sorted {
		if !r.passes(&e.c) {
			continue
		}
		if res.Total >= r.Offset && len(res.Concepts) < r.Limit {
			res.Concepts = append(res.Concepts, Match{Concept: cloneConcept(e.c)})
		}
		res.Total++
	}
	return res
}

// found is the best match of one concept so far.
type found struct {
	score float64
	via   string
	t     *termRec
}

// searcher gathers the best match per concept for one lookup.
type searcher struct {
	r    LookupRequest
	best map[*entry]found
}

func (s *searcher) add(t *termRec, score float64, via string) {
	if s.r.Lang != LangAuto && t.lang != s.r.Lang {
		return
	}
	if st := t.e.c.Terms[t.i].Status; st == Deprecated || st == Superseded {
		score -= penaltyDiscouraged
	}
	if f, ok := s.best[t.e]; ok {
		if score > f.score {
			s.best[t.e] = found{score, via, t}
		}
		return
	}
	if !s.r.passes(&t.e.c) {
		return
	}
	s.best[t.e] = found{score, via, t}
}

func (s *searcher) result() LookupResult {
	type hit struct {
		e *entry
		f found
	}
	hits := make([]hit, 0, len(s.best))
	for e, f := range s.best {
		hits = append(hits, hit{e, f})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.f.score != b.f.score {
			return cmp.Compare(b.f.score, a.f.score)
		}
		return cmp.Or(cmp.Compare(CollectionTier(a.e.c.Collection), CollectionTier(b.e.c.Collection)), compareEntries(a.e, b.e))
	})
	res := LookupResult{Total: len(hits), Concepts: []Match{}}
	if s.r.Offset < len(hits) {
		hits = hits[s.r.Offset:]
		for _, h := range hits[:min(len(hits), s.r.Limit)] {
			m := Match{
				Concept:    cloneConcept(h.e.c),
				Score:      math.Round(h.f.score*1000) / 1000,
				Via:        h.f.via,
				Term:       h.f.t.text,
				TermLang:   h.f.t.lang,
				TermStatus: h.e.c.Terms[h.f.t.i].Status,
			}
			if m.TermStatus == Deprecated || m.TermStatus == Superseded {
				for _, t := range UseInstead(&m.Concept, m.TermLang) {
					m.Use = append(m.Use, t.Text)
				}
			}
			res.Concepts = append(res.Concepts, m)
		}
	}
	return res
}

// prefixScan calls fn for every prefix record starting with pf, until fn
// returns false.
func (tb *Termbase) prefixScan(pf string, fn func(prefixRec) bool) {
	i := sort.Search(len(tb.prefix), func(i int) bool { return tb.prefix[i].s >= pf })
	for ; i < len(tb.prefix) && strings.HasPrefix(tb.prefix[i].s, pf); i++ {
		if !fn(tb.prefix[i]) {
			return
		}
	}
}

// MaxEdits is the typo tolerance for a word of n letters, as Meilisearch
// has it and as fuzzy lookup and query correction both apply it: none up
// to 4 letters, where one edit makes another word ("raad", "daad"), one
// for 5–8, two from 9.
func MaxEdits(n int) int {
	switch {
	case n <= 4:
		return 0
	case n <= 8:
		return 1
	}
	return 2
}

// fuzzy reports every term within maxEdits of the folded query q. Only
// terms whose length differs by at most the allowed distance can match,
// so it scans those length buckets and no others.
func (tb *Termbase) fuzzy(q []rune, add func(*termRec, float64, string)) {
	d := MaxEdits(len(q))
	if d == 0 {
		return
	}
	rows := newOSA(len(q))
	qm := letterMask(q)
	for n := max(1, len(q)-d); n <= len(q)+d; n++ {
		for _, f := range tb.byLen[n] {
			// Each letter of one string that the other lacks costs at
			// least one edit: a cheap lower bound that rejects most terms.
			if bits.OnesCount64(qm&^f.mask) > d || bits.OnesCount64(f.mask&^qm) > d {
				continue
			}
			if k := rows.distance(q, f.t.runes, d); k <= d {
				add(f.t, scoreFuzzy-0.1*float64(k), ViaFuzzy)
			}
		}
	}
}

// prepare builds the entry of c without touching the termbase.
func (tb *Termbase) prepare(c Concept, col *collate.Collator, buf *collate.Buffer) *entry {
	e := &entry{c: cloneConcept(c)}
	head, _ := e.c.Head()
	e.sortKey = bytes.Clone(col.KeyFromString(buf, head.Text))
	buf.Reset()
	for i, t := range e.c.Terms {
		text := strings.Join(strings.Fields(t.Text), " ")
		f := Fold(text)
		rs := []rune(f)
		rec := &termRec{
			e: e, i: i, lang: t.Lang, text: text,
			folded: f, runes: rs, stem: tb.stemKey(t.Lang, text), mask: letterMask(rs),
		}
		if tb.forms != nil {
			for _, form := range tb.forms(t) {
				if k := tb.stemKey(t.Lang, form); k != "" && k != rec.stem && !slices.Contains(rec.forms, k) {
					rec.forms = append(rec.forms, k)
				}
			}
		}
		e.terms = append(e.terms, rec)
	}
	return e
}

// stemKey returns the keys of the words of s in lang, joined by spaces.
// dutchAuxiliaries are the Dutch auxiliary and modal verbs' forms that
// stand beside a participle or an infinitive: a translator looking up
// "werd opgeschort" or "heeft veroordeeld" means the verb.
var dutchAuxiliaries = map[string]bool{
	"ben": true, "bent": true, "is": true, "zijn": true, "was": true, "waren": true, "geweest": true,
	"word": true, "wordt": true, "worden": true, "werd": true, "werden": true,
	"heb": true, "hebt": true, "heeft": true, "hebben": true, "had": true, "hadden": true,
	"zal": true, "zult": true, "zullen": true, "zou": true, "zouden": true,
	"kan": true, "kunt": true, "kunnen": true, "kon": true, "konden": true,
	"moet": true, "moeten": true, "moest": true, "moesten": true,
	"wil": true, "wilt": true, "willen": true, "wilde": true, "wilden": true,
	"mag": true, "mogen": true, "mocht": true, "mochten": true,
}

// leadingArticles are the Dutch and English articles a copied phrase may
// start with.
var leadingArticles = map[string]bool{"de": true, "het": true, "een": true, "'t": true, "the": true, "a": true, "an": true}

// withoutFunctionEdges returns q without a leading article and without
// the Dutch auxiliary verbs at its start and end ("de Tweede Kamer" →
// "Tweede Kamer", "werd opgeschort", "opgeschort is" → "opgeschort"); ""
// when nothing else is left.
func withoutFunctionEdges(q string) string {
	ws := strings.Fields(q)
	if len(ws) > 1 && leadingArticles[Fold(ws[0])] {
		ws = ws[1:]
	}
	for len(ws) > 0 && dutchAuxiliaries[Fold(ws[0])] {
		ws = ws[1:]
	}
	for len(ws) > 0 && dutchAuxiliaries[Fold(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

func (tb *Termbase) stemKey(lang, s string) string {
	ws := words(s)
	for i, w := range ws {
		if tb.key != nil {
			// Folded again so that a KeyFunc that keeps case or accents
			// still produces keys comparable with the fold index.
			ws[i] = Fold(tb.key(lang, w))
		} else {
			ws[i] = Fold(w)
		}
	}
	return strings.Join(ws, " ")
}

// index adds e's terms to the hash indexes; the caller holds the write lock.
func (tb *Termbase) index(e *entry) {
	for _, t := range e.terms {
		tb.fold[t.folded] = append(tb.fold[t.folded], t)
		if t.stem != "" {
			k := t.lang + "\x00" + t.stem
			tb.stem[k] = append(tb.stem[k], t)
		}
		for _, f := range t.forms {
			k := t.lang + "\x00" + f
			tb.form[k] = append(tb.form[k], t)
		}
		tb.byLen[len(t.runes)] = append(tb.byLen[len(t.runes)], fuzzyRec{t.mask, t})
	}
}

// unindex removes the terms of the entries from the hash indexes, each
// list they are in filtered once; the caller holds the write lock.
func (tb *Termbase) unindex(es map[*entry]bool) {
	if len(es) == 0 {
		return
	}
	fold, stem, form := map[string]bool{}, map[string]bool{}, map[string]bool{}
	lens := map[int]bool{}
	for e := range es {
		for _, t := range e.terms {
			fold[t.folded] = true
			if t.stem != "" {
				stem[t.lang+"\x00"+t.stem] = true
			}
			for _, f := range t.forms {
				form[t.lang+"\x00"+f] = true
			}
			lens[len(t.runes)] = true
		}
	}
	drop := func(m map[string][]*termRec, keys map[string]bool) {
		for k := range keys {
			if ts := slices.DeleteFunc(m[k], func(t *termRec) bool { return es[t.e] }); len(ts) == 0 {
				delete(m, k)
			} else {
				m[k] = ts
			}
		}
	}
	drop(tb.fold, fold)
	drop(tb.stem, stem)
	drop(tb.form, form)
	for n := range lens {
		if ts := slices.DeleteFunc(tb.byLen[n], func(f fuzzyRec) bool { return es[f.t.e] }); len(ts) == 0 {
			delete(tb.byLen, n)
		} else {
			tb.byLen[n] = ts
		}
	}
}

func appendPrefixRecs(recs []prefixRec, e *entry) []prefixRec {
	for _, t := range e.terms {
		if t.folded == "" {
			continue
		}
		recs = append(recs, prefixRec{s: t.folded, t: t, whole: true})
		if len(t.runes) > MaxTermLen {
			// Only an older store holds such a term (Concept.Validate
			// refuses it): a record per word would make sorting them
			// cost the square of its length, at every start.
			continue
		}
		prev := true
		for i, r := range t.folded {
			w := isWordRune(r)
			if w && !prev && i > 0 {
				recs = append(recs, prefixRec{s: t.folded[i:], t: t})
			}
			prev = w
		}
	}
	return recs
}

// isWordRune is words' rule for the runes inside a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// CollectionTier ranks a concept's collection where other things are
// equal: made by hand (user) 0, the curated glossary 1, an import 2. A
// lookup's equally good matches and the suggestions of one kind come in
// that order, as the matcher prefers them (an imported dictionary's copy
// of coup came before the curated staatsgreep).
func CollectionTier(collection string) int {
	switch collection {
	case CollectionUser:
		return 0
	case CollectionCurated:
		return 1
	}
	return 2
}

func compareEntries(a, b *entry) int {
	return cmp.Or(bytes.Compare(a.sortKey, b.sortKey), strings.Compare(a.c.ID, b.c.ID))
}

func comparePrefixRecs(a, b prefixRec) int {
	return cmp.Or(
		strings.Compare(a.s, b.s),
		compareEntries(a.t.e, b.t.e),
		cmp.Compare(a.t.i, b.t.i))
}

// merge merges the sorted slice b into the sorted slice a. A few
// elements are inserted in place after a binary search; more are merged
// into a new slice, copying the runs of a between them.
func merge[T any](a, b []T, compare func(T, T) int) []T {
	if len(b) <= fewEntries {
		for _, x := range b {
			i, _ := slices.BinarySearchFunc(a, x, compare)
			a = slices.Insert(a, i, x)
		}
		return a
	}
	out := make([]T, 0, len(a)+len(b))
	for _, x := range b {
		i, _ := slices.BinarySearchFunc(a, x, compare)
		out = append(append(out, a[:i]...), x)
		a = a[i:]
	}
	return append(out, a...)
}

// letterMask sets one bit per distinct letter or digit of s (other runes
// share the remaining bits), for the fuzzy prefilter. Shared bits only
// weaken the filter, never make it reject a real match.
func letterMask(s []rune) uint64 {
	var m uint64
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			m |= 1 << (r - 'a')
		case r >= '0' && r <= '9':
			m |= 1 << (26 + r - '0')
		case r != ' ':
			m |= 1 << (36 + uint(r)%28)
		}
	}
	return m
}

// cloneConcept copies the slices and maps of c, so that neither the
// caller's later changes reach the termbase nor the reverse.
func cloneConcept(c Concept) Concept {
	c.Terms = slices.Clone(c.Terms)
	c.Definition = maps.Clone(c.Definition)
	return c
}

// osa computes the optimal string alignment distance (Levenshtein plus
// transposition of neighbours, the commonest typing slip) with three
// reusable rows, so a lookup allocates once however many terms it scans.
type osa struct{ prev2, prev, cur []int }

func newOSA(n int) *osa {
	return &osa{make([]int, n+1), make([]int, n+1), make([]int, n+1)}
}

// distance returns the distance of a and b, or any value above limit as
// soon as it is clear the distance exceeds limit. b must have the length
// newOSA was given.
func (o *osa) distance(b, a []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	for j := range o.prev {
		o.prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		o.cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(o.prev[j]+1, o.cur[j-1]+1, o.prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, o.prev2[j-2]+1)
			}
			o.cur[j] = d
			rowMin = min(rowMin, d)
		}
		// Every later cell is at least the minimum of this row (a
		// transposition reaches back two rows, but then the cell between
		// is no larger), so once it exceeds limit the answer does too.
		if rowMin > limit {
			return limit + 1
		}
		o.prev2, o.prev, o.cur = o.prev, o.cur, o.prev2
	}
	return o.prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
