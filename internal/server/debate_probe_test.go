package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/tolk-nl/tolk/glossary/omegat"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// debateProbe are queries written for the Tweede Kamer's sitting 70 of
// 2017-2018 (../shared/data/tk-handelingen-xml, the 14 agenda items)
// before any was run (session 15): English queries on the Brexit debate
// and on the care and housing debates, and Dutch queries of the letter's
// kinds (inflection, compounds, diacritics, typos). Each names the Dutch
// words a right passage holds; a first draft, judged by substring, some of
// whose targets the debates turned out not to use (customs formalities,
// transport sector, waiting lists, wheelchair, …: misses here). The
// glossary has none of these terms: English search as it meets a text
// nobody has curated.
var debateProbe = []evalQuery{
	{Q: "customs system", Lang: "en", Kind: "brexit", Rel: [][]string{{"douanesysteem"}}},
	{Q: "level playing field", Lang: "en", Kind: "brexit", Rel: [][]string{{"speelveld"}}},
	{Q: "trade agreement", Lang: "en", Kind: "brexit", Rel: [][]string{{"handelsverdrag", "handelsakkoord", "handelsovereenkomst"}}},
	{Q: "business climate", Lang: "en", Kind: "brexit", Rel: [][]string{{"vestigingsklimaat"}}},
	{Q: "fresh produce", Lang: "en", Kind: "brexit", Rel: [][]string{{"versproducten"}}},
	{Q: "employment", Lang: "en", Kind: "brexit", Rel: [][]string{{"werkgelegenheid"}}},
	{Q: "labour market", Lang: "en", Kind: "brexit", Rel: [][]string{{"arbeidsmarkt"}}},
	{Q: "customs officers", Lang: "en", Kind: "brexit", Rel: [][]string{{"douaniers"}}},
	{Q: "waiting times", Lang: "en", Kind: "brexit", Rel: [][]string{{"wachttijden"}}},
	{Q: "fisheries agreements", Lang: "en", Kind: "brexit", Rel: [][]string{{"visserijverdrag"}}},
	{Q: "worst-case scenario", Lang: "en", Kind: "brexit", Rel: [][]string{{"worstcasescenario"}}},
	{Q: "sovereignty", Lang: "en", Kind: "brexit", Rel: [][]string{{"soevereiniteit"}}},
	{Q: "Chamber of Commerce", Lang: "en", Kind: "brexit", Rel: [][]string{{"kamer van koophandel"}}},
	{Q: "bureaucracy", Lang: "en", Kind: "brexit", Rel: [][]string{{"bureaucratie"}}},
	{Q: "intellectual property", Lang: "en", Kind: "brexit", Rel: [][]string{{"intellectueel eigendom"}}},
	{Q: "action plan", Lang: "en", Kind: "brexit", Rel: [][]string{{"actieplan"}}},
	{Q: "small businesses", Lang: "en", Kind: "brexit", Rel: [][]string{{"kleinbedrijf", "mkb"}}},
	{Q: "investments", Lang: "en", Kind: "brexit", Rel: [][]string{{"investering"}}},
	{Q: "administrative burden", Lang: "en", Kind: "brexit", Rel: [][]string{{"administratieve last"}}},
	{Q: "packaging", Lang: "en", Kind: "brexit", Rel: [][]string{{"verpakking"}}},
	{Q: "universities", Lang: "en", Kind: "brexit", Rel: [][]string{{"universiteit"}}},
	{Q: "trade barriers", Lang: "en", Kind: "brexit", Rel: [][]string{{"handelsbelemmering", "belemmering"}}},
	{Q: "exporting companies", Lang: "en", Kind: "brexit", Rel: [][]string{{"exporterende bedrijven"}}},
	{Q: "negotiations", Lang: "en", Kind: "brexit", Rel: [][]string{{"onderhandeling"}}},
	{Q: "customs formalities", Lang: "en", Kind: "brexit", Rel: [][]string{{"douaneformaliteit"}}},
	{Q: "embassy", Lang: "en", Kind: "brexit", Rel: [][]string{{"ambassade"}}},
	{Q: "delays", Lang: "en", Kind: "brexit", Rel: [][]string{{"vertraging"}}},
	{Q: "transport sector", Lang: "en", Kind: "brexit", Rel: [][]string{{"transportsector"}}},
	{Q: "earthquake", Lang: "en", Kind: "brexit", Rel: nil},
	{Q: "nuclear weapons", Lang: "en", Kind: "brexit", Rel: nil},
	{Q: "long-term care", Lang: "en", Kind: "care", Rel: [][]string{{"langdurige zorg", "wlz"}}},
	{Q: "personal budget", Lang: "en", Kind: "care", Rel: [][]string{{"persoonsgebonden budget", "pgb"}}},
	{Q: "informal carers", Lang: "en", Kind: "care", Rel: [][]string{{"mantelzorger"}}},
	{Q: "care institution", Lang: "en", Kind: "care", Rel: [][]string{{"zorginstelling"}}},
	{Q: "mental health care", Lang: "en", Kind: "care", Rel: [][]string{{"ggz", "geestelijke gezondheidszorg"}}},
	{Q: "waiting lists", Lang: "en", Kind: "care", Rel: [][]string{{"wachtlijst"}}},
	{Q: "home care", Lang: "en", Kind: "care", Rel: [][]string{{"thuiszorg"}}},
	{Q: "nursing home", Lang: "en", Kind: "care", Rel: [][]string{{"verpleeghuis"}}},
	{Q: "social support", Lang: "en", Kind: "care", Rel: [][]string{{"maatschappelijke ondersteuning", "wmo"}}},
	{Q: "municipalities", Lang: "en", Kind: "care", Rel: [][]string{{"gemeente"}}},
	{Q: "housing corporation", Lang: "en", Kind: "care", Rel: [][]string{{"woningcorporatie"}}},
	{Q: "building regulations", Lang: "en", Kind: "care", Rel: [][]string{{"bouwregelgeving", "bouwregel"}}},
	{Q: "energy saving", Lang: "en", Kind: "care", Rel: [][]string{{"energiebesparing"}}},
	{Q: "supervisory board", Lang: "en", Kind: "care", Rel: [][]string{{"raad van toezicht"}}},
	{Q: "inspectorate", Lang: "en", Kind: "care", Rel: [][]string{{"inspectie"}}},
	{Q: "motions", Lang: "en", Kind: "care", Rel: [][]string{{"motie"}}},
	{Q: "votes", Lang: "en", Kind: "care", Rel: [][]string{{"stemming"}}},
	{Q: "tenants", Lang: "en", Kind: "care", Rel: [][]string{{"huurder"}}},
	{Q: "rent", Lang: "en", Kind: "care", Rel: [][]string{{"huur"}}},
	{Q: "sustainability", Lang: "en", Kind: "care", Rel: [][]string{{"duurzaam"}}},
	{Q: "insulation", Lang: "en", Kind: "care", Rel: [][]string{{"isolatie"}}},
	{Q: "construction sector", Lang: "en", Kind: "care", Rel: [][]string{{"bouwsector"}}},
	{Q: "patients", Lang: "en", Kind: "care", Rel: [][]string{{"patiënt", "cliënt"}}},
	{Q: "care providers", Lang: "en", Kind: "care", Rel: [][]string{{"zorgaanbieder"}}},
	{Q: "bankruptcy", Lang: "en", Kind: "care", Rel: [][]string{{"faillissement"}}},
	{Q: "administrator", Lang: "en", Kind: "care", Rel: [][]string{{"bewindvoerder"}}},
	{Q: "healthcare insurer", Lang: "en", Kind: "care", Rel: [][]string{{"zorgverzekeraar"}}},
	{Q: "elderly people", Lang: "en", Kind: "care", Rel: [][]string{{"ouderen"}}},
	{Q: "disabled people", Lang: "en", Kind: "care", Rel: [][]string{{"gehandicapt", "beperking"}}},
	{Q: "wheelchair", Lang: "en", Kind: "care", Rel: [][]string{{"rolstoel"}}},
	{Q: "douanesystemen", Lang: "nl", Kind: "dutch", Rel: [][]string{{"douanesysteem"}}},
	{Q: "brexitvoucher", Lang: "nl", Kind: "dutch", Rel: [][]string{{"brexitvoucher", "brexit-voucher"}}}, // one word, either spelling
	{Q: "voucher", Lang: "nl", Kind: "dutch", Rel: [][]string{{"voucher"}}},
	{Q: "versproduct", Lang: "nl", Kind: "dutch", Rel: [][]string{{"versproduct"}}},
	{Q: "visserij", Lang: "nl", Kind: "dutch", Rel: [][]string{{"visserij"}}},
	{Q: "verdragen", Lang: "nl", Kind: "dutch", Rel: [][]string{{"verdrag"}}},
	{Q: "handelsakkoorden", Lang: "nl", Kind: "dutch", Rel: [][]string{{"handelsakkoord"}}},
	{Q: "mkb", Lang: "nl", Kind: "dutch", Rel: [][]string{{"mkb"}}},
	{Q: "mkber", Lang: "nl", Kind: "dutch", Rel: [][]string{{"mkb'er"}}},
	{Q: "clienten", Lang: "nl", Kind: "dutch", Rel: [][]string{{"cliënt"}}},
	{Q: "ggz", Lang: "nl", Kind: "dutch", Rel: [][]string{{"ggz"}}},
	{Q: "geinteresseerde", Lang: "nl", Kind: "dutch", Rel: [][]string{{"geïnteresseerd"}}},
	{Q: "efficient", Lang: "nl", Kind: "dutch", Rel: [][]string{{"efficiënt"}}},
	{Q: "orienteren", Lang: "nl", Kind: "dutch", Rel: [][]string{{"oriënt"}}},
	{Q: "stappenteller", Lang: "nl", Kind: "dutch", Rel: [][]string{{"stappenteller"}}},
	{Q: "Paternote", Lang: "nl", Kind: "dutch", Rel: [][]string{{"paternotte"}}},
	{Q: "wachttijd", Lang: "nl", Kind: "dutch", Rel: [][]string{{"wachttijd"}}},
	{Q: "douanier", Lang: "nl", Kind: "dutch", Rel: [][]string{{"douanier"}}},
	{Q: "koophandel", Lang: "nl", Kind: "dutch", Rel: [][]string{{"koophandel"}}},
	{Q: "woningcorporaties", Lang: "nl", Kind: "dutch", Rel: [][]string{{"woningcorporatie"}}},
	{Q: "mantelzorger", Lang: "nl", Kind: "dutch", Rel: [][]string{{"mantelzorg"}}},
	{Q: "pgb", Lang: "nl", Kind: "dutch", Rel: [][]string{{"pgb"}}},
	{Q: "Britse", Lang: "nl", Kind: "dutch", Rel: [][]string{{"brits"}}},
	{Q: "Verenigd Koninkrijk", Lang: "nl", Kind: "dutch", Rel: [][]string{{"verenigd koninkrijk"}}},
	{Q: "energiebesparing", Lang: "nl", Kind: "dutch", Rel: [][]string{{"energiebesparing"}}},
	{Q: "vestigingsklimaat", Lang: "nl", Kind: "dutch", Rel: [][]string{{"vestigingsklimaat"}}},
	{Q: "klimaat", Lang: "nl", Kind: "dutch", Rel: [][]string{{"klimaat"}}},
	{Q: "speelveld", Lang: "nl", Kind: "dutch", Rel: [][]string{{"speelveld"}}},
	{Q: "douane", Lang: "nl", Kind: "dutch", Rel: [][]string{{"douane"}}},
	{Q: "aardbeving", Lang: "nl", Kind: "dutch", Rel: nil},
}

// TestDebateProbe scores debateProbe over the API with the shipped
// glossary and lexicon, prints MRR@10 per set (docs/CLIR.md, session 15)
// and fails below the figures measured when it was added.
func TestDebateProbe(t *testing.T) {
	a := debateApp(t)
	scoreDebates(t, a, "", map[string]float64{"brexit": 0.71, "care": 0.38, "dutch": 0.97})
}

// TestDebateProbeDictionary scores the English probes again with FreeDict
// imported as a glossary collection, as a user may do: the dictionary
// knows everyday words the lexicon does not (tenants, insulation,
// motions), and its terms that the debates do not use (old spellings,
// rare senses) must not keep a word from what finds the debates' words
// (docs/CLIR.md, session 17).
func TestDebateProbeDictionary(t *testing.T) {
	a := debateApp(t)
	fd := sharedtest.Open(t, "data", "freedict-nld-eng-debian", "freedict-nld-eng.tsv.gz")
	cs, err := omegat.ReadFreeDict(fd)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.ImportConcepts(cs, "test"); err != nil {
		t.Fatal(err)
	}
	scoreDebates(t, a, "with FreeDict", map[string]float64{"brexit": 0.70, "care": 0.47})
}

// debateApp is the shipped default with the 14 debates added.
func debateApp(t *testing.T) *app.App {
	dir := sharedtest.Path(t, "data", "tk-handelingen-xml", "reserialized-mojibake")
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(files) != 14 {
		t.Fatalf("%d debate files in %s: %v", len(files), dir, err)
	}
	sort.Strings(files)
	a := openDefault(t, app.Config{Memory: true})
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.AddDocument(context.Background(), filepath.Base(f), b, ingest.Options{}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	return a
}

// scoreDebates runs the probes of each kind in floors over the API of a,
// prints MRR@10 per kind and fails below its floor.
func scoreDebates(t *testing.T, a *app.App, label string, floors map[string]float64) {
	srv, err := New(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for _, kind := range []string{"brexit", "care", "dutch"} {
		floor, ok := floors[kind]
		if !ok {
			continue
		}
		var qs []evalQuery
		for _, q := range debateProbe {
			if q.Kind == kind {
				qs = append(qs, q)
			}
		}
		s := evalRun(t, ts, qs, "&lang="+qs[0].Lang)["all"]
		fmt.Printf("debate probe %-6s %s %s\n", kind, s, label)
		if mrr := s.rr / float64(s.n); mrr < floor {
			t.Errorf("debate probe %s %s: %s, want MRR@10 ≥ %.2f", kind, label, s, floor)
		}
	}
}
