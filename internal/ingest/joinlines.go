package ingest

import "strings"

// JoinLines joins the lines of a pasted Dutch text as the text reader joins
// a paragraph's, for what reads a text sentence by sentence without
// ingesting it (the TM's fuzzy matches): each run of non-blank lines
// becomes one line, and when the text looks typeset (wrapped at a page
// width, as text copied from a PDF is: looksTypeset) a line-end hyphen is
// resolved by the Dutch rules of hyphenJoin ("massademon-" "straties" is
// "massademonstraties", "Secretaris-" "Generaal" "Secretaris-Generaal").
// Blank lines stay as paragraph breaks ("\n\n"); soft hyphens go.
func JoinLines(text string) string {
	if !strings.Contains(text, "\n") {
		return dropSoftHyphens(text)
	}
	raw := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	lines := make([]line, len(raw))
	for i, l := range raw {
		lines[i] = line{text: strings.TrimSpace(l)}
	}
	typeset := looksTypeset(lines)
	var paras, cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, dropSoftHyphens(joinAll(cur, typeset)))
			cur = nil
		}
	}
	for _, l := range lines {
		if l.text == "" {
			flush()
			continue
		}
		cur = append(cur, l.text)
	}
	flush()
	return strings.Join(paras, "\n\n")
}
