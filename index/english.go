package index

import "strings"

// TermKey returns the key by which glossary terms are compared with text
// and queries in language lang. For Dutch it is [Key]. For English it
// removes inflection only: plural and third-person -s/-es/-ies, possessive
// 's, -ed, -ing, the comparative and superlative of common adjectives, and
// common irregular plurals, so that sanctions, coups, condemned and
// policies meet sanction, coup, condemn and policy, while derivations stay
// apart (operations ≠ operational, established ≠ establishment,
// implementation ≠ implement, import ≠ importance), where [Key]'s Porter
// stemmer merges them. The key is not a dictionary form ("required" and
// "require" both give "requir"): only equality between keys means anything.
// Any other lang folds only, as [Key] does, and so does a word longer
// than [MaxWordLen].
//
// Since analysis 21 [Key] keys English by the same inflection key. For
// Dutch TermKey also keeps apart what Snowball's derivational steps join:
// a noun in -ing or -heid (and its plural) is not its verb or adjective
// (belasting, tax, is not belast, charged; regeling is not regelen;
// veiligheid is not veilig), so the key of such a noun carries its
// suffix. A search, which uses Key, still finds both.
func TermKey(lang, word string) string {
	k := Key(lang, word)
	if lang != "nl" || len(k) > MaxWordLen {
		return k
	}
	switch f := Fold(strings.TrimSpace(word)); {
	case strings.HasSuffix(f, "ing"), strings.HasSuffix(f, "ingen"):
		return k + "\x00ing"
	case strings.HasSuffix(f, "heid"), strings.HasSuffix(f, "heden"):
		return k + "\x00heid"
	}
	return k
}

// lemmaEN returns the inflection key of a folded English word. It follows
// the inflectional steps of Porter's algorithm (1a, 1b and 5: plural -s,
// -ed and -ing with the e, double consonant and -ll repairs that make every
// form of a word agree), leaves out the derivational ones (steps 2 to 4,
// which take -ational, -ment, -ance and the like), turns -ies into -y
// rather than every final y into i, and looks words up in the tables below
// first.
func lemmaEN(w string) string {
	if l, ok := irregularEN[w]; ok {
		return dropFinalE(l)
	}
	if i := strings.LastIndexByte(w, '-'); i >= 0 && i < len(w)-1 {
		// A hyphenated word inflects its last part (co-operating,
		// member-states); callers that split at hyphens never pass one.
		return w[:i+1] + lemmaEN(w[i+1:])
	}
	if keepEN[w] || !isASCIILower(w) {
		return w
	}
	w = pluralEN(w)
	if l, ok := irregularEN[w]; ok {
		return dropFinalE(l)
	}
	w = verbEN(w)
	return dropFinalE(w)
}

func isASCIILower(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return w != ""
}

// pluralEN removes a plural or third-person -s (Porter step 1a, with -ies
// → -y, and -es after a sibilant removed whole).
func pluralEN(w string) string {
	n := len(w)
	switch {
	case n < 4 || w[n-1] != 's':
		return w
	case strings.HasSuffix(w, "ies"):
		if n > 4 {
			return w[:n-3] + "y" // policies, parties, applies
		}
		return w[:n-1] // ties, lies
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zzes"):
		return w[:n-2] // processes, taxes, approaches, wishes
	case strings.HasSuffix(w, "oes") && n > 5:
		return w[:n-2] // embargoes, vetoes, heroes (but shoes, toes)
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w // process, status, analysis
	}
	return w[:n-1]
}

// verbEN removes -ed and -ing (Porter step 1b): only when what remains has
// a vowel (bed, sing and thing stay), and then repairs the stem so that it
// meets the stem of the bare verb: rated → rate, planned → plan, hoped →
// hope.
func verbEN(w string) string {
	n := len(w)
	var stem string
	switch {
	case strings.HasSuffix(w, "eed"):
		if keepEED[w] || n <= 4 {
			return w // exceed, proceed, need
		}
		return w[:n-1] // agreed, guaranteed
	case strings.HasSuffix(w, "ied") && n > 4:
		return w[:n-3] + "y" // applied, denied
	case strings.HasSuffix(w, "ed"):
		stem = w[:n-2]
	case strings.HasSuffix(w, "ing"):
		stem = w[:n-3]
	default:
		return w
	}
	if len(stem) < 2 || !hasVowelEN(stem) {
		return w
	}
	k := len(stem)
	switch {
	case k == 2 && isVowelAt(stem, 0) && !isVowelAt(stem, 1):
		return stem + "e" // used, aged, owed
	case strings.HasSuffix(stem, "at"), strings.HasSuffix(stem, "bl"), strings.HasSuffix(stem, "iz"):
		return stem + "e" // related, troubled, organized
	case k >= 2 && stem[k-1] == stem[k-2] && !isVowelAt(stem, k-1) && !strings.ContainsRune("lsz", rune(stem[k-1])):
		return stem[:k-1] // planned, committed (but called, passed)
	case measure(stem) == 1 && cvc(stem):
		return stem + "e" // hoped, making
	}
	return stem
}

// dropFinalE removes a final e that Porter's step 5 removes (a stem of two
// or more syllables, or of one that does not end consonant–vowel–
// consonant) but keeps it after two letters (use must not become us),
// and turns -ll into -l in long stems, so that require and required,
// control and controlled meet.
func dropFinalE(w string) string {
	n := len(w)
	if n > 3 && w[n-1] == 'e' {
		stem := w[:n-1]
		if m := measure(stem); m > 1 || (m == 1 && !cvc(stem)) {
			w = stem
		}
	}
	if n := len(w); n > 2 && strings.HasSuffix(w, "ll") && measure(w) > 1 {
		w = w[:n-1]
	}
	return w
}

// isVowelAt reports whether w[i] is a vowel: a, e, i, o, u, and y after a
// consonant.
func isVowelAt(w string, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	case 'y':
		return i > 0 && !isVowelAt(w, i-1)
	}
	return false
}

func hasVowelEN(w string) bool {
	for i := range len(w) {
		if isVowelAt(w, i) {
			return true
		}
	}
	return false
}

// measure is Porter's m: the number of vowel–consonant sequences in w.
func measure(w string) int {
	m := 0
	prevVowel := false
	for i := range len(w) {
		v := isVowelAt(w, i)
		if prevVowel && !v {
			m++
		}
		prevVowel = v
	}
	return m
}

// cvc reports whether w ends consonant–vowel–consonant, the last not w, x
// or y (hop, rat, but not snow or box): the shape of a short stem that
// lost its e (hoped) rather than one that doubles its consonant.
func cvc(w string) bool {
	n := len(w)
	if n < 3 || isVowelAt(w, n-1) || !isVowelAt(w, n-2) || isVowelAt(w, n-3) {
		return false
	}
	return !strings.ContainsRune("wxy", rune(w[n-1]))
}

// keepEN are words the rules would take for inflected forms but that are
// words of their own: nouns in -s whose form without it means something
// else (news, means, arms), -ing words that are no verb form (during,
// morning, and according, which must not meet accord), -ics fields
// (economics is not the plural of economic), and words whose stem is
// another word (United Nations must not meet unit, humane not human).
var keepEN = setOf(
	"news", "means", "series", "species", "arms", "customs", "goods", "headquarters", "premises",
	"economics", "politics", "physics", "ethics", "mathematics", "logistics", "linguistics", "electronics",
	"alias", "atlas", "bias", "canvas", "whereas", "overseas", "always", "perhaps", "towards", "afterwards",
	"during", "morning", "evening", "nothing", "something", "anything", "everything", "notwithstanding",
	"ceiling", "sterling", "according", "humane",
	"hundred", "sacred", "naked", "wicked", "kindred", "united",
)

// keepEED are verbs and nouns that end in -eed themselves.
var keepEED = setOf("exceed", "proceed", "succeed", "indeed", "speed", "breed", "bleed", "greed", "creed", "steed", "tweed")

// irregularEN maps irregular plurals and the comparatives and superlatives
// of common adjectives to their base form. Suppletive forms (better, worse,
// further) are left alone: "best efforts" is no glossary match for "good".
var irregularEN = func() map[string]string {
	m := map[string]string{
		"men": "man", "women": "woman", "chairmen": "chairman", "chairwomen": "chairwoman",
		"spokesmen": "spokesman", "spokeswomen": "spokeswoman", "businessmen": "businessman",
		"fishermen": "fisherman", "seamen": "seaman", "servicemen": "serviceman", "policemen": "policeman",
		"children": "child", "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "oxen": "ox",
		"criteria": "criterion", "phenomena": "phenomenon", "analyses": "analysis", "crises": "crisis",
		"theses": "thesis", "hypotheses": "hypothesis", "diagnoses": "diagnosis", "syntheses": "synthesis",
		"parentheses": "parenthesis", "emphases": "emphasis", "indices": "index", "appendices": "appendix",
		"matrices": "matrix", "curricula": "curriculum", "memoranda": "memorandum", "addenda": "addendum",
		"corrigenda": "corrigendum", "strata": "stratum", "alumni": "alumnus", "stimuli": "stimulus",
		"nuclei": "nucleus", "radii": "radius", "lives": "life", "wives": "wife", "knives": "knife",
		"halves": "half", "shelves": "shelf", "thieves": "thief", "wolves": "wolf",
		"bigger": "big", "biggest": "big",
	}
	for _, a := range []string{"great", "large", "small", "high", "low", "wide", "broad", "strong", "weak",
		"long", "short", "old", "new", "late", "close", "near", "hard", "clear", "deep", "fair", "full",
		"poor", "rich", "safe", "tight", "young", "few", "strict", "severe"} {
		if strings.HasSuffix(a, "e") {
			m[a+"r"], m[a+"st"] = a, a
		} else {
			m[a+"er"], m[a+"est"] = a, a
		}
	}
	for _, a := range []string{"early", "easy", "heavy", "busy", "happy"} {
		b := strings.TrimSuffix(a, "y")
		m[b+"ier"], m[b+"iest"] = a, a
	}
	return m
}()

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
