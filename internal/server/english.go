package server

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

// English search made visible: the senses an English query was searched
// as, the drop= parameter that rules senses out, and GET /api/v1/lexicon,
// which shows what the translation lexicon knows of a word or phrase.

// maxDrop bounds how many senses one search may drop.
const maxDrop = 100

// parseDrop reads drop values, each repeatable and comma-separated, into
// a list without blanks or repeats, in the order given.
func parseDrop(vals []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range vals {
		for _, d := range strings.Split(v, ",") {
			d = strings.Join(strings.Fields(d), " ")
			if d == "" || seen[d] {
				continue
			}
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// dropForms adds to the dropped senses the forms a glossary search would
// still find them by: dropping a glossary term drops its plural and, for
// a verb, its inflected forms (staatsgreep also drops staatsgrepen). The
// app compares senses as written or by index key, and a plural is a
// sense of its own.
func dropForms(tb *glossary.Termbase, drops []string) []string {
	if len(drops) == 0 {
		return nil
	}
	out := append([]string(nil), drops...)
	for _, d := range drops {
		res, err := tb.Lookup(glossary.LookupRequest{Q: d, Lang: "nl", Mode: glossary.ModeExact, Limit: glossary.MaxLimit})
		if err != nil {
			continue
		}
		fd := glossary.Fold(d)
		for _, m := range res.Concepts {
			for _, t := range m.TermsIn("nl") {
				if glossary.Fold(t.Text) != fd {
					continue
				}
				if t.Plural != "" {
					out = append(out, t.Plural)
				}
				if t.POS == "verb" {
					out = append(out, index.VerbForms(t.Text)...)
				}
			}
		}
	}
	return out
}

// sensesJSON copies the senses of an English search for the JSON answer:
// a word searched for nothing has an empty list, not null, and weights
// are rounded to four decimals (a lexicon sense beside a glossary term
// carries a product such as 0.051699999999999996).
func sensesJSON(es []app.Expansion) []app.Expansion {
	if len(es) == 0 {
		return nil
	}
	out := make([]app.Expansion, len(es))
	for i, e := range es {
		e.Senses = roundSenses(e.Senses)
		if e.Dropped != nil {
			e.Dropped = roundSenses(e.Dropped)
		}
		out[i] = e
	}
	return out
}

// roundSenses copies ss with their weights rounded (roundP).
func roundSenses(ss []app.Sense) []app.Sense {
	out := make([]app.Sense, len(ss))
	for j, s := range ss {
		s.P = roundP(s.P)
		out[j] = s
	}
	return out
}

// roundP rounds a probability to four decimals.
func roundP(p float64) float64 { return math.Round(p*1e4) / 1e4 }

// lexiconInfo describes the lexicon an answer comes from.
type lexiconInfo struct {
	Analysis string `json:"analysis"` // the analysis its keys come from
	Segments int    `json:"segments"` // segment pairs it was trained on
	Words    int    `json:"words"`    // words with translations from the query's language
}

type lexiconKeyJSON struct {
	Key          string                `json:"key"`
	Freq         int                   `json:"freq"` // occurrences in the training segments
	Translations []lexicon.Translation `json:"translations"`
}

type lexiconWordJSON struct {
	Word string           `json:"word"`
	Keys []lexiconKeyJSON `json:"keys"`
	Note string           `json:"note,omitempty"`
}

type lexiconTermJSON struct {
	Text   string          `json:"text"`
	Status glossary.Status `json:"status,omitempty"`
	Plural string          `json:"plural,omitempty"`
}

type lexiconConceptJSON struct {
	Concept string            `json:"concept"`
	Via     string            `json:"via"`          // exact, fold or stem
	Matched string            `json:"matched_term"` // the term in the query's language
	Terms   []lexiconTermJSON `json:"terms"`        // the concept's terms in the other language
}

type lexiconJSON struct {
	Query     string               `json:"query"`
	Lang      string               `json:"lang"`
	To        string               `json:"to"`
	Lexicon   *lexiconInfo         `json:"lexicon"` // null when no lexicon is loaded
	Glossary  []lexiconConceptJSON `json:"glossary"`
	Words     []lexiconWordJSON    `json:"words"`
	Truncated bool                 `json:"truncated,omitempty"` // more than maxLexiconWords words
	Note      string               `json:"note,omitempty"`
}

// maxLexiconWords bounds the words of one lexicon lookup (pasted text).
const maxLexiconWords = 50

// Notes of the lexicon answer.
const (
	noteNoLexicon   = "no translation lexicon is loaded"
	noteStopWord    = "stop word: it has no index key and is not searched"
	noteNotInLex    = "not in the lexicon"
	noteNoWordsInQ  = "the query has no words"
	noteManyWords   = "only the first %d words are looked up"
	glossaryConcept = 10 // glossary concepts listed at most
)

// lookupLexicon answers GET /api/v1/lexicon?q=&lang=en|nl&limit=: the
// glossary concepts whose term is the whole query, then each word's index
// keys with their translations from the lexicon, best first.
func (s *Server) lookupLexicon(c *gin.Context) error {
	q := strings.Join(strings.Fields(c.Query("q")), " ")
	if q == "" {
		return errBadRequest("q is required: the word or words to look up")
	}
	lang := queryDefault(c, "lang", "en")
	if lang != "en" && lang != "nl" {
		return errBadRequest(fmt.Sprintf("lang must be en or nl, not %q", lang))
	}
	limit, err := intParam(c, "limit", 10, 100)
	if err != nil {
		return err
	}
	if limit == 0 {
		limit = 10
	}
	to := "nl"
	if lang == "nl" {
		to = "en"
	}
	out := lexiconJSON{Query: q, Lang: lang, To: to, Glossary: []lexiconConceptJSON{}, Words: []lexiconWordJSON{}}
	lex := s.app.Lexicon()
	if lex != nil {
		out.Lexicon = &lexiconInfo{Analysis: lex.Analysis, Segments: lex.Segments, Words: lex.Size(lang)}
	} else {
		out.Note = noteNoLexicon
	}

	// The curated view first: concepts with a term that is the whole query.
	res, err := s.app.Terms().Lookup(glossary.LookupRequest{Q: q, Lang: lang, Mode: glossary.ModeStem, Limit: glossaryConcept})
	if err != nil {
		return errBadRequest(err.Error())
	}
	for _, m := range res.Concepts {
		cj := lexiconConceptJSON{Concept: m.ID, Via: m.Via, Matched: m.Term, Terms: []lexiconTermJSON{}}
		for _, t := range m.TermsIn(to) {
			cj.Terms = append(cj.Terms, lexiconTermJSON{Text: t.Text, Status: t.Status, Plural: t.Plural})
		}
		out.Glossary = append(out.Glossary, cj)
	}

	words := lexiconWords(q)
	if len(words) == 0 && out.Note == "" {
		out.Note = noteNoWordsInQ
	}
	if len(words) > maxLexiconWords {
		words, out.Truncated = words[:maxLexiconWords], true
		out.Note = fmt.Sprintf(noteManyWords, maxLexiconWords)
	}
	for _, w := range words {
		wj := lexiconWordJSON{Word: w, Keys: []lexiconKeyJSON{}}
		found := false
		for _, k := range s.app.Index().Keys(lang, w) {
			ts := lex.Lookup(lang, k)
			if len(ts) > limit {
				ts = ts[:limit]
			}
			if ts == nil {
				ts = []lexicon.Translation{}
			}
			found = found || len(ts) > 0
			wj.Keys = append(wj.Keys, lexiconKeyJSON{Key: k, Freq: lex.Freq(lang, k), Translations: ts})
		}
		switch {
		case len(wj.Keys) == 0:
			wj.Note = noteStopWord
		case lex == nil:
			wj.Note = noteNoLexicon
		case !found:
			wj.Note = noteNotInLex
		}
		out.Words = append(out.Words, wj)
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// lexiconWords splits a query into its words, each once (ignoring case),
// in order; hyphens and apostrophes stay inside a word.
func lexiconWords(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '’'
	}) {
		w = strings.Trim(w, "-'’")
		if lw := strings.ToLower(w); w != "" && !seen[lw] {
			seen[lw] = true
			out = append(out, w)
		}
	}
	return out
}
