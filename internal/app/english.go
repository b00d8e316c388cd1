package app

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

// English search through the lexicon. An English query becomes a weighted
// query over the Dutch passages: each English word or glossary term is a
// concept whose Dutch alternatives carry the probability that they are
// what it means. Glossary terms come first (their Dutch terms, by status),
// then the lexicon's translations of each word (by probability); a word the
// lexicon does not know is searched as it is written (a name, a number, an
// acronym) and, as a cognate, through the Dutch analysis (dividends →
// dividenden) when the index knows that key. English stop words are
// dropped. index.SearchWeighted scores it.

// Sense is one Dutch alternative an English word was searched as.
type Sense struct {
	Text string `json:"nl"` // the Dutch term or index key
	// Form is, for an index key, the word the documents write most
	// often with that key (huur for hur): what a reader is shown.
	Form    string  `json:"form,omitempty"`
	P       float64 `json:"p"`                 // its weight: probability (lexicon), status weight (glossary)
	Via     string  `json:"via"`               // glossary, lexicon, cognate, exact or compound
	Key     bool    `json:"key,omitempty"`     // Text is an index key (a stem), not a word as written
	Concept string  `json:"concept,omitempty"` // the glossary concept
	// modifierOnly: the lexicon learnt this sense only from compounds'
	// modifiers (nuclear → kern, from kernwapens: lexicon.Translation.ModifierOnly).
	// It is looked for as the first part of a compound whose head is a
	// sense of the next word (compoundSenses), not as a word: kern alone
	// is core (de kern van), kerngegevens core data.
	modifierOnly bool
}

// Expansion says what one part of an English query was searched as.
type Expansion struct {
	Query  string  `json:"query"`  // the English words
	Senses []Sense `json:"senses"` // empty: nothing to search (stop word, unknown)
	// Dropped are the senses the request dropped (SearchRequest.Drop).
	Dropped []Sense `json:"dropped,omitempty"`
	Note    string  `json:"note,omitempty"`  // why there are no senses, or why they were not searched
	Occur   string  `json:"occur,omitempty"` // must or must_not when not optional
	// Pruned: the senses were not searched, as they occur in so many
	// passages that they could not narrow the search (index.Scoring.Prune);
	// the ranking ignores them.
	Pruned bool `json:"pruned,omitempty"`
	// apartFrom is the multi-word glossary term this word is also
	// searched apart from (englishUnit.term): not a part of the query of
	// its own for Missing.
	apartFrom string
}

// englishTuning holds the weights of English search.
type englishTuning struct {
	// Lexicon senses below MinP or beyond the cumulative mass Mass are
	// left out, at most MaxSenses per word.
	MinP, Mass float64
	MaxSenses  int
	// Reverse is the share of p(en|nl) in a sense's weight: the weight is
	// p(nl|en)^(1-Reverse) · p(en|nl)^Reverse, renormalised, so that a
	// Dutch word that stands for many English ones (onderdeel in "staatkundig
	// onderdeel", political subdivision) weighs less for each of them.
	Reverse float64
	// Self is the weight of an English word the lexicon knows, searched as
	// written too (names and numbers the training data saw).
	Self float64
	// Cognate is the weight of a word the lexicon does not know, searched
	// through the Dutch analysis.
	Cognate float64
	// InGlossary is the share lexicon senses get beside a one-word
	// glossary term: the glossary's sense comes first, but the documents'
	// own usage (interest: rente in a tax treaty) still counts.
	InGlossary float64
	// Disagree multiplies the glossary's senses of a one-word term when
	// the lexicon knows the English word well (MinFreq occurrences) and
	// none of its translations is the glossary's Dutch term: the
	// documents use the word in another sense (provided → voorzien, not
	// the glossary's leveren). The lexicon's senses then count in full.
	Disagree float64
	MinFreq  int
	// ConfExp makes a word whose translations are uncertain (shall, may:
	// many weak senses) weigh less: the concept's weight is its best
	// sense's probability to this power (0: every word weighs the same).
	ConfExp float64
	// TermWords is the weight of each word of a multi-word glossary term
	// searched on its own as well (0: not searched on its own).
	TermWords float64
	// The inverse senses (inverseSenses): Dutch words whose own
	// translations give the English word at least InverseMin, from at
	// least InverseCount aligned occurrences, at most InverseMax of them
	// (0: none), weighted InverseWeight times that probability.
	InverseMin, InverseWeight float64
	InverseCount, InverseMax  int
	// Compound multiplies the weight of the Dutch compounds that two
	// neighbouring English words make together (compoundSenses: residence
	// permit → verblijfsvergunning), a sense of each of the two words
	// (0: not searched).
	Compound float64
	// CognateRules is the weight of a word the lexicon does not know
	// searched as the Dutch spelling of a cognate (lexicon.Cognates), when
	// the documents have it (0: not searched so).
	CognateRules float64
	// KnownCognate is the weight of the Dutch cognate of a word the
	// lexicon knows (operation → operatie, beside exploitatie), spelt
	// alike or by the rules, when the documents have it (0: not searched).
	KnownCognate float64
	// NearCognate is the weight of the Dutch keys that are spelt nearly
	// as an English word nothing else finds (nearCognates; 0: not
	// searched).
	NearCognate float64
	// Joint multiplies the weight of a Dutch word the lexicon translates
	// as two neighbouring English words (jointSenses; 0: not searched).
	Joint float64
	// Derived multiplies the senses of the word an unknown English word
	// is derived from (relativeSenses: sustainability → sustainable). A
	// word's other spelling counts in full (wordSenses: center, centre).
	// 0 turns both off.
	Derived float64
	// CompoundOnly: a word next to another looks for the senses the
	// lexicon learnt only from compounds' modifiers
	// (lexicon.Translation.ModifierOnly: nuclear → kern) only in the
	// compounds the two words make, not as words.
	CompoundOnly bool
	Scoring      index.Scoring
}

// defaultTuning is English search as it ships; docs/CLIR.md says how the
// values were chosen on the dev treaties.
func defaultTuning() englishTuning {
	return englishTuning{MinP: 0.04, Mass: 0.9, MaxSenses: 6, Reverse: 0.3, Self: 0.2, Cognate: 0.6, InGlossary: 0.5, Disagree: 0.3, MinFreq: 20, ConfExp: 0, TermWords: 0.5,
		// Inverse senses: chosen on the dev halves of the news and wiki
		// sets and the dev treaties (docs/CLIR.md).
		InverseMin: 0.3, InverseWeight: 0.5, InverseCount: 3, InverseMax: 3,
		// Compounds of two words as a sense of each: chosen on the dev
		// halves of the news and wiki compound phrases (docs/CLIR.md).
		Compound: 1,
		// Cognates by the lexicon's spelling rules, weighted as a cognate
		// spelt alike: chosen on the dev halves (docs/CLIR.md).
		CognateRules: 0.6,
		// A known word's cognate at half that: chosen on the dev halves
		// of the news and wiki sets and the dev treaties (docs/CLIR.md,
		// session 15).
		KnownCognate: 0.3,
		// Near cognates as the rules' spellings: 0.3 and 0.6 found the
		// same on the dev halves (docs/CLIR.md, session 15).
		NearCognate: 0.6,
		// A word the lexicon translates as both, as a compound found in
		// the index: chosen on the dev halves (docs/CLIR.md, session 15).
		Joint: 1,
		// A derived word as the word it comes from (docs/CLIR.md,
		// session 23).
		Derived: 0.8,
		// Modifier-only senses stay words: in compounds only, nuclear
		// weapons no longer finds de kern van, but the FLORES dev
		// keywords and sentences and the dev treaties' headings lost
		// 1-2 queries each (docs/CLIR.md, session 32).
		CompoundOnly: false,
		// Length-normalised in full (B 1) and a heading match weighing more
		// than one in the passage: chosen on the dev treaties (docs/CLIR.md).
		Scoring: index.Scoring{K1: 1.2, B: 1, Heading: 1.5, Coverage: 1, Prune: 0.2}}
}

// noteUnknown explains an English word that is searched for nothing.
const noteUnknown = "no Dutch equivalent known; not in the documents as written"

// notePruned explains an English word whose senses were not searched.
const notePruned = "in so many passages that it cannot narrow the search; not searched"

// englishUnit is a part of the query that becomes one concept.
type englishUnit struct {
	text    string
	occur   index.Occur
	concept string  // glossary concept id
	weight  float64 // 0 means 1
	boost   float64 // the user's ^N on the word or phrase; 0 means 1
	// term is the text of the multi-word glossary term (of concept
	// termOf) this word is searched apart from (TermWords): a passage
	// with the term covers the word too (index.Concept.CoveredBy).
	term, termOf string
}

// withDutch returns the concept an English term of a query stands for:
// id when that concept has a Dutch term, else another concept with the
// same English term that has one (an imported list may hold the term
// without Dutch: civil servant alone, beside the concept that says
// rijksambtenaar); ok false when none has.
func (a *App) withDutch(id, term string) (string, bool) {
	hasNL := func(c glossary.Concept) bool {
		for _, t := range c.TermsIn("nl") {
			if t.Status != glossary.Deprecated && t.Status != glossary.Superseded {
				return true
			}
		}
		return false
	}
	if c, ok := a.terms.Get(id); ok && hasNL(c) {
		return id, true
	}
	res, err := a.terms.Lookup(glossary.LookupRequest{Q: term, Lang: "en", Mode: glossary.ModeStem, Limit: 20})
	if err != nil {
		return "", false
	}
	for _, m := range res.Concepts {
		whole := m.Via == glossary.ViaExact || m.Via == glossary.ViaFold || m.Via == glossary.ViaStem
		if m.TermLang == "en" && whole && hasNL(m.Concept) {
			return m.ID, true
		}
	}
	return "", false
}

// weightable reports whether an English query can go through the lexicon:
// prefixes and fuzzy words have no translation.
func weightable(q *index.Query) bool {
	for _, c := range q.Clauses {
		for _, t := range c.Alts {
			if t.Prefix || t.Fuzzy > 0 {
				return false
			}
		}
	}
	return true
}

// englishSearch searches the Dutch passages for an English query through
// the glossary and the lexicon.
func (a *App) englishSearch(ctx context.Context, r SearchRequest, q *index.Query, lex *lexicon.Lexicon) (*SearchResult, []expansion, error) {
	start := time.Now()
	exps, concepts, infos, infoOf := a.expandEnglish(ctx, q, lex, r.Drop)
	out := &SearchResult{Query: r.Q, Lang: "en", Facets: map[string][]index.Facet{}, Senses: infos}
	for _, e := range exps {
		for _, t := range e.terms {
			out.Expanded = append(out.Expanded, t.Text)
		}
		out.Expanded = append(out.Expanded, e.plain...)
	}
	out.Expanded = dedupeStrings(out.Expanded)
	if len(concepts) == 0 {
		out.Took = time.Since(start)
		return out, exps, nil
	}
	res, err := a.idx.SearchWeighted(ctx, index.WeightedRequest{Concepts: concepts, Limit: r.Limit, Offset: r.Offset, Doc: r.Doc, Section: r.Sec, Docs: a.docsMatching(r.Filter), AllDocFacets: true, FacetWindow: r.facetWindow, Scoring: a.tune.Scoring})
	if err != nil {
		return nil, nil, err
	}
	out.Total, out.Facets = res.Total, res.Facets
	for _, ci := range res.Pruned {
		if ci >= 0 && ci < len(infoOf) {
			e := &out.Senses[infoOf[ci]]
			e.Pruned, e.Note = true, notePruned
		}
	}
	a.docFacets(out)
	for _, h := range a.currentHits(res.Hits) {
		m := a.explainEnglish(h, exps)
		out.Hits = append(out.Hits, SearchHit{Hit: h, Matched: m, Missing: englishMissing(out.Senses, infoOf, h.Concepts)})
	}
	out.Took = time.Since(start)
	return out, exps, nil
}

// expandEnglish turns the query into concepts: glossary terms first
// (longest first), then word by word through the lexicon. It also returns
// what each part of the query was searched as, and for each concept the
// index of its part among those.
func (a *App) expandEnglish(ctx context.Context, q *index.Query, lex *lexicon.Lexicon, drop []string) ([]expansion, []index.Concept, []Expansion, []int) {
	dropped := map[string]bool{}
	for _, d := range drop {
		dropped[index.Fold(d)] = true
		dropped[index.Key("nl", d)] = true
	}
	var units []englishUnit
	memo := senseMemo{}
	compoundAlts := map[[2]string][]Sense{}
	var pairs [][2]englishUnit // that may make a Dutch compound
	// Runs of plain words are matched against the glossary together, so
	// that multi-word terms are found; a phrase or group in English cannot
	// be matched word for word in Dutch, so its words are searched as
	// concepts of their own, with the clause's occurrence.
	for i := 0; i < len(q.Clauses); {
		c := q.Clauses[i]
		var words []string
		j := i + 1
		if plainClause(c) {
			words = append(words, c.Alts[0].Text)
			for j < len(q.Clauses) && plainClause(q.Clauses[j]) {
				words = append(words, q.Clauses[j].Alts[0].Text)
				j++
			}
		} else {
			for _, t := range c.Alts {
				words = append(words, t.Text)
			}
		}
		i = j
		first := len(units) // this clause's units are units[first:]
		text := strings.Join(words, " ")
		covered := make([]bool, len(text))
		inTerm := make([]bool, len(text)) // covered by a term of several words
		oneWord := map[int]string{}       // a one-word term's start: its concept
		type glossaryTerm struct {
			an      match.Annotation
			concept string
		}
		var terms []glossaryTerm
		for _, an := range a.matcher().Annotate(text, "en") {
			if an.Via == "compound" || an.Via == "hyphen" {
				continue
			}
			// A deprecated English term is one not to use for the concept,
			// often a false equivalent (Council of Europe in the European
			// Council's entry): it says nothing of what the user means, so
			// its words are searched as words.
			if an.Status == glossary.Deprecated || an.Status == glossary.Superseded {
				continue
			}
			concept, ok := a.withDutch(an.Concept, an.Text)
			if !ok {
				continue // no concept of the term says it in Dutch: its words are words
			}
			terms = append(terms, glossaryTerm{an, concept})
			if strings.ContainsAny(an.Text, " -") {
				for k := an.Start; k < an.End; k++ {
					inTerm[k] = true
				}
			}
		}
		// The longest unit known wins, as among the glossary's terms
		// (match.Matcher keeps the longest): a one-word term gives way to
		// two words the lexicon translates as one Dutch word (civil
		// aviation: burgerluchtvaart, not civil: civiel); the word is
		// then searched as other words are, its lexicon senses and the
		// pair's (jointSenses, compoundSenses).
		var inUnit []bool
		if a.tune.Compound > 0 && a.tune.Joint > 0 && c.Occur != index.MustNot {
			inUnit = a.lexiconUnits(ctx, text, inTerm, lex)
		}
		for _, ta := range terms {
			an, concept := ta.an, ta.concept
			several := strings.ContainsAny(an.Text, " -")
			if !several && inUnit != nil && slices.Contains(inUnit[an.Start:an.End], true) {
				continue
			}
			units = append(units, englishUnit{text: an.Text, occur: c.Occur, concept: concept})
			for k := an.Start; k < an.End; k++ {
				covered[k] = true
				inTerm[k] = several
			}
			if !several {
				oneWord[an.Start] = concept
			}
			// The words of a multi-word term also count on their own, a
			// little: a document may say it otherwise (member States:
			// Lid-Staten, not lidstaten).
			if w := a.tune.TermWords; w > 0 && c.Occur == index.Should {
				for _, tw := range englishWords(an.Text, make([]bool, len(an.Text))) {
					if tw != an.Text {
						units = a.appendWord(ctx, units, englishUnit{text: tw, occur: index.Should, weight: w, term: an.Text, termOf: concept}, lex, memo)
					}
				}
			}
		}
		for _, w := range englishWords(text, covered) {
			units = a.appendWord(ctx, units, englishUnit{text: w, occur: c.Occur}, lex, memo)
		}
		if a.tune.Compound > 0 && c.Occur != index.MustNot {
			pairs = append(pairs, wordPairs(text, inTerm, oneWord)...)
		}
		// A word or phrase the user boosted (sanctions^2) is searched
		// with its boost, as a Dutch one is: it was dropped.
		if len(c.Alts) == 1 && c.Alts[0].Boost != 0 {
			for k := first; k < len(units); k++ {
				units[k].boost = c.Alts[0].Boost
			}
		}
	}
	// The compound is a sense of each of the two words: a passage that has
	// it covers both. So is a Dutch word the lexicon translates as both
	// words (trade union: vakbond).
	toBoth := func(pr [2]englishUnit, ss []Sense, weight float64) {
		for _, x := range ss {
			x.P *= weight
			for _, w := range pr {
				k := [2]string{w.concept, w.text}
				compoundAlts[k] = appendSense(compoundAlts[k], x)
			}
		}
	}
	for i, ss := range a.compoundSenses(ctx, pairs, lex, memo) {
		toBoth(pairs[i], ss, a.tune.Compound)
	}
	// A word with a neighbour looks for its senses learnt from compounds'
	// modifiers only in the compounds it makes with the neighbour's senses
	// (nuclear weapons: kernwapens, not kerngegevens or de kern van). The
	// index files a modifier under the same key as the word written on its
	// own, so it cannot be asked for a key as a modifier only; a word
	// alone keeps them, as nothing else finds the compounds it begins.
	inPair := map[[2]string]bool{}
	for _, pr := range pairs {
		for _, w := range pr {
			inPair[[2]string{w.concept, w.text}] = true
		}
	}
	if a.tune.Joint > 0 {
		for _, pr := range pairs {
			toBoth(pr, a.jointSenses(pr, lex), a.tune.Joint)
		}
	}
	var exps []expansion
	var concepts []index.Concept
	var infos []Expansion
	var infoOf []int
	seenUnit := map[string]bool{}
	termAt := map[string]int{} // a term's concept id and text: 1 + its index in concepts
	for _, u := range units {
		id := u.concept + "\x00" + strings.ToLower(u.text) + "\x00" + u.occur.String() + "\x00" + fmt.Sprint(u.weight, u.boost)
		if seenUnit[id] {
			continue // a repeated word is one concept: BM25 counts it once
		}
		seenUnit[id] = true
		senses, note := memo.senses(ctx, a, u, lex)
		if u.weight == 0 {
			for _, x := range compoundAlts[[2]string{u.concept, u.text}] {
				senses = appendSense(senses, x)
			}
		}
		if a.tune.CompoundOnly && inPair[[2]string{u.concept, u.text}] {
			senses = slices.DeleteFunc(senses, func(s Sense) bool { return s.modifierOnly })
		}
		a.withForms(ctx, senses)
		var gone []Sense
		kept := senses[:0]
		for _, s := range senses {
			if !dropped[index.Fold(s.Text)] && !dropped[s.Text] {
				kept = append(kept, s)
			} else {
				gone = append(gone, s)
			}
		}
		senses = kept
		info := Expansion{Query: u.text, Senses: senses, Note: note, Dropped: gone, apartFrom: u.term}
		if u.occur != index.Should {
			info.Occur = u.occur.String()
		}
		infos = append(infos, info)
		if len(senses) == 0 {
			if note == noteUnknown && !strings.ContainsRune(u.text, ' ') && u.term == "" {
				// Unknown in both languages: a candidate for "did you
				// mean" (BilingualSearch corrects plain words). Not a
				// word of a glossary term the query matched (carer of
				// informal carer, Malian of Malian Armed Forces): the
				// term knows it, and "correcting" it lost the term.
				exps = append(exps, expansion{query: u.text, plain: []string{u.text}})
			}
			continue
		}
		e := expansion{query: u.text, concept: u.concept, via: "glossary", senses: senses}
		c := index.Concept{Occur: u.occur, Weight: u.weight}
		if u.weight == 0 && u.concept != "" {
			termAt[u.concept+"\x00"+u.text] = len(concepts) + 1
		}
		if u.term != "" {
			c.CoveredBy = termAt[u.termOf+"\x00"+u.term]
		}
		if u.concept == "" && a.tune.ConfExp > 0 && senses[0].Via == "lexicon" {
			c.Weight = max(u.weight, 1) * math.Pow(senses[0].P, a.tune.ConfExp)
		}
		if u.boost != 0 {
			c.Weight = cmp.Or(c.Weight, 1) * u.boost
		}
		for _, s := range senses {
			c.Alts = append(c.Alts, index.Alt{Text: s.Text, Key: s.Key, Exact: s.Via == "exact", P: s.P})
			if s.Via == "glossary" {
				if t, ok := a.termOf(u.concept, s.Text); ok {
					e.terms = append(e.terms, t)
				}
			}
		}
		exps = append(exps, e)
		concepts = append(concepts, c)
		infoOf = append(infoOf, len(infos)-1)
	}
	return exps, concepts, infos, infoOf
}

// withForms gives each index key among ss the word the documents write
// most often with it (Sense.Form), so that no one is shown a stem; for a
// key the documents have no word of, a word of the word list with it
// (listedForm), else it stays a key.
func (a *App) withForms(ctx context.Context, ss []Sense) {
	for i := range ss {
		if !ss[i].Key || ss[i].Form != "" {
			continue
		}
		if f, ok := a.idx.FormOf(ctx, ss[i].Text); ok {
			ss[i].Form = f
		} else if a.words != nil {
			ss[i].Form = a.listedForm(ss[i].Text)
		}
	}
}

// listedForm returns a word of the word list with the Dutch key key: the
// key itself or the key with one of the endings the Dutch stemmer takes
// off most (welfar: welfare); "" when none is listed.
func (a *App) listedForm(key string) string {
	for _, end := range []string{"", "e", "en", "s"} {
		if w := key + end; a.listed(w) && nlKeys.key(w) == key {
			return w
		}
	}
	return ""
}

// appendWord appends the unit of one English word to units; a hyphenated
// word known neither whole nor as written is its words instead
// (non-governmental: governmental → gouvernementeel), each a unit like it.
func (a *App) appendWord(ctx context.Context, units []englishUnit, u englishUnit, lex *lexicon.Lexicon, memo senseMemo) []englishUnit {
	if !strings.ContainsRune(u.text, '-') {
		return append(units, u)
	}
	if ss, note := memo.senses(ctx, a, u, lex); len(ss) > 0 || note != noteUnknown {
		return append(units, u)
	}
	for _, p := range strings.Split(u.text, "-") {
		if p != "" {
			part := u
			part.text = p
			units = append(units, part)
		}
	}
	return units
}

// englishWords returns the words of text outside the covered bytes.
func englishWords(text string, covered []bool) []string {
	var out []string
	i := 0
	for i < len(text) {
		if covered[i] {
			i++
			continue
		}
		j := i
		for j < len(text) && !covered[j] && !isWordSep(rune(text[j])) {
			j++
		}
		if j > i {
			w := strings.Trim(text[i:j], "'’-")
			if w != "" {
				out = append(out, w)
			}
			i = j
			continue
		}
		i++
	}
	return out
}

// wordPairs returns the pairs of words of text that Dutch may write as
// one compound, modifier first: two neighbouring words (only spaces
// between them: residence permit → verblijfsvergunning), and the words
// around "of", the second first (right of residence → verblijfsrecht).
// Words inside a term of several words (inTerm) are in no pair; each word
// has the concept of the one-word term it is (oneWord, by its start).
func wordPairs(text string, inTerm []bool, oneWord map[int]string) [][2]englishUnit {
	var out [][2]englishUnit
	for _, pr := range wordPairsAt(text, inTerm, oneWord) {
		out = append(out, [2]englishUnit{pr[0].u, pr[1].u})
	}
	return out
}

// lexiconUnits marks the bytes of text that are words of a pair
// (wordPairs) the lexicon translates as one Dutch word the documents have
// (jointSenses: civil servant → overheidsdienaar, civil aviation →
// burgerluchtvaart): units of two words the lexicon knows. nil when there
// is none. A joint sense the documents lack finds nothing, and the word
// would lose its glossary sense for nothing: with ambtenaar but no
// overheidsdienaar in the documents, civil servants then found civiele
// passages before ambtenaren through civil's other senses.
func (a *App) lexiconUnits(ctx context.Context, text string, inTerm []bool, lex *lexicon.Lexicon) []bool {
	if lex == nil {
		return nil
	}
	var out []bool
	for _, pr := range wordPairsAt(text, inTerm, nil) {
		if js := a.jointSenses([2]englishUnit{pr[0].u, pr[1].u}, lex); len(js) == 0 || a.absent(ctx, js) {
			continue
		}
		if out == nil {
			out = make([]bool, len(text))
		}
		for _, w := range pr {
			for k := w.start; k < w.end; k++ {
				out[k] = true
			}
		}
	}
	return out
}

// pairWord is a word of a pair (wordPairsAt) and its bytes in the text.
type pairWord struct {
	u          englishUnit
	start, end int
}

// wordPairsAt is wordPairs with the place of each word in text.
func wordPairsAt(text string, inTerm []bool, oneWord map[int]string) [][2]pairWord {
	type token = pairWord
	var toks []token
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && !inTerm[j] && !isWordSep(rune(text[j])) {
			j++
		}
		if j == i {
			if inTerm[i] || text[i] != ' ' {
				toks = append(toks, token{start: i, end: i + 1}) // a break between words
			}
			i++
			continue
		}
		toks = append(toks, token{u: englishUnit{text: strings.Trim(text[i:j], "'’-"), concept: oneWord[i]}, start: i, end: j})
		i = j
	}
	// next reports whether token k+1 is a word right after word k.
	next := func(k int) bool {
		return k+1 < len(toks) && toks[k].u.text != "" && toks[k+1].u.text != "" && strings.TrimLeft(text[toks[k].end:toks[k+1].start], " ") == ""
	}
	var out [][2]pairWord
	for k := range toks {
		if !next(k) {
			continue
		}
		out = append(out, [2]pairWord{toks[k], toks[k+1]})
		if strings.EqualFold(toks[k+1].u.text, "of") && next(k+1) {
			out = append(out, [2]pairWord{toks[k+2], toks[k]})
		}
	}
	return out
}

// compoundSenses returns, for each pair of English words (modifier,
// head), the Dutch compounds they make together: keys of the index that
// join a translation of the first and one of the second, as Dutch writes
// "residence permit" as one word, verblijfsvergunning. Each is weighted by
// the product of its parts' weights, renormalised over those found; the
// index's own vocabulary says which compounds exist, so a document's new
// compounds are found without being in the lexicon.
func (a *App) compoundSenses(ctx context.Context, pairs [][2]englishUnit, lex *lexicon.Lexicon, memo senseMemo) [][]Sense {
	if len(pairs) == 0 {
		return nil
	}
	// Each part's keys best first, so the parts a key is split into are
	// its likeliest.
	type parts struct {
		p    map[string]float64
		keys []string
	}
	partsOf := func(u englishUnit) parts {
		ss := a.partKeys(ctx, u, lex, memo)
		slices.SortStableFunc(ss, func(x, y Sense) int { return cmp.Compare(y.P, x.P) })
		ps := parts{p: map[string]float64{}, keys: make([]string, 0, len(ss))}
		for _, s := range ss { // one sense a key (partKeys)
			ps.p[s.Text] = s.P
			ps.keys = append(ps.keys, s.Text)
		}
		return ps
	}
	out := make([][]Sense, len(pairs))
	for i, pr := range pairs {
		// One walk of the index per pair: walking once for all pairs
		// measured slower (more modifiers and heads at every step).
		mods, heads := partsOf(pr[0]), partsOf(pr[1])
		cks, err := a.idx.Compounds(ctx, mods.keys, heads.keys, compoundLink)
		if err != nil || len(cks) == 0 {
			continue
		}
		found := map[string]float64{}
		for _, ck := range cks {
			found[ck.Key] = mods.p[ck.Modifier] * heads.p[ck.Head]
		}
		ss := make([]Sense, 0, len(found))
		for k, p := range found {
			ss = append(ss, Sense{Text: k, P: p, Via: "compound", Key: true})
		}
		sort.Slice(ss, func(i, j int) bool {
			if ss[i].P != ss[j].P {
				return ss[i].P > ss[j].P
			}
			return ss[i].Text < ss[j].Text
		})
		// Summed in that order, not the map's, which changes from run
		// to run: a float sum's last bits depend on the order, and
		// near-tied passages then swapped places between runs.
		var sum float64
		for _, s := range ss {
			sum += s.P
		}
		ss = ss[:min(len(ss), a.tune.MaxSenses)]
		for k := range ss {
			ss[k].P /= sum
		}
		out[i] = ss
	}
	return out
}

// jointSenses returns the Dutch words whose lexicon translations include
// both words of the pair, each at least jointMinP (vakbond: union 0.43,
// trade 0.30), weighted by the share of their translations the two take
// together, the likeliest two. Each is a sense of both words: found in
// few training pairs (vakbond in three), it would not pass as a sense of
// either word alone, but two English words agreeing on it are evidence.
func (a *App) jointSenses(pr [2]englishUnit, lex *lexicon.Lexicon) []Sense {
	if lex == nil {
		return nil
	}
	k1, k2 := a.idx.Keys("en", pr[0].text), a.idx.Keys("en", pr[1].text)
	if len(k1) != 1 || len(k2) != 1 || k1[0] == k2[0] {
		return nil
	}
	second := map[string]float64{}
	for _, t := range lex.Inverse("en", k2[0]) {
		if t.P >= jointMinP {
			second[t.Word] = t.P
		}
	}
	var out []Sense
	for _, t := range lex.Inverse("en", k1[0]) {
		if p2, ok := second[t.Word]; ok && t.P >= jointMinP && letters(t.Word) {
			out = append(out, Sense{Text: t.Word, P: t.P + p2, Via: "lexicon", Key: true})
		}
	}
	slices.SortFunc(out, func(x, y Sense) int {
		if c := cmp.Compare(y.P, x.P); c != 0 {
			return c
		}
		return strings.Compare(x.Text, y.Text)
	})
	return out[:min(len(out), 2)]
}

// jointMinP is the least probability each of the two English words must
// have among a Dutch word's translations for jointSenses.
const jointMinP = 0.1

// compoundLink is the most letters a compound has between its modifier's
// key and its head's: the rest of the modifier's form and a linking sound
// (ontwikkel·ings·samenwerk, kat·ten·urin).
const compoundLink = 4

// partKeys returns what an English word can be as part of a Dutch
// compound: its senses (glossary, lexicon, the word as written, cognate)
// as keys of the stemmed field, each with its weight; a sense of several
// words is none.
func (a *App) partKeys(ctx context.Context, u englishUnit, lex *lexicon.Lexicon, memo senseMemo) []Sense {
	ss, _ := memo.senses(ctx, a, u, lex)
	out := make([]Sense, 0, len(ss))
	for _, s := range ss {
		if !s.Key {
			if strings.ContainsAny(s.Text, " -") {
				continue
			}
			ks := a.idx.Keys("nl", s.Text)
			if len(ks) == 0 {
				continue
			}
			s.Text, s.Key = ks[0], true
		}
		out = appendSense(out, s)
	}
	return out
}

func isWordSep(r rune) bool {
	if r >= 0x80 {
		return false // multi-byte letters are never separators here
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '’'
}

// senseMemo keeps the senses of a query's units, so that a word that is
// also part of a pair (compoundSenses) is looked up once. The caller gets
// a copy to change.
type senseMemo map[[2]string]memoized

type memoized struct {
	senses []Sense
	note   string
}

func (m senseMemo) senses(ctx context.Context, a *App, u englishUnit, lex *lexicon.Lexicon) ([]Sense, string) {
	k := [2]string{u.concept, u.text}
	got, ok := m[k]
	if !ok {
		got.senses, got.note = a.senses(ctx, u, lex)
		m[k] = got
	}
	return slices.Clone(got.senses), got.note
}

// senses returns what an English unit is searched as.
func (a *App) senses(ctx context.Context, u englishUnit, lex *lexicon.Lexicon) ([]Sense, string) {
	var out []Sense
	if u.concept != "" {
		c, ok := a.terms.Get(u.concept)
		if ok {
			for _, t := range c.TermsIn("nl") {
				p := statusBoost(t.Status)
				out = append(out, Sense{Text: t.Text, P: p, Via: "glossary", Concept: c.ID})
				if t.Plural != "" && !strings.EqualFold(t.Plural, t.Text) {
					out = append(out, Sense{Text: t.Plural, P: p, Via: "glossary", Concept: c.ID})
				}
				if t.POS == "verb" {
					for _, f := range index.VerbForms(t.Text) {
						out = append(out, Sense{Text: f, P: 0.8 * p, Via: "glossary", Concept: c.ID})
					}
				}
			}
		}
		// A one-word term also gets the lexicon's senses, at a lower weight.
		if strings.ContainsAny(u.text, " -") {
			return out, ""
		}
		ls := a.lexiconSenses(u.text, lex)
		share := a.tune.InGlossary
		if a.tune.Disagree != 1 && a.lexiconDisagrees(u.text, out, lex) {
			for i := range out {
				out[i].P *= a.tune.Disagree
			}
			share = 1
		}
		for _, s := range ls {
			s.P *= share
			out = appendSense(out, s)
		}
		if a.absent(ctx, out) {
			out = a.unknownSenses(ctx, out, u.text, lex)
		}
		return out, ""
	}
	if isNumber(u.text) {
		return []Sense{{Text: u.text, P: 1, Via: "exact"}}, ""
	}
	enKeys := a.idx.Keys("en", u.text)
	if len(enKeys) == 0 {
		return nil, "English function word: not searched"
	}
	ls := a.wordSenses(u.text, lex)
	if len(ls) > 0 {
		out = append(out, ls...)
		if w := a.tune.KnownCognate; w > 0 {
			out = a.cognateSenses(ctx, out, u.text, enKeys, lex, w, w, knownCognateRules)
		}
		// Names the training data saw are also searched as written
		// (Mali, ECOWAS), unless a translation is that word already.
		self := index.Fold(u.text)
		if !hasSense(out, self) && a.idx.HasWord(ctx, u.text) {
			out = append(out, Sense{Text: u.text, P: a.tune.Self, Via: "exact"})
		}
		if a.absent(ctx, out) {
			out = a.unknownSenses(ctx, out, u.text, lex)
		}
		return out, ""
	}
	// What the word is spelt like in the documents first, so that a
	// relative's senses do not keep the near cognates from being tried
	// (ethnicity → etniciteit beside ethnic's etnisch).
	out = a.unknownSenses(ctx, out, u.text, lex)
	for _, s := range a.relativeSenses(ctx, u.text, lex) {
		out = appendSense(out, s)
	}
	if len(out) == 0 {
		return nil, noteUnknown
	}
	return out, ""
}

// unknownSenses adds to out what an English word is searched as when
// nothing knows it, or when what is known of it does not occur in the
// documents (a glossary or dictionary term in another spelling, a
// lexicon sense the documents do not use: inspector → inspecteur, where
// a letter says inspectie). A name, a number, a rare word is searched as
// written, and as a Dutch word would be when the index knows its key
// (dividends, secretariat → dividend, secretariaat are not cognates the
// stemmer brings together, but students → student is).
func (a *App) unknownSenses(ctx context.Context, out []Sense, word string, lex *lexicon.Lexicon) []Sense {
	if !hasSense(out, index.Fold(word)) && a.idx.HasWord(ctx, word) {
		out = append(out, Sense{Text: word, P: 1, Via: "exact"})
	}
	// And as the Dutch spelling of a cognate, by the endings the
	// lexicon's own cognate pairs rewrite (consternation → consternatie,
	// traumatic → traumatisch), where the documents have that key.
	out = a.cognateSenses(ctx, out, word, a.idx.Keys("en", word), lex, a.tune.Cognate, a.tune.CognateRules, 40)
	if a.tune.NearCognate > 0 && a.absent(ctx, out) {
		for _, s := range a.nearCognates(ctx, word, lex) {
			out = appendSense(out, s)
		}
	}
	return out
}

// absent reports whether no sense of ss occurs in the documents: a sense
// of one word by its index key's document count, a sense of several words
// by each word's (one whose words all occur counts as present, though
// the documents may not have them together).
func (a *App) absent(ctx context.Context, ss []Sense) bool {
	if len(ss) == 0 {
		return true
	}
	perSense := make([][]string, len(ss)) // each sense's keys
	var keys []string
	for i, s := range ss {
		if s.Via == "exact" {
			return false // the documents have it as written (HasWord)
		}
		if s.Key {
			perSense[i] = []string{s.Text}
		} else {
			perSense[i] = a.idx.Keys("nl", s.Text)
		}
		keys = append(keys, perSense[i]...)
	}
	df, _, err := a.idx.DocFreqs(ctx, keys)
	if err != nil {
		return false // as if present: nothing else is tried
	}
	for _, ks := range perSense {
		if len(ks) > 0 && !slices.ContainsFunc(ks, func(k string) bool { return df[k] == 0 }) {
			return false
		}
	}
	return true
}

// Near cognates: an English word of at least nearMinLen letters that
// nothing else finds is searched as the Dutch keys of the index that
// share all but its last nearTail letters and are within nearEdits of it
// (bureaucracy → bureaucratie, whose ending no learned rule rewrites),
// the nearest two.
const (
	nearMinLen = 8
	nearTail   = 3
	nearEdits  = 3
)

// falseFriend reports whether the Dutch key k, spelt like the English
// word whose keys are enKeys, is a false friend rather than a cognate:
// the lexicon knows it well and translates it with nothing spelt like
// the word (particulier: private, for particulate; passend: appropriate,
// for passenger). A translation that begins as the word does keeps it
// (inspectie: inspection, for inspector).
func (a *App) falseFriend(lex *lexicon.Lexicon, enKeys []string, k string) bool {
	if len(enKeys) != 1 || lex.Freq("nl", k) < a.tune.MinFreq {
		return false
	}
	en := enKeys[0]
	return !slices.ContainsFunc(lex.Lookup("nl", k), func(t lexicon.Translation) bool {
		n := commonPrefix(t.Word, en)
		return t.Word == en || n >= friendPrefix || n == min(len(t.Word), len(en))
	})
}

// friendPrefix is how many letters an English translation of a Dutch
// word must share with an English word, from the start, for the Dutch
// word to be its cognate rather than a false friend.
const friendPrefix = 5

// commonPrefix is the length in bytes of the longest common prefix of a
// and b.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// nearCognates returns the near cognates of word as senses, false
// friends left out.
func (a *App) nearCognates(ctx context.Context, word string, lex *lexicon.Lexicon) []Sense {
	w := index.Fold(word)
	if len(w) < nearMinLen || !letters(w) {
		return nil
	}
	keys, err := a.idx.NearKeys(ctx, w, len(w)-nearTail, nearEdits)
	if err != nil {
		return nil
	}
	enKeys := a.idx.Keys("en", word)
	var out []Sense
	for _, k := range keys[:min(len(keys), 2)] {
		if !a.falseFriend(lex, enKeys, k) {
			out = append(out, Sense{Text: k, P: a.tune.NearCognate, Via: "cognate", Key: true})
		}
	}
	return out
}

// knownCognateRules is how many spellings by the rewrite rules, best
// first, are looked up for a word the lexicon knows (40 for one it does
// not): 4, 8 and 40 found the same on the dev halves, and each costs a look
// at every segment's dictionary (docs/CLIR.md, session 15).
const knownCognateRules = 8

// cognateSenses adds to out the Dutch keys an English word may be a
// cognate of, where the documents have them: the word through the Dutch
// analysis (students → student) at weight same, and at most two Dutch
// spellings by the lexicon's rewrite rules (of its maxRules likeliest) at
// weight rules (0: none); one look at the index for all of them. A key
// already a sense is not added.
func (a *App) cognateSenses(ctx context.Context, out []Sense, word string, enKeys []string, lex *lexicon.Lexicon, same, rules float64, maxRules int) []Sense {
	nlKey := index.Key("nl", word)
	var cands []string
	if len(enKeys) == 1 && rules > 0 {
		for _, c := range lex.Cognates(enKeys[0], maxRules) {
			if c.Word != nlKey && !hasKey(out, c.Word) {
				cands = append(cands, c.Word)
			}
		}
	}
	keys := cands
	if nlKey != "" && !hasKey(out, nlKey) {
		keys = append([]string{nlKey}, cands...)
	}
	if len(keys) == 0 {
		return out
	}
	df, _, err := a.idx.DocFreqs(ctx, keys)
	if err != nil {
		return out
	}
	falseFriend := func(k string) bool { return a.falseFriend(lex, enKeys, k) }
	if keys[0] == nlKey && df[nlKey] > 0 && !falseFriend(nlKey) {
		out = append(out, Sense{Text: nlKey, P: same, Via: "cognate", Key: true})
	}
	added := 0
	for _, c := range cands {
		if df[c] > 0 && added < 2 && !falseFriend(c) {
			out = appendSense(out, Sense{Text: c, P: rules, Via: "cognate", Key: true})
			added++
		}
	}
	return out
}

// hasKey reports whether ss has the index key k as a sense.
func hasKey(ss []Sense, k string) bool {
	return slices.ContainsFunc(ss, func(s Sense) bool { return s.Key && s.Text == k })
}

// lexiconDisagrees reports whether the lexicon knows English word well and
// translates it with none of the glossary senses gs.
func (a *App) lexiconDisagrees(word string, gs []Sense, lex *lexicon.Lexicon) bool {
	keys := a.idx.Keys("en", word)
	if lex == nil || len(keys) != 1 || lex.Freq("en", keys[0]) < a.tune.MinFreq {
		return false
	}
	for _, t := range lex.Lookup("en", keys[0]) {
		for _, g := range gs {
			if index.Key("nl", g.Text) == t.Word {
				return false
			}
		}
	}
	return true
}

// lexiconSenses returns the lexicon's best translations of an English
// word, as index keys.
func (a *App) lexiconSenses(word string, lex *lexicon.Lexicon) []Sense {
	if lex == nil {
		return nil
	}
	keys := a.idx.Keys("en", word)
	if len(keys) != 1 {
		return nil
	}
	ts := lex.Lookup("en", keys[0])
	if len(ts) == 0 {
		return nil
	}
	tn := a.tune
	weights := make([]float64, len(ts))
	var sum float64
	for i, t := range ts {
		w := t.P
		if tn.Reverse > 0 {
			back := 0.001 // p(en|nl) when pruned from the table
			for _, r := range lex.Lookup("nl", t.Word) {
				if r.Word == keys[0] {
					back = max(r.P, back)
					break
				}
			}
			w = math.Pow(t.P, 1-tn.Reverse) * math.Pow(back, tn.Reverse)
		}
		weights[i] = w
		sum += w
	}
	// Renormalised to the mass the table gives the word's translations.
	var tableMass float64
	for _, t := range ts {
		tableMass += t.P
	}
	out := make([]Sense, 0, len(ts))
	for i, t := range ts {
		// An English function word is no Dutch translation: the pairs
		// it was learned from had English words in the Dutch side
		// (Surveillance and Reconnaissance), and and would find them.
		// The Dutch words the English list shares (in, is, was) are
		// Dutch stop words, not searched either.
		if index.EnglishStopWord(t.Word) {
			continue
		}
		// A Dutch auxiliary (zou, werd, kunnen) is no content word's
		// translation either: it stands beside one in the pairs.
		if index.DutchAuxiliaryKey(t.Word) {
			continue
		}
		out = append(out, Sense{Text: t.Word, P: weights[i] / sum * tableMass, Via: "lexicon", Key: true, modifierOnly: t.ModifierOnly()})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].P > out[j].P })
	var mass float64
	for i, s := range out {
		if s.P < tn.MinP || mass >= tn.Mass || i == tn.MaxSenses {
			out = out[:i]
			break
		}
		mass += s.P
	}
	return a.inverseSenses(out, keys[0], lex)
}

// inverseSenses adds to an English word's senses the Dutch words that
// nearly always mean it (p(en|nl) at least InverseMin, seen at least
// InverseCount times, and no English word more likely), at most
// InverseMax of them, each weighted InverseWeight times that probability,
// or raises a sense already there to that weight.
func (a *App) inverseSenses(out []Sense, key string, lex *lexicon.Lexicon) []Sense {
	tn := a.tune
	if tn.InverseMax == 0 {
		return out
	}
	added := 0
	for _, r := range lex.Inverse("en", key) {
		if r.P < tn.InverseMin || added == tn.InverseMax {
			break
		}
		// Only a word whose best translation is this one, spelt with
		// letters (no a.dit from a numbering), and not a compound of a
		// sense already there (uitleveringsverdrag for treaty: verdrag
		// finds it as a part).
		if r.Count < tn.InverseCount || !letters(r.Word) || !bestTranslation(lex, r.Word, key) || !inRow(lex, key, r.Word) ||
			slices.ContainsFunc(out, func(x Sense) bool { return x.Key && x.Text != r.Word && strings.Contains(r.Word, x.Text) }) {
			continue
		}
		s := Sense{Text: r.Word, P: tn.InverseWeight * r.P, Via: "lexicon", Key: true, modifierOnly: r.ModifierOnly()}
		if !slices.ContainsFunc(out, func(x Sense) bool { return x.Text == s.Text && x.Key }) {
			added++
		}
		out = appendSense(out, s)
	}
	return out
}

// inRow reports whether the English key en's row of the lexicon has the
// Dutch key nl, however low: the two directions agree on the pair.
func inRow(lex *lexicon.Lexicon, en, nl string) bool {
	return slices.ContainsFunc(lex.Lookup("en", en), func(t lexicon.Translation) bool { return t.Word == nl })
}

// bestTranslation reports whether en is the likeliest translation of the
// Dutch key nl.
func bestTranslation(lex *lexicon.Lexicon, nl, en string) bool {
	ts := lex.Lookup("nl", nl)
	return len(ts) > 0 && ts[0].Word == en
}

func appendSense(ss []Sense, s Sense) []Sense {
	for i := range ss {
		if ss[i].Text == s.Text && ss[i].Key == s.Key {
			ss[i].P = max(ss[i].P, s.P)
			ss[i].modifierOnly = ss[i].modifierOnly && s.modifierOnly
			return ss
		}
	}
	return append(ss, s)
}

func hasSense(ss []Sense, folded string) bool {
	for _, s := range ss {
		if index.Fold(s.Text) == folded {
			return true
		}
	}
	return false
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return w != ""
}

// termOf returns the Dutch term text of concept id.
func (a *App) termOf(id, text string) (glossary.Term, bool) {
	c, ok := a.terms.Get(id)
	if !ok {
		return glossary.Term{}, false
	}
	for _, t := range c.TermsIn("nl") {
		if t.Text == text {
			return t, true
		}
	}
	return glossary.Term{}, false
}

func dedupeStrings(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// explainEnglish says which senses of the query a passage matched, from
// the index terms the search found in it. The index holds a compound
// under its parts' keys too (huurtoeslag under hur, the key of huur): a
// sense found only inside a compound is named as the part it is
// (Matched.Part), so the compound is not said to be the sense itself,
// and a sense found as a word of its own is preferred to one found so.
func (a *App) explainEnglish(h index.Hit, exps []expansion) []Matched {
	word := func(t index.MatchedTerm) string {
		if t.Field == "heading" {
			term, _, _ := a.headingSource(h, t.Term)
			return term
		}
		return h.Text[t.Start:t.End]
	}
	// own reports whether the word at t has the key key itself, rather
	// than being a compound with a part of that key.
	own := func(t index.MatchedTerm, key string) bool { return nlKeys.key(word(t)) == key }
	stem, exact := map[string]index.MatchedTerm{}, map[string]index.MatchedTerm{}
	for _, t := range h.Terms {
		switch t.Field {
		case "stem":
			// The first place, but the first where the word is the
			// key's own before one where a compound holds it.
			if prev, ok := stem[t.Term]; !ok || prev.Field == "stem" && !own(prev, t.Term) && own(t, t.Term) {
				stem[t.Term] = t
			}
		case "exact":
			exact[t.Term] = t
		case "heading":
			if _, ok := stem[t.Term]; !ok {
				stem[t.Term] = t
			}
		}
	}
	// find returns the place of a word with key key: the first, unless a
	// compound holds the key there and the word fold (folded) is in the
	// passage as written.
	find := func(key, fold string) (index.MatchedTerm, bool) {
		t, ok := stem[key]
		if ok && t.Field == "stem" && own(t, key) {
			return t, true
		}
		if et, eok := exact[fold]; eok && fold != "" {
			return et, true
		}
		return t, ok
	}
	var out []Matched
	for _, e := range exps {
		// The most probable sense found in the passage as a word of its
		// own explains it; else the most probable one found inside a
		// compound.
	senses:
		for _, partOK := range []bool{false, true} {
			for _, s := range sensesByP(e.senses) {
				var t index.MatchedTerm
				ok, whole := false, false
				key := s.Text
				switch {
				case s.Key:
					t, ok = find(s.Text, index.Fold(s.Form))
				case s.Via == "exact":
					t, ok = exact[index.Fold(s.Text)]
					key = ""
				default:
					// A Dutch term as written: each of its words, by key.
					ws := strings.FieldsFunc(s.Text, notWordRune)
					for i, w := range ws {
						var wt index.MatchedTerm
						wt, ok = find(nlKeys.key(w), index.Fold(w))
						if !ok {
							break
						}
						if i == 0 {
							t, key = wt, nlKeys.key(w)
						}
					}
					whole = ok && len(ws) > 1
				}
				if !ok {
					continue
				}
				part := !whole && key != "" && t.Field != "exact" && !own(t, key)
				if part && !partOK {
					continue
				}
				m := Matched{Query: e.query, Term: word(t), Concept: s.Concept, Via: s.Via, P: s.P}
				if whole {
					m.Term = s.Text
				}
				if part {
					m.Part = cmp.Or(s.Form, s.Text)
				}
				out = append(out, m)
				break senses
			}
		}
	}
	if len(out) == 0 {
		out = a.englishHeadingMatches(h, exps)
	}
	return out
}

// englishHeadingMatches explains an English query's hit whose passage has
// none of the senses searched: it was found through its section heading
// or its document's title, which the index's matched terms do not report
// for a weighted search. The most probable sense of each word whose key a
// word of the heading or title has is named, via heading or title; a
// query of one word whose sense is only part of a heading's word (a
// compound: belasting in Inkomstenbelasting) names the heading.
func (a *App) englishHeadingMatches(h index.Hit, exps []expansion) []Matched {
	var out []Matched
	for _, e := range exps {
		for _, s := range sensesByP(e.senses) {
			key := s.Text
			if !s.Key {
				if strings.ContainsFunc(s.Text, notWordRune) {
					continue
				}
				key = index.Key("nl", s.Text)
			}
			if term, via, ok := a.headingSource(h, key); ok {
				out = append(out, Matched{Query: e.query, Term: term, Concept: s.Concept, Via: via, P: s.P})
				break
			}
		}
	}
	if len(out) == 0 && len(exps) == 1 && len(exps[0].senses) > 0 && (h.Section != "" || h.Title != "") {
		term, via := h.Section, "heading"
		if term == "" {
			term, via = h.Title, "title"
		}
		// The heading a sense is part of a word of, if one is: the
		// passage's own, the title, or one it carries (carriedHeadings).
		type source struct{ text, via string }
		sources := []source{{h.Section, "heading"}, {h.Title, "title"}}
		for _, c := range a.carriedBy(h.Doc, h.Paragraph) {
			sources = append(sources, source{c, "heading"})
		}
	find:
		for _, src := range sources {
			for _, sn := range exps[0].senses {
				if src.text != "" && !sn.Key && strings.Contains(index.Fold(src.text), index.Fold(sn.Text)) {
					term, via = src.text, src.via
					break find
				}
			}
		}
		out = append(out, Matched{Query: exps[0].query, Term: term, Via: via})
	}
	return out
}

// sensesByP returns a copy of ss, most probable first (ties in order).
func sensesByP(ss []Sense) []Sense {
	out := slices.Clone(ss)
	sort.SliceStable(out, func(i, j int) bool { return out[i].P > out[j].P })
	return out
}

// notWordRune separates the words of a passage or a term.
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' && r != '\''
}
