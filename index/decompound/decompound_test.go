package decompound

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/index/decompound/internal/hyphen"
	"github.com/tolk-nl/tolk/index/decompound/internal/wordlist"
)

func TestSplit(t *testing.T) {
	s := New([]string{"Keïta", "Bamako"})
	tests := []struct {
		word string
		want []string
	}{
		{"ontwikkelingssamenwerking", []string{"ontwikkeling", "samenwerking"}},
		{"veiligheidsdreigingen", []string{"veiligheid", "dreigingen"}},
		{"trainingsmissie", []string{"training", "missie"}},
		{"capaciteitsopbouwmissie", []string{"capaciteit", "opbouw", "missie"}},
		{"missieactiviteiten", []string{"missie", "activiteiten"}},
		{"samenwerkingsverbanden", []string{"samenwerking", "verbanden"}},
		{"antiterrorismeoperatie", []string{"antiterrorisme", "operatie"}},
		{"voedselzekerheid", []string{"voedsel", "zekerheid"}},
		{"vredesakkoord", []string{"vrede", "akkoord"}},
		{"transitieregering", []string{"transitie", "regering"}},
		{"overgangsregering", []string{"overgang", "regering"}},
		{"coupplegers", []string{"coup", "plegers"}},
		{"opleidingsploeg", []string{"opleiding", "ploeg"}},
		{"vrouwentoernooi", []string{"vrouwen", "toernooi"}},
		{"regeringsleden", []string{"regering", "leden"}},
		{"landbouwbeleid", []string{"landbouw", "beleid"}},
		{"Trainingsmissie", []string{"training", "missie"}}, // lower-cased
		// Split points must be hyphenation points (om-gangs-taal, not
		// omgang|staal; top-sprin-ter, not tops|printer).
		{"omgangstaal", []string{"omgang", "taal"}},
		{"gelaatstrekken", []string{"gelaat", "trekken"}},
		{"topsprinter", nil},
		{"gagstrips", nil},
		{"onderstroom", nil},
		{"beleid", nil},
		{"regering", nil},
		{"organisatie", nil},
		{"verkiezingen", nil},
		{"president", nil},
		{"minister", nil},
		{"voorbereiding", nil},
		{"overwinning", nil},
		{"mogelijkheden", nil},
		{"Keïta", nil},
		{"keita", nil},
		{"Bamako", nil},
		{"Rotterdam", nil},
		{"Nederland", nil},
		{"Amsterdam", nil},
		{"", nil},
		{"de", nil},
		{"ECOWAS", nil},
		{strings.Repeat("missie", 20), nil}, // over maxWord
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, s.Split(tt.word)); diff != "" {
				t.Errorf("Split(%q) (-want +got):\n%s", tt.word, diff)
			}
		})
	}
}

// TestExtra checks that run-time words make splits possible: the corpus
// knows "sahel", the word list does not.
func TestExtra(t *testing.T) {
	const word = "sahelregio"
	if got := New().Split(word); got != nil {
		t.Fatalf("without extra words Split(%q) = %q, want nil", word, got)
	}
	want := []string{"sahel", "regio"}
	got := New([]string{"de Sahel"}, []string{"Sahel-regio"}).Split(word)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Split(%q) (-want +got):\n%s", word, diff)
	}
}

// consistent reports whether parts, joined with linking sounds, spell word.
func consistent(word string, parts []string) bool {
	w := strings.ToLower(word)
	for i, p := range parts {
		if !strings.HasPrefix(w, p) {
			return false
		}
		w = w[len(p):]
		if i < len(parts)-1 {
			for _, link := range []string{"en", "e", "s", ""} {
				if strings.HasPrefix(w, link) && strings.HasPrefix(w[len(link):], parts[i+1]) {
					w = w[len(link):]
					break
				}
			}
		}
	}
	return w == ""
}

func FuzzSplit(f *testing.F) {
	for _, w := range []string{"ontwikkelingssamenwerking", "beleid", "Keïta", "missieactiviteiten", "coupplegers", "ÉÉN", "\xff\xfe", "vrouwentoernooi"} {
		f.Add(w)
	}
	s := New()
	f.Fuzz(func(t *testing.T, word string) {
		parts := s.Split(word)
		if parts == nil {
			return
		}
		if len(parts) < 2 {
			t.Fatalf("Split(%q) = %q: a split has at least two parts", word, parts)
		}
		if !consistent(word, parts) {
			t.Fatalf("Split(%q) = %q: parts and linking sounds do not spell the word", word, parts)
		}
		for _, p := range parts {
			if !utf8.ValidString(p) && utf8.ValidString(word) {
				t.Fatalf("Split(%q) = %q: invalid UTF-8 part", word, parts)
			}
		}
	})
}

// TestGenerate rebuilds the artefacts (word list, hyphenation patterns) and
// their licences from ../shared and compares them byte for byte with the
// committed files.
func TestGenerate(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "data", "opentaal-wordlist-debian")
	in, err := os.Open(filepath.Join(dir, "dutch.txt.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var fst bytes.Buffer
	st, err := wordlist.Compile(in, &fst)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d lines, %d entries, %d keys, %d bytes", st.Lines, st.Entries, st.Keys, st.Bytes)
	if !bytes.Equal(fst.Bytes(), words) {
		t.Errorf("opentaal/words.fst differs from a fresh build (%d vs %d bytes): run go generate", len(words), fst.Len())
	}
	copyright, err := os.ReadFile(filepath.Join(dir, "debian-copyright.txt"))
	if err != nil {
		t.Fatal(err)
	}
	licence, err := wordlist.Licence(copyright)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join("opentaal", "LICENSE"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(licence, committed) {
		t.Error("opentaal/LICENSE differs from a fresh build: run go generate")
	}

	dir = filepath.Join(sharedDir(t), "data", "hyphen-nl-debian")
	dic, err := os.Open(filepath.Join(dir, "hyph_nl_NL.dic"))
	if err != nil {
		t.Fatal(err)
	}
	defer dic.Close()
	var pat bytes.Buffer
	hst, err := hyphen.Compile(dic, &pat)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d lines, %d patterns, %d bytes", hst.Lines, hst.Patterns, hst.Bytes)
	if !bytes.Equal(pat.Bytes(), patterns) {
		t.Errorf("hyphen-nl/hyph_nl.txt differs from a fresh build (%d vs %d bytes): run go generate", len(patterns), pat.Len())
	}
	copyright, err = os.ReadFile(filepath.Join(dir, "debian-copyright-excerpt.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if licence, err = hyphen.Licence(copyright); err != nil {
		t.Fatal(err)
	}
	if committed, err = os.ReadFile(filepath.Join("hyphen-nl", "LICENSE")); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(licence, committed) {
		t.Error("hyphen-nl/LICENSE differs from a fresh build: run go generate")
	}
}
