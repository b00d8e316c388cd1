package app

import (
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/index"
)

// TestPassageWords checks the hand-written tokenizer against the rule it
// implements: words are runs of letters, digits and apostrophes.
func TestPassageWords(t *testing.T) {
	ref := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' && r != '\''
		})
	}
	for _, tt := range []struct{ name, text string }{
		{"empty", ""},
		{"plain", "De minister van Buitenlandse Zaken"},
		{"punctuation", "sancties (ECOWAS), 1.200 euro; art. 3-bis!"},
		{"apostrophes", "auto's en foto’s, 's-Hertogenbosch"},
		{"diacritics", "financiële gevolgen, coöperatie, één"},
		{"other scripts", "Ελλάδα и Россия ２０２４"},
		{"invalid utf-8", "ab\xffcd \xc3 e"},
		{"edges", "  woord  "},
		{"only separators", " ,.;- "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if d := cmp.Diff(ref(tt.text), newPassageWords(tt.text).toks, cmpEmpty); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

var cmpEmpty = cmp.Transformer("nilEmpty", func(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
})

// TestPassageWordsLazyAsRead checks that words read as far as a comparison
// asks give wordMatch the answers the passage read whole gives, query word
// after query word on the same passage (the per-word caches grow as more
// words are read), over the letter's paragraphs.
func TestPassageWordsLazyAsRead(t *testing.T) {
	letter := maliLetter(t)
	// A made-up splitter, so that the compound loop runs: a long word's
	// halves.
	split := func(w string) []string {
		if len(w) < 12 {
			return nil
		}
		return []string{w[:len(w)/2], w[len(w)/2:]}
	}
	paras := strings.Split(string(letter), "\n\n")
	compared := 0
	for pi, para := range paras {
		words := strings.FieldsFunc(para, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' && r != '\''
		})
		if len(words) == 0 {
			continue
		}
		// Words from the end (read last), the start, a capitalised one,
		// a word of the next paragraph and one that is nowhere.
		queries := []string{words[len(words)-1], words[0], strings.ToUpper(words[len(words)/2]), "nergensvoorkomend"}
		if next := newPassageWords(paras[(pi+1)%len(paras)]).toks; len(next) > 0 {
			queries = append(queries, next[len(next)/2])
		}
		for _, sp := range []func(string) []string{nil, split} {
			lazy := readPassageWords(&passageWords{}, para)
			for _, q := range queries {
				gotM, gotOK := wordMatch(lazy, q, sp)
				wantM, wantOK := scanWords(words, q, sp)
				if gotOK != wantOK || gotM != wantM {
					t.Fatalf("paragraph %d, %q: wordMatch %v %v, a plain scan %v %v", pi, q, gotM, gotOK, wantM, wantOK)
				}
				compared++
			}
		}
	}
	if compared < 100 {
		t.Fatalf("only %d comparisons: the letter was not read", compared)
	}
}

// scanWords is wordMatch written plainly over a list of words: the first
// word as typed or folded, else the first with the query word's key, else
// the first compound with it as a part.
func scanWords(words []string, w string, split func(string) []string) (Matched, bool) {
	fw := index.Fold(w)
	for _, tok := range words {
		if tok == w {
			return Matched{Query: w, Term: tok, Via: "exact"}, true
		}
		if index.Fold(tok) == fw {
			return Matched{Query: w, Term: tok, Via: "fold"}, true
		}
	}
	kw := nlKeys.key(w)
	for _, tok := range words {
		if nlKeys.key(tok) == kw {
			return Matched{Query: w, Term: tok, Via: "stem"}, true
		}
	}
	if split == nil {
		return Matched{}, false
	}
	for _, tok := range words {
		for _, p := range split(index.Fold(tok)) {
			if p == fw || nlKeys.key(p) == kw {
				return Matched{Query: w, Term: tok, Via: "compound"}, true
			}
		}
	}
	return Matched{}, false
}
