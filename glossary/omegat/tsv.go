package omegat

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/spreadsheet"
)

// TSVPairs returns the lines of a DeepL/Google glossary for cs, nl→en,
// meeting DeepL's rules: no empty entries, no tabs or line breaks in an
// entry, and no source twice. Each Dutch term (any status: a text may
// use a deprecated term) maps to the English term of its concept that
// fits it best (tsvFit) among those of the same word class
// (glossary.Pairable: a noun to a noun, a verb to a verb) that are not
// deprecated or superseded: the same term type first (a phrase to a
// phrase, a full form to a full form, an acronym to an acronym), then a
// preferred term, then the same part of speech, then as many words. Before,
// every Dutch term of a concept took its first preferred English term, so
// DeepL would have rendered "financiële en economische sancties" as
// "sanction" and the full name of ECOWAS as "ECOWAS". A Dutch term without
// a usable English term is left out, and a source already given by an
// earlier concept keeps that first target.
func TSVPairs(cs []glossary.Concept) []Pair {
	var ps []Pair
	seen := map[string]bool{}
	for i := range cs {
		for _, s := range cs[i].Terms {
			src := Clean(s.Text)
			if s.Lang != "nl" || src == "" || seen[src] {
				continue
			}
			target, best := "", 0
			for _, t := range cs[i].Terms {
				if t.Lang != "en" || !usable(t) || Clean(t.Text) == "" || !glossary.Pairable(s, t) {
					continue
				}
				if f := tsvFit(s, t); target == "" || f > best {
					target, best = Clean(t.Text), f
				}
			}
			if target == "" {
				continue
			}
			seen[src] = true
			ps = append(ps, Pair{Source: src, Target: target})
		}
	}
	return ps
}

// tsvFit scores English term t as the rendering of Dutch term s in a
// two-column glossary: a term type in common outweighs the status, which
// outweighs a part of speech in common; a difference in length costs a
// point a word, at most two, so that it only decides between otherwise
// equal terms and a preferred term of about the same length; a term
// without a type is nearly a full form (formFit). A spelling
// variant is no type the other language shares (a Dutch term written
// apart is not the English US spelling: Wereldbank programma took World
// Bank program), and the curator's preferred term wins over an admitted
// one of the same part of speech as the Dutch (Malinese Rekenkamer took
// the admitted Malian Court of Audit, which its note says is not the
// institution's name, over the preferred Malian supreme audit institution).
func tsvFit(s, t glossary.Term) int {
	f := formFit(s.Type, t.Type)
	if s.POS != "" && s.POS == t.POS {
		f += 3
	}
	if t.Status == glossary.Preferred {
		f += 5
	} else {
		f++
	}
	d := len(strings.Fields(s.Text)) - len(strings.Fields(t.Text))
	return f - min(max(d, -d), 2)
}

// formFit scores English type b against Dutch type a: 8 for the same
// type (not a spelling variant); 4 for no type beside a full form, which
// an untyped term is unless it says otherwise (an untyped admitted term,
// law and order, took an untyped Dutch term's place from the preferred
// full form, public order); else 0. A short form is no untyped term's
// match: the preferred short form Mali must beat the admitted full form
// Republic of Mali, and the short form Barkhane keep the short form.
func formFit(a, b glossary.TermType) int {
	switch {
	case a == glossary.Variant || b == glossary.Variant:
		return 0
	case a == b:
		return 8
	case a == "" && b == glossary.FullForm, b == "" && a == glossary.FullForm:
		return 4
	}
	return 0
}

// WriteTSV writes cs as a header-less two-column TSV (source<TAB>target,
// nl→en), the glossary format of the DeepL and Google APIs; see TSVPairs.
func WriteTSV(w io.Writer, cs []glossary.Concept) error {
	bw := bufio.NewWriter(w)
	for _, p := range TSVPairs(cs) {
		bw.WriteString(p.Source + "\t" + p.Target + "\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("tsv: %w", err)
	}
	return nil
}

// ReadTSV reads a two-column TSV: one concept per line, source in the
// first column, target in the second, nl→en. If the first line is a
// header (see header: "en<TAB>nl", "Dutch<TAB>English",
// "source<TAB>target<TAB>comment"), it sets the columns' languages, a
// comment or note column gives the concept's note, and columns a header
// of two language codes names otherwise (a count, say) are ignored.
// Without a header every line has exactly two columns. Blank lines and
// comment lines (see comment) are skipped, as in an OmegaT glossary, and the
// header is the first line after them; a term that starts with '#' is
// written after a space (" #MeToo": cells are trimmed). Empty entries,
// and languages tolk does not know, are errors naming the line.
func ReadTSV(r io.Reader) ([]glossary.Concept, error) {
	langs := []string{"nl", "en"}
	first := true
	return concepts(r, "tsv", func(_ int, line string) (*glossary.Concept, error) {
		if comment(line) {
			// As people annotate their term lists; it failed as a
			// line of one column.
			return nil, nil
		}
		f := strings.Split(line, "\t")
		if first {
			first = false
			if h, ok, err := header(f); ok {
				if err != nil {
					return nil, err
				}
				langs = h
				return nil, nil
			}
		}
		if len(f) != len(langs) {
			hint := ""
			if len(f) > 2 {
				// Excel's "Unicode text" (UTF-16, tab-separated) of a
				// whole termbase table is told as a TSV by its tabs.
				hint = "; a table whose first row names its columns (nl, en, definition_nl, …) is read with format=csv, which takes tab-separated tables too"
			}
			return nil, fmt.Errorf("%w: %d columns, want %d (source<TAB>target)%s", ErrLine, len(f), len(langs), hint)
		}
		var c glossary.Concept
		for i, l := range langs {
			v := strings.TrimSpace(f[i])
			switch {
			case l == "":
				continue
			case l == noteColumn:
				if err := errorValue(f, i); err != nil {
					return nil, err
				}
				c.Note = v
				continue
			case v == "":
				return nil, fmt.Errorf("%w: column %d is empty", ErrLine, i+1)
			}
			if err := errorValue(f, i); err != nil {
				return nil, err
			}
			c.Terms = append(c.Terms, glossary.Term{Lang: l, Text: v})
		}
		return &c, nil
	})
}

// noteColumn marks a header's comment column in the slice header
// returns (no language tag is five letters).
const noteColumn = "#note"

// header recognises a header row, which CAT tools and spreadsheets saved
// as tab-separated text put first: its first two cells name two
// different languages, each by an ISO 639-1 code ("nl", "EN", "nl-NL"),
// an English or Dutch name ("Dutch", "Engels") or the word source or
// target (bron, doel), which stand for tolk's nl→en; every further cell
// names a language, is a comment column (comment, note, opmerking) or
// is empty.
// Only when the first two cells are language codes may further cells be
// anything (a count), as before names were recognised. A language's
// name beside its translation ("Engels<TAB>English") names one language
// twice and so is data. The returned slice has the glossary language of
// each column, noteColumn for a comment column and "" for columns to
// ignore; a language tolk does not hold is an error.
func header(f []string) ([]string, bool, error) {
	if len(f) < 2 {
		return nil, false, nil
	}
	a, codeA, okA := headerLang(f[0], true)
	b, codeB, okB := headerLang(f[1], true)
	if !okA || !okB || a == b {
		return nil, false, nil
	}
	cols := make([]string, len(f))
	for i, cell := range f {
		l, _, ok := headerLang(cell, i < 2)
		switch {
		case ok:
			if !slices.Contains(glossary.Languages, l) {
				return nil, true, fmt.Errorf("%w: unknown language %q in the header (known: %s)", ErrLine, strings.TrimSpace(cell), strings.Join(glossary.Languages, ", "))
			}
			cols[i] = l
		case spreadsheet.CommentWord(cell):
			cols[i] = noteColumn
		case i >= 2 && strings.TrimSpace(cell) == "":
			// a trailing empty column, as spreadsheets save one: ignored
		case !codeA || !codeB:
			return nil, false, nil
		}
	}
	return cols, true, nil
}

// headerLang returns the language a header cell names: by its code
// (code true), its English or Dutch name, or, if role, the word source
// (nl) or target (en).
func headerLang(cell string, role bool) (lang string, code, ok bool) {
	if l, ok := tag(cell); ok {
		return l, true, true
	}
	w := strings.ToLower(strings.TrimSpace(cell))
	if l, ok := spreadsheet.LanguageName(w); ok {
		// These formats have no variants: "Dutch (Belgium)" is Dutch.
		l, _, _ = strings.Cut(l, "-")
		return l, false, true
	}
	if l, ok := roleWords[w]; ok && role {
		return l, false, true
	}
	return "", false, false
}

// roleWords name the first two columns by their role in tolk's nl→en.
var roleWords = map[string]string{
	"source": "nl", "source term": "nl", "source language": "nl", "bron": "nl", "brontaal": "nl", "bronterm": "nl",
	"target": "en", "target term": "en", "target language": "en", "doel": "en", "doeltaal": "en", "doelterm": "en",
}

// tag returns the base language of a tag with a two-letter (ISO 639-1)
// language such as "en", "NL" or "nl-NL"; longer words ("and", also an
// ISO 639-3 code) are not taken for tags.
func tag(s string) (string, bool) {
	s = strings.TrimSpace(s)
	base, _, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-")
	if len(base) != 2 {
		return "", false
	}
	t, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	b, conf := t.Base()
	if conf != language.Exact {
		return "", false
	}
	return b.String(), true
}
