package app

import (
	"strings"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index"
)

// English typos. A word of an English query that nothing knows (no
// glossary term, no lexicon key, no word of the documents) is corrected
// against the English tolk knows: the glossary's one-word English terms,
// then the words of the shipped lexicon's English side. Never against the
// Dutch documents: asylym seekers is not asylym weekers (a signatory's
// surname), and an English word the lexicon has seen is no Dutch typo.

// englishCorrection returns the English word the user likely meant by w,
// a word of an English query that nothing knows, written in w's case;
// false when there is none within the typo tolerance (maxEdits), or w is
// a word English or Dutch knows (cattle: the lexicon has seen it, though
// too rarely to translate it; a Dutch word is no English typo).
func (a *App) englishCorrection(w string) (string, bool) {
	lw := strings.ToLower(w)
	k := maxEdits(lw)
	if k == 0 || !letters(lw) || w == strings.ToUpper(w) {
		return "", false // short words, numbers and acronyms (UK) are not corrected
	}
	if a.words != nil {
		if listed, name := a.words.Listed(lw); listed || name {
			return "", false
		}
	}
	// A word the lexicon has seen, however rarely, is English as
	// written (labor, cattle).
	lex := a.lexicon()
	keys := a.idx.Keys("en", lw)
	if len(keys) != 1 || lex.Freq("en", keys[0]) > 0 {
		return "", false
	}
	lr, err := a.terms.Lookup(glossary.LookupRequest{Q: w, Lang: "en", Mode: glossary.ModeFuzzy, Limit: 1})
	if err == nil && len(lr.Concepts) > 0 && lr.Concepts[0].Via == glossary.ViaFuzzy && !strings.ContainsRune(lr.Concepts[0].Term, ' ') {
		return inCaseOf(w, lr.Concepts[0].Term), true
	}
	if lex == nil {
		return "", false
	}
	key := keys[0]
	// The nearest key seen minEnglishFreq times, the most seen of equally
	// near ones, one edit away at most: the lexicon's few thousand words
	// are no dictionary, and two edits make a real word the lexicon lacks
	// another it has (landlords: landers, tenants: events).
	k = 1
	best, bestD, bestF := "", k+1, 0
	for _, c := range lex.Words("en", minEnglishFreq) {
		if n := len(c) - len(key); n > k || -n > k || !letters(c) {
			continue
		}
		d := index.EditDistance(key, c)
		if f := lex.Freq("en", c); d > 0 && d <= k && (d < bestD || d == bestD && f > bestF) {
			best, bestD, bestF = c, d, f
		}
	}
	if best == "" {
		return "", false
	}
	return inCaseOf(w, keyAsWord(lw, key, best)), true
}

// keyAsWord writes best, an English key near key (the key of the typed
// word lw), as a word: with the ending the typed word has beyond its own
// key (pensoins: pensions), and with the final e the key leaves out
// (cattl: cattle) where that is nearer to what was typed; a key is no
// dictionary form, but keys and words differ only there.
func keyAsWord(lw, key, best string) string {
	tail := ""
	if strings.HasPrefix(lw, key) {
		tail = lw[len(key):]
	}
	out, outD := best, -1
	for _, c := range []string{best + tail, best + "e" + tail} {
		if index.Key("en", c) != best {
			continue
		}
		if d := index.EditDistance(lw, c); outD < 0 || d < outD || d == outD && noEnglishEnd(best) {
			out, outD = c, d
		}
	}
	return out
}

// noEnglishEnd reports whether an English word cannot end as k does: in
// v, u or a consonant and l (activ, issu, cattl: the keys of active, issue,
// cattle). Spelling rules, not a list of words: such a key is written with
// its e when what was typed does not say otherwise.
func noEnglishEnd(k string) bool {
	n := len(k)
	switch {
	case n < 2:
		return false
	case k[n-1] == 'v' || k[n-1] == 'u':
		return true
	case k[n-1] == 'l':
		return !strings.ContainsRune("aeiouyl", rune(k[n-2]))
	}
	return false
}

// englishNotDutch reports whether w, a word of a query taken as Dutch,
// is an English word rather than a Dutch one: the lexicon's English side
// has seen it and the Dutch word list has it neither as a word nor as a
// name. The Dutch correction leaves such a word alone (seekers is not a
// typo of Weekers).
func (a *App) englishNotDutch(w string) bool {
	if a.words == nil {
		return false
	}
	lw := strings.ToLower(w)
	if listed, name := a.words.Listed(lw); listed || name {
		return false
	}
	lex := a.lexicon()
	keys := a.idx.Keys("en", lw)
	return lex != nil && len(keys) == 1 && lex.Freq("en", keys[0]) > 0
}

// noDutchWord reports whether no word of q is a word of the Dutch word
// list (as a word or a name) or a Dutch stop word, acronyms and English
// function words aside: a query taken as Dutch for want of evidence,
// which English may read better.
func (a *App) noDutchWord(q string) bool {
	if a.words == nil {
		return false
	}
	for _, w := range strings.FieldsFunc(q, isWordSep) {
		w = strings.Trim(w, "'’-")
		lw := strings.ToLower(w)
		if lw == "" || w == strings.ToUpper(w) || functionWords["en"][lw] || index.EnglishStopWord(index.Fold(lw)) {
			continue // no evidence either way: numbers, acronyms (UK), in, over
		}
		if listed, name := a.words.Listed(lw); listed || name || index.DutchStopWord(index.Fold(lw)) || functionWords["nl"][lw] {
			return false
		}
	}
	return true
}
