package index

import (
	"slices"
	"strings"
)

// TermForms returns the written forms of a glossary term that a text may
// use and that TermKey does not take to the term's key, for the term
// matcher (match.Options.Forms): for a Dutch verb its regular and strong
// forms (VerbForms: veroordeelde, veroordeeld, opgeschort) and the split
// te-infinitive of a separable one (op te schorten); for a Dutch
// adjective its inflected form (militaire, Nederlandse, autonome); for a
// noun of any language its plural, when given. In a phrase the verb or
// adjective is its last word that has forms (het hoofd bieden → het hoofd
// geboden), else its first (oproepen tot → opgeroepen tot). Forms no text
// uses cost a lookup nothing; the term itself is not among them. listed
// is the word list, which says whether a verb on a root of one syllable
// is separable (tegengaan: gaat tegen, tegen te gaan; see separable);
// nil for none.
func TermForms(lang, pos, text, plural string, listed func(string) bool) []string {
	var out []string
	if plural != "" && plural != text {
		out = append(out, plural)
	}
	if lang != "nl" {
		return out
	}
	var of func(string) []string
	switch pos {
	case "verb":
		of = func(w string) []string { return verbWordForms(w, listed) }
	case "adjective":
		of = func(w string) []string {
			if f := AdjectiveE(w); f != "" {
				return []string{f}
			}
			return nil
		}
	default:
		return out
	}
	ws := strings.Fields(text)
	if len(ws) == 0 || len(ws) > 6 {
		return out
	}
	for _, i := range []int{len(ws) - 1, 0} {
		// A hyphenated adjective inflects its last part (civiel-geleide).
		w := ws[i]
		head, last := "", w
		if j := strings.LastIndexByte(w, '-'); j >= 0 && pos == "adjective" {
			head, last = w[:j+1], w[j+1:]
		}
		fs := of(last)
		if len(fs) == 0 {
			continue
		}
		for _, f := range fs {
			v := append([]string(nil), ws...)
			v[i] = head + caseLike(last, f)
			out = append(out, strings.Join(v, " "))
		}
		break
	}
	if pos == "verb" {
		out = append(out, mainClauseForms(ws, listed)...)
	}
	return out
}

// mainClauseForms returns the forms of a Dutch verb term in a main
// clause, where the finite verb comes second and a separable verb's
// particle goes to the end: oproepen tot → riep op tot, roept op tot;
// aankondigen → kondigde aan; het hoofd bieden → bood het hoofd; steun
// uitspreken → sprak steun uit. The finite forms are the present (stem,
// stem+t, and the plural, which is the infinitive) and the past (the weak
// rules' and, for a strong verb or a compound of one, strongVerbs').
// Words between the verb and the rest (kondigde verkiezingen aan, roept
// de junta op tot) are SeparatedForms', which the matcher matches apart.
func mainClauseForms(ws []string, listed func(string) bool) []string {
	mc, ok := mainClause(ws, listed)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range mc.finite {
		out = append(out, f+" "+mc.rest)
	}
	return out
}

// clauseForm is a Dutch verb term as a main clause has it: a finite verb
// form first, then the rest of the term, the verb's particle moved to the
// end when the verb comes last in the term (steun uitspreken → spreekt
// steun uit) and after the verb when it comes first (oproepen tot → roept
// op tot).
type clauseForm struct {
	finite   []string // the plural present, stem, stem+t, past, past plural
	bare     []string // the stem, where it differs from stem+t: a finite verb only with ik, je or as an imperative
	rest     string
	verbLast bool // the verb was the term's last word: the rest ends the clause
	particle bool
}

// mainClause returns the main-clause form of the Dutch verb term ws, or
// false when ws has no verb at either end or is a one-word verb without a
// particle (whose inflected forms are VerbForms'). Whether the verb has a
// particle is separable's to say, by the word list listed (nil for none).
func mainClause(ws []string, listed func(string) bool) (clauseForm, bool) {
	i := -1
	switch {
	case VerbForms(ws[len(ws)-1]) != nil:
		i = len(ws) - 1
	case VerbForms(ws[0]) != nil:
		i = 0
	default:
		return clauseForm{}, false
	}
	w := strings.ToLower(ws[i])
	particle, verb := "", w
	for _, p := range particles {
		if rest, ok := separable(w, p, listed); ok {
			particle, verb = p, rest
			break
		}
	}
	if particle == "" && len(ws) == 1 {
		return clauseForm{}, false
	}
	finite := finiteForms(verb)
	var bare []string
	if finite[1] != finite[2] {
		bare = []string{finite[1]}
	}
	var rest []string
	if i == 0 {
		if particle != "" {
			rest = append(rest, particle)
		}
		rest = append(rest, ws[1:]...)
	} else {
		rest = append(rest, ws[:i]...)
		if particle != "" {
			rest = append(rest, particle)
		}
	}
	return clauseForm{finite: dedupe(finite), bare: bare, rest: strings.Join(rest, " "), verbLast: i == len(ws)-1, particle: particle != ""}, true
}

// finiteForms returns the finite forms of the one-word infinitive verb:
// the plural present (the infinitive), stem, stem+t, past and past plural
// (the weak rules', of both readings where the e may be toneless: leveer
// and lever; or strongVerbs' and a second past such as zegde). A stem
// that ends in t is the stem+t too (zet).
func finiteForms(verb string) []string {
	regular := verbForms("", verb)
	finite := append([]string{verb}, regular[:min(4, len(regular))]...) // plural present, stem, stem+t, past, past plural
	if strings.HasSuffix(finite[1], "t") {
		finite[2] = finite[1] // zet, not zett
	}
	if pr, ok := irregularPresent[verb]; ok {
		finite[1], finite[2] = pr[0], pr[1]
	}
	if strong := strongForms(verb); strong != nil {
		finite = append(finite[:3], strong[:2]...) // the strong past, not the weak rules'
		if len(strong) > 3 {
			finite = append(finite, strong[3:]...) // a second past (zegde, zegden)
		}
		return finite
	}
	// verbForms gives a reading a group of five forms (stem, stem+t, past,
	// past plural, participle); a verb whose e may be toneless has two
	// (leveer and lever: levert is the one Dutch writes).
	for g := 5; g+4 <= len(regular); g += 5 {
		finite = append(finite, regular[g:g+4]...)
	}
	return finite
}

// irregularPresent holds the present singular (stem, stem+t) of verbs
// whose stem the rules get wrong: komen keeps its short vowel.
var irregularPresent = map[string][2]string{
	"komen": {"kom", "komt"}, "hebben": {"heb", "heeft"}, "kunnen": {"kan", "kan"},
	"willen": {"wil", "wil"}, "mogen": {"mag", "mag"},
	// shortRoots: the stem is the infinitive less -n, a final aa written a.
	"gaan": {"ga", "gaat"}, "staan": {"sta", "staat"}, "slaan": {"sla", "slaat"},
	"doen": {"doe", "doet"}, "zien": {"zie", "ziet"},
}

// SeparatedForm is a Dutch verb term as a main clause puts it apart: a
// finite verb form first, other words of the clause, then the rest of the
// term (roept de junta op tot; spreekt zijn steun uit; neemt grote
// voorzichtigheid in acht). For match.Options.Separated.
type SeparatedForm struct {
	Verbs []string // finite forms: roept, roep, roepen, riep, riepen
	Bare  []string // those of Verbs that are the bare stem (roep): see match.Separated
	Rest  string   // op tot; steun uit
	Final bool     // the rest ends the clause (the verb was the term's last word)
	ByKey bool     // compare Verbs by key (any inflection), not as written
	Max   int      // the most words between; 0 for the matcher's default
}

// englishParticles are the adverb particles of English phrasal verbs
// that an object may precede (carry it out, set the mission up).
var englishParticles = []string{"out", "up", "down", "off", "back", "away", "over", "in", "on"}

// SeparatedForms returns the forms of a Dutch verb term whose finite verb
// a main clause separates from the rest: terms whose verb comes last
// (steun uitspreken, het hoofd bieden, doorgang vinden, uitvoeren: voert
// de missie uit), where the rest then ends the clause, and terms that
// start with a separable verb (oproepen tot: roept de junta op tot), and
// terms of a verb and a preposition (veroordelen tot: veroordeelt de
// verdachte tot), the preposition at most four words on.
//
// For English, a phrasal verb of a verb and a particle (carry out, phase
// out, set up): its object may stand between, and a pronoun must (carry
// it out, phase them out, set the mission up): the verb in any
// inflection, at most three words between.
//
// listed is the word list, which says whether a Dutch verb on a root of
// one syllable is separable (tegengaan: gaat de ontwikkeling tegen; see
// separable); nil for none.
func SeparatedForms(lang, pos, text string, listed func(string) bool) []SeparatedForm {
	if pos != "verb" {
		return nil
	}
	if lang == "en" {
		ws := strings.Fields(text)
		if len(ws) != 2 || !slices.Contains(englishParticles, strings.ToLower(ws[1])) {
			return nil
		}
		return []SeparatedForm{{Verbs: ws[:1], Rest: ws[1], ByKey: true, Max: 3}}
	}
	if lang != "nl" {
		return nil
	}
	ws := strings.Fields(text)
	if len(ws) == 0 || len(ws) > 6 {
		return nil
	}
	mc, ok := mainClause(ws, listed)
	if !ok {
		return nil
	}
	if !mc.verbLast && !mc.particle {
		// A verb and the preposition of its second object (veroordelen
		// tot: veroordeelt de verdachte tot een boete): the direct object
		// stands between, a few words at most.
		if len(ws) == 2 && slices.Contains(objectPrepositions, strings.ToLower(ws[1])) {
			return []SeparatedForm{{Verbs: mc.finite, Bare: mc.bare, Rest: mc.rest, Max: 4}}
		}
		return nil
	}
	return []SeparatedForm{{Verbs: mc.finite, Bare: mc.bare, Rest: mc.rest, Final: mc.verbLast}}
}

// objectPrepositions introduce a verb's second object after its direct
// object (iemand veroordelen tot, iemand verplichten tot): a verb term
// ending in one is found across the direct object. Only tot: after voor,
// op, in the object mostly follows the preposition (zorgen voor: zorgt
// voor de kinderen), and a word a few places on is often another
// phrase's.
var objectPrepositions = []string{"tot"}

// verbWordForms returns the forms of one Dutch infinitive, without the
// infinitive: VerbForms, and "X te Y" for each reading of it as the
// separable verb X+Y (separable, by the word list listed; its participle
// is X+"ge"+…: opgeschort).
func verbWordForms(w string, listed func(string) bool) []string {
	fs := VerbForms(w)
	if len(fs) == 0 {
		return nil
	}
	low := strings.ToLower(w)
	out := fs[1:]
	for _, p := range particles {
		rest, ok := separable(low, p, listed)
		if !ok {
			continue
		}
		for _, f := range fs {
			if strings.HasPrefix(f, p+"ge") {
				out = append(out, p+" te "+rest)
				break
			}
		}
	}
	return out
}

// AdjectiveE returns the inflected (attributive) form of a Dutch
// adjective: militair → militaire, autonoom → autonome, geweldloos →
// geweldloze, inclusief → inclusieve, Malinees → Malinese, Nederlands →
// Nederlandse. It returns "" for a word that takes no -e (already ending
// in a vowel, or a material adjective in -en). A closed short syllable
// (wit → witte) is not doubled: the rules cannot tell its stress, and
// the glossary's adjectives do not need it.
func AdjectiveE(adj string) string {
	w := strings.ToLower(adj)
	n := len(w)
	if n < 3 || isVowelByte(w[n-1]) || strings.HasSuffix(w, "en") {
		return ""
	}
	last := w[n-1]
	// A long vowel written double before a single final consonant is
	// written single in the open syllable: autonoom → autonome.
	if n >= 4 && w[n-2] == w[n-3] && strings.IndexByte("aou", w[n-2]) >= 0 || n >= 4 && w[n-2] == 'e' && w[n-3] == 'e' {
		stem := adj[:n-2] // drop one vowel and the consonant
		switch {
		case last == 'f':
			return stem + "ve"
		case last == 's' && w[n-2] != 'e':
			return stem + "ze" // geweldloos → geweldloze; but Malinees → Malinese
		}
		return stem + string(adj[n-1]) + "e"
	}
	if strings.HasSuffix(w, "ief") {
		return adj[:n-1] + "ve"
	}
	return adj + "e"
}

// caseLike returns form with the first letter upper-cased when word's is
// (Nederlands → Nederlandse: the forms come lower-cased).
func caseLike(word, form string) string {
	if word == "" || form == "" || strings.ToLower(word[:1]) == word[:1] {
		return form
	}
	if strings.HasPrefix(strings.ToLower(form), strings.ToLower(word[:1])) {
		return word[:1] + form[1:]
	}
	return form
}
