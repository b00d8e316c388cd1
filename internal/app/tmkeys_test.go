package app

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

func TestNLGroupKey(t *testing.T) {
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ word, like string }{
		{"aangekondigd", "aankondigen"},
		{"aangekondigde", "aankondigen"},
		{"gesteld", "stellen"},
		{"gemaakt", "maken"},
		{"gevolgd", "volgen"},
		{"aankondigen", "aankondigen"},
		{"gebied", "gebied"},
		{"gemeente", "gemeente"},
		{"gedrag", "gedrag"},
		{"gezondheid", "gezondheid"},
		{"gebruikt", "gebruiken"},
		{"geleefd", "leven"},
	} {
		t.Run(tc.word, func(t *testing.T) {
			if diff := cmp.Diff(index.Key("nl", tc.like), nlGroupKey(lex, tc.word)); diff != "" {
				t.Errorf("nlGroupKey(%q) (-key of %q +got):\n%s", tc.word, tc.like, diff)
			}
		})
	}
}

func TestNLDerivation(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"aankondigen", "aankondiging"},
		{"adviseren", "adviserende"},
		{"bestuur", "bestuurlijke"},
		{"toepassen", "toepasbaar"},
	} {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if index.Key("nl", tc.a) == index.Key("nl", tc.b) && matchKey("nl", tc.a) == matchKey("nl", tc.b) {
				t.Errorf("%q and %q match: one key %q", tc.a, tc.b, matchKey("nl", tc.a))
			}
		})
	}
	for _, tc := range []struct{ a, b string }{
		{"aankondiging", "aankondigingen"},
		{"centraal", "centrale"},
		{"belang", "belangen"},
		{"overheid", "overheden"},
	} {
		t.Run(tc.a+"="+tc.b, func(t *testing.T) {
			if diff := cmp.Diff(matchKey("nl", tc.a), matchKey("nl", tc.b)); diff != "" {
				t.Errorf("(-%s +%s):\n%s", tc.a, tc.b, diff)
			}
		})
	}
}
