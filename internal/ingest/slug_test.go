package ingest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCleanName(t *testing.T) {
	long := strings.Repeat("é", 200) // 400 bytes
	tests := []struct {
		name, in, want string
	}{
		{"plain", "kamerbrief-mali-2020.txt", "kamerbrief-mali-2020.txt"},
		{"NUL dropped", "brief\x00.txt", "brief.txt"},
		{"newlines become one space", "brief\r\nover\nMali.txt", "brief over Mali.txt"},
		{"tab and trailing newline", "\tbrief.md\n", "brief.md"},
		{"other controls dropped", "a\x07b\x1bc\x7fd\u0085e.txt", "abcd e.txt"},
		{"bidi override dropped", "brief\u202Etxt.exe", "brieftxt.exe"},
		{"zero-width and BOM dropped", "\ufeffbr\u200bief.txt", "brief.txt"},
		{"line separator is a space", "a\u2028b", "a b"},
		{"invalid UTF-8 replaced", "brief\xff\xfe.txt", "brief\uFFFD.txt"},
		{"only controls", "\x00\n\x01", ""},
		{"bounded on a rune boundary", long, strings.Repeat("é", MaxNameLen/2)},
		{"a space is not kept at the bound", strings.Repeat("a", MaxNameLen-1) + " b", strings.Repeat("a", MaxNameLen-1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CleanName(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CleanName(%q) (-want +got):\n%s", tt.in, diff)
			}
			if again := CleanName(got); again != got {
				t.Errorf("CleanName not idempotent: %q → %q", got, again)
			}
		})
	}
}

// TestParseCleansName: the name's control characters reach neither the
// error messages nor the id.
func TestParseCleansName(t *testing.T) {
	_, err := Parse("brief\x00\n.docx", []byte("Tekst."), Options{})
	if err == nil || strings.ContainsAny(err.Error(), "\x00\n") {
		t.Errorf("err = %q, want a refusal without NUL or newline", err)
	}
	doc, err := Parse("Brief\x00over\nMali.txt", []byte("Tekst."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.ID != "briefover-mali" {
		t.Errorf("ID = %q, want briefover-mali", doc.ID)
	}
}

// TestNameID: NameID gives the id Parse gives a document uploaded under
// the name, and says when only the title can give one.
func TestNameID(t *testing.T) {
	text := []byte("Geachte voorzitter,\n\nDeze brief gaat over de staatsgreep.\n")
	for _, name := range []string{"Kamerbrief Mali.txt", `C:\brieven\brief-2020.md`, "a/b/Verslag (concept) v2.txt", "….txt"} {
		d, err := Parse(name, text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		id, ok := NameID(name)
		switch {
		case name == "….txt" && ok:
			t.Errorf("NameID(%q) = %q, want none: the title gives it (%q)", name, id, d.ID)
		case name != "….txt" && (!ok || id != d.ID):
			t.Errorf("NameID(%q) = %q, %v; Parse gives %q", name, id, ok, d.ID)
		}
	}
}
