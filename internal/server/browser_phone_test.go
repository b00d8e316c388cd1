package server

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/ingest"
)

// addTypedDocuments stores a small XML publication of every body element
// the officiele-publicatie reader knows, and a court decision and an
// opinion (conclusie), so that the Type filters list every document type
// with its longest labels ("gazette of a joint arrangement (Blad
// gemeenschappelijke regeling)").
func addTypedDocuments(t *testing.T, a *app.App) {
	t.Helper()
	bodies := []string{"staatsblad", "staatscourant", "gemeenteblad", "provinciaalblad", "waterschapsblad",
		"bladgemeenschappelijkeregeling", "kamerstuk", "handelingen", "aanhangsel", "kamervragen", "tractatenblad", "agenda"}
	text := "De opvang van asielzoekers en de politie in de gemeente."
	for _, body := range bodies {
		xml := fmt.Sprintf(`<?xml version="1.0" encoding="utf-8"?><officiele-publicatie><metadata/><%s><al>%s</al></%[1]s></officiele-publicatie>`, body, text)
		if _, err := a.AddDocument(context.Background(), "typed-"+body+".xml", []byte(xml), ingest.Options{}); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
	}
	for _, kind := range []string{"Uitspraak", "Conclusie"} {
		xml := fmt.Sprintf(`<?xml version="1.0" encoding="utf-8"?><open-rechtspraak><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/"><rdf:Description><dcterms:identifier>ECLI:NL:PHR:2011:%s</dcterms:identifier><dcterms:date>2011-05-27</dcterms:date><dcterms:type>%[1]s</dcterms:type></rdf:Description></rdf:RDF><uitspraak><para>%s</para></uitspraak></open-rechtspraak>`, kind, text)
		if _, err := a.AddDocument(context.Background(), "typed-"+kind+".xml", []byte(xml), ingest.Options{}); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
	}
}

// TestBrowserPhoneForms checks that no form control widens a phone's page:
// the search page's Type filter lists the documents' types with long
// English labels, and at 390 and 360 px the English search page was 562
// px wide (the select, and "from" and "Order" beside it, off-screen).
// Every page with a form, in both languages, with and without JavaScript.
func TestBrowserPhoneForms(t *testing.T) {
	ts, a := newUITestServer(t)
	addTypedDocuments(t, a)
	b := newBrowserSession(t, ts)
	scripts := func(off bool) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
			return err
		})
	}
	defer b.do(t, chromedp.EmulateViewport(1280, 900), scripts(false))
	for _, js := range []bool{true, false} {
		b.do(t, scripts(!js))
		for _, width := range []int64{390, 360} {
			b.do(t, chromedp.EmulateViewport(width, 844, chromedp.EmulateMobile))
			for _, ui := range []string{"en", "nl"} {
				for _, path := range []string{"/?q=asylum+seekers", "/?q=politie&type=blad-gemeenschappelijke-regeling", "/",
					"/documents", "/documents?type=conclusie", "/glossary", "/tm", "/check", "/annotate"} {
					path += map[bool]string{true: "&", false: "?"}[strings.Contains(path, "?")] + "ui=" + ui
					name := fmt.Sprintf("%s at %d px, JavaScript %v", path, width, js)
					b.visit(t, path, 200)
					w := eval[[]float64](t, b, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
					if w[0] > float64(width) || w[0] > w[1] {
						wide := eval[[]string](t, b, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
							.slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`)
						t.Errorf("%s: %.0f px wide; too wide: %q", name, w[0], wide)
					}
				}
			}
		}
	}
	b.checkConsole(t)
}
