package server

import (
	"regexp"
	"strings"
	"testing"
)

// TestGlossaryPageEnglishOnlyConcept: a concept with English terms only
// is listed and headed with lang="en" (it stood in the Dutch column with
// lang="nl", and the concept page had <h1 lang="nl">), its English not
// shown a second time.
func TestGlossaryPageEnglishOnlyConcept(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	importCSV(t, ts, "format=csv&collection=eng", "nl,en\n,tenancy agreement\n")
	_, body := fetch(t, ts, "GET", "/glossary?collection=eng", nil, nil)
	if !regexp.MustCompile(`<a class="nl" lang="en" href="/glossary/[^"]+">tenancy agreement</a>`).MatchString(body) {
		t.Errorf("/glossary?collection=eng does not list tenancy agreement with lang=\"en\":\n%s", listed(body))
	}
	if strings.Count(body, ">tenancy agreement<") != 1 {
		t.Errorf("tenancy agreement shown %d times, want once:\n%s", strings.Count(body, ">tenancy agreement<"), listed(body))
	}
	id := regexp.MustCompile(`href="/glossary/([^"?]+)">tenancy agreement`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no link to the concept")
	}
	_, page := fetch(t, ts, "GET", "/glossary/"+id[1], nil, nil)
	if !strings.Contains(page, `<h1 lang="en">tenancy agreement</h1>`) {
		t.Errorf("concept page heading: %s", regexp.MustCompile(`<h1[^>]*>[^<]*</h1>`).FindString(page))
	}
}

// TestGlossaryPageCollectionTag: a list of concepts of several
// collections tags each row with its collection (identical rows of the
// curated glossary and an import could not be told apart); a list of one
// collection does not.
func TestGlossaryPageCollectionTag(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	importCSV(t, ts, "format=csv&collection=team", "nl,en\nstaatsgreep,coup\n")
	_, body := fetch(t, ts, "GET", "/glossary?q=coup&lang=en", nil, nil)
	for _, coll := range []string{"curated", "team"} {
		if !regexp.MustCompile(`<span class="tag coll" title="[^"]+">` + coll + `</span>`).MatchString(body) {
			t.Errorf("no %s tag:\n%s", coll, listed(body))
		}
	}
	_, body = fetch(t, ts, "GET", "/glossary?q=coup&lang=en&collection=team", nil, nil)
	if strings.Contains(body, `class="tag coll"`) {
		t.Errorf("a list of one collection tags its rows:\n%s", listed(body))
	}
}

// listed is the list of concepts of a glossary page, for a message.
func listed(body string) string {
	if i := strings.Index(body, `<div id="concepts">`); i >= 0 {
		body = body[i:]
	}
	return body[:min(len(body), 3000)]
}
