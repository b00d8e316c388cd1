package server

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
)

func TestMatchReason(t *testing.T) {
	tests := []struct {
		name string
		m    app.Matched
		want string
	}{
		{"plural is inflection", app.Matched{Query: "staatsgrepen", Term: "staatsgreep", Concept: "staatsgreep", Via: "synonym"}, "inflection"},
		{"adjective form is inflection", app.Matched{Query: "militaire", Term: "militair", Concept: "militair", Via: "synonym"}, "inflection"},
		{"the word itself is exact", app.Matched{Query: "militaire", Term: "militaire", Concept: "militair", Via: "stem"}, "exact"},
		{"case only is fold", app.Matched{Query: "Mali", Term: "mali", Via: "stem"}, "fold"},
		{"a real synonym stays", app.Matched{Query: "staatsgrepen", Term: "coup", Concept: "staatsgreep", Via: "synonym"}, "synonym"},
		{"translation stays", app.Matched{Query: "sanctions", Term: "sancties", Concept: "sancties", Via: "glossary"}, "glossary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := matchReason(tt.m); got != tt.want {
				t.Errorf("matchReason(%+v) = %q, want %q", tt.m, got, tt.want)
			}
		})
	}
}

func TestQueryProblem(t *testing.T) {
	p := &page{T: labels{}}
	for _, k := range []string{"qerr_quote_open", "qerr_paren_open", "qerr_or", "qerr_other", "qerr_fuzzy"} {
		p.T[k] = k
	}
	p.T["qerr_other"] = "other: %s"
	tests := []struct {
		q    string
		want queryNote
	}{
		{`"staatsgreep Mali`, queryNote{Msg: "qerr_quote_open", At: `"staatsgreep`}},
		{`Mali (staatsgreep`, queryNote{Msg: "qerr_paren_open", At: `(staatsgreep`}},
		{`Mali OR`, queryNote{Msg: "qerr_or", At: `OR`}},
		{`coup~3`, queryNote{Msg: "qerr_fuzzy", At: `~3`}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			_, err := index.ParseQuery(tt.q)
			qe, ok := err.(*index.QueryError)
			if !ok {
				t.Fatalf("ParseQuery(%q) = %v, want a *index.QueryError", tt.q, err)
			}
			got := p.queryProblem(tt.q, qe)
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("queryProblem (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("unknown message", func(t *testing.T) {
		got := p.queryProblem("x", &index.QueryError{Pos: 9, Msg: "something new"})
		if diff := cmp.Diff(queryNote{Msg: "other: something new"}, *got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestQueryContext(t *testing.T) {
	tests := []struct {
		q    string
		pos  int
		want string
	}{
		{`"abc def`, 0, `"abc`},
		{`a "bc`, 2, `"bc`},
		{`één "twee`, 1, `één`}, // inside a character: back to its start
		{`abc`, 3, ``},
		{"x aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 2, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := queryContext(tt.q, tt.pos); got != tt.want {
				t.Errorf("queryContext(%q, %d) = %q, want %q", tt.q, tt.pos, got, tt.want)
			}
		})
	}
}

func TestSplitNumber(t *testing.T) {
	tests := []struct{ in, num, rest string }{
		{"1. Recente ontwikkelingen", "1.", "Recente ontwikkelingen"},
		{"2.3 Gevolgen", "2.3", "Gevolgen"},
		{"De veiligheidsinzet", "", "De veiligheidsinzet"},
		{"2020 in het kort", "2020", "in het kort"},
		{"1.", "", "1."},
		{". Punt", "", ". Punt"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			num, rest := splitNumber(tt.in)
			if num != tt.num || rest != tt.rest {
				t.Errorf("splitNumber(%q) = %q, %q; want %q, %q", tt.in, num, rest, tt.num, tt.rest)
			}
		})
	}
}

func TestGroupHits(t *testing.T) {
	hits := []hitView{{Doc: "a", Title: "A", Paragraph: 1}, {Doc: "b", Title: "B", Paragraph: 2}, {Doc: "a", Title: "A", Paragraph: 3}}
	t.Run("one document dominates", func(t *testing.T) {
		got := groupHits(hits, []index.Facet{{Value: "a", Count: 8}, {Value: "b", Count: 2}}, 10)
		want := []hitGroup{
			{Title: "A", URL: "/documents/a", Count: 8, Hits: []hitView{hits[0], hits[2]}},
			{Title: "B", URL: "/documents/b", Count: 2, Hits: []hitView{hits[1]}},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("spread over documents", func(t *testing.T) {
		got := groupHits(hits, []index.Facet{{Value: "a", Count: 5}, {Value: "b", Count: 5}}, 10)
		if diff := cmp.Diff([]hitGroup{{Hits: hits}}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("too few to group", func(t *testing.T) {
		got := groupHits(hits[:1], []index.Facet{{Value: "a", Count: 3}}, 3)
		if len(got) != 1 || got[0].Title != "" {
			t.Errorf("3 hits grouped: %+v", got)
		}
	})
}
