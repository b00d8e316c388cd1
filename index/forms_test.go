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
