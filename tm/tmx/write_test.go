package tmx

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/sharedtest"
	"github.com/tolk-nl/tolk/tm"
)

// rich has every field, and characters XML must escape.
func rich() []tm.Segment {
	return []tm.Segment{
		{
			ID: "tu-1", NL: `De "staatsgreep" <van> 18 augustus & de transitie 'vertraagd'.`, EN: "The coup & the transition.",
			Collection: "mali", Source: tm.Source{Doc: "kamerbrief-mali-2020", Article: "2a"},
			Created: date("20200901T120000Z"), Creator: `BZ\alice`, Note: "eerste regel\nnl: tweede regel",
			Props: []tm.Prop{{Type: "x-Origin", Value: "TM"}, {Lang: "nl", Type: "x-Reviewed", Value: "ja"}, {Lang: "en", Type: "x-Reviewed", Value: "yes"}},
		},
		{NL: "Zonder id of datum.", EN: "Without id or date.", Collection: "import"},
		{ID: "gb", NL: "Een Britse vertaling.", EN: "A British translation.", NLLang: "nl-BE", ENLang: "en-GB"},
		{ID: "tab\u00a0id", NL: "Niet-breekbare\u00a0spatie en 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.", EN: "Non-breaking\u00a0space."},
		{ID: "us", NL: "Uit het Engels vertaald.", EN: "Translated from English.", ENLang: "en-US", ENSource: true},
	}
}

func write(t testing.TB, segs []tm.Segment) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, segs, Header{ToolVersion: "test", Created: date("20240101T000000Z")}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTrip: import → export → import loses nothing, for tolk's own
// segments and for the CAT tools' files.
func TestRoundTrip(t *testing.T) {
	inputs := map[string][]tm.Segment{"rich": rich()}
	for _, f := range []string{"trados.tmx", "memoq-windows-1252.tmx"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		b, err := Read(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = b.Segments
	}
	for name, segs := range inputs {
		t.Run(name, func(t *testing.T) {
			for i := range segs {
				segs[i].Normalize()
				if err := segs[i].Validate(); err != nil {
					t.Fatal(err)
				}
			}
			got, err := Read(bytes.NewReader(write(t, segs)))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(segs, got.Segments); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if got.Skipped != 0 {
				t.Errorf("%d skipped", got.Skipped)
			}
		})
	}
}

// TestDTDValid checks the exported file against the TMX 1.4b DTD with
// xmllint, and a broken copy to prove the check can fail.
func TestDTDValid(t *testing.T) {
	dtd := sharedtest.Path(t, "data", "tmx-schema", "tmx14.dtd")
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("TOLK_REQUIRE_TOOLS") == "1" {
			t.Fatal("xmllint missing and TOLK_REQUIRE_TOOLS=1: install libxml2-utils")
		}
		t.Skip("xmllint missing: install libxml2-utils to check exported TMX against tmx14.dtd")
	}
	dir := t.TempDir()
	valid := func(name string, data []byte) (string, error) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("xmllint", "--noout", "--dtdvalid", dtd, p).CombinedOutput()
		return string(out), err
	}
	good := write(t, rich())
	trados, err := os.Open(filepath.Join("testdata", "trados.tmx"))
	if err != nil {
		t.Fatal(err)
	}
	defer trados.Close()
	b, err := Read(trados)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"rich.tmx": good, "empty.tmx": write(t, nil), "trados.tmx": write(t, b.Segments)} {
		if out, err := valid(name, data); err != nil {
			t.Errorf("%s: xmllint: %v\n%s", name, err, out)
		}
	}
	broken := bytes.Replace(good, []byte(` segtype="sentence"`), []byte(` segtype="chapter"`), 1)
	if out, err := valid("broken.tmx", broken); err == nil {
		t.Errorf("xmllint accepted segtype=chapter:\n%s", out)
	}
}

func TestWriteHeader(t *testing.T) {
	out := string(write(t, nil))
	for _, want := range []string{`creationtool="tolk"`, `creationtoolversion="test"`, `segtype="sentence"`, `o-tmf="tolk"`,
		`adminlang="en"`, `srclang="nl"`, `datatype="plaintext"`, `creationdate="20240101T000000Z"`, `<tmx version="1.4">`} {
		if !strings.Contains(out, want) {
			t.Errorf("header lacks %s:\n%s", want, out)
		}
	}
}

// TestWriteSourceLanguage: a memory translated from English is exported
// with srclang English (the header's when every unit's source is English,
// else the unit's own), and read back so; a Dutch-source unit under an
// English header says srclang nl.
func TestWriteSourceLanguage(t *testing.T) {
	us := tm.Segment{ID: "a", NL: "Vertaald.", EN: "Translated.", ENLang: "en-US", ENSource: true}
	gb := tm.Segment{ID: "b", NL: "Ook vertaald.", EN: "Also translated.", ENSource: true}
	nl := tm.Segment{ID: "c", NL: "Origineel.", EN: "Original."}
	for _, tt := range []struct {
		name   string
		segs   []tm.Segment
		header string
		units  []string // the srclang attributes of the units, in order
	}{
		{"all English", []tm.Segment{us, us}, "en-US", nil},
		{"English, two tags", []tm.Segment{us, gb}, "en-US", []string{"en"}},
		{"mixed", []tm.Segment{nl, us}, "nl", []string{"en-US"}},
		{"Dutch", []tm.Segment{nl}, "nl", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := string(write(t, tt.segs))
			if want := `srclang="` + tt.header + `" datatype`; !strings.Contains(out, want) {
				t.Errorf("header: want %s in\n%s", want, out)
			}
			var units []string
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(strings.TrimSpace(l), "<tu ") {
					if _, v, ok := strings.Cut(l, ` srclang="`); ok {
						units = append(units, v[:strings.IndexByte(v, '"')])
					}
				}
			}
			if d := cmp.Diff(tt.units, units); d != "" {
				t.Errorf("units' srclang (-want +got):\n%s", d)
			}
			b, err := Read(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range b.Segments {
				if s.ENSource != tt.segs[i].ENSource {
					t.Errorf("unit %d read back with ENSource %t, want %t", i, s.ENSource, tt.segs[i].ENSource)
				}
			}
		})
	}
}

// TestNoBreakSpaces: the no-break spaces of a CAT tool's TMX (€&#160;5,
// art.&#160;3, 10&#8239;%) survive import and export; the line break and
// the indentation around them collapse.
func TestNoBreakSpaces(t *testing.T) {
	doc := tmxDoc("", `<tu><tuv xml:lang="nl"><seg>Nederland draagt €&#160;5&#160;mln bij,
      zie art.&#160;3 (10&#8239;%).</seg></tuv><tuv xml:lang="en"><seg>The Netherlands gives €5&#160;million, see Art.&#160;3.</seg></tuv></tu>`)
	want := []tm.Segment{{
		NL: "Nederland draagt €\u00a05\u00a0mln bij, zie art.\u00a03 (10\u202f%).",
		EN: "The Netherlands gives €5\u00a0million, see Art.\u00a03.",
	}}
	got, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got.Segments); diff != "" {
		t.Fatalf("import (-want +got):\n%s", diff)
	}
	again, err := Read(bytes.NewReader(write(t, got.Segments)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, again.Segments); diff != "" {
		t.Errorf("export, import again (-want +got):\n%s", diff)
	}
}

// TestWriteChangeAttributes: the change and usage data Read keeps as
// props (x-changedate …) go back into the attributes they came from, on
// the unit and on each variant; a prop that could not come back unchanged
// as an attribute (out of order, repeated, not a TMX date) stays a prop.
// Either way Read gives the props back as they were.
func TestWriteChangeAttributes(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "trados.tmx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	out := string(write(t, b.Segments[:1]))
	for _, want := range []string{
		` changedate="20230915T140207Z" changeid="MINBUZA\pbakker" lastusagedate="20240102T093011Z" usagecount="3">` + "\n      <prop",
		`<tuv xml:lang="nl-NL" creationdate="20230912T081601Z" creationid="MINBUZA\jdevries" changedate="20230915T140207Z" changeid="MINBUZA\pbakker">`,
		`<tuv xml:lang="en-GB" changedate="20230915T140207Z" changeid="MINBUZA\pbakker" lastusagedate="20240102T093011Z" usagecount="3">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, `<prop type="x-changedate"`) {
		t.Errorf("x-changedate written as a prop:\n%s", out)
	}

	seg := tm.Segment{ID: "1", NL: "a", EN: "b", Props: []tm.Prop{
		{Type: "x-changeid", Value: "bob"}, {Type: "x-changedate", Value: "20240101T000000Z"}, // out of order
		{Lang: "nl", Type: "x-changedate", Value: "2024-01-01"},                                        // not TMX's form
		{Lang: "en", Type: "x-usagecount", Value: "2"}, {Lang: "en", Type: "x-usagecount", Value: "3"}, // twice
	}}
	out = string(write(t, []tm.Segment{seg}))
	for _, want := range []string{
		`<tu tuid="1" changeid="bob">`, `<prop type="x-changedate">20240101T000000Z</prop>`,
		`<tuv xml:lang="nl">`, `<prop type="x-changedate">2024-01-01</prop>`,
		`<tuv xml:lang="en" usagecount="2">`, `<prop type="x-usagecount">3</prop>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s:\n%s", want, out)
		}
	}
	again, err := Read(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]tm.Segment{seg}, again.Segments); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
}
