package glossary

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The tests in this file keep the corrections of the glossary audit of
// issue 12 true: each checks a class of defect over the whole curated
// glossary, so that a new concept cannot bring the class back, and the
// named cases of the audit besides.

// TestCuratedOnePartOfSpeech: every term of a curated concept has a part
// of speech, and all of a concept's terms are of one word class (noun and
// proper noun count as one). A concept that mixes a verb and its action
// noun (opschorten, opschorting → suspend, suspension) exports wrong pairs
// to every flat format, which pairs each Dutch term with the concept's
// preferred English one.
func TestCuratedOnePartOfSpeech(t *testing.T) {
	for _, c := range mustCurated(t) {
		classes := map[string][]string{}
		for _, tm := range c.Terms {
			if tm.POS == "" {
				t.Errorf("concept %s: %s term %q has no part of speech", c.ID, tm.Lang, tm.Text)
				continue
			}
			k := WordClass(tm.POS)
			classes[k] = append(classes[k], tm.Lang+":"+tm.Text)
		}
		if len(classes) > 1 {
			t.Errorf("concept %s mixes parts of speech: %v", c.ID, classes)
		}
	}
}

// TestCuratedNoCollocationSynonyms: a term of a concept may not be a
// longer phrase that contains another term of the same concept and
// language (weerbaarheid, resilience beside "build resilience";
// transitie beside "inclusieve transitie"; COVID-19 beside
// COVID-19-maatregelen): the longer one is a collocation, another concept,
// and as a synonym it makes flat exports pair a word with a phrase.
// Allowed: the shorter term is the longer one's short form, or an acronym
// inside its full form or variant (MINUSMA in "VN-missie MINUSMA").
func TestCuratedNoCollocationSynonyms(t *testing.T) {
	for _, c := range mustCurated(t) {
		for _, short := range c.Terms {
			for _, long := range c.Terms {
				if short.Lang != long.Lang || short.Text == long.Text || !containsWords(long.Text, short.Text) {
					continue
				}
				if short.Type == ShortForm {
					continue
				}
				if (short.Type == Acronym || short.Type == Abbreviation) && (long.Type == FullForm || long.Type == Variant) {
					continue
				}
				t.Errorf("concept %s: %s term %q contains the term %q: a collocation is a concept of its own (or mark the shorter a shortForm)",
					c.ID, long.Lang, long.Text, short.Text)
			}
		}
	}
}

// TestCuratedDutchTermOneConcept: a Dutch term is preferred or admitted
// in one concept only, unless the concepts differ in part of speech
// (militair the noun, militair the adjective). Two concepts claiming
// rechtsorde leave the annotation to the order of the file, and an
// English query lands on the other concept's phrases.
func TestCuratedDutchTermOneConcept(t *testing.T) {
	owner := map[string]string{}
	for _, c := range mustCurated(t) {
		for _, tm := range c.TermsIn("nl") {
			if tm.Status == Deprecated || tm.Status == Superseded {
				continue
			}
			k := Fold(tm.Text) + "\x00" + WordClass(tm.POS)
			if other, ok := owner[k]; ok && other != c.ID {
				t.Errorf("Dutch %s %q is a term of both %s and %s", tm.POS, tm.Text, other, c.ID)
			}
			owner[k] = c.ID
		}
	}
}

// TestCuratedAudit checks the single defects the audit named.
func TestCuratedAudit(t *testing.T) {
	cs := mustCurated(t)
	byID := map[string]Concept{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	// conceptsWith returns the ids of the concepts with a term lang:text
	// (folded) of any status.
	conceptsWith := func(lang, text string) []string {
		var ids []string
		for _, c := range cs {
			for _, tm := range c.TermsIn(lang) {
				if Fold(tm.Text) == Fold(text) {
					ids = append(ids, c.ID)
					break
				}
			}
		}
		return ids
	}
	term := func(id, lang, text string) (Term, bool) {
		c := byID[id]
		for _, tm := range c.TermsIn(lang) {
			if tm.Text == text {
				return tm, true
			}
		}
		return Term{}, false
	}
	tests := []struct {
		name  string
		check func() error
	}{
		{"militair has an adjective sense: military", func() error {
			for _, id := range conceptsWith("nl", "militair") {
				if tm, _ := term(id, "nl", "militair"); tm.POS == "adjective" {
					if en, ok := term(id, "en", "military"); ok && en.POS == "adjective" && en.Status == Preferred {
						return nil
					}
				}
			}
			return fmt.Errorf("no concept has the adjective militair → military (preferred): %v", conceptsWith("nl", "militair"))
		}},
		{"Nederlands the adjective is Dutch, Nederland the country", func() error {
			for _, id := range conceptsWith("nl", "Nederlands") {
				if en, ok := term(id, "en", "Dutch"); !ok || en.POS != "adjective" {
					return fmt.Errorf("concept %s: Nederlands without the adjective Dutch", id)
				}
			}
			for _, id := range conceptsWith("en", "the Netherlands") {
				for _, tm := range byID[id].Terms {
					if tm.POS == "adjective" {
						return fmt.Errorf("concept %s: the Netherlands beside the adjective %q", id, tm.Text)
					}
				}
			}
			return nil
		}},
		{"capaciteitsopbouw: its terms name what its definition defines", func() error {
			c := byID["capaciteitsopbouw"]
			if _, ok := term(c.ID, "nl", "capaciteitsopbouw"); !ok {
				return fmt.Errorf("terms %v lack capaciteitsopbouw", c.Terms)
			}
			if _, ok := term(c.ID, "en", "capacity building"); !ok {
				return fmt.Errorf("terms %v lack capacity building", c.Terms)
			}
			for _, tm := range c.Terms {
				if strings.Contains(Fold(tm.Text), "missi") {
					return fmt.Errorf("the capacity-building mission %q is filed under capacity building", tm.Text)
				}
			}
			for _, id := range conceptsWith("nl", "capaciteitsopbouwmissie") {
				if !strings.Contains(strings.ToLower(byID[id].Definition["en"]), "mission") {
					return fmt.Errorf("concept %s: capaciteitsopbouwmissie defined as %q", id, byID[id].Definition["en"])
				}
			}
			return nil
		}},
		{"COVID-19 the disease is not a synonym of the measures", func() error {
			for _, id := range conceptsWith("en", "COVID-19 measures") {
				if slices.Contains(conceptsWith("en", "COVID-19"), id) || slices.Contains(conceptsWith("en", "coronavirus disease 2019"), id) {
					return fmt.Errorf("concept %s files the disease with the measures", id)
				}
			}
			return nil
		}},
		{"tot nader order is the usual form, not deprecated", func() error {
			tm, ok := term("tot-nader-order", "nl", "tot nader order")
			if !ok || tm.Status != Preferred {
				return fmt.Errorf("tot nader order: %+v", tm)
			}
			if tm, ok := term("tot-nader-order", "nl", "tot nader orde"); ok && (tm.Status == Deprecated || tm.Status == Superseded) {
				return fmt.Errorf("tot nader orde (the letter's other form) is %s", tm.Status)
			}
			return nil
		}},
		{"gesprek is no negotiation", func() error {
			if ids := conceptsWith("nl", "gesprek"); slices.Contains(ids, "onderhandelingen") {
				return fmt.Errorf("onderhandelingen lists gesprek")
			}
			return nil
		}},
		{"activiteiten ontplooien is conduct activities, not deploy", func() error {
			ids := conceptsWith("nl", "activiteiten ontplooien")
			if len(ids) != 1 {
				return fmt.Errorf("activiteiten ontplooien in %v", ids)
			}
			c := byID[ids[0]]
			for _, tm := range c.TermsIn("en") {
				if strings.Contains(tm.Text, "deploy") {
					return fmt.Errorf("activiteiten ontplooien → %q", tm.Text)
				}
			}
			if _, ok := term(ids[0], "en", "conduct activities"); !ok {
				return fmt.Errorf("activiteiten ontplooien lacks conduct activities")
			}
			return nil
		}},
		{"ontplooiing in one concept", func() error {
			if ids := conceptsWith("nl", "ontplooiing"); len(ids) != 1 {
				return fmt.Errorf("ontplooiing in %v", ids)
			}
			return nil
		}},
		{"mensenrechten is stored as used, in the plural", func() error {
			nl, ok1 := term("mensenrechten", "nl", "mensenrechten")
			en, ok2 := term("mensenrechten", "en", "human rights")
			if !ok1 || !ok2 || nl.Status != Preferred || en.Status != Preferred {
				return fmt.Errorf("terms %v", byID["mensenrechten"].Terms)
			}
			return nil
		}},
		{"rule of law is filed with no legal-order phrase", func() error {
			for _, id := range conceptsWith("en", "rule of law") {
				c := byID[id]
				for _, tm := range c.TermsIn("nl") {
					if f := Fold(tm.Text); strings.Contains(f, "democratische") || strings.Contains(f, "constitutionele") || f == "rechtsorde" {
						return fmt.Errorf("concept %s: rule of law beside %q", id, tm.Text)
					}
				}
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.check(); err != nil {
				t.Error(err)
			}
		})
	}
}

func mustCurated(t *testing.T) []Concept {
	t.Helper()
	cs, err := Curated()
	if err != nil {
		t.Fatalf("Curated: %v", err)
	}
	return cs
}

// containsWords reports whether the words of short occur, in order and
// adjacent, among the words of long, which has more of them.
func containsWords(long, short string) bool {
	lw, sw := words(Fold(long)), words(Fold(short))
	if len(sw) == 0 || len(lw) <= len(sw) {
		return false
	}
	for i := 0; i+len(sw) <= len(lw); i++ {
		if slices.Equal(lw[i:i+len(sw)], sw) {
			return true
		}
	}
	return false
}
