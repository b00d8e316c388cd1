package index

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSegmentIndex(t *testing.T) {
	ctx := context.Background()
	x, err := NewSegmentIndex(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	segs := []Segment{
		{Key: "a", NL: "De staatsgreep in Mali heeft de transitie vertraagd.", EN: "The coup in Mali has delayed the transition.", Collection: "mali"},
		{Key: "b", NL: "Dit Verdrag treedt in werking op de eerste dag.", EN: "This Agreement shall enter into force on the first day.", Collection: "treaties"},
		{Key: "c", NL: "De verdragsluitende partijen werken samen.", EN: "The Contracting Parties shall cooperate.", Collection: "treaties"},
	}
	if err := x.Put(ctx, segs); err != nil {
		t.Fatal(err)
	}
	// Replacing a key keeps one segment.
	if err := x.Put(ctx, segs[:1]); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    SegmentQuery
		want []string
	}{
		{"Dutch, inflected", SegmentQuery{Q: "staatsgrepen", Lang: "nl"}, []string{"a"}},
		{"English, stemmed", SegmentQuery{Q: "delaying transitions", Lang: "en"}, []string{"a"}},
		{"English stop words only", SegmentQuery{Q: "the of", Lang: "en"}, []string{}},
		{"English word on the Dutch side finds nothing", SegmentQuery{Q: "coup", Lang: "nl"}, []string{}},
		{"both sides", SegmentQuery{Q: "agreement verdragsluitende"}, []string{"b", "c"}},
		{"collection filter", SegmentQuery{Q: "Mali cooperate", Collection: "treaties"}, []string{"c"}},
		{"more words rank first", SegmentQuery{Q: "contracting parties cooperate agreement", Lang: "en"}, []string{"c", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := x.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, h := range res.Hits {
				got = append(got, h.Key)
			}
			if tt.name == "both sides" {
				// order does not matter here
				if len(got) == 2 && got[0] == "c" {
					got[0], got[1] = got[1], got[0]
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if res.Total != len(tt.want) {
				t.Errorf("total %d, want %d", res.Total, len(tt.want))
			}
		})
	}
	var qe *QueryError
	if _, err := x.Search(ctx, SegmentQuery{Q: "x", Lang: "fr"}); !errors.As(err, &qe) {
		t.Errorf("lang fr: error %v, want a *QueryError", err)
	}
}
