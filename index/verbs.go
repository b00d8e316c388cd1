package index

import (
	"slices"
	"strings"
)

// Dutch verb morphology for query expansion. A stemmer conflates the
// inflected forms of a noun; it cannot take a user from a noun to the verb
// the text uses (veroordeling → werd veroordeeld, schorsing → geschorst).
// These rules generate the regular (weak) verb forms; strong verbs
// (sluiten → gesloten) take their forms from strongVerbs.

// inseparable prefixes take no ge- in the participle.
var inseparable = []string{"be", "ge", "her", "ont", "ver", "er"}

// particles of separable verbs: the participle puts ge- after them
// (opschorten → opgeschort).
var particles = []string{"terug", "voort", "samen", "plaats", "bekend", "tegen", "door", "over", "voor", "mee", "weg", "toe", "aan", "uit", "op", "af", "in", "na", "bij", "om", "vast", "los", "neer", "vrij"}

// VerbForms returns the regular forms of a Dutch infinitive: the present
// (stem, stem+t), the past (stem+de/te, stem+den/ten) and the past
// participle, with the infinitive itself first. Where the rules cannot
// tell (a separable particle or a word that merely starts like one:
// opschorten, informeren; a stressed or a toneless e: veroordelen,
// bemiddelen) both readings are given: a form no text uses costs a search
// nothing. A word that does not look like an infinitive gives nil.
func VerbForms(infinitive string) []string {
	inf := strings.ToLower(strings.TrimSpace(infinitive))
	if strings.ContainsAny(inf, " -") {
		return nil
	}
	if inf == "zijn" {
		// No rule makes ben, is or geweest of zijn, and its four
		// letters are too few for the weak rules' guard.
		return slices.Clone(zijnForms)
	}
	if prefix, root, ok := shortRoot(inf); ok {
		// A verb of one syllable or a compound of one (tegengaan,
		// toezien): the weak rules would make toezit of it.
		pr := irregularPresent[root]
		return dedupe(append(append([]string{inf, prefix + pr[0], prefix + pr[1]}, strongForms(inf)...), otherParticiples(inf)...))
	}
	if len(inf) < 5 || !strings.HasSuffix(inf, "en") {
		return nil
	}
	forms := append([]string{inf}, verbForms("", inf)...)
	if pr, ok := irregularPresent[inf]; ok {
		// After the rules' (hebt, kunt, wilt are forms too): heeft,
		// kan, mag, komt.
		forms = append(forms, pr[0], pr[1])
	}
	forms = append(forms, strongForms(inf)...)
	forms = append(forms, otherParticiples(inf)...)
	for _, p := range particles {
		if strings.HasPrefix(inf, p) && len(inf)-len(p) >= 5 {
			forms = append(forms, verbForms(p, inf[len(p):])...)
			break
		}
	}
	return dedupe(forms)
}

// zijnForms are the forms of zijn, the infinitive first: the present
// (ben, bent, is), the past (was, waren) and the participle.
var zijnForms = []string{"zijn", "ben", "bent", "is", "was", "waren", "geweest"}

// shortRoots are the Dutch verbs of one syllable, whose infinitive is
// the stem and -n (ga·an, sta·an, sla·an, doe·n, zie·n): the weak rules,
// which take -en off, cannot make their forms, and a length guard that
// keeps words that merely start with a particle from being split
// (separable) would keep their compounds out. VerbForms gives their
// present from irregularPresent and the rest from strongVerbs. A closed
// list: Dutch has no other such verbs but zijn, whose compounds are
// nouns (bijzijn, aanzijn).
var shortRoots = []string{"gaan", "staan", "slaan", "doen", "zien"}

// shortRoot returns the verb of shortRoots that inf ends in and what
// stands before it (tegen, gaan for tegengaan), or false.
func shortRoot(inf string) (prefix, root string, ok bool) {
	for _, r := range shortRoots {
		if prefix, ok := strings.CutSuffix(inf, r); ok {
			return prefix, r, true
		}
	}
	return "", "", false
}

// separable returns the verb after the particle p in the Dutch
// infinitive w, when w is p and that verb as a separable verb (opschorten:
// schorten; tegengaan: gaan). A verb of five letters or more that
// VerbForms takes is one (the guard keeps out words that merely start
// with a particle: bijten, inkten, omheen). A verb of shortRoots is one
// when the word list (listed) has w and its separable participle, the
// particle before the root's (tegengegaan, toegezien, opgestaan): an
// inseparable verb has none (voorzien, not voorgezien). Without a word
// list (nil) a short root is not split.
func separable(w, p string, listed func(string) bool) (string, bool) {
	rest, ok := strings.CutPrefix(w, p)
	if !ok {
		return "", false
	}
	if slices.Contains(shortRoots, rest) {
		return rest, listed != nil && listed(w) && listed(p+strongVerbs[rest][2])
	}
	return rest, len(rest) >= 5 && VerbForms(rest) != nil
}

// verbForms returns the forms of the verb particle+rest.
func verbForms(particle, rest string) []string {
	raw := rest[:len(rest)-2] // schorten → schort, delen → del
	stem := raw
	// sh is voiceless as ch is (crashen: crashte).
	voiceless := strings.ContainsRune("tkfsp", rune(raw[len(raw)-1])) || strings.HasSuffix(raw, "ch") || strings.HasSuffix(raw, "sh")
	closed := false // the infinitive doubled the consonant: its vowel is short
	if v, c, ok := diaeresisSyllable(raw); ok {
		// initiër(en) → initieer, creër(en) → creëer: the vowel with the
		// diaeresis begins an open syllable, which the stem closes; its
		// long vowel is written double, with the diaeresis only where
		// an e comes before it (eee is no Dutch spelling).
		mark := "ee"
		if strings.HasSuffix(v, "e") {
			mark = "ëe"
		}
		stem, closed = v+mark+c, true
	}
	switch {
	case closed:
	case len(stem) >= 2 && stem[len(stem)-1] == stem[len(stem)-2] && !isVowelByte(stem[len(stem)-1]):
		stem, closed = stem[:len(stem)-1], true // zetten → zet, kloppen → klop
	case strings.HasSuffix(stem, "v"):
		stem = stem[:len(stem)-1] + "f" // leven → leef (voiced: leefde)
	case strings.HasSuffix(stem, "z"):
		stem = stem[:len(stem)-1] + "s" // reizen → reis (voiced: reisde)
	}
	stems := []string{stem}
	if !closed {
		stems[0] = openSyllable(stem)
		// bemiddel(en): a toneless e stays single; only a stem of two
		// syllables or more can have one (del(en) is deel, red(en) reed).
		if stems[0] != stem && stem[len(stem)-2] == 'e' && strings.ContainsAny(stem[:len(stem)-2], "aeiouy") {
			stems = append(stems, stem)
		}
	}
	past, part := "de", "d"
	if voiceless {
		past, part = "te", "t"
	}
	ge := "ge"
	for _, p := range inseparable {
		// A prefix whose rest has no vowel is none: bessen is no be·ssen.
		if strings.HasPrefix(rest, p) && len(rest) > len(p)+3 && strings.ContainsAny(raw[len(p):], "aeiouy") {
			ge = ""
			break
		}
	}
	var forms []string
	for _, st := range stems {
		pp := st
		if !strings.HasSuffix(st, part) { // gepraat, not gepraatt; ontplooid
			pp += part
		}
		// In a main clause a particle stands apart (schort … op); those
		// bare forms (werk, werkt for samenwerken) match far too much to
		// be searched for, so only the joined forms are given.
		// A stem that ends in t is its own stem+t (zet, geniet; not
		// zett), which keeps the group of five.
		third := st + "t"
		if strings.HasSuffix(st, "t") {
			third = st
		}
		forms = append(forms, particle+st, particle+third, particle+st+past, particle+st+past+"n", particle+ge+pp)
	}
	return forms
}

// diaeresisSyllable splits a stem whose last syllable is a vowel with a
// diaeresis and one consonant (initiër of initiëren, creër of creëren)
// into what comes before that vowel and the consonant, or returns false.
func diaeresisSyllable(raw string) (before, consonant string, ok bool) {
	n := len(raw)
	if n < 4 || isVowelByte(raw[n-1]) || !strings.HasSuffix(raw[:n-1], "ë") {
		return "", "", false
	}
	return raw[:n-1-len("ë")], raw[n-1:], true
}

// openSyllable doubles the vowel of a stem whose infinitive had it in an
// open syllable: veroordel(en) → veroordeel, spel(en) → speel, gev(en)
// → geef. A stem of one syllable is a root, its vowel stressed and long
// in the open syllable, whatever letters begin it: the ge of geven is the
// root's, not the prefix ge-, which always has a root after it. (A
// toneless e in a longer stem, bemiddel(en), is verbForms' second
// reading.)
func openSyllable(s string) string {
	n := len(s)
	// After a vowel the stem's vowel is most often part of a digraph
	// (roei, stuur, deel), but ue is none in Dutch: evalu·er(en) →
	// evalueer, as initiër(en) → initieer.
	if n < 3 || isVowelByte(s[n-1]) || !isVowelByte(s[n-2]) || isVowelByte(s[n-3]) && s[n-3:n-1] != "ue" {
		return s
	}
	v := s[n-2]
	if v == 'i' || v == 'e' && n >= 4 && s[n-3] == 'i' || s[n-1] == 'w' { // no double i; "ie" is one vowel; uw is a diphthong (huwen: huw)
		return s
	}
	return s[:n-1] + string(v) + s[n-1:]
}

func isVowelByte(b byte) bool { return strings.IndexByte("aeiouy", b) >= 0 }

func dedupe(ss []string) []string {
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

// VerbOfNoun returns the infinitive of a Dutch action noun in -ing
// (veroordeling → veroordelen, schorsing → schorsen, ontplooiing →
// ontplooien), or false for other words.
func VerbOfNoun(noun string) (string, bool) {
	w := strings.ToLower(strings.TrimSpace(noun))
	if !strings.HasSuffix(w, "ing") || len(w) < 8 {
		return "", false
	}
	return w[:len(w)-3] + "en", true
}

// strongVerbs lists common Dutch strong and irregular verbs: the past
// singular, past plural and past participle of each root. A compound verb
// takes the forms of the root it ends with (gevangennemen → gevangengenomen,
// uitsluiten → uitgesloten, verkiezen → verkozen).
var strongVerbs = map[string][3]string{
	"nemen": {"nam", "namen", "genomen"}, "spreken": {"sprak", "spraken", "gesproken"},
	"sluiten": {"sloot", "sloten", "gesloten"}, "komen": {"kwam", "kwamen", "gekomen"},
	"geven": {"gaf", "gaven", "gegeven"}, "zien": {"zag", "zagen", "gezien"},
	"gaan": {"ging", "gingen", "gegaan"}, "staan": {"stond", "stonden", "gestaan"},
	"doen": {"deed", "deden", "gedaan"}, "houden": {"hield", "hielden", "gehouden"},
	"blijven": {"bleef", "bleven", "gebleven"}, "schrijven": {"schreef", "schreven", "geschreven"},
	"bieden": {"bood", "boden", "geboden"}, "vinden": {"vond", "vonden", "gevonden"},
	"roepen": {"riep", "riepen", "geroepen"}, "brengen": {"bracht", "brachten", "gebracht"},
	"denken": {"dacht", "dachten", "gedacht"}, "zoeken": {"zocht", "zochten", "gezocht"},
	"trekken": {"trok", "trokken", "getrokken"}, "treden": {"trad", "traden", "getreden"},
	"wijzen": {"wees", "wezen", "gewezen"}, "slaan": {"sloeg", "sloegen", "geslagen"},
	"laten": {"liet", "lieten", "gelaten"}, "lopen": {"liep", "liepen", "gelopen"},
	"vallen": {"viel", "vielen", "gevallen"}, "heffen": {"hief", "hieven", "geheven"},
	"dragen": {"droeg", "droegen", "gedragen"}, "vragen": {"vroeg", "vroegen", "gevraagd"},
	"winnen": {"won", "wonnen", "gewonnen"}, "beginnen": {"begon", "begonnen", "begonnen"},
	"grijpen": {"greep", "grepen", "gegrepen"}, "kiezen": {"koos", "kozen", "gekozen"},
	"verliezen": {"verloor", "verloren", "verloren"}, "zeggen": {"zei", "zeiden", "gezegd"},
	"liggen": {"lag", "lagen", "gelegen"}, "zitten": {"zat", "zaten", "gezeten"},
	"krijgen": {"kreeg", "kregen", "gekregen"}, "stijgen": {"steeg", "stegen", "gestegen"},
	"sterven": {"stierf", "stierven", "gestorven"}, "helpen": {"hielp", "hielpen", "geholpen"},
	"schieten": {"schoot", "schoten", "geschoten"}, "zenden": {"zond", "zonden", "gezonden"},
	"binden": {"bond", "bonden", "gebonden"}, "wegen": {"woog", "wogen", "gewogen"},
	"snijden": {"sneed", "sneden", "gesneden"}, "lijden": {"leed", "leden", "geleden"},
	"rijden": {"reed", "reden", "gereden"}, "kijken": {"keek", "keken", "gekeken"},
	"blijken": {"bleek", "bleken", "gebleken"}, "lijken": {"leek", "leken", "geleken"},
	"wijken": {"week", "weken", "geweken"}, "breken": {"brak", "braken", "gebroken"},
	"treffen": {"trof", "troffen", "getroffen"}, "vechten": {"vocht", "vochten", "gevochten"},
	"bevelen": {"beval", "bevalen", "bevolen"}, "vangen": {"ving", "vingen", "gevangen"},
	"hangen": {"hing", "hingen", "gehangen"}, "dwingen": {"dwong", "dwongen", "gedwongen"},
	"verdwijnen": {"verdween", "verdwenen", "verdwenen"}, "schuiven": {"schoof", "schoven", "geschoven"},
	"kunnen": {"kon", "konden", "gekund"}, "willen": {"wilde", "wilden", "gewild"},
	"mogen": {"mocht", "mochten", "gemogen"}, "zullen": {"zou", "zouden", ""},
	"worden": {"werd", "werden", "geworden"}, "hebben": {"had", "hadden", "gehad"},
	"zijn": {"was", "waren", "geweest"}, "weten": {"wist", "wisten", "geweten"},
	"leggen": {"legde", "legden", "gelegd"}, "kopen": {"kocht", "kochten", "gekocht"},
	// Checked against a grammar's list of strong and irregular verbs
	// and the UD Dutch treebanks' pasts (TestStrongVerbsUD); every form
	// is in the OpenTaal word list (TestStrongVerbsListed). Left out:
	// verbs whose forms are mostly other words in the texts (varen:
	// voer, voeren; wijten: weten; dingen, zinnen: nouns; bidden:
	// gebeden; winden: wonden; plegen, whose pleegde is the common
	// past) and rare ones.
	"lezen": {"las", "lazen", "gelezen"}, "genieten": {"genoot", "genoten", "genoten"},
	"eten": {"at", "aten", "gegeten"}, "meten": {"mat", "maten", "gemeten"},
	"vergeten": {"vergat", "vergaten", "vergeten"},
	"heten":    {"heette", "heetten", "geheten"}, "bakken": {"bakte", "bakten", "gebakken"},
	"lachen": {"lachte", "lachten", "gelachen"}, "laden": {"laadde", "laadden", "geladen"},
	"raden": {"raadde", "raadden", "geraden"}, "braden": {"braadde", "braadden", "gebraden"},
	"malen": {"maalde", "maalden", "gemalen"}, "scheiden": {"scheidde", "scheidden", "gescheiden"},
	"wassen": {"waste", "wasten", "gewassen"}, "spannen": {"spande", "spanden", "gespannen"},
	"stoten": {"stootte", "stootten", "gestoten"}, "vouwen": {"vouwde", "vouwden", "gevouwen"},
	"weven": {"weefde", "weefden", "geweven"}, "wreken": {"wreekte", "wreekten", "gewroken"},
	"jagen": {"joeg", "joegen", "gejaagd"}, "bederven": {"bedierf", "bedierven", "bedorven"},
	"bedriegen": {"bedroog", "bedrogen", "bedrogen"}, "bezwijken": {"bezweek", "bezweken", "bezweken"},
	"vergelijken": {"vergeleek", "vergeleken", "vergeleken"}, "verslinden": {"verslond", "verslonden", "verslonden"},
	"verzinnen": {"verzon", "verzonnen", "verzonnen"}, "bergen": {"borg", "borgen", "geborgen"},
	"bijten": {"beet", "beten", "gebeten"}, "blazen": {"blies", "bliezen", "geblazen"},
	"blinken": {"blonk", "blonken", "geblonken"}, "buigen": {"boog", "bogen", "gebogen"},
	"drijven": {"dreef", "dreven", "gedreven"}, "dringen": {"drong", "drongen", "gedrongen"},
	"drinken": {"dronk", "dronken", "gedronken"}, "druipen": {"droop", "dropen", "gedropen"},
	"duiken": {"dook", "doken", "gedoken"}, "fluiten": {"floot", "floten", "gefloten"},
	"gelden": {"gold", "golden", "gegolden"}, "gieten": {"goot", "goten", "gegoten"},
	"glijden": {"gleed", "gleden", "gegleden"}, "glimmen": {"glom", "glommen", "geglommen"},
	"graven": {"groef", "groeven", "gegraven"}, "klimmen": {"klom", "klommen", "geklommen"},
	"klinken": {"klonk", "klonken", "geklonken"}, "knijpen": {"kneep", "knepen", "geknepen"},
	"krimpen": {"kromp", "krompen", "gekrompen"}, "kruipen": {"kroop", "kropen", "gekropen"},
	"liegen": {"loog", "logen", "gelogen"}, "melken": {"molk", "molken", "gemolken"},
	"mijden": {"meed", "meden", "gemeden"}, "ruiken": {"rook", "roken", "geroken"},
	"schelden": {"schold", "scholden", "gescholden"}, "schenden": {"schond", "schonden", "geschonden"},
	"schenken": {"schonk", "schonken", "geschonken"}, "scheppen": {"schiep", "schiepen", "geschapen"},
	"scheren": {"schoor", "schoren", "geschoren"}, "schijnen": {"scheen", "schenen", "geschenen"},
	"schrikken": {"schrok", "schrokken", "geschrokken"}, "slijpen": {"sleep", "slepen", "geslepen"},
	"slijten": {"sleet", "sleten", "gesleten"}, "slinken": {"slonk", "slonken", "geslonken"},
	"smelten": {"smolt", "smolten", "gesmolten"}, "smijten": {"smeet", "smeten", "gesmeten"},
	"splijten": {"spleet", "spleten", "gespleten"}, "springen": {"sprong", "sprongen", "gesprongen"},
	"steken": {"stak", "staken", "gestoken"}, "stelen": {"stal", "stalen", "gestolen"},
	"stinken": {"stonk", "stonken", "gestonken"}, "strijden": {"streed", "streden", "gestreden"},
	"strijken": {"streek", "streken", "gestreken"},
	"vlechten": {"vlocht", "vlochten", "gevlochten"}, "vliegen": {"vloog", "vlogen", "gevlogen"},
	"vriezen": {"vroor", "vroren", "gevroren"}, "werpen": {"wierp", "wierpen", "geworpen"},
	"werven": {"wierf", "wierven", "geworven"}, "wrijven": {"wreef", "wreven", "gewreven"},
	"wringen": {"wrong", "wrongen", "gewrongen"}, "zingen": {"zong", "zongen", "gezongen"},
	"zinken": {"zonk", "zonken", "gezonken"}, "zuigen": {"zoog", "zogen", "gezogen"},
	"zwellen": {"zwol", "zwollen", "gezwollen"}, "zwemmen": {"zwom", "zwommen", "gezwommen"},
	"zweren": {"zwoer", "zwoeren", "gezworen"}, "zwerven": {"zwierf", "zwierven", "gezworven"},
	"zwijgen": {"zweeg", "zwegen", "gezwegen"},
}

// otherPast holds the second past of a verb of strongVerbs that has two
// in standard Dutch: zeggen has zei and zegde (de minister zegde toe).
// strongForms gives them after the participle. Every verb here has one.
var otherPast = map[string][2]string{"zeggen": {"zegde", "zegden"}, "willen": {"wou", "wouden"}, "jagen": {"jaagde", "jaagden"}}

// strongForms returns the forms of a strong verb or of a compound ending
// in one, or nil: the past singular and plural, the participle (the first
// of strongParticiples) and any second past (otherPast).
func strongForms(inf string) []string {
	i, f, ok := strongRoot(inf)
	if !ok {
		return nil
	}
	prefix := inf[:i]
	forms := []string{prefix + f[0], prefix + f[1]}
	if parts := strongParticiples(inf); len(parts) > 0 {
		forms = append(forms, parts[0])
	}
	if alt, ok := otherPast[inf[i:]]; ok {
		forms = append(forms, prefix+alt[0], prefix+alt[1]) // after the participle: callers take it as strong[2]
	}
	return forms
}

// strongRoot returns where the verb of strongVerbs that inf ends in
// begins, and its forms. A verb after particles and prefixes alone
// comes first (vastrijden is vast+rijden, not va+strijden); else the
// longest whose first part could be a word's: what is left of it after
// its particles and prefixes does not begin the word with the verb as
// its first consonants (slopen is no s+lopen, afzweven no afz+weven,
// zweten no zw+eten; onset), and not one the verb's first vowel
// continues (groeten is no gro+eten).
func strongRoot(inf string) (int, [3]string, bool) {
	for _, loose := range []bool{false, true} {
		for i := 0; i < len(inf)-3; i++ {
			f, ok := strongVerbs[inf[i:]]
			if !ok {
				continue
			}
			rest := bareFirstPart(inf[:i])
			if rest == "" || loose && !onset(rest, inf[i:]) && !(isVowelByte(inf[i-1]) && isVowelByte(inf[i])) {
				return i, f, true
			}
		}
	}
	return 0, [3]string{}, false
}

// onset reports whether the consonants rest, what is left of a first
// part (bareFirstPart), begin the word with the verb v as one onset:
// z+weven is zweven, s+lopen slopen; nat+houden is no n+athouden.
func onset(rest, v string) bool {
	if strings.ContainsAny(rest, "aeiouy") {
		return false
	}
	n := strings.IndexAny(v, "aeiouy")
	if n < 0 {
		n = len(v)
	}
	return slices.Contains(onsets, rest+v[:n])
}

// onsets are the consonant clusters a Dutch word begins with.
var onsets = []string{"b", "bl", "br", "c", "ch", "chr", "d", "dr", "dw", "f", "fl", "fr", "g", "gl", "gn", "gr", "h", "j", "k", "kl", "kn", "kr", "kw", "l", "m", "n", "p", "pl", "pr", "r", "s", "sch", "schr", "sj", "sl", "sm", "sn", "sp", "spl", "spr", "st", "str", "t", "tr", "tw", "v", "vl", "vr", "w", "wr", "z", "zw"}

// bareFirstPart returns the first part of a compound verb less the
// particles and prefixes it begins with (afz: z; vast: "").
func bareFirstPart(s string) string {
	for {
		cut := false
		for _, ps := range [][]string{particles, eitherWay, inseparable} {
			for _, p := range ps {
				if rest, ok := strings.CutPrefix(s, p); ok {
					s, cut = rest, true
					break
				}
			}
			if cut {
				break
			}
		}
		if !cut || s == "" {
			return s
		}
	}
}

// strongParticiples returns the past participles of a strong verb or of a
// compound ending in one, the likelier reading first; nil for other verbs,
// for one without a participle (zullen) and for one whose participle is
// spelt as a function word (aanzien: aangezien). After an inseparable prefix,
// alone or after a particle, the participle has no ge- (besloten,
// verkozen, aanbevolen); after any other first part it keeps it
// (gevangengenomen, overgegaan, overgenomen, neergeslagen). An inseparable
// prefix is a whole part: the er of over, neer, weer, onder is none
// (overnemen was given overnomen). A first part of eitherWay is read both
// ways, the separable reading first (overgegaan, overwogen): which verb
// it is, the word list says (strongVerbForms); so is one that ends in one
// (heroverwegen: heroverwogen).
func strongParticiples(inf string) []string {
	i, f, ok := strongRoot(inf)
	if !ok || f[2] == "" {
		return nil
	}
	prefix, part := inf[:i], f[2]
	bare := prefix + strings.TrimPrefix(part, "ge") // verkozen, ontbonden, besloten
	var out []string
	switch {
	case prefix == "":
		out = []string{part}
	case inseparablePrefix(prefix):
		out = []string{bare}
	case slices.ContainsFunc(eitherWay, func(e string) bool { return strings.HasSuffix(prefix, e) }):
		out = dedupe([]string{prefix + part, bare})
	default:
		out = []string{prefix + part}
	}
	// A participle spelt as a function word is the function word
	// (functionWord: aangezien).
	return slices.DeleteFunc(out, functionWord)
}

// otherParticiples returns the participles of inf that
// strongParticiples gives after the first: the other reading.
func otherParticiples(inf string) []string {
	if ps := strongParticiples(inf); len(ps) > 1 {
		return ps[1:]
	}
	return nil
}

// inseparablePrefix reports whether prefix is an inseparable prefix,
// alone or after a particle (ver, be, aanbe, toever).
func inseparablePrefix(prefix string) bool {
	for _, p := range inseparable {
		if q, ok := strings.CutSuffix(prefix, p); ok && (q == "" || slices.Contains(particles, q)) {
			return true
		}
	}
	return false
}

// eitherWay are the first parts that make separable verbs of some verbs
// and inseparable ones of others, as Dutch grammars list them (door-, om-, onder-, over-, voor-, achter-, mis-, vol-, weer-):
// overgaan, overgegaan but overwegen, overwogen; ondergaan either way.
// The stress decides, which the spelling does not show, so both readings
// are given; a closed class of the grammar, not a list of verbs.
var eitherWay = []string{"door", "om", "onder", "over", "voor", "achter", "mis", "vol", "weer"}

// InfinitiveForms returns the forms of a Dutch query word that is an
// infinitive, one for each index key other than the word's own, so that
// onderhandelen finds onderhandelden and veroordelen veroordeeld. Whether
// it is one is the word list's to say (listed): it must have a weak past
// form of it (…de, …te, …den, …ten), which a plural noun in -en lacks
// (maatregelen: no maatregelde; leden: no leedde). Only forms the list has
// are returned; of a strong verb its participle and present
// (strongVerbForms); nil for a word that is no infinitive.
func InfinitiveForms(w string, listed func(string) bool) []string {
	fs := VerbForms(w)
	if len(fs) == 0 {
		return nil
	}
	inf := fs[0]
	if strong := strongForms(inf); len(strong) > 0 {
		if sf := strongVerbForms(inf, fs[1:], strong, listed); sf != nil {
			return sf
		}
		// A weak verb may end in a strong one's letters (verstrekken:
		// vers+trekken, whose versgetrokken no list has): the weak
		// rules' forms decide, their weak past the evidence as for any
		// other word.
		// The weak rules' own forms stay, a past spelt as a strong
		// verb's weak one too (glimlachte: glim+lachen).
		weak := weakForms(inf)
		fs = slices.DeleteFunc(fs, func(f string) bool { return slices.Contains(strong, f) && !slices.Contains(weak, f) })
	}
	verb := false
	for _, f := range fs[1:] {
		if isWeakPast(f) && f != inf && listed(f) && !pastOfOwn(f, listed) {
			verb = true
			break
		}
	}
	if !verb {
		return nil
	}
	return listedForms(inf, fs[1:], listed)
}

// pastOfOwn reports whether the weak past plural f is spelt as the
// infinitive of a verb of its own, one whose weak past singular the word
// list has: mesten, the past plural the rules give messen, is the verb
// mesten (mestte), and no evidence that messen, the plural of mes, is a
// verb (gemest is mesten's participle, not messen's).
func pastOfOwn(f string, listed func(string) bool) bool {
	if !strings.HasSuffix(f, "en") || len(f) < 5 {
		return false
	}
	own := verbForms("", f)
	return len(own) > 2 && listed(own[2])
}

// listedForms returns the forms fs of the infinitive inf that the word
// list has, one for each index key other than inf's own.
func listedForms(inf string, fs []string, listed func(string) bool) []string {
	keys := map[string]bool{Key("nl", inf): true}
	var out []string
	for _, f := range fs {
		if k := Key("nl", f); !keys[k] && listed(f) {
			keys[k] = true
			out = append(out, f)
		}
	}
	return out
}

// strongVerbForms returns the forms of a strong verb (or of a compound
// ending in one) that the word list has and whose keys are not the
// infinitive's: its past participle (besluiten → besloten, oproepen →
// opgeroepen, aangeven → aangegeven) and its present (plaatsvindt), or
// nil when the list lacks the participle.
// Its pasts are given (las, lazen of lezen; besloot of besluiten) but for
// those whose root's past is more often another word (pastHomographs:
// namen of nemen, reden of rijden, weken of wijken, lagen of liggen),
// which a search for the verb must not find; so are the few participles
// that are more often another word (participleHomographs), the presents
// that are (presentHomographs), and the weak rules' past and
// participle, which a strong verb does not have.
func strongVerbForms(inf string, regular, strong []string, listed func(string) bool) []string {
	if _, root := strongVerbs[inf]; !root && strings.HasPrefix(inf, "ge") {
		return nil // gebieden: the plural of gebied far more often than the verb
	}
	// The participle is the evidence that the word is the verb: a noun
	// plural that ends like one has none of its own (verdragen, bedragen:
	// the participle is the word itself), and its present would be
	// another word's (verdraagt).
	// Of two readings (overgegaan, overgaan; overgewogen, overwogen) those
	// the word list has, which may be both (doorgebroken, doorbroken); one
	// spelt as the infinitive is none (overtreden: overgetreden alone).
	var found []string
	parts := strongParticiples(inf)
	for _, p := range parts {
		if listed(p) && Key("nl", p) != Key("nl", inf) {
			found = append(found, p)
		}
	}
	if len(found) == 0 && !ownParticiple(inf, parts, strong, regular, listed) ||
		slices.ContainsFunc(found, func(p string) bool { return participleHomographs[p] || functionWord(p) }) {
		return nil
	}
	var fs []string
	for _, f := range regular {
		// The present (stem, stem+t), not the weak rules' past and
		// participle, which may be other words (bieden: gebied).
		if !slices.Contains(strong, f) && !slices.Contains(parts, f) && !isWeakPast(f) && !weakParticiple(inf, f) && !presentHomographs[f] {
			fs = append(fs, f)
		}
	}
	fs = append(fs, found...)
	// The pasts, after the participle, which keeps its key when they
	// share one (belegd, belegde): those whose root's past is no other
	// word (las, lazen of lezen; besloot of besluiten; lachte of lachen),
	// not those that are (pastHomographs: namen of nemen, reden of
	// rijden, sloten of sluiten).
	// Nor a past that shares its key with one that is (nam, whose key
	// is namen's: a search for it finds the names).
	i, _, _ := strongRoot(inf)
	pasts := append(slices.Clone(strong[:2]), strong[min(3, len(strong)):]...) // and a second past (zegde)
	other := map[string]bool{}
	for _, f := range pasts {
		if pastHomographs[f[i:]] {
			other[Key("nl", f)] = true
		}
	}
	for _, f := range pasts {
		if !pastHomographs[f[i:]] && !other[Key("nl", f)] {
			fs = append(fs, f)
		}
	}
	return listedForms(inf, fs, listed)
}

// pastHomographs are the pasts of strongVerbs and otherPast that are
// more often other words than the verb's, and so not searched for the
// verb (strongVerbForms); a compound verb's past goes with its root's
// (opnamen with namen). Derived from the data in ../shared by
// TestPastHomographs: a past is one when the Hunspell dictionary has it as
// a noun or an adjective (an entry or a form of one: reden, naam → namen,
// laag → lagen, week, las), unless the UD Dutch treebanks have it as the
// verb in two thirds or more of three tokens or more (las of lezen: three
// of three; namen of nemen: three of five, reden of rijden: four of
// nine, are not). A past the treebanks lack is taken for the other word.
// Besides the data: wilde and wilden (willen), which the treebanks have
// as the verb eight times of eleven, are in letters and statutes the
// adjective wild inflected (wilde dieren).
var pastHomographs = map[string]bool{
	"wilde": true, "wilden": true,
	"beet": true, "beten": true, "boden": true, "bogen": true, "bond": true, "bonden": true,
	"boog": true, "brak": true, "drongen": true, "dronken": true, "gaven": true, "genoot": true,
	"genoten": true, "gingen": true, "goot": true, "goten": true, "greep": true, "grepen": true,
	"groef": true, "groeven": true, "hing": true, "hingen": true, "kneep": true, "lagen": true,
	"leden": true, "mat": true, "maten": true, "namen": true, "reden": true, "scheen": true,
	"schenen": true, "schoor": true, "schoot": true, "schoten": true, "sleep": true, "sleten": true,
	"sloten": true, "spleet": true, "spleten": true, "sprong": true, "sprongen": true, "stal": true,
	"stalen": true, "steeg": true, "streek": true, "streken": true, "ving": true, "vingen": true,
	"vocht": true, "vochten": true, "vroeg": true, "week": true, "wees": true, "weken": true,
	"wezen": true, "wouden": true, "zat": true, "zonden": true,
}

// ownParticiple reports whether the word list takes inf for the verb
// though its participle is spelt as inf itself (parts has it: vergeven,
// ontvangen, vergaan, overtreden), so that no participle of its own
// shows it: the list has the verb's strong past (vergaf, ontving), and
// inf less -en is no word or the verb's stem (ontvang). A noun plural
// that ends like such a verb has a singular of its own: verdragen
// (verdrag, not verdraag) and bedragen, though verdroeg and bedroeg are
// words.
func ownParticiple(inf string, parts, strong, regular []string, listed func(string) bool) bool {
	if !slices.Contains(parts, inf) || len(strong) == 0 || !listed(strong[0]) {
		return false
	}
	raw := inf[:len(inf)-2]
	return !listed(raw) || len(regular) > 0 && regular[0] == raw
}

// weakParticiple reports whether f, a form VerbForms made of inf, has the
// participle's ge- that inf lacks (bieden: gebied; oproepen: opgeroept).
func weakParticiple(inf, f string) bool {
	for _, p := range particlesOrNone {
		if strings.HasPrefix(inf, p) && strings.HasPrefix(f, p+"ge") && !strings.HasPrefix(inf, p+"ge") {
			return true
		}
	}
	return false
}

// weakForms returns the forms the weak rules give the infinitive inf,
// of each reading (VerbForms' other than strongVerbs'): none for a
// verb of shortRoots.
func weakForms(inf string) []string {
	if _, _, ok := shortRoot(inf); ok {
		return nil
	}
	fs := verbForms("", inf)
	for _, p := range particles {
		if strings.HasPrefix(inf, p) && len(inf)-len(p) >= 5 {
			return append(fs, verbForms(p, inf[len(p):])...)
		}
	}
	return fs
}

// particlesOrNone is "" (no particle) and the particles.
var particlesOrNone = append([]string{""}, particles...)

// isWeakPast reports whether f ends as a weak past does (…de, …te, …den,
// …ten).
func isWeakPast(f string) bool {
	return strings.HasSuffix(f, "de") || strings.HasSuffix(f, "te") ||
		strings.HasSuffix(f, "den") || strings.HasSuffix(f, "ten")
}

// participleHomographs are strong participles that texts use far more
// often as other words: a search for the verb would find those.
var participleHomographs = map[string]bool{
	"geleden":   true, // lijden; the adverb: twee jaar geleden
	"gezien":    true, // zien; the preposition: gezien de situatie
	"gevallen":  true, // vallen; the plural of geval: in gevallen waarin
	"verslagen": true, // verslaan; the plural of verslag
	"bedreven":  true, // bedrijven; the adjective (skilled), and bedrijven the plural of bedrijf
	"gewassen":  true, // wassen; the plural of gewas (crops)
}

// functionWord reports whether w is a Dutch function word: a stop word
// of the Dutch analyzers or a subordinating conjunction
// (conjunctionCandidates). A verb form spelt so is no verb form to search
// for: aangezien, the participle of aanzien, is nearly always the
// conjunction, and a search for aanzien found every passage with it.
func functionWord(w string) bool {
	return DutchStopWord(Fold(w)) || slices.Contains(conjunctionCandidates, w)
}

// presentHomographs are presents of strong verbs that texts use far more
// often as other words: staat (staan) is the noun in every treaty (de
// Staat, a Contracting State). Measured on the UD Dutch treebanks, where
// it was the one such form (TestInfinitiveFormsUD).
var presentHomographs = map[string]bool{"staat": true}

// ParticleVerbs returns the separable particles that make another verb of
// the one-word infinitive inf, as the word list (listed) has it: op, af,
// in, aan for leveren (opleveren, afleveren, inleveren, aanleveren), and
// inf's finite forms, the ones a main clause puts before the particle
// (levert … op). A verb that begins with a particle already (opschorten)
// or is no infinitive gets none.
func ParticleVerbs(inf string, listed func(string) bool) (ps, finite []string) {
	w := strings.ToLower(strings.TrimSpace(inf))
	if strings.ContainsAny(w, " -") || VerbForms(w) == nil {
		return nil, nil
	}
	for _, p := range particles {
		if strings.HasPrefix(w, p) && listed(w[len(p):]) {
			return nil, nil
		}
	}
	for _, p := range particles {
		if listed(p + w) {
			ps = append(ps, p)
		}
	}
	if ps == nil {
		return nil, nil
	}
	return ps, dedupe(finiteForms(w))
}

// ParticipleVerb returns the infinitive of a Dutch query word that is a
// past participle (aangevraagd → aanvragen, besloten → besluiten, betaald
// → betalen, opgeschort → opschorten, gezet → zetten), or false. It is the
// reverse of InfinitiveForms: a participle finds its verb exactly when the
// verb, typed as a query, finds the participle, so that the word list
// (listed) must have the infinitive and the verb's forms, and the strong
// participles that are other words (participleHomographs) and the weak
// rules' participles of strong verbs (gebied of bieden) are no
// participles here either. Where w is the participle of more than one
// listed verb (verstrekt: verstrekken and verstreken), the one count (a
// word's frequency) gives most is taken; an infinitive counted fewer than
// minVerbCount times is none (gezond is no participle of zonnen, geweld
// none of wellen, though the rules would make them so).
func ParticipleVerb(w string, listed func(string) bool, count func(string) int) (string, bool) {
	w = strings.ToLower(strings.TrimSpace(w))
	if len(w) < 5 || strings.ContainsAny(w, " -") || participleHomographs[w] || functionWord(w) {
		return "", false
	}
	key := Key("nl", w)
	// InfinitiveForms gives a form for each key: betaald is found
	// through betaalde.
	sameKey := func(f string) bool { return Key("nl", f) == key }
	if inf, ok := participleVerb(w, w, listed, count, sameKey); ok {
		return inf, true
	}
	// The participle inflected as an adjective (de bepaalde termijn, de
	// genoemde regels), whose key is the participle's.
	if b, ok := strings.CutSuffix(w, "e"); ok && Key("nl", b) == key {
		return participleVerb(w, b, listed, count, sameKey)
	}
	return "", false
}

// participleVerb is ParticipleVerb for the participle p, written w in the
// query.
func participleVerb(w, p string, listed func(string) bool, count func(string) int, sameKey func(string) bool) (string, bool) {
	// ge- before a vowel that would join it takes a diaeresis
	// (geïnspireerd, geëvalueerd), which VerbForms does not write.
	p = strings.NewReplacer("geï", "gei", "geë", "gee").Replace(p)
	marked, unmarked := participleCandidates(p)
	for _, cands := range [][]string{marked, unmarked} {
		best, bestN := "", minVerbCount-1
		for _, inf := range cands {
			if inf == w || !listed(inf) || strongParticiple(inf) || !slices.Contains(participles(inf), p) {
				continue
			}
			// The counts are of folded words: initiëren is counted
			// as initieren.
			if n := max(count(inf), count(Fold(inf))); n > bestN && slices.ContainsFunc(InfinitiveForms(inf, listed), sameKey) {
				best, bestN = inf, n
			}
		}
		if best != "" {
			return best, true
		}
	}
	return "", false
}

// strongParticiple reports whether w is the participle of a strong verb
// of strongVerbs (gelegen, gewonnen): no infinitive, though it ends in
// -en.
func strongParticiple(w string) bool {
	for _, f := range strongVerbs {
		if f[2] != "" && strings.HasSuffix(w, f[2]) {
			return true
		}
	}
	return false
}

// minVerbCount is the least count ParticipleVerb takes an infinitive at.
const minVerbCount = 5

// participles returns the past participles VerbForms gives the infinitive
// inf: the strong one of strongVerbs, or the weak rules' of each reading
// (verbForms' groups of five end in it).
func participles(inf string) []string {
	var out []string
	out = append(out, strongParticiples(inf)...) // and the weak rules' too: verstrekken is weak
	groups := func(fs []string) {
		for g := 4; g < len(fs); g += 5 {
			out = append(out, fs[g])
		}
	}
	if _, _, ok := shortRoot(inf); ok {
		return out // no weak forms (VerbForms)
	}
	groups(verbForms("", inf))
	for _, p := range particles {
		if strings.HasPrefix(inf, p) && len(inf)-len(p) >= 5 {
			groups(verbForms(p, inf[len(p):]))
			break
		}
	}
	return out
}

// participleCandidates returns the infinitives whose participle w may be:
// those of the strong verbs (strongVerbs) whose participle w ends in, and
// the weak ones the rules of verbForms would have made w of (a stem with
// its vowel or consonant written double or single, f for v and s for z),
// each with w's particle or prefix before it. Most are no words;
// ParticipleVerb keeps the one whose forms have w. The marked ones take
// w's ge- for the participle's (gelegd: leggen, gevolgd: volgen), the
// unmarked ones keep it or have none (betaald: betalen; gevolgd:
// gevolgen): ParticipleVerb tries the marked ones first.
func participleCandidates(w string) (marked, unmarked []string) {
	for root, f := range strongVerbs {
		p := f[2]
		switch {
		case p == "":
		case strings.HasSuffix(w, p):
			marked = append(marked, w[:len(w)-len(p)]+root)
		case strings.HasPrefix(p, "ge") && strings.HasSuffix(w, p[2:]):
			unmarked = append(unmarked, w[:len(w)-len(p)+2]+root) // besloten, verkozen
		}
	}
	slices.Sort(marked) // the map's order is not the same twice
	slices.Sort(unmarked)
	last := w[len(w)-1]
	if last != 'd' && last != 't' {
		return marked, unmarked
	}
	// gewerkt: werk; gezet, gepraat: the stem ends in the t itself.
	for _, s := range []string{w[:len(w)-1], w} {
		for _, p := range particlesOrNone {
			rest, ok := strings.CutPrefix(s, p)
			if !ok || len(rest) < 2 {
				continue
			}
			// ge- after the particle or at the start; none after an
			// inseparable prefix (betaald, uitbetaald).
			for _, stem := range weakStems(rest) {
				unmarked = append(unmarked, p+stem+"en")
			}
			if core, ok := strings.CutPrefix(rest, "ge"); ok && len(core) >= 2 {
				for _, stem := range weakStems(core) {
					marked = append(marked, p+stem+"en")
				}
			}
		}
	}
	return dedupe(marked), dedupe(unmarked)
}

// weakStems returns the ways an infinitive may write the stem s before
// -en: as it is, with a double vowel single (betaal: betal-en; after i or
// ë with the diaeresis it then takes: initieer: initiër-en, creëer:
// creër-en), with its
// last consonant doubled (zet: zett-en), with f as v and s as z (leef:
// lev-en, reis: reiz-en).
func weakStems(s string) []string {
	n := len(s)
	out := []string{s}
	if n >= 3 && !isVowelByte(s[n-1]) && s[n-2] == s[n-3] && isVowelByte(s[n-2]) {
		out = append(out, s[:n-2]+s[n-1:])
		if n >= 4 && s[n-4] == 'i' && s[n-2] == 'e' {
			out = append(out, s[:n-3]+"ë"+s[n-1:]) // initieer: initiër-en
		}
	}
	if before, ok := strings.CutSuffix(s[:max(n-1, 0)], "ëe"); ok && n >= 1 && !isVowelByte(s[n-1]) {
		out = append(out, before+"ë"+s[n-1:]) // creëer: creër-en
	}
	if n >= 2 && !isVowelByte(s[n-1]) && isVowelByte(s[n-2]) {
		out = append(out, s+s[n-1:])
	}
	for _, st := range slices.Clone(out) {
		switch st[len(st)-1] {
		case 'f':
			out = append(out, st[:len(st)-1]+"v")
		case 's':
			out = append(out, st[:len(st)-1]+"z")
		}
	}
	return out
}
