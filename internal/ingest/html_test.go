package ingest

import (
	"errors"
	"strings"
	"testing"
)

// TestHTMLDeclaredCharset: a page in windows-1252 that says so (Word's
// "Save as Web page") is read as it declares; one that declares nothing,
// or a charset nobody knows, is refused naming the problem.
func TestHTMLDeclaredCharset(t *testing.T) {
	cp := func(s string) []byte { // Latin-1 range only, as windows-1252 writes it
		var b []byte
		for _, r := range s {
			b = append(b, byte(r))
		}
		return b
	}
	page := func(head string) []byte {
		return append(cp(`<html><head>`+head+`<title>Brief</title></head><body><p>De coördinatie van de `), append(cp("ministeries is verbeterd; één loket."), cp(`</p></body></html>`)...)...)
	}
	doc, err := Parse("oud.html", page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`), Options{})
	if err != nil {
		t.Fatalf("declared windows-1252: %v", err)
	}
	if !strings.Contains(doc.Text, "De coördinatie van de ministeries is verbeterd; één loket.") {
		t.Errorf("text %q", doc.Text)
	}
	if doc.Meta == nil || !strings.Contains(strings.Join(doc.Meta.Repaired, " "), "windows-1252") {
		t.Errorf("the document does not say it was read as windows-1252: %+v", doc.Meta)
	}
	if _, err := Parse("oud.html", page(`<meta charset="iso-8859-1">`), Options{}); err != nil {
		t.Errorf("declared iso-8859-1: %v", err)
	}
	if _, err := Parse("oud.html", page(``), Options{}); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("nothing declared: %v, want ErrInvalidUTF8", err)
	}
	if _, err := Parse("oud.html", page(`<meta charset="klingon-8">`), Options{}); !errors.Is(err, ErrInvalidUTF8) || !strings.Contains(err.Error(), "klingon-8") {
		t.Errorf("unknown charset: %v", err)
	}
}
