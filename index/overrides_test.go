package index

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

var updateOverrides = flag.Bool("update", false, "regenerate overrides_nl.txt from ../shared/data/snowball-dutch")

// The override rule. From the Snowball Dutch vocabulary (45,670 words), take
// every word s as a possible singular and build its regular plurals by Dutch
// spelling rules (pluralForms). When a plural p is itself in the vocabulary
// and Snowball gives p and s different stems, the table maps p → s. A plural
// claimed by two singulars with different stems is ambiguous and left out,
// and so are the prepositions and adverbs in notPlurals. Nothing else is
// picked by hand; regenerate with
//
//	go test ./index -run TestOverridesTable -update

// pluralForms returns the regular plural spellings of a folded singular.
func pluralForms(s string) []string {
	n := len(s)
	if n < 3 { // two-letter words are mostly function words and abbreviations
		return nil
	}
	var ps []string
	add := func(p string) { ps = append(ps, p) }
	last := s[n-1]
	if !strings.HasSuffix(s, "en") && last != 'e' { // gevangen is not the singular of gevangenen; alle not of alleen
		add(s + "en")
	}
	// -s after an unstressed ending (tafels, bezems, jongens, leraren, meisjes,
	// dames) and after -ie (sancties); plurals in 's never reach the table
	// because the analyzers strip the apostrophe-s first.
	consE := n >= 4 && last == 'e' && isConsonant(s[n-2])
	if consE || (n >= 6 && strings.HasSuffix(s, "ie")) ||
		(n >= 4 && slices.Contains([]string{"el", "em", "en", "er", "je"}, s[n-2:])) {
		add(s + "s")
	}
	if consE {
		add(s + "n") // ziekte → ziekten
	}
	if strings.HasSuffix(s, "ie") || strings.HasSuffix(s, "ee") {
		add(s + "en") // knieën, zeeën: the diaeresis is folded away
	}
	if strings.HasSuffix(s, "heid") {
		add(s[:n-4] + "heden")
	}
	if strings.HasSuffix(s, "um") && n >= 6 { // not datum: "data" is mostly "gegevens"
		add(s[:n-2] + "a") // museum → musea, centrum → centra
	}
	if isConsonant(last) && n >= 3 {
		stem := s[:n-1]
		voiced := last
		switch last {
		case 'f':
			voiced = 'v'
		case 's':
			voiced = 'z'
		}
		// long vowel written double in the closed syllable, single in the open one:
		// greep → grepen, brood → broden, graaf → graven
		v := s[n-2]
		if n >= 4 && v == s[n-3] && strings.IndexByte("aeou", v) >= 0 && (n == 4 || isConsonant(s[n-4])) {
			add(s[:n-2] + string(voiced) + "en")
		}
		// diphthong or ie before f/s, or l/r: brief → brieven, huis → huizen, bedrijf → bedrijven, golf → golven
		if voiced != last && n >= 4 && ((isVowel(v) && isVowel(s[n-3])) || (v == 'j' && s[n-3] == 'i') || v == 'l' || v == 'r') {
			add(stem + string(voiced) + "en")
		}
		// short vowel: the consonant doubles, bal → ballen
		if isVowel(v) && (n == 2 || !isVowel(s[n-3])) {
			add(s + string(last) + "en")
		}
	}
	return ps
}

func isVowel(c byte) bool     { return strings.IndexByte("aeiouy", c) >= 0 }
func isConsonant(c byte) bool { return 'a' <= c && c <= 'z' && !isVowel(c) }

// notPlurals are Dutch prepositions and adverbs in -s that look like the
// plural of an -en word (tijdens/tijden, wegens/wegen, namens/namen,
// krachtens/krachten, volgens/volgen): a closed word class, listed by
// grammars as the prepositions and adverbs formed with -ens. Mapping them
// to the "singular" would make a search for tijden (times) find every
// tijdens (during), so the rule never takes them as plurals.
var notPlurals = map[string]bool{
	"behoudens": true, "blijkens": true, "krachtens": true, "luidens": true,
	"namens": true, "tijdens": true, "volgens": true, "wegens": true,
	"vervolgens": true, "overigens": true, "effens": true, "rechtens": true,
	"ergens": true, "nergens": true, "eveneens": true,
}

// The second rule, for nouns made of an adjective or participle in -en
// (gevangen → de gevangene, de gevangenen; betrokkene, ingezetene,
// volwassene): Snowball strips -ene from the singular (gevang, the
// adjective's key too) but only -en from the plural (gevangen). From the
// OpenTaal word list, a word w in -enen whose -ene and -en forms are words
// too, where the -ene and -en forms share a key and w has another, is
// mapped to its -ene form. The shared key keeps out kampioenen (kampioene
// → kampio, kampioen → kampioen) and words whose -ene form is no noun.
func nominalPlurals(words []string) map[string]string {
	in := make(map[string]bool, len(words))
	for _, w := range words {
		in[Fold(w)] = true
	}
	stem := func(w string) string { return stemNL(nil, w) }
	out := map[string]string{}
	for w := range in {
		if len(w) <= 6 || !strings.HasSuffix(w, "enen") || notPlurals[w] {
			continue
		}
		s, adj := w[:len(w)-1], w[:len(w)-2]
		if in[s] && in[adj] && stem(s) == stem(adj) && stem(w) != stem(s) {
			out[w] = s
		}
	}
	return out
}

// The third rule, for compounds whose head is an irregular plural
// (irregularPlurals): the table's whole-word entries do not reach a
// compound the splitter keeps whole, so Kamerleden kept its own key and
// Kamerlid did not find it. From the OpenTaal word list, a word that ends
// in such a plural after a modifier of at least three letters is mapped to
// the compound with the singular when the list has that too (kamerleden →
// kamerlid, hoofdsteden → hoofdstad, oorlogsschepen → oorlogsschip). The
// singular compound is the evidence: overleden, aanbesteden, verleden have
// none (overlid, aanbestad), and ge·leden, whose gelid is another word, has
// a modifier too short. A word that is also a regular plural (hofsteden
// of hofstede, not of hofstad) is left out, and so is one with other
// characters than letters.
func compoundIrregularPlurals(words []string) map[string]string {
	in := make(map[string]bool, len(words))
	for _, w := range words {
		in[Fold(w)] = true
	}
	out := map[string]string{}
	for w := range in {
		if len(w) < 8 || strings.ContainsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) {
			continue // eerste kamerleden, ex-leden: the tokenizer splits them
		}
		if in[w[:len(w)-1]] || in[w[:len(w)-2]] {
			continue // also a regular plural: hofsteden of hofstede
		}
		for p, s := range irregularPlurals {
			if h := strings.TrimSuffix(w, p); h != w && len(h) >= 3 && in[h+s] {
				out[w] = h + s
			}
		}
	}
	return out
}

// The fourth rule, for the Latin and Greek plurals Dutch keeps
// (politicus → politici, crisis → crises, criterium → criteria, museum →
// musea), which no Dutch spelling rule derives: from the OpenTaal word
// list, a word of at least five letters in -ici, -ses or -a whose -icus,
// -sis or -um form is a word too is mapped to it, unless it is also the
// regular plural of a listed word (bases of base, analyses of analyse)
// or the two already share a key. Names are left out (Marrum, Lottum:
// villages, not the singulars of marra and lotta).
func latinPlurals(words []string) map[string]string {
	in := make(map[string]bool, len(words))
	for _, w := range words {
		if w == strings.ToLower(w) {
			in[Fold(w)] = true
		}
	}
	stem := func(w string) string { return stemNL(nil, w) }
	out := map[string]string{}
	for w := range in {
		if len(w) < 5 || strings.ContainsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) {
			continue
		}
		var s string
		switch {
		case strings.HasSuffix(w, "ici"):
			s = w[:len(w)-1] + "us"
		case strings.HasSuffix(w, "ses"):
			s = w[:len(w)-2] + "is"
		case strings.HasSuffix(w, "a"):
			s = w[:len(w)-1] + "um"
		default:
			continue
		}
		if in[s] && !in[w[:len(w)-1]] && stem(w) != stem(s) {
			out[w] = s
		}
	}
	return out
}

// deriveOverrides applies the rule to a vocabulary.
func deriveOverrides(vocab []string) map[string]string {
	in := make(map[string]bool, len(vocab))
	for _, w := range vocab {
		in[Fold(w)] = true
	}
	stem := func(w string) string { return stemNL(nil, w) }
	claims := map[string]map[string]string{} // plural → singular stem → singular
	for s := range in {
		for _, p := range pluralForms(s) {
			if p == s || !in[p] || notPlurals[p] {
				continue
			}
			if stem(p) == stem(s) {
				continue
			}
			if claims[p] == nil {
				claims[p] = map[string]string{}
			}
			if old, ok := claims[p][stem(s)]; !ok || s < old { // deterministic among same-stem singulars
				claims[p][stem(s)] = s
			}
		}
	}
	out := map[string]string{}
	for p, c := range claims {
		if len(c) != 1 {
			continue
		}
		for _, s := range c {
			out[p] = s
		}
	}
	return out
}

func formatOverrides(m map[string]string) string {
	var b strings.Builder
	b.WriteString("# Dutch lemma overrides: \"form lemma\", applied before Snowball (see overrides_test.go).\n")
	b.WriteString("# Generated by `go test ./index -run TestOverridesTable -update` from\n")
	b.WriteString("# ../shared/data/snowball-dutch/dutch-voc.txt (BSD-3-Clause, snowballstem/snowball-data) and, for\n")
	b.WriteString("# the plurals in -enen and the compounds of an irregular plural, ../shared/data/opentaal-wordlist-debian\n")
	b.WriteString("# (BSD or CC BY 3.0). Do not edit.\n")
	for _, p := range slices.Sorted(mapsKeys(m)) {
		fmt.Fprintf(&b, "%s %s\n", p, m[p])
	}
	return b.String()
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestOverridesTable checks that the committed table is what the rule
// derives from the vocabulary, and regenerates it with -update.
func TestOverridesTable(t *testing.T) {
	voc := readLines(t, "data", "snowball-dutch", "dutch-voc.txt")
	table := deriveOverrides(voc)
	opentaal := readLines(t, "data", "opentaal-wordlist-debian", "dutch.txt.gz")
	// The OpenTaal rules add to the vocabulary's; none may contradict it.
	for _, rule := range []struct {
		name string
		m    map[string]string
	}{{"-enen", nominalPlurals(opentaal)}, {"irregular-compound", compoundIrregularPlurals(opentaal)}, {"Latin", latinPlurals(opentaal)}} {
		for p, s := range rule.m {
			if old, ok := table[p]; ok && old != s {
				t.Errorf("%s: the plural rule says %s, the %s rule %s", p, old, rule.name, s)
			}
			table[p] = s
		}
		t.Logf("the %s rule maps %d plurals: %v", rule.name, len(rule.m), slices.Sorted(mapsKeys(rule.m)))
	}
	got := formatOverrides(table)

	// How many singular/plural pairs of the vocabulary (as pluralForms
	// builds them) share a key, before and after the overrides.
	in := map[string]bool{}
	for _, w := range voc {
		in[Fold(w)] = true
	}
	pairs, before, after := 0, 0, 0
	for s := range in {
		for _, p := range pluralForms(s) {
			if p == s || !in[p] || notPlurals[p] {
				continue
			}
			pairs++
			if stemNL(nil, p) == stemNL(nil, s) {
				before++
			}
			if stemNL(overrides(), p) == stemNL(overrides(), s) {
				after++
			}
		}
	}
	t.Logf("vocabulary singular/plural pairs: %d; same key with Snowball alone %d (%.1f%%), with overrides %d (%.1f%%)",
		pairs, before, 100*float64(before)/float64(pairs), after, 100*float64(after)/float64(pairs))
	if *updateOverrides {
		if err := os.WriteFile("overrides_nl.txt", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for form := range overrides() {
		if len(form) >= minSuffixHead+minSuffixOverride && !isPluralEnding(form) {
			t.Errorf("table form %q does not end in -en, -s, -a or -i: lemmaNL's shortcut would miss it in compounds", form)
		}
	}
	if got != overridesNLText && !*updateOverrides {
		t.Errorf("overrides_nl.txt is stale: run go test ./index -run TestOverridesTable -update")
	}
}

// TestNotPlurals checks that the prepositions and adverbs in -ens keep
// their own key: tijden (times) does not find tijdens (during).
func TestNotPlurals(t *testing.T) {
	for _, c := range [][2]string{
		{"tijdens", "tijden"}, {"wegens", "wegen"}, {"namens", "namen"},
		{"krachtens", "krachten"}, {"volgens", "volgen"}, {"vervolgens", "vervolgen"},
		{"behoudens", "behouden"},
	} {
		if a, b := Key("nl", c[0]), Key("nl", c[1]); a == b {
			t.Errorf("Key(%q) = Key(%q) = %q, want different keys", c[0], c[1], a)
		}
	}
	// Real plurals still meet their singular.
	if a, b := Key("nl", "havens"), Key("nl", "haven"); a != b {
		t.Errorf("Key(havens) = %q, Key(haven) = %q, want the same", a, b)
	}
}

// TestIrregularPlurals checks that the plurals no rule derives take their
// singular's key, that none of them is in the rule-built table too, and
// that longer words ending in one keep their own key (whole words only).
func TestIrregularPlurals(t *testing.T) {
	for p, s := range irregularPlurals {
		if got, want := Key("nl", p), Key("nl", s); got != want {
			t.Errorf("Key(%q) = %q, want %q, the key of %s", p, got, want, s)
		}
		if _, ok := overrides()[p]; ok {
			t.Errorf("%s is in overrides_nl.txt too", p)
		}
	}
	for _, c := range [][2]string{{"aanbesteden", "aanbestad"}, {"overleden", "overlid"}, {"verleden", "verlid"}, {"geleden", "gelid"}, {"hofsteden", "hofstad"}} {
		if got, bad := Key("nl", c[0]), Key("nl", c[1]); got == bad {
			t.Errorf("Key(%q) = %q, the key of %s: an irregular plural matched inside a longer word", c[0], got, c[1])
		}
	}
	// Latin and Greek plurals (the table's fourth rule); a regular plural
	// keeps its own singular (analyses of analyse, not of analysis).
	for _, c := range [][2]string{{"crises", "crisis"}, {"politici", "politicus"}, {"criteria", "criterium"}, {"musea", "museum"}, {"asielzoekerscentra", "asielzoekerscentrum"}, {"analyses", "analyse"}} {
		if got, want := Key("nl", c[0]), Key("nl", c[1]); got != want {
			t.Errorf("Key(%q) = %q, want %q, the key of %s", c[0], got, want, c[1])
		}
	}
	// A compound the word list has with both the plural and the singular
	// head takes the singular's key (the table's third rule), also as the
	// head of a longer word.
	for _, c := range [][2]string{{"Kamerleden", "Kamerlid"}, {"hoofdsteden", "hoofdstad"}, {"oorlogsschepen", "oorlogsschip"}, {"kleinkinderen", "kleinkind"}, {"oud-Kamerleden", "oud-Kamerlid"}, {"tweedekamerleden", "tweedekamerlid"}} {
		if got, want := Key("nl", c[0]), Key("nl", c[1]); got != want {
			t.Errorf("Key(%q) = %q, want %q, the key of %s", c[0], got, want, c[1])
		}
	}
}
