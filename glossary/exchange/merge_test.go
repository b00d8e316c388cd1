package exchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/tolk-nl/tolk/glossary"
)

// xlsxOf writes rows (cells separated by ';') to the first sheet of a workbook.
func xlsxOf(t *testing.T, rows string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, line := range strings.Split(strings.TrimSuffix(rows, "\n"), "\n") {
		cells := strings.Split(line, ";")
		vs := make([]any, len(cells))
		for j, c := range cells {
			vs[j] = c
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", ref, &vs); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImportMergeRows: a CSV or XLSX term list without an id column, a
// row per term pair, is one concept per Dutch term (case folded), each
// row's terms and statuses kept, and the import counts the rows merged;
// rows with different definitions or subjects are homonyms and stay apart;
// with an id column nothing is merged; a Dutch term given two statuses is
// an error naming both rows. Before, each row was a concept, and the
// matcher chose one of the three renderings of bezwaarschrift at random.
func TestImportMergeRows(t *testing.T) {
	term := func(lang, text string, s glossary.Status) glossary.Term {
		return glossary.Term{Lang: lang, Text: text, Status: s}
	}
	tests := []struct {
		name, in   string
		want       [][]glossary.Term
		merged     int
		err        string
		errXLSXRow string
	}{
		{
			name: "a row per pair",
			in:   "nl;en;en_status\nbezwaarschrift;notice of objection;preferred\nbezwaarschrift;objection;admitted\nBezwaarschrift;complaint;deprecated\n",
			want: [][]glossary.Term{{
				term("nl", "bezwaarschrift", ""), term("en", "notice of objection", glossary.Preferred),
				term("en", "objection", glossary.Admitted), term("en", "complaint", glossary.Deprecated),
			}},
			merged: 2,
		},
		{
			name: "homonyms by definition",
			in:   "nl;en;definition_en\nbank;bank;a financial institution\nbank;bench;a seat\nbank;bank;a financial institution\n",
			want: [][]glossary.Term{
				{term("nl", "bank", ""), term("en", "bank", "")},
				{term("nl", "bank", ""), term("en", "bench", "")},
			},
		},
		{
			name: "homonyms by subject",
			in:   "nl;en;subject\nbank;bank;finance\nbank;bench;furniture\n",
			want: [][]glossary.Term{
				{term("nl", "bank", ""), term("en", "bank", "")},
				{term("nl", "bank", ""), term("en", "bench", "")},
			},
		},
		{
			name: "an id column says which concept",
			in:   "id;nl;en\na;bank;bank\nb;bank;bench\n",
			want: [][]glossary.Term{
				{term("nl", "bank", ""), term("en", "bank", "")},
				{term("nl", "bank", ""), term("en", "bench", "")},
			},
		},
		{
			name: "two statuses of the Dutch term",
			in:   "nl;nl_status;en\nbezwaarschrift;preferred;objection\nbezwaarschrift;admitted;complaint\n",
			err:  `line 3 (merged with line 2, which has the same Dutch term and no id column tells them apart): bad cell: nl term "bezwaarschrift": status "admitted" here, "preferred" there`,
		},
	}
	for _, tt := range tests {
		for _, f := range []Format{CSV, XLSX} {
			t.Run(tt.name+"/"+string(f), func(t *testing.T) {
				in := []byte(tt.in)
				if f == XLSX {
					in = xlsxOf(t, tt.in)
				}
				cs, left, err := Import(bytes.NewReader(in), f, "mine")
				if tt.err != "" {
					want := tt.err
					if f == XLSX {
						want = strings.NewReplacer("line 3", `sheet "Sheet1", row 3`, "line 2", `sheet "Sheet1", row 2`).Replace(want)
					}
					if err == nil || !strings.Contains(err.Error(), want) {
						t.Fatalf("error %v, want one containing %q", err, want)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				var got [][]glossary.Term
				for _, c := range cs {
					got = append(got, c.Terms)
				}
				if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("terms (-want +got):\n%s", diff)
				}
				if left.Merged != tt.merged {
					t.Errorf("merged %d, want %d", left.Merged, tt.merged)
				}
				if tt.merged > 0 && !strings.Contains(left.String(), "2 rows merged into the concept of an earlier row with the same Dutch term") {
					t.Errorf("left says %q", left)
				}
			})
		}
	}
}
