package app

import (
	"context"
	"testing"
)

// TestConcordanceBridgesTwoFunctionWords: a translation whose aligned
// words stand two function words apart is one rendering: human rights is
// "Rechten van de Mens" in the treaties, which grouped as "Mens" and
// "Rechten" apart.
func TestConcordanceBridgesTwoFunctionWords(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	tsv := "nl\ten\n" +
		"De Voorzitter van het Europese Hof voor de Rechten van de Mens zit de rechtbank voor.\tThe President of the European Court of Human Rights shall preside over the tribunal.\n" +
		"De Griffier van het Europese Hof voor de Rechten van de Mens houdt het register bij.\tThe Registrar of the European Court of Human Rights shall keep the register.\n" +
		"Het Verdrag tot bescherming van de Rechten van de Mens is van toepassing.\tThe Convention for the Protection of Human Rights shall apply.\n"
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte(tsv), Collection: "hof", Who: "test"}); err != nil {
		t.Fatal(err)
	}
	if a.Lexicon() == nil {
		t.Skip("no lexicon: the word alignment needs one")
	}
	res, err := a.ConcordanceTM(ctx, TMConcordanceRequest{Q: "human rights", Lang: "en", Collection: "hof"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) == 0 || res.Groups[0].Text != "Rechten van de Mens" || res.Groups[0].Count != 3 {
		t.Errorf("groups %+v, want \"Rechten van de Mens\" for all three pairs", res.Groups)
	}
}
