package fuzzy

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestGoldenTreaties matches edited copies of real treaty segments against
// all of them: the identical sentence is found at 100, and one word, one
// inflection or one number changed at the percentage the formula of the
// package comment gives for the sentence's length; a sentence of another
// domain is not returned.
func TestGoldenTreaties(t *testing.T) {
	segs := treatySegments(t)
	x := New(KeyFor("nl"))
	start := time.Now()
	es := make([]Entry, len(segs))
	for i, s := range segs {
		es[i] = Entry{ID: fmt.Sprint(i), Text: s.NL, Collection: s.Collection}
	}
	x.Put(es...)
	t.Logf("%d segments indexed in %v", x.Len(), time.Since(start).Round(time.Millisecond))
	byText := map[string]bool{}
	for _, s := range segs {
		byText[s.NL] = true
	}
	// Real sentences, each with an edit; want is what the formula gives:
	// 100 × (1 − cost / words), rounded down.
	const golden = "Dit Verdrag treedt in werking op de eerste dag van de tweede maand nadat beide partijen elkaar langs diplomatieke weg schriftelijk ervan in kennis hebben gesteld dat aan hun interne procedures vereist voor de inwerkingtreding van het Verdrag is voldaan."
	tests := []struct {
		name, sentence, from, to string
		cost                     float64
	}{
		{"identical", golden, "", "", 0},
		{"one word changed", golden, "tweede", "derde", 1},
		{"one word left out", golden, "schriftelijk ", "", 1},
		{"inflection changed", golden, "procedures", "procedure", 0.5},
	}
	if _, ok := byText[golden]; !ok {
		t.Fatalf("the golden sentence is not a segment of the treaty TM")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.sentence
			if tt.from != "" {
				q = strings.Replace(q, tt.from, tt.to, 1)
			}
			ms, st, err := x.Match(context.Background(), Query{Text: q, Min: 50, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			n := max(words(Tokenize(q, nil)), words(Tokenize(tt.sentence, nil)))
			want := percent(tt.cost, n)
			if len(ms) == 0 || ms[0].Text != tt.sentence || ms[0].Score != want {
				t.Fatalf("best match %s, want %q at %d (%d words, cost %v)", show(ms), tt.sentence, want, n, tt.cost)
			}
			t.Logf("%d%% (postings %d, candidates %d, verified %d)", ms[0].Score, st.Postings, st.Candidates, st.Verified)
		})
	}
	t.Run("number changed", func(t *testing.T) {
		var sentence string
		for s := range byText {
			ts := Tokenize(s, nil)
			if w := words(ts); w >= 15 && w <= 30 && strings.Contains(s, " 30 ") {
				if sentence == "" || s < sentence {
					sentence = s
				}
			}
		}
		if sentence == "" {
			t.Fatal("no treaty sentence of 15–30 words with the number 30")
		}
		q := strings.Replace(sentence, " 30 ", " 60 ", 1)
		ms, _, err := x.Match(context.Background(), Query{Text: q, Min: 50, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		want := percent(costNumber, words(Tokenize(q, nil)))
		if len(ms) == 0 || ms[0].Score != want {
			t.Fatalf("%q: best match %s, want %d", q, show(ms), want)
		}
		if d := ms[0].QueryDiffs; len(d) != 1 || d[0].Kind != DiffNumber || q[d[0].Start:d[0].End] != "60" {
			t.Errorf("query diffs %+v, want the number 60 marked", d)
		}
	})
	t.Run("unrelated", func(t *testing.T) {
		for _, q := range []string{
			"De staatsgreep in Mali heeft de politieke transitie ernstig vertraagd.",
			"Het kabinet stuurt de Kamer hierbij de antwoorden op de vragen van het lid.",
		} {
			ms, _, err := x.Match(context.Background(), Query{Text: q, Min: 70})
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) > 0 {
				t.Errorf("%q: %s, want nothing at 70 or more", q, show(ms))
			}
		}
	})
}

func show(ms []Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "[%d %q] ", m.Score, m.Text)
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}
