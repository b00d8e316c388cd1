package glossary

import (
	"errors"
	"strings"
	"testing"
)

// TestValidateTermOneLine: a term's text or plural with a line break or a
// tab is refused naming the field (the API stored {"text":"a\nb"} as one
// term, which never matched a text).
func TestValidateTermOneLine(t *testing.T) {
	for _, tt := range []struct{ term Term }{
		{Term{Lang: "nl", Text: "meldplicht\nmeldingsplicht"}},
		{Term{Lang: "nl", Text: "meldplicht\r\nmeldingsplicht"}},
		{Term{Lang: "nl", Text: "meld\tplicht"}},
		{Term{Lang: "nl", Text: "meldplicht", Plural: "a\nb"}},
	} {
		c := Concept{Terms: []Term{{Lang: "en", Text: "duty to report"}, tt.term}}
		err := c.Validate()
		var fe *FieldError
		if !errors.As(err, &fe) || !strings.HasPrefix(fe.Field, "terms[1].") || !strings.Contains(fe.Msg, "a term is one line") {
			t.Errorf("%q: %v, want a FieldError on terms[1] saying a term is one line", tt.term.Text, err)
		}
	}
}
