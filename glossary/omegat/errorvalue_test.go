package omegat

import (
	"errors"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestReadErrorValues: a spreadsheet saved as tab-separated text keeps a
// failed formula's error value (#N/A, #VALUE!, or #N/B as a Dutch Excel
// writes it) as the cell's text; as a term it is refused, naming the
// line and the column, as an empty entry is.
func TestReadErrorValues(t *testing.T) {
	tests := []struct {
		name string
		read func(string) ([]glossary.Concept, error)
		in   string
		want []string
	}{
		{"tsv #N/A", readTSV, "staat\tstate\nboom\t#N/A\n", []string{"tsv: line 2:", "column 2", "#N/A", "error value"}},
		{"tsv #VALUE! with header", readTSV, "English\tDutch\n#VALUE!\tboom\n", []string{"tsv: line 2:", "column 1", "#VALUE!"}},
		{"tsv Dutch Excel", readTSV, "boom\t#N/B\n", []string{"line 1:", "column 2", "#N/B"}},
		{"tsv note", readTSV, "nl\ten\tnote\nboom\ttree\t#REF!\n", []string{"line 2:", "column 3", "#REF!"}},
		{"omegat #DIV/0!", readOmegaT, Header + "\nstaat\t#DIV/0!\tcomment\n", []string{"omegat: line 2:", "column 2", "#DIV/0!"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.read(tt.in)
			if err == nil || got != nil {
				t.Fatalf("got %+v, %v; want an error", got, err)
			}
			if !errors.Is(err, ErrLine) {
				t.Errorf("error %q does not wrap ErrLine", err)
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}
