package server

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
)

// The search page's account of an English query: under "Searched for:"
// one line per English word or glossary term with its Dutch senses as
// chips, each with a link that repeats the search without it (drop=), and
// the dropped senses with links that bring them back.

// senseLines turns an English search's senses into the page's lines (in
// the order of the words in the query q) and
// the dropped senses into restore links. here builds this search's URL
// with the given dropped senses and parameters.
func (u *ui) senseLines(p *page, q string, es []app.Expansion, drop []string, here func(drops []string, kv ...string) string) ([]senseLine, []droppedSense) {
	if len(es) == 0 {
		return nil, nil
	}
	// The lines follow the query (the app lists glossary terms first).
	lq := strings.ToLower(q)
	pos := func(e app.Expansion) int {
		if i := strings.Index(lq, strings.ToLower(e.Query)); i >= 0 {
			return i
		}
		return len(lq)
	}
	es = slices.Clone(es)
	slices.SortStableFunc(es, func(a, b app.Expansion) int { return pos(a) - pos(b) })
	dropping := func(text string) string {
		return here(append(slices.Clip(drop), text), "page", "")
	}
	// A compound of two neighbouring words is a sense of each: its chip
	// glosses it as both (rent allowance: huurtoeslag).
	compoundOf := map[string][]string{}
	// What a dropped sense is shown as: the word, not its key.
	shown := map[string]string{}
	for _, e := range es {
		for _, s := range e.Senses {
			if s.Via == "compound" && !slices.Contains(compoundOf[s.Text], e.Query) {
				compoundOf[s.Text] = append(compoundOf[s.Text], e.Query)
			}
		}
		for _, s := range e.Dropped {
			shown[s.Text] = cmp.Or(s.Form, s.Text)
			shown[index.Fold(s.Text)] = shown[s.Text]
		}
	}
	var lines []senseLine
	for _, e := range es {
		l := senseLine{Query: e.Query, Pruned: e.Pruned}
		switch e.Occur {
		case "must":
			l.Occur = p.T["sense_must"]
		case "must_not":
			l.Occur = p.T["sense_must_not"]
		}
		glossaryChip := map[string]int{} // concept and term → index in l.Chips
		for _, s := range e.Senses {
			if s.Via == "glossary" {
				base, status := u.glossaryTerm(s.Concept, s.Text)
				id := s.Concept + "\x00" + base
				if i, ok := glossaryChip[id]; ok {
					if s.Text != base && !strings.Contains(", "+l.Chips[i].Forms+", ", ", "+s.Text+", ") {
						l.Chips[i].Forms = joinNonEmpty(l.Chips[i].Forms, s.Text)
					}
					continue
				}
				chip := senseChip{Text: base, EN: e.Query, Via: p.T["sense_via_glossary"], Concept: s.Concept, DropURL: dropping(base)}
				if status != "" {
					chip.Status = p.T.or("status_"+status, status)
				}
				if s.Text != base {
					chip.Forms = s.Text
				}
				glossaryChip[id] = len(l.Chips)
				l.Chips = append(l.Chips, chip)
				continue
			}
			// The chip shows a word as written; the drop link names the
			// sense as the search knows it (an index key drops that key
			// alone, not a glossary term spelt as its word).
			chip := senseChip{Text: cmp.Or(s.Form, s.Text), EN: e.Query, Key: s.Key, Via: p.T.or("sense_via_"+s.Via, s.Via), DropURL: dropping(s.Text)}
			if s.Key {
				chip.KeyTitle = p.T["sense_key_title"] + ": " + s.Text
			}
			if qs := compoundOf[s.Text]; s.Via == "compound" && len(qs) > 1 {
				chip.EN = strings.Join(qs, " ")
			}
			if s.Via == "lexicon" {
				chip.P = p.decimal(s.P)
			}
			l.Chips = append(l.Chips, chip)
		}
		if len(l.Chips) == 0 {
			l.Note = p.senseNote(e.Note)
		}
		lines = append(lines, l)
	}
	var dropped []droppedSense
	for i, d := range drop {
		rest := slices.Delete(slices.Clone(drop), i, i+1)
		text := d
		if w, ok := shown[d]; ok {
			text = w
		} else if w, ok := shown[index.Fold(d)]; ok {
			text = w
		}
		dropped = append(dropped, droppedSense{Text: text, RestoreURL: here(rest, "page", "")})
	}
	return lines, dropped
}

// glossaryTerm returns the Dutch term of concept id that text is a form
// of (the term itself, its plural or an inflected verb form) and the
// term's status; text itself when the concept has no such term.
func (u *ui) glossaryTerm(id, text string) (string, string) {
	c, ok := u.app.Terms().Get(id)
	if !ok {
		return text, ""
	}
	for _, t := range c.TermsIn("nl") {
		if t.Text == text || t.Plural == text || t.POS == "verb" && slices.Contains(index.VerbForms(t.Text), text) {
			return t.Text, string(t.Status)
		}
	}
	return text, ""
}

// senseNote gives the page's words for why an English word was searched
// for nothing. The app's notes are English sentences; the two it writes
// today have labels in both languages, any other is shown as it is.
func (p *page) senseNote(note string) string {
	switch {
	case note == "":
		// Every sense was dropped.
		return p.T["sense_note_all_dropped"]
	case strings.Contains(note, "function word"):
		return p.T["sense_note_stop"]
	case strings.Contains(note, "no Dutch equivalent"):
		return p.T["sense_note_unknown"]
	}
	return note
}

// decimal formats a probability with two decimals, with the decimal
// comma on Dutch pages.
func (p *page) decimal(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	if p.UI == "nl" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func joinNonEmpty(a, b string) string {
	if a == "" {
		return b
	}
	return a + ", " + b
}

// searchURL builds a search page URL from name, value pairs (empty values
// left out) and the dropped senses, one drop= each.
func searchURL(kv []string, drops []string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	for _, d := range drops {
		v.Add("drop", d)
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}
