package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
)

// DocTerm is a term a passage may hold: a key of the stemmed fields (the
// passage's text and its heading: whole words and the parts of
// compounds, as Key gives them), or with Exact a folded word of the exact
// field (stop words included).
type DocTerm struct {
	Term  string
	Exact bool
}

// DocsWith returns, for each of terms, the documents (Passage.Doc) that
// have a passage holding it, in no particular order (nil for none). It reads the terms'
// postings and nothing else, so a caller can narrow a scan of documents
// to those that can hold a word before reading any of them.
//
// A key of the stemmed fields is also found in the tokens that join a
// word of that key with others across a full stop, a colon or the like
// (S.A.M. Kaag, www.overheid.nl): the tokenizer (UAX #29) keeps such a
// token whole, so the stemmed field has no key of its words, while a
// reader that cuts words at every punctuation mark (the glossary's
// matcher) sees them.
func (ix *Index) DocsWith(ctx context.Context, terms []DocTerm) ([][]string, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok || snap == nil {
		return nil, fmt.Errorf("index: docs with: the index has no scorch snapshot")
	}
	st, err := ix.facets.tables(snap)
	if err != nil {
		return nil, err
	}
	pr, err := newPostingsReader(snap, st.offsets)
	if err != nil {
		return nil, err
	}
	joined, err := st.answers.joined.get(r, ix.decompounder)
	if err != nil {
		return nil, err
	}
	const nf = uint64(len(facetFields))
	docField := slices.Index(facetFields[:], fieldDoc)
	values := st.values[docField]
	seen := make([]bool, len(values))
	out := make([][]string, len(terms))
	for i, t := range terms {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		type fieldTerm struct{ field, term string }
		var look []fieldTerm
		if t.Exact {
			look = append(look, fieldTerm{fieldExact, t.Term})
		} else {
			look = append(look, fieldTerm{fieldText, t.Term}, fieldTerm{fieldHeading, t.Term})
			for _, j := range joined[t.Term] {
				look = append(look, fieldTerm{fieldExact, j})
			}
		}
		var docs []uint32
		for _, ft := range look {
			tp, err := pr.open(ft.field, []byte(ft.term))
			if err != nil {
				return nil, err
			}
			if tp.count == 0 {
				continue
			}
			err = tp.eachFreq(func(num, _ uint64) {
				at := num*nf + uint64(docField)
				if at >= uint64(len(st.flat)) {
					return
				}
				if g := st.flat[at]; g != 0 && !seen[g-1] {
					seen[g-1] = true
					docs = append(docs, g-1)
				}
			})
			if err != nil {
				return nil, err
			}
		}
		for _, g := range docs {
			seen[g] = false
			out[i] = append(out[i], values[g])
		}
	}
	return out, nil
}

// dutchStopWordsByKey are the Dutch stop words by their keys: the words
// the stemmed fields leave out, and which only the exact field holds.
var dutchStopWordsByKey = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for w := range stopNL() {
		k := Key("nl", w)
		out[k] = append(out[k], w)
	}
	for _, ws := range out {
		slices.Sort(ws)
	}
	return out
})

// DutchStopWordsWithKey returns the Dutch stop words whose key is k
// (indien, a stop word, has the key of indienen): a text word of that key
// is in the exact field only.
func DutchStopWordsWithKey(k string) []string { return dutchStopWordsByKey()[k] }

// joinedWords are, for one snapshot, the tokens of the exact field that
// join words across punctuation (s.a.m, www.overheid.nl, 1,5), by the
// Dutch keys of the words they join; built on first use.
type joinedWords struct {
	once sync.Once
	m    map[string][]string
	err  error
}

func (j *joinedWords) get(r bindex.IndexReader, d Decompounder) (map[string][]string, error) {
	j.once.Do(func() { j.m, j.err = readJoined(r, d) })
	return j.m, j.err
}

// readJoined reads the exact field's dictionary for the tokens with a
// character inside that is no letter, digit or mark (an apostrophe
// between letters stays inside a word, as in programma's), and files
// each under the keys of the words it cuts into there and, with a
// Decompounder, of their compound parts (www.rijksoverheid.nl under
// overheid too).
func readJoined(r bindex.IndexReader, d Decompounder) (map[string][]string, error) {
	fd, err := r.FieldDict(fieldExact)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	defer fd.Close()
	out := map[string][]string{}
	for {
		e, err := fd.Next()
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		if e == nil {
			return out, nil
		}
		words := punctuatedWords(e.Term)
		if len(words) < 2 {
			continue
		}
		file := func(w string) {
			k := Key("nl", w)
			if n := len(out[k]); n == 0 || out[k][n-1] != e.Term {
				out[k] = append(out[k], e.Term)
			}
		}
		for _, w := range words {
			file(w)
			if d != nil && len(w) <= MaxWordLen {
				for _, p := range indexParts(d, Fold(w)) {
					file(Fold(p))
				}
			}
		}
	}
}

// punctuatedWords cuts a token into words at every character that is no
// letter, digit or non-spacing mark, keeping an apostrophe between two
// word characters inside (as the glossary's matcher reads words). It
// returns nil for a token that is one word, as nearly all are.
func punctuatedWords(tok string) []string {
	wordRune := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	apostrophe := func(r rune) bool { return r == '\'' || r == '’' }
	plain := true
	for _, r := range tok {
		if !wordRune(r) && !apostrophe(r) {
			plain = false
			break
		}
	}
	if plain {
		return nil
	}
	var out []string
	for _, w := range strings.FieldsFunc(tok, func(r rune) bool { return !wordRune(r) && !apostrophe(r) }) {
		if w = strings.Trim(w, "'’"); w != "" {
			out = append(out, w)
		}
	}
	return out
}
