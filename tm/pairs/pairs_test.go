package pairs

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/sharedtest"
	"github.com/tolk-nl/tolk/tm"
	"github.com/tolk-nl/tolk/tm/align"
)

func TestReadJSONL(t *testing.T) {
	f, err := os.Open("testdata/treaty.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadJSONL(f, align.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := tm.Source{Doc: "BWBV9999001", Article: "19"}
	want := []tm.Segment{
		{NL: "Beëindiging van het Verdrag", EN: "Termination of the Agreement", Source: src},
		{NL: "Dit Verdrag kan door elk van beide Partijen worden beëindigd.", EN: "This Agreement may be terminated by either Party.", Source: src},
		{NL: "De beëindiging wordt van kracht zes maanden na de datum van kennisgeving.", EN: "Termination shall take effect six months after the date of notification.", Source: src},
	}
	if diff := cmp.Diff(want, got.Segments); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got.Skipped != 1 {
		t.Errorf("skipped %d, want 1 (the pair without Dutch)", got.Skipped)
	}
}

func TestAlignCleansMarkdown(t *testing.T) {
	r := Align("Zie het [Verdrag](../../x/README.md).", "See the [Convention](../../x/README.md).", tm.Source{Doc: "d"}, align.Options{})
	want := []tm.Segment{{NL: "Zie het Verdrag.", EN: "See the Convention.", Source: tm.Source{Doc: "d"}}}
	if diff := cmp.Diff(want, r.Segments); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadJSONLErrors(t *testing.T) {
	for name, tt := range map[string]struct {
		in   string
		line int
	}{
		"not JSON":       {"{\"nl\":\"a\",\"en\":\"b\"}\n\nnot json\n", 3},
		"no text at all": {"{\"doc\":\"x\"}\n", 1},
		"wrong type":     {"{\"nl\":1,\"en\":\"b\"}", 1},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ReadJSONL(strings.NewReader(tt.in), align.Options{})
			var pe *Error
			if !errors.As(err, &pe) || pe.Line != tt.line {
				t.Fatalf("error %v: want a *pairs.Error on line %d", err, tt.line)
			}
		})
	}
}

// TestTreaties aligns the first 300 pairs of the shared treaty corpus and
// reports how many segments they give; every segment must be valid.
func TestTreaties(t *testing.T) {
	r := sharedtest.Open(t, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz")
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<24)
	var b strings.Builder
	for i := 0; i < 300 && sc.Scan(); i++ {
		b.Write(sc.Bytes())
		b.WriteByte('\n')
	}
	got, err := ReadJSONL(strings.NewReader(b.String()), align.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range got.Segments {
		s.Collection = "treaties"
		if err := s.Validate(); err != nil {
			t.Fatalf("segment %d: %v", i, err)
		}
		if strings.Contains(s.NL+s.EN, "](") || strings.HasPrefix(s.NL, "#") {
			t.Errorf("segment %d keeps Markdown: %q / %q", i, s.NL, s.EN)
		}
	}
	if len(got.Segments) < 300 {
		t.Errorf("300 article pairs gave only %d segments", len(got.Segments))
	}
	t.Logf("300 article pairs: %d segments, %d sentences or pairs skipped", len(got.Segments), got.Skipped)
}

// FuzzReadJSONL: ReadJSONL never panics and returns only segments with
// text on both sides. Seeds in testdata/fuzz/FuzzReadJSONL.
func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"doc":"d","article":"1","nl":"Een. Twee.","en":"One. Two."}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadJSONL(strings.NewReader(string(data)), align.Options{})
		if err != nil {
			return
		}
		for _, s := range b.Segments {
			if strings.TrimSpace(s.NL) == "" || strings.TrimSpace(s.EN) == "" {
				t.Errorf("segment with an empty side: %+v", s)
			}
		}
	})
}

// TestReadJSONLRepeats: an article pair given twice gives repeated
// segments, counted.
func TestReadJSONLRepeats(t *testing.T) {
	line := `{"doc":"d","article":"1","nl":"Dit Verdrag treedt in werking.","en":"This Agreement enters into force."}` + "\n"
	b, err := ReadJSONL(strings.NewReader(line+line), align.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Segments) != 2 || b.Repeats != 1 {
		t.Errorf("%d segments, %d repeats; want 2 and 1", len(b.Segments), b.Repeats)
	}
}

// TestReadJSONLLanguages: an aligned pair whose English side is Dutch (the
// BWB's editorial note copied into the English text, as in 909 of the
// treaty pairs) is left out, counted and named with its line.
func TestReadJSONLLanguages(t *testing.T) {
	in := `{"doc":"BWBV1","article":"9","nl":"Dit Verdrag treedt in werking op de eerste dag van de tweede maand.\n\nTreedt in werking op een nader te bepalen tijdstip","en":"This Agreement shall enter into force on the first day of the second month.\n\nTreedt in werking op een nader te bepalen tijdstip"}` + "\n"
	got, err := ReadJSONL(strings.NewReader(in), align.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Segments) != 1 || got.Segments[0].EN != "This Agreement shall enter into force on the first day of the second month." {
		t.Errorf("segments %+v, want the English sentence's only", got.Segments)
	}
	want := []tm.Skip{{Line: 1, Reason: `the English side is Dutch ("Treedt in werking op een nader te bepalen tijdstip")`}}
	if diff := cmp.Diff(want, got.SkippedUnits); diff != "" || got.Skipped != 1 {
		t.Errorf("skipped %d (-want +got):\n%s", got.Skipped, diff)
	}
}

// TestReadJSONLEmptySideNamed: a pair with an empty side is skipped and
// named with its line, not only counted.
func TestReadJSONLEmptySideNamed(t *testing.T) {
	in := `{"doc":"BWBV1","article":"1","nl":"Dit Verdrag treedt in werking.","en":"This Agreement shall enter into force."}` + "\n" +
		`{"doc":"BWBV1","article":"2","nl":"Artikel twee.","en":""}` + "\n" +
		`{"doc":"BWBV1","article":"3","nl":" ","en":"Article three."}` + "\n"
	got, err := ReadJSONL(strings.NewReader(in), align.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []tm.Skip{{Line: 2, Reason: `the pair's "en" is empty`}, {Line: 3, Reason: `the pair's "nl" is empty`}}
	if diff := cmp.Diff(want, got.SkippedUnits); diff != "" || got.Skipped != 2 || len(got.Segments) != 1 {
		t.Errorf("%d segments, skipped %d (-want +got):\n%s", len(got.Segments), got.Skipped, diff)
	}
}
