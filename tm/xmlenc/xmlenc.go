// Package xmlenc opens XML in the encodings exchange files come in:
// encoding/xml reads UTF-8 only and calls a CharsetReader for any other
// declared encoding. NewDecoder turns UTF-16 (told by its byte-order mark,
// or by "<?" encoded in it) into UTF-8, drops a UTF-8 byte-order mark, and
// decodes the single-byte and legacy encodings a prolog may declare
// (ISO-8859-1, windows-1252, …) by their IANA or WHATWG names. TMX and TBX
// files from Trados, MultiTerm and memoQ are often UTF-16. The TMX reader
// (tm/tmx) and the TBX reader (glossary/tbx) share it.
package xmlenc

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// ErrEncoding is wrapped by the error of a document whose prolog declares
// an encoding that cannot be decoded (or UTF-16 without a byte-order mark).
var ErrEncoding = errors.New("unknown encoding")

// NewDecoder returns an XML decoder of r in whatever encoding r is in;
// errors of an unknown declared encoding come from its Token and wrap
// ErrEncoding.
func NewDecoder(r io.Reader) *xml.Decoder {
	in, utf16 := decodeBOM(r)
	dec := xml.NewDecoder(in)
	dec.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		return charsetReader(label, input, utf16)
	}
	return dec
}

// decodeBOM turns UTF-16 into UTF-8 and drops a UTF-8 byte-order mark;
// utf16 tells whether it decoded UTF-16.
func decodeBOM(r io.Reader) (out io.Reader, utf16 bool) {
	br := bufio.NewReader(r)
	b, _ := br.Peek(4)
	var e encoding.Encoding
	switch {
	case bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")):
		br.Discard(3)
		return br, false
	case bytes.HasPrefix(b, []byte("\xFF\xFE")), bytes.HasPrefix(b, []byte("\xFE\xFF")):
		e = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case bytes.Equal(b, []byte("<\x00?\x00")):
		e = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case bytes.Equal(b, []byte("\x00<\x00?")):
		e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	default:
		return br, false
	}
	return e.NewDecoder().Reader(br), true
}

func charsetReader(label string, input io.Reader, utf16 bool) (io.Reader, error) {
	l := strings.ToLower(strings.TrimSpace(label))
	if strings.HasPrefix(l, "utf-16") || l == "utf16" || l == "ucs-2" {
		if utf16 {
			return input, nil // decodeBOM has made it UTF-8 already
		}
		return nil, fmt.Errorf("%w: the prolog declares %s but the file has no UTF-16 byte-order mark", ErrEncoding, label)
	}
	if l == "utf8" {
		return input, nil
	}
	e, err := ianaindex.IANA.Encoding(l)
	if err != nil || e == nil {
		e, err = htmlindex.Get(l)
	}
	if err != nil || e == nil {
		return nil, fmt.Errorf("%w %q", ErrEncoding, label)
	}
	return e.NewDecoder().Reader(input), nil
}
