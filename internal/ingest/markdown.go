package ingest

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

var (
	mdHeading  = regexp.MustCompile(`^(#{1,6})\s*(.*?)\s*#*\s*$`)
	mdListItem = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,3}[.)])\s+`)
	mdRule     = regexp.MustCompile(`^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$`)
	mdTableSep = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$`)
	mdSetext   = regexp.MustCompile(`^\s*(=+|-+)\s*$`)
	mdHTMLLine = regexp.MustCompile(`^\s*</?[A-Za-z][^>]*>\s*$`)

	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdRefLink  = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdAutolink = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	mdTag      = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>`)
	mdCode     = regexp.MustCompile("`+([^`]*)`+")
	mdStrong   = regexp.MustCompile(`\*\*([^*]+)\*\*|__([^_]+)__`)
	// Emphasis with _ only at word boundaries, so snake_case survives.
	mdEmph   = regexp.MustCompile(`\*([^*\s](?:[^*]*[^*\s])?)\*|(^|[^\pL\pN_])_([^_\s](?:[^_]*[^_\s])?)_([^\pL\pN_]|$)`)
	mdEscape = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|>~])`)
)

// parseMarkdown turns Markdown into blocks: the first "#" heading is the
// title; "##" headings are sections of level 1, "###" of level 2 and so on
// (a document without "#" title treats its "##" headings the same way).
// Paragraphs are separated by blank lines; every list item, block quote
// paragraph and table is a paragraph of its own; inline markup is stripped.
func parseMarkdown(src string) []block {
	src = strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(src, "\n")
	var (
		blocks   []block
		para     []string
		table    []string
		inFence  bool
		fence    string
		hasTitle bool
	)
	flush := func() {
		if len(para) > 0 {
			for i, l := range para {
				para[i] = normalizeInline(stripInline(l))
			}
			if text := norm.NFC.String(dropSoftHyphens(joinAll(para, false))); text != "" {
				blocks = append(blocks, block{kind: kindParagraph, text: text})
			}
			para = nil
		}
		if len(table) > 0 {
			blocks = append(blocks, block{kind: kindParagraph, text: strings.Join(table, "\n")})
			table = nil
		}
	}
	heading := func(level int, raw string) {
		flush()
		text := normalizeInline(stripInline(raw))
		if text == "" {
			return
		}
		if level == 1 && !hasTitle && len(blocks) == 0 {
			hasTitle = true
			blocks = append(blocks, block{kind: kindTitle, text: text})
			return
		}
		lvl := max(level-1, 1)
		num, title := "", text
		if m := numbered.FindStringSubmatch(text); m != nil {
			num, title = m[1], m[2]
		}
		blocks = append(blocks, block{kind: kindHeading, text: text, number: num, title: title, level: lvl})
	}
	for i := 0; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " \t")
		if inFence {
			if strings.HasPrefix(strings.TrimSpace(l), fence) {
				inFence = false
				flush()
				continue
			}
			para = append(para, l)
			continue
		}
		trimmed := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			flush()
			inFence, fence = true, trimmed[:3]
			continue
		case trimmed == "":
			flush()
			continue
		case mdHTMLLine.MatchString(trimmed):
			flush()
			continue
		case strings.HasPrefix(trimmed, "#"):
			m := mdHeading.FindStringSubmatch(trimmed)
			heading(len(m[1]), m[2])
			continue
		case mdRule.MatchString(trimmed) && len(para) == 0:
			flush()
			continue
		case mdSetext.MatchString(trimmed) && len(para) == 1 && len(table) == 0:
			raw := para[0]
			para = nil
			lvl := 2
			if trimmed[0] == '=' {
				lvl = 1
			}
			heading(lvl, raw)
			continue
		case strings.HasPrefix(trimmed, "|"):
			if len(para) > 0 {
				flush()
			}
			if mdTableSep.MatchString(trimmed) {
				continue
			}
			cells := strings.Split(strings.Trim(trimmed, "|"), "|")
			var keep []string
			for _, c := range cells {
				if c = normalizeInline(stripInline(c)); c != "" {
					keep = append(keep, c)
				}
			}
			if len(keep) > 0 {
				table = append(table, strings.Join(keep, " | "))
			}
			continue
		}
		if len(table) > 0 {
			flush()
		}
		if strings.HasPrefix(trimmed, ">") {
			trimmed = strings.TrimSpace(strings.TrimLeft(trimmed, "> "))
			if trimmed == "" {
				flush()
				continue
			}
		}
		if loc := mdListItem.FindStringIndex(trimmed); loc != nil {
			flush()
			trimmed = trimmed[loc[1]:]
		}
		para = append(para, trimmed)
	}
	if inFence {
		inFence = false
	}
	flush()
	return blocks
}

// stripInline removes inline Markdown, keeping the text a reader sees.
// Each expression runs only where the text has a string every match of
// it contains: ReplaceAllString copies the text even when nothing
// matches, and most lines have no markup (this was a third of a bulk
// load's parsing).
func stripInline(s string) string {
	if strings.Contains(s, "](") {
		s = mdImage.ReplaceAllString(s, "$1")
		s = mdLink.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "][") {
		s = mdRefLink.ReplaceAllString(s, "$1")
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = mdAutolink.ReplaceAllString(s, "$1")
		s = mdTag.ReplaceAllString(s, "")
	}
	if strings.IndexByte(s, '`') >= 0 {
		s = mdCode.ReplaceAllString(s, "$1")
	}
	if strings.ContainsAny(s, "*_") {
		if strings.Contains(s, "**") || strings.Contains(s, "__") {
			s = mdStrong.ReplaceAllString(s, "$1$2")
		}
		if strings.Count(s, "*") >= 2 || strings.Count(s, "_") >= 2 {
			s = mdEmph.ReplaceAllString(s, "$1$2$3$4")
		}
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = mdEscape.ReplaceAllString(s, "$1")
	}
	return s
}
