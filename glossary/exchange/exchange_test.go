package exchange

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/internal/glossarytest"
	"github.com/tolk-nl/tolk/glossary/omegat"
	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// words mixes diacritics, quotes, formula-like starts, separators and
// XML-special characters; no '|' in terms (the Trados convention).
var words = []string{"staatsgreep", "coup d'état", "rechtsorde", "Ḿali", "naïef", "ĳzer", "café", "„aanhalingstekens”", `"quoted"`,
	"=SUM(A1)", "+31", "-achtig", "@home", "'=quoted", "a, b", "x;y", "<tag>", "R&D", "tab", "Ölgemälde", "ﬁnance", "日本", "emoji 🙂"}

// gen returns n varied concepts from a fixed seed: every field of the
// model, with and without values.
func gen(seed uint64, n int) []glossary.Concept {
	r := rand.New(rand.NewPCG(seed, 1))
	pick := func(vs []string) string { return vs[r.IntN(len(vs))] }
	text := func(max int) string {
		var ws []string
		for range 1 + r.IntN(max) {
			ws = append(ws, pick(words))
		}
		return strings.Join(ws, " ")
	}
	maybe := func(s string) string {
		if r.IntN(3) == 0 {
			return ""
		}
		return s
	}
	note := func() string {
		s := text(4)
		if r.IntN(3) == 0 {
			s += "\n" + text(3) + " | pipe \\ backslash"
		}
		if r.IntN(5) == 0 {
			s = pick([]string{"Plural: ", "Note: ", "Article: ", "Reliability: "}) + s
		}
		return maybe(s)
	}
	base := time.Date(2020, 8, 18, 0, 0, 0, 0, time.UTC)
	cs := make([]glossary.Concept, n)
	for i := range cs {
		c := glossary.Concept{
			ID:          pick([]string{"c", "7", "_x", ".d", "Z"}) + fmt.Sprint(i),
			Collection:  pick([]string{"curated", "iate", "mine"}),
			Subject:     maybe(text(2)),
			Note:        note(),
			Source:      maybe(pick([]string{"https://iate.europa.eu/entry/123", "Kamerbrief 29 237"})),
			Reliability: r.IntN(5),
		}
		if r.IntN(2) == 0 {
			c.Created = base.Add(time.Duration(r.Int64N(1e17)))
			c.Modified = c.Created.Add(time.Duration(r.Int64N(1e15)))
		}
		for _, l := range glossary.Languages {
			if r.IntN(3) > 0 {
				if c.Definition == nil {
					c.Definition = map[string]string{}
				}
				c.Definition[l] = text(8)
			}
		}
		used := map[string]bool{}
		for _, l := range []string{"nl", "en", "fr", "de"} {
			k := r.IntN(4)
			if l == "nl" || l == "en" {
				k++
			}
			for range k {
				t := glossary.Term{Lang: l, Text: text(3)}
				if used[l+strings.ToLower(t.Text)] {
					continue
				}
				used[l+strings.ToLower(t.Text)] = true
				if r.IntN(2) == 0 {
					t.Status = glossary.Statuses[r.IntN(len(glossary.Statuses))]
				}
				if r.IntN(2) == 0 {
					t.Type = glossary.TermTypes[r.IntN(len(glossary.TermTypes))]
				}
				if r.IntN(2) == 0 {
					t.POS = glossary.PartsOfSpeech[r.IntN(len(glossary.PartsOfSpeech))]
				}
				if l == "nl" && r.IntN(2) == 0 {
					t.Article = pick([]string{"de", "het"})
				}
				t.Plural = maybe(pick(words))
				t.Note = note()
				t.Reliability = r.IntN(5)
				t.Context = maybe(text(10))
				t.Source = maybe(pick([]string{"Kamerbrief Mali 2020", "-1", "https://example.org/?a=1&b=2"}))
				c.Terms = append(c.Terms, t)
			}
		}
		if err := c.Validate(); err != nil {
			panic(err)
		}
		cs[i] = c
	}
	return cs
}

func roundTrip(t *testing.T, f Format, cs []glossary.Concept, collection string) ([]byte, []glossary.Concept) {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(&buf, f, cs); err != nil {
		t.Fatalf("Export %s: %v", f, err)
	}
	data := slices.Clone(buf.Bytes())
	got, _, err := Import(&buf, f, collection)
	if err != nil {
		t.Fatalf("Import %s: %v", f, err)
	}
	return data, got
}

// TestRoundTrip: export then import gives back every field the format
// carries, for several seeds.
func TestRoundTrip(t *testing.T) {
	for seed := range uint64(5) {
		cs := gen(seed, 60)
		for _, f := range []Format{JSON, TBX, CSV, XLSX} {
			t.Run(fmt.Sprintf("%s/seed%d", f, seed), func(t *testing.T) {
				_, got := roundTrip(t, f, cs, "")
				want := cs
				if f != JSON {
					want = glossarytest.Canonical(cs)
				}
				if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("Import(Export(cs)) (-want +got):\n%s", diff)
				}
			})
		}
		t.Run(fmt.Sprintf("omegat/seed%d", seed), func(t *testing.T) {
			_, got := roundTrip(t, OmegaT, cs, "mine")
			var pairs []omegat.Pair
			for _, c := range got {
				if c.Collection != "mine" || c.ID == "" {
					t.Fatalf("imported concept without the collection or an id: %+v", c)
				}
				pairs = append(pairs, omegat.Pair{Source: c.Terms[0].Text, Target: c.Terms[1].Text, Comment: c.Note})
			}
			if diff := cmp.Diff(omegat.Pairs(cs), pairs, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("pairs (-want +got):\n%s", diff)
			}
			checkPairs(t, cs, pairs, false)
		})
		t.Run(fmt.Sprintf("tsv/seed%d", seed), func(t *testing.T) {
			data, got := roundTrip(t, TSV, cs, "mine")
			var pairs []omegat.Pair
			for _, c := range got {
				pairs = append(pairs, omegat.Pair{Source: c.Terms[0].Text, Target: c.Terms[1].Text})
			}
			if diff := cmp.Diff(omegat.TSVPairs(cs), pairs, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("pairs (-want +got):\n%s", diff)
			}
			checkPairs(t, cs, pairs, true)
			for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
				if f := strings.Split(line, "\t"); len(f) != 2 || f[0] == "" || f[1] == "" || strings.TrimSpace(f[0]) != f[0] {
					t.Errorf("line %d %q: DeepL wants two non-empty trimmed entries", i+1, line)
				}
			}
		})
	}
}

// checkPairs checks what DeepL and OmegaT users rely on, independently
// of how Pairs chooses: each pair is a Dutch term and a usable English
// term of one concept; sources are unique where unique is asked.
func checkPairs(t *testing.T, cs []glossary.Concept, pairs []omegat.Pair, unique bool) {
	t.Helper()
	ok := map[[2]string]bool{}
	for _, c := range cs {
		for _, s := range c.TermsIn("nl") {
			for _, e := range c.TermsIn("en") {
				if e.Status != glossary.Deprecated && e.Status != glossary.Superseded {
					ok[[2]string{omegat.Clean(s.Text), omegat.Clean(e.Text)}] = true
				}
			}
		}
	}
	sources := map[string]bool{}
	for _, p := range pairs {
		if !ok[[2]string{p.Source, p.Target}] {
			t.Errorf("pair %q → %q is not a Dutch term with a usable English term of one concept", p.Source, p.Target)
		}
		if unique && sources[p.Source] {
			t.Errorf("source %q twice", p.Source)
		}
		sources[p.Source] = true
	}
	if len(pairs) == 0 {
		t.Error("no pairs")
	}
}

func TestImportIDs(t *testing.T) {
	in := "staat\tstate\nland\tcountry\nstaat\tstate\n"
	a, _, err := Import(strings.NewReader(in), TSV, "mine")
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Import(strings.NewReader(in), TSV, "mine")
	if err != nil {
		t.Fatal(err)
	}
	ids := func(cs []glossary.Concept) []string {
		var s []string
		for _, c := range cs {
			s = append(s, c.ID)
		}
		return s
	}
	if diff := cmp.Diff(ids(a), ids(b)); diff != "" {
		t.Errorf("ids differ between two imports of one file (-first +second):\n%s", diff)
	}
	// The repeated pair is one concept (TestImportRepeatedRows); two
	// concepts with the same terms that differ otherwise (a definition:
	// homonyms, which are not merged) get ids apart, the second suffixed -2.
	if len(a) != 2 || a[0].ID == a[1].ID {
		t.Errorf("ids %v: want two, distinct", ids(a))
	}
	c, _, err := Import(strings.NewReader("nl,en,definition_nl\nstaat,state,a\nstaat,state,b\n"), CSV, "mine")
	if err != nil {
		t.Fatal(err)
	}
	if len(c) != 2 || c[1].ID != c[0].ID+"-2" {
		t.Errorf("ids %v: want the second suffixed -2", ids(c))
	}
	_, _, err = Import(strings.NewReader("id,nl\na,x\na,y\n"), CSV, "")
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), `same id "a"`) {
		t.Errorf("repeated id: %v, want an InputError naming it", err)
	}
}

func TestImportErrors(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		in     string
		want   []string
	}{
		{"json syntax", JSON, "[\n{\"id\": \"a\",\n\"terms\": [}]", []string{"line 3"}},
		{"json unknown field", JSON, "[{\"id\":\"a\",\"terms\":[{\"lang\":\"nl\",\"text\":\"x\"}],\n\"colour\":1}]", []string{`"colour"`}},
		{"json invalid concept", JSON, "{\"total\": 2, \"concepts\": [\n{\"id\":\"a\",\"terms\":[{\"lang\":\"nl\",\"text\":\"x\"}]},\n{\"id\":\"b\",\"terms\":[{\"lang\":\"xx\",\"text\":\"y\"}]}]}", []string{"concept 2 at line 3", `unknown language code "xx"`}},
		{"json wrong type", JSON, "[{\"id\": 5}]", []string{"line 1", "id"}},
		{"json invalid utf-8", JSON, "[\n\"\xff\"]", []string{"line 2", "UTF-8"}},
		{"json trailing data", JSON, "[] []", []string{"after the end"}},
		{"json scalar", JSON, "42", []string{"want an array"}},
		{"tbx broken", TBX, "<tbx>\n<text><body><conceptEntry id=\"a\">\n</body>", []string{"line 3"}},
		{"csv one broken row", CSV, "nl,en\nhuis,house\nboom,tree|\n", []string{"line 3", "empty term"}},
		{"xlsx garbage", XLSX, "not a zip", []string{"xlsx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := Import(strings.NewReader(tt.in), tt.format, "")
			var ie *InputError
			if !errors.As(err, &ie) || got != nil {
				t.Fatalf("Import = %d concepts, %v; want nil and an *InputError", len(got), err)
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
	if _, _, err := Import(strings.NewReader(""), "docx", ""); !errors.Is(err, ErrFormat) {
		t.Errorf("Import docx: %v, want ErrFormat", err)
	}
	if err := Export(&bytes.Buffer{}, FreeDict, nil); !errors.Is(err, ErrFormat) {
		t.Errorf("Export freedict: %v, want ErrFormat", err)
	}
}

// failingReader stands for an upload that is cut off or too large.
type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

func TestImportReadError(t *testing.T) {
	boom := errors.New("request body too large")
	for _, f := range Formats() {
		_, _, err := Import(failingReader{boom}, f.Name, "")
		var ie *InputError
		if !errors.Is(err, boom) || errors.As(err, &ie) {
			t.Errorf("%s: %v, want the reader's error and no InputError", f.Name, err)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		head string
		want Format
	}{
		{"x.tbx", "<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\"", TBX},
		{"upload", "<?xml version=\"1.0\"?>\n<!DOCTYPE martif><martif", TBX},
		{"g.csv", "id,nl,en\n", CSV},
		{"g", "nl;en\n", CSV},
		{"g.xlsx", "PK\x03\x04...", XLSX},
		{"glossary.txt", "# Glossary in tab-separated format -*- coding: utf-8 -*-\n", OmegaT},
		{"g.utf8", "staat\tstate\n", OmegaT},
		{"deepl.tsv", "staat\tstate\n", TSV},
		{"g.txt", "staat\tstate\n", TSV},
		{"g.json", "\uFEFF{\"concepts\":[]}", JSON},
		{"api", " [ {", JSON},
		{"fd.tsv", "headword\tpronunciation\ttranslations\n", FreeDict},
		{"glossary.txt", "staat\tstate\tpolitiek\n", OmegaT}, // OmegaT's third column, no header
		// OmegaT's glossary.txt as a translator keeps it: comment lines
		// (and blank ones) before the first entry.
		{"glossary.txt", "# Staatsrecht\n# bijgewerkt 2024\n\nstaatsgreep\tcoup\tcomment\n", OmegaT},
		{"glossary.txt", "# Staatsrecht\r\nstaatsgreep\tcoup\r\n", OmegaT}, // two columns after comments: still OmegaT, which skips them
		{"g.txt", "\n\nstaat\tstate\n", TSV},
		{"w.tbx.gz", gz("<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\""), TBX},
		{"g.csv.gz", gz("nl,en\nstaat,state\n"), CSV},
		{"upload", gz("[{\"terms\":[]}]"), JSON},
	}
	for _, tt := range tests {
		if got, ok := Detect(tt.name, []byte(tt.head)); got != tt.want || !ok {
			t.Errorf("Detect(%q, %q) = %q, %v; want %q", tt.name, tt.head, got, ok, tt.want)
		}
	}
	for _, head := range []string{
		"<html>",
		"# notes\nnl,en\n", // the CSV reader has no comment lines
		"# only a comment\n\n",
	} {
		if f, ok := Detect("upload", []byte(head)); ok {
			t.Errorf("Detect(%q) = %q, want no format", head, f)
		}
	}
}

func TestFormats(t *testing.T) {
	for _, fi := range Formats() {
		if fi.Export {
			if err := Export(&bytes.Buffer{}, fi.Name, nil); err != nil {
				t.Errorf("Export %s of nothing: %v", fi.Name, err)
			}
		}
		if _, ok := Info(fi.Name); !ok || fi.MediaType == "" || !strings.HasPrefix(fi.Extension, ".") {
			t.Errorf("incomplete %+v", fi)
		}
	}
}

// open reads a file under ../shared, gunzipped when its name ends in .gz.
func open(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := io.ReadAll(sharedtest.Open(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRealFiles imports the real files with the counts they hold, then
// sends each through every export format and back.
func TestRealFiles(t *testing.T) {
	tests := []struct {
		file   string
		format Format
		want   int
	}{
		{"data/tbx-weblate-glossary-nl/nl.tbx", TBX, 183},
		// 2,911 rows, two of which repeat another but for a doubled space
		// ("Amendment of Annexes I  and II"): one space, one concept.
		{"data/bwb-treaties-nl-en/treaty-article-headings-nl-en.tsv.gz", TSV, 2909},
		{"data/freedict-nld-eng-debian/freedict-nld-eng.tsv.gz", FreeDict, 22747},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			b := open(t, tt.file)
			if f, ok := Detect(tt.file, b[:min(512, len(b))]); !ok || (f != tt.format && tt.format != TSV) {
				t.Errorf("Detect = %q, want %q", f, tt.format)
			}
			cs, _, err := Import(bytes.NewReader(b), tt.format, "import-"+string(tt.format))
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != tt.want {
				t.Errorf("%d concepts, want %d", len(cs), tt.want)
			}
			for _, f := range []Format{JSON, TBX, CSV} {
				_, got := roundTrip(t, f, cs, "")
				want := cs
				if f != JSON {
					want = glossarytest.Canonical(cs)
				}
				if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s round trip (-want +got):\n%.3000s", f, diff)
				}
			}
		})
	}
}

// TestImportGzip: a gzip-compressed file (FreeDict ships its TSV so) is
// read as the file inside; a damaged one is an error saying so.
func TestImportGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	io.WriteString(zw, "staatsgreep\tcoup\n")
	zw.Close()
	cs, _, err := Import(bytes.NewReader(buf.Bytes()), TSV, "mine")
	if err != nil || len(cs) != 1 || cs[0].Terms[0].Text != "staatsgreep" {
		t.Fatalf("gzipped TSV: %v %+v", err, cs)
	}
	bad := append([]byte{0x1f, 0x8b}, []byte("not really gzip")...)
	if _, _, err := Import(bytes.NewReader(bad), TSV, "mine"); err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("damaged gzip: %v", err)
	}
}

// TestImportUTF16: a CSV or TSV saved as "Unicode text" (UTF-16 with a
// byte-order mark, as Excel and Notepad write it) imports as its UTF-8
// would; the column names were read as garbage ("\xff\xfen\x00l\x00").
func TestImportUTF16(t *testing.T) {
	utf16 := func(s string, big bool) []byte {
		b := []byte{0xff, 0xfe}
		if big {
			b = []byte{0xfe, 0xff}
		}
		for _, r := range s { // the test's text is in the BMP
			if big {
				b = append(b, byte(r>>8), byte(r))
			} else {
				b = append(b, byte(r), byte(r>>8))
			}
		}
		return b
	}
	for _, tt := range []struct {
		f    Format
		text string
	}{
		{CSV, "nl,en\nstaatsgreep,coup d'état\n"},
		{TSV, "staatsgreep\tcoup d'état\n"},
	} {
		for _, big := range []bool{false, true} {
			cs, _, err := Import(bytes.NewReader(utf16(tt.text, big)), tt.f, "x")
			if err != nil {
				t.Errorf("%s, big-endian %t: %v", tt.f, big, err)
				continue
			}
			if len(cs) != 1 || cs[0].TermsIn("nl")[0].Text != "staatsgreep" || cs[0].TermsIn("en")[0].Text != "coup d'état" {
				t.Errorf("%s, big-endian %t: %+v", tt.f, big, cs)
			}
		}
	}
}

// gz is s gzip-compressed.
func gz(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

// TestImportRepeatedRows: a row repeated word for word (the same
// spreadsheet row twice) is one concept, and the import says so; two
// rows that differ in anything stay two concepts, in a TSV; in a CSV
// without ids, a row with the same Dutch term is merged into the first
// (TestImportMergeRows).
func TestImportRepeatedRows(t *testing.T) {
	for f, in := range map[Format]string{
		TSV: "verdrag\ttreaty\nverdrag\ttreaty\nverdrag\tconvention\n",
		CSV: "nl,en\nverdrag,treaty\nverdrag,treaty\nverdrag,convention\n",
	} {
		cs, left, err := Import(strings.NewReader(in), f, "mine")
		if err != nil {
			t.Fatal(err)
		}
		want := 2
		if f == CSV {
			want = 1
		}
		if len(cs) != want || left.Duplicates != 1 || !strings.Contains(left.String(), "1 concept repeating an earlier one word for word") {
			t.Errorf("%s: %d concepts, left %+v (%s); want %d and one repeat", f, len(cs), left, left, want)
		}
	}
}

// TestImportTermSpacing: a term comes in with the same spacing whatever
// the format: no space at either end, one between words (CSV and JSON
// kept " coup" and "staats  greep" as written, TBX trimmed them), a
// no-break space inside kept; a row that differs from another only so is
// a repeat.
func TestImportTermSpacing(t *testing.T) {
	for _, tt := range []struct {
		f    Format
		data string
	}{
		{CSV, "nl,en\n\" militaire  coup \",\" military coup\"\n\"artikel\u00a03 \",article\u00a03\n\"militaire coup\",military coup\n"},
		{JSON, `[{"terms":[{"lang":"nl","text":" militaire  coup "},{"lang":"en","text":" military coup"}]},{"terms":[{"lang":"nl","text":"artikel` + "\u00a0" + `3 "},{"lang":"en","text":"article` + "\u00a0" + `3"}]},{"terms":[{"lang":"nl","text":"militaire coup"},{"lang":"en","text":"military coup"}]}]`},
		{TSV, " militaire  coup \t military coup\nartikel\u00a03 \tarticle\u00a03\nmilitaire coup\tmilitary coup\n"},
	} {
		cs, left, err := Import(strings.NewReader(tt.data), tt.f, "mine")
		if err != nil {
			t.Fatalf("%s: %v", tt.f, err)
		}
		var got []string
		for _, c := range cs {
			for _, term := range c.Terms {
				got = append(got, term.Text)
			}
		}
		want := []string{"militaire coup", "military coup", "artikel\u00a03", "article\u00a03"}
		if !slices.Equal(got, want) || left.Duplicates != 1 {
			t.Errorf("%s: terms %q, %d repeats; want %q and 1", tt.f, got, left.Duplicates, want)
		}
	}
}
