package app

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestAnnotateSeparatedVerbs checks with the shipped glossary and the
// real verb forms that a verb term whose words a main clause puts apart
// is annotated with its verb (the Mali letter's own three, and others of
// the glossary), and that look-alikes are not.
func TestAnnotateSeparatedVerbs(t *testing.T) {
	a := openShipped(t)
	for _, c := range []struct{ text, concept, verb, rest string }{
		{"De Secretaris-Generaal van de Verenigde Naties riep al eerder op tot vrijlating van de politieke gevangenen.", "oproepen-tot", "riep", "op tot"},
		{"Enkele operationele activiteiten vinden in aangepaste vorm wel doorgang.", "doorgang-vinden", "vinden", "doorgang"},
		{"Het kabinet zet deze inspanningen in Mali voort, ook om verdere instabiliteit te voorkomen.", "voortzetten", "zet", "voort"},
		{"Nederland spreekt zijn steun uit voor de transitie.", "steun-uitspreken", "spreekt", "steun uit"},
		{"Reizigers nemen in de regio grote voorzichtigheid in acht.", "voorzichtigheid-in-acht-nemen", "nemen", "voorzichtigheid in acht"},
		{"De regering biedt de crisis het hoofd.", "het-hoofd-bieden", "biedt", "het hoofd"},
		{"De junta stelde de verkiezingen uit tot nader order.", "uitstellen", "stelde", "uit"},
		{"Het kabinet kondigde op 20 augustus nieuwe maatregelen aan.", "aankondigen", "kondigde", "aan"},
		// zeggen's second past, as the proceedings write it.
		{"De staatssecretaris zegde de Kamer een brief toe.", "toezeggen", "zegde", "toe"},
	} {
		found := false
		for _, an := range a.Annotate(c.text, "nl") {
			if an.Concept != c.concept {
				continue
			}
			found = true
			if an.Verb == nil || an.Verb.Text != c.verb || an.Text != c.rest {
				t.Errorf("%q: %s annotated as %q, verb %+v; want %q … %q", c.text, c.concept, an.Text, an.Verb, c.verb, c.rest)
			}
		}
		if !found {
			t.Errorf("%q: %s not annotated", c.text, c.concept)
		}
	}
	for _, c := range []struct{ text, concept string }{
		{"Frankrijk voert troepen uit Mali af.", "uitvoeren"},                               // uit is a preposition here
		{"Bij het stellen van zekerheid gaat de voorkeur uit naar een borg.", "uitstellen"}, // het stellen is a noun
		{"De minister stelt voor dat de Kamer de missie uit", "uitstellen"},                 // another clause begins
	} {
		for _, an := range a.Annotate(c.text, "nl") {
			if an.Concept == c.concept {
				t.Errorf("%q: %s annotated as %q, verb %+v", c.text, c.concept, an.Text, an.Verb)
			}
		}
	}
}

// TestCheckSeparatedVerbs checks the check with the shipped glossary: a
// Dutch verb apart in the source and an English phrasal verb with its
// object between in the translation pass (carried them out for voert …
// uit), with both parts among the spans.
func TestCheckSeparatedVerbs(t *testing.T) {
	a := openShipped(t)
	for _, c := range []struct{ nl, en, concept, nlSpans, enSpans string }{
		{"De regering voert de maatregelen uit.", "The government carried them out.", "uitvoeren", "voert|uit", "carried|out"},
		{"De EU bouwt de missie af.", "The EU is phasing it out.", "afbouwen", "bouwt|af", "phasing|out"},
	} {
		found := false
		for _, cc := range a.CheckAll(c.nl, c.en) {
			if cc.Concept != c.concept {
				continue
			}
			found = true
			var nl, en []string
			for _, s := range cc.NL {
				nl = append(nl, s.Text)
			}
			for _, s := range cc.EN {
				en = append(en, s.Text)
			}
			if cc.Kind != "passed" || strings.Join(nl, "|") != c.nlSpans || strings.Join(en, "|") != c.enSpans {
				t.Errorf("%q / %q: %s %s, spans %q / %q; want passed, %s / %s", c.nl, c.en, c.concept, cc.Kind, nl, en, c.nlSpans, c.enSpans)
			}
		}
		if !found {
			t.Errorf("%q: %s not checked", c.nl, c.concept)
		}
	}
}

// TestConcordanceSeparatedVerb checks a concept's concordance line for a
// verb term apart in its clause: the match runs from the verb to the
// rest, the words between included, and the contexts are around that.
func TestConcordanceSeparatedVerb(t *testing.T) {
	a := openShipped(t)
	lines, _, err := a.Concordance(context.Background(), ConcordanceRequest{Concept: "oproepen-tot"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, k := range lines {
		if k.Doc != "kamerbrief-mali-2020" || !strings.HasSuffix(k.Match, "op tot") || !strings.HasPrefix(k.Match, "riep al") {
			continue
		}
		found = true
		d, err := a.Document(k.Doc)
		if err != nil {
			t.Fatal(err)
		}
		if k.Match != "riep al eerder op tot" || d.Text[k.Start:k.End] != k.Match || !strings.HasSuffix(k.Left, "Verenigde Naties") || !strings.HasPrefix(k.Right, "vrijlating") {
			t.Errorf("line %+v", k)
		}
	}
	if !found {
		t.Errorf("no line for the letter's riep al eerder op tot: %+v", lines)
	}
}

// TestDocumentTermsSeparatedVerb checks the letter's term list: a verb
// term apart in its clause is listed as verb … rest among the forms.
func TestDocumentTermsSeparatedVerb(t *testing.T) {
	a := openShipped(t)
	uses, err := a.DocumentTerms("kamerbrief-mali-2020")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range uses {
		if u.Concept.ID == "doorgang-vinden" {
			if !slices.Contains(u.Forms, "vinden … doorgang") || !strings.Contains(u.First, "vinden in aangepaste vorm wel doorgang") {
				t.Errorf("doorgang vinden: forms %q, first context %q", u.Forms, u.First)
			}
			return
		}
	}
	t.Errorf("doorgang-vinden not in the letter's terms")
}

// TestAnnotateParticleVerb: a one-word verb term's form whose clause ends
// in a particle that makes another verb of it (levert … op: opleveren,
// yield) is not the term (leveren, supply); with the particle elsewhere,
// or none, it is.
func TestAnnotateParticleVerb(t *testing.T) {
	a := openShipped(t)
	for _, c := range []struct {
		text string
		want bool // annotated as leveren
	}{
		{"Daar levert de brexit wel banen op.", false},
		{"Het levert niets op, zegt de minister.", false},
		{"Nederland levert wapens aan Mali.", true},
		{"Wij leveren steun.", true},
		{"Nederland levert een bijdrage op het gebied van training.", true},
		// The particle must end the clause at punctuation, and the verb be
		// finite (a review of the survey over the circulars found these).
		{"De politie levert een bijdrage aan het toezicht op (enkel) vrijheidsbeperkingen.", true},
		{"Zij leveren vee als bedoeld in [artikel 3].", true},
		{"Wij leveren goederen in en naar een entrepot.", true},
		{"Het vee is geleverd aan: de afnemer.", true},
	} {
		got := false
		for _, an := range a.Annotate(c.text, "nl") {
			got = got || an.Concept == "leveren"
		}
		if got != c.want {
			t.Errorf("%q: annotated as leveren %v, want %v", c.text, got, c.want)
		}
	}
}
