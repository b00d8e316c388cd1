package server

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// TestEnglishTypoAndUntranslated checks the answers an English-only
// analyst gets: with lang=auto an English word tolk cannot translate
// (cattle) is named in the API's senses with its note, and on the page
// under "Searched for" (it was taken as Dutch and found nothing,
// silently); an English correction is offered as English (its link was
// marked lang="nl"). The API answers are checked against the OpenAPI
// spec (checkAPI).
func TestEnglishTypoAndUntranslated(t *testing.T) {
	ts, _ := serveWith(t, Options{}) // as it ships: with the Dutch word list
	resp, body := fetch(t, ts, "GET", "/api/v1/search?q=cattle", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var res struct {
		Lang   string `json:"lang"`
		Senses []struct {
			Query  string `json:"query"`
			Senses []any  `json:"senses"`
			Note   string `json:"note"`
		} `json:"senses"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if res.Lang != "en" || len(res.Senses) != 1 || res.Senses[0].Query != "cattle" || len(res.Senses[0].Senses) != 0 || !strings.Contains(res.Senses[0].Note, "no Dutch equivalent") {
		t.Errorf("cattle: %s", body)
	}
	en := map[string]string{"Accept-Language": "en"}
	_, page := fetch(t, ts, "GET", "/?q=cattle", nil, en)
	if !strings.Contains(page, "no Dutch equivalent known") {
		t.Errorf("the page does not say cattle was not translated")
	}
	_, page = fetch(t, ts, "GET", "/?q=sanctoins&lang=en", nil, en)
	if !regexp.MustCompile(`<p class="dym">[^\n]*<a [^>]*lang="en">sanction</a>`).MatchString(page) {
		t.Errorf("the English correction is not offered as English")
	}
}
