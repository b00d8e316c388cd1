package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/tolk-nl/tolk/internal/app"
)

// TestBrowserTM drives the translation-memory pages of issue 14 in
// Chromium: the /tm concordance (chips, marks on both sides, a chip as a
// filter, paging, without JavaScript, at phone width), the fuzzy-match
// panel of /annotate and the TM section of a concept page. With
// -screenshots it writes tm.png, tm-375.png and annotate-fuzzy.png.
func TestBrowserTM(t *testing.T) {
	ts, a := newUITestServer(t)
	var tsv strings.Builder
	tsv.WriteString(tmMatchTSV)
	// 24 more pairs with rechtsorde, so that the pairs take two pages.
	for i := 1; i <= 24; i++ {
		fmt.Fprintf(&tsv, "Lidstaat %d eerbiedigt de rechtsorde van de Unie in zaak %d.\tMember State %d shall respect the legal order of the Union in case %d.\n", i, i*7, i, i*7)
	}
	if _, err := a.ImportTM(context.Background(), app.TMImport{Format: app.TMFormatTSV, Data: []byte(tsv.String()), Collection: "verdrag"}); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, ts)

	t.Run("concordance", func(t *testing.T) {
		b.visit(t, "/tm?ui=en", 200)
		b.do(t, chromedp.SendKeys(chromedp.CSS(`#tm-q`), "rechtsorde"), chromedp.Submit(chromedp.CSS(`#tm-q`)))
		if loc := b.waitLocation(t, "/tm?q=rechtsorde"); !strings.HasPrefix(loc, "/tm?q=rechtsorde") {
			t.Fatalf("after submitting: at %s", loc)
		}
		b.checkPage(t)
		chips := eval[[]string](t, b, `[...document.querySelectorAll(".tmchip")].map(e => e.textContent.replace(/\s+/g, " ").trim())`)
		if len(chips) < 2 || chips[0] != "all 27" || chips[1] != "legal order 26" {
			t.Errorf("chips %q, want all 27, legal order 26 first (no compound splitter here: not gemeenschapsrechtsorde)", chips)
		}
		marks := eval[[]int](t, b, `[document.querySelectorAll(".tmpair mark.tm-q").length, document.querySelectorAll(".tmpair mark.tm-t").length, document.querySelectorAll(".tmpair").length]`)
		if marks[2] != 20 || marks[0] < 20 || marks[1] < 19 {
			t.Errorf("%d pairs, %d query marks, %d translation marks: want 20 pairs, each marked on both sides (but the unaligned)", marks[2], marks[0], marks[1])
		}
		b.screenshot(t, "tm", 1280, 900)
		// Next page, then a chip as a filter.
		b.submit(t, chromedp.Click(chromedp.CSS(`a[rel=next]`)))
		if loc := b.waitLocation(t, "/tm?"); !strings.Contains(loc, "offset=20") {
			t.Errorf("next: at %s, want offset=20", loc)
		}
		if n := eval[int](t, b, `document.querySelectorAll(".tmpair").length`); n != 7 {
			t.Errorf("page 2: %d pairs, want 7", n)
		}
		b.submit(t, chromedp.Click(chromedp.CSS(`.tmchips li:nth-child(2) a`)))
		if loc := b.waitLocation(t, "/tm?"); !strings.Contains(loc, "translation=legal+order") {
			t.Errorf("chip: at %s, want translation=legal+order", loc)
		}
		if s := eval[string](t, b, `document.querySelector("[role=status]").textContent`); s != "26 sentence pairs" {
			t.Errorf("status %q, want 26 sentence pairs", s)
		}
		// Phone width: nothing scrolls sideways.
		b.visit(t, "/tm?q=rechtsorde&lang=nl", 200)
		b.do(t, chromedp.EmulateViewport(390, 844), chromedp.Sleep(150*time.Millisecond))
		if w := eval[[]float64](t, b, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`); w[0] > w[1] {
			t.Errorf("at 390 px the page is %.0f px wide: it scrolls sideways", w[0])
		}
		b.screenshot(t, "tm-375", 390, 844)
	})

	t.Run("english", func(t *testing.T) {
		b.visit(t, "/tm?q=legal+order&lang=en", 200)
		chips := eval[[]string](t, b, `[...document.querySelectorAll(".tmchip")].map(e => e.textContent.replace(/\s+/g, " ").trim())`)
		if len(chips) < 2 || !strings.HasPrefix(chips[1], "rechtsorde ") {
			t.Errorf("chips %q, want rechtsorde first", chips)
		}
	})

	t.Run("without JavaScript", func(t *testing.T) {
		scripts := func(off bool) chromedp.Action[chromedp.Void] {
			return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
				return err
			})
		}
		b.do(t, scripts(true))
		defer b.do(t, scripts(false))
		b.visit(t, "/tm", 200)
		b.submit(t, chromedp.SendKeys(chromedp.CSS(`#tm-q`), "rechtsorde"), chromedp.Submit(chromedp.CSS(`#tm-q`)))
		b.do(t, chromedp.WaitVisible(chromedp.CSS(`.tmchips`)))
		if n := eval[int](t, b, `document.querySelectorAll(".tmpair").length`); n != 20 {
			t.Errorf("without JavaScript: %d pairs, want 20", n)
		}
	})

	t.Run("annotate fuzzy panel", func(t *testing.T) {
		b.visit(t, "/annotate", 200)
		text := "Dit Verdrag treedt in werking op de eerste dag van de derde maand na ontvangst van de laatste kennisgeving. De kat zit op de mat."
		b.submit(t, chromedp.SendKeys(chromedp.CSS(`#text`), text), chromedp.Submit(chromedp.CSS(`#text`)))
		b.do(t, chromedp.WaitVisible(chromedp.CSS(`.tmfuzzy`)))
		b.checkPage(t)
		got := eval[[]string](t, b, `[...document.querySelectorAll(".tmfsent")].map(e => {
			const s = e.querySelector(".tmscore"), d = e.querySelector(".tmfq mark.tm-changed"), m = e.querySelector(".tmfsrc mark.tm-changed");
			return (s ? s.textContent : "none") + " " + (d ? d.textContent : "-") + " " + (m ? m.textContent : "-"); })`)
		want := []string{"94% derde tweede", "none - -"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("fuzzy panel %q, want %q", got, want)
		}
		b.do(t, chromedp.ScrollIntoView(chromedp.CSS(`.tmfuzzy`)))
		b.screenshot(t, "annotate-fuzzy", 1280, 900)
	})

	t.Run("concept page", func(t *testing.T) {
		b.visit(t, "/glossary/rechtsorde", 200)
		chips := eval[[]string](t, b, `[...document.querySelectorAll(".tmconcept .tmchip")].map(e => e.textContent.replace(/\s+/g, " ").trim())`)
		if len(chips) == 0 || chips[0] != "legal order 26" {
			t.Errorf("how the TM translates it: %q, want legal order 26 first", chips)
		}
	})
}
