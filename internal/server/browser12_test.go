package server

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestBrowserDesk checks what makes a translator trust the pages (issue
// 12): each English term with its own status, hits in both languages with
// fragments that never overlap, an English query's account per word, the
// reader's filter (without JavaScript), tap-to-tooltip on a touch screen,
// one tab stop per paragraph, plain query messages, and no sideways
// scrolling at 390 px on any page.
func TestBrowserDesk(t *testing.T) {
	ts, a := newUITestServer(t)
	// A document with words no line can break: a list without spaces, as a
	// law's annex has, and a long address.
	long := "Landen: " + strings.Repeat("Afghanistan,Albanië,Algerije,Andorra,Angola,", 8) +
		" Zie https://zoek.officielebekendmakingen.nl/kst-29521-409.html?zoekcriteria=staatsgreep&resultIndex=1&sorttype=1&sortorder=4 voor de staatsgreep."
	if _, err := a.AddDocument(context.Background(), "landenlijst.txt", []byte("Landenlijst\n\n"+long+"\n"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, ts)
	b.visit(t, "/?ui=en", 200)
	const reader = "/documents/kamerbrief-mali-2020"

	t.Run("tooltip: each English term with its own status", func(t *testing.T) {
		b.visit(t, reader, 200)
		// staatsgreep: coup d'état is the preferred English term (the
		// tooltip said "admitted", the status of another form).
		got := eval[[]string](t, b, `(() => { const a = document.querySelector('a.term[href="/glossary/staatsgreep"]');
			const tip = document.getElementById(a.getAttribute("aria-describedby"));
			return [...tip.querySelectorAll("b[lang=en]")].map(b => b.textContent + " = " + (b.nextElementSibling?.textContent ?? "")); })()`)
		if len(got) == 0 || got[0] != "coup d'état = preferred" {
			t.Errorf("staatsgreep's tooltip terms %q, want coup d'état = preferred first", got)
		}
		for _, want := range []string{"coup = admitted", "putsch = admitted"} {
			if !slices.Contains(got, want) {
				t.Errorf("staatsgreep's tooltip terms %q lack %q", got, want)
			}
		}
		// A deprecated English term: after the others, with the word
		// "deprecated", struck through and in another colour.
		dep := eval[[]string](t, b, `(() => { const tip = [...document.querySelectorAll(".tip")].find(t => t.querySelector("b:has(+ .st-deprecated)"));
			if (!tip) return [];
			const terms = [...tip.querySelectorAll("b[lang=en]")];
			const d = tip.querySelector("b:has(+ .st-deprecated)"), p = terms[0];
			const after = terms.slice(terms.indexOf(d)).every(b => /st-(deprecated|superseded)/.test(b.nextElementSibling?.className ?? ""));
			return [d.textContent, d.nextElementSibling.textContent, getComputedStyle(d).textDecorationLine,
				getComputedStyle(d.nextElementSibling).color, getComputedStyle(p.nextElementSibling).color, String(after)]; })()`)
		if len(dep) != 6 {
			t.Fatalf("no tooltip on the reader shows a deprecated English term")
		}
		if dep[1] != "deprecated" || !strings.Contains(dep[2], "line-through") || dep[3] == dep[4] || dep[5] != "true" {
			t.Errorf("deprecated term %q: status %q, decoration %q, colour %s vs preferred %s, listed last %s; want the word, a line, another colour, last",
				dep[0], dep[1], dep[2], dep[3], dep[4], dep[5])
		}
	})

	t.Run("annotate: each English term with its own status", func(t *testing.T) {
		b.visit(t, "/annotate", 200)
		b.submit(t, chromedp.SendKeys(chromedp.CSS("#text"), "De staatsgreep in Mali. Met deze brief wordt uw Kamer geïnformeerd."),
			chromedp.Click(chromedp.CSS(".aidform button")))
		b.do(t, chromedp.WaitVisible(chromedp.CSS(".termtable")))
		rows := eval[map[string][]string](t, b, `Object.fromEntries([...document.querySelectorAll(".termtable tbody tr")].map(r =>
			[r.querySelector("a").getAttribute("href").split("/").pop(),
			 [...r.querySelectorAll("td.en-terms b")].map(b => b.textContent + " = " + (b.nextElementSibling?.textContent ?? "") + (getComputedStyle(b).textDecorationLine.includes("line-through") ? " (struck)" : ""))]))`)
		if got := rows["staatsgreep"]; len(got) == 0 || got[0] != "coup d'état = preferred" {
			t.Errorf("staatsgreep row %q, want coup d'état = preferred first", got)
		}
		if got := rows["uw-kamer"]; !slices.ContainsFunc(got, func(s string) bool { return strings.HasSuffix(s, "= deprecated (struck)") }) {
			t.Errorf("uw Kamer row %q, want its deprecated English terms marked", got)
		}
		b.checkConsole(t)
	})

	t.Run("hits: both languages, fragments that do not overlap", func(t *testing.T) {
		b.visit(t, "/?q=staatsgrepen", 200)
		b.screenshot(t, "search-grouped", 1280, 720)
		if h1 := eval[string](t, b, `document.querySelector("h1")?.textContent ?? ""`); h1 == "" {
			t.Errorf("the search page has no h1")
		}
		hits := eval[[]string](t, b, `[...document.querySelectorAll(".hit")].map(h =>
			(h.querySelector(".hterms")?.textContent ?? "") + " | " + (h.querySelector(".why")?.textContent ?? ""))`)
		if len(hits) == 0 {
			t.Fatal("no hits for staatsgrepen")
		}
		inflected := 0
		for _, h := range hits {
			h = strings.Join(strings.Fields(h), " ")
			if !strings.Contains(h, "coup d'état preferred") || strings.Contains(h, "staatsgrepen → staatsgreep (synonym") {
				t.Errorf("hit says %q; want coup d'état preferred, and the plural as inflection rather than synonym", h)
			}
			if strings.Contains(h, "staatsgrepen → staatsgreep (another form of the word") {
				inflected++
			}
		}
		if inflected == 0 {
			t.Errorf("no hit says staatsgrepen found staatsgreep as another form of the word: %q", hits)
		}
		if anon := eval[int](t, b, `[...document.querySelectorAll(".hit a")].filter(a => a.textContent.trim() === "term").length`); anon > 0 {
			t.Errorf("%d anonymous \"term\" links in the hits", anon)
		}
		// Long passages with several matches: no text twice.
		for _, q := range []string{"Mali", "Mali sancties ECOWAS", "Nederland"} {
			b.visit(t, "/?lang=nl&q="+url.QueryEscape(q), 200)
			frags := eval[[][]string](t, b, `[...document.querySelectorAll(".hit .text")].map(p => {
				const parts = []; let cur = "";
				for (const n of p.childNodes) {
					if (n.nodeType === 1 && n.classList.contains("gap")) { parts.push(cur); cur = ""; } else cur += n.textContent;
				}
				parts.push(cur);
				return parts.map(s => s.replace(/…/g, "").trim()); })`)
			for i, fs := range frags {
				if err := overlap(fs); err != "" {
					t.Errorf("%s, hit %d: %s", q, i+1, err)
				}
				if len(fs) == 0 || fs[0] == "" {
					t.Errorf("%s, hit %d: no fragment", q, i+1)
				}
			}
			if n := eval[int](t, b, `document.querySelectorAll(".hit").length`); n > 0 && eval[int](t, b, `document.querySelectorAll(".hit .why").length`) != n {
				t.Errorf("%s: not every hit says why it matched", q)
			}
		}
		// A phrase is one highlight.
		b.visit(t, "/?q="+url.QueryEscape(`"constitutionele orde"`), 200)
		marks := eval[[]string](t, b, `[...document.querySelectorAll(".hit mark")].map(m => m.textContent)`)
		if !slices.Contains(marks, "constitutionele orde") {
			t.Errorf("phrase marks %q, want one mark holding the phrase", marks)
		}
	})

	t.Run("English query: what each word was searched as", func(t *testing.T) {
		b.visit(t, "/?lang=en&q="+url.QueryEscape("sanctions budget xqzzvw"), 200)
		b.screenshot(t, "search-english-words", 1280, 900)
		lines := eval[map[string]string](t, b, `Object.fromEntries([...document.querySelectorAll(".sense-lines > li")].map(li =>
			[li.querySelector(".sense-word").textContent.trim(), li.textContent.replace(/\s+/g, " ")]))`)
		for _, w := range []string{"sanctions", "budget", "xqzzvw"} {
			if _, ok := lines[w]; !ok {
				t.Errorf("no line for %q among %q", w, lines)
			}
		}
		if !strings.Contains(lines["xqzzvw"], "no Dutch equivalent known") {
			t.Errorf("xqzzvw's line %q does not say that nothing was known", lines["xqzzvw"])
		}
		// Every sense of sanctions can be dropped with a link that runs
		// the search again without it.
		drops := eval[[]string](t, b, `[...document.querySelectorAll(".sense-lines > li")].filter(li => li.querySelector(".sense-word").textContent.trim() === "sanctions")
			.flatMap(li => [...li.querySelectorAll("a.drop")].map(a => a.getAttribute("href")))`)
		if len(drops) < 2 {
			t.Fatalf("sanctions has %d drop links, want one per sense", len(drops))
		}
		b.submit(t, chromedp.Click(chromedp.CSS(`a.drop[href*="drop=sanctie&"]`)))
		b.do(t, chromedp.WaitVisible(chromedp.CSS(".dropped")))
		if loc := eval[string](t, b, `location.search`); !strings.Contains(loc, "drop=sanctie") {
			t.Errorf("dropping led to %s", loc)
		}
		b.checkConsole(t)
	})

	t.Run("autocomplete: status and the term to use", func(t *testing.T) {
		b.visit(t, "/glossary", 200)
		row := eval[string](t, b, `document.querySelector('#concepts a.nl[href="/glossary/staatsgreep"]').parentNode.textContent.replace(/\s+/g, " ")`)
		if !strings.Contains(row, "coup d'état preferred 4/4") {
			t.Errorf("the glossary row %q lacks the English term's status and the reliability", row)
		}
		for _, c := range []struct{ typed, text, want string }{
			{"staatsg", "staatsgreep", "staatsgreep → coup d'état preferred 4/4"},
			{"convi", "convict", "convict deprecated → "},
		} {
			b.visit(t, "/glossary", 200)
			b.do(t, chromedp.SendKeys(chromedp.CSS("#gq"), c.typed), chromedp.WaitVisible(chromedp.CSS(".ac-list li")))
			opts := eval[[]string](t, b, `[...document.querySelectorAll(".ac-list li")].map(li => [...li.children].slice(0, 2).map(e => e.textContent).join("").replace(/\s+/g, " ").trim())`)
			if !slices.ContainsFunc(opts, func(o string) bool { return strings.HasPrefix(o, c.want) }) {
				t.Errorf("%s: suggestions %q, want one starting %q", c.typed, opts, c.want)
			}
		}
		b.checkConsole(t)
	})

	t.Run("plain message for a malformed query", func(t *testing.T) {
		b.visit(t, "/?q="+url.QueryEscape(`"staatsgreep Mali`), 200)
		note := eval[string](t, b, `document.querySelector(".notice")?.textContent ?? ""`)
		if !strings.Contains(note, "A quote is not closed") || strings.Contains(note, "position") || strings.Contains(note, "index:") {
			t.Errorf("notice %q, want a plain word about the quote", note)
		}
		if n := eval[int](t, b, `document.querySelectorAll(".hit").length`); n == 0 {
			t.Errorf("the words were not searched")
		}
	})

	t.Run("reader: filter without JavaScript", func(t *testing.T) {
		b.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
		defer b.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
			return err
		}))
		b.visit(t, reader, 200)
		count := func(concept string) int {
			return eval[int](t, b, `document.querySelectorAll('article a.term[href="/glossary/`+concept+`"]').length`)
		}
		if count("nederland") == 0 || count("staatsgreep") == 0 {
			t.Fatal("the reader does not underline Nederland and staatsgreep")
		}
		b.do(t, chromedp.Click(chromedp.CSS(".filter-box summary")),
			chromedp.Click(chromedp.CSS(`.readerfilter input[name="hide"][value="nederland"]`)),
			chromedp.Click(chromedp.CSS(`.readerfilter button`)))
		if loc := b.waitLocation(t, reader+"?hide=nederland"); loc != reader+"?hide=nederland" {
			t.Fatalf("the filter led to %s", loc)
		}
		if count("nederland") != 0 || count("staatsgreep") == 0 {
			t.Errorf("after hiding Nederland: %d Nederland, %d staatsgreep underlined", count("nederland"), count("staatsgreep"))
		}
		b.screenshot(t, "reader-filter", 1280, 900)
		// Only deprecated Dutch forms, and only one subject.
		b.visit(t, reader+"?subject=defence", 200)
		if count("staatsgreep") != 0 || eval[int](t, b, `document.querySelectorAll("article a.term").length`) == 0 {
			t.Errorf("subject=defence still underlines staatsgreep (politics), or nothing at all")
		}
		if n := eval[int](t, b, `document.querySelectorAll('.readerfilter input[name="subject"][value="defence"]:checked').length`); n != 1 {
			t.Errorf("the form does not show the subject chosen")
		}
	})

	t.Run("reader: contents at the top, numbered once, one tab stop per paragraph", func(t *testing.T) {
		b.visit(t, reader, 200)
		toc := eval[[]string](t, b, `(() => { const l = document.querySelector(".toc");
			return [String(l.getBoundingClientRect().top < document.querySelector("article.doc").getBoundingClientRect().top),
				getComputedStyle(l.querySelector("li")).listStyleType, l.querySelector("li").textContent.trim()]; })()`)
		if toc[0] != "true" || toc[1] != "none" || toc[2] != "1. Recente ontwikkelingen" {
			t.Errorf("contents: above the text %s, list style %q, first line %q; want above, none, \"1. Recente ontwikkelingen\"", toc[0], toc[1], toc[2])
		}
		if top := eval[bool](t, b, `document.querySelector(".downloads").getBoundingClientRect().top < document.querySelector("article.doc").getBoundingClientRect().top`); !top {
			t.Errorf("the downloads are not above the text")
		}
		stops := eval[[]int](t, b, `[document.querySelectorAll("article a.term:not([tabindex='-1'])").length,
			document.querySelectorAll("article .para").length, document.querySelectorAll("article a.term").length]`)
		if stops[0] > stops[1] || stops[2] <= stops[1] {
			t.Errorf("%d of %d terms are tab stops in %d paragraphs; want at most one per paragraph", stops[0], stops[2], stops[1])
		}
		// The arrow keys move between the terms of a paragraph.
		eval[bool](t, b, `(() => { document.querySelector("#p1 a.term").focus(); return true; })()`)
		b.do(t, chromedp.KeyEvent(kb.ArrowRight), chromedp.Sleep(100*time.Millisecond))
		if got := eval[string](t, b, `document.activeElement === document.querySelectorAll("#p1 a.term")[1] ? "second" : document.activeElement.textContent`); got != "second" {
			t.Errorf("ArrowRight moved the focus to %q, want the paragraph's second term", got)
		}
		if tab := eval[int](t, b, `document.querySelectorAll("#p1 a.term:not([tabindex='-1'])").length`); tab != 1 {
			t.Errorf("after moving, %d tab stops in the paragraph, want 1", tab)
		}
		b.checkConsole(t)
	})

	t.Run("reader: the panel follows the text", func(t *testing.T) {
		b.visit(t, reader, 200)
		all := eval[int](t, b, `document.querySelectorAll("#doc-terms li:not(.off-view)").length`)
		b.do(t, chromedp.Click(chromedp.CSS("#follow")), chromedp.Sleep(200*time.Millisecond))
		shown := eval[int](t, b, `[...document.querySelectorAll("#doc-terms li")].filter(li => getComputedStyle(li).display !== "none").length`)
		if shown == 0 || shown >= all {
			t.Errorf("following the text shows %d of %d terms", shown, all)
		}
	})

	t.Run("touch: a tap shows the tooltip, a second tap opens the concept", func(t *testing.T) {
		b.do(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateTouch))
		defer b.do(t, chromedp.EmulateViewport(1280, 900))
		b.visit(t, reader, 200)
		const term = `article a.term[href="/glossary/staatsgreep"]`
		// A tap: the touch events from Chromium's touch emulation, then the
		// click a phone sends after them, which headless Chromium does
		// not synthesize from a tap (not even on a plain link).
		tap := func() {
			x, y := b.center(t, term)
			b.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, input.SynthesizeTapGesture, input.SynthesizeTapGestureParams{X: x, Y: y, GestureSourceType: input.GestureSourceTypeTouch})
				return err
			}), chromedp.Sleep(100*time.Millisecond))
			eval[bool](t, b, `(() => { document.querySelector(`+jsString(term)+`).click(); return true; })()`)
			b.do(t, chromedp.Sleep(200*time.Millisecond))
		}
		tap()
		visible := eval[string](t, b, `(() => { const a = document.querySelector(`+jsString(term)+`);
			const tip = document.getElementById(a.getAttribute("aria-describedby"));
			return getComputedStyle(tip).display !== "none" ? tip.textContent : ""; })()`)
		if !strings.Contains(visible, "coup d'état") {
			t.Errorf("after one tap: tooltip %q, want it shown with coup d'état", visible)
		}
		if loc := eval[string](t, b, `location.pathname`); loc != reader {
			t.Fatalf("one tap left the reader for %s", loc)
		}
		if w := eval[[]float64](t, b, `(() => { const a = document.querySelector(`+jsString(term)+`);
			const r = document.getElementById(a.getAttribute("aria-describedby")).getBoundingClientRect();
			return [r.left, r.right, document.documentElement.clientWidth]; })()`); w[0] < 0 || w[1] > w[2] {
			t.Errorf("the tooltip spans %.0f–%.0f px of a %.0f px screen", w[0], w[1], w[2])
		}
		b.screenshot(t, "reader-tap-390", 390, 844)
		b.do(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateTouch, chromedp.EmulateMobile))
		tap()
		if loc := b.waitLocation(t, "/glossary/staatsgreep"); loc != "/glossary/staatsgreep" {
			t.Errorf("the second tap led to %s, want the concept", loc)
		}
		b.checkConsole(t)
	})

	t.Run("no sideways scrolling at 390 px", func(t *testing.T) {
		b.do(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
		defer b.do(t, chromedp.EmulateViewport(1280, 900))
		fits := func(t *testing.T, what string) {
			t.Helper()
			w := eval[[]float64](t, b, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
			if w[0] > 390 || w[0] > w[1] {
				wide := eval[[]string](t, b, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
					.slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`)
				t.Errorf("%s: %.0f px wide at a %.0f px viewport; too wide: %q", what, w[0], w[1], wide)
			}
		}
		for _, p := range []struct {
			path   string
			status int
		}{
			{"/", 200},
			{"/?q=staatsgreep", 200},
			{"/?lang=en&q=" + url.QueryEscape("the treaty on financial and economic sanctions against Mali xqzzvw"), 200},
			{"/?q=Mali&page=2", 200},
			{"/?q=Mali&dossier=29521&from=2019-01-01&to=2020-12-31&sort=date", 200},
			{"/?q=" + url.QueryEscape(`"staatsgreep`), 200},
			{"/?q=zzzqqqxxx", 200},
			{reader, 200},
			{reader + "?hide=nederland&st=preferred", 200},
			{"/documents/landenlijst", 200},
			{"/?q=Afghanistan", 200},
			{"/glossary", 200},
			{"/glossary?q=coup", 200},
			{"/glossary/staatsgreep", 200},
			{"/glossary/uw-kamer", 200},
			{"/documents", 200},
			{"/annotate", 200},
			{"/check", 200},
			{"/tm", 200},
			{"/tm?q=staatsgreep", 200},
			{"/documents/no-such-letter", 404},
			{"/glossary/no-such-concept", 404},
		} {
			b.visit(t, p.path, int64(p.status))
			fits(t, p.path)
		}
		// The forms' results.
		b.visit(t, "/annotate", 200)
		b.submit(t, chromedp.SendKeys(chromedp.CSS("#text"), strings.Repeat("De staatsgreep in Mali werd door ECOWAS veroordeeld; uw Kamer en de decentrale overheid. ", 3)),
			chromedp.Click(chromedp.CSS(".aidform button")))
		b.do(t, chromedp.WaitVisible(chromedp.CSS(".termtable")))
		fits(t, "annotate result")
		b.visit(t, "/check", 200)
		b.submit(t, chromedp.SendKeys(chromedp.CSS("#nl"), "De staatsgreep in Mali werd door ECOWAS veroordeeld."),
			chromedp.SendKeys(chromedp.CSS("#en"), "The putsch in Mali was condemned by the Secretary General."),
			chromedp.Click(chromedp.CSS(".aidform button")))
		b.do(t, chromedp.WaitVisible(chromedp.CSS("#chk-h")))
		fits(t, "check result")
		b.checkConsole(t)
	})
	b.checkConsole(t)
}

// overlap reports text that two fragments of one hit share: a fragment's
// head or tail found in another fragment.
func overlap(frags []string) string {
	for i, a := range frags {
		for j, c := range frags {
			if i == j || len([]rune(a)) < 12 {
				continue
			}
			r := []rune(a)
			for _, piece := range []string{string(r[:12]), string(r[len(r)-12:])} {
				if strings.Contains(c, piece) {
					return fmt.Sprintf("fragments %d and %d share %q", i+1, j+1, piece)
				}
			}
		}
	}
	return ""
}
