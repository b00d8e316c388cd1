package tmx

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/tolk-nl/tolk/tm"
)

func date(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestReadCATExports reads files laid out as Trados and memoQ write them.
func TestReadCATExports(t *testing.T) {
	tests := []struct {
		file    string
		want    []tm.Segment
		skipped int
	}{
		{"trados.tmx", []tm.Segment{
			{
				NL:      "De staatsgreep van 18 augustus 2020 heeft de transitie in Mali vertraagd.",
				EN:      "The coup of 18 August 2020 has delayed the transition in Mali.",
				Created: date("20230912T081601Z"), Creator: `MINBUZA\jdevries`,
				NLLang: "nl-NL", ENLang: "en-GB",
				// The change and usage attributes of the unit and of its
				// variants, in a fixed order, then the <prop>s.
				Props: []tm.Prop{
					{Type: "x-changedate", Value: "20230915T140207Z"}, {Type: "x-changeid", Value: `MINBUZA\pbakker`},
					{Type: "x-lastusagedate", Value: "20240102T093011Z"}, {Type: "x-usagecount", Value: "3"},
					{Type: "x-LastUsedBy", Value: `MINBUZA\pbakker`}, {Type: "x-Context", Value: "0, 0"},
					{Type: "x-Origin", Value: "TM"}, {Type: "x-ConfirmationLevel", Value: "ApprovedSignOff"},
					{Lang: "nl", Type: "x-creationdate", Value: "20230912T081601Z"}, {Lang: "nl", Type: "x-creationid", Value: `MINBUZA\jdevries`},
					{Lang: "nl", Type: "x-changedate", Value: "20230915T140207Z"}, {Lang: "nl", Type: "x-changeid", Value: `MINBUZA\pbakker`},
					{Lang: "en", Type: "x-changedate", Value: "20230915T140207Z"}, {Lang: "en", Type: "x-changeid", Value: `MINBUZA\pbakker`},
					{Lang: "en", Type: "x-lastusagedate", Value: "20240102T093011Z"}, {Lang: "en", Type: "x-usagecount", Value: "3"},
				},
			},
			{
				NL:      "Het kabinet blijft zich inzetten voor de rechtsorde & stabiliteit.",
				EN:      "The government remains committed to the rule of law & stability.",
				Created: date("20230912T081744Z"), Creator: `MINBUZA\jdevries`,
				Note:   "Terminologie afgestemd met DVB",
				NLLang: "nl-NL", ENLang: "en-GB",
				Props: []tm.Prop{{Type: "x-ConfirmationLevel", Value: "Translated"}, {Lang: "en", Type: "x-Reviewed", Value: "yes"}},
			},
		}, 1},
		{"memoq-windows-1252.tmx", []tm.Segment{
			{
				NL:      "Nederland draagt € 12 miljoen bij aan het “vredesproces” in de regio Mopti, coördinatie via MINUSMA.",
				EN:      "The Netherlands contributes €12 million to the “peace process” in the Mopti region, coordinated through MINUSMA.",
				Created: date("20210304T101112Z"), Creator: "translator1",
				Note:   "nl: Bron: Kamerbrief Mali",
				NLLang: "nl-NL", ENLang: "en-US",
				Props: []tm.Prop{
					{Type: "x-changedate", Value: "20210304T101112Z"}, {Type: "x-changeid", Value: "translator1"},
					{Type: "client", Value: "BZ"}, {Type: "project", Value: "Sahel 2021"}, {Type: "domain", Value: "Ontwikkelingssamenwerking"},
				},
			},
			{
				NL:      "Zie de bijlage Rapport van de VN, blz. 4 voor de cijfers.",
				EN:      "See the annex UN report, p. 4 for the figures.",
				Created: date("20210304T101305Z"), Creator: "translator1",
				NLLang: "nl-BE", ENLang: "en-US",
			},
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := Read(f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.Segments); diff != "" {
				t.Errorf("segments (-want +got):\n%s", diff)
			}
			if got.Skipped != tt.skipped {
				t.Errorf("skipped %d, want %d", got.Skipped, tt.skipped)
			}
			for _, s := range got.Segments {
				for _, text := range []string{s.NL, s.EN} {
					if strings.ContainsAny(text, "<>{}") || strings.Contains(text, "QuickPlaceholder") {
						t.Errorf("markup leaked into %q", text)
					}
				}
			}
		})
	}
}

func tmxDoc(prolog, tus string) string {
	return prolog + `<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="*all*" datatype="plaintext"/>
<body>
` + tus + `
</body></tmx>`
}

const oneTU = `<tu><tuv xml:lang="nl"><seg>één</seg></tuv><tuv xml:lang="en"><seg>one</seg></tuv></tu>`

func TestReadEncodings(t *testing.T) {
	want := []tm.Segment{{NL: "één", EN: "one"}}
	utf8Doc := tmxDoc(`<?xml version="1.0" encoding="UTF-8"?>`+"\n", oneTU)
	utf16 := func(order unicode.Endianness, decl string) []byte {
		b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(tmxDoc(decl, oneTU)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	latin1, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(tmxDoc(`<?xml version="1.0" encoding="ISO-8859-1"?>`, oneTU)))
	if err != nil {
		t.Fatal(err)
	}
	noBOM, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(tmxDoc(`<?xml version="1.0" encoding="UTF-16"?>`, oneTU)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"UTF-8", []byte(utf8Doc)},
		{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF"), utf8Doc...)},
		{"no prolog", []byte(tmxDoc("", oneTU))},
		{"UTF-16LE with BOM", utf16(unicode.LittleEndian, `<?xml version="1.0" encoding="UTF-16"?>`)},
		{"UTF-16BE with BOM", utf16(unicode.BigEndian, `<?xml version="1.0" encoding="utf-16"?>`)},
		{"UTF-16LE without BOM", noBOM},
		{"ISO-8859-1", latin1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(bytes.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got.Segments); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadLanguages(t *testing.T) {
	tests := []struct {
		name    string
		tu      string
		want    []tm.Segment
		skipped int
	}{
		{"regions and case", `<tu><tuv xml:lang="NL-NL"><seg>a</seg></tuv><tuv xml:lang="EN-GB"><seg>b</seg></tuv></tu>`,
			[]tm.Segment{{NL: "a", EN: "b", NLLang: "nl-NL", ENLang: "en-GB"}}, 0},
		{"underscore and Belgian Dutch", `<tu><tuv xml:lang="en_US"><seg>b</seg></tuv><tuv xml:lang="nl-BE"><seg>a</seg></tuv></tu>`,
			[]tm.Segment{{NL: "a", EN: "b", NLLang: "nl-BE", ENLang: "en-US"}}, 0},
		{"old lang attribute", `<tu><tuv lang="nl"><seg>a</seg></tuv><tuv lang="EN"><seg>b</seg></tuv></tu>`,
			[]tm.Segment{{NL: "a", EN: "b"}}, 0},
		// TestReadSameLanguageVariants has the warning.
		{"a further variant of a language is a segment of its own", `<tu><tuv xml:lang="nl-NL"><seg>a</seg></tuv><tuv xml:lang="nl-BE"><seg>c</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`,
			[]tm.Segment{{NL: "a", EN: "b", NLLang: "nl-NL"}, {NL: "c", EN: "b", NLLang: "nl-BE"}}, 0},
		{"no English", `<tu><tuv xml:lang="nl"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>`, nil, 1},
		{"empty after markup", `<tu><tuv xml:lang="nl"><seg>a</seg></tuv><tuv xml:lang="en"><seg><ph>&lt;br/&gt;</ph></seg></tuv></tu>`, nil, 1},
		{"ids and whitespace", `<tu tuid=" 7 "><tuv xml:lang="nl"><seg>  a
   b </seg></tuv><tuv xml:lang="en"><seg>c</seg></tuv></tu>`, []tm.Segment{{NL: "a b", EN: "c", Props: []tm.Prop{{Type: PropTUID, Value: "7"}}}}, 0},
		// A <ph> stands between words: a variable of the text is kept,
		// other code becomes a space (the words ran together).
		{"placeholders", `<tu><tuv xml:lang="nl"><seg>Zie artikel<ph x="1">&lt;br/&gt;</ph>3: <ph x="2">{amount}</ph> euro</seg></tuv><tuv xml:lang="en"><seg>See article<ph x="1">&lt;br/&gt;</ph>3: <ph>%s</ph> euros</seg></tuv></tu>`,
			[]tm.Segment{{NL: "Zie artikel 3: {amount} euro", EN: "See article 3: %s euros"}}, 0},
		// Code stands for a space only between word characters: beside
		// punctuation, brackets or white space it adds nothing.
		{"code beside punctuation", `<tu><tuv xml:lang="nl"><seg>Zie het verslag van gisteren<ph x="2">&lt;footnote/&gt;</ph>. (<ph x="3"/>zie bijlage<ph x="4"/>) en de tabel <ph x="5"/>hieronder: 1<ph/><ph/>000 <bpt i="1">&lt;b&gt;</bpt>€<ept i="1">&lt;/b&gt;</ept><ph/></seg></tuv><tuv xml:lang="en"><seg><ph/>See yesterday's report<ph x="2">&lt;footnote/&gt;</ph>, «<ph x="3"/>annex<ph x="4"/>»; staats<bpt i="1">&lt;b&gt;</bpt>greep<ept i="1">&lt;/b&gt;</ept><ph/><hi>coup</hi></seg></tuv></tu>`,
			[]tm.Segment{{NL: "Zie het verslag van gisteren. (zie bijlage) en de tabel hieronder: 1 000 €", EN: "See yesterday's report, «annex»; staatsgreep coup"}}, 0},
		// The text of a <sub> (an attribute's text inside code) is kept;
		// code inside the <sub> is code.
		{"sub in code keeps text, code in it dropped", `<tu><tuv xml:lang="nl"><seg>Zie<bpt i="1">&lt;a title="<sub>Rapport<ph>&lt;br/&gt;</ph>VN<bpt i="2">{i}</bpt>2020<ept i="2">{/i}</ept></sub>"&gt;</bpt>bijlage<ept i="1">&lt;/a&gt;</ept>.</seg></tuv><tuv xml:lang="en"><seg>See<ph>&lt;img alt="<sub>Kaart</sub>"/&gt;</ph>annex.</seg></tuv></tu>`,
			[]tm.Segment{{NL: "Zie Rapport VN2020 bijlage.", EN: "See Kaart annex."}}, 0},
		{"nested hi keeps text, code in it dropped", `<tu><tuv xml:lang="nl"><seg>x <hi>y <bpt i="1">{b}</bpt>z<ept i="1">{/b}</ept></hi></seg></tuv><tuv xml:lang="en"><seg>w</seg></tuv></tu>`,
			[]tm.Segment{{NL: "x y z", EN: "w"}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tmxDoc("", tt.tu)))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.Segments); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if got.Skipped != tt.skipped {
				t.Errorf("skipped %d, want %d", got.Skipped, tt.skipped)
			}
		})
	}
}

// TestReadSkipReasons: a skipped unit says where and why; a file without a
// <body> (a misspelt <bdy>) is an error, not an empty import, while an
// empty <body> is a memory of no unit (an export of an empty collection).
func TestReadSkipReasons(t *testing.T) {
	doc := tmxDoc("", `<tu><tuv xml:lang="nl"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>
<tu><tuv xml:lang="dutch"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>
<tu><tuv xml:lang="nl"><segment>a</segment></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>
<tu><tuv xml:lang="nl"><seg>The Government of Iceland has signed the Agreement.</seg></tuv><tuv xml:lang="en"><seg>The Government of Iceland has signed the Agreement.</seg></tuv></tu>
<tu><tuv xml:lang="nl"><seg>Treedt in werking op een nader te bepalen tijdstip</seg></tuv><tuv xml:lang="en"><seg>Treedt in werking op een nader te bepalen tijdstip</seg></tuv></tu>
`+oneTU)
	got, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []tm.Skip{
		{Line: 3, Reason: `no English <tuv> (the other variants are xml:lang "fr")`},
		{Line: 4, Reason: `no Dutch <tuv> (the other variants are xml:lang "dutch")`},
		{Line: 5, Reason: "the Dutch <tuv> has no text in a <seg>"},
		{Line: 6, Reason: "the Dutch side is English"},
		{Line: 7, Reason: "the English side is Dutch"},
	}
	if diff := cmp.Diff(want, got.SkippedUnits); diff != "" || got.Skipped != 5 || len(got.Segments) != 1 {
		t.Errorf("skipped %d, %d segments; reasons (-want +got):\n%s", got.Skipped, len(got.Segments), diff)
	}
	bad := `<tmx version="1.4"><header srclang="nl"/><bdy>` + oneTU + `</bdy></tmx>`
	if _, err := Read(strings.NewReader(bad)); !errors.Is(err, ErrNoUnits) {
		t.Errorf("<bdy>: %v, want ErrNoUnits", err)
	}
	if b, err := Read(strings.NewReader(`<tmx version="1.4"><header srclang="nl"/><body></body></tmx>`)); err != nil || len(b.Segments) != 0 {
		t.Errorf("an empty <body>: %d segments, %v; want none and no error", len(b.Segments), err)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		line int
		is   error  // nil: any error
		msg  string // part of the message
	}{
		{"internal subset", `<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY x "boom">]>
<tmx/>`, 2, ErrDTD, "DOCTYPE"},
		{"entity declaration", `<!DOCTYPE tmx SYSTEM "tmx14.dtd" <!ENTITY x "y">>` + "\n<tmx/>", 1, ErrDTD, "DOCTYPE"},
		{"undeclared entity", tmxDoc("", "<tu><tuv xml:lang=\"nl\"><seg>a&nbsp;b</seg></tuv></tu>"), 3, nil, "entity"},
		{"unclosed element", tmxDoc("", "<tu><tuv xml:lang=\"nl\"><seg>a</tuv></tu>"), 3, nil, "seg"},
		{"not TMX", `<martif/>`, 1, ErrNotTMX, "<martif>"},
		{"empty", ``, 0, ErrNotTMX, "no root"},
		{"bad date", tmxDoc("", "\n\n<tu creationdate=\"yesterday\">"+oneTU[4:]), 5, nil, "yesterday"},
		{"unknown encoding", `<?xml version="1.0" encoding="x-klingon"?><tmx/>`, 1, ErrEncoding, "x-klingon"},
		{"UTF-16 declared, none found", `<?xml version="1.0" encoding="UTF-16"?><tmx/>`, 1, ErrEncoding, "byte-order mark"},
		{"reserved collection name bad", tmxDoc("", `<tu><prop type="x-collection">no spaces please</prop><tuv xml:lang="nl"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`), 3, tm.ErrInvalid, "collection"},
		{"segment too long", tmxDoc("", `<tu><tuv xml:lang="nl"><seg>`+strings.Repeat("a", tm.MaxText+1)+`</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`), 3, tm.ErrInvalid, "nl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tt.doc))
			if err == nil {
				t.Fatalf("no error; read %+v", got)
			}
			var te *Error
			if !errors.As(err, &te) {
				t.Fatalf("%v: not a *tmx.Error", err)
			}
			if te.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", te.Line, tt.line, err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("%v: does not wrap %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "tmx: ") {
				t.Errorf("%q: want the prefix tmx: and %q in it", err, tt.msg)
			}
		})
	}
}

// TestReadTUIDs: the tuid of a file tolk wrote is the segment's id (an
// exported, corrected file imported again replaces its segments);
// another tool's is kept as the prop x-tuid, and the segment has no id
// (the content gives one): CAT tools number their units 1, 2, 3 … in
// every file, and a second memory's units replaced the first's.
func TestReadTUIDs(t *testing.T) {
	const tu = `<tu tuid="1"><tuv xml:lang="nl"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`
	ours := strings.Replace(tmxDoc("", tu), `creationtool="t"`, `creationtool="tolk"`, 1)
	for _, tc := range []struct {
		name, doc string
		want      []tm.Segment
	}{
		{"tolk's", ours, []tm.Segment{{ID: "1", NL: "a", EN: "b"}}},
		{"another tool's", tmxDoc("", tu), []tm.Segment{{NL: "a", EN: "b", Props: []tm.Prop{{Type: PropTUID, Value: "1"}}}}},
	} {
		got, err := Read(strings.NewReader(tc.doc))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got.Segments); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

// TestReadSourceLanguage: the header's srclang gives each unit's source,
// a unit's own srclang overrides it; *all* and Dutch are a Dutch source.
func TestReadSourceLanguage(t *testing.T) {
	unit := func(attr string) string {
		return `<tu` + attr + `><tuv xml:lang="en-US"><seg>Hello.</seg></tuv><tuv xml:lang="nl-NL"><seg>Hallo.</seg></tuv></tu>`
	}
	for _, tt := range []struct {
		header, units string
		want          []bool
	}{
		{"en-US", unit("") + unit(` srclang="nl-NL"`), []bool{true, false}},
		{"EN", unit(""), []bool{true}},
		{"*all*", unit("") + unit(` srclang="en"`), []bool{false, true}},
		{"nl-NL", unit(""), []bool{false}},
	} {
		doc := `<tmx version="1.4"><header srclang="` + tt.header + `"/><body>` + tt.units + `</body></tmx>`
		b, err := Read(strings.NewReader(doc))
		if err != nil {
			t.Fatalf("%s: %v", tt.header, err)
		}
		var got []bool
		for _, s := range b.Segments {
			got = append(got, s.ENSource)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("header srclang %q: ENSource %v, want %v", tt.header, got, tt.want)
		}
	}
}

// TestReadRepeats: units with the same Dutch and English text (once white
// space is collapsed) are counted as repeats, whatever their dates and
// notes; an import stores them as one segment.
func TestReadRepeats(t *testing.T) {
	doc := tmxDoc("", `<tu creationdate="20230101T000000Z"><tuv xml:lang="nl"><seg>De staatsgreep.</seg></tuv><tuv xml:lang="en"><seg>The coup.</seg></tuv></tu>
<tu creationdate="20240101T000000Z"><note>later</note><tuv xml:lang="nl-NL"><seg>De  staatsgreep.</seg></tuv><tuv xml:lang="en"><seg>The coup.</seg></tuv></tu>
<tu><tuv xml:lang="nl"><seg>De staatsgreep.</seg></tuv><tuv xml:lang="en"><seg>The putsch.</seg></tuv></tu>`)
	b, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Segments) != 3 || b.Repeats != 1 {
		t.Errorf("%d segments, %d repeats; want 3 and 1", len(b.Segments), b.Repeats)
	}
}

// TestReadSameLanguageVariants: a unit may hold several variants of one
// language (nl-NL and nl-BE, or two xml:lang="nl" as alternative
// translations). The first variant with text is the segment's; an empty
// one does not make the unit skipped when another of its language has
// text; a further variant with other text is a segment of its own with
// the other language's first variant, and said in Warnings with the
// unit's line, not dropped.
func TestReadSameLanguageVariants(t *testing.T) {
	tests := []struct {
		name  string
		tu    string
		want  []tm.Segment
		warns []tm.Warning
	}{
		{"empty Dutch, Belgian Dutch with text",
			`<tu><tuv xml:lang="nl-NL"><seg> </seg></tuv><tuv xml:lang="nl-BE"><seg>de gsm</seg></tuv><tuv xml:lang="en"><seg>the mobile phone</seg></tuv></tu>`,
			[]tm.Segment{{NL: "de gsm", EN: "the mobile phone", NLLang: "nl-BE"}}, nil},
		{"empty English first",
			`<tu><tuv xml:lang="nl"><seg>a</seg></tuv><tuv xml:lang="en-GB"/><tuv xml:lang="en-US"><seg>b</seg></tuv></tu>`,
			[]tm.Segment{{NL: "a", EN: "b", ENLang: "en-US"}}, nil},
		{"two Dutch variants with other text",
			`<tu creationid="jan"><tuv xml:lang="en"><seg>the mobile phone</seg></tuv><tuv xml:lang="nl"><seg>de mobiele telefoon</seg></tuv><tuv xml:lang="nl"><note>Vlaams</note><seg>de gsm</seg></tuv></tu>`,
			[]tm.Segment{
				{NL: "de mobiele telefoon", EN: "the mobile phone", Creator: "jan"},
				{NL: "de gsm", EN: "the mobile phone", Creator: "jan", Note: "nl: Vlaams"},
			},
			[]tm.Warning{{Line: 3, Message: `2 Dutch <tuv>s with different text (xml:lang "nl", "nl"): the first is the unit's segment, each other one a segment of its own with the English of the first`}}},
		{"regional variants with other text",
			`<tu><tuv xml:lang="nl-NL"><seg>a</seg></tuv><tuv xml:lang="nl-BE"><seg>c</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`,
			[]tm.Segment{{NL: "a", EN: "b", NLLang: "nl-NL"}, {NL: "c", EN: "b", NLLang: "nl-BE"}},
			[]tm.Warning{{Line: 3, Message: `2 Dutch <tuv>s with different text (xml:lang "nl-NL", "nl-BE"): the first is the unit's segment, each other one a segment of its own with the English of the first`}}},
		{"the same text twice is one segment",
			`<tu><tuv xml:lang="nl-NL"><seg>a</seg></tuv><tuv xml:lang="nl-BE"><seg> a </seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`,
			[]tm.Segment{{NL: "a", EN: "b", NLLang: "nl-NL"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tmxDoc("", tt.tu)))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.Segments); diff != "" {
				t.Errorf("segments (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warns, got.Warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
			if got.Skipped != 0 {
				t.Errorf("skipped %d: %v", got.Skipped, got.SkippedUnits)
			}
		})
	}
}
