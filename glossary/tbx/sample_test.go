package tbx

import (
	"time"

	"github.com/tolk-nl/tolk/glossary"
)

// sample uses every field of the model, and text that needs escaping.
func sample() []glossary.Concept {
	created := time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)
	return []glossary.Concept{
		{
			ID:          "staatsgreep",
			Collection:  glossary.CollectionCurated,
			Subject:     "politics",
			Definition:  map[string]string{"nl": "Onwettige, gewelddadige machtsovername.", "en": "A sudden, illegal seizure of power.", "fr": "Prise du pouvoir illégale."},
			Note:        "Plural: this free note looks like a label & has <markup>",
			Source:      "https://www.vandale.nl/",
			Reliability: 4,
			Created:     created,
			Modified:    created.Add(36*time.Hour + 123456789),
			CreatedBy:   "anneke",
			ModifiedBy:  "J. de Vries & <co>",
			Terms: []glossary.Term{
				{Lang: "nl", Text: "staatsgreep", Status: glossary.Preferred, Type: glossary.FullForm, POS: "noun", Article: "de", Plural: "staatsgrepen", Reliability: 4,
					Context: "Op 18 augustus 2020 vond in Mali een staatsgreep plaats.", Source: "Kamerbrief Mali 2020", Note: "Zie ook \"coup\".\nTweede regel."},
				{Lang: "nl", Text: "coup", Status: glossary.Admitted, Type: glossary.Variant, POS: "noun", Article: "de"},
				{Lang: "en", Text: "coup d'état", Status: glossary.Preferred, Type: glossary.FullForm, POS: "noun", Plural: "coups d'état"},
				{Lang: "en", Text: "coup", Status: glossary.Admitted, Type: glossary.ShortForm, Source: "Oxford"},
				{Lang: "en", Text: "putsch", Status: glossary.Deprecated, Note: "Note: starts with the escape label"},
			},
		},
		{
			ID:         "1-cnsp",
			Collection: "iate-extract",
			Subject:    "organisations",
			Terms: []glossary.Term{
				{Lang: "fr", Text: "Comité national pour le salut du peuple", Type: glossary.FullForm, POS: "properNoun"},
				{Lang: "nl", Text: "CNSP", Type: glossary.Acronym, POS: "properNoun", Status: glossary.Superseded},
				{Lang: "en", Text: "National Committee for the Salvation of the People", Type: glossary.FullForm, POS: "properNoun", Reliability: 2},
				{Lang: "de", Text: "Nationalkomitee zur Rettung des Volkes", Type: glossary.Phrase, POS: "other"},
			},
		},
		{
			ID:         "_rechtsorde",
			Collection: glossary.CollectionCurated,
			ModifiedBy: "joost", // a person without a date
			Definition: map[string]string{"en": "The system of rules a state enforces.\r\nWith a CRLF."},
			Terms: []glossary.Term{
				{Lang: "nl", Text: "rechtsorde", Article: "de", POS: "noun", Type: glossary.Abbreviation},
				{Lang: "en", Text: "rule of law", POS: "noun"},
				{Lang: "en", Text: "legal order", POS: "verb"},
				{Lang: "en", Text: "lawful", POS: "adjective"},
				{Lang: "en", Text: "lawfully", POS: "adverb"},
			},
		},
	}
}
