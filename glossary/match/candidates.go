package match

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
)

// Candidate kinds.
const (
	KindAcronym  = "acronym"
	KindName     = "name"
	KindCompound = "compound"
	KindPhrase   = "phrase"
)

// kindWeight ranks the kinds: an unknown acronym is nearly always a term,
// a repeated adjective–noun pair much less often.
func kindWeight(kind string) float64 {
	switch kind {
	case KindAcronym:
		return 3
	case KindName:
		return 2
	case KindPhrase:
		return 1.5
	}
	return 1
}

// Candidate is a stretch of text that may deserve a glossary entry.
type Candidate struct {
	Text     string   `json:"text"`     // normalised: white space collapsed, line-break hyphens undone
	Kind     string   `json:"kind"`     // KindAcronym, KindName, KindCompound or KindPhrase
	Count    int      `json:"count"`    // occurrences in the text
	Contexts []string `json:"contexts"` // up to three snippets around occurrences, in text order
	Score    float64  `json:"score"`    // Count × the kind's weight; candidates are sorted by it
}

// maxContexts and contextBytes bound what a candidate carries.
const (
	maxContexts  = 3
	contextBytes = 60
)

// Candidates proposes what the Matcher's glossary does not cover in text:
//
//   - acronyms: words of two or more capitals (ISR, SRGR) that are no term;
//   - names: two or more capitalised words in a row, with connectors such
//     as van, de, pour, and between them (Individual Police Officers);
//     a capitalised determiner at a sentence start is left out;
//   - compounds: single words that are no term, though a part may be: with
//     Options.Split the words it splits; without, words of 10+ letters that
//     end in another word of the text or of the glossary
//     (trainingsactiviteiten);
//   - phrases: an adjective (Dutch -e, or an English adjective ending)
//     and a noun, no stop words, occurring at least twice (centrale
//     overheid).
//
// Nothing that lies inside one annotation (other than a compound-part one)
// is proposed. Candidates are ranked by Score, then Count, then Text; at
// most limit are returned (limit <= 0: all). Build the Matcher from the
// glossary being curated: with a general dictionary loaded nearly every
// word is covered.
func (m *Matcher) Candidates(text string, limit int) []Candidate {
	s := &candScan{text: text, toks: tokenize(text, nil), m: m, byKey: map[string]*Candidate{}}
	for _, a := range m.Annotate(text, "") {
		if a.Via != ViaCompound {
			s.covered = append(s.covered, [2]int{a.Start, a.End})
		}
	}
	s.acronyms()
	s.names()
	s.compounds()
	s.phrases()
	out := make([]Candidate, 0, len(s.order))
	for _, k := range s.order {
		c := s.byKey[k]
		if c.Kind == KindPhrase && c.Count < 2 {
			continue
		}
		c.Score = float64(c.Count) * kindWeight(c.Kind)
		out = append(out, *c)
	}
	slices.SortStableFunc(out, func(a, b Candidate) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Text, b.Text)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

type candScan struct {
	m       *Matcher
	text    string
	toks    []token
	covered [][2]int // byte spans of annotations, in order
	byKey   map[string]*Candidate
	order   []string
}

// isCovered reports whether [start, end) lies inside one annotation.
func (s *candScan) isCovered(start, end int) bool {
	i, _ := slices.BinarySearchFunc(s.covered, start, func(sp [2]int, x int) int { return cmp.Compare(sp[0], x) })
	for _, j := range []int{i - 1, i} {
		if j >= 0 && j < len(s.covered) && s.covered[j][0] <= start && end <= s.covered[j][1] {
			return true
		}
	}
	return false
}

// add counts one occurrence of the candidate spanning tokens [a, b).
func (s *candScan) add(kind string, a, b int) {
	start, end := s.toks[a].start, s.toks[b-1].end
	if s.isCovered(start, end) {
		return
	}
	txt := s.normalise(a, b)
	key := kind + "\x00" + glossary.Fold(txt)
	c := s.byKey[key]
	if c == nil {
		c = &Candidate{Text: txt, Kind: kind}
		s.byKey[key] = c
		s.order = append(s.order, key)
	}
	c.Count++
	if len(c.Contexts) < maxContexts {
		c.Contexts = append(c.Contexts, s.context(start, end))
	}
}

// normalise writes tokens [a, b) with their separators tidied.
func (s *candScan) normalise(a, b int) string {
	var sb strings.Builder
	for k := a; k < b; k++ {
		if k > a {
			g := s.text[s.toks[k-1].end:s.toks[k].start]
			switch gapKind(g) {
			case gapSpace:
				sb.WriteByte(' ')
			case gapHyphen:
				sb.WriteByte('-')
			case gapBroken:
				switch {
				case !hasNewline(g):
					sb.WriteString("- ") // an elided part: Noord- en Centraal-Mali
				case s.toks[k-1].flags&joinNext == 0:
					sb.WriteByte('-')
				}
			default:
				sb.WriteString(strings.Join(strings.Fields(g), " "))
				if g != "" && unicode.IsSpace(rune(g[len(g)-1])) {
					sb.WriteByte(' ')
				}
			}
		}
		sb.WriteString(s.text[s.toks[k].start:s.toks[k].end])
	}
	return sb.String()
}

// context returns the occurrence with up to contextBytes either side, cut
// at rune boundaries, white space collapsed.
func (s *candScan) context(start, end int) string {
	lo, hi := max(0, start-contextBytes), min(len(s.text), end+contextBytes)
	for lo > 0 && !utf8.RuneStart(s.text[lo]) {
		lo--
	}
	for hi < len(s.text) && !utf8.RuneStart(s.text[hi]) {
		hi++
	}
	return strings.Join(strings.Fields(s.text[lo:hi]), " ")
}

func (s *candScan) word(k int) string { return s.text[s.toks[k].start:s.toks[k].end] }

// capitals counts the upper- and lower-case letters of w.
func capitals(w string) (upper, lower int) {
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper, lower
}

func (s *candScan) acronyms() {
	for k := range s.toks {
		w := strings.TrimSuffix(strings.TrimSuffix(s.word(k), "'s"), "’s")
		if up, low := capitals(w); up < 2 || low > 0 || romanNumeral(w) || s.inCapitalsLine(k) {
			continue
		}
		end := s.toks[k].start + len(w)
		// COVID-19: a number joined by a hyphen belongs to the acronym.
		if len(w) == len(s.word(k)) && k+1 < len(s.toks) && isNumber(s.word(k+1)) &&
			gapKind(s.text[s.toks[k].end:s.toks[k+1].start]) == gapHyphen {
			end = s.toks[k+1].end
			if !s.isCovered(s.toks[k].start, end) {
				s.add(KindAcronym, k, k+2)
			}
			continue
		}
		s.addSpan(KindAcronym, k, s.toks[k].start, end)
	}
}

// inCapitalsLine reports whether token k stands in a line of three or more
// words written all in capitals (MINISTERIE VAN BUITENLANDSE ZAKEN, a
// letterhead or a heading): its words are capitalised words, not acronyms
// (VAN, DE and ZAKEN were offered as acronyms).
func (s *candScan) inCapitalsLine(k int) bool {
	start := strings.LastIndexByte(s.text[:s.toks[k].start], '\n') + 1
	end := strings.IndexByte(s.text[s.toks[k].end:], '\n')
	if end < 0 {
		end = len(s.text)
	} else {
		end += s.toks[k].end
	}
	line := s.text[start:end]
	if strings.ContainsFunc(line, unicode.IsLower) {
		return false
	}
	words := 0
	for _, f := range strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(f) > 0 {
			words++
		}
	}
	return words >= 3
}

// romanNumeral reports whether w is a small Roman numeral written in I, V
// and X (II, IV, XII): the chamber of Kamerstukken II, a chapter's number,
// no acronym.
func romanNumeral(w string) bool {
	return len(w) <= 5 && strings.Trim(w, "IVX") == ""
}

func isNumber(w string) bool {
	return strings.TrimFunc(w, unicode.IsDigit) == ""
}

// addSpan is add for a part of one token (an acronym without its 's).
func (s *candScan) addSpan(kind string, k, start, end int) {
	if s.isCovered(start, end) {
		return
	}
	t := s.toks[k]
	s.toks[k].end = end
	s.add(kind, k, k+1)
	s.toks[k] = t
}

// sentenceStart reports whether token k opens a sentence or a line-
// initial heading, where capitals say nothing about names.
func (s *candScan) sentenceStart(k int) bool {
	if k == 0 {
		return true
	}
	g := s.text[s.toks[k-1].end:s.toks[k].start]
	return strings.ContainsAny(g, ".!?:") || strings.Count(g, "\n") >= 2 ||
		strings.Contains(g, "\n") && !unicode.IsLower(lastRune(s.text[:s.toks[k-1].end]))
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func (s *candScan) capitalised(k int) bool {
	return s.toks[k].flags&upperFirst != 0
}

// joined reports whether tokens k-1 and k may sit in one name: separated
// by a space or a hyphen, not by punctuation.
func (s *candScan) joined(k int) bool {
	return gapKind(s.text[s.toks[k-1].end:s.toks[k].start]) != gapOther
}

func (s *candScan) names() {
	for k := 0; k < len(s.toks); {
		if !s.capitalised(k) {
			k++
			continue
		}
		a := k
		// A capital at a sentence start says nothing, unless the next word
		// is capitalised too: keep "Charles Michel", drop "De" in
		// "De Minister van …" and "Vertegenwoordigers" in
		// "Vertegenwoordigers van ECOWAS".
		if s.sentenceStart(a) && (stopWord(glossary.Fold(s.word(a))) || a+1 >= len(s.toks) || !s.capitalised(a+1) || !s.joined(a+1)) {
			a++
		}
		end, caps, uncovered := a, 0, 0
		for j := a; j < len(s.toks); j++ {
			if j > a && (!s.joinedInName(j) || s.sentenceStart(j)) {
				break
			}
			if s.capitalised(j) {
				end, caps = j+1, caps+1
				if !s.isCovered(s.toks[j].start, s.toks[j].end) {
					uncovered++
				}
				continue
			}
			if j == a || !connector(glossary.Fold(s.word(j))) {
				break
			}
			// "en de", "and the" join two names (Zorginstituut Nederland
			// en de Nederlandse Zorgautoriteit), not the parts of one.
			if f := glossary.Fold(s.word(j)); (f == "en" || f == "and" || f == "et") && j+1 < len(s.toks) && determiner(glossary.Fold(s.word(j+1))) {
				break
			}
		}
		// A name whose capitalised words are all terms already (VN en de
		// EU, Burkina Faso en Senegal) tells the curator nothing new; a
		// title before a name (Minister De Jonge, Mevrouw Agema) is a
		// person, whom a glossary does not list.
		if caps >= 2 && uncovered > 0 && !s.person(a, end) {
			s.add(KindName, a, end)
		}
		k = max(end, k+1)
	}
}

// person reports whether the name of tokens [a, end) is a title and a
// person's name: a title word, then a capitalised word. A title in
// capitals heads a letter or a section (STAATSSECRETARIS VAN FINANCIEN),
// whose next word is in capitals too: that is the office, not a person.
func (s *candScan) person(a, end int) bool {
	if _, low := capitals(s.word(a)); low == 0 {
		return false
	}
	return a+1 < end && personTitles[glossary.Fold(s.word(a))] && s.capitalised(a+1)
}

// personTitles are the words that put a person's name after them, folded.
var personTitles = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`mevrouw mevr mw heer meneer dhr minister staatssecretaris president premier
		voorzitter commissaris burgemeester wethouder gedeputeerde koning koningin prins prinses generaal kolonel
		dr drs mr ir ing prof mrs mr ms sir lord`) {
		m[w] = true
	}
	return m
}()

// determiner reports whether a folded word is an article.
func determiner(f string) bool {
	switch f {
	case "de", "het", "een", "the", "a", "an", "le", "la", "les":
		return true
	}
	return false
}

// joinedInName reports whether token k continues the name before it: a
// space or hyphen, or a comma in an enumeration of capitalised words
// (Intelligence, Surveillance and Reconnaissance).
func (s *candScan) joinedInName(k int) bool {
	g := s.text[s.toks[k-1].end:s.toks[k].start]
	if gapKind(g) != gapOther {
		return true
	}
	return strings.TrimSpace(g) == "," && s.capitalised(k) && s.capitalised(k-1)
}

func (s *candScan) compounds() {
	var vocab map[string]bool // folded words of the text and of the terms
	for k := range s.toks {
		w := s.word(k)
		if s.capitalised(k) && !s.sentenceStart(k) {
			continue // a name, not a compound noun
		}
		if up, _ := capitals(w); up > 1 || hasDigit(w) {
			continue
		}
		if s.m.opt.Split != nil {
			if f := glossary.Fold(w); len(f) > MaxWordLen || len(s.m.opt.Split(f)) < 2 {
				continue
			}
		} else {
			if vocab == nil {
				vocab = s.vocabulary()
			}
			if !headInVocabulary(glossary.Fold(w), vocab) {
				continue
			}
		}
		s.add(KindCompound, k, k+1)
	}
}

// vocabulary returns the folded words of the text and of the Matcher's
// terms, for the compound test without a splitter.
func (s *candScan) vocabulary() map[string]bool {
	v := map[string]bool{}
	for k := range s.toks {
		// Halves of a word broken at a line end (veroor-, deeld) are no words.
		if s.toks[k].flags&joinNext != 0 || k > 0 && s.toks[k-1].flags&joinNext != 0 {
			continue
		}
		v[glossary.Fold(s.word(k))] = true
	}
	for _, e := range s.m.entries {
		for _, w := range e.words {
			v[w.fold] = true
		}
	}
	return v
}

// headInVocabulary is the compound test used without a splitter: w is at
// least 10 letters and ends in a known word of 4+ letters after a
// modifier of 4+ letters that is not a derivational prefix
// (trainingsactiviteiten ends in activiteiten; internationale is inter-
// plus nationale, no compound).
func headInVocabulary(w string, vocab map[string]bool) bool {
	// The length cap keeps the quadratic suffix search cheap on junk
	// input (a 1 MB "word"); real compounds are far shorter.
	if utf8.RuneCountInString(w) < 10 || len(w) > 96 {
		return false
	}
	for i := range w {
		if i < 4 || len(w)-i < 4 {
			continue
		}
		if vocab[w[i:]] && !derivationalPrefix(w[:i]) {
			return true
		}
	}
	return false
}

func derivationalPrefix(p string) bool {
	switch p {
	case "inter", "trans", "super", "multi", "hyper", "contra", "pseudo", "semi", "anti", "niet", "over", "onder", "voor", "tegen":
		return true
	}
	return false
}

func hasDigit(w string) bool {
	return strings.IndexFunc(w, unicode.IsDigit) >= 0
}

func (s *candScan) phrases() {
	content := func(k int) bool {
		w := s.word(k)
		f := glossary.Fold(w)
		up, _ := capitals(w)
		return utf8.RuneCountInString(w) >= 3 && !stopWord(f) && !hasDigit(w) && up <= 1
	}
	for k := 0; k+1 < len(s.toks); k++ {
		if content(k) && content(k+1) && !s.capitalised(k+1) && !genericAdjectives[glossary.Fold(s.word(k))] &&
			gapKind(s.text[s.toks[k].end:s.toks[k+1].start]) == gapSpace && s.m.attributive(glossary.Fold(s.word(k))) {
			s.add(KindPhrase, k, k+2)
		}
	}
}

// attributive reports whether the folded word w may be an attributive
// adjective: adjectival's ending, and, with a word list (Options.Word),
// for a Dutch word in -e, a base the list has (veilige: veilig, centrale:
// centraal, actieve: actief, grote: groot), which a noun in -e lacks
// (motie, inspectie, ministerie, drie); a word the list lacks is judged
// by its head (Options.Split: alfahulpconstructie by constructie), and
// one whose head the list lacks too by its ending alone. A listed Dutch
// word whose ending is only English-like (aantal: -al) is no adjective;
// nationaal, centraal (-aal) are. A listed compound whose base the list
// lacks is judged by its longest listed ending.
func (m *Matcher) attributive(w string) bool {
	if !adjectival(w) {
		return false
	}
	if m.opt.Word == nil {
		return true
	}
	if !strings.HasSuffix(w, "e") {
		return !strings.HasSuffix(w, "al") || strings.HasSuffix(w, "aal") || !m.opt.Word(w)
	}
	head := w
	if !m.opt.Word(w) && m.opt.Split != nil {
		if parts := m.opt.Split(w); len(parts) > 1 {
			head = parts[len(parts)-1]
		}
	}
	if !m.opt.Word(head) {
		return true
	}
	if slices.ContainsFunc(adjectiveBases(head), m.opt.Word) {
		return true
	}
	// A listed compound whose base the list lacks (dikbetaalde, not
	// dikbetaald): the base of its longest listed ending (betaalde).
	for i := 1; i+4 <= len(head); i++ {
		if m.opt.Word(head[i:]) {
			return slices.ContainsFunc(adjectiveBases(head[i:]), m.opt.Word)
		}
	}
	return false
}

// adjectiveBases returns the uninflected forms a Dutch word in -e may be
// the attributive form of: without the -e (veilige: veilig), with a
// doubled consonant single (dikke: dik), v and z as f and s (actieve:
// actief, wijze: wijs), the vowel before the last consonant doubled
// (centrale: centraal, grote: groot, brave: braaf), and a present
// participle's infinitive.
func adjectiveBases(w string) []string {
	b := strings.TrimSuffix(w, "e")
	if len(b) < 2 {
		return nil
	}
	out := []string{b, devoiced(b)}
	// A present participle: the infinitive (migrerende: migreren,
	// gaande: gaan), which the list has where it lacks the participle.
	if strings.HasSuffix(b, "end") {
		out = append(out, b[:len(b)-3]+"en", b[:len(b)-1])
	}
	if n := len(b); b[n-1] == b[n-2] && !isVowel(b[n-1]) {
		out = append(out, b[:n-1])
	}
	// The last vowel, single, before one consonant: the open syllable of
	// an inflected long vowel (also after another vowel of its own
	// syllable, which folding took the diaeresis from: sociale: sociaal,
	// financiele: financieel).
	if n := len(b); n >= 3 && !isVowel(b[n-1]) && strings.IndexByte("aeou", b[n-2]) >= 0 && b[n-3] != b[n-2] {
		d := b[:n-1] + b[n-2:n-1] + b[n-1:]
		out = append(out, d, devoiced(d))
	}
	return out
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// genericAdjectives point or order rather than name a kind (het volgende
// model, de nieuwe regeling, de genoemde brief, de eerste zin): a phrase
// that starts with one is no term.
var genericAdjectives = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		volgende nieuwe huidige genoemde bovengenoemde voornoemde desbetreffende betreffende bedoelde
		gehele hele vorige laatste eerste tweede derde vierde vijfde verschillende bepaalde overige diverse
		zelfde dezelfde hetzelfde andere eigen grote kleine goede juiste mogelijke eventuele voldoende
		belangrijke nodige verdere gewone vele enige zekere afgelopen komende gegeven
		following new current present said above-mentioned relevant whole previous last first second
		third various certain other same own large small good possible further`) {
		m[w] = true
	}
	return m
}()

// adjectival reports whether a folded word looks like an attributive
// adjective: Dutch inflected -e (centrale, financiele) or a common English
// adjective ending (constitutional, democratic).
func adjectival(w string) bool {
	for _, suf := range []string{"e", "al", "ic", "ive", "ary", "ian", "ous", "ern"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// connector reports whether a folded word may stand inside a name.
func connector(folded string) bool {
	switch folded {
	case "van", "der", "de", "den", "het", "voor", "en", "pour", "le", "la", "les", "du", "des", "et",
		"of", "and", "the", "for":
		return true
	}
	return false
}

func stopWord(folded string) bool { return stopWords[folded] }

// stopWords are Dutch and English function words, folded; a phrase or a
// name never starts with one. It is filled once and only read.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		de het een en of van in op te ten ter voor met aan door over bij naar om tot uit als dat die dit deze
		er is zijn was waren werd wordt worden heeft hebben had hadden zal zullen zou zouden kan kunnen moet
		moeten niet geen ook nog al wel zo na maar dan toen zich hun haar hem hij zij ze wij we u uw ik je
		onder tegen tussen waar waarin waarvan hierop hierover hiervoor daarnaast tevens zoals enkele andere
		veel meer eerder recent momenteel reeds jl nr bijvoorbeeld alle elke ieder iets niets zeer heel
		binnen buiten sinds tijdens zonder via per welke wie wat hoe omdat zodat terwijl indien mits
		dus eigenlijk zelf inzake namens echter daarom namelijk immers overigens inmiddels toch even juist
		vooral alleen steeds nu hier daar weer natuurlijk helemaal graag ongeveer sowieso waarop waarmee
		waarvoor waardoor waarbij waarover waaruit daarop daarmee daarvoor daarbij daarover sommige iedere
		meerdere beide aantal onze ons mijn jouw allemaal
		the a an and or of to in on for with by at from as that this these those is are was were be been
		being has have had will would can could shall should may might must not no also its it their his
		her they we you he she which who whom what when where how than then into over under about after
		before between during without within such other some any all each more most very`) {
		m[w] = true
	}
	return m
}()

// devoiced writes a stem's final v or z as Dutch spells it at a word's
// end, f or s (lev-: leef, reiz-: reis); other stems as they are.
func devoiced(x string) string {
	switch x[len(x)-1] {
	case 'v':
		return x[:len(x)-1] + "f"
	case 'z':
		return x[:len(x)-1] + "s"
	}
	return x
}
