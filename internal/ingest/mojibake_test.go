package ingest

import (
	"testing"
)

func TestRepairMojibake(t *testing.T) {
	tests := []struct {
		in, want string
		n        int
	}{
		{"KrÃ¶ger", "Kröger", 1},
		{"cliÃ«nten en tweeÃ«n", "cliënten en tweeën", 2},
		{"zo'n 8,5% \u00e2\u0080\u0094 Ã©Ã©n op de elf", "zo'n 8,5% — één op de elf", 3},
		{"â‚¬ 190 en â€™s avonds", "€ 190 en ’s avonds", 2}, // read as Windows-1252
		{"ï»¿<?xml", "\uFEFF<?xml", 1},
		// Correct text is left alone, accents and all.
		{"café, één, Kröger, à la carte, Ã la", "café, één, Kröger, à la carte, Ã la", 0},
		{"Â", "Â", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, n := repairMojibake(tt.in)
			if got != tt.want || n != tt.n {
				t.Errorf("repairMojibake(%q) = %q, %d; want %q, %d", tt.in, got, n, tt.want, tt.n)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, ext string
		data      string
		want      kind
	}{
		{"pdf", ".txt", "%PDF-1.7\n", kindPDF},
		{"docx", ".pdf", "PK\x03\x04rest", kindZip},
		{"ole", ".docx", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", kindOLE},
		{"xml decl", ".txt", "\uFEFF<?xml version=\"1.0\"?><officiele-publicatie/>", kindXML},
		{"double-encoded bom", ".xml", "ï»¿\n<?xml version=\"1.0\"?><x/>", kindXML},
		{"known root", "", "<handelingen><agendapunt/></handelingen>", kindXML},
		{"xhtml", ".xml", "<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"x\"><html xmlns=\"http://www.w3.org/1999/xhtml\">", kindHTML},
		{"html", ".txt", "<!DOCTYPE html><html>", kindHTML},
		{"html fragment named html", ".html", "<p>Tekst</p>", kindHTML},
		{"markdown with a meta line", ".md", "<meta charset='utf-8' />\n\n# Kop\n", kindText},
		{"text", ".docx", "gewone tekst", kindText},
		{"doctype", ".xml", "<!DOCTYPE lolz [<!ENTITY a \"b\">]>", kindXML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniff([]byte(tt.data), tt.ext); got != tt.want {
				t.Errorf("sniff(%q, %q) = %d, want %d", tt.data, tt.ext, got, tt.want)
			}
		})
	}
}

func TestHTML(t *testing.T) {
	page := `<!doctype html><html lang="nl"><head><title>Kamerbrief over Mali | Rijksoverheid.nl</title>
<meta name="DCTERMS.issued" content="2020-08-25"><meta name="DC.creator" content="Ministerie van Buitenlandse Zaken">
<style>p{color:red}</style><script>var x = "<p>geen tekst</p>";</script></head>
<body><header><div class="logo">Rijksoverheid</div></header><nav><ul><li>Home</li><li>Onderwerpen</li></ul></nav>
<div class="breadcrumbs">Home › Documenten</div>
<main><h1>Kamerbrief over de staatsgreep in Mali</h1><p>Met deze brief informeer ik uw Kamer over de <em>staatsgreep</em> in Mali.</p>
<h2>Recente ontwikkelingen</h2><ul><li>De president is afgetreden.</li><li>De junta regeert.</li></ul>
<table><tr><th>Land</th><th>Bijdrage</th></tr><tr><td>Mali</td><td>250</td></tr></table></main>
<footer>Privacy · Cookies</footer></body></html>`
	doc, err := Parse("mali.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, doc)
	var got []string
	for _, p := range doc.Paragraphs {
		got = append(got, p.Section+" | "+p.Text)
	}
	want := []string{
		"Kamerbrief over de staatsgreep in Mali | Met deze brief informeer ik uw Kamer over de staatsgreep in Mali.",
		"Recente ontwikkelingen | De president is afgetreden.",
		"Recente ontwikkelingen | De junta regeert.",
		"Recente ontwikkelingen | Land | Bijdrage",
		"Recente ontwikkelingen | Mali | 250",
	}
	if len(got) != len(want) {
		t.Fatalf("paragraphs %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d = %q, want %q", i+1, got[i], want[i])
		}
	}
	if doc.Title != "Kamerbrief over Mali | Rijksoverheid.nl" || doc.Meta.Date != "2020-08-25" || doc.Meta.Authority != "Ministerie van Buitenlandse Zaken" ||
		doc.Meta.Language != "nl" || doc.Meta.Type != "brief" {
		t.Errorf("title %q meta %+v", doc.Title, doc.Meta)
	}
}
