package server

import (
	"context"
	"html"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestUISenseForms: an English-only reader of "Searched for:" sees Dutch
// words as written, each with the English word it translates, never an
// index stem (rent's lexicon key hur is shown as huur, the documents'
// commonest word with it); its drop link still drops the key alone and
// the dropped sense is named by its word. A hit found through huur inside
// huurtoeslag says so instead of calling huurtoeslag the glossary's
// translation of rent.
func TestUISenseForms(t *testing.T) {
	a := openDefault(t, app.Config{Memory: true}) // with the splitter: huurtoeslag is indexed under huur too
	srv, err := New(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(checkAPI(t, srv))
	t.Cleanup(func() { ts.Close(); a.Close() })
	for name, text := range map[string]string{
		"toeslag.md": "Dit volgt uit de Wet op de huurtoeslag.",
		"huur1.md":   "De huur van de woning gaat omhoog.",
		"huur2.md":   "De huur wordt jaarlijks vastgesteld; de huren stijgen.",
		"huurde.md":  "Hij huurde een huis.",
	} {
		if _, err := a.AddDocument(context.Background(), name, []byte(text), ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	en := map[string]string{"Accept-Language": "en"}
	_, body := fetch(t, ts, "GET", "/?q=rent&lang=en", nil, en)
	chips := regexp.MustCompile(`(?s)<li class="chip">(.*?)</li>`).FindAllStringSubmatch(body, -1)
	var texts []string
	keyChip := ""
	for _, c := range chips {
		txt := strings.Join(strings.Fields(html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(c[1], ""))), " ")
		texts = append(texts, txt)
		if strings.Contains(c[1], `drop=hur&amp;`) {
			keyChip = txt
		}
	}
	if !regexp.MustCompile(`^huur = rent 0\.\d\d · lexicon ×$`).MatchString(keyChip) {
		t.Errorf("the chip of the key hur reads %q, want huur = rent 0.xx · lexicon ×; chips %q", keyChip, texts)
	}
	for _, txt := range texts {
		if w := strings.Fields(txt)[0]; w == "hur" || w == "huurd" {
			t.Errorf("a chip shows the stem %s: %q", w, txt)
		}
	}
	if !strings.Contains(body, `title="finds every form of the word; index stem: hur"`) {
		t.Errorf("the key chip does not name its key in its title")
	}
	why := regexp.MustCompile(`<q>rent</q> → <span lang="nl">huurtoeslag</span> <span class="via">\(([^)]*)\)`).FindStringSubmatch(body)
	if why == nil {
		t.Fatalf("no hit says rent → huurtoeslag: %s", regexp.MustCompile(`<q>rent</q>.*`).FindAllString(body, -1))
	}
	if got := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(why[1], ""); got != "compound containing huur: translation from the glossary, rent" {
		t.Errorf("rent → huurtoeslag (%s), want (compound containing huur: translation from the glossary, rent)", got)
	}
	_, body = fetch(t, ts, "GET", "/?q=rent&lang=en&drop=hur", nil, en)
	if !regexp.MustCompile(`Dropped: <s lang="nl">huur</s> <a href="/\?lang=en&amp;q=rent"`).MatchString(body) {
		t.Errorf("the dropped key is not named huur: %s", regexp.MustCompile(`Dropped:.*`).FindString(body))
	}
	if !regexp.MustCompile(`<a href="/glossary/huur">huur</a></strong> <span class="gloss">= <span lang="en">rent</span>`).MatchString(body) {
		t.Errorf("dropping the key hur dropped the glossary's huur too")
	}
}
