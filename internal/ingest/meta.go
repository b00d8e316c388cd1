package ingest

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Metadata is what people filter documents by. A field is empty when
// neither the format's own metadata (a text or Markdown file's front
// matter, ReadFrontMatter) nor the text gave it.
type Metadata struct {
	// Type is the kind of document: brief, kamerstuk, handelingen, wet,
	// regeling, circulaire, staatsblad, staatscourant, gemeenteblad,
	// provinciaal-blad, waterschapsblad, uitspraak, …: one of Types().
	Type string `json:"type,omitempty"`
	// Date is the document's date (signing, publication or sitting) as
	// YYYY-MM-DD: from the format's record of the document (front matter,
	// XML and HTML metadata) or from its text, never from the file's own
	// creation date (FileDate). Sorting by date and the date filters use
	// it alone.
	Date string `json:"date,omitempty"`
	// FileDate is the file's creation date as the file records it (a
	// PDF's CreationDate, a Word or OpenDocument file's created date), as
	// YYYY-MM-DD. It is when the file was made — a letter printed to PDF
	// today, a Word file saved from an old template — not the date of the
	// document, so it is shown as such and never stands in for Date.
	FileDate string `json:"fileDate,omitempty"`
	// Dossier and Number identify a parliamentary paper: "29 521" and
	// "409" for Kamerstuk 29 521, nr. 409.
	Dossier string `json:"dossier,omitempty"`
	Number  string `json:"number,omitempty"`
	// Identifier is the publisher's id: "stb-2018-84", "BWBR0003984",
	// "h-tk-20172018-70-12", "CVDR100394_2", an ECLI.
	Identifier string `json:"identifier,omitempty"`
	// Authority is the ministry, body or author the document is from.
	Authority string `json:"authority,omitempty"`
	// Language is an ISO 639-1 code ("nl", "en").
	Language string `json:"language,omitempty"`
	// Source and SourceFormat are the uploaded file's name and what its
	// content was: pdf, docx, odt, html, or the XML dialect
	// (officiele-publicatie, bwb-toestand, cvdr, open-rechtspraak).
	Source       string `json:"source,omitempty"`
	SourceFormat string `json:"sourceFormat,omitempty"`
	// Pages is a PDF's page count.
	Pages int `json:"pages,omitempty"`
	// Repaired lists what had to be mended to read the text
	// ("mojibake: 95 characters"); empty for a clean file.
	Repaired []string `json:"repaired,omitempty"`
}

// Year returns the year of the document's date, 0 when it has none.
func (m *Metadata) Year() int {
	if m == nil || len(m.Date) < 4 {
		return 0
	}
	y := 0
	for _, c := range m.Date[:4] {
		if c < '0' || c > '9' {
			return 0
		}
		y = y*10 + int(c-'0')
	}
	return y
}

// DossierKey returns the dossier without spaces ("29521"), as filters
// compare it.
func (m *Metadata) DossierKey() string {
	if m == nil {
		return ""
	}
	return strings.ReplaceAll(m.Dossier, " ", "")
}

var months = map[string]time.Month{
	"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
	"augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
	"january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
}

// dutchDate matches "9 maart 2018", "1 februari 2020" (and English month
// names); isoDate "2018-03-09".
var (
	dutchDate = regexp.MustCompile(`(?i)\b(\d{1,2}) (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|may|june|july|august|october) (\d{4})\b`)
	isoDate   = regexp.MustCompile(`\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:\b|T)`)
	// dateLine is a letter's date line: "Datum 25 augustus 2020",
	// "Den Haag, 25 augustus 2020", "’s-Gravenhage, 29 november 2002",
	// "Winschoten, 14 juni 2017".
	dateLine = regexp.MustCompile(`(?i)^(?:datum\s*:?\s*|(?:['’]s-)?[A-Z][\p{L}'’ -]{1,30}(?:\([A-Z]+\))?,\s*)(\d{1,2} \p{L}+ \d{4})\.?$`)
	// letterDate is a letterhead's date where its lines ran together
	// into one block ("… 2500 EB Den Haag Datum 21 augustus 2020 Betreft
	// …", "Ons kenmerk: 06051 Datum: 18 mei 2000"): the label with a
	// capital only, so that another letter's "(kenmerk …, datum 9 juli
	// 2003)" in a sentence is not taken.
	letterDate = regexp.MustCompile(`(?:^|\s)(?:Datum|DATUM)\s*:?\s*(\d{1,2} \p{L}+ \d{4})\b`)
	// signingLine is a place and a date without the comma, as the
	// Staatscourant prints a decision's signing ("Den Haag 5 juli 2010",
	// "’s-Gravenhage 22 april 1996"): a date line only right before a
	// signature (signs), since a heading or a sentence may have the same
	// shape ("Vóór 1 januari 1985", "De bedragen gelden tot 1 januari
	// 2004."). The place's words are capitalised but for the particles of
	// Dutch place names (Bergen op Zoom, Alphen aan den Rijn, Wijk bij
	// Duurstede), which keeps out "per 1 mei 2003", "tot …". The place
	// may be left out: a date alone on its line before the signature
	// ("15 december 2011", then "De minister van Binnenlandse Zaken …,
	// namens deze: …") is the signing date as well.
	signingLine = regexp.MustCompile(`^(?:(?:['’]s-)?\p{Lu}[\p{L}'’-]*(?: (?:\p{Lu}[\p{L}'’-]*|aan|op|bij|in|de|den|ter|ten))* )?(\d{1,2} \p{L}+ \d{4})[.,]?$`)
)

// actFormula is an act's own dating formula at the head of its text: the
// kind of act, "van", optionally who made it and "van" (or "d.d."), and
// the date — "Besluit van 3 juni 1994, houdende …", "Circulaire van 29
// november 2013, nr. …", "Beleidsregel van de Minister van Economische
// Zaken van 14 januari 2005", "Besluit van de Staatssecretaris van
// Infrastructuur en Milieu, van 12 december 2012", "Tijdelijke
// beleidsregels van de Minister van Veiligheid en Justitie van 4 februari
// 2015". The kind is one capitalised word (or an adjective in -e and a
// noun) right before "van", so that a heading that names another act
// ("Circulaire inwerkingtreding Wet van 21 juni 2001") or a sentence that
// cites one ("Bij besluit van 6 april 1994 …") is not taken. Who made it
// is "de" or "het" and an office, then capitalised words, the particles
// of an office's name (van, en, voor, der, des, namens) and further "de
// …"/"het …" ("de minister van Infrastructuur en Milieu en de minister
// van …"); any other lower-case word ends it, so that "Besluit van de
// Minister … tot wijziging van de Regeling … van 3 juni 1994" (another
// act's date after the subject) is not taken either.
var actFormula = regexp.MustCompile(`^(?:\p{Lu}\p{Ll}+e \p{Ll}+|\p{Lu}\p{Ll}+) van (?:(?:de|het) \p{L}[\p{L}-]*,? (?:(?:\p{Lu}[\p{L}'’.-]*|van|en|voor|der|des|namens|(?:de|het) \p{L}[\p{L}-]*),? )*?(?:van|d\.d\.) )?(\d{1,2} \p{L}+ \d{4})\b`)

// actFormulaBare is the same formula as the Ministry of Finance headed
// its decisions and resolutions: the office without an article, and the
// date with or without "van" before it — "Besluit staatssecretaris van
// Financiën 7 maart 1995, nr. IFZ95/223", "Besluit staatssecretaris van
// Financiën van 12 Juli 1994, Nr. IFZ 94/257.2", "Resolutie Ministerie van
// Financiën 24 augustus 1987, nr. 087-1692". Without the article the word
// after the kind must name an office (minister, staatssecretaris,
// ministerie, directeur-generaal), so that a heading about another act
// ("Circulaire inwerkingtreding Wet van 21 juni 2001", "Toepassing
// besluit 3 april 1998") is still not taken; the office's name is
// capitalised words and particles, as in actFormula, so that a subject
// between the office and a date ends it too.
var actFormulaBare = regexp.MustCompile(`^(?:\p{Lu}\p{Ll}+e \p{Ll}+|\p{Lu}\p{Ll}+) (?i:ministers?|staatssecretaris(?:sen)?|ministerie|directeur-generaal)(?: (?:\p{Lu}[\p{L}'’.-]*|van|en|voor|der|des),?)*? (?:(?:van|d\.d\.) )?(\d{1,2} \p{L}+ \d{4})\b`)

// actDate returns the date of the first of blocks (the document's title
// and its first blocks) that opens with the act's own dating formula
// (actFormula, actFormulaBare), "" when none does.
func actDate(blocks []string) string {
	for _, b := range blocks {
		mm := actFormula.FindStringSubmatch(b)
		if mm == nil {
			mm = actFormulaBare.FindStringSubmatch(b)
		}
		if mm != nil {
			if d := parseDate(mm[1]); d != "" {
				return d
			}
		}
	}
	return ""
}

// adoption is the statement of when a text was adopted, a block of its
// own: "Vastgesteld door de Minister van Onderwijs, Cultuur en
// Wetenschap op 10 november 2011.", "Aldus vastgesteld in de vergadering
// van het dagelijks bestuur op 8 mei 2024.", "Datum vaststelling door het
// College van procureurs-generaal 28 januari 2013". The block is the
// statement and nothing more, its date at the end, so that a sentence
// about something else adopted ("De bedragen worden vastgesteld op 1
// januari …", "… zoals opnieuw vastgesteld bij de regeling van 20 maart
// 1998 …") is not taken.
var adoption = regexp.MustCompile(`^(?:(?:Aldus |Zo )?[Vv]astgesteld(?: (?:door|in|te|bij) [^.;:]{1,150}?)?,? (?:op|van|d\.d\.|:)|Datum (?:van )?vaststelling(?: door [^.;:]{1,150}?)?:?) ?(\d{1,2} \p{L}+ \d{4})\.?$`)

// adoptionDate returns the date of the first of blocks that states when
// the text was adopted (adoption), "" when none does. It comes after the
// date lines and the act's formula: an act that quotes another's adoption
// (a reglement approved by a decree, "Vastgesteld door de Raad van Beheer
// op 17 november 1995") is dated by its own signing where it has one.
func adoptionDate(blocks []string) string {
	for _, b := range blocks {
		if mm := adoption.FindStringSubmatch(b); mm != nil {
			if d := parseDate(mm[1]); d != "" {
				return d
			}
		}
	}
	return ""
}

// parseDate turns "9 maart 2018" or "2018-03-09" into "2018-03-09"; ""
// when s holds no valid date.
func parseDate(s string) string {
	if m := isoDate.FindStringSubmatch(s); m != nil {
		return m[1] + "-" + m[2] + "-" + m[3]
	}
	m := dutchDate.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	var d, y int
	fmt.Sscan(m[1], &d)
	fmt.Sscan(m[3], &y)
	t := time.Date(y, months[strings.ToLower(m[2])], d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || y < 1800 || y > 2200 {
		return ""
	}
	return t.Format("2006-01-02")
}

// kamerstukID matches a Kamerstuk's own identification at its top:
// "Kamerstuk 29 521, nr. 409" or "29 521 Nr. 409".
var kamerstukID = regexp.MustCompile(`^(?:Tweede Kamer der Staten-Generaal\s*)?(?:Kamerstuk(?:ken)?(?: I{1,2})?(?: \d{4}[-/]\d{2,4},?)? )?(\d{2} ?\d{3}(?:-[0-9A-Z]+)?(?: [IVXLC]+)?),? [Nn]r\. ?(\d+)\b`)

// textMeta fills what m lacks from the document's text: the date (a date
// line, else the act's own dating formula at its head, else a statement of
// its adoption ("Vastgesteld door … op …"), else, with guess,
// the first date in the opening blocks or the closing lines), a Kamerstuk number written at the top, the ministry of
// the first signatory, the language, and a document type guessed from the
// wording.
func textMeta(m *Metadata, doc *Document, guess bool) {
	blocks := strings.Split(doc.Text, "\n\n")
	// The Handelingen are dated by their sitting only: the dates in
	// the text are of letters and motions.
	if m.Date == "" && m.Type != "handelingen" {
		m.Date = lineDate(blocks)
	}
	if m.Date == "" && m.Type != "handelingen" {
		m.Date = actDate(append([]string{doc.Title}, blocks[:min(len(blocks), 2)]...))
	}
	if m.Date == "" && m.Type != "handelingen" {
		m.Date = adoptionDate(blocks)
	}
	if guess && m.Date == "" && m.Type != "handelingen" {
		for i, b := range blocks {
			if i >= 3 && i < len(blocks)-3 {
				continue
			}
			if len(b) > 400 {
				b = b[:400]
			}
			if d := parseDate(b); d != "" {
				m.Date = d
				break
			}
		}
	}
	if m.Dossier == "" && doc.Title != "" {
		if mm := kamerstukID.FindStringSubmatch(doc.Title); mm != nil {
			m.Dossier, m.Number = spaceDossier(mm[1]), mm[2]
		}
	}
	if m.Dossier == "" && len(blocks) > 0 {
		for _, b := range blocks[:min(len(blocks), 3)] {
			if mm := kamerstukID.FindStringSubmatch(b); mm != nil {
				m.Dossier, m.Number = spaceDossier(mm[1]), mm[2]
				break
			}
		}
	}
	if m.Authority == "" && len(doc.Signatories) > 0 {
		m.Authority = ministry(doc.Signatories[0].Office)
	}
	if m.Language == "" {
		m.Language = language(doc.Text)
	}
	if m.Type == "" {
		m.Type = guessType(doc)
	}
}

// lineDate returns the date of the first of blocks that is a date line
// (dateLine, letterDate, or a signingLine before a signature), "" when
// none is.
func lineDate(blocks []string) string {
	for i, b := range blocks {
		var mm []string
		// A letter's date line is in its letterhead or by its
		// signature; one in the middle of a long text, not before a
		// signature, is a quoted letter's ("Kenmerk: 2006030447/FRB
		// Datum : 13 december 2006" on line 757 of 1,413 dated an
		// agreement of 2010 to 2006). A letterhead's "Datum" inside a
		// block is taken in the opening blocks only: at the end it was
		// a list of the letters a text cites.
		head := i < dateLineHead
		switch {
		case dateLine.MatchString(b) && (head || i >= len(blocks)-dateLineTail || i+1 < len(blocks) && signs(blocks[i+1])):
			mm = dateLine.FindStringSubmatch(b)
		case head && letterDate.MatchString(b):
			mm = letterDate.FindStringSubmatch(b)
		case signingLine.MatchString(b) && i+1 < len(blocks) && signs(blocks[i+1]):
			mm = signingLine.FindStringSubmatch(b)
		default:
			continue
		}
		if d := parseDate(mm[1]); d != "" {
			return d
		}
	}
	return ""
}

// dateLineHead and dateLineTail are how many opening and closing blocks
// may hold a letter's date line (lineDate).
const dateLineHead, dateLineTail = 15, 10

// signatureStart is how a signature block opens: an office ("De Minister
// van …", "De staatssecretaris …", "Het Hoofd van …", "De
// inspecteur-generaal …", "Voor Curaçao De Minister …", "Voor het
// Directoraat-generaal …") or a closing ("Hoogachtend,"). "staats?se"
// takes the misspellings the BWB texts sign with (Staatsecretaris,
// Staatssecetaris).
var signatureStart = regexp.MustCompile(`^(?i:(?:voor (?:\p{L}+ )*?)?(?:de |het )?(?:minister|staats?se|directeur|directoraat|inspecteur|hoofd|voorzitter|secretaris|burgemeester)|hoogachtend|met (?:vriendelijke|hoogachtende) groet)`)

// signs reports whether a block opens a signature (signatureStart): an
// office and the name after a comma ("De minister van Financiën, J.C. de
// Jager.", as the BWB Markdown has it on one line), or an office or
// closing alone on its line, not a sentence ("De minister besloot dat de
// regeling gold.").
func signs(b string) bool {
	l, _, _ := strings.Cut(b, "\n")
	if !signatureStart.MatchString(l) {
		return false
	}
	office, _, comma := strings.Cut(l, ",")
	return len(strings.Fields(office)) <= 12 && (comma || !strings.HasSuffix(office, "."))
}

// spaceDossier writes a dossier number as Kamerstukken do: "29 521".
func spaceDossier(d string) string {
	if len(d) >= 5 && d[2] != ' ' && d[0] >= '0' && d[0] <= '9' {
		return d[:2] + " " + d[2:]
	}
	return d
}

var ministerOf = regexp.MustCompile(`^(?i:minister|staatssecretaris)(?: voor [^,]+?| van [^,]+?)?$`)

// ministry turns a signatory's office ("Minister van Buitenlandse Zaken")
// into the ministry ("Ministerie van Buitenlandse Zaken"); other offices
// are returned as they are.
func ministry(office string) string {
	office = strings.TrimSpace(strings.TrimSuffix(office, ","))
	if !ministerOf.MatchString(office) {
		return office
	}
	if i := strings.Index(office, " van "); i > 0 {
		return "Ministerie van " + office[i+len(" van "):]
	}
	return office
}

// language tells Dutch from English by counting frequent function words.
func language(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
	}
	nl, en := 0, 0
	for _, w := range strings.Fields(strings.ToLower(text)) {
		switch strings.Trim(w, ".,;:()\"'") {
		case "de", "het", "een", "van", "en", "is", "dat", "niet", "voor", "met", "zijn", "worden", "wordt", "op", "aan":
			nl++
		case "the", "of", "and", "a", "to", "that", "not", "for", "with", "are", "be", "on", "by":
			en++
		}
	}
	switch {
	case nl == 0 && en == 0:
		return ""
	case nl >= en:
		return "nl"
	default:
		return "en"
	}
}

// guessType names the kind of a document read from a general format
// (PDF, Word, HTML) from its wording.
func guessType(doc *Document) string {
	head := doc.Title + "\n" + doc.Text[:min(len(doc.Text), 3000)]
	lower := strings.ToLower(head)
	switch {
	case strings.Contains(lower, "circulaire"):
		return "circulaire"
	case kamerstukID.MatchString(doc.Title):
		return "kamerstuk"
	case strings.Contains(lower, "uw kamer") || strings.Contains(lower, "voorzitter van de tweede kamer") ||
		strings.Contains(lower, "voorzitter van de eerste kamer") || strings.HasPrefix(lower, "kamerbrief"):
		return "brief"
	case len(doc.Signatories) > 0:
		return "brief"
	}
	return ""
}
