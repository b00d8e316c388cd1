package table

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/tm"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		read    func(r *strings.Reader) (tm.Batch, error)
		in      string
		want    []tm.Segment
		skipped int
	}{
		{"TSV without header", readTSV, "De staatsgreep.\tThe coup.\n\nDe transitie.\tThe transition.\r\n",
			[]tm.Segment{{NL: "De staatsgreep.", EN: "The coup."}, {NL: "De transitie.", EN: "The transition."}}, 0},
		{"TSV with CAT header, escapes, skipped row", readTSV, "\uFEFFNL-NL\tEN-GB\tnote\tclient\nA\tB\tregel 1\\nregel 2\tBZ\nC\t\t\t\n",
			[]tm.Segment{{NL: "A", EN: "B", Note: "regel 1\nregel 2", Props: []tm.Prop{{Type: "client", Value: "BZ"}}}}, 1},
		{"CSV comma", readCSV, "nl,en,collection,note\n\"Dit, dat\",\"This, that\",mali,\"zei \"\"hij\"\"\"\n",
			[]tm.Segment{{NL: "Dit, dat", EN: "This, that", Collection: "mali", Note: `zei "hij"`}}, 0},
		{"CSV semicolon, BOM, created", readCSV, "\xEF\xBB\xBFen;nl;created;id\nOne;Een;2024-03-01;7\n",
			[]tm.Segment{{ID: "7", NL: "Een", EN: "One", Created: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}}, 0},
		// A header naming the languages in words, as Trados Studio and a
		// spreadsheet write them: the TSV's was stored as a segment "Dutch
		// (Netherlands)" → "English (United Kingdom)", the CSV's refused.
		{"TSV with Trados header", readTSV, "Dutch (Netherlands)\tEnglish (United Kingdom)\nDe junta blijft.\tThe junta remains.\n",
			[]tm.Segment{{NL: "De junta blijft.", EN: "The junta remains."}}, 0},
		{"TSV with English names", readTSV, "English\tDutch\nThe junta remains.\tDe junta blijft.\n",
			[]tm.Segment{{NL: "De junta blijft.", EN: "The junta remains."}}, 0},
		{"CSV header in Dutch", readCSV, "Nederlands;Engels;Klant\nDe junta blijft.;The junta remains.;BZ\n",
			[]tm.Segment{{NL: "De junta blijft.", EN: "The junta remains.", Props: []tm.Prop{{Type: "Klant", Value: "BZ"}}}}, 0},
		{"TSV Source Target", readTSV, "Source\tTarget\nDe junta blijft.\tThe junta remains.\n",
			[]tm.Segment{{NL: "De junta blijft.", EN: "The junta remains."}}, 0},
		{"CSV source text, a source prop", readCSV, "Source text,Target text,Source\nDe junta blijft.,The junta remains.,Kamerbrief\n",
			[]tm.Segment{{NL: "De junta blijft.", EN: "The junta remains.", Props: []tm.Prop{{Type: "Source", Value: "Kamerbrief"}}}}, 0},
		{"TSV a pair of language names is data", readTSV, "Engels\tEnglish\n",
			[]tm.Segment{{NL: "Engels", EN: "English"}}, 0},
		{"CSV multi-line field", readCSV, "nl,en\n\"twee\nregels\",two lines\n",
			[]tm.Segment{{NL: "twee regels", EN: "two lines"}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.Segments); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if got.Skipped != tt.skipped {
				t.Errorf("skipped %d, want %d", got.Skipped, tt.skipped)
			}
		})
	}
}

func readTSV(r *strings.Reader) (tm.Batch, error) { return ReadTSV(r) }
func readCSV(r *strings.Reader) (tm.Batch, error) { return ReadCSV(r) }

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name  string
		read  func(r *strings.Reader) (tm.Batch, error)
		in    string
		want  string
		field string
	}{
		{"TSV three fields without header", readTSV, "a\tb\n\nc\td\te\n", "tsv: line 3: 3 fields", ""},
		{"TSV bad date", readTSV, "nl\ten\tcreated\na\tb\tmorgen\n", "tsv: line 2: field created:", "created"},
		{"TSV bad UTF-8", readTSV, "a\tb\nc\xff\td\n", "tsv: line 2: field nl:", "nl"},
		{"TSV bad collection", readTSV, "nl\ten\tcollection\na\tb\tmy tm\n", "tsv: line 2: field collection:", "collection"},
		{"CSV no header", readCSV, "Een,One\n", "csv: line 1: the header row", ""},
		{"CSV too many fields", readCSV, "nl,en\na,b,c\n", "csv: line 2: 3 fields", ""},
		{"CSV bad quote", readCSV, "nl,en\na,b\n\"c,d\n", "csv: line 3: extraneous or missing \" in quoted-field (at byte 6 of the line): a quote inside a quoted cell must be doubled", ""},
		// An unclosed quote read on to the end of the file was reported at
		// its last line ("line 5: column 9"), three rows after the fault.
		{"CSV quote left open", readCSV, "nl,en\nDe staatsgreep,\"The coup\nDe junta,The junta\nDe transitie,The transition\nHet kabinet,The government\n", "csv: line 2: extraneous or missing \" in quoted-field (a quoted cell opened in the row that starts here is not closed before line 5)", ""},
		{"CSV bare quote", readCSV, "nl,en\nstaatsgreep,coup \"d'état\"\n", "csv: line 2: bare \" in non-quoted-field (at byte 18 of the line): put the cell in double quotes", ""},
		{"CSV repeated column", readCSV, "nl,en,NL-BE\n", `csv: line 1: the header row needs an nl and an en column, each once: column 3, "NL-BE", is read as nl, which column "nl" is already`, ""},
		{"CSV a language's note", readCSV, "nl,en,nl_note\nDe wet.,The act.,z\n", `csv: line 1: the header row needs an nl and an en column, each once: column 3, "nl_note", is read as nl`, ""},
		{"CSV the same column twice", readCSV, "nl,en,en\n", `csv: line 1: the header row needs an nl and an en column, each once: column 3, "en", repeats`, ""},
		{"CSV empty", readCSV, "", "csv: line 1:", ""},
		{"TSV row without a tab", readTSV, "Een\tOne\nTwee zonder tab\n", "tsv: line 2: one field: the row has no tab", ""},
		{"CSV row without a comma", readCSV, "nl,en\nEen,One\nTwee zonder komma\n", "csv: line 3: one field", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.read(strings.NewReader(tt.in))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to start with %q", err, tt.want)
			}
			var te *Error
			if !errors.As(err, &te) || te.Field != tt.field {
				t.Errorf("error %#v: want an *Error with field %q", err, tt.field)
			}
		})
	}
}

func TestTSVRoundTrip(t *testing.T) {
	segs := []tm.Segment{
		{ID: "h1", NL: `Een \ backslash`, EN: "One", Collection: "c", Source: tm.Source{Doc: "d", Article: "1"},
			Created: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), Creator: "alice", Note: "twee\tregels\nhier"},
		{NL: "Twee", EN: "Two"},
	}
	var buf bytes.Buffer
	if err := WriteTSV(&buf, segs); err != nil {
		t.Fatal(err)
	}
	got, err := ReadTSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(segs, got.Segments); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestReadRepeats: rows with the same texts are counted as repeats.
func TestReadRepeats(t *testing.T) {
	for _, tt := range []struct {
		name string
		read func(r *strings.Reader) (tm.Batch, error)
		in   string
		want int
	}{
		{"TSV", readTSV, "Een.\tOne.\nEen.\tOne.\nEen.\tOne!\n Een. \tOne.\n", 2},
		{"CSV", readCSV, "nl,en,note\nEen.,One.,first\nEen.,One.,second\n", 1},
		{"CSV ids", readCSV, "id,nl,en\n1,Een.,One.\n1,Twee.,Two.\n2,Een.,One.\n", 1},
	} {
		b, err := tt.read(strings.NewReader(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if b.Repeats != tt.want {
			t.Errorf("%s: %d repeats, want %d", tt.name, b.Repeats, tt.want)
		}
	}
}

// TestReadSkippedNamed: a row with an empty side is skipped as a TMX unit
// without one of the languages is, and named with its line and which side
// is empty; before, it was only counted, and a replace refused with
// "reasons not given".
func TestReadSkippedNamed(t *testing.T) {
	tests := []struct {
		name string
		read func(r *strings.Reader) (tm.Batch, error)
		in   string
		want []tm.Skip
	}{
		{"TSV", readTSV, "Een\tOne\nTwee\t\n\t Three\n", []tm.Skip{{Line: 2, Reason: "no English text"}, {Line: 3, Reason: "no Dutch text"}}},
		{"CSV", readCSV, "nl,en,id\nEen,One,1\n,,2\nVier,,4\n", []tm.Skip{{Line: 3, Reason: "no Dutch and no English text"}, {Line: 4, Reason: "no English text"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.SkippedUnits); diff != "" || got.Skipped != len(tt.want) {
				t.Errorf("skipped %d (-want +got):\n%s", got.Skipped, diff)
			}
		})
	}
}
