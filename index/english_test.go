package index

import "testing"

func TestTermKeyEnglish(t *testing.T) {
	keys := []struct{ word, want string }{
		{"sanctions", "sanction"}, {"coups", "coup"}, {"prisoners", "prisoner"}, {"condemned", "condemn"},
		{"condemning", "condemn"}, {"condemns", "condemn"}, {"policies", "policy"}, {"Council’s", "council"},
		{"States'", "state"}, {"embargoes", "embargo"}, {"children", "child"}, {"crises", "crisis"},
		{"analysis", "analysis"}, {"status", "status"}, {"process", "process"}, {"news", "news"},
		{"United", "united"}, {"thing", "thing"}, {"bed", "bed"}, {"need", "need"}, {"exceed", "exceed"},
		{"café", "cafe"}, {"COVID-19", "covid-19"}, {"d'état", "d'etat"}, {"co-operating", "co-operat"},
		{"Member-States", "member-state"}, {"well-", "well-"}, {"-", "-"},
		// Too short or only a suffix: left alone, never a panic.
		{"s", "s"}, {"es", "es"}, {"ies", "ies"}, {"ed", "ed"}, {"ing", "ing"}, {"eed", "eed"}, {"ied", "ied"}, {"", ""},
	}
	for _, tt := range keys {
		t.Run(tt.word, func(t *testing.T) {
			if got := TermKey("en", tt.word); got != tt.want {
				t.Errorf("TermKey(en, %q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

// Inflected forms meet their base form; derivations and unrelated words
// that Porter's stemmer merges stay apart.
func TestTermKeyEnglishInflection(t *testing.T) {
	same := [][2]string{
		{"sanctions", "sanction"}, {"coups", "coup"}, {"prisoners", "prisoner"}, {"condemned", "condemn"},
		{"policies", "policy"}, {"parties", "party"}, {"processes", "process"}, {"taxes", "tax"},
		{"approaches", "approach"}, {"wishes", "wish"}, {"agreed", "agree"}, {"agreeing", "agree"},
		{"applied", "apply"}, {"applying", "apply"}, {"applies", "apply"}, {"required", "require"},
		{"requiring", "require"}, {"planned", "plan"}, {"planning", "plan"}, {"committed", "commit"},
		{"controlled", "control"}, {"hoped", "hope"}, {"rated", "rate"}, {"related", "relate"},
		{"organized", "organize"}, {"troubled", "trouble"}, {"issues", "issue"}, {"issued", "issue"},
		{"measures", "measure"}, {"measured", "measure"}, {"vetoes", "veto"}, {"women", "woman"},
		{"criteria", "criterion"}, {"indices", "index"}, {"larger", "large"}, {"greatest", "great"},
		{"earlier", "early"}, {"used", "use"}, {"uses", "use"}, {"using", "use"}, {"elections", "election"},
		{"operations", "operation"}, {"leaders", "leader"}, {"organisations", "organisation"},
		{"guaranteed", "guarantee"}, {"proceeds", "proceed"}, {"exceeded", "exceed"}, {"caches", "cache"},
		{"cases", "case"}, {"prizes", "prize"}, {"installed", "install"}, {"fulfilled", "fulfil"},
		{"travelled", "travel"}, {"passed", "pass"}, {"called", "call"}, {"shoes", "shoe"},
		{"established", "establish"}, {"implemented", "implement"}, {"imports", "import"}, {"activities", "activity"},
		{"rights", "right"}, {"nations", "nation"}, {"co-operated", "co-operate"}, {"forces", "force"}, {"ages", "age"}, {"aged", "age"},
	}
	for _, p := range same {
		if a, b := TermKey("en", p[0]), TermKey("en", p[1]); a != b {
			t.Errorf("TermKey(en, %q) = %q, TermKey(en, %q) = %q, want equal", p[0], a, p[1], b)
		}
	}
	apart := [][2]string{
		{"operations", "operational"}, {"operation", "operate"}, {"established", "establishment"},
		{"implementation", "implement"}, {"import", "importance"}, {"united", "unit"}, {"use", "us"},
		{"used", "us"}, {"news", "new"}, {"means", "mean"}, {"economics", "economic"}, {"according", "accord"},
		{"humane", "human"}, {"note", "not"}, {"rate", "rat"}, {"hope", "hop"}, {"plane", "plan"},
		{"state", "stat"}, {"arms", "arm"}, {"best", "good"}, {"assistance", "assist"},
		{"constitutional", "constitute"}, {"communication", "community"}, {"organization", "organ"},
		{"national", "nation"}, {"government", "govern"}, {"co-operate", "co-operation"}, {"responsible", "response"}, {"during", "dure"},
	}
	for _, p := range apart {
		if a, b := TermKey("en", p[0]), TermKey("en", p[1]); a == b {
			t.Errorf("TermKey(en, %q) = TermKey(en, %q) = %q, want different", p[0], p[1], a)
		}
	}
	// Since analysis 21 the index's English key is the same inflection key
	// (Porter, before, merged these derivations).
	for _, p := range append(same, apart...) {
		for _, w := range p {
			if Key("en", w) != TermKey("en", w) {
				t.Errorf("Key(en, %q) = %q, TermKey = %q, want equal", w, Key("en", w), TermKey("en", w))
			}
		}
	}
}

// TermKey is Key for Dutch and folds only for other languages.
func TestTermKeyOtherLanguages(t *testing.T) {
	for _, w := range []string{"sancties", "staatsgreep", "coupplegers", "Malinese", "kamerbrieven"} {
		if got, want := TermKey("nl", w), Key("nl", w); got != want {
			t.Errorf("TermKey(nl, %q) = %q, want Key(nl) = %q", w, got, want)
		}
	}
	if got := TermKey("fr", "Élections"); got != "elections" {
		t.Errorf("TermKey(fr, Élections) = %q, want the folded word", got)
	}
}

// TestUndoubleAfterVowel: the -ieel, -ueel and -iaal words meet their
// inflected forms (Snowball shortens the doubled vowel only after a
// consonant), and a doubled vowel after a consonant or at the end of a
// word is left to Snowball.
func TestUndoubleAfterVowel(t *testing.T) {
	for _, p := range [][2]string{
		{"financieel", "financiële"}, {"officieel", "officiële"}, {"materieel", "materiële"},
		{"actueel", "actuele"}, {"individueel", "individuele"}, {"provinciaal", "provinciale"},
		{"materiaal", "materialen"}, {"ideaal", "idealen"}, {"secretariaat", "secretariaten"},
		{"structureel", "structurele"}, {"subsidieer", "subsidiëren"},
	} {
		if a, b := Key("nl", p[0]), Key("nl", p[1]); a != b {
			t.Errorf("Key(nl, %q) = %q, Key(nl, %q) = %q, want equal", p[0], a, p[1], b)
		}
	}
	for _, p := range [][2]string{{"financieel", "financier"}, {"idee", "ide"}, {"sociaal", "sociëteit"}} {
		if a, b := Key("nl", p[0]), Key("nl", p[1]); a == b {
			t.Errorf("Key(nl, %q) = Key(nl, %q) = %q, want different", p[0], p[1], a)
		}
	}
}

// TestTermKeyDutchDerivations: glossary matching keeps a Dutch noun in
// -ing or -heid apart from the verb or adjective Snowball joins it to
// (belasting, tax, took belast, charged with), and its forms together;
// Key, which search uses, still joins them.
func TestTermKeyDutchDerivations(t *testing.T) {
	same := [][2]string{{"belasting", "belastingen"}, {"regeling", "regelingen"}, {"veiligheid", "veiligheden"}, {"belast", "belasten"}}
	for _, p := range same {
		if TermKey("nl", p[0]) != TermKey("nl", p[1]) {
			t.Errorf("TermKey(%s) %q != TermKey(%s) %q", p[0], TermKey("nl", p[0]), p[1], TermKey("nl", p[1]))
		}
	}
	apart := [][2]string{{"belasting", "belast"}, {"regeling", "regelen"}, {"veiligheid", "veilig"}, {"uitkering", "uitkeren"}}
	for _, p := range apart {
		if TermKey("nl", p[0]) == TermKey("nl", p[1]) {
			t.Errorf("TermKey(%s) == TermKey(%s): %q", p[0], p[1], TermKey("nl", p[0]))
		}
	}
}
