package match

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
)

// Issue kinds, and the kind of a concept a translation renders well.
const (
	KindMissing    = "missing"
	KindDeprecated = "deprecated"
	KindPassed     = "passed"
)

// Issue is one terminology problem in a translation.
type Issue struct {
	Concept  string   `json:"concept"`         // concept id
	NLTerm   string   `json:"nl_term"`         // the Dutch glossary term found in the source (its first occurrence)
	Expected []string `json:"expected"`        // the concept's preferred and admitted English terms, preferred first
	Found    string   `json:"found,omitempty"` // for KindDeprecated: the deprecated English term as it appears in the translation
	Kind     string   `json:"kind"`            // KindMissing or KindDeprecated
	// Sentences are, when the source and the translation were checked
	// sentence by sentence (CheckAll), the source's sentences (from 1)
	// whose translation lacks an accepted term or holds a deprecated one.
	Sentences []int `json:"sentences,omitempty"`
}

// Span is a stretch of a checked text: byte offsets into it (UTF-8), so
// text[Start:End] == Text, and the glossary term it is an occurrence of.
type Span struct {
	Start  int             `json:"start"`
	End    int             `json:"end"`
	Text   string          `json:"text"`
	Term   string          `json:"term"`             // the glossary term the span is a form of
	Status glossary.Status `json:"status,omitempty"` // that term's status
	// Verb marks the finite verb of a term whose words a clause puts
	// apart (voert … uit, carries … out); the next span is the rest.
	Verb bool `json:"verb,omitempty"`
}

// ConceptCheck is the verdict on one concept of the source: an Issue with
// Kind KindPassed when the translation renders it well, and where the
// concept occurs in both texts.
type ConceptCheck struct {
	Issue
	// NL holds every occurrence of the concept's Dutch terms in the
	// source. EN holds, for a passed concept, the occurrences of its
	// accepted English terms; for KindDeprecated the deprecated ones (a
	// deprecated term, or an accepted one written as a deprecated
	// variant: Secretary General for Secretary-General); for KindMissing
	// nothing. Both are sorted by Start and do not overlap.
	NL []Span `json:"nl_spans"`
	EN []Span `json:"en_spans"`
}

// accepted reports whether an English term is one a translation may use:
// preferred, admitted, or of unmarked status.
func accepted(s glossary.Status) bool {
	return s == glossary.Preferred || s == glossary.Admitted || s == ""
}

// Check compares an English translation with its Dutch source and returns
// the problems: the concepts of CheckAll whose Kind is not KindPassed,
// without their spans.
func (m *Matcher) Check(nl, en string) []Issue {
	var issues []Issue
	for _, c := range m.CheckAll(nl, en) {
		if c.Kind != KindPassed {
			issues = append(issues, c.Issue)
		}
	}
	return issues
}

// CheckAll compares an English translation with its Dutch source, as a
// QA tool (Xbench, Verifika) does, and returns a verdict on every concept
// whose Dutch term occurs in nl (as Annotate finds it, inflected and
// split forms included), in order of first occurrence:
//
//   - KindDeprecated when a deprecated or superseded English term of the
//     concept occurs in en (Found is that occurrence, Expected the
//     accepted terms), or an accepted term written as a deprecated
//     variant that differs from an accepted term only by hyphens, spaces
//     or case (Secretary General where the glossary deprecates it for
//     Secretary-General); else
//   - KindMissing when none of the concept's accepted English terms
//     (preferred, admitted or unmarked) occurs in en; else
//   - KindPassed.
//
// English terms match as in Annotate, inflection-tolerant through the
// KeyFunc ("coups" counts for "coup", "convicted" for "convict"), and
// besides an article may stand between a term's words or be left out
// ("return to the constitutional order" renders "return to constitutional
// order"). Every occurrence counts, even one inside a longer term; a
// deprecated term inside an occurrence of an accepted term of the same
// concept ("coup" inside "coup d'état") does not. Concepts without
// accepted English terms are not checked, nor is a capitalised Dutch term
// that is one word of a longer capitalised name (Nederland in
// Patiëntenfederatie Nederland: see inName), since the name is translated
// or kept as a whole.
//
// When both texts have as many sentences (sentenceBounds), more than one,
// the n-th sentence of en is taken to translate the n-th of nl, as a QA
// tool checks segment by segment: every sentence of nl holding a concept
// must render it in its own translation, Kind is the worst sentence's
// verdict and Sentences names the failing ones. Otherwise the whole
// texts are compared.
//
// CheckAll reports on every concept the Matcher holds: build the Matcher
// for checking from the curated glossary, not from a general dictionary.
func (m *Matcher) CheckAll(nl, en string) []ConceptCheck {
	var order []int32
	nlTerm := map[int32]string{}
	nlSpans := map[int32][]Span{}
	ns := m.newScan(nl, "nl")
	for _, h := range resolve(ns.hits(false)) {
		e := &m.entries[h.entry]
		t := &m.concepts[e.concept].Terms[e.term]
		if ns.inName(h, t.Text) {
			continue
		}
		if _, seen := nlTerm[e.concept]; !seen {
			nlTerm[e.concept] = t.Text
			order = append(order, e.concept)
		}
		nlSpans[e.concept] = appendSpans(nlSpans[e.concept], nl, h, t)
	}
	for _, sp := range nlSpans {
		slices.SortFunc(sp, func(a, b Span) int { return a.Start - b.Start })
	}
	ns.release()
	if len(order) == 0 {
		return nil
	}
	type found struct {
		good, bad []hit // accepted and deprecated occurrences
	}
	byConcept := map[int32]*found{}
	es := m.newScan(en, "en")
	es.articles = true
	var wanted []hit
	for _, h := range es.hits(true) {
		if _, want := nlTerm[m.entries[h.entry].concept]; want {
			wanted = append(wanted, h)
		}
	}
	slices.SortFunc(wanted, func(a, b hit) int { return a.start - b.start })
	longest := 0
	for _, h := range wanted {
		longest = max(longest, h.end-h.start)
	}
	for _, h := range wanted {
		e := &m.entries[h.entry]
		// An English word inside a longer term of another concept of
		// the source renders that concept, not its own: "Minister" in
		// "the Prime Minister" is premier's, not minister's.
		if insideOther(m, wanted, h, longest) {
			continue
		}
		f := byConcept[e.concept]
		if f == nil {
			f = &found{}
			byConcept[e.concept] = f
		}
		if accepted(m.concepts[e.concept].Terms[e.term].Status) {
			f.good = append(f.good, h)
		} else {
			f.bad = append(f.bad, h)
		}
	}
	es.release()
	spans := func(out []Span, h hit) []Span {
		return appendSpans(out, en, h, &m.concepts[m.entries[h.entry].concept].Terms[m.entries[h.entry].term])
	}
	// With as many sentences in both texts, the n-th translates the n-th:
	// each sentence of the source that has the concept must render it,
	// as a QA tool checks segment by segment; else the whole text.
	nlSent, enSent := sentenceBounds(nl), sentenceBounds(en)
	aligned := len(nlSent) > 1 && len(nlSent) == len(enSent)
	var out []ConceptCheck
	for _, ci := range order {
		c := &m.concepts[ci]
		var expected []string
		for _, t := range equivalentsIn(c, "en") {
			if accepted(t.Status) {
				expected = append(expected, t.Text)
			}
		}
		if len(expected) == 0 {
			continue
		}
		r := ConceptCheck{Issue: Issue{Concept: c.ID, NLTerm: nlTerm[ci], Expected: expected, Kind: KindMissing}, NL: nlSpans[ci], EN: []Span{}}
		if f := byConcept[ci]; f != nil {
			var good, bad []hit
			strict := spellingDeprecated(c)
			for _, h := range f.good {
				if variantOfDeprecated(c, strict, en[h.start:h.end], c.Terms[m.entries[h.entry].term].Text) {
					bad = append(bad, h)
				} else {
					good = append(good, h)
				}
			}
			in := newCover(good)
			for _, h := range f.bad {
				if !in.covers(h) {
					bad = append(bad, h)
				}
			}
			if aligned {
				good, bad, r.Sentences = bySentence(nlSpans[ci], good, bad, nlSent, enSent)
			}
			switch {
			case len(bad) > 0:
				bad = resolve(sortHits(bad))
				r.Kind, r.Found = KindDeprecated, en[bad[0].start:bad[0].end]
				for _, h := range bad {
					r.EN = spans(r.EN, h)
				}
			case len(good) > 0:
				r.Kind = KindPassed
				for _, h := range resolve(sortHits(good)) {
					r.EN = spans(r.EN, h)
				}
			}
			slices.SortFunc(r.EN, func(a, b Span) int { return a.Start - b.Start })
		}
		if aligned && byConcept[ci] == nil {
			_, _, r.Sentences = bySentence(nlSpans[ci], nil, nil, nlSent, enSent)
		}
		if r.NL == nil {
			r.NL = []Span{}
		}
		out = append(out, r)
	}
	return out
}

// bySentence checks a concept sentence by sentence: for each sentence of
// the source holding one of its spans (nl), the hits of the translation's
// sentence of the same number. It returns the deprecated hits of the
// sentences that have any, or else, when every such sentence has an
// accepted hit, those accepted hits, and the failing sentences (from 1).
// A deprecated term in a sentence whose source lacks the concept renders
// something else and does not count.
func bySentence(nl []Span, good, bad []hit, nlSent, enSent []int) (g, b []hit, failed []int) {
	in := func(hs []hit, k int) []hit {
		lo, hi := enSent[k], math.MaxInt
		if k+1 < len(enSent) {
			hi = enSent[k+1]
		}
		var out []hit
		for _, h := range hs {
			if lo <= h.start && h.start < hi {
				out = append(out, h)
			}
		}
		return out
	}
	last := -1
	for _, sp := range nl {
		k := sort.SearchInts(nlSent, sp.Start+1) - 1
		if k == last {
			continue
		}
		last = k
		switch gk, bk := in(good, k), in(bad, k); {
		case len(bk) > 0:
			b = append(b, bk...)
			failed = append(failed, k+1)
		case len(gk) == 0:
			failed = append(failed, k+1)
		default:
			g = append(g, gk...)
		}
	}
	if len(failed) > 0 {
		g = nil
	}
	return g, b, failed
}

// sentenceBounds returns the byte offsets at which the sentences of text
// start: the text's start, and after a full stop, question or
// exclamation mark (and any closing quotes or brackets) followed by
// white space and a capital, a digit or an opening quote, or after a
// blank line. Abbreviations before a capital (dhr. Rutte) split too, in
// both texts alike; where the counts then differ the check falls back to
// the whole text.
func sentenceBounds(text string) []int {
	out := []int{0}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		stop := strings.ContainsRune(".!?…", r)
		if !stop && r != '\n' {
			continue
		}
		j := i
		for stop && j < len(text) {
			c, m := utf8.DecodeRuneInString(text[j:])
			if !strings.ContainsRune("\"'”’)]", c) {
				break
			}
			j += m
		}
		k, lines := j, 0
		if r == '\n' {
			lines = 1
		}
		for k < len(text) {
			c, m := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsSpace(c) {
				break
			}
			if c == '\n' {
				lines++
			}
			k += m
		}
		if k >= len(text) || k == j && r != '\n' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		if lines >= 2 || stop && (unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"'“‘(", next)) {
			if k > out[len(out)-1] {
				out = append(out, k)
			}
			i = k
		}
	}
	return out
}

// inName reports whether hit h, an occurrence of term, is one word of a
// longer capitalised name (Patiëntenfederatie Nederland, Nederland
// Distributieland): the term is written capitalised, and a capitalised
// word stands right before it (not opening a sentence, which any word
// does capitalised) or right after it, with only a space between. A QA
// check does not ask for the term's translation there: the name is
// translated, or kept, as a whole (Dutch Patients Federation), and the
// glossary holds no rendering of it.
func (s *scan) inName(h hit, term string) bool {
	if r, _ := utf8.DecodeRuneInString(term); !unicode.IsUpper(r) {
		return false
	}
	name := func(k int) bool { return s.toks[k].flags&upperFirst != 0 && s.toks[k].flags&shortCaps == 0 }
	if b := h.startTok - 1; b >= 0 && s.toks[b].next == gapSpace && name(b) && !s.sentenceStarts(b) && !hasNewline(s.text[s.toks[b].end:s.toks[b+1].start]) && !nationality(s.infos[s.byTok[b]].fold) {
		return true
	}
	// A term that is such an adjective itself says whose the name after
	// it is (de Duitse Intelligence, Surveillance and Reconnaissance-taskforce).
	a := h.endTok
	return a < len(s.toks) && s.toks[a-1].next == gapSpace && name(a) && !hasNewline(s.text[s.toks[a-1].end:s.toks[a].start]) && !nationality(s.infos[s.byTok[a-1]].fold)
}

// nationality reports whether a folded word is a Dutch adjective of
// nationality or origin (Duitse, Malinese, Nederlandse, Europese), which
// Dutch writes capitalised: before a term it says whose, it makes no
// name (de Duitse ISR-taskforce).
func nationality(fold string) bool {
	return strings.HasSuffix(fold, "se") || strings.HasSuffix(fold, "sche")
}

// sentenceStarts reports whether token k may open a sentence: it is the
// text's first word, or anything but white space (a full stop, a colon,
// a quotation mark, a bracket), or a line break, stands before it.
func (s *scan) sentenceStarts(k int) bool {
	if k == 0 {
		return true
	}
	g := s.text[s.toks[k-1].end:s.toks[k].start]
	return strings.TrimSpace(g) != "" || hasNewline(g)
}

// insideOther reports whether hit h lies inside a longer hit of another
// concept among hs, which are sorted by start; no hit is longer than
// longest bytes, so only the hits starting at most that far before h are
// looked at.
func insideOther(m *Matcher, hs []hit, h hit, longest int) bool {
	c := m.entries[h.entry].concept
	i, _ := slices.BinarySearchFunc(hs, h.end-longest, func(o hit, start int) int { return o.start - start })
	for ; i < len(hs) && hs[i].start <= h.start; i++ {
		o := hs[i]
		if h.end <= o.end && o.end-o.start > h.end-h.start && m.entries[o.entry].concept != c {
			return true
		}
	}
	return false
}

// appendSpans appends to out the span of hit h in text, an occurrence of
// term t, and before it a separated form's verb (roept … op tot).
func appendSpans(out []Span, text string, h hit, t *glossary.Term) []Span {
	if h.apart() {
		out = append(out, Span{h.vstart, h.vend, text[h.vstart:h.vend], t.Text, t.Status, true})
	}
	return append(out, Span{h.start, h.end, text[h.start:h.end], t.Text, t.Status, false})
}

// spellingDeprecated reports whether concept c deprecates a spelling:
// it has a deprecated or superseded English term that differs from an
// accepted one only by hyphens, spaces or case.
func spellingDeprecated(c *glossary.Concept) bool {
	for _, d := range c.Terms {
		if d.Lang != "en" || accepted(d.Status) {
			continue
		}
		for _, a := range c.Terms {
			if a.Lang == "en" && accepted(a.Status) && spellKey(a.Text) == spellKey(d.Text) {
				return true
			}
		}
	}
	return false
}

// variantOfDeprecated reports whether the occurrence as written of the
// accepted term (of concept c) is a variant the concept deprecates: it
// is written exactly as a deprecated term of c, or c deprecates a
// spelling (strict, spellingDeprecated) and the occurrence differs from
// its term only in hyphens and spaces (Secretary General for
// Secretary-General).
func variantOfDeprecated(c *glossary.Concept, strict bool, written, term string) bool {
	written = strings.Join(strings.Fields(written), " ")
	for _, d := range c.Terms {
		if d.Lang == "en" && !accepted(d.Status) && written == d.Text {
			return true
		}
	}
	// Only the separators may differ: the same words, with a space
	// where the term has a hyphen or the reverse.
	return strict && spellKey(written) == spellKey(term) && sepKey(written) != sepKey(term)
}

// spellKey folds case and diacritics and takes a hyphen for a space.
func spellKey(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(glossary.Fold(s), "-", " ")), " ")
}

// sepKey keeps the hyphens and spaces of s, in order.
func sepKey(s string) string {
	var b strings.Builder
	for _, r := range glossary.Fold(s) {
		if r == '-' || r == ' ' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sortHits sorts hits by start, longest first, as resolve wants them.
func sortHits(hs []hit) []hit {
	hs = slices.Clone(hs)
	slices.SortStableFunc(hs, func(a, b hit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	return hs
}

// equivalentsIn returns c's terms in lang, preferred first.
func equivalentsIn(c *glossary.Concept, lang string) []glossary.Term {
	var ts []glossary.Term
	for _, t := range equivalents(c, "") {
		if t.Lang == lang {
			ts = append(ts, t)
		}
	}
	return ts
}

// cover answers whether a hit lies inside one of a set of hits, in
// O(log n) per question: the hits sorted by start, with the furthest end
// reached by any hit up to each position.
type cover struct {
	starts, maxEnd []int
}

func newCover(hs []hit) cover {
	hs = sortHits(hs)
	c := cover{starts: make([]int, len(hs)), maxEnd: make([]int, len(hs))}
	for i, h := range hs {
		c.starts[i] = h.start
		c.maxEnd[i] = h.end
		if i > 0 {
			c.maxEnd[i] = max(c.maxEnd[i], c.maxEnd[i-1])
		}
	}
	return c
}

// covers reports whether h lies inside one of the hits: one starting at
// or before h does and reaches at least to h's end.
func (c cover) covers(h hit) bool {
	i := sort.SearchInts(c.starts, h.start+1) - 1 // the last hit starting at or before h
	return i >= 0 && c.maxEnd[i] >= h.end
}
