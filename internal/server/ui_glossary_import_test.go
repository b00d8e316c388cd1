package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestGlossaryImportPage: the glossary page's import form (no
// JavaScript) imports a term list as the API does, gated by a token, and
// says what happened in the interface's language: the count, each
// warning with its row, or why the file was refused (the TBX line and
// element, the table's header), nothing stored then.
func TestGlossaryImportPage(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	_, page := fetch(t, ts, "GET", "/glossary", nil, nil)
	if !strings.Contains(page, `href="/glossary/import"`) {
		t.Errorf("the glossary page does not link the import form")
	}
	_, page = fetch(t, ts, "GET", "/glossary/import", nil, nil)
	for _, want := range []string{`enctype="multipart/form-data"`, `name="file"`, `name="collection"`, `name="token"`, `name="replace"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	csvFile := map[string][]byte{"termen.csv": []byte("nl;en\nvreemdelingenbewaring;immigration detention\nverblijfsaanvraag;\n")}
	fields := func(kv ...string) map[string]string {
		m := map[string]string{"token": testToken, "collection": "team"}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	for _, tc := range []struct {
		name   string
		path   string
		fields map[string]string
		files  map[string][]byte
		status int
		want   []string
	}{
		{"no token", "/glossary/import", fields("token", ""), csvFile, 401, []string{"Geef de toegangscode; er is niets geïmporteerd."}},
		{"wrong token", "/glossary/import", fields("token", "wrong-token"), csvFile, 401, []string{"De toegangscode klopt niet"}},
		{"curated", "/glossary/import", fields("collection", "curated"), csvFile, 400, []string{"In de meegeleverde termenlijst (curated) wordt niet geïmporteerd"}},
		{"bad header", "/glossary/import", fields(), map[string][]byte{"kop.csv": []byte("nl,klingon\na,b\n")}, 400, []string{
			"Niet geïmporteerd, er is niets opgeslagen: De kopregel van de tabel klopt niet.",
			"Melding van de server (Engels): csv import: line 1, column 2",
		}},
		{"TBX with a DTD", "/glossary/import", fields(), map[string][]byte{"x.tbx": []byte("<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY e \"x\">]>\n<tbx/>")}, 400, []string{
			"Het TBX-bestand heeft een DOCTYPE met een interne subset of entiteitsdeclaraties",
		}},
		{"TBX term with an invisible character", "/glossary/import", fields(), map[string][]byte{"x.tbx": []byte(strings.ReplaceAll(invisibleTBX, "{ZWSP}", "\u200b"))}, 400, []string{
			"regel 5, element <conceptEntry>: term 1, tekst: onzichtbaar opmaakteken U+200B op byte 6: een term is platte tekst",
		}},
		{"no format", "/glossary/import", fields(), map[string][]byte{"x.bin": []byte("\x00\x01\x02")}, 400, []string{
			"Het bestand zegt niet welk formaat het heeft: kies het formaat.",
		}},
		{"English", "/glossary/import?ui=en", fields(), map[string][]byte{"kop.csv": []byte("nl,klingon\na,b\n")}, 400, []string{
			"Not imported, nothing was stored: csv import: line 1, column 2",
		}},
		{"imported", "/glossary/import", fields(), csvFile, 200, []string{
			`2 begrippen uit termen.csv geïmporteerd in collectie "team".`,
			"Na te kijken (1)",
			"regel 3: een term heeft geen vertaling ernaast (Nederlands zonder Engels of andersom); geïmporteerd zoals hij is",
			`line 3: the Dutch term "verblijfsaanvraag" has no English term beside it`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, text := postMultipart(t, ts, tc.path, tc.fields, "file", tc.files)
			if code != tc.status {
				t.Errorf("status %d, want %d", code, tc.status)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("the page lacks %q: %.3000s", w, text)
				}
			}
		})
	}
	var colls struct {
		Collections []struct {
			Name     string
			Concepts int
		}
	}
	get(t, ts, "/api/v1/glossary/collections", &colls)
	n := -1
	for _, c := range colls.Collections {
		if c.Name == "team" {
			n = c.Concepts
		}
	}
	if n != 2 {
		t.Errorf("collection team has %d concepts, want 2 (the refused files stored nothing): %+v", n, colls)
	}
	if resp, _ := fetch(t, ts, "GET", "/glossary/import", nil, nil); resp.StatusCode != http.StatusOK {
		t.Errorf("GET: %d", resp.StatusCode)
	}
}

// invisibleTBX has a zero-width space in a term where it says {ZWSP}.
const invisibleTBX = `<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="c1">
<langSec xml:lang="nl">
<termSec><term>staats{ZWSP}greep</term></termSec>
</langSec>
</conceptEntry>
</body></text>
</tbx>
`
