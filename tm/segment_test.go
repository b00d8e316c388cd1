package tm

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestValidate(t *testing.T) {
	ok := Segment{NL: "Dag", EN: "Day", Collection: "mali"}
	tests := []struct {
		name  string
		edit  func(s *Segment)
		field string // "" = valid
	}{
		{"valid", func(*Segment) {}, ""},
		{"no collection is fine", func(s *Segment) { s.Collection = "" }, ""},
		{"empty Dutch", func(s *Segment) { s.NL = " \t" }, "nl"},
		{"empty English", func(s *Segment) { s.EN = "" }, "en"},
		{"too long", func(s *Segment) { s.EN = strings.Repeat("x", MaxText+1) }, "en"},
		{"longest allowed", func(s *Segment) { s.EN = strings.Repeat("x", MaxText) }, ""},
		{"bad UTF-8", func(s *Segment) { s.NL = "a\xffb" }, "nl"},
		{"control character", func(s *Segment) { s.NL = "a\x01b" }, "nl"},
		{"bad collection", func(s *Segment) { s.Collection = "my tm" }, "collection"},
		{"long collection", func(s *Segment) { s.Collection = strings.Repeat("c", 65) }, "collection"},
		{"id with newline", func(s *Segment) { s.ID = "a\nb" }, "id"},
		{"long id", func(s *Segment) { s.ID = strings.Repeat("i", MaxID+1) }, "id"},
		{"prop without type", func(s *Segment) { s.Props = []Prop{{Value: "v"}} }, "props[0].type"},
		{"reserved prop", func(s *Segment) { s.Props = []Prop{{Type: PropCollection, Value: "v"}} }, "props[0].type"},
		{"prop language", func(s *Segment) { s.Props = []Prop{{Type: "t", Lang: "de"}} }, "props[0].lang"},
		{"note bad UTF-8", func(s *Segment) { s.Note = "\xc3" }, "note"},
		{"English variant", func(s *Segment) { s.ENLang = "en-GB" }, ""},
		{"variant not canonical", func(s *Segment) { s.ENLang = "EN-gb" }, "en_lang"},
		{"variant of another language", func(s *Segment) { s.NLLang = "de-DE" }, "nl_lang"},
		{"plain language as variant", func(s *Segment) { s.NLLang = "nl" }, "nl_lang"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			tt.edit(&s)
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v: want a *FieldError wrapping ErrInvalid", err)
			}
			if fe.Field != tt.field {
				t.Errorf("field %q, want %q (%v)", fe.Field, tt.field, err)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	s := Segment{
		ID: " 1 ", NL: "  De\tstaat\n\n greep ", EN: "coup", Collection: " c ", Note: " n\nm ", Props: []Prop{},
		Created: time.Date(2024, 1, 2, 3, 4, 5, 999, time.FixedZone("CET", 3600)),
	}
	s.Normalize()
	want := Segment{ID: "1", NL: "De staat greep", EN: "coup", Collection: "c", Note: "n\nm", Created: time.Date(2024, 1, 2, 2, 4, 5, 0, time.UTC)}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestCollapseSpace: runs of breaking white space (what line breaks,
// indentation and doubled spaces leave) become one space and go at either
// end; no-break and fixed-width spaces are kept where they are, so that
// "€\u00a05\u00a0mln" and "art.\u00a03" come back as they went in.
func TestCollapseSpace(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "a": "a", "a b": "a b", " a": "a", "a ": "a", "a  b": "a b", "a\nb": "a b", "één twee": "één twee",
		" \t\r\n\v\f": "", "a\r\n\tb": "a b", "a\u0085b\u2028c\u2029d": "a b c d", "\u2028a \n": "a",
		"€\u00a05\u00a0mln": "€\u00a05\u00a0mln", "art.\u00a03": "art.\u00a03", "10\u202f%": "10\u202f%",
		"1\u2007000": "1\u2007000", "a\u2060b": "a\u2060b", "1\u2009000": "1\u2009000", "a\u2003b": "a\u2003b",
		"\u00a0a\u00a0": "\u00a0a\u00a0", "a \u00a0 b": "a \u00a0 b", "a  \u00a0\n b": "a \u00a0 b",
		"\xffa  b": "\xffa b",
	} {
		if got := CollapseSpace(in); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVariant(t *testing.T) {
	for _, tt := range []struct{ code, lang, want string }{
		{"en-GB", "en", "en-GB"}, {"EN-gb", "en", "en-GB"}, {"en_US", "en", "en-US"}, {"nl-BE", "nl", "nl-BE"},
		{"NL-NL", "nl", "nl-NL"}, {"en", "en", ""}, {"EN", "en", ""}, {"nld", "nl", ""}, {"de-DE", "nl", ""},
		{"en-GB", "nl", ""}, {"*all*", "en", ""}, {"", "en", ""},
	} {
		if got := Variant(tt.code, tt.lang); got != tt.want {
			t.Errorf("Variant(%q, %q) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
}

func TestLang(t *testing.T) {
	for in, want := range map[string]string{
		"nl": "nl", "NL-NL": "nl", "nl-BE": "nl", "nl_NL": "nl", "nld": "nl", "EN-GB": "en", "en_US": "en", "eng": "en",
		"de-DE": "", "*all*": "", "": "", "enx": "",
	} {
		if got := Lang(in); got != want {
			t.Errorf("Lang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestContentID(t *testing.T) {
	a := Segment{NL: "a", EN: "b", Collection: "c"}
	b := a
	b.Source.Article = "1"
	if ContentID(a) != ContentID(a) || ContentID(a) == ContentID(b) {
		t.Errorf("ContentID: same segment must give the same id, another source another: %s %s", ContentID(a), ContentID(b))
	}
	s := a
	s.ID = ContentID(a)
	if err := s.Validate(); err != nil {
		t.Error(err)
	}
}

func TestPrepare(t *testing.T) {
	now := time.Date(2025, 5, 6, 7, 8, 9, 500, time.UTC)
	in := []Segment{
		{ID: "1", NL: "een", EN: "one"},
		{NL: " twee ", EN: "two", Collection: "other", Creator: "bob"},
		{ID: "1", NL: "één", EN: "one!"},
		{NL: "twee", EN: "two", Collection: "other"},
	}
	got, err := Prepare(in, "", "alice", now)
	if err != nil {
		t.Fatal(err)
	}
	at := now.Truncate(time.Second)
	two := Segment{NL: "twee", EN: "two", Collection: "other"}
	want := []Segment{
		{ID: "1", NL: "één", EN: "one!", Collection: DefaultCollection, Creator: "alice", Created: at},
		{ID: ContentID(two), NL: "twee", EN: "two", Collection: "other", Creator: "alice", Created: at},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if in[1].NL != " twee " {
		t.Errorf("Prepare changed its input: %q", in[1].NL)
	}
	_, err = Prepare([]Segment{{NL: "a", EN: "b"}, {NL: "a"}}, "c", "", now)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "segment 2") {
		t.Errorf("error %v: want segment 2 named, wrapping ErrInvalid", err)
	}
}

// TestPrepareLinear: many rows with one id cost no more than many rows
// with different ids (a quadratic merge would take seconds here).
func TestPrepareLinear(t *testing.T) {
	const n = 200_000
	segs := make([]Segment, n)
	for i := range segs {
		segs[i] = Segment{ID: "same", NL: "a", EN: "b"}
	}
	start := time.Now()
	got, err := Prepare(segs, "c", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d segments, want 1", len(got))
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("%d rows with one id took %v", n, d)
	}
}

// TestRepeats: a segment repeats an earlier one when Prepare would store
// both under one collection and id; Repeats counts exactly the segments
// Prepare merges away.
func TestRepeats(t *testing.T) {
	tests := []struct {
		name       string
		segs       []Segment
		collection string
		want       int
	}{
		{"none", []Segment{{NL: "a", EN: "b"}, {NL: "a", EN: "c"}, {NL: "a", EN: "b", Collection: "x"}}, "", 0},
		{"same texts", []Segment{{NL: "a", EN: "b"}, {NL: "a", EN: "b", Note: "later"}, {NL: "a", EN: "b"}}, "", 2},
		{"same texts once normalised", []Segment{{NL: "a  b", EN: "c"}, {NL: " a\nb", EN: "c "}}, "", 1},
		{"a no-break space is another text", []Segment{{NL: "art. 3", EN: "c"}, {NL: "art.\u00a03", EN: "c"}}, "", 0},
		{"another source", []Segment{{NL: "a", EN: "b"}, {NL: "a", EN: "b", Source: Source{Doc: "d"}}}, "", 0},
		{"same id, other texts", []Segment{{ID: "1", NL: "a", EN: "b"}, {ID: "1", NL: "c", EN: "d"}}, "", 1},
		{"empty collection is the default", []Segment{{NL: "a", EN: "b"}, {NL: "a", EN: "b", Collection: DefaultCollection}}, "", 1},
		{"empty collection is the one given", []Segment{{NL: "a", EN: "b"}, {NL: "a", EN: "b", Collection: "c"}}, "c", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Repeats(tt.segs, tt.collection); got != tt.want {
				t.Errorf("Repeats = %d, want %d", got, tt.want)
			}
			ready, err := Prepare(tt.segs, tt.collection, "", time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if merged := len(tt.segs) - len(ready); merged != tt.want {
				t.Errorf("Prepare merged %d segments, Repeats says %d", merged, tt.want)
			}
		})
	}
}
