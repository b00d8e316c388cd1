package tbx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/glossarytest"
)

// TestReadNoteFrom: Weblate and Translate Toolkit say who wrote a note
// (<note from="translator">, from="developer"). The model keeps no
// author per note, so the note's text says it ("Note from translator:
// eigennaam"), at every level a note may stand; the attribute was
// dropped, and a developer's comment read as a translator's. An export
// writes the note with that text, and reading the export gives it back.
func TestReadNoteFrom(t *testing.T) {
	in := `<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>Celery</term></tig></langSet><langSet xml:lang="nl"><tig><term>Celery</term></tig></langSet><note from="translator">eigennaam</note></termEntry>
<termEntry><langSet xml:lang="en"><note from="developer">shown in the menu</note><tig><term>backup</term><note from="translator">singular</note></tig></langSet><langSet xml:lang="nl"><tig><term>back-up</term></tig></langSet><note>zonder auteur</note><note from=" ">leeg</note></termEntry>
</body></text></martif>`
	cs, _, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Concept{
		{Note: "Note from translator: eigennaam", Terms: []glossary.Term{{Lang: "en", Text: "Celery"}, {Lang: "nl", Text: "Celery"}}},
		{Note: "Note from developer: shown in the menu\nzonder auteur\nleeg", Terms: []glossary.Term{
			{Lang: "en", Text: "backup", Note: "Note from translator: singular"}, {Lang: "nl", Text: "back-up"}}},
	}
	if diff := cmp.Diff(want, cs); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	for i := range cs {
		cs[i].ID = []string{"celery", "backup"}[i]
		cs[i].Collection = "weblate"
	}
	var buf bytes.Buffer
	if err := Write(&buf, cs); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<note>Note from translator: eigennaam</note>", "<note>Note from translator: singular</note>"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("the export has no %s:\n%s", s, buf.String())
		}
	}
	again, _, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(glossarytest.Canonical(cs), again); diff != "" {
		t.Errorf("Read(Write) (-want +got):\n%s", diff)
	}
}
