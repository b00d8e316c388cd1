package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/tm"
	"github.com/tolk-nl/tolk/tm/align"
	"github.com/tolk-nl/tolk/tm/fuzzy"
)

// Fuzzy matching against the translation memory (issue 14): one fuzzy
// index per side, built from the segments on first use (so that start-up
// and memory are not spent on it by a server nobody asks for matches) and
// kept up to date by every import from then on.
type fuzzyState struct {
	mu  sync.Mutex              // guards the map and serialises building and updates
	idx map[string]*fuzzy.Index // "nl", "en"; absent until first use

	// equiv caches SuggestEquivalents by term and limit (tmequiv.go): the
	// check asks for every concept of a text. Every import empties it.
	emu   sync.Mutex
	equiv map[string][]Equivalent
	egen  uint64 // counts the emptyings: a lookup begun before one is not cached
}

// fuzzyIndex returns the fuzzy index of a side, building it on first use.
func (t *tmState) fuzzyIndex(lang string) *fuzzy.Index {
	t.fz.mu.Lock()
	defer t.fz.mu.Unlock()
	if x := t.fz.idx[lang]; x != nil {
		return x
	}
	x := fuzzy.New(fuzzy.KeyFor(lang))
	t.mu.RLock()
	es := make([]fuzzy.Entry, 0, len(t.segs))
	for _, s := range t.segs {
		es = append(es, fuzzyEntry(s, lang))
	}
	t.mu.RUnlock()
	x.Put(es...)
	if t.fz.idx == nil {
		t.fz.idx = map[string]*fuzzy.Index{}
	}
	t.fz.idx[lang] = x
	return x
}

// fuzzyPut adds segments that are in the map already to the fuzzy indexes
// built so far. An index built between the map's update and this call
// holds them already: Put replaces an entry by id.
func (t *tmState) fuzzyPut(segs []tm.Segment) {
	t.forgetEquivalents()
	t.fz.mu.Lock()
	defer t.fz.mu.Unlock()
	for lang, x := range t.fz.idx {
		es := make([]fuzzy.Entry, len(segs))
		for i, s := range segs {
			es[i] = fuzzyEntry(s, lang)
		}
		x.Put(es...)
	}
}

// forgetEquivalents empties the cache of what the TM says a term's
// English is: the TM changed.
func (t *tmState) forgetEquivalents() {
	t.fz.emu.Lock()
	t.fz.equiv = nil
	t.fz.egen++
	t.fz.emu.Unlock()
}

// fuzzyDelete removes segments from the fuzzy indexes built so far.
func (t *tmState) fuzzyDelete(keys []string) {
	t.forgetEquivalents()
	t.fz.mu.Lock()
	defer t.fz.mu.Unlock()
	for _, x := range t.fz.idx {
		for _, k := range keys {
			x.Delete(k)
		}
	}
}

func fuzzyEntry(s tm.Segment, lang string) fuzzy.Entry {
	text := s.NL
	if lang == "en" {
		text = s.EN
	}
	return fuzzy.Entry{ID: s.Key(), Collection: s.Collection, Text: text}
}

// TMMatchRequest asks for the TM segments close to each sentence of Text,
// a text in Lang ("nl", the default, or "en").
type TMMatchRequest struct {
	Text       string
	Lang       string
	Min        int // lowest percentage, 1–100; 0 means 70
	Limit      int // matches per sentence, 1–50; 0 means 5
	Collection string
}

// MaxMatchSentences is the most sentences one match request may have.
const MaxMatchSentences = 200

// TMMatch is one fuzzy match: the percentage, the TM segment, its text on
// the query's side (Source) and the translation, with the differing
// tokens marked on the sentence (Diffs, byte offsets into the sentence)
// and on Source (SourceDiffs).
type TMMatch struct {
	Score       int          `json:"score"`
	ID          string       `json:"id"`
	Collection  string       `json:"collection"`
	Origin      tm.Source    `json:"origin,omitzero"`
	Source      string       `json:"source"`
	Translation string       `json:"translation"`
	Diffs       []fuzzy.Diff `json:"diffs"`
	SourceDiffs []fuzzy.Diff `json:"source_diffs"`
}

// TMMatchSentence is one sentence of the text and its matches, best first.
type TMMatchSentence struct {
	Text    string    `json:"text"`
	Matches []TMMatch `json:"matches"`
}

// TMMatchResult answers a TMMatchRequest.
type TMMatchResult struct {
	Lang      string            `json:"lang"`
	Min       int               `json:"min"`
	Sentences []TMMatchSentence `json:"sentences"`
	// Seeding, when present, says that the default TM is still being
	// filled: the answer misses the pairs not yet in.
	Seeding *TMSeeding `json:"seeding,omitempty"`
}

// MatchTM finds fuzzy matches for every sentence of r.Text (split as the
// aligner splits: tm/align.Sentences).
func (a *App) MatchTM(ctx context.Context, r TMMatchRequest) (TMMatchResult, error) {
	if err := a.tmReady(); err != nil {
		return TMMatchResult{}, err
	}
	switch r.Lang = tmLang(r.Lang); r.Lang {
	case "", "nl":
		r.Lang = "nl"
	case "en":
	default:
		return TMMatchResult{}, badInput(fmt.Errorf("lang %q: nl or en", r.Lang))
	}
	if r.Min == 0 {
		r.Min = fuzzy.DefaultMin
	}
	if r.Min < 1 || r.Min > 100 {
		return TMMatchResult{}, badInput(fmt.Errorf("min %d: a percentage from 1 to 100", r.Min))
	}
	if r.Limit == 0 {
		r.Limit = fuzzy.DefaultLimit
	}
	if r.Limit < 1 || r.Limit > 50 {
		return TMMatchResult{}, badInput(fmt.Errorf("limit %d: 1 to 50 matches a sentence", r.Limit))
	}
	if err := a.tmCollection(r.Collection); err != nil {
		return TMMatchResult{}, err
	}
	if len(r.Text) > tm.MaxText {
		return TMMatchResult{}, badInput(fmt.Errorf("text of %d bytes: at most %d", len(r.Text), tm.MaxText))
	}
	text := r.Text
	if r.Lang == "nl" {
		// Text pasted from a PDF letter breaks words at line ends
		// ("Secretaris-" "Generaal", "massademon-" "straties"): joined
		// with a space they matched an exact TM segment at 86 %, and
		// the sentence shown had the broken word. English is left as
		// it is: the Dutch rules would restore a Dutch diaeresis
		// ("re-" "enter").
		text = ingest.JoinLines(text)
	}
	sents := align.Sentences(text, r.Lang)
	if len(sents) > MaxMatchSentences {
		return TMMatchResult{}, badInput(fmt.Errorf("%d sentences: at most %d a request", len(sents), MaxMatchSentences))
	}
	res := TMMatchResult{Lang: r.Lang, Min: r.Min, Sentences: make([]TMMatchSentence, 0, len(sents)), Seeding: a.TMSeeding()}
	if len(sents) == 0 {
		return res, nil
	}
	start := time.Now()
	x := a.tmem.fuzzyIndex(r.Lang)
	if d := time.Since(start); d > time.Second {
		a.log.Info("fuzzy-match index built", "lang", r.Lang, "segments", x.Len(), "took", d.Round(time.Millisecond))
	}
	for _, s := range sents {
		ms, _, err := x.Match(ctx, fuzzy.Query{Text: s, Min: r.Min, Limit: r.Limit, Collection: r.Collection})
		if err != nil {
			return TMMatchResult{}, fmt.Errorf("app: match: %w", err)
		}
		out := TMMatchSentence{Text: s, Matches: make([]TMMatch, 0, len(ms))}
		a.tmem.mu.RLock()
		for _, m := range ms {
			seg, ok := a.tmem.segs[m.ID]
			if !ok {
				continue
			}
			tr := seg.EN
			if r.Lang == "en" {
				tr = seg.NL
			}
			out.Matches = append(out.Matches, TMMatch{
				Score: m.Score, ID: seg.ID, Collection: seg.Collection, Origin: seg.Source,
				Source: m.Text, Translation: tr, Diffs: nonNil(m.QueryDiffs), SourceDiffs: nonNil(m.Diffs),
			})
		}
		a.tmem.mu.RUnlock()
		res.Sentences = append(res.Sentences, out)
	}
	return res, nil
}

func nonNil(ds []fuzzy.Diff) []fuzzy.Diff {
	if ds == nil {
		return []fuzzy.Diff{}
	}
	return ds
}
