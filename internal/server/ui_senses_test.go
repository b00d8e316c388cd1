package server

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// TestUISenses checks the search page's account of an English query:
// one line per word with its senses as chips, drop links that repeat the
// search without a sense, restore links, notes for words that found
// nothing, and the lexicon's probability in "matched because".
func TestUISenses(t *testing.T) {
	ts, _ := newUITestServer(t)
	en := map[string]string{"Accept-Language": "en"}
	page := func(t *testing.T, path string, header map[string]string) string {
		t.Helper()
		resp, body := fetch(t, ts, "GET", path, nil, header)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d", path, resp.StatusCode)
		}
		return body
	}
	// links returns the page's links (unescaped) whose text is text.
	links := func(body, text string) []string {
		var out []string
		re := regexp.MustCompile(`<a [^>]*href="([^"]*)"[^>]*>` + regexp.QuoteMeta(text) + `</a>`)
		for _, m := range re.FindAllStringSubmatch(body, -1) {
			out = append(out, html.UnescapeString(m[1]))
		}
		return out
	}
	// senseLines returns the text of each line under "Searched for:".
	senseLines := func(body string) []string {
		block := regexp.MustCompile(`(?s)<ul class="sense-lines">(.*?)\n    </ul>`).FindStringSubmatch(body)
		if block == nil {
			return nil
		}
		var out []string
		for _, li := range strings.Split(block[1], `<li><span class="sense-word"`)[1:] {
			txt := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(`<x`+li, "")
			out = append(out, strings.Join(strings.Fields(html.UnescapeString(txt)), " "))
		}
		return out
	}

	t.Run("one line per word, in query order", func(t *testing.T) {
		body := page(t, "/?q="+"the+treaty+xqzzvw+coup&lang=en", en)
		lines := senseLines(body)
		if len(lines) != 4 {
			t.Fatalf("lines %q, want four", lines)
		}
		for i, want := range []*regexp.Regexp{
			regexp.MustCompile(`^the — English function word, not searched$`),
			regexp.MustCompile(`^treaty verdrag = treaty 0\.\d\d · lexicon ×`),
			regexp.MustCompile(`^xqzzvw — no Dutch equivalent known`),
			regexp.MustCompile(`^coup staatsgreep \(staatsgrepen\) = coup · glossary \(preferred\) × coup \(coups\) = coup · glossary \(admitted\) ×`),
		} {
			if !want.MatchString(lines[i]) {
				t.Errorf("line %d %q does not match %s", i+1, lines[i], want)
			}
		}
		if !strings.Contains(body, "Searched for:") {
			t.Errorf("no Searched for:")
		}
	})

	t.Run("drop and restore", func(t *testing.T) {
		body := page(t, "/?q=treaty+coup&lang=en&page=1", en)
		var drop string
		for _, l := range links(body, "×") {
			if strings.Contains(l, "drop=verdrag") {
				drop = l
			}
		}
		if drop != "/?drop=verdrag&lang=en&q=treaty+coup" {
			t.Fatalf("drop link for verdrag %q, want /?drop=verdrag&lang=en&q=treaty+coup (no page)", drop)
		}
		body = page(t, drop, en)
		for _, l := range senseLines(body) {
			if strings.Contains(l, "verdrag") {
				t.Errorf("after dropping verdrag the page still searched it: %q", l)
			}
		}
		if !regexp.MustCompile(`Dropped: <s lang="nl">verdrag</s> <a href="/\?lang=en&amp;q=treaty&#43;coup"`).MatchString(body) {
			t.Errorf("no restore link for verdrag")
		}
		// A second drop keeps the first; restoring one keeps the other.
		var second string
		for _, l := range links(body, "×") {
			if strings.Contains(l, "drop=staatsgreep") {
				second = l
			}
		}
		if second != "/?drop=verdrag&drop=staatsgreep&lang=en&q=treaty+coup" {
			t.Fatalf("second drop link %q", second)
		}
		body = page(t, second, en)
		restore := links(body, "restore")
		if len(restore) != 2 || restore[0] != "/?drop=staatsgreep&lang=en&q=treaty+coup" || restore[1] != "/?drop=verdrag&lang=en&q=treaty+coup" {
			t.Errorf("restore links %q", restore)
		}
		for _, l := range senseLines(body) {
			if strings.Contains(l, "staatsgre") {
				t.Errorf("staatsgreep dropped but its forms still searched: %q", l)
			}
		}
	})

	t.Run("every sense dropped", func(t *testing.T) {
		body := page(t, "/?q=treaty&lang=en&drop=verdrag", en)
		if lines := senseLines(body); len(lines) != 1 || lines[0] != "treaty — every sense dropped; not searched" {
			t.Errorf("lines %q", lines)
		}
	})

	t.Run("paging and facets keep the drops", func(t *testing.T) {
		body := page(t, "/?q=Mali+coup&lang=en&drop=coup", en)
		next := links(body, "next →")
		if len(next) != 1 || !strings.Contains(next[0], "drop=coup") || !strings.Contains(next[0], "page=2") {
			t.Errorf("next link %q, want page 2 with drop=coup", next)
		}
		facet := regexp.MustCompile(`<aside class="facets".*`).FindString(strings.ReplaceAll(body, "\n", " "))
		if !strings.Contains(facet, "drop=coup") {
			t.Errorf("facet links lose the drops")
		}
	})

	t.Run("matched because says lexicon and p", func(t *testing.T) {
		body := page(t, "/?q=humanitarian&lang=en", en)
		if !regexp.MustCompile(`<q>humanitarian</q> → <span lang="nl">humanitair\w*</span> <span class="via">\(lexicon, p 0\.\d\d\)</span>`).MatchString(body) {
			t.Errorf("no hit says humanitarian → humanitair… (lexicon, p 0.xx)")
		}
	})

	t.Run("Dutch labels and decimal comma", func(t *testing.T) {
		body := page(t, "/?q=the+treaty&lang=en", map[string]string{"Accept-Language": "nl"})
		lines := senseLines(body)
		if len(lines) != 2 || !regexp.MustCompile(`^treaty verdrag = treaty 0,\d\d · lexicon ×$`).MatchString(lines[1]) ||
			lines[0] != "the — Engels functiewoord, niet gezocht" {
			t.Errorf("lines %q", lines)
		}
		if !strings.Contains(body, "Gezocht naar:") || !strings.Contains(body, `aria-label="Zonder deze betekenis zoeken: verdrag"`) {
			t.Errorf("Dutch labels missing")
		}
	})

	t.Run("Dutch query shows what it searched as before", func(t *testing.T) {
		body := page(t, "/?q=overgangsregering&lang=nl", en)
		if strings.Contains(body, `class="sense-lines"`) {
			t.Errorf("a Dutch query shows senses")
		}
	})

	t.Run("required and excluded words", func(t *testing.T) {
		lines := senseLines(page(t, "/?q="+"sanctions+-coup&lang=en", en))
		if len(lines) != 2 || !strings.HasPrefix(lines[1], "without: coup staatsgreep") {
			t.Errorf("lines %q, want the second to say without: coup", lines)
		}
	})

	t.Run("markup in a sense is text", func(t *testing.T) {
		body := page(t, "/?q=treaty&lang=en&drop="+"%3Cscript%3Ealert(1)%3C/script%3E", en)
		if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("a dropped sense's markup reached the page unescaped")
		}
	})
}
