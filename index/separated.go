package index

import (
	"bytes"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A Dutch main clause splits a separable verb: the finite verb comes
// second and its particle goes to the end of the clause ("de minister
// trekt de regeling in", "het kabinet stelt de Kamer voor om …"), and a
// te-infinitive puts te between them ("voorstellen om de regeling in te
// trekken"). A subordinate clause joins them (dat de minister de regeling
// intrekt), so only there did a search for intrekken find the text. The
// Dutch analyzer with a word list (a Decompounder that has one) finds the
// split verb and indexes the whole verb's key as an extra token at the
// particle's position, where a subordinate clause would have the verb:
// intrekken, voorgesteld (through its infinitive) and a glossary term
// with the verb find the main clause too.
//
// A particle is a preposition as often: "hij gaat voor de deur staan" has
// no voorgaan in it. The particle of a split verb ends the clause's middle
// field, so it is taken only
//
//   - at the end of the clause: before punctuation or the end of the text,
//     or before a word that begins another clause or phrase (followers: a
//     conjunction, a relative, dat, or a lower-case preposition, an
//     extraposed phrase: "trekt de regeling in met ingang van 1 januari");
//     om only before punctuation (else it is om te);
//   - not after an article or a demonstrative (een plaats: a noun) nor
//     after an R-pronoun (zorgt er voor dat: a preposition);
//   - with a finite form of the verb before it in the same clause, at most
//     splitWindow words before, no punctuation or clause start
//     (clauseStarts) between, nor an auxiliary, the clause's finite verb;
//     the form most surely finite is taken (finiteVerbOf's rank), and
//     forms that are often nouns are not taken after an article (de
//     werken, geen lengte);
//   - or before te and the infinitive (op te schorten);
//   - only when the word list has the particle and the verb joined, as a
//     separable verb (separable: inwerken, not inbijten), the verb one the
//     finite form may be of by finiteForms' rules undone
//     (infinitiveCandidates: trekt → trekken, stelde → stellen).
//
// The exact field has the verb's infinitive at the same place
// (exactDocAnalyzer), for the forms a query searches as written.
//
// The auxiliaries (auxiliaryForms) take no particle here: in "heeft de
// regeling ingetrokken" the participle has it. TestSplitVerbsUD measures
// the rules against the UD Dutch treebanks' compound:prt relations.

// The extra token is a second term at a position the text has already,
// as a compound's parts are, but it is not one of the text's words: it
// does not count in the field's length, the BM25 norm (bleve's
// TextField.Analyze counts every token: length = len(tokens), so the
// stemmed, exact and heading fields of a passage that split a verb were
// one word longer, and every query's scores of it changed). The
// analyzers mark it (splitVerbToken), indexText leaves it out of the
// length, and Prepare's analysis does as indexText does.

// splitWindow is the most words between a finite verb and its particle.
const splitWindow = 10

// splitVerb is a separable verb a text has split: the word at particle
// (an index into the spans) is its particle, verb the infinitive.
type splitVerb struct {
	particle int
	finite   int // the index of the verb's word
	verb     string
}

// wordLister is a Decompounder with a word list (decompound.Splitter):
// the analyzer finds split verbs with it.
type wordLister interface {
	Listed(word string) (listed, name bool)
}

// listedOf returns d's word list as a listed function, nil when d has
// none.
func listedOf(d Decompounder) func(string) bool {
	l, ok := d.(wordLister)
	if !ok {
		return nil
	}
	return func(w string) bool {
		ok, _ := l.Listed(w)
		return ok
	}
}

// splitVerbs returns the separable verbs text splits, its words at spans
// (start, end offsets in order), by the word list listed. folded is each
// word Fold-ed when the caller has them (Prepare's analysis), else nil.
func splitVerbs(text []byte, spans [][2]int, listed func(string) bool, folded []string) []splitVerb {
	var out []splitVerb
	words := folded // filled as needed when nil
	word := func(i int) string {
		if words == nil {
			words = make([]string, len(spans))
		}
		if words[i] == "" {
			words[i] = Fold(string(text[spans[i][0]:spans[i][1]]))
		}
		return words[i]
	}
	// apart reports whether punctuation stands between word i and i+1.
	apart := func(i int) bool {
		return i+1 >= len(spans) || hasClausePunct(text[spans[i][1]:spans[i+1][0]])
	}
	for j, s := range spans {
		if !isParticle(text[s[0]:s[1]]) {
			continue
		}
		p := word(j)
		if j+2 < len(spans) && !apart(j) && word(j+1) == "te" && !apart(j+1) {
			// op te schorten: the infinitive follows, or an auxiliary's
			// and then it (af te kunnen snijden).
			k := j + 2
			if auxiliarySet()[word(k)] && k+1 < len(spans) && !apart(k) {
				k++
			}
			if inf := word(k); strings.HasSuffix(inf, "n") && listed(p+inf) && separableVerb(p, inf, listed) {
				out = append(out, splitVerb{j, k, p + inf})
			}
			continue
		}
		if j > 0 && !apart(j-1) && (determiners[word(j-1)] || rPronouns[word(j-1)]) {
			// een plaats: a noun; er voor, daar mee: a preposition.
			continue
		}
		if !apart(j) {
			// om before anything but a full stop or comma is om te.
			next := word(j + 1)
			if p == "om" || !followers[next] || prepositions[next] && capitalisedBytes(text[spans[j+1][0]:spans[j+1][1]]) {
				continue
			}
		}
		// The nearest form of the highest rank (finiteVerbOf); a weak past
		// after an article or a form in -en after a determiner is a noun
		// (geen lengte, die stoffen), either capitalised inside the
		// clause a name or a noun (de Spelen).
		best, bestRank, at := "", 0, 0
		for i := j - 1; i >= 0 && i >= j-1-splitWindow; i-- {
			if apart(i) {
				break
			}
			w := word(i)
			if auxiliarySet()[w] {
				// The clause's finite verb: a form in -en after it is an
				// infinitive (zou zijn opwachting maken in …).
				if bestRank == 1 {
					best, bestRank = "", 0
				}
				break
			}
			if clauseStarts[w] {
				// die and dat are articles too: geven die stoffen af.
				if i > 0 && !apart(i-1) && (w == "die" || w == "dat") && bestRank < 2 {
					if inf, rank := finiteVerbOf(word(i-1), p, listed); rank > bestRank {
						best, bestRank, at = inf, rank, i-1
					}
				}
				break
			}
			inf, rank := finiteVerbOf(w, p, listed)
			if rank < 3 && i > 0 && !apart(i-1) && capitalisedBytes(text[spans[i][0]:spans[i][1]]) ||
				rank == 1 && i > 0 && !apart(i-1) && determiners[word(i-1)] ||
				rank == 2 && i > 0 && !apart(i-1) && articles[word(i-1)] {
				continue
			}
			if rank > bestRank {
				best, bestRank, at = inf, rank, i
			}
		}
		if best != "" {
			out = append(out, splitVerb{j, at, p + best})
		}
	}
	return out
}

// finiteVerbOf returns the verb of which w is a finite form and p a
// separable particle by the word list, and how sure the form is finite: 3
// for stem+t and a strong past, 2 for a weak past, 1 for the plural
// present in -en (also an infinitive); the last two are often nouns too
// (de lengte, de werken); 0 for none.
func finiteVerbOf(w, p string, listed func(string) bool) (string, int) {
	if len(w) < 2 || auxiliarySet()[w] || prepositions[w] {
		return "", 0
	}
	for _, inf := range infinitiveCandidates(w) {
		if !listed(p+inf) || !separableVerb(p, inf, listed) {
			continue
		}
		switch {
		case inf == w:
			return inf, 1 // de werken
		case isWeakPast(w) && strongPasts()[w] == "":
			return inf, 2 // de lengte
		}
		return inf, 3
	}
	return "", 0
}

// separableVerb reports whether p+inf is the separable verb of particle
// p and verb inf (separable).
func separableVerb(p, inf string, listed func(string) bool) bool {
	rest, ok := separable(p+inf, p, listed)
	return ok && rest == inf && VerbForms(inf) != nil
}

// infinitiveCandidates returns the infinitives of which the folded word w
// may be a finite form, by the rules finiteForms makes them with: the
// plural present (the infinitive itself), stem+t, the weak past and
// strongVerbs' pasts, each stem written as an infinitive may write it
// (weakStems). Most are no verbs; the caller checks.
func infinitiveCandidates(w string) []string {
	var out []string
	if inf, ok := strongPasts()[w]; ok {
		out = append(out, inf)
	}
	if inf, ok := irregularPresentOf()[w]; ok {
		out = append(out, inf)
	}
	n := len(w)
	if n >= 4 && strings.HasSuffix(w, "en") {
		out = append(out, w)
	}
	var stems []string
	switch {
	case n >= 5 && (strings.HasSuffix(w, "den") || strings.HasSuffix(w, "ten")):
		stems = append(stems, w[:n-3])
	case n >= 4 && (strings.HasSuffix(w, "de") || strings.HasSuffix(w, "te")):
		stems = append(stems, w[:n-2])
	}
	if n >= 3 && w[n-1] == 't' {
		stems = append(stems, w[:n-1], w) // zet: the stem ends in t itself
	}
	for _, s := range stems {
		if len(s) < 2 {
			continue
		}
		for _, st := range weakStems(s) {
			out = append(out, st+"en")
		}
	}
	return out
}

// strongPasts maps the pasts of strongVerbs (and otherPast) to their
// infinitive: trok, trokken → trekken.
var strongPasts = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for root, f := range strongVerbs {
		m[f[0]], m[f[1]] = root, root
	}
	for root, f := range otherPast {
		m[f[0]], m[f[1]] = root, root
	}
	return m
})

// irregularPresentOf maps the forms of irregularPresent to their
// infinitive: gaat → gaan, komt → komen.
var irregularPresentOf = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for inf, f := range irregularPresent {
		m[f[0]], m[f[1]] = inf, inf
	}
	return m
})

var particleSet = sync.OnceValue(func() map[string]bool { return setOf(particles...) })

// isParticle reports whether the word w, as written, is one of particles
// in any case. It runs for every word indexed, so it does not allocate:
// the particles are short and ASCII.
func isParticle(w []byte) bool {
	if len(w) < 2 || len(w) > 7 {
		return false
	}
	var buf [7]byte
	for i, c := range w {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return particleSet()[string(buf[:len(w)])]
}

var auxiliarySet = sync.OnceValue(func() map[string]bool { return setOf(auxiliaryForms...) })

// hasClausePunct reports whether the text between two words has a mark
// that ends a clause or sets a phrase apart. A line break does not: text
// extracted from a PDF breaks its lines anywhere.
func hasClausePunct(between []byte) bool {
	for _, r := range string(between) {
		switch r {
		case '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '"', '“', '”', '«', '»', '…', '–', '—', '/':
			return true
		}
	}
	// A dash between spaces, not a hyphen (lid-staten).
	return bytes.Contains(between, []byte(" -")) || bytes.Contains(between, []byte("- "))
}

// clauseStarts begin a clause, folded: the subordinating conjunctions
// but als (also "as": zowel … als, sloot het evenement als negende af),
// the relatives, om (om te) and the coordinating conjunctions but en and
// of, which join phrases within a clause more often (stelt de wijziging
// en de aanpassing voor). A closed class of Dutch function words, as a
// grammar lists them. A finite verb is not looked for beyond one.
var clauseStarts = setOf(
	"dat", "die", "wat", "wie", "welke", "hetgeen", "omdat", "indien", "wanneer", "terwijl", "nadat",
	"voordat", "totdat", "zodat", "opdat", "doordat", "hoewel", "ofschoon", "tenzij", "mits", "zodra", "zolang",
	"aangezien", "alvorens", "waar", "waarin", "waarop", "waarmee", "waarvan", "waardoor", "waarbij", "waaraan",
	"waarover", "waarna", "waartoe", "waaruit", "om", "maar", "want", "zoals",
)

// followers may come after a split verb's particle: a word that begins
// another clause (clauseStarts, als, dan, en, of) or a phrase: a
// preposition (trekt de regeling in met ingang van 1 januari; stelt voor
// aan de Kamer), not capitalised (nam … voor Van der Vaart).
var followers = func() map[string]bool {
	m := setOf("als", "dan", "en", "of")
	for w := range clauseStarts {
		m[w] = w != "die" // more often an article here: er in die periode
	}
	for w := range prepositions {
		m[w] = true
	}
	return m
}()

// prepositions are the Dutch prepositions, folded: a closed class.
var prepositions = setOf(
	"aan", "achter", "bij", "binnen", "boven", "buiten", "door", "in", "langs", "met", "na", "naar", "naast", "om",
	"onder", "op", "over", "per", "sinds", "tegen", "tot", "tussen", "uit", "van", "vanaf", "via", "volgens", "voor",
	"zonder",
)

// articles make a noun of a weak past after them (de lengte), folded.
var articles = setOf("de", "het", "een", "geen")

// rPronouns make a preposition of a particle right after them (zorgt er
// voor dat; daar mee): the Dutch R-pronouns, folded.
var rPronouns = setOf("er", "daar", "hier", "waar")

// determiners make a noun of the particle after them (een plaats, de
// aanvang): articles and demonstratives, folded.
var determiners = setOf("de", "het", "een", "deze", "dit", "die", "dat", "geen", "elke", "ieder", "iedere", "zijn", "haar", "hun")

// indexText is a text field whose analysis is not bleve's TextField's:
// its analyzer may add split verbs' tokens (splitsVerbs), which its
// length, the BM25 norm's, does not count (splitVerbToken); and the first
// label bytes of its value, a speaker label (Passage.Speaker), are stored
// and shown but not analysed.
type indexText struct {
	*document.TextField
	label  int
	length int
	freqs  bindex.TokenFrequencies
}

func (f *indexText) Analyze() {
	v := f.analysed()
	tokens := f.Analyzer().Analyze(v)
	f.length = 0
	for _, t := range tokens {
		if t.Type != splitVerbToken {
			f.length++
		}
	}
	f.freqs = analysis.TokenFrequency(tokens, f.ArrayPositions(), f.Options())
}

// analysed returns the bytes to analyse: the value with its label blanked
// (spaces, so that every word keeps its offsets in the stored text), a
// copy when the value is stored, as TextField.Analyze copies it, since the
// tokens hold the bytes analysed.
func (f *indexText) analysed() []byte {
	v := f.Value()
	if f.label == 0 && !f.Options().IsStored() {
		return v
	}
	v = bytes.Clone(v)
	for i := range min(f.label, len(v)) {
		v[i] = ' '
	}
	return v
}

func (f *indexText) AnalyzedLength() int                               { return f.length }
func (f *indexText) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }
func (f *indexText) Size() int                                         { return f.TextField.Size() + f.freqs.Size() }

// newTextField returns a text field of value analysed by a, its first
// label bytes left out: an indexText when a adds split verbs' tokens or
// there is a label, else bleve's own.
func newTextField(name string, value []byte, label int, opts bindex.FieldIndexingOptions, a analysis.Analyzer) document.Field {
	f := document.NewTextFieldCustom(name, nil, value, opts, a)
	if label > 0 || splitsVerbs(a) {
		return &indexText{TextField: f, label: label}
	}
	return f
}

// splitsVerbs reports whether the analyzer a adds split verbs' tokens.
func splitsVerbs(a analysis.Analyzer) bool {
	switch a := a.(type) {
	case *dutchAnalyzer:
		return a.listed != nil
	case *exactDocAnalyzer:
		return true
	}
	return false
}
