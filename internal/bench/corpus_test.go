package bench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestWriteJSONLMeta: the Markdown files of a BWB extract carry the
// document's kind and BWB id as front matter, so that tolk's ingest gives
// them a type (a circular is found by the filter type=circulaire) and an
// identifier; the contestants that index text read each file's text as
// the extract has it. Before, a file was the text alone, and ingest gave
// it no type.
func TestWriteJSONLMeta(t *testing.T) {
	dir := t.TempDir()
	docs := []struct{ ID, Category, Text, want string }{
		{"BWBR0011157", "circulaire", "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n##Aankoop effecten met spaarloon\n\nBij circulaire deelde ik u mede dat de regeling bleef.\n", "circulaire"},
		{"BWBR0020000", "beleidsregel-BES", "##Beleidsregel\n\nDe inspecteur past de regel toe.\n", "beleidsregel"},
		{"BWBR0006950", "AMvB", "##Besluit\n\nDit besluit geldt.\n", "amvb"},
		{"BWBR0001000", "reglement", "##Reglement\n\nDit reglement geldt.\n", "regeling"},
		{"BWBR0002000", "", "##Zonder soort\n\nDeze tekst heeft geen soort.\n", ""},
	}
	var src strings.Builder
	for _, d := range docs {
		b, err := json.Marshal(map[string]string{"id": d.ID, "category": d.Category, "text": d.Text})
		if err != nil {
			t.Fatal(err)
		}
		src.Write(append(b, '\n'))
	}
	in := filepath.Join(dir, "bwb.jsonl")
	if err := os.WriteFile(in, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "md")
	if n, err := WriteJSONL(in, out, nil); err != nil || n != len(docs) {
		t.Fatalf("WriteJSONL: %d, %v", n, err)
	}
	files, err := ReadFolder(out)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, f := range files {
		texts[f.ID] = f.Text
	}
	for _, d := range docs {
		raw, err := os.ReadFile(filepath.Join(out, d.ID+".md"))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ingest.Parse(d.ID+".md", raw, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Meta == nil || doc.Meta.Type != d.want || doc.Meta.Identifier != d.ID {
			t.Errorf("%s (%s): metadata %+v, want type %q, identifier %s", d.ID, d.Category, doc.Meta, d.want, d.ID)
		}
		if texts[d.ID] != d.Text {
			t.Errorf("%s: ReadFolder's text %q, want the extract's %q", d.ID, texts[d.ID], d.Text)
		}
	}
}
