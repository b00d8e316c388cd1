package tbx

import (
	"fmt"
	"strings"
	"testing"
)

// TestCommaTermsMore: past maxCommaWarnings the comma terms are counted
// in one warning, in the singular for one ("and 1 more term", not
// "terms").
func TestCommaTermsMore(t *testing.T) {
	for _, tt := range []struct {
		extra int
		want  string
	}{
		{1, "and 1 more term with a comma"},
		{2, "and 2 more terms with a comma"},
	} {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?>` + "\n" + `<martif type="TBX" xml:lang="en"><text><body>` + "\n")
		for i := range maxCommaWarnings + tt.extra {
			fmt.Fprintf(&b, `<termEntry><langSet xml:lang="en"><tig><term>information %d</term></tig></langSet>`+
				`<langSet xml:lang="nl"><tig><term>info %d, informatie %d</term></tig></langSet></termEntry>`+"\n", i, i, i)
		}
		b.WriteString("</body></text></martif>")
		_, left, err := Read(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		ws := left.Warnings
		if len(ws) != maxCommaWarnings+1 || ws[len(ws)-1].Message != tt.want {
			last := ""
			if len(ws) > 0 {
				last = ws[len(ws)-1].Message
			}
			t.Errorf("%d more: %d warnings, the last %q; want %d, the last %q", tt.extra, len(ws), last, maxCommaWarnings+1, tt.want)
		}
	}
}
