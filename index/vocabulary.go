package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bindex "github.com/blevesearch/bleve_index_api"
	"golang.org/x/text/unicode/norm"
)

// DocCount returns the number of passages indexed for document doc, so a
// caller can tell whether a stored document is fully indexed.
func (ix *Index) DocCount(ctx context.Context, doc string) (int, error) {
	req := bleve.NewSearchRequestOptions(termQ(doc, fieldDoc, 1), 0, 0, false)
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("index: count %s: %w", doc, err)
	}
	return int(res.Total), nil
}

// Similar returns the indexed word nearest to word within maxEdits
// (edits are insertions, deletions, substitutions and transpositions of
// two neighbouring letters, on folded words), preferring fewer edits, then
// the word found in more passages. It answers "did you mean" for a query word that
// matched nothing; ok is false when no indexed word is close enough.
func (ix *Index) Similar(ctx context.Context, word string, maxEdits int) (best string, ok bool) {
	return ix.similarIn(ctx, fieldExact, Fold(word), maxEdits)
}

// SimilarKey is Similar on the stemmed field: the key of the index nearest
// to the Dutch key of word within maxEdits. It reaches a misspelt word
// whose form the documents lack though another form of it is there:
// stafoficier is three edits from the letter's stafofficieren, one from its
// key stafofficier. The key is no word as written (the caller decides
// whether to offer it).
func (ix *Index) SimilarKey(ctx context.Context, word string, maxEdits int) (key string, ok bool) {
	return ix.similarIn(ctx, fieldText, Key("nl", word), maxEdits)
}

// FormOf returns the word of the documents, in lower case and with its
// diacritics as a passage writes it (financiële), that has the Dutch key key and occurs in the most passages,
// among the words that begin with the key or with what the Dutch stemmer
// took from it: a last vowel it undoubled (hur: huur, huren) and a last
// f or s it devoiced (lef: leven; huis: huizen). Forms mostly begin so
// (verkiez → verkiezingen). It lets a key found by SimilarKey be offered
// as a word, and an English search show its keys as words. At most
// formScan words are looked at for each beginning. Answers are kept per
// snapshot.
func (ix *Index) FormOf(ctx context.Context, key string) (form string, ok bool) {
	if key == "" {
		return "", false
	}
	r, err := ix.reader()
	if err != nil {
		return "", false
	}
	defer r.Close()
	ans := ix.answers(r)
	if f, ok := ans.forms.get(key); ok {
		return f, f != ""
	}
	var best uint64
	for _, prefix := range keyStarts(key) {
		d, err := r.FieldDictPrefix(fieldExact, []byte(prefix))
		if err != nil {
			return "", false
		}
		n := 0
		for de, err := d.Next(); de != nil || err != nil; de, err = d.Next() {
			if err != nil || ctx.Err() != nil || n == formScan {
				break
			}
			n++
			if de.Count > best && Key("nl", de.Term) == key {
				form, best = de.Term, de.Count
			}
		}
		d.Close()
	}
	if form != "" {
		form = ix.written(ctx, form)
	}
	if ctx.Err() == nil {
		ans.forms.put(key, form)
	}
	return form, form != ""
}

// written returns the folded word w as a passage that has it writes it,
// in lower case: with the diacritics folding took off (financiele:
// financiële). w itself when no passage can be read.
func (ix *Index) written(ctx context.Context, w string) string {
	req := bleve.NewSearchRequestOptions(termQ(w, fieldExact, 1), 1, 0, false)
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil || len(res.Hits) == 0 {
		return w
	}
	ps, err := ix.Stored(ctx, []string{res.Hits[0].ID})
	if err != nil {
		return w
	}
	for _, p := range ps {
		for _, tok := range strings.FieldsFunc(p.Text, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
		}) {
			if Fold(tok) == w {
				return strings.ToLower(norm.NFC.String(tok))
			}
		}
	}
	return w
}

// keyStarts returns the beginnings of the words whose Dutch key may be
// key: the key itself, with its last f or s voiced (v, z) as the stemmer
// devoices them, and each of those with the vowel before its last
// consonant doubled when the stemmer undoubles it (a, e, o, u alone
// between consonants at the end).
func keyStarts(key string) []string {
	bases := []string{key}
	switch {
	case strings.HasSuffix(key, "f"):
		bases = append(bases, key[:len(key)-1]+"v")
	case strings.HasSuffix(key, "s"):
		bases = append(bases, key[:len(key)-1]+"z")
	}
	out := slices.Clone(bases)
	vowel := func(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
	for _, b := range bases {
		n := len(b)
		if n >= 3 && !vowel(b[n-1]) && strings.IndexByte("aeou", b[n-2]) >= 0 && !vowel(b[n-3]) {
			out = append(out, b[:n-1]+b[n-2:n-1]+b[n-1:])
		}
	}
	return out
}

// formScan bounds FormOf's walk of the exact field's words.
const formScan = 2000

// similarIn returns the term of field nearest to the folded w within
// maxEdits, fewer edits first, then more passages.
func (ix *Index) similarIn(ctx context.Context, field, w string, maxEdits int) (best string, ok bool) {
	if w == "" || maxEdits <= 0 {
		return "", false
	}
	r, err := ix.reader()
	if err != nil {
		return "", false
	}
	defer r.Close()
	ans := ix.answers(r)
	k := similarKey{w, maxEdits, field}
	if v, ok := ans.similar.get(k); ok {
		return v.best, v.ok
	}
	fr, isFuzzy := r.(bindex.IndexReaderFuzzy)
	if !isFuzzy {
		return "", false
	}
	// The dictionary's automaton counts a transposition as two edits:
	// ask one wider and keep what is within maxEdits with transpositions.
	dict, err := fr.FieldDictFuzzy(field, w, min(maxEdits+1, 2), "")
	if err != nil {
		return "", false
	}
	defer dict.Close()
	bestDist, bestCount := maxEdits+1, uint64(0)
	for de, err := dict.Next(); de != nil || err != nil; de, err = dict.Next() {
		if err != nil || ctx.Err() != nil {
			return "", false // not remembered: another try may succeed
		}
		d := editDistance(w, de.Term)
		if d > maxEdits {
			continue
		}
		if d < bestDist || d == bestDist && de.Count > bestCount {
			best, bestDist, bestCount = de.Term, d, de.Count
		}
	}
	ans.similar.put(k, similarAnswer{best, best != ""})
	return best, best != ""
}

// EditDistance is editDistance, for explaining a fuzzy match.
func EditDistance(a, b string) int { return editDistance(a, b) }

// editDistance is the optimal string alignment distance between a and b,
// in runes: Levenshtein plus the transposition of neighbouring letters
// (Barkahne → Barkhane is one edit), as typo-tolerant search engines count.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// Known reports whether a query word occurs in the index in any form the
// search would match (its stem, its folded form, or as a compound part).
// A stop word counts as known: there is nothing to correct.
func (ix *Index) Known(ctx context.Context, word string) bool {
	r, err := ix.reader()
	if err != nil {
		return true // on error, do not claim a typo
	}
	defer r.Close()
	ans := ix.answers(r)
	if known, ok := ans.known.get(word); ok {
		return known
	}
	stem := ix.analyze(ix.query, word)
	exact := ix.analyze(ix.exact, word)
	if len(stem) == 0 && len(exact) == 0 {
		return true
	}
	// Any live posting of any of the terms, as a search of their
	// disjunction would count, without running one.
	for _, ts := range []struct {
		toks  analysis.TokenStream
		field string
	}{{stem, fieldText}, {exact, fieldExact}} {
		for _, t := range ts.toks {
			has, err := hasTerm(ctx, r, t.Term, ts.field)
			if err != nil {
				return true // on error, do not claim a typo; not remembered
			}
			if has {
				ans.known.put(word, true)
				return true
			}
		}
	}
	ans.known.put(word, false)
	return false
}

// HasWord reports whether some passage holds word as written (folded):
// every token of it is in the unstemmed field's dictionary, and a word of
// several tokens (year-end) stands so in a passage. A word of one token
// reads one dictionary entry, unlike Known, which searches.
func (ix *Index) HasWord(ctx context.Context, word string) bool {
	toks := ix.analyze(ix.exact, word)
	if len(toks) == 0 {
		return false
	}
	r, err := ix.reader()
	if err != nil {
		return false
	}
	defer r.Close()
	for _, t := range toks {
		tfr, err := r.TermFieldReader(ctx, t.Term, fieldExact, false, false, false)
		if err != nil {
			return false
		}
		n := tfr.Count()
		tfr.Close()
		if n == 0 {
			return false
		}
	}
	if len(toks) == 1 {
		return true
	}
	// A word the tokenizer splits (year-end, COVID-19) is in the documents
	// only where its parts stand together, not wherever each occurs.
	req := bleve.NewSearchRequestOptions(phraseQ(toks, fieldExact, 1), 1, 0, false)
	res, err := ix.b.SearchInContext(ctx, req)
	return err == nil && res.Total > 0
}

// NearKeys returns the keys of the stemmed field that begin with word's
// first prefix bytes and are within maxEdits of word (folded), nearest
// first, then the key found in more passages: the Dutch spellings an
// English word nothing else translates may be a cognate of (bureaucracy →
// bureaucratie). Nil when word is shorter than prefix.
func (ix *Index) NearKeys(ctx context.Context, word string, prefix, maxEdits int) ([]string, error) {
	w := Fold(word)
	if len(w) < prefix || prefix <= 0 {
		return nil, nil
	}
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	d, err := r.FieldDictPrefix(fieldText, []byte(w[:prefix]))
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	defer d.Close()
	type near struct {
		key   string
		dist  int
		count uint64
	}
	var found []near
	for de, err := d.Next(); de != nil || err != nil; de, err = d.Next() {
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if dist := editDistance(w, de.Term); dist <= maxEdits {
			found = append(found, near{de.Term, dist, de.Count})
		}
	}
	slices.SortFunc(found, func(a, b near) int {
		if a.dist != b.dist {
			return cmp.Compare(a.dist, b.dist)
		}
		if a.count != b.count {
			return cmp.Compare(b.count, a.count)
		}
		return strings.Compare(a.key, b.key)
	})
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.key
	}
	return out, nil
}
