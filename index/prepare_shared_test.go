package index

import (
	"testing"

	bindex "github.com/blevesearch/bleve_index_api"
)

// TestPrepareSharesTextAndExact: Prepare analyses a passage's stemmed and
// exact fields in one pass, so that both refer to the same location of a
// word. The text field is stored and the exact field is not; until
// session 6 that difference of options made Prepare analyse the exact
// field a second time with its own analyzer (same terms, twice the work
// and garbage), which TestPreparedFieldsAsAnalyzers cannot see because
// both ways give the same terms.
func TestPrepareSharesTextAndExact(t *testing.T) {
	ix, err := NewMemory(Options{Decompounder: splitter()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	p := ix.Prepare([]Passage{{Doc: "d", Paragraph: 1, Text: "De minister van Defensie schrijft over de vredesmissie."}})
	type analysed interface {
		AnalyzedTokenFrequencies() bindex.TokenFrequencies
	}
	locs := map[string]map[int]*bindex.TokenLocation{} // by position
	for _, f := range p.docs[0].Fields {
		if f.Name() != fieldText && f.Name() != fieldExact {
			continue
		}
		af, ok := f.(analysed)
		if !ok {
			t.Fatalf("field %s: %T is not analysed", f.Name(), f)
		}
		locs[f.Name()] = map[int]*bindex.TokenLocation{}
		for _, tf := range af.AnalyzedTokenFrequencies() {
			for _, l := range tf.Locations {
				locs[f.Name()][l.Position] = l
			}
		}
	}
	if len(locs[fieldExact]) == 0 {
		t.Fatalf("no locations in the exact field: %v", locs)
	}
	shared := 0
	for pos, l := range locs[fieldExact] {
		if tl := locs[fieldText][pos]; tl != nil { // not for stop words, which only the exact field holds
			if tl != l {
				t.Fatalf("position %d: the exact field's location is not the text field's: the two were analysed apart", pos)
			}
			shared++
		}
	}
	if shared == 0 {
		t.Fatalf("no word in both fields: %v", locs)
	}
}
