package glossary

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLookupDeprecatedTerm: a lookup that lands on a deprecated term says
// so, with the terms to use (issue 12: "convict — deprecated for
// veroordelen; use condemn").
func TestLookupDeprecatedTerm(t *testing.T) {
	tb := NewTermbase(nil)
	tb.Put(mustCurated(t)...)
	tests := []struct {
		q, lang string
		concept string
		status  Status
		use     []string
		advice  string
	}{
		{"convict", "en", "veroordelen", Deprecated, []string{"condemn"}, "convict — deprecated for veroordelen; use condemn"},
		{"Holland", "en", "nederland", Deprecated, []string{"the Netherlands"}, "Holland — deprecated for Nederland; use the Netherlands"},
		{"Minister of Security and Justice", "en", "minister-justitie-veiligheid", Superseded, []string{"Minister of Justice and Security"},
			"Minister of Security and Justice — superseded for Minister van Justitie en Veiligheid; use Minister of Justice and Security"},
		{"condemn", "en", "veroordelen", Preferred, nil, ""},
		{"veroordelen", "nl", "veroordelen", Preferred, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := tb.Lookup(LookupRequest{Q: tt.q, Lang: tt.lang, Mode: ModeExact})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Concepts) == 0 || res.Concepts[0].ID != tt.concept {
				t.Fatalf("Lookup(%q) = %+v, want concept %s first", tt.q, res.Concepts, tt.concept)
			}
			m := res.Concepts[0]
			if m.TermStatus != tt.status || m.TermLang != tt.lang {
				t.Errorf("term status %q lang %q, want %q %q", m.TermStatus, m.TermLang, tt.status, tt.lang)
			}
			if diff := cmp.Diff(tt.use, m.Use); diff != "" {
				t.Errorf("Use (-want +got):\n%s", diff)
			}
			if got := m.Advice(); got != tt.advice {
				t.Errorf("Advice() = %q, want %q", got, tt.advice)
			}
		})
	}
}

// TestTermsWithStatus: the deprecated filter lists the deprecated terms
// themselves, each with what to use, and none of the concepts' other
// terms.
func TestTermsWithStatus(t *testing.T) {
	cs := mustCurated(t)
	tb := NewTermbase(nil)
	tb.Put(cs...)
	want := 0
	for _, c := range cs {
		for _, tm := range c.Terms {
			if tm.Status == Deprecated {
				want++
			}
		}
	}
	got := tb.TermsWithStatus(Deprecated, "")
	if len(got) != want || want == 0 {
		t.Fatalf("%d deprecated terms listed, the glossary has %d", len(got), want)
	}
	found := false
	for _, e := range got {
		if e.Term.Status != Deprecated {
			t.Errorf("%s: %q has status %q", e.Concept, e.Term.Text, e.Term.Status)
		}
		for _, u := range e.Use {
			if u.Lang != e.Term.Lang || u.Status == Deprecated || u.Status == Superseded {
				t.Errorf("%s: use %+v instead of %q", e.Concept, u, e.Term.Text)
			}
		}
		if e.Term.Text == "convict" {
			found = true
			if e.Head != "veroordelen" || len(e.Use) != 1 || e.Use[0].Text != "condemn" {
				t.Errorf("convict: %+v", e)
			}
		}
	}
	if !found {
		t.Error("convict is not on the deprecated list")
	}
	if n := len(tb.TermsWithStatus(Deprecated, "user")); n != 0 {
		t.Errorf("%d deprecated terms in the empty collection user", n)
	}
}

// TestSuggestStatus: a suggestion carries its term's status and the
// concept's term in the other language ("staatsgreep → coup d'état").
func TestSuggestStatus(t *testing.T) {
	tb := NewTermbase(nil)
	tb.Put(mustCurated(t)...)
	for _, s := range tb.Suggest("staatsgr", 10) {
		if s.Text == "staatsgreep" {
			if s.Status != Preferred || s.Equivalent != "coup d'état" || s.EquivalentStatus != Preferred || s.Reliability == 0 {
				t.Errorf("suggestion %+v", s)
			}
			return
		}
	}
	t.Errorf("staatsgreep not suggested: %+v", tb.Suggest("staatsgr", 10))
}

// TestLookupStatusAsWritten: a lookup's status is read as a CSV or XLSX
// import reads one: the Dutch label of tolk's pages (afgeraden) or the
// status capitalised finds what the status finds; anything else is
// refused with the values it takes. Before, only the English status in
// lower case was taken ("afgeraden" was refused, naming four values).
func TestLookupStatusAsWritten(t *testing.T) {
	tb := NewTermbase(nil)
	tb.Put(mustCurated(t)...)
	ids := func(s Status) []string {
		t.Helper()
		res, err := tb.Lookup(LookupRequest{Status: s, Limit: MaxLimit})
		if err != nil {
			t.Fatalf("status %q: %v", s, err)
		}
		var out []string
		for _, m := range res.Concepts {
			out = append(out, m.ID)
		}
		return out
	}
	want := ids(Deprecated)
	if len(want) == 0 {
		t.Fatal("no concept with a deprecated term in the curated glossary")
	}
	for _, s := range []Status{"afgeraden", "Deprecated", " AFGERADEN "} {
		if diff := cmp.Diff(want, ids(s)); diff != "" {
			t.Errorf("status %q (-deprecated +got):\n%s", s, diff)
		}
	}
	_, err := tb.Lookup(LookupRequest{Status: "afgekeurd"})
	if err == nil || !strings.Contains(err.Error(), `status "afgekeurd" is not one of `+StatusChoices()) {
		t.Errorf("status afgekeurd: error %v, want one listing %s", err, StatusChoices())
	}
}

// TestNormalizeTermsStatus: a term's status sent as a person writes it
// (the API, the JSON import) is stored as the status; one no reading
// knows is left for Validate, whose error lists the values taken.
func TestNormalizeTermsStatus(t *testing.T) {
	c := Concept{Terms: []Term{{Lang: "nl", Text: "a", Status: "Voorkeursterm"}, {Lang: "nl", Text: "b", Status: "afgeraden"},
		{Lang: "en", Text: "c", Status: "Admitted"}, {Lang: "en", Text: "d", Status: "wrong"}}}
	c.NormalizeTerms()
	var got []Status
	for _, t := range c.Terms {
		got = append(got, t.Status)
	}
	if diff := cmp.Diff([]Status{Preferred, Deprecated, Admitted, "wrong"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), `"wrong" is not one of `+StatusChoices()) {
		t.Errorf("Validate: %v, want the status refused with the values taken", err)
	}
}
