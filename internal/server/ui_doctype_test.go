package server

import (
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/web"
)

// TestDocTypeLabels walks every document type the ingest assigns and
// checks that each interface language has a label for it, and that the
// English one is not the Dutch type as stored: the Type filter of the
// English search and documents pages showed "conclusie" (a rechtspraak
// opinion), "uitspraak" and "brief" untranslated.
func TestDocTypeLabels(t *testing.T) {
	u, err := newUI(nil, web.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	types := ingest.Types()
	if len(types) == 0 {
		t.Fatal("ingest.Types() is empty")
	}
	for _, typ := range types {
		t.Run(typ, func(t *testing.T) {
			for _, lang := range uiLangs {
				if l, ok := u.labels[lang]["doctype_"+typ]; !ok || l == "" {
					t.Errorf("no %s label doctype_%s", lang, typ)
				}
			}
			if en := u.labels["en"]["doctype_"+typ]; strings.EqualFold(en, typ) {
				t.Errorf("the English label of %s is the Dutch type itself: %q", typ, en)
			}
		})
	}
}

// TestDocTypeFilterEnglish: the Type filter of /?ui=en and
// /documents?ui=en names a court's opinion in English.
func TestDocTypeFilterEnglish(t *testing.T) {
	ts, a := newUITestServer(t)
	addTypedDocuments(t, a)
	for _, path := range []string{"/?ui=en", "/documents?ui=en"} {
		_, body := fetch(t, ts, "GET", path, nil, nil)
		if !strings.Contains(body, `<option value="conclusie">`) {
			t.Fatalf("%s: no conclusie in the Type filter", path)
		}
		if strings.Contains(body, `<option value="conclusie">conclusie</option>`) {
			t.Errorf("%s: the Type filter says %q untranslated", path, "conclusie")
		}
	}
}
