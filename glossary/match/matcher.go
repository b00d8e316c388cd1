package match

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
)

// KeyFunc returns the search key of one word in a language ("nl", "en"):
// folded and stemmed, so that inflected forms share a key
// (staatsgrepen and staatsgreep). The matcher passes words already folded
// with glossary.Fold. An empty result means "no key" and the folded word
// is used instead. It is the glossary's KeyFunc, so one function (tolk
// passes index.TermKey) serves the termbase and the matcher.
type KeyFunc = glossary.KeyFunc

// SplitFunc splits a compound word into its parts (trainingsmissie →
// training, missie), or returns nil when the word is not a compound. The
// matcher passes the folded word; parts may be normalised (linking sounds
// dropped) and need not occur verbatim in the word.
type SplitFunc func(word string) []string

// FormsFunc returns other written forms of a term that a text may use
// and that the KeyFunc does not take to the term's key: the inflected
// forms of a Dutch verb (veroordeelde, veroordeeld), its split
// te-infinitive (op te schorten), the inflected adjective (militaire,
// Nederlandse), a noun's plural. A form is matched like a term of its
// own and annotated as the term, with Via "stem"; where a form and
// another concept's term match the same words only through the KeyFunc,
// the form wins, so that "militaire" is the adjective militair and
// "militairen" the noun. It must depend on its argument only.
type FormsFunc func(t glossary.Term) []string

// Options are the language tools a Matcher uses. All may be nil: without
// Key words match on Fold only, without Split compounds are not opened,
// without Forms only what Key conflates counts as inflection. Key must
// depend on its arguments only: the Matcher remembers its results (for
// term words from NewMatcher on, for text words across calls).
type Options struct {
	Key       KeyFunc
	Split     SplitFunc
	Forms     FormsFunc
	Separated SeparatedFunc
	Particles ParticlesFunc
	// Rank orders concepts whose terms match the same words: a lower
	// rank wins before strictness does (an imported list's exact
	// "opgeschort" does not take the word from the curated opschorten,
	// which matches it as a form). Nil ranks every concept alike.
	Rank func(c *glossary.Concept) int
	// Function reports whether a text word (folded) is a function word of
	// the language (de, met, was): such a word matches no one-word term,
	// whatever the key says (a dictionary's meten, waas, heet took met,
	// was, het). Terms of several words (uw Kamer) still start with one.
	Function func(lang, fold string) bool
	// Word reports whether a folded word is in the Dutch word list. The
	// term candidates use it to tell an inflected adjective (veilige: the
	// list has veilig) from a noun in -e (motie, inspectie, drie), so
	// that "motie vraagt" is no adjective–noun phrase. Nil: the ending
	// alone decides.
	Word func(fold string) bool
}

// ParticlesFunc returns the separable particles that make another verb of
// a one-word verb term (op, af, in for leveren: opleveren, afleveren,
// inleveren), or nil, and the term's finite forms (leveren, lever, levert,
// leverde, leverden). A finite form whose clause ends in one of the
// particles is that other verb, not the term: "daar levert de brexit
// banen op" is opleveren (yield), not leveren (supply).
type ParticlesFunc func(t glossary.Term) (particles, finite []string)

// Separated is a form of a term whose words a main clause puts apart: the
// finite verb comes first and the rest of the term later in the clause,
// with other words between (roept de junta op tot, spreekt zijn steun
// uit, neemt grote voorzichtigheid in acht, biedt de crisis het hoofd).
type Separated struct {
	Verbs []string // the finite forms that may lead, compared as written (folded): roept, roep, roepen, riep, riepen
	// Bare are those of Verbs that are finite only beside a first or
	// second person pronoun (ik roep, roep je) or at a clause's start
	// (the imperative); elsewhere they are more often other words (wel,
	// met, was are the stems of wellen, meten, wassen).
	Bare []string
	Rest string // the term's other words, as they follow the gap: op tot; steun uit
	// ByKey compares the verb by the KeyFunc (any inflection: carries,
	// carried for carry) instead of as written; for a language whose
	// KeyFunc does not take other words to a verb's key.
	ByKey bool
	// Max is the most words between the verb and the rest; 0 is
	// maxSeparation. (English puts only the object between a phrasal
	// verb and its particle: carry it out, carry the plan out.)
	Max int
	// Final: Rest ends its clause, as a separable verb's particle does:
	// it is followed by punctuation, the end of the text, or a word that
	// may follow a clause's last word (a preposition, a conjunction; see
	// clauseNext). Without it (op tot) anything may follow.
	Final bool
}

// SeparatedFunc returns the separated forms of a term, or nil. It must
// depend on its argument only.
type SeparatedFunc func(t glossary.Term) []Separated

// maxSeparation is the most words a separated form's verb and rest may
// have between them: the clause's subject, object and adverbs (de
// junta; zijn steun aan de missie; de ontvanger de invordering in het
// algemeen is 7). At least one word stands between them: the
// contiguous form (roept op tot) is an ordinary form.
const maxSeparation = 8

// clauseStart are words that begin another clause (a subordinate or
// relative one), by language: a separated form's gap does not run into
// one, since the verb's rest belongs to the verb's own clause.
var clauseStart = map[string][]string{
	"nl": {"dat", "die", "omdat", "doordat", "zodat", "terwijl", "wanneer", "indien", "nadat", "voordat", "totdat", "zodra", "hoewel", "waardoor", "waarbij", "waarmee", "waarin", "waarop", "waarvan", "welke", "wat"},
	"en": {"that", "which", "who", "whom", "whose", "because", "when", "if", "while", "although", "since", "unless", "until", "where", "and", "or", "but"},
}

// persons are the pronouns beside which a bare verb stem is finite
// (Separated.Bare), by language.
var persons = map[string][]string{
	"nl": {"ik", "je", "jij"},
}

// rWords are the pronouns a preposition is stranded from (daar … op,
// er … aan), by language, and strandable the prepositions that can be.
// A separable verb's particle that is such a preposition, with such a
// pronoun before it in the clause and no other strandable word in
// between, is more likely the pronoun's preposition (daar hecht ik aan,
// hebben wij daar geen invloed op) than the verb's particle.
var (
	rWords     = map[string][]string{"nl": {"er", "daar", "hier", "waar"}}
	strandable = map[string][]string{"nl": {"aan", "achter", "af", "bij", "door", "in", "mee", "na", "naar", "om", "onder", "op", "over", "tegen", "toe", "uit", "van", "voor"}}
)

// notFinite are words after which a verb form is not a finite verb, by
// language: an article or preposition makes it a noun (bij het stellen
// van zekerheid, tot slot), te an infinitive.
var notFinite = map[string][]string{
	"en": {"the", "a", "an"},
	"nl": {"de", "het", "een", "te", "aan", "bij", "door", "in", "met", "na", "naar", "om", "onder", "op", "over", "per", "sinds", "tegen", "tijdens", "tot", "uit", "van", "vanaf", "vanwege", "via", "voor", "zonder"},
}

// clauseNext are words that may follow a clause's last word (a
// separable verb's particle: stelt de verkiezingen uit tot nader order),
// by language: prepositions and conjunctions. After a Final rest any
// other word means the rest's last word was not the clause's end but,
// say, a preposition (neemt de brief uit de kast).
var clauseNext = map[string][]string{
	"nl": {"aan", "achter", "bij", "binnen", "buiten", "door", "in", "met", "na", "naar", "naast", "om", "onder", "op", "over", "per", "sinds", "tegen", "tijdens", "tot", "uit", "van", "vanaf", "vanwege", "via", "voor", "zonder",
		"en", "of", "maar", "want", "omdat", "dat", "zodat", "doordat", "terwijl", "nadat", "voordat", "totdat", "als", "wanneer", "indien", "zodra", "alsmede", "alsook"},
}

// Via values: how an annotation matched; see the package documentation.
const (
	ViaExact    = "exact"
	ViaFold     = "fold"
	ViaStem     = "stem"
	ViaAcronym  = "acronym"
	ViaHyphen   = "hyphen"
	ViaCompound = "compound"
)

// match levels, strict to loose; a match's level is its loosest word's.
const (
	levelExact uint8 = iota
	levelAcronym
	levelFold
	levelForm // a form from Options.Forms: inflection the term itself names, stricter than a shared key
	levelStem
	levelHyphen
	levelCompound
)

var viaNames = [...]string{ViaExact, ViaAcronym, ViaFold, ViaStem, ViaStem, ViaHyphen, ViaCompound}

// Annotation is one occurrence of a glossary term in a text.
type Annotation struct {
	Start, End  int             // byte offsets into the input (UTF-8): Text == input[Start:End]
	Text        string          // the words as they appear in the input
	Concept     string          // concept id
	Lang        string          // language of the matched term
	Term        string          // the glossary term matched
	Equivalents []glossary.Term // the concept's terms in the other languages, preferred first; shared with the Matcher: read only
	Status      glossary.Status // status of the matched term
	Via         string          // exact, fold, stem, acronym, hyphen or compound
	// Verb is, for a separated form (Options.Separated: roept de junta
	// op tot), the finite verb that leads it, apart from Start:End, which
	// holds the term's other words (op tot); nil for every other match.
	// It overlaps no other annotation.
	Verb *Piece
}

// Form returns the annotation's words as the text has them: Text, or for
// a separated form its verb, an ellipsis and Text (riep … op tot).
func (a *Annotation) Form() string {
	if a.Verb == nil {
		return a.Text
	}
	return JoinApart(a.Verb.Text, a.Text)
}

// JoinApart writes a separated form's verb and rest as one form: the two
// and an ellipsis for the words between (voert … uit).
func JoinApart(verb, rest string) string { return verb + " … " + rest }

// Piece is a stretch of a text: byte offsets, text[Start:End] == Text.
type Piece struct {
	Start, End int
	Text       string
}

// termWord is one word of a term, prepared for comparison.
type termWord struct {
	text  string // as written in the glossary
	fold  string
	keyID int32 // the key's number in Matcher.keyIDs
	acro  bool  // compared case-sensitively as a whole word
	verb  bool  // the term is or may be a verb (no part of speech; derivedFrom)
	// marked: the word's accents make it another word than its folded
	// form, a function word (één, not een; vóór, not voor): a text word
	// matches it only with an accent of its own (één, Eén).
	marked bool
	gap    string
	gapK   int // separator before this word (unused for the first)
}

// bucket holds what may start at a word with a given key: the one-word
// terms, and whether longer terms start there too (then looked up by the
// first two words in Matcher.pairs).
type bucket struct {
	single []singleWord
	pairs  bool
	apart  bool // separated forms lead with this key (Matcher.apart)
}

// singleWord is a one-word, non-acronym term in a bucket, with what
// deciding its match needs: its bucket already says the keys are equal,
// so the entry itself (two more cache misses with a large glossary) need
// not be read.
type singleWord struct {
	entry      int32
	text, fold string
	form       bool // the entry is a form of its term
	verb       bool // the term is or may be a verb (derivedFrom)
	noun       bool // a Dutch noun term, whose -en form a clause may use as a verb (scan.verbUse)
	lead       bool // a Dutch verb term led by its verb, whose infinitive or stem may be a noun (scan.nounUse)
}

// entry is one term of one concept, or one of its forms.
type entry struct {
	concept int32
	term    int32
	rank    int32 // Options.Rank of the concept
	lang    int
	form    bool // words are a form of the term (Options.Forms), not the term
	final   bool // a separated form whose rest ends its clause (Separated.Final)
	bare    bool // a separated form led by a bare stem (Separated.Bare)
	byKey   bool // a separated form's verb compared by key (Separated.ByKey)
	apart   int  // a separated form's most words between verb and rest (Separated.Max)
	// lead is, for a Dutch verb term whose first word is its verb
	// (besluiten, oproepen tot), that verb folded: its infinitive and
	// stem may be nouns (het besluit, de oproepen tot), scan.nounUse.
	lead  string
	words []termWord
}

// Matcher finds glossary terms in text. It is safe for concurrent use;
// after NewMatcher only its cache of text-word keys changes, which affects
// speed, never results.
//
// Keys are numbered (keyIDs) so that the per-word work of a scan compares
// and looks up small integers instead of hashing strings; a text word
// whose key is no term word's key gets noKey and can only match acronyms.
type Matcher struct {
	concepts []glossary.Concept
	opt      Options
	langs    []string                // languages of the terms, nl and en first
	entries  []entry                 // in concept order, then term order
	anns     []Annotation            // by entry: its part of every Annotation it makes (all but Start, End, Text and Via)
	keyIDs   map[string]int32        // every term word's key (any language) → its number
	vocab    map[string]int32        // folded term word → offset in vocabKeys
	vocabKs  []int32                 // per vocab word, per language: the word's key number or noKey
	index    [][]bucket              // per language, by key number: what a term's first word may start
	pairs    []map[uint64][]int32    // per language: key numbers of a longer term's first two words → entries
	apart    []map[int32][]int32     // per language: key number of a separated form's verb → entries
	particle map[int32]particleVerbs // entry of a verb term or its form → Options.Particles' answer for the term
	acro     map[string][]int32      // first word (acronym, as written) → entries
	single   []map[string][]int32    // per language: key → single-word, non-acronym entries (compound parts)
	byID     map[string]int32        // concept id → position
	cache    []*keyCache             // per language: keys of text words that are no term word
	scratch  sync.Pool               // of *scratch: buffers of finished scans, for the next
}

// noKey is the key number of a key no term word has.
const noKey int32 = -1

// pairKey packs the key numbers of two words into one map key.
func pairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// keyID returns the number of key k, adding it if new (NewMatcher only).
func (m *Matcher) keyID(k string) int32 {
	id, ok := m.keyIDs[k]
	if !ok {
		id = int32(len(m.keyIDs))
		m.keyIDs[k] = id
	}
	return id
}

// NewMatcher prepares cs for matching. The concepts and their terms are
// copied; later changes to cs do not affect the Matcher. Terms that contain
// no word (only punctuation) are skipped, and so are terms longer than
// glossary.MaxTermLen characters, which Concept.Validate refuses but an
// older store may hold: no text is annotated with them, so what they cost
// a Matcher is bounded by their length, not by the text's.
func NewMatcher(cs []glossary.Concept, opt Options) *Matcher {
	m := &Matcher{
		concepts: slices.Clone(cs),
		opt:      opt,
		acro:     map[string][]int32{},
		keyIDs:   map[string]int32{},
		vocab:    map[string]int32{},
	}
	nTerms := 0
	for i := range m.concepts {
		m.concepts[i].Terms = slices.Clone(m.concepts[i].Terms)
		nTerms += len(m.concepts[i].Terms)
	}
	m.entries = make([]entry, 0, nTerms)
	m.anns = make([]Annotation, 0, nTerms)
	langIdx := map[string]int{}
	for _, l := range []string{"nl", "en"} {
		langIdx[l] = len(m.langs)
		m.langs = append(m.langs, l)
	}
	for _, c := range m.concepts {
		for _, t := range c.Terms {
			if _, ok := langIdx[t.Lang]; !ok && t.Lang != "" {
				langIdx[t.Lang] = len(m.langs)
				m.langs = append(m.langs, t.Lang)
			}
		}
	}
	m.index = make([][]bucket, len(m.langs))
	m.cache = make([]*keyCache, len(m.langs))
	m.pairs = make([]map[uint64][]int32, len(m.langs))
	m.single = make([]map[string][]int32, len(m.langs))
	m.apart = make([]map[int32][]int32, len(m.langs))
	for i := range m.index {
		m.pairs[i] = map[uint64][]int32{}
		m.apart[i] = map[int32][]int32{}
		m.cache[i] = &keyCache{}
		m.single[i] = map[string][]int32{}
	}
	// Words recur across terms (de, van, beleid): their keys are computed
	// once per language.
	memo := make([]map[string]string, len(m.langs))
	for i := range memo {
		memo[i] = map[string]string{}
	}
	keyOf := func(li int, folded string) string {
		k, ok := memo[li][folded]
		if !ok {
			k = m.key(m.langs[li], folded)
			memo[li][folded] = k
		}
		return k
	}
	var toks []token
	for ci := range m.concepts {
		c := &m.concepts[ci]
		for ti, t := range c.Terms {
			li, ok := langIdx[t.Lang]
			if !ok || tooLong(t.Text) {
				continue
			}
			ann := Annotation{Concept: c.ID, Lang: t.Lang, Term: t.Text, Equivalents: equivalents(c, t.Lang), Status: t.Status}
			first := len(m.entries)
			toks = m.addEntry(ci, ti, li, t.Text, t.Type, false, ann, keyOf, toks)
			if m.opt.Forms != nil {
				seen := map[string]bool{glossary.Fold(t.Text): true}
				for _, f := range m.opt.Forms(t) {
					if ff := glossary.Fold(f); !seen[ff] && !tooLong(f) {
						seen[ff] = true
						toks = m.addEntry(ci, ti, li, f, t.Type, true, ann, keyOf, toks)
					}
				}
			}
			if m.opt.Particles != nil {
				if ps, finite := m.opt.Particles(t); len(ps) > 0 {
					if m.particle == nil {
						m.particle = map[int32]particleVerbs{}
					}
					for e := first; e < len(m.entries); e++ {
						m.particle[int32(e)] = particleVerbs{ps, finite}
					}
				}
			}
			if m.opt.Separated == nil {
				continue
			}
			for _, sf := range m.opt.Separated(t) {
				for _, v := range sf.Verbs {
					toks = m.addSeparated(ci, ti, li, v, slices.Contains(sf.Bare, v), sf, ann, keyOf, toks)
				}
			}
		}
	}
	m.prepareVocab(keyOf)
	return m
}

// addEntry adds the entry of term ti of concept ci, written text (the
// term, or with form one of its forms), in language li. It returns toks
// for reuse.
func (m *Matcher) addEntry(ci, ti, li int, text string, typ glossary.TermType, form bool, ann Annotation, keyOf func(int, string) string, toks []token) []token {
	toks = tokenize(text, toks)
	if len(toks) == 0 {
		return toks
	}
	words := m.termWords(li, text, toks, typ, keyOf)
	// A term without a part of speech (most imported glossaries) may be
	// a verb: the noun made from a verb (indiening, veroordeling) is
	// then not the term (indienen, veroordelen), as it is not for a verb.
	pos := m.concepts[ci].Terms[ti].POS
	verb := pos == "verb" || pos == ""
	for k := range words {
		words[k].verb = verb
	}
	e := entry{concept: int32(ci), term: int32(ti), lang: li, form: form, words: words, lead: m.leadVerb(ci, ti, li)}
	if m.opt.Rank != nil {
		e.rank = int32(m.opt.Rank(&m.concepts[ci]))
	}
	n := int32(len(m.entries))
	m.entries = append(m.entries, e)
	// Copied whole into each Annotation: one read instead of a walk
	// through the concept and its terms, which with a large glossary
	// costs a cache miss at each step.
	m.anns = append(m.anns, ann)
	if words[0].acro {
		m.acro[words[0].text] = append(m.acro[words[0].text], n)
		return toks
	}
	id := words[0].keyID
	if int(id) >= len(m.index[li]) {
		m.index[li] = slices.Grow(m.index[li], int(id)+1-len(m.index[li]))[:id+1]
	}
	b := &m.index[li][id]
	if len(words) == 1 {
		b.single = append(b.single, singleWord{entry: n, text: words[0].text, fold: words[0].fold, form: form, verb: verb, noun: pos == "noun" && m.langs[li] == "nl", lead: e.lead != ""})
		if !form && m.concepts[ci].Terms[ti].POS != "verb" {
			// Compound parts are matched against terms, not forms:
			// a part is a lemma (missie), never an inflected form.
			// Nor against verbs: a compound word is a noun or an
			// adjective, and a part that shares a verb's key is a noun
			// made from it (bemiddelingspogingen, samenwerkingsrelatie:
			// bemiddeling, samenwerking), not the verb.
			k := keyOf(li, words[0].fold)
			m.single[li][k] = append(m.single[li][k], n)
		}
		return toks
	}
	b.pairs = true
	// Keyed by two words: a bucket under "in" or "de" alone would hold
	// hundreds of dictionary phrases, all tried at every occurrence of
	// the word.
	p := pairKey(id, words[1].keyID)
	m.pairs[li][p] = append(m.pairs[li][p], n)
	return toks
}

// termWords prepares the words toks of a term (or form) text in language
// li for comparison.
func (m *Matcher) termWords(li int, text string, toks []token, typ glossary.TermType, keyOf func(int, string) string) []termWord {
	words := make([]termWord, len(toks))
	for k, tk := range toks {
		w := text[tk.start:tk.end]
		f := glossary.Fold(w)
		words[k] = termWord{text: w, fold: f, keyID: m.keyID(keyOf(li, f)), acro: acronymWord(w, typ),
			marked: hasMark(w) && m.opt.Function != nil && m.opt.Function(m.langs[li], f)}
		if k > 0 {
			words[k].gap = text[toks[k-1].end:tk.start]
			words[k].gapK = gapKind(words[k].gap)
		}
	}
	return words
}

// addSeparated adds the separated form of term ti of concept ci that
// verb leads. It returns toks for reuse.
func (m *Matcher) addSeparated(ci, ti, li int, verb string, bare bool, sf Separated, ann Annotation, keyOf func(int, string) string, toks []token) []token {
	text := verb + " " + sf.Rest
	if tooLong(text) {
		return toks
	}
	toks = tokenize(text, toks)
	if len(toks) < 2 || toks[0].end != len(verb) {
		return toks // the verb is one word, the rest at least one
	}
	words := m.termWords(li, text, toks, "", keyOf)
	n := int32(len(m.entries))
	m.entries = append(m.entries, entry{concept: int32(ci), term: int32(ti), lang: li, form: true, final: sf.Final, bare: bare, byKey: sf.ByKey, apart: cmp.Or(sf.Max, maxSeparation), words: words})
	m.anns = append(m.anns, ann)
	id := words[0].keyID
	if int(id) >= len(m.index[li]) {
		m.index[li] = slices.Grow(m.index[li], int(id)+1-len(m.index[li]))[:id+1]
	}
	m.index[li][id].apart = true
	m.apart[li][id] = append(m.apart[li][id], n)
	return toks
}

// prepareVocab records the keys, in every language, of each folded term
// word. A text word that folds to a term word (half the distinct words of
// a Dutch text with FreeDict loaded) then needs no call to the KeyFunc,
// which costs about a microsecond. The KeyFunc must be a function of its
// arguments only, as the glossary's KeyFunc is.
func (m *Matcher) prepareVocab(keyOf func(li int, folded string) string) {
	for _, e := range m.entries {
		for _, w := range e.words {
			if _, ok := m.vocab[w.fold]; ok {
				continue
			}
			m.vocab[w.fold] = int32(len(m.vocabKs))
			for li := range m.langs {
				m.vocabKs = append(m.vocabKs, m.lookupKey(keyOf(li, w.fold)))
			}
		}
	}
}

// tooLong reports whether a term is longer than glossary.MaxTermLen
// characters.
func tooLong(term string) bool {
	return len(term) > glossary.MaxTermLen && utf8.RuneCountInString(term) > glossary.MaxTermLen
}

// lookupKey returns the number of key k, or noKey.
func (m *Matcher) lookupKey(k string) int32 {
	if id, ok := m.keyIDs[k]; ok {
		return id
	}
	return noKey
}

// MaxWordLen is the longest word, in bytes folded, that a Matcher passes
// to Options.Key or Options.Split; a longer word is its own key and is
// never split. Words are seldom longer than 40 letters; longer tokens are
// codes, lists run together or garbage, and a KeyFunc may cost more than
// linear time in its word (index.TermKey did). It agrees with
// index.MaxWordLen, so the keys are those index.TermKey gives.
const MaxWordLen = 64

// key applies the KeyFunc to an already folded word.
func (m *Matcher) key(lang, folded string) string {
	if m.opt.Key == nil || len(folded) > MaxWordLen {
		return folded
	}
	if k := m.opt.Key(lang, folded); k != "" {
		return k
	}
	return folded
}

// acronymWord reports whether a term word is compared case-sensitively:
// it has at least two capitals and no more lower-case letters than
// capitals (AU, CNSP, AMvB), or the term is typed as an acronym or
// abbreviation and the word has a capital.
func acronymWord(w string, typ glossary.TermType) bool {
	upper, lower := capitals(w)
	if upper >= 2 && lower <= upper {
		return true
	}
	return (typ == glossary.Acronym || typ == glossary.Abbreviation) && upper > 0
}

// equivalents returns c's terms in languages other than lang, stably
// sorted by status. The slice is clipped so appending to it copies.
func equivalents(c *glossary.Concept, lang string) []glossary.Term {
	var ts []glossary.Term
	for _, t := range c.Terms {
		if t.Lang != lang {
			ts = append(ts, t)
		}
	}
	slices.SortStableFunc(ts, func(a, b glossary.Term) int { return a.Status.Rank() - b.Status.Rank() })
	return slices.Clip(ts)
}

// wordInfo caches what one distinct word of a text folds and keys to.
type wordInfo struct {
	fold  string
	keys  int32      // offset in scan.keys of the key numbers, by language index (noKey for languages not requested)
	parts [][]string // by language index: keys of the compound's parts
	split bool       // parts computed
}

// hit is one match before overlaps are resolved.
type hit struct {
	startTok, endTok int // token range, end exclusive
	start, end       int // byte range
	entry            int32
	level            uint8
	vstart, vend     int // a separated form's verb, as a byte range; vend is 0 for every other hit
}

// apart reports whether h is a separated form's, with its verb apart.
func (h *hit) apart() bool { return h.vend > 0 }

// scan is the state of one Annotate or Check call. Word information is
// kept in slices and referred to by position (int32), not by pointer, so
// that a text's words cost few allocations.
type scan struct {
	m        *Matcher
	text     string
	langs    []bool // by language index: requested
	articles bool   // an article may stand in the text between a term's words, or be left out (Check's English side)
	scratch
}

// articles are the words Check lets a translation add to a term or leave
// out of it ("return to the constitutional order" for "return to
// constitutional order"), by language: the articles and, in English, the
// possessive and demonstrative determiners ("expressed its support" for
// "express support", as Dutch "zijn steun uitspreken" is rendered).
var articles = map[string][]string{
	"en": {"the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "that", "these", "those"},
	"nl": {"de", "het", "een"},
}

// isArticle reports whether the folded word w is an article in language li.
func (s *scan) isArticle(li int, w string) bool {
	for _, a := range articles[s.m.langs[li]] {
		if w == a {
			return true
		}
	}
	return false
}

// scratch is the memory of a scan that can serve the next one. With a
// large glossary, nearly every word is a term and the annotations
// returned are most of the garbage; reusing these buffers (about 100
// bytes per word) halves the rest and with it the collector's work.
type scratch struct {
	toks   []token
	cache  map[string]int32 // word as in the text → position in infos
	infos  []wordInfo       // the distinct words of the text
	keys   []int32          // key numbers of infos, len(m.langs) per word
	byTok  []int32          // info of each token
	hitBuf []hit
	apart  []hit // separated forms found, added to the hits at their rests' places
}

// maxScratchWords bounds the buffers kept for reuse: a scan of a larger
// text (over about 7 MB) leaves its buffers to the collector.
const maxScratchWords = 1 << 20

// release hands the scan's buffers to the next scan. The scan must not
// be used afterwards.
func (s *scan) release() {
	if s.cache == nil || cap(s.toks) > maxScratchWords || cap(s.hitBuf) > maxScratchWords {
		return
	}
	// Drop the references into the text, which the pool must not pin.
	clear(s.cache)
	clear(s.infos)
	sc := &scratch{toks: s.toks[:0], cache: s.cache, infos: s.infos[:0], keys: s.keys[:0], byTok: s.byTok[:0], hitBuf: s.hitBuf[:0], apart: s.apart[:0]}
	s.scratch = scratch{}
	s.m.scratch.Put(sc)
}

func (m *Matcher) newScan(text, lang string) *scan {
	s := &scan{m: m, text: text, langs: make([]bool, len(m.langs))}
	any := false
	for i, l := range m.langs {
		if lang == "" || lang == l {
			s.langs[i] = true
			any = true
		}
	}
	if !any {
		return s
	}
	if sc, ok := m.scratch.Get().(*scratch); ok {
		s.scratch = *sc
	}
	// Dutch and English prose averages about seven bytes per word
	// including the space; the margin saves a regrowth.
	if c := len(text)/6 + 16; cap(s.toks) < c {
		s.toks = make([]token, 0, c)
	}
	s.toks = tokenize(text, s.toks)
	n := len(s.toks)/4 + 1
	if s.cache == nil {
		s.cache = make(map[string]int32, n)
	}
	if cap(s.infos) < n {
		s.infos = make([]wordInfo, 0, n)
	}
	if cap(s.keys) < n*len(m.langs) {
		s.keys = make([]int32, 0, n*len(m.langs))
	}
	if cap(s.byTok) < len(s.toks) {
		s.byTok = make([]int32, len(s.toks))
	}
	s.byTok = s.byTok[:len(s.toks)]
	for k := range s.toks {
		s.byTok[k] = s.info(s.surface(k))
	}
	return s
}

// foldWord is glossary.Fold for one word, without allocating for the
// common case of a lower-case ASCII word.
func foldWord(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || c == '`' {
			return glossary.Fold(w)
		}
	}
	return w
}

// info returns the cached folding and keys of a word, as a position in
// s.infos.
func (s *scan) info(w string) int32 {
	if wi, ok := s.cache[w]; ok {
		return wi
	}
	f := foldWord(w)
	off := int32(len(s.keys))
	if v, ok := s.m.vocab[f]; ok {
		s.keys = append(s.keys, s.m.vocabKs[v:v+int32(len(s.m.langs))]...)
	} else {
		for li, on := range s.langs {
			k := noKey
			if on {
				var ok bool
				if k, ok = s.m.cache[li].get(f); !ok {
					k = s.m.lookupKey(s.m.key(s.m.langs[li], f))
					s.m.cache[li].put(f, k)
				}
			}
			s.keys = append(s.keys, k)
		}
	}
	wi := int32(len(s.infos))
	s.infos = append(s.infos, wordInfo{fold: f, keys: off})
	s.cache[w] = wi
	return wi
}

// key returns the key number of word info wi in language li.
func (s *scan) key(wi int32, li int) int32 { return s.keys[s.infos[wi].keys+int32(li)] }

func (s *scan) surface(k int) string { return s.text[s.toks[k].start:s.toks[k].end] }

// compare matches one text word against one term word.
func (s *scan) compare(w *termWord, surface string, wi int32, li int, flags uint8) (uint8, bool) {
	if w.acro {
		if surface == w.text || strings.TrimSuffix(strings.TrimSuffix(surface, "'s"), "’s") == w.text {
			return levelAcronym, true
		}
		if s.m.langs[li] == "en" {
			if a, ok := acronymPlural(surface); ok && a == w.text {
				return levelAcronym, true
			}
		}
		return 0, false
	}
	switch {
	case flags&shortCaps != 0:
		return 0, false
	case surface == w.text:
		return levelExact, true
	case w.marked && !hasMark(surface):
		return 0, false // een for één: another word
	case s.infos[wi].fold == w.fold:
		return levelFold, true
	case s.key(wi, li) == w.keyID && !derivedFrom(s.m.langs[li], s.infos[wi].fold, w.fold, w.verb):
		return levelStem, true
	}
	return 0, false
}

// hasMark reports whether word w carries a diacritic (or another mark
// that folding removes): Fold changes more than its case.
func hasMark(w string) bool { return glossary.Fold(w) != strings.ToLower(w) }

// acronymPlural returns the acronym of an English plural written with a
// bare -s after the capitals (MPs, NGOs, CSOs); compare accepts it for
// English acronym terms only, as Dutch writes the plural with 's (ngo's,
// cd's) and MPs in a Dutch text is English.
func acronymPlural(w string) (string, bool) {
	if len(w) < 3 || w[len(w)-1] != 's' {
		return "", false
	}
	r, _ := utf8.DecodeLastRuneInString(w[:len(w)-1])
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return "", false
	}
	return w[:len(w)-1], true
}

// derivedEndings are Dutch endings that make another word of the same
// stem, which Snowball strips with the inflection, each with its
// inflected forms: an adjective of a noun (burgerlijk, of burger), an
// adjective of a verb (uitvoerbaar, of uitvoeren) and the present
// participle, mostly an adjective or adverb (uitsluitend, exclusively;
// voorkomende gevallen), and the noun of a verb (uitvoering, of
// uitvoeren: implementation, not implement).
var derivedEndings = []struct {
	forms    []string
	verbOnly bool // derives from verbs only: a noun term keeps it (onderzoek, plural onderzoekingen)
}{
	{forms: []string{"lijk", "lijke", "lijker", "lijkere", "lijkst", "lijkste"}},
	{forms: []string{"baar", "bare", "baarder", "baardere"}},
	{forms: []string{"end", "ende"}},
	{forms: []string{"ing", "ingen"}, verbOnly: true},
}

// derivedFrom reports whether the folded text word fold, whose key is the
// term word's (termFold), is another word derived from it: it ends in one
// of derivedEndings and the term word in none of that ending's forms
// (burgerlijke is not the term burger; mogelijke is the term mogelijk,
// deelnemende the term deelnemend); an ending that derives from verbs
// only counts when the term is a verb.
func derivedFrom(lang, fold, termFold string, verb bool) bool {
	if lang != "nl" {
		return false
	}
	for _, family := range derivedEndings {
		if family.verbOnly && !verb {
			continue
		}
		has := func(w string) bool {
			for _, e := range family.forms {
				if strings.HasSuffix(w, e) && len(w) > len(e)+2 {
					return true
				}
			}
			return false
		}
		if has(fold) && !has(termFold) {
			return true
		}
	}
	return false
}

// matchEntry tries entry e at token i. first is the word standing at i
// (the token itself or, for a line-broken word, the joined form) and next
// the token after it. It returns the exclusive end token and the level.
func (s *scan) matchEntry(e *entry, i int, first string, fi int32, next int) (int, uint8, bool) {
	level, ok := s.compare(&e.words[0], first, fi, e.lang, s.toks[i].flags)
	if !ok {
		return 0, 0, false
	}
	end, lv, ok := s.matchFrom(e, 1, next)
	return end, max(level, lv), ok
}

// matchFrom matches e's words from the k0-th on at token j onwards,
// contiguously. It returns the exclusive end token and the loosest level.
func (s *scan) matchFrom(e *entry, k0, j int) (int, uint8, bool) {
	level := levelExact
	for k := k0; k < len(e.words); k++ {
		if j >= len(s.toks) {
			return 0, 0, false
		}
		w := &e.words[k]
		if s.articles {
			termArt, textArt := s.isArticle(e.lang, w.fold), s.isArticle(e.lang, s.infos[s.byTok[j]].fold)
			switch {
			case termArt && !textArt:
				continue // the term's article, left out of the text
			case textArt && !termArt && j+1 < len(s.toks) && s.toks[j-1].next == gapSpace && s.toks[j].next == gapSpace:
				j++ // an article the text adds
			}
		}
		gk := int(s.toks[j-1].next)
		if w.gapK == gapOther || gk == gapOther {
			if w.gapK != gk || !sameGap(w.gap, s.text[s.toks[j-1].end:s.toks[j].start]) {
				return 0, 0, false
			}
		}
		lv, ok := s.compare(w, s.surface(j), s.byTok[j], e.lang, s.toks[j].flags)
		if !ok {
			return 0, 0, false
		}
		level = max(level, lv)
		j++
	}
	return j, level, true
}

// hitsAt appends the matches starting at token i: all of them, or only
// the best (longest, then strictest, then first given).
func (s *scan) hitsAt(i int, all bool, out []hit) []hit {
	n0 := len(out)
	w := s.surface(i)
	wi := s.byTok[i]
	out = s.tryAt(i, w, wi, i+1, all, n0, out)
	if s.toks[i].flags&joinNext != 0 && i+1 < len(s.toks) {
		j := w + s.surface(i+1)
		out = s.tryAt(i, j, s.info(j), i+2, all, n0, out)
	}
	// A capitalised word that does not open a sentence is a name (Jan
	// Arendsland, Zeeland): its parts are not the glossary's words (land).
	if len(out) == n0 && s.m.opt.Split != nil && s.toks[i].flags&shortCaps == 0 && (s.toks[i].flags&upperFirst == 0 || s.sentenceStarts(i)) {
		if h, ok := s.compound(i, wi); ok {
			out = append(out, h)
		}
	}
	return out
}

// tryAt tries every entry that may start with the word first (standing at
// token i; next is the token after it).
func (s *scan) tryAt(i int, first string, fi int32, next int, all bool, n0 int, out []hit) []hit {
	if s.toks[i].flags&upperFirst != 0 {
		a := strings.TrimSuffix(strings.TrimSuffix(first, "'s"), "’s")
		out = s.consider(s.m.acro[a], i, first, fi, next, all, n0, out)
		if a != first {
			out = s.consider(s.m.acro[first], i, first, fi, next, all, n0, out)
		}
		if a, ok := acronymPlural(first); ok {
			out = s.consider(s.m.acro[a], i, first, fi, next, all, n0, out)
		}
	}
	for li, on := range s.langs {
		if !on {
			continue
		}
		k := s.key(fi, li)
		if k == noKey || int(k) >= len(s.m.index[li]) {
			continue
		}
		b := &s.m.index[li][k]
		if len(b.single) > 0 && s.toks[i].flags&shortCaps == 0 && (s.m.opt.Function == nil || !s.m.opt.Function(s.m.langs[li], s.infos[fi].fold)) {
			// As compare would find: the keys are equal (it is their
			// bucket), so the level is exact, fold or stem.
			fold := s.infos[fi].fold
			for _, w := range b.single {
				lv := levelStem
				if first == w.text {
					lv = levelExact
				} else if fold == w.fold {
					lv = levelFold
				} else if derivedFrom(s.m.langs[li], fold, w.fold, w.verb) {
					continue
				}
				if w.form {
					lv = max(lv, levelForm)
				}
				if pv, ok := s.m.particle[w.entry]; ok && slices.Contains(pv.finite, fold) && s.particleVerb(i, next, pv.particles, li) {
					continue
				}
				if w.noun && s.verbUse(i, next) {
					continue
				}
				if w.lead && s.nounUse(i, next, s.m.entries[w.entry].lead) {
					continue
				}
				out = s.keep(hit{startTok: i, endTok: next, start: s.toks[i].start, end: s.toks[next-1].end, entry: w.entry, level: lv}, all, n0, out)
			}
		}
		if b.pairs && next < len(s.toks) {
			if k2 := s.key(s.byTok[next], li); k2 != noKey {
				out = s.consider(s.m.pairs[li][pairKey(k, k2)], i, first, fi, next, all, n0, out)
			}
			// An article the text adds after a term's first word
			// ("expressed its support" for express support): the term is
			// found by its first two words, so look past the article too
			// (matchFrom skips it).
			if s.articles && next+1 < len(s.toks) && s.isArticle(li, s.infos[s.byTok[next]].fold) {
				if k2 := s.key(s.byTok[next+1], li); k2 != noKey {
					out = s.consider(s.m.pairs[li][pairKey(k, k2)], i, first, fi, next, all, n0, out)
				}
			}
		}
		if b.apart && next == i+1 {
			s.separated(s.m.apart[li][k], i, first, fi)
		}
	}
	return out
}

// particleVerbs are a verb term's particles that make another verb of it
// and its finite forms (ParticlesFunc).
type particleVerbs struct{ particles, finite []string }

// particleVerb reports whether the verb standing at tokens i to next is,
// with a particle of ps that ends its clause, another verb (levert … op:
// opleveren): the particle is at most maxSeparation words on, in the same
// clause, and a punctuation mark or the text's end follows it. A particle after er, daar, hier or waar is a
// stranded preposition (daar rekent hij op), not the verb's.
func (s *scan) particleVerb(i, next int, ps []string, lang int) bool {
	for j := next; j < len(s.toks) && j-next <= maxSeparation; j++ {
		if !s.sameClause(j-1) || s.isWordOf(clauseStart, lang, j) {
			return false
		}
		if s.isWordOf(rWords, lang, j) {
			return false
		}
		// The particle ends its clause at punctuation or the text's end: a
		// conjunction after it (in en naar een entrepot, door of in
		// opdracht) makes it a preposition of coordinated phrases, and a
		// bracket after it (aan het toezicht op (enkel) …, als bedoeld in
		// [artikel 3]) a preposition of what the bracket holds.
		if slices.Contains(ps, s.infos[s.byTok[j]].fold) && (j+1 >= len(s.toks) || strings.ContainsAny(s.text[s.toks[j].end:s.toks[j+1].start], ".,;:!?")) {
			return true
		}
	}
	return false
}

// separated matches the separated forms ids whose verb may stand at token
// i, and adds their hits to s.apart: each form at the nearest place its
// rest follows, 1 to maxSeparation words of the same clause after the
// verb.
func (s *scan) separated(ids []int32, i int, first string, fi int32) {
	for _, id := range ids {
		e := &s.m.entries[id]
		if !s.langs[e.lang] {
			continue
		}
		// The verb as written: its key would take in other words
		// (haaks, heel).
		level, ok := s.compare(&e.words[0], first, fi, e.lang, s.toks[i].flags)
		if !ok || level > levelFold && !e.byKey || s.hyphenJoined(i-1) || s.hyphenJoined(i) || i > 0 && s.sameClause(i-1) && s.isWordOf(notFinite, e.lang, i-1) {
			continue
		}
		if e.bare && !s.clauseStarts(i) && !(s.sameClause(i-1) && s.isWordOf(persons, e.lang, i-1)) && !(i+1 < len(s.toks) && s.sameClause(i) && s.isWordOf(persons, e.lang, i+1)) {
			continue
		}
		words := 0
		for j := i + 2; j < len(s.toks); j++ {
			// Token j-1 joins the gap: it and the separators around it
			// must belong to the verb's clause. The parts of a
			// hyphenated word count as one word.
			if s.toks[j-2].next != gapHyphen {
				words++
			}
			if words > e.apart || !s.sameClause(j-2) || !s.sameClause(j-1) || s.isWordOf(clauseStart, e.lang, j-1) {
				break
			}
			end, lv, ok := s.matchFrom(e, 1, j)
			if !ok {
				continue
			}
			if e.final && (!s.clauseEnds(e.lang, end) || s.stranded(e.lang, i, end-1)) {
				break // the rest's words, but not its place: no later copy of them either
			}
			s.apart = append(s.apart, hit{startTok: j, endTok: end, start: s.toks[j].start, end: s.toks[end-1].end, entry: id, level: max(level, lv, levelForm), vstart: s.toks[i].start, vend: s.toks[i].end})
			break
		}
	}
}

// clauseStarts reports whether token k starts a clause: the text's first
// word, or punctuation before it.
func (s *scan) clauseStarts(k int) bool { return k == 0 || !s.sameClause(k-1) }

// stranded reports whether the particle at token p, the last of a
// separated form whose verb is at token v, is more likely a preposition
// stranded from an R-pronoun (rWords) just before the verb or between:
// the particle is strandable and no other strandable word stands between
// the pronoun and it.
func (s *scan) stranded(lang, v, p int) bool {
	if !s.isWordOf(strandable, lang, p) {
		return false
	}
	r := -1
	if v > 0 && s.sameClause(v-1) && s.isWordOf(rWords, lang, v-1) {
		r = v - 1
	}
	for k := v + 1; k < p; k++ {
		switch {
		case s.isWordOf(rWords, lang, k):
			r = k
		case r >= 0 && s.isWordOf(strandable, lang, k):
			return false // the pronoun's own preposition: daar kom ik op terug
		}
	}
	return r >= 0
}

// sameClause reports whether the separator after token k keeps the next
// word in the same clause: white space within a paragraph or a hyphen.
func (s *scan) sameClause(k int) bool {
	if s.toks[k].next == gapOther {
		return false
	}
	g := s.text[s.toks[k].end:s.toks[k+1].start]
	return strings.Count(g, "\n") < 2
}

// isWordOf reports whether token k is one of the words of list in lang,
// in any case but as an acronym (OM is no om).
func (s *scan) isWordOf(list map[string][]string, lang int, k int) bool {
	return s.toks[k].flags&shortCaps == 0 && slices.Contains(list[s.m.langs[lang]], s.infos[s.byTok[k]].fold)
}

// clauseEnds reports whether a clause may end before token end: it is the
// text's end, punctuation comes first, or the word is one of clauseNext.
func (s *scan) clauseEnds(lang, end int) bool {
	return end >= len(s.toks) || !s.sameClause(end-1) || s.isWordOf(clauseNext, lang, end)
}

// consider matches the entries ids at token i and keeps the hits.
func (s *scan) consider(ids []int32, i int, first string, fi int32, next int, all bool, n0 int, out []hit) []hit {
	for _, id := range ids {
		e := &s.m.entries[id]
		if !s.langs[e.lang] {
			continue
		}
		end, lv, ok := s.matchEntry(e, i, first, fi, next)
		if !ok || e.lead != "" && s.nounUse(i, next, e.lead) {
			continue
		}
		if e.form {
			lv = max(lv, levelForm)
		}
		out = s.keep(hit{startTok: i, endTok: end, start: s.toks[i].start, end: s.toks[end-1].end, entry: id, level: lv}, all, n0, out)
	}
	return out
}

// keep adds h to the hits at a token (out[n0:]): with all, every hit;
// else only the best (longest, then strictest, then first given).
func (s *scan) keep(h hit, all bool, n0 int, out []hit) []hit {
	if all || len(out) == n0 {
		return append(out, h)
	}
	b := &out[n0]
	if h.end != b.end {
		if h.end > b.end {
			*b = h
		}
		return out
	}
	hr, br := s.m.entries[h.entry].rank, s.m.entries[b.entry].rank
	if hr < br || hr == br && (h.level < b.level || h.level == b.level && h.entry < b.entry) {
		*b = h
	}
	return out
}

// compound matches the parts of the word at token i against single-word
// terms, head first.
func (s *scan) compound(i int, wii int32) (hit, bool) {
	wi := &s.infos[wii]
	if !wi.split {
		wi.split = true
		var parts []string
		if len(wi.fold) <= MaxWordLen {
			parts = s.m.opt.Split(wi.fold)
		}
		if len(parts) >= 2 {
			wi.parts = make([][]string, len(s.m.langs))
			for li, on := range s.langs {
				if !on {
					continue
				}
				ks := make([]string, len(parts))
				for k, p := range parts {
					ks[k] = s.m.key(s.m.langs[li], glossary.Fold(p))
				}
				wi.parts[li] = ks
			}
		}
	}
	if wi.parts == nil {
		return hit{}, false
	}
	t := s.toks[i]
	for k := len(wi.parts[0]) - 1; k >= 0; k-- {
		for li, on := range s.langs {
			if !on || wi.parts[li] == nil {
				continue
			}
			if ids := s.m.single[li][wi.parts[li][k]]; len(ids) > 0 {
				if k == len(wi.parts[0])-1 && s.m.nounTerm(ids[0]) && s.verbUse(i, i+1) {
					return hit{}, false // a verb whose last part is a noun term's stem (heronderzoeken)
				}
				return hit{startTok: i, endTok: i + 1, start: t.start, end: t.end, entry: ids[0], level: levelCompound}, true
			}
		}
	}
	return hit{}, false
}

// hits returns the matches in token order, every one (all) or the best
// per start token.
func (s *scan) hits(all bool) []hit {
	// Without all, at most one hit starts at each token.
	n := len(s.toks)/2 + 1
	if !all {
		n = len(s.toks)
	}
	out := s.hitBuf[:0]
	if cap(out) < n {
		out = make([]hit, 0, n)
	}
	s.apart = s.apart[:0]
	for i := range s.toks {
		out = s.hitsAt(i, all, out)
	}
	if len(s.apart) > 0 {
		// A separated form's hit stands where its rest starts, after
		// hits that started at the tokens between.
		out = append(out, s.apart...)
		slices.SortStableFunc(out, func(a, b hit) int { return a.startTok - b.startTok })
	}
	s.hitBuf = out
	return out
}

// resolve keeps the longest of overlapping hits (then the strictest,
// then the first given), in token order. hs is in start order.
func resolve(hs []hit) []hit {
	out := hs[:0]
	for i := 0; i < len(hs); {
		j, end := i+1, hs[i].endTok
		for j < len(hs) && hs[j].startTok < end {
			end = max(end, hs[j].endTok)
			j++
		}
		if j == i+1 {
			out = append(out, hs[i])
			i = j
			continue
		}
		cl := slices.Clone(hs[i:j])
		slices.SortFunc(cl, func(a, b hit) int {
			if d := (b.end - b.start) - (a.end - a.start); d != 0 {
				return d
			}
			if a.level != b.level {
				return int(a.level) - int(b.level)
			}
			if a.entry != b.entry {
				return int(a.entry - b.entry)
			}
			return a.start - b.start
		})
		var kept []hit
		for _, h := range cl {
			if !slices.ContainsFunc(kept, func(k hit) bool { return h.startTok < k.endTok && k.startTok < h.endTok }) {
				kept = append(kept, h)
			}
		}
		slices.SortFunc(kept, func(a, b hit) int { return a.start - b.start })
		out = append(out, kept...)
		i = j
	}
	return dropCovered(out)
}

// dropCovered removes the separated forms' hits whose verb another kept
// hit covers, or another separated form's verb (the first keeps it), so
// that no annotation overlaps another's verb; a hit of the verb alone
// gives way to the separated form instead. hs is resolved.
func dropCovered(hs []hit) []hit {
	var drop []bool
	var verbs map[int]bool
	for i, h := range hs {
		if !h.apart() {
			continue
		}
		at, covered := slices.BinarySearchFunc(hs, h.vstart, func(k hit, v int) int {
			switch {
			case k.end <= v:
				return -1
			case k.start > v:
				return 1
			}
			return 0
		})
		if covered && !verbs[h.vstart] && !hs[at].apart() && hs[at].start == h.vstart && hs[at].end == h.vend {
			// A one-word term on the verb alone gives way to the longer
			// term the verb is part of (veroordeelt de verdachte tot:
			// veroordelen tot, not veroordelen).
			if drop == nil {
				drop = make([]bool, len(hs))
			}
			drop[at] = true
			covered = false
		}
		if covered || verbs[h.vstart] {
			if drop == nil {
				drop = make([]bool, len(hs))
			}
			drop[i] = true
			continue
		}
		if verbs == nil {
			verbs = map[int]bool{}
		}
		verbs[h.vstart] = true
	}
	if drop == nil {
		return hs
	}
	out := hs[:0]
	for i, h := range hs {
		if !drop[i] {
			out = append(out, h)
		}
	}
	return out
}

// hyphenJoined reports whether tokens k and k+1 are parts of one
// hyphenated word: a bare hyphen, or a hyphen at a line break.
func (s *scan) hyphenJoined(k int) bool {
	if k < 0 || k+1 >= len(s.toks) {
		return false
	}
	switch s.toks[k].next {
	case gapHyphen:
		return true
	case gapBroken:
		return hasNewline(s.text[s.toks[k].end:s.toks[k+1].start])
	}
	return false
}

// Annotate returns every glossary term in text, sorted by Start, never
// overlapping. lang is "nl" or "en" to match only that language's terms,
// or "" for all. Offsets are byte offsets into text.
func (m *Matcher) Annotate(text, lang string) []Annotation {
	s := m.newScan(text, lang)
	if len(s.toks) == 0 {
		return nil
	}
	hs := resolve(s.hits(false))
	out := make([]Annotation, len(hs))
	for i, h := range hs {
		lv := h.level
		if lv < levelHyphen && (s.hyphenJoined(h.startTok-1) || s.hyphenJoined(h.endTok-1)) {
			lv = levelHyphen
		}
		a := &out[i]
		*a = m.anns[h.entry]
		a.Start, a.End, a.Text, a.Via = h.start, h.end, text[h.start:h.end], viaNames[lv]
		if h.apart() {
			a.Verb = &Piece{h.vstart, h.vend, text[h.vstart:h.vend]}
		}
	}
	s.release()
	return out
}

// Spread returns as with the verb of each separated annotation (Verb) as
// an annotation of its own, for a view that marks stretches of text (the
// reader underlines "roept" and "op tot" in roept de junta op tot): a
// copy of the annotation with the verb's offsets and text and no Verb.
// The result is sorted by Start and never overlaps when as came from
// Annotate; as is returned unchanged when it has no separated annotation.
func Spread(as []Annotation) []Annotation {
	n := 0
	for i := range as {
		if as[i].Verb != nil {
			n++
		}
	}
	if n == 0 {
		return as
	}
	out := make([]Annotation, 0, len(as)+n)
	for _, a := range as {
		if v := a.Verb; v != nil {
			p := a
			p.Start, p.End, p.Text, p.Verb = v.Start, v.End, v.Text, nil
			out = append(out, p)
		}
		out = append(out, a)
	}
	slices.SortStableFunc(out, func(a, b Annotation) int { return a.Start - b.Start })
	return out
}

// Word is a word of a term as the Matcher compares it: folded, and
// whether it is compared as written (an acronym: AU, CNSP) instead of by
// its fold and key.
type Word struct {
	Text, Fold string
	Acronym    bool
}

// Entries returns, for the terms of concept id in language lang, the word
// sequences Annotate looks for: each term, each of its forms
// (Options.Forms) and each separated form (Options.Separated: the verb,
// then the rest). An annotation of the concept in that language matches
// one of them word for word (each text word as written, by fold, or by
// key), or, for a one-word term, is a compound whose part has the term's
// key. Nil when the Matcher has no such concept or no term of it in lang.
func (m *Matcher) Entries(id, lang string) [][]Word {
	var out [][]Word
	for _, e := range m.entries {
		if m.concepts[e.concept].ID != id || m.langs[e.lang] != lang {
			continue
		}
		ws := make([]Word, len(e.words))
		for k, w := range e.words {
			ws[k] = Word{Text: w.text, Fold: w.fold, Acronym: w.acro}
		}
		out = append(out, ws)
	}
	return out
}
