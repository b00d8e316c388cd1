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

// worded is an error a page words itself, in either interface language:
// the label key, formatted with args, says all the API's English message
// says ("Er is geen begrip %q." for `no concept "x"`), which the Dutch
// interface keeps beside it as the detail. An error whose message says
// more than its label could is left to its kind (refuse_<code>), so that
// the English interface shows the message. Its status and code are err's.
type worded struct {
	err  error
	key  string
	args []any
}

func (w *worded) Error() string { return w.err.Error() }
func (w *worded) Unwrap() error { return w.err }

// word has the page say err with the label key; nil stays nil.
func word(err error, key string, args ...any) error {
	if err == nil {
		return nil
	}
	return &worded{err, key, args}
}

// wordNotFound words err with key where it says that what the page
// asked for does not exist (a document, a concept); any other error
// (a timeout, a full disk) keeps the words of its kind.
func wordNotFound(err error, key string, args ...any) error {
	if ae := classify(err); ae != nil && ae.Code == "not_found" {
		return word(err, key, args...)
	}
	return err
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
	return p.explain(err, ae)
}

// explain words err, which classify made ae, in the interface's
// language: the page's own words where err is worded, a concept's broken
// rule translated whole, else the kind of problem. The API's English
// message is kept as the detail where the words are not its translation;
// the English interface shows that message as it is.
func (p *page) explain(err error, ae *apiError) refusal {
	r := refusal{Text: ae.Message, Status: ae.Status}
	var w *worded
	if errors.As(err, &w) {
		if format, ok := p.T[w.key]; ok {
			// The page's words, in English too; the API's message is
			// the detail where they are a translation.
			r.Text = fmt.Sprintf(format, w.args...)
			if p.UI != apiLang {
				r.Detail, r.DetailLabel = ae.Message, p.T["refusal_detail"]
			}
			return r
		}
	}
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
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		// A body over its limit (an upload, a pasted text): the limit
		// is the one specific the reader needs.
		text = fmt.Sprintf(p.T["refuse_body_too_large"], byteSize(mbe.Limit))
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
