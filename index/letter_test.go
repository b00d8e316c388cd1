package index

import (
	"context"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/tolk-nl/tolk/internal/corpus"
)

// letterPassages splits the Mali letter into passages the simple way the
// ingest does it properly: blank lines separate paragraphs, a line that
// starts with a space after a finished sentence starts one (a page break),
// "-" at a line end before a lower-case letter is hyphenation and is
// joined, short lines without a full stop are section headings.
func letterPassages(tb testing.TB) []Passage {
	tb.Helper()
	b, err := fs.ReadFile(corpus.Default(), corpus.MaliLetter)
	if err != nil {
		tb.Fatal(err)
	}
	const doc = "kamerbrief-mali-2020"
	var (
		ps      []Passage
		section string
		para    []string
		offset  int
		start   int
	)
	flush := func() {
		if len(para) == 0 {
			return
		}
		var sb strings.Builder
		for i, l := range para {
			l = strings.TrimSpace(l)
			if i > 0 {
				prev := sb.String()
				r, _ := utf8.DecodeRuneInString(l)
				nextWord, _, _ := strings.Cut(l, " ")
				switch {
				case strings.HasSuffix(prev, "-") && unicode.IsLower(r) && nextWord != "en" && nextWord != "of":
					sb.Reset()
					sb.WriteString(strings.TrimSuffix(prev, "-")) // veroor- deeld
				case strings.HasSuffix(prev, "-"): // Secretaris-Generaal, advies- en trainings…
					if nextWord == "en" || nextWord == "of" {
						sb.WriteByte(' ')
					}
				default:
					sb.WriteByte(' ')
				}
			}
			sb.WriteString(l)
		}
		text := sb.String()
		para = nil
		if len(text) < 60 && !strings.HasSuffix(text, ".") {
			section = text
			return
		}
		ps = append(ps, Passage{Doc: doc, Title: "Kamerbrief over de staatsgreep in Mali", Section: section,
			Paragraph: len(ps) + 1, Start: start, End: offset, Text: text})
	}
	for _, line := range strings.SplitAfter(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(line, " ") && len(para) > 0 && strings.HasSuffix(strings.TrimSpace(para[len(para)-1]), "."):
			flush()
			fallthrough
		default:
			if len(para) == 0 {
				start = offset
			}
			para = append(para, line)
		}
		offset += len(line)
	}
	flush()
	return ps
}

// letterIndex returns an in-memory index of the letter.
func letterIndex(tb testing.TB, opt Options) *Index {
	tb.Helper()
	ix, err := NewMemory(opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if err := ix.Add(context.Background(), letterPassages(tb)); err != nil {
		tb.Fatal(err)
	}
	return ix
}

func searchQ(tb testing.TB, ix *Index, q string, limit int) *Result {
	tb.Helper()
	pq, err := ParseQuery(q)
	if err != nil {
		tb.Fatalf("ParseQuery(%q): %v", q, err)
	}
	res, err := ix.Search(context.Background(), Request{Query: pq, Limit: limit})
	if err != nil {
		tb.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

func TestLetterPassages(t *testing.T) {
	ps := letterPassages(t)
	if len(ps) < 20 {
		t.Fatalf("got %d passages, want the letter's paragraphs", len(ps))
	}
	for _, p := range ps {
		t.Logf("%d [%s] %.80s", p.Paragraph, p.Section, p.Text)
	}
}

func TestSearchLetter(t *testing.T) {
	ix := letterIndex(t, Options{})
	for _, q := range []string{"staatsgrepen", "veroordeeld", "Keita", "programma", "sanctie", "Secretaris-Generaal", `"constitutionele orde"`, "staatsgreep -ECOWAS"} {
		res := searchQ(t, ix, q, 5)
		t.Logf("%s: total %d", q, res.Total)
		for _, h := range res.Hits {
			t.Logf("  %.2f %q", h.Score, h.Fragments)
		}
	}
}

func newReq(q query.Query) *bleve.SearchRequest { return bleve.NewSearchRequest(q) }

// TestHeadingNumberNotSearched: the heading field holds a section's words,
// not its number, so a number in a query does not match every passage of
// "1. Recente ontwikkelingen"; the words still do.
func TestHeadingNumberNotSearched(t *testing.T) {
	for h, want := range map[string]string{
		"1. Recente ontwikkelingen": "Recente ontwikkelingen", "3.2 Begroting": "Begroting",
		"Artikel 1": "Artikel 1", "2021": "2021", "De veiligheidsinzet": "De veiligheidsinzet", ".5 x": ".5 x",
	} {
		if got := headingWords(h); got != want {
			t.Errorf("headingWords(%q) = %q, want %q", h, got, want)
		}
	}
	ix := letterIndex(t, Options{})
	if res := searchQ(t, ix, "1", 10); res.Total != 0 {
		t.Errorf("1: %d hits, want none (the letter has no 1 but its section number)", res.Total)
	}
	found := false
	for _, h := range searchQ(t, ix, "recente", 50).Hits {
		found = found || h.Section == "1. Recente ontwikkelingen" && !strings.Contains(Fold(h.Text), "recent")
	}
	if !found {
		t.Errorf("recente does not find the passages of section 1 through their heading")
	}
}

// tiesByID orders res's hits of equal score by ID: two indexes built
// apart (Add, AddPrepared) hold the passages in another order, by which
// the collector breaks ties. res holds every match (fewer than the
// limit), so no tie straddles the cut.
func tiesByID(tb testing.TB, res *Result) *Result {
	tb.Helper()
	if uint64(len(res.Hits)) < res.Total {
		tb.Fatalf("%d hits of %d: a tie may straddle the cut", len(res.Hits), res.Total)
	}
	sort.SliceStable(res.Hits, func(i, j int) bool {
		a, b := res.Hits[i], res.Hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.ID < b.ID
	})
	return res
}
