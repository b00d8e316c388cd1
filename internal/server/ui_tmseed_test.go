package server

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/web"
)

// TestSeedingNotice: while the default TM is being seeded, the /tm page,
// the annotate page's fuzzy-match panel and the concept page's TM panel say
// so, in the page's language, with the progress when it is known; when no
// seed runs they say nothing of it.
func TestSeedingNotice(t *testing.T) {
	tests := []struct {
		name, lang string
		s          *app.TMSeeding
		want       string // "" for no notice
	}{
		{"none", "en", nil, ""},
		{"file being read", "en", &app.TMSeeding{}, "is still being loaded. The results are incomplete"},
		{"under way", "en", &app.TMSeeding{Pairs: 8707, PairsDone: 3500}, "3500 of its 8707 sentence pairs are in"},
		{"under way, Dutch", "nl", &app.TMSeeding{Pairs: 8707, PairsDone: 3500}, "3500 van de 8707 zinsparen staan erin"},
	}
	u, err := newUI(nil, web.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			L := tmLabels[tt.lang]
			notice := seedingNotice(L, tt.s)
			if (notice == "") != (tt.want == "") || !strings.Contains(notice, tt.want) {
				t.Fatalf("seedingNotice = %q, want it to contain %q", notice, tt.want)
			}
			p := &page{UI: tt.lang, T: u.labels[tt.lang], u: u, Data: &tmPageData{L: L, Q: "verdrag", Lang: "nl", Searched: true, Seeding: notice}}
			parts := []struct {
				tmpl string
				data any
			}{
				{"content", p},
				{"tm_fuzzy", &tmFuzzyPanel{L: L, Seeding: notice}},
				{"tm_concept", &tmConceptPanel{L: L, Seeding: notice}},
			}
			for _, part := range parts {
				var buf bytes.Buffer
				if err := u.pages["tm"].ExecuteTemplate(&buf, part.tmpl, part.data); err != nil {
					t.Fatalf("%s: %v", part.tmpl, err)
				}
				has := strings.Contains(buf.String(), `role="status">`+notice) || strings.Contains(buf.String(), `role="status"><p>`+notice)
				if tt.want != "" && !has {
					t.Errorf("%s does not show the notice %q:\n%s", part.tmpl, notice, buf.String())
				}
				if tt.want == "" && (strings.Contains(buf.String(), "still being loaded") || strings.Contains(buf.String(), "nog geladen")) {
					t.Errorf("%s shows a seeding notice with no seed under way:\n%s", part.tmpl, buf.String())
				}
			}
		})
	}
}
