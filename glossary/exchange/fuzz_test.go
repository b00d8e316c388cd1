package exchange

import (
	"bytes"
	"testing"
)

// FuzzImport feeds every importer through Import: no panic, all or
// nothing, and only valid concepts with ids. Seeds: an export of
// generated concepts in each format, and testdata/fuzz/FuzzImport.
func FuzzImport(f *testing.F) {
	fs := Formats()
	for i, fi := range fs {
		if !fi.Export {
			continue
		}
		var buf bytes.Buffer
		if err := Export(&buf, fi.Name, gen(uint64(i), 3)); err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, which uint8, in []byte) {
		format := fs[int(which)%len(fs)].Name
		cs, err := Import(bytes.NewReader(in), format, "")
		if err != nil {
			if cs != nil {
				t.Fatalf("%s: concepts with error %v", format, err)
			}
			return
		}
		for i := range cs {
			if cs[i].ID == "" {
				t.Fatalf("%s: concept without id", format)
			}
			if err := cs[i].Validate(); err != nil {
				t.Fatalf("%s: invalid concept: %v", format, err)
			}
		}
	})
}
