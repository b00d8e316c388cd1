package app

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// concordanceDocs returns the documents that can hold an occurrence of
// one of entries (match.Matcher.Entries: the word sequences the
// concordance's annotations match), as the index tells without reading
// them: those with every word of some entry, each by a word of its key
// (whole, or a part of a compound) in a passage's text or heading. A
// text word the matcher takes for a term word has the term word's key
// (match.Options.Key is index.TermKey, which agrees with index.Key
// wherever it gives two words one key) or is written as the term word
// is, so the documents it stands in are among them; a stop word, which
// the stemmed fields leave out, is looked up in the exact field, an
// acronym also with its 's, and a word the tokenizer keeps joined to
// others (www.rijksoverheid.nl) through the tokens that join it
// (index.DocsWith). What no passage indexes (a heading's number, a
// heading with no paragraph after it, a word broken at a line end) is
// read from the document once per version (residue), and so are the
// parts of capitalised compounds, which the index leaves whole in names.
// The full matcher then runs on these documents only, so that the
// concordance is what scanning them all gives (TestConcordancePrefilter).
// Nil, nil means scan every document: when the index may not hold every
// stored document (a start that did not check it against the store).
func (a *App) concordanceDocs(ctx context.Context, entries [][]match.Word) (map[string]bool, error) {
	if a.idx == nil || a.store != nil && !a.verified {
		return nil, nil
	}
	// The terms each word may stand in the index as, numbered.
	at := map[index.DocTerm]int{}
	var terms []index.DocTerm
	add := func(t index.DocTerm) int {
		n, ok := at[t]
		if !ok {
			n = len(terms)
			at[t] = n
			terms = append(terms, t)
		}
		return n
	}
	need := make([][][]int, len(entries))    // per entry, per word: the terms that show it
	keys := make([][][]string, len(entries)) // per entry, per word: its keys, for the residues
	for i, e := range entries {
		need[i] = make([][]int, len(e))
		keys[i] = make([][]string, len(e))
		for k, w := range e {
			var ts []int
			forms := []string{w.Fold}
			if w.Acronym {
				// Compared as written, with or without 's (AU's).
				forms = append(forms, w.Fold+"'s", w.Fold+"’s")
			}
			if strings.ContainsAny(w.Fold, "'’") {
				// The tokenizer cuts at an apostrophe beside a digit
				// (90's), which the matcher keeps inside the word.
				forms = append(forms, strings.FieldsFunc(w.Fold, isApostrophe)...)
			}
			for _, f := range forms {
				key := index.Key("nl", f)
				keys[i][k] = append(keys[i][k], key)
				ts = append(ts, add(index.DocTerm{Term: key}), add(index.DocTerm{Term: index.Fold(f), Exact: true}))
				for _, s := range index.DutchStopWordsWithKey(key) {
					ts = append(ts, add(index.DocTerm{Term: s, Exact: true}))
				}
			}
			need[i][k] = ts
		}
	}
	docs, err := a.idx.DocsWith(ctx, terms)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		a.log.Warn("concordance: the index could not narrow the documents; scanning them all", "err", err)
		return nil, nil
	}
	// The documents with words no passage indexes, and those words' keys.
	residues := map[string]map[string]bool{}
	for _, info := range a.Documents() {
		r, err := a.residue(info)
		if errors.Is(err, ErrNotFound) {
			continue // deleted since it was listed
		}
		if err != nil {
			return nil, err
		}
		if len(r) > 0 {
			residues[info.ID] = r
		}
	}
	out := map[string]bool{}
	for i := range entries {
		var in map[string]bool // documents with every word so far
		for k := range entries[i] {
			has := map[string]bool{}
			for _, t := range need[i][k] {
				for _, d := range docs[t] {
					if k == 0 || in[d] {
						has[d] = true
					}
				}
			}
			for d, r := range residues {
				if has[d] || k > 0 && !in[d] {
					continue
				}
				for _, key := range keys[i][k] {
					if r[key] {
						has[d] = true
						break
					}
				}
			}
			in = has
			if len(in) == 0 {
				break
			}
		}
		for d := range in {
			out[d] = true
		}
	}
	return out, nil
}

// residue is the keys of the words of one version of a document that
// the index does not show a concordance (residueKeys).
type residue struct {
	version string
	keys    map[string]bool
}

// residue returns the keys of the words of the document info names that
// the index does not show a concordance, read from the document on first
// use and kept for its version.
func (a *App) residue(info *DocInfo) (map[string]bool, error) {
	if r, ok := a.residues.Load(info.ID); ok && r.(*residue).version == info.Version {
		return r.(*residue).keys, nil
	}
	d, err := a.scanDocument(info.ID)
	if err != nil {
		return nil, err
	}
	keys := residueKeys(d.Document, a.split)
	a.residues.Store(info.ID, &residue{version: d.version, keys: keys})
	return keys, nil
}

// residueKeys returns the Dutch keys (index.Key), and those of their
// compound parts, of the words of d's text that the glossary's matcher
// reads but no indexed passage shows the index: what passages leaves out
// (a heading's number, which the heading field drops; a heading no
// paragraph follows; any other text outside the paragraphs, headings and
// signature blocks), a word broken at a line end (veroor-\ndeeld), which
// the matcher also reads joined, and the compound parts of capitalised
// words, which the index does not split when it takes them for a name.
// Small for most documents: the numbers of their headings and the parts
// of their capitalised compounds.
func residueKeys(d *ingest.Document, split func(string) []string) map[string]bool {
	covered := make([]bool, len(d.Text)+1)
	cover := func(from, to int) {
		for i := max(from, 0); i < min(to, len(d.Text)); i++ {
			covered[i] = true
		}
	}
	// The heading words some passage's heading field holds.
	headings := map[string]bool{}
	for _, p := range d.Paragraphs {
		for _, pc := range ingest.Pieces(p.Text) {
			cover(p.Start+pc.Start, p.Start+pc.End)
		}
		headings[headingRest(p.Section)] = true
	}
	for _, hs := range carriedHeadings(d) {
		for _, h := range hs {
			headings[h] = true
		}
	}
	for _, s := range d.Sections {
		end := s.Start + len(s.Heading)
		for _, h := range []string{headingRest(s.Heading), s.Title} {
			if h != "" && headings[h] && strings.HasSuffix(s.Heading, h) {
				cover(end-len(h), end)
				break
			}
		}
	}
	if start, end, ok := signatureSpan(d); ok {
		cover(start, end)
	}
	var keys map[string]bool
	file := func(w string) {
		f := glossary.Fold(w)
		if f == "" {
			return
		}
		if keys == nil {
			keys = map[string]bool{}
		}
		forms := []string{f, strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "’s")}
		for _, p := range strings.FieldsFunc(f, isApostrophe) {
			forms = append(forms, p)
		}
		if split != nil && len(f) <= match.MaxWordLen {
			forms = append(forms, split(f)...)
		}
		for _, x := range forms {
			keys[index.Key("nl", glossary.Fold(x))] = true
		}
	}
	words := textWords(d.Text)
	for k, w := range words {
		word := d.Text[w[0]:w[1]]
		switch {
		case !covered[w[0]] || !covered[w[1]-1]:
			file(word)
		case split != nil && startsUpper(word):
			// A capitalised word may be a name, which the index does
			// not split (a word after a title: minister Van
			// Engelshoven); the matcher does.
			f := glossary.Fold(word)
			if len(f) <= match.MaxWordLen {
				for _, p := range split(f) {
					if keys == nil {
						keys = map[string]bool{}
					}
					keys[index.Key("nl", glossary.Fold(p))] = true
				}
			}
		}
		// A word broken at a line end with a hyphen, the next in lower
		// case: the matcher reads it joined too.
		if k+1 < len(words) {
			g := d.Text[w[1]:words[k+1][0]]
			if strings.ContainsAny(g, "\n\r") && strings.ContainsAny(g, "-‐‑") {
				file(d.Text[w[0]:w[1]] + d.Text[words[k+1][0]:words[k+1][1]])
			}
		}
	}
	return keys
}

// textWords returns the byte spans of the words of text as the glossary's
// matcher cuts them: runs of letters, digits and marks, an apostrophe
// between two of them inside.
func textWords(text string) [][2]int {
	var out [][2]int
	start := -1
	wordRune := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		in := r != utf8.RuneError && wordRune(r)
		if !in && isApostrophe(r) && start >= 0 {
			next, _ := utf8.DecodeRuneInString(text[i+n:])
			in = wordRune(next)
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
		i += n
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// headingRest is what the heading field indexes of heading h: h without
// its number (index.SplitHeadingNumber).
func headingRest(h string) string {
	_, rest := index.SplitHeadingNumber(h)
	return rest
}

// startsUpper reports whether w begins with an upper-case letter.
func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }
