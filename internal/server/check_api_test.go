package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary/match"
)

// TestCheckAPIConcepts: the check answers every concept of the source,
// passed or not, with its spans in both texts, and the three QA cases of
// issue 12 come out as a QA tool has them.
func TestCheckAPIConcepts(t *testing.T) {
	ts := newTestServer(t, nil)
	nl := "De VN Veiligheidsraad veroordeelde de staatsgreep. De Secretaris-Generaal van de VN riep op tot herstel van de constitutionele orde."
	en := "The UN Security Council convicted the coup d'état. The UN Secretary General called for a return to the constitutional order."
	body, _ := json.Marshal(map[string]string{"nl": nl, "en": en})
	resp, err := http.Post(ts.URL+"/api/v1/check", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Offsets  string               `json:"offsets"`
		Issues   []match.Issue        `json:"issues"`
		Concepts []match.ConceptCheck `json:"concepts"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, %v", resp.StatusCode, err)
	}
	kinds := map[string]match.ConceptCheck{}
	for _, c := range out.Concepts {
		kinds[c.Concept] = c
		for _, s := range c.NL {
			if nl[s.Start:s.End] != s.Text {
				t.Errorf("%s: source span %+v", c.Concept, s)
			}
		}
		for _, s := range c.EN {
			if en[s.Start:s.End] != s.Text {
				t.Errorf("%s: translation span %+v", c.Concept, s)
			}
		}
	}
	for concept, want := range map[string]string{"veroordelen": "deprecated", "secretaris-generaal-vn": "deprecated",
		"herstel-constitutionele-orde": "passed", "staatsgreep": "passed"} {
		if kinds[concept].Kind != want {
			t.Errorf("%s: %+v, want %s", concept, kinds[concept], want)
		}
	}
	failed := 0
	for _, c := range out.Concepts {
		if c.Kind != match.KindPassed {
			failed++
		}
	}
	if len(out.Issues) != failed || failed == 0 || out.Offsets != "bytes" {
		t.Errorf("%d issues for %d failed concepts (offsets %q)", len(out.Issues), failed, out.Offsets)
	}
}

// TestLookupAdvice: a lookup that lands on a deprecated term says so.
func TestLookupAdvice(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, err := http.Get(ts.URL + "/api/v1/glossary?" + url.Values{"q": {"convict"}, "lang": {"en"}, "mode": {"exact"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Concepts []struct {
			ID     string   `json:"id"`
			Status string   `json:"matched_status"`
			Lang   string   `json:"matched_lang"`
			Use    []string `json:"use"`
			Advice string   `json:"advice"`
		} `json:"concepts"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Concepts) == 0 {
		t.Fatalf("%v %+v", err, out)
	}
	c := out.Concepts[0]
	if c.ID != "veroordelen" || c.Status != "deprecated" || c.Lang != "en" || len(c.Use) != 1 || c.Use[0] != "condemn" ||
		c.Advice != "convict — deprecated for veroordelen; use condemn" {
		t.Errorf("lookup of convict: %+v", c)
	}
}

// TestAnnotateLetterSenses: annotating the whole letter, the inflected
// adjectives are the adjectives' concepts (issue 12: "militaire" was
// soldier, "Nederlandse" the Netherlands in 5 of 8 uses) and the inflected
// and split verbs are recognised, as the reader shows them.
func TestAnnotateLetterSenses(t *testing.T) {
	ts := newTestServer(t, nil)
	text := maliLetter(t)
	r := annotate(t, ts, "/api/v1/annotate?lang=nl", "text/plain", []byte(text))
	checkOffsets(t, text, r.Annotations)
	byText := map[string][]string{}
	for _, a := range r.Annotations {
		w := strings.Join(strings.Fields(a.Text), " ")
		byText[w] = append(byText[w], a.Concept)
	}
	for _, tt := range []struct {
		text    string
		concept string
		min     int // occurrences the letter has as a word of their own
	}{
		{"militaire", "militair-bn", 1},
		{"militairen", "militair", 2},
		{"Nederlandse", "nederlands", 4},
		{"veroordeelde", "veroordelen", 1},
		{"veroordeeld", "veroordelen", 2},
		{"op te schorten", "opschorten", 1},
	} {
		got := byText[tt.text]
		if len(got) < tt.min {
			t.Errorf("%q annotated %d times (%v), want at least %d", tt.text, len(got), got, tt.min)
		}
		for _, c := range got {
			if c != tt.concept {
				t.Errorf("%q annotated as %s, want %s", tt.text, c, tt.concept)
			}
		}
	}
}
