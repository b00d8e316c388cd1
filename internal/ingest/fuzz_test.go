package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/internal/corpus"
)

// The seed corpora live in testdata/fuzz/FuzzParse and
// testdata/fuzz/FuzzJoinLines; f.Add adds the letter's opening and close
// on top.

// fuzzMaxBytes is FuzzParse's size limit: larger inputs are refused
// (ErrTooLarge) before they are parsed. The whole letter (9.5 KB) as a seed
// made the fuzzer slow twice over: each execution parses every line, and
// go test minimises each new input with a pass quadratic in its length.
const fuzzMaxBytes = 8 << 10

func FuzzParse(f *testing.F) {
	letter, err := corpus.Default().ReadFile(corpus.MaliLetter)
	if err != nil {
		f.Fatal(err)
	}
	// About 2 KB from the start (letterhead, headings, hyphenation) and
	// from the end (signatures, references), cut at line ends.
	head := letter[:bytes.LastIndexByte(letter[:2048], '\n')+1]
	tail := letter[bytes.IndexByte(letter[len(letter)-2048:], '\n')+len(letter)-2048+1:]
	f.Add("kamerbrief-mali-2020.txt", head)
	f.Add("kamerbrief-mali-2020.txt", tail)
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if n := CleanName(name); !utf8.ValidString(n) || strings.ContainsFunc(n, unicode.IsControl) || len(n) > MaxNameLen || CleanName(n) != n {
			t.Errorf("CleanName(%q) = %q", name, n)
		}
		doc, err := Parse(name, data, Options{MaxBytes: fuzzMaxBytes})
		if err != nil {
			for _, sentinel := range []error{ErrEmpty, ErrTooLarge, ErrBinary, ErrInvalidUTF8, ErrUnsupported} {
				if errors.Is(err, sentinel) {
					return
				}
			}
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		checkInvariants(t, doc)
	})
}

// FuzzJoinLines checks that joining two lines never loses or invents
// letters: the result, without spaces and hyphens, is the two lines without
// them, apart from a restored diaeresis.
func FuzzJoinLines(f *testing.F) {
	for _, s := range [][2]string{
		{"werd veroor-", "deeld en"}, {"De Secretaris-", "Generaal"}, {"de advies-", "en training"},
		{"uw Kamer ge-", "informeerd"}, {"EU-", "instellingen"}, {"x\u00ad", "y"}, {"-", "-"},
	} {
		f.Add(s[0], s[1], true)
	}
	strip := strings.NewReplacer(" ", "", "-", "", "\u2010", "", "\u00ad", "", "ë", "e", "ï", "i", "ö", "o", "ü", "u")
	f.Fuzz(func(t *testing.T, a, b string, typeset bool) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		a, b = normalizeInline(a), normalizeInline(b)
		got := joinLines(a, b, typeset)
		if !utf8.ValidString(got) {
			t.Fatalf("joinLines(%q, %q) = %q: invalid UTF-8", a, b, got)
		}
		if strip.Replace(got) != strip.Replace(a+b) {
			t.Fatalf("joinLines(%q, %q) = %q changes the letters", a, b, got)
		}
		if len(got) < len(a)+len(b)-3 { // at most one hyphen (≤ 3 bytes) goes

			t.Fatalf("joinLines(%q, %q) = %q lost text", a, b, got)
		}
	})
}
