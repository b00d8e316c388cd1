package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/tm"
	"github.com/tolk-nl/tolk/tm/fuzzy"
)

// The translation-memory pages of issue 14: /tm, a Linguee-style
// bilingual concordance, and the partials other pages include (the fuzzy
// matches of /annotate, "how the TM translates it" on a concept page).
// Their texts live here rather than in labels.json, in both interface
// languages, so that these pages stay apart from the templates others
// edit.

var tmLabels = map[string]map[string]string{
	"nl": {
		"title":          "Vertaalgeheugen",
		"intro":          "Zoek een woord of woordgroep en zie hoe het in het vertaalgeheugen is vertaald: de vertalingen met hun aantal, en de zinsparen waarin het staat.",
		"query":          "Woord of woordgroep",
		"lang":           "Taal van de zoekvraag",
		"lang_nl":        "Nederlands",
		"lang_en":        "Engels",
		"button":         "Zoeken",
		"all":            "alle",
		"unaligned":      "geen vertaling gevonden",
		"translation":    "Vertalingen",
		"pairs":          "%d zinsparen",
		"pair":           "1 zinspaar",
		"pairs_segments": "%d verschillende zinsparen in %d segmenten (een paar dat woord voor woord terugkomt, staat er één keer)",
		"pair_segments":  "%d segmenten, alle hetzelfde zinspaar",
		"truncated":      "Alleen de eerste %d segmenten met de zoekvraag zijn bekeken: een nauwere zoekvraag vindt de rest.",
		"tm_repeats":     "ook in %d andere segmenten, woord voor woord",
		"tm_repeat":      "ook in 1 ander segment, woord voor woord",
		"pages":          "pagina's",
		"no_collection":  "Het vertaalgeheugen heeft geen collectie %q.",
		"none":           "Niet gevonden in het vertaalgeheugen.",
		"prev":           "Vorige",
		"next":           "Volgende",
		"source":         "Bron",
		"target":         "Vertaling",
		"fuzzy":          "Vertaalgeheugen: overeenkomsten per zin",
		"fuzzy_none":     "geen overeenkomst van %d%% of meer",
		"fuzzy_late":     "Het vertaalgeheugen antwoordde niet op tijd (het wordt misschien nog geladen): laad de pagina opnieuw voor de overeenkomsten.",
		"fuzzy_long":     "De tekst is te lang voor overeenkomsten uit het vertaalgeheugen (ten hoogste %d KiB en %d zinnen); de termen staan hierboven. Plak een deel van de tekst voor de overeenkomsten ervan.",
		"tm_source":      "In het geheugen",
		"tm_target":      "Vertaling",
		"how_tm":         "Hoe het vertaalgeheugen het vertaalt",
		"how_tm_none":    "Deze term komt niet voor in het vertaalgeheugen.",
		"see_all":        "Alle zinsparen",
		"via_lexicon":    "via het vertaallexicon",
		"via_gloss":      "via de woordenlijst",
		"via_tm":         "woorden die in deze zinsparen steeds terugkomen",
		"collection":     "Collectie",
		"seeding":        "Het standaardvertaalgeheugen (de verdragen) wordt nog geladen: %d van de %d zinsparen staan erin. De resultaten zijn nog onvolledig; laad de pagina over een paar seconden opnieuw.",
		"seeding_0":      "Het standaardvertaalgeheugen (de verdragen) wordt nog geladen. De resultaten zijn nog onvolledig; laad de pagina over een paar seconden opnieuw.",
		"empty":          "Het vertaalgeheugen is leeg: er is niets geïmporteerd, en het standaardgeheugen (de verdragsparen) staat uit (--tm-seed none) of is niet gevonden. Importeer een TMX-, TSV- of CSV-bestand (tolk tm import BESTAND, of POST /api/v1/tm/import), of start tolk met --tm-seed BESTAND.",
	},
	"en": {
		"title":          "Translation memory",
		"intro":          "Search a word or phrase and see how the translation memory translates it: the translations with their counts, and the sentence pairs it occurs in.",
		"query":          "Word or phrase",
		"lang":           "Language of the query",
		"lang_nl":        "Dutch",
		"lang_en":        "English",
		"button":         "Search",
		"all":            "all",
		"unaligned":      "no translation found",
		"translation":    "Translations",
		"pairs":          "%d sentence pairs",
		"pair":           "1 sentence pair",
		"pairs_segments": "%d different sentence pairs in %d segments (a pair repeated word for word is shown once)",
		"pair_segments":  "%d segments, all the same sentence pair",
		"truncated":      "Only the first %d segments with the query were examined: a narrower query finds the rest.",
		"tm_repeats":     "also in %d other segments, word for word",
		"tm_repeat":      "also in 1 other segment, word for word",
		"pages":          "pages",
		"no_collection":  "The translation memory has no collection %q.",
		"none":           "Not found in the translation memory.",
		"prev":           "Previous",
		"next":           "Next",
		"source":         "Source",
		"target":         "Translation",
		"fuzzy":          "Translation memory: matches per sentence",
		"fuzzy_none":     "no match of %d%% or more",
		"fuzzy_late":     "The translation memory did not answer in time (it may still be loading): reload the page for its matches.",
		"fuzzy_long":     "The text is too long for translation-memory matches (at most %d KiB and %d sentences); its terms are shown above. Paste a part of it for that part's matches.",
		"tm_source":      "In the memory",
		"tm_target":      "Translation",
		"how_tm":         "How the translation memory translates it",
		"how_tm_none":    "This term does not occur in the translation memory.",
		"see_all":        "All sentence pairs",
		"via_lexicon":    "via the translation lexicon",
		"via_gloss":      "via the glossary",
		"via_tm":         "words that recur in these sentence pairs",
		"collection":     "Collection",
		"seeding":        "The default translation memory (the treaties) is still being loaded: %d of its %d sentence pairs are in. The results are incomplete; reload the page in a few seconds.",
		"seeding_0":      "The default translation memory (the treaties) is still being loaded. The results are incomplete; reload the page in a few seconds.",
		"empty":          "The translation memory is empty: nothing has been imported, and the default memory (the treaty pairs) is switched off (--tm-seed none) or was not found. Import a TMX, TSV or CSV file (tolk tm import FILE, or POST /api/v1/tm/import), or start tolk with --tm-seed FILE.",
	},
}

// seedingNotice is what a page says while the default TM is being
// seeded (nil: it is not).
func seedingNotice(L map[string]string, s *app.TMSeeding) string {
	switch {
	case s == nil:
		return ""
	case s.Pairs == 0:
		return L["seeding_0"]
	}
	return fmt.Sprintf(L["seeding"], s.PairsDone, s.Pairs)
}

// piece is a run of text, marked or not, for the templates.
type piece struct {
	Text string
	Mark string // "" for plain text, else a CSS class suffix
}

// marked cuts text into pieces at the spans, which must be sorted and
// within text.
func marked(text string, spans []app.Span, class string) []piece {
	var out []piece
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End > len(text) || s.Start >= s.End {
			continue
		}
		if s.Start > at {
			out = append(out, piece{Text: text[at:s.Start]})
		}
		out = append(out, piece{Text: text[s.Start:s.End], Mark: class})
		at = s.End
	}
	if at < len(text) {
		out = append(out, piece{Text: text[at:]})
	}
	return out
}

// diffPieces marks the differing tokens of a fuzzy match by their kind.
func diffPieces(text string, ds []fuzzy.Diff) []piece {
	var out []piece
	at := 0
	for _, d := range ds {
		if d.Start < at || d.End > len(text) {
			continue
		}
		if d.Start > at {
			out = append(out, piece{Text: text[at:d.Start]})
		}
		out = append(out, piece{Text: text[d.Start:d.End], Mark: d.Kind})
		at = d.End
	}
	if at < len(text) {
		out = append(out, piece{Text: text[at:]})
	}
	return out
}

type tmChip struct {
	Text, Label, URL string
	Lang             string // the label's language: the translation's; "" for the page's own words ("all")
	Count            int
	Current          bool
	Via              string
}

type tmPair struct {
	Source, Target []piece
	Origin         string
	Collection     string
	Repeats        string // "also in 36 other segments", when repeated word for word
}

type tmPageData struct {
	L            map[string]string
	Q, Lang      string
	Collection   string
	Translation  string
	Searched     bool
	Total        int
	Seeding      string // the notice while the default TM is being seeded
	Empty        string // the notice when the TM holds no segment
	PairsLabel   string
	Truncated    string // the notice when the concordance examined only the first segments
	Chips        []tmChip
	Pairs        []tmPair
	Prev, Next   string
	SourceLang   string
	TargetLang   string
	LangSelected map[string]bool
}

const tmPageSize = 20

func (u *ui) tmPage(c *gin.Context, p *page) error {
	p.name, p.Nav = "tm", "tm"
	L := tmLabels[p.UI]
	p.Title = L["title"]
	d := &tmPageData{L: L, Q: strings.TrimSpace(c.Query("q")), Lang: c.DefaultQuery("lang", "nl"),
		Collection: c.Query("collection"), Translation: c.Query("translation")}
	if d.Lang != "en" {
		d.Lang = "nl"
	}
	d.SourceLang, d.TargetLang = d.Lang, "en"
	if d.Lang == "en" {
		d.TargetLang = "nl"
	}
	d.LangSelected = map[string]bool{d.Lang: true}
	p.Data = d
	// A collection the TM does not have is said on the page, with the
	// form (it was an empty page without a query, an error page with).
	noCollection := func() error {
		d.Searched, d.Empty, p.status = true, fmt.Sprintf(L["no_collection"], d.Collection), http.StatusNotFound
		return nil
	}
	if d.Q == "" {
		if d.Collection != "" {
			if _, err := u.app.SearchTM(c.Request.Context(), app.TMQuery{Collection: d.Collection, Limit: 1}); errors.Is(err, app.ErrNotFound) {
				return noCollection()
			}
		}
		return nil
	}
	offset, _ := strconv.Atoi(c.Query("offset"))
	offset = max(0, offset)
	res, err := u.app.ConcordanceTM(c.Request.Context(), app.TMConcordanceRequest{
		Q: d.Q, Lang: d.Lang, Collection: d.Collection, Translation: d.Translation, Limit: tmPageSize, Offset: offset,
	})
	if errors.Is(err, app.ErrNotFound) && d.Collection != "" {
		return noCollection()
	}
	if err != nil {
		return err
	}
	d.Searched, d.Total = true, res.Total
	d.Seeding = seedingNotice(L, res.Seeding)
	d.Empty = emptyNotice(L, res.Segments, res.Seeding)
	d.PairsLabel = fmt.Sprintf(L["pairs"], res.Total)
	if res.Total == 1 {
		d.PairsLabel = L["pair"]
	}
	link := func(translation string, offset int) string {
		v := url.Values{"q": {d.Q}, "lang": {d.Lang}}
		if d.Collection != "" {
			v.Set("collection", d.Collection)
		}
		if translation != "" {
			v.Set("translation", translation)
		}
		if offset > 0 {
			v.Set("offset", strconv.Itoa(offset))
		}
		return "/tm?" + v.Encode()
	}
	all, shown := 0, 0 // segments in all, and under the chosen chip
	for _, g := range res.Groups {
		all += g.Count
		if d.Translation != "" && index.Fold(g.Text) == index.Fold(d.Translation) {
			shown = g.Count
		}
	}
	if d.Translation == "" {
		shown = all
	}
	// A chip counts segments; the list shows a pair several segments
	// repeat word for word once: say both when they differ (the chip
	// said 380, the list 362 pairs).
	switch {
	case shown > res.Total && res.Total == 1:
		d.PairsLabel = fmt.Sprintf(L["pair_segments"], shown)
	case shown > res.Total:
		d.PairsLabel = fmt.Sprintf(L["pairs_segments"], res.Total, shown)
	}
	if res.Truncated {
		d.Truncated = fmt.Sprintf(L["truncated"], res.Examined)
	}
	d.Chips = append(d.Chips, tmChip{Label: L["all"], URL: link("", 0), Count: all, Current: d.Translation == ""})
	for _, g := range res.Groups {
		if g.Text == "" {
			continue // the unaligned pairs are under "all"
		}
		ch := tmChip{Text: g.Text, Label: g.Text, Lang: d.TargetLang, URL: link(g.Text, 0), Count: g.Count, Current: g.Text == d.Translation}
		switch g.Via {
		case "glossary":
			ch.Via = L["via_gloss"]
		case "lexicon":
			ch.Via = L["via_lexicon"]
		case "tm":
			ch.Via = L["via_tm"]
		}
		d.Chips = append(d.Chips, ch)
	}
	for _, pr := range res.Pairs {
		o := pr.Origin.Doc
		if pr.Origin.Article != "" {
			o += " art. " + pr.Origin.Article
		}
		tp := tmPair{
			Source: marked(pr.Source, pr.Marks, "q"), Target: marked(pr.Target, pr.TargetMarks, "t"),
			Origin: o, Collection: pr.Collection,
		}
		if pr.Repeats > 1 {
			tp.Repeats = fmt.Sprintf(L["tm_repeats"], pr.Repeats-1)
			if pr.Repeats == 2 {
				tp.Repeats = L["tm_repeat"]
			}
		}
		d.Pairs = append(d.Pairs, tp)
	}
	if offset > 0 {
		d.Prev = link(d.Translation, max(0, offset-tmPageSize))
	}
	if offset+tmPageSize < res.Total {
		d.Next = link(d.Translation, offset+tmPageSize)
	}
	return nil
}

// tmFuzzyPanel is what the annotate page's fuzzy-match partial shows.
type tmFuzzyPanel struct {
	L         map[string]string
	None      string
	Seeding   string // the notice while the default TM is being seeded
	Empty     string // the notice when the TM holds no segment
	Sentences []tmFuzzySentence
}

// emptyNotice is what a TM panel says instead of its results when the
// TM holds no segment and none is being seeded ("" otherwise).
func emptyNotice(L map[string]string, segments int, s *app.TMSeeding) string {
	if segments > 0 || s != nil {
		return ""
	}
	return L["empty"]
}

type tmFuzzySentence struct {
	Text    []piece
	Plain   string
	Matches []tmFuzzyMatch
}

type tmFuzzyMatch struct {
	Score       int
	Source      []piece
	Translation string
	Origin      string
}

// fuzzyTimeout bounds the fuzzy matching a page render does.
var fuzzyTimeout = 5 * time.Second // a var: TestAnnotateFuzzyLate sets it

// tmFuzzy finds the TM's fuzzy matches for each sentence of text, for the
// annotate page's partial (a template function: the partial stays apart
// from the page's own handler).
func (u *ui) tmFuzzy(text, uiLang string) (*tmFuzzyPanel, error) {
	L := tmLabels[uiLang]
	if L == nil {
		L = tmLabels["nl"]
	}
	ctx, cancel := context.WithTimeout(context.Background(), fuzzyTimeout)
	defer cancel()
	res, err := u.app.MatchTM(ctx, app.TMMatchRequest{Text: text, Lang: "nl", Limit: 3})
	if errors.Is(err, context.DeadlineExceeded) {
		// The page's annotations stand without the matches: the TM
		// may still be building its index after a seed or an import.
		return &tmFuzzyPanel{L: L, Empty: L["fuzzy_late"]}, nil
	}
	if errors.Is(err, app.ErrBadRequest) {
		// Longer than a fuzzy match takes (the API's 400): the page's
		// annotations stand, and the panel says why it has no matches
		// (the whole page answered 500).
		return &tmFuzzyPanel{L: L, Empty: fmt.Sprintf(L["fuzzy_long"], tm.MaxText>>10, app.MaxMatchSentences)}, nil
	}
	if err != nil {
		return nil, err
	}
	p := &tmFuzzyPanel{L: L, None: fmt.Sprintf(L["fuzzy_none"], res.Min), Seeding: seedingNotice(L, res.Seeding),
		Empty: emptyNotice(L, u.app.TMLoadedSegments(), res.Seeding)}
	if p.Empty != "" {
		return p, nil
	}
	for _, s := range res.Sentences {
		fs := tmFuzzySentence{Plain: s.Text, Text: []piece{{Text: s.Text}}}
		for i, m := range s.Matches {
			if i == 0 {
				fs.Text = diffPieces(s.Text, m.Diffs)
			}
			o := m.Origin.Doc
			if m.Origin.Article != "" {
				o += " art. " + m.Origin.Article
			}
			fs.Matches = append(fs.Matches, tmFuzzyMatch{Score: m.Score, Source: diffPieces(m.Source, m.SourceDiffs), Translation: m.Translation, Origin: o})
		}
		p.Sentences = append(p.Sentences, fs)
	}
	return p, nil
}

// templateFuncs are the pages' template functions: the TM partials',
// label, and dateInput (ui_search.go).
func (u *ui) templateFuncs() template.FuncMap {
	return template.FuncMap{
		"dateInput": dateInput,
		"tmFuzzy":   u.tmFuzzy,
		"tmConcept": u.tmConcept,
		// label shows a value from the data in the page's language
		// (a subject, a part of speech, a document type): the label of
		// prefix+value, else the value as it is.
		"label":    func(l labels, prefix, value string) string { return l.or(prefix+value, value) },
		"repaired": repairedLabel,
	}
}

// tmConceptPanel is what the concept page's partial shows: the TM's
// translations of the concept's Dutch head term with counts.
type tmConceptPanel struct {
	L      map[string]string
	Term   string
	URL    string
	Chips  []tmChip
	Pairs  []tmPair
	Status int
	// Seeding is the notice while the default TM is being seeded.
	Seeding string
	Empty   string // the notice when the TM holds no segment
}

// tmConcept looks up how the TM translates a Dutch term (the concept
// page's head term), for the concept page's partial.
func (u *ui) tmConcept(term, uiLang string) (*tmConceptPanel, error) {
	L := tmLabels[uiLang]
	if L == nil {
		L = tmLabels["nl"]
	}
	ctx, cancel := context.WithTimeout(context.Background(), fuzzyTimeout)
	defer cancel()
	res, err := u.app.ConcordanceTM(ctx, app.TMConcordanceRequest{Q: term, Lang: "nl", Limit: 2})
	if err != nil {
		return nil, err
	}
	v := url.Values{"q": {term}, "lang": {"nl"}}
	p := &tmConceptPanel{L: L, Term: term, URL: "/tm?" + v.Encode(), Status: http.StatusOK, Seeding: seedingNotice(L, res.Seeding),
		Empty: emptyNotice(L, res.Segments, res.Seeding)}
	for _, g := range res.Groups {
		if g.Text == "" || len(p.Chips) == 6 {
			continue
		}
		v.Set("translation", g.Text)
		p.Chips = append(p.Chips, tmChip{Text: g.Text, Label: g.Text, Count: g.Count, URL: "/tm?" + v.Encode()})
	}
	for _, pr := range res.Pairs {
		p.Pairs = append(p.Pairs, tmPair{Source: marked(pr.Source, pr.Marks, "q"), Target: marked(pr.Target, pr.TargetMarks, "t")})
	}
	return p, nil
}
