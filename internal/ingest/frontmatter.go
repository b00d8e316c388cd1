package ingest

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// ErrMetadata: the front matter of a text or Markdown file gives a value
// tolk cannot use (a type it does not know, a date that is none).
var ErrMetadata = errors.New("invalid metadata")

// FrontMatter is what the front matter of a text or Markdown file gives.
type FrontMatter struct {
	// Title is the document's title, "" when not given.
	Title string
	// Meta holds the type, date, identifier, authority, language,
	// dossier and number given; the rest is empty.
	Meta Metadata
}

var (
	fmKey = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_-]*)\s*:(?:\s+(.*?))?\s*$`)
	// isoDay and writtenDay are a date and nothing else.
	isoDay     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	writtenDay = regexp.MustCompile(`^\d{1,2} \p{L}+ \d{4}$`)
	isoLang    = regexp.MustCompile(`^[a-z]{2}$`)
)

// ReadFrontMatter reads the front matter a text or Markdown file may open
// with, as static site generators and Pandoc write it: a line "---",
// lines "key: value", and a line "---" (or "...").
//
//	---
//	type: circulaire
//	date: 2020-01-31
//	---
//
// It returns what the front matter gives and the rest of src, the
// document's text; nil and src as it is when src does not open with front
// matter. The keys read (in any case) are title, type (one of Types()),
// date (YYYY-MM-DD, or written out: "31 januari 2020"), identifier,
// authority, language (an ISO 639-1 code), dossier and number; values may
// be quoted. Other keys, list items and comments ("# …") are left alone,
// as other tools' front matter has them (layout, tags). Lines that are
// none of these (prose after a thematic break "---") mean it is no front
// matter. A value that cannot be used is an error wrapping ErrMetadata
// that names its line, counted from the file's first.
func ReadFrontMatter(src string) (*FrontMatter, string, error) {
	first, rest, ok := strings.Cut(src, "\n")
	if !ok || strings.TrimRight(first, " \t\r") != "---" {
		return nil, src, nil
	}
	fm := &FrontMatter{}
	seen := map[string]int{} // the line each key read was on
	last := ""               // the key the lines of a list or block belong to
	for n := 2; ; n++ {
		line, after, more := strings.Cut(rest, "\n")
		line = strings.TrimRight(line, " \t\r")
		rest = after
		switch {
		case line == "---" || line == "...":
			if len(seen) == 0 && last == "" {
				return nil, src, nil // no key: a thematic break, not front matter
			}
			return fm, rest, nil
		case strings.TrimSpace(line) == "", strings.HasPrefix(line, "#"):
		case line[0] == ' ' || line[0] == '\t' || strings.HasPrefix(line, "- "):
			if last == "" {
				return nil, src, nil
			}
			if _, ok := seen[last]; ok {
				return nil, src, fmt.Errorf("front matter line %d: %s takes a single value, on its own line: %w", n, last, ErrMetadata)
			}
		default:
			m := fmKey.FindStringSubmatch(line)
			if m == nil {
				return nil, src, nil
			}
			key := strings.ToLower(m[1])
			last = key
			if err := fm.set(key, fmValue(m[2])); err != nil {
				return nil, src, fmt.Errorf("front matter line %d: %v: %w", n, err, ErrMetadata)
			}
			if !fm.reads(key) {
				continue
			}
			if l, ok := seen[key]; ok {
				return nil, src, fmt.Errorf("front matter line %d: %s is given twice (line %d): %w", n, key, l, ErrMetadata)
			}
			seen[key] = n
		}
		if !more {
			return nil, src, nil // never closed: not front matter
		}
	}
}

// fmValue is a value as written after "key:": without its quotes, or
// without a comment (" # …") when it has none.
func fmValue(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return strings.TrimSpace(v[1 : len(v)-1])
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}

// reads reports whether key is one ReadFrontMatter reads.
func (fm *FrontMatter) reads(key string) bool {
	switch key {
	case "title", "type", "date", "identifier", "authority", "language", "dossier", "number":
		return true
	}
	return false
}

// set checks and keeps the value of key; keys not read are left alone.
// An empty value (YAML's null) gives nothing.
func (fm *FrontMatter) set(key, v string) error {
	v = normalizeInline(v)
	if v == "" {
		return nil
	}
	m := &fm.Meta
	switch key {
	case "title":
		fm.Title = v
	case "type":
		t := strings.ToLower(v)
		if !slices.Contains(Types(), t) {
			return fmt.Errorf("type %q is not a document type tolk knows (one of %s)", v, strings.Join(Types(), ", "))
		}
		m.Type = t
	case "date":
		d := ""
		switch {
		case isoDay.MatchString(v):
			if _, err := time.Parse(time.DateOnly, v); err == nil {
				d = v
			}
		case writtenDay.MatchString(v):
			d = parseDate(v)
		}
		if d == "" {
			return fmt.Errorf("date %q is not a date; write it as YYYY-MM-DD", v)
		}
		m.Date = d
	case "language":
		l := strings.ToLower(v)
		if !isoLang.MatchString(l) {
			return fmt.Errorf("language %q is not a two-letter ISO 639-1 code (nl, en)", v)
		}
		m.Language = l
	case "identifier":
		m.Identifier = v
	case "authority":
		m.Authority = v
	case "dossier":
		m.Dossier = v
	case "number":
		m.Number = v
	}
	return nil
}
