package index

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	gounicode "unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
)

// Names under which the analyzers are registered with bleve, so that the
// mapping stored with an on-disk index names them and reopening it finds
// them again.
const (
	AnalyzerDutch   = "tolk_nl"    // folded, stop words removed, lemma overrides, Snowball Dutch
	AnalyzerExact   = "tolk_exact" // folded words, unstemmed, stop words kept (for exact words and phrases)
	AnalyzerEnglish = "tolk_en"    // folded, English possessives and stop words removed, Porter
)

// Decompounder splits a Dutch compound into its parts. Split receives a
// folded, lower-case word and returns its parts (folded too), or nil when the
// word is not a compound. The parts are indexed as extra tokens at the
// compound's position, so a query for a part finds the compound. It must be
// safe for concurrent use.
type Decompounder interface {
	Split(word string) []string
}

// overridesNL is the lemma override table: one "form lemma" pair a line. A
// form found here is replaced by its lemma before Snowball runs, so forms
// whose stems Snowball does not merge ("kamerbrieven" → "kamerbriev",
// "kamerbrief" → "kamerbrief") get the same key. See overrides_test.go for
// the rule that derives it and how to regenerate it.
//
//go:embed overrides_nl.txt
var overridesNLText string

// overrides parses the embedded table once; the result is never modified.
var overrides = sync.OnceValue(func() map[string]string {
	return parseOverrides(overridesNLText)
})

func parseOverrides(text string) map[string]string {
	m := make(map[string]string, strings.Count(text, "\n"))
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		form, lemma, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		m[form] = strings.TrimSpace(lemma)
	}
	return m
}

// minSuffixOverride is the shortest table form that may also match as the
// last part of a longer word ("brieven" in "kamerbrieven"), and
// minSuffixHead the shortest head it may leave. Shorter forms match whole
// words only: short endings are too often part of unrelated words.
const (
	minSuffixOverride = 5
	minSuffixHead     = 3
)

// lemmaNL applies the override table to a folded word: a whole-word entry,
// or else the longest entry that ends the word (a compound's last part
// carries its inflection).
func lemmaNL(table map[string]string, w string) string {
	if l, ok := table[w]; ok {
		return l
	}
	if l, ok := irregularPlurals[w]; ok {
		return l
	}
	if len(w) < minSuffixHead+minSuffixOverride || !isPluralEnding(w) {
		return pluralIE(w)
	}
	for i := minSuffixHead; len(w)-i >= minSuffixOverride; i++ {
		if l, ok := table[w[i:]]; ok {
			return w[:i] + l
		}
	}
	return pluralIE(w)
}

// irregularPlurals are the Dutch plurals that no spelling rule derives,
// so the override table, which rules build from a vocabulary, lacks them:
// the closed class of neuter nouns that take -eren (kind → kinderen,
// ei → eieren, volk → volkeren) and the few whose vowel changes (stad →
// steden, schip → schepen, lid → leden), as Dutch grammars list them.
// Left out: goederen (goed is mostly the adjective), smeden (mostly the
// verb), and plurals a rule already reaches (god → goden). They match
// whole words only: a longer word ending in one is mostly another word
// (aanbesteden, overleden, verleden); a compound's head is indexed as a
// part of its own (indexParts) and meets the entry there.
var irregularPlurals = map[string]string{
	"kinderen": "kind", "eieren": "ei", "bladeren": "blad", "volkeren": "volk",
	"liederen": "lied", "runderen": "rund", "kalveren": "kalf", "lammeren": "lam",
	"gelederen": "gelid", "raderen": "rad", "hoenderen": "hoen", "beenderen": "been",
	"steden": "stad", "schepen": "schip", "leden": "lid",
}

// isPluralEnding reports whether w ends as every table form does (-en, -s,
// -a, -i): a cheap test that spares most words the suffix lookups.
func isPluralEnding(w string) bool {
	switch w[len(w)-1] {
	case 's', 'a', 'i': // -i: politici
		return true
	case 'n':
		return w[len(w)-2] == 'e'
	}
	return false
}

// pluralIE maps the plurals of nouns in -tie, -sie, -die, -gie (sancties,
// excursies, studies, strategieën) to the singular. Snowball keeps the s
// after a vowel, so these never met their singulars; the vocabulary holds
// hundreds of them, mostly compounds the table cannot list. Other -ies
// endings are left alone: advies, verlies and vries are singulars.
func pluralIE(w string) string {
	n := len(w)
	if n < 6 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && strings.IndexByte("tsdg", w[n-4]) >= 0:
		return w[:n-1]
	case strings.HasSuffix(w, "ieen") && strings.IndexByte("tsdgr", w[n-5]) >= 0: // categorieën; diaeresis folded
		return w[:n-2]
	}
	return w
}

// MaxWordLen is the longest token, in bytes of its folded form, that the
// analysis treats as a word: stems (Snowball, Porter, TermKey's English
// rules), looks up in the lemma overrides or splits as a compound. The
// longest words in 15 million words of Dutch law are about 40 letters, and
// what exceeds 64 there is run-together lists and rules of underscores:
// such tokens are codes, lists or garbage, not words. They are kept, as
// their own key (folded, without a final 's), so that searching for one
// still finds it, and a key costs time linear in its length. Before, the
// overrides were tried on every suffix of a word, each hashed whole: a
// word of n bytes cost n², and a one-word glossary term of 300 KB almost a
// second per key, at every start.
const MaxWordLen = 64

// stemNL returns the index key of one folded Dutch word.
func stemNL(table map[string]string, w string) string {
	w = trimApostropheS(w)
	if len(w) > MaxWordLen {
		return w
	}
	if table != nil {
		w = lemmaNL(table, w)
		// Snowball strips -heid, which makes a different word of many
		// nouns (overheid → over, veiligheid → veilig, gezondheid →
		// gezond). In the override layer a -heid noun is its own key and
		// -heden its plural.
		if n := len(w); n > 7 && strings.HasSuffix(w, "heden") {
			return w[:n-5] + "heid"
		} else if n > 6 && strings.HasSuffix(w, "heid") {
			return w
		}
	}
	env := snowballstem.NewEnv(w)
	dutch.Stem(env)
	if table == nil { // plain Snowball, as TestSnowballVocabulary holds it
		return env.Current()
	}
	return undoubleAfterVowel(env.Current())
}

// undoubleAfterVowel finishes what Snowball's undoubling leaves undone: it
// shortens a doubled vowel before a final consonant (structureel →
// structurel, as structurele) only after a consonant, so that the -ieel,
// -ueel and -iaal adjectives and nouns never met their inflected forms
// (financieel ≠ financiële, actueel ≠ actuele, provinciaal ≠ provinciale,
// materiaal ≠ materialen). After a vowel the doubled vowel is spelt for
// the same sound as the single one of the open syllable, so it is shortened
// there too. It belongs to the override layer: plain Snowball (no table)
// is left as it is.
func undoubleAfterVowel(w string) string {
	n := len(w)
	if n < 5 {
		return w
	}
	v, c := w[n-2], w[n-1]
	if w[n-3] != v || strings.IndexByte("aeou", v) < 0 || strings.IndexByte("aeiouy", c) >= 0 ||
		strings.IndexByte("aeiou", w[n-4]) < 0 || w[n-4] == v {
		return w
	}
	if v == 'e' && c == 'n' { // a folded plural in -ën (amfibieën), not a doubled vowel
		return w
	}
	return w[:n-2] + w[n-1:]
}

// Key returns the index key of one word in language lang ("nl" or "en"):
// what the stemmed field holds for it (for English the inflection key, as
// AnalyzerEnglish). The word is not tokenized further. Any other lang folds
// only, and so does a word longer than MaxWordLen. Glossary matching uses [TermKey], which is Key for Dutch but keeps
// English derivations apart.
func Key(lang, word string) string {
	w := Fold(strings.TrimSpace(word))
	switch lang {
	case "nl":
		return stemNL(overrides(), w)
	case "en":
		if w = trimApostropheS(w); len(w) > MaxWordLen {
			return w
		}
		return lemmaEN(w)
	}
	return w
}

// lemmaFilter gives every English token its inflection key (lemmaEN),
// leaving KeyWord tokens (longer than MaxWordLen) as they are.
type lemmaFilter struct{}

func (lemmaFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if t.KeyWord {
			continue
		}
		if k := lemmaEN(string(t.Term)); k != string(t.Term) {
			t.Term = []byte(k)
		}
	}
	return in
}

// foldFilter applies Fold to every token.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if !isFoldedASCIIBytes(t.Term) {
			t.Term = foldBytes(nil, t.Term)
		}
	}
	return in
}

// stopNL is the Dutch analyzers' stop list, folded: Snowball's, and the
// conjunctions of conjunctionsNL.
var stopNL = sync.OnceValue(func() map[string]struct{} {
	words := newStopFilter(nl.DutchStopWords).words
	for _, w := range conjunctionsNL {
		words[w] = struct{}{}
	}
	return words
})

// conjunctionsNL are the subordinating conjunctions that Snowball's stop
// list lacks and whose key is also a content word's: indien (if) is
// Snowball's stem of indienen (to submit) and indiening, so a search for
// indienen found every passage with a condition in it. The other
// conjunctions the list lacks (tenzij, zodra, terwijl, …) keep their own
// keys, which English senses such as unless may need; TestConjunctionKeys
// derives this list from the Snowball vocabulary and the word list.
var conjunctionsNL = []string{"indien"}

// conjunctionCandidates are the Dutch subordinating conjunctions that
// Snowball's stop list lacks (it has als, dat, omdat, of, want);
// conjunctionsNL holds those whose key another listed word shares.
var conjunctionCandidates = []string{
	"indien", "tenzij", "mits", "zodra", "hoewel", "ofschoon", "zodat", "opdat", "terwijl",
	"nadat", "voordat", "totdat", "alvorens", "aangezien", "doordat", "zolang",
}

// stopEN is the English analyzer's stop list, folded.
var stopEN = sync.OnceValue(func() map[string]struct{} { return newStopFilter(en.EnglishStopWords).words })

// DutchStopWord reports whether the folded word w is one of the Dutch
// stop words the Dutch analyzers drop (de, met, zijn, kan, …).
func DutchStopWord(w string) bool {
	_, ok := stopNL()[w]
	return ok
}

// auxiliaryForms are the forms of the Dutch verbs that mostly serve
// another (tense, passive, mood): zijn, hebben, worden, zullen, kunnen,
// moeten, mogen, willen. Not was and waren, whose keys are also those of
// content words (de was; waren, goods).
var auxiliaryForms = []string{
	"ben", "bent", "is", "zijn", "geweest",
	"heb", "hebt", "heeft", "hebben", "had", "hadden", "gehad",
	"word", "wordt", "worden", "werd", "werden", "geworden",
	"zal", "zult", "zullen", "zou", "zouden",
	"kan", "kunt", "kunnen", "kon", "konden", "gekund",
	"moet", "moeten", "moest", "moesten", "gemoeten",
	"mag", "mogen", "mocht", "mochten",
	"wil", "wilt", "willen", "wou", "gewild", // not wilde: wild is a word
}

// dutchAuxiliaryKeys are the stemmed keys of auxiliaryForms.
var dutchAuxiliaryKeys = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{}
	for _, f := range auxiliaryForms {
		keys[Key("nl", f)] = true
	}
	return keys
})

// DutchAuxiliaryKey reports whether the index key k is the key of a form
// of a Dutch auxiliary verb (zouden: zoud; werd; kunnen: kunn): no English
// content word means one, though a lexicon learned from parallel text
// pairs them (crime: zoud, from "the crime would have been committed").
func DutchAuxiliaryKey(k string) bool { return dutchAuxiliaryKeys()[k] }

// EnglishStopWord reports whether the folded word w is one of the English
// stop words the English analyzer drops.
func EnglishStopWord(w string) bool {
	_, ok := stopEN()[w]
	return ok
}

// stopFilter drops stop words; the lists are folded like the tokens.
type stopFilter struct{ words map[string]struct{} }

func newStopFilter(list []byte) stopFilter {
	tm := analysis.NewTokenMap()
	if err := tm.LoadBytes(list); err != nil {
		panic(fmt.Sprintf("index: stop word list: %v", err)) // the lists are bleve's, compiled in
	}
	f := stopFilter{words: make(map[string]struct{}, len(tm))}
	for w := range tm {
		f.words[Fold(w)] = struct{}{}
	}
	return f
}

func (f stopFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	for _, t := range in {
		if _, stop := f.words[string(t.Term)]; !stop {
			out = append(out, t)
		}
	}
	return out
}

// indexParts returns the parts under which the index files the folded
// word w: the splitter's parts and, for each modifier that is a compound
// itself, that modifier's parts as well (antiterrorisme+operatie also under
// anti and terrorisme). The splitter leaves modifiers whole, as the gold
// splits do; but a word found inside antiterrorisme on its own must be found
// inside antiterrorismeoperatie too. Nil when w is no compound.
//
// A splitter that also knows which compounds it keeps whole a search should
// still find by their parts (searchSplitter: omzetbelasting under belasting)
// is asked that instead.
func indexParts(d Decompounder, w string) []string {
	// Clipped, so that appending copies rather than writing into the
	// splitter's slice.
	parts := slices.Clip(searchParts(d, w))
	if len(parts) < 2 {
		return parts
	}
	for _, m := range parts[:len(parts)-1] {
		parts = append(parts, searchParts(d, m)...)
	}
	return parts
}

// searchSplitter is a Decompounder that names the parts a search should
// find a word by beyond its split (decompound.Splitter.SearchParts).
type searchSplitter interface {
	SearchParts(word string) []string
}

// searchParts returns the parts a search finds w by: d's SearchParts when
// it has it, its Split otherwise.
func searchParts(d Decompounder, w string) []string {
	if s, ok := d.(searchSplitter); ok {
		return s.SearchParts(w)
	}
	return d.Split(w)
}

// nameToken is the token type nameScan gives the words of a person's
// name.
const nameToken analysis.TokenType = 100

// splitVerbToken is the token type of a split separable verb's extra
// token (splitVerbs), which the field's length leaves out (indexText).
const splitVerbToken analysis.TokenType = 101

// A title is a word after which a capitalised word is a person's name.
type title uint8

const (
	notTitle   title = iota
	wordTitle        // de heer Koerhuis, minister Ollongren: one space before the name
	abbrTitle        // dhr. A. Walsweer, mr. R.P. Kranenborg: its full stop may come between
	lidTitle         // het lid Nijboer: only after "het" (tweede lid Drinkwaterbesluit is an article's paragraph)
	ledenTitle       // de leden Koerhuis, Kops en Beckerman: only after "de"; a list of names follows
	listTitle        // de heren Van Dam en Koerhuis: a list of names follows
)

// nameTitles are the titles, folded.
var nameTitles = map[string]title{
	"heer": wordTitle, "meneer": wordTitle, "mijnheer": wordTitle, "mevrouw": wordTitle, "minister": wordTitle, "staatssecretaris": wordTitle,
	"premier": wordTitle, "president": wordTitle, "collega": wordTitle, "kamerlid": wordTitle,
	"voorzitter": wordTitle, "burgemeester": wordTitle, "wethouder": wordTitle, "commissaris": wordTitle,
	"motie": wordTitle, "amendement": wordTitle, // de motie-Koerhuis, het amendement-Van Weyenberg
	"heren": listTitle, "dames": listTitle, "leden": ledenTitle,
	"mevr": abbrTitle, "dhr": abbrTitle, "mw": abbrTitle, "mr": abbrTitle, "drs": abbrTitle,
	"dr": abbrTitle, "ir": abbrTitle, "prof": abbrTitle,
	"lid": lidTitle,
}

// nameParticles may stand inside a name (minister Van Engelshoven, de heer
// Van der Staaij, C. van Nieuwenhuizen), folded.
var nameParticles = map[string]bool{"van": true, "de": true, "der": true, "den": true, "ten": true, "ter": true, "te": true, "von": true}

// nameScan finds the words of persons' names in a text, word by word in
// text order, so that the compound filter leaves them whole: Koerhuis is no
// koer+huis, and a search for huis (housing) found the debates' speaker
// labels "De heer Koerhuis (VVD):" first; Nieuwenhuizen in a letter's
// signature is no nieuw+huizen. A name begins
//
//   - at a capitalised word right after a title (de heer Koerhuis, minister
//     Van Engelshoven, het lid Nijboer; after an abbreviated title its full
//     stop may come between: dhr. A. Walsweer). A lower-case particle right
//     after the title is an office, not a name (minister van
//     Volksgezondheid, whose ministry's name must still split), and lid is
//     a title only after het (the second paragraph of an article is the
//     tweede lid, and the regulation named after it must split);
//   - at a capitalised word or a name particle after initials of two
//     letters or more (S.A. Blok, A.Th.B. Bijleveld-Schouten, J.A. de Vries);
//   - at a name particle or another initial after a one-letter initial
//     (C. van Nieuwenhuizen Wijbenga, R. P. Kranenborg). One capital letter
//     and a capitalised word are more often an enumeration (A. Normsalaris,
//     continent B. Concernvennootschap) than a name.
//
// After a plural title the names are a list: "Deze motie is voorgesteld
// door de leden Koerhuis, Kops en Beckerman", in every motion of the
// proceedings; a comma and a space, or "en", go on to the next name.
//
// Initials and the word after them are separated by their full stop and
// one space or line break. The name goes on over the capitalised words,
// name particles and initials that follow, each one character after the
// last (a space, or the hyphen of Dik-Faber) or after initials' full stop,
// and ends at anything else, so that "(VVD): Huurverhogingen" is not part
// of it. It reads the words as written, before the fold, and the text
// between them. The analyzers (dutchAnalyzer) and Prepare's one-pass
// analysis both run it, so the two agree by construction.
type nameScan struct {
	text        []byte // the text the words come from
	prev, prev2 []byte // the two words before, as written; nil before the text's first
	prevEnd     int    // the end offset of prev
	inName      bool   // prev is part of a name
	list        bool   // the name began after a plural title: ", " and "en" go on to the next
}

// word reports whether the word w, at text[start:end], is part of a name,
// given the words before it.
func (s *nameScan) word(w []byte, start, end int) bool {
	name, list := false, false
	if s.prev != nil {
		gap := start - s.prevEnd
		afterStop := gap == 2 && s.text[s.prevEnd] == '.' && (s.text[s.prevEnd+1] == ' ' || s.text[s.prevEnd+1] == '\n')
		upper := capitalisedBytes(w)
		particle := func() bool { return !upper && len(w) <= 3 && nameParticles[string(w)] }
		switch {
		case s.inName && (gap == 1 || afterStop && isInitials(s.prev)) && (upper || particle()):
			name, list = true, s.list
		case s.inName && s.list && (gap == 1 && string(w) == "en" || gap == 2 && s.text[s.prevEnd] == ',' && s.text[s.prevEnd+1] == ' ' && upper):
			name, list = true, true
		case upper && (gap == 1 || afterStop):
			switch s.titleBefore(afterStop) {
			case wordTitle, abbrTitle, lidTitle:
				name = true
			case ledenTitle, listTitle:
				name, list = true, true
			}
		}
		if !name && afterStop && isInitials(s.prev) {
			name = particle() || len(s.prev) > 1 && upper || len(s.prev) == 1 && isInitials(w)
		}
	}
	s.prev2, s.prev, s.prevEnd, s.inName, s.list = s.prev, w, end, name, list
	return name
}

// titleBefore returns the kind of title the previous word is when a name
// may follow it (notTitle when none may), with a full stop between them if
// afterStop.
func (s *nameScan) titleBefore(afterStop bool) title {
	t := titleOf(s.prev)
	switch {
	case t == notTitle, afterStop && t != abbrTitle:
		return notTitle
	case t == lidTitle && !bytes.EqualFold(s.prev2, []byte("het")), t == ledenTitle && !bytes.EqualFold(s.prev2, []byte("de")):
		return notTitle
	}
	return t
}

// isInitials reports whether the word t, as the tokenizer cut it, is a
// person's initials without the last full stop: one capital letter (C), or
// several, each perhaps with one or two lower-case letters after it, with
// full stops between them (S.A, A.Th.B, J.Chr).
func isInitials(t []byte) bool {
	if len(t) == 1 {
		return 'A' <= t[0] && t[0] <= 'Z'
	}
	parts := 0
	for len(t) > 0 {
		i := 0
		for i < len(t) && t[i] != '.' {
			i++
		}
		p := t[:i]
		if len(p) == 0 || len(p) > 3 || p[0] < 'A' || p[0] > 'Z' {
			return false
		}
		for _, c := range p[1:] {
			if c < 'a' || c > 'z' {
				return false
			}
		}
		parts++
		if i == len(t) {
			break
		}
		t = t[i+1:]
		if len(t) == 0 {
			return false
		}
	}
	return parts > 1
}

// dutchAnalyzer is the Dutch chain with a Decompounder: bleve's default
// analyzer, but the words of names are marked (nameScan, which needs the
// text between the words, which a token filter does not see) before the
// filters run.
type dutchAnalyzer struct {
	analysis.DefaultAnalyzer
	split  func(string) []string // the Decompounder's
	listed func(string) bool     // the Decompounder's word list, for split verbs; nil for none
	table  map[string]string     // the lemma overrides, as dutchStemFilter's
}

func (a *dutchAnalyzer) Analyze(input []byte) analysis.TokenStream {
	tokens := a.Tokenizer.Tokenize(input)
	names := nameScan{text: input}
	for _, t := range tokens {
		if names.word(t.Term, t.Start, t.End) {
			t.Type = nameToken
		}
	}
	// The compounds suspended compounds imply and the hyphenated words
	// joined (impliedWords), and where they stand: read before the
	// filters, which drop stop words (an anchor may be one: in- en
	// uitvoer).
	var imps []Implied
	var at []int
	if bytes.IndexByte(input, '-') >= 0 {
		for _, imp := range impliedWords(string(input), a.split) {
			i, found := slices.BinarySearchFunc(tokens, imp.anchor, func(t *analysis.Token, off int) int { return t.Start - off })
			if found {
				imps = append(imps, imp)
				at = append(at, tokens[i].Position+imp.delta)
			}
		}
	}
	var verbs []*analysis.Token
	if a.listed != nil {
		// The separable verbs a main clause splits (splitVerbs): the
		// verb's key at its particle's position and offsets, read before
		// the stop filter drops the particle.
		spans := make([][2]int, len(tokens))
		for i, t := range tokens {
			spans[i] = [2]int{t.Start, t.End}
		}
		for _, v := range splitVerbs(input, spans, a.listed, nil) {
			t := tokens[v.particle]
			verbs = append(verbs, &analysis.Token{Term: []byte(stemNL(a.table, v.verb)), Start: t.Start, End: t.End, Position: t.Position, Type: splitVerbToken})
		}
	}
	tokens = append(a.filter(tokens), verbs...)
	for k, imp := range imps {
		// As Prepare's analysis does (impliedKeys): each word of the
		// compound through the filters, at the anchor's position; a term
		// the text has at that position already is not repeated.
		ts := a.filter(a.Tokenizer.Tokenize([]byte(imp.Word)))
		if imp.whole && len(ts) > 1 {
			ts = ts[:1]
		}
		for _, t := range ts {
			if slices.ContainsFunc(tokens, func(o *analysis.Token) bool { return o.Position == at[k] && string(o.Term) == string(t.Term) }) {
				continue
			}
			t.Position, t.Start, t.End = at[k], imp.Start, imp.End
			tokens = append(tokens, t)
		}
	}
	return tokens
}

// filter runs tokens through the analyzer's filters.
func (a *dutchAnalyzer) filter(tokens analysis.TokenStream) analysis.TokenStream {
	for _, f := range a.TokenFilters {
		tokens = f.Filter(tokens)
	}
	return tokens
}

// titleOf returns the kind of title the word t, as written, is. It runs
// for every word of every document indexed, so it neither allocates nor
// lower-cases more than a title's length: the titles are short and ASCII.
func titleOf(t []byte) title {
	if len(t) < 2 || len(t) > 16 {
		return notTitle
	}
	var buf [16]byte
	for k, c := range t {
		if c >= utf8.RuneSelf {
			return notTitle
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return nameTitles[string(buf[:len(t)])]
}

// capitalisedBytes reports whether the word w begins with a capital letter.
func capitalisedBytes(w []byte) bool {
	r, _ := utf8.DecodeRune(w)
	return r != utf8.RuneError && gounicode.ToLower(r) != r
}

// decompoundFilter adds a token for each part of a compound, at the
// compound's position and with its offsets, so a part query finds and
// highlights the whole word. Keyword tokens, names (nameScan) and tokens
// longer than MaxWordLen are left whole.
type decompoundFilter struct{ d Decompounder }

func (f decompoundFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for i, t := range in {
		var parts []string
		if !t.KeyWord && t.Type != nameToken && len(t.Term) <= MaxWordLen {
			parts = indexParts(f.d, string(t.Term))
		}
		if len(parts) == 0 {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = make(analysis.TokenStream, i, len(in)+2*len(parts))
			copy(out, in[:i])
		}
		out = append(out, t)
		for _, p := range parts {
			p = Fold(p)
			if p == "" || p == string(t.Term) {
				continue
			}
			out = append(out, &analysis.Token{
				Term: []byte(p), Start: t.Start, End: t.End,
				Position: t.Position, Type: t.Type,
			})
		}
	}
	if out == nil {
		return in
	}
	return out
}

// dutchStemFilter applies the override table and Snowball Dutch to every
// token not flagged as a keyword (stemNL leaves tokens longer than
// MaxWordLen as they are). Keyword tokens keep their folded form, so
// callers can protect names and terms from stemming with bleve's keyword
// marker.
type dutchStemFilter struct{ table map[string]string }

func (f dutchStemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if t.KeyWord {
			continue
		}
		t.Term = []byte(stemNL(f.table, string(t.Term)))
	}
	return in
}

// apostropheFilter strips a trailing "'s" or "'" before English stemming.
type apostropheFilter struct{}

func (apostropheFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if n := len(t.Term); n > 1 && t.Term[n-1] == '\'' {
			t.Term = t.Term[:n-1]
		} else if n > 2 && t.Term[n-1] == 's' && t.Term[n-2] == '\'' {
			t.Term = t.Term[:n-2]
		}
	}
	return in
}

// newTokenizer is the tokenizer of every chain: Unicode word boundaries
// (UAX #29), with the words a full stop joins cut apart (gluedTokenizer).
func newTokenizer() analysis.Tokenizer { return gluedTokenizer{unicode.NewUnicodeTokenizer()} }

// gluedTokenizer cuts a word at a full stop between a word and a
// capitalised one (verlengd.De, geluidsbelasting.Tegen): text extracted
// from a PDF often loses the space after a sentence, and UAX #29 keeps
// letters around a full stop together (e.g.), so neither word was found
// (4,175 such joins in the 1,423 BWB circulars). A full stop after a
// single letter or one lower-case letter (S.A, A.Th.B, Ph.D: initials) is
// no sentence's end and is left. The tokens are numbered again.
type gluedTokenizer struct{ analysis.Tokenizer }

func (g gluedTokenizer) Tokenize(input []byte) analysis.TokenStream {
	ts := g.Tokenizer.Tokenize(input)
	first := slices.IndexFunc(ts, func(t *analysis.Token) bool { return len(gluedCuts(t.Term)) > 0 })
	if first < 0 {
		return ts
	}
	// The tokens before the first glued one keep their numbers.
	out := append(make(analysis.TokenStream, 0, len(ts)+4), ts[:first]...)
	pos := ts[first].Position
	for _, t := range ts[first:] {
		cuts := gluedCuts(t.Term)
		from := 0
		for _, c := range append(cuts, len(t.Term)) {
			part := *t
			part.Term, part.Start, part.End = t.Term[from:c], t.Start+from, t.Start+c
			part.Position = pos
			pos++
			out = append(out, &part)
			from = c + 1
		}
	}
	return out
}

// gluedCuts returns the places of the full stops in term that end a
// sentence glued to the next (see gluedTokenizer).
func gluedCuts(term []byte) []int {
	var cuts []int
	seg := 0 // where the word before the stop starts
	for i := 0; i < len(term); i++ {
		if term[i] != '.' {
			continue
		}
		next, _ := utf8.DecodeRune(term[i+1:])
		lowers := 0
		for j := i; j > seg; {
			r, n := utf8.DecodeLastRune(term[seg:j])
			if !gounicode.IsLower(r) {
				break
			}
			lowers++
			j -= n
		}
		if lowers >= 2 && gounicode.IsUpper(next) {
			cuts = append(cuts, i)
		}
		seg = i + 1
	}
	return cuts
}

// newDutchAnalyzer builds the stemmed Dutch chain. d may be nil; table nil
// disables the overrides (to compare with plain Snowball).
func newDutchAnalyzer(d Decompounder, table map[string]string) analysis.Analyzer {
	filters := []analysis.TokenFilter{foldFilter{}, stopFilter{stopNL()}}
	if d == nil {
		filters = append(filters, dutchStemFilter{table})
		return &analysis.DefaultAnalyzer{Tokenizer: newTokenizer(), TokenFilters: filters}
	}
	// Names are found on the words as written, before the fold.
	filters = append(filters, decompoundFilter{d}, dutchStemFilter{table})
	return &dutchAnalyzer{analysis.DefaultAnalyzer{Tokenizer: newTokenizer(), TokenFilters: filters}, d.Split, listedOf(d), table}
}

// newExactAnalyzer builds the unstemmed chain: folded words, stop words kept
// so phrases match word for word.
func newExactAnalyzer() *analysis.DefaultAnalyzer {
	return &analysis.DefaultAnalyzer{
		Tokenizer:    newTokenizer(),
		TokenFilters: []analysis.TokenFilter{foldFilter{}},
	}
}

// exactDocAnalyzer is the exact chain for a passage's text when the
// Decompounder has a word list: it adds the separable verbs the text
// splits (splitVerbs), each as its infinitive at its particle's position
// and offsets, as the stemmed field has their keys. A participle typed as
// a query is searched in its infinitive as written (App's
// participleVerbForms): ingetrokken finds trekt … in; a quoted phrase
// "de regeling intrekken" finds "trekt de regeling in". Queries are
// analysed with the plain chain.
type exactDocAnalyzer struct {
	*analysis.DefaultAnalyzer
	listed func(string) bool
}

func (a *exactDocAnalyzer) Analyze(input []byte) analysis.TokenStream {
	tokens := a.DefaultAnalyzer.Analyze(input)
	spans := make([][2]int, len(tokens))
	for i, t := range tokens {
		spans[i] = [2]int{t.Start, t.End}
	}
	for _, v := range splitVerbs(input, spans, a.listed, nil) {
		t := tokens[v.particle]
		tokens = append(tokens, &analysis.Token{Term: []byte(v.verb), Start: t.Start, End: t.End, Position: t.Position, Type: splitVerbToken})
	}
	return tokens
}

// longWordFilter flags tokens longer than MaxWordLen as keywords, so
// that the stemmer after it leaves them as they are (see MaxWordLen).
type longWordFilter struct{}

func (longWordFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if len(t.Term) > MaxWordLen {
			t.KeyWord = true
		}
	}
	return in
}

// newEnglishAnalyzer builds the English chain: folded, possessives and stop
// words removed, Porter stemming of tokens up to MaxWordLen (bleve's
// porter filter honours KeyWord).
func newEnglishAnalyzer() *analysis.DefaultAnalyzer {
	return &analysis.DefaultAnalyzer{
		Tokenizer: newTokenizer(),
		TokenFilters: []analysis.TokenFilter{
			foldFilter{}, apostropheFilter{}, stopFilter{stopEN()}, longWordFilter{}, lemmaFilter{},
		},
	}
}

// init registers the analyzers with bleve's registry, as bleve's own
// language packages do: an index's stored mapping names its analyzers, and
// reopening it must find them. The registered Dutch analyzer has no
// Decompounder; an Index built with one analyzes its passages itself (see
// Index.Add).
func init() {
	reg := func(name string, f func() analysis.Analyzer) {
		err := registry.RegisterAnalyzer(name, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
			return f(), nil
		})
		if err != nil {
			panic(fmt.Sprintf("index: register analyzer %s: %v", name, err))
		}
	}
	reg(AnalyzerDutch, func() analysis.Analyzer { return newDutchAnalyzer(nil, overrides()) })
	reg(AnalyzerExact, func() analysis.Analyzer { return newExactAnalyzer() })
	reg(AnalyzerEnglish, func() analysis.Analyzer { return newEnglishAnalyzer() })
}
