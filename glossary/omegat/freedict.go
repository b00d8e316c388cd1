package omegat

import (
	"fmt"
	"io"
	"strings"

	"github.com/tolk-nl/tolk/glossary"
)

// ReadFreeDict reads the FreeDict Dutch→English TSV (headword,
// pronunciation, translations; senses separated by " | ", translations
// within a sense by ", "), with or without its header line. Each entry
// becomes one concept: the headword as the Dutch term, every distinct
// translation as an English term. Where an entry has several senses, the
// note keeps them ("Senses: eel | elver | …"), since one concept per
// headword merges them. Errors name the line.
func ReadFreeDict(r io.Reader) ([]glossary.Concept, error) {
	return concepts(r, "freedict", func(n int, line string) (*glossary.Concept, error) {
		if n == 1 && strings.HasPrefix(line, "headword\t") {
			return nil, nil
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%w: %d columns, want headword<TAB>pronunciation<TAB>translations", ErrLine, len(f))
		}
		c := glossary.Concept{Terms: []glossary.Term{{Lang: "nl", Text: strings.TrimSpace(f[0])}}}
		seen := map[string]bool{}
		senses := strings.Split(f[2], " | ")
		for _, sense := range senses {
			for _, tr := range strings.Split(sense, ", ") {
				tr = strings.TrimSpace(tr)
				if k := strings.ToLower(tr); tr != "" && !seen[k] {
					seen[k] = true
					c.Terms = append(c.Terms, glossary.Term{Lang: "en", Text: tr})
				}
			}
		}
		if len(senses) > 1 {
			c.Note = "Senses: " + strings.TrimSpace(f[2])
		}
		return &c, nil
	})
}
