package freq

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

func TestCount(t *testing.T) {
	tests := []struct {
		name string
		text string
		want Counts
		n    int
	}{
		{"words", "De missie, de Missie.", Counts{"de": 2, "missie": 2}, 4},
		{"diacritics removed", "Keïta’s café", Counts{"keita": 1, "s": 1, "cafe": 1}, 3},
		{"hyphens and digits split", "covid-19-maatregelen", Counts{"covid": 1, "maatregelen": 1}, 2},
		{"html tags skipped", "<meta http-equiv='Content-Type' />\n<sup> 1 </sup>lid", Counts{"lid": 1}, 1},
		{"link targets skipped", "de [Spaarloonregeling](../../BWBR0006585/README.md) geldt", Counts{"de": 1, "spaarloonregeling": 1, "geldt": 1}, 3},
		{"a lone bracket is text", "a < b en c > d", Counts{"a": 1, "b": 1, "en": 1, "c": 1, "d": 1}, 5},
		{"unclosed link target is text", "zie ](geen sluiting", Counts{"zie": 1, "geen": 1, "sluiting": 1}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Counts{}
			if n := c.Count(tt.text); n != tt.n {
				t.Errorf("Count = %d, want %d", n, tt.n)
			}
			if diff := cmp.Diff(tt.want, c); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCountJSONL(t *testing.T) {
	in := `{"id": "a", "text": "De missie."}` + "\n" + `{"id": "b", "text": "<b>missie</b>"}` + "\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(in))
	zw.Close()
	for name, r := range map[string]func() *bytes.Reader{
		"plain": func() *bytes.Reader { return bytes.NewReader([]byte(in)) },
		"gzip":  func() *bytes.Reader { return bytes.NewReader(gz.Bytes()) },
	} {
		t.Run(name, func(t *testing.T) {
			c := Counts{}
			st, err := c.CountJSONL(r())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(Stats{Docs: 2, Tokens: 3}, st); diff != "" {
				t.Errorf("stats (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(Counts{"de": 1, "missie": 2}, c); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := (Counts{}).CountJSONL(strings.NewReader(`{"text": 1}`)); err == nil {
		t.Error("CountJSONL accepted a text that is no string")
	}
}

func TestWriteRead(t *testing.T) {
	c := Counts{"missie": 34, "de": 1323726, "vrede": 44, "aaien": 1}
	var buf bytes.Buffer
	n, err := c.Write(&buf, []string{"a header"}, func(w string, _ int) bool { return len(w) >= MinLen })
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("Write kept %d words, want 3", n)
	}
	got := Counts{}
	var order []string
	if err := Read(bytes.NewReader(buf.Bytes()), func(w string, n int) { got[w] = n; order = append(order, w) }); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Counts{"missie": 34, "vrede": 44, "aaien": 1}, got); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"aaien", "missie", "vrede"}, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	var again bytes.Buffer
	c.Write(&again, []string{"a header"}, func(w string, _ int) bool { return len(w) >= MinLen })
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two writes of the same counts differ")
	}
	if _, err := c.Write(&buf, []string{"two\nlines"}, func(string, int) bool { return true }); err == nil {
		t.Error("Write accepted a header line with a newline")
	}
}

func TestReadErrors(t *testing.T) {
	for _, text := range []string{"missie\n", "missie x\n", "missie 0\n", " 3\n", "missie -2\n"} {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(text))
		zw.Close()
		err := Read(&buf, func(string, int) {})
		if !errors.Is(err, ErrFormat) {
			t.Errorf("Read(%q) = %v, want ErrFormat", text, err)
		}
	}
	if err := Read(strings.NewReader("not gzip"), func(string, int) {}); err == nil {
		t.Error("Read accepted data that is not gzip")
	}
}

// FuzzRead: Read never panics, and what it accepts has positive counts
// and words without spaces.
func FuzzRead(f *testing.F) {
	for _, s := range []string{"# header\nmissie 34\nvrede 44\n", "missie 0\n", "x 1\n\n", "# only a header\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(text))
		zw.Close()
		Read(&buf, func(w string, n int) {
			if n < 1 || strings.Contains(w, " ") || w == "" {
				t.Fatalf("Read gave %q %d", w, n)
			}
		})
	})
}

// FuzzCount: Count never panics, returns as many words as it adds, and
// every counted word is made of letters only.
func FuzzCount(f *testing.F) {
	for _, s := range []string{"De missie, de Missie.", "<meta a='b' />\n##Titel", "[x](../../README.md) en <sup> 1 </sup>", "a < b ](", "Keïta’s café \xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c := Counts{}
		n := c.Count(text)
		total := 0
		for w, k := range c {
			total += k
			if w == "" || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
				t.Fatalf("Count(%q) counted %q", text, w)
			}
		}
		if total != n {
			t.Fatalf("Count(%q) = %d, counts sum to %d", text, n, total)
		}
	})
}
