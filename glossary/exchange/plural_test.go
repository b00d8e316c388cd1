package exchange

import (
	"fmt"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestOneLanguageMore: past maxWarnings the one-language concepts are
// counted in one warning, in the singular for one ("and 1 more concept",
// not "concepts").
func TestOneLanguageMore(t *testing.T) {
	for _, tt := range []struct {
		extra int
		want  string
	}{
		{1, "and 1 more concept in one of Dutch and English only"},
		{2, "and 2 more concepts in one of Dutch and English only"},
	} {
		var cs []glossary.Concept
		for i := range maxWarnings + tt.extra {
			cs = append(cs, glossary.Concept{ID: fmt.Sprint("c", i), Terms: []glossary.Term{{Lang: "nl", Text: fmt.Sprint("woord", i)}}})
		}
		ws := oneLanguage(cs, &glossary.Left{})
		if len(ws) != maxWarnings+1 || ws[maxWarnings].Message != tt.want {
			last := ""
			if len(ws) > 0 {
				last = ws[len(ws)-1].Message
			}
			t.Errorf("%d more: %d warnings, the last %q; want %d, the last %q", tt.extra, len(ws), last, maxWarnings+1, tt.want)
		}
	}
}
