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
	form, ok := nearestForm(lw, lex.Forms("en", best))
	if !ok {
		return "", false
	}
	return inCaseOf(w, form), true
}

// nearestForm returns the form of a key, as the training text wrote it,
// nearest to lw, what was typed: its inflection kept (pensoins:
// pensions, not pension), the commonest of equally near ones (requird:
// required, not requires). A key is no word (requir, activ), so a
// lexicon that does not know its keys' forms corrects into none.
func nearestForm(lw string, forms []string) (string, bool) {
	out, outD := "", -1
	for _, f := range forms {
		if d := index.EditDistance(lw, f); outD < 0 || d < outD {
			out, outD = f, d
		}
	}
	return out, outD >= 0
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
