package tm

import (
	"strings"
	"unicode"
)

// Which language a side is written in, told by its function words: each
// language's commonest articles, prepositions, conjunctions, pronouns and
// auxiliaries that the other language does not have as words (in, is,
// was, over and had are both; met and die are English words too, door an English noun,
// a and no list items and abbreviations). Function words make up about a
// third of running text in either language, and unlike content words
// they are not borrowed (start-ups en scale-ups is Dutch), so a few of
// them tell a sentence's language where its names and terms cannot. Not
// of (Dutch "or") nor ten (English "10").
var (
	dutchOnly = wordSet("de het een van en op voor uit aan bij te ter tot naar dat dit deze " +
		"niet geen wordt worden werd werden zal zullen kan kunnen heeft hebben hun zich wij zij hij ook " +
		"er maar dan als om welke waarin waarop waarvan overeenkomstig ingevolge alsmede onder daarvan")
	englishOnly = wordSet("the and to for with by from on at as an be been are were this that these " +
		"those which shall will would should may not any such or its it has have their they he she " +
		"whose whom there than under into upon within between thereof hereby")
)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Language thresholds: a side is one language when it has at least
// langMinWords of that language's function words and langRatio times as
// many as of the other's. A short heading ("Artikel 3", "Definitions")
// has none and is not judged; an English sentence that quotes a Dutch
// title (the Wet op de inkomstenbelasting 2001) has more English ones.
const (
	langMinWords = 2
	langRatio    = 3
)

// Language tells whether text is Dutch ("nl") or English ("en") by its
// function words, or "" when it cannot tell: fewer than two of either
// language's, or neither language's clearly more.
func Language(text string) string {
	nl, en := 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		w = strings.ToLower(w)
		switch {
		case dutchOnly[w]:
			nl++
		case englishOnly[w]:
			en++
		}
	}
	switch {
	case nl >= langMinWords && nl >= langRatio*en:
		return "nl"
	case en >= langMinWords && en >= langRatio*nl:
		return "en"
	}
	return ""
}

// LanguageMismatch says why s is not a Dutch text and its English
// translation ("the English side is Dutch"), or "" when nothing says so:
// a side that Language finds to be the other language. A side it cannot
// tell passes, so short units (headings, names, numbers) are kept.
func (s Segment) LanguageMismatch() string {
	nl, en := Language(s.NL), Language(s.EN)
	switch {
	case nl == "en" && en == "nl":
		return "the sides are swapped: the Dutch side is English and the English side Dutch"
	case en == "nl":
		return "the English side is Dutch"
	case nl == "en":
		return "the Dutch side is English"
	}
	return ""
}
