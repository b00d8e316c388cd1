package app

import (
	"strings"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm/fuzzy"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

// Keys for the concordance's Dutch side that separate what Snowball
// merges but a translator keeps apart, and merge what it keeps apart but
// is one word.

// nlDerivation returns the derivational suffix class of a folded Dutch
// word: the Snowball stemmer strips -ing, -heid, -baar, -lijk and -end
// (aankondiging and aankondigen share the key aankond; adviserende and
// adviseren share adviser), which are other words to a translator
// (notice, announce; advisory, advise). A query matches a word only when
// both are of the same class, as English queries match by inflection
// (advise finds advised, not advisory).
func nlDerivation(w string) string {
	for _, s := range []struct{ class, end string }{
		{"ing", "ingen"}, {"ing", "ing"},
		{"heid", "heden"}, {"heid", "heid"},
		{"baar", "bare"}, {"baar", "baar"},
		{"lijk", "lijke"}, {"lijk", "lijk"},
		{"end", "enden"}, {"end", "ende"}, {"end", "end"},
	} {
		if len(w) > len(s.end)+2 && strings.HasSuffix(w, s.end) {
			return s.class
		}
	}
	return ""
}

// separable are the Dutch particles a participle's ge- may follow
// (aan-ge-kondigd).
var separable = []string{"", "aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "toe", "uit", "voor", "weg", "terug", "samen", "vast", "tegen", "vrij", "voort", "neer", "los"}

// nlGroupKey is the key by which Dutch renderings are grouped: the index
// key, except that a weak past participle (aangekondigd, aangekondigde,
// gesteld, gemaakt) takes its infinitive's key (aankondigen, stellen,
// maken), so that the forms of one verb make one group. The infinitive
// is rebuilt by the spelling rules (a doubled vowel undoubled, a final f
// or s voiced, a doubled final consonant) and kept only when the lexicon
// saw it: an unknown candidate leaves the word as it is (gebied is no
// form of bieden: *bieen is unknown).
func nlGroupKey(lex *lexicon.Lexicon, w string) string {
	w = index.Fold(w)
	k := index.Key("nl", w)
	if lex == nil {
		return k
	}
	base := strings.TrimSuffix(w, "e")
	if !strings.HasSuffix(base, "d") && !strings.HasSuffix(base, "t") {
		return k
	}
	best, bestF := k, 0
	try := func(pre, stem string) {
		for _, inf := range infinitives(stem, base[len(base)-1]) {
			ik := index.Key("nl", pre+inf)
			if f := lex.Freq("nl", ik); f > bestF && ik != k {
				best, bestF = ik, f
			}
		}
	}
	for _, pre := range separable {
		if strings.HasPrefix(base, pre+"ge") {
			try(pre, base[len(pre)+2:len(base)-1]) // aan|ge|kondig|d
		}
	}
	// Only when no ge- participle fits: a verb with an inseparable
	// prefix has none (gebruikt, verklaard); gevolgd is volgen, not
	// gevolgen.
	for _, pre := range []string{"be", "ver", "ont", "her", "er", "ge"} {
		if bestF == 0 && strings.HasPrefix(base, pre) {
			try("", base[:len(base)-1]) // verklaar|d, gebruik|t
			break
		}
	}
	return best
}

// infinitives returns the candidate infinitives of a weak participle's
// stem (the part before the final d or t, which is end), none when the
// ending does not fit the stem ('t kofschip: t after a voiceless
// consonant, d otherwise; a stem in f or s with d was voiced: leef|d,
// leven).
func infinitives(stem string, end byte) []string {
	n := len(stem)
	if n < 2 {
		return nil
	}
	last := stem[n-1]
	voiceless := strings.IndexByte("tkfschpx", last) >= 0
	switch {
	case end == 't' && (!voiceless || last == 't'):
		return nil
	case end == 'd' && voiceless && last != 'f' && last != 's':
		return nil
	}
	if end == 'd' && (last == 'f' || last == 's') {
		v := map[byte]string{'f': "v", 's': "z"}[last]
		stem = stem[:n-1] + v
	}
	out := []string{stem + "en"}
	if n >= 3 && stem[n-2] == stem[n-3] && strings.IndexByte("aeou", stem[n-2]) >= 0 {
		out = append(out, stem[:n-2]+stem[n-1:]+"en") // maak → maken
	}
	if stem[n-2] != last && strings.IndexByte("aeiouy", last) < 0 {
		out = append(out, stem+stem[n-1:]+"en") // stel → stellen
	}
	return out
}

// groupKey is the key of a rendering in language lang for grouping and
// for comparing with glossary terms: English by inflection key, Dutch by
// nlGroupKey, one space between words.
func groupKey(lex *lexicon.Lexicon, lang, text string) string {
	if lang != "nl" {
		return strings.Join(termKeys(lang, text), " ")
	}
	var ks []string
	for _, t := range fuzzy.Tokenize(text, nil) {
		if t.Kind != fuzzy.Punct {
			ks = append(ks, nlGroupKey(lex, t.Fold))
		}
	}
	return strings.Join(ks, " ")
}
