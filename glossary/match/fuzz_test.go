package match

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"De staatsgrepen in Mali; de AU en de VN-missie.",
		"augustus AU Au EU's EU-lidstaten",
		"Secretaris-\nGeneraal voedsel-\nzekerheid trainingsmissie",
		"Intelligence, Surveillance and Reconnaissance (ISR)",
		"Keïta Keïta Ke\u0308ita ĳ \xff\xfe uw\r\nKamer",
		"-- ‐ ’s 's NGO’s",
		"De EU roept de junta op tot steun. Ik voer het uit. Daar hecht ik aan; voert troepen uit Mali af.",
		"Nederland spreekt zijn steun uit voor de junta, roept op tot en voert\n\nuit",
		"They carry it out; carry the plan out. carry out carry-out",
	} {
		f.Add(s, "nl")
		f.Add(s, "")
	}
	m := NewMatcher(testConcepts(), Options{Key: crudeKey, Split: splitTest})
	sep := separatedMatcher()
	f.Fuzz(func(t *testing.T, text, lang string) {
		checkAnnotations(t, text, m.Annotate(text, lang))
		// Separated forms: each verb before its rest, and with the verbs
		// spread out still sorted, in place and without overlap.
		as := sep.Annotate(text, lang)
		for _, a := range as {
			if a.Verb != nil && (a.Verb.End > a.Start || a.Verb.Start >= a.Verb.End || text[a.Verb.Start:a.Verb.End] != a.Verb.Text) {
				t.Fatalf("verb %+v of %+v", *a.Verb, a)
			}
		}
		checkAnnotations(t, text, Spread(as))
		for _, c := range m.Candidates(text, 10) {
			if c.Count < 1 || c.Text == "" {
				t.Fatalf("bad candidate %+v", c)
			}
		}
		_ = m.Check(text, text)
	})
}

// TestLongWord guards against work quadratic in a word's length.
func TestLongWord(t *testing.T) {
	m := NewMatcher(testConcepts(), Options{Key: crudeKey})
	text := strings.Repeat("a", 1<<20) + " staatsgreep " + strings.Repeat("B", 1<<20)
	start := time.Now()
	checkAnnotations(t, text, m.Annotate(text, ""))
	m.Candidates(text, 10)
	m.Check(text, text)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("a 2 MB text of three words took %v", d)
	}
}

// FuzzTokenize checks tokenize, which has a short way for ASCII, against
// tokenizeRef, which decodes and classifies every rune.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"De staatsgrepen in Mali; de AU en de VN-missie.",
		"Secretaris-\nGeneraal voedsel-\nzekerheid 2e 3D d'état programma’s",
		"Keïta KEÏTA Ke\u0308ita ĳ \xff\xfe uw\r\nKamer ÉÉN één",
		"1a A1 ab1 AB1 EU's NGO’s ’s -- ‐",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := tokenize(s, nil)
		for k := range got {
			want := gapSpace
			if k+1 < len(got) {
				want = gapKind(s[got[k].end:got[k+1].start])
			}
			if int(got[k].next) != want {
				t.Errorf("tokenize(%q): token %d: gap kind %d, want %d", s, k, got[k].next, want)
			}
			got[k].next = 0 // tokenizeRef does not set it
		}
		if diff := cmp.Diff(tokenizeRef(s, nil), got, cmp.AllowUnexported(token{})); diff != "" {
			t.Errorf("tokenize(%q) (-want +got):\n%s", s, diff)
		}
	})
}

// tokenizeRef is tokenize as it was before the short way for ASCII.
func tokenizeRef(s string, buf []token) []token {
	toks := buf[:0]
	i := 0
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !wordRune(r) {
			i += n
			continue
		}
		start := i
		letters, uppers, lowers := 0, 0, 0
		first := true
		var flags uint8
		for i < len(s) {
			r, n = rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			if !wordRune(r) {
				// An apostrophe between two word characters stays inside
				// the word: programma’s, d'état.
				if isApostrophe(r) && i+n < len(s) {
					r2, _ := utf8.DecodeRuneInString(s[i+n:])
					if wordRune(r2) && !isApostrophe(r2) {
						i += n
						continue
					}
				}
				break
			}
			if unicode.IsLetter(r) {
				letters++
				switch {
				case unicode.IsUpper(r):
					uppers++
					if first {
						flags |= upperFirst
					}
				case unicode.IsLower(r):
					lowers++
				}
				first = false
			}
			i += n
		}
		if letters >= 2 && letters <= 3 && uppers == letters && lowers == 0 && i-start == letters {
			flags |= shortCaps
		}
		toks = append(toks, token{start: start, end: i, flags: flags})
	}
	// Mark line-break hyphenation: "veroor-\ndeeld".
	for k := 0; k+1 < len(toks); k++ {
		g := s[toks[k].end:toks[k+1].start]
		if gapKind(g) == gapBroken && hasNewline(g) && startsLower(s[toks[k+1].start:]) {
			toks[k].flags |= joinNext
		}
	}
	return toks
}
