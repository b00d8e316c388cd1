package omegat

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary"
)

// TestReadTSVComments: a tab-separated glossary with '#' comment lines
// (a note on top, a commented-out entry, a header turned into a comment)
// reads as OmegaT's does: the comments are skipped, and the first line
// after them may be the header. A line starting with '#' failed with
// "1 columns, want 2", or, holding a tab, became a term "# …". A term
// that starts with '#' is written after a space (" #MeToo"): the cell is
// trimmed, the line is no comment.
func TestReadTSVComments(t *testing.T) {
	in := "# Woordenlijst Buitenlandse Zaken\n#\tbijgewerkt 2024\n\n# nl\ten\nEnglish\tDutch\tcomment\ncoup\tstaatsgreep\tgeen putsch\n#sanctions\tsancties\n #MeToo\t#MeToo\t\n"
	got, err := ReadTSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []glossary.Concept{
		{Note: "geen putsch", Terms: []glossary.Term{{Lang: "en", Text: "coup"}, {Lang: "nl", Text: "staatsgreep"}}},
		{Terms: []glossary.Term{{Lang: "en", Text: "#MeToo"}, {Lang: "nl", Text: "#MeToo"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestReadErrorValueIsNoComment: a line whose first cell is a
// spreadsheet error value starts with '#' but is no comment: it is
// refused naming the line and column, in a TSV and an OmegaT glossary.
func TestReadErrorValueIsNoComment(t *testing.T) {
	for name, read := range map[string]func(string) ([]glossary.Concept, error){"tsv": readTSV, "omegat": readOmegaT} {
		got, err := read("# lijst\nstaat\tstate\n#N/A\tcoup\n")
		if err == nil || got != nil || !strings.Contains(err.Error(), "line 3: bad line: column 1: #N/A") {
			t.Errorf("%s: %+v, %v; want an error naming line 3, column 1", name, got, err)
		}
	}
}
