package hunspell

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testAff is a small affix file in the OpenTaal dictionary's style: two
// compound flags, a linking -s- with a continuation flag, plurals with a
// condition, a prefix, a forbidden word and the ĳ conversion.
const testAff = `# test
SET UTF-8
FLAG long
FORBIDDENWORD Fw
COMPOUNDBEGIN Ca
COMPOUNDMIDDLE Cb
COMPOUNDEND Cc
ONLYINCOMPOUND Cx
OCONV 1
OCONV ĳ ij

SFX Ch Y 1
SFX Ch 0 s/CaCbCxCp .

SFX Zb Y 2
SFX Zb 0 en/CaCbCp [^eo]
SFX Zb 0 ën/CaCbCp [eo]

SFX Za Y 1
SFX Za 0 s .

SFX Yb Y 1
SFX Yb 0 je/Za [^m]

PFX Pa Y 1
PFX Pa 0 ge .

SFX CA Y 1
SFX CA 0 /CaCp
`

func TestForms(t *testing.T) {
	dic := "7\n" +
		"regering/ZbCcCh\n" + // a building block with a linking -s-
		"ploegleider/Za\n" + // a compound listed as an entry: no compound flag
		"huis/CaYb\n" +
		"idee/Zb\n" +
		"zet/Pa\n" +
		"fout/Fw\n" +
		"tĳd/CA\tpo:noun\n" +
		"en\\/of\n"
	forms, n, err := Forms(strings.NewReader(testAff), strings.NewReader(dic))
	if err != nil {
		t.Fatal(err)
	}
	if n != 8 {
		t.Errorf("entries = %d, want 8", n)
	}
	want := map[string]uint8{
		"regering":     Listed | Part,
		"regeringen":   Listed | Part,
		"regerings":    Part, // only inside compounds
		"ploegleider":  Listed,
		"ploegleiders": Listed,
		"huis":         Listed | Part,
		"huisje":       Listed | Part,
		"huisjes":      Listed | Part, // the second suffix, from the continuation flag
		"idee":         Listed,
		"ideeën":       Listed,
		"zet":          Listed,
		"gezet":        Listed,
		"fout":         0, // forbidden
		"tijd":         Listed | Part,
		"en/of":        Listed,
	}
	if diff := cmp.Diff(want, forms); diff != "" {
		t.Errorf("Forms (-want +got):\n%s", diff)
	}
}

func TestParseAffixesErrors(t *testing.T) {
	for _, tt := range []struct{ name, aff string }{
		{"short flags", "FLAG UTF-8\nSFX Za Y 1\nSFX Za 0 s .\n"},
		{"undeclared", "FLAG long\nSFX Za 0 s .\n"},
		{"unclosed class", "FLAG long\nSFX Za Y 1\nSFX Za 0 s [ab\n"},
		{"odd flags", "FLAG long\nSFX Za Y 1\nSFX Za 0 s/Cab .\n"},
		{"no flag", "FLAG long\nCOMPOUNDBEGIN\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseAffixes(strings.NewReader(tt.aff)); err == nil {
				t.Error("no error")
			}
		})
	}
}

func FuzzForms(f *testing.F) {
	f.Add(testAff, "2\nhuis/CaYb\nidee/Zb\n")
	f.Add("FLAG long\nPFX Pa Y 1\nPFX Pa 0 ge [^g]\n", "zet/Pa\n")
	f.Fuzz(func(t *testing.T, aff, dic string) {
		a, err := ParseAffixes(strings.NewReader(aff))
		if err != nil {
			return
		}
		_, _ = a.Expand(strings.NewReader(dic), func(w string, fl uint8) {
			if fl&^(Listed|Part) != 0 {
				t.Fatalf("form %q: unknown flags %b", w, fl)
			}
		})
	})
}
