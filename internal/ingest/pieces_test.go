package ingest

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkPieces checks what Pieces promises of every text: pieces in order,
// none longer than MaxPiece, and only the separator at a cut left out.
func checkPieces(t *testing.T, text string, ps []Piece) {
	t.Helper()
	if len(ps) == 0 {
		t.Fatal("no pieces")
	}
	at := 0
	for i, p := range ps {
		if p.Start < at || p.End < p.Start || p.End > len(text) {
			t.Fatalf("piece %d [%d,%d) out of order (after %d, text %d)", i, p.Start, p.End, at, len(text))
		}
		if gap := text[at:p.Start]; strings.Trim(gap, " \n") != "" {
			t.Fatalf("piece %d: %q between pieces", i, gap)
		}
		limit := MaxProse
		if strings.Contains(text, "\n") {
			limit = MaxPiece
		}
		if n := utf8.RuneCountInString(text[p.Start:p.End]); len(ps) > 1 && n > limit {
			t.Fatalf("piece %d is %d characters", i, n)
		}
		at = p.End
	}
	if rest := text[at:]; strings.Trim(rest, " \n") != "" {
		t.Fatalf("%q after the last piece", rest)
	}
}

func TestPieces(t *testing.T) {
	row := func(i int) string {
		return fmt.Sprintf("Artikel %d | Stikstofkunstmest en dierlijke mest | %d kilogram per hectare per jaar", i, 100+i)
	}
	header := "Onderwerp | Omschrijving | Norm"
	var rows []string
	for i := range 60 {
		rows = append(rows, row(i))
	}
	table := header + "\n" + strings.Join(rows, "\n")
	sentence := "De minister stelt regels over het gebruik van meststoffen op landbouwgrond. "
	prose := strings.TrimSpace(strings.Repeat(sentence, 600))
	words := strings.TrimSpace(strings.Repeat("meststoffen ", 2500))
	long := strings.Repeat("x", 32000)
	tests := []struct {
		name       string
		text       string
		min, max   int  // number of pieces
		withHeader bool // pieces after the first carry the header
		cutAt      string
	}{
		{name: "short paragraph", text: "Een korte alinea.", min: 1, max: 1},
		{name: "short table", text: header + "\n" + row(1), min: 1, max: 1},
		{name: "long table", text: table, min: 6, max: 8, withHeader: true, cutAt: "\n"},
		{name: "prose under MaxProse", text: prose[:14000], min: 1, max: 1},
		{name: "long prose", text: prose, min: 5, max: 6, cutAt: ". "},
		{name: "no sentences", text: words, min: 4, max: 5, cutAt: " "},
		{name: "one word", text: long, min: 3, max: 3},
		{name: "lines without cells", text: strings.Repeat("regel zonder cellen\n", 200), min: 3, max: 5, cutAt: "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := Pieces(tc.text)
			checkPieces(t, tc.text, ps)
			if len(ps) < tc.min || len(ps) > tc.max {
				t.Fatalf("%d pieces, want %d to %d", len(ps), tc.min, tc.max)
			}
			for i, p := range ps {
				want := ""
				if tc.withHeader && i > 0 {
					want = header
				}
				if p.Header != want {
					t.Errorf("piece %d: header %q, want %q", i, p.Header, want)
				}
				if i > 0 && tc.cutAt != "" && !strings.HasSuffix(tc.text[:p.Start], tc.cutAt) {
					t.Errorf("piece %d starts after %q, not after %q", i, tc.text[max(0, p.Start-5):p.Start], tc.cutAt)
				}
			}
			if tc.withHeader && !strings.HasPrefix(tc.text[ps[0].Start:ps[0].End], header+"\n") {
				t.Error("the first piece does not start with the header row")
			}
		})
	}
}

func FuzzPieces(f *testing.F) {
	f.Add("Een korte alinea.", 1)
	f.Add("A | B\nc | d\n", 400)
	f.Add("Zin een. Zin twee; en drie: vier ", 150)
	f.Add("é", 2100)
	f.Add("é\n", 2100)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 || n > 3000 || len(s) == 0 {
			return
		}
		text := strings.Repeat(s, n)
		checkPieces(t, text, Pieces(text))
	})
}
