package server

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserCheck drives the check page through the three cases of
// issue 12 that a QA tool finds (an inflected Dutch verb rendered with
// the deprecated English one; a deprecated spelling variant, Secretary
// General; an admitted rendering with an extra article, which passes),
// and the glossary's do-not-use list.
func TestBrowserCheck(t *testing.T) {
	ts, _ := newUITestServer(t)
	b := newBrowserSession(t, ts)
	b.visit(t, "/?ui=en", 200)

	t.Run("check: every concept, marked in both texts", func(t *testing.T) {
		b.visit(t, "/check", 200)
		nl := "De VN Veiligheidsraad veroordeelde de staatsgreep. De Secretaris-Generaal van de VN riep op tot herstel van de constitutionele orde."
		en := "The UN Security Council convicted the coup d'état. The UN Secretary General called for a return to the constitutional order."
		b.submit(t, chromedp.SetValue(chromedp.CSS("#nl"), nl), chromedp.SetValue(chromedp.CSS("#en"), en),
			chromedp.Click(chromedp.CSS(".aidform button")))
		b.do(t, chromedp.WaitVisible(chromedp.CSS("#chk-h")))
		kinds := eval[map[string]string](t, b, `Object.fromEntries([...document.querySelectorAll(".issues tbody tr")].map(r => [r.dataset.concept, r.dataset.kind]))`)
		for concept, want := range map[string]string{
			"veroordelen":                  "deprecated",
			"secretaris-generaal-vn":       "deprecated",
			"herstel-constitutionele-orde": "passed",
			"staatsgreep":                  "passed",
		} {
			if kinds[concept] != want {
				t.Errorf("concept %s: %q, want %q (all: %v)", concept, kinds[concept], want, kinds)
			}
		}
		marks := func(side string) map[string]string {
			return eval[map[string]string](t, b, `Object.fromEntries([...document.querySelectorAll(".chk-body[data-check=`+side+`] a.chk")].map(a => [a.textContent.replace(/\s+/g, " "), a.className]))`)
		}
		nlMarks, enMarks := marks("nl"), marks("en")
		for text, class := range map[string]string{"veroordeelde": "chk-deprecated", "herstel van de constitutionele orde": "chk-passed"} {
			if !strings.Contains(nlMarks[text], class) {
				t.Errorf("source: %q marked %q, want %s (marks %v)", text, nlMarks[text], class, nlMarks)
			}
		}
		for text, class := range map[string]string{"convicted": "chk-deprecated", "UN Secretary General": "chk-deprecated",
			"return to the constitutional order": "chk-passed", "coup d'état": "chk-passed"} {
			if !strings.Contains(enMarks[text], class) {
				t.Errorf("translation: %q marked %q, want %s (marks %v)", text, enMarks[text], class, enMarks)
			}
		}
		// A mark leads to its concept's row.
		href := eval[string](t, b, `document.querySelector(".chk-body[data-check=en] a.chk-deprecated").getAttribute("href")`)
		if n := eval[int](t, b, `document.querySelectorAll(`+jsString(strings.ReplaceAll(href, ":", `\\:`))+`).length`); n != 1 {
			t.Errorf("mark links to %s, which matches %d rows", href, n)
		}
		// Deprecated marks differ from passed ones in line style, not colour only.
		styles := eval[[]string](t, b, `[".chk-deprecated", ".chk-passed"].map(s => getComputedStyle(document.querySelector(".chk-body[data-check=en] " + s)).textDecorationStyle)`)
		if len(styles) != 2 || styles[0] == styles[1] {
			t.Errorf("deprecated and passed marks have the same line style: %q", styles)
		}
		b.checkPage(t)
		b.screenshot(t, "check-qa", 1280, 1000)
	})

	t.Run("glossary: a lookup that lands on a deprecated term says so", func(t *testing.T) {
		b.visit(t, "/glossary?q=convict&lang=en", 200)
		advice := eval[string](t, b, `(document.querySelector(".concepts li .advice") || {}).textContent || ""`)
		if advice != "convict is deprecated for veroordelen: use condemn." {
			t.Errorf("advice %q", advice)
		}
		b.visit(t, "/glossary?q=condemn&lang=en", 200)
		if n := eval[int](t, b, `document.querySelectorAll(".concepts li .advice").length`); n != 0 {
			t.Errorf("%d advice notes for a preferred term", n)
		}
	})

	t.Run("glossary: the do-not-use list", func(t *testing.T) {
		b.visit(t, "/glossary?status=deprecated", 200)
		rows := eval[[][]string](t, b, `[...document.querySelectorAll("#deprecated-terms tbody tr")].map(r => [r.dataset.status, ...[...r.cells].map(c => c.textContent.trim().replace(/\s+/g, " "))])`)
		if len(rows) == 0 {
			t.Fatal("no deprecated terms listed")
		}
		convict := false
		for _, r := range rows {
			if r[0] != "deprecated" {
				t.Errorf("row %q is not a deprecated term", r)
			}
			if strings.HasPrefix(r[1], "coup d'état") || strings.HasPrefix(r[1], "condemn") {
				t.Errorf("a preferred term on the do-not-use list: %q", r)
			}
			if strings.HasPrefix(r[1], "convict ") {
				convict = true
				if !slices.Equal(r[3:], []string{"condemn", "veroordelen"}) {
					t.Errorf("convict row %q, want use condemn, concept veroordelen", r)
				}
			}
		}
		if !convict {
			t.Errorf("convict not listed: %q", rows)
		}
		b.checkPage(t)
		b.screenshot(t, "glossary-deprecated", 1280, 900)
	})
}
