package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary/exchange"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// Every request body is read through readBody, and every JSON body through
// readJSON, so that a body over its limit is always a 413 and JSON text
// that encoding/json would silently change (invalid UTF-8, lone UTF-16
// surrogates, both turned into U+FFFD) is refused instead of stored.

// readBody reads the whole request body, at most limit bytes. A longer
// body fails with the *http.MaxBytesError, which classify answers with
// 413; any other failure to read is the client's (400).
//
// A body sent with Content-Encoding: gzip is decompressed (its
// decompressed size counts against limit); another encoding is a 415
// that names it and says, in Accept-Encoding, which are read (RFC 9110,
// 15.5.16).
func readBody(c *gin.Context, limit int64) ([]byte, error) {
	body := io.Reader(http.MaxBytesReader(c.Writer, c.Request.Body, limit))
	switch enc := strings.ToLower(strings.TrimSpace(c.GetHeader("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		packed, err := io.ReadAll(body)
		if err != nil {
			return nil, readError(c, err)
		}
		return gunzipBody(packed, limit)
	default:
		c.Header("Accept-Encoding", "gzip")
		return nil, &apiError{http.StatusUnsupportedMediaType, "unsupported_encoding",
			fmt.Sprintf("Content-Encoding %q is not supported: send the body as it is, or gzip it with Content-Encoding: gzip", enc)}
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, readError(c, err)
	}
	return data, nil
}

// gunzipBody inflates a body sent with Content-Encoding: gzip, of at most
// limit bytes inflated, as exchange.Gunzip does a gzip-compressed file:
// once counting, into a small buffer, and once into a slice of the size
// counted. A body that inflates too far (a decompression bomb) is refused
// once the count passes limit, without the memory it would fill: the
// inflated body was read into memory up to the limit before the 413.
func gunzipBody(packed []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		return nil, errBadRequest("the body says Content-Encoding: gzip but is not gzip data: " + err.Error())
	}
	n, err := io.Copy(io.Discard, io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, errBadRequest("the gzip body is damaged: " + err.Error())
	}
	if n > limit {
		return nil, &http.MaxBytesError{Limit: limit}
	}
	if err := zr.Reset(bytes.NewReader(packed)); err != nil {
		return nil, errBadRequest("the body says Content-Encoding: gzip but is not gzip data: " + err.Error())
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(zr, data); err != nil {
		return nil, errBadRequest("the gzip body is damaged: " + err.Error())
	}
	return data, nil
}

// readFile reads a request body that is a file (a document, a term list,
// a translation memory), as readBody does. A body sent as a form
// (Content-Type application/x-www-form-urlencoded) is what both curl -d
// and curl --data-binary send unless told otherwise: the second sends the
// file as it is, the first drops its line breaks, so that a letter was
// stored as one paragraph and a CSV as one line. A form body is taken as
// the file when it has a line break, or when its first bytes say it is a
// binary file or markup (a PDF, a DOCX stored without compression,
// minified HTML: ingest.BinaryOrMarkup), whose line breaks carry nothing
// -d could drop; it is refused otherwise: a text file that -d flattened
// cannot be told from a one-line one, and the answer says how to send
// either.
func readFile(c *gin.Context, limit int64) ([]byte, error) {
	form := c.ContentType() == "application/x-www-form-urlencoded"
	data, err := readBody(c, limit)
	if err != nil || !form || len(data) == 0 || bytes.ContainsAny(data, "\n\r") || ingest.BinaryOrMarkup(data) {
		return data, err
	}
	return nil, &apiError{http.StatusUnsupportedMediaType, "unsupported_media_type",
		"the body came as a form (Content-Type application/x-www-form-urlencoded) without a single line break: " +
			"that is how curl -d sends a file, and it removes the file's line breaks. Send the file unchanged with curl --data-binary @FILE " +
			"(for a file of one line add -H 'Content-Type: application/octet-stream') or as multipart (curl -F file=@FILE)"}
}

// formFile reads the part "file" of a multipart upload of at most limit
// bytes: its file name and content. A body over the limit is the
// *http.MaxBytesError (413), a slow one the timeout, anything else a 400.
func formFile(c *gin.Context, limit int64) (string, []byte, error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	fh, err := c.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", nil, err
		}
		if te := bodyTimeout(c, err); te != nil {
			return "", nil, te
		}
		return "", nil, errBadRequest("multipart upload needs a 'file' field")
	}
	data, err := readPart(fh, limit)
	return fh.Filename, data, err
}

// jsonOptions say how strictly readJSON decodes.
type jsonOptions struct {
	// what the body must be, for messages: "a concept", `{"nl": …, "en": …}`.
	what string
	// strict refuses fields the target does not have, so that a misspelt
	// field is an error rather than silently lost.
	strict bool
}

// readJSON reads a JSON body of at most limit bytes into v, which must be
// a pointer. It refuses, with a 400 that says where: text that is not
// valid UTF-8, \u escapes that are lone surrogates, anything but exactly
// one JSON value, and values of the wrong kind. Messages name fields as
// a user writes them (terms[0].text) and JSON kinds, never Go types.
func readJSON(c *gin.Context, limit int64, v any, opt jsonOptions) error {
	data, err := readBody(c, limit)
	if err != nil {
		return err
	}
	return decodeJSON(data, v, opt)
}

// decodeJSON is readJSON once the body is read.
func decodeJSON(data []byte, v any, opt jsonOptions) error {
	if err := checkJSONText(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if opt.strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return jsonError(err, data, dec, opt.what)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errBadRequest(fmt.Sprintf("the JSON body goes on after its value ends, at byte %d", dec.InputOffset()))
	}
	return nil
}

// checkJSONText refuses JSON text (one value, or JSON lines) that
// encoding/json would change while decoding it (badText), saying where.
func checkJSONText(data []byte) error {
	at, ok := badText(data)
	if ok {
		return nil
	}
	line := 1 + bytes.Count(data[:at], []byte("\n"))
	msg := fmt.Sprintf("the JSON text is not valid UTF-8 at line %d, byte %d", line, at)
	if data[at] == '\\' {
		msg = fmt.Sprintf("the JSON text has a \\u escape at line %d, byte %d that is half of a UTF-16 surrogate pair, which is no character", line, at)
	}
	if f := fieldAt(data, at); f != "" {
		msg += " (in " + f + ")"
	}
	return errBadRequest(msg)
}

// jsonError turns a decoding error into a message for the client.
func jsonError(err error, data []byte, dec *json.Decoder, what string) error {
	if what == "" {
		what = "a JSON object"
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var ie *json.InvalidUnmarshalError
	switch {
	case errors.As(err, &ie):
		return fmt.Errorf("server: %w", err) // our mistake: a 500
	case errors.Is(err, io.EOF):
		return errBadRequest(fmt.Sprintf("the body is empty; it must be %s in JSON", what))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errBadRequest(fmt.Sprintf("the body must be %s in JSON, but it ends in the middle of a value (after %d bytes)", what, len(data)))
	case errors.As(err, &se):
		return errBadRequest(fmt.Sprintf("the body must be %s in JSON, but it is not valid JSON: %s at byte %d", what, strings.TrimPrefix(se.Error(), "json: "), se.Offset))
	case errors.As(err, &te):
		if te.Field == "" {
			return errBadRequest(fmt.Sprintf("the body must be %s in JSON, not %s", what, withArticle(te.Value)))
		}
		return errBadRequest(fmt.Sprintf("field %s must be %s, not %s (at byte %d)", te.Field, exchange.JSONKind(te.Type), withArticle(te.Value), te.Offset))
	}
	var pe *time.ParseError
	if errors.As(err, &pe) {
		// The decoder's offset is past the whole value by now: find the
		// time's text to name its field.
		at := bytes.Index(data, []byte(strconv.Quote(pe.Value)))
		field := ""
		if at >= 0 {
			field = fieldAt(data, at)
		}
		if field == "" {
			field = "a date"
		}
		return errBadRequest(fmt.Sprintf("%s must be a date and time in RFC 3339 form, such as 2026-12-06T10:00:00Z, not %q", field, pe.Value))
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if strings.HasPrefix(msg, "unknown field ") {
		return errBadRequest(fmt.Sprintf("%s (at byte %d); check its spelling", msg, dec.InputOffset()))
	}
	// An UnmarshalJSON method's own error: its message is meant for users.
	return errBadRequest("the JSON body is not accepted: " + msg)
}

// withArticle is encoding/json's name of a JSON value's kind ("string",
// "number 3", "array") with an article.
func withArticle(v string) string {
	switch {
	case v == "":
		return "this value"
	case strings.HasPrefix(v, "array"), strings.HasPrefix(v, "object"):
		return "an " + v
	case v == "bool":
		return "true or false"
	}
	return "a " + v
}

// badText finds the first byte of data that encoding/json would replace
// by U+FFFD: a byte that is not valid UTF-8 anywhere, or, inside a
// string, a \u escape of a lone UTF-16 surrogate. It returns its offset
// and false, or 0 and true when there is none.
func badText(data []byte) (int, bool) {
	if !utf8.Valid(data) {
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				return i, false
			}
			i += n
		}
	}
	inString := false
	for i := 0; i < len(data); i++ {
		b := data[i]
		if !inString {
			inString = b == '"'
			continue
		}
		switch b {
		case '"':
			inString = false
		case '\\':
			if i+1 >= len(data) || data[i+1] != 'u' {
				i++ // the escaped character
				continue
			}
			r, ok := hex4(data, i+2)
			if !ok || !utf16.IsSurrogate(r) {
				i += 1 // leave \uXXXX to the decoder, which refuses bad hex
				continue
			}
			if r >= 0xDC00 {
				return i, false // a low surrogate first
			}
			r2, ok := rune(0), false
			if i+7 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
				r2, ok = hex4(data, i+8)
			}
			if !ok || utf16.DecodeRune(r, r2) == utf8.RuneError {
				return i, false
			}
			i += 11 // both escapes
		}
	}
	return 0, true
}

// hex4 reads the four hex digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(data[i:i+4]), 16, 32)
	return rune(n), err == nil
}

// fieldAt names the JSON value that holds byte at of data, as a path like
// terms[0].text (or "the field name terms[0].te…" when the byte is in a
// name), or "" when it is in none or the JSON breaks off before it. It
// walks the tokens of data, which must be valid JSON up to at.
func fieldAt(data []byte, at int) string {
	type frame struct {
		object  bool
		key     string
		index   int
		wantKey bool
	}
	var stack []frame
	path := func() string {
		var b strings.Builder
		for _, f := range stack {
			if f.object {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(f.key)
			} else {
				fmt.Fprintf(&b, "[%d]", f.index)
			}
		}
		return b.String()
	}
	// next moves the innermost container past one value.
	next := func() {
		if len(stack) == 0 {
			return
		}
		top := &stack[len(stack)-1]
		if top.object {
			top.wantKey = true
		} else {
			top.index++
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		end := int(dec.InputOffset())
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{object: true, wantKey: true})
			case '[':
				stack = append(stack, frame{})
			default:
				stack = stack[:len(stack)-1]
				next()
			}
			continue
		case string:
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].wantKey {
				stack[n-1].key, stack[n-1].wantKey = t, false
				if end > at {
					return "the name of field " + path()
				}
				continue
			}
		}
		if end > at {
			if p := path(); p != "" {
				return "field " + p
			}
			return ""
		}
		next()
	}
}
