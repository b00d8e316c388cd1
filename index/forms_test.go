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

// shortRootList stands in for the word list in the tests of separable
// verbs on a root of one syllable: it has tegengaan, toezien and opstaan
// and their separable participles, and voorzien, which is inseparable
// (voorzien, not voorgezien).
var shortRootList = map[string]bool{
	"tegengaan": true, "tegengegaan": true, "toezien": true, "toegezien": true, "opstaan": true, "opgestaan": true, "voorzien": true,
}

func shortRootListed(w string) bool { return shortRootList[w] }

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
		// A separable verb on a root of one syllable, which the word list
		// has with its separable participle; and one it has without.
		{"separable verb, short root", "nl", "verb", "tegengaan", "", []string{"tegen te gaan", "tegengegaan", "tegengaat", "gaat tegen", "ging tegen", "gingen tegen"}, []string{"gat tegen"}},
		{"separable verb, short root, phrase", "nl", "verb", "toezien op", "", []string{"toe te zien op", "toegezien op", "ziet toe op", "zag toe op"}, []string{"zit toe op"}},
		{"inseparable verb, short root", "nl", "verb", "voorzien", "", nil, []string{"voor te zien", "ziet voor", "zag voor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TermForms(tt.lang, tt.pos, tt.text, tt.plural, shortRootListed)
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
		if got := mainClauseForms(ws, nil); got != nil {
			t.Errorf("mainClauseForms(%q) = %q, want none", ws, got)
		}
	}
}

// TestSeparatedForms checks the forms a main clause puts apart: which
// terms have them, the finite verbs that lead, the rest, whether it ends
// the clause, and the bare stem.
func TestSeparatedForms(t *testing.T) {
	tests := []struct {
		text  string
		verbs []string // must be among Verbs
		not   []string // must not be
		bare  []string
		rest  string
		final bool
	}{
		{"oproepen tot", []string{"roept", "roep", "roepen", "riep", "riepen"}, []string{"roepte"}, []string{"roep"}, "op tot", false},
		{"steun uitspreken", []string{"spreekt", "sprak", "spraken"}, nil, []string{"spreek"}, "steun uit", true},
		{"het hoofd bieden", []string{"biedt", "bood"}, nil, []string{"bied"}, "het hoofd", true},
		{"doorgang vinden", []string{"vindt", "vinden", "vond"}, nil, []string{"vind"}, "doorgang", true},
		{"uitvoeren", []string{"voert", "voerde", "voerden"}, nil, []string{"voer"}, "uit", true},
		// A stem ending in t is the third person too: not bare; no zett.
		{"voortzetten", []string{"zet", "zette"}, []string{"zett"}, nil, "voort", true},
		// komen keeps its short vowel: kom, komt, not koom.
		{"terugkomen", []string{"kom", "komt", "kwam", "kwamen"}, []string{"koom", "koomt"}, []string{"kom"}, "terug", true},
		// A root of one syllable: its present as the root has it.
		{"tegengaan", []string{"gaat", "gaan", "ging", "gingen"}, []string{"gat", "gaa"}, []string{"ga"}, "tegen", true},
		{"toezien op", []string{"ziet", "zien", "zag", "zagen"}, []string{"zit"}, []string{"zie"}, "toe op", false},
		{"opstaan", []string{"staat", "stond", "stonden"}, nil, []string{"sta"}, "op", true},
		// The ge of geven is the root's: geeft, not geft (finiteForms).
		{"uitleg geven", []string{"geeft", "gaf", "gaven"}, []string{"gef", "geft"}, []string{"geef"}, "uitleg", true},
		{"opgeven", []string{"geeft", "gaf"}, []string{"geft"}, []string{"geef"}, "op", true},
	}
	for _, tt := range tests {
		fs := SeparatedForms("nl", "verb", tt.text, shortRootListed)
		if len(fs) != 1 {
			t.Errorf("SeparatedForms(%q) = %+v, want one", tt.text, fs)
			continue
		}
		f := fs[0]
		for _, v := range tt.verbs {
			if !slices.Contains(f.Verbs, v) {
				t.Errorf("%q: verbs %q lack %q", tt.text, f.Verbs, v)
			}
		}
		for _, v := range tt.not {
			if slices.Contains(f.Verbs, v) {
				t.Errorf("%q: verbs %q hold %q", tt.text, f.Verbs, v)
			}
		}
		if !slices.Equal(f.Bare, tt.bare) || f.Rest != tt.rest || f.Final != tt.final {
			t.Errorf("%q: bare %q rest %q final %v, want %q %q %v", tt.text, f.Bare, f.Rest, f.Final, tt.bare, tt.rest, tt.final)
		}
	}
	// None for: a verb without a particle that starts its term (its
	// other words follow it), a one-word verb without a particle, a
	// noun, another language or part of speech.
	// An English phrasal verb: the verb by key, at most three words between.
	if fs := SeparatedForms("en", "verb", "carry out", nil); len(fs) != 1 || !slices.Equal(fs[0].Verbs, []string{"carry"}) || fs[0].Rest != "out" || !fs[0].ByKey || fs[0].Max != 3 || fs[0].Final {
		t.Errorf("SeparatedForms(carry out) = %+v", fs)
	}
	// A verb and tot: found across the direct object, a few words on.
	if fs := SeparatedForms("nl", "verb", "veroordelen tot", nil); len(fs) != 1 || !slices.Contains(fs[0].Verbs, "veroordeelde") || fs[0].Rest != "tot" || fs[0].Max != 4 || fs[0].Final {
		t.Errorf("SeparatedForms(veroordelen tot) = %+v", fs)
	}
	for _, c := range [][3]string{{"nl", "verb", "zorgen voor"}, {"nl", "verb", "veroordelen"}, {"nl", "noun", "rechtsorde"}, {"en", "verb", "call for"}, {"en", "noun", "carry out"}, {"en", "verb", "carry out an audit"}, {"nl", "noun", "uitvoeren"},
		// voorzien is inseparable: the list has no voorgezien.
		{"nl", "verb", "voorzien"}} {
		if fs := SeparatedForms(c[0], c[1], c[2], shortRootListed); fs != nil {
			t.Errorf("SeparatedForms(%q) = %+v, want none", c, fs)
		}
	}
}
