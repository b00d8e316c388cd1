package glossary

import (
	"errors"
	"strings"
	"testing"
)

// TestValidateLengths: a term longer than MaxTermLen characters and prose
// longer than MaxTextLen are refused, naming the field and both lengths
// (issue 10, point 5: a one-word term of hundreds of kilobytes was stored,
// and keying it blocked the server and every later start). The limits
// count characters, not bytes: a term of MaxTermLen accented letters (two
// bytes each) passes.
func TestValidateLengths(t *testing.T) {
	base := func() Concept {
		return Concept{ID: "c", Collection: "mine", Terms: []Term{{Lang: "nl", Text: "staatsgreep"}, {Lang: "en", Text: "coup"}}}
	}
	long := strings.Repeat("a", 300_000) // the one-word term
	tests := []struct {
		name  string
		edit  func(*Concept)
		field string // "" when valid
		msg   string
	}{
		{"term of 300,000 letters", func(c *Concept) { c.Terms[0].Text = long }, "terms[0].text", "300000 characters, at most 500"},
		{"term one over", func(c *Concept) { c.Terms[1].Text = strings.Repeat("b", MaxTermLen+1) }, "terms[1].text", "501 characters"},
		{"term at the limit", func(c *Concept) { c.Terms[1].Text = strings.Repeat("b", MaxTermLen) }, "", ""},
		{"term at the limit, two-byte letters", func(c *Concept) { c.Terms[0].Text = strings.Repeat("ë", MaxTermLen) }, "", ""},
		{"term one over, two-byte letters", func(c *Concept) { c.Terms[0].Text = strings.Repeat("ë", MaxTermLen+1) }, "terms[0].text", "501 characters"},
		{"plural", func(c *Concept) { c.Terms[0].Plural = long }, "terms[0].plural", "at most 500"},
		{"collection", func(c *Concept) { c.Collection = long }, "collection", "at most 500"},
		{"subject", func(c *Concept) { c.Subject = long }, "subject", "at most 500"},
		{"note at the limit", func(c *Concept) { c.Note = strings.Repeat("n", MaxTextLen) }, "", ""},
		{"note", func(c *Concept) { c.Note = strings.Repeat("n", MaxTextLen+1) }, "note", "10001 characters, at most 10000"},
		{"source", func(c *Concept) { c.Source = long }, "source", "at most 10000"},
		{"definition", func(c *Concept) { c.Definition = map[string]string{"nl": "kort", "en": long} }, "definition.en", "at most 10000"},
		{"term note", func(c *Concept) { c.Terms[1].Note = long }, "terms[1].note", "at most 10000"},
		{"term context", func(c *Concept) { c.Terms[1].Context = long }, "terms[1].context", "at most 10000"},
		{"term source", func(c *Concept) { c.Terms[0].Source = long }, "terms[0].source", "at most 10000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base()
			tt.edit(&c)
			err := c.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v, want nil", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate: %v, want a *FieldError wrapping ErrInvalid", err)
			}
			if fe.Field != tt.field || !strings.Contains(fe.Msg, tt.msg) {
				t.Errorf("Validate: field %q, message %q; want field %q, message containing %q", fe.Field, fe.Msg, tt.field, tt.msg)
			}
			if len(err.Error()) > 200 {
				t.Errorf("the error quotes the text: %.200s…", err)
			}
		})
	}
}

func TestStatusRank(t *testing.T) {
	order := []Status{Preferred, Admitted, "", Deprecated, Superseded}
	for i := 1; i < len(order); i++ {
		if order[i-1].Rank() >= order[i].Rank() {
			t.Errorf("%q ranks %d, not before %q (%d)", order[i-1], order[i-1].Rank(), order[i], order[i].Rank())
		}
	}
}

// TestValidateReservedAndCollection: ids the API's paths give other
// meanings (export, suggest, ., ..) and collection names it cannot
// address (a/b, a space at an end) are refused naming the field; a
// collection with an inner space is fine.
func TestValidateReservedAndCollection(t *testing.T) {
	base := func() Concept { return Concept{ID: "x", Terms: []Term{{Lang: "nl", Text: "huis"}}} }
	for _, id := range []string{"export", "suggest", "import", "collections", ".", ".."} {
		c := base()
		c.ID = id
		var fe *FieldError
		if err := c.Validate(); !errors.As(err, &fe) || fe.Field != "id" {
			t.Errorf("id %q: %v, want an id error", id, err)
		}
	}
	for name, ok := range map[string]bool{"mine": true, "my list": true, "v1.2": true, "a/b": false, `a\b`: false, " x": false, "..": false, "a\tb": false} {
		c := base()
		c.Collection = name
		var fe *FieldError
		err := c.Validate()
		if ok != (err == nil) || !ok && (!errors.As(err, &fe) || fe.Field != "collection") {
			t.Errorf("collection %q: %v", name, err)
		}
	}
}

// TestValidateInvisibleCharacters: a term holding a bidirectional control
// or a zero-width character is refused, naming the field and the
// character: U+202E showed "staatsgreep" reversed, and a zero-width space
// made a term that looks right match nothing.
func TestValidateInvisibleCharacters(t *testing.T) {
	for _, tc := range []struct{ text, plural, field, char string }{
		{"staats\u202egreep", "", "terms[0].text", "U+202E"},
		{"staats\u200bgreep", "", "terms[0].text", "U+200B"},
		{"staatsgreep", "staats\u2066grepen", "terms[0].plural", "U+2066"},
	} {
		c := Concept{ID: "x", Collection: "mine", Terms: []Term{{Lang: "nl", Text: tc.text, Plural: tc.plural}}}
		err := c.Validate()
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.field) || !strings.Contains(err.Error(), tc.char) {
			t.Errorf("%q/%q: %v, want ErrInvalid naming %s and %s", tc.text, tc.plural, err, tc.field, tc.char)
		}
	}
	// In a note or a context the marks may belong to quoted text: kept.
	c := Concept{ID: "x", Collection: "mine", Terms: []Term{{Lang: "nl", Text: "wet", Note: "zie \u200f"}}}
	if err := c.Validate(); err != nil {
		t.Errorf("a mark in a note: %v", err)
	}
}
