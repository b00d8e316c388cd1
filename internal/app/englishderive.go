package app

import (
	"context"
	"sort"
	"strings"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

// An English word may have a relative the lexicon knows better: the same
// word in its other spelling (organisation, organization; labour, labor;
// centre, center), whose senses count as the word's own, weighted by how
// often the lexicon saw each spelling (wordSenses); and, for a word the
// lexicon does not know at all, the word it is derived from
// (sustainability from sustainable, effectiveness from effective,
// insulation from insulate, management from manage), whose senses it is
// searched as at Derived (relativeSenses). A noun of a quality (-ness,
// -ity) is the Dutch adjective's noun in -heid as well (duurzaam,
// duurzaamheid), which the Dutch analysis keeps apart, so that key is added
// where the documents have it; a noun of an action needs nothing, as the
// Dutch analysis gives a verb and its noun in -ing one key (isoleren,
// isolering). Adverbs in -ly are left alone: their Dutch is often another
// word (historically: vroeger), and searched as the adjective they found
// the wrong passages on the news dev half (docs/CLIR.md, session 23).

// englishRelative rewrites an English word's ending to a relative's.
type englishRelative struct {
	suffix, base string
	quality      bool // a noun of a quality: the Dutch noun in -heid too
}

// englishSpellings are the British and American spellings of an ending.
var englishSpellings = []englishRelative{
	{suffix: "isation", base: "ization"},
	{suffix: "ization", base: "isation"},
	{suffix: "ise", base: "ize"},
	{suffix: "ize", base: "ise"},
	{suffix: "yse", base: "yze"},
	{suffix: "yze", base: "yse"},
	{suffix: "our", base: "or"},
	{suffix: "or", base: "our"},
	{suffix: "tre", base: "ter"},
	{suffix: "ter", base: "tre"},
	{suffix: "ence", base: "ense"},
	{suffix: "ense", base: "ence"},
	{suffix: "ogue", base: "og"},
	{suffix: "og", base: "ogue"},
	{suffix: "amme", base: "am"},
	{suffix: "am", base: "amme"},
}

// englishRelatives are tried in order; the first relative the lexicon
// knows is taken.
var englishRelatives = []englishRelative{
	{suffix: "ability", base: "able", quality: true},
	{suffix: "ibility", base: "ible", quality: true},
	{suffix: "iness", base: "y", quality: true},
	{suffix: "ness", base: "", quality: true},
	{suffix: "ity", base: "", quality: true},
	{suffix: "ity", base: "e", quality: true},
	{suffix: "ication", base: "y"},
	{suffix: "ation", base: "ate"},
	{suffix: "ation", base: "e"},
	{suffix: "ation", base: ""},
	{suffix: "ment", base: ""},
}

// wordSenses returns the lexicon's senses of an English word, counting
// its other spelling as the same word: the senses of both, weighted by how
// often the lexicon saw each (defense, seen rarely, as defence; center
// as centre). A word no spelling of which the lexicon knows has none.
func (a *App) wordSenses(word string, lex *lexicon.Lexicon) []Sense {
	ss := a.lexiconSenses(word, lex)
	if lex == nil || a.tune.Derived == 0 {
		return ss
	}
	w := strings.ToLower(word)
	for _, r := range englishSpellings {
		stem, ok := cutEnding(w, r.suffix)
		if !ok {
			continue
		}
		v := stem + r.base
		fv := a.enFreq(v, lex)
		if fv == 0 {
			continue
		}
		vs := a.lexiconSenses(v, lex)
		if len(vs) == 0 {
			continue
		}
		// The word's own count only now: most words have no other
		// spelling, and the count costs an analysis.
		return mixSenses(ss, float64(a.enFreq(w, lex)), vs, float64(fv))
	}
	return ss
}

// enFreq is how often the lexicon saw an English word (by its key).
func (a *App) enFreq(word string, lex *lexicon.Lexicon) int {
	keys := a.idx.Keys("en", word)
	if len(keys) != 1 {
		return 0
	}
	return lex.Freq("en", keys[0])
}

// mixSenses averages two lists of senses of one word, weighted fa and fb:
// a sense missing from a list has weight 0 there. Best first.
func mixSenses(as []Sense, fa float64, bs []Sense, fb float64) []Sense {
	out := make([]Sense, 0, len(as)+len(bs))
	at := map[string]int{}
	add := func(ss []Sense, f float64) {
		for _, s := range ss {
			p := s.P * f / (fa + fb)
			if i, ok := at[s.Text]; ok {
				out[i].P += p
				out[i].modifierOnly = out[i].modifierOnly && s.modifierOnly
				continue
			}
			at[s.Text] = len(out)
			s.P = p
			out = append(out, s)
		}
	}
	add(as, fa)
	add(bs, fb)
	sort.SliceStable(out, func(i, j int) bool { return out[i].P > out[j].P })
	return out
}

// minRelativeStem is the shortest stem a relative keeps before its
// ending: shorter ones (city → c, only → on) are other words.
const minRelativeStem = 3

// cutEnding cuts suffix from w, or from w without an inflection (-s, -es,
// -d, -ed, -ing: organisations, organised, organising), and returns what
// is left before it, at least minRelativeStem bytes.
func cutEnding(w, suffix string) (string, bool) {
	forms := []string{w}
	for _, e := range []string{"s", "es", "d", "ed"} {
		if f, ok := strings.CutSuffix(w, e); ok {
			forms = append(forms, f)
		}
	}
	if f, ok := strings.CutSuffix(w, "ing"); ok {
		forms = append(forms, f+"e", f)
	}
	for _, f := range forms {
		if stem, ok := strings.CutSuffix(f, suffix); ok && len(stem) >= minRelativeStem {
			return stem, true
		}
	}
	return "", false
}

// relativeSenses returns the senses of the first relative of word that
// the lexicon knows, weighted as above, or nil.
func (a *App) relativeSenses(ctx context.Context, word string, lex *lexicon.Lexicon) []Sense {
	if lex == nil || a.tune.Derived == 0 {
		return nil
	}
	w := strings.ToLower(word)
	if !letters(index.Fold(w)) {
		return nil
	}
	for _, r := range englishRelatives {
		stem, ok := cutEnding(w, r.suffix)
		if !ok {
			continue
		}
		rel := stem + r.base
		ss := a.wordSenses(rel, lex)
		if len(ss) == 0 {
			continue
		}
		weight := a.tune.Derived
		out := make([]Sense, 0, 2*len(ss))
		for _, s := range ss {
			s.P *= weight
			s.Via = "lexicon"
			out = appendSense(out, s)
		}
		if r.quality {
			out = a.qualityNouns(ctx, out, ss, weight)
		}
		return out
	}
	return nil
}

// qualityNouns adds, for each one-word sense of an adjective, the Dutch
// noun in -heid where the documents have its key (duurzam → duurzaamheid:
// the key's vowel doubled again as the word is spelt).
func (a *App) qualityNouns(ctx context.Context, out, adjectives []Sense, weight float64) []Sense {
	cand := map[string]float64{}
	var keys []string
	for _, s := range adjectives {
		if !s.Key {
			continue
		}
		for _, n := range heidNouns(s.Text) {
			k := index.Key("nl", n)
			if k == "" || hasKey(out, k) {
				continue
			}
			if _, seen := cand[k]; !seen {
				keys = append(keys, k)
			}
			cand[k] = max(cand[k], s.P)
		}
	}
	if len(keys) == 0 {
		return out
	}
	df, _, err := a.idx.DocFreqs(ctx, keys)
	if err != nil {
		return out
	}
	for _, k := range keys {
		if df[k] > 0 {
			out = appendSense(out, Sense{Text: k, P: cand[k] * weight, Via: "lexicon", Key: true})
		}
	}
	return out
}

// heidNouns spells the nouns in -heid of an adjective's Dutch key: the key
// with -heid, and with the last vowel doubled where the analysis undid a
// double vowel before a final consonant (duurzam → duurzaamheid).
func heidNouns(key string) []string {
	out := []string{key + "heid"}
	n := len(key)
	if n >= 3 && isVowelByte(key[n-2]) && !isVowelByte(key[n-1]) && !isVowelByte(key[n-3]) && key[n-2] != 'i' {
		out = append(out, key[:n-1]+key[n-2:n-1]+key[n-1:]+"heid")
	}
	return out
}

func isVowelByte(b byte) bool { return strings.IndexByte("aeiouy", b) >= 0 }
