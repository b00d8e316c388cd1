package spreadsheet

import "strings"

// languageNames are the names a header may give a language's column, in
// English, Dutch and the language itself; languages tolk does not hold
// are named so that a header in them is recognised (and reported), not
// taken for a term or an unknown column.
var languageNames = map[string]string{
	"dutch": "nl", "nederlands": "nl", "nederlandse": "nl", "vlaams": "nl", "flemish": "nl",
	"english": "en", "engels": "en", "engelse": "en",
	"french": "fr", "frans": "fr", "français": "fr", "francais": "fr",
	"german": "de", "duits": "de", "deutsch": "de",
	"spanish": "es", "spaans": "es", "español": "es", "espanol": "es",
	"italian": "it", "italiaans": "it", "italiano": "it",
	"portuguese": "pt", "portugees": "pt", "português": "pt", "portugues": "pt",
}

// commentWords name a comment (note) column.
var commentWords = map[string]bool{
	"comment": true, "comments": true, "note": true, "notes": true, "remark": true, "remarks": true,
	"opmerking": true, "opmerkingen": true, "commentaar": true, "toelichting": true, "notitie": true,
}

// regionNames are the regions a header may name in brackets after a
// language ("English (United Kingdom)"), as Windows, Trados Studio and
// MultiTerm name a language's variant: the region's code.
var regionNames = map[string]string{
	"netherlands": "NL", "the netherlands": "NL", "nederland": "NL",
	"belgium": "BE", "belgië": "BE", "belgie": "BE", "suriname": "SR",
	"united kingdom": "GB", "uk": "GB", "great britain": "GB", "verenigd koninkrijk": "GB",
	"united states": "US", "us": "US", "usa": "US", "verenigde staten": "US",
	"ireland": "IE", "ierland": "IE", "canada": "CA", "australia": "AU", "australië": "AU",
	"new zealand": "NZ", "south africa": "ZA", "india": "IN",
	"france": "FR", "frankrijk": "FR", "switzerland": "CH", "zwitserland": "CH", "luxembourg": "LU",
	"germany": "DE", "duitsland": "DE", "austria": "AT", "oostenrijk": "AT",
}

// LanguageName returns the language code a header cell names by the
// language's English, Dutch or own name (Dutch, Nederlands, Engels), case
// and surrounding space ignored. A region in brackets after the name, as
// Trados Studio and MultiTerm head their columns ("Dutch (Netherlands)",
// "English (United Kingdom)"), gives the code with its region ("nl-NL",
// "en-GB"); a region it does not know, the language's code alone. The
// TSV/OmegaT and the CSV/XLSX readers share it, so that a header one
// accepts the other does too.
func LanguageName(cell string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(cell))
	if l, ok := languageNames[s]; ok {
		return l, true
	}
	name, region, ok := strings.Cut(s, "(")
	region, closed := strings.CutSuffix(strings.TrimSpace(region), ")")
	if !ok || !closed {
		return "", false
	}
	l, ok := languageNames[strings.TrimSpace(name)]
	if !ok {
		return "", false
	}
	if r, ok := regionNames[strings.TrimSpace(region)]; ok {
		return l + "-" + r, true
	}
	return l, true
}

// CommentWord reports whether a header cell names a comment column
// (comment, note, opmerking, toelichting, …).
func CommentWord(cell string) bool {
	return commentWords[strings.ToLower(strings.TrimSpace(cell))]
}

// LanguageNames lists the names LanguageName knows of the languages in
// langs, for a message saying what a header may hold.
func LanguageNames(langs []string) []string {
	var out []string
	for _, l := range langs {
		for _, n := range []string{"dutch", "nederlands", "english", "engels", "french", "frans", "german", "duits"} {
			if languageNames[n] == l {
				out = append(out, strings.ToUpper(n[:1])+n[1:])
			}
		}
	}
	return out
}
