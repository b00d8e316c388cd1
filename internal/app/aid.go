package app

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm/align"
)

// matcher returns the term matcher of the current glossary.
func (a *App) matcher() *match.Matcher { return a.match.Load() }

// Annotate finds the glossary's terms in text (lang nl, en or "" for both).
// Offsets are byte offsets into text.
func (a *App) Annotate(text, lang string) []match.Annotation {
	return a.matcher().Annotate(text, lang)
}

// DocumentAnnotations finds the glossary's terms in a stored document;
// offsets are byte offsets into the document's normalised text.
func (a *App) DocumentAnnotations(id string) ([]match.Annotation, error) {
	d, err := a.Document(id)
	if err != nil {
		return nil, err
	}
	return a.matcher().Annotate(d.Text, "nl"), nil
}

// Check reports the glossary concepts of a Dutch source whose English
// terms a translation lacks, and deprecated English terms it uses.
func (a *App) Check(nl, en string) []match.Issue { return a.matcher().Check(nl, en) }

// CheckAll reports on every glossary concept of a Dutch source: passed,
// missing or deprecated in the translation, with its spans in both texts
// (match.Matcher.CheckAll).
func (a *App) CheckAll(nl, en string) []match.ConceptCheck { return a.matcher().CheckAll(nl, en) }

// Candidates proposes terms of a document the glossary lacks.
func (a *App) Candidates(id string, limit int) ([]match.Candidate, error) {
	d, err := a.Document(id)
	if err != nil {
		return nil, err
	}
	return a.matcher().Candidates(d.Text, limit), nil
}

// KWIC is one concordance line: the match and its context.
type KWIC struct {
	Doc       string `json:"doc"`
	Paragraph int    `json:"paragraph"`
	Left      string `json:"left"`
	Match     string `json:"match"`
	Right     string `json:"right"`
	Start     int    `json:"start"` // byte offset of the match in the document's text
	End       int    `json:"end"`
	Concept   string `json:"concept,omitempty"`
	// Section is set for a match in a section heading (Paragraph 0 then
	// too): the section's number among the document's sections, from 1,
	// and Heading its heading. A match in no paragraph and no heading is
	// in the signatures.
	Section int    `json:"section,omitempty"`
	Heading string `json:"heading,omitempty"`
}

// ConcordanceRequest asks for the occurrences of a term or of a concept's terms.
type ConcordanceRequest struct {
	// Term is any Dutch word or phrase. A Dutch term of the glossary is
	// found as annotate finds it (inflected, apart in its clause: the
	// concept's lines of that term); any other word alone, with the same
	// tolerance of inflection, diacritics and compounds.
	Term    string
	Concept string // or a concept id: all its terms
	Sort    string // "" (document order), "left" or "right"
	Width   int    // characters of context each side (default 60)
	Limit   int    // 0: all (at most MaxConcordanceLines)
	Offset  int    // lines skipped before the first one given (paging)
}

// MaxConcordanceLines is the most occurrences a concordance examines: a
// stop word occurs hundreds of thousands of times in the letters, and
// listing them all cost seconds per request. The first ones in document
// order are kept, and a sorted concordance sorts those.
const MaxConcordanceLines = 5000

// Concordance lists every occurrence as a KWIC line, in document order
// unless sorted by the left or right context, as concordancers do: the
// lines from Offset, at most Limit of them, and the number of all lines
// (at most MaxConcordanceLines), so that a page of them says how many
// there are. It reads only the documents the index names as able to hold
// an occurrence (concordanceDocs), which list what all of them would.
func (a *App) Concordance(ctx context.Context, r ConcordanceRequest) (lines []KWIC, total int, err error) {
	return a.concordance(ctx, r, a.concordanceDocs)
}

// docsFor returns the documents a concordance reads, given the word
// sequences its annotations match (match.Matcher.Entries); nil for all.
type docsFor func(ctx context.Context, entries [][]match.Word) (map[string]bool, error)

// concordance is Concordance reading the documents narrow names (a nil
// narrow reads them all).
func (a *App) concordance(ctx context.Context, r ConcordanceRequest, narrow docsFor) (lines []KWIC, total int, err error) {
	m := a.matcher()
	// want tells the annotations to list: a concept's, or a term's;
	// entries are the word sequences such an annotation matches
	// (match.Matcher.Entries), which tell the documents worth scanning.
	var want func(an *match.Annotation) bool
	var entries [][]match.Word
	if r.Concept != "" {
		if _, ok := a.terms.Get(r.Concept); !ok {
			return nil, 0, notFound("there is no concept %q", r.Concept)
		}
		want = func(an *match.Annotation) bool { return an.Concept == r.Concept }
		entries = m.Entries(r.Concept, "nl")
	} else {
		term := strings.TrimSpace(r.Term)
		if term == "" {
			return nil, 0, badRequest("concordance needs a term or a concept")
		}
		if ids := a.conceptsWithTerm(term); len(ids) > 0 {
			// A glossary term: its occurrences as annotate and the
			// concept's concordance find them (inflected, apart in its
			// clause), where the glossary's matcher takes them for it.
			fold := glossary.Fold(term)
			want = func(an *match.Annotation) bool { return ids[an.Concept] && glossary.Fold(an.Term) == fold }
			for id := range ids {
				// All the concept's terms: more than the term's, never
				// fewer.
				entries = append(entries, m.Entries(id, "nl")...)
			}
		} else {
			// Any other word or phrase: a matcher of it alone, with the
			// glossary matcher's options, finds it with the same
			// inflection, diacritic, compound and function-word
			// tolerance (indien, a function word, is not indienen).
			probe := glossary.Concept{ID: "q", Terms: []glossary.Term{{Lang: "nl", Text: term}}}
			m = match.NewMatcher([]glossary.Concept{probe}, a.probeOptions(glossary.Fold(term)))
			want = func(an *match.Annotation) bool { return an.Concept == "q" }
			entries = m.Entries("q", "nl")
		}
	}
	// Only the documents that can hold an occurrence are read and
	// annotated (nil: all of them); annotating every document cost
	// seconds per concept page on a few hundred of them.
	var scan map[string]bool
	if narrow != nil {
		if scan, err = narrow(ctx, entries); err != nil {
			return nil, 0, err
		}
	}
	width := r.Width
	if width <= 0 {
		width = 60
	}
	// Every occurrence is counted (total), up to MaxConcordanceLines; a
	// page of them is cut after sorting.
	most := MaxConcordanceLines
	var out []KWIC
docs:
	for _, info := range a.Documents() {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		if scan != nil && !scan[info.ID] {
			continue
		}
		// One document at a time from the store (through the bounded
		// cache): the corpus is never held whole.
		d, err := a.scanDocument(info.ID)
		if errors.Is(err, ErrNotFound) {
			continue // deleted since it was listed
		}
		if err != nil {
			return nil, 0, err
		}
		for _, an := range m.Annotate(d.Text, "nl") {
			if !want(&an) {
				continue
			}
			if len(out) == most {
				break docs
			}
			k := KWIC{Doc: d.ID, Match: an.Text, Start: an.Start, End: an.End, Concept: r.Concept}
			if r.Concept == "" && an.Concept != "q" {
				k.Concept = an.Concept
			}
			// The context is the block that holds the match: its
			// paragraph, or a heading (paragraph 0) or signature.
			from, to := blockAround(d.Text, an.Start, an.End)
			// Paragraphs are in text order: the last one starting at or
			// before the match is the only one that can hold it.
			if i := sort.Search(len(d.Paragraphs), func(i int) bool { return d.Paragraphs[i].Start > an.Start }) - 1; i >= 0 {
				if p := d.Paragraphs[i]; an.Start < p.End {
					k.Paragraph = p.N
					from, to = p.Start, p.End
				}
			}
			if k.Paragraph == 0 {
				for si, sec := range d.Sections {
					if sec.Start <= an.Start && an.End <= sec.Start+len(sec.Heading) {
						k.Section, k.Heading = si+1, sec.Heading
						break
					}
				}
			}
			// A verb term apart in its clause (roept de junta op tot):
			// the match runs from the verb, the words between included.
			if v := an.Verb; v != nil && v.Start >= from {
				k.Start, k.Match = v.Start, d.Text[v.Start:an.End]
			}
			k.Left = trimLeft(d.Text[from:k.Start], width)
			k.Right = trimRight(d.Text[an.End:to], width)
			out = append(out, k)
		}
	}
	switch r.Sort {
	case "left":
		sort.SliceStable(out, func(i, j int) bool { return reverseWords(out[i].Left) < reverseWords(out[j].Left) })
	case "right":
		sort.SliceStable(out, func(i, j int) bool { return index.Fold(out[i].Right) < index.Fold(out[j].Right) })
	case "":
	default:
		return nil, 0, badRequest("sort must be left or right, not %q", r.Sort)
	}
	total = len(out)
	out = out[min(max(r.Offset, 0), total):]
	if r.Limit > 0 && len(out) > r.Limit {
		out = out[:r.Limit]
	}
	return out, total, nil
}

// conceptsWithTerm returns the concepts that have the Dutch term term
// (compared folded).
func (a *App) conceptsWithTerm(term string) map[string]bool {
	fold := glossary.Fold(term)
	var ids map[string]bool
	for _, c := range a.terms.All() {
		for _, t := range c.Terms {
			if t.Lang == "nl" && glossary.Fold(t.Text) == fold {
				if ids == nil {
					ids = map[string]bool{}
				}
				ids[c.ID] = true
			}
		}
	}
	return ids
}

// probeOptions are the glossary matcher's options for a matcher of one
// term, the folded query. The query itself may be a function word (de,
// indien), which the glossary's matcher never takes for a one-word term:
// it is then found as written, not by its key (indien's is indienen's).
func (a *App) probeOptions(query string) match.Options {
	o := a.matchOptions()
	o.Function = func(lang, fold string) bool { return fold != query && matchFunctionWord(lang, fold) }
	if matchFunctionWord("nl", query) {
		o.Key = func(_, w string) string { return w }
	}
	return o
}

// reverseWords keys a left context by its words nearest the match first.
func reverseWords(s string) string {
	ws := strings.Fields(index.Fold(s))
	for i, j := 0, len(ws)-1; i < j; i, j = i+1, j-1 {
		ws[i], ws[j] = ws[j], ws[i]
	}
	return strings.Join(ws, " ")
}

// trimLeft keeps about n characters of s's end, cut at a word boundary.
func trimLeft(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	t := string(r[len(r)-n:])
	if i := strings.IndexByte(t, ' '); i >= 0 {
		t = t[i+1:]
	}
	return "…" + t
}

// trimRight keeps about n characters of s's start, cut at a word boundary.
func trimRight(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	t := string(r[:n])
	if i := strings.LastIndexByte(t, ' '); i >= 0 {
		t = t[:i]
	}
	return t + "…"
}

// TermUse is a glossary concept as it occurs in one document.
type TermUse struct {
	Concept glossary.Concept `json:"concept"`
	Count   int              `json:"count"`
	First   string           `json:"first_context"` // the sentence of its first occurrence
	Forms   []string         `json:"forms"`         // the forms found, in order of first occurrence
	Terms   []string         `json:"terms"`         // the glossary terms they are forms of, in order of first occurrence; the first is First's
}

// DocumentTerms lists the concepts that occur in a document with their
// frequency and first context, most frequent first.
func (a *App) DocumentTerms(id string) ([]TermUse, error) {
	d, err := a.Document(id)
	if err != nil {
		return nil, err
	}
	byID := map[string]*TermUse{}
	var order []string
	var spans [][2]int // d.Text's sentences, found at the first term
	for _, an := range a.matcher().Annotate(d.Text, "nl") {
		// A verb term apart in its clause: its form is the verb, an
		// ellipsis and the rest (riep … op tot), its sentence the verb's.
		start, form := an.Start, an.Form()
		if v := an.Verb; v != nil {
			start = v.Start
		}
		u := byID[an.Concept]
		if u == nil {
			c, ok := a.terms.Get(an.Concept)
			if !ok {
				continue
			}
			if spans == nil {
				spans = align.Spans(d.Text, "nl")
			}
			u = &TermUse{Concept: c, First: sentenceIn(d.Text, spans, start, an.End)}
			byID[an.Concept] = u
			order = append(order, an.Concept)
		}
		u.Count++
		if !slices.Contains(u.Forms, form) {
			u.Forms = append(u.Forms, form)
		}
		if !slices.Contains(u.Terms, an.Term) {
			u.Terms = append(u.Terms, an.Term)
		}
	}
	out := make([]TermUse, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out, nil
}

// sentenceAround returns the sentence of text holding [start, end).
func sentenceAround(text string, start, end int) string {
	return sentenceIn(text, align.Spans(text, "nl"), start, end)
}

// sentenceIn returns the sentence of text holding [start, end), spans
// being text's sentences as align.Spans finds them: the splitter
// /api/v1/tm/match uses, so that a full stop after an abbreviation (nr.,
// o.a., jl., bijv.) or an initial does not end a term's context. A match
// that runs over a sentence's end gets the sentences it touches.
func sentenceIn(text string, spans [][2]int, start, end int) string {
	i := sort.Search(len(spans), func(i int) bool { return spans[i][1] > start })
	if i == len(spans) {
		return ""
	}
	j := i
	for j+1 < len(spans) && spans[j][1] < end {
		j++
	}
	return strings.Join(strings.Fields(text[spans[i][0]:spans[j][1]]), " ")
}

// blockAround returns the bounds of the blank-line separated block of
// text that holds [start, end).
func blockAround(text string, start, end int) (int, int) {
	from := strings.LastIndex(text[:start], "\n\n")
	if from < 0 {
		from = 0
	} else {
		from += 2
	}
	to := strings.Index(text[end:], "\n\n")
	if to < 0 {
		to = len(text)
	} else {
		to += end
	}
	return from, to
}
