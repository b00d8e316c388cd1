package app

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm/fuzzy"
)

// Composed suggestions (issue 14 point 3, the fallback "from the TM and
// lexicon"): a Dutch term the TM does not contain — a new phrase of a
// letter — gets English composed word by word. The term is cut into the
// longest runs that are a glossary term (curated, or imported such as
// FreeDict), the other words are translated by the lexicon (its English
// keys shown as the commonest surface form the TM's English side has for
// them) or a short list of function words, and unknown names are kept.
// The combinations are ranked by the translations' probabilities and by
// how often the whole English phrase occurs in the TM's English side (its
// n-gram support). A composed suggestion says so: Via "composed", no TM
// pair translates the term (Count and Total 0), Support counts the TM
// segments with the English phrase and its examples are those segments.

// Via of a composed suggestion.
const viaComposed = "composed"

// composeMaxOptions bounds the translations tried per part, and
// composeMaxCandidates the combinations whose support is looked up.
const (
	composeMaxOptions    = 3
	composeMaxCandidates = 8
	composeMinLexP       = 0.05
	composeSupportCands  = 300
	// composeRelLexP: a translation below this share of the word's
	// likeliest one is no rendering of it, even when the likeliest has
	// no English word in the TM to write it with (defensie: defence 0.84,
	// danish 0.06 — "danish and the policy rules").
	composeRelLexP = 0.25
)

// nlFunctionEN translates the Dutch function words a term may contain;
// the lexicon has none of them (the analysis drops stop words).
var nlFunctionEN = map[string]string{
	"en": "and", "of": "or", "van": "of", "de": "the", "het": "the", "een": "a", "in": "in", "op": "on",
	"voor": "for", "met": "with", "tot": "to", "naar": "to", "door": "by", "bij": "at", "uit": "from",
	"over": "on", "tegen": "against", "zonder": "without", "onder": "under", "tussen": "between",
	"onze": "our", "ons": "our", "hun": "their", "haar": "her", "zijn": "its", "deze": "this", "dit": "this",
	"die": "that", "dat": "that", "aan": "to", "om": "for", "per": "per", "als": "as",
}

// option is one English rendering of a part of the term.
type option struct {
	en  string
	p   float64
	via string // glossary, lexicon, function word, name
}

// composePart is a run of the term's words and its renderings.
type composePart struct {
	nl      string
	options []option
	elided  bool // the head of a coordination: Noord-[Mali] en Centraal-Mali
}

// ComposeEquivalents composes up to n English equivalents of a Dutch term
// word by word from the glossary and the lexicon, best first (see above).
// It returns none for a term with no part it can translate.
func (a *App) ComposeEquivalents(ctx context.Context, nl string, n int) ([]Equivalent, error) {
	if err := a.tmReady(); err != nil {
		return nil, err
	}
	parts := a.composeParts(ctx, nl)
	if len(parts) == 0 {
		return []Equivalent{}, nil
	}
	// A content word must be translated: names kept with only their
	// function words rendered is no English (Kamer van Koophandel gave
	// "Kamer of Koophandel").
	translated := false
	for _, p := range parts {
		for _, o := range p.options {
			if o.via != "name" && o.via != "function word" {
				translated = true
			}
		}
	}
	if !translated || nameByWord(nl, parts) {
		return []Equivalent{}, nil
	}
	type cand struct {
		en      string
		prior   float64
		how     []string
		support int
		ex      []TMExample
		score   float64
	}
	cands := []cand{{prior: 1}}
	for _, p := range parts {
		var next []cand
		for _, c := range cands {
			for _, o := range p.options {
				next = append(next, cand{en: strings.TrimSpace(c.en + " " + o.en), prior: c.prior * o.p,
					how: append(slices.Clone(c.how), fmt.Sprintf("%s → %s (%s)", p.nl, o.en, o.via))})
			}
		}
		slices.SortStableFunc(next, func(x, y cand) int { return cmp.Compare(y.prior, x.prior) })
		cands = next[:min(len(next), composeMaxCandidates)]
	}
	// A coordination's shared head is said once: northern Mali and
	// central Mali → northern and central Mali.
	if head := elidedHead(parts); head != "" {
		for i := range cands {
			cands[i].en = elide(cands[i].en, head)
		}
	}
	for i := range cands {
		c := &cands[i]
		c.prior = math.Pow(c.prior, 1/float64(len(parts)))
		sup, ex, err := a.englishSupport(ctx, c.en)
		if err != nil {
			return nil, err
		}
		c.support, c.ex = sup, ex
		c.score = c.prior * (1 + math.Log1p(float64(sup)))
	}
	slices.SortStableFunc(cands, func(x, y cand) int { return cmp.Compare(y.score, x.score) })
	out := []Equivalent{}
	seen := map[string]bool{}
	for _, c := range cands {
		k := strings.ToLower(c.en)
		if seen[k] || len(out) == n {
			continue
		}
		seen[k] = true
		note := "composed from the glossary and lexicon word by word (" + strings.Join(c.how, "; ") + "); no TM pair has the Dutch term"
		if c.support == 0 {
			note += ", and the TM's English side does not have this phrase"
		}
		out = append(out, Equivalent{EN: c.en, Via: viaComposed, Support: c.support, Note: note, Examples: nonNilExamples(c.ex)})
	}
	return out, nil
}

func nonNilExamples(ex []TMExample) []TMExample {
	if ex == nil {
		return []TMExample{}
	}
	return ex
}

// nameByWord reports whether the term nl is a name (two or more words,
// each capitalised or a function word) of which a capitalised part would
// be rendered by the lexicon: a person's or an institution's name
// translated word by word is no English name (De Jonge gave "the Young",
// Economische Zaken en Klimaat "Economic Respect and Climate", Partij van
// de Arbeid "Party of the Labour"). A name the glossary renders, whole or
// by its parts (Raad van State), is still composed.
func nameByWord(nl string, parts []composePart) bool {
	words := strings.FieldsFunc(nl, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if _, fn := nlFunctionEN[strings.ToLower(w)]; !fn && !capitalised(w) {
			return false
		}
	}
	for _, p := range parts {
		if !capitalised(p.nl) {
			continue
		}
		for _, o := range p.options {
			if o.via == "lexicon" || o.via == "parts" {
				return true
			}
		}
	}
	return false
}

// composeParts cuts a Dutch term into parts with their renderings.
func (a *App) composeParts(ctx context.Context, nl string) []composePart {
	units, elidedAt := coordinationUnits(nl)
	var parts []composePart
	for i := 0; i < len(units); {
		// The longest run of units that is a glossary term.
		j := len(units)
		var opts []option
		for ; j > i; j-- {
			if opts = a.glossaryOptions(strings.Join(units[i:j], " ")); len(opts) > 0 {
				break
			}
		}
		if j == i {
			j = i + 1
			opts = a.wordOptions(ctx, units[i])
		} else if j == i+1 && onlyDictionary(opts) {
			// An imported dictionary's entry for one word competes with
			// the word's other renderings: FreeDict lists every sense,
			// and some of its entries are wrong (vormgeven: cut).
			opts = append(opts, a.wordOptions(ctx, units[i])...)
			slices.SortStableFunc(opts, func(x, y option) int { return cmp.Compare(y.p, x.p) })
		}
		if len(opts) == 0 {
			// A word nothing renders: a composition without it says
			// something else (ministeriële regeling as "rules").
			return nil
		}
		nl := strings.Join(units[i:j], " ")
		if capitalised(units[i]) {
			// A capitalised word in a term is part of a name (Raad van
			// State: Council of State); the lexicon's keys are lower
			// case, a glossary term is written as it should be.
			for k := range opts {
				switch {
				case strings.EqualFold(opts[k].en, units[i]):
					opts[k].en = units[i] // an acronym or a numeral as written (EU, II)
				case opts[k].via == "lexicon" || opts[k].via == "parts":
					opts[k].en = titleWords(opts[k].en)
				}
			}
		}
		parts = append(parts, composePart{nl: nl, options: opts, elided: i == elidedAt && j == i+1})
		i = j
	}
	return parts
}

// titleWords capitalises each word of en that is no English function word.
func titleWords(en string) string {
	fs := strings.Fields(en)
	for i, f := range fs {
		if r := []rune(f); len(r) > 0 && (i == 0 || !enFunction[strings.ToLower(f)]) {
			r[0] = unicode.ToUpper(r[0])
			fs[i] = string(r)
		}
	}
	return strings.Join(fs, " ")
}

// coordinationUnits returns the words of a term, with a coordination's
// elided head restored (Noord- en Centraal-Mali: Noord-Mali, en,
// Centraal-Mali) and the index of the unit that got it (-1: none).
func coordinationUnits(nl string) ([]string, int) {
	fs := strings.Fields(nl)
	elidedAt := -1
	var units []string
	for i, f := range fs {
		if strings.HasSuffix(f, "-") && i+2 < len(fs) && (fs[i+1] == "en" || fs[i+1] == "of") {
			if k := strings.LastIndexByte(fs[i+2], '-'); k > 0 {
				units = append(units, f+fs[i+2][k+1:])
				elidedAt = len(units) - 1
				continue
			}
		}
		if w := strings.Trim(f, ",.;:()\"'"); w != "" {
			units = append(units, w)
		}
	}
	return units, elidedAt
}

// elidedHead returns the English last word shared by the elided part and
// the term's last part when every rendering of both ends in it.
func elidedHead(parts []composePart) string {
	var e, last *composePart
	for i := range parts {
		if parts[i].elided {
			e = &parts[i]
		}
	}
	if e == nil || len(parts) < 2 {
		return ""
	}
	last = &parts[len(parts)-1]
	head := ""
	for _, p := range []*composePart{e, last} {
		for _, o := range p.options {
			fs := strings.Fields(o.en)
			if len(fs) < 2 {
				return ""
			}
			h := fs[len(fs)-1]
			if head == "" {
				head = h
			} else if !strings.EqualFold(head, h) {
				return ""
			}
		}
	}
	return head
}

// elide says head once: "northern Mali and central Mali" →
// "northern and central Mali".
func elide(en, head string) string {
	fs := strings.Fields(en)
	for i, f := range fs[:max(0, len(fs)-1)] {
		if strings.EqualFold(f, head) {
			return strings.Join(append(slices.Clone(fs[:i]), fs[i+1:]...), " ")
		}
	}
	return en
}

// glossaryOptions returns the English terms of the concepts with the
// Dutch term text (by inflection key), preferred ones first.
func (a *App) glossaryOptions(text string) []option {
	res, err := a.terms.Lookup(glossary.LookupRequest{Q: text, Lang: "nl", Mode: glossary.ModeStem, Limit: 20})
	if err != nil {
		return nil
	}
	want := strings.Join(termKeys("nl", text), " ")
	var out []option
	seen := map[string]int{}
	for _, m := range res.Concepts {
		if m.TermLang != "nl" || strings.Join(termKeys("nl", m.Term), " ") != want {
			continue
		}
		for _, t := range m.TermsIn("en") {
			p := 0.5
			switch t.Status {
			case glossary.Preferred:
				p = 1
			case glossary.Admitted, "":
				p = 0.7
			case glossary.Deprecated, glossary.Superseded:
				continue
			}
			via := "glossary"
			if m.Collection != "curated" {
				p *= 0.6 // an imported dictionary (FreeDict) lists every sense
				via = "dictionary"
			}
			// A rendering two concepts give (the curated glossary and
			// FreeDict: Malian) counts at its best.
			k := strings.ToLower(t.Text)
			if at, ok := seen[k]; ok {
				if p > out[at].p {
					out[at] = option{en: t.Text, p: p, via: via}
				}
				continue
			}
			seen[k] = len(out)
			out = append(out, option{en: t.Text, p: p, via: via})
		}
	}
	slices.SortStableFunc(out, func(x, y option) int { return cmp.Compare(y.p, x.p) })
	return out[:min(len(out), composeMaxOptions)]
}

// wordOptions renders one word that is no glossary term: a function word
// from the list, else by the lexicon, else its parts (a hyphenated word
// or a compound) one by one, else — a name — as it is.
func (a *App) wordOptions(ctx context.Context, w string) []option {
	f := index.Fold(w)
	if en, ok := nlFunctionEN[f]; ok {
		return []option{{en: en, p: 1, via: "function word"}}
	}
	if opts := a.lexiconOptions(ctx, f); len(opts) > 0 {
		return opts
	}
	var parts []string
	if strings.Contains(w, "-") {
		parts = strings.Split(w, "-")
	} else if a.split != nil {
		parts = a.split(f)
	}
	if len(parts) > 1 {
		// Each part by the glossary or the lexicon, its best rendering,
		// in the Dutch order.
		var ens []string
		p := 1.0
		for _, part := range parts {
			opts := a.glossaryOptions(part)
			if len(opts) == 0 {
				opts = a.wordOptions(ctx, part)
			}
			if len(opts) == 0 {
				return nil
			}
			ens = append(ens, opts[0].en)
			p *= opts[0].p
		}
		// A verb compound (vorm|geven, deel|nemen, samen|werken) is a
		// verb with its object or particle in front; English puts the
		// verb first: give form, take part, work together — not "form
		// give".
		if verbCompound(f, parts) {
			ens = append([]string{ens[len(ens)-1]}, ens[:len(ens)-1]...)
		}
		return []option{{en: strings.Join(ens, " "), p: p, via: "parts"}}
	}
	if r := []rune(w); len(r) > 0 && unicode.IsUpper(r[0]) {
		return []option{{en: w, p: 0.3, via: "name"}}
	}
	return nil
}

// onlyDictionary reports whether every option comes from an imported
// dictionary, none from the curated glossary.
func onlyDictionary(opts []option) bool {
	for _, o := range opts {
		if o.via != "dictionary" {
			return false
		}
	}
	return len(opts) > 0
}

// nlVerbHeads are the Dutch verbs that most often end a separable or
// incorporated verb (vormgeven, deelnemen, plaatsvinden, samenwerken,
// kennisnemen, terugkeren, vaststellen, uitvoeren): a compound whose
// last part is one of them, in the infinitive, is a verb, not a noun
// (landbouwgronden, with the plural noun gronden, is not).
var nlVerbHeads = wordSet("geven nemen maken vinden brengen houden stellen zetten leggen komen gaan werken voeren treden staan zien vallen trekken roepen dragen leiden sluiten spreken keren delen doen krijgen hebben laten lopen wijzen")

// verbCompound reports whether folded word w, cut into parts, is a verb
// compound: its last part is one of nlVerbHeads and w ends in it.
func verbCompound(w string, parts []string) bool {
	if len(parts) < 2 {
		return false
	}
	last := index.Fold(parts[len(parts)-1])
	return nlVerbHeads[last] && strings.HasSuffix(w, last)
}

// lexiconOptions renders a folded Dutch word by the lexicon's best
// translations, each as the commonest English word of the TM with that
// key.
func (a *App) lexiconOptions(ctx context.Context, f string) []option {
	lex := a.lexicon()
	if lex == nil {
		return nil
	}
	var out []option
	ts := lex.Lookup("nl", index.Key("nl", f))
	best := 0.0
	for _, t := range ts {
		best = max(best, t.P)
	}
	for _, t := range ts {
		if t.P < composeMinLexP || t.P < composeRelLexP*best || len(out) == composeMaxOptions || enFunction[t.Word] {
			continue
		}
		if w := a.surfaceNumber(ctx, t.Word, dutchPlural(f)); w != "" {
			out = append(out, option{en: w, p: t.P, via: "lexicon"})
		}
	}
	return out
}

// englishSupport counts the TM segments whose English side has the
// phrase (by inflection key, consecutive words) among the first
// composeSupportCands the segment search returns, and returns two of
// them as examples with the phrase marked and its Dutch rendering, when
// the word alignment finds one.
func (a *App) englishSupport(ctx context.Context, phrase string) (int, []TMExample, error) {
	var res TMConcordanceResult
	all, err := a.concordanceAll(ctx, TMConcordanceRequest{Q: phrase, Lang: "en"}, composeSupportCands, &res)
	if err != nil {
		return 0, nil, err
	}
	var ex []TMExample
	for _, p := range all[:min(2, len(all))] {
		ex = append(ex, TMExample{NL: p.Target, EN: p.Source, NLMarks: p.TargetMarks, ENMarks: p.Marks})
	}
	return len(all), ex, nil
}

// dutchPlural reports whether a folded Dutch word is its key with a plural
// ending (staten, voorschriften, delicten; not maatregel, not a
// participle such as gesloten).
func dutchPlural(f string) bool {
	if strings.HasPrefix(f, "ge") {
		return false
	}
	k := index.Key("nl", f)
	return k != "" && (f == k+"en" || f == k+"s" || f == k+"'s")
}

// surfaceNumber returns the commonest English word of the TM with the
// index key key ("" when none has it), preferring a plural English form (ending in
// -s) for a Dutch plural and another form for a Dutch singular, when the
// TM has both (Staten-Generaal: States General; maatregel: measure).
func (a *App) surfaceNumber(ctx context.Context, key string, plural bool) string {
	forms := a.surfaces(ctx, key)
	for _, f := range forms {
		if englishPlural(f) == plural {
			return f
		}
	}
	if len(forms) > 0 {
		return forms[0]
	}
	return ""
}

func englishPlural(w string) bool { return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") }

// surfaceSegments is how many TM segments with a key surfaces reads: enough
// that a word's singular and plural both show (20 held only "measures" for
// the key of measure).
const surfaceSegments = 80

// surfaces returns the English words of the TM's segments with the index
// key key (popul: population, populations), commonest first (ties
// alphabetically).
func (a *App) surfaces(ctx context.Context, key string) []string {
	r, err := a.tmem.idx.Search(ctx, index.SegmentQuery{Q: key, Lang: "en", Limit: surfaceSegments})
	if err != nil {
		return nil
	}
	count := map[string]int{}
	a.tmem.mu.RLock()
	for _, h := range r.Hits {
		if s, ok := a.tmem.segs[h.Key]; ok {
			for _, t := range fuzzy.Tokenize(s.EN, nil) {
				if t.Kind == fuzzy.Word && index.Key("en", t.Fold) == key {
					count[t.Fold]++
				}
			}
		}
	}
	a.tmem.mu.RUnlock()
	forms := slices.Collect(maps.Keys(count))
	slices.SortFunc(forms, func(x, y string) int {
		if c := cmp.Compare(count[y], count[x]); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	return forms
}
