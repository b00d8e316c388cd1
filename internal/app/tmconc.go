package app

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm"
	"github.com/tolk-nl/tolk/tm/fuzzy"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

// The bilingual concordance (issue 14): the TM segments where a word or
// phrase occurs on one side, the query marked there and its translation
// marked on the other side, grouped by that translation.

// TMConcordanceRequest asks for the segments where Q occurs on side Lang
// ("nl", the default, or "en"). Translation, when set, keeps the pairs of
// one translation group only (the group's text, as in the result).
type TMConcordanceRequest struct {
	Q, Lang, Collection, Translation string
	Limit, Offset                    int // Limit 0 means 20, at most 100
}

// Span marks bytes [Start, End) of a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// TMTranslationGroup is one rendering of the query and how many pairs
// have it. Text is "" for the pairs where no translation was found.
type TMTranslationGroup struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
	Via   string `json:"via"` // glossary, lexicon or tm (co-occurrence): how most of its pairs were aligned
}

// TMConcordancePair is a segment where the query occurs: Source is the
// query's side with the query marked (Marks), Target the other side with
// the translation marked (TargetMarks; empty when none was found).
type TMConcordancePair struct {
	ID          string    `json:"id"`
	Collection  string    `json:"collection"`
	Origin      tm.Source `json:"origin,omitzero"`
	Source      string    `json:"source"`
	Target      string    `json:"target"`
	Marks       []Span    `json:"marks"`
	TargetMarks []Span    `json:"target_marks"`
	Translation string    `json:"translation"`
	Via         string    `json:"via,omitempty"`
	// Repeats is how many segments of the result have this pair word
	// for word (this one included); the list shows it once.
	Repeats int `json:"repeats"`
	// compound: the query occurs in Source only as part of a compound
	// (brief in vrachtbrief); such pairs rank after the word's own.
	compound bool
	// claimed: the byte offsets of Target's words the word alignment
	// gave to other words of Source.
	claimed map[int]bool
}

// TMConcordanceResult is one page of pairs, the translation groups of all
// of them (most frequent first) and their number. Examined is the number
// of segments the search returned and that were checked; Truncated says
// there were more than MaxConcordanceCandidates.
type TMConcordanceResult struct {
	Query     string               `json:"query"`
	Lang      string               `json:"lang"`
	Total     int                  `json:"total"`
	Groups    []TMTranslationGroup `json:"groups"`
	Pairs     []TMConcordancePair  `json:"pairs"`
	Examined  int                  `json:"examined"`
	Truncated bool                 `json:"truncated,omitempty"`
	// Seeding, when present, says that the default TM is still being
	// filled: the answer misses the pairs not yet in.
	Seeding *TMSeeding `json:"seeding,omitempty"`
	// Segments is how many segments the TM holds in all: 0 says that
	// nothing was found because nothing is there (no import, no seed).
	Segments int `json:"segments"`
}

// MaxConcordanceCandidates bounds the segments one concordance checks.
const MaxConcordanceCandidates = 5000

// ConcordanceTM finds the segments where q.Q occurs (Dutch: by the index
// key, so inflected forms count, and as part of a compound; English: by
// the stem), marks it and its translation, and groups the pairs by the
// translation. Candidates come from the segment index; each is checked
// and marked token by token.
func (a *App) ConcordanceTM(ctx context.Context, q TMConcordanceRequest) (TMConcordanceResult, error) {
	if err := a.tmReady(); err != nil {
		return TMConcordanceResult{}, err
	}
	switch q.Lang = tmLang(q.Lang); q.Lang {
	case "", "nl":
		q.Lang = "nl"
	case "en":
	default:
		return TMConcordanceResult{}, badInput(fmt.Errorf("lang %q: nl or en", q.Lang))
	}
	if err := a.tmCollection(q.Collection); err != nil {
		return TMConcordanceResult{}, err
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	q.Limit = min(q.Limit, 100)
	q.Offset = max(q.Offset, 0)
	res := TMConcordanceResult{Query: q.Q, Lang: q.Lang, Groups: []TMTranslationGroup{}, Pairs: []TMConcordancePair{}}
	all, err := a.concordanceAll(ctx, q, MaxConcordanceCandidates, &res)
	if err != nil {
		return TMConcordanceResult{}, err
	}
	res.Groups = groupPairs(all)
	// The groups count every pair; the list shows a pair that several
	// segments repeat word for word (a heading in 37 treaties:
	// Rechtsmacht / Jurisdiction) once, with how many there are; case,
	// accents and spacing aside (RECHTSMACHT / JURISDICTION is the same
	// heading set in capitals).
	var sel []TMConcordancePair
	at := map[[2]string]int{}
	for _, p := range all {
		if q.Translation != "" && index.Fold(p.Translation) != index.Fold(q.Translation) {
			continue
		}
		k := [2]string{repeatKey(p.Source), repeatKey(p.Target)}
		if i, ok := at[k]; ok {
			sel[i].Repeats++
			continue
		}
		at[k] = len(sel)
		p.Repeats = 1
		sel = append(sel, p)
	}
	res.Total = len(sel)
	if q.Offset < len(sel) {
		res.Pairs = sel[q.Offset:min(q.Offset+q.Limit, len(sel))]
	}
	res.Seeding = a.TMSeeding()
	res.Segments = a.TMLoadedSegments()
	return res, nil
}

// concordanceAll returns every pair of the concordance of q among the
// first maxCands segments the search returns, shorter pairs first, and
// counts what it examined into res.
func (a *App) concordanceAll(ctx context.Context, q TMConcordanceRequest, maxCands int, res *TMConcordanceResult) ([]TMConcordancePair, error) {
	qk := a.phraseKeys(q.Lang, q.Q)
	if len(qk) == 0 {
		return nil, nil
	}
	al := a.newAligner(q.Lang, q.Q)
	al.debug, _ = ctx.Value(alignTraceKey{}).(io.Writer)
	t := a.tmem
	var all []TMConcordancePair
	for off := 0; off < maxCands; off += index.MaxLimit {
		r, err := t.idx.Search(ctx, index.SegmentQuery{Q: q.Q, Lang: q.Lang, Collection: q.Collection, Limit: min(index.MaxLimit, maxCands), Offset: off})
		if err != nil {
			return nil, fmt.Errorf("app: concordance: %w", err)
		}
		t.mu.RLock()
		for _, h := range r.Hits {
			s, ok := t.segs[h.Key]
			if !ok {
				continue
			}
			res.Examined++
			src, tgt := s.NL, s.EN
			if q.Lang == "en" {
				src, tgt = s.EN, s.NL
			}
			marks, compound := a.findPhrase(q.Lang, src, qk)
			if len(marks) == 0 {
				continue
			}
			tmarks, via, claimed := al.align(src, marks, tgt)
			p := TMConcordancePair{
				ID: s.ID, Collection: s.Collection, Origin: s.Source, Source: src, Target: tgt,
				Marks: marks, TargetMarks: nonNilSpans(tmarks), Via: via, compound: compound, claimed: claimed,
			}
			if len(tmarks) > 0 {
				p.Translation = groupText(tgt, tmarks)
			}
			all = append(all, p)
		}
		t.mu.RUnlock()
		if off+index.MaxLimit >= r.Total {
			break
		}
		if off+index.MaxLimit >= maxCands {
			res.Truncated = true
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("app: concordance: %w", err)
		}
	}
	if al.newTerm() {
		a.alignByCooccurrence(al.to, all)
	}
	extendGroups(a.lexicon(), al.to, all)
	labelGroups(a.lexicon(), al.to, all)
	// The word's own pairs first when there are enough of them (see
	// groupPairs); shorter pairs read best: within the search's order, a
	// stable sort by length puts them first.
	own := ownWordFirst(all)
	slices.SortStableFunc(all, func(x, y TMConcordancePair) int {
		if own && x.compound != y.compound {
			if x.compound {
				return 1
			}
			return -1
		}
		return cmp.Compare(lengthClass(len(x.Source)), lengthClass(len(y.Source)))
	})
	return all, nil
}

// minOwnPairs is how many pairs must have the query word itself, not
// only as part of a compound, for its own pairs to come first.
const minOwnPairs = 3

// ownWordFirst reports whether the pairs with the query word itself are
// enough (minOwnPairs) to rank before the pairs that have it only in a
// compound: a compound's translation is the compound's (vrachtbrief:
// consignment note), evidence for the word only when little else is.
func ownWordFirst(all []TMConcordancePair) bool {
	n := 0
	for _, p := range all {
		if !p.compound {
			n++
		}
	}
	return n >= minOwnPairs && n < len(all)
}

// labelGroups gives the pairs whose translations differ in inflection
// only (authority, authorities; aangekondigd, aankondigen) one group
// name: the surface form most of them have, compared without case (ties:
// the shorter, then the first in alphabetical order), written as it
// stands where it does not open a sentence (financiële steun, Duitse,
// European Union; a form seen only at the start of sentences or headings
// is written with a small first letter: Inspraak van het publiek →
// inspraak).
func labelGroups(lex *lexicon.Lexicon, lang string, all []TMConcordancePair) {
	forms := map[string]map[string]int{}   // group key → lower-case form → pairs
	cases := map[string]map[string]int{}   // lower-case form → written form inside a sentence → pairs
	openers := map[string]map[string]int{} // lower-case form → written form opening a sentence → pairs
	keyOf := make([]string, len(all))
	for i, p := range all {
		if p.Translation == "" {
			continue
		}
		keyOf[i] = groupKey(lex, lang, p.Translation)
		if forms[keyOf[i]] == nil {
			forms[keyOf[i]] = map[string]int{}
		}
		low := strings.ToLower(p.Translation)
		forms[keyOf[i]][low]++
		m := cases
		if len(p.TargetMarks) > 0 && opensSentence(p.Target[:p.TargetMarks[0].Start]) {
			m = openers
		}
		if m[low] == nil {
			m[low] = map[string]int{}
		}
		m[low][p.Translation]++
	}
	label := map[string]string{}
	for k, fs := range forms {
		best := commonest(fs)
		if w := cases[best]; len(w) > 0 {
			label[k] = commonest(w)
		} else {
			label[k] = lowerFirst(commonest(openers[best]))
		}
	}
	for i := range all {
		if keyOf[i] != "" {
			all[i].Translation = label[keyOf[i]]
		}
	}
}

// commonest returns the string with the highest count (ties: the
// shorter, then the first in alphabetical order).
func commonest(m map[string]int) string {
	best, n := "", 0
	for f, c := range m {
		if c > n || c == n && (len(f) < len(best) || len(f) == len(best) && f < best) {
			best, n = f, c
		}
	}
	return best
}

// itemTail matches what may stand between a sentence's start and its
// first word in a treaty: item numbers and letters (1. a) (b) iv.),
// dashes, brackets, quotes.
var itemTail = regexp.MustCompile(`(?:\(?\b(?:[0-9]+|[a-z]|[ivx]+)[.)]|[0-9]+|[\s"'“”‘’()\[\]*,–—-])*$`)

// opensSentence reports whether a mark after prefix opens a sentence or
// heading: before it, past any item number, is the text's start, a full
// stop, a colon, a semicolon or a line break.
func opensSentence(prefix string) bool {
	if len(prefix) > 64 {
		prefix = prefix[len(prefix)-64:]
	}
	rest := strings.TrimRight(prefix[:itemTail.FindStringIndex(prefix)[0]], " \t")
	return rest == "" || strings.ContainsAny(rest[len(rest)-1:], ".:;\n")
}

// lowerFirst writes the first letter small unless the first word is all
// capitals (EU, ICAO).
func lowerFirst(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if strings.ToUpper(first) == first {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// groupPairs counts pairs by translation, most frequent first, the
// unaligned ("") last. When enough pairs have the query word itself
// (ownWordFirst), groups are ranked by their count in those pairs first
// and by their count in all pairs next, so that the translations of
// compounds that contain the word (brief: vrachtbrief → consignment
// note) come after the word's own; their counts stay the full counts.
// Equal counts: the rendering the glossary gives first, then by text.
func groupPairs(all []TMConcordancePair) []TMTranslationGroup {
	groups := []TMTranslationGroup{}
	counts := map[string]*TMTranslationGroup{}
	vias := map[string]map[string]int{}
	ownCount := map[string]int{}
	own := ownWordFirst(all)
	for _, p := range all {
		g := counts[p.Translation]
		if g == nil {
			g = &TMTranslationGroup{Text: p.Translation}
			counts[p.Translation] = g
			vias[p.Translation] = map[string]int{}
		}
		g.Count++
		vias[p.Translation][p.Via]++
		if own && !p.compound {
			ownCount[p.Translation]++
		}
	}
	for text, g := range counts {
		best := 0
		for _, v := range []string{"glossary", "lexicon", "tm"} {
			if n := vias[text][v]; n > best {
				g.Via, best = v, n
			}
		}
		groups = append(groups, *g)
	}
	slices.SortFunc(groups, func(x, y TMTranslationGroup) int {
		if (x.Text == "") != (y.Text == "") {
			if x.Text == "" {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(ownCount[y.Text], ownCount[x.Text]); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		// A tie goes to the rendering the glossary gives (financial
		// support: financiële steun 3 before financiële ondersteuning 3).
		if (x.Via == "glossary") != (y.Via == "glossary") {
			if x.Via == "glossary" {
				return -1
			}
			return 1
		}
		if c := strings.Compare(index.Fold(x.Text), index.Fold(y.Text)); c != 0 {
			return c
		}
		return strings.Compare(x.Text, y.Text)
	})
	return groups
}

// lengthClass sorts pairs into short (one sentence), medium and long.
func lengthClass(n int) int {
	switch {
	case n <= 200:
		return 0
	case n <= 500:
		return 1
	}
	return 2
}

// groupText is the group name of a marked translation: the marked text
// as written, one space between words.
func groupText(text string, marks []Span) string {
	var parts []string
	for _, m := range marks {
		parts = append(parts, text[m.Start:m.End])
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// phraseKeys returns the keys by which the words of a query phrase are
// found: the index key for Dutch, the inflection key (index.TermKey) for
// English, so that advise finds advised and advises but not advisory,
// whose Dutch is another word (Porter merges them).
func (a *App) phraseKeys(lang, q string) []string {
	var out []string
	for _, t := range fuzzy.Tokenize(q, nil) {
		if t.Kind != fuzzy.Punct {
			out = append(out, matchKey(lang, t.Fold))
		}
	}
	return out
}

// matchKey is the key by which the concordance matches a query's word:
// English by inflection key, Dutch by index key and derivation class
// (nlDerivation), so that inflected forms match and derived words do not.
func matchKey(lang, w string) string {
	if lang == "en" {
		return index.TermKey("en", w)
	}
	if d := nlDerivation(index.Fold(w)); d != "" {
		return index.Key(lang, w) + "\x00" + d
	}
	return index.Key(lang, w)
}

// lexiconKeys returns the index keys of a phrase's words: what the
// lexicon is keyed by.
func lexiconKeys(lang, q string) []string {
	var out []string
	for _, t := range fuzzy.Tokenize(q, nil) {
		if t.Kind != fuzzy.Punct {
			out = append(out, index.Key(lang, t.Fold))
		}
	}
	return out
}

// lexiconFolds returns the folded words of a phrase, as lexiconKeys
// returns their keys.
func lexiconFolds(q string) []string {
	var out []string
	for _, t := range fuzzy.Tokenize(q, nil) {
		if t.Kind != fuzzy.Punct {
			out = append(out, t.Fold)
		}
	}
	return out
}

// tokenKeys tokenizes a text and gives each word its index key and, for
// Dutch, the keys of its compound parts.
type keyedToken struct {
	fuzzy.Token
	key   string
	parts []string
}

func (a *App) keyedTokens(lang, text string) []keyedToken {
	ts := fuzzy.Tokenize(text, nil)
	out := make([]keyedToken, 0, len(ts))
	for _, t := range ts {
		if t.Kind == fuzzy.Punct {
			continue
		}
		k := keyedToken{Token: t, key: matchKey(lang, t.Fold)}
		if lang == "nl" && a.split != nil && t.Kind == fuzzy.Word {
			for _, p := range a.split(t.Fold) {
				k.parts = append(k.parts, matchKey("nl", p))
			}
		}
		out = append(out, k)
	}
	return out
}

// findPhrase marks every occurrence of the phrase with keys qk in text:
// consecutive words with those keys; a Dutch word also matches as a part
// of a compound: a one-word phrase as its last part (the head), the first
// word of a longer phrase as a compound's last part and its last word as
// a compound's first part.
//
// compound reports that every occurrence is a compound's.
func (a *App) findPhrase(lang, text string, qk []string) (out []Span, compound bool) {
	ts := a.keyedTokens(lang, text)
	compound = true
	for i := 0; i+len(qk) <= len(ts); i++ {
		ok, whole := true, true
		for j, k := range qk {
			t := ts[i+j]
			if t.key == k {
				continue
			}
			whole = false
			// A compound is a kind of its last part (its head): rechtsorde
			// finds gemeenschapsrechtsorde, not burger burgerluchtvaart.
			if n := len(t.parts); n > 0 && (len(qk) == 1 && t.parts[n-1] == k ||
				len(qk) > 1 && (j == 0 && t.parts[n-1] == k || j == len(qk)-1 && t.parts[0] == k)) {
				continue
			}
			ok = false
			break
		}
		if ok {
			out = append(out, Span{ts[i].Start, ts[i+len(qk)-1].End})
			compound = compound && !whole
			i += len(qk) - 1
		}
	}
	return out, compound && len(out) > 0
}

// aligner finds the translation of a query in the other side of a pair:
// first a glossary term of a concept the query is a term of, else the
// words the lexicon links most strongly to the query's words.
type aligner struct {
	a          *App
	from, to   string
	qkeys      []string                        // index keys of the query's words
	qfolds     []string                        // the same words folded
	glossTerms [][]string                      // the other language's terms (TermKeys), longest first
	trans      map[string]map[string]float64   // lang+key → the lexicon's translations of it
	words      map[string]map[string]*wordInfo // lang → folded word → what the alignment needs of it
	debug      io.Writer                       // when set, the links of each pair (tests)
}

func (a *App) newAligner(from, q string) *aligner {
	to := "en"
	if from == "en" {
		to = "nl"
	}
	al := &aligner{a: a, from: from, to: to, qkeys: lexiconKeys(from, q), qfolds: lexiconFolds(q),
		trans: map[string]map[string]float64{}, words: map[string]map[string]*wordInfo{}}
	qterm := termKeys(from, q)
	for _, c := range a.terms.All() {
		if !conceptHasTerm(c, from, qterm) {
			continue
		}
		for _, t := range c.TermsIn(to) {
			if t.Status == glossary.Deprecated || t.Status == glossary.Superseded {
				continue
			}
			if k := termKeys(to, t.Text); len(k) > 0 {
				al.glossTerms = append(al.glossTerms, k)
			}
		}
	}
	slices.SortStableFunc(al.glossTerms, func(x, y []string) int { return cmp.Compare(len(y), len(x)) })
	return al
}

func termKeys(lang, text string) []string {
	var out []string
	for _, t := range fuzzy.Tokenize(text, nil) {
		if t.Kind != fuzzy.Punct {
			out = append(out, index.TermKey(lang, t.Fold))
		}
	}
	return out
}

func conceptHasTerm(c glossary.Concept, lang string, keys []string) bool {
	for _, t := range c.TermsIn(lang) {
		if slices.Equal(termKeys(lang, t.Text), keys) {
			return true
		}
	}
	return false
}

// align returns the marks of the translation of the marked query in
// target, and how they were found ("glossary", "lexicon" or "").
func (al *aligner) align(src string, marks []Span, target string) ([]Span, string, map[int]bool) {
	tt := fuzzy.Tokenize(target, nil)
	var words []fuzzy.Token
	for _, t := range tt {
		if t.Kind != fuzzy.Punct {
			words = append(words, t)
		}
	}
	if len(words) == 0 {
		return nil, "", nil
	}
	// Where the query is, relatively: the translation is near the same place.
	rel := float64(marks[0].Start) / float64(max(1, len(src)))
	relOf := func(i int) float64 { return float64(words[i].Start) / float64(max(1, len(target))) }
	if len(al.glossTerms) > 0 {
		tk := make([]string, len(words))
		for i, w := range words {
			tk[i] = index.TermKey(al.to, w.Fold)
		}
		best, bestD := Span{}, 2.0
		for _, g := range al.glossTerms {
			for i := 0; i+len(g) <= len(tk); i++ {
				if slices.Equal(tk[i:i+len(g)], g) && !crossesPunct(target, words[i:i+len(g)]) {
					if d := abs(relOf(i) - rel); d < bestD {
						best, bestD = Span{words[i].Start, words[i+len(g)-1].End}, d
					}
				}
			}
			if bestD < 2 {
				return []Span{best}, "glossary", nil
			}
		}
	}
	return al.alignWords(src, marks, target, words)
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func nonNilSpans(s []Span) []Span {
	if s == nil {
		return []Span{}
	}
	return s
}

// newTerm reports whether a word of the query is one the lexicon has no
// translation of: only then does co-occurrence align what the word
// alignment left open. For a word the lexicon knows, an unaligned pair
// is one where its translation is not there or not recognised, and the
// commonest other word of such pairs (indien, mogelijk) is noise.
func (al *aligner) newTerm() bool {
	lex := al.a.lexicon()
	for i, k := range al.qkeys {
		// A function word (the "of" of rule of law) has no entry of its
		// own: it makes no term new.
		if i < len(al.qfolds) && functionWord(al.from, al.qfolds[i]) {
			continue
		}
		if len(lex.Lookup(al.from, k)) == 0 {
			return true
		}
	}
	return false
}

// Co-occurrence alignment: when neither the glossary nor the lexicon
// links a query to a word of its pairs (a new term: the lexicon never saw
// it, the glossary lacks it), the words that recur across the pairs'
// other sides are its translation, as a bilingual concordance shows to
// a reader. Of the word sequences of 1–3 words (not starting or ending
// with a function word) in the unaligned pairs' other sides, the one in
// the most pairs wins, weighed by its rarity in the lexicon's training
// text, if it is in at least coMinPairs pairs and coMinShare of them;
// it is marked in the pairs that have it (via "tm"). This repeats on the
// pairs still unaligned, for up to coMaxRounds renderings.
const (
	coMinPairs  = 2
	coMinShare  = 0.3
	coMaxRounds = 3
	coMaxWords  = 3
)

func (a *App) alignByCooccurrence(lang string, all []TMConcordancePair) {
	lex := a.lexicon()
	for range coMaxRounds {
		var open []int
		for i, p := range all {
			if len(p.TargetMarks) == 0 {
				open = append(open, i)
			}
		}
		if len(open) < coMinPairs {
			return
		}
		type gram struct {
			pairs int
			last  int // the last pair counted, so a pair counts once
		}
		grams := map[string]*gram{}
		for _, i := range open {
			ws := targetWords(all[i].Target)
			for j := range ws {
				for n := 1; n <= coMaxWords && j+n <= len(ws); n++ {
					if functionWord(lang, ws[j].Fold) || functionWord(lang, ws[j+n-1].Fold) {
						continue
					}
					if n > 1 && crossesPunct(all[i].Target, ws[j:j+n]) {
						break // and so do the longer ones from j
					}
					k := joinFolds(ws[j : j+n])
					g := grams[k]
					if g == nil {
						g = &gram{last: -1}
						grams[k] = g
					}
					if g.last != i {
						g.pairs++
						g.last = i
					}
				}
			}
		}
		best, bestScore := "", 0.0
		for k, g := range grams {
			if g.pairs < coMinPairs || float64(g.pairs) < coMinShare*float64(len(open)) {
				continue
			}
			// Rarer words and longer sequences say more than common ones.
			score := float64(g.pairs)
			for _, w := range strings.Fields(k) {
				f := 0
				if lex != nil {
					f = lex.Freq(lang, index.Key(lang, w))
				}
				score *= 1 + 1/float64(1+f/50)
			}
			if score > bestScore || score == bestScore && k < best {
				best, bestScore = k, score
			}
		}
		if best == "" {
			return
		}
		want := strings.Fields(best)
		found := false
		for _, i := range open {
			ws := targetWords(all[i].Target)
			for j := 0; j+len(want) <= len(ws); j++ {
				if joinFolds(ws[j:j+len(want)]) == best && !crossesPunct(all[i].Target, ws[j:j+len(want)]) {
					all[i].TargetMarks = []Span{{ws[j].Start, ws[j+len(want)-1].End}}
					all[i].Translation = groupText(all[i].Target, all[i].TargetMarks)
					all[i].Via = "tm"
					found = true
					break
				}
			}
		}
		if !found {
			return
		}
	}
}

// crossesPunct reports whether consecutive words ws of text have a mark
// between them that separates phrases (sentencePunct): a rendering does
// not run across one.
func crossesPunct(text string, ws []fuzzy.Token) bool {
	for k := 1; k < len(ws); k++ {
		if sentencePunct(text[ws[k-1].End:ws[k].Start]) {
			return true
		}
	}
	return false
}

func targetWords(text string) []fuzzy.Token {
	var ws []fuzzy.Token
	for _, t := range fuzzy.Tokenize(text, nil) {
		if t.Kind == fuzzy.Word {
			ws = append(ws, t)
		}
	}
	return ws
}

func joinFolds(ws []fuzzy.Token) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Fold
	}
	return strings.Join(parts, " ")
}

// functionWord reports whether a folded word is one of a language's
// function words, which do not start or end a rendering.
func functionWord(lang, w string) bool {
	if lang == "en" {
		return enFunction[w]
	}
	return nlFunction[w]
}

var enFunction = wordSet("the a an of in on at to for by with from and or but not no is are was were be been has have had shall will may can this that these those it its as which who whom whose all any each other such than then there their they he she we you i")

var nlFunction = wordSet("de het een van in op aan te voor door met uit en of maar niet geen is zijn was waren wordt worden werd werden heeft hebben had zal zullen kan kunnen dit dat deze die het zijn haar hun als welke wie alle elke ander andere dan er zij hij wij u ik om bij naar over tot")

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// alignTraceKey is the context key of a writer that gets every pair's
// word links (TestTMEval's TOLK_TM_EVAL_DEBUG).
type alignTraceKey struct{}

// repeatKey is what two segments must share to be one pair repeated: the
// text folded, its white space collapsed.
func repeatKey(s string) string { return index.Fold(strings.Join(strings.Fields(s), " ")) }
