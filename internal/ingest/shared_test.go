package ingest

import (
	"bufio"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

type bwbDoc struct {
	ID, Title, Text string
}

func readBWB(t testing.TB, n int) []bwbDoc {
	t.Helper()
	sc := bufio.NewScanner(sharedtest.Open(t, "data", "bwb-laws-markdown", "bwb-small.jsonl.gz"))
	sc.Buffer(nil, 64<<20)
	var docs []bwbDoc
	for sc.Scan() && len(docs) < n {
		var d bwbDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestBWBMarkdown parses real circulars and policy rules (Markdown with
// quirks: "##Title" without a space, an HTML meta line, tables, relative
// links) and checks the result is sensible, not only error-free.
func TestBWBMarkdown(t *testing.T) {
	docs := readBWB(t, 200)
	for _, d := range docs {
		doc, err := Parse(d.ID+".md", []byte(d.Text), Options{MaxBytes: 64 << 20})
		if err != nil {
			t.Errorf("%s: %v", d.ID, err)
			continue
		}
		checkInvariants(t, doc)
		if want := strings.Join(strings.Fields(d.Title), " "); doc.Title != want {
			t.Errorf("%s: Title = %q, want %q", d.ID, doc.Title, want)
		}
		if len(doc.Paragraphs) == 0 {
			t.Errorf("%s: no paragraphs", d.ID)
		}
		// "***" alone is a placeholder in some circulars; "**word" is markup.
		if m := leftMarkup.FindString(doc.Text); m != "" {
			t.Errorf("%s: Text keeps markup %q", d.ID, m)
		}
		for _, p := range doc.Paragraphs {
			if strings.Trim(p.Text, "|-*#>_= \n") == "" {
				t.Errorf("%s: paragraph %d is only markup: %q", d.ID, p.N, p.Text)
			}
		}
	}
}

// TestDehyphenationWordlist measures the line-end rule on the OpenTaal
// word list: every hyphenated entry broken at its hyphen must keep it, and
// every other lower-case word broken between two letters that do not form
// one sound must be joined back. It reports the rates and fails below the
// floors, which pin the figures in docs/PERFORMANCE.md.
func TestDehyphenationWordlist(t *testing.T) {
	sc := bufio.NewScanner(sharedtest.Open(t, "data", "opentaal-wordlist-debian", "dutch.txt.gz"))
	var keepOK, keepN, joinOK, joinN, tremaOK, tremaN int
	var keepBad, joinBad []string
	undo := map[rune]rune{'ë': 'e', 'ï': 'i', 'ö': 'o', 'ü': 'u'}
	for i := 0; sc.Scan(); i++ {
		w := sc.Text()
		if strings.ContainsAny(w, " .'/") {
			continue
		}
		r := []rune(w)
		if h := strings.IndexRune(w, '-'); h > 0 && h < len(w)-1 {
			keepN++
			if got := joinLines(w[:h+1], w[h+1:], true); got == w {
				keepOK++
			} else if len(keepBad) < 12 {
				keepBad = append(keepBad, w)
			}
			continue
		}
		if !unicode.IsLower(r[0]) || len(r) < 6 || i%7 != 0 {
			continue // a seventh of the plain words is plenty
		}
		// Break where Dutch hyphenation may: before a diaeresis (which it
		// drops), or before the consonant that starts a syllable ("veroor-
		// deeld", "inspan-ningen", "terugke-rende").
		for k := 2; k <= len(r)-3; k++ {
			if d, ok := undo[r[k]]; ok && isVowel(r[k-1]) {
				tremaN++
				if joinLines(string(r[:k])+"-", string(d)+string(r[k+1:]), true) == w {
					tremaOK++
				}
				continue
			}
			if isVowel(r[k]) || !isVowel(r[k+1]) {
				continue
			}
			joinN++
			if got := joinLines(string(r[:k])+"-", string(r[k:]), true); got == w {
				joinOK++
			} else if len(joinBad) < 12 {
				joinBad = append(joinBad, got)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	rate := func(ok, n int) float64 { return float64(ok) / float64(max(n, 1)) }
	t.Logf("hyphen kept: %d/%d = %.3f (wrong e.g. %q)", keepOK, keepN, rate(keepOK, keepN), keepBad)
	t.Logf("hyphenation removed: %d/%d = %.4f (wrong e.g. %q)", joinOK, joinN, rate(joinOK, joinN), joinBad)
	t.Logf("diaeresis restored: %d/%d = %.3f", tremaOK, tremaN, rate(tremaOK, tremaN))
	if rate(joinOK, joinN) < 0.99 || rate(tremaOK, tremaN) < 0.9 || rate(keepOK, keepN) < 0.4 {
		t.Errorf("dehyphenation below the floors (0.99 removed, 0.9 diaeresis, 0.4 kept)")
	}
}

var leftMarkup = regexp.MustCompile(`<meta|\]\(|##|\*\*\pL`)

func isVowel(r rune) bool { return strings.ContainsRune("aeiouy", r) }
