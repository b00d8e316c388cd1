package server

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/internal/app"
)

// The search answer is the API's most requested body. encoding/json
// walks it by reflection, which cost a twentieth of a Dutch query;
// appendJSON writes the same bytes directly. TestSearchJSONAsMarshal
// compares the two on real answers and FuzzAppendJSONString the strings.

// appendJSON appends s as json.Marshal encodes it.
func (s *searchJSON) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"query":`...)
	b = appendJSONString(b, s.Query)
	b = append(b, `,"lang":`...)
	b = appendJSONString(b, s.Lang)
	b = append(b, `,"total":`...)
	b = strconv.AppendUint(b, s.Total, 10)
	b = append(b, `,"took_ms":`...)
	var err error
	if b, err = appendJSONFloat(b, s.TookMS); err != nil {
		return nil, err
	}
	b = append(b, `,"hits":`...)
	if b, err = appendJSONArray(b, s.Hits, func(b []byte, h *hitJSON) ([]byte, error) { return h.appendJSON(b) }); err != nil {
		return nil, err
	}
	b = append(b, `,"facets":`...)
	if s.Facets == nil {
		b = append(b, "null"...)
	} else {
		names := make([]string, 0, len(s.Facets))
		for name := range s.Facets {
			names = append(names, name)
		}
		slices.Sort(names) // json.Marshal writes a map's keys in order
		b = append(b, '{')
		for i, name := range names {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, name)
			b = append(b, ':')
			b = appendFacetsJSON(b, s.Facets[name])
		}
		b = append(b, '}')
	}
	b = append(b, `,"expanded":`...)
	b = appendJSONStrings(b, s.Expanded)
	if s.DidYouMean != "" {
		b = append(b, `,"did_you_mean":`...)
		b = appendJSONString(b, s.DidYouMean)
	}
	if s.TypedTotal != nil {
		b = append(b, `,"typed_total":`...)
		b = strconv.AppendUint(b, *s.TypedTotal, 10)
	}
	if s.Unquoted != "" {
		b = append(b, `,"unquoted":`...)
		b = appendJSONString(b, s.Unquoted)
	}
	if len(s.Senses) > 0 {
		// English queries only, and rare: left to encoding/json.
		js, err := json.Marshal(s.Senses)
		if err != nil {
			return nil, err
		}
		b = append(b, `,"senses":`...)
		b = append(b, js...)
	}
	if len(s.Dropped) > 0 {
		b = append(b, `,"dropped":`...)
		b = appendJSONStrings(b, s.Dropped)
	}
	b = append(b, `,"doc_facets":{"type":`...)
	b = appendFacetsJSON(b, s.DocFacets.Type)
	b = append(b, `,"year":`...)
	b = appendFacetsJSON(b, s.DocFacets.Year)
	b = append(b, `,"dossier":`...)
	b = appendFacetsJSON(b, s.DocFacets.Dossier)
	b = append(b, `,"partial":`...)
	b = strconv.AppendBool(b, s.DocFacets.Partial)
	return append(b, "}}"...), nil
}

func (h *hitJSON) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"doc":`...)
	b = appendJSONString(b, h.Doc)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, h.Title)
	b = append(b, `,"section":`...)
	b = appendJSONString(b, h.Section)
	b = append(b, `,"paragraph":`...)
	b = strconv.AppendInt(b, int64(h.Paragraph), 10)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(h.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(h.End), 10)
	b = append(b, `,"text":`...)
	b = appendJSONString(b, h.Text)
	b = append(b, `,"fragments":`...)
	b = appendJSONStrings(b, h.Fragments)
	b = append(b, `,"score":`...)
	var err error
	if b, err = appendJSONFloat(b, h.Score); err != nil {
		return nil, err
	}
	b = append(b, `,"matched":`...)
	if b, err = appendJSONArray(b, h.Matched, appendMatchedJSON); err != nil {
		return nil, err
	}
	if len(h.Missing) > 0 {
		b = append(b, `,"missing":`...)
		b = appendJSONStrings(b, h.Missing)
	}
	return append(b, '}'), nil
}

// appendJSONArray appends xs as json.Marshal writes a slice (null when
// nil), each element by each.
func appendJSONArray[T any](b []byte, xs []T, each func([]byte, *T) ([]byte, error)) ([]byte, error) {
	if xs == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	for i := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = each(b, &xs[i]); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

func appendMatchedJSON(b []byte, m *app.Matched) ([]byte, error) {
	b = append(b, `{"query":`...)
	b = appendJSONString(b, m.Query)
	b = append(b, `,"term":`...)
	b = appendJSONString(b, m.Term)
	if m.Concept != "" {
		b = append(b, `,"concept":`...)
		b = appendJSONString(b, m.Concept)
	}
	b = append(b, `,"via":`...)
	b = appendJSONString(b, m.Via)
	if m.P != 0 {
		b = append(b, `,"p":`...)
		var err error
		if b, err = appendJSONFloat(b, m.P); err != nil {
			return nil, err
		}
	}
	if m.Part != "" {
		b = append(b, `,"part":`...)
		b = appendJSONString(b, m.Part)
	}
	return append(b, '}'), nil
}

func appendFacetsJSON(b []byte, fs []facetJSON) []byte {
	b, _ = appendJSONArray(b, fs, func(b []byte, f *facetJSON) ([]byte, error) {
		b = append(b, `{"value":`...)
		b = appendJSONString(b, f.Value)
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, int64(f.Count), 10)
		return append(b, '}'), nil
	})
	return b
}

func appendJSONStrings(b []byte, ss []string) []byte {
	b, _ = appendJSONArray(b, ss, func(b []byte, s *string) ([]byte, error) { return appendJSONString(b, *s), nil })
	return b
}

// appendJSONFloat appends f as json.Marshal writes a float64: the shortest
// decimal that reads back as f, in exponent form below 1e-6 and from 1e21
// on, with the exponent unpadded; NaN and infinities are refused.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("server: json: unsupported value %v", f)
	}
	abs := math.Abs(f)
	if abs == 0 || 1e-6 <= abs && abs < 1e21 {
		return strconv.AppendFloat(b, f, 'f', -1, 64), nil
	}
	b = strconv.AppendFloat(b, f, 'e', -1, 64)
	if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-07 → e-7
		b = b[:n-1]
	}
	return b, nil
}

// jsonHex are the digits of a \u escape.
const jsonHex = "0123456789abcdef"

// appendJSONString appends s as a JSON string the way json.Marshal writes
// one: quotes and backslashes escaped, \b \f \n \r \t by letter, other
// control characters and the HTML characters < > & as \u00XX, U+2028 and
// U+2029 as \u2028 and \u2029, each byte of invalid UTF-8 as \ufffd;
// everything else as it is.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	done := 0 // s[:done] is written
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[done:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, '\\', 'u', '0', '0', jsonHex[c>>4], jsonHex[c&0xf])
			}
			i++
			done = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[done:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[done:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', jsonHex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		done = i
	}
	b = append(b, s[done:]...)
	return append(b, '"')
}
