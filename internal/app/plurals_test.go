package app

import "testing"

// TestIrregularPluralCompound checks through a Dutch search that a
// compound whose head is an irregular plural finds its singular and back
// (Kamerlid: Kamerleden, a listed word the splitter keeps whole), that a
// Latin or Greek plural is found by its singular (crisis: crises), and
// that a word that merely ends like one does not (geleden is no plural of
// gelid).
func TestIrregularPluralCompound(t *testing.T) {
	a := openShipped(t)
	addTexts(t, a, map[string]string{
		"leden.md":    "Verschillende Kamerleden vroegen om opheldering.",
		"lid.md":      "Een Kamerlid diende een motie in.",
		"gelid.md":    "De soldaten stonden in het gelid.",
		"ago.md":      "Twee jaar geleden was het anders.",
		"steden.md":   "De hoofdsteden van de regio werden bezocht.",
		"crises.md":   "Twee crises volgden elkaar snel op.",
		"politici.md": "Lokale politici spraken met de bewoners.",
	})
	checkDocsNL(t, a, map[string][]string{
		"Kamerlid":   {"leden", "lid"},
		"Kamerleden": {"leden", "lid"},
		"hoofdstad":  {"steden"},
		// Latin and Greek plurals (the override table's fourth rule).
		"crisis":    {"crises"},
		"politicus": {"politici"},
	}, map[string]string{"gelid": "ago"})
}
