package spreadsheet

import (
	"regexp"
	"strings"
)

// errorValues are the error values Excel shows and saves, in English (the
// values of an .xlsx file's error cells, and of CSV saved by an English
// Excel or by LibreOffice) and in Dutch (CSV saved by a Dutch Excel).
var errorValues = map[string]bool{
	// English
	"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true, "#N/A": true,
	"#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true, "#FIELD!": true, "#BLOCKED!": true, "#CONNECT!": true,
	"#BUSY!": true, "#UNKNOWN!": true, "#EXTERNAL!": true, "#PYTHON!": true,
	// Dutch
	"#LEEG!": true, "#DEEL/0!": true, "#WAARDE!": true, "#VERW!": true, "#NAAM?": true, "#GETAL!": true, "#N/B": true,
	"#GEGEVENS_OPHALEN": true, "#OVERLOOP!": true, "#BEREKENEN!": true, "#VELD!": true, "#GEBLOKKEERD!": true,
	"#VERBINDEN!": true, "#BEZET!": true, "#ONBEKEND!": true,
}

// libreOffice matches LibreOffice's numbered errors (Err:502).
var libreOffice = regexp.MustCompile(`^(?i)err:\d{3}$`)

// IsErrorValue reports whether the cell s, white space around it aside, is
// a spreadsheet's error value (#N/A, #VALUE!, #N/B, Err:502): a formula
// that failed, never a term or other glossary data. A text that merely
// contains one (#N/A-fout) is not.
func IsErrorValue(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 20 {
		return false
	}
	return errorValues[strings.ToUpper(s)] || libreOffice.MatchString(s)
}

// Advice says, after the cell is named, what is wrong with the error
// value v in it and what to do.
func Advice(v string) string {
	return strings.TrimSpace(v) + " is a spreadsheet error value (a formula that failed), not text to import; put the term or text in the cell, or empty it, and save the file again"
}
