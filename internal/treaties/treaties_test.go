package treaties

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Pair
		wantErr string // substring of the error; "" for none
	}{
		{name: "two pairs and a blank line",
			in: `{"doc": "BWBV0001485", "article": "19", "en": "####Termination\n\nThis Agreement", "nl": "####Beëindiging\n\nDit Verdrag"}` + "\n\n" +
				`{"doc":"BWBV0001485","article":"2a","en":"x","nl":"y","extra":1}` + "\n",
			want: []Pair{
				{Doc: "BWBV0001485", Article: "19", EN: "####Termination\n\nThis Agreement", NL: "####Beëindiging\n\nDit Verdrag"},
				{Doc: "BWBV0001485", Article: "2a", EN: "x", NL: "y"},
			}},
		{name: "no final newline", in: `{"doc":"d","article":"1","en":"e","nl":"n"}`,
			want: []Pair{{Doc: "d", Article: "1", EN: "e", NL: "n"}}},
		{name: "empty", in: "", want: nil},
		{name: "bad JSON names its line", in: `{"doc":"d","article":"1"}` + "\n\n" + `{"doc":`, wantErr: "treaties: line 3:"},
		{name: "missing doc", in: `{"article":"1","en":"e","nl":"n"}`, wantErr: `line 1: missing field "doc"`},
		{name: "missing article", in: `{"doc":"d","article":"","en":"e","nl":"n"}` + "\n", wantErr: `line 1: missing field "article"`},
		{name: "not an object", in: `["d","1"]`, wantErr: "line 1:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Read error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Read (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := Read(strings.NewReader(`{"article":"1"}`)); !errors.Is(err, ErrMissing) {
		t.Errorf("missing doc: %v does not wrap ErrMissing", err)
	}
}

func TestDev(t *testing.T) {
	// FNV-1a 32 of the ids, worked out independently of hash/fnv:
	// BWBV0001115 → 1122850690, BWBV0001353 → 2806999950 (both ≡ 0 mod 10);
	// BWBV0001485 → 1594437776, BWBV0004901 → 2373700798.
	for doc, want := range map[string]bool{
		"BWBV0001115": true, "BWBV0001353": true, "BWBV0001485": false, "BWBV0004901": false, "": false,
	} {
		if got := Dev(doc); got != want {
			t.Errorf("Dev(%q) = %v, want %v", doc, got, want)
		}
	}
}

func TestHeading(t *testing.T) {
	tests := []struct {
		name, in, heading, body string
	}{
		{"no space", "####Termination\n\nThis Agreement may be terminated.", "Termination", "This Agreement may be terminated."},
		{"space and one #", "# Entry into force\nText", "Entry into force", "Text"},
		{"markup in the heading", "#### <sup>1</sup>Payment of *Shares*\n\nx", "1Payment of Shares", "x"},
		{"no heading", "1. This Agreement\n\n2. More", "", "1. This Agreement\n\n2. More"},
		{"heading later is no heading", "Text\n####Later", "", "Text\n####Later"},
		{"only a heading", "####Definitions", "Definitions", ""},
		{"empty", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, b := Heading(tc.in)
			if diff := cmp.Diff([2]string{tc.heading, tc.body}, [2]string{h, b}); diff != "" {
				t.Errorf("Heading(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"two sentences", "This Agreement shall enter into force. It shall remain in force.", "This Agreement shall enter into force."},
		{"semicolon is no end", "The Parties shall consult; they shall inform. Then more.", "The Parties shall consult; they shall inform."},
		{"list marker kept", "1.  The Parties shall cooperate. Each Party shall report.", "1. The Parties shall cooperate."},
		{"letter marker", "a) the term “Party” means a State. b) more", "a) the term “Party” means a State."},
		{"bracketed marker with point", "(a).  In order to provide for settlement. The rest.", "(a). In order to provide for settlement."},
		{"nested markers", "1. (a) The first. Second.", "1. (a) The first."},
		{"roman marker", "(iv) Goods in transit. Other.", "(iv) Goods in transit."},
		{"abbreviations", "As laid down in Art. 5 and No. 3, e.g. goods, i.e. all. Next.", "As laid down in Art. 5 and No. 3, e.g. goods, i.e. all."},
		{"decimal number", "The rate is 1.5 percent. Next.", "The rate is 1.5 percent."},
		{"point before lower case", "See the Annex, para. two of it. Next.", "See the Annex, para. two of it."},
		{"closing quote kept", `The term "Convention." Means. x`, `The term "Convention."`},
		{"curly closing quote", "It is called “the Fund.” The Fund is.", "It is called “the Fund.”"},
		{"question mark", "Is it so? Yes.", "Is it so?"},
		{"no sentence end", "For the purposes of this Agreement:\n\n(a) the term", "For the purposes of this Agreement:"},
		{"first paragraph only", "The first paragraph\nwraps\n\nThe second.", "The first paragraph wraps"},
		{"line-broken list items", "1.  Annex 1 names the authority.   \n2.  Annex 2 names", "1. Annex 1 names the authority."},
		{"status notes skipped", "Treedt in werking per 31-08-2014 \n\nThis Agreement shall continue. More.", "This Agreement shall continue."},
		{"note on a date to be fixed", "Treedt in werking op een nader te bepalen tijdstip\n\nThe Parties agree.", "The Parties agree."},
		{"link becomes its text", "As in [Article 10 of the Convention](../../verdrag/BWBV0003473/README.md), persons. More.", "As in Article 10 of the Convention, persons."},
		{"emphasis and tags go", "Sub-paragraph *(b)* applies on the 31<sup>st</sup> day. Next.", "Sub-paragraph (b) applies on the 31st day."},
		{"heading and table paragraphs skipped", "####Sub\n\n| a | b |\n\nText here. Next.", "Text here."},
		{"empty", "  \n\n ", ""},
		{"end of text", "Done.", "Done."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, FirstSentence(tc.in)); diff != "" {
				t.Errorf("FirstSentence(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}
