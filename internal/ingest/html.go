package ingest

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipHTML are elements whose content is never main text.
var skipHTML = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Noscript: true, atom.Form: true, atom.Button: true, atom.Svg: true, atom.Iframe: true, atom.Template: true,
	atom.Select: true, atom.Head: true, atom.Object: true, atom.Canvas: true, atom.Dialog: true, atom.Menu: true,
}

// blockHTML are elements that end the paragraph before them.
var blockHTML = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Tbody: true, atom.Thead: true, atom.Br: true, atom.Hr: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Figure: true,
	atom.Figcaption: true, atom.Address: true, atom.Body: true, atom.Caption: true,
}

// chromeWords in an element's id or class mark site furniture: menus,
// breadcrumbs, search boxes, the header and footer of a publication site.
var chromeWords = []string{"nav", "menu", "breadcrumb", "broodkruimel", "footer", "header", "voetregel", "kopregel",
	"inhoudsopgave", "zoeken", "search", "sidebar", "cookie", "skip", "aspnethidden", "servicenavigatie", "toolbar", "share"}

func chrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Body, atom.Html, atom.Main, atom.Article:
		return false
	}
	for _, a := range n.Attr {
		if a.Key != "id" && a.Key != "class" && a.Key != "role" {
			continue
		}
		v := strings.ToLower(a.Val)
		if a.Key == "role" && (v == "navigation" || v == "banner" || v == "contentinfo" || v == "search") {
			return true
		}
		for _, w := range chromeWords {
			if strings.Contains(v, w) {
				return true
			}
		}
	}
	return false
}

// parseHTML reads an HTML page: the main text (<main>, <article>, or the
// body without navigation, scripts, styles and site furniture),
// headings as headings, list items and table rows as paragraphs; the
// title and Dublin Core <meta> tags as metadata.
func parseHTML(data []byte) ([]block, *Metadata, string, error) {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, nil, "", fmt.Errorf("HTML: %v: %w", err, ErrCorrupt)
	}
	meta := &Metadata{SourceFormat: "html"}
	title := ""
	var main, body *html.Node
	var scan func(*html.Node)
	scan = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				for _, a := range n.Attr {
					if a.Key == "lang" {
						meta.Language = strings.ToLower(strings.SplitN(a.Val, "-", 2)[0])
					}
				}
			case atom.Title:
				if title == "" {
					title = normalizeInline(textOf(n))
				}
			case atom.Meta:
				htmlMeta(n, meta, &title)
			case atom.Body:
				body = n
			case atom.Main, atom.Article:
				if main == nil {
					main = n
				}
			default:
				if main == nil && (attr(n, "id") == "broodtekst" || attr(n, "role") == "main") {
					main = n
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			scan(c)
		}
	}
	scan(root)
	start := main
	if start == nil {
		start = body
	}
	if start == nil {
		start = root
	}
	w := &htmlWalker{}
	w.walk(start)
	w.flush()
	return w.blocks, meta, title, nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// htmlMeta reads a <meta name=… content=…> tag into m.
func htmlMeta(n *html.Node, m *Metadata, title *string) {
	name, content := strings.ToLower(attr(n, "name")), strings.TrimSpace(attr(n, "content"))
	if content == "" {
		return
	}
	switch name {
	case "dc.identifier", "dcterms.identifier":
		if m.Identifier == "" {
			m.Identifier = content
		}
	case "dc.creator", "dcterms.creator", "author", "overheid.authority":
		if m.Authority == "" {
			m.Authority = content
		}
	case "dcterms.issued", "dcterms.available", "dc.date", "dcterms.created", "overheidop.datumondertekening":
		if m.Date == "" {
			m.Date = parseDate(content)
		}
	case "dc.title", "dcterms.title", "og:title":
		*title = normalizeInline(content)
	case "dc.language", "dcterms.language":
		m.Language = strings.ToLower(content)
	case "overheidop.publicationname":
		if t, ok := docTypes[strings.ToLower(strings.ReplaceAll(content, " ", ""))]; ok {
			m.Type = t
		}
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && skipHTML[n.DataAtom] && n.DataAtom != atom.Head {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// htmlWalker gathers inline text into the current paragraph and ends it
// at every block element.
type htmlWalker struct {
	blocks []block
	cur    strings.Builder
	row    []string // cells of the table row being read
	inRow  bool
}

func (w *htmlWalker) flush() {
	t := normalizeInline(w.cur.String())
	w.cur.Reset()
	if t == "" {
		return
	}
	if w.inRow {
		w.row = append(w.row, t)
		return
	}
	w.blocks = append(w.blocks, block{kind: kindParagraph, text: t})
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipHTML[n.DataAtom] || chrome(n) || attr(n, "hidden") != "" || attr(n, "aria-hidden") == "true" {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.flush()
		if t := normalizeInline(textOf(n)); t != "" {
			level := int(n.Data[1] - '0')
			w.blocks = append(w.blocks, block{kind: kindHeading, text: t, title: t, level: level})
		}
		return
	case atom.Tr:
		w.flush()
		w.inRow, w.row = true, nil
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		w.flush()
		w.inRow = false
		if len(w.row) > 0 {
			w.blocks = append(w.blocks, block{kind: kindParagraph, text: strings.Join(w.row, " | ")})
		}
		w.row = nil
		return
	case atom.Img:
		return
	}
	block := blockHTML[n.DataAtom]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
	}
}
