package app

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// DocFilter restricts a search to the documents whose metadata match
// (ingest.Metadata): all set fields must hold. The zero value keeps all.
type DocFilter struct {
	Type    string // "kamerstuk", "brief", … (case-insensitive)
	Dossier string // "29521" or "29 521"
	// From and To bound the document's date, both included: YYYY-MM-DD,
	// YYYY-MM or YYYY. A document without a date is kept out when either
	// is set.
	From, To string
}

// IsZero reports whether f keeps every document.
func (f DocFilter) IsZero() bool { return f == DocFilter{} }

var partialDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// Check validates the filter's dates.
func (f DocFilter) Check() error {
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v == "" {
			continue
		}
		if !partialDate.MatchString(d.v) {
			return badInput(fmt.Errorf("%s %q: a date is YYYY-MM-DD, YYYY-MM or YYYY", d.name, d.v))
		}
		// The form is right; the month and day must exist (2020-13 and
		// 2020-02-31 found nothing, silently).
		if _, err := time.Parse("2006-01-02"[:len(d.v)], d.v); err != nil {
			return badInput(fmt.Errorf("%s %q: no such date", d.name, d.v))
		}
	}
	// A partial date stands for its whole year or month: compare as far
	// as both go (from 2021 to 2020-06 is refused, 2020-02-29 to 2020-02 not).
	if n := min(len(f.From), len(f.To)); n > 0 && f.From[:n] > f.To[:n] {
		return badInput(dateOrderError{f.From, f.To})
	}
	return nil
}

// ErrDateOrder is matched by Check's error for a range that ends before
// it begins: both dates are readable, their order is wrong.
var ErrDateOrder = errors.New("from is after to")

type dateOrderError struct{ from, to string }

func (e dateOrderError) Error() string {
	return fmt.Sprintf("from %q is after to %q: no date is in that range; swap them", e.from, e.to)
}

func (dateOrderError) Is(target error) bool { return target == ErrDateOrder }

// docsMatching returns the ids of the documents f keeps, nil when f is
// zero (no filter). It reads the summaries in memory only.
func (a *App) docsMatching(f DocFilter) []string {
	if f.IsZero() {
		return nil
	}
	typ := strings.ToLower(strings.TrimSpace(f.Type))
	dossier := strings.ReplaceAll(f.Dossier, " ", "")
	// A partial "to" date covers its whole year or month.
	to := f.To
	switch len(to) {
	case 4:
		to += "-12-31"
	case 7:
		to += "-31"
	}
	ids := []string{}
	a.mu.RLock()
	defer a.mu.RUnlock()
	for id, d := range a.infos {
		m := d.Meta
		switch {
		case typ != "" && (m == nil || strings.ToLower(m.Type) != typ),
			dossier != "" && (m == nil || m.DossierKey() != dossier),
			(f.From != "" || f.To != "") && (m == nil || m.Date == ""),
			f.From != "" && m.Date < f.From,
			to != "" && m.Date > to:
			continue
		}
		ids = append(ids, id)
	}
	return ids
}
