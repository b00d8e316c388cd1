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

// LanguageName returns the language code a header cell names by the
// language's English, Dutch or own name (Dutch, Nederlands, Engels), case
// and surrounding space ignored. The TSV/OmegaT and the CSV/XLSX readers
// share it, so that a header one accepts the other does too.
func LanguageName(cell string) (string, bool) {
	l, ok := languageNames[strings.ToLower(strings.TrimSpace(cell))]
	return l, ok
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
