package tm

import "testing"

func TestLanguage(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"Dutch sentence", "Dit Verdrag treedt in werking op de eerste dag van de tweede maand.", "nl"},
		{"English sentence", "This Agreement shall enter into force on the first day of the second month.", "en"},
		{"editorial note", "Treedt in werking op een nader te bepalen tijdstip", "nl"},
		{"Dutch title in English", "Income tax is levied under the Wet op de inkomstenbelasting 2001, which shall apply to the income of the residents.", "en"},
		{"Dutch title, few English words", "The Government Gazette publishes the Wet op de inkomstenbelasting.", ""},
		{"heading", "Definitions", ""},
		{"article number", "Artikel 3", ""},
		{"Dutch of is or", "regulation of overheidscontract", ""},
		{"mixed", "the Government en de Regering", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Language(tc.text); got != tc.want {
				t.Errorf("Language(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestLanguageMismatch(t *testing.T) {
	for _, tc := range []struct {
		name, nl, en, want string
	}{
		{"right", "De Regering van IJsland heeft het Verdrag ondertekend.", "The Government of Iceland has signed the Agreement.", ""},
		{"Dutch on both sides", "Treedt in werking op een nader te bepalen tijdstip", "Treedt in werking op een nader te bepalen tijdstip", "the English side is Dutch"},
		{"English on both sides", "For the International Bank for Reconstruction and Development:", "For the International Bank for Reconstruction and Development:", "the Dutch side is English"},
		{"swapped", "The Government of Iceland has signed the Agreement.", "De Regering van IJsland heeft het Verdrag ondertekend.", "the sides are swapped: the Dutch side is English and the English side Dutch"},
		{"short units pass", "Artikel 3", "Article 3", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := (Segment{NL: tc.nl, EN: tc.en}).LanguageMismatch(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
