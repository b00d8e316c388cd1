package index

import (
	"slices"
	"testing"
)

func TestAdjectiveE(t *testing.T) {
	tests := []struct{ in, want string }{
		{"militair", "militaire"},
		{"Nederlands", "Nederlandse"},
		{"autonoom", "autonome"},
		{"bilateraal", "bilaterale"},
		{"operationeel", "operationele"},
		{"geweldloos", "geweldloze"},
		{"Malinees", "Malinese"},
		{"inclusief", "inclusieve"},
		{"civiel", "civiele"},
		{"West-Afrikaans", "West-Afrikaanse"},
		{"democratisch", "democratische"},
		{"houten", ""},
		{"rode", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := AdjectiveE(tt.in); got != tt.want {
				t.Errorf("AdjectiveE(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTermForms(t *testing.T) {
	tests := []struct {
		name                    string
		lang, pos, text, plural string
		want                    []string // must be among the forms
		not                     []string // must not be
	}{
		{"verb", "nl", "verb", "veroordelen", "", []string{"veroordeelde", "veroordeeld", "veroordeelden"}, []string{"veroordelen"}},
		{"separable verb", "nl", "verb", "opschorten", "", []string{"op te schorten", "opgeschort", "opschortte"}, nil},
		{"strong separable verb", "nl", "verb", "uitsluiten", "", []string{"uit te sluiten", "uitgesloten"}, nil},
		{"verb phrase, verb last", "nl", "verb", "het hoofd bieden", "", []string{"het hoofd geboden"}, nil},
		{"verb phrase, verb first", "nl", "verb", "oproepen tot", "", []string{"opgeroepen tot", "op te roepen tot"}, nil},
		{"main clause, separable verb", "nl", "verb", "aankondigen", "", []string{"kondigt aan", "kondigde aan", "kondigden aan", "kondigen aan"}, []string{"kondigt"}},
		{"main clause, strong separable verb", "nl", "verb", "oproepen tot", "", []string{"riep op tot", "riepen op tot", "roept op tot", "roep op tot", "roepen op tot"}, []string{"roepte op tot"}},
		{"main clause, verb last", "nl", "verb", "het hoofd bieden", "", []string{"biedt het hoofd", "bood het hoofd", "boden het hoofd"}, nil},
		{"main clause, verb last, separable", "nl", "verb", "een verklaring uitbrengen", "", []string{"bracht een verklaring uit", "brengt een verklaring uit"}, []string{"brengde een verklaring uit"}},
		{"adjective", "nl", "adjective", "Nederlands", "", []string{"Nederlandse"}, []string{"nederlandse"}},
		{"hyphenated adjective", "nl", "adjective", "civiel-geleid", "", []string{"civiel-geleide"}, nil},
		{"noun plural", "nl", "noun", "militair", "militairen", []string{"militairen"}, []string{"militaire"}},
		{"English noun plural", "en", "noun", "criterion", "criteria", []string{"criteria"}, nil},
		{"English verb: TermKey does it", "en", "verb", "condemn", "", nil, []string{"condemned"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TermForms(tt.lang, tt.pos, tt.text, tt.plural)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("TermForms(%q) = %q, lacks %q", tt.text, got, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("TermForms(%q) = %q, holds %q", tt.text, got, w)
				}
			}
		})
	}
}

// TestMainClauseForms checks what the main-clause forms leave out: a
// one-word verb without a particle (its finite forms are VerbForms'
// already), a phrase without a verb.
func TestMainClauseForms(t *testing.T) {
	for _, ws := range [][]string{{"veroordelen"}, {"ontplooien"}, {"rechtsorde"}, {"politieke", "gevangene"}} {
		if got := mainClauseForms(ws); got != nil {
			t.Errorf("mainClauseForms(%q) = %q, want none", ws, got)
		}
	}
}
