package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tolk-nl/tolk/glossary"
)

// formValues reads the first form of page as a browser would submit it
// untouched: inputs (checkboxes when checked), the selected option of each
// select, textareas; buttons and password fields are left to the caller.
func formValues(t *testing.T, page string) url.Values {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, k string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val, true
			}
		}
		return "", false
	}
	text := func(n *html.Node) string {
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		return b.String()
	}
	v := url.Values{}
	var form *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "form" && form == nil {
				form = n
			}
			name, named := attr(n, "name")
			switch {
			case form == nil || !named:
			case n.Data == "input":
				typ, _ := attr(n, "type")
				val, _ := attr(n, "value")
				_, checked := attr(n, "checked")
				switch typ {
				case "password", "submit":
				case "checkbox":
					if checked {
						v.Add(name, val)
					}
				default:
					v.Add(name, val)
				}
			case n.Data == "textarea":
				v.Add(name, strings.TrimPrefix(text(n), "\n"))
			case n.Data == "select":
				first, chosen := "", ""
				for o := n.FirstChild; o != nil; o = o.NextSibling {
					if o.Type != html.ElementNode || o.Data != "option" {
						continue
					}
					val, _ := attr(o, "value")
					if first == "" {
						first = val
					}
					if _, sel := attr(o, "selected"); sel && chosen == "" {
						chosen = val
					}
				}
				if chosen == "" {
					chosen = first
				}
				v.Add(name, chosen)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if form == nil {
		t.Fatal("the page has no form")
	}
	return v
}

// postNoRedirect POSTs a form and returns the answer itself, not the page
// a redirect leads to.
func postNoRedirect(t *testing.T, ts *httptest.Server, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := cl.PostForm(ts.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func apiConcept(t *testing.T, ts *httptest.Server, id string) (glossary.Concept, int) {
	t.Helper()
	resp, err := http.Get(ts.URL + "/api/v1/glossary/" + id)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var c glossary.Concept
	if resp.StatusCode == 200 {
		if err := json.NewDecoder(resp.Body).Decode(&c); err != nil {
			t.Fatal(err)
		}
	}
	return c, resp.StatusCode
}

// formRow returns the form's row index of the term with this text.
func formRow(t *testing.T, f url.Values, text string) string {
	t.Helper()
	for k, vs := range f {
		if strings.HasSuffix(k, "_text") && len(vs) > 0 && vs[0] == text {
			return strings.TrimSuffix(k, "_text")
		}
	}
	t.Fatalf("no row with %q in the form", text)
	return ""
}

// TestConceptEditPage: the glossary's edit form without JavaScript — a
// wrong or missing token, a stale form, a bad term and a deletion without
// confirmation change nothing and say why (a term's problem names its
// row); a good save changes what the form shows and keeps what it does
// not (a term's context), and the history names the token's owner.
func TestConceptEditPage(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	const id = "aankondigen"
	before, _ := apiConcept(t, ts, id)

	resp, page := fetch(t, ts, "GET", "/glossary/"+id+"/edit", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET edit: %d", resp.StatusCode)
	}
	if _, p := fetch(t, ts, "GET", "/glossary/"+id, nil, nil); !strings.Contains(p, `href="/glossary/`+id+`/edit"`) {
		t.Error("the concept page has no link to its edit form")
	}
	base := formValues(t, page)
	if base.Get("rev") == "" || base.Get("rows") == "" {
		t.Fatalf("the form lacks rev or rows: %v", base)
	}
	unchanged := func(when string) {
		t.Helper()
		if c, _ := apiConcept(t, ts, id); !c.Modified.Equal(before.Modified) || len(c.Terms) != len(before.Terms) {
			t.Errorf("%s: the concept changed", when)
		}
	}
	with := func(mod func(url.Values)) url.Values {
		f := url.Values{}
		for k, vs := range base {
			f[k] = append([]string(nil), vs...)
		}
		f.Set("token", testToken)
		mod(f)
		return f
	}

	// No token, a wrong one.
	f := with(func(f url.Values) { f.Del("token") })
	if resp, body := postNoRedirect(t, ts, "/glossary/"+id+"/edit", f); resp.StatusCode != 401 || !strings.Contains(body, "Give the access token") && !strings.Contains(body, "Geef de toegangscode") {
		t.Errorf("no token: %d", resp.StatusCode)
	}
	f = with(func(f url.Values) { f.Set("token", "wrong") })
	if resp, _ := postNoRedirect(t, ts, "/glossary/"+id+"/edit", f); resp.StatusCode != 401 {
		t.Errorf("wrong token: %d", resp.StatusCode)
	}
	unchanged("no or wrong token")

	// A term with a line break (a client, not the form's input, can send
	// one): refused naming its row, and the form keeps what was typed.
	en := formRow(t, base, "announce")
	f = with(func(f url.Values) {
		f.Set(en+"_text", "announce\npublicly")
		f.Set("def_en", "Changed but not saved.")
	})
	resp, body := postNoRedirect(t, ts, "/glossary/"+id+"/edit", f)
	if resp.StatusCode != 422 {
		t.Errorf("bad term: %d, want 422", resp.StatusCode)
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(en, "t"))
	if row := "Term " + strconv.Itoa(n+1) + " (tekst)"; !strings.Contains(body, row) {
		t.Errorf("bad term: the answer does not name %q", row)
	}
	if !strings.Contains(body, "Changed but not saved.") {
		t.Error("bad term: the form lost what was typed")
	}
	unchanged("bad term")

	// A good save: the English term changed, one added, the definition
	// changed; the Dutch term keeps its context.
	blank := ""
	for i := 0; ; i++ {
		k := "t" + strconv.Itoa(i)
		if _, ok := base[k+"_text"]; !ok {
			t.Fatal("no blank row")
		}
		if base.Get(k+"_text") == "" {
			blank = k
			break
		}
	}
	f = with(func(f url.Values) {
		f.Set(en+"_text", "announce")
		f.Set(blank+"_lang", "en")
		f.Set(blank+"_text", "make known")
		f.Set(blank+"_status", "admitted")
		f.Set(blank+"_pos", "verb")
		f.Set("def_en", "To make something known to the public.")
	})
	resp, _ = postNoRedirect(t, ts, "/glossary/"+id+"/edit", f)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/glossary/"+id+"?saved=1" {
		t.Fatalf("save: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	after, _ := apiConcept(t, ts, id)
	var made *glossary.Term
	for i, tm := range after.Terms {
		if tm.Text == "make known" {
			made = &after.Terms[i]
		}
	}
	if made == nil || made.Lang != "en" || made.Status != glossary.Admitted || made.POS != "verb" {
		t.Errorf("the new term: %+v", made)
	}
	if after.Definition["en"] != "To make something known to the public." {
		t.Errorf("definition: %q", after.Definition["en"])
	}
	for _, tm := range after.Terms {
		if tm.Text == "aankondigen" && tm.Context == "" {
			t.Error("the Dutch term lost its context, which the form does not show")
		}
	}
	var hist struct {
		History []struct{ Who, Action string }
	}
	resp2, err := http.Get(ts.URL + "/api/v1/glossary/" + id + "/history")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.NewDecoder(resp2.Body).Decode(&hist); err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if h := hist.History; len(h) != 1 || h[0].Who != "tester" {
		t.Errorf("history: %+v, want one change by tester", h)
	}

	// The form read before that save is stale now.
	f = with(func(f url.Values) { f.Set("def_en", "Someone else's change.") })
	resp, body = postNoRedirect(t, ts, "/glossary/"+id+"/edit", f)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Someone else changed") && !strings.Contains(body, "Iemand anders") {
		t.Errorf("stale form: %d", resp.StatusCode)
	}
	if c, _ := apiConcept(t, ts, id); c.Definition["en"] != "To make something known to the public." {
		t.Errorf("stale form overwrote the definition: %q", c.Definition["en"])
	}

	// Remove a term with a fresh form.
	_, page = fetch(t, ts, "GET", "/glossary/"+id+"/edit", nil, nil)
	base = formValues(t, page)
	f = with(func(f url.Values) { f.Set(formRow(t, base, "make known")+"_remove", "1") })
	if resp, _ := postNoRedirect(t, ts, "/glossary/"+id+"/edit", f); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", resp.StatusCode)
	}
	if c, _ := apiConcept(t, ts, id); len(c.Terms) != len(before.Terms) {
		t.Errorf("remove: %d terms, want %d", len(c.Terms), len(before.Terms))
	}

	// Delete: without the confirmation nothing happens.
	_, page = fetch(t, ts, "GET", "/glossary/"+id+"/edit", nil, nil)
	base = formValues(t, page)
	f = with(func(f url.Values) { f.Set("delete", "1") })
	if resp, _ := postNoRedirect(t, ts, "/glossary/"+id+"/edit", f); resp.StatusCode != 400 {
		t.Errorf("delete unconfirmed: %d", resp.StatusCode)
	}
	if _, code := apiConcept(t, ts, id); code != 200 {
		t.Fatal("deleted without confirmation")
	}
	f = with(func(f url.Values) { f.Set("delete", "1"); f.Set("confirm", "1") })
	if resp, _ := postNoRedirect(t, ts, "/glossary/"+id+"/edit", f); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("delete: %d", resp.StatusCode)
	}
	if _, code := apiConcept(t, ts, id); code != 404 {
		t.Errorf("after delete: GET %d", code)
	}
}

// TestConceptNewPage: a new concept from the form goes into the user
// collection; without a term it is refused.
func TestConceptNewPage(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	resp, page := fetch(t, ts, "GET", "/glossary/new", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET new: %d", resp.StatusCode)
	}
	base := formValues(t, page)
	base.Set("token", testToken)
	if resp, body := postNoRedirect(t, ts, "/glossary/new", base); resp.StatusCode != 422 || !strings.Contains(body, "at least one term") && !strings.Contains(body, "ten minste één term") {
		t.Errorf("no terms: %d", resp.StatusCode)
	}
	base.Set("t0_lang", "nl")
	base.Set("t0_text", "inburgering")
	base.Set("t0_pos", "noun")
	base.Set("t0_article", "de")
	base.Set("t1_lang", "en")
	base.Set("t1_text", "civic integration")
	base.Set("t1_pos", "noun")
	base.Set("subject", "migration")
	resp, _ = postNoRedirect(t, ts, "/glossary/new", base)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/glossary/"), "?saved=1")
	c, code := apiConcept(t, ts, id)
	if code != 200 || c.Collection != glossary.CollectionUser || len(c.Terms) != 2 || c.Terms[0].Article != "de" {
		t.Errorf("created %q: %d %+v", id, code, c)
	}
}

// TestConceptEditDisabled: without tokens the form says that editing is
// off.
func TestConceptEditDisabled(t *testing.T) {
	ts := newTestServer(t, nil)
	_, page := fetch(t, ts, "GET", "/glossary/aankondigen/edit", nil, map[string]string{"Accept-Language": "en"})
	if !strings.Contains(page, "Editing is switched off") {
		t.Error("no notice that editing is off")
	}
}

// TestConceptEditKeepsLines: saving the form untouched changes nothing of
// a concept whose note, definition and term note run over several lines.
// The term note was a one-line input (a browser drops its line breaks:
// "Bron: NZa\nGebruik …" became "Bron: NZaGebruik …") and the textareas'
// CRLF (how a browser submits them) was stored, so an untouched save
// changed three fields and recorded an update. A refused save keeps the
// breadcrumb to the concept (it showed "Termenlijst ›  ›").
func TestConceptEditKeepsLines(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	const id = "ml-1"
	body := `{"id":"ml-1","note":"Regel één.\nRegel twee.","definition":{"nl":"Termijn tussen aanmelding en behandeling.\nZie ook wachtlijst."},` +
		`"terms":[{"lang":"nl","text":"wachttermijn","status":"preferred","note":"Bron: NZa\nGebruik in brieven aan de Kamer"},{"lang":"en","text":"waiting period","status":"preferred"}]}`
	if code, b := post(t, ts, "/api/v1/glossary", testToken, "application/json", strings.NewReader(body)); code != 201 && code != 200 {
		t.Fatalf("POST concept: %d %s", code, b)
	}
	before, _ := apiConcept(t, ts, id)
	_, page := fetch(t, ts, "GET", "/glossary/"+id+"/edit", nil, nil)
	f := formValues(t, page)
	// As a browser submits textareas: CRLF line breaks.
	for k, vs := range f {
		for i := range vs {
			vs[i] = strings.ReplaceAll(vs[i], "\n", "\r\n")
		}
		f[k] = vs
	}
	f.Set("token", testToken)
	if resp, b := postNoRedirect(t, ts, "/glossary/"+id+"/edit", f); resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		t.Fatalf("save: %d %.300s", resp.StatusCode, b)
	}
	after, _ := apiConcept(t, ts, id)
	if after.Note != before.Note || after.Definition["nl"] != before.Definition["nl"] {
		t.Errorf("note %q, definition %q; want them as stored: %q, %q", after.Note, after.Definition["nl"], before.Note, before.Definition["nl"])
	}
	if len(after.Terms) != 2 || after.Terms[0].Note != before.Terms[0].Note {
		t.Errorf("terms %+v; want the term note %q kept", after.Terms, before.Terms[0].Note)
	}

	// A stale save is refused; the page still leads back to the concept.
	f.Set("rev", "stale")
	resp, refused := postNoRedirect(t, ts, "/glossary/"+id+"/edit", f)
	if resp.StatusCode < 400 {
		t.Fatalf("stale save: %d", resp.StatusCode)
	}
	if !strings.Contains(refused, `href="/glossary/`+id+`"`) || !strings.Contains(refused, `action="/glossary/`+id+`/edit"`) {
		t.Errorf("the refused page has no breadcrumb or action with the concept's id")
	}
}
