package match

import (
	"strings"
	"testing"
	"time"
)

func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"De staatsgrepen in Mali; de AU en de VN-missie.",
		"augustus AU Au EU's EU-lidstaten",
		"Secretaris-\nGeneraal voedsel-\nzekerheid trainingsmissie",
		"Intelligence, Surveillance and Reconnaissance (ISR)",
		"Keïta Keïta Ke\u0308ita ĳ \xff\xfe uw\r\nKamer",
		"-- ‐ ’s 's NGO’s",
	} {
		f.Add(s, "nl")
		f.Add(s, "")
	}
	m := NewMatcher(testConcepts(), Options{Key: crudeKey, Split: splitTest})
	f.Fuzz(func(t *testing.T, text, lang string) {
		checkAnnotations(t, text, m.Annotate(text, lang))
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
