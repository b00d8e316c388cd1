package index

import (
	"bufio"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// TestUndoubleSurvey gives docs/COMPOUNDS.md's figures for analysis 22
// (undoubleAfterVowel): over the OpenTaal word list's lower-case one-word
// entries, how many keys the rule changes, and how many of those it joins
// to another word's key, with the first of them for reading by hand.
//
//	TOLK_UNDOUBLE_SURVEY=1 go test ./index -run TestUndoubleSurvey -v
func TestUndoubleSurvey(t *testing.T) {
	if os.Getenv("TOLK_UNDOUBLE_SURVEY") != "1" {
		t.Skip("set TOLK_UNDOUBLE_SURVEY=1 to list the keys undoubleAfterVowel changes in the OpenTaal word list")
	}
	sc := bufio.NewScanner(sharedtest.Open(t, "data", "opentaal-wordlist-debian", "dutch.txt.gz"))
	table := overrides()
	// The key each word had before the rule: stemNL's steps without it.
	before := map[string][]string{}
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.ContainsAny(w, " .-'") || w != strings.ToLower(w) {
			continue
		}
		f := Fold(w)
		if len(f) > MaxWordLen {
			continue
		}
		k := stemNL(table, f)
		if !strings.HasSuffix(k, "heid") {
			env := snowballstem.NewEnv(lemmaNL(table, trimApostropheS(f)))
			dutch.Stem(env)
			k = env.Current()
		}
		before[k] = append(before[k], w)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	var changed, joined []string
	for k := range before {
		if u := undoubleAfterVowel(k); u != k {
			changed = append(changed, k)
			if _, ok := before[u]; ok {
				joined = append(joined, k)
			}
		}
	}
	sort.Strings(joined)
	t.Logf("%d keys changed, %d of them joined to another word's key", len(changed), len(joined))
	for _, k := range joined[:min(len(joined), 150)] {
		u := undoubleAfterVowel(k)
		t.Logf("%s %q → %s %q", k, before[k][:min(3, len(before[k]))], u, before[u][:min(3, len(before[u]))])
	}
	if len(joined) == 0 {
		t.Errorf("the rule joins no word to another: the survey measures nothing")
	}
}
