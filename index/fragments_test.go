package index

import (
	"html"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// spansOf returns the spans of every occurrence of the words in text.
func spansOf(text string, words ...string) []span {
	var ss []span
	for _, w := range words {
		for i := 0; ; {
			j := strings.Index(text[i:], w)
			if j < 0 {
				break
			}
			ss = append(ss, span{i + j, i + j + len(w)})
			i += j + len(w)
		}
	}
	return ss
}

func TestFragments(t *testing.T) {
	long := strings.Repeat("Het kabinet steunt de missie in Mali en de regio. ", 20)
	tests := []struct {
		name  string
		text  string
		words []string
		want  []string
	}{
		{
			name:  "short passage whole",
			text:  "De staatsgreep in Mali & de <gevolgen>.",
			words: []string{"staatsgreep"},
			want:  []string{"De <mark>staatsgreep</mark> in Mali &amp; de &lt;gevolgen&gt;."},
		},
		{
			name:  "phrase is one highlight",
			text:  "De missie blijft tot nader order opgeschort.",
			words: []string{"tot", "nader", "order"},
			want:  []string{"De missie blijft <mark>tot nader order</mark> opgeschort."},
		},
		{
			name:  "words apart stay apart",
			text:  "De missie in Mali.",
			words: []string{"missie", "Mali"},
			want:  []string{"De <mark>missie</mark> in <mark>Mali</mark>."},
		},
		{
			name:  "overlapping spans merge",
			text:  "Een trainingsmissie.",
			words: []string{"trainingsmissie", "missie"},
			want:  []string{"Een <mark>trainingsmissie</mark>."},
		},
		{
			name:  "passage of 300 bytes is shown whole",
			text:  strings.Repeat("woord ", 25) + "missie " + strings.Repeat("woord ", 24) + "Mali.",
			words: []string{"missie", "Mali"},
			want:  []string{strings.Repeat("woord ", 25) + "<mark>missie</mark> " + strings.Repeat("woord ", 24) + "<mark>Mali</mark>."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fragments(tt.text, spansOf(tt.text, tt.words...))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fragments (-want +got):\n%s", diff)
			}
			checkFragments(t, tt.text, got)
		})
	}
	t.Run("long passage", func(t *testing.T) {
		got := fragments(long, spansOf(long, "Mali"))
		if len(got) == 0 || len(got) > maxFragments {
			t.Fatalf("%d fragments, want 1..%d", len(got), maxFragments)
		}
		checkFragments(t, long, got)
	})
	t.Run("close matches share one fragment", func(t *testing.T) {
		text := strings.Repeat("x ", 200) + "missie " + strings.Repeat("y ", 100) + "Mali " + strings.Repeat("z ", 200)
		got := fragments(text, spansOf(text, "missie", "Mali"))
		if len(got) != 1 {
			t.Fatalf("%d fragments %q, want one holding both", len(got), got)
		}
		checkFragments(t, text, got)
	})
}

// plain removes the marks and ellipses fragments add and unescapes the rest.
func plain(f string) string {
	f = strings.NewReplacer("<mark>", "", "</mark>", "", "…", "").Replace(f)
	return html.UnescapeString(f)
}

// checkFragments fails unless the fragments are pieces of text in order that
// neither overlap nor touch, none is empty, and no mark is empty or nested.
func checkFragments(t *testing.T, text string, frags []string) {
	t.Helper()
	pos := 0
	for i, f := range frags {
		p := plain(f)
		if p == "" {
			t.Errorf("fragment %d is empty: %q", i, f)
			continue
		}
		j := strings.Index(text[pos:], p)
		if j < 0 {
			t.Errorf("fragment %d %q overlaps or repeats the text before it, or is not in the passage", i, f)
			return
		}
		if i > 0 && j == 0 {
			t.Errorf("fragment %d %q touches the one before: they should be one", i, f)
		}
		pos += j + len(p)
		if strings.Contains(f, "<mark></mark>") || strings.Count(f, "<mark>") != strings.Count(f, "</mark>") {
			t.Errorf("fragment %d %q has an empty or unbalanced mark", i, f)
		}
	}
}

// FuzzFragments checks the fragment invariants on arbitrary text and spans.
func FuzzFragments(f *testing.F) {
	f.Add("De staatsgreep in Mali & de <gevolgen>.", 3, 14, 18, 22)
	f.Add(strings.Repeat("missie in Mali ", 80), 0, 6, 300, 310)
	f.Add(strings.Repeat("a b ", 200), 100, 101, 102, 103)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		var ss []span
		for _, s := range [][2]int{{s1, e1}, {s2, e2}} {
			if s[0] < 0 || s[1] > len(text) || s[0] >= s[1] {
				continue
			}
			ss = append(ss, span{s[0], s[1]})
		}
		got := fragments(text, ss)
		if len(ss) > 0 && len(got) == 0 {
			t.Fatalf("no fragment for spans %v", ss)
		}
		if len(got) > maxFragments {
			t.Fatalf("%d fragments", len(got))
		}
		checkFragments(t, text, got)
	})
}
