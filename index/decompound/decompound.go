package decompound

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/index/decompound/internal/freq"
	"github.com/tolk-nl/tolk/index/decompound/internal/hyphen"
	"github.com/tolk-nl/tolk/index/decompound/internal/wordlist"
)

//go:generate go run ./internal/gen -in ../../../shared/data/opentaal-wordlist-debian/dutch.txt.gz -copyright ../../../shared/data/opentaal-wordlist-debian/debian-copyright.txt -out opentaal -hunspell-aff ../../../shared/data/hunspell-nl-debian/nl.aff -hunspell-dic ../../../shared/data/hunspell-nl-debian/nl.dic.gz -hyph ../../../shared/data/hyphen-nl-debian/hyph_nl_NL.dic -hyph-copyright ../../../shared/data/hyphen-nl-debian/debian-copyright-excerpt.txt -hyph-out hyphen-nl -freq ../../../shared/data/bwb-laws-markdown/bwb-small.jsonl.gz,../../../shared/data/bwb-laws-markdown/bwb-large.jsonl.gz -freq-out bwbfreq

// words is the OpenTaal word list compiled by internal/gen; its licence is
// opentaal/LICENSE.
//
//go:embed opentaal/words.fst
var words []byte

// patterns are the Dutch hyphenation patterns (OpenTaal/LibreOffice, from
// Debian's hyphen-nl) converted by internal/gen; their licence is
// hyphen-nl/LICENSE.
//
//go:embed hyphen-nl/hyph_nl.txt
var patterns []byte

// frequencies are the counts of the OpenTaal list's words in Dutch
// statutory text, written by internal/gen from ../shared/data/bwb-laws-markdown
// (the header of the file names source, licence and command).
//
//go:embed bwbfreq/words.txt.gz
var frequencies []byte

// Flags of a trie key: the two word-list flags plus extra.
const (
	common      = uint8(wordlist.Common)
	capitalised = uint8(wordlist.Capitalised)
	extraWord   = uint8(1 << 2)
	termWord    = uint8(1 << 3) // a one-word term of the glossary
	// Flags from the OpenTaal Hunspell dictionary (wordlist.HunListed,
	// wordlist.HunPart): Hunspell knows the word without compounding; its
	// entry is a compound building block (carries a compound flag).
	hunListed = uint8(1 << 4)
	hunPart   = uint8(1 << 5)
	// Flags set by markFamilies: the word is the head (the last part) or a
	// modifier of at least options.family compounds of the statutory word
	// counts that Split splits.
	headOfMany     = uint8(1 << 6)
	modifierOfMany = uint8(1 << 7)
	part           = common | extraWord | termWord // may be a part of a compound
)

// Splitter splits Dutch compounds into their parts. It is immutable once
// built and safe for concurrent use.
type Splitter struct {
	t     *trie
	hy    *hyphen.Patterns
	f     *counts
	opt   options
	terms bool     // the trie has terms (NewWith)
	key   [32]byte // of what the build read (snapshot.go)
}

// options are the tuning knobs; the values in defaults were chosen on the
// UD Dutch dev gold (see docs/COMPOUNDS.md).
type options struct {
	minModifier int // minimum length in bytes of a non-final part
	minHead     int // minimum length in bytes of the final part
	// The same for a word the list itself contains: such a word is often
	// lexicalised (hoofdstad, landbouw) and is split only into long parts.
	minModifierKnown int
	minHeadKnown     int
	// A known word is split only if one of its parts is a term (see
	// NewWith) or if it is at least knownMinLen bytes long and the
	// frequencies favour the split (Koehn and Knight): the geometric mean
	// of the parts' counts, each plus one, is at least alpha times the
	// word's count plus one, and every part occurs at least minPartCount
	// times. alpha is alphaShort for words under longLen bytes, alphaLong
	// from there on: a short listed compound is more often lexicalised
	// (hoofdstad, landbouw, leeftijd), so its parts must be much more
	// frequent than the whole (docs/COMPOUNDS.md gives precision and
	// recall for each value).
	knownMinLen  int
	longLen      int
	alphaShort   float64
	alphaLong    float64
	minPartCount int
	linkE        bool // accept -e- and -en- as linking sounds
	recurse      bool // split the parts again
	// hunspell uses the OpenTaal Hunspell dictionary's view of a listed
	// word. A listed word that Hunspell does not know without compounding
	// (ploegleider is an entry, ploegleiderswagen and opleidingsploeg are
	// built by its compound rules) is a productive compound: from
	// freeMinLen bytes on it is split like a word the list lacks, unless
	// the parts' geometric mean count is below freeAlpha times its own
	// count plus one (frequent as a whole: bedrijfsleven, knooppunt). A
	// listed word whose Hunspell entry carries a compound flag is a
	// building block of compounds (burgemeester, wedstrijd, weekeinde,
	// belangstelling) and is never split, not even by a term (but see
	// suffixLink).
	hunspell   bool
	freeMinLen int
	freeAlpha  float64
	// hyphenate demands that every split point be a hyphenation point of
	// the word, either where the modifier ends or where the next part
	// starts after a linking sound: Dutch hyphenation puts the linking
	// sound with the modifier (ont-wik-ke-lings-sa-men-wer-king), so
	// ontwikkeling|s|samenwerking passes at the start of samenwerking.
	hyphenate bool
	// suffixLink splits a listed word the counts would keep whole when its
	// split puts a linking -s- after a modifier ending in a suffix that
	// takes one as a rule (ontwikkeling-s-hulp, gezondheid-s-zorg): such a
	// word is built as a compound, however often it occurs whole.
	suffixLink bool
	// family and familyCount decide which listed compounds that Split keeps
	// whole a search still finds by their parts (SearchParts): those with
	// two parts whose head ends at least family of the compounds Split
	// splits among the words of the statutory counts and occurs at least
	// familyCount times as a word of its own there (and no less often than
	// the compound), and whose modifier begins at least family of them or
	// occurs familyCount times on its own. family 0 turns SearchParts off.
	family      int
	familyCount int
}

// defaults: the frequency thresholds are those of the highest recall whose
// strict precision of split points on the tuning slice of the UD Dutch dev
// nouns is at least 0.9 (docs/COMPOUNDS.md).
var defaults = options{
	minModifier: 4, minHead: 4, minModifierKnown: 4, minHeadKnown: 4,
	knownMinLen: 9, longLen: 12, alphaShort: 128, alphaLong: 6, minPartCount: 1,
	hunspell: true, freeMinLen: 9, freeAlpha: 4,
	linkE: true, recurse: true, hyphenate: true, suffixLink: true,
	family: 10, familyCount: 100,
}

// New returns a Splitter whose dictionary is the embedded OpenTaal word list
// plus the extra words (the glossary's terms, the corpus's vocabulary). Extra
// entries are lower-cased and cut at anything but letters, so a multi-word
// term adds each of its words. New panics only if the embedded artefact is
// corrupt, which the package tests rule out.
func New(extra ...[]string) *Splitter {
	return NewWith(nil, extra...)
}

// NewWith is New with terms: one-word terms of a glossary (missie,
// samenwerking). A listed word too short to be split by its length alone
// (see options.knownMinLen) is still split when one of its parts is a term,
// so that a term finds the compounds it is part of (vredesmissie,
// trainingsmissie) even where the word list also lists them. Terms of more
// than one word are not terms here (their words are extra words).
func NewWith(terms []string, extra ...[]string) *Splitter {
	s, err := newSplitter(defaults, terms, extra...)
	if err != nil {
		panic(err)
	}
	return s
}

func newSplitter(opt options, terms []string, extra ...[]string) (*Splitter, error) {
	n := len(terms)
	for _, ws := range extra {
		n += len(ws)
	}
	es, err := loadEntries(words, n)
	if err != nil {
		return nil, err
	}
	fromList := len(es) // in the FST's order
	// Each word also without its diacritics, as the word list has them: the
	// analyzer folds tokens before it splits them (Keïta → keita).
	// A word longer than maxWord can be no part of a word Split takes:
	// leaving it out keeps a pasted blob from growing the trie.
	add := func(w string, flag uint8) {
		if len(w) > maxWord {
			return
		}
		es = append(es, entry{w, flag})
		if s := wordlist.StripMarks(w); s != w {
			es = append(es, entry{s, flag})
		}
	}
	for _, ws := range extra {
		for _, w := range ws {
			for _, f := range strings.FieldsFunc(strings.ToLower(w), notLetter) {
				add(f, extraWord)
			}
		}
	}
	for _, t := range terms {
		if f := strings.FieldsFunc(strings.ToLower(t), notLetter); len(f) == 1 {
			add(f[0], termWord)
		}
	}
	hy, err := hyphenPatterns()
	if err != nil {
		return nil, err
	}
	t := buildTrie(es, fromList)
	f, err := loadCounts(t, frequencies)
	if err != nil {
		return nil, err
	}
	s := &Splitter{t: t, hy: hy, f: f, opt: opt, terms: len(terms) > 0, key: snapshotKey(opt, terms, extra)}
	if err := s.markFamilies(); err != nil {
		return nil, err
	}
	return s, nil
}

// markFamilies flags the words that head or modify at least
// options.family of the compounds Split splits among the words of the
// statutory counts (headOfMany, modifierOfMany): a word that many
// productive compounds end in (belasting, vergunning, verzekering) is
// likely what a listed compound ending in it is too (SearchParts). It
// splits each counted word once: 130–230 ms of a first start (a snapshot keeps
// the flags).
func (s *Splitter) markFamilies() error {
	if s.opt.family <= 0 {
		return nil
	}
	heads, mods := map[string]int{}, map[string]int{}
	err := readCounts(func(w string, n int) {
		if n == 0 {
			return
		}
		p := s.Split(w)
		if len(p) < 2 {
			return
		}
		heads[p[len(p)-1]]++
		for _, m := range p[:len(p)-1] {
			mods[m]++
		}
	})
	if err != nil {
		return fmt.Errorf("decompound: %w", err)
	}
	mark := func(fam map[string]int, flag uint8) {
		for w, n := range fam {
			if node := s.t.node(w); n >= s.opt.family && node >= 0 {
				s.t.flags[node] |= flag
			}
		}
	}
	mark(heads, headOfMany)
	mark(mods, modifierOfMany)
	return nil
}

// readCounts calls f with each word of the embedded statutory counts and
// its count, in the table's order.
func readCounts(f func(w string, n int)) error {
	return freq.Read(bytes.NewReader(frequencies), f)
}

// SearchParts returns the parts under which a search should find word:
// Split's parts, or, for a listed word Split keeps whole as lexicalised (a
// Hunspell building block, or too frequent as a whole), the modifier and
// head of its split without those two rules when both are productive: the
// head ends many of the compounds Split does split and is a common word of
// its own, no less common than the compound; the modifier begins many of
// them or is a common word of its own (omzetbelasting → omzet, belasting;
// verblijfsvergunning). Opaque compounds mostly fail that (burgemeester:
// few compounds end in meester; maatregel is more common than regel). Split and its figures on
// the gold stay as they are: this is a search matter (docs/COMPOUNDS.md).
func (s *Splitter) SearchParts(word string) []string {
	parts := s.Split(word)
	if parts != nil || s.opt.family <= 0 || len(word) < s.opt.knownMinLen || len(word) > 3*maxWord {
		return parts
	}
	w := strings.ToLower(word)
	// Only a listed word can be kept whole by the rules relaxed below: a
	// word the list lacks is split wherever a split exists.
	if s.t.lookup(w)&common == 0 {
		return nil
	}
	o := s.opt
	o.hunspell, o.alphaShort, o.alphaLong, o.freeAlpha, o.minPartCount = false, 0, 0, 0, 0
	parts = s.split(w, &o)
	if len(parts) != 2 {
		return nil
	}
	mod, head := parts[0], parts[1]
	if mn, mf := s.t.find(mod); mf&modifierOfMany == 0 && s.f.at(mn) < s.opt.familyCount {
		return nil
	}
	hn, hf := s.t.find(head)
	if hf&headOfMany == 0 || s.f.at(hn) < s.opt.familyCount || s.f.at(s.t.node(w)) > s.f.at(hn) {
		return nil
	}
	if sub := s.Split(head); sub != nil {
		parts = append(parts[:1], sub...)
	}
	return parts
}

// hyphenPatterns parses the embedded hyphenation patterns.
func hyphenPatterns() (*hyphen.Patterns, error) {
	hy, err := hyphen.Parse(patterns)
	if err != nil {
		return nil, fmt.Errorf("decompound: %w", err)
	}
	return hy, nil
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }

// maxWord bounds the words Split considers, so its working arrays live on
// the stack and a word costs at most a fixed amount of work; longer tokens
// are URLs, chemistry or garbage, not compounds to search by. It agrees
// with index.MaxWordLen, beyond which the analyzer does not call Split.
const maxWord = 64

// Split returns the parts of a compound, lower-cased and otherwise as the
// input spells them, with linking sounds (-s-, -e-, -en-) dropped:
// "veiligheidsdreigingen" → ["veiligheid", "dreigingen"]. It returns nil
// when word is not a compound: too short, a name, or no split into
// dictionary words of sufficient length exists. Among the splits it prefers
// the fewest parts, then the usual linking sound.
func (s *Splitter) Split(word string) []string {
	// Lower-casing shrinks a letter by at most two bytes (the Kelvin sign
	// to k), so a longer word cannot come within maxWord: it is refused
	// before it is copied.
	if len(word) > 3*maxWord {
		return nil
	}
	w := word
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			w = strings.ToLower(w)
			break
		}
	}
	parts := s.split(w, &s.opt)
	if parts == nil || !s.opt.recurse {
		return parts
	}
	// The head may be a compound itself: opbouwmissie in
	// capaciteitsopbouwmissie is in the list, but missie must be found.
	// Modifiers are not split again: landbouw and antiterrorisme are units
	// (the gold agrees), and a query names the head more often.
	last := len(parts) - 1
	if sub := s.Split(parts[last]); sub != nil {
		parts = append(parts[:last], sub...)
	}
	return parts
}

// Listed reports whether the word list has word (lower-cased) as an
// ordinary word, spelt in lower case there, and whether it has it only as
// a name (spelt with a capital: Mali, Parijs). Words the splitter took
// from the corpus or the glossary do not count: they are no evidence that
// a word is Dutch.
func (s *Splitter) Listed(word string) (listed, name bool) {
	f := s.t.lookup(strings.ToLower(word))
	return f&common != 0, f&common == 0 && f&capitalised != 0
}

// Count returns how often word (lower-cased) occurs in the statutory text
// whose counts the splitter keeps; 0 for a word the word list lacks.
func (s *Splitter) Count(word string) int {
	return s.f.at(s.t.node(strings.ToLower(word)))
}

// split returns the best split of the lower-cased w, one level deep, by
// the rules of o.
func (s *Splitter) split(w string, o *options) []string {
	n := len(w)
	if n < o.minModifier+o.minHead || n > maxWord {
		return nil
	}
	minMod, minHead := o.minModifier, o.minHead
	known := false
	node, f := s.t.find(w)
	switch {
	case f&capitalised != 0 && f&common == 0:
		// A name or an acronym: Rotterdam is no rotter+dam. The corpus
		// and the glossary, whose words are extra words, name it too;
		// that makes it a possible part (Wereldbankprogramma), not a
		// compound (Frankrijk is no frank+rijk, Bijleveld no bijl+veld).
		return nil
	case f&common != 0:
		known = true
		minMod, minHead = o.minModifierKnown, o.minHeadKnown
	}
	// link: w may have a linking -s- after a suffix (options.suffixLink),
	// a split worth finding even where the rules below keep w whole.
	link := o.suffixLink && mayLinkBySuffix(w)
	free, block := false, false
	if known && o.hunspell {
		switch {
		case f&hunListed == 0 && n >= o.freeMinLen:
			known, free = false, true // a productive compound
		case f&hunListed != 0 && f&hunPart != 0:
			if !link {
				return nil // a building block, see options.hunspell
			}
			block = true
		}
	}
	if known && n < o.knownMinLen {
		return nil // a short listed word: lexicalised, see options.knownMinLen
	}
	// byFreq: a listed word needs the counts' consent or a term.
	byFreq := known && s.f.within(o.alpha(n), s.f.at(node))
	if known && !byFreq && !s.terms && !link {
		return nil // too frequent for any split to win
	}
	var cost [maxWord + 1]int
	var end, next [maxWord + 1]int8
	var brk [maxWord + 1]bool
	if !s.best(w, minMod, minHead, nil, &cost, &end, &next) {
		return nil
	}
	if o.hyphenate {
		// Hyphenating costs about as much as the search, so it is done
		// only for the few words that have a split at all; the second
		// search can only find fewer.
		var buf [maxWord]int
		for _, b := range s.hy.Points(w, buf[:0]) {
			brk[b] = true
		}
		if !s.best(w, minMod, minHead, &brk, &cost, &end, &next) {
			return nil
		}
	}
	var parts []string
	term, suffixed := false, false
	for i := 0; i < n; i = int(next[i]) {
		p := w[i:end[i]]
		suffixed = suffixed || link && int(end[i]) < n && linkedBySuffix(w, i, int(end[i]), int(next[i]))
		// The list has genitives (vredes, volks) that make a linking -s-
		// part of the modifier; report the stem, which a query names.
		if k := len(p) - 1; next[i] == end[i] && int(end[i]) < n && p[k] == 's' && k >= minMod && s.t.lookup(p[:k])&part != 0 {
			p = p[:k]
		}
		parts = append(parts, p)
		term = term || s.t.lookup(p)&termWord != 0
	}
	if block && !suffixed {
		return nil // a building block, see options.hunspell
	}
	if known && !term && !suffixed && (!byFreq || !s.favoured(node, parts, o.alpha(n), o.minPartCount)) {
		return nil // lexicalised, as far as the counts tell
	}
	if free && !term && !suffixed && o.freeAlpha > 0 && !s.partsFrequent(node, parts, o.freeAlpha) {
		return nil // frequent as a whole: lexicalised
	}
	return parts
}

// alpha is the factor by which the parts of a listed word of n bytes must
// be more frequent than the word (see options.alphaShort).
func (o *options) alpha(n int) float64 {
	if n < o.longLen {
		return o.alphaShort
	}
	return o.alphaLong
}

// favoured reports whether the counts favour splitting the word at node
// into parts over leaving it whole, as Koehn and
// Knight's splitter decides: the geometric mean of the parts' counts (each
// plus one) is at least alpha times the word's count plus one, and every
// part has at least minPartCount occurrences.
func (s *Splitter) favoured(node int, parts []string, alpha float64, minPartCount int) bool {
	var sum float64
	for _, p := range parts {
		c := s.f.at(s.t.node(p))
		if c < minPartCount {
			return false
		}
		sum += math.Log(float64(c) + 1)
	}
	return sum/float64(len(parts)) >= math.Log(alpha*(float64(s.f.at(node))+1))
}

// partsFrequent reports whether the geometric mean of the parts' counts (each
// plus one) is at least alpha times the count of the word at node plus
// one; unlike favoured it lets parts the counts never saw through.
func (s *Splitter) partsFrequent(node int, parts []string, alpha float64) bool {
	var sum float64
	for _, p := range parts {
		sum += math.Log(float64(s.f.at(s.t.node(p))) + 1)
	}
	return sum/float64(len(parts)) >= math.Log(alpha*(float64(s.f.at(node))+1))
}

// best finds the best split of w into parts of at least minMod (modifiers)
// and minHead (the head) bytes and reports whether there is one. With brk,
// every split point must be a hyphenation point: brk[i] marks one before
// byte i (see options.hyphenate).
func (s *Splitter) best(w string, minMod, minHead int, brk *[maxWord + 1]bool, cost *[maxWord + 1]int, end, next *[maxWord + 1]int8) bool {
	n := len(w)
	hy := brk != nil // brk is read only when hy
	// cost[i] is the cost of the best split of w[i:] into parts, or -1;
	// end[i] and next[i] are where its first part ends and the second begins.
	// A forward pass marks where a part can start, so that the costly
	// backward pass walks the trie only from there: most words have no
	// dictionary prefix of four letters followed by another word.
	var reach [maxWord + 1]bool
	reach[0] = true
	for i := 0; i < n; i++ {
		if !reach[i] {
			continue
		}
		node := 0
		for j := i; j < n-1; j++ {
			if node = s.t.Child(node, w[j]); node < 0 {
				break
			}
			if e := j + 1; e-i >= minMod && s.t.flags[node]&part != 0 {
				reach[e] = reach[e] || !hy || brk[e]
				reach[e+1] = reach[e+1] || !hy || brk[e] || brk[e+1] // after -s- or -e-
				if e+2 < n {
					reach[e+2] = reach[e+2] || !hy || brk[e] || brk[e+2] // after -en-
				}
			}
		}
	}
	cost[n] = 0
	for i := n - 1; i >= 0; i-- {
		cost[i] = -1
		if !reach[i] {
			continue
		}
		node := 0
		for j := i; j < n; j++ {
			if node = s.t.Child(node, w[j]); node < 0 {
				break
			}
			e := j + 1
			if s.t.flags[node]&part == 0 {
				continue
			}
			if e == n {
				// The whole word is no split of itself: a word the list
				// knows may still be a compound (samenwerkingsverbanden).
				if i > 0 && e-i >= minHead && !notHead[w[i:e]] {
					s.consider(cost, end, next, i, e, e, partCost)
				}
				continue
			}
			if e-i < minMod || notModifier[w[i:e]] {
				continue
			}
			// The next part may start right here or after a linking sound,
			// where the word may be hyphenated (see options.hyphenate).
			if !hy || brk[e] {
				s.consider(cost, end, next, i, e, e, partCost)
			}
			if w[e] == 's' && e+1 < n && (!hy || brk[e] || brk[e+1]) {
				s.consider(cost, end, next, i, e, e+1, partCost+linkS(w[i:e]))
			}
			// -e-/-en- never turns a banned modifier into a stem plus a
			// linking sound (buit+en+land is buitenland).
			if s.opt.linkE && w[e] == 'e' && e+1 < n && !notModifier[w[i:e+1]] && !(w[e+1] == 'n' && notModifier[w[i:e+2]]) {
				if !hy || brk[e] || brk[e+1] {
					s.consider(cost, end, next, i, e, e+1, partCost+linkCost)
				}
				if w[e+1] == 'n' && e+2 < n && (!hy || brk[e] || brk[e+2]) {
					s.consider(cost, end, next, i, e, e+2, partCost+linkCost)
				}
			}
		}
	}
	return cost[0] >= 0 && end[0] != int8(n)
}

// notModifier holds words that are no first part of a compound although the
// list has them: particles and prepositions, whose "compounds" are mostly
// derivations of particle verbs (voorbereiding, overwinning, onderneming,
// tegenstander) and whose parts do not mean what the whole means.
var notModifier = map[string]bool{
	"voor": true, "onder": true, "over": true, "achter": true, "tegen": true,
	"buiten": true, "samen": true, "neder": true, "mede": true, "door": true,
	"terug": true, "bijeen": true, "binnen": true, "boven": true, "weder": true,
	"zelf": true, "trans": true, "open": true, "toe": true, "uit": true, "mis": true,
	// Strings that begin other words more often than they modify a head:
	// vers-chillen, opper-vlakte, mono-grafie, best-uren, gele-deren.
	"vers": true, "opper": true, "mono": true, "poly": true, "best": true, "gele": true,
}

// notHead holds words that are no last part of a compound although the
// list has them: they are also derivational suffixes (broeder-schap,
// mogelijk-heden, spreek-ster, special-isme, dreige-ment), or strings
// that the list has as words but that end other words by chance (kind-eren).
var notHead = map[string]bool{
	"schap": true, "schappen": true, "heden": true, "heid": true,
	"ster": true, "sters": true, "isme": true, "ismen": true,
	"ment": true, "menten": true, "eren": true, "aren": true,
	"ing": true, "ingen": true, "king": true, "kingen": true,
	"ding": true, "dingen": true, "ling": true, "lingen": true,
	"nis": true, "nissen": true, "tie": true, "ties": true,
	"natie": true, "naties": true, "teit": true, "iteit": true,
	// Word endings the list happens to have as words: dien-sten,
	// legio-enen, boerde-rijen, beleg-gers, ontdek-kers, overwin-naar,
	// waar-nemer, uitzond-ring, ontsnap-ping, tract-aten, protest-anten.
	"sten": true, "enen": true, "rijen": true, "gers": true, "kers": true,
	"naar": true, "naars": true, "nemer": true, "nemers": true, "ring": true,
	"ringen": true, "ping": true, "zing": true, "aten": true, "anten": true,
	"ellen": true, "tijk": true, "tijken": true, "duwen": true,
	// Adjective and adverb suffixes the list has as words: verantwoorde-lijk,
	// induceer-baar, tucht-loos, verhoudings-gewijs, and -rijk, which makes
	// adjectives of nouns (belang-rijk, invloed-rijk, kans-rijk): such a
	// word is not its modifier (belangrijk is not belang) nor the noun rijk.
	// The few nouns with rijk (realm) as their head (koninkrijk,
	// dierenrijk) are lexicalised: whole, they lose nothing.
	"lijk": true, "lijke": true, "baar": true, "bare": true, "loos": true,
	"loze": true, "gewijs": true, "gewijze": true, "rijk": true, "rijke": true,
	// Their comparatives and superlatives, and those of -vol (succesvol,
	// waardevol), which the list has as words of their own (rijker,
	// volste): belangrijkste is no belang, succesvolste no succes.
	"lijker": true, "lijkere": true, "lijkst": true, "lijkste": true,
	"baarder": true, "baardere": true, "baarst": true, "baarste": true,
	"lozer": true, "lozere": true, "loost": true, "loosste": true,
	"rijker": true, "rijkere": true, "rijkst": true, "rijkste": true,
	"voller": true, "vollere": true, "volst": true, "volste": true,
}

// Costs of a split: each part costs partCost, so fewer parts always win;
// linking sounds break ties between splits with as many parts.
const (
	partCost = 10000
	linkCost = 200
)

// lenBonus[n] is 100·ln(n), subtracted per part of n bytes: with as many
// parts, balanced splits win (landbouw+beleid over land+bouwbeleid), as in
// Koehn and Knight's geometric mean.
var lenBonus = func() (b [maxWord + 1]int) {
	for n := 1; n <= maxWord; n++ {
		b[n] = int(100 * math.Log(float64(n)))
	}
	return b
}()

// linkS is the cost of a linking -s- after modifier: none after the suffixes
// that take it as a rule (ontwikkeling-s-, veiligheid-s-, capaciteit-s-), so
// regeringsleden is regering+s+leden, not regering+sleden.
func linkS(modifier string) int {
	for _, suf := range linkSuffixes {
		if strings.HasSuffix(modifier, suf) {
			return -100
		}
	}
	return 100
}

// linkSuffixes are the suffixes that take a linking -s- as a rule.
var linkSuffixes = [...]string{"ing", "heid", "teit", "schap", "dom"}

// mayLinkBySuffix reports whether w has one of linkSuffixes followed by an
// s before its last letter: a cheap test before the split is searched.
func mayLinkBySuffix(w string) bool {
	for _, suf := range linkSuffixes {
		for i := 0; ; {
			j := strings.Index(w[i:], suf)
			if j < 0 {
				break
			}
			if e := i + j + len(suf); e+1 < len(w) && w[e] == 's' {
				return true
			}
			i += j + 1
		}
	}
	return false
}

// linkedBySuffix reports whether the part of w from i to e, followed by
// the next part at k, is a modifier that ends in a suffix taking a linking
// -s- as a rule and is followed by one: w[e] is that s (k == e+1), or the
// list has the genitive and the part itself ends in it (k == e).
func linkedBySuffix(w string, i, e, k int) bool {
	switch {
	case k == e+1 && w[e] == 's':
		return linkS(w[i:e]) < 0
	case k == e && e-i > 1 && w[e-1] == 's':
		return linkS(w[i:e-1]) < 0
	}
	return false
}

// consider records the split of w[i:] whose first part is w[i:e] and whose
// rest starts at k, if it is possible and cheaper than the best so far.
func (s *Splitter) consider(cost *[maxWord + 1]int, end, next *[maxWord + 1]int8, i, e, k, c int) {
	if cost[k] < 0 {
		return
	}
	c += cost[k] - lenBonus[k-i]
	if cost[i] < 0 || c < cost[i] {
		cost[i], end[i], next[i] = c, int8(e), int8(k)
	}
}
