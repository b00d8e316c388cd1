package app

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/index"
)

// SearchRequest is a search as a user asks it.
type SearchRequest struct {
	Q      string
	Lang   string // auto (default), nl or en: the language the query is in
	Limit  int
	Offset int
	Doc    string
	Sec    string
	// Drop lists Dutch terms (as written or as index keys) an English
	// query must not be searched as: the senses a user has ruled out.
	Drop []string
	// Filter keeps the passages of the documents whose metadata match
	// (filter.go).
	Filter DocFilter
	// Sort "date" orders the hits by their documents' dates, newest
	// first, by relevance within a document (sortdate.go); "" by
	// relevance.
	Sort string
	// facetWindow is how many of an English query's best passages its
	// facets count (index.WeightedRequest.FacetWindow); 0 the index's
	// default.
	facetWindow int
}

// SearchResult is a search's answer with what the query was expanded to.
type SearchResult struct {
	Query      string
	Lang       string // the language the query was taken to be in
	Total      uint64
	Took       time.Duration
	Hits       []SearchHit
	Facets     map[string][]index.Facet
	Expanded   []string // the Dutch terms searched for beyond the query's own words
	DidYouMean string   // the corrected query, when its results are shown instead of the query's as typed
	// TypedTotal is, with DidYouMean, how many passages the query as
	// typed found: 0 when it matched nothing, more when a word nothing
	// knows was corrected and the corrected query found at least as many.
	TypedTotal uint64
	// Unquoted is the query without its quotes, searched because no
	// passage has a phrase of it as written: its words, in any form and
	// order. Not a spelling correction (DidYouMean, which may come too).
	Unquoted string
	// Senses says, for an English query searched through the lexicon,
	// what each of its words was searched as (also the words that found
	// nothing, and why).
	Senses []Expansion
	// DocFacets counts the passages by their documents' metadata, over
	// every document of the result's doc facet (docfacets.go).
	DocFacets DocFacets
	allDocs   []index.Facet // the doc facet with every value
}

// SearchHit is a passage with the reasons it matched.
type SearchHit struct {
	index.Hit
	Matched []Matched
	// Missing are the parts of the query (words, glossary terms, OR
	// groups, phrases, as typed) the passage does not have: a passage
	// ranked by how much of the query it covers may lack some
	// (missing.go).
	Missing []string
}

// Matched says why a hit matched one part of the query.
type Matched struct {
	Query   string `json:"query"`             // the words of the query
	Term    string `json:"term"`              // what was found in the passage
	Concept string `json:"concept,omitempty"` // the glossary concept that led there
	Via     string `json:"via"`               // exact, fold, stem, compound, synonym, glossary, lexicon, cognate, fuzzy
	// P is the weight of a lexicon or glossary sense of an English word:
	// the probability of the translation.
	P float64 `json:"p,omitempty"`
	// Part is the sense of an English word that Term holds as a part of
	// a compound, when Term is no form of the sense itself: rent's
	// glossary sense huur in huurtoeslag. Via and P are then the part's.
	Part string `json:"part,omitempty"`
}

// expansion is one part of the query and what it searches for.
type expansion struct {
	query     string          // the user's words
	concept   string          // concept id, when the glossary covered the words
	via       string          // glossary (other language) or synonym (same language)
	terms     []glossary.Term // the Dutch terms searched for
	clause    index.Clause    // what goes into the index query
	plain     []string        // the words searched as they are (not covered)
	corrected string          // the indexed word a typo was corrected to
	forms     []string        // other forms searched for a plain word (the verb of a noun)
	exact     bool            // the plain word is searched as written only
	prefixes  []string        // the folded prefixes of a clause's prefix terms (verpleeghuiz*)
	fuzzy     map[string]int  // the edit distance of a plain word searched fuzzy (brexi~), by the word
	senses    []Sense         // an English word or term searched through the lexicon
	// typed is the clause as the query wrote it (sanctie*, "militaire
	// junta", staatsgreep OR junta), for a clause of operators; empty
	// for a plain word or words, which query is.
	typed string
	// synonyms are the glossary's terms an alternative of an OR clause
	// was expanded to (staatsgreep OR junta: coup), for the explanation.
	synonyms []synonym
}

// synonym is a glossary term an OR clause's alternative was expanded to.
type synonym struct{ query, concept, term string }

// Status weights: preferred terms weigh most, deprecated ones least.
func statusBoost(s glossary.Status) float64 {
	switch s {
	case glossary.Preferred, "":
		return 1.0
	case glossary.Admitted:
		return 0.8
	case glossary.Superseded:
		return 0.4
	}
	return 0.3
}

// detectLang tells whether a query is English or Dutch by which side of
// the glossary covers more of its words, counting function words of each
// language; Dutch wins ties, as the corpus is Dutch.
func (a *App) detectLang(q string) string {
	m := a.matcher()
	q = norm.NFC.String(q) // financie\u0308le is financiële
	words := strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '’'
	})
	// An apostrophe inside a word is the word's ('s-Gravenhage,
	// organisation's); one at either end quotes it ('opgenomen in
	// artikel'), and a quoted het is still het.
	words = slices.DeleteFunc(words, func(w string) bool { return strings.Trim(w, "'’") == "" })
	for i, w := range words {
		words[i] = strings.Trim(w, "'’")
	}
	if len(words) == 0 {
		return "nl"
	}
	// The words a glossary term covers, in either language: the
	// vocabularies below judge only the others.
	termWords := map[string]bool{}
	cover := func(lang, other string) int {
		n := 0
		for _, an := range m.Annotate(q, lang) {
			if an.Via == "compound" || an.Via == "hyphen" || an.Via == "acronym" {
				continue // parts, names and acronyms say nothing about the language
			}
			if lang == "en" && diaeresis(an.Text) {
				continue // materiële is not materiel, whatever the folding says
			}
			if lang == "en" && !a.englishForm(an) {
				// rente is no form of rent, whatever the stemmer says, and
				// budget, a common Dutch word, says nothing alone.
				continue
			}
			ws := strings.Fields(an.Text)
			for _, w := range ws {
				termWords[strings.ToLower(w)] = true
			}
			if a.termInBoth(an, other) {
				// minister, sector, agenda: the concept has the word in
				// both languages, so it says neither.
				continue
			}
			n += len(ws)
		}
		for _, w := range words {
			// A word of both lists (in, over, die) says nothing either.
			// One of a single list says more than a content word: loans
			// cross languages (start-ups en scale-ups is Dutch), function
			// words do not.
			// Folded too: één and eén are een with its stress marks.
			w = strings.ToLower(w)
			if fw := index.Fold(w); functionWords[lang][w] && !functionWords[other][w] || fw != w && functionWords[lang][fw] && !functionWords[other][fw] {
				n += 2
			} else if stopWord(lang, fw) && !stopWord(other, fw) && !functionWords[other][fw] {
				// A word of one stop list only (wordt, eens; would,
				// which) says less than a function word: the stop lists
				// hold words the other language has as content words
				// (door, have).
				n++
			}
			// A diaeresis (financiële, geïnformeerd, coördinatie) is
			// Dutch spelling; English has it in a few loans only (naïve).
			if lang == "nl" && diaeresis(w) {
				n++
			}
		}
		return n
	}
	en, nl := cover("en", "nl"), cover("nl", "en")
	// The glossary covers the letters' terms; beyond them the words
	// themselves tell (Liability of legal persons, Transportation).
	var rest []string
	for _, w := range words {
		if !termWords[strings.ToLower(w)] {
			rest = append(rest, w)
		}
	}
	wen, wnl := a.vocabularyVotes(rest)
	if en+wen > nl+wnl {
		return "en"
	}
	return "nl"
}

// termInBoth reports whether the text an matched is also a term of its
// concept in the other language, as written there but for case and
// diacritics (minister: the Dutch and the English term).
func (a *App) termInBoth(an match.Annotation, other string) bool {
	c, ok := a.terms.Get(an.Concept)
	if !ok {
		return false
	}
	f := index.Fold(an.Text)
	for _, t := range c.TermsIn(other) {
		if index.Fold(t.Text) == f {
			return true
		}
	}
	return false
}

// stopWord reports whether the folded w is on lang's stop list.
func stopWord(lang, w string) bool {
	if lang == "nl" {
		return index.DutchStopWord(w)
	}
	return index.EnglishStopWord(w)
}

// dutchCommon is how often the statutory counts must have a word for it to
// be a common Dutch word, whatever the English lexicon says of it: arrest,
// budget, rente, object are Dutch words as well.
const dutchCommon = 150

// dutchCommonWord reports whether the word list has w as an ordinary word
// that the statutory counts have at least dutchCommon times.
func (a *App) dutchCommonWord(w string) bool {
	if a.words == nil {
		return false
	}
	listed, _ := a.words.Listed(w)
	return listed && a.words.Count(w) >= dutchCommon
}

// englishForm reports whether an English glossary match an is of a form
// English gives its term: the term itself or with an English ending
// (rights, protests, deployed, coups d'état as written); a match the
// stemmer alone made of a Dutch word (rente → rent) is not, and a one-word
// match that is a common Dutch word (budget) says nothing either.
func (a *App) englishForm(an match.Annotation) bool {
	ws, ts := strings.Fields(strings.ToLower(an.Text)), strings.Fields(strings.ToLower(an.Term))
	if len(ws) == 1 && a.dutchCommonWord(ws[0]) {
		return false
	}
	if an.Via != "stem" || len(ws) != len(ts) {
		return true
	}
	for i, w := range ws {
		if !englishInflection(w, ts[i]) {
			return false
		}
	}
	return true
}

// englishInflection reports whether w is t or t with a regular English
// ending: -s, -es, -'s, -ed, -d, -ing, a final y as -ies or -ied, a final
// e dropped before -ing, a doubled consonant before -ed or -ing.
func englishInflection(w, t string) bool {
	if w == t || !strings.HasPrefix(w, t[:max(0, len(t)-1)]) {
		return w == t
	}
	if rest, ok := strings.CutPrefix(w, t); ok {
		switch rest {
		case "s", "es", "'s", "’s", "s'", "ed", "d", "ing", "er", "est":
			return true
		}
		if len(rest) >= 3 && rest[0] == t[len(t)-1] && (rest[1:] == "ed" || rest[1:] == "ing") {
			return true // planned, planning
		}
		return false
	}
	// w shares all of t but its last letter.
	rest, last := w[len(t)-1:], t[len(t)-1]
	switch {
	case last == 'y' && (rest == "ies" || rest == "ied"):
		return true
	case last == 'e' && rest == "ing":
		return true
	}
	return false
}

// diaeresis reports whether s has a vowel with a diaeresis, as Dutch
// writes a vowel that starts a new syllable.
func diaeresis(s string) bool {
	return strings.ContainsAny(s, "äëïöüÄËÏÖÜ")
}

// minEnglishFreq is how often the trained lexicon must have seen a word's
// English key for the word to count as English.
const minEnglishFreq = 2

// shareRatio is how many times larger a word's share of the lexicon's
// training text must be on one side than on the other for a word both
// vocabularies know to count for that side. The two sides are the same
// treaties in both languages, so the shares compare directly; the margin
// allows for the two analyses (an English stem gathers more forms than a
// Dutch one, or fewer).
const shareRatio = 20

// vocabularyVotes counts the query words that English knows better and
// those that Dutch knows better, by the vocabularies tolk ships: the Dutch
// word list (with the compound splitter: a word it splits is a Dutch
// compound) and the trained lexicon, whose two sides count each word's key
// in the same treaties in English and in Dutch. A word only the lexicon's
// English side knows counts for English, a word only the Dutch list knows
// for Dutch. A word both know (the Dutch list has many loanwords: service,
// agreement, time) counts for the side where its share of the training
// text is shareRatio times the other's (time, protocols: English; januari:
// Dutch; sector, data, minister: neither). Names (Mali, Parijs), function
// words (counted apart), numbers, acronyms and words under three letters
// count for neither. Without a word list or a lexicon nothing counts:
// English alone would claim every word they share.
func (a *App) vocabularyVotes(words []string) (en, nl int) {
	if a.words == nil {
		return 0, 0
	}
	lex := a.lexicon()
	if lex == nil || lex.Total("en") == 0 || lex.Total("nl") == 0 {
		return 0, 0
	}
	for _, w := range words {
		if w == strings.ToUpper(w) {
			continue // an acronym, a number
		}
		lw := strings.ToLower(w)
		parts := []string{lw}
		if listed, _ := a.words.Listed(lw); !listed && strings.Contains(lw, "-") {
			parts = strings.Split(lw, "-") // non-discrimination, Lid-Staten
		}
		// A word votes once, for the side most of its parts vote for
		// (start-ups: start and ups are one word, not two).
		var pen, pnl int
		for _, p := range parts {
			// Letters and two-letter words (a, b, ad, ex: enumerations,
			// abbreviations) are no evidence either way.
			if functionWords["en"][p] || functionWords["nl"][p] || !letters(p) || utf8.RuneCountInString(p) < 3 {
				continue
			}
			listed, name := a.words.Listed(p)
			if name || index.DutchStopWord(index.Fold(p)) {
				continue // a Dutch stop word (wordt) is counted with the function words
			}
			fen := lex.Freq("en", index.Key("en", p))
			english := fen >= minEnglishFreq
			// A word common in Dutch statutes (arrest, budget, object) is
			// no English evidence, however often the lexicon's English
			// side has it: it votes Dutch or nothing (budget deficit is
			// English by deficit).
			commonNL := english && listed && a.words.Count(p) >= dutchCommon
			// The splitter splits many an English word into Dutch
			// ones (benefits: bene+fits): a split says Dutch only of a
			// word English does not know.
			dutch := listed || !english && a.split != nil && a.split(p) != nil
			switch {
			case english && !dutch:
				pen++
			case dutch && !english:
				pnl++
			case english && dutch:
				shareEN := float64(fen) / float64(lex.Total("en"))
				shareNL := float64(lex.Freq("nl", index.Key("nl", p))) / float64(lex.Total("nl"))
				switch {
				case shareEN > shareRatio*shareNL && !commonNL:
					pen++
				case shareNL > shareRatio*shareEN:
					pnl++
				}
			}
		}
		switch {
		case pen > pnl:
			en++
		case pnl > pen:
			nl++
		}
	}
	return en, nl
}

// letters reports whether s has letters only (apostrophes aside:
// organisation's).
func letters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' {
			return false
		}
	}
	return s != ""
}

// functionWords are each language's function words: they tell the
// language of a query, and English ones no glossary term covers are
// dropped from an English query (of, in and die are Dutch words too).
var functionWords = map[string]map[string]bool{
	"en": setOf("a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from",
		"as", "is", "are", "was", "were", "be", "been", "its", "it", "this", "that", "these", "those", "into", "about",
		"against", "between", "after", "before", "over", "under", "die", "do", "does", "did", "not", "no"),
	// Not door: an English noun too (door to door).
	"nl": setOf("de", "het", "een", "van", "en", "in", "op", "voor", "met", "uit", "is", "zijn", "werd",
		"naar", "over", "tegen", "die", "dat", "niet", "of", "aan", "bij", "om", "te", "als"),
}

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// BilingualSearch searches the Dutch passages for a Dutch or English query.
// English words the glossary covers become their concepts' Dutch terms;
// Dutch words a concept covers also search its other Dutch terms; words no
// concept covers search as they are. A query that matches nothing is
// retried with typo tolerance and says what it corrected.
func (a *App) BilingualSearch(ctx context.Context, r SearchRequest) (*SearchResult, error) {
	if err := r.Filter.Check(); err != nil {
		return nil, err
	}
	if r.Doc != "" {
		r.Doc = a.DocID(r.Doc) // doc=BWBR0024096 is bwbr0024096
	}
	if r.Sort == "date" {
		return a.searchByDate(ctx, r)
	}
	res, exps, err := a.bilingualSearch(ctx, r)
	if err == nil && res.Total == 0 && strings.ContainsAny(r.Q, quoteMarks) && !excludesPhrase(r.Q) {
		// A phrase no passage has as written ("buitengewone verloven"):
		// its words, in any form, order and place, as a query without
		// quotes finds them, said as what the query became (not for a
		// phrase left out: -"…" unquoted would leave out one word).
		r2 := r
		r2.Q = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			if strings.ContainsRune(quoteMarks, r) {
				return ' '
			}
			return r
		}, r.Q)), " ")
		if res2, err2 := a.BilingualSearch(ctx, r2); err2 == nil && res2.Total > 0 && r2.Q != "" {
			res2.Query, res2.Unquoted = r.Q, r2.Q
			return res2, nil
		}
	}
	if err != nil || r.Lang == "nl" || res.Total > 0 && res.Lang != "en" {
		return res, err
	}
	// An English word nothing knows may be misspelt (sanctoins, asylym):
	// correct it against the English tolk knows (englishCorrection) and
	// search again. With hits (an English query's other words found
	// them) only the words nothing knows are corrected, as for Dutch.
	fixed, changed := r.Q, false
	for _, e := range exps {
		if e.concept != "" || len(e.plain) != 1 || e.corrected != "" {
			continue
		}
		if w, ok := a.englishCorrection(e.query); ok {
			fixed, changed = replaceWord(fixed, e.query, w), true
		}
	}
	if changed {
		r2 := r
		r2.Q, r2.Lang = fixed, "en"
		if res2, _, err := a.bilingualSearch(ctx, r2); err == nil && res2.Total > 0 && res2.Total >= res.Total {
			res2.Query, res2.DidYouMean, res2.TypedTotal = r.Q, fixed, res.Total
			return res2, nil
		}
	}
	if res.Total == 0 && res.Lang == "nl" && (r.Lang == "" || r.Lang == "auto") && a.noDutchWord(r.Q) {
		// Taken as Dutch for want of evidence (cattle, landlords, UK), it
		// found nothing: read as English, the answer says which words
		// tolk could not translate (Senses), rather than nothing at all.
		r2 := r
		r2.Lang = "en"
		return a.BilingualSearch(ctx, r2)
	}
	return res, nil
}

// quoteMarks are the quotes a phrase may be written in ("…", “…”, „…”).
const quoteMarks = "\"“”„"

// excludesPhrase reports whether q leaves out a phrase (-"…", -“…”, -„…”).
func excludesPhrase(q string) bool {
	for _, m := range quoteMarks {
		if strings.Contains(q, "-"+string(m)) {
			return true
		}
	}
	return false
}

func (a *App) bilingualSearch(ctx context.Context, r SearchRequest) (*SearchResult, []expansion, error) {
	start := time.Now()
	// Pasted text is never refused: syntax counts only where it is
	// well-formed, the rest are words.
	q := index.ParseQueryLenient(r.Q)
	lang := r.Lang
	if lang == "" || lang == "auto" {
		lang = a.detectLang(r.Q)
	}
	if lex := a.lexicon(); lang == "en" && lex != nil && weightable(q) {
		return a.englishSearch(ctx, r, q, lex)
	}
	exps, expanded := a.expand(q, lang)
	if len(exps) == 0 {
		// Only English function words: nothing to search for.
		return &SearchResult{Query: r.Q, Lang: lang, Expanded: expanded, Facets: map[string][]index.Facet{}, Took: time.Since(start)}, nil, nil
	}
	req := index.Request{Query: &index.Query{}, Limit: r.Limit, Offset: r.Offset, Doc: r.Doc, Section: r.Sec, Docs: a.docsMatching(r.Filter), AllDocFacets: true}
	for _, e := range exps {
		req.Query.Clauses = append(req.Query.Clauses, e.clause)
	}
	res, err := a.idx.Search(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	out := &SearchResult{Query: r.Q, Lang: lang, Expanded: expanded}
	// Typos: with no hits every word may be corrected; with hits, only a
	// word the index does not know at all (sancties ECOWES). A one-word
	// query with hits has nothing to correct.
	if res.Total == 0 || len(exps) > 1 {
		if fixed, fq, ok := a.correct(ctx, r.Q, exps, res.Total > 0, lang != r.Lang); ok {
			req.Query = fq
			if res2, err := a.idx.Search(ctx, req); err == nil && res2.Total >= res.Total && res2.Total > 0 {
				out.DidYouMean, out.TypedTotal = fixed, res.Total
				res = res2
				for i := range exps {
					c := fq.Clauses[i]
					switch {
					case len(exps[i].plain) == 1 && c.Alts[0].Text != exps[i].plain[0]:
						exps[i].corrected = c.Alts[0].Text
					case exps[i].concept != "" && len(exps[i].plain) == 0 && len(c.Alts) == 1 &&
						(len(exps[i].clause.Alts) != 1 || exps[i].clause.Alts[0].Text != c.Alts[0].Text):
						// A glossary term corrected to the documents' word
						// is searched as that word, no longer as the term.
						exps[i].concept, exps[i].terms, exps[i].via = "", nil, ""
						exps[i].plain, exps[i].corrected = []string{exps[i].query}, c.Alts[0].Text
					}
					exps[i].clause = c
				}
			}
		}
	}
	out.Total, out.Facets = res.Total, res.Facets
	a.docFacets(out)
	split := a.split
	parts := dutchParts(exps)
	for _, h := range a.currentHits(res.Hits) {
		m := a.explainHit(h, exps, split, termsAt(h.Terms))
		out.Hits = append(out.Hits, SearchHit{Hit: h, Matched: m, Missing: missing(parts, m, h.Terms)})
	}
	out.Took = time.Since(start)
	return out, exps, nil
}

// expand turns the parsed query into clauses with glossary expansions.
func (a *App) expand(q *index.Query, lang string) ([]expansion, []string) {
	m := a.matcher()
	var exps []expansion
	var expanded []string
	seen := map[string]bool{}
	// Runs of plain words (Should, one alternative, no operator) are
	// matched against the glossary together, so multi-word terms are found.
	i := 0
	for i < len(q.Clauses) {
		c := q.Clauses[i]
		if !plainClause(c) && !boostedWord(c) {
			e := expansion{query: clauseText(c), typed: partText(c), clause: c, plain: clauseWords(c)}
			if lang == "nl" && c.Occur != index.MustNot && len(c.Alts) > 1 {
				e.clause, expanded = a.expandOr(e.clause, &e, expanded, seen)
			}
			for _, t := range c.Alts {
				if t.Fuzzy > 0 && c.Occur != index.MustNot {
					if e.fuzzy == nil {
						e.fuzzy = map[string]int{}
					}
					e.fuzzy[t.Text] = t.Fuzzy
				}
			}
			if c.Occur != index.MustNot && slices.ContainsFunc(c.Alts, func(t index.Term) bool { return t.Prefix }) {
				e.plain = nil
				for _, t := range c.Alts {
					if t.Prefix {
						e.prefixes = append(e.prefixes, index.Fold(t.Text))
					} else {
						e.plain = append(e.plain, strings.Fields(t.Text)...)
					}
				}
			}
			exps = append(exps, e)
			i++
			continue
		}
		j := i
		var words []string
		// A boosted word (staatsgreep^2) is expanded as a plain word is,
		// on its own, and everything it is searched as carries its boost:
		// a boost says the word counts more, not that its synonyms and
		// forms stop counting (it found 9 passages of the 14).
		boost := c.Alts[0].Boost
		if boost != 0 {
			words, j = []string{c.Alts[0].Text}, i+1
		}
		for j < len(q.Clauses) && plainClause(q.Clauses[j]) && boost == 0 {
			words = append(words, q.Clauses[j].Alts[0].Text)
			j++
		}
		first := len(exps) // this run's expansions are exps[first:]
		text := strings.Join(words, " ")
		// word index of each byte offset, to map annotations to clauses
		starts := make([]int, len(words))
		off := 0
		for k, w := range words {
			starts[k] = off
			off += len(w) + 1
		}
		wordAt := func(b int) int {
			k := sort.Search(len(starts), func(k int) bool { return starts[k] > b }) - 1
			return max(k, 0)
		}
		anns := m.Annotate(text, lang)
		covered := make([]bool, len(words))
		for _, an := range anns {
			// A term that is a part of a typed word does not stand for the
			// word: jeugdzorg is not searched as jeugd OR jeugdzorg (every
			// passage on youth would match), lid-staat not as lid. The
			// word is searched as typed, which finds its compounds.
			if an.Via == "compound" {
				continue
			}
			from, to := wordAt(an.Start), wordAt(an.End-1)
			if an.Start != starts[from] || an.End != starts[to]+len(words[to]) {
				continue
			}
			c, ok := a.terms.Get(an.Concept)
			if !ok {
				continue
			}
			for k := from; k <= to; k++ {
				covered[k] = true
			}
			e := expansion{query: text[an.Start:an.End], concept: c.ID, via: "glossary"}
			if lang == "nl" {
				e.via = "synonym"
			}
			var alts []index.Term
			for _, t := range c.TermsIn("nl") {
				e.terms = append(e.terms, t)
				alts = append(alts, index.Term{Text: t.Text, Phrase: strings.ContainsAny(t.Text, " "), Boost: statusBoost(t.Status)})
				// The glossary's plural is searched too: a stemmer does
				// not always bring both forms to one key (gevangene,
				// gevangenen).
				if t.Plural != "" && !strings.EqualFold(t.Plural, t.Text) {
					alts = append(alts, index.Term{Text: t.Plural, Phrase: strings.ContainsAny(t.Plural, " "), Boost: statusBoost(t.Status)})
				}
				// A verb is searched in its inflected forms: the stemmer
				// does not bring veroordeeld to veroordelen.
				if t.POS == "verb" {
					for _, f := range index.VerbForms(t.Text) {
						alts = append(alts, index.Term{Text: f, Boost: 0.8 * statusBoost(t.Status)})
					}
				}
				if !seen[t.Text] && (lang == "en" || !strings.EqualFold(t.Text, e.query)) {
					seen[t.Text] = true
					expanded = append(expanded, t.Text)
				}
			}
			if lang == "nl" {
				// The user's own words count most: exact and stem matches of
				// what was typed rank above the synonyms.
				alts = append(alts, index.Term{Text: e.query, Phrase: to > from, Boost: 1.5})
				if v, ok := index.VerbOfNoun(e.query); ok && to == from {
					for _, f := range index.VerbForms(v) {
						alts = append(alts, index.Term{Text: f, Boost: 0.5})
						e.forms = append(e.forms, f)
					}
				} else if to == from && a.words != nil {
					// Not a participle's verb (queryVerbForms): the
					// concept's own verb terms bring their forms.
					for _, f := range index.InfinitiveForms(e.query, a.listed) {
						alts = append(alts, index.Term{Text: f, Boost: infinitiveFormBoost})
						e.forms = append(e.forms, f)
					}
				}
			}
			if len(alts) == 0 {
				continue
			}
			e.clause = index.Clause{Occur: index.Should, Alts: alts}
			exps = append(exps, e)
		}
		for k, w := range words {
			if covered[k] {
				continue
			}
			// An English function word the glossary does not cover has no
			// business in a Dutch index (of, in, die are Dutch words too).
			if lang == "en" && functionWords["en"][strings.ToLower(w)] {
				continue
			}
			e := expansion{query: w, clause: q.Clauses[i+k], plain: []string{w}}
			if boost != 0 { // boosted below, with the word's forms
				e.clause.Alts = []index.Term{{Text: w}}
			}
			if lang == "en" {
				// An English word no concept covers is searched as it is
				// written (a name, a number, an acronym), not through the
				// Dutch stemmer and compound parts: "state" is not "staat".
				e.clause.Alts = []index.Term{{Text: w, Exact: true}}
				e.exact = true
			}
			// An action noun also finds its verb (veroordeling → werd
			// veroordeeld), at a lower weight than the noun itself.
			if v, ok := index.VerbOfNoun(w); ok && lang == "nl" {
				e.clause.Alts = append([]index.Term(nil), e.clause.Alts...)
				for _, f := range index.VerbForms(v) {
					e.clause.Alts = append(e.clause.Alts, index.Term{Text: f, Boost: 0.5})
					e.forms = append(e.forms, f)
				}
			} else if lang == "nl" && a.words != nil {
				// An infinitive also finds its weak past and participle,
				// which the stemmer keeps apart (onderhandelen:
				// onderhandelden; veroordelen: veroordeeld), a little below
				// the word itself.
				if fs := index.InfinitiveForms(w, a.listed); len(fs) > 0 {
					e.clause.Alts = append([]index.Term(nil), e.clause.Alts...)
					for _, f := range fs {
						e.clause.Alts = append(e.clause.Alts, index.Term{Text: f, Boost: infinitiveFormBoost})
						e.forms = append(e.forms, f)
					}
				} else if fs := a.participleVerbForms(w); len(fs) > 0 {
					// A participle finds its verb (aangevraagd: aanvragen),
					// each form as written: the infinitive's stem is often
					// a noun's (besluiten, besluit; samenwerken,
					// samenwerking), which the participle does not mean.
					e.clause.Alts = append([]index.Term(nil), e.clause.Alts...)
					for _, f := range fs {
						e.clause.Alts = append(e.clause.Alts, index.Term{Text: f, Exact: true, Minor: true, Boost: participleVerbBoost})
						e.forms = append(e.forms, f)
					}
				}
				// A noun also finds its diminutives (huis: huisje,
				// huisjes; invalidenwagen: invalidenwagentje), which
				// Snowball keys apart, as minor forms.
				if ds := index.Diminutives(w, a.listed); len(ds) > 0 {
					e.clause.Alts = append([]index.Term(nil), e.clause.Alts...)
					for _, d := range ds {
						e.clause.Alts = append(e.clause.Alts, index.Term{Text: d, Minor: true, Boost: diminutiveBoost})
						e.forms = append(e.forms, d)
					}
				}
			}
			exps = append(exps, e)
		}
		if boost != 0 {
			for k := first; k < len(exps); k++ {
				alts := slices.Clone(exps[k].clause.Alts)
				for n := range alts {
					alts[n].Boost = cmp.Or(alts[n].Boost, 1) * boost
				}
				exps[k].clause.Alts = alts
			}
		}
		i = j
	}
	return exps, expanded
}

// expandOr adds to an OR clause (a OR b) the glossary's Dutch terms for
// each alternative that is a term of a concept as a whole, as a plain word
// is expanded: staatsgreep OR junta finds coup too, so that an OR never
// finds less than its parts alone. The terms go into e.synonyms and
// expanded (seen: the terms listed already).
func (a *App) expandOr(c index.Clause, e *expansion, expanded []string, seen map[string]bool) (index.Clause, []string) {
	m := a.matcher()
	alts := slices.Clone(c.Alts)
	have := map[string]bool{}
	for _, t := range alts {
		have[index.Fold(t.Text)] = true
	}
	for _, alt := range c.Alts {
		if alt.Prefix || alt.Fuzzy > 0 || alt.Exact {
			continue
		}
		for _, an := range m.Annotate(alt.Text, "nl") {
			if an.Start != 0 || an.End != len(alt.Text) || an.Via == "compound" {
				continue // only a term that is the whole alternative
			}
			con, ok := a.terms.Get(an.Concept)
			if !ok {
				continue
			}
			for _, t := range con.TermsIn("nl") {
				if have[index.Fold(t.Text)] {
					continue
				}
				have[index.Fold(t.Text)] = true
				alts = append(alts, index.Term{Text: t.Text, Phrase: strings.ContainsAny(t.Text, " "), Boost: statusBoost(t.Status)})
				e.synonyms = append(e.synonyms, synonym{query: alt.Text, concept: con.ID, term: t.Text})
				if !seen[t.Text] {
					seen[t.Text] = true
					expanded = append(expanded, t.Text)
				}
			}
		}
	}
	c.Alts = alts
	return c, expanded
}

// boostedWord reports whether c is one word with a boost and nothing
// else (staatsgreep^2).
func boostedWord(c index.Clause) bool {
	if c.Occur != index.Should || len(c.Alts) != 1 {
		return false
	}
	t := c.Alts[0]
	return !t.Phrase && !t.Prefix && t.Fuzzy == 0 && !t.Exact && t.Boost != 0
}

func plainClause(c index.Clause) bool {
	if c.Occur != index.Should || len(c.Alts) != 1 {
		return false
	}
	t := c.Alts[0]
	return !t.Phrase && !t.Prefix && t.Fuzzy == 0 && t.Boost == 0
}

func clauseText(c index.Clause) string {
	var s []string
	for _, t := range c.Alts {
		s = append(s, t.Text)
	}
	return strings.Join(s, " OR ")
}

func clauseWords(c index.Clause) []string {
	if c.Occur == index.MustNot {
		return nil
	}
	var ws []string
	for _, t := range c.Alts {
		ws = append(ws, strings.Fields(t.Text)...)
	}
	return ws
}

// participleVerbForms returns, for a Dutch query word w that is a past
// participle (index.ParticipleVerb), its infinitive and the infinitive's
// other forms that the word list has (aangevraagd: aanvragen, aanvraagt,
// aanvroeg; besloten: besluiten, besluit, besloot), w's own left out; nil
// for other words.
func (a *App) participleVerbForms(w string) []string {
	inf, ok := index.ParticipleVerb(w, a.listed, a.words.Count)
	if !ok {
		return nil
	}
	// The forms InfinitiveForms vouches for (one for each key: not a
	// strong verb's past, which may be another word, namen of nemen), in
	// every spelling the word list has of those keys (betaalde and
	// betaalden), w's own key and the infinitive's (the noun besluit)
	// left out.
	keys := map[string]bool{}
	for _, f := range index.InfinitiveForms(inf, a.listed) {
		keys[index.Key("nl", f)] = true
	}
	delete(keys, index.Key("nl", w))
	delete(keys, index.Key("nl", inf))
	out := []string{inf}
	for _, f := range index.VerbForms(inf)[1:] {
		if keys[index.Key("nl", f)] && !slices.Contains(out, f) && a.listed(f) {
			out = append(out, f)
		}
	}
	return out
}

// participleVerbBoost weighs the infinitive and other forms of a
// participle typed as a query word (participleVerbForms) against the
// word itself: below infinitiveFormBoost, since each is searched as
// written, with no stem matches beside it to dilute, and the participle's
// own passages are wanted first (bepaald: bepaalt only after the
// passages that say bepaald).
const participleVerbBoost = 0.15

// diminutiveBoost weighs a noun's diminutives (index.Diminutives)
// against the noun typed: as an infinitive's forms.
const diminutiveBoost = 0.3

// infinitiveFormBoost weighs the forms of an infinitive typed as a query
// word (index.InfinitiveForms) against the word itself.
const infinitiveFormBoost = 0.3

// listed reports whether the word list has w as an ordinary word.
func (a *App) listed(w string) bool {
	l, _ := a.words.Listed(w)
	return l
}

// maxEdits is glossary.MaxEdits for the letters of w.
func maxEdits(w string) int { return glossary.MaxEdits(utf8.RuneCountInString(w)) }

// correct rebuilds the query with each plain word that is not in the
// index replaced by its nearest indexed word, within the typo tolerance.
// The corrected query it returns is typed, the query as typed with each
// corrected word replaced in its place and written in its case (Malineze
// militairen → Malinese militairen; the words' order, quotes and operators
// kept), so that the suggestion reads as the user's query.
//
// detected says the query was taken as Dutch, not said to be: a word
// English knows and Dutch does not (englishNotDutch) is then no Dutch
// typo, and is left as typed (asylym seekers is not asylym weekers).
func (a *App) correct(ctx context.Context, typed string, exps []expansion, onlyUnknown, detected bool) (string, *index.Query, bool) {
	q := &index.Query{}
	fixed := typed
	var words []string // the fallback: the words in the expansions' order
	changed, placed := false, true
	// correctTo searches best, an indexed word, for the typed word query.
	correctTo := func(query string, occur index.Occur, best string) {
		repl := inCaseOf(query, a.asWritten(ctx, best))
		next := replaceWord(fixed, query, repl)
		placed = placed && next != fixed
		fixed, changed = next, true
		words = append(words, repl)
		q.Clauses = append(q.Clauses, index.Clause{Occur: occur, Alts: []index.Term{{Text: best}}})
	}
	for _, e := range exps {
		c := e.clause
		// An English word searched as written is not corrected towards
		// a Dutch word of the index (state is not a typo of staat).
		// The first alternative is the word as typed; others are forms
		// generated from it (the verb of an -ing noun), which a corrected
		// word replaces.
		if !e.exact && len(e.plain) == 1 && c.Alts[0].Text == e.plain[0] && !c.Alts[0].Phrase && !c.Alts[0].Prefix && c.Occur != index.MustNot {
			w := c.Alts[0].Text
			if k := maxEdits(w); k > 0 && (!onlyUnknown || !a.idx.Known(ctx, w)) && (!detected || !a.englishNotDutch(w)) {
				best, ok := a.idx.Similar(ctx, w, k)
				if !ok {
					best, ok = a.similarKey(ctx, w, k)
				}
				if ok && best != index.Fold(w) {
					correctTo(e.query, c.Occur, best)
					continue
				}
			}
		}
		// A glossary term of one word that no passage has (the query found
		// nothing at all): the documents' nearest word, as for an unknown
		// word (mantelzorger, a term, where the debates say mantelzorg).
		if !onlyUnknown && e.concept != "" && len(e.plain) == 0 && !strings.ContainsAny(e.query, " -") && c.Occur != index.MustNot {
			w := index.Fold(e.query)
			if k := maxEdits(w); k > 0 {
				if best, ok := a.idx.Similar(ctx, w, k); ok && best != w {
					correctTo(e.query, c.Occur, best)
					continue
				}
			}
		}
		words = append(words, e.query)
		q.Clauses = append(q.Clauses, c)
	}
	if !placed {
		// A word not found as typed (the parser changed it): the
		// corrected words on their own, rather than a suggestion that
		// reads as the query typed.
		fixed = strings.Join(words, " ")
	}
	return fixed, q, changed
}

// asWritten returns folded, a word of the exact field, as the documents
// write it (geinformeerd: geïnformeerd, keita: Keïta), so that a
// suggestion keeps the marks that folding took off; folded itself when
// no passage shows it. Its case is the documents' where they show it:
// lower case when any of the passages looked at writes it so; a capital
// only when the word is capitalised after another word of its sentence
// (a name: "de heer Keïta"). A capital at a sentence's start or after a
// separator ("Wmo / Mantelzorg / Hulpmiddelenbeleid", a heading's title
// case) says nothing about the word, so it is given in lower case.
func (a *App) asWritten(ctx context.Context, folded string) string {
	res, err := a.idx.Search(ctx, index.Request{Query: &index.Query{Clauses: []index.Clause{{Alts: []index.Term{{Text: folded, Exact: true}}}}}, Limit: 5})
	if err != nil {
		return folded
	}
	var seen, name string
	for _, h := range res.Hits {
		for _, m := range h.Terms {
			if m.Field != "exact" || m.Start < 0 || m.End > len(h.Text) || m.Start >= m.End {
				continue
			}
			w := h.Text[m.Start:m.End]
			if index.Fold(w) != folded {
				continue
			}
			lower := strings.ToLower(w)
			if w == lower {
				return w
			}
			if seen == "" {
				seen = lower
			}
			if name == "" && afterWord(h.Text[:m.Start]) {
				name = w
			}
		}
	}
	switch {
	case name != "":
		return name
	case seen != "":
		return seen
	}
	return folded
}

// afterWord reports whether s, the text before a word, ends in another
// word of the same sentence and a space: the word is not a sentence's or
// a title's first.
func afterWord(s string) bool {
	t := strings.TrimRight(s, " ")
	if t == s || t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ','
}

// similarKey returns the stemmed field's key nearest to the key of w
// (Index.SimilarKey) when no word as written is near enough: a misspelt
// form the documents lack, though another form is there (stafoficier:
// stafofficier, the key of the letter's stafofficieren). Only a word of the
// word list is offered, so that the suggestion reads as a word, never as a
// stem: the key itself when it is one (stafofficier), else the documents'
// commonest word with that key (verkiezng: its key verkiezng is near the
// key verkiez, whose word in the letter is verkiezingen). A word the word
// list has is no typo: it is not corrected this way.
func (a *App) similarKey(ctx context.Context, w string, maxEdits int) (string, bool) {
	if a.words == nil {
		return "", false
	}
	if listed, name := a.words.Listed(w); listed || name {
		return "", false
	}
	key, ok := a.idx.SimilarKey(ctx, w, maxEdits)
	if !ok || key == index.Key("nl", w) {
		return "", false
	}
	if a.listed(key) {
		return key, true
	}
	if form, ok := a.idx.FormOf(ctx, key); ok && a.listed(form) {
		return form, true
	}
	return "", false
}

// replaceWord replaces the first occurrence of old in s that is a whole
// word (no letter or digit on either side) with repl; s unchanged when
// there is none.
func replaceWord(s, old, repl string) string {
	if old == "" {
		return s
	}
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], old)
		if i < 0 {
			break
		}
		i += from
		end := i + len(old)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (i == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			return s[:i] + repl + s[end:]
		}
		from = i + 1
	}
	return s
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// inCaseOf writes word in the case of typed: all capitals when typed is
// (more than one letter), a capital first when typed has one, else as it is.
func inCaseOf(typed, word string) string {
	switch {
	case utf8.RuneCountInString(typed) > 1 && strings.ToUpper(typed) == typed && strings.ToLower(typed) != typed:
		return strings.ToUpper(word)
	case capitalised(typed):
		r, n := utf8.DecodeRuneInString(word)
		return string(unicode.ToUpper(r)) + word[n:]
	}
	return word
}

// explain says which parts of the query a passage matched and how; split
// is a.split.
//
// keys, when not nil, are the stemmed-field keys the index found in the
// passage for the query, with their first places (termsAt of the hit's
// matched terms): a word whose key is not among them has no word with that
// key and no compound with such a part in the passage, since the index
// holds both, so the passage's words are not keyed and split for it; and
// no word before a key's first place has that key, so the comparison
// starts there. nil compares every word.
func (a *App) explain(text string, exps []expansion, split func(string) []string, keys *hitTerms) []Matched {
	toks := readPassageWords(passageWordsPool.Get().(*passageWords), text)
	defer toks.release()
	toks.at = keys
	var out []Matched
	var anns []match.Annotation
	annotated := false
	for _, e := range exps {
		if e.concept != "" {
			if !annotated {
				anns, annotated = a.matcher().Annotate(text, "nl"), true
			}
			found := false
			for _, an := range anns {
				if an.Concept == e.concept {
					via := e.via
					if e.via == "synonym" && glossary.Fold(an.Text) == glossary.Fold(e.query) {
						via = an.Via
					}
					out = append(out, Matched{Query: e.query, Term: an.Text, Concept: e.concept, Via: via})
					found = true
					break
				}
			}
			// A longer term of another concept may cover the words
			// (constitutionele rechtsorde holds rechtsorde): look for the
			// expansion's terms themselves.
			for _, t := range e.terms {
				if found {
					break
				}
				if m, ok := termIn(toks, t.Text, split); ok {
					m.Query, m.Concept = e.query, e.concept
					if e.via == "glossary" || m.Via == "exact" || m.Via == "fold" {
						m.Via = e.via
						if e.via == "synonym" && glossary.Fold(t.Text) == glossary.Fold(e.query) {
							m.Via = "exact"
						}
					}
					out = append(out, m)
					found = true
				}
			}
			// Else a form of the typed word (terugkeren: teruggekeerd).
			for _, f := range e.forms {
				if found {
					break
				}
				if m, ok := wordMatch(toks, f, nil); ok {
					m.Query, m.Concept, m.Via = e.query, e.concept, "stem"
					out = append(out, m)
					found = true
				}
			}
			// Else a word the index searched for the concept: the typed word
			// or a form of its terms, where a longer term of another concept
			// covers it (is veroordeeld tot: veroordelen tot).
			// The typed word first, as it is the likeliest and says exact.
			for _, typed := range []bool{true, false} {
				for _, alt := range e.clause.Alts {
					if found {
						break
					}
					if alt.Phrase || alt.Prefix || alt.Fuzzy > 0 || strings.ContainsRune(alt.Text, ' ') ||
						(glossary.Fold(alt.Text) == glossary.Fold(e.query)) != typed {
						continue
					}
					if m, ok := wordMatch(toks, alt.Text, nil); ok {
						m.Query, m.Concept = e.query, e.concept
						if !typed {
							m.Via = "stem"
						}
						out = append(out, m)
						found = true
					}
				}
			}
			continue
		}
		if e.corrected != "" {
			if m, ok := wordMatch(toks, e.corrected, split); ok {
				m.Query, m.Via = e.query, "fuzzy"
				out = append(out, m)
			}
			continue
		}
		// A prefix: the first word that begins with it (verpleeghuiz*:
		// verpleeghuizen).
		for _, pfx := range e.prefixes {
			for i := 0; toks.has(i); i++ {
				if strings.HasPrefix(toks.fold(i), pfx) {
					out = append(out, Matched{Query: pfx + "*", Term: toks.toks[i], Via: "prefix"})
					break
				}
			}
		}
		for _, w := range e.plain {
			split := split
			if e.exact {
				split = nil
			}
			if m, ok := wordMatch(toks, w, split); ok {
				out = append(out, m)
				continue
			}
			// A hyphenated word is the words it joins, and the one word
			// without the hyphen (lid-staat: lidstaten, lid-staten).
			if m, ok := hyphenMatch(toks, w, split); ok {
				out = append(out, m)
				continue
			}
			found := false
			for _, f := range e.forms {
				if m, ok := wordMatch(toks, f, nil); ok {
					m.Query, m.Via = w, "stem"
					out = append(out, m)
					found = true
					break
				}
			}
			// A word searched fuzzy (brexi~): the first word within its
			// edit distance, folded or stemmed, as the index compared.
			if d, ok := e.fuzzy[w]; ok && !found {
				if m, ok := fuzzyMatch(toks, w, d); ok {
					out = append(out, m)
				}
			}
		}
		// An OR clause's glossary terms (staatsgreep OR junta: coup).
		for _, sy := range e.synonyms {
			if m, ok := termIn(toks, sy.term, split); ok {
				m.Query, m.Concept, m.Via = sy.query, sy.concept, "synonym"
				out = append(out, m)
			}
		}
	}
	return out
}

// fuzzyMatch finds the first of a passage's words (toks) within edit
// distance d of the query word w, folded or by their stems, as a fuzzy
// query compares them (the exact and the stemmed field).
func fuzzyMatch(toks *passageWords, w string, d int) (Matched, bool) {
	fw, kw := index.Fold(w), nlKeys.key(w)
	for i := 0; toks.has(i); i++ {
		if index.EditDistance(toks.fold(i), fw) <= d || index.EditDistance(toks.key(i), kw) <= d {
			q := w + "~"
			if d != 1 {
				q += strconv.Itoa(d)
			}
			return Matched{Query: q, Term: toks.toks[i], Via: "fuzzy"}, true
		}
	}
	return Matched{}, false
}

// wordMatch finds how a query word occurs among a passage's words (toks,
// from newPassageWords): as typed, folded, stemmed or as a part of a
// compound. The first token as typed or folded wins, else the first with
// the word's stem, else the first compound with the word as a part. Splitting compounds costs most, so tokens are split
// only when no token matched otherwise (a hit found through its heading
// or a compound part).
//
// With the index's first places of the query word's keys (toks.at), each
// comparison starts at the word where the key first occurs: the index
// holds every word's folded form and stem there, so no word before it
// matches.
func wordMatch(toks *passageWords, w string, split func(string) []string) (Matched, bool) {
	fw := index.Fold(w)
	from := 0
	if toks.at != nil {
		if at, ok := toks.at.exact[fw]; ok {
			from = toks.wordAt(at)
		}
	}
	for i := from; toks.has(i); i++ {
		tok := toks.toks[i]
		switch {
		case tok == w:
			return Matched{Query: w, Term: tok, Via: "exact"}, true
		case toks.foldIs(i, fw):
			return Matched{Query: w, Term: tok, Via: "fold"}, true
		}
	}
	// Stems only when no word matched as typed or folded: a stem costs
	// more than a comparison, even remembered.
	kw := nlKeys.key(w)
	from = 0
	if toks.at != nil {
		at, ok := toks.at.stem[kw]
		if !ok {
			return Matched{}, false
		}
		from = toks.wordAt(at)
	}
	for i := from; toks.has(i); i++ {
		tok := toks.toks[i]
		if toks.key(i) == kw {
			return Matched{Query: w, Term: tok, Via: "stem"}, true
		}
	}
	if split == nil {
		return Matched{}, false
	}
	// A compound is indexed under its parts' keys at its own place.
	for i := from; toks.has(i); i++ {
		tok := toks.toks[i]
		for _, p := range toks.parts(i, split) {
			if p == fw || nlKeys.key(p) == kw {
				return Matched{Query: w, Term: tok, Via: "compound"}, true
			}
		}
	}
	// And a compound a suspended compound implies under its key, on the
	// construction (adviesactiviteiten: advies- en trainingsactiviteiten).
	for _, imp := range index.ImpliedCompounds(toks.text, split) {
		if nlKeys.key(imp.Word) == kw {
			return Matched{Query: w, Term: toks.text[imp.Start:imp.End], Via: "compound"}, true
		}
	}
	return Matched{}, false
}

// passageWords are the words of a passage as explaining a hit sees them
// (letters and digits, with apostrophes kept), with each word's index key
// worked out once, when first asked for: a hit is compared with every
// word of the query. The words are read from the text as far as a
// comparison asks (has): a query word found as typed near the start of a
// long passage leaves the rest unread.
type passageWords struct {
	text   string
	next   int // where in text the next word is looked for
	toks   []string
	starts []int    // per word, its byte offset in text
	folds  []string // per word, made on first use
	// at, when not nil, are the keys the index found in the passage and
	// their first places (explain): no word's key nor compound part
	// outside them can match, and none before its first place.
	at   *hitTerms
	keys []string // per word, made on first use; "" until keyed
	done []bool   // per word: keys holds its key
	// split holds each word's compound parts, made on first use; split
	// is the one splitter explaining a hit uses.
	split     [][]string
	splitDone []bool
}

// newPassageWords returns the words of text, all read.
func newPassageWords(text string) *passageWords {
	p := readPassageWords(&passageWords{}, text)
	for p.read() {
	}
	return p
}

// passageWordsPool keeps passageWords' slices between hits: a long passage
// has thousands of words, and each hit of a page was given new ones.
var passageWordsPool = sync.Pool{New: func() any { return &passageWords{} }}

// readPassageWords sets p (reusing its slices) to the words of text, none
// read yet.
func readPassageWords(p *passageWords, text string) *passageWords {
	// Each per-word slice is reset to unset for this text.
	*p = passageWords{text: text, toks: p.toks[:0], starts: p.starts[:0], folds: p.folds[:0], keys: p.keys[:0], done: p.done[:0], split: p.split[:0], splitDone: p.splitDone[:0]}
	return p
}

// has reports whether the passage has a word i, reading words up to it.
func (p *passageWords) has(i int) bool {
	for len(p.toks) <= i {
		if !p.read() {
			return false
		}
	}
	return true
}

// read appends the next word of the text to toks; false at its end.
func (p *passageWords) read() bool {
	text := p.text
	start := -1
	i := p.next
	for i < len(text) {
		c := text[i]
		var word bool
		size := 1
		if c < utf8.RuneSelf {
			word = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '\''
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			p.toks, p.starts = append(p.toks, text[start:i]), append(p.starts, start)
			p.next = i + size
			return true
		}
		i += size
	}
	p.next = len(text)
	if start >= 0 {
		p.toks, p.starts = append(p.toks, text[start:]), append(p.starts, start)
		return true
	}
	return false
}

// wordAt returns the first word that ends after byte offset at (the word
// holding it, or the next), reading words up to it; past the last word,
// the number of words.
func (p *passageWords) wordAt(at int) int {
	for (len(p.toks) == 0 || p.starts[len(p.toks)-1]+len(p.toks[len(p.toks)-1]) <= at) && p.read() {
	}
	return sort.Search(len(p.toks), func(i int) bool { return p.starts[i]+len(p.toks[i]) > at })
}

// release clears p's references to the passage and returns it to the
// pool.
func (p *passageWords) release() {
	clear(p.toks) // each use's part, so nothing past it holds a passage
	p.text = ""
	clear(p.folds)
	clear(p.keys)
	clear(p.split)
	p.at = nil
	passageWordsPool.Put(p)
}

// fold returns index.Fold of word i, worked out once per word (the word
// itself, without allocating, for the usual lower-case ASCII word).
func (p *passageWords) fold(i int) string {
	if len(p.folds) <= i {
		p.folds = extend(p.folds, len(p.toks))
	}
	if p.folds[i] == "" {
		p.folds[i] = index.Fold(p.toks[i])
	}
	return p.folds[i]
}

// foldIs reports whether word i folds to fw. A word that starts with an
// ASCII character folds to one that starts with it in lower case, so the
// words that cannot match are passed over without folding them: most of
// a long passage.
func (p *passageWords) foldIs(i int, fw string) bool {
	if c := p.toks[i][0]; c < utf8.RuneSelf && fw != "" {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != fw[0] {
			return false
		}
	}
	return p.fold(i) == fw
}

// extend returns s with length n (at least its own), the elements past
// its old length zeroed, reusing its array when it is large enough: a
// word's cached value stays where it was as more words are read.
func extend[T any](s []T, n int) []T {
	old := len(s)
	if n <= old {
		return s
	}
	if cap(s) < n {
		ns := make([]T, n, max(n, 2*cap(s)))
		copy(ns, s)
		return ns
	}
	s = s[:n]
	clear(s[old:])
	return s
}

// key returns the Dutch index key of word i.
func (p *passageWords) key(i int) string {
	if len(p.keys) <= i {
		p.keys, p.done = extend(p.keys, len(p.toks)), extend(p.done, len(p.toks))
	}
	if !p.done[i] {
		p.keys[i], p.done[i] = nlKeys.key(p.toks[i]), true
	}
	return p.keys[i]
}

// parts returns split of the folded word i, worked out once per word:
// every word of a query asks for it. A passageWords is used with one
// splitter only.
func (p *passageWords) parts(i int, split func(string) []string) []string {
	if len(p.split) <= i {
		p.split, p.splitDone = extend(p.split, len(p.toks)), extend(p.splitDone, len(p.toks))
	}
	if !p.splitDone[i] {
		p.split[i], p.splitDone[i] = split(p.fold(i)), true
	}
	return p.split[i]
}

// explainHit is explain for a hit, with the query words found only in
// its section heading (headingMatches) after the others.
func (a *App) explainHit(h index.Hit, exps []expansion, split func(string) []string, keys *hitTerms) []Matched {
	m := a.explain(a.unlabelled(h), exps, split, keys)
	for _, hm := range a.headingMatches(h, exps) {
		if !slices.ContainsFunc(m, func(x Matched) bool { return x.Query == hm.Query }) {
			m = append(m, hm)
		}
	}
	return m
}

// unlabelled returns the text of h, its speaker label blanked when the
// heading field matched a word of it: the index finds a turn by its
// speaker as by a heading (index.Passage.Speaker), and so headingMatches
// says, not explain, which reads the text and would call the label's
// word an exact match of the turn.
func (a *App) unlabelled(h index.Hit) string {
	for _, t := range h.Terms {
		if t.Field != "heading" {
			continue
		}
		if sp, via, _ := a.headingSource(h, t.Term); via == "speaker" && strings.HasPrefix(h.Text, sp+":") {
			return strings.Repeat(" ", len(sp)) + h.Text[len(sp):]
		}
	}
	return h.Text
}

// headingMatches explains the query words a passage has only in its
// section heading (which every passage of a long section carries) or, for
// a document's first passage, in the title indexed with it
// (index.Passage.TitleWords): the heading as what was found, via
// "heading", or the title, via "title". Without it a passage found through
// its heading alone showed no reason at all.
func (a *App) headingMatches(h index.Hit, exps []expansion) []Matched {
	var out []Matched
	seen := map[string]bool{}
	for _, t := range h.Terms {
		if t.Field != "heading" || seen[t.Term] {
			continue
		}
		seen[t.Term] = true
		term, via, _ := a.headingSource(h, t.Term)
		out = append(out, Matched{Query: headingQuery(t.Term, exps), Term: term, Via: via})
	}
	return out
}

// headingQuery is the query words a key matched in a heading stands for:
// the expansion one of whose words, terms, forms or alternatives has the
// key (buitengewoon verlof for buitengewon), else the key itself.
func headingQuery(key string, exps []expansion) string {
	has := func(text string) bool {
		return slices.ContainsFunc(strings.Fields(text), func(w string) bool { return index.Key("nl", w) == key })
	}
	for _, e := range exps {
		if e.concept == "" && index.Key("nl", e.query) == key {
			return e.query
		}
	}
	for _, e := range exps {
		if has(e.query) || slices.ContainsFunc(e.terms, func(t glossary.Term) bool { return has(t.Text) }) ||
			slices.ContainsFunc(e.forms, has) || slices.ContainsFunc(e.clause.Alts, func(a index.Term) bool { return has(a.Text) }) {
			return e.query
		}
	}
	return key
}

// headingSource says where a key a passage matched in its heading field
// is written: the section heading, the document's title, or a speaking
// turn's speaker (via "speaker"); found says
// that a word there has the key. Without one (a compound's part, say) it
// names the section heading, or else the title.
func (a *App) headingSource(h index.Hit, key string) (term, via string, found bool) {
	has := func(s string) bool {
		return slices.ContainsFunc(strings.Fields(s), func(w string) bool {
			return index.Key("nl", strings.Trim(w, ".,;:()\"'")) == key
		})
	}
	switch {
	case h.Section != "" && has(h.Section):
		return h.Section, "heading", true
	case h.Title != "" && has(h.Title):
		return h.Title, "title", true
	}
	for _, c := range a.carriedBy(h.Doc, h.Paragraph) {
		if has(c) {
			return c, "heading", true
		}
	}
	// A speaking turn's speaker, indexed with the headings
	// (index.Passage.Speaker): "Minister De Jonge" of "Minister De Jonge:
	// Ja.".
	if sp := a.speakerOf(h.Doc, h.Paragraph); sp != "" && has(sp) {
		return sp, "speaker", true
	}
	if h.Section != "" {
		return h.Section, "heading", false
	}
	return h.Title, "title", false
}

// carriedBy returns the headings indexed with paragraph n of document id
// beside its own section's (carriedHeadings), or nil. They are worked out
// once per document version (carriedCache): reading and decoding the
// document for every hit whose heading match its own heading does not
// show (a compound's part, kinderopvangtoeslag for toeslag) was half the
// CPU of a Dutch search on the circulars.
func (a *App) carriedBy(id string, n int) []string {
	info, err := a.DocumentInfo(id)
	if err != nil {
		return nil
	}
	if byN, ok := a.carried.get(id, info.Version); ok {
		return byN[n]
	}
	d, err := a.Document(id)
	if err != nil {
		return nil
	}
	var byN map[int][]string
	for i, hs := range carriedHeadings(d.Document) {
		if byN == nil {
			byN = map[int][]string{}
		}
		byN[d.Paragraphs[i].N] = hs
	}
	a.carried.put(id, d.version, byN)
	return byN[n]
}

// speakerOf returns who said paragraph n of document id
// (ingest.Paragraph.Speaker), or "": worked out once per document version,
// as carriedBy's headings are.
func (a *App) speakerOf(id string, n int) string {
	info, err := a.DocumentInfo(id)
	if err != nil {
		return ""
	}
	byN, ok := a.speakers.get(id, info.Version)
	if !ok {
		d, err := a.Document(id)
		if err != nil {
			return ""
		}
		for _, p := range d.Paragraphs {
			if p.Speaker != "" {
				if byN == nil {
					byN = map[int][]string{}
				}
				byN[p.N] = []string{p.Speaker}
			}
		}
		a.speakers.put(id, d.version, byN)
	}
	if sp := byN[n]; len(sp) > 0 {
		return sp[0]
	}
	return ""
}

// carriedCache keeps the carried headings of recently searched document
// versions, by paragraph number (nil for a document without any), up to
// maxCarried documents; when full it starts again.
type carriedCache struct {
	mu sync.Mutex
	m  map[string]carriedEntry
}

type carriedEntry struct {
	version string
	byN     map[int][]string
}

// maxCarried bounds the documents carriedCache holds: a few hundred bytes
// each, most of them nothing.
const maxCarried = 8192

func (c *carriedCache) get(id, version string) (map[int][]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[id]
	return e.byN, ok && e.version == version
}

func (c *carriedCache) put(id, version string, byN map[int][]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCarried {
		c.m = map[string]carriedEntry{}
	}
	c.m[id] = carriedEntry{version, byN}
}

// hitTerms are the keys of a hit's matched terms with the byte offset of
// each one's first occurrence in the passage: stem for the stemmed field,
// exact for the folded words.
type hitTerms struct {
	stem, exact map[string]int
}

// termsAt returns the stemmed and exact keys among a hit's matched terms.
func termsAt(terms []index.MatchedTerm) *hitTerms {
	t := &hitTerms{stem: make(map[string]int, len(terms)), exact: make(map[string]int, len(terms))}
	for _, m := range terms {
		switch m.Field {
		case "stem":
			t.stem[m.Term] = m.Start
		case "exact":
			t.exact[m.Term] = m.Start
		}
	}
	return t
}

// termIn finds a term (one word or several) among a passage's words.
func termIn(toks *passageWords, term string, split func(string) []string) (Matched, bool) {
	ws := strings.Fields(term)
	if len(ws) == 1 {
		return wordMatch(toks, ws[0], split)
	}
	// Several words: each must occur, the first one found names the match.
	var first Matched
	for i, w := range ws {
		m, ok := wordMatch(toks, w, nil)
		if !ok {
			return Matched{}, false
		}
		if i == 0 {
			first = m
		}
	}
	first.Term = term
	return first, true
}

// hyphenMatch explains a hit of a word the query writes with hyphens
// (lid-staat), which the index searches as the words in order and as the
// word joined: the words in order as typed or folded, else the joined
// word among the passage's words or its hyphenated words (lidstaten,
// lid-staten).
func hyphenMatch(toks *passageWords, w string, split func(string) []string) (Matched, bool) {
	if !strings.Contains(w, "-") {
		return Matched{}, false
	}
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' })
	if len(parts) < 2 {
		return Matched{}, false
	}
	for i := 0; toks.has(i); i++ {
		k := 0
		for k < len(parts) && toks.has(i+k) && toks.fold(i+k) == index.Fold(parts[k]) {
			k++
		}
		if k == len(parts) {
			last := i + k - 1
			m := Matched{Query: w, Term: toks.text[toks.starts[i] : toks.starts[last]+len(toks.toks[last])], Via: "fold"}
			if m.Term == w {
				m.Via = "exact"
			}
			return m, true
		}
	}
	if m, ok := wordMatch(toks, strings.ReplaceAll(w, "-", ""), split); ok {
		m.Query = w
		return m, true
	}
	return Matched{}, false
}
