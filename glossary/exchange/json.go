package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
)

// writeJSON writes {"total": n, "concepts": […]}, the shape of the
// lookup API's answer.
func writeJSON(w io.Writer, cs []glossary.Concept) error {
	if cs == nil {
		cs = []glossary.Concept{}
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	v := struct {
		Total    int                `json:"total"`
		Concepts []glossary.Concept `json:"concepts"`
	}{len(cs), cs}
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	return bw.Flush()
}

// readJSON reads an array of concepts or an object {"concepts": […]}
// (a "total" beside it is ignored). Unknown fields are errors, so a
// misspelt field is not silently dropped. Errors name the line.
func readJSON(r io.Reader) ([]glossary.Concept, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	// line counts from the last offset asked for: offsets mostly grow,
	// and counting from the start each time made large imports quadratic.
	lastOff, lastLine := 0, 1
	line := func(off int64) int {
		o := min(int(off), len(data))
		if o < lastOff {
			lastOff, lastLine = 0, 1
		}
		lastLine += bytes.Count(data[lastOff:o], []byte("\n"))
		lastOff = o
		return lastLine
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return nil, fmt.Errorf("json: line %d: not valid UTF-8", line(int64(i)))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	fail := func(err error) error {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return fmt.Errorf("json: line %d: %v", line(se.Offset), err)
		case errors.As(err, &te):
			return fmt.Errorf("json: line %d: field %s: %s where %s belongs", line(te.Offset), te.Field, te.Value, JSONKind(te.Type))
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("json: line %d: unexpected end of input", line(int64(len(data))))
		}
		return fmt.Errorf("json: line %d: %v", line(dec.InputOffset()), err)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, fail(err)
	}
	out := []glossary.Concept{}
	// elements reads the concepts of an array whose '[' is consumed.
	elements := func() error {
		for dec.More() {
			// InputOffset is the end of the previous value: skip the comma.
			off := int(dec.InputOffset())
			for off < len(data) && bytes.IndexByte([]byte(" \t\r\n,"), data[off]) >= 0 {
				off++
			}
			start := line(int64(off))
			var c glossary.Concept
			if err := dec.Decode(&c); err != nil {
				return fail(err)
			}
			if err := c.Validate(); err != nil {
				return fmt.Errorf("json: concept %d at line %d: %w", len(out)+1, start, err)
			}
			out = append(out, c)
		}
		if _, err := dec.Token(); err != nil {
			return fail(err)
		}
		return nil
	}
	switch tok {
	case json.Delim('['):
		if err := elements(); err != nil {
			return nil, err
		}
	case json.Delim('{'):
		seen := false
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, fail(err)
			}
			switch k {
			case "concepts":
				if t, err := dec.Token(); err != nil {
					return nil, fail(err)
				} else if t != json.Delim('[') {
					return nil, fmt.Errorf("json: line %d: \"concepts\" must be an array", line(dec.InputOffset()))
				}
				if err := elements(); err != nil {
					return nil, err
				}
				seen = true
			case "total":
				var n int
				if err := dec.Decode(&n); err != nil {
					return nil, fail(err)
				}
			default:
				return nil, fmt.Errorf("json: line %d: unknown field %q; want {\"concepts\": […]}", line(dec.InputOffset()), k)
			}
		}
		if _, err := dec.Token(); err != nil {
			return nil, fail(err)
		}
		if !seen {
			return nil, errors.New(`json: no "concepts" field`)
		}
	default:
		return nil, fmt.Errorf("json: line %d: want an array of concepts or {\"concepts\": […]}", line(dec.InputOffset()))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("json: line %d: data after the end of the document", line(dec.InputOffset()))
	}
	return out, nil
}

// JSONKind names the JSON kind a Go type is decoded from: "a string", "an
// array", "a whole number", … — for messages to the people
// who write the JSON, who must not see Go type names such as []glossary.Term.
func JSONKind(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "another kind of value"
}
