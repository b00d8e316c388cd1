package server

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserGlossaryImport drives the glossary's import form in
// Chromium, in the Dutch interface and without JavaScript of its own:
// choose a CSV file with one row that lacks its English term, name the
// collection, type the token, submit; the page says how many concepts
// were imported and names the row to check, and the collection then
// holds them all (a warned row is imported as it is).
func TestBrowserGlossaryImport(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	b := newBrowserSession(t, ts)
	file := filepath.Join(t.TempDir(), "termen.csv")
	csv := "nl;en\n" +
		"asielaanvraag;asylum application\n" +
		"verblijfsaanvraag;\n" + // line 3: no English term
		"vreemdelingenbewaring;immigration detention\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	b.visit(t, "/glossary?ui=nl", 200) // the cookie keeps the interface Dutch
	b.submit(t, chromedp.Click(`a[href="/glossary/import"]`))
	b.do(t, chromedp.WaitVisible(`#gi-file`))
	b.submit(t,
		chromedp.SetUploadFiles(`#gi-file`, []string{file}),
		chromedp.SetValue(`#gi-collection`, "team"),
		chromedp.SendKeys(`#gi-token`, testToken),
		chromedp.Click(`form.upload button[type=submit]`))
	b.do(t, chromedp.WaitVisible(`#import-result`))
	b.checkPage(t)
	done := eval[string](t, b, `document.querySelector("#import-result p").textContent.replace(/\s+/g, " ").trim()`)
	if want := `3 begrippen uit termen.csv geïmporteerd in collectie "team".`; !strings.HasPrefix(done, want) {
		t.Errorf("the result says %q, want it to start %q", done, want)
	}
	heading := eval[string](t, b, `document.querySelector("#import-warnings") ? document.querySelector("#import-warnings").textContent.trim() : ""`)
	if heading != "Na te kijken (1)" {
		t.Errorf("the warnings' heading is %q, want Na te kijken (1)", heading)
	}
	warnings := eval[[]string](t, b, `[...document.querySelectorAll("ul[aria-labelledby=import-warnings] li")].map(li => li.textContent.replace(/\s+/g, " ").trim())`)
	if len(warnings) != 1 ||
		!strings.HasPrefix(warnings[0], "regel 3: een term heeft geen vertaling ernaast") ||
		!strings.Contains(warnings[0], `(Melding van de server (Engels): line 3: the Dutch term "verblijfsaanvraag" has no English term beside it`) {
		t.Errorf("warnings %q, want one for line 3 (regel 3) naming verblijfsaanvraag", warnings)
	}
	if tok := eval[string](t, b, `document.querySelector("#gi-token").value`); tok != "" {
		t.Errorf("the page gives the token back in its form: %q", tok)
	}

	// The collection, as the glossary page shows it after the result's link.
	b.submit(t, chromedp.Click(`#import-result a[href="/glossary?collection=team"]`))
	if loc := b.waitLocation(t, "/glossary?collection=team"); !strings.HasPrefix(loc, "/glossary?collection=team") {
		t.Fatalf("the result's link went to %q", loc)
	}
	b.checkPage(t)
	terms := eval[[]string](t, b, `[...document.querySelectorAll("main a[href^='/glossary/']")].map(a => a.textContent.trim())`)
	if sum := eval[string](t, b, `document.querySelector("p.summary").textContent.trim()`); sum != "3 begrippen" {
		t.Errorf("the collection's page says %q, want 3 begrippen", sum)
	}
	for _, w := range []string{"asielaanvraag", "verblijfsaanvraag", "vreemdelingenbewaring"} {
		if !slices.Contains(terms, w) {
			t.Errorf("the collection's page does not list %s: %q", w, terms)
		}
	}
	var colls struct {
		Collections []struct {
			Name     string
			Concepts int
		}
	}
	get(t, ts, "/api/v1/glossary/collections", &colls)
	n := -1
	for _, c := range colls.Collections {
		if c.Name == "team" {
			n = c.Concepts
		}
	}
	if n != 3 {
		t.Errorf("collection team holds %d concepts, want 3: %+v", n, colls.Collections)
	}
	b.checkConsole(t)
}
