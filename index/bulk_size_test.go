package index

import (
	"testing"
)

// TestPreparedSize: the Size a prepared passage reports (computed by
// Prepare from the terms) is the Size bleve computes by walking every
// location, for every field of every passage of the letter, with the
// splitter (the implied field) and with a heading shared by passages.
func TestPreparedSize(t *testing.T) {
	ix, err := NewMemory(Options{Decompounder: splitter()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ps := letterPassages(t)
	p := ix.Prepare(ps)
	sized := 0
	for i, d := range p.docs {
		for _, f := range d.Fields {
			pt, ok := f.(*preparedText)
			if !ok {
				continue
			}
			if pt.size == 0 {
				continue
			}
			sized++
			if got, want := pt.Size(), pt.TextField.Size()+pt.freqs.Size(); got != want {
				t.Errorf("passage %d field %s: Size %d, bleve's %d", i, f.Name(), got, want)
			}
		}
	}
	if sized < 2*len(ps) {
		t.Errorf("%d sized fields in %d passages: Prepare left text fields without their Size", sized, len(ps))
	}
}
