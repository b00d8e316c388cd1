package match

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// separatedForms is a test-local Options.Separated for the verbs of
// these tests, written out as index.SeparatedForms gives them.
func separatedForms(t glossary.Term) []Separated {
	switch t.Text {
	case "oproepen tot":
		return []Separated{{Verbs: []string{"roepen", "roep", "roept", "riep", "riepen"}, Bare: []string{"roep"}, Rest: "op tot"}}
	case "steun uitspreken":
		return []Separated{{Verbs: []string{"spreken", "spreek", "spreekt", "sprak", "spraken"}, Bare: []string{"spreek"}, Rest: "steun uit", Final: true}}
	case "uitvoeren":
		return []Separated{{Verbs: []string{"voeren", "voer", "voert", "voerde", "voerden"}, Bare: []string{"voer"}, Rest: "uit", Final: true}}
	case "aanhechten":
		return []Separated{{Verbs: []string{"hechten", "hecht", "hechtte", "hechtten"}, Rest: "aan", Final: true}}
	case "carry out":
		return []Separated{{Verbs: []string{"carry"}, Rest: "out", ByKey: true, Max: 3}}
	case "opmeten":
		return []Separated{{Verbs: []string{"meten", "meet", "meette", "meetten", "met"}, Bare: []string{"met"}, Rest: "op", Final: true}}
	}
	return nil
}

func separatedMatcher() *Matcher {
	return NewMatcher([]glossary.Concept{
		concept("oproepen-tot", "nl:oproepen tot", "en:call for"),
		concept("steun-uitspreken", "nl:steun uitspreken", "en:express support"),
		concept("steun", "nl:steun", "en:support"),
		concept("uitvoeren", "nl:uitvoeren", "en:implement", "en:carry out"),
		concept("aanhechten", "nl:aanhechten", "en:attach"),
		concept("opmeten", "nl:opmeten", "en:measure"),
		concept("junta", "nl:junta", "en:junta"),
	}, Options{Key: crudeKey, Separated: separatedForms})
}

// show renders annotations as concept[verb…text], or concept[text].
func show(text string, as []Annotation) string {
	var out []string
	for _, a := range as {
		if a.Text != text[a.Start:a.End] {
			return fmt.Sprintf("bad offsets %d:%d %q", a.Start, a.End, a.Text)
		}
		if a.Verb != nil {
			if a.Verb.Text != text[a.Verb.Start:a.Verb.End] || a.Verb.End >= a.Start {
				return fmt.Sprintf("bad verb %+v", *a.Verb)
			}
			out = append(out, a.Concept+"["+a.Verb.Text+"…"+a.Text+"]")
			continue
		}
		out = append(out, a.Concept+"["+a.Text+"]")
	}
	return strings.Join(out, " ")
}

func TestAnnotateSeparated(t *testing.T) {
	m := separatedMatcher()
	for _, c := range []struct{ text, want string }{
		// The verb and the rest apart, the words between annotated too.
		// Sorted by Start, which is the rest's.
		{"De EU roept de junta op tot een snelle transitie.", "junta[junta] oproepen-tot[roept…op tot]"},
		{"Daarom riepen zij de partijen op tot terughoudendheid.", "oproepen-tot[riepen…op tot]"},
		{"Nederland spreekt zijn steun uit voor de missie.", "steun-uitspreken[spreekt…steun uit]"},
		{"Nederland spreekt zijn steun uit.", "steun-uitspreken[spreekt…steun uit]"},
		{"De regering voert de maatregelen in 2021 uit.", "uitvoeren[voert…uit]"},
		// A hyphenated word is one word of the gap: eight words.
		{"Voert de organisatie naast de Wsnp-werkzaamheden ook andere activiteiten uit, dan", "uitvoeren[Voert…uit]"},
		// Contiguous forms are ordinary forms, not separated ones.
		{"Nederland spreekt steun uit.", "steun[steun]"},
		// Nine words between: too far.
		{"De regering voert de eerste noodzakelijke maatregelen in een ander nieuw dossier uit.", ""},
		// Another clause, punctuation or a paragraph between.
		{"De regering voert het beleid dat de missie uit", ""},
		{"De regering voert het beleid, de missie uit.", ""},
		{"De regering voert het beleid\n\nuit.", ""},
		// The particle followed by what cannot follow a clause's end: a
		// preposition's object.
		{"Frankrijk voert troepen uit Mali af.", ""},
		// A verb form after an article, preposition or te is no finite verb.
		{"Bij het voeren van de missie uit", ""},
		// A bare stem only beside ik or je, or opening a clause.
		{"Ik voer de opdracht uit.", "uitvoeren[voer…uit]"},
		{"Morgen voer ik de opdracht uit.", "uitvoeren[voer…uit]"},
		{"Voer de opdracht uit.", "uitvoeren[Voer…uit]"},
		{"Wij wijzen gemeenten daar met liefde op.", ""},
		// A particle that a pronoun before it in the clause strands.
		{"Daar hecht ik aan.", ""},
		{"Ik hecht er wel aan om dat te zeggen.", ""},
		{"Ik hecht de kaart aan.", "aanhechten[hecht…aan]"},
		// The verb's key alone does not lead: the verb as written does.
		{"De voeringen van de jas uit.", ""},
	} {
		if got := show(c.text, m.Annotate(c.text, "nl")); got != c.want {
			t.Errorf("%q:\n got  %s\n want %s", c.text, got, c.want)
		}
	}
}

// A separated form's verb that another annotation covers is left out
// with its form, and an overlapping longer match at the rest wins.
func TestSeparatedOverlaps(t *testing.T) {
	m := NewMatcher([]glossary.Concept{
		concept("uitvoeren", "nl:uitvoeren", "en:implement", "en:carry out"),
		concept("voert-de", "nl:voert de", "en:x"),
		concept("uit-mali", "nl:uit Mali", "en:from Mali"),
	}, Options{Key: crudeKey, Separated: separatedForms})
	for _, c := range []struct{ text, want string }{
		{"Hij voert de missie uit.", "voert-de[voert de]"},
		{"Hij voert het plan uit Mali.", "uit-mali[uit Mali]"},
	} {
		if got := show(c.text, m.Annotate(c.text, "nl")); got != c.want {
			t.Errorf("%q:\n got  %s\n want %s", c.text, got, c.want)
		}
	}
}

// An English phrasal verb with its object between: the verb in any
// inflection (by key), at most Max words between.
func TestAnnotateSeparatedEnglish(t *testing.T) {
	m := NewMatcher([]glossary.Concept{concept("uitvoeren", "nl:uitvoeren", "en:carry out")}, Options{Key: crudeKey, Separated: separatedForms})
	for _, c := range []struct{ text, want string }{
		{"She carries it out.", "uitvoeren[carries…out]"}, // crudeKey: carries → carry
		{"They carry the new plan out.", "uitvoeren[carry…out]"},
		{"They carry out the plan.", "uitvoeren[carry out]"},
		{"They carry the bags of the ministry out.", ""}, // four words between
		{"They carry the plan that he drew out.", ""},    // another clause
	} {
		if got := show(c.text, m.Annotate(c.text, "en")); got != c.want {
			t.Errorf("%q:\n got  %s\n want %s", c.text, got, c.want)
		}
	}
}

// CheckAll lists a separated occurrence's verb among the Dutch spans.
func TestCheckSeparated(t *testing.T) {
	m := separatedMatcher()
	nl := "Nederland spreekt zijn steun uit voor de missie."
	cs := m.CheckAll(nl, "The Netherlands expresses its support for the mission.")
	for _, c := range cs {
		if c.Concept != "steun-uitspreken" {
			continue
		}
		var got []string
		for _, s := range c.NL {
			got = append(got, s.Text)
		}
		if strings.Join(got, "|") != "spreekt|steun uit" || c.Kind != KindMissing {
			t.Errorf("spans %q, kind %s", got, c.Kind)
		}
		return
	}
	t.Errorf("steun-uitspreken not checked: %+v", cs)
}

// CheckAll finds an English phrasal verb with its object between as the
// rendering, and lists both its parts among the English spans.
func TestCheckSeparatedEnglish(t *testing.T) {
	m := NewMatcher([]glossary.Concept{concept("uitvoeren", "nl:uitvoeren", "en:carry out")}, Options{Key: crudeKey, Separated: separatedForms})
	cs := m.CheckAll("De regering voert de maatregelen uit.", "The government carries them out.")
	if len(cs) != 1 || cs[0].Kind != KindPassed {
		t.Fatalf("%+v, want uitvoeren passed", cs)
	}
	var got []string
	for _, s := range cs[0].EN {
		got = append(got, s.Text)
	}
	if strings.Join(got, "|") != "carries|out" {
		t.Errorf("English spans %q, want carries|out", got)
	}
}
