package exchange

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/glossary"
)

// fuzzMaxInput bounds what FuzzImport parses: far beyond any structure a
// seed has, and it keeps each execution under a few milliseconds.
const fuzzMaxInput = 64 << 10

// fuzzConcept is the seed concept: one of each kind of field, short, so
// that the exports are small. Large seeds made the fuzzer useless: every
// input that found new coverage was minimised byte by byte for up to a
// minute (go test's -fuzzminimizetime), a 12 KB TBX seed took the whole
// budget, and a 60 s run reported 11 executions.
func fuzzConcept() glossary.Concept {
	at := time.Date(2020, 8, 18, 0, 0, 0, 0, time.UTC)
	return glossary.Concept{
		ID: "c1", Collection: "curated", Subject: "recht", Reliability: 3,
		Definition: map[string]string{"nl": "onwettige machtsovername"},
		Note:       "zie ook", Source: "Kamerbrief", Created: at, Modified: at,
		Terms: []glossary.Term{
			{Lang: "nl", Text: "staatsgreep", Status: "preferred", Type: "fullForm", POS: "noun", Article: "de", Plural: "staatsgrepen", Context: "na de staatsgreep", Reliability: 2},
			{Lang: "en", Text: "coup d'état", Note: "a, b|c", Source: "IATE"},
		},
	}
}

// compact drops what only makes an export readable (indentation, the
// TBX schema references), so the seeds stay small: the fuzzer minimises
// each new input in a pass quadratic in its length.
func compact(f Format, b []byte) []byte {
	switch f {
	case JSON:
		var out bytes.Buffer
		if err := json.Compact(&out, b); err == nil {
			return out.Bytes()
		}
	case TBX:
		b = xmlModel.ReplaceAll(b, nil)
		return xmlSpace.ReplaceAll(b, []byte("><"))
	}
	return b
}

var (
	xmlModel = regexp.MustCompile(`<\?xml-model[^>]*>\s*`)
	xmlSpace = regexp.MustCompile(`>\s+<`)
)

// FuzzImport feeds every importer through Import: no panic, all or
// nothing, and only valid concepts with ids. which picks the format by
// its index in Formats(). XLSX inputs are skipped: a byte-mutated zip
// fails its checksum before a cell is read, so fuzzing it here explores
// archive/zip at 2–6 ms an execution; table.FuzzReadXLSX fuzzes the
// cells. Seeds: the seed concept exported in each other format, a
// FreeDict file, and testdata/fuzz/FuzzImport.
func FuzzImport(f *testing.F) {
	fs := Formats()
	for i, fi := range fs {
		var buf bytes.Buffer
		switch fi.Name {
		case XLSX:
			continue
		case FreeDict:
			buf.WriteString("headword\tpronunciation\ttranslations\nstaatsgreep\tˈstaːtsxreːp\tcoup | putsch\n")
		default:
			if err := Export(&buf, fi.Name, []glossary.Concept{fuzzConcept()}); err != nil {
				f.Fatal(err)
			}
			buf = *bytes.NewBuffer(compact(fi.Name, buf.Bytes()))
		}
		// A seed that does not import would keep the fuzzer in error paths.
		if _, _, err := Import(bytes.NewReader(buf.Bytes()), fi.Name, ""); err != nil {
			f.Fatalf("seed %s: %v", fi.Name, err)
		}
		f.Add(uint8(i), buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, which uint8, in []byte) {
		format := fs[int(which)%len(fs)].Name
		if format == XLSX || len(in) > fuzzMaxInput {
			return
		}
		cs, _, err := Import(bytes.NewReader(in), format, "")
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
