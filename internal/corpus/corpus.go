// Package corpus holds the default corpus tolk ships: the Dutch
// government's letter to parliament about the 2020 coup in Mali, as text
// extracted from its PDF.
package corpus

import "embed"

//go:embed *.txt
var files embed.FS

// Default returns the embedded default corpus, one file per document.
func Default() embed.FS { return files }

// MaliLetter is the file name of the Mali letter within Default.
const MaliLetter = "kamerbrief-mali-2020.txt"
