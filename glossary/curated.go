package glossary

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// curatedJSON is the curated NL–EN glossary of the Mali letter, the
// default corpus. It is kept canonical (sorted by id, two-space indent,
// fields in struct order, no HTML escaping) so that a reviewer's diff
// shows only real edits; curated_test.go checks that. After editing the
// file by hand, re-canonicalise it with
//
//	go test ./glossary -run TestCuratedCanonical -update-curated
//
// It is a string, not a []byte, so that nothing can modify it.
//
//go:embed curated.json
var curatedJSON string

// CuratedSource names the text the curated glossary's contexts come from.
const CuratedSource = "Kamerbrief over de staatsgreep in Mali (2020)"

// Curated parses and validates the embedded curated glossary and returns
// a fresh copy of its concepts, sorted by id, each in CollectionCurated.
// Besides Concept.Validate, every curated concept must have an id unique
// in the glossary, at least one Dutch and one English term and an English
// definition. Every problem found is reported, each naming the concept id
// and the field; the errors match ErrInvalid.
func Curated() ([]Concept, error) {
	return parseCurated([]byte(curatedJSON))
}

// parseCurated is Curated on any bytes, so that tests and the fuzzer can
// feed it broken files.
func parseCurated(data []byte) ([]Concept, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	// A misspelt field name would otherwise be dropped without a word.
	dec.DisallowUnknownFields()
	var cs []Concept
	if err := dec.Decode(&cs); err != nil {
		return nil, fmt.Errorf("glossary: curated.json: %w", err)
	}
	if dec.More() {
		return nil, errors.New("glossary: curated.json: data after the top-level array")
	}
	var errs []error
	seen := make(map[string]int, len(cs))
	for i := range cs {
		c := &cs[i]
		c.Collection = CollectionCurated
		if err := validateCurated(c); err != nil {
			errs = append(errs, fmt.Errorf("glossary: curated.json: concept #%d: %w", i, err))
			continue
		}
		if j, dup := seen[c.ID]; dup {
			err := &FieldError{Concept: c.ID, Field: "id", Msg: fmt.Sprintf("duplicate of concept #%d", j)}
			errs = append(errs, fmt.Errorf("glossary: curated.json: concept #%d: %w", i, err))
			continue
		}
		seen[c.ID] = i
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// The file is kept sorted; sorting again keeps the contract true for
	// a hand-edited file before it is re-canonicalised.
	slices.SortFunc(cs, func(a, b Concept) int { return strings.Compare(a.ID, b.ID) })
	return cs, nil
}

// validateCurated adds to Concept.Validate the rules a shipped entry must
// keep: user lists may hold one-sided entries, the curated glossary may not.
func validateCurated(c *Concept) error {
	if err := c.Validate(); err != nil {
		return err
	}
	bad := func(field, msg string) error { return &FieldError{Concept: c.ID, Field: field, Msg: msg} }
	switch {
	case c.ID == "":
		return bad("id", "a curated concept needs an id")
	case len(c.TermsIn("nl")) == 0:
		return bad("terms", "no Dutch (nl) term")
	case len(c.TermsIn("en")) == 0:
		return bad("terms", "no English (en) term")
	case c.Definition["en"] == "":
		return bad("definition.en", "no English definition")
	}
	return nil
}
