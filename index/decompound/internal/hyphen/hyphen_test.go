package hyphen

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func mustParse(t testing.TB, text string) *Patterns {
	t.Helper()
	p, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLiang checks the algorithm on the patterns of Liang's thesis that
// hyphenate "hyphenation": the highest level wins at each place, odd
// levels allow a hyphen.
func TestLiang(t *testing.T) {
	p := mustParse(t, "hy3ph\nhe2n\nhena4\nhen5at\n1na\nn2at\n1tio\n2io\no2n\n")
	if got, want := p.Hyphenate("hyphenation"), "hy-phen-ation"; got != want {
		t.Errorf("Hyphenate = %q, want %q", got, want)
	}
	if got := p.Len(); got != 9 {
		t.Errorf("Len = %d, want 9", got)
	}
}

// TestMinLetters checks LEFTHYPHENMIN and RIGHTHYPHENMIN, counted in
// letters, not bytes, and the word-boundary dot.
func TestMinLetters(t *testing.T) {
	tests := []struct {
		name, patterns, word string
		want                 []int
	}{
		{"defaults 2/2", "1b\n", "ababab", []int{3}},
		{"1/1", "LEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n1b\n", "ababab", []int{1, 3, 5}},
		{"3/1", "LEFTHYPHENMIN 3\nRIGHTHYPHENMIN 1\n1b\n", "ababab", []int{3, 5}},
		{"letters, not bytes", "1ë\n", "aëaëaë", []int{4}},
		{"multi-byte 1/1", "LEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n1ë\n", "aëaë", []int{1, 4}},
		{"dot anchors at the start", "LEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n.b1\n", "bbb", []int{1}},
		{"dot anchors at the end", "LEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n1b.\n", "bbb", []int{2}},
		{"even level inhibits", "LEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n1b\na2b\n", "abcb", []int{3}},
		{"no pattern matches", "1z\n", "abab", nil},
		{"too short", "1b\n", "ab", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParse(t, tt.patterns).Points(tt.word, nil)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Points(%q) (-want +got):\n%s", tt.word, diff)
			}
		})
	}
}

// dutch parses the compiled patterns that package decompound embeds.
func dutch(t testing.TB) *Patterns {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "hyphen-nl", "hyph_nl.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDutch checks the OpenTaal patterns on compounds: Dutch hyphenation
// puts a linking s with the modifier, which the splitter relies on.
func TestDutch(t *testing.T) {
	p := dutch(t)
	for _, want := range []string{
		"ont-wik-ke-lings-sa-men-wer-king",
		"om-gangs-taal",
		"re-ge-rings-le-den",
		"vre-des-ak-koord",
		"vrou-wen-toer-nooi",
		"ca-pa-ci-teits-op-bouw-mis-sie",
		"top-sprin-ter",
		"on-ge-luk-ken",
		"be-ëin-di-gen",
	} {
		if got := p.Hyphenate(strings.ReplaceAll(want, "-", "")); got != want {
			t.Errorf("Hyphenate = %q, want %q", got, want)
		}
	}
	if l, r := p.MinLetters(); l != 2 || r != 2 {
		t.Errorf("MinLetters = %d, %d, want 2, 2", l, r)
	}
}

func TestCompile(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ISO-8859-1", "ISO8859-1\n% a comment\na3\xeb\n.aan5\n\n", "LEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\n.aan5\na3ë\n"},
		{"UTF-8 with minima", "UTF-8\nRIGHTHYPHENMIN 3\nLEFTHYPHENMIN 1\nb1a\n", "LEFTHYPHENMIN 1\nRIGHTHYPHENMIN 3\nb1a\n"},
		{"duplicates merged", "UTF-8\na1b\na2b3\n", "LEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\na2b3\n"},
		{"no final newline", "ISO8859-1\n1b", "LEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\n1b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			st, err := Compile(strings.NewReader(tt.in), &out)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, out.String()); diff != "" {
				t.Errorf("Compile (-want +got):\n%s", diff)
			}
			if st.Bytes != out.Len() {
				t.Errorf("Stats.Bytes = %d, want %d", st.Bytes, out.Len())
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error // nil: any error
	}{
		{"unknown encoding", "KOI8-R\na1b\n", nil},
		{"two digits", "UTF-8\na12b\n", nil},
		{"inner dot", "UTF-8\na.b\n", nil},
		{"upper case", "UTF-8\nA1b\n", nil},
		{"two levels", "UTF-8\na1b\nNEXTLEVEL\n", nil},
		{"bad minimum", "UTF-8\nLEFTHYPHENMIN x\n", nil},
		{"digits only", "UTF-8\n1\n", nil},
		{"empty", "UTF-8\n% nothing\n", ErrEmpty},
		{"not UTF-8", "UTF-8\na\xeb1\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(strings.NewReader(tt.in), &bytes.Buffer{})
			if err == nil {
				t.Fatal("Compile: no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Compile: %v, want %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "hyphen: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestLicence(t *testing.T) {
	excerpt := "Files: debian/*\nCopyright: someone\nFiles: dictionaries/nl_NL/*\nCopyright: 2006-2010 OpenTaal\nLicense: BSD-2-clause or CC-BY-3.0\n\nFiles: other\n"
	got, err := Licence([]byte(excerpt))
	if err != nil {
		t.Fatal(err)
	}
	want := licenceHeader + "Files: dictionaries/nl_NL/*\nCopyright: 2006-2010 OpenTaal\nLicense: BSD-2-clause or CC-BY-3.0\n\n" + bsd2
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("Licence (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"", "Files: dictionaries/de_DE/*\nLicense: BSD-2-clause\n", "Files: dictionaries/nl_NL/*\nCopyright: x\n", "Files: dictionaries/nl_NL/*\nLicense: GPL-2\n"} {
		if _, err := Licence([]byte(bad)); !errors.Is(err, ErrNoLicence) {
			t.Errorf("Licence(%q) = %v, want ErrNoLicence", bad, err)
		}
	}
}

// FuzzParse checks that Parse never panics, that Points stays inside the
// word at letter boundaries, and that Compile's output compiles to itself.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"hy3ph\nhe2n\nhena4\n", "LEFTHYPHENMIN 1\n1ë\n.a4\n", "a1b\na2b3\n", "UTF-8\n.aan5\n", "1\n", "a..b"} {
		f.Add(s, "hyphenation")
	}
	f.Fuzz(func(t *testing.T, text, word string) {
		p, err := Parse([]byte(text))
		if err != nil {
			return
		}
		pts := p.Points(word, nil)
		if !slices.IsSorted(pts) {
			t.Fatalf("Points(%q) = %v: not sorted", word, pts)
		}
		for _, i := range pts {
			if i <= 0 || i >= len(word) || !utf8.RuneStart(word[i]) {
				t.Fatalf("Points(%q) = %v: %d is no inner letter boundary", word, pts, i)
			}
		}
		var once, twice bytes.Buffer
		if _, err := Compile(strings.NewReader("UTF-8\n"+text), &once); err != nil {
			t.Fatalf("Parse accepts %q, Compile does not: %v", text, err)
		}
		if _, err := Compile(strings.NewReader("UTF-8\n"+once.String()), &twice); err != nil {
			t.Fatalf("Compile does not accept its own output %q: %v", once.String(), err)
		}
		if once.String() != twice.String() {
			t.Fatalf("Compile is not idempotent:\n%q\n%q", once.String(), twice.String())
		}
	})
}

// BenchmarkPoints hyphenates a long compound with the Dutch patterns.
func BenchmarkPoints(b *testing.B) {
	p := dutch(b)
	buf := make([]int, 0, 64)
	for b.Loop() {
		buf = p.Points("ontwikkelingssamenwerking", buf[:0])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/word")
}
