package ingest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDOCXSignatures checks that a Word letter's signature block gives
// its signatories, as the same letter as text does, whether the office
// and the name are paragraphs of their own (with an empty paragraph for
// the signature between) or lines of one paragraph (Shift+Enter), and
// that the block is no longer a paragraph of the last section.
func TestDOCXSignatures(t *testing.T) {
	want := []Signatory{{Office: "Minister van Volksgezondheid, Welzijn en Sport", Name: "H.M. de Jonge"}}
	two := []Signatory{{Office: "Minister van Buitenlandse Zaken", Name: "S.A. Blok"}, {Office: "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", Name: "S.A.M. Kaag"}}
	head := wp("", "Met deze brief informeer ik uw Kamer over de Wmo.") + wp("Kop1", "Vervolg") + wp("", "Ik houd u op de hoogte.")
	br := func(lines ...string) string {
		var b strings.Builder
		b.WriteString(`<w:p>`)
		for i, l := range lines {
			if i > 0 {
				b.WriteString(`<w:r><w:br/></w:r>`)
			}
			b.WriteString(`<w:r><w:t xml:space="preserve">` + l + `</w:t></w:r>`)
		}
		b.WriteString(`</w:p>`)
		return b.String()
	}
	for _, tc := range []struct {
		name, body string
		want       []Signatory
	}{
		{"paragraphs", wp("", "De Minister van Volksgezondheid, Welzijn en Sport,") + wp("", "") + wp("", "H.M. de Jonge"), want},
		{"paragraphs one office line", wp("", "Hoogachtend,") + wp("", "De Minister van Volksgezondheid, Welzijn en Sport,") + wp("", "") + wp("", "H.M. de Jonge"), want},
		{"line breaks", br("De Minister van Volksgezondheid, Welzijn en Sport,", "", "H.M. de Jonge"), want},
		{"line breaks with closing", br("Hoogachtend,", "", "De Minister van Volksgezondheid, Welzijn en Sport,", "H.M. de Jonge"), want},
		{"two signers", wp("", "De Minister van Buitenlandse Zaken,") + wp("", "S.A. Blok") + wp("", "De Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking,") + wp("", "S.A.M. Kaag"), two},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse("brief.docx", docxOf(t, head+tc.body, ""), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, doc.Signatories); diff != "" {
				t.Errorf("signatories (-want +got):\n%s", diff)
			}
			last := doc.Paragraphs[len(doc.Paragraphs)-1].Text
			if len(tc.want) > 0 && last != "Ik houd u op de hoogte." {
				t.Errorf("last paragraph %q, want the letter's last sentence", last)
			}
		})
	}
}
