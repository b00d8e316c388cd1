package server

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
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

// TestAnnotateFuzzyLate: when the TM does not answer within the page's
// time (its index still being built after a seed or an import), the
// annotate page still shows the text's terms, with a notice in the
// fuzzy-match panel instead of the matches, not an error page.
func TestAnnotateFuzzyLate(t *testing.T) {
	ts, a := newUITestServer(t)
	tsv := "De Raad stelt de lijst vast.\tThe Council shall adopt the list.\n"
	if _, err := a.ImportTM(context.Background(), app.TMImport{Format: app.TMFormatTSV, Data: []byte(tsv), Collection: "verdrag"}); err != nil {
		t.Fatal(err)
	}
	old := fuzzyTimeout
	fuzzyTimeout = 0 // every match is past its deadline
	t.Cleanup(func() { fuzzyTimeout = old })
	resp, body := fetch(t, ts, "POST", "/annotate?ui=en", url.Values{"text": {"Nederland veroordeelt de staatsgreep in Mali."}}, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("annotate with a late TM: status %d", resp.StatusCode)
	}
	if !strings.Contains(body, tmLabels["en"]["fuzzy_late"]) {
		t.Errorf("annotate with a late TM does not say the matches are late:\n%s", body)
	}
	if !strings.Contains(body, "coup") {
		t.Errorf("annotate with a late TM lost the annotations (no coup for staatsgreep):\n%s", body)
	}
}
