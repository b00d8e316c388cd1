package index

import "testing"

// TestAnalyseImpliedAllocations: the locations of a text's words and of
// the compounds it implies are made once, at their final length. Before,
// each implied compound's location was appended to the words' (made at
// their exact length), which copied them all: 215 MB of a load's 5.5 GB.
// The text and exact fields' frequencies (four allocations each), the
// locations (one) and impliedWords' own work are what is left.
func TestAnalyseImpliedAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not the code's under -race (race_test.go)")
	}
	ix, err := NewMemory(Options{Decompounder: splitter()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var sc freqScratch
	allocs := func(text string) float64 {
		b := []byte(text)
		ix.analyse(b, true, &sc) // the word cache and scratch filled
		return testing.AllocsPerRun(20, func() { ix.analyse(b, true, &sc) })
	}
	plain := allocs("De minister van Landbouw spreekt over de land en tuinbouw in het noorden van het land.")
	implied := allocs("De minister van Landbouw spreekt over de land- en tuinbouw in het noorden van het land.")
	// impliedWords: the text as a string, its answer, the implied word
	// as bytes for the segmenter. A fourth is the locations copied.
	if implied-plain > 3 {
		t.Errorf("%v allocations with an implied compound, %v without: the locations are copied", implied, plain)
	}
}
