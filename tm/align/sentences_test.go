package align

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		lang string
		text string
		want []string
	}{
		{"empty", "nl", "", nil},
		{"blank only", "en", " \n\t\n", nil},
		{"two sentences", "en", "This is one. This is two.", []string{"This is one.", "This is two."}},
		{"question and exclamation", "en", "Is it? Yes! It is.", []string{"Is it?", "Yes!", "It is."}},
		{"lower case after full stop", "en", "the sum of 5 p. c. and more.", []string{"the sum of 5 p. c. and more."}},
		{"nl art. before number", "nl", "Zie art. 5 van de wet. Dat geldt ook.", []string{"Zie art. 5 van de wet.", "Dat geldt ook."}},
		{"nl nr. and blz.", "nl", "Stb. 1990, nr. 12, blz. 3. Dat is alles.", []string{"Stb. 1990, nr. 12, blz. 3.", "Dat is alles."}},
		{"nl o.a. d.w.z. bijv.", "nl", "Dit betreft o.a. Nederland, d.w.z. Europa, bijv. Amsterdam. Klaar.", []string{"Dit betreft o.a. Nederland, d.w.z. Europa, bijv. Amsterdam.", "Klaar."}},
		{"nl jo. mr. dr. prof.", "nl", "Artikel 3 jo. Artikel 4 geldt. Mr. Jansen en dr. Pietersen en prof. De Vries tekenen.", []string{"Artikel 3 jo. Artikel 4 geldt.", "Mr. Jansen en dr. Pietersen en prof. De Vries tekenen."}},
		{"nl m.b.t. i.v.m.", "nl", "Regels m.b.t. Schengen en i.v.m. Brexit gelden. Verder niets.", []string{"Regels m.b.t. Schengen en i.v.m. Brexit gelden.", "Verder niets."}},
		{"nl enz. and e.d. end a sentence", "nl", "Appels, peren enz. Daarna komt de rest e.d. Klaar.", []string{"Appels, peren enz.", "Daarna komt de rest e.d.", "Klaar."}},
		{"nl enz. inside a sentence", "nl", "Appels, peren enz. worden verkocht.", []string{"Appels, peren enz. worden verkocht."}},
		{"en Art. and No.", "en", "See Art. 5 and No. 12 of the list. Then stop.", []string{"See Art. 5 and No. 12 of the list.", "Then stop."}},
		{"en art at sentence end", "en", "This is modern art. The rest is not.", []string{"This is modern art.", "The rest is not."}},
		{"en e.g. i.e.", "en", "Some states, e.g. France, i.e. Paris, agree. Others do not.", []string{"Some states, e.g. France, i.e. Paris, agree.", "Others do not."}},
		{"en Mr. Dr.", "en", "Mr. Smith met Dr. Jones. They talked.", []string{"Mr. Smith met Dr. Jones.", "They talked."}},
		{"en etc. before capital", "en", "Apples, pears, etc. The rest followed.", []string{"Apples, pears, etc.", "The rest followed."}},
		{"en U.S. and Inc.", "en", "The U.S. Government and Acme Inc. signed it. Done.", []string{"The U.S. Government and Acme Inc. signed it.", "Done."}},
		{"en Inc. at sentence end", "en", "It was bought by Acme Inc. The price was high.", []string{"It was bought by Acme Inc.", "The price was high."}},
		{"numbers", "en", "The rate is 1.5 per cent under Article 3.2.1 of the Treaty. It rose in 1990. New rules followed.", []string{"The rate is 1.5 per cent under Article 3.2.1 of the Treaty.", "It rose in 1990.", "New rules followed."}},
		{"initials", "en", "It was signed by J.M. Smith and A. Jones. They agreed.", []string{"It was signed by J.M. Smith and A. Jones.", "They agreed."}},
		{"quote after full stop", "en", `He said "it is done." Then he left.`, []string{`He said "it is done."`, "Then he left."}},
		{"curly quotes", "nl", "Hij zei: „Het is klaar.” Daarna ging hij.", []string{"Hij zei: „Het is klaar.”", "Daarna ging hij."}},
		{"bracket after full stop", "en", "(See Article 5.) The Parties agree.", []string{"(See Article 5.)", "The Parties agree."}},
		{"full stop after bracket", "en", "They agree (Article 5). The rest follows.", []string{"They agree (Article 5).", "The rest follows."}},
		{"next sentence in quotes", "en", `It ended. "Good," he said.`, []string{"It ended.", `"Good," he said.`}},
		{"nl 's at sentence start", "nl", "Het regende. 's Avonds klaarde het op.", []string{"Het regende.", "'s Avonds klaarde het op."}},
		{"ellipsis", "en", "He waited... Then he left.", []string{"He waited...", "Then he left."}},
		{"blank line ends sentence", "en", "First paragraph without a stop\n\nSecond paragraph", []string{"First paragraph without a stop", "Second paragraph"}},
		{"single line break joins", "en", "A sentence that is\nwrapped over lines. Next.", []string{"A sentence that is wrapped over lines.", "Next."}},
		{"crlf", "en", "One.\r\n\r\nTwo.", []string{"One.", "Two."}},
		{"markdown heading", "en", "####Termination\n\nThis Agreement may be terminated.", []string{"####Termination", "This Agreement may be terminated."}},
		{"heading without blank line", "nl", "# Kop\nDe tekst volgt. Nog een zin.", []string{"# Kop", "De tekst volgt.", "Nog een zin."}},
		{"list markers a)", "nl", "De partijen:\na) de Staat;\nb) de Unie.", []string{"De partijen:", "a) de Staat;", "b) de Unie."}},
		{"list markers (i)", "en", "The terms:\n(i) the State;\n(ii) the Union.", []string{"The terms:", "(i) the State;", "(ii) the Union."}},
		{"numbered list 1.", "en", "1. The Parties shall cooperate. They shall meet.\n2. The Commission shall report.", []string{"1. The Parties shall cooperate.", "They shall meet.", "2. The Commission shall report."}},
		{"letter list a.", "nl", "a. De Staat. Dat is één.\nb. De Unie.", []string{"a. De Staat.", "Dat is één.", "b. De Unie."}},
		{"dash list", "en", "Items:\n- first item\n- second item", []string{"Items:", "- first item", "- second item"}},
		{"sub-numbered list", "nl", "2.1 Eerste lid.\n2.2 Tweede lid.", []string{"2.1 Eerste lid.", "2.2 Tweede lid."}},
		{"treaty items with hard breaks", "en", "For the purposes:  \n\n(a) the term “Convention” means the Convention;  \n\n(b) the term “Agreement” means this Agreement.", []string{"For the purposes:", "(a) the term “Convention” means the Convention;", "(b) the term “Agreement” means this Agreement."}},
		{"lone marker joins the next paragraph", "en", "1).\n\nThe authorities shall act.\n\n2).\n\nThey meet. Often.", []string{"1). The authorities shall act.", "2). They meet.", "Often."}},
		{"lone marker then list item", "nl", "6.\n\na. Niettegenstaande dit.\n\nb. Indien dat.", []string{"6. a. Niettegenstaande dit.", "b. Indien dat."}},
		{"lone marker at the end", "nl", "Tekst.\n\n7.", []string{"Tekst.", "7."}},
		{"lone marker before a heading", "nl", "3.\n####Kop", []string{"3.", "####Kop"}},
		{"markdown link", "en", "See the [Convention](../../verdrag/README.md). It applies.", []string{"See the [Convention](../../verdrag/README.md).", "It applies."}},
		{"whitespace collapsed", "en", "  Too   many\tspaces.   Here. ", []string{"Too many spaces.", "Here."}},
		{"unknown language uses both lists", "", "Zie art. 5 en e.g. France. Klaar.", []string{"Zie art. 5 en e.g. France.", "Klaar."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.text, tt.lang)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// checkSentences checks what holds for every input: no empty or padded
// sentence, and nothing but whitespace lost or added.
func checkSentences(t *testing.T, text, lang string) {
	t.Helper()
	got := Sentences(text, lang)
	for i, s := range got {
		if s == "" || strings.TrimSpace(s) != s {
			t.Fatalf("Sentences(%q)[%d] = %q: empty or padded", text, i, s)
		}
	}
	if want := strings.Join(strings.Fields(text), " "); strings.Join(got, " ") != want {
		t.Fatalf("Sentences(%q) joined = %q, want %q", text, strings.Join(got, " "), want)
	}
	spans := Spans(text, lang)
	if len(spans) != len(got) {
		t.Fatalf("Spans(%q): %d spans for %d sentences", text, len(spans), len(got))
	}
	for i, sp := range spans {
		if s := strings.Join(strings.Fields(text[sp[0]:sp[1]]), " "); s != got[i] {
			t.Fatalf("Spans(%q)[%d] = %q, want %q", text, i, s, got[i])
		}
	}
}

func TestSpans(t *testing.T) {
	text := "Sinds 18 april jl. over de staatsgreep.\n\nDe regering heeft o.a. de sancties  bijv. tegen\nde junta gesteund. Zie nr. 5."
	var got []string
	for _, sp := range Spans(text, "nl") {
		got = append(got, text[sp[0]:sp[1]])
	}
	want := []string{"Sinds 18 april jl. over de staatsgreep.", "De regering heeft o.a. de sancties  bijv. tegen\nde junta gesteund.", "Zie nr. 5."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Spans (-want +got):\n%s", diff)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"Zie art. 5 van de wet. Dat geldt ook.",
		"####Termination\n\nThis Agreement may be terminated. J.M. Smith signed.",
		"a) de Staat;\n(ii) the Union.\n1. The Parties... \"Yes!\" (See 3.2.1.)",
		"„Het is klaar.” 's Avonds…",
	} {
		f.Add(s, "nl")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		checkSentences(t, text, lang)
	})
}
