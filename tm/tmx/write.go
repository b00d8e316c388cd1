package tmx

import (
	"bufio"
	"cmp"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tolk-nl/tolk/tm"
)

// Header is what Write puts in the TMX header besides the fixed values.
type Header struct {
	// ToolVersion is the creationtoolversion; empty writes "unknown".
	ToolVersion string
	// Created is the header's creationdate; zero leaves it out.
	Created time.Time
}

// Write writes segs as a TMX 1.4b document that validates against
// tmx14.dtd: srclang nl (English when every segment's source is English;
// a unit whose source is not the header's says its own srclang), segtype
// sentence, datatype plaintext. Each
// segment is a <tu> with tuid, creationdate and creationid, its note, the
// props x-collection, x-source-doc and x-source-article for the fields TMX
// has no attribute for, its other props (a variant's props in its <tuv>;
// those Read made of the unit's and the variants' change and usage
// attributes, x-changedate and the like, written back as the attributes),
// and a Dutch and an English <tuv> (xml:lang the segment's NLLang and
// ENLang, nl and en when they are empty). Read gives the segments back
// unchanged, if they were normalised and valid.
func Write(w io.Writer, segs []tm.Segment, h Header) error {
	bw := bufio.NewWriter(w)
	ver := h.ToolVersion
	if ver == "" {
		ver = "unknown"
	}
	src := sourceLang(segs)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	bw.WriteString(`<tmx version="1.4">` + "\n")
	bw.WriteString(`  <header creationtool="tolk" creationtoolversion="` + attr(ver) +
		`" segtype="sentence" o-tmf="tolk" adminlang="en" srclang="` + attr(src) + `" datatype="plaintext"`)
	if !h.Created.IsZero() {
		bw.WriteString(` creationdate="` + h.Created.UTC().Format(dateLayout) + `"`)
	}
	bw.WriteString("/>\n  <body>\n")
	for _, s := range segs {
		bw.WriteString("    <tu")
		if s.ID != "" {
			bw.WriteString(` tuid="` + attr(s.ID) + `"`)
		}
		if !s.Created.IsZero() {
			bw.WriteString(` creationdate="` + s.Created.UTC().Format(dateLayout) + `"`)
		}
		if s.Creator != "" {
			bw.WriteString(` creationid="` + attr(s.Creator) + `"`)
		}
		if t := segSource(s); t != src {
			bw.WriteString(` srclang="` + attr(t) + `"`)
		}
		attrs, props := attrsOf(tuAttrs, langProps(s.Props, ""))
		bw.WriteString(attrs + ">\n")
		if s.Note != "" {
			element(bw, "      ", "note", "", s.Note)
		}
		for _, p := range []tm.Prop{
			{Type: tm.PropCollection, Value: s.Collection},
			{Type: tm.PropSourceDoc, Value: s.Source.Doc},
			{Type: tm.PropSourceArticle, Value: s.Source.Article},
		} {
			if p.Value != "" {
				element(bw, "      ", "prop", p.Type, p.Value)
			}
		}
		for _, p := range props {
			element(bw, "      ", "prop", p.Type, p.Value)
		}
		for _, v := range []struct{ lang, tag, text string }{{"nl", s.NLLang, s.NL}, {"en", s.ENLang, s.EN}} {
			tag := v.lang
			if v.tag != "" {
				tag = v.tag // en-GB: the variant the source named
			}
			attrs, props := attrsOf(tuvAttrs, langProps(s.Props, v.lang))
			bw.WriteString(`      <tuv xml:lang="` + attr(tag) + `"` + attrs + ">\n")
			for _, p := range props {
				element(bw, "        ", "prop", p.Type, p.Value)
			}
			bw.WriteString("        <seg>" + text(v.text) + "</seg>\n      </tuv>\n")
		}
		bw.WriteString("    </tu>\n")
	}
	bw.WriteString("  </body>\n</tmx>\n")
	return bw.Flush()
}

// langProps returns the props of props with the language lang ("" for the
// unit's own).
func langProps(props []tm.Prop, lang string) []tm.Prop {
	var out []tm.Prop
	for _, p := range props {
		if p.Lang == lang {
			out = append(out, p)
		}
	}
	return out
}

// attrsOf returns the attributes (` changedate="…"`) that the first of
// props stand for, and the props left to write as <prop>: the props that
// Read made of the attributes names (x-changedate for changedate …),
// in their order, each once and with a value the attribute can carry
// back unchanged (a date in TMX's form). So Read gives back the props
// as they were, in order, whether they came from attributes or not.
func attrsOf(names []string, props []tm.Prop) (string, []tm.Prop) {
	var b strings.Builder
	next := 0 // names[next:] may still come
	i := 0
	for ; i < len(props); i++ {
		p := props[i]
		n, ok := strings.CutPrefix(p.Type, "x-")
		k := slices.Index(names[next:], n)
		if !ok || k < 0 || p.Value == "" || p.Value != strings.TrimSpace(p.Value) {
			break
		}
		if strings.HasSuffix(n, "date") {
			if d, err := time.Parse(dateLayout, p.Value); err != nil || d.Format(dateLayout) != p.Value {
				break
			}
		}
		b.WriteString(" " + n + `="` + attr(p.Value) + `"`)
		next += k + 1
	}
	return b.String(), props[i:]
}

// segSource is the language tag of s's source side: its English tag when
// the English is the original, else its Dutch tag.
func segSource(s tm.Segment) string {
	if s.ENSource {
		return cmp.Or(s.ENLang, "en")
	}
	return cmp.Or(s.NLLang, "nl")
}

// sourceLang is the header's srclang: English (the first segment's tag)
// when every segment has an English source, else nl; a unit whose
// source differs says its own.
func sourceLang(segs []tm.Segment) string {
	if len(segs) == 0 || !segs[0].ENSource {
		return "nl"
	}
	for _, s := range segs {
		if !s.ENSource {
			return "nl"
		}
	}
	return segSource(segs[0])
}

func element(w *bufio.Writer, indent, name, typ, value string) {
	w.WriteString(indent + "<" + name)
	if name == "prop" {
		w.WriteString(` type="` + attr(typ) + `"`)
	}
	w.WriteString(">" + text(value) + "</" + name + ">\n")
}

func text(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// attr escapes an attribute value; EscapeText also escapes the quote and
// the white space an attribute would otherwise lose.
func attr(s string) string { return text(s) }
