package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/omegat"
	"github.com/tolk-nl/tolk/glossary/table"
	"github.com/tolk-nl/tolk/glossary/tbx"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// apiLang is the language of the API's messages (classify): an interface
// in that language shows them as they are.
const apiLang = "en"

// refusal is a refused upload, import or edit as a page shows it: Text in
// the interface's language, and Detail, the API's English message, kept
// beside a translation that words the kind of problem but not every
// specific the message names (a PDF's page count, a CSV's column).
type refusal struct {
	Text        string
	Detail      string
	DetailLabel string // what the page calls Detail
	Status      int
}

// reason pairs an error the domain packages wrap with the label that
// words it: refuse_<key>. The list is closed by design: it is the
// packages' sentinel errors for bad input, each of which the API answers
// with a code of its own kind (bad_document, bad_request, cell_too_long);
// an error not listed falls back to the label of its API code.
var reasons = []struct {
	err error
	key string
}{
	{ingest.ErrEmpty, "empty"},
	{ingest.ErrTooLarge, "too_large"},
	{ingest.ErrBinary, "binary"},
	{ingest.ErrInvalidUTF8, "invalid_utf8"},
	{ingest.ErrUnsupported, "unsupported"},
	{ingest.ErrCorrupt, "corrupt"},
	{ingest.ErrEncrypted, "encrypted"},
	{ingest.ErrNoTextLayer, "no_text_layer"},
	{ingest.ErrGarbled, "garbled"},
	{ingest.ErrUnsafe, "unsafe"},
	{ingest.ErrMismatch, "mismatch"},
	{ingest.ErrMetadata, "metadata"},
	{tbx.ErrDTD, "dtd"},
	{tbx.ErrNotTBX, "not_tbx"},
	{tbx.ErrLanguage, "tbx_language"},
	{table.ErrHeader, "header"},
	{table.ErrCellTooLong, "cell_too_long"},
	{table.ErrCell, "cell"},
	{table.ErrTooLarge, "too_large"},
	{omegat.ErrLine, "line"},
	{errNoFormat, "no_format"},
}

// refuse words err, which refused what a form sent, for page p. An error
// that is no client's (a 5xx) is logged by the caller and shown as the
// interface's "internal error". A concept's broken rule is translated
// whole; any other problem is named by its kind, with the API's message
// as the detail.
func (p *page) refuse(err error) refusal {
	ae := classify(err)
	if ae == nil || ae.Status >= 500 && ae.Code != "disk_full" {
		return refusal{Text: p.T["error_internal"], Status: http.StatusInternalServerError}
	}
	r := refusal{Text: ae.Message, Status: ae.Status}
	var fe *glossary.FieldError
	if errors.As(err, &fe) && fe.Code != "" {
		r.Text = p.fieldText(fe, nil)
		if where := p.where(err); where != "" {
			r.Text = where + ": " + r.Text
		}
		if userMessage(fe.Error()) != ae.Message {
			// The message names more than the rule: the row or the
			// concept of an imported file.
			r.Detail, r.DetailLabel = ae.Message, p.T["refusal_detail"]
		}
		return r
	}
	if p.UI == apiLang {
		return r
	}
	key := "refuse_" + ae.Code
	for _, rs := range reasons {
		if errors.Is(err, rs.err) {
			key = "refuse_" + rs.key
			break
		}
	}
	text, ok := p.T[key]
	if !ok {
		text = p.T["refuse_other"]
	}
	if where := p.where(err); where != "" {
		text = where + ": " + text
	}
	r.Text, r.Detail, r.DetailLabel = text, ae.Message, p.T["refusal_detail"]
	return r
}

// fieldText words a concept's broken rule: the field, then the problem,
// in the interface's language. A term's field is named as the glossary
// numbers it (term 2's text); the edit form names its rows itself.
func (p *page) fieldText(fe *glossary.FieldError, termNo func(int) int) string {
	field := fe.Field
	if m := termField.FindStringSubmatch(fe.Field); m != nil {
		sub := m[2]
		if sub == "" {
			sub = "term"
		}
		n := 0
		fmt.Sscan(m[1], &n)
		field = fmt.Sprintf(p.T["field_of_term"], n+1, p.T.or("field_"+sub, sub))
	} else {
		base, lang, _ := strings.Cut(fe.Field, ".")
		field = p.T.or("field_"+base, base)
		if lang != "" {
			field += " (" + p.T.or("lang_name_"+lang, lang) + ")"
		}
	}
	return field + ": " + p.problemText(fe, termNo)
}

// problemText words a FieldError's problem without its field, through
// the interface's labels (its English ones too: they number terms as a
// person does). termNo turns the glossary's term index into the number
// the page shows; nil counts from 1.
func (p *page) problemText(fe *glossary.FieldError, termNo func(int) int) string {
	format, ok := p.T["problem_"+fe.Code]
	if !ok || fe.Code == "" {
		return fe.Msg
	}
	if termNo == nil {
		termNo = func(i int) int { return i + 1 }
	}
	args := fe.Args
	if fe.Code == glossary.ProblemDuplicate && len(args) > 0 {
		if j, ok := args[0].(int); ok {
			args = append([]any{termNo(j)}, args[1:]...)
		}
	}
	return fmt.Sprintf(format, args...)
}

// where says where in an imported file a problem is, when the error
// records it (a TBX document's line and element), in the interface's
// language; "" when it does not.
func (p *page) where(err error) string {
	var te *tbx.Error
	if !errors.As(err, &te) {
		return ""
	}
	var parts []string
	if te.Line > 0 {
		parts = append(parts, fmt.Sprintf(p.T["where_line"], te.Line))
	}
	if te.Element != "" {
		parts = append(parts, fmt.Sprintf(p.T["where_element"], te.Element))
	}
	return strings.Join(parts, ", ")
}

// String is the refusal as one line of text, the detail in brackets.
func (r refusal) String() string {
	if r.Detail == "" {
		return r.Text
	}
	return fmt.Sprintf("%s (%s: %s)", r.Text, r.DetailLabel, r.Detail)
}
