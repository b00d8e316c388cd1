package index

import (
	"slices"
	"testing"
)

func TestVerbForms(t *testing.T) {
	tests := []struct {
		inf  string
		want []string // must be among the forms
		not  []string // must not be
	}{
		{"veroordelen", []string{"veroordeel", "veroordeelt", "veroordeelde", "veroordeelden", "veroordeeld"}, []string{"geveroordeeld"}},
		{"schorsen", []string{"schors", "schorst", "schorste", "geschorst"}, nil},
		{"opschorten", []string{"opschort", "opgeschort", "opschortte"}, []string{"schort", "schortte"}},
		{"ontplooien", []string{"ontplooi", "ontplooit", "ontplooide", "ontplooid"}, []string{"geontplooid"}},
		{"bemiddelen", []string{"bemiddel", "bemiddelt", "bemiddelde", "bemiddeld"}, nil},
		{"zetten", []string{"zet", "zette", "gezet"}, nil},
		{"reizen", []string{"reis", "reisde", "gereisd"}, nil},
		{"steunen", []string{"steun", "steunt", "steunde", "gesteund"}, nil},
		{"praten", []string{"praat", "praatte", "gepraat"}, []string{"gepraatt"}},
		{"informeren", []string{"informeer", "geïnformeerd", "informeerde"}, nil},
		{"gevangennemen", []string{"gevangengenomen", "gevangennam"}, nil},
		{"uitsluiten", []string{"uitgesloten", "uitsloot"}, []string{"sloot", "sloten"}},
		{"samenwerken", []string{"samengewerkt", "samenwerkt"}, []string{"werk", "werkt"}},
		{"verkiezen", []string{"verkozen", "verkoos"}, []string{"vergekozen"}},
		{"ontbinden", []string{"ontbonden", "ontbond"}, nil},
		{"sluiten", []string{"gesloten", "sloten"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.inf, func(t *testing.T) {
			got := VerbForms(tt.inf)
			for _, w := range tt.want {
				// geïnformeerd is folded in the index; compare folded.
				if !slices.Contains(got, w) && !slices.Contains(got, Fold(w)) {
					t.Errorf("VerbForms(%q) = %q, lacks %q", tt.inf, got, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("VerbForms(%q) = %q, has %q", tt.inf, got, w)
				}
			}
		})
	}
	for _, w := range []string{"huis", "regering van", "EU-lid", "en"} {
		if got := VerbForms(w); got != nil {
			t.Errorf("VerbForms(%q) = %q, want nil", w, got)
		}
	}
}

func TestVerbOfNoun(t *testing.T) {
	for noun, want := range map[string]string{"veroordeling": "veroordelen", "schorsing": "schorsen", "ontplooiing": "ontplooien"} {
		if got, ok := VerbOfNoun(noun); !ok || got != want {
			t.Errorf("VerbOfNoun(%q) = %q, %v", noun, got, ok)
		}
	}
	for _, w := range []string{"ring", "koning", "staatsgreep"} {
		if _, ok := VerbOfNoun(w); ok {
			t.Errorf("VerbOfNoun(%q) = ok", w)
		}
	}
}
