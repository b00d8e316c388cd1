package tbx

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// TestSchemaValid runs the official validators on every kind of TBX
// Write produces, and on a broken copy to prove the check can fail.
func TestSchemaValid(t *testing.T) {
	validate := sharedtest.TBXValidator(t)
	tmp := t.TempDir()
	write := func(name string, cs []glossary.Concept) string {
		var buf bytes.Buffer
		if err := Write(&buf, cs); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Every status, type and part of speech once.
	var every []glossary.Concept
	for i, s := range glossary.Statuses {
		for j, ty := range glossary.TermTypes {
			for k, pos := range glossary.PartsOfSpeech {
				every = append(every, glossary.Concept{
					ID:    "c" + string(rune('a'+i)) + string(rune('a'+j)) + string(rune('a'+k)),
					Terms: []glossary.Term{{Lang: "nl", Text: "term", Status: s, Type: ty, POS: pos}},
				})
			}
		}
	}
	// Regional variants: a langSec of their own beside the language's.
	variants := []glossary.Concept{{ID: "v", Definition: map[string]string{"en": "A seizure of power."}, Terms: []glossary.Term{
		{Lang: "nl", Text: "staatsgreep"}, {Lang: "nl", Variant: "nl-BE", Text: "putsch"},
		{Lang: "en", Variant: "en-GB", Text: "coup"}, {Lang: "en", Variant: "en-US", Text: "coup d'etat"}}}}
	files := []string{write("rich.tbx", sample()), write("empty.tbx", nil), write("every.tbx", every), write("variants.tbx", variants)}
	out, err := validate(files...)
	if err != nil {
		t.Fatalf("validate-tbx.sh: %v\n%s", err, out)
	}
	for _, f := range files {
		if !strings.Contains(out, f+" validates") || !strings.Contains(out, f+" passes Schematron") {
			t.Errorf("%s: not reported valid:\n%s", filepath.Base(f), out)
		}
	}

	rich, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(tmp, "broken.tbx")
	os.WriteFile(broken, bytes.Replace(rich, []byte("preferredTerm-admn-sts"), []byte("bogus"), 1), 0o644)
	if out, err := validate(broken); err == nil {
		t.Errorf("validate-tbx.sh accepted a file with a bogus administrativeStatus:\n%s", out)
	}
}
